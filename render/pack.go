package render

import (
	"bytes"
	"fmt"
	"github.com/migready/migready/render/doc"
	"github.com/migready/migready/render/html"
	"github.com/migready/migready/render/pdf"
	"github.com/migready/migready/render/workbook"
	"slices"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/migready/migready/readiness/assessment"
)

// PDFRowLimit is how many findings of a check the PDF lists when it cannot
// list them all: as many as a reader takes in at a glance. The rest
// are in the workbook, as a line under the table says (the HTML lists all).
// A list at most a quarter longer is listed whole: a line "3 more in the
// workbook" would take the room of the rows it leaves out.
const PDFRowLimit = 10

// PDFRows is how many of a check's n findings the PDF lists.
func PDFRows(n int) int { return pdfRows(n, PDFRowLimit) }

// pdfRows is how many of n findings the PDF lists under limit (0: all).
func pdfRows(n, limit int) int {
	if limit > 0 && n > limit+limit/4 {
		return limit
	}
	return n
}

// File is one output of the pack, not yet written.
type File struct {
	Name string
	Data []byte
}

// Pack renders the files of the pack, in the order PDF, HTML, workbook,
// summary JSON, ticket summary, named after r.Files (PackNames when nil).
// The PDF, which takes longest, is laid out on a second core while the
// other files are made.
func Pack(r *Report) ([]File, error) { return pack(r, true) }

// PackOnOneCore renders the same files as Pack, one after the other: for a
// caller that already keeps every core busy with packs of its own (migready
// batch), where a second goroutine per pack only adds memory.
func PackOnOneCore(r *Report) ([]File, error) { return pack(r, false) }

// Prepare starts, on another goroutine, the work of a pack's rendering that
// does not depend on the customer (the PDF's faces, see pdf.Prepare), for a
// process that renders one pack and reads its inputs meanwhile.
func Prepare() { pdf.Prepare() }

func pack(r *Report, twoCores bool) ([]File, error) {
	r = named(r)
	v := localize(r)
	names := r.Files

	// Every renderer only reads v. The PDF and the HTML share the body
	// when no check has more findings than the PDF lists.
	pdfBody, htmlBody, err := packBodies(v)
	if err != nil {
		return nil, err
	}
	pdfDoc, htmlDoc := packDocumentOf(v, pdfBody), packDocumentOf(v, htmlBody)
	if bytes.Equal(pdfBody, htmlBody) {
		pdfDoc.Tree = doc.Parse(pdfBody)
		htmlDoc.Tree = pdfDoc.Tree
	}
	var pdfBuf, htmlBuf, xlsx, js, ticket bytes.Buffer
	var pdfErr error
	var wg sync.WaitGroup
	renderPDF := func() {
		if err := pdf.Write(&pdfBuf, pdfDoc); err != nil {
			pdfErr = fmt.Errorf("rendering the PDF: %w", err)
		}
	}
	if twoCores {
		wg.Go(renderPDF)
	} else {
		renderPDF()
	}
	err = func() error {
		if err := html.Write(&htmlBuf, htmlDoc); err != nil {
			return fmt.Errorf("rendering the HTML: %w", err)
		}
		if err := writeWorkbook(&xlsx, v); err != nil {
			return fmt.Errorf("rendering the workbook: %w", err)
		}
		if err := writeSummary(&js, v); err != nil {
			return err
		}
		return writeTicket(&ticket, v)
	}()
	wg.Wait()
	if pdfErr != nil {
		return nil, pdfErr
	}
	if err != nil {
		return nil, err
	}
	return []File{
		{names.PDF, pdfBuf.Bytes()},
		{names.HTML, htmlBuf.Bytes()},
		{names.Workbook, xlsx.Bytes()},
		{names.Summary, js.Bytes()},
		{names.Ticket, ticket.Bytes()},
	}, nil
}

// Markdown is the body of the pack as the HTML has it (every row), before
// it is rendered: the reviewable form of what the PDF and the HTML say.
func Markdown(r *Report) ([]byte, error) {
	r = named(r)
	return packBody(localize(r), "html")
}

