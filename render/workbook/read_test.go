package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
	"github.com/xuri/excelize/v2"
)

// trackerBook builds a returned workbook: header, rows, and an optional
// edit (rename a sheet, add a formula…).
func trackerBook(t *testing.T, subject string, header []string, rows [][]any, edit func(*excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Findings")
	if subject != "" {
		f.SetDocProps(&excelize.DocProperties{Subject: subject, Created: "2026-11-12T00:00:00Z"})
	}
	for i, h := range header {
		c, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellValue("Findings", c, h)
	}
	for r, row := range rows {
		for i, v := range row {
			c, _ := excelize.CoordinatesToCellName(i+1, r+2)
			f.SetCellValue("Findings", c, v)
		}
	}
	if edit != nil {
		edit(f)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// notices are the returned workbook's notices in English words, as
// render writes them (render.Words, which this package cannot import).
func notices(r *Returned) []string {
	l := templates.MustLoad("en")
	var say func(t assessment.Text) string
	say = func(t assessment.Text) string {
		var args []any
		for _, a := range t.Args {
			v := a.Value
			switch x := v.(type) {
			case assessment.Text:
				v = say(x)
			case assessment.List:
				parts := make([]string, len(x))
				for i, p := range x {
					parts[i] = say(p)
				}
				v = strings.Join(parts, ", ")
			}
			args = append(args, a.Name, v)
		}
		if t.Plural {
			n, _ := t.Args.Get("count")
			if n == 1 {
				return l.T(t.Key+".one", args...)
			}
			return l.T(t.Key+".other", args...)
		}
		return l.T(t.Key, args...)
	}
	var out []string
	for _, n := range r.Tracker.Notices {
		out = append(out, say(n))
	}
	return out
}

var trackerHeader = []string{"Check", "Row in export", "User ID", "Problem", "Status", "Owner", "Due date", "Comment", KeyHeader}

func TestParseReturned(t *testing.T) {
	good := [][]any{
		{"User plans", 3, "BO", "No plan", "Fixed", "Ingrid", 46357, "Plan given 12/11", "licences:user:bo"},
		{"User plans", 5, "DI", "No plan", "Won't fix", "", "2026-12-01", "=HYPERLINK(\"x\")", "licences:user:di"},
		{"Emails", 4, "CY", "No address", "", "", "", "", "valid-emails:user:cy"},
	}
	cases := []struct {
		name    string
		data    []byte
		err     string // "" = no error
		entries int
		notice  string
		check   func(t *testing.T, tr *Returned)
	}{
		{name: "as returned", data: trackerBook(t, "Progress Co", trackerHeader, good, nil), entries: 3,
			check: func(t *testing.T, tr *Returned) {
				e := tr.Tracker.Entries[0]
				if e.State != assessment.TrackFixed || e.Owner != "Ingrid" || e.Due != "2026-12-01" || e.Comment != "Plan given 12/11" || e.Key != "licences:user:bo" {
					t.Errorf("entry %+v", e)
				}
				if tr.Tracker.Entries[1].State != assessment.TrackWontFix || tr.Tracker.Entries[1].Comment != `=HYPERLINK("x")` || tr.Tracker.Entries[2].State != assessment.TrackOpen {
					t.Errorf("entries %+v", tr.Tracker.Entries)
				}
				if tr.Customer.Name != "Progress Co" || tr.Tracker.Made.Format("2006-01-02") != "2026-11-12" {
					t.Errorf("customer %q, made %v", tr.Customer, tr.Tracker.Made)
				}
			}},
		{name: "renamed sheet, columns moved", data: trackerBook(t, "Progress Co",
			[]string{KeyHeader, "Kommentar", "Status", "Check"},
			[][]any{{"licences:user:bo", "Done", "Rettet", "x"}},
			func(f *excelize.File) { f.SetSheetName("Findings", "Mine notater") }), entries: 1,
			notice: `no Owner column`,
			check: func(t *testing.T, tr *Returned) {
				if e := tr.Tracker.Entries[0]; e.State != assessment.TrackFixed || e.Comment != "Done" {
					t.Errorf("entry %+v", e)
				}
			}},
		{name: "a row added by hand", data: trackerBook(t, "Progress Co", trackerHeader,
			append(good, []any{"", "", "", "", "", "", "", "Please also check NN", ""}), nil), entries: 3,
			notice: `a note on a row whose hidden key, in the last column, is empty (a row added by hand?) was not carried forward: "Please also check NN".`},
		{name: "unknown status and a date that is not one", data: trackerBook(t, "Progress Co", trackerHeader,
			[][]any{{"x", 3, "BO", "x", "Maybe later", "", "next week", "", "licences:user:bo"}}, nil), entries: 1,
			notice: `Sheet "Findings", row 2: the status "Maybe later" is none of the words in the Status list, so it was read as Open.`,
			check: func(t *testing.T, tr *Returned) {
				if e := tr.Tracker.Entries[0]; e.State != assessment.TrackOpen || e.Due != "next week" {
					t.Errorf("entry %+v", e)
				}
			}},
		{name: "a formula in a comment is read as its value, never as a formula", data: trackerBook(t, "Progress Co", trackerHeader,
			[][]any{{"x", 3, "BO", "x", "Open", "", "", "", "licences:user:bo"}},
			func(f *excelize.File) { f.SetCellFormula("Findings", "H2", "1+1") }), entries: 1,
			check: func(t *testing.T, tr *Returned) {
				if c := tr.Tracker.Entries[0].Comment; strings.Contains(c, "1+1") {
					t.Errorf("comment %q holds the formula", c)
				}
			}},
		{name: "key column deleted", data: trackerBook(t, "Progress Co", trackerHeader[:8], [][]any{{"x"}}, nil),
			err: `no sheet has the "migready key" column`},
		{name: "keys deleted", data: trackerBook(t, "Progress Co", trackerHeader, [][]any{{"x", 3, "BO", "x", "Fixed", "", "", "note", ""}}, nil),
			err: `has no findings with a key`},
		{name: "password-protected", data: append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...),
			err: "password-protected"},
		{name: "corrupt", data: []byte("PK\x03\x04 this is not a zip"), err: "corrupt"},
		{name: "not a workbook", data: []byte("Check;Status\n"), err: "not an Excel workbook"},
		{name: "empty", data: nil, err: "file is empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := parseReturned("returned.xlsx", tc.data)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.HasPrefix(err.Error(), "returned.xlsx") {
					t.Fatalf("error %v, want %q naming the file", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(tr.Tracker.Entries) != tc.entries {
				t.Errorf("%d entries, want %d: %+v", len(tr.Tracker.Entries), tc.entries, tr.Tracker.Entries)
			}
			if ns := notices(tr); tc.notice != "" && !strings.Contains(strings.Join(ns, "\n"), tc.notice) {
				t.Errorf("notices %q lack %q", ns, tc.notice)
			}
			if tc.check != nil {
				tc.check(t, tr)
			}
		})
	}
}

// The format both ways: a workbook written in any language, with the
// customer's notes of the previous run on its findings, reads back as those
// notes, key by key.
func TestWriteThenRead(t *testing.T) {
	notes := []*assessment.Tracking{
		nil, // never returned: written as open
		{State: assessment.TrackFixed, Owner: "Ingrid", Due: "2026-12-01", Comment: "Plan given"},
		{State: assessment.TrackAccepted, Comment: "=HYPERLINK(\"x\")"},
		{State: assessment.TrackWontFix, Due: "next week"},
		{State: assessment.TrackOpen, Owner: "Ola"},
	}
	for _, code := range templates.Supported {
		t.Run(code, func(t *testing.T) {
			b := wbAssessment()
			b.Language = code
			var all []Finding
			for _, c := range b.Checks {
				all = append(all, c.Findings...)
			}
			for i, f := range all {
				f.Track = notes[i%len(notes)]
			}
			var buf bytes.Buffer
			if err := Write(&buf, b, templates.MustLoad(code)); err != nil {
				t.Fatal(err)
			}
			r, err := parseReturned("returned.xlsx", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if r.Customer.Name != b.Customer || r.Tracker.Made.Format(time.DateOnly) != b.Generated {
				t.Errorf("customer %q, made %v", r.Customer, r.Tracker.Made)
			}
			for _, n := range notices(r) { // a due date as the customer wrote it
				if !strings.Contains(n, `the due date "next week" is not a date; it was kept as written`) {
					t.Errorf("notice %q", n)
				}
			}
			if len(r.Tracker.Entries) != len(all) {
				t.Fatalf("%d entries, want %d", len(r.Tracker.Entries), len(all))
			}
			for i, e := range r.Tracker.Entries {
				f := all[i]
				want := assessment.Tracking{State: assessment.TrackOpen}
				if f.Track != nil {
					want = *f.Track
				}
				got := assessment.Tracking{State: e.State, Owner: e.Owner, Due: e.Due, Comment: e.Comment}
				// Cells are read trimmed.
				trim := strings.TrimSpace
				if e.Key != f.Key || got != want || e.UserID != trim(f.UserID) || e.Name != trim(f.Name) || e.Email != trim(f.Email) {
					t.Errorf("row %d reads back as %+v, want %s %+v", e.Row, e, f.Key, want)
				}
			}
		})
	}
}

// Every language's Findings headers and status words are told apart after
// folding, and no word means one thing in one language and another in
// another: the reader takes a word of any language.
func TestReturnedWordsDistinct(t *testing.T) {
	column := map[string]int{}
	state := map[string]assessment.TrackState{}
	for _, code := range templates.Supported {
		l := templates.MustLoad(code)
		for col := range colKey {
			w := inputs.FoldKey(columnHeader(l, col))
			if c, ok := column[w]; ok && c != col {
				t.Errorf("%s: the header of column %s folds to %q, a header of column %s too", code, columnKeys[col], w, columnKeys[c])
			}
			column[w] = col
		}
		for _, s := range assessment.TrackStates {
			w := inputs.FoldKey(StateWord(l, s))
			if o, ok := state[w]; ok && o != s {
				t.Errorf("%s: status %s folds to %q, status %s too", code, s, w, o)
			}
			state[w] = s
		}
	}
}

// zipOf is a zip archive of the named parts.
func zipOf(t *testing.T, parts map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(parts[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A returned workbook is customer data: it is held to the limits of every
// workbook migready reads (inputs.ReadWorkbook), and what it refuses is an
// input error that names the file and says what -tracker takes.
func TestReturnedLimits(t *testing.T) {
	types := []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>`)
	for _, tc := range []struct {
		name string
		data []byte
		err  string
	}{
		{"zip bomb", zipOf(t, map[string][]byte{"[Content_Types].xml": types, "xl/worksheets/sheet1.xml": make([]byte, 4<<20)}),
			"a zip bomb"},
		{"OpenDocument", zipOf(t, map[string][]byte{"mimetype": []byte("application/vnd.oasis.opendocument.spreadsheet"),
			"content.xml": nil, "META-INF/manifest.xml": nil}), "OpenDocument spreadsheet"},
		{"another zip", zipOf(t, map[string][]byte{"readme.txt": []byte("hello")}), "a zip archive, not an Excel workbook"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseReturned("returned.xlsx", tc.data)
			var e *inputs.Error
			if !errors.As(err, &e) || !strings.Contains(e.Msg, tc.err) || e.File != "returned.xlsx" || !strings.HasPrefix(e.Hint, "-tracker takes") {
				t.Errorf("error %#v, want an input error %q with the -tracker hint", err, tc.err)
			}
		})
	}
}

// A workbook made for another customer is refused; one whose subject was
// removed is read, with a notice.
func TestReadReturnedCustomer(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "returned.xlsx")
	write := func(b *Book) {
		t.Helper()
		if err := os.WriteFile(path, wbWrite(t, b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(wbAssessment())
	cust := func(name, tenant string) assessment.Customer { return assessment.Customer{Name: name, Tenant: tenant} }
	if _, err := ReadReturned(path, cust("Østerbro Revision ApS", "")); err == nil || !strings.Contains(err.Error(), `this workbook is for "Nordlys AS", not "Østerbro Revision ApS"`) {
		t.Errorf("another customer's workbook: %v", err)
	}
	r, err := ReadReturned(path, cust(" nordlys as ", ""))
	if err != nil || len(r.Tracker.Entries) == 0 || len(r.Tracker.Notices) > 0 {
		t.Fatalf("own workbook: %v, %+v", err, r)
	}
	// The tenant travels in the workbook and is compared with the
	// profile's: one customer's test tenant is not its live one.
	b := wbAssessment()
	b.Tenant = "Cust40317"
	write(b)
	if _, err := ReadReturned(path, cust("Nordlys AS", "Cust99999")); err == nil ||
		!strings.Contains(err.Error(), `this workbook is for tenant Cust40317 ("Nordlys AS"), not Cust99999 ("Nordlys AS")`) {
		t.Errorf("another tenant's workbook: %v", err)
	}
	for _, tenant := range []string{"Cust40317", "cust40317", ""} {
		if r, err := ReadReturned(path, cust("Nordlys AS", tenant)); err != nil || r.Customer.Tenant != "Cust40317" {
			t.Errorf("own workbook, profile's tenant %q: %v, %+v", tenant, err, r)
		}
	}
	// Names that make the same file names are two customers all the same.
	b.Customer, b.Tenant = "A&B Consulting AS", ""
	write(b)
	if _, err := ReadReturned(path, cust("A/B Consulting AS", "")); err == nil || !strings.Contains(err.Error(), `this workbook is for "A&B Consulting AS", not "A/B Consulting AS"`) {
		t.Errorf("a workbook of the same slug: %v", err)
	}
	b.Customer, b.Tenant = "", ""
	write(b)
	if r, err := ReadReturned(path, cust("Nordlys AS", "")); err != nil || len(notices(r)) != 1 || !strings.Contains(notices(r)[0], "does not say which customer") {
		t.Errorf("a workbook without its customer: %v, %+v", err, r)
	}
	b.Tenant = "Cust40317"
	write(b)
	if _, err := ReadReturned(path, cust("Nordlys AS", "Cust99999")); err == nil || !strings.Contains(err.Error(), "this workbook is for tenant Cust40317, not Cust99999") {
		t.Errorf("a workbook without its customer's name, of another tenant: %v", err)
	}
	// Another customer's workbook without findings (a READY pack's) is
	// named for whose it is, not for keys that were lost; this customer's
	// own is still one without findings.
	empty := &Book{Customer: "Växa Trädgård AB", Tenant: "Cust51842", Language: "sv", Tool: "migready 0.1.0", Generated: "2026-11-24",
		Checks: []Check{{Status: assessment.Pass, Title: "SuperOffice-version", Summary: "10.3.9", Findings: []Finding{}}}}
	write(empty)
	if _, err := ReadReturned(path, cust("Nordlys AS", "Cust40317")); err == nil ||
		!strings.Contains(err.Error(), `this workbook is for tenant Cust51842 ("Växa Trädgård AB"), not Cust40317 ("Nordlys AS")`) {
		t.Errorf("another customer's workbook without findings: %v", err)
	}
	if _, err := ReadReturned(path, cust("Växa Trädgård AB", "Cust51842")); err == nil || !strings.Contains(err.Error(), "no findings with a key") {
		t.Errorf("the customer's own workbook without findings: %v", err)
	}
}

// FuzzParseReturned mutates the Findings sheet of a workbook as Write makes
// it, inside a valid package, so that the fuzzer reaches the reader rather
// than stopping at zip checksums. Whatever the sheet holds, the reader gives
// an input error or entries with distinct keys, known states and bounded
// cells; a panic in excelize is an input error, one in the reader a crash.
func FuzzParseReturned(f *testing.F) {
	var b bytes.Buffer
	if err := Write(&b, wbAssessment(), templates.MustLoad("nb")); err != nil {
		f.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		f.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			f.Fatal(err)
		}
		parts[zf.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	const sheet = "xl/worksheets/sheet2.xml"
	f.Add(parts[sheet][:min(len(parts[sheet]), 4000)])
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>migready key</t></is></c>` +
		`<c r="B1" t="inlineStr"><is><t>Status</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>k</t></is></c>` +
		`<c r="B2" t="inlineStr"><is><t>Rettet</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>k</t></is></c></row>` +
		`</sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, xml []byte) {
		xmlText := string(xml)
		with := maps.Clone(parts)
		with[sheet] = xml
		r, err := parseReturned("fuzz.xlsx", zipOf(t, with))
		if err != nil {
			var e *inputs.Error
			if !errors.As(err, &e) || e.File != "fuzz.xlsx" {
				t.Fatalf("not an input error naming the file: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, e := range r.Tracker.Entries {
			if e.Key == "" || seen[e.Key] || !slices.Contains(assessment.TrackStates, e.State) ||
				len(e.Comment) > maxCell || len(e.Owner) > maxCell || len(e.Due) > maxCell ||
				utf8.ValidString(xmlText) && !utf8.ValidString(e.Comment) {
				t.Fatalf("entry %+v", e)
			}
			seen[e.Key] = true
		}
	})
}

// A cell longer than maxCell is shortened between letters, never inside
// one nor between a letter and its accent, marked with "…", and a notice
// names its row and column.
func TestReturnedLongCell(t *testing.T) {
	for _, long := range []string{
		"a" + strings.Repeat("æ", maxCell), // maxCell falls inside an æ
		strings.Repeat("e\u0301", maxCell), // … or between an e and its accent
		strings.Repeat("👩\u200d💻", maxCell/4),
	} {
		data := trackerBook(t, "Progress Co", trackerHeader, [][]any{{"x", 3, "BO", "x", "Open", "", "", long, "licences:user:bo"}}, nil)
		r, err := parseReturned("returned.xlsx", data)
		if err != nil {
			t.Fatal(err)
		}
		c := r.Tracker.Entries[0].Comment
		body := strings.TrimSuffix(c, "…")
		at := 0 // the cut is where a cluster of long starts
		for at < len(body) {
			at += len(shown.FirstCluster(long[at:]))
		}
		if len(c) > maxCell || body == c || !utf8.ValidString(c) || !strings.HasPrefix(long, body) || at != len(body) {
			t.Errorf("comment of %d bytes, valid UTF-8 %v, cut between clusters %v, ends %q", len(c), utf8.ValidString(c), at == len(body), c[max(0, len(c)-12):])
		}
		named := false
		for _, n := range r.Tracker.Notices {
			row, _ := n.Args.Get("row")
			col, _ := n.Args.Get("column")
			named = named || n.Key == "tracker.notice.cell-long" && row == "2" && col.(assessment.Text).Key == columnText(colComment).Key
		}
		if !named {
			t.Errorf("no notice names the shortened cell: %v", r.Tracker.Notices)
		}
	}
}

// A copy of the Findings sheet beside it (Excel's "Move or Copy", placed
// first, visible, hidden or very hidden) never silently replaces the
// notes: copies that say the same are read once, with a notice; copies
// that differ are an input error naming the sheets.
func TestReturnedSheetCopies(t *testing.T) {
	current := [][]any{
		{"User plans", 3, "BO", "No plan", "Fixed", "Ingrid", "", "Plan given", "licences:user:bo"},
		{"User plans", 5, "DI", "No plan", "Open", "", "", "", "licences:user:di"},
	}
	stale := [][]any{
		{"User plans", 3, "BO", "No plan", "Open", "", "", "", "licences:user:bo"},
		{"User plans", 5, "DI", "No plan", "Open", "", "", "", "licences:user:di"},
	}
	copyFirst := func(rows [][]any, state string) func(*excelize.File) {
		return func(f *excelize.File) {
			f.NewSheet("Findings (2)")
			for i, h := range trackerHeader {
				c, _ := excelize.CoordinatesToCellName(i+1, 1)
				f.SetCellValue("Findings (2)", c, h)
			}
			for r, row := range rows {
				for i, v := range row {
					c, _ := excelize.CoordinatesToCellName(i+1, r+2)
					f.SetCellValue("Findings (2)", c, v)
				}
			}
			f.MoveSheet("Findings (2)", "Findings") // placed first, as Excel offers
			switch state {
			case "hidden":
				f.SetSheetVisible("Findings (2)", false)
			case "veryHidden":
				f.SetSheetVisible("Findings (2)", false, true)
			}
		}
	}
	for _, state := range []string{"visible", "hidden", "veryHidden"} {
		t.Run(state, func(t *testing.T) {
			data := trackerBook(t, "Progress Co", trackerHeader, current, copyFirst(stale, state))
			f, _ := excelize.OpenReader(bytes.NewReader(data))
			if sheets := f.GetSheetList(); sheets[0] != "Findings (2)" {
				t.Fatalf("the copy is not first: %v", sheets)
			}
			_, err := parseReturned("returned.xlsx", data)
			if err == nil || !strings.Contains(err.Error(), `both have the hidden "migready key" column, with different notes (first at row 2 of`) ||
				!strings.Contains(err.Error(), `"Findings"`) || !strings.Contains(err.Error(), `"Findings (2)"`) {
				t.Fatalf("a stale copy: %v", err)
			}
			var e *inputs.Error
			if errors.As(err, &e) && !strings.Contains(e.HintFound(), "delete the other copy") {
				t.Errorf("hint %q", e.HintFound())
			}
			// The same notes in both: read once, with a notice.
			r, err := parseReturned("returned.xlsx", trackerBook(t, "Progress Co", trackerHeader, current, copyFirst(current, state)))
			if err != nil {
				t.Fatal(err)
			}
			if r.Tracker.Sheet != "Findings" || r.Tracker.Entries[0].State != assessment.TrackFixed {
				t.Errorf("read %q: %+v", r.Tracker.Sheet, r.Tracker.Entries)
			}
			if ns := notices(r); len(ns) != 1 || ns[0] != `Sheet "Findings" was read; sheet "Findings (2)" holds the same notes.` {
				t.Errorf("notices %q", ns)
			}
		})
	}
	// A copy with a row more or less differs too.
	_, err := parseReturned("returned.xlsx", trackerBook(t, "Progress Co", trackerHeader, current, copyFirst(current[:1], "visible")))
	if err == nil || !strings.Contains(err.Error(), "with different notes") {
		t.Errorf("a copy with a row less: %v", err)
	}
}

// Statuses typed by hand, in any of the six languages and any case, are
// read as the state they mean; one that means none is reported and read as
// Open; a status formula whose result was never saved is reported and its
// row is not carried, never read as Open; another cell's is read as empty,
// with a notice.
func TestReturnedStatuses(t *testing.T) {
	typed := map[string]assessment.TrackState{
		"Done": assessment.TrackFixed, "fixed": assessment.TrackFixed, "FERDIG": assessment.TrackFixed, "Løst": assessment.TrackFixed,
		"Klar": assessment.TrackFixed, "Erledigt": assessment.TrackFixed, "Gelöst": assessment.TrackFixed, "Klaar": assessment.TrackFixed,
		"Godtatt": assessment.TrackAccepted, "godkänd": assessment.TrackAccepted, "Godkendt": assessment.TrackAccepted,
		"Angenommen": assessment.TrackAccepted, "Goedgekeurd": assessment.TrackAccepted, "Accepted": assessment.TrackAccepted,
		"Won't fix": assessment.TrackWontFix, "Fikses ikke": assessment.TrackWontFix, "Ignoriert": assessment.TrackWontFix,
		"Afgewezen": assessment.TrackWontFix, "Åtgärdas inte": assessment.TrackWontFix,
		"In progress": assessment.TrackOpen, "Pågår": assessment.TrackOpen, "In Bearbeitung": assessment.TrackOpen,
		"Bezig": assessment.TrackOpen, "Åben": assessment.TrackOpen, "Ikke startet": assessment.TrackOpen,
	}
	var rows [][]any
	var words []string
	for w := range typed {
		words = append(words, w)
	}
	slices.Sort(words)
	for i, w := range words {
		rows = append(rows, []any{"x", i + 2, "U" + strconv.Itoa(i), "x", w, "", "", "", "licences:user:u" + strconv.Itoa(i)})
	}
	n := len(rows)
	rows = append(rows,
		[]any{"x", 90, "MAYBE", "x", "Maybe later", "", "", "", "licences:user:maybe"},
		[]any{"x", 91, "F", "x", nil, "", "", "Note", "licences:user:f"},
		[]any{"x", 92, "G", "x", "Fixed", nil, "", "", "licences:user:g"})
	data := trackerBook(t, "Progress Co", trackerHeader, rows, func(f *excelize.File) {
		f.SetCellFormula("Findings", "E"+strconv.Itoa(n+3), `IF(1=1,"Fixed","Open")`) // F: never calculated
		f.SetCellFormula("Findings", "F"+strconv.Itoa(n+4), `"Ola"&""`)               // G's owner: never calculated
	})
	r, err := parseReturned("returned.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]assessment.TrackState{}
	for _, e := range r.Tracker.Entries {
		got[e.Key] = e.State
	}
	for i, w := range words {
		if s := got["licences:user:u"+strconv.Itoa(i)]; s != typed[w] {
			t.Errorf("%q read as %q, want %q", w, s, typed[w])
		}
	}
	if s, ok := got["licences:user:f"]; ok {
		t.Errorf("a status formula without its result read as %q", s)
	}
	if got["licences:user:maybe"] != assessment.TrackOpen || got["licences:user:g"] != assessment.TrackFixed {
		t.Errorf("entries %v", got)
	}
	want := []string{
		fmt.Sprintf(`Sheet "Findings", row %d: the status "Maybe later" is none of the words in the Status list, so it was read as Open.`, n+2),
		fmt.Sprintf(`Sheet "Findings", row %d: the Status cell holds a formula whose result was never saved, so the notes on this row were not carried forward. Open the workbook in Excel, let it calculate, and save it again.`, n+3),
		fmt.Sprintf(`Sheet "Findings", row %d: the Owner cell holds a formula whose result was never saved; it was read as empty.`, n+4),
	}
	if ns := notices(r); !slices.Equal(ns, want) {
		t.Errorf("notices\n%q\nwant\n%q", ns, want)
	}
}

// The words a returned workbook's Status column is read as, the
// drop-down's and those typed by hand, mean one state in every language.
func TestTypedStatusWordsDistinct(t *testing.T) {
	state := map[string]assessment.TrackState{}
	for _, code := range templates.Supported {
		l := templates.MustLoad(code)
		for _, s := range assessment.TrackStates {
			ws := StateWords(l, s)
			if len(ws) < 4 {
				t.Errorf("%s: only %q for %s", code, ws, s)
			}
			for _, w := range ws {
				f := inputs.FoldKey(w)
				if o, ok := state[f]; ok && o != s {
					t.Errorf("%s: %q (%s) folds to %q, a word of %s too", code, w, s, f, o)
				}
				state[f] = s
			}
		}
	}
}
