package inputs

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/idna"

	"github.com/migready/migready/templates"
)

// maxProfileErrors is the most problems listed from one profile: a wall of
// errors helps nobody, and a file that has more is probably not a profile.
const maxProfileErrors = 30

// ReadProfile reads and validates the profile at path. Relative paths in it
// (users, brand.logo) are resolved against the profile's folder.
func ReadProfile(path string) (*Profile, error) {
	data, err := ReadProfileFile(path)
	if err != nil {
		return nil, err
	}
	return ParseProfile(path, data)
}

// ReadProfileFile reads the profile's bytes; a missing profile gets a hint
// about the profile itself, not about the paths inside it.
func ReadProfileFile(path string) ([]byte, error) {
	data, err := ReadFile(path, RoleProfile)
	var e *Error
	if errors.As(err, &e) && e.Msg == "file not found" {
		e.Hint = "check the profile's name and folder (on Windows, drop the profile on migready.exe); migready init DIR makes a new profile.toml"
	}
	return data, err
}

// ParseProfile is ReadProfile on bytes already read. It reports every
// problem it finds: an *Error for one, Errors for several.
func ParseProfile(path string, data []byte) (*Profile, error) {
	if len(data) > MaxProfileBytes {
		return nil, &Error{File: path, Kind: ProblemNotAProfile, Msg: "not a TOML profile (binary or too large)", Hint: "pass the customer's profile.toml; the user export goes in its users key or -users"}
	}
	// Notepad saves "ANSI" (Windows-1252) or UTF-8 with a BOM, PowerShell's
	// Out-File UTF-16: read them all, as the export reader does.
	text, ok := toUTF8(data)
	if !ok {
		return nil, &Error{File: path, Kind: ProblemNotAProfile, Msg: "not a TOML profile (binary or too large)", Hint: "pass the customer's profile.toml; the user export goes in its users key or -users"}
	}
	if strings.TrimSpace(text) == "" {
		return nil, &Error{File: path, Kind: ProblemEmptyProfile, Msg: "profile is empty", Hint: "a profile needs at least [customer] name and the [onsite] section; migready init DIR writes one to fill in"}
	}
	// The tolerant pass finds the problems of the lines people get wrong
	// and blanks them; the parser reads the rest. A problem only the
	// parser sees (a key given twice…) is reported and its line blanked
	// in turn, so that every problem is reported in one run.
	errs, cleaned, read := syntaxPass(path, text)
	var raw map[string]any
	md, err := toml.Decode(cleaned, &raw)
	for err != nil && len(errs) < maxProfileErrors {
		e := syntaxError(path, cleaned, err)
		if e.Line < 1 || e.Line > len(read) {
			errs = append(errs, e)
			break
		}
		if l := read[e.Line-1]; l.key != "" {
			e.Key = qualified(l.table, l.key)
		}
		errs = append(errs, e)
		lines := strings.Split(cleaned, "\n")
		lines[e.Line-1] = ""
		cleaned = strings.Join(lines, "\n")
		raw = nil
		md, err = toml.Decode(cleaned, &raw)
	}
	if err != nil {
		return nil, finish(path, errs)
	}
	v := validator{path: path, data: []byte(text), lines: newLineIndex(text), md: md, reported: map[string]bool{}, values: map[string]string{}}
	for _, l := range read {
		if l.key != "" {
			v.values[qualified(l.table, l.key)] = l.value
			if l.dropped {
				v.reported[qualified(l.table, l.key)] = true // not missing: given in the duplicate
			}
		}
	}
	for _, e := range errs {
		v.reported[e.Key] = e.Key != ""
		v.errs = append(v.errs, e)
	}
	var p Profile
	v.decode(reflect.ValueOf(&p).Elem(), raw, "")
	p.Path = path
	v.check(&p)
	if len(v.errs) == 0 {
		return &p, nil
	}
	return nil, finish(path, v.errs)
}

// finish is a profile's problems as ParseProfile returns them: one *Error,
// or Errors in line order (those without a line last), at most
// maxProfileErrors of them.
func finish(path string, errs Errors) error {
	if len(errs) == 1 {
		return errs[0]
	}
	sort.SliceStable(errs, func(i, j int) bool {
		li, lj := errs[i].Line, errs[j].Line
		return li != 0 && (lj == 0 || li < lj)
	})
	if len(errs) > maxProfileErrors {
		more := fmt.Sprintf("%d more problems", len(errs)-maxProfileErrors)
		for _, e := range errs[maxProfileErrors:] {
			if e.Kind == ProblemTooManyErrors { // the syntax pass stopped counting
				more = "more problems"
			}
		}
		errs = append(errs[:maxProfileErrors:maxProfileErrors], &Error{File: path, Kind: ProblemTooManyErrors,
			Msg:  more + " not listed",
			Hint: "is this the customer's profile? fix the problems above and run again"})
	}
	return errs
}

