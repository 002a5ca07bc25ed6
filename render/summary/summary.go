// Package summary owns the summary document, the JSON file of a pack (and
// the output of check -format json) that tools and the next run read, both
// ways: Write writes it, ReadPrevious reads an earlier pack's back for
// -since, of any schema that can still be compared. summary.schema.json
// describes it for other tools.
package summary

import (
	"io"

	"github.com/migready/migready/readiness/assessment"
)

// Schema is the version of the document Write writes. Schema 1 had no
// verdict (only ready), and its findings had no kind, key or args.
const Schema = 2

// Document is the summary document. Field order is the JSON key order: keep
// it stable. Every finding carries its stable kind, key and typed args,
// which are the same in every language; title, summary, problem and action
// are the same facts in the report's language, for people.
type Document struct {
	Schema    int                       `json:"schema"`
	Tool      string                    `json:"tool"`
	Generated string                    `json:"generated"`
	Language  string                    `json:"language"`
	Customer  Customer                  `json:"customer"`
	Onsite    assessment.Onsite         `json:"onsite"`
	Verdict   assessment.Verdict        `json:"verdict"`
	Masked    bool                      `json:"masked"`
	Ready     bool                      `json:"ready"`
	Blockers  int                       `json:"blockers"`
	ToVerify  int                       `json:"to_verify"`
	Words     Words                     `json:"words"`
	Users     assessment.UserCounts     `json:"users"`
	Checks    []Check                   `json:"checks"`
	Mail      assessment.Mail           `json:"mail"`
	Mailboxes []assessment.Mailbox      `json:"mailboxes"`
	SPF       *assessment.SPF           `json:"spf"`
	Downtime  Downtime                  `json:"downtime"`
	Licensing assessment.Licensing      `json:"licensing"`
	Progress  *assessment.Progress      `json:"progress,omitempty"` // with -since
	Tracker   *assessment.TrackerResult `json:"tracker,omitempty"`  // with -tracker
	Inputs    []InputFile               `json:"inputs,omitempty"`   // pack only: provenance
	Files     *Files                    `json:"files,omitempty"`    // pack only
}

// Customer is the customer and the two people the pack names.
type Customer struct {
	assessment.Customer
	Contact    Person `json:"contact"`
	PreparedBy Person `json:"prepared_by"`
}

// Person is someone the pack names.
type Person struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Words is the verdict as the pack's cover says it.
type Words struct {
	Verdict string `json:"verdict"`
	Detail  string `json:"detail"`
	// Shortened says that a text was too long to show whole (it ends in
	// "…") and where the full text is; left out when none was.
	Shortened string `json:"shortened,omitempty"`
}

// Check is one check, its facts as data and in words.
type Check struct {
	ID       string            `json:"id"`
	Status   assessment.Status `json:"status"`
	Facts    Text              `json:"facts"`
	Title    string            `json:"title"`
	Summary  string            `json:"summary"`
	Findings []Finding         `json:"findings"`
}

// Text is an assessment.Text as data: its key and arguments.
type Text struct {
	Key  string          `json:"key"`
	Args assessment.Args `json:"args"`
}

// Finding is one finding, as data and in words, with the customer's notes
// from a returned workbook. What identifies it is what the next run reads
// back (a SnapshotFinding).
type Finding struct {
	assessment.SnapshotFinding
	Args    assessment.Args      `json:"args"`
	Problem string               `json:"problem"`
	Action  string               `json:"action"`
	Track   *assessment.Tracking `json:"track,omitempty"`
}

// Downtime is the downtime estimate and the model it came from.
type Downtime struct {
	LowHours      float64                 `json:"low_hours"`
	ExpectedHours float64                 `json:"expected_hours"`
	HighHours     float64                 `json:"high_hours"`
	Formula       string                  `json:"formula"`
	Parts         []assessment.Part       `json:"parts"`
	Assumptions   []assessment.Assumption `json:"assumptions"`
}

// InputFile is one file the assessment was made from.
type InputFile struct {
	Role   string `json:"role"` // "profile", "users", "logo", "previous", "tracker"
	Name   string `json:"name"` // base name
	SHA256 string `json:"sha256"`
}

// Files are the names of a pack's files.
type Files struct {
	PDF      string `json:"pdf"`
	HTML     string `json:"html"`
	Workbook string `json:"workbook"`
	Summary  string `json:"summary"`
	Ticket   string `json:"ticket"`
}

// Write writes d, indented. HTML escaping is off so that customer data
// appears literally (a JSON file is never executed; consumers that embed it
// in a page must escape it themselves, as with any data).
func Write(w io.Writer, d *Document) error {
	return writeDocument(w, d)
}
