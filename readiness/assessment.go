// Package readiness turns a profile and a user export into an assessment:
// the checks SuperOffice Online Operations expects to pass before a migration,
// the new mailbox addresses, the SPF record to publish and a downtime estimate.
package readiness

// Status of one check.
type Status string

const (
	Pass    Status = "pass"    // nothing to do
	Fail    Status = "fail"    // blocks the migration
	Warn    Status = "warn"    // needs attention, does not block
	Unknown Status = "unknown" // the inputs cannot tell; verify by hand
)

// Check ids are part of the contract (JSON, docs, templates); never rename.
const (
	CheckOnsiteVersion   = "onsite-version"
	CheckDuplicateEmails = "duplicate-emails"
	CheckValidEmails     = "valid-emails"
	CheckLicences        = "licences"
	CheckAdminPlan       = "admin-plan"
	CheckTravel          = "travel"
	CheckSatellites      = "satellites"
	CheckCustomizations  = "customizations"
	CheckMailboxes       = "mailboxes"
	CheckSPF             = "spf"
	CheckDowntime        = "downtime"
)

// CheckIDs is the order checks appear in everywhere.
var CheckIDs = []string{CheckOnsiteVersion, CheckDuplicateEmails, CheckValidEmails,
	CheckLicences, CheckAdminPlan, CheckTravel, CheckSatellites, CheckCustomizations,
	CheckMailboxes, CheckSPF, CheckDowntime}

// Assessment is the whole result; its JSON form is the summary document
// (schema 1). Field order is the JSON key order: keep it stable.
type Assessment struct {
	Schema    int         `json:"schema"`
	Tool      string      `json:"tool"`
	Generated string      `json:"generated"` // YYYY-MM-DD
	Customer  Customer    `json:"customer"`
	Ready     bool        `json:"ready"`
	Users     UserCounts  `json:"users"`
	Checks    []Check     `json:"checks"`
	Mailboxes []Mailbox   `json:"mailboxes"`
	SPF       *SPF        `json:"spf"` // nil when there is no [mail] section or keep_addresses is false
	Downtime  Downtime    `json:"downtime"`
	Inputs    []InputFile `json:"inputs,omitempty"` // pack only: provenance
	Files     *PackFiles  `json:"files,omitempty"`  // pack only
}

type Customer struct {
	Name     string `json:"name"`
	Slug     string `json:"slug"` // file-name safe, from the name
	Tenant   string `json:"tenant"`
	Language string `json:"language"`
}

type UserCounts struct {
	Total      int `json:"total"`
	WithAccess int `json:"with_access"`
}

// Check is one line of the checklist. Title, Summary and the findings' texts
// are in the assessment's language; ID and Status are not translated.
type Check struct {
	ID       string    `json:"id"`
	Status   Status    `json:"status"`
	Title    string    `json:"title"`
	Summary  string    `json:"summary"`
	Findings []Finding `json:"findings"` // never nil: [] in JSON
}

// Finding is one thing to fix, usually one user. Row is the row in the
// export (0 when the finding is not about a row, e.g. a mailbox).
type Finding struct {
	Row     int    `json:"row"`
	UserID  string `json:"user_id"`
	Name    string `json:"name"`
	Email   string `json:"email"`
	Problem string `json:"problem"`
	Action  string `json:"action"`
}

type Mailbox struct {
	Current string `json:"current"`
	New     string `json:"new"`
	Forward bool   `json:"forward"` // keep_addresses: forward Current to New at the mail provider
}

type SPF struct {
	Domain     string `json:"domain"`
	Current    string `json:"current"`
	Record     string `json:"record"`      // the one TXT record to publish
	DNSLookups int    `json:"dns_lookups"` // RFC 7208 4.6.4 count of the merged record's whole tree
	// DNSLookupsAtLeast: an include is not in the cost table and counts as
	// 1, so DNSLookups is a lower bound.
	DNSLookupsAtLeast bool          `json:"dns_lookups_at_least"`
	UnknownIncludes   []string      `json:"unknown_includes"` // never nil
	LookupCosts       []SPFTermCost `json:"lookup_costs"`     // per lookup term; never nil
	Warnings          []SPFWarning  `json:"warnings"`         // never nil
	Strings           []string      `json:"strings"`          // Record split into ≤255-character strings
}

type Downtime struct {
	LowHours      float64      `json:"low_hours"`
	ExpectedHours float64      `json:"expected_hours"`
	HighHours     float64      `json:"high_hours"`
	Formula       string       `json:"formula"`
	Parts         []Part       `json:"parts"` // expected hours by driver, for the chart
	Assumptions   []Assumption `json:"assumptions"`
}

// Part is one driver of the expected downtime: "database", "archive", "fixed".
type Part struct {
	ID    string  `json:"id"`
	Label string  `json:"label"`
	Hours float64 `json:"hours"`
}

type Assumption struct {
	Key   string  `json:"key"`   // the [migration] key that sets it
	Value float64 `json:"value"` // value used
	Unit  string  `json:"unit"`
	Text  string  `json:"text"` // what it means, in the assessment's language
}

type InputFile struct {
	Role   string `json:"role"` // "profile", "users", "logo"
	Name   string `json:"name"` // base name
	SHA256 string `json:"sha256"`
}

type PackFiles struct {
	PDF      string `json:"pdf"`
	HTML     string `json:"html"`
	Workbook string `json:"workbook"`
}

// Check returns the check with the given id, or nil.
func (a *Assessment) Check(id string) *Check {
	for i := range a.Checks {
		if a.Checks[i].ID == id {
			return &a.Checks[i]
		}
	}
	return nil
}

// Blockers counts failing checks.
func (a *Assessment) Blockers() int {
	n := 0
	for _, c := range a.Checks {
		if c.Status == Fail {
			n++
		}
	}
	return n
}
