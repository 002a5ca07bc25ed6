package workbook

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestWorkbookPrintSetup: every sheet prints as a document (landscape, one
// page wide, header row on every page, page numbers in the footer), no
// sheet claims an applied filter, columns are listed in order, and every
// row is tall enough for its wrapped text.
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
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
			pl.FitToHeight == nil || *pl.FitToHeight != 0 || pl.Size == nil || *pl.Size != 9 {
			t.Errorf("%s: page layout %+v", sheet, pl)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fitToPage not set (%v)", sheet, err)
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
