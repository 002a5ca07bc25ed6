package pdf

import (
	"github.com/migready/migready/render/doc"
	"math"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Vertical rhythm, in mm: the space a block wants above it. Adjacent
// spaces collapse to the larger one and vanish at the top of a page.
const (
	spaceParagraph = 3.0
	spaceList      = 3.0
	spaceNested    = 1.2
	spaceItemTight = 1.2
	spaceItemLoose = 2.6
	spaceCode      = 3.6
	spaceQuote     = 4.0
	spaceTable     = 4.5
	spaceRule      = 6.0
	spaceH2Before  = 8.5
	spaceH3Before  = 6.0
	keepWithNext   = 18.0 // a heading never ends a page with less than this below it
)

// blocks draws the block children of parent.
func (r *pdfRenderer) blocks(parent ast.Node) {
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		r.block(c)
	}
}

func (r *pdfRenderer) block(n ast.Node) {
	switch v := n.(type) {
	case *ast.Heading:
		r.heading(v)
	case *ast.Paragraph, *ast.TextBlock:
		r.paragraph(v)
	case *ast.List:
		r.list(v)
	case *ast.Blockquote:
		r.quote(v)
	case *ast.FencedCodeBlock:
		lang := ""
		if v.Info != nil {
			lang = strings.ToLower(strings.TrimSpace(string(v.Language(r.src))))
		}
		if lang == "barchart" {
			r.barChart(blockLines(v, r.src))
		} else {
			r.codeBlock(blockLines(v, r.src))
		}
	case *ast.CodeBlock:
		r.codeBlock(blockLines(v, r.src))
	case *ast.HTMLBlock:
		// Our parser never produces these; print the source literally.
		r.codeBlock(blockLines(v, r.src))
	case *ast.ThematicBreak:
		r.space(spaceRule)
		r.ensure(1)
		r.hline(r.x0, r.x0+r.w, r.y, 0.3, colRule)
		r.drawn()
		r.pending = spaceRule
	case *east.Table:
		r.table(v)
	default:
		r.blocks(n)
	}
}

func (r *pdfRenderer) drawn() { r.atTop = false }

// blockLines returns the raw lines of a code-like block, without their
// newlines.
func blockLines(n ast.Node, src []byte) []string {
	var sb strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		sb.Write(seg.Value(src))
	}
	s := strings.TrimSuffix(sb.String(), "\n")
	if s == "" && lines.Len() == 0 {
		return nil
	}
	return strings.Split(s, "\n")
}

// --- headings ---------------------------------------------------------------

func (r *pdfRenderer) heading(h *ast.Heading) {
	var size float64
	col := r.brandText
	font := fontBold
	switch h.Level {
	case 1:
		size = 20
	case 2:
		size = 14.5
	case 3:
		size, col = 11.5, colText
	default:
		size, col = 10, colText
	}
	var b inlineBuilder
	c := inlineCollector{b: &b, src: r.src}
	c.walk(h, textStyle{font: font, size: size, color: col})
	leading := 1.2
	lines := b.layout(r.w)
	lh := size * leading * ptToMM
	height := float64(len(lines)) * lh

	switch h.Level {
	case 1:
		// A major section continues the page when the rest of it holds
		// the section's opening comfortably.
		r.space(spaceH1Before)
		r.ensure(max(height+2.2+7+r.keepAfter(h), minSectionRoom))
	case 2:
		r.space(spaceH2Before)
		r.ensure(height + 3.2 + max(r.keepAfter(h), keepWithNext))
	default:
		r.space(spaceH3Before)
		r.ensure(height + 2.2 + max(r.keepAfter(h), keepWithNext))
	}
	if title := plainText(h, r.src); title != "" && h.Level <= 2 {
		level := h.Level - 1
		if level == 1 && !r.outlined {
			level = 0 // an H2 before any H1 cannot nest
		}
		if level == 0 {
			r.outlined = true
		}
		r.setFont(fontBold, size) // fpdf encodes the title as UTF-16 only with a UTF-8 font selected
		r.pdf.Bookmark(title, level, r.y)
	}
	for _, l := range lines {
		r.drawLine(&b, l, r.x0, r.y, lh, size)
		r.y += lh
	}
	r.drawn()
	switch h.Level {
	case 1:
		r.y += 2.2
		r.hline(r.x0, r.x0+r.w, r.y, 0.45, r.brand)
		r.pending = 7
	case 2:
		r.pending = 3.2
	default:
		r.pending = 2.2
	}
}

