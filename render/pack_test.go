package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/templates"
)

// manyFindings is an assessment whose licences check lists n users.
func manyFindings(n int, l *templates.Lang) *localized {
	date := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	p := &inputs.Profile{Customer: inputs.Customer{Name: "Many AS"}, Onsite: inputs.Onsite{Version: "9.2", DatabaseGB: 1, ArchiveGB: 1}}
	var us []inputs.User
	for i := 0; i < n; i++ {
		us = append(us, inputs.User{Row: i + 2, ID: fmt.Sprintf("U%03d", i), Name: fmt.Sprintf("Person %03d", i),
			Email: fmt.Sprintf("p%03d@many.example.com", i), CanLogIn: inputs.Yes, Role: "User"})
	}
	list := &inputs.UserList{File: "u.csv", Users: us, Columns: map[inputs.Field]string{
		inputs.FieldUserID: "User ID", inputs.FieldEmail: "Email", inputs.FieldPlan: "User plan", inputs.FieldRole: "Role"}}
	a := readiness.Assess(p, list, readiness.Options{Tool: "migready test", Date: date})
	names := PackNames("many", date, false)
	return localize(&Report{Assessment: a, Lang: l, Date: date, Files: &names})
}

// TestPackOnOneCore: a batch's packs, rendered one file after the other,
// are the files Pack renders with the PDF beside the others.
func TestPackOnOneCore(t *testing.T) {
	in := manyFindings(120, templates.MustLoad("nb"))
	r := in.Report
	want, err := Pack(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := PackOnOneCore(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Name != want[i].Name || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("%s: differs from Pack's %s", got[i].Name, want[i].Name)
		}
	}
}

func TestPDFRowLimit(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		l := templates.MustLoad(lang)
		for _, n := range []int{PDFRowLimit, PDFRowLimit + 37} {
			t.Run(fmt.Sprintf("%s/%d", lang, n), func(t *testing.T) {
				in := manyFindings(n, l)
				pdf, err := packBody(in, "pdf")
				if err != nil {
					t.Fatal(err)
				}
				html, err := packBody(in, "html")
				if err != nil {
					t.Fatal(err)
				}
				last := fmt.Sprintf("Person %03d", n-1)
				if !strings.Contains(string(html), last) {
					t.Errorf("HTML lacks the last user %s", last)
				}
				more := l.T("report.more_rows", "shown", PDFRowLimit, "count", n-PDFRowLimit, "file", EscapeMarkdown(in.Files.Workbook))
				if n > PDFRowLimit {
					if strings.Contains(string(pdf), last) {
						t.Errorf("PDF lists %s, beyond the first %d rows", last, PDFRowLimit)
					}
					if !strings.Contains(string(pdf), more) {
						t.Errorf("PDF lacks the line %q", more)
					}
					if strings.Contains(string(html), more) {
						t.Error("HTML says rows are left out, but lists them all")
					}
				} else if !strings.Contains(string(pdf), last) || strings.Contains(string(pdf), EscapeMarkdown(in.Files.Workbook)) {
					t.Errorf("PDF with exactly %d rows should list all, with no 'more' line", n)
				}
			})
		}
	}
}

func TestEscapeMarkdown(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Ola Nordmann", "Ola Nordmann"},
		{"**x**", `\*\*x\*\*`},
		{"a|b", `a\|b`},
		{`a\|b`, `a\\\|b`},
		{"<script>", `\<script\>`},
		{"line\nbreak", "line break"},
		{"1. item", `1\. item`},
		{"Jürgen Groß", "Jürgen Groß"},
		{"bell\x07", "bell"},
		{"bad\xffbyte", "bad\ufffdbyte"}, // as ranging over the string reads it
		{"Ærle Sæbø", "Ærle Sæbø"},
	} {
		if got := EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFence(t *testing.T) {
	got := fence("", "a ``` b ```` c")
	if !strings.HasPrefix(got, "`````\n") || !strings.HasSuffix(got, "\n`````") {
		t.Errorf("fence does not outlast the backticks inside: %q", got)
	}
}
