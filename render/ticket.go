package render

import (
	"bufio"
	"io"
	"strings"
	"unicode"

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

// A value of the customer's in a sentence of the ticket is marked by these
// two private-use characters around it (Words.mark), so that inline can
// put it in one code span, whole: "amelia white@harbourfinch.co.uk" as one
// span, not "amelia `white@harbourfinch.co.uk`". The value is written out
// as shown first (terminalSafe), which writes any private-use character in
// it as [U+E000]: no value can hold a mark of its own.
const (
	valueOpen  = "\uE000"
	valueClose = "\uE001"
)

func markValue(s string) string { return valueOpen + terminalSafe(s) + valueClose }

func writeTicket(w io.Writer, v *localized) error {
	l := v.Lang
	// The ticket words again what it shows of the checks, with the
	// customer's values marked, so that inline can span each one whole:
	// the summaries and a few findings, not the thousands v has worded.
	marked := Words{l: l, mark: markValue}
	var lines []string
	add := func(s string) { lines = append(lines, s) }

	add("**" + l.T("ticket.title", "customer", inlineValue(v.Customer.Name), "verdict", v.Verdict) + "**")
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
		line := "- " + statusGlyph(c.Status) + " " + l.T("status."+string(c.Status)) + " — " + c.Title + ": " + inline(marked.Text(v.A.Checks[i].Summary))
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
			add("  - " + ticketWho(l.T("text.row", "row", f.Row), f) + inline(marked.Finding(&f.Finding, "problem")))
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
// while keeping it readable as plain text. A value of the customer's,
// marked (markValue), is written by inlineValue, whole; in the sentence's
// own words only the characters that start emphasis, code, links, HTML or
// table cells are escaped, line breaks become spaces, and a word that a
// ticket system would turn into a link by itself (a bare URL, www.…, an
// address: GitHub-flavoured markdown autolinks them) goes in a code span,
// where nothing is a link.
func inline(s string) string {
	var b strings.Builder
	for {
		open := strings.Index(s, valueOpen)
		if open < 0 {
			break
		}
		end := strings.Index(s[open:], valueClose)
		if end < 0 {
			break
		}
		b.WriteString(inlineWords(s[:open]))
		b.WriteString(inlineValue(s[open+len(valueOpen) : open+end]))
		s = s[open+end+len(valueClose):]
	}
	b.WriteString(inlineWords(s))
	return strings.TrimSpace(b.String())
}

// inlineValue writes a value of the customer's: in one code span, whole,
// when any of it would be markup or a link (an address with a space in
// it, a name with an underscore), else as it is.
func inlineValue(s string) string {
	s = terminalSafe(strings.Join(strings.Fields(s), " "))
	if strings.ContainsAny(s, "\\`*_[]<>|~") {
		return code(s)
	}
	for _, word := range strings.Fields(s) {
		if autolinks(word) {
			return code(s)
		}
	}
	return s
}

// inlineWords writes the words of a sentence around the customer's values
// (see inline); a space at either end is kept, for the value beside it.
func inlineWords(s string) string {
	s = terminalSafe(spaces(s))
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

// spaces makes every run of white space in s (line breaks too) one space,
// at its ends too.
func spaces(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
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
