package readiness

import (
	"fmt"

	"github.com/migready/migready/readiness/assessment"
)

// text makes a Text from name/value pairs, as the catalog's T takes them.
func text(key string, plural bool, pairs []any) assessment.Text {
	t := assessment.Text{Key: key, Plural: plural}
	for i := 0; i+1 < len(pairs); i += 2 {
		name, ok := pairs[i].(string)
		if !ok {
			panic(fmt.Sprintf("readiness: argument name %v of %s is not a string", pairs[i], key))
		}
		t.Args = append(t.Args, assessment.Arg{Name: name, Value: pairs[i+1]})
	}
	return t
}

// words makes Texts with the same calls the catalog has, so a check reads
// the same whether or not its words are written yet.
type words struct{}

// T is the text key with name/value pairs.
func (words) T(key string, pairs ...any) assessment.Text { return text(key, false, pairs) }

// Plural is the text key's .one or .other form, with n as "count".
func (words) Plural(key string, n int, pairs ...any) assessment.Text {
	return text(key, true, append([]any{"count", n}, pairs...))
}
