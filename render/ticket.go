package render

import (
	"bufio"
	"io"
	"strings"

	"github.com/migready/migready/readiness/assessment"
)

// TicketLines is the most a ticket summary holds: it goes into a ticket
// comment, where anything longer is scrolled past.
const TicketLines = 40

// ticketItems is how many findings of each blocking check the ticket names.
const ticketItems = 3

// Ticket writes the ticket summary: the verdict, one line per check, the
// first findings of each blocker, the progress since the last pack and the
// downtime range, in at most TicketLines lines of markdown that also reads
// as plain text. Customer data goes in code spans, so it shows literally in
// every ticket system and needs no backslashes in plain text.
func Ticket(w io.Writer, r *Report) error {
	return writeTicket(w, localize(r))
}

func writeTicket(w io.Writer, v *localized) error {
	l := v.Lang
	var lines []string
	add := func(s string) { lines = append(lines, s) }

	add("**" + l.T("ticket.title", "customer", inline(v.Customer.Name), "verdict", v.Verdict) + "**")
	add("")
	add(v.Detail)
	if v.ProgressLine != "" {
		add(v.ProgressLine)
	}
	if t := v.Tracker; t != nil && len(t.FixedStillFound) > 0 {
		var who []string
		for i, f := range t.FixedStillFound {
			if i == ticketItems {
				who = append(who, "…")
				break
			}
			w := l.T("text.row", "row", f.Row)
			if f.UserID != "" {
				w += " " + code(f.UserID)
			}
			who = append(who, w)
		}
		add("**" + l.Plural("tracker.still", len(t.FixedStillFound), "date", l.Date(v.TrackerMade)) + "** " + strings.Join(who, ", "))
	}
	add("")
	// The tail: the downtime, the files and who made the ticket.
	tail := []string{"", l.T("ticket.downtime", "low", hours(l, v.Downtime.LowHours),
		"expected", hours(l, v.Downtime.ExpectedHours), "high", hours(l, v.Downtime.HighHours))}
	if v.Files != nil {
		tail = append(tail, l.T("ticket.files", "pdf", code(v.Files.PDF), "workbook", code(v.Files.Workbook)))
	}
	if v.Shortened != "" {
		tail = append(tail, "*"+v.Shortened+"*")
	}
	tail = append(tail, l.T("ticket.made", "tool", v.Tool, "date", l.Date(v.Date)))
	// One line per check; under each blocker its first findings, as many
	// as the line budget leaves room for, and a line saying how many more
	// are in the workbook: no blocker's findings are left out unsaid.
	shown := ticketShown(v.Checks, TicketLines-len(lines)-len(v.Checks)-len(tail))
	for i, c := range v.Checks {
		line := "- " + statusGlyph(c.Status) + " " + l.T("status."+string(c.Status)) + " — " + c.Title + ": " + inline(c.Summary)
		if c.Accepted {
			line += " *" + l.T("pack.accepted") + "*"
		}
		n, k := len(c.Findings), shown[i]
		if c.Status != assessment.Fail {
			add(line)
			continue
		}
		if k < 0 {
			// No line left for it: the count goes on the check's own line.
			line += " " + l.Plural("ticket.all_in_workbook", n) + "."
		}
		add(line)
		if k < 0 {
			continue
		}
		for _, f := range c.Findings[:k] {
			add("  - " + ticketWho(l.T("text.row", "row", f.Row), f) + inline(f.Problem))
		}
		switch {
		case k == n:
		case k == 0:
			add("  - " + l.Plural("ticket.all_in_workbook", n))
		default:
			add("  - " + l.Plural("ticket.more", n-k))
		}
	}
	lines = append(lines, tail...)

	bw := bufio.NewWriter(w)
	for _, s := range lines {
		bw.WriteString(s + "\n")
	}
	return bw.Flush()
}

