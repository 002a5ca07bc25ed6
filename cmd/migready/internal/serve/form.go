package serve

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/migready/migready/cmd/migready/internal/profiletext"
)

// kind is how the page asks for a key of the profile.
type kind string

const (
	kindText     kind = "text"     // a line of text; empty is not given
	kindEmail    kind = "email"    // an email address
	kindNumber   kind = "number"   // a number (float); empty is not given
	kindWhole    kind = "whole"    // a required whole number
	kindCount    kind = "count"    // a whole number, or don't know yet
	kindYesNo    kind = "yesno"    // don't know yet, or one of two answers
	kindList     kind = "list"     // don't know yet, none, or these (one a line)
	kindChoice   kind = "choice"   // don't know yet, none (""), or this text
	kindLanguage kind = "language" // customer.language
	kindCosts    kind = "costs"    // mail.spf_costs: an include and a count a line
	kindFile     kind = "file"     // users, brand.logo: an upload whose name the profile keeps
)

// A field is one key of the profile as the page asks for it: the form
// field of the same name, in the group of its table.
type field struct {
	Path     string
	Kind     kind
	Required bool
	Group    string
	Unit     string // of a number: "GB", "Mbit/s", "h"; "" for none
	typ      reflect.Type
}

// choiceKeys are the texts where "" is an answer of its own (SuperOffice's
// own sign-in; no SPF record): the page offers it as a choice.
var choiceKeys = map[string]bool{"customer.identity_provider": true, "mail.current_spf": true}

// emailKeys are the texts that hold an email address.
var emailKeys = map[string]bool{"customer.contact_email": true, "brand.prepared_by_email": true}

// databaseKeys are what the consultant finds in the customer's database:
// the page keeps them in a group of their own, folded away.
var databaseKeys = map[string]bool{"onsite.first_version": true, "onsite.sentry_addons": true, "onsite.dictionary_tables": true}

// units are the units people may type after a number.
var units = map[string]string{"onsite.database_gb": "GB", "onsite.archive_gb": "GB", "migration.uplink_mbps": "Mbit/s",
	"migration.database_gb_per_hour": "GB", "migration.fixed_hours": "h"}

// fields lists every key of the profile as the page asks for it, in the
// profile's order, from the same list of keys init writes: a key added to
// the Profile type is on the page the day it is added (and a test wants its
// label in every language).
var fields = func() []field {
	var out []field
	var walk func(keys []profiletext.Key, group string)
	walk = func(keys []profiletext.Key, group string) {
		for _, k := range keys {
			g := group
			if g == "" && k.Table {
				g = k.Path
			}
			if k.Table && k.Type.Kind() != reflect.Map {
				if k.Path == "onsite.documents" {
					g = "database"
				}
				walk(k.Keys, g)
				continue
			}
			f := field{Path: k.Path, Required: profiletext.Required[k.Path], Group: g, Unit: units[k.Path], typ: k.Type}
			if databaseKeys[k.Path] {
				f.Group = "database"
			}
			if f.Group == "" {
				f.Group = "export"
			}
			switch k.Type.Kind() {
			case reflect.String:
				switch {
				case k.Path == "users" || k.Path == "brand.logo":
					f.Kind = kindFile
				case k.Path == "customer.language":
					f.Kind = kindLanguage
				case choiceKeys[k.Path]:
					f.Kind = kindChoice
				case emailKeys[k.Path]:
					f.Kind = kindEmail
				default:
					f.Kind = kindText
				}
			case reflect.Float64:
				f.Kind = kindNumber
			case reflect.Int:
				f.Kind = kindCount
				if f.Required {
					f.Kind = kindWhole
				}
			case reflect.Bool:
				f.Kind = kindYesNo
			case reflect.Slice:
				f.Kind = kindList
			case reflect.Map:
				f.Kind = kindCosts
			default:
				panic("serve: no way to ask for " + k.Path)
			}
			out = append(out, f)
		}
	}
	walk(profiletext.Keys(), "")
	return out
}()

// groups are the page's groups of questions, in order; export is step 1.
var groups = []string{"customer", "onsite", "mail", "database", "migration", "brand"}

