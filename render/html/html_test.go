package html

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/render/doc"
	"github.com/migready/migready/render/internal/golden"
	"golang.org/x/net/html"
)

// htmlTestLogo is a small PNG made here, so the golden file does not depend on
// a binary in testdata.
func htmlTestLogo(t testing.TB) *doc.Image {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 48, 16))
	for y := 0; y < 16; y++ {
		for x := 0; x < 48; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 5), 95, 255, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return &doc.Image{Data: b.Bytes(), Type: "png"}
}

func sampleHTMLDoc(t testing.TB) *doc.Document {
	t.Helper()
	body, err := os.ReadFile("testdata/sample.md")
	if err != nil {
		t.Fatal(err)
	}
	return &doc.Document{
		Lang:    "en",
		Title:   "Migration readiness pack — Nordlys AS",
		Author:  "Kari Konsulent",
		Subject: "SuperOffice Onsite to Online migration readiness",
		Header:  "Nordlys AS · Migration readiness pack",
		Footer:  "page {page} of {total}",
		Color:   "#0A7C6E",
		Logo:    htmlTestLogo(t),
		Cover: doc.Cover{
			Customer: "Nordlys AS",
			Title:    "Migration readiness pack",
			Verdict:  "NOT READY",
			Detail:   "3 blockers to fix before migration",
			Facts: [][2]string{
				{"Tenant", "nordlys"}, {"Onsite version", "10.3.5"}, {"Users", "412 (388 with access)"},
				{"Date", "24 November 2026"}, {"Prepared by", "Kari Konsulent <kari@consult.example>"},
			},
		},
		Body:     body,
		Created:  time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
		Producer: "migready 0.1.0",
	}
}

func renderHTMLString(t testing.TB, doc *doc.Document) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, doc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHTMLSample(t *testing.T) {
	out := renderHTMLString(t, sampleHTMLDoc(t))
	golden.Match(t, "testdata/sample.html", []byte(out))
	assertInertHTML(t, out)
}

func TestHTMLDeterministic(t *testing.T) {
	a, b := renderHTMLString(t, sampleHTMLDoc(t)), renderHTMLString(t, sampleHTMLDoc(t))
	if a != b {
		t.Fatal("two renders of the same document differ")
	}
}

func TestHTMLStructure(t *testing.T) {
	d := sampleHTMLDoc(t)
	out := renderHTMLString(t, d)
	for _, want := range []string{
		"<!DOCTYPE html>\n<html lang=\"en\" data-pack=\"",
		`<meta charset="utf-8">`,
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		`<meta name="generator" content="migready 0.1.0">`,
		"<title>Migration readiness pack — Nordlys AS</title>",
		`<img class="logo" src="data:image/png;base64,`,
		`<div class="verdict not-ready">`,
		`<p class="verdict-word">NOT READY</p>`,
		"<dt>Onsite version</dt><dd>10.3.5</dd>",
		`<dd>Kari Konsulent <span class="tok">&lt;kari@<wbr><span class="tok">consult.<wbr>example&gt;</span></span></dd>`,
		"--brand: #0A7C6E;",
		`<span class="st st-pass">✔</span>`,
		`<span class="st st-fail">✖</span>`,
		`<span class="st st-warn">❗</span>`,
		`<span class="st st-unknown">❓</span>`,
		`<li class="task"><input type="checkbox" class="tick" autocomplete="off" checked> <span class="st st-pass">✔</span>`,
		`<li class="task"><input type="checkbox" class="tick" autocomplete="off"> <span class="st st-fail">✖</span>`,
		`<div class="table-wrap"><table class="cards">`,
		`<div class="table-wrap"><table>`,
		`<td data-label="Name"><span>王小明</span></td>`,
		`<td style="text-align:right" data-label="Row"><span>12</span></td>`,
		`<pre class="code"><code>v=spf1 include:spf.protection.outlook.com`,
		`<span class="bar-label">Database</span><span class="bar-track"><span class="bar" style="width:100.0%"></span></span><span class="bar-value">2.5 h</span>`,
		`style="width:20.8%"`,
		`<a href="mailto:kari@consult.example" rel="noopener noreferrer">the consultant</a>`,
		`@top-left { content: "Nordlys AS · Migration readiness pack";`,
		`@bottom-right { content: "page " counter(page) " of " counter(pages);`,
		"size: A4;",
		"h1, h2, h3, h4 { break-after: avoid; break-inside: avoid; }",
		"thead { display: table-header-group; }",
		`<footer class="page-footer">Nordlys AS · Migration readiness pack</footer>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}

	d.Lang, d.Color, d.Cover.State, d.Cover.Verdict = "nb", "blue", "ready", "KLAR"
	d.Logo = &doc.Image{Data: []byte("GIF89a not a png"), Type: "png"}
	out = renderHTMLString(t, d)
	for _, want := range []string{`<html lang="nb" data-pack="`, "--brand: #0B5FFF;", `<div class="verdict ready">`, `<p class="verdict-word">KLAR</p>`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "<img") {
		t.Error("a logo that is neither PNG nor JPEG was embedded")
	}
}

