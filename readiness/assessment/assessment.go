// Package assessment is the result of the readiness checks as data, the
// same in every language: each check has a status and a summary Text (a text
// key and typed arguments), each finding a stable kind, a key that finds the
// same problem again in the next run, and typed arguments. Nothing here
// writes a sentence or formats a number for a locale; package render does
// that at the edge. Package readiness makes an Assessment; render reads it,
// and needs nothing of the inputs to do so.
package assessment

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/migready/migready/inputs/shown"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Status of one check.
type Status string

const (
	Pass    Status = "pass"    // nothing to do
	Fail    Status = "fail"    // blocks the migration
	Warn    Status = "warn"    // needs attention, does not block
	Unknown Status = "unknown" // the inputs cannot tell; verify by hand
)

// Verdict is the answer of the whole pack. It is earned: Ready only when
// every check passed (or warned) on evidence in the inputs.
type Verdict string

const (
	VerdictReady       Verdict = "ready"       // no blocker, nothing left unknown
	VerdictNotReady    Verdict = "not-ready"   // one or more checks fail
	VerdictUnconfirmed Verdict = "unconfirmed" // no blocker found, but checks could not be told
)

// Check ids are part of the contract (JSON, docs, templates); never rename.
const (
	CheckOnsiteVersion   = "onsite-version"
	CheckDuplicateEmails = "duplicate-emails"
	CheckValidEmails     = "valid-emails"
	CheckSamePerson      = "same-person"
	CheckLicences        = "licences"
	CheckAdminPlan       = "admin-plan"
	CheckTravel          = "travel"
	CheckSatellites      = "satellites"
	CheckCustomizations  = "customizations"
	CheckSentryAddons    = "sentry-addons"
	CheckCustomTables    = "custom-tables"
	CheckDocuments       = "documents"
	CheckIdentityDomains = "identity-domains"
	CheckMailboxes       = "mailboxes"
	CheckSPF             = "spf"
	CheckDowntime        = "downtime"
)

// CheckIDs is the order checks appear in everywhere.
var CheckIDs = []string{CheckOnsiteVersion, CheckDuplicateEmails, CheckValidEmails, CheckSamePerson,
	CheckIdentityDomains,
	CheckLicences, CheckAdminPlan, CheckTravel, CheckSatellites, CheckCustomizations,
	CheckSentryAddons, CheckCustomTables, CheckDocuments,
	CheckMailboxes, CheckSPF, CheckDowntime}

// Assessment is the whole result. It is made once by Assess and never
// changed afterwards; render reads it.
type Assessment struct {
	Tool      string
	Generated string // YYYY-MM-DD
	Customer  Customer
	Onsite    Onsite
	Verdict   Verdict
	Ready     bool // Verdict == VerdictReady
	Blockers  int  // checks that fail
	ToVerify  int  // checks whose status is unknown
	Attention int  // checks that warn and still need attention (not accepted in the workbook)
	Users     UserCounts
	Checks    []Check
	Mail      Mail
	Mailboxes []Mailbox
	SPF       *SPF // nil when no SPF record is to be published
	Downtime  Downtime
	Licensing Licensing      // the licences after the migration: information, not a check
	Progress  *Progress      // nil without a previous pack
	Tracker   *TrackerResult // nil without a returned workbook
	Masked    bool           // names, addresses and personal ids are masked (readiness.Mask)
}

type Customer struct {
	Name   string `json:"name"`
	Slug   string `json:"slug"` // file-name safe, from the name
	Tenant string `json:"tenant"`
}

// Differs tells whether c and o are two customers, and by what: "tenant"
// when both have a tenant and the tenants differ ("Cust40317" and
// "Cust99999" are two, whatever their names: a customer's test tenant is
// not its live one), else "name" when the names differ other than in case,
// letter width, Unicode normalisation or spacing ("Acme AS" is "ACME  AS";
// "Acme AS" is not "ACME A.S."), else "" (the same customer). The slug is
// never compared: "A&B Consulting AS" and "A/B Consulting AS" share one and
// are two customers. It is the one test of a customer's identity: for a
// previous pack (-since), a returned workbook (-tracker) and a pack about
// to be replaced.
func (c Customer) Differs(o Customer) string {
	switch {
	case c.Tenant != "" && o.Tenant != "" && !strings.EqualFold(strings.TrimSpace(c.Tenant), strings.TrimSpace(o.Tenant)):
		return "tenant"
	case nameKey(c.Name) != nameKey(o.Name):
		return "name"
	}
	return ""
}