var (
	decimalCommaRe = lazyRegexp(`^\s*([A-Za-z0-9_-]+)\s*=\s*(-?[0-9]+),([0-9]+)\s*(#.*)?$`)
	backslashRe    = lazyRegexp(`"[^"]*\\[^"]*"`)
)

// syntaxError explains a TOML syntax error, with the two mistakes people
// make most: a decimal comma and a Windows path in double quotes.
func syntaxError(path, text string, err error) *Error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return &Error{File: path, Kind: ProblemOther, Msg: "TOML: " + err.Error()}
	}
	e := &Error{File: path, Line: pe.Position.Line, Kind: ProblemOther, Msg: "TOML: " + pe.Message, Hint: pe.Usage}
	if strings.Contains(pe.Message, "already") {
		e.Kind = ProblemDuplicate
		e.Hint = "each key and each [section] is written once: remove the line, or merge the two"
	}
	if pe.LastKey != "" {
		e.Key = pe.LastKey
	}
	line := ""
	if lines := strings.Split(text, "\n"); pe.Position.Line >= 1 && pe.Position.Line <= len(lines) {
		line = strings.TrimRight(lines[pe.Position.Line-1], "\r")
	}
	if m := decimalCommaRe().FindStringSubmatch(line); m != nil {
		e.Key = qualified(tableAt(text, pe.Position.Line), m[1])
		e.Msg = fmt.Sprintf("%s = %s,%s has a decimal comma", m[1], m[2], m[3])
		e.Hint = fmt.Sprintf("write %s = %s.%s: numbers in a profile take a decimal point", m[1], m[2], m[3])
		return e
	}
	if q := backslashRe().FindString(line); q != "" && strings.Contains(pe.Message, `\`) {
		e.Msg = "TOML: " + q + ": a backslash in double quotes starts an escape"
		e.Hint = "write Windows paths in single quotes, users = '" + strings.Trim(q, `"`) + "', or with forward slashes"
		return e
	}
	if e.Hint == "" {
		e.Hint = "check the quoting and types on that line: strings in \"quotes\", numbers bare, lists in [brackets]"
	}
	return e
}

// tableAt returns the [table] a line belongs to.
func tableAt(text string, line int) string {
	cur := ""
	for i, l := range strings.Split(text, "\n") {
		if i+1 >= line {
			break
		}
		if m := tableRe().FindStringSubmatch(l); m != nil {
			cur = m[1]
		}
	}
	return cur
}

