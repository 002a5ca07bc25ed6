package inputs

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var testTrackerColumns = TrackerColumns{
	Status:  []string{"Status", "Status"},
	Owner:   []string{"Owner", "Ansvarlig"},
	Due:     []string{"Due date", "Frist"},
	Comment: []string{"Comment", "Kommentar"},
	States: map[string]string{FoldKey("Open"): TrackOpen, FoldKey("Fixed"): TrackFixed, FoldKey("Rettet"): TrackFixed,
		FoldKey("Accepted"): TrackAccepted, FoldKey("Won't fix"): TrackWontFix},
}

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

var trackerHeader = []string{"Check", "Row in export", "User ID", "Problem", "Status", "Owner", "Due date", "Comment", TrackerKeyHeader}

func TestParseTracker(t *testing.T) {
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
		check   func(t *testing.T, tr *Tracker)
	}{
		{name: "as returned", data: trackerBook(t, "Progress Co", trackerHeader, good, nil), entries: 3,
			check: func(t *testing.T, tr *Tracker) {
				e := tr.Entries[0]
				if e.State != TrackFixed || e.Owner != "Ingrid" || e.Due != "2026-12-01" || e.Comment != "Plan given 12/11" || e.Key != "licences:user:bo" {
					t.Errorf("entry %+v", e)
				}
				if tr.Entries[1].State != TrackWontFix || tr.Entries[1].Comment != `=HYPERLINK("x")` || tr.Entries[2].State != TrackOpen {
					t.Errorf("entries %+v", tr.Entries)
				}
				if tr.Customer != "Progress Co" || tr.Made.Format("2006-01-02") != "2026-11-12" {
					t.Errorf("customer %q, made %v", tr.Customer, tr.Made)
				}
			}},
		{name: "renamed sheet, columns moved", data: trackerBook(t, "Progress Co",
			[]string{TrackerKeyHeader, "Kommentar", "Status", "Check"},
			[][]any{{"licences:user:bo", "Done", "Rettet", "x"}},
			func(f *excelize.File) { f.SetSheetName("Findings", "Mine notater") }), entries: 1,
			notice: `no Owner column`,
			check: func(t *testing.T, tr *Tracker) {
				if e := tr.Entries[0]; e.State != TrackFixed || e.Comment != "Done" {
					t.Errorf("entry %+v", e)
				}
			}},
		{name: "a row added by hand", data: trackerBook(t, "Progress Co", trackerHeader,
			append(good, []any{"", "", "", "", "", "", "", "Please also check NN", ""}), nil), entries: 3,
			notice: `a note without a key`},
		{name: "unknown status and a date that is not one", data: trackerBook(t, "Progress Co", trackerHeader,
			[][]any{{"x", 3, "BO", "x", "Maybe later", "", "next week", "", "licences:user:bo"}}, nil), entries: 1,
			notice: `status "Maybe later" is not one of the drop-down's`,
			check: func(t *testing.T, tr *Tracker) {
				if e := tr.Entries[0]; e.State != TrackOpen || e.Due != "next week" {
					t.Errorf("entry %+v", e)
				}
			}},
		{name: "a formula in a comment is read as its value, never as a formula", data: trackerBook(t, "Progress Co", trackerHeader,
			[][]any{{"x", 3, "BO", "x", "Open", "", "", "", "licences:user:bo"}},
			func(f *excelize.File) { f.SetCellFormula("Findings", "H2", "1+1") }), entries: 1,
			check: func(t *testing.T, tr *Tracker) {
				if c := tr.Entries[0].Comment; strings.Contains(c, "1+1") {
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
			tr, err := ParseTracker("returned.xlsx", tc.data, testTrackerColumns)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.HasPrefix(err.Error(), "returned.xlsx") {
					t.Fatalf("error %v, want %q naming the file", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(tr.Entries) != tc.entries {
				t.Errorf("%d entries, want %d: %+v", len(tr.Entries), tc.entries, tr.Entries)
			}
			if tc.notice != "" && !strings.Contains(strings.Join(tr.Notices, "\n"), tc.notice) {
				t.Errorf("notices %q lack %q", tr.Notices, tc.notice)
			}
			if tc.check != nil {
				tc.check(t, tr)
			}
		})
	}
}
