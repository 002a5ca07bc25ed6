package readiness

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

// Mask returns a copy of a for sharing beyond the customer (SuperOffice
// Operations, a partner), in which no user's name, address or personal user
// id is left; a itself is not changed. The rules (docs/progress.md, "A masked copy"):
//   - a name becomes its initials: "Kari Nordmann" → "K. N.";
//   - an address keeps its domain and the first letter of its local part:
//     "kari.nordmann@nordlys.no" → "k***@nordlys.no";
//   - a user id stays when it is not personal, that is when it contains no
//     part of the user's name of three letters or more, no part of the
//     local part of the address, no "@" and no space ("KN", "U1044" stay);
//     a personal one becomes a pseudonym, "ID-" and six hex digits, the same
//     for the same id in every run;
//   - finding keys name no user: the part after the check id is hashed;
//   - the company's name, its mail domain and the Customer Service
//     mailboxes stay: they are not personal.
//
// users is the export the assessment was made from: every value of it that
// is personal is masked wherever it occurs in the assessment.
func Mask(a *assessment.Assessment, users *inputs.UserList) *assessment.Assessment {
	m := newMasker(users)
	out := *a
	out.Masked = true
	out.Checks = make([]assessment.Check, len(a.Checks))
	for i, c := range a.Checks {
		c.Summary = m.text(c.Summary)
		fs := make([]assessment.Finding, len(c.Findings))
		for j, f := range c.Findings {
			byID := f.Row == 0 && f.UserID != "" && f.Name == f.UserID // an entry named by its user id
			f.UserID, f.Name, f.Email = m.id(f.UserID), m.name(f.Name), m.email(f.Email)
			if byID {
				f.Name = f.UserID
			}
			f.Args = m.args(f.Args)
			f.Key = maskKey(f.Key)
			fs[j] = f
		}
		c.Findings = fs
		out.Checks[i] = c
	}
	if a.Progress != nil {
		p := *a.Progress
		p.Resolved = make([]assessment.ResolvedFinding, len(a.Progress.Resolved))
		for i, r := range a.Progress.Resolved {
			r.UserID, r.Name, r.Email = m.id(r.UserID), m.name(r.Name), m.email(r.Email)
			r.Key = maskKey(r.Key)
			p.Resolved[i] = r
		}
		out.Progress = &p
	}
	if a.Tracker != nil {
		t := *a.Tracker
		maskTracked := func(in []assessment.TrackedFinding) []assessment.TrackedFinding {
			out := make([]assessment.TrackedFinding, len(in))
			for i, f := range in {
				f.UserID, f.Name, f.Email, f.Key = m.id(f.UserID), m.name(f.Name), m.email(f.Email), maskKey(f.Key)
				// The customer's own notes may name people too: they stay
				// out of a copy for others.
				f.Owner, f.Comment = initials(f.Owner), maskedNote(f.Comment)
				out[i] = f
			}
			return out
		}
		t.FixedStillFound, t.Resolved = maskTracked(t.FixedStillFound), maskTracked(t.Resolved)
		t.Notices = maskNotices(t.Notices)
		out.Tracker = &t
		for i := range out.Checks {
			for j := range out.Checks[i].Findings {
				if tr := out.Checks[i].Findings[j].Track; tr != nil {
					c := *tr
					c.Owner, c.Comment = initials(c.Owner), maskedNote(c.Comment)
					out.Checks[i].Findings[j].Track = &c
				}
			}
		}
	}
	return &out
}

// maskNotices hides what the customer typed that a tracker notice quotes
// (a note, a status, a due date as written): it may name anyone.
func maskNotices(ns []assessment.Text) []assessment.Text {
	out := make([]assessment.Text, len(ns))
	for i, n := range ns {
		n.Args = slices.Clone(n.Args)
		for j, a := range n.Args {
			switch a.Name {
			case "note", "status", "due":
				n.Args[j].Value = text("finding.ref.quoted", false, []any{"value", "…"})
			}
		}
		out[i] = n
	}
	return out
}

// maskedNote hides a free-text note (it may name anyone) but says there was one.
func maskedNote(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return "…"
}

// MaskPerson masks a person the pack names (the customer's contact).
func MaskPerson(name, email string) (string, string) {
	return initials(name), maskEmail(email)
}

type masker struct {
	// personal maps every personal value of the export (ids, names,
	// addresses) to its masked form.
	personal map[string]string
}