func TestHTMLBrandColour(t *testing.T) {
	for _, c := range []struct{ in, brand, ink string }{
		{"#0b5fff", "#0B5FFF", "#0B5FFF"},
		{"", "#0B5FFF", "#0B5FFF"},
		{"#FFF", "#0B5FFF", "#0B5FFF"},
		{"#123456;}</style>", "#0B5FFF", "#0B5FFF"},
		// A pale brand colour still gives headings that read on white.
		{"#FFE600", "#FFE600", ""},
	} {
		css := htmlCSS(&doc.Document{Color: c.in})
		if !strings.Contains(css, "--brand: "+c.brand+";") {
			t.Errorf("%q: brand is not %s", c.in, c.brand)
		}
		if c.ink != "" && !strings.Contains(css, "--ink: "+c.ink+";") {
			t.Errorf("%q: ink is not %s", c.in, c.ink)
		}
	}
	ink := doc.ParseColor("#FFE600").ReadableOnWhite()
	if r := ink.ContrastWithWhite(); r < 4.5 {
		t.Errorf("ink %v has contrast %.2f with white", ink, r)
	}
}

func TestHTMLHostileContent(t *testing.T) {
	body := strings.Join([]string{
		"# Hostile",
		`Escaped by the caller: \<script\>alert(1)\</script\> and \<img src\=x onerror\=alert(1)\>`,
		"<script>alert(1)</script>",
		"",
		"<div onclick=\"alert(1)\"><iframe src=\"https://evil.example/\"></iframe></div>",
		"",
		"Inline <script>alert(2)</script> and <img src=http://evil.example/x.png onerror=alert(3)> and <a href=\"javascript:alert(4)\">a</a>.",
		"",
		"[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](&#106;avascript:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=) [v](vbscript:msgbox) [f](file:///etc/passwd) [r](relative.html)",
		"",
		"<javascript:alert(5)> ![pixel](https://tracker.example/p.png) ![local](logo.png)",
		"",
		"Template text {{.X}} {{ printf \"%s\" 1 }} stays as typed; Unicode: Ødegård, 王小明, emoji 😀, RTL שלום.",
		"",
		"| a | b\\\" onmouseover=alert(17) x=\\\" <script>alert(18)</script> | c | d |",
		"|---|---|---|---|",
		"| <script>alert(6)</script> | http://evil.example/ | | |",
		"",
		"```</code></pre><script>alert(7)</script>",
		"</pre><script>alert(8)</script> https://evil.example/",
		"```",
		"",
		"```barchart",
		"<script>alert(9)</script>|1|<b>x</b>",
		"```",
	}, "\n")
	d := &doc.Document{
		Lang:     `en"><script>alert(10)</script>`,
		Title:    "</title><script>alert(11)</script>",
		Author:   `"><script>`,
		Header:   `</style><script>alert(12)</script>"; } body { display:none } x{content:"`,
		Footer:   `"} </style> {page}`,
		Color:    "#000000;}</style><script>alert(13)</script>",
		Producer: `migready"><script>alert(14)</script>`,
		Cover: doc.Cover{
			Customer: "<script>alert(15)</script>",
			Verdict:  "<b>READY</b>",
			Facts:    [][2]string{{"<i>x</i>", "<script>alert(16)</script>"}},
		},
		Body: []byte(body),
	}
	out := renderHTMLString(t, d)
	assertInertHTML(t, out)

	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;", // raw block shows as text
		"Inline &lt;script&gt;alert(2)&lt;/script&gt;",
		"{{.X}}",
		"Ødegård, 王小明, emoji 😀, RTL שלום",
		"<p>javascript:alert(5) ", // an autolink with a bad scheme is text
		`<span class="img-alt">pixel</span>`,
		`<span class="bar-label">&lt;script&gt;alert(9)&lt;/script&gt;</span>`,
		`<td data-label="b&quot; onmouseover=alert(17) x=&quot; &lt;script&gt;alert(18)&lt;/script&gt;"><span>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Link texts survive as plain text; assertInertHTML proved that no
	// dangerous destination became an href.
	if !strings.Contains(out, "<p>x y z d v f r</p>") {
		t.Errorf("link texts missing: %s", out)
	}
	if strings.Contains(out, "tracker.example") || strings.Contains(out, "logo.png") {
		t.Error("an image destination reached the output")
	}
	// Every http(s) reference is visible, escaped text, never markup.
	for _, m := range regexp.MustCompile(`https?://`).FindAllStringIndex(out, -1) {
		before := out[:m[0]]
		if strings.LastIndexByte(before, '<') > strings.LastIndexByte(before, '>') {
			t.Errorf("web address inside a tag: %q", out[max(0, m[0]-60):m[1]+20])
		}
	}
}

