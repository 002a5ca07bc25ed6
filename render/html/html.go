// Package html writes the pack as one self-contained HTML file, from the
// doc.Document the PDF is made from.
package html

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/render/doc"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Write writes d as one self-contained HTML5 file: inline CSS, the logo as
// a data: URL, one script of its own (see script) and nothing that makes
// the browser fetch anything, so the file can be mailed, archived and
// opened offline. It reads well on a phone (tables of four columns or more
// as cards, long tables folded under their count) and prints on A4 like
// the PDF (a page per "# " section, repeated table headers, the running
// header and page numbers where the browser supports CSS page margin
// boxes). The checklist's boxes can be ticked; the ticks are kept in that
// browser for that pack. The same doc.Document gives the same bytes.
func Write(w io.Writer, d *doc.Document) error {
	var body bytes.Buffer
	nodes := htmlNodes{rows: d.Rows}
	if nodes.rows == nil {
		nodes.rows = englishRows
	}
	if err := renderHTMLBody(&body, d.Body, d.Parsed(), nodes); err != nil {
		return fmt.Errorf("html body: %w", err)
	}

	bw := bufio.NewWriter(w)
	p := func(parts ...string) {
		for _, s := range parts {
			_, _ = bw.WriteString(s)
		}
	}
	esc := html.EscapeString
	title := d.Title
	if title == "" {
		title = d.Cover.Title
	}
	lang := d.Lang
	if lang == "" {
		lang = "en"
	}

	p("<!DOCTYPE html>\n<html lang=\"", esc(lang), "\" data-pack=\"", packID(d), "\">\n<head>\n<meta charset=\"utf-8\">\n")
	// The policy is a second line of defence: even if markup slipped through,
	// the browser would run no script but ours (allowed by its hash) and load
	// nothing but data: images.
	p(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src `, ScriptHash(),
		`; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`, "\n")
	p(`<meta name="viewport" content="width=device-width, initial-scale=1">`, "\n")
	p(`<meta name="referrer" content="no-referrer">`, "\n")
	p(`<meta name="color-scheme" content="light">`, "\n")
	p(`<meta name="generator" content="`, esc(d.Producer), "\">\n")
	if d.Author != "" {
		p(`<meta name="author" content="`, esc(d.Author), "\">\n")
	}
	if d.Subject != "" {
		p(`<meta name="description" content="`, esc(d.Subject), "\">\n")
	}
	p("<title>", esc(title), "</title>\n<style>\n", htmlCSS(d), "</style>\n</head>\n<body>\n")

	c := d.Cover
	p("<header class=\"cover\">\n<div class=\"band\">")
	if src := htmlLogoDataURL(d.Logo); src != "" {
		p(`<img class="logo" src="`, src, `" alt="">`)
	}
	p("</div>\n")
	if c.Customer != "" {
		p("<p class=\"customer\">", esc(c.Customer), "</p>\n")
	}
	if c.Title != "" {
		p("<p class=\"doc-title\">", esc(c.Title), "</p>\n")
	}
	verdict := c.State
	if verdict != "ready" && verdict != "unconfirmed" {
		verdict = "not-ready"
	}
	p("<div class=\"verdict ", verdict, "\">\n<p class=\"verdict-word\">", esc(c.Verdict), "</p>\n")
	if c.Detail != "" {
		p("<p class=\"verdict-detail\">", esc(c.Detail), "</p>\n")
	}
	p("</div>\n")
	if len(c.Facts) > 0 {
		p("<dl class=\"facts\">\n")
		for _, f := range c.Facts {
			p("<div><dt>", esc(f[0]), "</dt><dd>", htmlBreakable(esc(f[1])), "</dd></div>\n")
		}
		p("</dl>\n")
	}
	p("</header>\n<main>\n")
	_, _ = body.WriteTo(bw)
	p("</main>\n<footer class=\"page-footer\">", esc(d.Header), "</footer>\n<script>", script, "</script>\n</body>\n</html>\n")
	return bw.Flush()
}

