package inputs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// sheet is a sheet to build: cells by row (1-based Excel row → values from
// column A). Values may be any type excelize.SetCellValue accepts.
type testSheet struct {
	name string
	rows map[int][]any
}

// workbook builds an .xlsx in memory, so tests need no binary fixtures.
func buildXLSX(t testing.TB, sheets ...testSheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, vals := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if err := f.SetSheetRow(s.name, cell, &vals); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var usersSheet = testSheet{"Brukere", map[int][]any{
	1: {"Brukerliste for Firma AS"},
	2: {"Eksportert 01.03.2024"},
	4: {"Bruker-ID", "Navn", "E-post", "Primærgruppe", "Brukerplan", "Kan logge inn", "Reise"},
	5: {"OH", "Ola Hærøy", "ola@firma.no", "Salg", "Sales-Premium", "Ja", "Nei"},
	6: {"KA", "Kari Åsen", "kari@firma.no", "Service", "Service-Essentials", true, false},
	8: {"PP", "Per Pål", " per@firma.no ", "", "", "", ""},
}}

func TestParseUsersXLSX(t *testing.T) {
	cover := testSheet{"Forside", map[int][]any{1: {"Migrering til SuperOffice Online"}, 3: {"Kunde", "Firma AS"}}}
	other := testSheet{"Andre", map[int][]any{1: {"Login", "Email"}, 2: {"x", "x@y"}}}
	want := []string{
		"5|OH|Ola Hærøy|ola@firma.no|Salg||Sales-Premium|Ja:1|Nei:2",
		"6|KA|Kari Åsen|kari@firma.no|Service||Service-Essentials|TRUE:1|FALSE:2",
		"8|PP|Per Pål|per@firma.no||||:0|:0",
	}
	tests := []struct {
		name   string
		data   []byte
		sheet  string
		want   []string
		wantSh string
	}{
		{"title rows", buildXLSX(t, usersSheet), "", want, "Brukere"},
		{"first sheet with a header", buildXLSX(t, cover, usersSheet, other), "", want, "Brukere"},
		{"sheet by name", buildXLSX(t, other, usersSheet), "Brukere", want, "Brukere"},
		{"sheet name any case", buildXLSX(t, other, usersSheet), "brukere", want, "Brukere"},
		{"other sheet by name", buildXLSX(t, usersSheet, other), "Andre", []string{"2|x||x@y||||:0|:0"}, "Andre"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseUsers("users.xlsx", tt.data, tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			checkUsers(t, l, tt.want)
			if l.Format != "xlsx" || l.Sheet != tt.wantSh {
				t.Errorf("format %q sheet %q", l.Format, l.Sheet)
			}
		})
	}
}

// TestParseUsersXLSXFormatted: cells come out as Excel shows them, not as
// stored (a date is a serial number, a number may be stored as 1.001E3).
func TestParseUsersXLSXFormatted(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	set := func(cell string, v any) {
		if err := f.SetCellValue(s, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	for i, h := range []string{"User ID", "E-mail", "Role", "Primary group", "User plan"} {
		c, _ := excelize.CoordinatesToCellName(i+1, 1)
		set(c, h)
	}
	set("A2", 1001)
	set("B2", "a@x")
	set("C2", 12345678901)
	set("D2", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	set("E2", 0.5)
	date, _ := f.NewStyle(&excelize.Style{CustomNumFmt: newOf("yyyy-mm-dd")})
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 9}) // 0%
	f.SetCellStyle(s, "D2", "D2", date)
	f.SetCellStyle(s, "E2", "E2", pct)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	l, err := ParseUsers("u.xlsx", buf.Bytes(), "")
	if err != nil {
		t.Fatal(err)
	}
	checkUsers(t, l, []string{"2|1001||a@x|2024-03-01|12345678901|50%|:0|:0"})
}

func newOf[T any](v T) *T { return &v }

func TestParseUsersXLSXErrors(t *testing.T) {
	twoSheets := buildXLSX(t, testSheet{"Cover", map[int][]any{1: {"Hello"}}}, usersSheet)
	tests := []struct {
		name    string
		data    []byte
		sheet   string
		userRow int
		msg     string
		hints   []string
	}{
		{name: "missing sheet", data: twoSheets, sheet: "Users", msg: `no sheet named "Users"`,
			hints: []string{`"Cover", "Brukere"`}},
		{name: "named sheet has no header", data: twoSheets, sheet: "Cover",
			msg: `sheet "Cover": no header row with an e-mail column`, hints: []string{`"Hello"`}},
		{name: "no email column", userRow: 2,
			data: buildXLSX(t, testSheet{"A", map[int][]any{1: {"x"}}},
				testSheet{"Users", map[int][]any{1: {"Report"}, 2: {"Vorname", "Nachname", "Rolle"}, 3: {"a", "b", "c"}}}),
			msg: `sheet "Users": no e-mail column`, hints: []string{`"Vorname", "Nachname", "Rolle"`, "E-Mail-Adresse", `"A", "Users"`}},
		{name: "header but no users", userRow: 3,
			data: buildXLSX(t, testSheet{"Users", map[int][]any{3: {"Login", "Email"}}}), msg: `sheet "Users": has a header but no users`},
		{name: "empty workbook", data: buildXLSX(t, testSheet{"Sheet1", nil}), msg: "every sheet is empty"},
		{name: "empty named sheet", data: buildXLSX(t, usersSheet, testSheet{"Empty", nil}), sheet: "Empty", msg: "the sheet is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseUsers("users.xlsx", tt.data, tt.sheet)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not *Error", err, err)
			}
			if e.File != "users.xlsx" || e.Row != tt.userRow || !strings.Contains(e.Msg, tt.msg) || e.Hint == "" {
				t.Errorf("got %+v\nwant row %d msg %q", e, tt.userRow, tt.msg)
			}
			for _, h := range tt.hints {
				if !strings.Contains(e.Hint, h) {
					t.Errorf("hint %q does not mention %q", e.Hint, h)
				}
			}
		})
	}
}