// fieldAt is the field of path, or nil.
func fieldAt(path string) *field {
	for i := range fields {
		if fields[i].Path == path {
			return &fields[i]
		}
	}
	return nil
}

// fieldOf is the field a problem with key is about: the key itself, or
// the field whose key it is part of (mail.spf_costs."x.com"); nil for none.
func fieldOf(key string) *field {
	for k := key; k != ""; {
		if f := fieldAt(k); f != nil {
			return f
		}
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return nil
}

// The answers to a question that may be answered "don't know yet": the
// radio button answer.<key> holds one of these.
const (
	stateUnknown = "unknown" // don't know yet: the key is left out
	stateNone    = "none"    // none: [] for a list, "" for a choice
	stateGiven   = "given"   // the value in the field <key>
)

// An answer is what the form says about one key.
type answer struct {
	State string // stateUnknown, stateNone or stateGiven
	Value string // as typed
}

// answers are the form's answers, by key.
type answers map[string]answer

// readAnswers reads the form's answers. A field sent without its answer.
// radio button (a script's post) is read as a profile reads it: a list or
// choice sent empty is "none", any other field sent empty is not given.
func readAnswers(get func(name string) (string, bool)) answers {
	a := answers{}
	for _, f := range fields {
		v, has := get(f.Path)
		state, hasState := get("answer." + f.Path)
		switch {
		case hasState && (state == stateUnknown || state == stateNone || state == stateGiven):
		case !has:
			state = stateUnknown
		case strings.TrimSpace(v) == "" && (f.Kind == kindList || f.Kind == kindChoice):
			state = stateNone
		default:
			state = stateGiven
		}
		if state == stateGiven && strings.TrimSpace(v) == "" {
			state = stateUnknown
		}
		if state != stateUnknown || has {
			a[f.Path] = answer{State: state, Value: v}
		}
	}
	return a
}

// value is the answer's text when it is given, else "".
func (a answers) value(path string) string {
	if x := a[path]; x.State == stateGiven {
		return x.Value
	}
	return ""
}

// profileValues turns the answers into the TOML values of the profile's
// keys, as profiletext writes them. A value that does not read as what the
// key takes (a number that is no number) is written as text, so that the
// profile reader, which checks every profile, reports it at its key.
func (a answers) profileValues() map[string]string {
	set := map[string]string{}
	for _, f := range fields {
		x, ok := a[f.Path]
		if !ok || x.State == stateUnknown {
			continue
		}
		v := strings.TrimSpace(x.Value)
		switch f.Kind {
		case kindText, kindEmail, kindLanguage:
			set[f.Path] = profiletext.String(v)
		case kindFile:
			set[f.Path] = profiletext.Path(v)
		case kindChoice:
			if x.State == stateNone {
				v = ""
			}
			set[f.Path] = profiletext.String(v)
		case kindNumber:
			if n, ok := parseNumber(v, f.Unit); ok {
				set[f.Path] = strconv.FormatFloat(n, 'f', -1, 64)
			} else {
				set[f.Path] = profiletext.String(v)
			}
		case kindWhole, kindCount:
			if n, ok := parseNumber(v, f.Unit); ok && n == math.Trunc(n) && math.Abs(n) < 1e15 {
				set[f.Path] = strconv.FormatInt(int64(n), 10)
			} else if ok {
				set[f.Path] = strconv.FormatFloat(n, 'f', -1, 64)
			} else {
				set[f.Path] = profiletext.String(v)
			}
		case kindYesNo:
			if v == "true" || v == "false" {
				set[f.Path] = v
			}
		case kindList:
			if x.State == stateNone {
				set[f.Path] = "[]"
			} else {
				set[f.Path] = profiletext.List(lines(v))
			}
		case kindCosts:
			if x.State != stateNone {
				set[f.Path] = costLines(v)
			}
		}
	}
	return set
}

// lines are the non-empty lines of s, trimmed.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

var costLineRe = regexp.MustCompile(`^"?([^"\s=:]+)"?\s*[=:\s]\s*(\S+)$`)

// costLines writes "include n" lines (also "include = n", "include: n") as
// the lines of [mail.spf_costs]. What is no whole number is written as
// text, which the profile reader reports.
func costLines(s string) string {
	var out []string
	for _, l := range lines(s) {
		m := costLineRe.FindStringSubmatch(l)
		if m == nil {
			out = append(out, profiletext.String(l)+" = "+profiletext.String(""))
			continue
		}
		if n, err := strconv.Atoi(m[2]); err == nil {
			out = append(out, profiletext.String(m[1])+" = "+strconv.Itoa(n))
		} else {
			out = append(out, profiletext.String(m[1])+" = "+profiletext.String(m[2]))
		}
	}
	return strings.Join(out, "\n")
}

var numberRe = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// parseNumber reads a number as people type it in a form: with a decimal
// point or comma, spaces between the thousands, and the field's unit after
// it ("14,5 GB", "1 200"). A number with both a point and a comma
// ("1.200,5") is refused rather than guessed at.
func parseNumber(s, unit string) (float64, bool) {
	s = strings.TrimSpace(s)
	if unit != "" && len(s) > len(unit) && strings.EqualFold(s[len(s)-len(unit):], unit) {
		s = strings.TrimSpace(s[:len(s)-len(unit)])
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009':
			return -1
		case '\u2212': // minus sign
			return '-'
		}
		return r
	}, s)
	if strings.Count(s, ",")+strings.Count(s, ".") > 1 {
		return 0, false
	}
	s = strings.Replace(s, ",", ".", 1)
	if !numberRe.MatchString(s) {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil && !math.IsInf(n, 0)
}