// packID names the pack for the ticks the browser keeps: the same file
// finds its ticks again, another pack (another customer, another date)
// starts with none.
func packID(d *doc.Document) string {
	h := sha256.New()
	for _, s := range []string{d.Lang, d.Title, d.Header, d.Cover.Customer} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	h.Write(d.Body)
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// script is the report's only script. It keeps the checklist's ticks in
// the browser's local storage under the pack's id (nothing leaves the
// machine; where storage is refused the boxes still tick), opens the
// folded tables on a wide screen, and opens them all for printing. The
// Content-Security-Policy allows exactly it, by its hash.
const script = `(function () {
  var boxes = document.querySelectorAll("input.tick");
  var key = "migready-ticks:" + document.documentElement.getAttribute("data-pack");
  var store = null, saved = null, ticked = [];
  try { store = window.localStorage; saved = store.getItem(key); ticked = JSON.parse(saved || "[]"); } catch (e) { ticked = []; }
  function save() {
    var on = [];
    Array.prototype.forEach.call(boxes, function (b, i) { if (b.checked) { on.push(i); } });
    try { store.setItem(key, JSON.stringify(on)); } catch (e) {}
  }
  Array.prototype.forEach.call(boxes, function (b, i) {
    if (saved !== null) { b.checked = ticked.indexOf(i) >= 0; }
    b.addEventListener("change", save);
  });
  var folds = document.querySelectorAll("details.fold");
  function unfold() { Array.prototype.forEach.call(folds, function (d) { d.open = true; }); }
  if (window.matchMedia && window.matchMedia("(min-width: 40.0625rem)").matches) { unfold(); }
  window.addEventListener("beforeprint", unfold);
})();
`

// ScriptHash is the Content-Security-Policy source that allows the
// report's script.
func ScriptHash() string {
	sum := sha256.Sum256([]byte(script))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// Script is the report's only script, for tests that find it in a page.
func Script() string { return script }

// renderHTMLBody renders markdown with the shared dialect and this file's
// node renderers on top of goldmark's HTML renderer.
func renderHTMLBody(w io.Writer, src []byte, tree ast.Node, nodes htmlNodes) error {
	md := doc.NewMarkdown()
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodes, 100)))
	return md.Renderer().Render(w, src, tree)
}

// htmlNodes overrides goldmark's rendering of the nodes where the pack
// needs more (status badges, bar charts, wrapped code, tables that read as
// cards on a phone and fold when long, checklist lines that can be ticked)
// or less (links and images that could reach the network, raw HTML).
// They only read the tree, which the PDF may be drawing at the same time.
type htmlNodes struct {
	rows func(n int) (show, count string) // see doc.Document.Rows
}

// englishRows is doc.Document.Rows when the document has none.
func englishRows(n int) (string, string) {
	if n == 1 {
		return "Show the row", "1 row"
	}
	return fmt.Sprintf("Show all %d rows", n), fmt.Sprintf("%d rows", n)
}

// foldRows is the number of rows above which a table is folded under its
// count: on a phone each row is a card of several lines.
const foldRows = 12

// asCards reports whether a table of cols columns whose longest body cell
// has longest letters reads as cards on a narrow screen, one row a card,
// each cell beside its column's name: with four columns or more, or three
// with a cell of more than 20 letters (three columns of figures stay a
// table), or two named columns with a cell of running text. A table
// without column names (a list of label and value) stays a table.
func asCards(cols, longest int, named bool) bool {
	return named && (cols >= 4 || cols == 3 && longest > 20 || cols == 2 && longest > 40)
}

func (h htmlNodes) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindText, renderHTMLText)
	r.Register(ast.KindFencedCodeBlock, renderHTMLCode)
	r.Register(ast.KindCodeBlock, renderHTMLCode)
	r.Register(ast.KindLink, renderHTMLLink)
	r.Register(ast.KindAutoLink, renderHTMLAutoLink)
	r.Register(ast.KindImage, renderHTMLImage)
	r.Register(ast.KindHTMLBlock, renderHTMLRaw)
	r.Register(ast.KindRawHTML, renderHTMLRaw)
	r.Register(east.KindTable, h.renderTable)
	r.Register(east.KindTableCell, renderHTMLTableCell)
	r.Register(ast.KindListItem, renderHTMLListItem)
	r.Register(east.KindTaskCheckBox, renderHTMLCheckBox)
}

