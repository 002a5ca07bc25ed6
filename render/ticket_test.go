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

// TestTicketSpansValuesWhole: a value of the customer's inside a sentence
// goes into one code span, whole — "amelia white@harbourfinch.co.uk", an
// invalid address with a space in it, showed as "amelia
// `white@harbourfinch.co.uk`", and a table "y_vessel" as "y\_vessel". The
// span stays inert (no link, a backtick inside fenced by a longer run), a
// plain value stays plain, and no marker of the value reaches the ticket.
func TestTicketSpansValuesWhole(t *testing.T) {
	values := []string{"amelia white@harbourfinch.co.uk", "y_vessel", "see http://evil.example/z now", "tick`ed x@evil.example"}
	for _, v := range values {
		r := textReport()
		c := &r.Assessment.Checks[2]
		c.Status = assessment.Fail
		c.Findings = []assessment.Finding{{Kind: "email-malformed", Row: 5, Name: "Di", Email: v}}
		var ticket bytes.Buffer
		if err := Ticket(&ticket, r); err != nil {
			t.Fatal(err)
		}
		out := ticket.String()
		if strings.ContainsAny(out, valueOpen+valueClose) {
			t.Errorf("%q: a value's marker reached the ticket:\n%s", v, out)
		}
		// The problem sentence, after the finding's user.
		line := out[strings.Index(out, "row 5"):]
		line = line[:strings.IndexByte(line, '\n')]
		problem := line[strings.Index(line, ": ")+2:]
		if want := `"` + code(v) + `"`; !strings.Contains(problem, want) {
			t.Errorf("%q: the problem does not hold the value in one span %s:\n%s", v, want, problem)
		}
		var html bytes.Buffer
		if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(problem), &html); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(html.String(), "<a ") || strings.Count(html.String(), "<code>") != 1 {
			t.Errorf("%q: not one inert code span: %s", v, html.String())
		}
	}
	// A plain value is written as it is, out of any span.
	r := textReport()
	r.Assessment.Checks[0].Summary.Args[0].Value = "8.5 R17"
	var ticket bytes.Buffer
	if err := Ticket(&ticket, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ticket.String(), "SuperOffice 8.5 R17 is new enough") {
		t.Errorf("a plain value is not plain:\n%s", ticket.String())
	}
}
