package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render/internal/golden"
	"github.com/migready/migready/templates"
	"github.com/xuri/excelize/v2"
)

// wbHostileCells are values a customer export can hold that a spreadsheet
// would otherwise take for formulas or markup.
var wbHostileCells = []string{`=HYPERLINK("http://x","click")`, "+1", "-1", "@SUM(A1)", "<script>alert(1)</script>", "=1+1", " leading space", "Æøå 😀"}

// wbFinding is a finding with its words already written.
func wbFinding(row int, id, name, email, problem, action string) Finding {
	return Finding{Finding: &assessment.Finding{Row: row, UserID: id, Name: name, Email: email,
		Key: "duplicate-emails:user:" + strings.ToLower(id)}, Problem: problem, Action: action}
}

// wbAssessment is a report's workbook, its words written.
func wbAssessment() *Book {
	a := &Book{
		Customer:  "Nordlys AS",
		Language:  "en",
		Tool:      "migready 0.1.0",
		Generated: "2026-11-24",
		Checks: []Check{
			{Status: assessment.Pass, Title: "Onsite version", Summary: "10.3.5 is supported", Findings: []Finding{}},
			{Status: assessment.Fail, Title: "Duplicate e-mail addresses", Summary: "2 users share an address",
				Findings: []Finding{
					wbFinding(12, "AB", "Anne Berg", "post@nordlys.no", "Shares post@nordlys.no with row 14", "Give each user their own address"),
					wbFinding(14, "CD", "Carl Dahl", "post@nordlys.no", "Shares post@nordlys.no with row 12", "Give each user their own address"),
				}},
			{Status: assessment.Warn, Title: "Valid e-mail addresses", Summary: "1 address is not valid",
				Findings: []Finding{}},
			{Status: assessment.Unknown, Title: "Mailboxes", Summary: "Verify the forwarding",
				Findings: []Finding{wbFinding(0, "", "", "", "No [mail] section", "Add one")}},
		},
		Mailboxes: []assessment.Mailbox{
			{Current: "anne@nordlys.no", New: "anne@nordlys.onmicrosoft.com", Forward: true},
			{Current: "carl@nordlys.no", New: "carl@nordlys.onmicrosoft.com", Forward: false},
		},
	}
	for i, h := range wbHostileCells {
		a.Checks[2].Findings = append(a.Checks[2].Findings, wbFinding(20+i, h, h, h, h, h))
		a.Mailboxes = append(a.Mailboxes, assessment.Mailbox{Current: h, New: h})
	}
	a.Checks[1].Title = "=cmd|' /C calc'!A0"
	a.Checks[1].Summary = "@SUM(1)"
	return a
}

func wbWrite(t testing.TB, a *Book) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, a, templates.MustLoad("en")); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func wbOpen(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWorkbookSheets(t *testing.T) {
	f := wbOpen(t, wbWrite(t, wbAssessment()))
	if got, want := strings.Join(f.GetSheetList(), ","), "Checklist,Findings,Mailboxes"; got != want {
		t.Errorf("sheets %q, want %q", got, want)
	}
	if i := f.GetActiveSheetIndex(); i != 0 {
		t.Errorf("active sheet %d, want 0 (Checklist)", i)
	}
	rows, err := f.GetRows("Findings")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Check", "Result", "Row in export", "User ID", "Name", "Email", "Problem", "Action", "Status",
		"Owner", "Due date", "Comment", KeyHeader}
	if got := strings.Join(rows[0], "|"); got != strings.Join(want, "|") {
		t.Errorf("Findings header %q", got)
	}
	if len(rows) != 1+2+len(wbHostileCells)+1 {
		t.Errorf("Findings has %d rows", len(rows))
	}
	if got := strings.Join(rows[1], "|"); got != "=cmd|' /C calc'!A0|Blocker|12|AB|Anne Berg|post@nordlys.no|Shares post@nordlys.no with row 14|Give each user their own address|Open||||duplicate-emails:user:ab" {
		t.Errorf("Findings row 2 %q", got)
	}
	last := rows[len(rows)-1]
	if last[2] != "" || last[6] != "No [mail] section" || last[1] != "Verify" {
		t.Errorf("Findings last row %q", last)
	}
	for _, ref := range []string{"A1", "I1"} {
		id, _ := f.GetCellStyle("Findings", ref)
		st, _ := f.GetStyle(id)
		if st == nil || st.Font == nil || !st.Font.Bold || st.Fill.Pattern != 1 {
			t.Errorf("Findings %s is not a bold filled header: %+v", ref, st)
		}
	}
	id, _ := f.GetCellStyle("Findings", "G2")
	if st, _ := f.GetStyle(id); st == nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("Problem column does not wrap")
	}
	if w, _ := f.GetColWidth("Findings", "G"); w < 20 || w > 60 {
		t.Errorf("Problem column width %v", w)
	}

	rows, _ = f.GetRows("Checklist")
	if got := strings.Join(rows[0], "|"); got != "Check|Result|Summary|Done" {
		t.Errorf("Checklist header %q", got)
	}
	if got := strings.Join(rows[1], "|"); got != "Onsite version|Pass|10.3.5 is supported" {
		t.Errorf("Checklist row 2 %q", got)
	}
	if len(rows) != 5 {
		t.Errorf("Checklist has %d rows", len(rows))
	}

	rows, _ = f.GetRows("Mailboxes")
	if got := strings.Join(rows[1], "|"); got != "anne@nordlys.no|anne@nordlys.onmicrosoft.com|Yes" {
		t.Errorf("Mailboxes row 2 %q", got)
	}
	if got := rows[2][2]; got != "No" {
		t.Errorf("Mailboxes forward %q", got)
	}
}