// --- paragraphs ------------------------------------------------------------

func (r *pdfRenderer) paragraph(n ast.Node) {
	var b inlineBuilder
	c := inlineCollector{b: &b, src: r.src, skipTaskBox: r.skipTaskBox}
	r.skipTaskBox = false
	c.walk(n, textStyle{font: fontRegular, size: bodySize, color: r.baseText})
	if b.empty() && r.marker == nil {
		return
	}
	r.space(spaceParagraph)
	if next := n.NextSibling(); next != nil && r.listDepth == 0 && leadsIn(n, r.src) {
		// "The record to publish:" stays with the record.
		lines := len(b.layout(r.w))
		r.ensure(float64(lines)*bodySize*bodyLeading*ptToMM + r.measure(next, r.w, false, false))
	}
	r.flow(&b, bodySize, bodyLeading)
	r.pending = spaceParagraph
}

// leadsIn reports whether paragraph n introduces the block after it: its
// text ends with a colon.
func leadsIn(n ast.Node, src []byte) bool {
	t := plainText(n, src)
	return strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：")
}

// flow lays b out across the current block width and draws it, breaking
// pages between lines but never leaving a single line of a paragraph alone
// at the bottom or top of a page.
func (r *pdfRenderer) flow(b *inlineBuilder, size, leading float64) {
	lines := b.layout(r.w)
	lh := size * leading * ptToMM
	for i := 0; i < len(lines); {
		rest := len(lines) - i
		k := min(rest, int(math.Floor((bodyBottom-r.y+0.01)/lh)))
		if k < rest {
			if rest-k == 1 && k > 1 {
				k-- // carry a line over with the widow
			}
			if k < 1 || (i == 0 && k < 2) {
				if !r.atTop {
					r.newPage()
					continue
				}
				k = max(k, 1)
			}
		}
		for _, l := range lines[i : i+k] {
			r.drawLine(b, l, r.x0, r.y, lh, size)
			r.y += lh
		}
		r.drawn()
		i += k
		if i < len(lines) {
			r.newPage()
		}
	}
}

// --- lists -----------------------------------------------------------------

type markerKind int

const (
	markBullet markerKind = iota
	markNumber
	markBox
)

type listMarker struct {
	kind    markerKind
	depth   int
	number  string
	checked bool
	x, w    float64 // marker column
}

func (r *pdfRenderer) list(l *ast.List) {
	depth := r.listDepth
	if depth == 0 {
		r.space(spaceList)
	} else {
		r.pending = 0 // a nested list hugs its parent item's text
		r.space(spaceNested)
	}
	markerW := 5.5
	last := l.Start + l.ChildCount() - 1
	if l.IsOrdered() {
		w := textWidth(strconv.Itoa(max(last, l.Start))+".", fontRegular, bodySize)
		markerW = max(markerW, w+2.4)
	}
	gap := spaceItemTight
	if !l.IsTight {
		gap = spaceItemLoose
	}
	r.listDepth++
	num := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		if item != l.FirstChild() {
			r.pending = 0 // the item gap replaces the paragraph's own spacing
			r.space(gap)
		}
		mk := &listMarker{kind: markBullet, depth: depth, x: r.x0, w: markerW}
		if l.IsOrdered() {
			mk.kind, mk.number = markNumber, strconv.Itoa(num)+"."
		}
		if box := taskBox(item); box != nil {
			mk.kind, mk.checked = markBox, box.IsChecked
			r.skipTaskBox = true
		}
		r.marker = mk
		saveX, saveW := r.x0, r.w
		indent := r.indent(markerW)
		r.x0 += indent
		r.w -= indent
		r.suppress = true
		r.blocks(item)
		r.suppress, r.skipTaskBox = false, false
		if r.marker != nil {
			// An empty item still shows its bullet.
			lh := bodySize * bodyLeading * ptToMM
			r.ensure(lh)
			r.drawMarker(r.y+lh/2+0.345*bodySize*ptToMM, bodySize)
			r.y += lh
			r.drawn()
		}
		r.x0, r.w = saveX, saveW
		num++
	}
	r.listDepth--
	if depth == 0 {
		r.pending = spaceList
	} else {
		r.pending = spaceNested
	}
}

