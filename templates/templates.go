// Package templates holds the pack's words: one folder per language with
// short texts (*.toml, flat keys) and the pack's markdown templates (*.md,
// Go text/template). Everything is embedded, so the tool works offline.
package templates

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

//go:embed */*.toml */*.md
var files embed.FS

// Default is the language used when a profile names none.
const Default = "en"

// Supported lists the languages migready speaks, in display order: each
// has its folder of texts here (a test checks it), and the profile reader
// (inputs) accepts exactly these. To add a language, add its folder and
// its code.
var Supported = []string{"en", "nb", "sv", "da", "de", "nl"}

// Lang is one language's texts.
type Lang struct {
	Code string
	msgs map[string]string
	fs   fs.FS // the language's folder
	// variants are the key prefixes tried before a plain key (see Variant).
	variants []string
}

// Variant returns the language's texts for an installation that differs
// from the usual one, e.g. Variant("soadmin") for a version whose users and
// licences are managed in the Windows administration client: a key written
// under a variant's section ([soadmin.check.licences] steps = …) takes the
// place of the plain key (check.licences.steps) in T, Has and Raw; every
// other key reads as before. The first variant given wins. Keys lists the
// variants' keys as they are written ("soadmin.check.licences.steps").
func (l *Lang) Variant(names ...string) *Lang {
	if len(names) == 0 {
		return l
	}
	c := *l
	c.variants = make([]string, len(names))
	for i, n := range names {
		c.variants[i] = n + "."
	}
	return &c
}

// Variants lists the variant sections the language's texts use: the
// top-level tables whose keys repeat a plain key.
var Variants = []string{"soadmin", "nowindows"}

// lookup finds key's text, a variant's first.
func (l *Lang) lookup(key string) (string, bool) {
	for _, v := range l.variants {
		if s, ok := l.msgs[v+key]; ok {
			return s, true
		}
	}
	s, ok := l.msgs[key]
	return s, ok
}

var (
	mu    sync.Mutex
	cache = map[string]*Lang{}
)

// IsSupported reports whether code is one of Supported.
func IsSupported(code string) bool {
	for _, c := range Supported {
		if c == code {
			return true
		}
	}
	return false
}

// Load returns the texts for code. It fails for a code outside Supported.
func Load(code string) (*Lang, error) {
	if !IsSupported(code) {
		return nil, fmt.Errorf("unknown language %q (supported: %s)", code, strings.Join(Supported, ", "))
	}
	mu.Lock()
	defer mu.Unlock()
	if l, ok := cache[code]; ok {
		return l, nil
	}
	sub, err := fs.Sub(files, code)
	if err != nil {
		return nil, err
	}
	l := &Lang{Code: code, msgs: map[string]string{}, fs: sub}
	names, _ := fs.Glob(sub, "*.toml")
	if len(names) == 0 {
		return nil, fmt.Errorf("templates/%s: no texts", code)
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := fs.ReadFile(sub, name)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := toml.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("templates/%s/%s: %w", code, name, err)
		}
		if err := flatten(l.msgs, "", m); err != nil {
			return nil, fmt.Errorf("templates/%s/%s: %w", code, name, err)
		}
	}
	cache[code] = l
	return l, nil
}

// MustLoad is Load for languages known to ship (tests, English).
func MustLoad(code string) *Lang {
	l, err := Load(code)
	if err != nil {
		panic(err)
	}
	return l
}

func flatten(dst map[string]string, prefix string, m map[string]any) error {
	for k, v := range m {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		switch v := v.(type) {
		case string:
			if _, dup := dst[key]; dup {
				return fmt.Errorf("key %q defined twice", key)
			}
			dst[key] = v
		case map[string]any:
			if err := flatten(dst, key, v); err != nil {
				return err
			}
		default:
			return fmt.Errorf("key %q: texts must be strings, got %T", key, v)
		}
	}
	return nil
}

// Keys returns every text key of the language, sorted (for completeness tests).
func (l *Lang) Keys() []string {
	keys := make([]string, 0, len(l.msgs))
	for k := range l.msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Has reports whether key exists.
func (l *Lang) Has(key string) bool { _, ok := l.lookup(key); return ok }

// Raw returns the text for key without substitution, or "" when absent.
func (l *Lang) Raw(key string) string { s, _ := l.lookup(key); return s }

// T returns the text for key with {name} placeholders replaced by the
// name/value pairs in args. Floats are formatted for the language (decimal
// comma where it is used) with at most one decimal; ints get digit grouping.
// A missing key returns "!key!" so that tests catch it and a reader sees it.
func (l *Lang) T(key string, args ...any) string {
	s, ok := l.lookup(key)
	if !ok {
		return "!" + key + "!"
	}
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	// A direct scan rather than a strings.Replacer: T runs once per finding,
	// tens of thousands of times for a large export, and building a Replacer
	// per call cost more than everything else in the assessment.
	var b strings.Builder
	b.Grow(len(s) + 32)
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			break
		}
		name := s[open+1 : open+end]
		b.WriteString(s[:open])
		if v, ok := lookupArg(args, name); ok {
			b.WriteString(l.format(v))
		} else {
			b.WriteString(s[open : open+end+1])
		}
		s = s[open+end+1:]
	}
	b.WriteString(s)
	return b.String()
}

