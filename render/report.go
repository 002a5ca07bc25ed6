// Package render turns a Report (an assessment and what the command knows
// about the customer) into what people read: the pack's PDF and HTML, both
// from one markdown body (packages pdf and html), the remediation workbook
// (package workbook), the summary JSON (package summary), the ticket
// summary and the terminal checklist. Words are written here, at the edge
// (Words); nothing is recomputed. Package portfolio writes a batch's
// overview.
package render

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
)

// Report is everything a pack or a check prints, built once by the command:
// the assessment (language-free), the language to write it in, the one date
// printed, the people and the brand, and for a pack its provenance and file
// names. Render reads it and changes nothing in it.
type Report struct {
	Assessment *assessment.Assessment
	Lang       *templates.Lang
	Date       time.Time
	Contact    Person // the customer's SuperOffice administrator
	PreparedBy Person // the consultant who prepared the pack
	Color      string // brand colour "#RRGGBB"; "" for the default
	Logo       []byte // PNG; nil for none
	Inputs     []InputFile
	Files      *PackFiles // nil for check
}

// Person is someone the pack names.
type Person struct {
	Name  string
	Email string
}

// String is "Name <email>", or whichever of the two is given.
func (p Person) String() string {
	if p.Email == "" {
		return p.Name
	}
	return strings.TrimSpace(p.Name + " <" + p.Email + ">")
}

// InputFile is one file the assessment was made from.
type InputFile struct {
	Role   string // "profile", "users", "logo", "previous", "tracker"
	Name   string // base name
	SHA256 string
}

// PackFiles are the names of a pack's files.
type PackFiles struct {
	PDF      string
	HTML     string
	Workbook string
	Summary  string
	Ticket   string
}

// PackNames returns the file names of a customer's pack of date:
// <slug>-<date>-readiness.pdf and so on, so that the packs of a migration's
// weeks can sit side by side in one ticket or folder; a masked copy has
// "-masked" after the date.
func PackNames(slug string, date time.Time, masked bool) PackFiles {
	base := slug + "-" + date.Format(time.DateOnly)
	if masked {
		base += "-masked"
	}
	return PackFiles{
		PDF:      base + "-readiness.pdf",
		HTML:     base + "-readiness.html",
		Workbook: base + "-remediation.xlsx",
		Summary:  base + "-summary.json",
		Ticket:   base + "-ticket.md",
	}
}

// Words writes an assessment's Texts in one language: the one place where
// text keys and typed arguments become sentences.
type Words struct {
	l *templates.Lang
	// mark, when set, wraps each text argument (a value of the customer's:
	// an address, a user id, a column's header) before it is set into its
	// sentence, so that an output can tell it from the sentence's own words
	// (the ticket puts such a value in one code span, whole).
	mark func(string) string
}

// NewWords writes in l.
func NewWords(l *templates.Lang) Words { return Words{l: l} }

// Text writes t, arguments first.
func (w Words) Text(t assessment.Text) string {
	key := t.Key
	if t.Plural {
		if n, _ := t.Args.Get("count"); n == 1 {
			key += ".one"
		} else {
			key += ".other"
		}
	}
	return w.l.T(key, w.args(t.Args)...)
}

// args turns typed arguments into the name/value pairs the catalog takes.
func (w Words) args(as assessment.Args) []any {
	out := make([]any, 0, 2*len(as))
	for _, a := range as {
		out = append(out, a.Name, w.value(a.Value))
	}
	return out
}

func (w Words) value(v any) any {
	switch v := v.(type) {
	case string:
		if w.mark != nil {
			return w.mark(v)
		}
	case assessment.Text:
		return w.Text(v)
	case assessment.List:
		parts := make([]string, len(v))
		for i, t := range v {
			parts[i] = w.Text(t)
		}
		return joinList(w.l, parts)
	case assessment.Tally:
		parts := make([]string, len(v))
		for i, t := range v {
			parts[i] = w.Text(t)
		}
		return strings.Join(parts, w.l.T("finding.ref.separator"))
	case assessment.Hours:
		return hours(w.l, float64(v))
	}
	return v
}

// joinList writes a list as the language does: "A, B and C".
func joinList(l *templates.Lang, parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], l.T("finding.ref.separator")) + l.T("finding.ref.last_separator") + parts[len(parts)-1]
}

// hours writes a downtime figure as readiness rounded it (to a half hour
// under 10 h, to an hour from 10 h), without rounding it again: every
// output gives the same figure.
func hours(l *templates.Lang, h float64) string { return l.Number(h, 1) }

