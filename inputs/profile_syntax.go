package inputs

import (
	"fmt"
	"iter"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// The profile is written by hand, in Notepad or TextEdit, by people who do
// not know TOML. Before the TOML parser sees it, a tolerant pass reads it
// line by line as people write it: it finds each line's section and key
// even when the value is malformed, says what is wrong with the value in
// the words of the key ("database_gb = 14.5 GB has a unit") and what to
// write instead ("database_gb = 14.5"), and blanks the line, so that the
// parser reads the rest and every problem of the profile is reported in
// one run. Each problem is an *Error with its Line, its Key (section.key,
// the field a form shows it at), a Kind from syntaxKinds and the Fix.

// The kinds of problem a profile can have (Error.Kind): stable names, so
// that a page in another language can word them at the key's field.
const (
	ProblemUnit            = "unit"                    // a number with its unit: 14.5 GB
	ProblemThousands       = "thousands"               // a thousands separator: 1 200, 1'200, 1.200.000
	ProblemDecimalComma    = "decimal-comma"           // 14,5
	ProblemThousandsComma  = "thousands-decimal-comma" // 1.200,5
	ProblemCommaAmbiguous  = "comma-ambiguous"         // 1,200: a decimal comma or a thousands separator
	ProblemNotNumber       = "not-a-number"            // two, ca. 15, ?
	ProblemUnquoted        = "unquoted-text"           // version = 8.5 R10
	ProblemTypographic     = "typographic-quotes"
	ProblemUnclosed        = "unclosed-quote"    // name = "Nordlys
	ProblemBackslash       = "backslash"         // "C:\Users\…" in double quotes
	ProblemStrayEquals     = "stray-equals"      // database_gb == 14.5, key = = 1
	ProblemTwoKeys         = "two-keys"          // version = "9" database_gb = 1
	ProblemNoValue         = "no-value"          // database_gb =
	ProblemNoEquals        = "no-equals"         // database_gb 14.5, database_gb: 14.5
	ProblemBool            = "not-true-false"    // keep_addresses = yes
	ProblemList            = "not-a-list"        // mailboxes = a@b.no, c@b.no
	ProblemListOpen        = "list-not-closed"   // customizations = ["a",
	ProblemHeader          = "section-header"    // [onsite
	ProblemKey             = "bad-key"           // database gb = 1
	ProblemLine            = "not-key-value"     // a line that is neither
	ProblemOther           = "syntax"            // what the TOML parser says
	ProblemWrongType       = "wrong-type"        // valid TOML of another type (the validator)
	ProblemUnknownKey      = "unknown-key"       // the validator
	ProblemMissingKey      = "missing-key"       // the validator
	ProblemCommentedOut    = "commented-out"     // the validator: a required key still commented out
	ProblemOutOfRange      = "out-of-range"      // the validator
	ProblemInvalidValue    = "invalid-value"     // the validator: not a language, a colour, a domain…
	ProblemMultiLineClose  = "multi-line-text"   // """ never closed
	ProblemDuplicate       = "duplicate"         // a key or section given twice
	ProblemFileNotFound    = "file-not-found"    // a path in the profile names no file
	ProblemNoWindowsClient = "no-windows-client" // Travel users or satellites on a version without the Windows client
	ProblemForeignExport   = "foreign-export"    // the export's addresses are mostly another company's
	ProblemNotAProfile     = "not-a-profile"     // the file is an export, a workbook…
	ProblemEmptyProfile    = "empty-profile"     // nothing in it
	ProblemTooManyErrors   = "too-many-problems"
)

// valueKind is what a key of the profile takes.
type valueKind int

const (
	anyValue valueKind = iota // not a key of the profile
	textValue
	numberValue
	wholeValue
	boolValue
	listValue
	tableValue
)

// kindOfKey is what table.key takes, from the Profile type's fields.
func kindOfKey(table, key string) valueKind {
	parts := append(splitDotted(table), splitDotted(key)...)
	t := reflect.TypeOf(Profile{})
	for i, p := range parts {
		if t.Kind() == reflect.Map { // [mail.spf_costs]: any domain, a count
			return wholeValue
		}
		if t.Kind() != reflect.Struct {
			return anyValue
		}
		f, ok := fieldByTag(t, p)
		if !ok {
			return anyValue
		}
		t = f.Type
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if i < len(parts)-1 {
			continue
		}
		switch t.Kind() {
		case reflect.String:
			return textValue
		case reflect.Float64:
			return numberValue
		case reflect.Int:
			return wholeValue
		case reflect.Bool:
			return boolValue
		case reflect.Slice:
			return listValue
		case reflect.Struct, reflect.Map:
			return tableValue
		}
	}
	return anyValue
}

func fieldByTag(t reflect.Type, tag string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Tag.Get("toml") == tag {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

func splitDotted(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, ".") {
		out = append(out, strings.Trim(strings.TrimSpace(p), `"'`))
	}
	return out
}

// keyExamples are a plausible value of each key, for a hint when the
// value written tells nothing of what was meant.
var keyExamples = map[string]string{
	"users": `"brukere.xlsx"`, "sheet": `"Users"`,
	"customer.name": `"Nordlys Energi AS"`, "customer.tenant": `"Cust12345"`, "customer.language": `"nb"`,
	"customer.contact_name": `"Kari Nordmann"`, "customer.contact_email": `"kari@nordlys.no"`, "customer.mail_label": `"nordlys"`,
	"onsite.version": `"8.5 R10"`, "onsite.database_gb": "14.5", "onsite.archive_gb": "120", "onsite.satellites": "0",
	"onsite.custom_tables": "0", "onsite.first_version": `"7.5"`,
	"mail.domain": `"nordlys.no"`, "mail.keep_addresses": "true", "mail.mailboxes": `["support@nordlys.no"]`,
	"mail.current_spf": `"v=spf1 include:spf.protection.outlook.com -all"`, "mail.service_domain": `"suocrm.eu"`,
	"migration.uplink_mbps": "100", "migration.efficiency": "0.6", "migration.database_gb_per_hour": "10",
	"migration.fixed_hours": "2", "migration.low_factor": "0.75", "migration.high_factor": "1.75",
	"brand.logo": `"logo.png"`, "brand.color": `"#0B5FFF"`, "brand.prepared_by": `"Kari Nordmann"`,
}

// example is a value of the kind k, for key.
func example(full string, k valueKind) string {
	if e, ok := keyExamples[full]; ok {
		return e
	}
	switch k {
	case numberValue:
		return "1.5"
	case wholeValue:
		return "0"
	case boolValue:
		return "true"
	case listValue:
		return `["…"]`
	case tableValue:
		return "" // a section, not a value
	}
	return `"…"`
}

// profileLine is one line of the profile as the tolerant pass read it.
type profileLine struct {
	table string // the section it is in
	key   string // the key as written, dotted parts trimmed and unquoted; "" for none
	value string // the value as written, its comment left out
	// dropped: in a section given twice, left out of what is read (the
	// duplicate is the problem reported).
	dropped bool
}

// syntaxPass reads the profile's lines tolerantly. It returns the problems
// it found, one per broken line (or construct), the text with those lines
// blanked (so that the TOML parser reads the rest, with the same line
// numbers), and each line as read.
func syntaxPass(path string, text string) (Errors, string, []profileLine) {
	lines := strings.Split(text, "\n")
	read := make([]profileLine, len(lines))
	var errs Errors
	blank := func(from, to int) { // lines from..to-1
		for i := from; i < to && i < len(lines); i++ {
			if strings.HasSuffix(lines[i], "\r") {
				lines[i] = "\r"
			} else {
				lines[i] = ""
			}
		}
	}
	table, array := "", false // array: in a [[table]], whose keys repeat
	seen := map[string]int{}  // sections and keys: the line that gave them
	dropFrom := -1            // a section given twice: its lines are left out
	for i := 0; i < len(lines); i++ {
		if len(errs) > maxProfileErrors {
			// Not a profile, or one so broken that more problems help
			// nobody: the rest is left out, the count unknown.
			blank(i, len(lines))
			errs = append(errs, &Error{File: path, Kind: ProblemTooManyErrors})
			break
		}
		line := strings.TrimRight(lines[i], "\r")
		rest := strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		read[i].table = table
		switch {
		case rest == "" || strings.HasPrefix(rest, "#"):
			continue
		case strings.HasPrefix(rest, "["):
			name, e := header(rest)
			if name != "" {
				table = name
				read[i].table = name
			}
			array = strings.HasPrefix(rest, "[[")
			if dropFrom >= 0 {
				blank(dropFrom, i)
				dropFrom = -1
			}
			if e != nil {
				e.File, e.Line = path, i+1
				errs = append(errs, e)
				blank(i, i+1)
				if e.Fix != "" && validKeys(name) != nil {
					lines[i] = e.Fix // the keys below still belong to it
				}
			}
			if first, twice := seen["["+name]; twice && name != "" && !strings.HasPrefix(rest, "[[") {
				errs = append(errs, &Error{File: path, Line: i + 1, Key: name, Kind: ProblemDuplicate,
					Msg:  fmt.Sprintf("[%s] is given twice (first on line %d)", name, first),
					Hint: fmt.Sprintf("write each section once: move the lines under this [%s] to the first one", name)})
				blank(i, i+1)
				dropFrom = i + 1
			} else if name != "" {
				seen["["+name] = i + 1
			}
			continue
		}
		key, afterKey, keyOK := readKey(rest)
		read[i].key = key
		read[i].dropped = dropFrom >= 0
		full := qualified(table, key)
		fail := func(kind, msg, hint, fix string, to int) {
			errs = append(errs, &Error{File: path, Line: i + 1, Key: full, Kind: kind, Msg: msg, Hint: hint, Fix: fix})
			blank(i, to)
		}
		if first, twice := seen[full]; twice && keyOK && key != "" && !array {
			fail(ProblemDuplicate, fmt.Sprintf("%s is given twice (first on line %d)", key, first),
				"keep one of the two lines", "", i+1)
			continue
		} else if keyOK && key != "" {
			seen[full] = i + 1
		}
		eq := strings.IndexByte(afterKey, '=')
		if !keyOK || eq != 0 {
			e := noEquals(rest, table)
			e.File, e.Line = path, i+1
			errs = append(errs, e)
			blank(i, i+1)
			continue
		}
		value := afterKey[1:]
		// A value that goes on over the next lines: a list, or a text in
		// triple quotes.
		end := i + 1
		chunk := value
		switch v := strings.TrimSpace(value); {
		case strings.HasPrefix(v, `"""`) || strings.HasPrefix(v, `'''`):
			q := v[:3]
			if !strings.Contains(v[3:], q) {
				for end < len(lines) && !strings.Contains(lines[end], q) {
					end++
				}
				if end == len(lines) {
					fail(ProblemMultiLineClose, fmt.Sprintf("%s = %s…: the text is never closed with %s", key, q, q),
						fmt.Sprintf("end the text with %s, or write it on one line: %s = %s", q, key, example(full, kindOfKey(table, key))), "", i+1)
					continue
				}
				end++
				chunk = strings.Join(append([]string{value}, lines[i+1:end]...), "\n")
			}
		case strings.HasPrefix(v, "[") || strings.HasPrefix(v, "{"):
			depth := brackets(v, 0)
			for depth > 0 && end < len(lines) && !startsKeyOrHeader(lines[end]) {
				depth = brackets(lines[end], depth)
				end++
			}
			if depth > 0 {
				fix := key + " = " + listFix(v)
				fail(ProblemListOpen, fmt.Sprintf("%s = %s: the list is not closed with ]", key, clip(v)),
					"end the list with ] on the line where it ends, e.g. "+fix, fix, end)
				i = end - 1
				continue
			}
			chunk = strings.Join(append([]string{value}, lines[i+1:end]...), "\n")
		}
		read[i].value = strings.TrimSpace(stripComment(chunk))
		if _, err := toml.Decode("k ="+chunk, new(map[string]any)); err == nil {
			i = end - 1
			continue
		}
		v := strings.TrimSpace(stripComment(chunk))
		if c := strings.TrimSpace(chunk); v == "" && strings.HasPrefix(c, "#") && len(c) > 1 && kindOfKey(table, key) == textValue {
			v = c // color = #0B5FFF: the # starts a comment
		}
		kind, msg, hint, fix := diagnose(table, key, v)
		if kind == "" {
			kind, msg, hint = ProblemOther, key+" = "+clip(strings.TrimSpace(chunk))+": "+tomlMessage(chunk), "check the quoting on that line: texts in \"quotes\", numbers bare, lists in [brackets]"
		}
		fail(kind, msg, hint, fix, end)
		i = end - 1
	}
	if dropFrom >= 0 {
		blank(dropFrom, len(lines))
	}
	return errs, strings.Join(lines, "\n"), read
}

// tomlMessage is what the TOML parser says of a value.
func tomlMessage(value string) string {
	_, err := toml.Decode("k ="+value, new(map[string]any))
	if pe, ok := err.(toml.ParseError); ok {
		return pe.Message
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

var (
	bareKeyRe    = lazyRegexp(`^[A-Za-z0-9_-]+`)
	headerRe     = lazyRegexp(`^\[\[?\s*((?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'))*)\s*\]\]?\s*(#.*)?$`)
	headerNameRe = lazyRegexp(`^\[\[?\s*([^\]#]*)`)
)

// header reads a [section] line: its name, and a problem when it is not
// well formed.
func header(line string) (string, *Error) {
	if m := headerRe().FindStringSubmatch(line); m != nil {
		return strings.Join(splitDotted(m[1]), "."), nil
	}
	name := ""
	if m := headerNameRe().FindStringSubmatch(line); m != nil {
		name = strings.ToLower(strings.Join(strings.Fields(strings.Trim(m[1], " \t\"'")), "_"))
	}
	if name == "" {
		return "", &Error{Kind: ProblemHeader, Msg: fmt.Sprintf("%s is not a section header", clip(line)),
			Hint: "a section header is its name in brackets on a line of its own, e.g. [onsite]"}
	}
	fix := "[" + name + "]"
	return name, &Error{Key: name, Kind: ProblemHeader, Fix: fix,
		Msg:  fmt.Sprintf("%s is not a section header", clip(line)),
		Hint: "write " + fix + " on a line of its own: the name in brackets, nothing after it but a comment"}
}

// readKey reads the key at the start of a line: bare or quoted parts
// joined by dots. It returns the key (parts unquoted), what follows it,
// and whether it is a key at all.
func readKey(s string) (key, rest string, ok bool) {
	var parts []string
	rest = s
	for {
		rest = strings.TrimLeft(rest, " \t")
		switch {
		case strings.HasPrefix(rest, `"`) || strings.HasPrefix(rest, `'`):
			end := strings.IndexByte(rest[1:], rest[0])
			if end < 0 {
				return strings.Join(parts, "."), rest, false
			}
			parts = append(parts, rest[1:end+1])
			rest = rest[end+2:]
		default:
			m := bareKeyRe().FindString(rest)
			if m == "" {
				return strings.Join(parts, "."), rest, false
			}
			parts = append(parts, m)
			rest = rest[len(m):]
		}
		rest = strings.TrimLeft(rest, " \t")
		if !strings.HasPrefix(rest, ".") {
			return strings.Join(parts, "."), rest, true
		}
		rest = rest[1:]
	}
}

// noEquals is the problem of a line that is not key = value: a key and a
// value without "=" between them (database_gb 14.5, database_gb: 14.5), a
// key with a space in it, or no key at all.
func noEquals(line, table string) *Error {
	head, value, hasEq := strings.Cut(line, "=")
	name := strings.TrimSpace(head)
	if !hasEq {
		// The key is the first word, or what comes before a colon.
		sep := strings.IndexFunc(line, func(r rune) bool { return unicode.IsSpace(r) || r == ':' })
		if sep < 0 {
			name, value = line, ""
		} else {
			name, value = line[:sep], strings.TrimLeft(line[sep:], ": \t")
		}
	}
	key := guessKey(table, name)
	if key == "" {
		return &Error{Key: table, Kind: ProblemLine, Msg: fmt.Sprintf("%s is not key = value", clip(line)),
			Hint: "each line of a profile is key = value, a [section] or a comment starting with #; put # in front of a note"}
	}
	full := qualified(table, key)
	fixed := strings.TrimSpace(stripComment(value))
	if fixed == "" {
		fixed = example(full, kindOfKey(table, key))
	} else if _, err := toml.Decode("k = "+fixed, new(map[string]any)); err != nil {
		if _, _, _, f := diagnose(table, key, fixed); f != "" {
			fixed = strings.TrimSpace(strings.TrimPrefix(f, key+" ="))
		}
	}
	fix := key + " = " + fixed
	if hasEq {
		return &Error{Key: full, Kind: ProblemKey, Fix: fix, Msg: fmt.Sprintf("%q is not a key", name),
			Hint: "write " + fix + ": a key is one word, its parts joined by _"}
	}
	msg := fmt.Sprintf("%s has no = between the key and the value", clip(line))
	if strings.Contains(line, ":") {
		msg = fmt.Sprintf("%s has : where a profile takes =", clip(line))
	}
	return &Error{Key: full, Kind: ProblemNoEquals, Fix: fix, Msg: msg, Hint: "write " + fix}
}

// guessKey is the key a broken line meant: the valid key of its section
// nearest to what is written ("database gb", "Database_GB"), else the
// first word as written when it could be a key.
func guessKey(table, name string) string {
	n := strings.ToLower(strings.Join(strings.Fields(strings.Trim(name, `"' `)), "_"))
	if n == "" {
		return ""
	}
	valid := validKeys(table)
	for _, k := range valid {
		if k == n {
			return k
		}
	}
	if best := closest(n, valid); best != "" {
		return best
	}
	if valid == nil && bareKeyRe().FindString(n) == n && len(n) <= 40 {
		return n // a section migready does not know: its own problem
	}
	return ""
}

// startsKeyOrHeader reports whether a line starts a new key or section:
// then a list before it was not closed.
func startsKeyOrHeader(line string) bool {
	s := strings.TrimSpace(line)
	if strings.HasPrefix(s, "[") && headerRe().MatchString(s) && !strings.Contains(s, ",") {
		return true
	}
	_, rest, ok := readKey(s)
	return ok && strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "==")
}

// brackets counts [ and { against ] and } outside quotes and comments,
// from depth.
func brackets(s string, depth int) int {
	for _, c := range unquoted(s) {
		switch c {
		case '#':
			return depth
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		}
	}
	return depth
}

// stripComment is a value without the comment after it (a # outside
// quotes).
func stripComment(v string) string {
	for i, c := range unquoted(v) {
		if c == '#' {
			return v[:i]
		}
	}
	return v
}

// unquoted yields the bytes of a TOML line that stand outside its quoted
// strings ("…" with its escapes, or '…'), with their indexes; the quotes
// themselves are inside.
func unquoted(s string) iter.Seq2[int, byte] {
	return func(yield func(int, byte) bool) {
		var quote byte
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case quote != 0:
				if c == '\\' && quote == '"' {
					i++
				} else if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			default:
				if !yield(i, c) {
					return
				}
			}
		}
	}
}

// clip shortens a value quoted in a message.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	return string([]rune(s)[:57]) + "…"
}

