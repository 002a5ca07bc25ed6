package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	gohtml "html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// hiddenRunes are the characters a viewer does not show, or shows
// reordering what follows: no output may hold one as it is.
const hiddenRunes = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c" +
	"\u200b\u200c\u200d\u2060\ufeff\u00ad"

// A pack is written whatever the length of a text, and every output shows
// what is there: a first name of 750 characters or 28 lines, a
// customisation of 1,000 characters, a comment of 1,500 characters in 40
// lines in the returned workbook, direction overrides and zero-width
// characters in names, user ids and the customer's name. Long texts end in
// "…", shortened between two characters, and the pack says where the full
// text is; no output holds a hidden character or U+FFFD.
func TestLongAndHiddenTextInEveryOutput(t *testing.T) {
	dir := t.TempDir()
	long := "Sabine" + strings.Repeat("x", 744)
	lines := strings.TrimSuffix(strings.Repeat("Klaus\n", 28), "\n")
	accents := strings.Repeat("e\u0301", 400)
	rows := [][]string{
		{"User ID", "First name", "Last name", "Email", "Role", "User plan", "Can log in"},
		{"AD", "Ada", "Admin", "ada@edge.example.com", "Administrator", "Sales-Premium", "Yes"},
		{"LONG", long, "Weber", "sw@edge.example.com", "User", "", "Yes"},
		{"LINES", lines, "Koch", "kk@edge.example.com", "User", "", "Yes"},
		{"Adm\u202eexe.fdp\u202c", "Ad\u200bmin", "Zero\u2060Width", "adm@edge.example.com", "User", "", "Yes"},
		{"ACC", accents, "Accent", "acc@edge.example.com", "User", "", "Yes"},
	}
	var users bytes.Buffer
	w := csv.NewWriter(&users)
	w.WriteAll(rows)
	writeFile(t, filepath.Join(dir, "users.csv"), users.String())
	writeFile(t, filepath.Join(dir, "profile.toml"), `users = "users.csv"
[customer]
name = "Edge`+"\u202e"+`oC`+"\u202c"+` AS"
contact_name = "Ola`+"\u2066"+` Nordmann"
[onsite]
version = "10.0.5"
database_gb = 1
archive_gb = 1
satellites = 0
travel_users = []
customizations = ["`+strings.Repeat("C", 1000)+`"]
integrations = []
[mail]
domain = "edge.example.com"
keep_addresses = true
mailboxes = ["service@edge.example.com"]
current_spf = "v=spf1 include:_spf.google.com`+"\u200b"+` -all"
`)
	pack := func(out string, args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		args = append(append([]string{"pack", "-out", out}, args...), filepath.Join(dir, "profile.toml"))
		if code := run(args, &stdout, &stderr); code != exitNotReady {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		files, _ := filepath.Glob(filepath.Join(out, "*-readiness.pdf"))
		if len(files) != 1 {
			t.Fatalf("no pack written: %v", files)
		}
		return strings.TrimSuffix(files[0], "-readiness.pdf")
	}
	first := pack(filepath.Join(dir, "first"), "-date", "2026-11-12")
	assertShown(t, first, []string{long, lines, accents, strings.Repeat("C", 1000)})

	// The customer writes a comment of 1,500 characters in 40 lines, and
	// free text in the Due date cell.
	f, err := excelize.OpenFile(first + "-remediation.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[1]
	got, _ := f.GetRows(sheet)
	comment := strings.TrimSuffix(strings.Repeat(strings.Repeat("lang ", 7)+"kommentar\n", 40), "\n")
	for i, row := range got {
		if row[len(row)-1] == "licences:user:long" {
			f.SetCellStr(sheet, "J"+strconv.Itoa(i+1), "Ingrid")
			f.SetCellStr(sheet, "K"+strconv.Itoa(i+1), "next week, ask Ingrid")
			f.SetCellStr(sheet, "L"+strconv.Itoa(i+1), comment)
		}
	}
	returned := filepath.Join(dir, "returned.xlsx")
	if err := f.SaveAs(returned); err != nil {
		t.Fatal(err)
	}
	f.Close()
	second := pack(filepath.Join(dir, "second"), "-date", "2026-11-25", "-tracker", returned)
	assertShown(t, second, []string{long, lines, accents, comment})
	if js := string(readFile(t, second+"-summary.json")); !strings.Contains(js, `lang kommentar\nlang`) {
		t.Error("the JSON lost the comment's line breaks")
	}
}

// assertShown checks the five files of the pack at base: none holds a
// hidden character, U+FFFD or any of longs whole; each marks a shortened
// text with "…" and shows the direction override as [U+202E]; the
// workbook's rows are at most 409 points high and its cells within
// Excel's limit.
func assertShown(t *testing.T, base string, longs []string) {
	t.Helper()
	texts := map[string]string{
		"html":   gohtml.UnescapeString(string(readFile(t, base+"-readiness.html"))),
		"ticket": string(readFile(t, base+"-ticket.md")),
	}
	js := readFile(t, base+"-summary.json")
	var decoded any
	if err := json.Unmarshal(js, &decoded); err != nil {
		t.Fatal(err)
	}
	var strs []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			strs = append(strs, v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for k, x := range v {
				strs = append(strs, k)
				walk(x)
			}
		}
	}
	walk(decoded)
	texts["json"] = string(js) + "\n" + strings.Join(strs, "\n")

	data := readFile(t, base+"-remediation.xlsx")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var parts strings.Builder
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts.WriteString(gohtml.UnescapeString(string(b)))
	}
	texts["xlsx"] = parts.String()
	wb, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, sheet := range wb.GetSheetList() {
		rows, _ := wb.GetRows(sheet)
		for r, row := range rows {
			if h, _ := wb.GetRowHeight(sheet, r+1); h > 409 {
				t.Errorf("xlsx: %s row %d is %.0f points high", sheet, r+1, h)
			}
			for _, v := range row {
				if utf8.RuneCountInString(v) > 32767 {
					t.Errorf("xlsx: %s row %d has a cell of %d characters", sheet, r+1, utf8.RuneCountInString(v))
				}
			}
		}
	}
	wb.Close()

	if _, err := exec.LookPath("pdftotext"); err == nil || os.Getenv("CI") != "" {
		txt, err := exec.Command("pdftotext", "-enc", "UTF-8", base+"-readiness.pdf", "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		info, err := exec.Command("pdfinfo", "-enc", "UTF-8", base+"-readiness.pdf").Output()
		if err != nil {
			t.Fatal(err)
		}
		texts["pdf"] = string(txt) + "\n" + string(info)
		if !strings.Contains(string(info), "Edge[U+202E]oC[U+202C] AS") {
			t.Errorf("the PDF's title does not show the customer's name as it is:\n%s", info)
		}
	}

	for name, text := range texts {
		if i := strings.IndexAny(text, hiddenRunes+"\ufffd"); i >= 0 {
			r, _ := utf8.DecodeRuneInString(text[i:])
			t.Errorf("%s holds U+%04X: …%q…", name, r, text[max(0, i-30):min(len(text), i+30)])
		}
		flat := strings.Join(strings.Fields(text), "")
		for _, l := range longs {
			if strings.Contains(flat, strings.Join(strings.Fields(l), "")) {
				t.Errorf("%s holds a text of %d characters whole", name, utf8.RuneCountInString(l))
			}
		}
		for _, want := range []string{"…", "[U+202E]"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not show %q", name, want)
			}
		}
		if name != "xlsx" && name != "json" && !strings.Contains(text, "full text is in the file it came from") {
			if !strings.Contains(flat, strings.Join(strings.Fields("full text is in the file it came from"), "")) {
				t.Errorf("%s does not say where the full text is", name)
			}
		}
	}
	if !strings.Contains(texts["xlsx"], "full text is in the file it came from") || !strings.Contains(texts["json"], "full text is in the file it came from") {
		t.Error("the workbook or the JSON does not say where the full text is")
	}
}

