package workbook

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render/doc"
	"github.com/migready/migready/templates"
	"github.com/xuri/excelize/v2"
)

// TestWorkbookPrintSetup: every sheet prints as a document (A4 landscape,
// at a scale that keeps the 11-point text at 8 points or more and its
// columns one page wide, header row on every page, page numbers in the
// footer), no sheet claims an applied filter, columns are listed in order,
// and every row is tall enough for its wrapped text.
func TestWorkbookPrintSetup(t *testing.T) {
	a := wbAssessment()
	long := strings.Repeat("A sentence that wraps over several lines in a narrow column. ", 6)
	a.Checks[1].Findings[0].Action = long
	data := wbWrite(t, a)
	f := wbOpen(t, data)
	for i, sheet := range f.GetSheetList() {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 ||
			pl.AdjustTo == nil || *pl.AdjustTo < 75 || *pl.AdjustTo > 100 || pl.PageOrder == nil || *pl.PageOrder != "overThenDown" {
			t.Errorf("%s: page layout %+v", sheet, pl)
		}
		// Fit to page would shrink the text below 8 points again.
		props, err := f.GetSheetProps(sheet)
		if err != nil || props.FitToPage != nil && *props.FitToPage {
			t.Errorf("%s: fitToPage is set (%v)", sheet, err)
		}
		// The visible columns fit across the page at that scale: 297 mm
		// less half an inch each side, a column of width w being w digits
		// of 5.6 points (Carlito's, a little wider than Calibri's 7 pixels).
		rows, _ := f.GetRows(sheet)
		across := 0.0
		for c := range rows[0] {
			name, _ := excelize.ColumnNumberToName(c + 1)
			if v, _ := f.GetColVisible(sheet, name); v {
				w, _ := f.GetColWidth(sheet, name)
				across += w * 5.6
			}
		}
		if scale := float64(*pl.AdjustTo) / 100; across*scale > 841.89-72 {
			t.Errorf("%s: columns %.0f pt wide at %.0f %% do not fit the page's 770 pt", sheet, across, scale*100)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil || hf == nil || !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") {
			t.Errorf("%s: footer %+v %v", sheet, hf, err)
		}
		titles := false
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet && dn.RefersTo == "'"+sheet+"'!$1:$1" {
				titles = true
			}
		}
		if !titles {
			t.Errorf("%s: the header row is not repeated on printed pages", sheet)
		}
		x := wbZipEntry(t, data, "xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml")
		if strings.Contains(x, "filterMode") {
			t.Errorf("%s: sheet says a filter is applied", sheet)
		}
		var cols []int
		for _, m := range regexp.MustCompile(`<col [^>]*min="(\d+)"`).FindAllStringSubmatch(x, -1) {
			n, _ := strconv.Atoi(m[1])
			cols = append(cols, n)
		}
		for j := 1; j < len(cols); j++ {
			if cols[j] <= cols[j-1] {
				t.Errorf("%s: columns listed out of order: %v", sheet, cols)
				break
			}
		}
	}
	// The long action (column H of Findings row 2) gets a row tall enough.
	w, _ := f.GetColWidth("Findings", "H")
	perLine := w * 1.2
	need := float64(len(long))/perLine*lineHeight + 1
	if h, _ := f.GetRowHeight("Findings", 2); h < need {
		t.Errorf("Findings row 2 is %.0f pt high; its %d-character action in a column %.0f wide needs %.0f", h, len(long), w, need)
	}
	if h, _ := f.GetRowHeight("Findings", 3); h > 2*lineHeight+2 {
		t.Errorf("Findings row 3 (short text) is %.0f pt high", h)
	}

	// No rows below the header: no filter.
	empty := wbWrite(t, &Book{Tool: "migready", Generated: "2026-11-24"})
	for i := 1; i <= 3; i++ {
		if x := wbZipEntry(t, empty, "xl/worksheets/sheet"+strconv.Itoa(i)+".xml"); strings.Contains(x, "<autoFilter") {
			t.Errorf("empty sheet%d has a filter", i)
		}
	}
}