// typographic are the quotation marks word processors and phones put in
// place of " and ': TOML reads none of them.
const typographic = "‘’‚‛“”„‟«»‹›＂＇′″`´"

// straighten replaces typographic quotes by straight double quotes.
func straighten(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(typographic, r) {
			return '"'
		}
		return r
	}, s)
}

// diagnose says what is wrong with a value that TOML cannot read, for
// table.key: the problem's kind, the message, the hint and the fix (the
// line as it should be written), or "" when it cannot tell.
func diagnose(table, key, v string) (kind, msg, hint, fix string) {
	full := qualified(table, key)
	want := kindOfKey(table, key)
	write := func(value string) (string, string) {
		f := key + " = " + value
		return "write " + f, f
	}
	said := key + " = " + clip(v)
	switch {
	case v == "":
		ex := example(full, want)
		hint, fix = write(ex)
		return ProblemNoValue, key + " = has no value", hint + ", or put # in front of the line until the value is known", fix
	case strings.HasPrefix(v, "="):
		rest := strings.TrimSpace(strings.TrimLeft(v, "="))
		hint, fix = write(rest)
		if _, err := toml.Decode("k = "+rest, new(map[string]any)); err != nil {
			if k, _, h, f := diagnose(table, key, rest); k != "" {
				hint, fix = h, f
			}
		}
		return ProblemStrayEquals, key + " =" + " " + clip(v) + " has one = too many", hint, fix
	}
	if strings.ContainsAny(v, typographic) {
		straight := straighten(v)
		if want == numberValue || want == wholeValue {
			straight = strings.Trim(straight, `" `)
			if n, _, ok := normalNumber(straight); ok {
				straight = n
			}
		} else if want == textValue && strings.Contains(straight, `\`) {
			straight = "'" + strings.Trim(straight, `" `) + "'"
		}
		hint, fix = write(straight)
		if want == numberValue || want == wholeValue {
			return ProblemTypographic, said + " has typographic quotes, which a profile does not read", hint + ": a number without quotes", fix
		}
		return ProblemTypographic, said + " has typographic quotes, which a profile does not read", hint + ": straight quotes, not typographic ones", fix
	}
	// A text begun and not ended.
	if q := v[0]; (q == '"' || q == '\'') && !closedQuote(v) {
		inner := strings.TrimSpace(v[1:])
		value := `"` + inner + `"`
		if strings.Contains(inner, `\`) || strings.Contains(inner, `"`) {
			value = "'" + inner + "'"
		}
		hint, fix = write(value)
		return ProblemUnclosed, fmt.Sprintf("%s has no closing %c", said, q), hint, fix
	}
	if v[0] == '"' && strings.Contains(v, `\`) {
		inner := strings.TrimSpace(v[1:strings.LastIndexByte(v, '"')])
		return ProblemBackslash, key + ` = "` + clip(inner) + `": in double quotes a backslash starts an escape`,
			fmt.Sprintf(`write the path in single quotes, %s = '%s', or with forward slashes, %s = "%s"`, key, inner, key, strings.ReplaceAll(inner, `\`, "/")),
			key + " = '" + inner + "'"
	}
	// Two keys on one line: version = "9" database_gb = 1.
	if k, _, ok := secondKey(v); ok {
		first := strings.TrimSpace(v[:k])
		hint, fix = write(first)
		return ProblemTwoKeys, said + " has two keys on one line", hint + " and put each key on a line of its own", fix
	}
	switch want {
	case numberValue, wholeValue:
		return diagnoseNumber(full, key, v, want)
	case boolValue:
		if b, ok := boolWord(v); ok {
			hint, fix = write(b)
			return ProblemBool, said + " is not true or false", hint + ": true or false, in small letters, without quotes", fix
		}
		hint, fix = write("true")
		return ProblemBool, said + " is not true or false", hint + " or " + key + " = false", fix
	case listValue:
		items := listItems(v)
		hint, fix = write(items)
		if strings.HasPrefix(v, "[") {
			return ProblemList, said + ": each text in the list goes in quotes", hint, fix
		}
		return ProblemList, said + " is not a list", hint + `: a list in [brackets], each text in "quotes"`, fix
	case textValue, anyValue:
		if want == anyValue {
			if n, k, ok := normalNumber(v); ok && k != "" {
				return numberProblem(key, v, n, k)
			}
		}
		value := `"` + v + `"`
		if strings.Contains(v, `\`) || strings.Contains(v, `"`) {
			value = "'" + v + "'"
		}
		hint, fix = write(value)
		if strings.HasPrefix(v, "#") {
			return ProblemUnquoted, said + " is text without quotes: the # starts a comment", hint + ": text goes in quotes", fix
		}
		return ProblemUnquoted, said + " is text without quotes", hint + ": text goes in quotes", fix
	}
	return "", "", "", ""
}

