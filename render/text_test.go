package render

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
)

func textReport() *Report {
	same := func(row int, name string) assessment.Finding {
		return assessment.Finding{Kind: "plan-missing", Row: row, UserID: "U" + name, Name: name, Email: name + "@x.example.com"}
	}
	a := &assessment.Assessment{
		Customer: assessment.Customer{Name: "Evil\x1b[31m Co"},
		Verdict:  assessment.VerdictNotReady, Blockers: 1,
		Users: assessment.UserCounts{Total: 3, WithAccess: 3},
		Checks: []assessment.Check{
			{ID: "onsite-version", Status: assessment.Pass, Summary: assessment.Text{Key: "check.onsite-version.pass",
				Args: assessment.Args{{Name: "version", Value: "9.2"}, {Name: "minimum", Value: "7.1"}}}},
			{ID: "licences", Status: assessment.Fail, Summary: assessment.Text{Key: "check.licences.fail", Plural: true,
				Args: assessment.Args{{Name: "count", Value: 2}}}, Findings: []assessment.Finding{same(2, "ann"), same(3, "bob")}},
			{ID: "valid-emails", Status: assessment.Warn, Summary: assessment.Text{Key: "check.valid-emails.warn", Plural: true,
				Args: assessment.Args{{Name: "count", Value: 2}}}, Findings: []assessment.Finding{
				{Kind: "email-malformed-no-access", Row: 4, Name: "cy\rclear", Email: "bad"},
				{Kind: "email-malformed", Row: 5, Name: "di", Email: "worse"},
			}},
		},
	}
	return &Report{Assessment: a, Lang: templates.MustLoad("en")}
}

func TestText(t *testing.T) {
	tests := []struct {
		name    string
		color   bool
		want    []string
		wantNot []string
		countOf string
		count   int
	}{
		{"plain", false, []string{"✖ BLOCKER", "row 2  Uann  ann  ann@x.example.com", "NOT READY — 1 blocker", "Evil[U+001B][31m Co", "cy clear"},
			[]string{"\x1b", "\r"}, "problem: This user can log in but has no user plan.", 1},
		{"colour", true, []string{"\x1b[31m", "\x1b[32m✔"}, []string{"\x1b[31m Co"}, "is not valid", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Text(&b, textReport(), tt.color); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("output contains %q:\n%s", w, out)
				}
			}
			if got := strings.Count(out, tt.countOf); got != tt.count {
				t.Errorf("%q appears %d times, want %d:\n%s", tt.countOf, got, tt.count, out)
			}
		})
	}
}

// The users line accounts for every row: people, and the users left out of
// the user checks by kind, in every language.
func TestUsersLineLeftOut(t *testing.T) {
	a := &assessment.Assessment{Users: assessment.UserCounts{Total: 9, People: 4, WithAccess: 4, Resources: 2, System: 1, Former: 2}}
	want := map[string]string{
		"en": "9 users in the export, 4 can log in. Not counted as users who sign in, and left out of the user checks: 2 resources, 1 system user and 2 former employees.",
		"nb": "9 brukere i eksporten, 4 kan logge inn. Regnes ikke som brukere som logger inn, og er holdt utenfor brukerkontrollene: 2 ressurser, 1 systembruker og 2 tidligere ansatte.",
		"de": "9 Benutzer im Export, davon 4 mit Anmeldeberechtigung. Von den Benutzerprüfungen ausgenommen, da sie sich nicht anmelden: 2 Ressourcen, 1 Systembenutzer und 2 ehemalige Mitarbeiter.",
	}
	for lang, w := range want {
		if got := usersLine(a, templates.MustLoad(lang), "text.users"); got != w {
			t.Errorf("%s:\n got %q\nwant %q", lang, got, w)
		}
	}
	a.Users = assessment.UserCounts{Total: 3, People: 3, WithAccess: 3}
	if got := usersLine(a, templates.MustLoad("en"), "text.users"); got != "3 users in the export, 3 can log in." {
		t.Errorf("nobody left out: %q", got)
	}
}

// A finding that names no user or item (the satellites the answers report)
// prints its problem and action without an empty line for the item.
func TestTextItemlessFinding(t *testing.T) {
	r := textReport()
	r.Assessment.Checks = append(r.Assessment.Checks, assessment.Check{ID: "satellites", Status: assessment.Fail,
		Summary:  assessment.Text{Key: "check.satellites.fail", Plural: true, Args: assessment.Args{{Name: "count", Value: 2}}},
		Findings: []assessment.Finding{{Kind: "satellites-active", Args: assessment.Args{{Name: "count", Value: 2}}}}})
	var b bytes.Buffer
	if err := Text(&b, r, false); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "with 2 active satellites.") {
		t.Fatalf("the satellites problem is missing:\n%s", out)
	}
	for i, line := range strings.Split(out, "\n") {
		if line != "" && strings.TrimSpace(line) == "" {
			t.Errorf("line %d is blank but for spaces:\n%s", i+1, out)
		}
	}
}