// TestWorkbookLibreOffice converts the workbook with LibreOffice, as an
// admin without Excel would print or export it: it must open (a file it
// had to repair would fail to convert or lose cells) and give the same
// cells back as CSV.
func TestWorkbookLibreOffice(t *testing.T) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice is required in CI (libreoffice-calc-nogui)")
		}
		t.Skip("LibreOffice not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "wb.xlsx")
	if err := os.WriteFile(in, wbWrite(t, wbAssessment()), 0o644); err != nil {
		t.Fatal(err)
	}
	// A private profile: a second LibreOffice running on the machine must
	// not take the conversion over.
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	for _, format := range []string{"pdf", "csv"} {
		out, err := exec.Command(bin, profile, "--headless", "--convert-to", format, "--outdir", dir, in).CombinedOutput()
		if err != nil {
			t.Fatalf("soffice --convert-to %s: %v\n%s", format, err, out)
		}
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "wb.pdf"))
	if err != nil || len(pdf) < 1000 {
		t.Fatalf("no PDF from LibreOffice: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "wb.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// CSV export writes the first sheet: the checklist.
	rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatalf("CSV from LibreOffice: %v\n%s", err, b)
	}
	a := wbAssessment()
	if len(rows) != len(a.Checks)+1 || rows[0][0] != "Check" {
		t.Fatalf("CSV from LibreOffice has %d rows: %q", len(rows), rows)
	}
	for i, c := range a.Checks {
		if rows[i+1][0] != c.Title || rows[i+1][2] != c.Summary {
			t.Errorf("CSV row %d = %q, want %q / %q", i+2, rows[i+1], c.Title, c.Summary)
		}
	}
}