// withVariants returns r writing in the texts of the customer's version:
// the screens and words of an installation whose users and licences are
// managed in the Windows administration client (before 8), or one without
// the Windows client (9 and later). Readiness says which (Onsite.Admin,
// Onsite.WindowsClient); the texts say how (templates' variant sections).
func withVariants(r *Report) *Report {
	var vs []string
	if o := r.Assessment.Onsite; o.Admin == assessment.AdminSOAdmin {
		vs = append(vs, "soadmin")
	} else if o.WindowsClient == assessment.ClientNo {
		vs = append(vs, "nowindows")
	}
	if len(vs) == 0 {
		return r
	}
	c := *r
	c.Lang = r.Lang.Variant(vs...)
	return &c
}

// Finding writes a finding's problem or action (part "problem" or "action").
func (w Words) Finding(f *assessment.Finding, part string) string {
	// Rows are written as Excel shows them, without digit grouping.
	args := append([]any{"user", w.value(f.UserID), "name", w.value(f.Name), "email", w.value(f.Email), "row", strconv.Itoa(f.Row)}, w.args(f.Args)...)
	key := "finding." + f.Kind + "." + part
	// A text that puts its {count} before a noun has .one and .other forms
	// ("1 active satellite").
	if n, ok := f.Args.Get("count"); ok && w.l.Has(key+".one") {
		if n == 1 {
			return w.l.T(key+".one", args...)
		}
		return w.l.T(key+".other", args...)
	}
	return w.l.T(key, args...)
}

// checkView is a check with its words written.
type checkView struct {
	ID       string
	Status   assessment.Status
	Title    string
	Summary  string
	Findings []findingView
	Accepted bool // a warning the customer accepted on every finding
}

// findingView is a finding with its words written.
type findingView struct {
	assessment.Finding
	Problem string
	Action  string
}

// partView and assumptionView are the downtime model's parts with labels.
type partView struct {
	assessment.Part
	Label string
}

type assumptionView struct {
	assessment.Assumption
	Unit string
	Text string
}

type downtimeView struct {
	LowHours, ExpectedHours, HighHours float64
	LongerThanWeekend                  bool
	Formula                            string
	Parts                              []partView
	Assumptions                        []assumptionView
}

// localized is the report with every Text written in its language: what
// the pack template, the workbook, the terminal and the JSON's text fields
// read. Field names follow the assessment's, so templates read naturally.
type localized struct {
	*Report
	A         *assessment.Assessment
	Tool      string
	Generated string
	Customer  struct{ Name, Slug, Tenant, Language string }
	Onsite    assessment.Onsite
	Users     assessment.UserCounts
	// UserNotices say which Type and Former employee values could not be read.
	UserNotices []string
	Checks      []checkView
	Mail        assessment.Mail
	Mailboxes   []assessment.Mailbox
	SPF         *assessment.SPF
	Downtime    downtimeView
	Licensing   assessment.Licensing
	Ready       bool // the verdict is READY
	// Blockers, ToVerify and Attention count the checks that fail, are
	// unknown and warn.
	Blockers, ToVerify, Attention int
	Verdict                       string // the verdict word: "NOT CONFIRMED"
	Detail                        string // the sentence under it
	Progress                      *assessment.Progress
	// Since is the previous pack's date and ProgressLine the change in one
	// sentence ("3 of 5 blocking problems resolved since …"), with Progress.
	Since        time.Time
	ProgressLine string
	Tracker      *assessment.TrackerResult
	TrackerMade  time.Time // the date of the pack the returned workbook came with
	// TrackerNotices say, in words, what of the returned workbook could
	// not be taken as written.
	TrackerNotices []string
	// Shortened says that a text was too long to show whole and where the
	// full text is; "" when none was.
	Shortened string
}

// shownReport is r as every output shows it (see shower): the
// assessment, the people and the input files' names shown, and whether a
// text was shortened.
func shownReport(r *Report) (*Report, bool) {
	var s shower
	c := *r
	c.Assessment = s.show(r.Assessment)
	c.Contact = Person{Name: s.line(r.Contact.Name), Email: s.line(r.Contact.Email)}
	c.PreparedBy = Person{Name: s.line(r.PreparedBy.Name), Email: s.line(r.PreparedBy.Email)}
	if len(r.Inputs) > 0 {
		c.Inputs = make([]InputFile, len(r.Inputs))
		for i, in := range r.Inputs {
			in.Name = s.line(in.Name)
			c.Inputs[i] = in
		}
	}
	return &c, s.cut
}