// renderHTMLText is goldmark's text rendering with the status glyphs
// wrapped in badges. Everything else goes through goldmark's writer, which
// resolves backslash escapes and entities and escapes the result.
func renderHTMLText(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(source)
	if n.IsRaw() {
		ghtml.DefaultWriter.RawWrite(w, value)
	} else {
		htmlWriteBadgedText(w, value)
	}
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case n.SoftLineBreak():
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// htmlWriteText writes text as goldmark would (escapes and entities
// resolved, then HTML-escaped), with break opportunities in addresses and
// ids (see htmlBreakable).
func htmlWriteText(w util.BufWriter, value []byte) {
	if !bytes.ContainsAny(value, "@._/:") {
		ghtml.DefaultWriter.Write(w, value)
		return
	}
	_, _ = w.WriteString(htmlBreakable(doc.HTMLText(value)))
}

// htmlBreakable marks each address (name@host.tld) and long id or host
// name in escaped text s as a token: a span that moves to the next line
// whole when it fits there (see .tok in the CSS), with a <wbr> after each
// "@", ".", "/", ":" and "_", so that a token wider than the screen breaks
// at those points ("daniel.clarke@<wbr>harbourfinch.<wbr>co.uk") and never
// inside a name. Copying the text gives it back unchanged. Other words are
// left alone.
func htmlBreakable(s string) string {
	if !strings.ContainsAny(s, "@._/:") {
		return s
	}
	return shown.MapWords(s, breakableWord)
}

// breakableWord is one word of htmlBreakable: a token or the word as it is.
func breakableWord(word string) string {
	at := strings.IndexByte(word, '@')
	address := at > 0 && strings.Contains(word[at:], ".")
	var pre, post string
	if !address {
		if len(word) < 16 || !strings.ContainsAny(word, "@._/:") {
			return word // most words: too short for an id, or no separator (below)
		}
		// An id in quotes or brackets is still an id.
		var id string
		pre, id, post = trimQuotes(word)
		// A long word without a separator is a word
		// ("SuperOffice-Migrationsteam"), which breaks where words break.
		if utf8.RuneCountInString(id) < 16 || strings.IndexFunc(id, notIDRune) >= 0 || !strings.ContainsAny(id, "@._/:") {
			return word
		}
		word = id
	}
	var b strings.Builder
	// The marks around an id stay with it on its line.
	b.WriteString(`<span class="tok">`)
	b.WriteString(pre)
	for k := 0; k < len(word); k++ {
		c := word[k]
		b.WriteByte(c)
		if address && k == at {
			// The domain is a token of its own: the address breaks
			// after "@" before it breaks inside the domain.
			b.WriteString(`<wbr><span class="tok">`)
			continue
		}
		// Not at either end, and not between two separators.
		if strings.IndexByte("@./:_", c) >= 0 && k > 0 && k+1 < len(word) && wordChar(word[k-1]) &&
			(wordChar(word[k+1]) || word[k+1] == '_') {
			b.WriteString("<wbr>")
		}
	}
	b.WriteString(post)
	b.WriteString("</span>")
	if address {
		b.WriteString("</span>")
	}
	return b.String()
}

// quoteMarks are the quotation marks and brackets, escaped or not, that
// can open or close an id in escaped text.
var (
	openMarks  = []string{"&#34;", "&quot;", "&#39;", "&lt;", "(", "[", "“", "„", "«", "‹", "‘", "‚"}
	closeMarks = []string{"&#34;", "&quot;", "&#39;", "&gt;", ")", "]", "”", "“", "»", "›", "’", ",", ";"}
)

// trimQuotes splits word into the marks that open it, what they enclose,
// and the marks (and a comma or semicolon) that close it.
func trimQuotes(word string) (pre, core, post string) {
	core = word
	for again := true; again; {
		again = false
		for _, m := range openMarks {
			if strings.HasPrefix(core, m) {
				core = core[len(m):]
				again = true
				break
			}
		}
	}
	pre = word[:len(word)-len(core)]
	n := len(core)
	for again := true; again; {
		again = false
		for _, m := range closeMarks {
			if strings.HasSuffix(core[:n], m) {
				n -= len(m)
				again = true
				break // an entity's ";" before a semicolon's
			}
		}
	}
	return pre, core[:n], core[n:]
}

// notIDRune reports whether r cannot occur in an id, host name or address.
func notIDRune(r rune) bool {
	return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("@._/:-+~=", r))
}

