// Package doc is the document both renderers draw, and the facts they
// share: the markdown dialect, the colours, the status marks, the bar-chart
// lines and which links may be followed. The PDF engine (package pdf) and
// the HTML renderer take a Document and nothing else.
package doc

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Document is what the PDF and HTML renderers draw: a cover page made from
// structured data, then a markdown body (CommonMark + GFM tables, task lists
// and strikethrough; raw HTML is never rendered).
//
// Conventions in Body that both renderers honour:
//   - "# " headings start a major section: in the PDF (and print) it
//     continues the page when the rest of the page holds its opening
//     comfortably, else it starts a new page; it gets a PDF outline entry,
//     "## " headings a nested one. No heading ends a page; a paragraph
//     ending in ":" or followed by a table, chart or code block stays with
//     it (its intro); a short table, a chart and a task-list item are never
//     split; a table keeps its header with at least two rows and repeats it
//     on each page; no single line is left alone at the bottom or the top
//     of a page.
//   - A table cell holding only a no-break space ("&nbsp;") is a field to
//     fill in by hand (a date, a signature): the PDF gives its row at least
//     10 mm and its column room to write, the last such column (the
//     signature) at least 50 mm.
//   - The status glyphs ✔ (U+2714, pass), ✖ (U+2716, fail), ❗ (U+2757,
//     warn) and ❓ (U+2753, unknown) are drawn as coloured status marks.
//   - A fenced code block with info string "barchart" holds one bar per line:
//     "label|value|value label" (value a plain decimal with a dot); it is
//     drawn as a horizontal bar chart in the brand colour.
//   - A fenced code block with any other (or no) info string is a copyable
//     monospace box (e.g. the SPF record).
type Document struct {
	Lang     string    // BCP 47 code: "en", "nb", …; PDF /Lang and HTML lang
	Title    string    // document title (metadata, HTML <title>)
	Author   string    // metadata
	Subject  string    // metadata
	Header   string    // running header on every page but the cover (customer name)
	Footer   string    // page footer with {page} and {total}, e.g. "page {page} of {total}"
	Color    string    // brand colour "#RRGGBB"; a sensible default when empty
	Logo     *Image    // optional
	Cover    Cover     //
	Body     []byte    // markdown
	Tree     ast.Node  // Body parsed by Parse, or nil; renderers only read it
	Created  time.Time // fixed creation/modification date (determinism)
	Producer string    // e.g. "migready 0.1.0"
	// Unshown is the PDF's note, in the document's language, that some
	// characters cannot be drawn with its faces and are written as their
	// code points ("[U+0645]"): the PDF prints it once, under the first
	// block where it wrote one (with the cover's, under the body's first
	// block), and not at all when it wrote none, with UnshownCode in it
	// replaced by the first such code point of the document. The HTML
	// draws every character and ignores it.
	Unshown string
	// Rows names a long table's n rows in the document's language for the
	// HTML, which folds such a table: show while it is folded ("Show all 80
	// rows"), count while it is open ("80 rows"). Nil: in English.
	Rows func(n int) (show, count string)
}

// UnshownCode stands in Document.Unshown for an example of the code
// points the PDF writes: it puts there the first it wrote ("such as
// [U+1F469]"), so that the note cites one the reader can find.
const UnshownCode = "\x1a"

// Image is a decoded-enough logo: the bytes and their type.
type Image struct {
	Data []byte
	Type string // "png" or "jpeg"
}

// Cover is the first page.
type Cover struct {
	Customer string      // large
	Title    string      // "Migration readiness pack"
	Verdict  string      // "READY" / "NOT READY"
	Detail   string      // "3 blockers to fix before migration"
	State    string      // "ready", "not-ready" or "unconfirmed": colours the verdict box
	Facts    [][2]string // label/value lines: tenant, date, prepared by…
}

