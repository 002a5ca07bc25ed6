package render

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
)

// ANSI colours for the terminal checklist.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
)

// Text writes the checklist a person reads in a terminal: one line per check,
// then the findings of every check that is not a pass, then the verdict.
func Text(w io.Writer, r *Report, color bool) error {
	a := localize(r)
	l := a.Lang
	bw := bufio.NewWriterSize(w, 64<<10)
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + ansiReset
	}
	marks := map[assessment.Status]struct{ mark, code string }{
		assessment.Pass:    {"✔", ansiGreen},
		assessment.Fail:    {"✖", ansiRed},
		assessment.Warn:    {"!", ansiYellow},
		assessment.Unknown: {"?", ansiBlue},
	}

	bw.WriteString(paint(ansiBold, terminalSafe(a.Customer.Name)+" — "+l.T("report.title")) + "\n")
	bw.WriteString(usersLine(a.A, l, "text.users") + "\n")
	for _, n := range a.UserNotices {
		bw.WriteString(paint(ansiYellow, terminalSafe(n)) + "\n")
	}
	if a.Shortened != "" {
		bw.WriteString(paint(ansiDim, a.Shortened) + "\n")
	}
	bw.WriteString("\n")

	titleWidth, statusWidth := 0, 0
	for _, c := range a.Checks {
		titleWidth = max(titleWidth, utf8.RuneCountInString(c.Title))
		statusWidth = max(statusWidth, utf8.RuneCountInString(l.T("status."+string(c.Status))))
	}
	for _, c := range a.Checks {
		m := marks[c.Status]
		status := pad(strings.ToUpper(l.T("status."+string(c.Status))), statusWidth)
		summary := ownTerminalText(c.Summary)
		if c.Accepted {
			summary += " " + paint(ansiDim, "("+l.T("pack.accepted")+")")
		}
		bw.WriteString("  " + paint(m.code, m.mark+" "+status) + "  " + pad(c.Title, titleWidth) + "  " + summary + "\n")
	}

	for _, c := range a.Checks {
		if c.Status == assessment.Pass || len(c.Findings) == 0 {
			continue
		}
		m := marks[c.Status]
		bw.WriteString("\n" + paint(m.code+ansiBold, m.mark+" "+c.Title) + paint(ansiDim, "  ("+c.ID+")") + "\n")
		// A problem or action shared by every finding is said once, first.
		problem, action := shared(c.Findings, "problem"), shared(c.Findings, "action")
		if problem != "" {
			bw.WriteString("  " + paint(ansiDim, l.T("text.problem")) + " " + ownTerminalText(problem) + "\n")
		}
		if action != "" {
			bw.WriteString("  " + paint(ansiDim, l.T("text.action")) + " " + ownTerminalText(action) + "\n")
		}
		// Written piece by piece: a large export has thousands of findings.
		problemLabel, actionLabel := paint(ansiDim, l.T("text.problem")), paint(ansiDim, l.T("text.action"))
		for _, f := range c.Findings {
			named := false // a finding may name no user or item
			if f.Row > 0 {
				bw.WriteString("  ")
				bw.WriteString(l.T("text.row", "row", f.Row))
				named = true
			}
			for _, s := range [...]string{f.UserID, f.Name, f.Email} {
				if s != "" {
					bw.WriteString("  ")
					bw.WriteString(terminalSafe(s))
					named = true
				}
			}
			if named {
				bw.WriteString("\n")
			}
			if problem == "" {
				writeLabelled(bw, problemLabel, f.Problem)
			}
			if action == "" && f.Action != "" {
				writeLabelled(bw, actionLabel, f.Action)
			}
		}
	}

	if a.ProgressLine != "" {
		bw.WriteString("\n" + a.ProgressLine + "\n")
	}
	if t := a.Tracker; t != nil && len(t.FixedStillFound) > 0 {
		// The line the consultant most needs: what the customer believes
		// is done, but is not.
		bw.WriteString("\n" + paint(ansiYellow+ansiBold, l.Plural("tracker.still", len(t.FixedStillFound), "date", l.Date(a.TrackerMade))) + "\n")
		for _, f := range t.FixedStillFound {
			who := []string{l.T("check." + f.Check + ".title")}
			if f.Row > 0 {
				who = append(who, l.T("text.row", "row", f.Row))
			}
			for _, s := range []string{f.UserID, f.Name, f.Email} {
				if s != "" {
					who = append(who, terminalSafe(s))
				}
			}
			if f.Comment != "" {
				who = append(who, "“"+terminalSafe(f.Comment)+"”")
			}
			bw.WriteString("  " + strings.Join(who, "  ") + "\n")
		}
	}
	bw.WriteString("\n" + VerdictLine(r.Assessment, l, color) + "\n")
	return bw.Flush()
}

