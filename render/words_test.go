package render

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
)

// The customer's notes from a returned workbook name what they are about:
// a user by row and user ID, an item (a customisation) by its name, never a
// row "–" with nothing beside it; a due date is written as the language
// writes a date in a table (issue 19: nb "2026-12-05" and a "–" row).
func TestNotesNameTheirItem(t *testing.T) {
	in := manyFindings(2, templates.MustLoad("nb"))
	a := in.Report.Assessment
	for i := range a.Checks {
		if a.Checks[i].ID == assessment.CheckLicences {
			a.Checks[i].Findings[0].Track = &assessment.Tracking{State: "open", Owner: "Lars Karlsen", Due: "2026-12-05"}
		}
	}
	a.Checks = append(a.Checks, assessment.Check{ID: assessment.CheckCustomizations, Status: assessment.Warn,
		Summary: assessment.Text{Key: "check.customizations.warn", Plural: true, Args: assessment.Args{{Name: "count", Value: 1}}},
		Findings: []assessment.Finding{{Kind: "customization", Name: "Web panel", Args: assessment.Args{{Name: "item", Value: "Web panel"}},
			Track: &assessment.Tracking{State: "wontfix", Due: "før jul", Comment: "Erstattes av en app"}}}})
	body, err := packBody(localize(in.Report), "html")
	if err != nil {
		t.Fatal(err)
	}
	md := string(body)
	for _, want := range []string{"| 2 | U000 | Åpen | Lars Karlsen | 05.12.2026 |", "| Web panel | Rettes ikke |  | før jul | Erstattes av en app |"} {
		if !strings.Contains(md, want) {
			t.Errorf("the notes lack %q:\n%s", want, md)
		}
	}
	for _, bad := range []string{"2026-12-05", "| – |  |"} {
		if strings.Contains(md, bad) {
			t.Errorf("the notes say %q", bad)
		}
	}
}

// The PDF's running header names the customer once: the customer on the
// left, the pack on the right (issue 19: "Harbour & Finch Ltd … Migration
// readiness pack — Harbour & Finch Ltd").
func TestPDFHeaderNamesCustomerOnce(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	in := manyFindings(3, templates.MustLoad("en"))
	files, err := Pack(in.Report)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".pdf") {
			continue
		}
		path := filepath.Join(t.TempDir(), f.Name)
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		headers := 0
		for _, line := range strings.Split(string(out), "\n") {
			if strings.Contains(line, "Migration readiness pack") && strings.Contains(line, "Many AS") {
				headers++
				if strings.Count(line, "Many AS") > 1 {
					t.Errorf("the page header names the customer twice: %q", line)
				}
			}
		}
		if headers == 0 {
			t.Errorf("no page header with the customer and the pack's title:\n%s", out)
		}
	}
}