// NewMarkdown returns the markdown dialect both renderers share: CommonMark
// plus the GFM table, strikethrough and task-list extensions.
//
// The body mixes our template text with customer data (user names, e-mails,
// SPF records), so raw HTML is never recognised at all: the HTML block and
// inline raw-HTML parsers are left out, which makes "<script>" plain text
// that each renderer prints literally (escaped in HTML). Linkify and the
// typographer are left out too, so what the customer typed is what prints.
func NewMarkdown() goldmark.Markdown {
	p := parser.NewParser(
		parser.WithBlockParsers(
			util.Prioritized(parser.NewSetextHeadingParser(), 100),
			util.Prioritized(parser.NewThematicBreakParser(), 200),
			util.Prioritized(parser.NewListParser(), 300),
			util.Prioritized(parser.NewListItemParser(), 400),
			util.Prioritized(parser.NewCodeBlockParser(), 500),
			util.Prioritized(parser.NewATXHeadingParser(), 600),
			util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
			util.Prioritized(parser.NewBlockquoteParser(), 800),
			// no HTML block parser (900)
			util.Prioritized(parser.NewParagraphParser(), 1000),
		),
		parser.WithInlineParsers(
			util.Prioritized(parser.NewCodeSpanParser(), 100),
			util.Prioritized(parser.NewLinkParser(), 200),
			util.Prioritized(parser.NewAutoLinkParser(), 300),
			// no raw HTML parser (400)
			util.Prioritized(parser.NewEmphasisParser(), 500),
		),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
	return goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.TaskList,
		),
	)
}

// HTMLText is value (the text of a markdown node) as goldmark's HTML
// renderer writes it: backslash escapes and entities resolved, then
// HTML-escaped.
func HTMLText(value []byte) string {
	t := textWriters.Get().(*textWriter)
	defer textWriters.Put(t)
	t.buf.Reset()
	ghtml.DefaultWriter.Write(t.w, value)
	_ = t.w.Flush()
	return t.buf.String()
}

// textWriter is a reusable buffered writer into buf, so that each node's
// text does not need a buffer of its own.
type textWriter struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

var textWriters = sync.Pool{New: func() any {
	t := &textWriter{}
	t.w = bufio.NewWriter(&t.buf)
	return t
}}

// Parse parses src with the shared dialect. Text segments in the returned
// tree point into src, so callers keep src alongside the node.
func Parse(src []byte) ast.Node {
	return NewMarkdown().Parser().Parse(text.NewReader(src))
}

// Parsed is d.Tree, or d.Body parsed when d has no tree: the PDF and the
// HTML of a pack render one body, parsed once.
func (d *Document) Parsed() ast.Node {
	if d.Tree != nil {
		return d.Tree
	}
	return Parse(d.Body)
}

// RGB is a colour of the pack: the brand colour and the status colours, as
// both the PDF and the HTML renderer use them.
type RGB struct{ R, G, B int }

// String is the CSS form, "#RRGGBB".
func (c RGB) String() string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// ParseColor reads "#RRGGBB"; anything else gives the default brand colour,
// since validating the profile is not the renderer's job.
func ParseColor(s string) RGB {
	if !strings.HasPrefix(s, "#") {
		return DefaultBrand
	}
	s = s[1:]
	if len(s) != 6 {
		return DefaultBrand
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return DefaultBrand
	}
	return RGB{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}
}