// wordChar reports whether c can continue a name after a separator (a
// letter, digit or any byte of a multi-byte character).
func wordChar(c byte) bool {
	return c >= 0x80 || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func htmlWriteBadgedText(w util.BufWriter, value []byte) {
	start := 0
	for i := 0; i < len(value); {
		r, size := utf8.DecodeRune(value[i:])
		class, ok := doc.Marks[r]
		if !ok {
			i += size
			continue
		}
		htmlWriteText(w, value[start:i])
		end := i + size
		// An emoji or text presentation selector belongs to the glyph.
		if v, vs := utf8.DecodeRune(value[end:]); v == '\uFE0F' || v == '\uFE0E' {
			end += vs
		}
		_, _ = w.WriteString(`<span class="st st-` + class + `">`)
		_, _ = w.Write(value[i:end])
		_, _ = w.WriteString(`</span>`)
		i, start = end, end
	}
	htmlWriteText(w, value[start:])
}

func htmlCodeText(source []byte, n ast.Node) []byte {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(source))
	}
	return b.Bytes()
}

// renderHTMLCode draws "barchart" blocks as bars and every other code block
// as a monospace box whose long lines wrap (an SPF record must be visible
// and copyable whole).
func renderHTMLCode(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	text := htmlCodeText(source, node)
	if fc, ok := node.(*ast.FencedCodeBlock); ok && string(fc.Language(source)) == "barchart" {
		htmlWriteBarChart(w, text)
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<pre class="code"><code>`)
	_, _ = w.Write(util.EscapeHTML(bytes.TrimRight(text, "\n")))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

func htmlWriteBarChart(w util.BufWriter, text []byte) {
	bars := doc.ParseBars(strings.Split(string(text), "\n"))
	top := 0.0
	for _, b := range bars {
		top = max(top, b.Value)
	}
	_, _ = w.WriteString("<div class=\"chart\">\n")
	for _, b := range bars {
		pct := 0.0
		if top > 0 {
			pct = b.Value / top * 100
		}
		fmt.Fprintf(w, "<div class=\"bar-row\"><span class=\"bar-label\">%s</span><span class=\"bar-track\"><span class=\"bar\" style=\"width:%s%%\"></span></span><span class=\"bar-value\">%s</span></div>\n",
			html.EscapeString(b.Label), strconv.FormatFloat(pct, 'f', 1, 64), html.EscapeString(b.ValueLabel))
	}
	_, _ = w.WriteString("</div>\n")
}

func renderHTMLLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if doc.SafeLink(string(n.Destination), true) == "" {
		return ast.WalkContinue, nil // the children (link text) still render
	}
	if entering {
		_, _ = w.WriteString(`<a href="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
		_ = w.WriteByte('"')
		if n.Title != nil {
			_, _ = w.WriteString(` title="`)
			ghtml.DefaultWriter.Write(w, n.Title)
			_ = w.WriteByte('"')
		}
		_, _ = w.WriteString(` rel="noopener noreferrer">`)
	} else {
		_, _ = w.WriteString("</a>")
	}
	return ast.WalkContinue, nil
}

func renderHTMLAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	url := n.URL(source)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		url = append([]byte("mailto:"), url...)
	}
	label := util.EscapeHTML(n.Label(source))
	if doc.SafeLink(string(url), true) == "" {
		_, _ = w.Write(label)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(url, false)))
	_, _ = w.WriteString(`" rel="noopener noreferrer">`)
	_, _ = w.Write(label)
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