// batch -mask -tracker DIR packs each customer as pack -mask -tracker
// does, each with the workbook it sent back, found in DIR/<slug>/; a
// masked run leaks none of the customer's notes, neither in the files nor
// in what it prints (the notices quote statuses, dates and notes as
// typed).
func TestBatchMaskAndTracker(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ folder, name string }{{"a", "Alfa Co"}, {"b", "Beta Co"}} {
		os.MkdirAll(filepath.Join(dir, "customers", c.folder), 0o755)
		writeFile(t, filepath.Join(dir, "customers", c.folder, "profile.toml"), `users = "users.csv"
[customer]
name = "`+c.name+`"
[onsite]
version = "10.0.5"
database_gb = 1
archive_gb = 1
satellites = 0
travel_users = []
customizations = []
integrations = []
[mail]
mailboxes = []
`)
		writeFile(t, filepath.Join(dir, "customers", c.folder, "users.csv"), "User ID,Name,Email,Role,User plan,Can log in\n"+
			"AD,Ada Admin,ada@t.example.com,Administrator,Sales-Premium,Yes\nZIMM,Tove Zimmerbach,tove@t.example.com,User,,Yes\n")
	}
	batch := func(args ...string) (string, int) {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"batch", "-jobs", "1"}, append(args, filepath.Join(dir, "customers"))...), &stdout, &stderr)
		return stdout.String() + stderr.String(), code
	}
	if out, code := batch("-out", filepath.Join(dir, "first"), "-date", "2026-11-12"); code != exitNotReady {
		t.Fatalf("exit %d: %s", code, out)
	}
	// Alfa sends its workbook back with notes; Beta sends nothing.
	f, err := excelize.OpenFile(filepath.Join(dir, "first", "alfa-co", "alfa-co-2026-11-12-remediation.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[1]
	rows, _ := f.GetRows(sheet)
	for i, row := range rows {
		if row[len(row)-1] == "licences:user:zimm" {
			n := strconv.Itoa(i + 1)
			f.SetCellStr(sheet, "I"+n, "Godtatt av Ingrid")
			f.SetCellStr(sheet, "J"+n, "Ingrid Nilsen")
			f.SetCellStr(sheet, "K"+n, "next week, ask Ingrid")
			f.SetCellStr(sheet, "L"+n, "Ingrid gives Tove a plan")
		}
	}
	os.MkdirAll(filepath.Join(dir, "returned", "alfa-co"), 0o755)
	if err := f.SaveAs(filepath.Join(dir, "returned", "alfa-co", "svar fra Tove Zimmerbach.xlsx")); err != nil {
		t.Fatal(err)
	}
	f.Close()

	second := filepath.Join(dir, "second")
	printed, code := batch("-out", second, "-date", "2026-11-25", "-mask", "-tracker", filepath.Join(dir, "returned"))
	if code != exitNotReady {
		t.Fatalf("exit %d: %s", code, printed)
	}
	if !strings.Contains(printed, "no workbook of beta-co sent back") {
		t.Errorf("no notice for the customer without a workbook:\n%s", printed)
	}
	var s struct {
		Masked  bool
		Tracker struct{ Carried int }
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(second, "alfa-co", "alfa-co-2026-11-25-masked-summary.json")), &s); err != nil {
		t.Fatal(err)
	}
	if !s.Masked || s.Tracker.Carried != 1 {
		t.Errorf("Alfa's summary: masked %v, %d notes carried", s.Masked, s.Tracker.Carried)
	}
	if portfolio := string(readFile(t, filepath.Join(second, "portfolio.html"))); !strings.Contains(portfolio, "alfa-co-2026-11-25-masked-readiness.pdf") {
		t.Error("the portfolio does not link the masked pack")
	}
	all := printed
	filepath.WalkDir(second, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if !strings.Contains(p, "-masked-") && !strings.HasPrefix(filepath.Base(p), "portfolio.") {
				t.Errorf("%s is not a masked file", p)
			}
			data := readFile(t, p)
			if strings.HasSuffix(p, ".xlsx") {
				zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
				for _, zf := range zr.File {
					rc, _ := zf.Open()
					b, _ := io.ReadAll(rc)
					rc.Close()
					all += string(b)
				}
			} else if strings.HasSuffix(p, ".pdf") {
				txt, err := exec.Command("pdftotext", "-enc", "UTF-8", p, "-").Output()
				if err != nil && os.Getenv("CI") != "" {
					t.Fatal(err)
				}
				all += string(txt)
			} else {
				all += string(data)
			}
		}
		return nil
	})
	for _, leak := range []string{"Ingrid", "next week", "Godtatt", "Zimmerbach", "ZIMM", "tove@"} {
		if strings.Contains(all, leak) {
			i := strings.Index(all, leak)
			t.Errorf("the masked batch shows %q: …%s…", leak, all[max(0, i-80):min(len(all), i+40)])
		}
	}
}

