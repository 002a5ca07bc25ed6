// Package portfolio writes the overview of a batch: one row per customer,
// those that need attention first, as a self-contained HTML page, CSV for
// spreadsheets and JSON.
package portfolio

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"html"
	"io"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
	"github.com/migready/migready/templates"
)

// VerdictError is the verdict of a customer whose pack could not be made
// (an input error): it needs attention before anything else.
const VerdictError = "error"

// Row is one customer of a batch, as the portfolio lists it: small
// enough to keep for thousands of customers while their packs are written.
type Row struct {
	Name       string   `json:"name"`
	Slug       string   `json:"slug"`
	Tenant     string   `json:"tenant"`
	Language   string   `json:"language"`
	Verdict    string   `json:"verdict"` // ready, not-ready, unconfirmed or error
	Blockers   int      `json:"blockers"`
	ToVerify   int      `json:"to_verify"`
	WithAccess int      `json:"users_with_access"`
	LowHours   float64  `json:"downtime_low_hours"`
	HighHours  float64  `json:"downtime_high_hours"`
	Progress   *Blocked `json:"progress"` // nil without a previous pack
	Date       string   `json:"date"`
	PDF        string   `json:"pdf"`  // path relative to the portfolio
	HTML       string   `json:"html"` // path relative to the portfolio
	Profile    string   `json:"profile"`
	Error      string   `json:"error,omitempty"` // the input error with its hint, naming the profile
}

// Blocked is the change in blocking problems since the previous pack.
type Blocked struct {
	Since string `json:"since"`
	assessment.Change
}

// RowOf is the portfolio's row for a customer's report, whose pack
// was written to the folder dir (relative to the portfolio, slash-separated).
func RowOf(r *render.Report, dir, profile string) Row {
	a := r.Assessment
	names := render.PackNames(a.Customer.Slug, r.Date, a.Masked)
	if r.Files != nil {
		names = *r.Files
	}
	row := Row{Name: a.Customer.Name, Slug: a.Customer.Slug, Tenant: a.Customer.Tenant, Language: r.Lang.Code,
		Verdict: string(a.Verdict), Blockers: a.Blockers, ToVerify: a.ToVerify, WithAccess: a.Users.WithAccess,
		LowHours: a.Downtime.LowHours, HighHours: a.Downtime.HighHours, Date: r.Date.Format(time.DateOnly),
		PDF: path.Join(dir, names.PDF), HTML: path.Join(dir, names.HTML), Profile: profile}
	if p := a.Progress; p != nil {
		row.Progress = &Blocked{Since: p.Since, Change: p.Blocking}
	}
	return row
}

// attention orders verdicts: what needs attention first.
var attention = map[string]int{VerdictError: 0, string(assessment.VerdictNotReady): 1,
	string(assessment.VerdictUnconfirmed): 2, string(assessment.VerdictReady): 3}

// Sort puts the customers that need attention first: failures,
// then not ready (most blockers first), not confirmed (most checks to
// verify first), ready; then by name and profile, so the order never
// depends on which customer finished first.
func Sort(rows []Row) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := &rows[i], &rows[j]
		if attention[a.Verdict] != attention[b.Verdict] {
			return attention[a.Verdict] < attention[b.Verdict]
		}
		if a.Blockers != b.Blockers {
			return a.Blockers > b.Blockers
		}
		if a.ToVerify != b.ToVerify {
			return a.ToVerify > b.ToVerify
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Profile < b.Profile
	})
}

// Portfolio is the overview of a batch: one row per customer.
type Portfolio struct {
	Date time.Time
	Tool string
	Rows []Row // sorted by Sort
}

// Counts is the number of customers per verdict.
type Counts struct {
	NotReady    int `json:"not_ready"`
	Unconfirmed int `json:"unconfirmed"`
	Ready       int `json:"ready"`
	Error       int `json:"error"`
}