func lookupArg(args []any, name string) (any, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if k, ok := args[i].(string); ok && k == name {
			return args[i+1], true
		}
	}
	return nil, false
}

// Plural returns key+".one" for n == 1 and key+".other" otherwise, with n
// as {count} besides args. Every supported language has just these two forms.
func (l *Lang) Plural(key string, n int, args ...any) string {
	form := ".other"
	if n == 1 {
		form = ".one"
	}
	return l.T(key+form, append([]any{"count", n}, args...)...)
}

func (l *Lang) format(v any) string {
	switch v := v.(type) {
	case float64:
		return l.Number(v, 1)
	case float32:
		return l.Number(float64(v), 1)
	case int:
		return l.Int(v)
	case int64:
		return l.Int(int(v))
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// Number formats f with at most decimals decimals (trailing zeros dropped),
// using the language's decimal and group separators.
func (l *Lang) Number(f float64, decimals int) string {
	s := strconv.FormatFloat(f, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	out := group(intPart, l.sep("number.group", ","))
	if neg {
		out = "-" + out
	}
	if frac != "" {
		out += l.sep("number.decimal", ".") + frac
	}
	return out
}

// Int formats n with digit grouping (groups only from 10 000 up, as most
// style guides advise for four-digit numbers).
func (l *Lang) Int(n int) string { return l.Number(float64(n), 0) }

// ListSeparator is what separates the cells of a CSV file that Excel
// opens in this language's regions: its list separator, a semicolon where
// the decimal sign is a comma (number.list).
func (l *Lang) ListSeparator() rune {
	if s := l.sep("number.list", ","); utf8.RuneCountInString(s) == 1 {
		r, _ := utf8.DecodeRuneInString(s)
		return r
	}
	return ','
}

func (l *Lang) sep(key, def string) string {
	if s, ok := l.msgs[key]; ok {
		return s
	}
	return def
}

func group(digits, sep string) string {
	if len(digits) <= 4 {
		return digits
	}
	var b strings.Builder
	pre := len(digits) % 3
	if pre > 0 {
		b.WriteString(digits[:pre])
	}
	for i := pre; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// Date formats t as a reader of the language writes a date in running text,
// e.g. "24 November 2026" or "24. november 2026".
func (l *Lang) Date(t time.Time) string {
	return l.T("date.format",
		"day", strconv.Itoa(t.Day()),
		"month", l.T("date.month."+strconv.Itoa(int(t.Month()))),
		"year", strconv.Itoa(t.Year()))
}

// ShortDate formats t as the language writes a date in a table, in digits:
// "05.12.2026", "2026-12-05", "05-12-2026". Day and month have two digits.
func (l *Lang) ShortDate(t time.Time) string {
	return l.T("date.short",
		"day", fmt.Sprintf("%02d", t.Day()),
		"month", fmt.Sprintf("%02d", int(t.Month())),
		"year", strconv.Itoa(t.Year()))
}

// Hours formats a duration in hours, rounded to a half hour under 10 h and
// to whole hours above, never below half an hour.
func (l *Lang) Hours(h float64) string {
	if h < 10 {
		r := math.Ceil(h*2) / 2
		if r < 0.5 {
			r = 0.5
		}
		return l.Number(r, 1)
	}
	return l.Number(math.Round(h), 0)
}

// Template returns the text of a markdown template file of the language,
// e.g. "pack.md". The pack's templates hold no words of their own (every
// sentence comes from the *.toml texts), so a language that does not need a
// different structure uses English's.
func (l *Lang) Template(name string) (string, error) {
	b, err := fs.ReadFile(l.fs, path.Clean(name))
	if errors.Is(err, fs.ErrNotExist) && l.Code != Default {
		b, err = fs.ReadFile(files, Default+"/"+path.Clean(name))
	}
	return string(b), err
}

// TemplateNames lists the language's *.md files.
func (l *Lang) TemplateNames() []string {
	names, _ := fs.Glob(l.fs, "*.md")
	sort.Strings(names)
	return names
}