// A direction override in a customer's name or in what it wrote reaches
// neither the portfolio nor the messages as it is: what a terminal or a
// browser shows is what is there.
func TestHiddenInPortfolioAndMessages(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ folder, name, version string }{
		{"a", "Adm\u202eexe.fdp\u202c AS", `"10.0.5"`}, {"b", "Beta\u200b AS", "10\u202e.0"}} {
		os.MkdirAll(filepath.Join(dir, "customers", c.folder), 0o755)
		writeFile(t, filepath.Join(dir, "customers", c.folder, "profile.toml"), `users = "users.csv"
[customer]
name = "`+c.name+`"
[onsite]
version = `+c.version+`
database_gb = 1
archive_gb = 1
satellites = 0
`)
		writeFile(t, filepath.Join(dir, "customers", c.folder, "users.csv"), "User ID,Name,Email,Role,User plan,Can log in\n"+
			"AD,Ada Admin,ada@t.example.com,Administrator,Sales-Premium,Yes\n")
	}
	var stdout, stderr bytes.Buffer
	out := filepath.Join(dir, "out")
	run([]string{"batch", "-jobs", "1", "-out", out, "-date", "2026-11-12", filepath.Join(dir, "customers")}, &stdout, &stderr)
	all := stdout.String() + stderr.String()
	for _, f := range []string{"portfolio.html", "portfolio.csv", "portfolio.json"} {
		all += strings.TrimPrefix(string(readFile(t, filepath.Join(out, f))), "\ufeff") // the CSV's BOM is Excel's
	}
	if i := strings.IndexAny(all, hiddenRunes); i >= 0 {
		t.Errorf("shown as it is: …%q…", all[max(0, i-40):min(len(all), i+40)])
	}
	for _, want := range []string{"Adm[U+202E]exe.fdp[U+202C] AS", "10[U+202E].0"} {
		if !strings.Contains(all, want) {
			t.Errorf("%q is not shown:\n%s", want, all)
		}
	}
}
