package render

import (
	"io"

	"github.com/migready/migready/readiness/assessment"
)

// Summary is the summary document, schema 2 (schema/summary.schema.json
// describes it).
// Field order is the JSON key order: keep it stable. Every finding carries
// its stable kind, key and typed args, which are the same in every language;
// title, summary, problem and action are the same facts in the report's
// language, for people.
type Summary struct {
	Schema    int                       `json:"schema"`
	Tool      string                    `json:"tool"`
	Generated string                    `json:"generated"`
	Language  string                    `json:"language"`
	Customer  SummaryCustomer           `json:"customer"`
	Onsite    assessment.Onsite         `json:"onsite"`
	Verdict   assessment.Verdict        `json:"verdict"`
	Masked    bool                      `json:"masked"`
	Ready     bool                      `json:"ready"`
	Blockers  int                       `json:"blockers"`
	ToVerify  int                       `json:"to_verify"`
	Words     SummaryWords              `json:"words"`
	Users     assessment.UserCounts     `json:"users"`
	Checks    []SummaryCheck            `json:"checks"`
	Mail      assessment.Mail           `json:"mail"`
	Mailboxes []assessment.Mailbox      `json:"mailboxes"`
	SPF       *assessment.SPF           `json:"spf"`
	Downtime  SummaryDowntime           `json:"downtime"`
	Licensing assessment.Licensing      `json:"licensing"`
	Progress  *assessment.Progress      `json:"progress,omitempty"` // with -since
	Tracker   *assessment.TrackerResult `json:"tracker,omitempty"`  // with -tracker
	Inputs    []InputFile               `json:"inputs,omitempty"`   // pack only: provenance
	Files     *PackFiles                `json:"files,omitempty"`    // pack only
}

type SummaryCustomer struct {
	assessment.Customer
	Contact    Person `json:"contact"`
	PreparedBy Person `json:"prepared_by"`
}

// SummaryWords is the verdict as the pack's cover says it.
type SummaryWords struct {
	Verdict string `json:"verdict"`
	Detail  string `json:"detail"`
}

type SummaryCheck struct {
	ID       string            `json:"id"`
	Status   assessment.Status `json:"status"`
	Facts    SummaryText       `json:"facts"`
	Title    string            `json:"title"`
	Summary  string            `json:"summary"`
	Findings []SummaryFinding  `json:"findings"`
}

// SummaryText is a Text as data: its key and arguments.
type SummaryText struct {
	Key  string          `json:"key"`
	Args assessment.Args `json:"args"`
}

type SummaryFinding struct {
	Kind    string               `json:"kind"`
	Key     string               `json:"key"`
	Row     int                  `json:"row"`
	UserID  string               `json:"user_id"`
	Name    string               `json:"name"`
	Email   string               `json:"email"`
	Args    assessment.Args      `json:"args"`
	Problem string               `json:"problem"`
	Action  string               `json:"action"`
	Track   *assessment.Tracking `json:"track,omitempty"`
}

type SummaryDowntime struct {
	LowHours      float64                 `json:"low_hours"`
	ExpectedHours float64                 `json:"expected_hours"`
	HighHours     float64                 `json:"high_hours"`
	Formula       string                  `json:"formula"`
	Parts         []assessment.Part       `json:"parts"`
	Assumptions   []assessment.Assumption `json:"assumptions"`
}

// JSON writes the summary document. HTML escaping is off so that customer
// data appears literally (a JSON file is never executed; consumers that embed
// it in a page must escape it themselves, as with any data).
func JSON(w io.Writer, r *Report) error {
	return writeSummary(w, localize(r))
}

func writeSummary(w io.Writer, v *localized) error {
	a := v.A
	doc := Summary{
		Schema: assessment.Schema, Tool: a.Tool, Generated: a.Generated, Language: v.Lang.Code,
		Customer: SummaryCustomer{Customer: a.Customer, Contact: v.Contact, PreparedBy: v.PreparedBy},
		Onsite:   a.Onsite, Masked: a.Masked, Verdict: a.Verdict, Ready: a.Ready, Blockers: a.Blockers, ToVerify: a.ToVerify,
		Words: SummaryWords{Verdict: v.Verdict, Detail: v.Detail},
		Users: a.Users, Mail: a.Mail, Mailboxes: a.Mailboxes, SPF: a.SPF,
		Downtime: SummaryDowntime{LowHours: a.Downtime.LowHours, ExpectedHours: a.Downtime.ExpectedHours,
			HighHours: a.Downtime.HighHours, Formula: a.Downtime.Formula, Parts: a.Downtime.Parts,
			Assumptions: a.Downtime.Assumptions},
		Licensing: a.Licensing,
		Progress:  a.Progress, Tracker: a.Tracker, Inputs: v.Inputs, Files: v.Files,
		Checks: make([]SummaryCheck, len(a.Checks)),
	}
	for i, c := range a.Checks {
		cv := &v.Checks[i]
		sc := SummaryCheck{ID: c.ID, Status: c.Status, Facts: SummaryText{Key: c.Summary.Key, Args: orEmpty(c.Summary.Args)},
			Title: cv.Title, Summary: cv.Summary, Findings: make([]SummaryFinding, len(c.Findings))}
		for j, f := range c.Findings {
			sc.Findings[j] = SummaryFinding{Kind: f.Kind, Key: f.Key, Row: f.Row, UserID: f.UserID, Name: f.Name,
				Email: f.Email, Args: orEmpty(f.Args), Problem: cv.Findings[j].Problem, Action: cv.Findings[j].Action, Track: f.Track}
		}
		doc.Checks[i] = sc
	}
	return writeSummaryJSON(w, &doc)
}

// orEmpty makes missing arguments {} rather than null.
func orEmpty(as assessment.Args) assessment.Args {
	if as == nil {
		return assessment.Args{}
	}
	return as
}
