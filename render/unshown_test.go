package render

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migready/migready/templates"
)

// TestUnshownNoteInEachLanguage: a user whose name the PDF's faces cannot
// draw is printed as code points, and the PDF says once, in the pack's
// language, why; a pack without such a name does not.
func TestUnshownNoteInEachLanguage(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	pdfText := func(r *Report) string {
		files, err := Pack(r)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "pack.pdf")
		if err := os.WriteFile(path, files[0].Data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(out)), "")
	}
	for _, lang := range templates.Supported {
		t.Run(lang, func(t *testing.T) {
			r := exampleReport(t, "harbour-finch", lang)
			names := PackNames("harbour-finch", r.Date, false)
			r.Files = &names
			l := templates.MustLoad(lang)
			// The note cites the first code point the PDF wrote: the name's.
			note := strings.Join(strings.Fields(l.T("report.unshown", "code", "[U+738B]", "html", names.HTML, "workbook", names.Workbook)), "")
			if text := pdfText(r); strings.Contains(text, strings.Join(strings.Fields(l.T("report.unshown", "code", "[U+0645]", "html", names.HTML, "workbook", names.Workbook)), "")) || strings.Contains(text, note) {
				t.Error("the note without a character the PDF cannot show")
			}
			renamed := false
			for i := range r.Assessment.Checks {
				for j := range r.Assessment.Checks[i].Findings {
					if f := &r.Assessment.Checks[i].Findings[j]; f.Row > 0 && f.Name != "" && !renamed {
						f.Name, renamed = "王小明", true
					}
				}
			}
			if !renamed {
				t.Fatal("no user finding to rename")
			}
			text := pdfText(r)
			if !strings.Contains(text, "[U+738B][U+5C0F][U+660E]") {
				t.Error("the PDF lacks the name's code points [U+738B][U+5C0F][U+660E]")
			}
			if n := strings.Count(text, note); n != 1 {
				t.Errorf("the note %q appears %d times, want once", l.T("report.unshown"), n)
			}
		})
	}
}
