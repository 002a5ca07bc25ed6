package readiness

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/inputs/shown"
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
	out.Users.Notices = make([]assessment.Text, len(a.Users.Notices))
	for i, t := range a.Users.Notices {
		out.Users.Notices[i] = m.text(t)
	}
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
				f.Tracking = maskTracking(f.Tracking)
				out[i] = f
			}
			return out
		}
		t.FixedStillFound, t.Resolved = maskTracked(t.FixedStillFound), maskTracked(t.Resolved)
		t.Notices = maskNotices(t.Notices)
		// The workbook's path may name a person (C:\Users\kari.nordmann\…):
		// its name alone, masked as free text.
		t.File = m.free(filepath.Base(filepath.FromSlash(strings.ReplaceAll(t.File, `\`, "/"))))
		out.Tracker = &t
		for i := range out.Checks {
			for j := range out.Checks[i].Findings {
				if tr := out.Checks[i].Findings[j].Track; tr != nil {
					c := maskTracking(*tr)
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

// maskTracking masks what the customer wrote against a finding: the owner
// becomes initials, the comment and a due date that is not a date (free
// text typed in the cell) show only that there was one.
func maskTracking(t assessment.Tracking) assessment.Tracking {
	t.Owner, t.Comment = initials(t.Owner), maskedNote(t.Comment)
	if _, err := time.Parse(time.DateOnly, t.Due); err != nil {
		t.Due = maskedNote(t.Due)
	}
	return t
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
	// parts are the folded parts of the users' names of three letters or
	// more: a word of free text that is one is masked.
	parts map[string]bool
}

func newMasker(users *inputs.UserList) *masker {
	m := &masker{personal: map[string]string{}, parts: map[string]bool{}}
	if users == nil {
		return m
	}
	for i := range users.Users {
		u := &users.Users[i]
		for _, n := range []string{u.Name, u.FirstName, u.LastName} {
			if n = strings.TrimSpace(n); n != "" {
				m.personal[n] = initials(n)
			}
			for _, p := range letterRuns(n) {
				if len([]rune(p)) >= 3 {
					m.parts[foldString(p)] = true
				}
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
		if t := strings.TrimSpace(v); t != "" && m.personal[t] == "" {
			return m.free(v)
		}
		return m.value(v)
	case assessment.Text:
		return m.text(v)
	case assessment.List:
		out := make(assessment.List, len(v))
		for i, t := range v {
			out[i] = m.text(t)
		}
		return out
	case assessment.Tally:
		return assessment.Tally(m.any(assessment.List(v)).(assessment.List))
	}
	return v
}

func (m *masker) text(t assessment.Text) assessment.Text {
	t.Args = m.args(t.Args)
	return t
}

// free masks free text (a cell's value quoted in a finding, a notice): a
// word that is a user's name, address or personal id is masked as such,
// and a run of letters that is a part of a user's name becomes its
// initial; the rest (the company's mailboxes and domains) stays.
func (m *masker) free(s string) string { return shown.MapWords(s, m.word) }

// word masks one word of free text.
func (m *masker) word(w string) string {
	core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if core == "" {
		return w
	}
	at := strings.Index(w, core)
	if v, ok := m.personal[core]; ok {
		return w[:at] + v + w[at+len(core):]
	}
	// Each run of letters that is a name part becomes its initial.
	var b strings.Builder
	rest := w
	for rest != "" {
		k := strings.IndexFunc(rest, unicode.IsLetter)
		if k < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:k])
		rest = rest[k:]
		e := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
		if e < 0 {
			e = len(rest)
		}
		if run := rest[:e]; m.parts[foldString(run)] {
			b.WriteString(initials(run))
		} else {
			b.WriteString(run)
		}
		rest = rest[e:]
	}
	return b.String()
}

// quotedRe finds the values a notice quotes (Go's %q).
var quotedRe = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// NoticeMasker returns what masks a notice of an input's reader for a
// masked run (a notice names what it could not read: a status, a date, a
// note, a header as the customer typed it): every value it quotes shows
// as "…", and the rest is masked as free text (the names, addresses and
// personal ids of the export's users).
func NoticeMasker(users *inputs.UserList) func(notice string) string {
	m := newMasker(users)
	return func(n string) string { return m.free(quotedRe.ReplaceAllString(n, `"…"`)) }
}

// PersonalID reports whether u's user id says who the user is (Mask
// replaces those): it holds an "@" or a space, more than four letters, or
// three letters in a row that are also in a part of the user's name or
// address ("ZIMM" and "Tov" of Tove Zimmerbach, "odeg" and "Ødeg" of Åse
// Ødegård, "muell" of Jörg Müller), whatever their case, accents and
// transliteration (ø as o or oe, ü as u or ue, å as a or aa).
func PersonalID(u *inputs.User) bool {
	id := strings.TrimSpace(u.ID)
	if strings.ContainsAny(id, "@ ") {
		return true
	}
	// An id that is a long run of letters is a name or a login of its own.
	letters := 0
	for _, r := range id {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters > 4 {
		return true
	}
	if letters < 3 {
		return false
	}
	local, _, _ := strings.Cut(u.Email, "@")
	var parts []string
	for _, p := range letterRuns(u.Name + " " + u.FirstName + " " + u.LastName + " " + local) {
		if len([]rune(p)) >= 3 {
			parts = append(parts, nameForms(p)...)
		}
	}
	for _, run := range letterRuns(id) {
		for _, form := range nameForms(run) {
			if sharesThree(form, parts) {
				return true
			}
		}
	}
	return false
}

// letterRuns are the runs of letters in s.
func letterRuns(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

// nameForms are the ways a name part is written in a login: folded
// (case), transliterated to ASCII (ø → o, ü → u, å → a, é → e) and with
// the two-letter forms (ø → oe, ü → ue, å → aa, æ → ae).
func nameForms(s string) []string {
	forms := []string{foldString(s), inputs.Transliterate(s)}
	if d := digraphs(s); d != forms[1] {
		forms = append(forms, d)
	}
	return forms
}

// digraphs writes s with the two-letter forms of the Nordic and German
// letters, then as Transliterate.
func digraphs(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ø', 'ö':
			b.WriteString("oe")
		case 'ü':
			b.WriteString("ue")
		case 'ä', 'æ':
			b.WriteString("ae")
		case 'å':
			b.WriteString("aa")
		default:
			b.WriteRune(r)
		}
	}
	return inputs.Transliterate(b.String())
}

// sharesThree reports whether three letters in a row of run are also in
// one of parts.
func sharesThree(run string, parts []string) bool {
	rs := []rune(run)
	for i := 0; i+3 <= len(rs); i++ {
		w := string(rs[i : i+3])
		for _, p := range parts {
			if strings.Contains(p, w) {
				return true
			}
		}
	}
	return false
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