// Count counts the rows per verdict.
func (p *Portfolio) Count() Counts {
	var c Counts
	for _, r := range p.Rows {
		switch r.Verdict {
		case string(assessment.VerdictReady):
			c.Ready++
		case string(assessment.VerdictUnconfirmed):
			c.Unconfirmed++
		case string(assessment.VerdictNotReady):
			c.NotReady++
		default:
			c.Error++
		}
	}
	return c
}

// Files renders portfolio.html, portfolio.csv and portfolio.json
// in the language l. The same portfolio gives the same bytes.
func Files(p *Portfolio, l *templates.Lang) ([]render.File, error) {
	p = shownPortfolio(p)
	var h, c, j bytes.Buffer
	if err := writeHTML(&h, p, l); err != nil {
		return nil, err
	}
	if err := writeCSV(&c, p, l); err != nil {
		return nil, err
	}
	if err := writeJSON(&j, p); err != nil {
		return nil, err
	}
	return []render.File{{Name: "portfolio.html", Data: h.Bytes()}, {Name: "portfolio.csv", Data: c.Bytes()}, {Name: "portfolio.json", Data: j.Bytes()}}, nil
}

// shownPortfolio is p as every output shows customer text (render.Shown):
// a customer's name, tenant, profile and error with their invisible
// characters written out, a long name shortened.
func shownPortfolio(p *Portfolio) *Portfolio {
	c := *p
	c.Rows = make([]Row, len(p.Rows))
	for i, r := range p.Rows {
		r.Name, r.Tenant = render.ShownName(r.Name), render.Shown(r.Tenant)
		r.Profile = shown.Visible(r.Profile)
		lines := strings.Split(r.Error, "\n")
		for j, l := range lines {
			lines[j] = shown.Visible(l)
		}
		r.Error = strings.Join(lines, "\n")
		c.Rows[i] = r
	}
	return &c
}