// Luminance is the WCAG relative luminance.
func (c RGB) Luminance() float64 {
	lin := func(v int) float64 {
		f := float64(v) / 255
		if f <= 0.03928 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Mix blends c towards o by t (0: c, 1: o).
func (c RGB) Mix(o RGB, t float64) RGB {
	m := func(a, b int) int { return int(math.Round(float64(a) + (float64(b)-float64(a))*t)) }
	return RGB{m(c.R, o.R), m(c.G, o.G), m(c.B, o.B)}
}

// ReadableOnWhite darkens a light brand colour until text in it has at
// least 4.5:1 contrast on white, so a yellow brand still gives legible
// headings.
func (c RGB) ReadableOnWhite() RGB {
	for i := 0; i < 40 && c.ContrastWithWhite() < 4.5; i++ {
		c = c.Mix(RGB{}, 0.08)
	}
	return c
}

// ContrastWithWhite is the WCAG contrast ratio of c against white.
func (c RGB) ContrastWithWhite() float64 { return 1.05 / (c.Luminance() + 0.05) }

// DefaultBrand is the brand colour when the profile gives none.
var DefaultBrand = RGB{0x0b, 0x5f, 0xff}

// Status marks: the glyphs the pack's markdown uses for a check's status,
// which both renderers draw as coloured badges, and the status each means.
var Marks = map[rune]string{'✔': "pass", '✖': "fail", '❗': "warn", '❓': "unknown"}

// Mark returns the glyph of a status ("pass", "fail", "warn", "unknown").
func Mark(status string) string {
	for r, s := range Marks {
		if s == status {
			return string(r)
		}
	}
	return "❓"
}

// StatusColors are the colours of the status badges, dark enough for white
// marks on them (WCAG 4.5:1), in the PDF, the HTML and the workbook alike.
var StatusColors = map[string]RGB{
	"pass":    {0x16, 0x79, 0x4a},
	"fail":    {0xc6, 0x28, 0x28},
	"warn":    {0xb4, 0x5f, 0x06},
	"unknown": {0x5b, 0x64, 0x75},
}

// VerdictColors are the colours of the cover's verdict box, by state.
var VerdictColors = map[string]RGB{
	"ready":       {0x15, 0x80, 0x3d},
	"not-ready":   {0xb9, 0x1c, 0x1c},
	"unconfirmed": {0x9a, 0x4b, 0x05}, // amber dark enough for white text
}

// VerdictColor is the verdict box's colour for a state; not ready when the
// state is unknown.
func VerdictColor(state string) RGB {
	if c, ok := VerdictColors[state]; ok {
		return c
	}
	return VerdictColors["not-ready"]
}

// Bar is one bar of a "barchart" block.
type Bar struct {
	Label      string
	Value      float64 // 0 for a bar whose value is not a positive number
	ValueLabel string  // what is printed beside the bar
}

// BarLine writes one line of a "barchart" block: "label|value|value label".
// The separator is taken out of the label, since the block is not markdown.
func BarLine(label string, value float64, valueLabel string) string {
	return strings.ReplaceAll(label, "|", "/") + "|" + strconv.FormatFloat(value, 'f', 2, 64) + "|" + valueLabel
}

// ParseBars reads a "barchart" block's lines; a line without a valid value
// draws an empty bar rather than failing the whole report.
func ParseBars(lines []string) []Bar {
	var bars []Bar
	for _, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.SplitN(line, "|", 3)
		b := Bar{Label: strings.TrimSpace(parts[0])}
		if len(parts) > 1 {
			v, err := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
			if err == nil && v > 0 && !math.IsInf(v, 0) && v < 1e300 {
				b.Value = v
			}
			b.ValueLabel = strings.TrimSpace(parts[1])
		}
		if len(parts) > 2 {
			b.ValueLabel = strings.TrimSpace(parts[2])
		}
		bars = append(bars, b)
	}
	return bars
}

// SafeLink keeps the link targets a readiness pack may follow (web, mail,
// and with anchors true, in-page anchors) and returns "" for anything else
// (javascript:, data:, file:, relative paths), whose text prints unlinked.
func SafeLink(dest string, anchors bool) string {
	l := strings.ToLower(strings.TrimSpace(dest))
	schemes := []string{"https://", "http://", "mailto:"}
	if anchors {
		schemes = append(schemes, "#")
	}
	for _, p := range schemes {
		if strings.HasPrefix(l, p) {
			return strings.TrimSpace(dest)
		}
	}
	return ""
}