// packDocumentOf is the doc.Document of a body made by packBody.
func packDocumentOf(v *localized, body []byte) *doc.Document {
	l := v.Lang
	d := &doc.Document{
		Lang:     l.Code,
		Title:    l.T("report.title") + " — " + v.Customer.Name,
		Author:   v.PreparedBy.Name,
		Subject:  l.T("report.subject"),
		Header:   v.Customer.Name,
		Footer:   l.T("report.footer"),
		Color:    v.Color,
		Body:     body,
		Created:  v.Date,
		Producer: v.Tool,
		Cover:    cover(v),
		Unshown:  l.T("report.unshown", "code", doc.UnshownCode, "html", v.Files.HTML, "workbook", v.Files.Workbook),
	}
	if v.Logo != nil {
		d.Logo = &doc.Image{Data: v.Logo, Type: "png"}
	}
	d.Rows = func(n int) (string, string) {
		return l.Plural("pack.html.show_rows", n), l.Plural("pack.html.rows", n)
	}
	return d
}

func cover(v *localized) doc.Cover {
	l := v.Lang
	c := doc.Cover{Customer: v.Customer.Name, Title: l.T("report.title"), State: string(v.A.Verdict),
		Verdict: v.Verdict, Detail: v.Detail}
	add := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			c.Facts = append(c.Facts, [2]string{l.T(label), value})
		}
	}
	add("report.fact.tenant", v.Customer.Tenant)
	add("report.fact.version", v.Onsite.Version)
	add("report.fact.users", usersLine(v.A, l, "report.fact.users_value"))
	if v.Users.LeftOut() > 0 {
		add("report.fact.left_out", l.T("report.fact.left_out_value", "kinds", leftOutKinds(v.Users, l)))
	}
	add("report.fact.date", l.Date(v.Date))
	add("report.fact.progress", v.ProgressLine)
	if v.A.Masked {
		add("report.fact.masked", l.T("report.fact.masked_value"))
	}
	add("report.fact.prepared_by", v.PreparedBy.String())
	add("report.fact.prepared_for", v.Contact.String())
	return c
}

// packView is the data the markdown templates see: A is the report with
// its words written.
type packView struct {
	A        *localized
	Workbook string // file name of the workbook, for "N more rows" lines
	Date     time.Time
}

func packBody(v *localized, format string) ([]byte, error) {
	limit := 0
	if format == "pdf" {
		limit = PDFRowLimit
	}
	body, _, err := executePack(v, limit)
	return body, err
}

// packBodies returns the PDF's body and the HTML's. They differ only where
// a check has more findings than the PDF lists (the template's rows and
// moreLine), so the template is executed a second time only then: it is a
// tenth of a pack's time.
func packBodies(v *localized) (pdf, html []byte, err error) {
	pdf, truncated, err := executePack(v, PDFRowLimit)
	if err != nil || !truncated {
		return pdf, pdf, err
	}
	html, _, err = executePack(v, 0)
	return pdf, html, err
}

