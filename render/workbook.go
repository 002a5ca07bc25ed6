package render

import (
	"io"

	"github.com/migready/migready/render/workbook"
)

// writeWorkbook writes the remediation workbook of a report with its words
// written (package workbook).
func writeWorkbook(w io.Writer, v *localized) error {
	return workbook.Write(w, workbookOf(v), v.Lang)
}

// workbookOf is what the workbook shows of v.
func workbookOf(v *localized) *workbook.Book {
	b := &workbook.Book{Customer: v.Customer.Name, Tenant: v.Customer.Tenant, Language: v.Customer.Language, Tool: v.Tool, Generated: v.Generated,
		Checks: make([]workbook.Check, len(v.Checks)), Mailboxes: v.Mailboxes, Note: v.Shortened}
	for i := range v.Checks {
		c := &v.Checks[i]
		fs := make([]workbook.Finding, len(c.Findings))
		for j := range c.Findings {
			f := &c.Findings[j]
			fs[j] = workbook.Finding{Finding: &f.Finding, Problem: f.Problem, Action: f.Action}
		}
		b.Checks[i] = workbook.Check{Status: c.Status, Title: c.Title, Summary: c.Summary, Findings: fs}
	}
	return b
}
