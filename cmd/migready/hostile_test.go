package main

import (
	"bytes"
	"encoding/json"
	gohtml "html"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	rhtml "github.com/migready/migready/render/html"
	"github.com/xuri/excelize/v2"
)

// hostileNames are customer data that would do something if any output
// interpreted it: HTML, markdown, templates, table pipes, spreadsheet formulas.
var hostileNames = []string{
	"<script>alert(1)</script>",
	"**bold** _it_",
	"{{.Customer.Name}}",
	"a|b|c",
	`back\|slash`,
	"[click](javascript:alert(1))",
	`=HYPERLINK("http://evil.example","x")`,
	"+1+1",
	"@SUM(A1)",
	"Łukasz Żółć",
}

// TestHostileDataIsInert packs an export whose names are hostile and checks
// that every output shows them literally and none interprets them.
func TestHostileDataIsInert(t *testing.T) {
	dir := t.TempDir()
	csv := "User ID;Name;Email;Role;User plan\nAD;Ada Admin;ada@x.example.com;Administrator;Sales-Premium\n"
	for i, n := range hostileNames {
		csv += "H" + string(rune('A'+i)) + ";\"" + strings.ReplaceAll(n, `"`, `""`) + "\";broken" + string(rune('a'+i)) + ";User;\n"
	}
	os.WriteFile(filepath.Join(dir, "users.csv"), []byte(csv), 0o644)
	os.WriteFile(filepath.Join(dir, "profile.toml"), []byte(`users = "users.csv"
[customer]
name = "<b>Hostile</b> & Co"
[onsite]
version = "9.2"
database_gb = 1
archive_gb = 1
satellites = 0
travel_users = []
`), 0o644)
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"pack", "-out", out, "-date", exampleDate, filepath.Join(dir, "profile.toml")}, &stdout, &stderr); code != exitNotReady {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	base := filepath.Join(out, "b-hostile-b-co-"+exampleDate)
	assertInert(t, base, hostileNames, "<b>Hostile</b> & Co")
}

// assertInert checks that the pack at base (its path without the file
// endings) shows every one of names literally in every output and
// interprets none of them; the PDF also shows pdfAlso.
func assertInert(t *testing.T, base string, names []string, pdfAlso ...string) {
	t.Helper()
	html := string(readFile(t, base+"-readiness.html"))
	js := string(readFile(t, base+"-summary.json"))
	// The report's one script, which its policy allows by hash, is ours.
	own := "<script>" + rhtml.Script() + "</script>"
	if n := strings.Count(html, own); n != 1 {
		t.Errorf("the HTML has the report's script %d times, want once", n)
	}
	html = strings.Replace(html, own, "", 1)
	for _, bad := range []string{"<script", "<b>", "href=\"javascript", "<strong>bold"} {
		if strings.Contains(strings.ToLower(html), strings.ToLower(bad)) {
			t.Errorf("HTML contains %q", bad)
		}
	}
	for _, n := range names {
		var enc bytes.Buffer
		e := json.NewEncoder(&enc)
		e.SetEscapeHTML(false)
		e.Encode(n)
		if !strings.Contains(js, strings.TrimSpace(enc.String())) {
			t.Errorf("JSON lacks %q literally", n)
		}
		if !strings.Contains(gohtml.UnescapeString(html), n) {
			t.Errorf("HTML lacks %q literally", n)
		}
	}

	wb, err := excelize.OpenFile(base + "-remediation.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, sheet := range wb.GetSheetList() {
		rows, _ := wb.GetRows(sheet)
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if f, _ := wb.GetCellFormula(sheet, cell); f != "" {
					t.Errorf("%s!%s became a formula: %q", sheet, cell, f)
				}
				found[v] = true
			}
		}
	}
	for _, n := range names {
		if !found[n] {
			t.Errorf("workbook lacks %q literally", n)
		}
	}

	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is required in CI")
		}
		return
	}
	txt, err := exec.Command("pdftotext", "-enc", "UTF-8", base+"-readiness.pdf", "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(txt)), "")
	for _, n := range append(slices.Clone(names), pdfAlso...) {
		if !strings.Contains(flat, strings.Join(strings.Fields(n), "")) {
			t.Errorf("PDF text lacks %q literally", n)
		}
	}
}