// localize writes every Text of r in r.Lang.
// wordInParallel is the number of findings from which localize words them
// on two cores: a typical customer has a few dozen, an export of 50,000
// users thousands.
const wordInParallel = 2000

func localize(r *Report) *localized {
	r, shortened := shownReport(withVariants(r))
	a, w := r.Assessment, Words{l: r.Lang}
	v := &localized{Report: r, A: a, Tool: a.Tool, Generated: a.Generated, Onsite: a.Onsite, Users: a.Users,
		Mail: a.Mail, Mailboxes: a.Mailboxes, SPF: a.SPF, Licensing: a.Licensing, Ready: a.Ready,
		Blockers: a.Blockers, ToVerify: a.ToVerify, Attention: a.Attention}
	v.Customer.Name, v.Customer.Slug, v.Customer.Tenant, v.Customer.Language = a.Customer.Name, a.Customer.Slug,
		a.Customer.Tenant, r.Lang.Code
	v.Verdict, v.Detail = Verdict(a, r.Lang)
	if shortened {
		v.Shortened = r.Lang.T("report.shortened")
	}
	v.UserNotices = userNotices(a, r.Lang)
	if p := a.Progress; p != nil {
		v.Progress = p
		v.Since, _ = time.Parse(time.DateOnly, p.Since)
		v.ProgressLine = ProgressLine(p, r.Lang, v.Since)
	}
	if a.Tracker != nil {
		v.Tracker = a.Tracker
		v.TrackerMade, _ = time.Parse(time.DateOnly, a.Tracker.Made)
		for _, n := range a.Tracker.Notices {
			v.TrackerNotices = append(v.TrackerNotices, w.Text(n))
		}
	}
	v.Checks = make([]checkView, len(a.Checks))
	findings := 0
	for i := range a.Checks {
		c := &a.Checks[i]
		v.Checks[i] = checkView{ID: c.ID, Status: c.Status, Accepted: c.Accepted, Title: r.Lang.T("check." + c.ID + ".title"),
			Summary: w.Text(c.Summary), Findings: make([]findingView, len(c.Findings))}
		findings += len(c.Findings)
	}
	word := func(c *assessment.Check, cv *checkView, from, to int) {
		for j := from; j < to; j++ {
			f := &c.Findings[j]
			cv.Findings[j] = findingView{Finding: *f, Problem: w.Finding(f, "problem"), Action: w.Finding(f, "action")}
		}
	}
	// The findings of a large export (thousands) are worded on two cores:
	// the second half of every check's on the other.
	var other sync.WaitGroup
	for i := range a.Checks {
		c, cv, n := &a.Checks[i], &v.Checks[i], len(a.Checks[i].Findings)
		half := n
		if findings >= wordInParallel {
			half = n / 2
			other.Go(func() { word(c, cv, half, n) })
		}
		word(c, cv, 0, half)
	}
	other.Wait()
	d := a.Downtime
	v.Downtime = downtimeView{LowHours: d.LowHours, ExpectedHours: d.ExpectedHours, HighHours: d.HighHours,
		LongerThanWeekend: d.LongerThanWeekend, Formula: d.Formula}
	for _, p := range d.Parts {
		v.Downtime.Parts = append(v.Downtime.Parts, partView{Part: p, Label: r.Lang.T("downtime.part." + p.ID)})
	}
	for _, as := range d.Assumptions {
		v.Downtime.Assumptions = append(v.Downtime.Assumptions, assumptionView{Assumption: as,
			Unit: r.Lang.T("downtime.unit." + as.Key), Text: r.Lang.T("downtime.assumption." + as.Key)})
	}
	return v
}

// Check returns the check with the given id, or nil.
func (v *localized) Check(id string) *checkView {
	for i := range v.Checks {
		if v.Checks[i].ID == id {
			return &v.Checks[i]
		}
	}
	return nil
}

// ProgressLine says the change in blocking problems since the previous
// pack (of date since): how many of those it had are resolved, how many
// are new, and how many block the migration now (those still open and the
// new), so that no reader takes the count of before for what is left.
func ProgressLine(p *assessment.Progress, l *templates.Lang, since time.Time) string {
	b := p.Blocking
	date := l.Date(since)
	if b.Before == 0 {
		return l.T("progress.none_before", "date", date, "new", b.New)
	}
	return l.Plural("progress.blocking", b.Before, "before", b.Before, "resolved", b.Resolved, "new", b.New,
		"now", b.Open+b.New, "date", date)
}