// formValues are the answers of a profile as the form shows them: the
// value of each key's field and, for a question with "don't know yet", its
// answer; numbers are written with the page language's decimal sign.
func formValues(raw map[string]any, decimal string) (values map[string]string, states map[string]string) {
	values, states = map[string]string{}, map[string]string{}
	for _, f := range fields {
		v, ok := lookup(raw, f.Path)
		if !ok {
			continue
		}
		states[f.Path] = stateGiven
		switch x := v.(type) {
		case string:
			values[f.Path] = x
			if x == "" && f.Kind == kindChoice {
				states[f.Path] = stateNone
			}
		case int64:
			values[f.Path] = strconv.FormatInt(x, 10)
		case float64:
			values[f.Path] = strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), ".", decimal, 1)
		case bool:
			values[f.Path] = strconv.FormatBool(x)
		case []any:
			items := make([]string, len(x))
			for i, item := range x {
				items[i] = fmt.Sprint(item)
			}
			values[f.Path] = strings.Join(items, "\n")
			if len(lines(values[f.Path])) == 0 {
				states[f.Path] = stateNone
			}
		case map[string]any:
			values[f.Path] = costText(x, "")
		default:
			values[f.Path] = fmt.Sprint(x)
		}
	}
	return values, states
}

// costText writes a table of counts as the form's lines, "include n";
// nested tables (a domain written without quotes) are joined back.
func costText(t map[string]any, prefix string) string {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		if sub, ok := t[k].(map[string]any); ok {
			out = append(out, costText(sub, prefix+k+"."))
			continue
		}
		out = append(out, prefix+k+" "+fmt.Sprint(t[k]))
	}
	return strings.Join(out, "\n")
}

// lookup finds the value at a dotted path in a decoded TOML document.
func lookup(raw map[string]any, path string) (any, bool) {
	var cur any = raw
	for _, part := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[part]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// unknownKeys lists the keys of a decoded profile that no field asks for.
func unknownKeys(raw map[string]any, prefix string) []string {
	var out []string
	for k, v := range raw {
		path := strings.TrimPrefix(prefix+"."+k, ".")
		if fieldAt(path) != nil {
			continue
		}
		if m, ok := v.(map[string]any); ok && isTable(path) {
			out = append(out, unknownKeys(m, path)...)
			continue
		}
		out = append(out, path)
	}
	sort.Strings(out)
	return out
}

// isTable reports whether path is a table of the profile.
func isTable(path string) bool {
	for _, f := range fields {
		if strings.HasPrefix(f.Path, path+".") {
			return true
		}
	}
	return false
}
