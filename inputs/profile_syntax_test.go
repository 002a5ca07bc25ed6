package inputs

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// profileWith is a good profile with line in its section table, in place
// of key there if it has it; it returns the profile and the line number
// of line.
func profileWith(table, key, line string) (string, int) {
	sections := []struct{ name, body string }{
		{"", `users = "users.xlsx"`},
		{"customer", `name = "Nordlys Energi AS"`},
		{"onsite", "version = \"8.5 R10\"\ndatabase_gb = 14.5\narchive_gb = 120"},
		{"mail", `domain = "nordlys.no"`},
	}
	var b strings.Builder
	at, n, placed := 0, 0, false
	add := func(l string) {
		b.WriteString(l + "\n")
		at++
	}
	place := func() {
		add(line)
		n, placed = at, true
	}
	for _, s := range sections {
		if s.name != "" {
			add("[" + s.name + "]")
		}
		for _, l := range strings.Split(s.body, "\n") {
			if k, _, _ := strings.Cut(l, " "); s.name == table && k == key {
				place()
				continue
			}
			add(l)
		}
		if s.name == table && !placed {
			place()
		}
	}
	if !placed {
		add("[" + table + "]")
		place()
	}
	return b.String(), n
}

// The mistakes people make writing a profile by hand: each is reported at
// its line and key, with its kind and what to write.
func TestProfileSyntaxProblems(t *testing.T) {
	for _, tc := range []struct {
		table, line string
		key, kind   string
		fix         string // the line to write; "" when it cannot be told
	}{
		{"onsite", "database_gb = 14.5 GB", "onsite.database_gb", ProblemUnit, "database_gb = 14.5"},
		{"onsite", "database_gb = 14,5GB", "onsite.database_gb", ProblemUnit, "database_gb = 14.5"},
		{"onsite", "database_gb = 14500 MB", "onsite.database_gb", ProblemUnit, "database_gb = 14.16"},
		{"onsite", "archive_gb = 1.2 TB", "onsite.archive_gb", ProblemUnit, "archive_gb = 1228.8"},
		{"onsite", "database_gb = 1 200", "onsite.database_gb", ProblemThousands, "database_gb = 1200"},
		{"onsite", "database_gb = 1\u00a0200", "onsite.database_gb", ProblemThousands, "database_gb = 1200"},
		{"onsite", "database_gb = 1'200", "onsite.database_gb", ProblemThousands, "database_gb = 1200"},
		{"onsite", "archive_gb = 1.000.000", "onsite.archive_gb", ProblemThousands, "archive_gb = 1000000"},
		{"onsite", "archive_gb = 1,000,000", "onsite.archive_gb", ProblemThousands, "archive_gb = 1000000"},
		{"onsite", "database_gb = 1.200,5", "onsite.database_gb", ProblemThousandsComma, "database_gb = 1200.5"},
		{"onsite", "database_gb = 1 200,5", "onsite.database_gb", ProblemThousands, "database_gb = 1200.5"},
		{"onsite", "database_gb = 1,200.5", "onsite.database_gb", ProblemThousands, "database_gb = 1200.5"},
		{"onsite", "database_gb = 14,5", "onsite.database_gb", ProblemDecimalComma, "database_gb = 14.5"},
		{"onsite", "database_gb = 0,125", "onsite.database_gb", ProblemDecimalComma, "database_gb = 0.125"},
		{"onsite", "database_gb = 1,200", "onsite.database_gb", ProblemCommaAmbiguous, ""},
		{"onsite", "satellites = two", "onsite.satellites", ProblemNotNumber, ""},
		{"onsite", "version = 8.5 R10", "onsite.version", ProblemUnquoted, `version = "8.5 R10"`},
		{"onsite", "version = ’8.5’", "onsite.version", ProblemTypographic, `version = "8.5"`},
		{"onsite", "version = “8.5 R10”", "onsite.version", ProblemTypographic, `version = "8.5 R10"`},
		{"onsite", "version = „8.5“", "onsite.version", ProblemTypographic, `version = "8.5"`},
		{"onsite", "version = «8.5»", "onsite.version", ProblemTypographic, `version = "8.5"`},
		{"onsite", "version = ‚8.5‘", "onsite.version", ProblemTypographic, `version = "8.5"`},
		{"onsite", "version = ″8.5″", "onsite.version", ProblemTypographic, `version = "8.5"`},
		{"onsite", "version = `8.5`", "onsite.version", ProblemTypographic, `version = "8.5"`},
		{"onsite", "database_gb = ”14.5”", "onsite.database_gb", ProblemTypographic, "database_gb = 14.5"},
		{"onsite", `version = "8.5 R10`, "onsite.version", ProblemUnclosed, `version = "8.5 R10"`},
		{"onsite", `version = '8.5 R10`, "onsite.version", ProblemUnclosed, `version = "8.5 R10"`},
		{"", `users = "C:\Users\kari\brukere.xlsx"`, "users", ProblemBackslash, `users = 'C:\Users\kari\brukere.xlsx'`},
		{"", `users = C:\Kunder\brukere.xlsx`, "users", ProblemUnquoted, `users = 'C:\Kunder\brukere.xlsx'`},
		{"onsite", "database_gb == 14.5", "onsite.database_gb", ProblemStrayEquals, "database_gb = 14.5"},
		{"onsite", "database_gb = = 14,5", "onsite.database_gb", ProblemStrayEquals, "database_gb = 14.5"},
		{"onsite", `database_gb = 14.5 archive_gb = 120`, "onsite.database_gb", ProblemTwoKeys, "database_gb = 14.5"},
		{"onsite", "database_gb =", "onsite.database_gb", ProblemNoValue, "database_gb = 14.5"},
		{"onsite", "database_gb 14.5", "onsite.database_gb", ProblemNoEquals, "database_gb = 14.5"},
		{"onsite", "database_gb: 14,5", "onsite.database_gb", ProblemNoEquals, "database_gb = 14.5"},
		{"onsite", "database gb = 14.5", "onsite.database_gb", ProblemKey, "database_gb = 14.5"},
		{"mail", "keep_addresses = yes", "mail.keep_addresses", ProblemBool, "keep_addresses = true"},
		{"mail", "keep_addresses = Nei", "mail.keep_addresses", ProblemBool, "keep_addresses = false"},
		{"mail", "mailboxes = support@nordlys.no, salg@nordlys.no", "mail.mailboxes", ProblemList, `mailboxes = ["support@nordlys.no", "salg@nordlys.no"]`},
		{"mail", "mailboxes = [support@nordlys.no]", "mail.mailboxes", ProblemList, `mailboxes = ["support@nordlys.no"]`},
		{"onsite", `customizations = ["Web panel",`, "onsite.customizations", ProblemListOpen, `customizations = ["Web panel"]`},
		{"brand", "color = #0B5FFF", "brand.color", ProblemUnquoted, `color = "#0B5FFF"`},
		{"migration", "fixed_hours = 2 h", "migration.fixed_hours", ProblemUnit, "fixed_hours = 2"},
		{"migration", "uplink_mbps = 100 Mbit/s", "migration.uplink_mbps", ProblemUnit, "uplink_mbps = 100"},
		{"migration", "efficiency = 0,6", "migration.efficiency", ProblemDecimalComma, "efficiency = 0.6"},
		{"migration", "efficiency = 60 %", "migration.efficiency", ProblemUnit, "efficiency = 0.6"},
		{"migration", "uplink_mbps = 1 Gbit/s", "migration.uplink_mbps", ProblemUnit, "uplink_mbps = 1000"},
		{"onsite", "satellites = 2.0", "onsite.satellites", ProblemWrongType, "satellites = 2"},
		{"onsite", "database_gb = 014", "onsite.database_gb", ProblemNotNumber, "database_gb = 14"},
		{"onsite", `database_gb = "14,5"`, "onsite.database_gb", ProblemWrongType, "database_gb = 14.5"},
		{"onsite.documents", "blank_name = 1 200", "onsite.documents.blank_name", ProblemThousands, "blank_name = 1200"},
	} {
		t.Run(tc.line, func(t *testing.T) {
			last := tc.key[strings.LastIndexByte(tc.key, '.')+1:]
			text, line := profileWith(tc.table, last, tc.line)
			_, err := ParseProfile("p.toml", []byte(text))
			var found *Error
			var all []string
			for _, e := range errorsOf(err) {
				all = append(all, e.Error())
				if e.Key == tc.key {
					found = e
				}
			}
			if found == nil {
				t.Fatalf("no problem at key %s:\n%s\n%s", tc.key, strings.Join(all, "\n"), text)
			}
			if found.Line != line || found.Kind != tc.kind || found.Fix != tc.fix {
				t.Errorf("line %d kind %q fix %q; want line %d kind %q fix %q\n%s (hint: %s)", found.Line, found.Kind, found.Fix,
					line, tc.kind, tc.fix, found.Error(), found.Hint)
			}
			if tc.fix != "" && !strings.Contains(found.Hint, tc.fix) {
				t.Errorf("the hint %q does not say %q", found.Hint, tc.fix)
			}
			if strings.Contains(found.Msg, "TOML:") {
				t.Errorf("a parser's message: %s", found.Msg)
			}
			// What the hint says to write reads.
			if tc.fix != "" {
				fixed := strings.Replace(text, tc.line, tc.fix, 1)
				if _, err := ParseProfile("p.toml", []byte(fixed)); err != nil {
					t.Errorf("the fix does not read: %v\n%s", err, fixed)
				}
			}
		})
	}
}

