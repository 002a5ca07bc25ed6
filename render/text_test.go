package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/migready/migready/readiness"
	"github.com/migready/migready/templates"
)

func textAssessment() *readiness.Assessment {
	same := func(row int, name string) readiness.Finding {
		return readiness.Finding{Row: row, UserID: "U" + name, Name: name, Email: name + "@x.example.com", Problem: "No plan.", Action: "Give a plan."}
	}
	return &readiness.Assessment{
		Customer: readiness.Customer{Name: "Evil\x1b[31m Co"},
		Users:    readiness.UserCounts{Total: 3, WithAccess: 3},
		Checks: []readiness.Check{
			{ID: "onsite-version", Status: readiness.Pass, Title: "Version", Summary: "Fine."},
			{ID: "licences", Status: readiness.Fail, Title: "User plans", Summary: "2 users.", Findings: []readiness.Finding{same(2, "ann"), same(3, "bob")}},
			{ID: "valid-emails", Status: readiness.Warn, Title: "Emails", Summary: "1 user.", Findings: []readiness.Finding{
				{Row: 4, Name: "cy\rclear", Email: "bad", Problem: "Malformed.", Action: "Fix it."},
				{Row: 5, Name: "di", Email: "worse", Problem: "Missing.", Action: "Fix it."},
			}},
		},
	}
}

func TestText(t *testing.T) {
	l := templates.MustLoad("en")
	tests := []struct {
		name    string
		color   bool
		want    []string
		wantNot []string
		countOf string
		count   int
	}{
		{"plain", false, []string{"✖ BLOCKER", "row 2  Uann  ann  ann@x.example.com", "NOT READY", "Evil\uFFFD[31m Co", "cy\uFFFDclear"}, []string{"\x1b", "\r"}, "problem: No plan.", 1},
		{"colour", true, []string{"\x1b[31m", "\x1b[32m✔"}, []string{"\x1b[31m Co"}, "Fix it.", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Text(&b, textAssessment(), l, tt.color); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("output contains %q:\n%s", w, out)
				}
			}
			if got := strings.Count(out, tt.countOf); got != tt.count {
				t.Errorf("%q appears %d times, want %d:\n%s", tt.countOf, got, tt.count, out)
			}
		})
	}
}
