package portfolio

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/migready/migready/templates"
)

// excelSeparator is what Excel separates a CSV file's cells with in each
// language's regions: Windows' list separator, ";" where the decimal sign
// is a comma. A portfolio.csv of commas opens in one column in Nordic,
// German and Dutch Excel.
var excelSeparator = map[string]rune{"en": ',', "nb": ';', "sv": ';', "da": ';', "de": ';', "nl": ';'}

// awkwardName is a customer whose name holds both separators and a quote.
const awkwardName = `Berg; Sønner, "Nord" AS`

func csvPortfolio() *Portfolio {
	p := samplePortfolio()
	for i := range p.Rows {
		if p.Rows[i].Slug == "many" {
			p.Rows[i].Name = awkwardName
		}
	}
	return p
}

// TestPortfolioCSVSeparator: the portfolio's CSV separates its cells as
// Excel does in the portfolio language's regions, so that every column is
// a column, with names holding either separator kept whole.
func TestPortfolioCSVSeparator(t *testing.T) {
	for _, lang := range templates.Supported {
		sep, ok := excelSeparator[lang]
		if !ok {
			t.Fatalf("no separator known for %s", lang)
		}
		l := templates.MustLoad(lang)
		var b bytes.Buffer
		if err := writeCSV(&b, csvPortfolio(), l); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b.Bytes(), []byte("\uFEFF")) {
			t.Errorf("%s: no UTF-8 byte order mark", lang)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\uFEFF"))))
		r.Comma = sep
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: read with %q: %v", lang, sep, err)
		}
		checkColumns(t, lang, recs, l)
	}
}

// checkColumns checks a portfolio's cells as read back: a header of every
// column in l, a row per customer, the awkward name whole.
func checkColumns(t *testing.T, lang string, recs [][]string, l *templates.Lang) {
	t.Helper()
	if len(recs) != 6 {
		t.Fatalf("%s: %d rows, want a header and 5", lang, len(recs))
	}
	for i, rec := range recs {
		if len(rec) != len(columns) {
			t.Errorf("%s: row %d has %d cells, want %d: %q", lang, i+1, len(rec), len(columns), rec)
		}
	}
	if recs[0][0] != l.T("portfolio.column.name") || recs[0][len(columns)-1] != l.T("portfolio.column.error") {
		t.Errorf("%s: header %q", lang, recs[0])
	}
	found := false
	for _, rec := range recs {
		found = found || rec[0] == awkwardName
	}
	if !found {
		t.Errorf("%s: the name %q is not one cell", lang, awkwardName)
	}
}

// TestPortfolioCSVLibreOffice opens each language's portfolio.csv in
// LibreOffice Calc with the separator Excel uses in that language's
// regions, as a spreadsheet program of a Nordic or German laptop would,
// and reads the cells back: every column a column, Nordic letters right,
// the hostile name text behind its apostrophe, not a formula.
func TestPortfolioCSVLibreOffice(t *testing.T) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice is required in CI (libreoffice-calc-nogui)")
		}
		t.Skip("LibreOffice not installed")
	}
	dir := t.TempDir()
	// A private profile: a second LibreOffice running on the machine must
	// not take the conversion over.
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	for _, lang := range templates.Supported {
		l := templates.MustLoad(lang)
		var b bytes.Buffer
		if err := writeCSV(&b, csvPortfolio(), l); err != nil {
			t.Fatal(err)
		}
		sub := filepath.Join(dir, lang)
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(sub, "portfolio.csv")
		if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		// Import: the separator, " around text, UTF-8 (76), from line 1.
		// Export: tabs, so that what was one cell in Calc is one field.
		infilter := "CSV:" + strconv.Itoa(int(excelSeparator[lang])) + ",34,76,1"
		out, err := exec.Command(bin, profile, "--headless", "--infilter="+infilter,
			"--convert-to", "tsv:Text - txt - csv (StarCalc):9,34,76,1", "--outdir", filepath.Join(sub, "out"), in).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: soffice: %v\n%s", lang, err, out)
		}
		got, err := os.ReadFile(filepath.Join(sub, "out", "portfolio.tsv"))
		if err != nil {
			t.Fatalf("%s: no conversion: %v\n%s", lang, err, out)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(got, []byte("\uFEFF"))))
		r.Comma = '\t'
		r.LazyQuotes = true
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: LibreOffice's cells: %v\n%s", lang, err, got)
		}
		checkColumns(t, lang, recs, l)
		for _, rec := range recs {
			if strings.Contains(rec[0], "HYPERLINK") && !strings.Contains(rec[0], "=HYPERLINK(") {
				t.Errorf("%s: the hostile name was taken for a formula: %q", lang, rec[0])
			}
		}
	}
}
