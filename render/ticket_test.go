package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/migready/migready/readiness/assessment"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// A ticket system autolinks a bare URL, www.… or an address
// (GitHub-flavoured markdown's extended autolinks); customer data in the
// ticket never becomes a link, in a code span or in a sentence.
func TestTicketKeepsLinksInert(t *testing.T) {
	r := textReport()
	links := []string{"https://evil.example/x", "www.evil.example", "mailto:x@evil.example", "boss@evil.example", "(http://evil.example/y)."}
	r.Assessment.Customer.Name = "Evil " + strings.Join(links, " ")
	r.Assessment.Checks[2].Status = assessment.Fail
	r.Assessment.Checks[2].Findings[1].Email = "see http://evil.example/z, www.evil.example"
	var ticket bytes.Buffer
	if err := Ticket(&ticket, r); err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(ticket.Bytes(), &html); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html.String(), "<a ") {
		t.Errorf("the ticket links customer data:\n%s\n%s", ticket.String(), html.String())
	}
	for _, l := range links {
		if !strings.Contains(html.String(), strings.Trim(l, "().")) {
			t.Errorf("the ticket lost %q:\n%s", l, html.String())
		}
	}
}