// usersLine accounts for every row of the export: users who can log in,
// users of whom that cannot be told, and ignored empty rows. key is
// "text.users" (a sentence) or "report.fact.users_value" (a cover fact).
func usersLine(a *assessment.Assessment, l *templates.Lang, key string) string {
	u := a.Users
	if u.AccessUnknown > 0 {
		key += "_unknown"
	}
	s := l.Plural(key, u.Total, "total", u.Total, "access", u.WithAccess, "unknown", u.AccessUnknown)
	if u.LeftOut() > 0 && key == "text.users" {
		s += " " + l.Plural("report.kind.left_out", u.LeftOut(), "kinds", leftOutKinds(u, l))
	}
	if u.EmptyRows > 0 {
		s += " " + l.Plural("report.empty_rows", u.EmptyRows)
	}
	return s
}

// leftOutKinds lists the users left out of the user checks by kind: "2
// resources, 1 system user".
func leftOutKinds(u assessment.UserCounts, l *templates.Lang) string {
	var kinds []string
	for _, k := range []struct {
		key string
		n   int
	}{{"resource", u.Resources}, {"anonymous", u.Anonymous}, {"system", u.System}, {"former", u.Former}} {
		if k.n > 0 {
			kinds = append(kinds, l.Plural("report.kind."+k.key, k.n))
		}
	}
	return joinList(l, kinds)
}

// userNotices are the Type and Former employee values that could not be
// read, in words.
func userNotices(a *assessment.Assessment, l *templates.Lang) []string {
	w := Words{l: l}
	var out []string
	for _, n := range a.Users.Notices {
		out = append(out, w.Text(n))
	}
	return out
}

// Verdict is the verdict in words: the word on the cover ("NOT CONFIRMED")
// and the sentence under it, which says how many blockers there are and how
// many checks must be verified by hand.
func Verdict(a *assessment.Assessment, l *templates.Lang) (word, detail string) {
	switch a.Verdict {
	case assessment.VerdictReady:
		if a.Attention > 0 {
			// Ready, but not with nothing left to do: the points that need
			// attention are said in the verdict, not only in the list.
			return l.T("report.verdict.ready"), l.Plural("report.verdict.ready_attention", a.Attention)
		}
		return l.T("report.verdict.ready"), l.T("report.verdict.ready_detail")
	case assessment.VerdictUnconfirmed:
		return l.T("report.verdict.unconfirmed"), l.Plural("report.verdict.unconfirmed_detail", a.ToVerify)
	}
	detail = l.Plural("report.verdict.blockers", a.Blockers)
	if a.ToVerify > 0 {
		detail += " " + l.Plural("report.verdict.to_verify", a.ToVerify)
	}
	return l.T("report.verdict.not_ready"), detail
}

// VerdictLine is the verdict as one terminal line: "NOT READY — 2 blockers
// to fix before the migration."
func VerdictLine(a *assessment.Assessment, l *templates.Lang, color bool) string {
	word, detail := Verdict(a, l)
	code := ansiRed
	switch a.Verdict {
	case assessment.VerdictReady:
		code = ansiGreen
	case assessment.VerdictUnconfirmed:
		code = ansiYellow
	}
	if color {
		word = code + ansiBold + word + ansiReset
	}
	return word + " — " + detail
}

func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

// writeLabelled writes a finding's problem or action line.
func writeLabelled(bw *bufio.Writer, label, text string) {
	bw.WriteString("      ")
	bw.WriteString(label)
	bw.WriteString(" ")
	bw.WriteString(ownTerminalText(text))
	bw.WriteString("\n")
}

// TerminalSafe shows text for a terminal: a control character (an escape
// sequence, a carriage return) or an invisible one (a direction override)
// is written out as [U+001B] (package shown), so that customer data can
// neither drive the terminal nor read as something it is not; line breaks
// stay.
func TerminalSafe(s string) string {
	if !strings.Contains(s, "\n") {
		return terminalSafe(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = terminalSafe(l)
	}
	return strings.Join(lines, "\n")
}

// terminalSafe is TerminalSafe for one line.
func terminalSafe(s string) string { return shown.Visible(s) }

// ownTerminalText is terminalSafe for one of the pack's own texts (a
// summary, a problem, an action), whose customer values localize has
// already shown: the no-break spaces the text keeps a number and its unit
// with ("22 GB", "1 200") are plain spaces in a terminal, not written out
// as a customer's would be ("22[U+00A0]GB").
func ownTerminalText(s string) string { return terminalSafe(noBreakSpaces.Replace(s)) }

var noBreakSpaces = strings.NewReplacer("\u00a0", " ", "\u202f", " ")