// closedQuote reports whether a value that starts with a quote has its
// closing quote.
func closedQuote(v string) bool {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case v[i] == '\\' && q == '"':
			i++
		case v[i] == q:
			return true
		}
	}
	return false
}

// secondKey finds a second "key =" after a first value: where it starts.
var secondKeyRe = lazyRegexp(`\s([A-Za-z_][A-Za-z0-9_-]*)\s*=[^=]`)

func secondKey(v string) (int, string, bool) {
	if strings.HasPrefix(v, `"`) || strings.HasPrefix(v, `'`) {
		if !closedQuote(v) {
			return 0, "", false
		}
	}
	m := secondKeyRe().FindStringSubmatchIndex(v + " ")
	if m == nil || m[0] == 0 {
		return 0, "", false
	}
	first := strings.TrimSpace(v[:m[0]])
	if _, err := toml.Decode("k = "+first, new(map[string]any)); err != nil {
		return 0, "", false
	}
	return m[0], v[m[2]:m[3]], true
}

// diagnoseNumber says what is wrong with a number as people write them.
func diagnoseNumber(full, key, v string, want valueKind) (kind, msg, hint, fix string) {
	raw := strings.Trim(v, `"' `)
	if n, k, ok := normalNumber(raw); ok {
		if k == "" { // a number in quotes: TOML read it, so it is not here
			k = ProblemNotNumber
		}
		return numberProblem(key, v, n, k)
	}
	ex := example(full, want)
	what := "a number"
	if want == wholeValue {
		what = "a whole number"
	}
	return ProblemNotNumber, key + " = " + clip(v) + " is not a number", fmt.Sprintf("write %s, e.g. %s = %s", what, key, ex), ""
}