func TestWorkbookHostileCellsStayLiteral(t *testing.T) {
	f := wbOpen(t, wbWrite(t, wbAssessment()))
	check := func(sheet, ref, want string) {
		t.Helper()
		if got, _ := f.GetCellValue(sheet, ref); got != want {
			t.Errorf("%s!%s = %q, want %q", sheet, ref, got, want)
		}
		if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
			t.Errorf("%s!%s has formula %q", sheet, ref, fm)
		}
		if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s!%s has type %v, want a string", sheet, ref, typ)
		}
		// The text number format keeps the cell text when it is edited in Excel.
		id, _ := f.GetCellStyle(sheet, ref)
		if st, _ := f.GetStyle(id); st == nil || st.NumFmt != 49 {
			t.Errorf("%s!%s is not in the text format: %+v", sheet, ref, st)
		}
	}
	for i, h := range wbHostileCells {
		row := 4 + i // header, two duplicate-e-mail findings
		for _, col := range []string{"D", "E", "F", "G", "H"} {
			check("Findings", fmt.Sprintf("%s%d", col, row), h)
		}
		for _, col := range []string{"A", "B"} {
			check("Mailboxes", fmt.Sprintf("%s%d", col, 4+i), h)
		}
	}
	check("Findings", "A2", "=cmd|' /C calc'!A0")
	check("Checklist", "A3", "=cmd|' /C calc'!A0")
	check("Checklist", "C3", "@SUM(1)")
}

func TestWorkbookDropDownPanesFilter(t *testing.T) {
	data := wbWrite(t, wbAssessment())
	f := wbOpen(t, data)
	n := 2 + len(wbHostileCells) + 1
	dvs, err := f.GetDataValidations("Findings")
	if err != nil {
		t.Fatal(err)
	}
	if len(dvs) != 1 || dvs[0].Type != "list" || dvs[0].Sqref != fmt.Sprintf("I2:I%d", n+1) ||
		dvs[0].Formula1 != `"Open,Fixed,Accepted,Won't fix"` {
		t.Errorf("Findings data validations %+v", dvs)
	}
	dvs, _ = f.GetDataValidations("Checklist")
	if len(dvs) != 1 || dvs[0].Sqref != "D2:D5" || dvs[0].Formula1 != `"Yes,No"` {
		t.Errorf("Checklist data validations %+v", dvs)
	}
	for _, sheet := range f.GetSheetList() {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
			t.Errorf("%s panes %+v %v", sheet, p, err)
		}
	}
	// The filter is a worksheet element plus the hidden defined name Excel
	// uses for it (excelize writes absolute references).
	for sheet, ref := range map[string]string{
		"xl/worksheets/sheet1.xml": `<autoFilter ref="$A$1:$D$5">`,
		"xl/worksheets/sheet2.xml": fmt.Sprintf(`<autoFilter ref="$A$1:$M$%d">`, n+1),
		"xl/worksheets/sheet3.xml": fmt.Sprintf(`<autoFilter ref="$A$1:$C$%d">`, 3+len(wbHostileCells)),
	} {
		if x := wbZipEntry(t, data, sheet); !strings.Contains(x, ref) {
			t.Errorf("%s has no %s", sheet, ref)
		}
	}
	if x := wbZipEntry(t, data, "xl/workbook.xml"); strings.Count(x, "_xlnm._FilterDatabase") != 3 {
		t.Errorf("workbook.xml filter names: %s", x)
	}
}