// nameKey is a customer name as Differs compares it: written out as every
// output shows it (a name read back from a pack has its invisible
// characters written out), case, width and spacing aside.
func nameKey(name string) string {
	name, _ = shown.LineN(name, len(name)*8+2) // written out, never shortened
	return strings.Join(strings.Fields(cases.Fold().String(norm.NFKC.String(name))), " ")
}

// Onsite is what the assessment knows of the installation.
type Onsite struct {
	Version    string  `json:"version"`
	DatabaseGB float64 `json:"database_gb"`
	ArchiveGB  float64 `json:"archive_gb"`
	Satellites *int    `json:"satellites"` // the profile's count; nil when not given
	// Admin is where the version manages users, their licences and Can log
	// in: AdminSOAdmin or AdminSettings; "" when the version cannot be read.
	Admin string `json:"-"`
	// WindowsClient: the version has the Windows client (and so Windows
	// users, Travel and Satellite): ClientYes or ClientNo; "" when the
	// version cannot be read.
	WindowsClient string `json:"-"`
}

// Where users and licences are managed, by version (Onsite.Admin).
const (
	// AdminSOAdmin: before 8, users and their licences are managed in the
	// Windows administration client (SOAdmin); there is no User plan.
	AdminSOAdmin = "soadmin"
	// AdminSettings: from 8, in Settings and maintenance, whose Users
	// screen has the User plan column.
	AdminSettings = "settings"
)

// Whether the version has the Windows client (Onsite.WindowsClient).
const (
	ClientYes = "yes" // before 9
	ClientNo  = "no"  // 9 and later: no Windows client, no Travel, no Satellite
)

// Mail choices: what the profile says of Customer Service mail.
const (
	MailUnknown   = "unknown"   // nothing said
	MailNone      = "none"      // Service reads no mailboxes
	MailUndecided = "undecided" // mailboxes listed, keep_addresses not given
	MailKeep      = "keep"      // keep the current addresses: forward + SPF
	MailNew       = "new"       // use the new addresses
)

// Mail is the Customer Service mail plan.
type Mail struct {
	Choice          string `json:"choice"`      // one of the Mail* constants
	Domain          string `json:"domain"`      // the customer's mail domain
	MailDomain      string `json:"mail_domain"` // <label>.<service domain> in Online; "" when unknown
	CurrentSPFGiven bool   `json:"current_spf_given"`
}

// UserCounts accounts for every row of the export: each data row is a user
// (Total) or an empty row that was ignored (EmptyRows). Each user is one of
// the people the user checks look at (People) or a user left out of them:
// Total = People + Resources + Anonymous + System + Former.
type UserCounts struct {
	Total         int `json:"total"`
	WithAccess    int `json:"with_access"`    // people whose "Can log in" is yes (or the column is absent)
	AccessUnknown int `json:"access_unknown"` // people whose "Can log in" is neither yes nor no
	EmptyRows     int `json:"empty_rows"`     // empty rows between users, ignored
	// People are the users checked: employees, external persons and users
	// whose type is not recognised (taken to be people who sign in).
	People   int `json:"people"`
	External int `json:"external"` // external persons, among People
	// Left out of the user checks: they do not sign in.
	Resources int `json:"resources"`
	Anonymous int `json:"anonymous"`
	System    int `json:"system"`
	Former    int `json:"former_employees"` // marked Former employee (and not of a kind above)
	// Notices say what could not be read in the Type and Former employee
	// columns (values and rows); those users are checked as people.
	Notices []Text `json:"notices"`
}

// LeftOut is how many users the user checks leave out.
func (u UserCounts) LeftOut() int { return u.Resources + u.Anonymous + u.System + u.Former }

// Check is one line of the checklist. Its title is the text
// "check.<id>.title"; Summary says the result with its facts as arguments.
type Check struct {
	ID       string
	Status   Status
	Summary  Text
	Findings []Finding // never nil
	// Accepted: a warning whose every finding the customer marked Accepted
	// or Won't fix; it stays visible but needs no more attention.
	Accepted bool
}