func qualified(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

// kindOf names a TOML value's type in words a sales representative knows.
func kindOf(v any) string {
	switch v.(type) {
	case string:
		return "text in quotes"
	case int64:
		return "a whole number"
	case float64:
		return "a number"
	case bool:
		return "true or false"
	case []any, []map[string]any:
		return "a list in [brackets]"
	case map[string]any:
		return "a table"
	default:
		return "a date"
	}
}

// decode copies raw into dst (a struct), reporting every unknown key and
// every value of the wrong type instead of stopping at the first.
func (v *validator) decode(dst reflect.Value, raw map[string]any, table string) {
	t := dst.Type()
	fields := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("toml"); tag != "" && tag != "-" {
			fields[tag] = i
		}
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		i, ok := fields[k]
		if !ok {
			e := v.unknownKey(append(toml.Key{}, appendTable(table, k)...))
			v.add(e)
			// A misspelt required key is one mistake, not also a missing key.
			if best := closest(k, validKeys(table)); best != "" && table != "" {
				v.reported[qualified(table, best)] = true
			}
			continue
		}
		f, val := dst.Field(i), raw[k]
		// A pointer to a value (a count that may be left out) gets one.
		if f.Kind() == reflect.Pointer && f.Type().Elem().Kind() != reflect.Struct {
			f.Set(reflect.New(f.Type().Elem()))
			f = f.Elem()
		}
		// A type that reads itself (SPFCosts) also reports its own problems.
		if u, ok := f.Addr().Interface().(toml.Unmarshaler); ok {
			if err := u.UnmarshalTOML(val); err != nil {
				v.fail(table, k, err.Error(), "")
			}
			continue
		}
		want := ""
		switch f.Kind() {
		case reflect.Struct, reflect.Pointer:
			m, ok := val.(map[string]any)
			if !ok {
				want = "a table [" + k + "]"
				break
			}
			if f.Kind() == reflect.Pointer {
				f.Set(reflect.New(f.Type().Elem()))
				f = f.Elem()
			}
			v.decode(f, m, qualified(table, k))
		case reflect.String:
			if s, ok := val.(string); ok {
				f.SetString(s)
			} else {
				want = "text in quotes"
			}
		case reflect.Float64:
			switch n := val.(type) {
			case float64:
				f.SetFloat(n)
			case int64:
				f.SetFloat(float64(n))
			default:
				want = "a number"
			}
		case reflect.Int:
			if n, ok := val.(int64); ok {
				f.SetInt(n)
			} else {
				want = "a whole number"
			}
		case reflect.Bool:
			if b, ok := val.(bool); ok {
				f.SetBool(b)
			} else {
				want = "true or false"
			}
		case reflect.Slice:
			list, ok := val.([]any)
			ss := make([]string, 0, len(list))
			for _, x := range list {
				s, isStr := x.(string)
				ok = ok && isStr
				ss = append(ss, s)
			}
			if ok {
				f.Set(reflect.ValueOf(ss))
			} else {
				want = `a list of texts in quotes, e.g. ["first", "second"]`
			}
		}
		if want != "" {
			got := kindOf(val)
			if _, isList := val.([]any); isList && strings.HasPrefix(want, "a list") {
				got = "a list with other values than texts"
			}
			if raw := v.values[qualified(table, k)]; raw != "" && f.Kind() == reflect.Int && got == "a number" {
				// "must be a whole number, not a number" read as if 0.5
				// were no number: the value as written says what is wrong.
				got = raw
			}
			hint, fix := v.typeFix(table, k, f.Kind(), val)
			if kh := keyHints[qualified(table, k)]; kh != "" && hint != "" {
				hint += "; " + kh
			} else if hint == "" {
				hint = kh
			}
			if hint == "" {
				hint = `e.g. version = "8.5 R10", database_gb = 14.5, satellites = 0, keep_addresses = true, mailboxes = ["support@company.no"]`
			}
			v.add(&Error{File: v.path, Line: v.line(table, k), Key: qualified(table, k), Kind: ProblemWrongType, Fix: fix,
				Msg: fmt.Sprintf("%s must be %s, not %s", qualified(table, k), want, got), Hint: hint})
		}
	}
}

// typeFix is what to write for a value of the wrong type, when it can be
// told from the value: a number in quotes without them, a text (a version
// written as 8.5) in quotes, yes as true, a text as a list of texts.
func (v *validator) typeFix(table, key string, want reflect.Kind, val any) (hint, fix string) {
	raw := v.values[qualified(table, key)]
	switch want {
	case reflect.Float64, reflect.Int:
		if s, ok := val.(string); ok {
			if n, _, ok := normalNumber(s); ok && !strings.Contains(n, "|") {
				fix = key + " = " + n
				return "write " + fix + ": a number without quotes", fix
			}
		}
		if f, ok := val.(float64); ok && want == reflect.Int && f == math.Trunc(f) && math.Abs(f) < 1e9 {
			fix = key + " = " + strconv.FormatFloat(f, 'f', 0, 64)
			return "write " + fix + ": a whole number, without a decimal point", fix
		}
	case reflect.String:
		if _, isBool := val.(bool); !isBool && raw != "" && !strings.HasPrefix(raw, `"`) && !strings.HasPrefix(raw, "'") && !strings.HasPrefix(raw, "[") {
			fix = key + ` = "` + raw + `"`
			return "write " + fix + ": text goes in quotes", fix
		}
	case reflect.Bool:
		if b, ok := boolWord(fmt.Sprint(val)); ok {
			fix = key + " = " + b
			return "write " + fix + ": true or false, in small letters, without quotes", fix
		}
	case reflect.Slice:
		if s, ok := val.(string); ok {
			fix = key + " = " + listItems(s)
			return "write " + fix + `: a list in [brackets], each text in "quotes"`, fix
		}
	}
	return "", ""
}

func appendTable(table, key string) []string {
	if table == "" {
		return []string{key}
	}
	return []string{table, key}
}