// numberProblem words a number written as people write them: n is it as
// a profile takes it, kind what was wrong.
func numberProblem(key, v, n, kind string) (string, string, string, string) {
	fix := key + " = " + n
	said := key + " = " + clip(v)
	switch kind {
	case ProblemUnit:
		return kind, said + " has a unit", "write the number alone, e.g. " + fix, fix
	case ProblemThousands:
		return kind, said + " has a thousands separator", "write the number without it, e.g. " + fix, fix
	case ProblemThousandsComma:
		return kind, said + " has a thousands separator and a decimal comma", "write " + fix + ": no thousands separator, a decimal point", fix
	case ProblemDecimalComma:
		return kind, said + " has a decimal comma", "write " + fix + ": numbers in a profile take a decimal point", fix
	case ProblemCommaAmbiguous:
		a, b, _ := strings.Cut(n, "|")
		return kind, said + ": is the comma a decimal comma or a thousands separator?",
			fmt.Sprintf("write %s = %s or %s = %s: a decimal point, no thousands separator", key, a, key, b), ""
	}
	return ProblemNotNumber, said + " is not a number", "write " + fix, fix
}

var (
	numberUnitRe = lazyRegexp(`^([-+]?[0-9][0-9 \x{00A0}\x{202F}\x{2009}.,'’_]*)\s*([^0-9\s].*)?$`)
	unitRe       = lazyRegexp(`^(?i)(gb|gib|g|mb|mib|m|tb|tib|t|kb|mbit/?s?|mbps|mb/s|gbit/?s?|gbps|kbit/?s?|h|hours?|timer|stunden|uur|%|percent|prosent|procent|st|stk|pcs)\.?$`)
	groupRe      = lazyRegexp(`^[0-9]{1,3}([ \x{00A0}\x{202F}\x{2009}'’][0-9]{3})+$`)
)