func errorsOf(err error) Errors {
	var es Errors
	if errors.As(err, &es) {
		return es
	}
	var e *Error
	if errors.As(err, &e) {
		return Errors{e}
	}
	return nil
}

// A syntax error hides no problem after it: a Windows path in double
// quotes on line 5 and a decimal comma on line 31 are both reported, with
// the problems the validator finds in the lines that read.
func TestProfileReportsEveryProblem(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Nordlys\n\n[customer]\nname = \"Nordlys Energi AS\"\nlogo_note = \"C:\\Users\\kari\\logo.png\"\n")
	for b.Len() > 0 && strings.Count(b.String(), "\n") < 29 {
		b.WriteString("# …\n")
	}
	b.WriteString("[onsite]\ndatabase_gb = 14,5\nversion = \"8.5\"\narchive_gb = -1\nsatelites = 0\n")
	_, err := ParseProfile("p.toml", []byte(b.String()))
	want := map[int]string{5: "customer.logo_note", 31: "onsite.database_gb", 33: "onsite.archive_gb", 34: "onsite.satelites"}
	got := map[int]string{}
	for _, e := range errorsOf(err) {
		got[e.Line] = e.Key
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("problems at %v, want %v:\n%v", got, want, err)
	}
}

// Every problem of a profile is data a page can show at its field in the
// reader's language: a Kind, and the section.key it is about (but for a
// file that is no profile at all).
func TestProfileProblemsAreData(t *testing.T) {
	broken := []string{
		"users = \"x\n", "[customer]\nname = 1\n", "[onsite]\ndatabase_gb = 14.5 GB\n", "[onsite]\nversion = 8.5\n",
		"[onsite]\ndatabase_gb = -1\n", "[customer]\nlanguage = \"fr\"\n", "[onsite]\n# version = \"9\"\n", "[brandd]\nx = 1\n",
		"[onsite]\ndatabase_gb = 1\ndatabase_gb = 2\n", "[onsite\nversion = \"9\"\n", "name\n", "[mail]\ndomain = \"x\"\n",
		"   \n", "\x00\x01\x02",
	}
	for _, text := range broken {
		_, err := ParseProfile("p.toml", []byte(text))
		es := errorsOf(err)
		if len(es) == 0 {
			t.Errorf("%q: no problem", text)
		}
		for _, e := range es {
			if e.Kind == "" {
				t.Errorf("%q: %v has no kind", text, e)
			}
			if e.Key == "" && e.Kind != ProblemEmptyProfile && e.Kind != ProblemNotAProfile && e.Kind != ProblemTooManyErrors && e.Kind != ProblemLine {
				t.Errorf("%q: %v (%s) names no key", text, e, e.Kind)
			}
		}
	}
}

// A # or a bracket inside a quoted string is the string's: only what
// stands outside quotes starts a comment or opens a list.
func TestCommentsAndBracketsOutsideQuotes(t *testing.T) {
	for _, c := range []struct {
		in, stripped string
		depth        int
	}{
		{`"a#b" # c`, `"a#b" `, 0},
		{`'x#[' # [`, `'x#[' `, 0},
		{`["a\"#", 'b]'`, `["a\"#", 'b]'`, 1},
		{`[[1, 2], [3`, `[[1, 2], [3`, 2},
		{`{ k = "}" } # ]`, `{ k = "}" } `, 0},
	} {
		if got := stripComment(c.in); got != c.stripped {
			t.Errorf("stripComment(%q) = %q, want %q", c.in, got, c.stripped)
		}
		if got := brackets(c.in, 0); got != c.depth {
			t.Errorf("brackets(%q) = %d, want %d", c.in, got, c.depth)
		}
	}
}
