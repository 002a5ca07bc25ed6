package portfolio

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
	"golang.org/x/net/html"
)

const hostileName = `=HYPERLINK("http://x") <script>alert(1)</script> **b** {{.X}} |p|`

func samplePortfolio() *Portfolio {
	rows := []Row{
		{Name: "Ready AS", Slug: "ready-as", Language: "nb", Verdict: "ready", WithAccess: 40, LowHours: 2, HighHours: 4,
			Date: "2026-11-24", PDF: "ready-as/ready-as-2026-11-24-readiness.pdf", HTML: "ready-as/ready-as-2026-11-24-readiness.html"},
		{Name: hostileName, Slug: "hostile", Tenant: "+Cust1", Language: "en", Verdict: "not-ready", Blockers: 2, ToVerify: 1,
			WithAccess: 300, LowHours: 10, HighHours: 31.5, Date: "2026-11-24", PDF: "hostile/a.pdf", HTML: "hostile/a.html",
			Progress: &Blocked{Since: "2026-11-10", Change: assessment.Change{Before: 3, Resolved: 2, New: 1, Open: 1}}},
		{Name: "Many Blockers", Slug: "many", Language: "de", Verdict: "not-ready", Blockers: 7, Date: "2026-11-24"},
		{Name: "Unsure BV", Slug: "unsure-bv", Language: "nl", Verdict: "unconfirmed", ToVerify: 3, Date: "2026-11-24"},
		{Profile: "c/broken/profile.toml", Verdict: VerdictError, Error: "-c/broken/profile.toml line 3: unknown key", Date: "2026-11-24"},
	}
	Sort(rows)
	return &Portfolio{Date: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), Tool: "migready test", Rows: rows}
}

func TestSortPortfolioAttentionFirst(t *testing.T) {
	var got []string
	for _, r := range samplePortfolio().Rows {
		got = append(got, r.Slug+"/"+r.Verdict)
	}
	want := "/error many/not-ready hostile/not-ready unsure-bv/unconfirmed ready-as/ready"
	if strings.Join(got, " ") != want {
		t.Errorf("order\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestPortfolioCSV(t *testing.T) {
	l, _ := templates.Load("en")
	var b bytes.Buffer
	if err := writeCSV(&b, samplePortfolio(), l); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\xEF\xBB\xBFCustomer,")) {
		t.Errorf("no UTF-8 byte order mark before the header: %q", b.String()[:20])
	}
	recs, err := csv.NewReader(bytes.NewReader(b.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 6 {
		t.Fatalf("%d records, want a header and 5 rows", len(recs))
	}
	for _, r := range recs {
		for _, c := range r {
			if c != "" && strings.ContainsAny(c[:1], "=+-@\t\r") {
				t.Errorf("cell %q would be a formula in a spreadsheet", c)
			}
		}
	}
	hostile := recs[3]
	if hostile[0] != "'"+hostileName || hostile[1] != "'+Cust1" {
		t.Errorf("the hostile name and tenant are not kept literally behind an apostrophe: %q %q", hostile[0], hostile[1])
	}
	if hostile[8] != "2 of 3 blocking problems resolved since 10 November 2026; 1 new. Blocking the migration now: 2." {
		t.Errorf("progress cell %q", hostile[8])
	}
	if recs[1][3] != "INPUT ERROR" || !strings.Contains(recs[1][12], "unknown key") || recs[1][8] != "" {
		t.Errorf("error row %q", recs[1])
	}
}

func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+47 22": "'+47 22", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "Ready AS": "Ready AS", "": "", "a=b": "a=b"} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPortfolioJSON(t *testing.T) {
	var b bytes.Buffer
	if err := writeJSON(&b, samplePortfolio()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Counts    Counts `json:"counts"`
		Customers []Row  `json:"customers"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if (doc.Counts != Counts{NotReady: 2, Unconfirmed: 1, Ready: 1, Error: 1}) {
		t.Errorf("counts %+v", doc.Counts)
	}
	if doc.Customers[2].Name != hostileName || doc.Customers[2].Progress.Resolved != 2 {
		t.Errorf("row %+v", doc.Customers[2])
	}
}

// TestPortfolioHTML parses the page: its only script is the sorting script,
// allowed by the hash in the Content-Security-Policy; no element loads
// anything; customer data is text, never markup.
func TestPortfolioHTML(t *testing.T) {
	l, _ := templates.Load("en")
	var b bytes.Buffer
	p := samplePortfolio()
	if err := writeHTML(&b, p, l); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	_ = writeHTML(&again, samplePortfolio(), l)
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("the same portfolio gave different bytes")
	}
	doc, err := html.Parse(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var csp string
	var scripts, texts []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("event handler %s on <%s>", a.Key, n.Data)
				}
				if a.Key == "src" || (a.Key == "href" && n.Data != "a") {
					t.Errorf("<%s %s=%q> would load something", n.Data, a.Key, a.Val)
				}
				if a.Key == "href" && strings.Contains(a.Val, ":") {
					t.Errorf("link %q is not a relative path", a.Val)
				}
			}
			if n.Data == "meta" && attr(n, "http-equiv") == "Content-Security-Policy" {
				csp = attr(n, "content")
			}
			if n.Data == "script" {
				scripts = append(scripts, n.FirstChild.Data)
			}
		}
		if n.Type == html.TextNode {
			texts = append(texts, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(scripts) != 1 {
		t.Fatalf("%d scripts, want the one sorting script", len(scripts))
	}
	sum := sha256.Sum256([]byte(scripts[0]))
	hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	directives := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	if directives["script-src"] != hash {
		t.Errorf("script-src %q, want exactly the page's script by its hash %s", directives["script-src"], hash)
	}
	if directives["default-src"] != "'none'" {
		t.Errorf("default-src %q, want 'none'", directives["default-src"])
	}
	if !strings.Contains(strings.Join(texts, "\n"), hostileName) {
		t.Error("the hostile name is not in the page as text")
	}
	for _, want := range []string{"Not ready: 2", "Not confirmed: 1", "Ready: 1", "Input errors: 1", "5 customers, 24 November 2026"} {
		if !bytes.Contains(b.Bytes(), []byte(want)) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestPortfolioLanguages: every language writes the portfolio without a
// missing text.
func TestPortfolioLanguages(t *testing.T) {
	for _, code := range templates.Supported {
		l, err := templates.Load(code)
		if err != nil {
			t.Fatal(err)
		}
		files, err := Files(samplePortfolio(), l)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if i := bytes.Index(f.Data, []byte("!portfolio.")); i >= 0 {
				t.Errorf("%s %s: missing text %s", code, f.Name, f.Data[i:i+40])
			}
		}
	}
}