// minBlockW is the narrowest text column nesting may leave: deeper lists
// and quotes stop indenting rather than set text a few letters wide.
const minBlockW = 60.0

func (r *pdfRenderer) indent(want float64) float64 {
	return max(0, min(want, r.w-minBlockW))
}

// taskBox returns the GFM task box that starts item, if any.
func taskBox(item ast.Node) *east.TaskCheckBox {
	first := item.FirstChild()
	if first == nil {
		return nil
	}
	if tb, ok := first.FirstChild().(*east.TaskCheckBox); ok {
		return tb
	}
	return nil
}

// drawMarker draws the pending list marker beside the line whose baseline
// is given, then clears it.
func (r *pdfRenderer) drawMarker(baseline, size float64) {
	mk := r.marker
	r.marker = nil
	em := size * ptToMM
	cy := baseline - 0.33*em
	switch mk.kind {
	case markNumber:
		w := textWidth(mk.number, fontRegular, size)
		r.text(mk.x+mk.w-2.2-w, baseline, mk.number, fontRegular, size, colMuted)
	case markBox:
		m := ' '
		if mk.checked {
			m = 'x'
		}
		r.drawMark(atomBox, m, mk.x-0.1*em, baseline, size)
	default:
		cx := mk.x + 1.5
		switch mk.depth {
		case 0:
			r.setFillColor(r.brandText)
			r.pdf.Circle(cx, cy, 0.62, "F")
		case 1:
			r.setDrawColor(r.brandText)
			r.setLineWidth(0.25)
			r.pdf.Circle(cx, cy, 0.6, "D")
		default:
			r.fillRect(cx-0.55, cy-0.55, 1.1, 1.1, r.brandText)
		}
	}
}

// --- block quotes ------------------------------------------------------------

type quoteBar struct {
	x, top float64
	col    doc.RGB
}

func (q *quoteBar) draw(r *pdfRenderer, bottom float64) {
	if bottom > q.top+0.5 {
		r.fillRect(q.x, q.top, 1.1, bottom-q.top, q.col)
	}
}

func (r *pdfRenderer) quote(n *ast.Blockquote) {
	r.space(spaceQuote)
	r.ensure(14)
	q := &quoteBar{x: r.x0, top: r.y, col: r.brand}
	r.inQuote = append(r.inQuote, q)
	saveX, saveW, saveCol := r.x0, r.w, r.baseText
	indent := r.indent(6)
	r.x0 += indent
	r.w -= indent
	r.baseText = doc.RGB{R: 0x37, G: 0x41, B: 0x51}
	r.y += 0.8
	r.suppress = true
	r.blocks(n)
	r.suppress = false
	r.y += 0.8
	q.draw(r, r.y)
	r.inQuote = r.inQuote[:len(r.inQuote)-1]
	r.x0, r.w, r.baseText = saveX, saveW, saveCol
	r.drawn()
	r.pending = spaceQuote
}

// --- code blocks -------------------------------------------------------------