// executePack executes pack.md listing at most limit findings per check
// (0: all), and reports whether any list was cut short.
func executePack(v *localized, limit int) (body []byte, truncated bool, err error) {
	l := v.Lang
	src, err := l.Template("pack.md")
	if err != nil {
		return nil, false, fmt.Errorf("templates/%s/pack.md: %w", l.Code, err)
	}
	funcs := template.FuncMap{
		"t": func(key string, args ...any) string { return l.T(key, args...) },
		// tk looks up a text whose key is built from parts, e.g. check ids.
		"tk":     func(parts ...string) string { return l.T(strings.Join(parts, ".")) },
		"has":    func(parts ...string) bool { return l.Has(strings.Join(parts, ".")) },
		"plural": func(key string, n int, args ...any) string { return l.Plural(key, n, args...) },
		"deref":  func(p *int) int { return *p },
		"md":     EscapeMarkdown,
		"fence":  fence,
		"status": statusGlyph,
		"statusText": func(s assessment.Status) string {
			return l.T("status." + string(s))
		},
		"trackText": func(s assessment.TrackState) string {
			return workbook.StateWord(l, s)
		},
		"num":   func(f float64) string { return l.Number(f, 1) },
		"int":   l.Int,
		"hours": func(h float64) string { return hours(l, h) },
		// assumption writes a downtime rate with its unit; the efficiency
		// as a percentage.
		"assumption": func(as assumptionView) string {
			if as.Key == "efficiency" {
				return l.T("unit.percent", "value", l.Number(as.Value*100, 0))
			}
			return l.Number(as.Value, 2) + " " + as.Unit
		},
		"calc": func() string { return downtimeCalc(v) },
		"date": l.Date,
		// due writes a due date from the workbook as the language writes a
		// date in a table; a due date that is no date stays as written.
		"due": func(s string) string {
			if t, err := time.Parse(time.DateOnly, s); err == nil {
				return l.ShortDate(t)
			}
			return EscapeMarkdown(s)
		},
		"add": func(a, b int) int { return a + b },
		"rows": func(f []findingView) []findingView {
			if n := pdfRows(len(f), limit); n < len(f) {
				truncated = true
				return f[:n]
			}
			return f
		},
		// moreLine is the line under a table the PDF lists only the first
		// rows of: how many more there are, and where (the workbook's
		// sheet); "" under a whole list.
		"moreLine": func(f []findingView) string {
			n := pdfRows(len(f), limit)
			if n == len(f) {
				return ""
			}
			truncated = true
			return "*" + l.Plural("report.more_rows", len(f)-n, "shown", n,
				"file", EscapeMarkdown(v.Files.Workbook), "sheet", l.T("workbook.sheet.findings")) + "*"
		},
		"row": func(r int) string {
			if r <= 0 {
				return "–"
			}
			return l.Int(r)
		},
		"yesno": func(b bool) string {
			if b {
				return l.T("report.yes")
			}
			return l.T("report.no")
		},
		"bar": func(label string, h float64) string {
			// One line of a barchart block; the label is escaped of the
			// separator, since the block is not markdown.
			return doc.BarLine(label, h, hours(l, h)+" "+l.T("unit.hours"))
		},
		"sectioned": sectioned,
		"itemsOnly": itemsOnly,
		"itemNamed": itemNamed,
		"tracked":   tracked,
		"once":      once,
	}
	t, err := parsePack(src, funcs)
	if err != nil {
		return nil, false, fmt.Errorf("templates/%s/pack.md: %w", l.Code, err)
	}
	var b bytes.Buffer
	view := packView{A: v, Workbook: v.Files.Workbook, Date: v.Date}
	if err := t.Execute(&b, view); err != nil {
		return nil, false, fmt.Errorf("templates/%s/pack.md: %w", l.Code, err)
	}
	return b.Bytes(), truncated, nil
}

// parsedPacks holds pack.md parsed, by its source: a batch renders every
// customer of a language from the same template, twice (PDF and HTML), and
// parsing is a large part of the template's time.
var parsedPacks sync.Map // string → *template.Template

// parsePack returns src parsed, with funcs bound to the caller's pack. The
// functions' names never change, so a template parsed once serves every
// pack as a clone given that pack's functions.
func parsePack(src string, funcs template.FuncMap) (*template.Template, error) {
	if t, ok := parsedPacks.Load(src); ok {
		c, err := t.(*template.Template).Clone()
		if err != nil {
			return nil, err
		}
		return c.Funcs(funcs), nil
	}
	t, err := template.New("pack.md").Funcs(funcs).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, err
	}
	if c, err := t.Clone(); err == nil {
		// The stored copy must not keep this pack's report alive.
		none := template.FuncMap{}
		for name := range funcs {
			none[name] = func() string { return "" }
		}
		parsedPacks.Store(src, c.Funcs(none))
	}
	return t, nil
}

// sectioned lists the checks that get a section of their own under "what
// to fix": every check that is not a pass, except those the pack covers in a
// dedicated section (mail, SPF, downtime). The most urgent come first:
// blockers, then checks to verify, then points that need attention, each in
// the checklist's order.
func sectioned(checks []checkView) []checkView {
	var out []checkView
	for _, st := range urgency {
		for _, c := range checks {
			switch c.ID {
			case assessment.CheckMailboxes, assessment.CheckSPF, assessment.CheckDowntime:
				continue
			}
			if c.Status == st {
				out = append(out, c)
			}
		}
	}
	return out
}