// Finding is one thing to fix, usually one user. Its words are the texts
// "finding.<kind>.problem" and ".action" with Args and the user's fields
// ({user}, {name}, {email}, {row}).
type Finding struct {
	// Kind is stable and documented (docs/summary.md, "Finding kinds"): what the
	// problem is, e.g. "email-shared" or "plan-missing".
	Kind string
	// Key identifies the same problem in the next run, whatever the
	// language, the row order or the export's file name: the check id and
	// the user id (folded), else the folded address, else the item.
	Key string
	// Row is the row in the export as Excel shows it, 0 when the finding is
	// not about a row (a mailbox, a customisation).
	Row    int
	UserID string
	Name   string
	Email  string
	Args   Args
	// Track is what the customer wrote against it in the returned workbook.
	Track *Tracking
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

// Quoted writes the record's strings the way DNS zone files and most DNS
// providers' forms take them, "…" "…", with \ and " escaped as in a zone
// file: what the admin copies when the record is longer than one string.
func (s *SPF) Quoted() string {
	q := make([]string, len(s.Strings))
	for i, p := range s.Strings {
		q[i] = `"` + strings.ReplaceAll(strings.ReplaceAll(p, `\`, `\\`), `"`, `\"`) + `"`
	}
	return strings.Join(q, " ")
}

// SPFTermCost is what one term of the merged record costs against the
// 10-lookup limit.
type SPFTermCost struct {
	Term    string `json:"term"`
	Lookups int    `json:"lookups"`
	Known   bool   `json:"known"` // false: an include not in the cost table, counted as 1
}

// SPFWarning is something that does not break the record but should be
// fixed when it is published.
type SPFWarning struct {
	ID   string `json:"id"`   // duplicate-include, ptr, text-after-all, long-record, unnecessary-include, redirect-ignored, lookups-uncertain
	Term string `json:"term"` // the term concerned, "" for the whole record
}

// Downtime is the estimate, rounded once by readiness: every output writes
// these figures as they are. The parts add up to ExpectedHours exactly, and
// HighHours, the freeze window to book, is never below the model's own high
// estimate.
type Downtime struct {
	LowHours      float64      `json:"low_hours"`
	ExpectedHours float64      `json:"expected_hours"`
	HighHours     float64      `json:"high_hours"`
	Formula       string       `json:"formula"`
	Parts         []Part       `json:"parts"` // expected hours by driver, for the chart
	Assumptions   []Assumption `json:"assumptions"`
	// LongerThanWeekend: the freeze window (HighHours) is longer than a
	// weekend, so the pack says what shortens it.
	LongerThanWeekend bool `json:"-"`
}

// The downtime model's units for the upload: MbitPerGB converts gigabytes
// (of 1024 MB) to megabits, SecondsPerHour a line's seconds to hours.
// readiness computes with them; the pack prints them in the calculation it
// shows the reader.
const (
	MbitPerGB      = 8 * 1024
	SecondsPerHour = 3600
)

// Part is one driver of the expected downtime: "database", "archive",
// "fixed" (its label is the text "downtime.part.<id>").
type Part struct {
	ID    string  `json:"id"`
	Hours float64 `json:"hours"`
}

// Assumption is one rate of the downtime model; its unit and meaning are the
// texts "downtime.unit.<key>" and "downtime.assumption.<key>".
type Assumption struct {
	Key   string  `json:"key"`   // the [migration] key that sets it
	Value float64 `json:"value"` // value used
}

// CRM Suite plans (Online from version 12): one plan per organisation.
const (
	SuiteStarter = "Starter"
	SuiteCore    = "Core"
	SuiteGrowth  = "Growth"
	SuitePlus    = "Plus"
	SuiteSuper   = "Super"
)

// Licensing is what the licences look like after the migration, when
// Online has one CRM Suite plan per organisation: a seat for each named
// user who can log in, and the plan the current user plans map to (the
// highest wins). Information for planning; it decides no verdict.
type Licensing struct {
	Seats        int `json:"seats"`         // people who can log in
	SeatsUnknown int `json:"seats_unknown"` // people whose Can log in is unreadable
	// PlanColumn: the export has a User plan column.
	PlanColumn bool `json:"plan_column"`
	// Plans are the current user plans of the people who can (or may) log
	// in, most users first; never nil.
	Plans []CurrentPlan `json:"plans"`
	// NoPlan counts the people who can (or may) log in without a user plan
	// (the licences check lists them).
	NoPlan int `json:"no_plan"`
	// Suite is the CRM Suite plan the mapped plans lead to, "" when none
	// maps; AtLeast: some plans are left to the consultant to map, so the
	// plan may be higher.
	Suite   string `json:"suite"`
	AtLeast bool   `json:"at_least"`
	// CustomObjects is the Suite plan's limit of custom objects (extra
	// tables), -1 for unlimited; 0 also when Suite is "".
	CustomObjects int `json:"custom_objects"`
	// CustomTables is the profile's count of custom tables; nil when not
	// given (then the pack says nothing of the limit).
	CustomTables *int `json:"custom_tables"`
	// OverLimit: CustomTables is more than CustomObjects allows (only when
	// the plan is known exactly).
	OverLimit bool `json:"over_limit"`
}

// CurrentPlan is one user plan of the export, how many users have it, and
// the CRM Suite plan it maps to ("" when the consultant maps it: on-site
// 8–9 licences such as Complete CRM User, and names not known).
type CurrentPlan struct {
	Name  string `json:"name"`
	Users int    `json:"users"`
	Suite string `json:"suite"`
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

// Text is a sentence not yet written: the key of a text in the catalog
// (templates/<lang>/*.toml) and its arguments. The assessment holds only
// Texts, so it is the same in every language; render writes them in the
// reader's language ("words at the edge").
type Text struct {
	Key string `json:"key"`
	// Plural: Key names a text with a .one and an .other form, chosen by the
	// "count" argument.
	Plural bool `json:"plural,omitempty"`
	Args   Args `json:"args,omitempty"`
}

// Arg is one named argument of a Text. Value is a string (customer data,
// as it is), an int or a float64 (a count or a size, formatted for the
// language), Hours, a Text (written in the same language) or a List.
type Arg struct {
	Name  string
	Value any
}

// Args keep their order; in JSON they are an object.
type Args []Arg

// Hours is a duration in hours; it is written as the language writes hours
// (rounded to a half hour under 10 h).
type Hours float64

// List is several Texts written as the language writes a list, the last
// after its "and": "JOHN (row 12), KARI (row 14) and MARI (row 15)".
type List []Text

// Tally is several Texts written with the language's separator only, no
// "and" before the last: a breakdown in parentheses, "(a: 1, mx: 1,
// include:_spf.google.com: 3)", where an "and" between a count and the next
// term reads as part of the record.
type Tally []Text

// Get returns the value of the argument name.
func (as Args) Get(name string) (any, bool) {
	for _, a := range as {
		if a.Name == name {
			return a.Value, true
		}
	}
	return nil, false
}

// UnmarshalJSON reads arguments written by MarshalJSON, in their order.
// Values come back as JSON values: numbers as float64, a Text or a List as
// maps and lists.
func (as *Args) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("args: want an object, got %v", tok)
	}
	*as = Args{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return err
		}
		*as = append(*as, Arg{Name: name, Value: v})
	}
	_, err = dec.Token()
	return err
}

// MarshalJSON writes the arguments as an object in their order, so that the
// summary document is stable and readable.
func (as Args) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, a := range as {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(a.Name)
		if err != nil {
			return nil, err
		}
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		b.Write(k)
		b.WriteByte(':')
		if err := enc.Encode(a.Value); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Snapshot is what a previous pack said, as far as progress needs it: read
// back from its summary document (any schema that has the findings).
type Snapshot struct {
	Generated string // YYYY-MM-DD
	Customer  Customer
	Verdict   Verdict
	Checks    []SnapshotCheck
}

type SnapshotCheck struct {
	ID       string
	Status   Status
	Findings []SnapshotFinding
}

// SnapshotFinding is a finding of the previous pack; Key matches it with
// this run's.
type SnapshotFinding struct {
	Kind   string `json:"kind"`
	Key    string `json:"key"`
	Row    int    `json:"row"`
	UserID string `json:"user_id"`
	Name   string `json:"name"`
	Email  string `json:"email"`
}

// Progress is what changed since the previous pack, finding by finding
// (matched by key, so row order, language and file names do not matter).
type Progress struct {
	Since           string            `json:"since"` // the previous pack's date
	PreviousVerdict Verdict           `json:"previous_verdict"`
	Blocking        Change            `json:"blocking"` // findings of failing checks
	Checks          []CheckProgress   `json:"checks"`
	Resolved        []ResolvedFinding `json:"resolved"` // no longer found, by name
}

// Change counts findings: Before in the previous pack, Resolved no longer
// found, New not found before, Open found in both.
type Change struct {
	Before   int `json:"before"`
	Resolved int `json:"resolved"`
	New      int `json:"new"`
	Open     int `json:"open"`
}

// CheckProgress is one check's change.
type CheckProgress struct {
	ID  string `json:"id"`
	Was Status `json:"was"` // in the previous pack; "" when it did not have the check
	Now Status `json:"now"`
	Change
}

// ResolvedFinding is a finding of the previous pack that is no longer
// found; it stays listed, marked resolved.
type ResolvedFinding struct {
	Check string `json:"check"`
	SnapshotFinding
}

// TrackState is what the customer says of a finding in the remediation
// workbook's Status column; its words are the texts
// "workbook.status.<state>".
type TrackState string

const (
	TrackOpen     TrackState = "open"     // not done yet (also an empty or unknown status)
	TrackFixed    TrackState = "fixed"    // the customer believes it is done
	TrackAccepted TrackState = "accepted" // the customer accepts the warning
	TrackWontFix  TrackState = "wontfix"  // the customer will not fix it
)

// TrackStates are the states in the order the workbook's drop-down lists
// them.
var TrackStates = []TrackState{TrackOpen, TrackFixed, TrackAccepted, TrackWontFix}

// Tracking is what the customer wrote against a finding in the returned
// remediation workbook: carried forward to the next pack.
type Tracking struct {
	State   TrackState `json:"state"`
	Owner   string     `json:"owner"`
	Due     string     `json:"due"` // YYYY-MM-DD, or the text as written
	Comment string     `json:"comment"`
}

// Tracker is the remediation workbook as the customer sent it back, as far
// as the assessment needs it: what they wrote against each finding, matched
// with this run's findings by key.
type Tracker struct {
	File    string
	Sheet   string    // the Findings sheet read
	Made    time.Time // the pack's date (the workbook's creation date)
	Entries []TrackerEntry
	// Shows says which of the columns that name a finding the sheet still
	// has, so that each row's key can be checked against what the row
	// shows (a sheet sorted without its hidden key column).
	Shows TrackerColumns
	// Notices say what the reader could not take as it was written (a
	// status it does not know, a row without its key…), as texts
	// "tracker.notice.<kind>": they reach the pack and its summary.
	Notices []Text
}

// TrackerColumns are the columns of the returned Findings sheet that name a
// finding.
type TrackerColumns struct {
	Check, Row, UserID, Name, Email bool
}

// TrackerEntry is one row of the returned Findings sheet.
type TrackerEntry struct {
	Row     int    // the row in the returned sheet
	Key     string // the finding's key
	State   TrackState
	Owner   string
	Due     string // YYYY-MM-DD, or the text as written when it is not a date
	Comment string
	// What the row shows of its finding: the check its Check column names
	// (its id; "" when the title is not one migready writes), the export's
	// row (0: none), the user. "" when the columns were deleted (Shows).
	Check               string
	ExportRow           int
	UserID, Name, Email string
}

// HasNotes reports whether the customer wrote anything on the row: a status
// other than open, an owner, a due date or a comment.
func (e *TrackerEntry) HasNotes() bool {
	return e.State != TrackOpen && e.State != "" || e.Owner != "" || e.Due != "" || e.Comment != ""
}

// TrackerResult is what the returned workbook says against what is found now.
type TrackerResult struct {
	File    string `json:"file"`
	Made    string `json:"made"`    // the date of the pack the workbook came with
	Carried int    `json:"carried"` // findings whose notes were carried forward
	// FixedStillFound: marked fixed in the workbook, but still found.
	FixedStillFound []TrackedFinding `json:"fixed_still_found"`
	// Resolved: in the workbook, no longer found; with the customer's note.
	Resolved []TrackedFinding `json:"resolved"`
	// Notices say what of the workbook could not be taken as it was
	// written, and what was done instead: texts "tracker.notice.<kind>"
	// with their arguments (docs/summary.md lists the kinds). Never nil.
	Notices []Text `json:"notices"`
}

// TrackedFinding is a finding with the customer's notes. Row, UserID, Name
// and Email are as found now (FixedStillFound) or as far as the key tells
// (Resolved).
type TrackedFinding struct {
	Check  string `json:"check"`
	Key    string `json:"key"`
	Row    int    `json:"row"`
	UserID string `json:"user_id"`
	Name   string `json:"name"`
	Email  string `json:"email"`
	Tracking
}
