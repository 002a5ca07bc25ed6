package render

import (
	"io"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render/summary"
)

// JSON writes the summary document of r (package summary).
func JSON(w io.Writer, r *Report) error {
	return writeSummary(w, localize(r))
}

func writeSummary(w io.Writer, v *localized) error {
	return summary.Write(w, summaryOf(v))
}

// summaryOf is the summary document of a report with its words written.
func summaryOf(v *localized) *summary.Document {
	a := v.A
	d := &summary.Document{
		Schema: summary.Schema, Tool: a.Tool, Generated: a.Generated, Language: v.Lang.Code,
		Customer: summary.Customer{Customer: a.Customer, Contact: summary.Person(v.Contact), PreparedBy: summary.Person(v.PreparedBy)},
		Onsite:   a.Onsite, Masked: a.Masked, Verdict: a.Verdict, Ready: a.Ready, Blockers: a.Blockers, ToVerify: a.ToVerify,
		Words: summary.Words{Verdict: v.Verdict, Detail: v.Detail, Shortened: v.Shortened},
		Users: a.Users, Mail: a.Mail, Mailboxes: a.Mailboxes, SPF: a.SPF,
		Downtime: summary.Downtime{LowHours: a.Downtime.LowHours, ExpectedHours: a.Downtime.ExpectedHours,
			HighHours: a.Downtime.HighHours, Formula: a.Downtime.Formula, Parts: a.Downtime.Parts,
			Assumptions: a.Downtime.Assumptions},
		Licensing: a.Licensing,
		Progress:  a.Progress, Tracker: a.Tracker, Files: (*summary.Files)(v.Files),
		Checks: make([]summary.Check, len(a.Checks)),
	}
	for _, in := range v.Inputs {
		d.Inputs = append(d.Inputs, summary.InputFile(in))
	}
	for i, c := range a.Checks {
		cv := &v.Checks[i]
		sc := summary.Check{ID: c.ID, Status: c.Status, Facts: summary.Text{Key: c.Summary.Key, Args: orEmpty(c.Summary.Args)},
			Title: cv.Title, Summary: cv.Summary, Findings: make([]summary.Finding, len(c.Findings))}
		for j, f := range c.Findings {
			sc.Findings[j] = summary.Finding{SnapshotFinding: assessment.SnapshotFinding{Kind: f.Kind, Key: f.Key, Row: f.Row,
				UserID: f.UserID, Name: f.Name, Email: f.Email}, Args: orEmpty(f.Args), Problem: cv.Findings[j].Problem,
				Action: cv.Findings[j].Action, Track: f.Track}
		}
		d.Checks[i] = sc
	}
	return d
}

// orEmpty makes missing arguments {} rather than null.
func orEmpty(as assessment.Args) assessment.Args {
	if as == nil {
		return assessment.Args{}
	}
	return as
}