// TestParseUsersSniffing: content decides the format, whatever the name says.
func TestParseUsersSniffing(t *testing.T) {
	xlsx := buildXLSX(t, usersSheet)
	for _, tt := range []struct{ name, format string }{
		{"users.xlsx", "xlsx"}, {"users.csv", "xlsx"}, {"users", "xlsx"},
	} {
		l, err := ParseUsers(tt.name, xlsx, "")
		if err != nil || l.Format != tt.format {
			t.Errorf("%s: %v %v", tt.name, l, err)
		}
	}
	l, err := ParseUsers("users.xlsx", []byte(nbExport), "")
	if err != nil || l.Format != "csv" {
		t.Errorf("CSV named .xlsx: %v %v", l, err)
	}
}

func TestReadUsers(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "brukere.xlsx")
	if err := os.WriteFile(xlsx, buildXLSX(t, usersSheet), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := ReadUsers(xlsx, "")
	if err != nil || l.File != xlsx || len(l.Users) != 3 {
		t.Fatalf("ReadUsers(xlsx) = %v, %v", l, err)
	}
	csv := filepath.Join("testdata", "users-nb.csv")
	l, err = ReadUsers(csv, "")
	if err != nil {
		t.Fatal(err)
	}
	if l.File != csv || len(l.Users) != 4 || l.Users[0].Row != 3 || l.Users[3].Name != "Åse Ødegård" {
		t.Errorf("ReadUsers(csv) = %q", briefs(l))
	}
	for _, path := range []string{filepath.Join(dir, "nope.csv"), dir} {
		_, err = ReadUsers(path, "")
		var e *Error
		if !errors.As(err, &e) || e.File != path || e.Hint == "" || strings.Count(e.Error(), path) != 1 {
			t.Errorf("ReadUsers(%s) error = %#v", path, err)
		}
	}
}

func BenchmarkParseUsersXLSX2k(b *testing.B) {
	s := testSheet{"Users", map[int][]any{1: {"User ID", "First name", "Last name", "Primary group", "Role",
		"User plan", "E-mail", "Can log in", "Travel"}}}
	for i := range 2000 {
		s.rows[i+2] = []any{i, fmt.Sprint("First", i), "Last", "Sales", "Seller", "Sales-Premium",
			fmt.Sprintf("user%d@example.com", i), true, "No"}
	}
	data := buildXLSX(b, s)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		l, err := ParseUsers("users.xlsx", data, "")
		if err != nil || len(l.Users) != 2000 {
			b.Fatal(err)
		}
	}
}