// TestTerminalSafe: on random strings of the bytes that matter (C0, DEL,
// the two bytes of C1, direction and zero-width characters, other UTF-8,
// invalid bytes), what the terminal gets holds no control or invisible
// character but the space, and plain text is left as it is.
func TestTerminalSafe(t *testing.T) {
	alphabet := []string{"a", "\x1b", "\r", "\x7f", "\xc2", "\x80", "\x9f", "\xa0", "\xc2\x85", "\xc2\xa0", "ø", "\u2028",
		"\xff", " ", "\u202e", "\u200b", "\ufeff"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		for n := r.IntN(6); n > 0; n-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		got := terminalSafe(s)
		if strings.IndexFunc(got, func(r rune) bool { return r != ' ' && (unicode.IsControl(r) || shown.Invisible(r)) }) >= 0 {
			t.Fatalf("terminalSafe(%q) = %q", s, got)
		}
		if strings.IndexFunc(s, func(r rune) bool { return r != ' ' && shown.Invisible(r) }) < 0 && got != s {
			t.Fatalf("terminalSafe(%q) = %q changed plain text", s, got)
		}
	}
}

// TestTextOwnNoBreakSpace: the pack's own texts keep a number with its
// unit by a no-break space ("22 GB"); the terminal shows it as a space,
// not written out as a customer's invisible character ("22[U+00A0]GB"),
// while a no-break space in the customer's data still is.
func TestTextOwnNoBreakSpace(t *testing.T) {
	a := &assessment.Assessment{
		Customer: assessment.Customer{Name: "Müller\u00a0GmbH"},
		Verdict:  assessment.VerdictReady,
		Users:    assessment.UserCounts{Total: 1, WithAccess: 1},
		Checks: []assessment.Check{
			{ID: "downtime", Status: assessment.Pass, Summary: assessment.Text{Key: "check.downtime.pass",
				Args: assessment.Args{{Name: "expected", Value: "18,5"}, {Name: "low", Value: "13"}, {Name: "high", Value: "33"},
					{Name: "database", Value: "22"}, {Name: "archive", Value: "340"}}}},
			{ID: "valid-emails", Status: assessment.Warn, Summary: assessment.Text{Key: "check.valid-emails.warn", Plural: true,
				Args: assessment.Args{{Name: "count", Value: 2}}}, Findings: []assessment.Finding{
				{Kind: "email-malformed", Row: 4, Name: "di", Email: "bad\u00a0x@y.example"},
				{Kind: "email-malformed-no-access", Row: 5, Name: "cy", Email: "worse"},
			}},
		},
	}
	for _, lang := range []string{"de", "en"} {
		var b bytes.Buffer
		if err := Text(&b, &Report{Assessment: a, Lang: templates.MustLoad(lang)}, false); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.Contains(out, " 22 GB ") || strings.Contains(out, "U+00A0]GB") {
			t.Errorf("%s: the summary's no-break spaces are not plain spaces:\n%s", lang, out)
		}
		if !strings.Contains(out, "Müller[U+00A0]GmbH") || strings.Count(out, "bad[U+00A0]x@y.example") != 2 {
			t.Errorf("%s: the customer's no-break space is not written out:\n%s", lang, out)
		}
	}
}

// TestListsEndWithAnd: a list of users, values or kinds ends as the
// language ends one, "A, B and C", not "A, B, C", which reads unfinished.
func TestListsEndWithAnd(t *testing.T) {
	and := map[string]string{"en": "and", "nb": "og", "sv": "och", "da": "og", "de": "und", "nl": "en"}
	for _, code := range templates.Supported {
		l := templates.MustLoad(code)
		for parts, want := range map[string]string{
			"A":     "A",
			"A|B":   "A " + and[code] + " B",
			"A|B|C": "A, B " + and[code] + " C",
		} {
			if got := joinList(l, strings.Split(parts, "|")); got != want {
				t.Errorf("%s: %q, want %q", code, got, want)
			}
		}
	}
	w := Words{l: templates.MustLoad("en")}
	list := assessment.List{{Key: "finding.ref.row", Args: assessment.Args{{Name: "row", Value: "3"}}},
		{Key: "finding.ref.row", Args: assessment.Args{{Name: "row", Value: "5"}}}}
	if got := w.value(list); got != "row 3 and row 5" {
		t.Errorf("a finding's list: %q", got)
	}
	// A tally is a breakdown, "(a: 1, mx: 1)": no "and" before its last.
	if got := w.value(assessment.Tally(list)); got != "row 3, row 5" {
		t.Errorf("a tally: %q", got)
	}
}
