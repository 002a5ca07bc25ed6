package main

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
)

// A masked pack leaks no original value: every name (of four letters or
// more), every address and every personal user id of the export, and the
// customer's contact, is searched for in every file of the pack: the PDF's
// text, the HTML, every part of the workbook, the summary and the ticket.
func TestMaskedPackLeaksNothing(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil && os.Getenv("CI") == "" {
		t.Skip("pdftotext not installed")
	}
	for _, example := range []string{"harbour-finch", "nordlys", "mueller"} {
		t.Run(example, func(t *testing.T) {
			dir := filepath.Join("../../examples", example)
			p, err := inputs.ReadProfile(filepath.Join(dir, "profile.toml"))
			if err != nil {
				t.Fatal(err)
			}
			users, err := inputs.ReadUsers(p.Resolve(p.Users), p.Sheet)
			if err != nil {
				t.Fatal(err)
			}
			var originals []string
			// The company's own name stays in a masked pack; a user who shares
			// a word with it (Müller of Müller & Söhne) is not a leak there.
			keep := func(s string, min int) {
				if s = strings.TrimSpace(s); len([]rune(s)) >= min && !strings.Contains(p.Customer.Name, s) {
					originals = append(originals, s)
				}
			}
			for _, u := range users.Users {
				keep(u.Name, 4)
				keep(u.FirstName, 4)
				keep(u.LastName, 4)
				keep(u.Email, 1)
				if readiness.PersonalID(&u) {
					keep(u.ID, 3)
				}
			}
			keep(p.Customer.ContactName, 4)
			keep(p.Customer.ContactEmail, 1)

			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			if code := run([]string{"pack", "-mask", "-out", out, "-date", exampleDate, filepath.Join(dir, "profile.toml")}, &stdout, &stderr); code > exitNotReady && code != exitUnconfirmed {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			files, _ := filepath.Glob(filepath.Join(out, "*"))
			if len(files) != 5 {
				t.Fatalf("%d files: %v", len(files), files)
			}
			texts := map[string]string{}
			for _, f := range files {
				data := readFile(t, f)
				switch filepath.Ext(f) {
				case ".pdf":
					txt, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
					if err != nil {
						t.Fatal(err)
					}
					texts[f] = string(txt)
				case ".xlsx":
					zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
					if err != nil {
						t.Fatal(err)
					}
					var all strings.Builder
					for _, zf := range zr.File {
						rc, _ := zf.Open()
						b, _ := io.ReadAll(rc)
						rc.Close()
						all.WriteString(html.UnescapeString(string(b)))
					}
					texts[f] = all.String()
				case ".html":
					texts[f] = html.UnescapeString(string(data))
				default:
					texts[f] = string(data)
				}
				if !strings.Contains(f, "-masked-") {
					t.Errorf("%s: a masked file must say so in its name", f)
				}
			}
			squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
			for f, text := range texts {
				flat := squash(text)
				for _, o := range originals {
					if strings.Contains(text, o) || strings.Contains(flat, squash(o)) {
						t.Errorf("%s holds the original %q", filepath.Base(f), o)
					}
				}
			}
			if len(originals) < 20 {
				t.Errorf("only %d original values to look for", len(originals))
			}
		})
	}
}
