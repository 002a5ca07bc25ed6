package pdf

import (
	"fmt"
	"strings"
	"testing"
)

// TestPDFFlowKeeps moves a heading, its table and a sign-off block down the
// page line by line and checks, in the text a reader gets, that no page
// ends with a heading, that a table's header always has two rows below it,
// and that the sign-off block is never split.
func TestPDFFlowKeeps(t *testing.T) {
	// One line more each time: a paragraph of n lines.
	fill := func(n int) string { return strings.Repeat("Filler line.  \n", n) + "End of filler.\n\n" }
	table := "| Colhead | Other |\n|---|---|\n| row-one | 1 |\n| row-two | 2 |\n| row-three | 3 |\n| row-four | 4 |\n| row-five | 5 |\n\n"
	for i := 0; i < 2*56; i++ {
		n := i / 2
		d := sampleDoc(t)
		d.Logo = nil
		d.Body = []byte(fill(n) + table)
		if i%2 == 1 {
			d.Body = []byte("# Opening\n\n" + fill(n) +
				"## Kept heading\n\nLead line for the table.\n\n" + table +
				"### Sign block\n\nBy signing, both confirm the findings.\n\n" +
				"| Role | Name | Date |\n|---|---|---|\n| Customer | Ada | |\n| Consultant | Bo | |\n\n## After\n\nThe end.\n")
		}
		text := pdfText(t, mustPDF(t, d))
		pages := strings.Split(text, "\f")
		for p, page := range pages {
			var lines []string
			for _, l := range strings.Split(page, "\n") {
				if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "page ") && !strings.Contains(l, "Nordlys Rørleggerservice") {
					lines = append(lines, l)
				}
			}
			if len(lines) == 0 {
				continue
			}
			where := fmt.Sprintf("%d fillers, page %d", n, p+1)
			if last := lines[len(lines)-1]; strings.HasSuffix(last, "heading") || last == "Sign block" || last == "Opening" {
				t.Errorf("%s ends with the heading %q", where, last)
			}
			if strings.Count(page, "Colhead") > strings.Count(page, "row-two")+strings.Count(page, "row-four") {
				t.Errorf("%s: table header without two rows below it", where)
			}
			if strings.Contains(page, "Sign block") != strings.Contains(page, "Consultant") {
				t.Errorf("%s: the sign-off block is split", where)
			}
		}
	}
}