// writeJSON writes the portfolio as JSON (keys in English, like the
// summary).
func writeJSON(w io.Writer, p *Portfolio) error {
	rows := p.Rows
	if rows == nil {
		rows = []Row{}
	}
	doc := struct {
		Schema    int    `json:"schema"`
		Tool      string `json:"tool"`
		Generated string `json:"generated"`
		Counts    Counts `json:"counts"`
		Customers []Row  `json:"customers"`
	}{1, p.Tool, p.Date.Format(time.DateOnly), p.Count(), rows}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// columns are the columns of the CSV and the HTML table, by text
// key under portfolio.column.
var columns = []string{"name", "tenant", "language", "verdict", "blockers", "to_verify",
	"users", "downtime", "progress", "date", "pdf", "html", "error"}

// cells writes a row's cells in l, in the order of columns.
func cells(r *Row, l *templates.Lang) []string {
	if r.Verdict == VerdictError {
		name := r.Name
		if name == "" {
			name = r.Profile
		}
		return []string{name, r.Tenant, r.Language, l.T("portfolio.verdict.error"), "", "", "", "", "", r.Date, "", "", r.Error}
	}
	return []string{r.Name, r.Tenant, r.Language, verdictWord(r.Verdict, l), strconv.Itoa(r.Blockers),
		strconv.Itoa(r.ToVerify), strconv.Itoa(r.WithAccess),
		l.T("portfolio.downtime", "low", l.Hours(r.LowHours), "high", l.Hours(r.HighHours)),
		progress(r.Progress, l), r.Date, r.PDF, r.HTML, ""}
}

func verdictWord(v string, l *templates.Lang) string {
	switch v {
	case string(assessment.VerdictReady):
		return l.T("report.verdict.ready")
	case string(assessment.VerdictUnconfirmed):
		return l.T("report.verdict.unconfirmed")
	case string(assessment.VerdictNotReady):
		return l.T("report.verdict.not_ready")
	}
	return l.T("portfolio.verdict.error")
}

func progress(b *Blocked, l *templates.Lang) string {
	if b == nil {
		return l.T("portfolio.progress.none")
	}
	since, _ := time.Parse(time.DateOnly, b.Since)
	return render.ProgressLine(&assessment.Progress{Since: b.Since, Blocking: b.Change}, l, since)
}

// writeCSV writes the portfolio as CSV for spreadsheets: UTF-8 with a
// byte order mark (so Excel reads Nordic letters right), its cells
// separated as Excel expects in l's regions (l.ListSeparator: ";" in
// Nordic, German and Dutch Excel, which would show a file of commas in one
// column), a header row in l, and every cell that a spreadsheet would take
// for a formula made text.
func writeCSV(w io.Writer, p *Portfolio, l *templates.Lang) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = l.ListSeparator()
	cw.UseCRLF = true
	head := make([]string, len(columns))
	for i, c := range columns {
		head[i] = csvSafe(l.T("portfolio.column." + c))
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for i := range p.Rows {
		cells := cells(&p.Rows[i], l)
		for k, c := range cells {
			cells[k] = csvSafe(c)
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a spreadsheet from running customer data as a formula
// (OWASP "CSV injection"): a cell starting with = + - @, a tab or a
// carriage return gets a leading apostrophe, which spreadsheets hide.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// script sorts the table by a column when its header is clicked
// (again: the other way). Cells sort by their data-v (numbers) or text.
// It is the page's only script; the Content-Security-Policy allows exactly
// it by its hash, so nothing injected could run.
const script = `(function () {
  var table = document.getElementById("customers");
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  table.setAttribute("data-sortable", "yes");
  function key(row, i) {
    var c = row.cells[i], v = c.getAttribute("data-v");
    return v === null ? c.textContent : parseFloat(v);
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    var b = th.querySelector("button");
    b.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (x, y) {
        var a = key(x, i), b = key(y, i), r;
        if (typeof a === "number" && typeof b === "number") { r = a - b; }
        else { r = String(a).localeCompare(String(b), document.documentElement.lang); }
        return asc ? r : -r;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
`

// scriptHash is the CSP source that allows script.
func scriptHash() string {
	sum := sha256.Sum256([]byte(script))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

const css = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1b1f24}
h1{font-size:1.4rem;margin:0 0 .3rem}
.sub{color:#57606a;margin:0 0 1rem}
.counts{display:flex;flex-wrap:wrap;gap:.6rem;list-style:none;padding:0;margin:0 0 1.2rem}
.counts li{padding:.35rem .7rem;border-radius:.3rem;font-weight:600}
.wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:left}
th[aria-sort=ascending] button::after{content:" \25B2"}
th[aria-sort=descending] button::after{content:" \25BC"}
td.d{white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.v{font-weight:600;white-space:nowrap;padding:.1rem .4rem;border-radius:.25rem}
.error{background:#f6d6f0;color:#6e1160}
.not-ready{background:#ffd8d3;color:#8a1c10}
.unconfirmed{background:#fff1c2;color:#6b4b00}
.ready{background:#d3f4dc;color:#0f5a23}
@media print{th button::after{content:none}}
`

// writeHTML writes the portfolio as one self-contained HTML page: no
// request of any kind, works opened from disk, columns sortable by a
// script the Content-Security-Policy allows by its hash alone. Customer
// data is escaped everywhere.
func writeHTML(w io.Writer, p *Portfolio, l *templates.Lang) error {
	bw := bufio.NewWriter(w)
	pr := func(parts ...string) {
		for _, s := range parts {
			_, _ = bw.WriteString(s)
		}
	}
	esc := html.EscapeString
	title := l.T("portfolio.title")
	pr("<!DOCTYPE html>\n<html lang=\"", esc(l.Code), "\">\n<head>\n<meta charset=\"utf-8\">\n")
	pr(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src `, scriptHash(),
		`; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`, "\n")
	pr(`<meta name="viewport" content="width=device-width, initial-scale=1">`, "\n")
	pr(`<meta name="referrer" content="no-referrer">`, "\n")
	pr(`<meta name="generator" content="`, esc(p.Tool), "\">\n")
	pr("<title>", esc(title), "</title>\n<style>\n", css, "</style>\n</head>\n<body>\n")
	pr("<h1>", esc(title), "</h1>\n")
	pr("<p class=\"sub\">", esc(l.Plural("portfolio.subtitle", len(p.Rows), "date", l.Date(p.Date))), "</p>\n")

	c := p.Count()
	pr("<ul class=\"counts\">\n")
	for _, n := range []struct {
		class, key string
		count      int
	}{{"error", "portfolio.count.error", c.Error}, {"not-ready", "portfolio.count.not_ready", c.NotReady},
		{"unconfirmed", "portfolio.count.unconfirmed", c.Unconfirmed}, {"ready", "portfolio.count.ready", c.Ready}} {
		if n.count == 0 && n.class == VerdictError {
			continue
		}
		pr("<li class=\"", n.class, "\">", esc(l.T(n.key, "count", l.Int(n.count))), "</li>\n")
	}
	pr("</ul>\n<div class=\"wrap\">\n<table id=\"customers\">\n<thead><tr>")
	for _, col := range columns {
		if col == "html" || col == "error" {
			continue // one column of links (PDF and HTML); an error takes the progress cell
		}
		key := "portfolio.column." + col
		if col == "pdf" {
			key = "portfolio.column.pack"
		}
		pr("<th scope=\"col\"><button type=\"button\">", esc(l.T(key)), "</button></th>")
	}
	pr("</tr></thead>\n<tbody>\n")
	for i := range p.Rows {
		r := &p.Rows[i]
		cells := cells(r, l)
		pr("<tr>")
		pr("<td>", esc(cells[0]), "</td><td>", esc(cells[1]), "</td><td>", esc(cells[2]), "</td>")
		pr("<td data-v=\"", strconv.Itoa(attention[r.Verdict]), "\"><span class=\"v ", esc(r.Verdict), "\">", esc(cells[3]), "</span></td>")
		if r.Verdict == VerdictError {
			pr("<td class=\"n\" data-v=\"-1\"></td><td class=\"n\" data-v=\"-1\"></td><td class=\"n\" data-v=\"-1\"></td><td data-v=\"-1\"></td>")
			pr("<td>", esc(r.Error), "</td><td class=\"d\">", esc(r.Date), "</td><td></td></tr>\n")
			continue
		}
		num := func(n int, s string) {
			pr("<td class=\"n\" data-v=\"", strconv.Itoa(n), "\">", esc(s), "</td>")
		}
		num(r.Blockers, l.Int(r.Blockers))
		num(r.ToVerify, l.Int(r.ToVerify))
		num(r.WithAccess, l.Int(r.WithAccess))
		pr("<td data-v=\"", strconv.FormatFloat(r.HighHours, 'f', 2, 64), "\">", esc(cells[7]), "</td>")
		progress := -1
		if r.Progress != nil {
			progress = r.Progress.Resolved
		}
		pr("<td data-v=\"", strconv.Itoa(progress), "\">", esc(cells[8]), "</td>")
		pr("<td class=\"d\">", esc(r.Date), "</td>")
		pr("<td><a href=\"", esc(fileURL(r.PDF)), "\">PDF</a> · <a href=\"", esc(fileURL(r.HTML)), "\">HTML</a></td>")
		pr("</tr>\n")
	}
	pr("</tbody>\n</table>\n</div>\n<script>", script, "</script>\n</body>\n</html>\n")
	return bw.Flush()
}

// fileURL is a relative URL for a slash-separated relative path: every
// segment escaped, so no name can become a scheme, a query or a fragment.
func fileURL(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	u := strings.Join(parts, "/")
	if strings.Contains(parts[0], ":") {
		u = "./" + u
	}
	return u
}
