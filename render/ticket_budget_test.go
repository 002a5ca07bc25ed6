package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
)

// TestTicketShown: the ticket shares its lines out a finding at a time, so
// every blocker gets its first before any gets its second, a blocker whose
// findings are not all listed gets a line saying how many more there are,
// and with no line left the count goes on the check's own line: nothing is
// left out unsaid, and the ticket keeps to TicketLines.
func TestTicketShown(t *testing.T) {
	check := func(st assessment.Status, n int) checkView {
		return checkView{Status: st, Findings: make([]findingView, n)}
	}
	checks := []checkView{check(assessment.Fail, 5), check(assessment.Warn, 4), check(assessment.Fail, 1), check(assessment.Fail, 2)}
	for _, tt := range []struct {
		budget int
		want   string
	}{
		{100, "[3 0 1 2]"}, // 3 + more, 1, 2: 7 lines
		{7, "[3 0 1 2]"},
		{6, "[2 0 1 2]"},  // the first blocker's third finding makes way
		{4, "[1 0 1 0]"},  // 1 + more, 1, a count
		{3, "[0 0 1 0]"},  // a count each; the single finding costs no more than its count
		{2, "[0 0 1 -1]"}, // no line for the last: its count goes on its check line
		{0, "[-1 0 -1 -1]"},
	} {
		got := ticketShown(checks, tt.budget)
		if fmt.Sprint(got) != tt.want {
			t.Errorf("budget %d: %v, want %s", tt.budget, got, tt.want)
		}
	}
	// A ticket with more blockers than lines still names every blocker's count.
	l := templates.MustLoad("en")
	in := manyFindings(3, l)
	for i := range in.Checks {
		in.Checks[i].Status = assessment.Fail
		in.Checks[i].Findings = make([]findingView, 4)
	}
	var b strings.Builder
	if err := writeTicket(&b, in); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) > TicketLines {
		t.Errorf("%d lines, at most %d:\n%s", len(lines), TicketLines, b.String())
	}
	// Each blocker has 4 findings and lists at most ticketItems: each says
	// how many are in the workbook, once.
	said := strings.Count(b.String(), "findings are listed in the workbook") + strings.Count(b.String(), "more in the workbook")
	if said != len(in.Checks) {
		t.Errorf("%d of %d blockers say how many findings the workbook has:\n%s", said, len(in.Checks), b.String())
	}
}
