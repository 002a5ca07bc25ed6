package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
	"github.com/migready/migready/render/summary"
)

var update = flag.Bool("update", false, "rewrite the example packs in examples/*/pack")

// exampleDate is the date every example pack is made with, so that the packs
// committed in examples/ are reproducible.
const exampleDate = "2026-11-24"

func exampleDirs(t testing.TB) []string {
	dirs, err := filepath.Glob("../../examples/*/profile.toml")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	for i := range dirs {
		dirs[i] = filepath.Dir(dirs[i])
	}
	return dirs
}

// TestExamples renders every example customer's pack and compares it byte
// for byte with the pack committed in examples/<name>/pack. Run
// `go test ./cmd/migready -run TestExamples -update` to regenerate them.
func TestExamples(t *testing.T) {
	for _, dir := range exampleDirs(t) {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			checkExample(t, dir, dir, nil)
		})
		// A later run of the same customer: a fresh export, the previous
		// pack and the workbook the customer sent back (examples/nordlys).
		if data, err := os.ReadFile(filepath.Join(dir, "followup", "args")); err == nil {
			t.Run(name+"/followup", func(t *testing.T) {
				var args []string
				for _, a := range strings.Fields(string(data)) {
					if strings.HasPrefix(a, "../") {
						a = filepath.Join(dir, "followup", a)
					}
					args = append(args, a)
				}
				checkExample(t, dir, filepath.Join(dir, "followup"), args)
			})
		}
	}
}

// checkExample packs the example in dir with args (-date is the examples'
// date unless args give one) and compares the pack and its reviewable forms
// with those committed under into.
func checkExample(t *testing.T, dir, into string, args []string) {
	t.Helper()
	out := t.TempDir()
	if !strings.Contains(strings.Join(args, " "), "-date") {
		args = append(args, "-date", exampleDate)
	}
	cmdline := append(append([]string{"-out", out}, args...), filepath.Join(dir, "profile.toml"))
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"pack"}, cmdline...), &stdout, &stderr)
	if code != exitReady && code != exitNotReady && code != exitUnconfirmed {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	files, _ := filepath.Glob(filepath.Join(out, "*"))
	if len(files) != 5 {
		t.Fatalf("pack wrote %d files, want 5: %v", len(files), files)
	}

	var doc summary.Document
	for _, f := range files {
		if strings.HasSuffix(f, "-summary.json") {
			if err := json.Unmarshal(readFile(t, f), &doc); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := map[assessment.Verdict]int{assessment.VerdictReady: exitReady, assessment.VerdictNotReady: exitNotReady,
		assessment.VerdictUnconfirmed: exitUnconfirmed}[doc.Verdict]
	if code != want || doc.Ready != (doc.Verdict == assessment.VerdictReady) {
		t.Errorf("exit %d, but summary says verdict %q, ready=%v", code, doc.Verdict, doc.Ready)
	}
	checkPDFText(t, files, &doc)
	reviewForms(t, into, cmdline, files)

	golden := filepath.Join(into, "pack")
	if *update {
		os.RemoveAll(golden)
		if err := os.MkdirAll(golden, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := os.WriteFile(filepath.Join(golden, filepath.Base(f)), readFile(t, f), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for _, f := range files {
		want, err := os.ReadFile(filepath.Join(golden, filepath.Base(f)))
		if err != nil {
			t.Fatalf("%v (run with -update to create the example packs)", err)
		}
		if !bytes.Equal(readFile(t, f), want) {
			t.Errorf("%s differs from examples/%s (run go test ./cmd/migready -run TestExamples -update, and look at the result)",
				filepath.Base(f), strings.TrimPrefix(golden, filepath.Dir(dir)+string(filepath.Separator)))
		}
	}
}

// checkPDFText verifies through pdftotext that the PDF's text is real text
// holding every user name and email of the findings it lists.
func checkPDFText(t *testing.T, files []string, a *summary.Document) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is required in CI (poppler-utils)")
		}
		t.Log("pdftotext not installed; PDF text not checked")
		return
	}
	var pdf string
	for _, f := range files {
		if strings.HasSuffix(f, ".pdf") {
			pdf = f
		}
	}
	txt, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// Table cells wrap, so compare with whitespace removed.
	text := strings.Join(strings.Fields(string(txt)), "")
	for _, c := range a.Checks {
		for i, f := range c.Findings {
			if i >= render.PDFRows(len(c.Findings)) {
				break
			}
			for _, s := range []string{f.Name, f.Email} {
				if s != "" && !strings.Contains(text, strings.Join(strings.Fields(s), "")) {
					t.Errorf("PDF text lacks %q (check %s, row %d)", s, c.ID, f.Row)
				}
			}
		}
	}
	if !strings.Contains(text, strings.Join(strings.Fields(a.Customer.Name), "")) {
		t.Errorf("PDF text lacks the customer name %q", a.Customer.Name)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// reviewForms compares the example's pack in forms a reviewer can read in a
// diff with examples/<name>/review: the markdown body (pack.md), the summary
// (in pack/ already) and the PDF's text as pdftotext gives it (pdf.txt).
// The byte-for-byte comparison of pack/ proves determinism; these show what
// changed.
func reviewForms(t *testing.T, dir string, cmdline []string, files []string) {
	t.Helper()
	o, args, err := packCmd.parse(cmdline)
	if err != nil {
		t.Fatal(err)
	}
	in, err := o.(*packOptions).customer.input("pack", args)
	if err != nil {
		t.Fatal(err)
	}
	r, err := loadPack(in, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	body, err := render.Markdown(r)
	if err != nil {
		t.Fatal(err)
	}
	forms := map[string][]byte{"pack.md": body}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		for _, f := range files {
			if strings.HasSuffix(f, ".pdf") {
				txt, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", f, "-").Output()
				if err != nil {
					t.Fatalf("pdftotext: %v", err)
				}
				forms["pdf.txt"] = txt
			}
		}
	}
	for name, got := range forms {
		path := filepath.Join(dir, "review", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs: the pack says something else now; diff it with the output of -update", path)
		}
	}
}