func wbZipEntry(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWorkbookDeterministic(t *testing.T) {
	a := wbAssessment()
	one, two := wbWrite(t, a), wbWrite(t, a)
	if !bytes.Equal(one, two) {
		t.Fatal("two writes of the same assessment differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(one), int64(len(one)))
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	for _, zf := range zr.File {
		if !zf.Modified.UTC().Equal(want) {
			t.Errorf("%s modified %v, want %v", zf.Name, zf.Modified, want)
		}
	}
	f := wbOpen(t, one)
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Created != "2026-11-24T00:00:00Z" || p.Modified != p.Created || p.Creator != "migready 0.1.0" {
		t.Errorf("doc props %+v", p)
	}

	// A different date gives different bytes: the date is really used.
	a.Generated = "2026-11-25"
	if bytes.Equal(one, wbWrite(t, a)) {
		t.Error("the generated date does not reach the workbook")
	}
}

func TestWorkbookEmpty(t *testing.T) {
	a := &Book{Tool: "migready", Generated: "not a date"}
	f := wbOpen(t, wbWrite(t, a))
	// A sheet with no rows says so under its header, in its language: a
	// header alone prints as a page that failed.
	for _, sheet := range []string{"Checklist", "Findings", "Mailboxes"} {
		rows, _ := f.GetRows(sheet)
		if len(rows) != 2 || len(rows[1]) != 1 || rows[1][0] != "None" {
			t.Errorf("empty %s has rows %q, want its header and None", sheet, rows)
		}
		if x := wbZipEntry(t, wbWrite(t, a), "xl/worksheets/sheet"+strconv.Itoa(1+slices.Index(f.GetSheetList(), sheet))+".xml"); strings.Contains(x, "<autoFilter") {
			t.Errorf("empty %s has a filter over its None", sheet)
		}
	}
	if dvs, _ := f.GetDataValidations("Findings"); len(dvs) != 1 {
		t.Errorf("empty Findings has no drop-down for new rows")
	}
	// The reader still takes it for no findings, not for one.
	if _, err := parseReturned("wb.xlsx", wbWrite(t, a)); err == nil || !strings.Contains(err.Error(), "no findings with a key") {
		t.Errorf("an empty workbook read back: %v", err)
	}
	// In every language.
	for _, code := range templates.Supported {
		l := templates.MustLoad(code)
		var b bytes.Buffer
		if err := Write(&b, a, l); err != nil {
			t.Fatal(err)
		}
		f := wbOpen(t, b.Bytes())
		if got, _ := f.GetCellValue(l.T("workbook.sheet.mailboxes"), "A2"); got == "" || got != l.T("workbook.none") {
			t.Errorf("%s: empty mailboxes sheet says %q", code, got)
		}
	}
}

func TestWorkbookSample(t *testing.T) {
	data := wbWrite(t, wbAssessment())
	golden.Match(t, "testdata/sample.xlsx", data)
}

// wbLargeAssessment has n findings spread over the checks, as a big export
// with many broken users would.
func wbLargeAssessment(n int) *Book {
	a := wbAssessment()
	per := n / len(a.Checks)
	for i := range a.Checks {
		fs := make([]Finding, 0, per)
		for j := 0; j < per; j++ {
			row := i*per + j + 2
			fs = append(fs, wbFinding(row, fmt.Sprintf("U%05d", row), fmt.Sprintf("User Number %d", row),
				fmt.Sprintf("user.%d@example.com", row),
				fmt.Sprintf("The address user.%d@example.com is used by another user in row %d", row, row+1),
				"Give each user their own e-mail address in SuperOffice before the migration"))
		}
		a.Checks[i].Findings = fs
	}
	return a
}

func BenchmarkWorkbook50k(b *testing.B) {
	a := wbLargeAssessment(50000)
	lang := templates.MustLoad("en")
	b.ReportAllocs()
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, a, lang); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/file")
}

// tmpSpy is a writer that lists the temp folder when excelize first writes
// the finished workbook: a spilled stream is still on disk then (excelize
// removes it only in Close).
type tmpSpy struct {
	dir  string
	seen []string
	done bool
}

func (s *tmpSpy) Write(p []byte) (int, error) {
	if !s.done {
		s.done = true
		entries, _ := os.ReadDir(s.dir)
		for _, e := range entries {
			s.seen = append(s.seen, e.Name())
		}
	}
	return len(p), nil
}

// TestWorkbookNoTempFile: a workbook large enough for excelize's stream
// writer to spill (over 16 MB of sheet XML) creates no file in the system's
// temp folder, so Ctrl-C can leave none behind.
func TestWorkbookNoTempFile(t *testing.T) {
	if testing.Short() {
		t.Skip("60,000 findings")
	}
	a := wbLargeAssessment(60000)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("TMP", tmp)
	t.Setenv("TEMP", tmp)
	spy := &tmpSpy{dir: tmp}
	if err := Write(spy, a, templates.MustLoad("en")); err != nil {
		t.Fatal(err)
	}
	if !spy.done || len(spy.seen) > 0 {
		t.Errorf("temp folder while writing: %v (written: %v)", spy.seen, spy.done)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("left in the temp folder: %v", left)
	}
}