// normalNumber reads a number as people write it: 14.5 GB, 1 200,
// 1.200,5, 1,200.5, 14,5, 1'200. It returns it as a profile takes it and
// what was wrong (a Syntax… kind, "" for nothing); for a comma that may
// be either, n is "1.2|1200". ok is false when it is no number at all.
func normalNumber(s string) (n, kind string, ok bool) {
	s = strings.TrimSpace(s)
	m := numberUnitRe().FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	num, unit := strings.TrimRight(m[1], " \u00a0\u202f\u2009"), strings.TrimSpace(m[2])
	if unit != "" && !unitRe().MatchString(unit) {
		return "", "", false
	}
	sign := ""
	if num[0] == '-' || num[0] == '+' {
		sign, num = num[:1], num[1:]
		if sign == "+" {
			sign = ""
		}
	}
	grouped := groupRe().MatchString(strings.TrimRight(strings.Split(strings.Split(num, ",")[0], ".")[0], "_")) &&
		strings.ContainsAny(num, " \u00a0\u202f\u2009'’")
	num = strings.Map(func(r rune) rune {
		if strings.ContainsRune(" \u00a0\u202f\u2009'’_", r) {
			return -1
		}
		return r
	}, num)
	dots, commas := strings.Count(num, "."), strings.Count(num, ",")
	switch {
	case dots > 0 && commas > 0:
		// The last separator is the decimal one: 1.200,5 or 1,200.5.
		last := strings.LastIndexAny(num, ".,")
		intPart := strings.NewReplacer(".", "", ",", "").Replace(num[:last])
		kind = ProblemThousands
		if num[last] == ',' {
			kind = ProblemThousandsComma
		}
		num = intPart + "." + num[last+1:]
	case commas > 1 || dots > 1:
		num = strings.NewReplacer(".", "", ",", "").Replace(num)
		kind = ProblemThousands
	case commas == 1:
		before, after, _ := strings.Cut(num, ",")
		if len(after) == 3 && len(before) <= 3 && before != "0" && !grouped {
			dec, _ := strconv.ParseFloat(before+"."+after, 64)
			return sign + strconv.FormatFloat(dec, 'f', -1, 64) + "|" + sign + before + after, ProblemCommaAmbiguous, true
		}
		num = before + "." + after
		kind = ProblemDecimalComma
		if grouped {
			kind = ProblemThousands
		}
	case grouped:
		kind = ProblemThousands
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(f, 0) {
		return "", "", false
	}
	if sign == "-" {
		f = -f
	}
	if unit != "" {
		return convertUnit(f, unit), ProblemUnit, true
	}
	if kind == "" && sign+num != s {
		kind = ProblemThousands
	}
	// As a profile writes it: 014 as 14, 1200.50 as 1200.5.
	return strconv.FormatFloat(f, 'f', -1, 64), kind, true
}

// convertUnit writes f, given in unit, in the unit the key takes where it
// is plain: GB for sizes (14500 MB is 14.16 GB, 1.2 TB 1228.8), Mbit/s for
// the uplink (1 Gbit/s is 1000), a share for the efficiency (60 % is 0.6).
// Other units are taken as the key's own.
func convertUnit(f float64, unit string) string {
	switch u := strings.ToLower(strings.TrimSuffix(unit, ".")); {
	case u == "mb" || u == "mib" || u == "m":
		f /= 1024
	case u == "tb" || u == "tib" || u == "t":
		f *= 1024
	case u == "kb":
		f /= 1024 * 1024
	case strings.HasPrefix(u, "gbit") || u == "gbps":
		f *= 1000
	case strings.HasPrefix(u, "kbit"):
		f /= 1000
	case u == "%" || u == "percent" || u == "prosent" || u == "procent":
		f /= 100
	}
	return strconv.FormatFloat(math.Round(f*1000)/1000, 'f', -1, 64)
}

// boolWord reads yes, ja, nei, True, "true", 1… as a profile's true or false.
func boolWord(v string) (string, bool) {
	switch strings.ToLower(strings.Trim(v, `"' `)) {
	case "true", "yes", "y", "ja", "j", "jo", "sant", "wahr", "waar", "on", "1", "x", "✓", "✔":
		return "true", true
	case "false", "no", "n", "nei", "nej", "nein", "nee", "falsk", "falsch", "onwaar", "off", "0", "-", "usant":
		return "false", true
	}
	return "", false
}

// listItems writes v as a list of texts: [a, b] and a; b as ["a", "b"].
func listItems(v string) string {
	v = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(v), "["), "]"))
	if v == "" {
		return "[]"
	}
	sep := ","
	if !strings.Contains(v, ",") && strings.Contains(v, ";") {
		sep = ";"
	}
	var items []string
	for _, it := range strings.Split(v, sep) {
		it = strings.Trim(strings.TrimSpace(straighten(it)), `"'`)
		if it != "" {
			items = append(items, strconv.Quote(it))
		}
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// listFix is an unclosed list closed.
func listFix(v string) string {
	v = strings.TrimSpace(stripComment(v))
	return listItems(strings.TrimRight(v, ", "))
}

// ProfileLike reports whether data starts as a profile does: its first
// line that is not blank or a comment is a [section] or key = value, well
// formed or not. A user export starts with its header row instead.
func ProfileLike(data []byte) bool {
	text, ok := toUTF8(data)
	if !ok {
		return false
	}
	for _, line := range strings.Split(text, "\n") {
		s := strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if strings.HasPrefix(s, "[") {
			return true
		}
		_, rest, ok := readKey(s)
		return ok && strings.HasPrefix(rest, "=")
	}
	return true // empty: the profile reader says so
}