// Dir is the folder relative paths in the profile are resolved against.
func (p *Profile) Dir() string { return filepath.Dir(p.Path) }

// Resolve returns rel resolved against the profile's folder (absolute paths unchanged).
func (p *Profile) Resolve(rel string) string {
	if rel == "" || filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(p.Dir(), rel)
}

// isLocked reports whether err says another program holds the file open
// (on Windows, a workbook open in Excel cannot be read or replaced).
var isLocked = platformLocked // replaced in tests

func fileError(path string, err error) error {
	switch {
	case isLocked(err):
		return &Error{File: path, Msg: "the file is open in another program", Hint: "close it (in Excel, if it is a workbook) and run migready again"}
	case errors.Is(err, os.ErrNotExist):
		return &Error{File: path, Msg: "file not found", Hint: "check the path; paths in the profile are relative to the profile's folder"}
	case errors.Is(err, os.ErrPermission):
		return &Error{File: path, Msg: "permission denied", Hint: "the file must be readable by you"}
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return &Error{File: path, Msg: pe.Err.Error()}
	}
	return &Error{File: path, Msg: err.Error()}
}

// validKeys lists the keys each table accepts, from the struct tags, so the
// list can never drift from the types.
func validKeys(table string) []string {
	t := reflect.TypeOf(Profile{})
	if table != "" {
		// A nested table ("onsite.documents") is a table of a table.
		for _, part := range strings.Split(table, ".") {
			found := false
			for i := 0; i < t.NumField(); i++ {
				if t.Field(i).Tag.Get("toml") == part {
					t, found = t.Field(i).Type, true
					if t.Kind() == reflect.Pointer {
						t = t.Elem()
					}
					break
				}
			}
			if !found || t.Kind() != reflect.Struct {
				return nil
			}
		}
	}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("toml"); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

func (v *validator) unknownKey(k toml.Key) *Error {
	table, name := "", k[len(k)-1]
	if len(k) > 1 {
		table = k[0]
	}
	// A key nested deeper than [table].key, or an unknown table: report the
	// outermost unknown part.
	if len(k) > 2 {
		name = k[1]
	}
	valid := validKeys(table)
	if table != "" && valid == nil {
		table, name, valid = "", k[0], validKeys("")
	}
	full := name
	if table != "" {
		full = table + "." + name
	}
	e := &Error{File: v.path, Line: v.keyLine(table, name), Key: full, Kind: ProblemUnknownKey, Msg: "unknown key " + full}
	if home, ok := homeOf(name, table); ok && len(k) == len(appendTable(table, name)) {
		// A key of another table: most often its [table] line is missing
		// or misspelt above it, or the key was pasted under the wrong one.
		if home == "" {
			e.Hint = name + " belongs at the top of the profile, before the first [table] line: move it there"
		} else {
			e.Hint = name + " belongs in [" + home + "]: is the line [" + home + "] missing above it, or the key under the wrong table?"
		}
		return e
	}
	if best := closest(name, valid); best != "" {
		if table != "" {
			best = table + "." + best
		}
		e.Hint = "did you mean " + best + "? valid keys"
	} else {
		e.Hint = "valid keys"
	}
	where := "at the top"
	if table != "" {
		where = "in [" + table + "]"
	}
	e.Hint += " " + where + ": " + strings.Join(valid, ", ")
	return e
}

// homeOf is the table another than table that has a key named name ("" for
// the top of the profile), when exactly one has.
func homeOf(name, table string) (home string, ok bool) {
	found := 0
	var tables []string
	tables = append(tables, "")
	for _, t := range validKeys("") {
		if validKeys(t) != nil {
			tables = append(tables, t)
		}
	}
	for _, t := range tables {
		if t == table || !slices.Contains(validKeys(t), name) || (t == "" && validKeys(name) != nil) {
			continue
		}
		home, found = t, found+1
	}
	return home, found == 1
}

var tableRe = lazyRegexp(`^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]`)

// lineIndex maps each key and table of a profile to the line defining it,
// built in one pass, so that reporting every problem stays linear in the
// profile's size (a line search per problem made a 4,000-key profile take
// seconds).
type lineIndex struct {
	keys      map[string]int // "table.key" (and each dotted prefix), "table" → first line
	commented map[string]int // "table.key" written as "# key = …", as init leaves required keys
}

var keyPartRe = lazyRegexp(`^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*`)

func newLineIndex(text string) *lineIndex {
	ix := &lineIndex{keys: map[string]int{}, commented: map[string]int{}}
	set := func(m map[string]int, k string, n int) {
		if _, ok := m[k]; !ok {
			m[k] = n
		}
	}
	cur := ""
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		if m := tableRe().FindStringSubmatch(line); m != nil {
			cur = m[1]
			set(ix.keys, cur, n)
			continue
		}
		rest, commented := strings.TrimSpace(line), false
		if strings.HasPrefix(rest, "#") {
			rest, commented = rest[1:], true
		}
		// The key: bare or quoted parts joined by dots, then "=".
		var parts []string
		for {
			m := keyPartRe().FindStringSubmatch(rest)
			if m == nil {
				break
			}
			parts = append(parts, strings.Trim(m[1], `"'`))
			rest = rest[len(m[0]):]
			if !strings.HasPrefix(rest, ".") {
				break
			}
			rest = rest[1:]
		}
		switch {
		case len(parts) == 0 || !strings.HasPrefix(rest, "="):
		case commented:
			set(ix.commented, qualified(cur, parts[0]), n)
		default:
			for j := 1; j <= len(parts); j++ {
				set(ix.keys, qualified(cur, strings.Join(parts[:j], ".")), n)
			}
		}
	}
	return ix
}