func TestHTMLLinks(t *testing.T) {
	d := &doc.Document{Body: []byte("[a](https://example.com/x?y=1&z=2) [b](HTTP://example.com) [c](mailto:a@example.com) [d](#spf) <https://example.org> <kari@example.com> [e](javascript:alert(1)) [f](ftp://example.com)")}
	out := renderHTMLString(t, d)
	for _, want := range []string{
		`<a href="https://example.com/x?y=1&amp;z=2" rel="noopener noreferrer">a</a>`,
		`<a href="HTTP://example.com" rel="noopener noreferrer">b</a>`,
		`<a href="mailto:a@example.com" rel="noopener noreferrer">c</a>`,
		`<a href="#spf" rel="noopener noreferrer">d</a>`,
		`<a href="https://example.org" rel="noopener noreferrer">https://example.org</a>`,
		`<a href="mailto:kari@example.com" rel="noopener noreferrer">kari@example.com</a>`,
		" e ", " f</p>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if n := strings.Count(out, "<a "); n != 6 {
		t.Errorf("%d links, want 6", n)
	}
}

// assertInertHTML parses out as a browser would and fails on anything that
// could run code or fetch something: script elements other than the
// report's own (the only one its Content-Security-Policy allows, by hash),
// event handlers, embedded content other than data: images, links to other
// schemes, and url() or @import in the CSS.
func assertInertHTML(t *testing.T, out string) {
	t.Helper()
	if n := strings.Count(strings.ToLower(out), "<script"); n != 1 {
		t.Errorf(`output contains "<script" %d times, want once (the report's script)`, n)
	}
	if want := "script-src " + ScriptHash() + ";"; !strings.Contains(out, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; `+want) {
		t.Errorf("the policy does not allow exactly the report's script (%s)", want)
	}
	sum := sha256.Sum256([]byte(Script()))
	if ScriptHash() != "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'" {
		t.Error("ScriptHash is not the hash of the script")
	}
	if strings.Contains(out, `src="http`) {
		t.Error(`output contains src="http`)
	}
	root, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				if n.FirstChild == nil || n.FirstChild.Data != Script() || n.Parent.Data != "body" {
					t.Errorf("a script that is not the report's: %v", n.FirstChild)
				}
			case "iframe", "object", "embed", "link", "base", "form", "video", "audio", "source", "svg", "frame":
				t.Errorf("element <%s> in output", n.Data)
			case "style":
				css := n.FirstChild.Data
				for _, bad := range []string{"url(", "@import", "</", "expression("} {
					if strings.Contains(css, bad) {
						t.Errorf("CSS contains %q", bad)
					}
				}
			}
			for _, a := range n.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				switch {
				case strings.HasPrefix(a.Key, "on"):
					t.Errorf("event handler %s=%q on <%s>", a.Key, a.Val, n.Data)
				case a.Key == "src" && !strings.HasPrefix(v, "data:image/"):
					t.Errorf("src=%q on <%s>", a.Val, n.Data)
				case a.Key == "href" && !(strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "mailto:") || strings.HasPrefix(v, "#")):
					t.Errorf("href=%q on <%s>", a.Val, n.Data)
				case a.Key == "srcset" || a.Key == "poster" || a.Key == "action" || a.Key == "formaction":
					t.Errorf("%s on <%s>", a.Key, n.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
}