// urgency is the order in which what is left to do is listed.
var urgency = []assessment.Status{assessment.Fail, assessment.Unknown, assessment.Warn}

// itemsOnly reports whether findings are all about items (customisations,
// the on-site version…) rather than rows of the export: they get a short table.
func itemsOnly(fs []findingView) bool {
	for _, f := range fs {
		if f.Row != 0 || f.UserID != "" || f.Email != "" {
			return false
		}
	}
	return len(fs) > 0
}

// itemNamed reports whether any finding names its item (a customisation, a
// mailbox); findings about counts (documents) name none, and the table
// then has no empty item column.
func itemNamed(fs []findingView) bool {
	for _, f := range fs {
		if f.Name != "" {
			return true
		}
	}
	return false
}

// onceView is a check's findings as its table shows them: what every row
// would say alike is said once above the table, and the Problem or What to
// do column is left out when nothing is left for it to say.
type onceView struct {
	Problem, Action             string // said once, above the table
	ProblemColumn, ActionColumn bool
	Findings                    []findingView // with what is said above taken out
}

// once splits fs's problems and actions into what every finding says
// alike, sentence by sentence, and what each says of its own. A single
// finding is said whole above the table: its sentences read better there
// than squeezed into two more columns.
func once(fs []findingView) onceView {
	v := onceView{Findings: make([]findingView, len(fs))}
	copy(v.Findings, fs)
	problems, actions := make([]string, len(fs)), make([]string, len(fs))
	for i, f := range fs {
		problems[i], actions[i] = f.Problem, f.Action
	}
	v.Problem, problems = sharedSentences(problems)
	v.Action, actions = sharedSentences(actions)
	for i := range v.Findings {
		v.Findings[i].Problem, v.Findings[i].Action = problems[i], actions[i]
		v.ProblemColumn = v.ProblemColumn || problems[i] != ""
		v.ActionColumn = v.ActionColumn || actions[i] != ""
	}
	return v
}

// sharedSentences returns the sentences every text has (in the first
// text's order, joined) and each text without them.
func sharedSentences(texts []string) (shared string, rest []string) {
	rest = make([]string, len(texts))
	if len(texts) == 0 {
		return "", rest
	}
	same := true
	for _, t := range texts[1:] {
		same = same && t == texts[0]
	}
	if same {
		return texts[0], rest
	}
	split := make([][]string, len(texts))
	for i, t := range texts {
		split[i] = sentences(t)
	}
	var common []string
	for _, s := range split[0] {
		inAll := true
		for _, other := range split[1:] {
			inAll = inAll && slices.Contains(other, s)
		}
		if inAll && !slices.Contains(common, s) {
			common = append(common, s)
		}
	}
	for i, ss := range split {
		var own []string
		for _, s := range ss {
			if !slices.Contains(common, s) {
				own = append(own, s)
			}
		}
		rest[i] = strings.Join(own, " ")
	}
	return strings.Join(common, " "), rest
}