// ticketShown says how many findings of each check the ticket lists within
// budget lines (besides the checks' own lines): only blockers' findings, at
// most ticketItems of each, shared out a finding at a time so that every
// blocker gets its first before any gets its second. A blocker whose
// findings are not all listed costs a line more, which says how many are in
// the workbook; -1 means not even that line fits, and the count goes on the
// check's own line. Checks that are not blockers list none (0).
func ticketShown(checks []checkView, budget int) []int {
	shown := make([]int, len(checks))
	var blockers []int
	for i, c := range checks {
		if c.Status == assessment.Fail && len(c.Findings) > 0 {
			blockers = append(blockers, i)
		}
	}
	// lines is what a blocker costs with k of its n findings listed.
	lines := func(n, k int) int {
		if k < n {
			return k + 1
		}
		return k
	}
	used := 0
	for _, i := range blockers {
		if used < budget {
			used++ // its count of findings in the workbook, for now
			continue
		}
		shown[i] = -1
	}
	for round := 0; round < ticketItems; round++ {
		for _, i := range blockers {
			n, k := len(checks[i].Findings), shown[i]
			if k != round || k >= n {
				continue
			}
			if extra := lines(n, k+1) - lines(n, k); used+extra <= budget {
				shown[i]++
				used += extra
			}
		}
	}
	return shown
}

// ticketWho names a finding's user: "row 12 `KN` `Kari Nordmann`: ".
func ticketWho(row string, f findingView) string {
	var who []string
	if f.Row > 0 {
		who = append(who, row)
	}
	for _, s := range []string{f.UserID, f.Name, f.Email} {
		if s != "" {
			who = append(who, code(s))
		}
	}
	if len(who) == 0 {
		return ""
	}
	return strings.Join(who, " ") + ": "
}

// code puts customer data in a markdown code span, with a fence longer than
// any run of backticks inside, so it shows literally.
func code(s string) string {
	s = terminalSafe(strings.Join(strings.Fields(s), " "))
	if s == "" {
		return ""
	}
	f := strings.Repeat("`", backticks(s)+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return f + " " + s + " " + f
	}
	return f + s + f
}

// inline makes a sentence that carries customer data inert in markdown
// while keeping it readable as plain text: only the characters that start
// emphasis, code, links, HTML or table cells are escaped, line breaks
// become spaces, and a word that a ticket system would turn into a link by
// itself (a bare URL, www.…, an address: GitHub-flavoured markdown
// autolinks them) goes in a code span, where nothing is a link.
func inline(s string) string {
	s = terminalSafe(strings.Join(strings.Fields(s), " "))
	if !strings.ContainsAny(s, "\\`*_[]<>|~:@.") {
		return s
	}
	var b strings.Builder
	for i, word := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		if autolinks(word) {
			// Quotes and closing punctuation stay outside the span.
			core := strings.TrimLeft(word, `"'(«“„‘‹`)
			lead := word[:len(word)-len(core)]
			core = strings.TrimRight(core, `"')»”“’›.,;:!?`)
			b.WriteString(lead + code(core) + word[len(lead)+len(core):])
			continue
		}
		for _, r := range word {
			if strings.ContainsRune("\\`*_[]<>|~", r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// autolinks reports whether a ticket system might make word a link of
// its own: it holds a scheme ("https://", "mailto:"), "www." or an
// address (x@y.z). GitHub-flavoured markdown links the first three and
// addresses; Jira, GitLab and Azure DevOps link much the same.
func autolinks(word string) bool {
	w := strings.ToLower(word)
	if strings.Contains(w, "://") || strings.Contains(w, "www.") {
		return true
	}
	for _, scheme := range []string{"mailto:", "xmpp:", "tel:", "file:", "ftp:", "javascript:", "data:"} {
		if strings.Contains(w, scheme) {
			return true
		}
	}
	if at := strings.IndexByte(w, '@'); at > 0 && strings.Contains(w[at:], ".") {
		return true
	}
	return false
}