// KeyLine is the line of the profile data that gives key ("users",
// "brand.logo"), 0 when it is not known: an error about a file the
// profile names points at the line that names it.
func KeyLine(data []byte, key string) int {
	text, ok := toUTF8(data)
	if !ok {
		return 0
	}
	return newLineIndex(text).keys[key]
}

// keyLine is the line defining table.key; 0 when not found (e.g. a key in
// an inline table), in which case the error still names the key.
func (v *validator) keyLine(table, key string) int { return v.lines.keys[qualified(table, key)] }

// closest returns the valid key nearest to name by edit distance, if it is
// near enough to be a plausible typo.
func closest(name string, valid []string) string {
	best, bestD := "", math.MaxInt
	for _, v := range valid {
		if d := editDistance(strings.ToLower(name), v); d < bestD {
			best, bestD = v, d
		}
	}
	if bestD > max(2, len(name)/2) {
		return ""
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

type validator struct {
	path     string
	data     []byte
	lines    *lineIndex
	md       toml.MetaData
	errs     Errors
	reported map[string]bool   // keys with an error already: one error per key
	values   map[string]string // each key's value as written, for a fix
}

func (v *validator) add(e *Error) {
	if e.Key != "" {
		if v.reported[e.Key] {
			return
		}
		v.reported[e.Key] = true
	}
	v.errs = append(v.errs, e)
}

// fail records a problem with table.key; the run goes on to find the others.
func (v *validator) fail(table, key, msg, hint string) {
	v.failKind(ProblemInvalidValue, table, key, msg, hint)
}

// failKind is fail with the problem's kind.
func (v *validator) failKind(kind, table, key, msg, hint string) {
	v.add(&Error{File: v.path, Line: v.line(table, key), Key: qualified(table, key), Kind: kind, Msg: msg, Hint: hint})
}

// line is the line of table.key, else of its [table] header (where a
// missing key belongs), else 0.
func (v *validator) line(table, key string) int {
	if n := v.keyLine(table, key); n > 0 || table == "" {
		return n
	}
	return v.lines.keys[table]
}

// given makes a list key written as [] an empty, non-nil list, so that
// "checked, none" can be told from a key that was left out (nil).
func (v *validator) given(list *[]string, table, key string) {
	if *list == nil && v.md.IsDefined(table, key) {
		*list = []string{}
	}
}

// required reports whether table.key is given without an error; a missing
// key that sits commented out (as migready init writes it) points at its line.
func (v *validator) required(table, key, hint string) bool {
	if v.md.IsDefined(table, key) {
		return !v.reported[qualified(table, key)]
	}
	e := &Error{File: v.path, Line: v.line(table, key), Key: qualified(table, key), Kind: ProblemMissingKey,
		Msg: "missing required key " + qualified(table, key), Hint: "add it under [" + table + "]: " + hint}
	if n := v.lines.commented[qualified(table, key)]; n > 0 {
		e.Line, e.Kind = n, ProblemCommentedOut
		e.Msg = "required key " + qualified(table, key) + " is still commented out"
		e.Hint = "remove the # at the start of the line and fill in the value: " + hint
	}
	v.add(e)
	return false
}

// numberRange is the accepted range of a profile number. The limits keep
// absurd values (1e308 GB, 1e-320 Mbit/s) out of the downtime model, where
// they would print as +Inf hours; docs/profile.md lists them.
type numberRange struct {
	table, key string
	min, max   float64
	minOpen    bool // min itself is not accepted
	hint       string
}

var profileRanges = []numberRange{
	{"onsite", "database_gb", 0, 100_000, false, "the database size in GB, 0 to 100000, e.g. database_gb = 14.5"},
	{"onsite", "archive_gb", 0, 1_000_000, false, "the document archive (so_arc) size in GB, 0 to 1000000, e.g. archive_gb = 120; 0 if there is none"},
	{"onsite", "satellites", 0, 10_000, false, "the number of active satellites (Replication > Define satellites), 0 to 10000; 0 if none"},
	{"migration", "uplink_mbps", 0.1, 100_000, false, "upload bandwidth in Mbit/s, 0.1 to 100000, e.g. uplink_mbps = 100"},
	{"migration", "efficiency", 0.01, 1, false, "share of the uplink the transfer really gets, 0.01 to 1, e.g. efficiency = 0.6"},
	{"migration", "database_gb_per_hour", 0.1, 10_000, false, "GB of database exported and imported per hour, 0.1 to 10000, e.g. database_gb_per_hour = 10"},
	{"migration", "fixed_hours", 0, 1_000, true, "hours for the fixed steps (freeze, checks, switch-over), more than 0 and at most 1000, e.g. fixed_hours = 2"},
	{"migration", "low_factor", 0.1, 1, false, "0.1 to 1, e.g. low_factor = 0.75"},
	{"migration", "high_factor", 1, 10, false, "1 to 10, e.g. high_factor = 1.75"},
}

// customTablesRange is [onsite] custom_tables, kept out of profileRanges,
// whose order the validator indexes.
var customTablesRange = numberRange{"onsite", "custom_tables", 0, 100_000, false,
	"the number of custom tables (custom objects) in the database, 0 to 100000; 0 if there are none"}

// number checks a given number against its range.
func (v *validator) number(r numberRange, x float64) {
	if !v.md.IsDefined(r.table, r.key) || v.reported[qualified(r.table, r.key)] {
		return
	}
	lo, hi := strconv.FormatFloat(r.min, 'f', -1, 64), strconv.FormatFloat(r.max, 'f', -1, 64)
	accepted := "accepted: " + lo + " to " + hi
	if r.minOpen {
		accepted = "accepted: more than " + lo + ", at most " + hi
	}
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		v.failKind(ProblemOutOfRange, r.table, r.key, fmt.Sprintf("%s = %v is not a usable number (%s)", qualified(r.table, r.key), x, accepted), r.hint)
	case x < r.min || x == r.min && r.minOpen || x > r.max:
		v.failKind(ProblemOutOfRange, r.table, r.key, fmt.Sprintf("%s = %s is out of range (%s)", qualified(r.table, r.key), strconv.FormatFloat(x, 'g', -1, 64), accepted), r.hint)
	}
}

// pathKey rejects a path that TOML's escapes changed: in double quotes,
// "D:\temp\new.csv" reads as D:<TAB>emp<NEWLINE>ew.csv.
func (v *validator) pathKey(table, key, val string) {
	if !strings.ContainsAny(val, "\t\n\r\b\f") {
		return
	}
	n := v.keyLine(table, key)
	given := val
	if n > 0 {
		line := strings.Split(string(v.data), "\n")[n-1]
		if q := backslashRe().FindString(line); q != "" {
			given = strings.Trim(q, `"`)
		}
	}
	v.fail(table, key, fmt.Sprintf(`%s = "%s": in double quotes a backslash starts an escape (\t is a tab, \n a new line), so this is not the path you meant`, key, given),
		fmt.Sprintf("write the path in single quotes, %s = '%s', or with forward slashes, %s = \"%s\"", key, given, key, strings.ReplaceAll(given, `\`, "/")))
}

var (
	tenantRe = lazyRegexp(`^Cust[0-9]+$`)
	colorRe  = lazyRegexp(`^#[0-9A-Fa-f]{6}$`)
	labelRe  = lazyRegexp(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	domainRe = lazyRegexp(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
)

// isDomain reports whether d (lower case) is a domain name, written in
// ASCII or in the letters of its language ("blåbær.no").
func isDomain(d string) bool {
	a, err := idna.Lookup.ToASCII(d)
	return err == nil && domainRe().MatchString(a)
}

func (v *validator) check(p *Profile) {
	v.pathKey("", "users", p.Users)

	c := &p.Customer
	if v.required("customer", "name", `the customer's company name, e.g. name = "Fjordkraft AS"`) && strings.TrimSpace(c.Name) == "" {
		v.fail("customer", "name", "customer name is empty", `write the company's name, e.g. name = "Fjordkraft AS"`)
	}
	c.Name = strings.TrimSpace(c.Name)
	v.checkLengths(p)
	if c.Language == "" {
		c.Language = "en"
	}
	if code, suggest := CanonicalLanguage(c.Language); code != "" {
		c.Language = code
	} else if !v.reported["customer.language"] {
		v.fail("customer", "language", fmt.Sprintf("unsupported language %q", c.Language), LanguageHint("language = ", suggest))
	}
	if c.Tenant != "" && !tenantRe().MatchString(c.Tenant) {
		v.fail("customer", "tenant", fmt.Sprintf("tenant %q does not look like a tenant id", c.Tenant), "tenant ids look like Cust12345; leave tenant out if it is not known yet")
	}
	if c.ContactEmail != "" && !looksLikeAddress(c.ContactEmail) {
		v.fail("customer", "contact_email", fmt.Sprintf("%q is not an email address", c.ContactEmail), "e.g. contact_email = \"admin@company.no\"")
	}
	if c.MailLabel != "" && !labelRe().MatchString(c.MailLabel) {
		v.fail("customer", "mail_label", fmt.Sprintf("mail_label %q is not a valid DNS label", c.MailLabel), "lower-case letters, digits and inner hyphens, at most 63 characters, e.g. mail_label = \"fjordkraft\"")
	}
	for i, d := range c.Domains {
		if c.Domains[i] = strings.Trim(strings.ToLower(strings.TrimSpace(d)), "."); !isDomain(c.Domains[i]) {
			v.fail("customer", "domains", fmt.Sprintf("%q is not a domain name", d), `the domains of the users' addresses, e.g. domains = ["fjordkraft.se", "fjordkraft.dk"] (no @, no https://)`)
			break
		}
	}

	o := &p.Onsite
	if v.required("onsite", "version", `the version shown in the About box of SuperOffice, e.g. version = "8.5 R10"`) && strings.TrimSpace(o.Version) == "" {
		v.fail("onsite", "version", "onsite version is empty", `write the version shown in the admin client's About box, e.g. version = "8.5 R10"`)
	}
	for i, x := range []float64{o.DatabaseGB, o.ArchiveGB} {
		if r := profileRanges[i]; v.required(r.table, r.key, r.hint) {
			v.number(r, x)
		}
	}
	// Satellites are optional: from version 9 there are none, and an
	// export with an Active satellite column tells. Left out, the check is
	// unknown, never "none".
	o.SatellitesGiven = v.md.IsDefined("onsite", "satellites")
	v.number(profileRanges[2], float64(o.Satellites))
	o.CustomTablesGiven = v.md.IsDefined("onsite", "custom_tables")
	v.number(customTablesRange, float64(o.CustomTables))
	// A list given but empty is an answer ("checked, none"); nil is silence.
	v.given(&o.TravelUsers, "onsite", "travel_users")
	v.given(&o.Customizations, "onsite", "customizations")
	v.given(&o.Integrations, "onsite", "integrations")
	v.noWindowsClient(o)
	v.omtChecks(p)

	if p.Mail != nil {
		m := p.Mail
		for i := range m.Mailboxes {
			m.Mailboxes[i] = strings.TrimSpace(m.Mailboxes[i])
		}
		v.given(&m.Mailboxes, "mail", "mailboxes")
		m.KeepAddressesGiven = v.md.IsDefined("mail", "keep_addresses")
		m.CurrentSPFGiven = v.md.IsDefined("mail", "current_spf")
		m.Domain = strings.ToLower(strings.TrimSpace(m.Domain))
		// mailboxes = [] alone says there are none; then no domain is needed.
		noDomainNeeded := m.NoMailboxes() && !m.KeepAddressesGiven && !m.CurrentSPFGiven
		if (!v.md.IsDefined("mail", "domain") || m.Domain == "") && !noDomainNeeded {
			v.fail("mail", "domain", "[mail] needs the customer's mail domain", `e.g. domain = "fjordkraft.no"; or, when Service reads no mailboxes, write only mailboxes = [] under [mail]`)
		} else if m.Domain != "" && !domainRe().MatchString(m.Domain) {
			v.fail("mail", "domain", fmt.Sprintf("%q is not a domain name", m.Domain), `e.g. domain = "fjordkraft.no" (no @, no https://)`)
		}
		// Empty means the default, which readiness owns (DefaultServiceDomain).
		m.ServiceDomain = strings.ToLower(strings.TrimSpace(m.ServiceDomain))
		if m.ServiceDomain != "" && !domainRe().MatchString(m.ServiceDomain) {
			v.fail("mail", "service_domain", fmt.Sprintf("%q is not a domain name", m.ServiceDomain), "suocrm.eu for new tenants, suocrm.com for some older ones")
		}
	}

	v.spfCosts(p.Mail)

	g := &p.Migration
	for i, x := range []float64{g.UplinkMbps, g.Efficiency, g.DatabaseGBPerHour, g.FixedHours, g.LowFactor, g.HighFactor} {
		v.number(profileRanges[3+i], x)
	}

	b := &p.Brand
	v.pathKey("brand", "logo", b.Logo)
	if b.Color != "" && !colorRe().MatchString(b.Color) {
		v.fail("brand", "color", fmt.Sprintf("color %q is not a #RRGGBB colour", b.Color), `e.g. color = "#0B5FFF"`)
	}
	if b.PreparedByEmail != "" && !looksLikeAddress(b.PreparedByEmail) {
		v.fail("brand", "prepared_by_email", fmt.Sprintf("%q is not an email address", b.PreparedByEmail), `e.g. prepared_by_email = "consultant@partner.no"`)
	}
}

// languageNames maps what people write for a language (region tags aside)
// to the code migready suggests.
var languageNames = map[string]string{
	"nn": "nb", "nno": "nb", "nob": "nb", "nor": "nb", "norsk": "nb", "norwegian": "nb", "bokmal": "nb", "bokmål": "nb",
	"se": "sv", "swe": "sv", "svenska": "sv", "swedish": "sv", "svensk": "sv",
	"dk": "da", "dan": "da", "dansk": "da", "danish": "da",
	"ger": "de", "deu": "de", "deutsch": "de", "german": "de",
	"nld": "nl", "dut": "nl", "nederlands": "nl", "dutch": "nl", "vlaams": "nl",
	"eng": "en", "english": "en", "engelsk": "en", "gb": "en", "uk": "en", "us": "en",
}

// CanonicalLanguage turns a language as people write it (no, nb-NO, NO,
// sv_SE, de-DE…) into one of templates.Supported. When it cannot, code is "" and
// suggest is the closest language, if one is close.
func CanonicalLanguage(s string) (code, suggest string) {
	c := strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(c, "-_"); i >= 0 {
		c = c[:i]
	}
	if c == "no" {
		c = "nb" // Norwegian: the pack is written in Bokmål
	}
	if templates.IsSupported(c) {
		return c, ""
	}
	if l, ok := languageNames[c]; ok {
		return "", l
	}
	names := make([]string, 0, len(languageNames))
	for n := range languageNames {
		if len(n) > 3 {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if best := closest(c, names); best != "" {
		return "", languageNames[best]
	}
	return "", ""
}

// LanguageHint is the hint for an unsupported language; prefix is how the
// suggestion is written ("language = " in a profile, "-lang " on the command line).
func LanguageHint(prefix, suggest string) string {
	hint := "supported: " + strings.Join(templates.Supported, ", ")
	if suggest != "" {
		hint = fmt.Sprintf("did you mean %s%q? %s", prefix, suggest, hint)
	}
	return hint
}

// SetLockedForTest makes every file error look like a locked file (as
// Windows reports a workbook open in Excel) and returns the restore func.
// Only for tests of other packages; Linux cannot produce the error.
func SetLockedForTest(f func(error) bool) (restore func()) {
	old := isLocked
	isLocked = f
	return func() { isLocked = old }
}

// looksLikeAddress reports whether s, a contact's address the pack prints
// on its cover, has the shape of one: a local part, one "@", a domain of
// dot-separated labels, no spaces. It catches a typo such as
// "pieter@@vandenberg.nl" or "kari@acme"; the users' addresses get the
// full check of what Online accepts (readiness.ValidEmail).
func looksLikeAddress(s string) bool {
	s = strings.TrimSpace(s)
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.Contains(domain, "@") || strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return false
		}
	}
	return true
}