// TestHTMLChromium opens the sample in headless Chromium, when there is one,
// and checks that the browser sees the cover's verdict and the body. CI can
// install chromium to run it; elsewhere it is skipped.
func TestHTMLChromium(t *testing.T) {
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("no chromium on PATH")
	}
	if testing.Short() {
		t.Skip("starts a browser")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "sample.html")
	if err := os.WriteFile(page, []byte(renderHTMLString(t, sampleHTMLDoc(t))), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
	}
	for _, want := range []string{`<p class="verdict-word">NOT READY</p>`, "Duplicate e-mail addresses", `class="bar"`} {
		if !bytes.Contains(dom, []byte(want)) {
			t.Errorf("the browser's DOM lacks %q", want)
		}
	}
}

// TestHTMLBreakPoints: addresses and long ids get break points after their
// separators (so a phone breaks them there, not mid-name); other text,
// hostile markup included, is left alone.
func TestHTMLBreakPoints(t *testing.T) {
	for in, want := range map[string]string{
		"daniel.clarke@harbourfinch.co.uk":                `<span class="tok">daniel.<wbr>clarke@<wbr><span class="tok">harbourfinch.<wbr>co.<wbr>uk</span></span>`,
		"Daniel Clarke &lt;daniel@harbourfinch.co.uk&gt;": `Daniel Clarke <span class="tok">&lt;daniel@<wbr><span class="tok">harbourfinch.<wbr>co.<wbr>uk&gt;</span></span>`,
		"include:_spf.salesforce.com ~all":                `<span class="tok">include:<wbr>_spf.<wbr>salesforce.<wbr>com</span> ~all`,
		"Sales-Premium on-site":                           "Sales-Premium on-site",
		"Ihr SuperOffice-Migrationsteam entfernt":         "Ihr SuperOffice-Migrationsteam entfernt",
		"@SUM(A1) and 1.5 GB.":                            "@SUM(A1) and 1.5 GB.",
		"&lt;script&gt;alert(2)&lt;/script&gt;":           "&lt;script&gt;alert(2)&lt;/script&gt;",
		"end of sentence.":                                "end of sentence.",
		"ola@blåbær.no":                                   `<span class="tok">ola@<wbr><span class="tok">blåbær.<wbr>no</span></span>`,
		"a_very_long_identifier_name":                     `<span class="tok">a_<wbr>very_<wbr>long_<wbr>identifier_<wbr>name</span>`,
		"&#34;include:servers.mcsv.net&#34;,":             `<span class="tok">&#34;include:<wbr>servers.<wbr>mcsv.<wbr>net&#34;,</span>`,
		"„include:_spf.salesforce.com“":                   `<span class="tok">„include:<wbr>_spf.<wbr>salesforce.<wbr>com“</span>`,
	} {
		if got := htmlBreakable(in); got != want {
			t.Errorf("htmlBreakable(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHTMLChecklistAndFold: a checklist line is a task item with one box a
// reader can tick (not disabled) and its status mark after it, in a loose
// list (each line a paragraph, as the pack writes it) as in a tight one;
// a table of more than foldRows rows is folded under its count in the
// document's words, a shorter one is not; tables of four columns or more
// read as cards.
func TestHTMLChecklistAndFold(t *testing.T) {
	rows := func(n int) string {
		var b strings.Builder
		b.WriteString("| Row | User ID | Name | Email |\n|---:|---|---|---|\n")
		for i := range n {
			fmt.Fprintf(&b, "| %d | u%d | User %d | u%d@example.com |\n", i+2, i, i, i)
		}
		return b.String()
	}
	body := "- [ ] ✔ **One**  \n  Done when: x\n\n- [ ] ✖ **Two**\n\n- plain item\n\n" +
		"Tight:\n\n- [ ] ❗ three\n- [ ] ❓ four\n\n" + rows(foldRows+1) + "\n" + rows(foldRows) + "\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n"
	d := &doc.Document{Lang: "nb", Body: []byte(body), Rows: func(n int) (string, string) {
		return fmt.Sprintf("Vis alle %d radene", n), fmt.Sprintf("%d rader", n)
	}}
	out := renderHTMLString(t, d)
	root, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var tasks, plain, details, cards, tables int
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "li" && attr(n, "class") == "task":
				tasks++
				boxes, marks := 0, 0
				var first *html.Node
				var inner func(*html.Node)
				inner = func(c *html.Node) {
					if c.Type == html.ElementNode && c.Data == "input" {
						boxes++
						if first == nil {
							first = c
						}
						if hasAttr(c, "disabled") || attr(c, "type") != "checkbox" || attr(c, "class") != "tick" {
							t.Errorf("checklist box %v", c.Attr)
						}
					}
					if c.Type == html.ElementNode && strings.HasPrefix(attr(c, "class"), "st st-") {
						marks++
					}
					for k := c.FirstChild; k != nil; k = k.NextSibling {
						inner(k)
					}
				}
				inner(n)
				if boxes != 1 || marks != 1 {
					t.Errorf("a checklist line has %d boxes and %d marks, want one of each", boxes, marks)
				}
			case n.Data == "li":
				plain++
			case n.Data == "details":
				details++
				if attr(n, "class") != "fold" || hasAttr(n, "open") {
					t.Errorf("details %v", n.Attr)
				}
			case n.Data == "table":
				tables++
				if attr(n, "class") == "cards" {
					cards++
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if tasks != 4 || plain != 1 {
		t.Errorf("%d task items and %d plain ones, want 4 and 1", tasks, plain)
	}
	if details != 1 || tables != 3 || cards != 2 {
		t.Errorf("%d folded tables, %d tables, %d as cards; want 1, 3, 2", details, tables, cards)
	}
	want := fmt.Sprintf(`<details class="fold"><summary><span class="fold-show">Vis alle %d radene</span><span class="fold-count">%d rader</span></summary>`, foldRows+1, foldRows+1)
	if !strings.Contains(out, want) {
		t.Errorf("output lacks %q", want)
	}
	// Without words, English.
	d.Rows = nil
	if out := renderHTMLString(t, d); !strings.Contains(out, fmt.Sprintf("Show all %d rows", foldRows+1)) {
		t.Error("no English words for a folded table")
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

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