// sentences splits s after each full stop, question or exclamation mark
// followed by a space and a capital letter, unless the word it ends is a
// single letter (an abbreviation: "z. B. Microsoft").
func sentences(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	pos := 0 // byte offset of rs[i]
	for i, r := range rs {
		next := pos + utf8.RuneLen(r)
		if (r == '.' || r == '!' || r == '?') && i+2 < len(rs) && rs[i+1] == ' ' && unicode.IsUpper(rs[i+2]) {
			word := 0
			for j := i - 1; j >= 0 && unicode.IsLetter(rs[j]); j-- {
				word++
			}
			if word != 1 {
				out = append(out, strings.TrimSpace(s[start:next]))
				start = next
			}
		}
		pos = next
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// shared returns the problem or action text when every finding has the same
// one, so the pack can say it once above the table instead of on every row;
// "" otherwise. A single finding counts too: its sentences read better above
// a table of four columns than squeezed into two more.
func shared(fs []findingView, field string) string {
	if len(fs) == 0 {
		return ""
	}
	get := func(f findingView) string {
		if field == "problem" {
			return f.Problem
		}
		return f.Action
	}
	first := get(fs[0])
	for _, f := range fs[1:] {
		if get(f) != first {
			return ""
		}
	}
	return first
}

// statusGlyph is the mark both renderers draw as a coloured status badge
// (see doc.Document).
func statusGlyph(s assessment.Status) string { return doc.Mark(string(s)) }

// EscapeMarkdown makes customer data inert inside markdown: every ASCII
// punctuation character is backslash-escaped (CommonMark allows escaping any
// of them, and GFM tables honour an escaped pipe), and line breaks become
// spaces so a value cannot start a new block. The result renders as the
// literal text.
func EscapeMarkdown(s string) string {
	if plainMarkdown(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
			// control characters carry no meaning in a name; drop them
		case r < 0x80 && mdPunct[r]:
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdPunct marks the ASCII punctuation EscapeMarkdown escapes.
var mdPunct = func() (t [0x80]bool) {
	for _, c := range "\\!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~" {
		t[c] = true
	}
	return t
}()

// plainMarkdown reports whether EscapeMarkdown would return s unchanged:
// valid UTF-8 without punctuation to escape or control characters, as
// most names are.
func plainMarkdown(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || (c < 0x80 && mdPunct[c]) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// named returns r with its file names, PackNames when it has none.
func named(r *Report) *Report {
	if r.Files != nil {
		return r
	}
	names := PackNames(r.Assessment.Customer.Slug, r.Date, r.Assessment.Masked)
	c := *r
	c.Files = &names
	return &c
}

// backticks is the longest run of backticks in s: a code fence or span
// around s must be longer, so customer data cannot close it early.
func backticks(s string) int {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// fence wraps text in a fenced code block whose fence is longer than any
// backtick run inside, so customer data cannot close it early.
func fence(info, text string) string {
	f := strings.Repeat("`", max(3, backticks(text)+1))
	return f + info + "\n" + strings.TrimRight(text, "\n") + "\n" + f
}

// tracked lists the findings the customer wrote notes against in the
// returned workbook.
func tracked(fs []findingView) []findingView {
	var out []findingView
	for _, f := range fs {
		if f.Track != nil && (f.Track.State != assessment.TrackOpen || f.Track.Owner != "" || f.Track.Due != "" || f.Track.Comment != "") {
			out = append(out, f)
		}
	}
	return out
}

// downtimeCalc writes the downtime model as a sentence with the customer's
// own figures, in the reader's language: the same arithmetic as
// readiness's model, for a reader to follow by hand, ending in the figures
// as readiness rounded them, the same as everywhere else in the pack.
func downtimeCalc(v *localized) string {
	l, d := v.Lang, v.A.Downtime
	rate := map[string]float64{}
	for _, as := range d.Assumptions {
		rate[as.Key] = as.Value
	}
	part := map[string]float64{}
	for _, p := range d.Parts {
		part[p.ID] = p.Hours
	}
	n := func(f float64) string { return l.Number(f, 2) }
	return l.T("pack.downtime.calc",
		"database", n(v.Onsite.DatabaseGB), "archive", n(v.Onsite.ArchiveGB),
		"rate", n(rate["database_gb_per_hour"]), "uplink", n(rate["uplink_mbps"]),
		"efficiency", l.T("unit.percent", "value", l.Number(rate["efficiency"]*100, 0)),
		"mbit", l.Int(assessment.MbitPerGB), "seconds", l.Int(assessment.SecondsPerHour),
		"database_hours", hours(l, part["database"]), "archive_hours", hours(l, part["archive"]),
		"fixed", hours(l, part["fixed"]), "expected", hours(l, d.ExpectedHours),
		"low_factor", n(rate["low_factor"]), "high_factor", n(rate["high_factor"]),
		"low", hours(l, d.LowHours), "high", hours(l, d.HighHours))
}