// renderHTMLImage prints an image's alt text: an <img> with a web address
// would be a request made by opening the report (a tracking pixel).
func renderHTMLImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<span class="img-alt">`)
	} else {
		_, _ = w.WriteString(`</span>`)
	}
	return ast.WalkContinue, nil
}

// renderHTMLRaw escapes raw HTML. The shared parser does not recognise raw
// HTML at all, so these nodes never occur today; this keeps it inert if the
// dialect ever changes.
func renderHTMLRaw(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	switch n := node.(type) {
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
		}
	case *ast.HTMLBlock:
		_, _ = w.WriteString("<p>")
		_, _ = w.Write(util.EscapeHTML(htmlCodeText(source, n)))
		if n.HasClosure() {
			_, _ = w.Write(util.EscapeHTML(n.ClosureLine.Value(source)))
		}
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkSkipChildren, nil
}

// renderTable puts the table in a container that scrolls sideways on a
// narrow screen if it must. A table that reads as cards there (asCards)
// is marked so; one of more than foldRows rows is folded under its count
// (a <details>, which needs no script).
func (h htmlNodes) renderTable(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.Table)
	rows, longest, named := 0, 0, false
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == east.KindTableHeader {
			for th := c.FirstChild(); th != nil; th = th.NextSibling() {
				named = named || len(bytes.TrimSpace(nodeText(th, source))) > 0
			}
		}
		if c.Kind() != east.KindTableRow {
			continue
		}
		rows++
		for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
			longest = max(longest, utf8.RuneCount(nodeText(cell, source)))
		}
	}
	fold := rows > foldRows
	if !entering {
		_, _ = w.WriteString("</table></div>\n")
		if fold {
			_, _ = w.WriteString("</details>\n")
		}
		return ast.WalkContinue, nil
	}
	if fold {
		show, count := h.rows(rows)
		_, _ = w.WriteString(`<details class="fold"><summary><span class="fold-show">` + html.EscapeString(show) +
			`</span><span class="fold-count">` + html.EscapeString(count) + "</span></summary>\n")
	}
	if asCards(len(n.Alignments), longest, named) {
		_, _ = w.WriteString("<div class=\"table-wrap\"><table class=\"cards\">\n")
	} else {
		_, _ = w.WriteString("<div class=\"table-wrap\"><table>\n")
	}
	return ast.WalkContinue, nil
}

// renderHTMLTableCell writes a cell as goldmark does, its alignment as a
// style, and gives each body cell its column's header as data-label, which
// a card shows before the value (in a span of its own, so that the value's
// words and addresses stay one box). It writes no attribute into the tree.
func renderHTMLTableCell(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	tag := "td"
	if n.Parent().Kind() == east.KindTableHeader {
		tag = "th"
	}
	if !entering {
		if tag == "td" {
			_, _ = w.WriteString("</span>")
		}
		_, _ = w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<" + tag)
	if n.Alignment != east.AlignNone {
		_, _ = w.WriteString(` style="text-align:` + n.Alignment.String() + `"`)
	}
	if tag == "td" {
		if label := columnLabel(n, source); label != "" {
			_, _ = w.WriteString(` data-label="` + label + `"`)
		}
		// The value is one box beside its label in a card.
		_, _ = w.WriteString("><span>")
		return ast.WalkContinue, nil
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// columnLabel is the text of the header of cell's column, escaped for an
// attribute; "" when the header is empty.
func columnLabel(cell *east.TableCell, source []byte) string {
	col := 0
	for c := cell.PreviousSibling(); c != nil; c = c.PreviousSibling() {
		col++
	}
	table := cell.Parent().Parent()
	header := table.FirstChild()
	if header == nil || header.Kind() != east.KindTableHeader {
		return ""
	}
	th := header.FirstChild()
	for i := 0; th != nil && i < col; i++ {
		th = th.NextSibling()
	}
	if th == nil {
		return ""
	}
	return strings.TrimSpace(doc.HTMLText(nodeText(th, source)))
}

// nodeText is the text of node and its descendants, as in the source
// (escapes not resolved).
func nodeText(node ast.Node, source []byte) []byte {
	var text []byte
	_ = ast.Walk(node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			text = append(text, t.Segment.Value(source)...)
			if t.SoftLineBreak() || t.HardLineBreak() {
				text = append(text, ' ')
			}
		case *ast.String:
			text = append(text, t.Value...)
		}
		return ast.WalkContinue, nil
	})
	return text
}

// renderHTMLListItem writes a list item as goldmark does, with the class
// "task" on a checklist line (one that starts with a checkbox), which
// then shows the box instead of the bullet.
func renderHTMLListItem(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</li>\n")
		return ast.WalkContinue, nil
	}
	fc := node.FirstChild()
	if fc != nil && fc.FirstChild() != nil && fc.FirstChild().Kind() == east.KindTaskCheckBox {
		_, _ = w.WriteString(`<li class="task">`)
	} else {
		_, _ = w.WriteString("<li>")
	}
	if fc != nil {
		if _, ok := fc.(*ast.TextBlock); !ok {
			_ = w.WriteByte('\n')
		}
	}
	return ast.WalkContinue, nil
}

// renderHTMLCheckBox writes a checklist line's box, which the reader ticks
// (goldmark's is disabled). The script keeps its state; autocomplete="off"
// keeps the browser's own form restoring out of it.
func renderHTMLCheckBox(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if node.(*east.TaskCheckBox).IsChecked {
		_, _ = w.WriteString(`<input type="checkbox" class="tick" autocomplete="off" checked> `)
	} else {
		_, _ = w.WriteString(`<input type="checkbox" class="tick" autocomplete="off"> `)
	}
	return ast.WalkContinue, nil
}

// cssString quotes s as a CSS string that cannot end the string, the rule
// or the <style> element early.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' || r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\%X ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// cssFooterContent turns the doc.Document's footer ("page {page} of {total}") into
// CSS generated content with the page counters.
func cssFooterContent(footer string) string {
	if footer == "" {
		return `counter(page) " / " counter(pages)`
	}
	var parts []string
	for footer != "" {
		i := strings.IndexByte(footer, '{')
		var tok, counter string
		switch {
		case i < 0:
			tok, footer = footer, ""
		case strings.HasPrefix(footer[i:], "{page}"):
			tok, counter, footer = footer[:i], "counter(page)", footer[i+len("{page}"):]
		case strings.HasPrefix(footer[i:], "{total}"):
			tok, counter, footer = footer[:i], "counter(pages)", footer[i+len("{total}"):]
		default:
			tok, footer = footer[:i+1], footer[i+1:]
		}
		if tok != "" {
			parts = append(parts, cssString(tok))
		}
		if counter != "" {
			parts = append(parts, counter)
		}
	}
	return strings.Join(parts, " ")
}

func htmlLogoDataURL(img *doc.Image) string {
	if img == nil || len(img.Data) == 0 {
		return ""
	}
	var mime string
	switch strings.ToLower(img.Type) {
	case "png":
		mime = "image/png"
	case "jpeg", "jpg":
		mime = "image/jpeg"
	}
	// Trust the bytes over the label: a mislabelled file still shows, and
	// anything that is not a PNG or JPEG is left out.
	if sniffed := http.DetectContentType(img.Data); sniffed == "image/png" || sniffed == "image/jpeg" {
		mime = sniffed
	} else {
		return ""
	}
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(img.Data)
}

func htmlCSS(d *doc.Document) string {
	brand := doc.ParseColor(d.Color)
	ink := brand.ReadableOnWhite()
	white := doc.RGB{R: 255, G: 255, B: 255}
	r := strings.NewReplacer(
		"$brand", brand.String(),
		"$pass", doc.StatusColors["pass"].String(), "$fail", doc.StatusColors["fail"].String(),
		"$warn", doc.StatusColors["warn"].String(), "$unknown", doc.StatusColors["unknown"].String(),
		"$ready", doc.VerdictColors["ready"].String(), "$notready", doc.VerdictColors["not-ready"].String(),
		"$unconfirmed", doc.VerdictColors["unconfirmed"].String(),
		"$ink", ink.String(),
		"$tint", brand.Mix(white, 0.9).String(),
		"$wash", brand.Mix(white, 0.96).String(),
		"$header", cssString(d.Header),
		"$footer", cssFooterContent(d.Footer),
	)
	return r.Replace(htmlBaseCSS)
}

const htmlBaseCSS = `:root {
  --brand: $brand; --ink: $ink; --tint: $tint; --wash: $wash;
  --text: #1D2330; --muted: #5B6475; --line: #D9DDE5;
  --pass: $pass; --fail: $fail; --warn: $warn; --unknown: $unknown; --unconfirmed: $unconfirmed;
  --ready: $ready; --not-ready: $notready;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #F4F5F8; color: var(--text); font: 16px/1.55 var(--sans); }
.cover, main { max-width: 60rem; margin: 0 auto; background: #FFF; padding: 0 1.25rem; }
main { padding-top: .5rem; padding-bottom: 2rem; }
.cover { padding-bottom: 1.75rem; border-bottom: 3px solid var(--brand); }
.band { background: var(--brand); margin: 0 -1.25rem; min-height: .75rem; padding: 1rem 1.25rem; }
.band:empty { padding: .4rem 1.25rem; min-height: 0; }
.logo { display: block; max-height: 3.5rem; max-width: 14rem; background: #FFF; padding: .4rem .6rem; border-radius: .3rem; }
.customer { margin: 1.75rem 0 0; font-size: 2rem; font-weight: 700; line-height: 1.2; overflow-wrap: break-word; }
.doc-title { margin: .25rem 0 1.25rem; font-size: 1.25rem; color: var(--ink); font-weight: 600; }
.verdict { border-radius: .5rem; padding: 1rem 1.25rem; color: #FFF; margin: 1rem 0 1.5rem; }
.verdict.ready { background: var(--ready); }
.verdict.not-ready { background: var(--not-ready); }
.verdict.unconfirmed { background: var(--unconfirmed); }
.verdict p { margin: 0; }
.verdict-word { font-size: 2.6rem; font-weight: 800; letter-spacing: .04em; line-height: 1.1; }
.verdict-detail { font-size: 1.1rem; margin-top: .35rem !important; }
.facts { margin: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: .25rem 1.5rem; }
.facts div { display: flex; flex-wrap: wrap; gap: 0 .75rem; padding: .4rem 0; border-bottom: 1px solid var(--line); }
.facts dt { color: var(--muted); flex: 0 0 7.5rem; }
/* Addresses and ids carry <wbr> break points; breaking inside a word is
   the last resort for a single word wider than the screen. */
.facts dd { margin: 0; font-weight: 600; flex: 1 1 12rem; min-width: 0; overflow-wrap: break-word; }
h1, h2, h3, h4 { color: var(--ink); line-height: 1.25; margin: 1.6em 0 .5em; }
h1 { font-size: 1.75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--brand); }
h2 { font-size: 1.35rem; }
h3 { font-size: 1.1rem; }
hr { border: 0; border-top: 2px solid var(--brand); margin: 2rem 0; }
p, ul, ol { margin: .6em 0; }
a { color: var(--ink); overflow-wrap: break-word; }
blockquote { margin: 1rem 0; padding: .5rem 1rem; border-left: 4px solid var(--brand); background: var(--wash); }
code { font-family: var(--mono); font-size: .9em; background: var(--wash); padding: .05em .3em; border-radius: .2rem; overflow-wrap: break-word; }
pre.code { font-family: var(--mono); font-size: .9rem; line-height: 1.45; background: var(--wash); border: 1px solid var(--line); border-left: 4px solid var(--brand); border-radius: .3rem; padding: .75rem 1rem; margin: 1rem 0; white-space: pre-wrap; overflow-wrap: break-word; }
pre.code code { background: none; padding: 0; font-size: inherit; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 1rem 0; border: 1px solid var(--line); border-radius: .3rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { padding: .45rem .65rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); }
th { background: var(--tint); color: var(--ink); font-weight: 700; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #FAFBFC; }
tbody tr:last-child td { border-bottom: 0; }
td { overflow-wrap: break-word; }
td[style*="right"] { white-space: nowrap; font-variant-numeric: tabular-nums; }
/* A table with many columns keeps them readable by scrolling sideways on a
   phone rather than breaking ids and addresses in the middle. */
table:has(th:nth-child(5)) { min-width: 44rem; }
/* The badge draws its own mark: ❗ and ❓ are colour emoji in most fonts and
   would ignore the badge colours. The glyph stays in the text for copying. */
.st { display: inline-block; width: 1.35rem; height: 1.35rem; border-radius: 50%; text-align: center; color: #FFF; font-size: 0; vertical-align: -.25rem; overflow: hidden; }
.st::before { font: 700 .8rem/1.35rem var(--sans); }
.st-pass { background: var(--pass); } .st-pass::before { content: "\2713"; }
.st-fail { background: var(--fail); } .st-fail::before { content: "\2715"; }
.st-warn { background: var(--warn); } .st-warn::before { content: "!"; }
.st-unknown { background: var(--unknown); } .st-unknown::before { content: "?"; }
/* A checklist line shows its box where the bullet would be, and the
   status mark after it: one box, one mark. */
ul:has(> li.task) { padding-left: 2.1rem; }
li.task { list-style: none; position: relative; margin: .35em 0; }
li.task > p:first-child { position: relative; }
input.tick { position: absolute; left: -2rem; top: .1rem; width: 1.3rem; height: 1.3rem; margin: 0; accent-color: var(--brand); cursor: pointer; }
/* A long table is folded under its count; the script unfolds it on a wide
   screen and for printing. */
details.fold { margin: 1rem 0; }
details.fold > summary { cursor: pointer; color: var(--ink); font-weight: 600; padding: .3rem 0; }
details.fold[open] .fold-show, details.fold:not([open]) .fold-count { display: none; }
.chart { margin: 1rem 0; padding: .75rem 1rem; border: 1px solid var(--line); border-radius: .3rem; }
.bar-row { display: grid; grid-template-columns: minmax(6rem, 30%) 1fr auto; gap: .75rem; align-items: center; padding: .3rem 0; }
.bar-label { overflow-wrap: break-word; }
.bar-track { background: var(--wash); border-radius: .2rem; height: 1.2rem; }
.bar { display: block; height: 100%; min-width: 2px; background: var(--brand); border-radius: .2rem; }
.bar-value { font-variant-numeric: tabular-nums; font-weight: 600; white-space: nowrap; }
.img-alt { font-style: italic; color: var(--muted); }
.tok { display: inline-block; max-width: 100%; text-indent: 0; }
.page-footer { max-width: 60rem; margin: 0 auto 2rem; padding: .75rem 1.25rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); background: #FFF; }
@media (max-width: 40rem) {
  body { font-size: 15px; background: #FFF; }
  .cover, main { padding: 0 1rem; }
  main { padding-bottom: 1.5rem; }
  .band { margin: 0 -1rem; padding: .75rem 1rem; }
  .customer { font-size: 1.6rem; }
  .verdict-word { font-size: 2rem; }
  h1 { font-size: 1.45rem; }
  h2 { font-size: 1.2rem; }
  .facts dt { flex-basis: 6.5rem; }
  .bar-row { grid-template-columns: 1fr auto; gap: .2rem .75rem; }
  .bar-label { grid-column: 1 / -1; }
  th, td { padding: .4rem .5rem; }
  th { white-space: normal; }
  /* A table that stays a table fits the screen: a word wider than its
     column breaks. */
  table:not(.cards) td { overflow-wrap: anywhere; }
  /* A table marked as cards (asCards) reads as cards: one row a card, each
     cell a line beside its column's name (data-label). */
  .table-wrap:has(> table.cards) { border: 0; overflow: visible; }
  table.cards { min-width: 0 !important; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: auto; }
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  table.cards tr { border: 1px solid var(--line); border-radius: .3rem; padding: .3rem .6rem; margin: 0 0 .5rem; }
  table.cards tbody tr:nth-child(even) td { background: none; }
  table.cards td { display: grid; grid-template-columns: minmax(5.5rem, 30%) minmax(0, 1fr); gap: .6rem; padding: .2rem 0; border: 0; text-align: left !important; white-space: normal; }
  table.cards td > span { min-width: 0; }
  table.cards td::before { content: attr(data-label); color: var(--muted); font-size: .85em; line-height: 1.8; }
  table.cards td:not([data-label])::before { content: none; }
  table.cards td:not([data-label]) { display: block; }
  table.cards td:has(> span:empty) { display: none; }
}
@page {
  size: A4;
  margin: 18mm 16mm 18mm 16mm;
  @top-left { content: $header; font: 8.5pt var(--sans); color: #5B6475; }
  @bottom-right { content: $footer; font: 8.5pt var(--sans); color: #5B6475; }
}
@page :first {
  @top-left { content: none; }
  @bottom-right { content: none; }
}
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #FFF; font-size: 10pt; }
  .cover, main, .page-footer { max-width: none; padding-left: 0; padding-right: 0; margin: 0; }
  .band { margin: 0; }
  .cover { border-bottom: 0; break-after: page; }
  /* The PDF's page flow: a section starts a new page only when needed, no
     heading ends a page, a lead-in stays with its record or table, a
     table keeps its header with two rows, and short tables (the sign-off)
     stay whole. */
  main > h1 { margin-top: 2.2em; }
  h1, h2, h3, h4 { break-after: avoid; break-inside: avoid; }
  p:has(+ pre.code), p:has(+ .table-wrap), p:has(+ .chart), h2 + p, h3 + p { break-after: avoid; }
  thead { display: table-header-group; }
  tbody tr:nth-child(-n+2) { break-before: avoid; }
  tbody tr:last-child:nth-child(n+3) { break-before: avoid; }
  .table-wrap:has(tbody tr:last-child:nth-child(-n+4)) { break-inside: avoid; }
  tr, pre.code, .chart, .bar-row, blockquote, .facts div { break-inside: avoid; }
  .table-wrap { overflow: visible; border: 0; }
  table:has(th:nth-child(5)) { min-width: 0; }
  /* Every row prints, folded or not: the script unfolds the tables before
     printing; this does it where scripts do not run (Chromium). */
  details.fold > summary { display: none; }
  details.fold::details-content { content-visibility: visible; }
  input.tick { accent-color: #1D2330; }
  .cover { padding-top: 8mm; }
  th, td { border: 1px solid var(--line); }
  p, li { orphans: 3; widows: 3; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; color: var(--muted); }
}
`
