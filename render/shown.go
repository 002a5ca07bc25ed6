package render

import (
	"github.com/migready/migready/inputs"
	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/readiness/assessment"
)

// Every output shows the customer's text the same way (package shown):
// its invisible characters written out, a long text shortened with a
// mark. The report is shown once, in localize, before anything is
// written: the PDF, the HTML, the workbook, the summary JSON, the ticket
// and the terminal all read the shown report, so none can show what
// another does not. The summary's data fields (name, user_id, args…) are
// shown too, as e-mail addresses always were: a viewer of the JSON sees
// the same as a reader of the PDF, and a finding is still found again by
// its key.

// shower shows texts and remembers whether it shortened one.
type shower struct{ cut bool }

// line shows a one-line field.
func (s *shower) line(v string) string {
	out, cut := shown.Line(v)
	s.cut = s.cut || cut
	return out
}

// lineN is line with a limit of n characters.
func (s *shower) lineN(v string, n int) string {
	out, cut := shown.LineN(v, n)
	s.cut = s.cut || cut
	return out
}

// note shows a note the customer wrote.
func (s *shower) note(v string) string {
	out, cut := shown.Note(v)
	s.cut = s.cut || cut
	return out
}

// Shown is s as every output shows a one-line field: what portfolio and
// the command's messages use.
func Shown(s string) string {
	out, _ := shown.Line(s)
	return out
}

// ShownName is a customer's name as every output shows it: written out,
// whole up to the 200 characters a profile allows.
func ShownName(s string) string {
	out, _ := shown.LineN(s, customerNameChars)
	return out
}

// customerNameChars is how much of a customer's name is shown: the
// profile's limit, and room to write out a few invisible characters.
const customerNameChars = inputs.MaxCustomerNameChars + 40

// show returns a shown copy of a; a itself is not changed, and what needs
// no change is shared, not copied.
func (s *shower) show(a *assessment.Assessment) *assessment.Assessment {
	out := *a
	// The profile allows a name of 200 characters: shown whole.
	out.Customer.Name = s.lineN(a.Customer.Name, customerNameChars)
	out.Customer.Tenant = s.line(a.Customer.Tenant)
	out.Onsite.Version = s.line(a.Onsite.Version)
	out.Users.Notices = s.texts(a.Users.Notices)
	out.Checks = make([]assessment.Check, len(a.Checks))
	for i, c := range a.Checks {
		c.Summary = s.text(c.Summary)
		c.Findings = s.findings(c.Findings)
		out.Checks[i] = c
	}
	if len(a.Mailboxes) > 0 {
		out.Mailboxes = make([]assessment.Mailbox, len(a.Mailboxes))
		for i, m := range a.Mailboxes {
			m.Current, m.New = s.line(m.Current), s.line(m.New)
			out.Mailboxes[i] = m
		}
	}
	if spf := a.SPF; spf != nil && shown.Visible(spf.Current) != spf.Current {
		// The record published today, as the profile gives it: written
		// out, never shortened (it is read whole). The record to publish
		// is migready's, made only of what it checked.
		c := *spf
		c.Current = shown.Visible(spf.Current)
		c.UnknownIncludes = visibleAll(spf.UnknownIncludes)
		c.LookupCosts = append([]assessment.SPFTermCost(nil), spf.LookupCosts...)
		for i := range c.LookupCosts {
			c.LookupCosts[i].Term = shown.Visible(c.LookupCosts[i].Term)
		}
		c.Warnings = append([]assessment.SPFWarning(nil), spf.Warnings...)
		for i := range c.Warnings {
			c.Warnings[i].Term = shown.Visible(c.Warnings[i].Term)
		}
		out.SPF = &c
	}
	if len(a.Licensing.Plans) > 0 {
		out.Licensing.Plans = make([]assessment.CurrentPlan, len(a.Licensing.Plans))
		for i, p := range a.Licensing.Plans {
			p.Name = s.line(p.Name)
			out.Licensing.Plans[i] = p
		}
	}
	if p := a.Progress; p != nil {
		c := *p
		c.Resolved = make([]assessment.ResolvedFinding, len(p.Resolved))
		for i, r := range p.Resolved {
			r.UserID, r.Name, r.Email = s.line(r.UserID), s.line(r.Name), s.line(r.Email)
			c.Resolved[i] = r
		}
		out.Progress = &c
	}
	if t := a.Tracker; t != nil {
		c := *t
		c.File = s.line(t.File)
		c.FixedStillFound, c.Resolved = s.tracked(t.FixedStillFound), s.tracked(t.Resolved)
		out.Tracker = &c
	}
	return &out
}

func visibleAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, v := range ss {
		out[i] = shown.Visible(v)
	}
	return out
}

// findings shows each finding; the slice is copied only when one changes.
func (s *shower) findings(fs []assessment.Finding) []assessment.Finding {
	out := fs
	for i := range fs {
		f := s.finding(fs[i])
		if same(&f, &fs[i]) {
			continue
		}
		if &out[0] == &fs[0] {
			out = append([]assessment.Finding(nil), fs...)
		}
		out[i] = f
	}
	return out
}

func (s *shower) finding(f assessment.Finding) assessment.Finding {
	f.UserID, f.Name, f.Email = s.line(f.UserID), s.line(f.Name), s.line(f.Email)
	f.Key = shown.Visible(f.Key) // a key is matched whole: never shortened
	f.Args = s.args(f.Args)
	if t := f.Track; t != nil {
		c := s.tracking(*t)
		if c != *t {
			f.Track = &c
		}
	}
	return f
}

// same reports whether showing changed nothing of a finding (its args
// are shared when unchanged).
func same(a, b *assessment.Finding) bool {
	return a.UserID == b.UserID && a.Name == b.Name && a.Email == b.Email && a.Key == b.Key &&
		a.Track == b.Track && len(a.Args) == len(b.Args) && (len(a.Args) == 0 || &a.Args[0] == &b.Args[0])
}

func (s *shower) tracking(t assessment.Tracking) assessment.Tracking {
	t.Owner, t.Due, t.Comment = s.line(t.Owner), s.line(t.Due), s.note(t.Comment)
	return t
}

func (s *shower) tracked(fs []assessment.TrackedFinding) []assessment.TrackedFinding {
	if fs == nil {
		return nil
	}
	out := make([]assessment.TrackedFinding, len(fs))
	for i, f := range fs {
		f.UserID, f.Name, f.Email, f.Key = s.line(f.UserID), s.line(f.Name), s.line(f.Email), shown.Visible(f.Key)
		f.Tracking = s.tracking(f.Tracking)
		out[i] = f
	}
	return out
}

func (s *shower) texts(ts []assessment.Text) []assessment.Text {
	if ts == nil {
		return nil
	}
	out := make([]assessment.Text, len(ts))
	for i, t := range ts {
		out[i] = s.text(t)
	}
	return out
}

func (s *shower) text(t assessment.Text) assessment.Text {
	t.Args = s.args(t.Args)
	return t
}

// args shows the customer's text among a's values; a is copied only when
// one changes.
func (s *shower) args(as assessment.Args) assessment.Args {
	out := as
	for i, a := range as {
		v := s.value(a.Value)
		if changed(v, a.Value) {
			if &out[0] == &as[0] {
				out = append(assessment.Args(nil), as...)
			}
			out[i].Value = v
		}
	}
	return out
}

func (s *shower) value(v any) any {
	switch v := v.(type) {
	case string:
		return s.line(v)
	case assessment.Text:
		return s.text(v)
	case assessment.List:
		var out assessment.List
		for i, t := range v {
			u := s.text(t)
			if len(u.Args) > 0 && len(t.Args) > 0 && &u.Args[0] != &t.Args[0] && out == nil {
				out = append(assessment.List(nil), v...)
			}
			if out != nil {
				out[i] = u
			}
		}
		if out == nil {
			return v
		}
		return out
	case assessment.Tally:
		return assessment.Tally(s.value(assessment.List(v)).(assessment.List))
	}
	return v
}

// changed reports whether value shows differently from was.
func changed(value, was any) bool {
	switch v := value.(type) {
	case string:
		return v != was.(string)
	case assessment.Text:
		w := was.(assessment.Text)
		return len(v.Args) > 0 && &v.Args[0] != &w.Args[0]
	case assessment.List:
		w := was.(assessment.List)
		return len(v) > 0 && &v[0] != &w[0]
	case assessment.Tally:
		w := was.(assessment.Tally)
		return len(v) > 0 && &v[0] != &w[0]
	}
	return false
}
