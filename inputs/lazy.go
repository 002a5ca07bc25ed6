package inputs

import (
	"regexp"
	"sync"
)

// lazyRegexp compiles expr on first use. Compiling this package's regular
// expressions at start cost every process, migready version included,
// about a tenth of a millisecond each; most runs use a few of them.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
