package main

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/render/workbook"
	"github.com/xuri/excelize/v2"
)

// The tracker round trip: the customer's notes in the returned workbook
// survive into the next pack's workbook and JSON; what they marked fixed but
// is still found is called out; a hostile value stays text.
func TestTrackerRoundTrip(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("profile.toml", `users = "users.csv"
[customer]
name = "Tracker Co"
language = "nb"
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
	write("users.csv", "User ID,Name,Email,Role,User plan,Can log in\nAD,Ada Admin,ada@t.example.com,Administrator,Sales-Premium,Yes\n"+
		"BO,Bo Berg,bo@t.example.com,User,,Yes\nCY,Cy Cole,,User,Sales-Essentials,Yes\nDI,Di Dahl,di@t.example.com,User,,Yes\n")
	run1 := func(args ...string) (string, string) {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != exitNotReady {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	out1 := filepath.Join(dir, "first")
	run1("pack", "-out", out1, "-date", "2026-11-12", filepath.Join(dir, "profile.toml"))

	// The customer fills in the Norwegian workbook: BO fixed (but it is
	// not), DI won't fix, CY fixed (and it is); someone adds a formula.
	wb := filepath.Join(out1, "tracker-co-2026-11-12-remediation.xlsx")
	f, err := excelize.OpenFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Funn")
	if len(rows) < 4 {
		t.Fatalf("findings sheet: %v (sheets %v)", rows, f.GetSheetList())
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i + 1
	}
	set := func(row int, header string, v any) {
		c, ok := col[header]
		if !ok {
			t.Fatalf("no column %q in %v", header, rows[0])
		}
		ref, _ := excelize.CoordinatesToCellName(c, row)
		if err := f.SetCellValue("Funn", ref, v); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range rows[1:] {
		row := i + 2
		switch r[col[workbook.KeyHeader]-1] {
		case "licences:user:bo":
			set(row, "Status", "Rettet")
			set(row, "Ansvarlig", "Ingrid")
			set(row, "Frist", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
			set(row, "Kommentar", "=HYPERLINK(\"http://x\",\"klikk\")")
		case "licences:user:di":
			set(row, "Status", "Rettes ikke")
			set(row, "Kommentar", "Di slutter i desember")
		case "valid-emails:user:cy":
			set(row, "Status", "Rettet")
			set(row, "Kommentar", "Adresse lagt inn")
		}
	}
	f.SetSheetName("Funn", "Mine funn") // renamed: found by its key column
	returned := filepath.Join(dir, "returned.xlsx")
	if err := f.SaveAs(returned); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// CY got an address; BO did not get a plan.
	write("users2.csv", "User ID,Name,Email,Role,User plan,Can log in\nCY,Cy Cole,cy@t.example.com,User,Sales-Essentials,Yes\n"+
		"AD,Ada Admin,ada@t.example.com,Administrator,Sales-Premium,Yes\nBO,Bo Berg,bo@t.example.com,User,,Yes\nDI,Di Dahl,di@t.example.com,User,,Yes\n")
	out2 := filepath.Join(dir, "second")
	stdout, _ := run1("check", "-date", "2026-11-25", "-users", filepath.Join(dir, "users2.csv"),
		"-tracker", returned, filepath.Join(dir, "profile.toml"))
	if !strings.Contains(stdout, "1 problem er merket som rettet i arbeidsboken fra 12. november 2026, men finnes fortsatt:") ||
		!strings.Contains(stdout, "rad 4  BO  Bo Berg") {
		t.Errorf("the terminal does not call out the fixed finding still found:\n%s", stdout)
	}
	run1("pack", "-out", out2, "-date", "2026-11-25", "-users", filepath.Join(dir, "users2.csv"),
		"-tracker", returned, filepath.Join(dir, "profile.toml"))

	var s struct {
		Tracker struct {
			Carried         int `json:"carried"`
			FixedStillFound []struct {
				Key, Comment string
				Row          int
			} `json:"fixed_still_found"`
			Resolved []struct{ Key, Comment string } `json:"resolved"`
		} `json:"tracker"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(out2, "tracker-co-2026-11-25-summary.json")), &s); err != nil {
		t.Fatal(err)
	}
	if s.Tracker.Carried != 2 || len(s.Tracker.FixedStillFound) != 1 || s.Tracker.FixedStillFound[0].Key != "licences:user:bo" ||
		s.Tracker.FixedStillFound[0].Row != 4 {
		t.Errorf("tracker %+v", s.Tracker)
	}
	if len(s.Tracker.Resolved) != 1 || s.Tracker.Resolved[0].Comment != "Adresse lagt inn" {
		t.Errorf("resolved %+v", s.Tracker.Resolved)
	}

	// The notes are in the new workbook, the formula only as text.
	f, err = excelize.OpenFile(filepath.Join(out2, "tracker-co-2026-11-25-remediation.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ = f.GetRows("Funn", excelize.Options{RawCellValue: true})
	found := map[string][]string{}
	for _, r := range rows[1:] {
		found[r[len(r)-1]] = r
	}
	bo, di := found["licences:user:bo"], found["licences:user:di"]
	if bo == nil || bo[col["Status"]-1] != "Rettet" || bo[col["Ansvarlig"]-1] != "Ingrid" || bo[col["Frist"]-1] != "46357" {
		t.Errorf("BO's row %q", bo)
	}
	if di == nil || di[col["Status"]-1] != "Rettes ikke" || di[col["Kommentar"]-1] != "Di slutter i desember" {
		t.Errorf("DI's row %q", di)
	}
	for _, sheet := range f.GetSheetList() {
		cells, _ := f.GetRows(sheet)
		for i, r := range cells {
			for j := range r {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
					t.Errorf("%s!%s holds the formula %q", sheet, ref, formula)
				}
			}
		}
	}
	// The pack calls out what was marked fixed but is still found.
	html := string(readFile(t, filepath.Join(out2, "tracker-co-2026-11-25-readiness.html")))
	if !strings.Contains(html, "Merket som rettet, men fortsatt funnet") || !strings.Contains(html, "Di slutter i desember") {
		t.Error("the pack does not show the notes and the call-out")
	}
}