func TestWorkbookLines(t *testing.T) {
	c := newColumnWidths([]string{"x"}, 10)
	c.see(0, strings.Repeat("x", 30)) // capped at width 10: 10 characters a line
	for s, want := range map[string]int{
		"":                                1,
		"short":                           1,
		"ten chars!":                      1,
		"two words that wrap":             2,
		"one\ntwo":                        2,
		"averyveryverylongwordindeed":     3,
		"a b c d e f g h i j k l m n o p": 4,
	} {
		if got := c.lines(0, s); got != want {
			t.Errorf("lines(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestWorkbookHeadersWhole: in every language, each column is wide enough
// for the widest word of its header, so that a header wraps between words
// ("Vidarebefordra gammal adress", not "Vidarebeford|ra"), and the due-date
// column for a date, which a spreadsheet shows as "###" when it does not fit.
func TestWorkbookHeadersWhole(t *testing.T) {
	a := wbAssessment()
	a.Checks[1].Findings[0].Track = &assessment.Tracking{State: assessment.TrackOpen, Due: "2026-12-24"}
	for _, code := range templates.Supported {
		l := templates.MustLoad(code)
		var b bytes.Buffer
		if err := Write(&b, a, l); err != nil {
			t.Fatal(err)
		}
		f := wbOpen(t, b.Bytes())
		for _, sheet := range f.GetSheetList() {
			rows, _ := f.GetRows(sheet)
			for c, h := range rows[0] {
				name, _ := excelize.ColumnNumberToName(c + 1)
				w, _ := f.GetColWidth(sheet, name)
				for _, word := range strings.Fields(h) {
					// Bold letters are wider than the digits a width counts.
					if need := float64(utf8.RuneCountInString(word))*1.1 + 1; w < need {
						t.Errorf("%s %s: column %s is %.0f wide; its header word %q needs %.1f", code, sheet, name, w, word, need)
					}
				}
			}
		}
		findings := l.T("workbook.sheet.findings")
		if w, _ := f.GetColWidth(findings, "K"); w < 11 {
			t.Errorf("%s: the due-date column is %.0f wide, too narrow for a date", code, w)
		}
		if v, _ := f.GetCellValue(findings, "K2", excelize.Options{RawCellValue: true}); v == "" {
			t.Errorf("%s: the due date is not in column K", code)
		}
	}
}

// TestWorkbookFixedStillFound: a finding the returned workbook marked Fixed
// is still found: its Status keeps the customer's word, in the warning
// colours, and its Problem says first that it is still found, as the pack
// lists it under "Marked fixed, but still found".
func TestWorkbookFixedStillFound(t *testing.T) {
	a := wbAssessment()
	a.Checks[1].Findings[0].Track = &assessment.Tracking{State: assessment.TrackFixed, Comment: "done"}
	a.Checks[1].Findings[1].Track = &assessment.Tracking{State: assessment.TrackAccepted}
	for _, code := range []string{"en", "nb"} {
		l := templates.MustLoad(code)
		var b bytes.Buffer
		if err := Write(&b, a, l); err != nil {
			t.Fatal(err)
		}
		f := wbOpen(t, b.Bytes())
		sheet := l.T("workbook.sheet.findings")
		warn := strings.TrimPrefix(doc.StatusColors["warn"].String(), "#")
		for _, c := range []struct {
			row   int
			state assessment.TrackState
			still bool
		}{{2, assessment.TrackFixed, true}, {3, assessment.TrackAccepted, false}} {
			ref := "I" + strconv.Itoa(c.row)
			if got, _ := f.GetCellValue(sheet, ref); got != StateWord(l, c.state) {
				t.Errorf("%s %s = %q, want %q", code, ref, got, StateWord(l, c.state))
			}
			id, _ := f.GetCellStyle(sheet, ref)
			st, _ := f.GetStyle(id)
			flagged := st != nil && st.Font != nil && strings.EqualFold(st.Font.Color, warn)
			if flagged != c.still {
				t.Errorf("%s %s (%s): flagged %v, want %v", code, ref, c.state, flagged, c.still)
			}
			problem, _ := f.GetCellValue(sheet, "G"+strconv.Itoa(c.row))
			title := l.T("pack.tracker.still_title")
			if strings.HasPrefix(problem, title+"\n") != c.still || !strings.HasSuffix(problem, a.Checks[1].Findings[c.row-2].Problem) {
				t.Errorf("%s G%d = %q", code, c.row, problem)
			}
		}
		// Read back, the row is the finding and its state as written.
		r, err := parseReturned("wb.xlsx", b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if e := r.Tracker.Entries[0]; e.State != assessment.TrackFixed || e.Comment != "done" {
			t.Errorf("%s: read back %+v", code, e)
		}
	}
}

// TestWorkbookCheckTitlesWhole: in every language, the check column of
// both sheets is wide enough for each word of every check's title, up to
// a hyphen, where a spreadsheet may break it: the Dutch
// "Gebruikersplannen" (17 letters) broke as "Gebruikersplanne|n" in every
// row of the user-plan findings once wide names and addresses narrowed
// the column, as it was longer than the words a name keeps whole.
func TestWorkbookCheckTitlesWhole(t *testing.T) {
	for _, code := range templates.Supported {
		l := templates.MustLoad(code)
		a := wbAssessment()
		a.Checks = nil
		long := strings.Repeat("Maximiliaan-Alexander ", 4)
		for i, id := range assessment.CheckIDs {
			a.Checks = append(a.Checks, Check{Status: assessment.Fail, Title: l.T("check." + id + ".title"), Summary: "…",
				Findings: []Finding{wbFinding(i+2, "id"+strconv.Itoa(i), long, "a.very.long.address.indeed@example-company.com", long, long)}})
		}
		var b bytes.Buffer
		if err := Write(&b, a, l); err != nil {
			t.Fatal(err)
		}
		f := wbOpen(t, b.Bytes())
		for _, sheet := range []string{l.T("workbook.sheet.checklist"), l.T("workbook.sheet.findings")} {
			w, _ := f.GetColWidth(sheet, "A")
			for _, c := range a.Checks {
				for _, word := range strings.Fields(strings.ReplaceAll(c.Title, "-", "- ")) {
					need := float64(utf8.RuneCountInString(word)) + 1
					if w < need {
						t.Errorf("%s %s: column A is %.0f wide; %q of %q needs %.0f", code, sheet, w, word, c.Title, need)
					}
				}
			}
		}
	}
}