func (r *pdfRenderer) codeBlock(src []string) {
	if len(src) == 0 {
		return
	}
	r.space(spaceCode)
	const padX, padY = codePadX, codePadY
	size := codeSize
	lh := size * codeLeading * ptToMM
	em := size * ptToMM
	perLine := r.monoPerLine(r.w)
	// Liberation Mono is fixed-pitch, so wrapping by rune count is wrapping
	// by width. Lines break at spaces only, so every term of a record (an
	// SPF include, a formula's variable) stays whole on one line and comes
	// back whole when copied; a single term longer than a line breaks
	// after a dot, colon, slash or similar, and only mid-term as a last
	// resort. Nothing is clipped.
	var lines []string
	for _, l := range src {
		l = sanitizeText(strings.ReplaceAll(l, "\t", "    "), fontMono)
		lines = append(lines, wrapMono(l, perLine)...)
	}
	for i := 0; i < len(lines); {
		rest := len(lines) - i
		k := min(rest, int(math.Floor((bodyBottom-r.y-2*padY+0.01)/lh)))
		if k < rest && (k < 3 || (i == 0 && k < 3)) && !r.atTop {
			r.newPage()
			continue
		}
		k = max(k, 1)
		h := float64(k)*lh + 2*padY
		r.setFillColor(colCodeBg)
		r.setDrawColor(colCodeLine)
		r.setLineWidth(0.2)
		r.pdf.RoundedRect(r.x0, r.y, r.w, h, 1.6, "1234", "DF")
		y := r.y + padY
		for _, l := range lines[i : i+k] {
			baseline := y + lh/2 + 0.345*em
			if r.marker != nil {
				r.drawMarker(baseline, bodySize)
			}
			if strings.TrimSpace(l) != "" {
				r.text(r.x0+padX, baseline, l, fontMono, size, colText)
			}
			y += lh
		}
		r.y += h
		r.drawn()
		i += k
		if i < len(lines) {
			r.newPage()
		}
	}
	r.pending = spaceCode
}

const codePadX, codePadY = 3.4, 2.4

// monoPerLine is how many monospace characters a code block w mm wide holds.
func (r *pdfRenderer) monoPerLine(w float64) int {
	cw := float64(metrics[fontMono].width('0')) * codeSize / 1000 * ptToMM
	return max(1, int((w-2*codePadX)/cw))
}

// wrapMono breaks a line of fixed-pitch text into lines of at most perLine
// runes at spaces (the spaces at a break are dropped); see breakToken for
// a term longer than a line.
func wrapMono(l string, perLine int) []string {
	rs := []rune(l)
	if len(rs) <= perLine {
		return []string{l}
	}
	var out []string
	for len(rs) > perLine {
		cut := -1
		for i := perLine; i > 0; i-- {
			if rs[i] == ' ' {
				cut = i
				break
			}
		}
		// Leading indentation is not a break point.
		if cut > 0 && strings.TrimSpace(string(rs[:cut])) == "" {
			cut = -1
		}
		if cut < 0 {
			n := breakToken(rs, perLine)
			out = append(out, string(rs[:n]))
			rs = rs[n:]
			continue
		}
		out = append(out, strings.TrimRight(string(rs[:cut]), " "))
		for cut < len(rs) && rs[cut] == ' ' {
			cut++
		}
		rs = rs[cut:]
	}
	if len(rs) > 0 {
		out = append(out, string(rs))
	}
	return out
}

// breakToken returns where to break a term that does not fit in limit
// runes: after the last separator (., @, :, /, -, _, =, ;, ,) in its
// second half, or at limit when there is none. No hyphen is added: the
// term must read back exactly when the lines are joined.
func breakToken(rs []rune, limit int) int {
	limit = min(limit, len(rs))
	for i := limit; i > limit/2 && i > 0; i-- {
		if isTokenBreak(rs[i-1]) {
			return i
		}
	}
	return max(limit, 1)
}

func isTokenBreak(r rune) bool {
	switch r {
	case '.', '@', ':', '/', '-', '_', '=', ';', ',', '\\', '|':
		return true
	}
	return false
}
