package inputs

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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
			msg: `sheet "Cover": no header row with an e-mail column`, hints: []string{"none of them has a column name migready knows"}},
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
				if !strings.Contains(e.HintFound(), h) {
					t.Errorf("hint %q does not mention %q", e.HintFound(), h)
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

// checkAccounted checks the promise of UserList: the users and the empty
// rows together are every row from the first of them to the last user, in
// order, each once.
func checkAccounted(t *testing.T, l *UserList) {
	t.Helper()
	if len(l.Users) == 0 || !l.Has(FieldEmail) {
		t.Fatalf("success without users or e-mail column: %+v", l)
	}
	rows := make([]int, 0, len(l.Users)+len(l.EmptyRows))
	for _, u := range l.Users {
		if u.Email != strings.TrimSpace(u.Email) || u.Name != strings.TrimSpace(u.Name) {
			t.Fatalf("untrimmed user %q", brief(u))
		}
		rows = append(rows, u.Row)
	}
	for i, r := range l.EmptyRows {
		if i > 0 && r <= l.EmptyRows[i-1] {
			t.Fatalf("empty rows not increasing: %v", l.EmptyRows)
		}
	}
	rows = append(rows, l.EmptyRows...)
	slices.Sort(rows)
	for i, r := range rows {
		if r <= 0 || i > 0 && r != rows[i-1]+1 {
			t.Fatalf("rows not accounted for: users %v, empty %v", briefs(l), l.EmptyRows)
		}
	}
	if last := l.Users[len(l.Users)-1].Row; rows[len(rows)-1] != last {
		t.Fatalf("empty rows after the last user (%d): %v", last, l.EmptyRows)
	}
	for _, n := range l.Notices {
		if n == "" || strings.ContainsAny(n, "\n\r") {
			t.Fatalf("notice %q", n)
		}
	}
}

// minimalXLSX is the smallest package excelize opens: a workbook of two
// sheets, no styles and no theme, so that a fuzzing run spends its time in
// the sheet and the reader rather than in parsing a theme.
var minimalXLSX = map[string]string{
	"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
	"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
	"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
		`<sheet name="Users" sheetId="1" r:id="rId1"/><sheet name="Other" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`,
	"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
	"xl/worksheets/sheet2.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Login</t></is></c><c r="B1" t="inlineStr"><is><t>Email</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="B2" t="inlineStr"><is><t>x@y.no</t></is></c></row></sheetData></worksheet>`,
}

// xlsxWith is minimalXLSX with the given first sheet and shared strings.
func xlsxWith(t testing.TB, sheet, sst []byte) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	parts := map[string][]byte{"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst}
	for n, p := range minimalXLSX {
		parts[n] = []byte(p)
	}
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fw, err := w.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(parts[n])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzParseUsersXLSX mutates the XML of a workbook's first sheet and its
// shared strings inside a valid package, so the fuzzer reaches the XML and
// the reader rather than stopping at zip checksums. A second, hidden sheet
// has users, so sheet choice and its errors are reached too.
func FuzzParseUsersXLSX(f *testing.F) {
	// Small seeds written by hand: the fuzzer minimises every new input it
	// finds, and that costs in proportion to its size.
	is := func(ref, v string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + v + `</t></is></c>` }
	row := func(n string, cells ...string) string {
		return `<row r="` + n + `">` + strings.Join(cells, "") + `</row>`
	}
	sheet := func(rows ...string) []byte {
		return []byte(`<worksheet><sheetData>` + strings.Join(rows, "") + `</sheetData></worksheet>`)
	}
	f.Add(sheet(row("1", `<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>`), row("2", is("A2", "ola"), is("B2", "o@x.no")),
		row("4", is("A4", "kari"), `<c r="B4"><v>1</v></c>`)),
		[]byte(`<sst><si><t>Login</t></si><si><t>Email</t></si></sst>`))
	merged := `<worksheet><sheetData>` + row("1", is("A1", "User ID"), is("B1", "Name"), is("D1", "E-mail")) +
		row("2", is("B2", "First name"), is("C2", "Last name")) + row("3", is("A3", "ola"), is("B3", "Ola"), is("D3", "o@x")) +
		row("5", is("A5", "kari"), `<c r="D5"><f>A5&amp;"@x"</f></c>`) +
		`</sheetData><mergeCells><mergeCell ref="A1:A2"/><mergeCell ref="B1:C1"/></mergeCells></worksheet>`
	f.Add([]byte(merged), []byte(nil))
	f.Add(sheet(row("1", is("A1", "Login"), is("B1", "E-mail"), is("C1", "E-post"), is("D1", "Travel licence"), is("E1", "Active")),
		row("2", is("A2", "ola"), is("C2", "o@x"), is("D2", "Yes"), is("E2", "Nei"))), []byte(nil))
	f.Add(sheet(row("1048576", is("XFD1048576", "x"))), []byte(nil))
	// parseXLSX turns panics into "corrupt workbook" errors, which is right
	// for excelize's and would hide ours: fail on a panic raised in this
	// package.
	var ours string
	panicHook = func(r any) {
		pcs := make([]uintptr, 100)
		frames := runtime.CallersFrames(pcs[:runtime.Callers(0, pcs)])
		panicking := false
		for {
			fr, more := frames.Next()
			switch {
			case fr.Function == "runtime.gopanic":
				panicking = true
			case panicking && !strings.HasPrefix(fr.Function, "runtime."):
				if strings.HasPrefix(fr.Function, "github.com/migready/migready/inputs.") {
					ours = fmt.Sprintf("panic in %s (%s:%d): %v", fr.Function, fr.File, fr.Line, r)
				}
				return
			}
			if !more {
				return
			}
		}
	}
	defer func() { panicHook = nil }()
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		data := xlsxWith(t, sheet, sst)
		ours = ""
		l, err := ParseUsers("fuzz.xlsx", data, "")
		if ours != "" {
			t.Fatal(ours)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not *Error", err, err)
			}
			if e.File != "fuzz.xlsx" || e.Msg == "" || e.Hint == "" {
				t.Fatalf("incomplete error %+v", e)
			}
			return
		}
		checkAccounted(t, l)
	})
}

// A workbook whose sheet excelize would copy to a temporary file (a part
// over UnzipXMLSizeLimit: an export of more than about 30,000 users) is
// read without one, so that a Ctrl-C or a kill while it is read leaves
// nothing in the system's temp folder: the user export and every other
// workbook (ReadWorkbook: the returned remediation workbook).
func TestWorkbookNoTempFile(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // os.TempDir, excelize's default, on Unix
	t.Setenv("TMP", tmp)    // and on Windows
	t.Setenv("TEMP", tmp)
	limits := workbookLimits
	workbookLimits.UnzipXMLSizeLimit = 1 // every part is "large"
	opened := 0
	openHook = func() {
		opened++
		if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
			t.Errorf("while the workbook is read, the temp folder holds %s", entries[0].Name())
		}
	}
	t.Cleanup(func() { workbookLimits, openHook = limits, nil })

	data := buildXLSX(t, testSheet{"Users", map[int][]any{
		1: {"User ID", "Name", "E-mail"}, 2: {"AD", "Ada Admin", "ada@example.com"}}})
	if l, err := ParseUsers("users.xlsx", data, ""); err != nil || len(l.Users) != 1 {
		t.Fatalf("ParseUsers: %v, %v", l, err)
	}
	err := ReadWorkbook("returned.xlsx", data, RoleTracker, func(f *excelize.File) error {
		_, err := f.GetRows("Users")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if opened != 2 {
		t.Errorf("the hook saw %d workbooks opened, want 2", opened)
	}
}