// A returned workbook of another customer, or a file that is not one, is an
// input error that names the file and says what is wrong; nothing is written.
func TestTrackerOfAnotherCustomer(t *testing.T) {
	out := t.TempDir()
	for _, tc := range []struct{ tracker, want string }{
		{"../../examples/nordlys/returnert.xlsx", `this workbook is for "Nordlys Energi AS", not "Østerbro Revision ApS"`},
		{"../../examples/osterbro/profile.toml", "not an Excel workbook"},
	} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"pack", "-out", out, "-tracker", tc.tracker, "../../examples/osterbro/profile.toml"}, &stdout, &stderr)
		if code != exitInput || !strings.Contains(stderr.String(), tc.want) || !strings.Contains(stderr.String(), filepath.Base(tc.tracker)) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", tc.tracker, code, stderr.String(), tc.want)
		}
	}
	if left, _ := os.ReadDir(out); len(left) > 0 {
		t.Errorf("an input error wrote %v", left)
	}
}

// A Findings sheet sorted on its visible columns but not on the hidden key
// column (Excel sorts the selection it is given) never moves notes onto
// other users: each row's key is checked against the check and user the
// row shows, the notes stay with the finding they were written beside, and
// a row no key fits alone is not carried; every notice reaches the pack's
// HTML and its summary, not only stderr.
func TestTrackerSortedSheet(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("profile.toml", `users = "users.csv"
[customer]
name = "Sorted Co"
[onsite]
version = "8.5 R17"
database_gb = 1
archive_gb = 1
satellites = 0
travel_users = ["LKA", "ABC"]
customizations = []
integrations = []
[mail]
mailboxes = []
`)
	write("users.csv", "User ID,Name,Email,Role,User plan,Can log in,Travel\n"+
		"AD,Ada Admin,ada@s.example.com,Administrator,Sales-Premium,Yes,No\n"+
		"LKA,Lise Kaa,lise@s.example.com,User,Sales-Essentials,Yes,Yes\n"+
		"ABC,Anne Bech,anne@s.example.com,User,Sales-Essentials,Yes,Yes\n"+
		"ZED,Zed Zorn,zed@s.example.com,User,,Yes,No\n"+
		"MO,Mo Moe,mo@s.example.com,User,,Yes,No\n")
	var stderr bytes.Buffer
	out1 := filepath.Join(dir, "first")
	if code := run([]string{"pack", "-out", out1, "-date", "2026-11-12", filepath.Join(dir, "profile.toml")}, io.Discard, &stderr); code != exitNotReady {
		t.Fatalf("exit %d: %s", code, &stderr)
	}
	wb := filepath.Join(out1, "sorted-co-2026-11-12-remediation.xlsx")
	f, err := excelize.OpenFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Findings")
	header := rows[0]
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	key := col[workbook.KeyHeader]
	// The notes, each beside its finding.
	notes := map[string]string{"travel:user:abc": "Accepted", "licences:user:zed": "Fixed", "licences:user:mo": "Won't fix"}
	comments := map[string]string{"travel:user:abc": "Anne is back in January", "licences:user:zed": "Plan bought", "licences:user:mo": "Mo leaves"}
	data := rows[1:]
	for _, r := range data {
		for len(r) <= key {
			r = append(r, "")
		}
	}
	for i := range data {
		for len(data[i]) <= key {
			data[i] = append(data[i], "")
		}
		if s, ok := notes[data[i][key]]; ok {
			data[i][col["Status"]] = s
			data[i][col["Comment"]] = comments[data[i][key]]
		}
	}
	// Sorted on User ID, A to L only: the keys stay where they
	// were.
	keys := make([]string, len(data))
	for i := range data {
		keys[i] = data[i][key]
	}
	sort.SliceStable(data, func(i, j int) bool { return data[i][col["User ID"]] < data[j][col["User ID"]] })
	for i := range data {
		data[i][key] = keys[i]
	}
	moved := 0
	for i := range data {
		id := strings.ToLower(data[i][col["User ID"]])
		if !strings.HasSuffix(data[i][key], ":user:"+id) {
			moved++
		}
	}
	if moved < 3 {
		t.Fatalf("the sort moved only %d rows off their keys", moved)
	}
	// And one row whose user id was retyped: no key fits it.
	for i := range data {
		if data[i][col["User ID"]] == "MO" {
			data[i][col["User ID"]] = "MOE"
		}
	}
	for i, r := range data {
		for c, v := range r {
			ref, _ := excelize.CoordinatesToCellName(c+1, i+2)
			if c == col["Row in export"] {
				n, _ := strconv.Atoi(v)
				f.SetCellValue("Findings", ref, n)
				continue
			}
			f.SetCellStr("Findings", ref, v)
		}
	}
	returned := filepath.Join(dir, "returned.xlsx")
	if err := f.SaveAs(returned); err != nil {
		t.Fatal(err)
	}
	f.Close()

	out2 := filepath.Join(dir, "second")
	stderr.Reset()
	if code := run([]string{"pack", "-out", out2, "-date", "2026-11-25", "-tracker", returned, filepath.Join(dir, "profile.toml")}, io.Discard, &stderr); code != exitNotReady {
		t.Fatalf("exit %d: %s", code, &stderr)
	}
	var s struct {
		Checks []struct {
			Findings []struct {
				Key   string
				Track *struct{ State, Comment string }
			}
		}
		Tracker struct {
			Notices []struct {
				Key  string
				Args map[string]any
			}
		}
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(out2, "sorted-co-2026-11-25-summary.json")), &s); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range s.Checks {
		for _, fd := range c.Findings {
			if fd.Track != nil && (fd.Track.State != "open" || fd.Track.Comment != "") {
				got[fd.Key] = fd.Track.State + ": " + fd.Track.Comment
			}
		}
	}
	want := map[string]string{"travel:user:abc": "accepted: Anne is back in January", "licences:user:zed": "fixed: Plan bought"}
	if !maps.Equal(got, want) {
		t.Errorf("notes carried %q, want %q", got, want)
	}
	var kinds []string
	for _, n := range s.Tracker.Notices {
		kinds = append(kinds, n.Key)
	}
	if !slices.Equal(kinds, []string{"tracker.notice.sorted", "tracker.notice.mismatch"}) {
		t.Errorf("notices %q", kinds)
	}
	html := string(readFile(t, filepath.Join(out2, "sorted-co-2026-11-25-readiness.html")))
	for _, w := range []string{"What could not be read as written", "was sorted without its hidden key column",
		"so its notes were not carried forward: &quot;Mo leaves&quot;"} {
		if !strings.Contains(html, w) {
			i := strings.Index(html, "What could not be read")
			t.Errorf("the pack lacks %q:\n%s", w, html[max(i, 0):min(len(html), max(i, 0)+1500)])
		}
	}
	if !strings.Contains(stderr.String(), "notice: "+returned+`: Sheet "Findings" was sorted without its hidden key column`) {
		t.Errorf("stderr:\n%s", &stderr)
	}
}