func newMasker(users *inputs.UserList) *masker {
	m := &masker{personal: map[string]string{}}
	if users == nil {
		return m
	}
	for i := range users.Users {
		u := &users.Users[i]
		for _, n := range []string{u.Name, u.FirstName, u.LastName} {
			if n = strings.TrimSpace(n); n != "" {
				m.personal[n] = initials(n)
			}
		}
		if e := strings.TrimSpace(u.Email); e != "" {
			m.personal[e] = maskEmail(e)
		}
		if id := strings.TrimSpace(u.ID); id != "" && PersonalID(u) {
			m.personal[id] = pseudonym(id)
		}
	}
	return m
}

func (m *masker) value(s string) string {
	if v, ok := m.personal[strings.TrimSpace(s)]; ok {
		return v
	}
	return s
}

// id masks a user id; one that is not in the export (a Travel entry of the
// profile) is masked when it looks personal.
func (m *masker) id(s string) string {
	t := strings.TrimSpace(s)
	if v, ok := m.personal[t]; ok {
		return v
	}
	if t != "" && PersonalID(&inputs.User{ID: t}) {
		m.personal[t] = pseudonym(t)
		return m.personal[t]
	}
	return s
}

func (m *masker) name(s string) string  { return m.or(s, initials) }
func (m *masker) email(s string) string { return m.or(s, maskEmail) }

// or masks s by the export's own masked value for it, else by mask; an
// empty value stays empty.
func (m *masker) or(s string, mask func(string) string) string {
	t := strings.TrimSpace(s)
	if t == "" {
		return s
	}
	if v, ok := m.personal[t]; ok {
		return v
	}
	return mask(s)
}

func (m *masker) args(as assessment.Args) assessment.Args {
	if as == nil {
		return nil
	}
	out := make(assessment.Args, len(as))
	for i, a := range as {
		out[i] = assessment.Arg{Name: a.Name, Value: m.any(a.Value)}
	}
	return out
}

func (m *masker) any(v any) any {
	switch v := v.(type) {
	case string:
		return m.value(v)
	case assessment.Text:
		return m.text(v)
	case assessment.List:
		out := make(assessment.List, len(v))
		for i, t := range v {
			out[i] = m.text(t)
		}
		return out
	}
	return v
}

func (m *masker) text(t assessment.Text) assessment.Text {
	t.Args = m.args(t.Args)
	return t
}

// PersonalID reports whether u's user id says who the user is (Mask replaces those).
func PersonalID(u *inputs.User) bool {
	id := foldString(strings.TrimSpace(u.ID))
	if strings.ContainsAny(id, "@ ") {
		return true
	}
	local, _, _ := strings.Cut(foldString(u.Email), "@")
	parts := strings.FieldsFunc(foldString(u.Name+" "+u.FirstName+" "+u.LastName+" "+local), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
	for _, p := range parts {
		if len([]rune(p)) >= 3 && strings.Contains(id, p) {
			return true
		}
	}
	// An id that is a long run of letters is a name or a login of its own.
	letters := 0
	for _, r := range id {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 4
}

// initials: "Kari Nordmann" → "K. N."; nothing of the name but its first
// letters is left.
func initials(name string) string {
	if strings.TrimSpace(name) == "" {
		return ""
	}
	var out []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }) {
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				out = append(out, string(unicode.ToUpper(r))+".")
				break
			}
		}
	}
	if len(out) == 0 {
		return "…"
	}
	return strings.Join(out, " ")
}

// maskEmail: "kari.nordmann@nordlys.no" → "k***@nordlys.no".
func maskEmail(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || strings.ContainsAny(domain, "@ ") {
		return "***"
	}
	first := ""
	for _, r := range local {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			first = string(unicode.ToLower(r))
			break
		}
	}
	return first + "***@" + domain
}

func pseudonym(id string) string {
	sum := sha256.Sum256([]byte(foldString(strings.TrimSpace(id))))
	return "ID-" + strings.ToUpper(hex.EncodeToString(sum[:3]))
}

// maskKey keeps the check id of a finding key and hashes the rest, so that a
// masked summary names no user but its keys still match each other.
func maskKey(key string) string {
	check, subject, ok := strings.Cut(key, ":")
	if !ok {
		return key
	}
	sum := sha256.Sum256([]byte(subject))
	return check + ":m-" + hex.EncodeToString(sum[:6])
}
