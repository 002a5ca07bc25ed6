package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/readiness/assessment"
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
		whole := PDFRowLimit + PDFRowLimit/4 // a list a quarter longer is listed whole
		for _, n := range []int{PDFRowLimit, whole, whole + 1, PDFRowLimit + 37} {
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
				// pack executes the template once when nothing is cut.
				pdf2, html2, err := packBodies(in)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(pdf2, pdf) || !bytes.Equal(html2, html) {
					t.Errorf("packBodies differs from packBody's PDF and HTML bodies")
				}
				last := fmt.Sprintf("Person %03d", n-1)
				if !strings.Contains(string(html), last) {
					t.Errorf("HTML lacks the last user %s", last)
				}
				more := l.Plural("report.more_rows", n-PDFRowLimit, "shown", PDFRowLimit,
					"file", EscapeMarkdown(in.Files.Workbook), "sheet", l.T("workbook.sheet.findings"))
				if n > whole {
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
					t.Errorf("PDF with %d rows should list all, with no 'more' line", n)
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

// The consultant's part lists what only the SuperOffice consultant can do
// for the checks that still need it, and nothing for a check that passed.
// langPack renders the markdown of a pack in lang whose licences check lists
// n users.
func langPack(t *testing.T, lang string, n int) (*templates.Lang, *localized, string) {
	t.Helper()
	l := templates.MustLoad(lang)
	in := manyFindings(n, l)
	body, err := packBody(in, "html")
	if err != nil {
		t.Fatal(err)
	}
	return l, in, string(body)
}

func TestConsultantPart(t *testing.T) {
	for _, lang := range templates.Supported {
		l, in, pack := langPack(t, lang, 3)
		start := strings.Index(pack, l.T("pack.consultant.title"))
		if start < 0 {
			t.Fatalf("%s: the pack has no part for the consultant", lang)
		}
		part := pack[start:]
		if !strings.Contains(part, strings.TrimSpace(l.T("pack.consultant.always"))) {
			t.Errorf("%s: the consultant's part lacks the steps they always take", lang)
		}
		listed, hidden := 0, 0
		for _, c := range in.Checks {
			key := "check." + c.ID + ".consultant"
			if !l.Has(key) {
				continue
			}
			line := "- " + l.T(key)
			switch got := strings.Contains(part, line); {
			case c.Status == "pass" && got:
				t.Errorf("%s: %s passed, but the consultant's part still says %q", lang, c.ID, line)
			case c.Status != "pass" && !got:
				t.Errorf("%s: %s is %s, but the consultant's part lacks %q", lang, c.ID, c.Status, line)
			case got:
				listed++
			default:
				hidden++
			}
		}
		if listed == 0 || hidden == 0 {
			t.Errorf("%s: want both listed and hidden consultant lines, got %d and %d", lang, listed, hidden)
		}
	}
}

// The licences section says the seats, the CRM Suite plan the current
// plans lead to and the custom-object limit, without guessing what the
// consultant maps, and with hostile plan names kept literal.
func TestLicensingSection(t *testing.T) {
	en := templates.MustLoad("en")
	seven := 7
	tests := []struct {
		name   string
		l      assessment.Licensing
		want   []string
		absent []string
	}{
		{"plan known, tables fit", assessment.Licensing{Seats: 15, NoPlan: 3, PlanColumn: true, Suite: "Growth", CustomObjects: 15, CustomTables: &seven,
			Plans: []assessment.CurrentPlan{{Name: "Sales-Premium", Users: 12, Suite: "Growth"}}},
			[]string{"15 users can log in: after the migration that is 15 seats", "| " + EscapeMarkdown("Sales-Premium") + " | 12 | Growth |",
				"| *no user plan* | 3 | see User plans above |",
				"The current user plans lead to **Growth**", "The installation has 7 custom tables; Growth includes up to 15 custom objects, so they fit."},
			[]string{"consultant maps"}},
		{"Core has no custom objects", assessment.Licensing{Seats: 1, PlanColumn: true, Suite: "Core", OverLimit: true, CustomTables: &seven,
			Plans: []assessment.CurrentPlan{{Name: "Sales-Essentials", Users: 1, Suite: "Core"}}},
			[]string{"1 user can log in: after the migration that is 1 seat", "but Core includes no custom objects"}, nil},
		{"on-site plans, tables not counted", assessment.Licensing{Seats: 3, SeatsUnknown: 2, PlanColumn: true,
			Plans: []assessment.CurrentPlan{{Name: "Complete CRM User | <b>x</b>", Users: 3}}},
			[]string{"For 2 more users it is unclear", "| " + EscapeMarkdown("Complete CRM User | <b>x</b>") + " | 3 | mapped by your SuperOffice consultant |",
				"your SuperOffice consultant maps them to a plan"},
			[]string{"custom tables", "lead to **"}},
		{"mixed plans: at least", assessment.Licensing{Seats: 2, PlanColumn: true, Suite: "Core", AtLeast: true, CustomTables: &seven,
			Plans: []assessment.CurrentPlan{{Name: "Sales-Essentials", Users: 1, Suite: "Core"}, {Name: "Sales User", Users: 1}}},
			[]string{"lead to at least **Core**", "Custom objects per CRM Suite plan: none in Starter and Core, 15 in Growth"},
			[]string{"includes no custom objects"}},
		{"no plan column", assessment.Licensing{Seats: 4, Plans: []assessment.CurrentPlan{}},
			[]string{"The user export has no User plan column"}, []string{"| Current user plan |"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := manyFindings(1, en)
			in.Licensing = tt.l
			md, err := packBody(in, "html")
			if err != nil {
				t.Fatal(err)
			}
			// Only the licences section: other parts of the pack (the
			// custom-tables check) may well speak of custom tables.
			_, body, found := strings.Cut(string(md), "## Licences after the migration")
			if !found {
				t.Fatalf("no licences section in\n%s", md)
			}
			if end := strings.Index(body, "\n#"); end >= 0 {
				body = body[:end]
			}
			for _, w := range append(tt.want, "SuperOffice confirms the plan") {
				if !strings.Contains(body, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(body, w) {
					t.Errorf("has %q", w)
				}
			}
		})
	}
}

// A check whose summary already states its condition (every address valid)
// does not repeat it as "Done when"; a failing check keeps the line, so the
// admin knows what to tick.
func TestChecklistSaysConditionOnce(t *testing.T) {
	for _, lang := range templates.Supported {
		l, in, pack := langPack(t, lang, 3)
		var checked int
		for _, c := range in.Checks {
			meaning := l.T("check." + c.ID + ".meaning")
			doneWhen := "*" + l.T("pack.checklist.done_when") + "* " + meaning
			switch {
			case c.Summary == meaning:
				checked++
				n := strings.Count(pack, meaning)
				if esc := EscapeMarkdown(meaning); esc != meaning {
					n += strings.Count(pack, esc) // the summary, as customer text
				}
				if n != 1 {
					t.Errorf("%s %s: the condition %q is in the pack %d times, want once", lang, c.ID, meaning, n)
				}
			case !strings.Contains(pack, doneWhen):
				t.Errorf("%s %s: the checklist lacks %q", lang, c.ID, doneWhen)
			}
		}
		if checked == 0 {
			t.Errorf("%s: no check's summary equals its condition; the test checks nothing", lang)
		}
	}
}

// One user's problem and action are said above the table, as for many
// users with the same problem, not squeezed into two narrow columns.
func TestSingleFindingSaidAboveTable(t *testing.T) {
	en := templates.MustLoad("en")
	for _, n := range []int{1, 3} {
		in := manyFindings(n, en)
		md, err := packBody(in, "html")
		if err != nil {
			t.Fatal(err)
		}
		pack := string(md)
		for _, want := range []string{"**Problem:** ", "**What to do:** ", "| Row | User ID | Name | Email |\n"} {
			if !strings.Contains(pack, want) {
				t.Errorf("%d findings: the pack lacks %q", n, want)
			}
		}
	}
}

// A READY pack does not ask the admin to fix blockers and reach READY, and
// only a READY pack asks for a signature.
func TestNextStepsFollowVerdict(t *testing.T) {
	for _, lang := range templates.Supported {
		l := templates.MustLoad(lang)
		for _, ready := range []bool{false, true} {
			in := manyFindings(1, l)
			in.A.Ready, in.Ready = ready, ready
			md, err := packBody(in, "html")
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"pack.next.fix_blockers", "pack.next.export_again", "pack.next.sign_later"}
			not := []string{"pack.next.export_if_changed", "pack.next.sign", "pack.sign.intro_ready", "pack.sign.intro_attention"}
			if ready {
				want, not = []string{"pack.next.export_if_changed", "pack.next.sign"}, []string{"pack.next.export_again", "pack.next.sign_later"}
			}
			for _, k := range want {
				if !strings.Contains(string(md), l.T(k)) {
					t.Errorf("%s ready=%v: the next steps lack %s", lang, ready, k)
				}
			}
			for _, k := range not {
				if strings.Contains(string(md), l.T(k)) {
					t.Errorf("%s ready=%v: the next steps say %s", lang, ready, k)
				}
			}
		}
	}
}

// TestLocalizeInParallel: the findings of a large export, worded on two
// cores, are each finding's own words, in the assessment's order.
func TestLocalizeInParallel(t *testing.T) {
	l := templates.MustLoad("de")
	in := manyFindings(wordInParallel+37, l)
	w := Words{l: l}
	total := 0
	for i, c := range in.A.Checks {
		cv := in.Checks[i]
		if len(cv.Findings) != len(c.Findings) {
			t.Fatalf("%s: %d findings worded, want %d", c.ID, len(cv.Findings), len(c.Findings))
		}
		for j := range c.Findings {
			f := &c.Findings[j]
			got := cv.Findings[j]
			if got.Key != f.Key || got.Problem != w.Finding(f, "problem") || got.Action != w.Finding(f, "action") {
				t.Fatalf("%s finding %d (%s): worded as %q / %q", c.ID, j, f.Key, got.Problem, got.Action)
			}
		}
		total += len(c.Findings)
	}
	if total < wordInParallel {
		t.Fatalf("%d findings: too few to be worded in parallel", total)
	}
}

// TestSectionTablesUnderTheirHeading: a table of problems in the Service
// mailboxes and SPF sections sits under a heading of its own, not under the
// subsection before it ("When to start", "Set up forwarding at your mail
// provider"), which has nothing to do with it. Harbour & Finch keeps its
// addresses and has problems in both sections.
func TestSectionTablesUnderTheirHeading(t *testing.T) {
	for _, lang := range templates.Supported {
		l := templates.MustLoad(lang)
		r := exampleReport(t, "harbour-finch", lang)
		names := PackNames("x", r.Date, false)
		r.Files = &names
		md, err := packBody(localize(r), "html")
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(md), "\n")
		in, tables := false, 0
		heading := ""
		for i, line := range lines {
			switch {
			case strings.HasPrefix(line, "# "):
				in = strings.Contains(line, l.T("pack.mail.title"))
				heading = line
			case strings.HasPrefix(line, "#"):
				heading = line
			case in && strings.HasPrefix(line, "|") && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "|---") &&
				strings.Contains(line, "| "+l.T("pack.col.problem")+" |"):
				tables++
				if want := "### " + l.T("pack.problems_title"); heading != want {
					t.Errorf("%s: the table %q sits under %q, want %q", lang, line, heading, want)
				}
			}
		}
		if tables != 2 {
			t.Errorf("%s: %d tables of problems in the mailboxes and SPF sections, want 2", lang, tables)
		}
	}
}
