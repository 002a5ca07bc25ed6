package pdf

import (
	"strconv"
	"strings"

	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/render/doc"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Vertical rhythm, in mm: the space a block wants above it. Adjacent
// spaces collapse to the larger one and vanish at the top of a page.
const (
	spaceParagraph = 2.6
	spaceList      = 3.0
	spaceNested    = 1.2
	spaceItemTight = 1.2
	spaceItemLoose = 2.0
	spaceCode      = 3.6
	spaceQuote     = 4.0
	spaceTable     = 4.5
	spaceRule      = 6.0
	spaceH2Before  = 8.5
	spaceH3Before  = 6.0
)

// blocks lays out the block children of parent, then sets the keeps that
// depend on a block's neighbours.
func (r *pdfRenderer) blocks(parent ast.Node) {
	var kids []ast.Node
	var spans []span
	top := parent.Kind() == ast.KindDocument
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		from := len(r.boxes)
		r.block(c)
		if top && r.coded && !r.noted && !isHeading(c) && len(r.boxes) > from {
			r.unshownNote()
		}
		kids = append(kids, c)
		spans = append(spans, span{from, len(r.boxes)})
	}
	r.keepNeighbours(parent, kids, spans)
}

// firstCode is the first code point d is written with in place of a
// character its faces lack, in reading order (eachText), the status
// symbols aside (drawn as marks): the note's example.
// The faces of text and of records lack nearly the same characters;
// "[U+0645]" when neither finds one.
func firstCode(d *doc.Document) string {
	var texts []string
	eachText(d, func(t []byte) { texts = append(texts, string(t)) })
	for _, id := range []fontID{fontRegular, fontMono} {
		for _, s := range texts {
			code := ""
			s = strings.Map(func(r rune) rune {
				if _, _, mark := statusMark(r); mark {
					return -1 // drawn as a mark, not a code point
				}
				return r
			}, s)
			sanitizeRuns(s, id, func(text string, coded bool) {
				if coded && code == "" {
					code = text[:strings.IndexByte(text, ']')+1]
				}
			})
			if code != "" {
				return code
			}
		}
	}
	return shown.Marked(0x0645)
}

// unshownNote lays out, once, the document's note that characters the
// faces lack are written as their code points (doc.Document.Unshown):
// under the first block that wrote one (a table of users, say), kept with
// its last line, in small muted italics. With the cover or the running
// header the first, under the body's first block.
func (r *pdfRenderer) unshownNote() {
	r.noted = true
	note := strings.TrimSpace(r.doc.Unshown)
	if note == "" {
		return
	}
	note = strings.Replace(note, doc.UnshownCode, firstCode(r.doc), 1)
	r.boxes[len(r.boxes)-1].keep = true
	b := &inlineBuilder{}
	b.addText(note, b.style(textStyle{font: fontItalic, size: tableSize, color: colMuted}))
	after := r.pending
	r.pending = 0
	r.space(1.6) // close under the block it speaks of
	r.textLines(b, unshownNode, tableSize, tableLeading)
	r.pending = after
}

// unshownNode is the node of the note's boxes: the note is not in the
// markdown.
var unshownNode ast.Node = ast.NewParagraph()

// keepNeighbours sets the keeps between sibling blocks kids, laid out as
// spans: intros and leads with what they introduce, a chart with its
// table, and a section's last line with the line before it.
func (r *pdfRenderer) keepNeighbours(parent ast.Node, kids []ast.Node, spans []span) {
	for i, c := range kids {
		s := spans[i]
		if s.n() == 0 {
			continue
		}
		var prev, next ast.Node
		if i > 0 {
			prev = kids[i-1]
		}
		if i+1 < len(kids) {
			next = kids[i+1]
		}
		switch {
		case isParagraph(c) && next != nil && r.introduces(c, next):
			// "The record to publish:", "25 users can log in: …" stay with
			// the record or table; a short intro ("What to do: …") with the
			// short line before it ("Problem: …") too.
			r.boxes[s.to-1].keep = true
			if isFigure(next) && s.n() <= 2 && i > 0 && isParagraph(prev) && spans[i-1].n() == 1 {
				r.boxes[spans[i-1].to-1].keep = true
			}
		case isParagraph(c) && isHeading(prev) && s.n() <= 2 && next != nil:
			// A one- or two-line lead ("Blocker: …") belongs with what it
			// leads.
			r.boxes[s.to-1].keep = true
		case isParagraph(c) && isHeading(prev) && isHeading(next):
			// A section's intro to its sub-sections does not end a page.
			r.boxes[s.to-1].keep = true
		case isTable(c) && r.isChart(next):
			r.boxes[s.to-1].keep = true
		}
		if r.isChart(c) && i >= 2 && isParagraph(prev) && isTable(kids[i-2]) && spans[i-2].n() > 0 {
			// The Low/Expected/High table, the line that introduces the
			// chart and the chart are one figure.
			r.boxes[spans[i-2].to-1].keep = true
		}
		// A section's last line never stands alone at the top of a page.
		if s.n() == 1 && !isHeading(c) && (isHeading(next) || (next == nil && parent.Kind() == ast.KindDocument)) {
			r.keepBefore(s.from)
		}
	}
}

func isParagraph(n ast.Node) bool {
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return true
	}
	return false
}

func isHeading(n ast.Node) bool { _, ok := n.(*ast.Heading); return ok }

func isTable(n ast.Node) bool { _, ok := n.(*east.Table); return ok }

// isChart reports whether n is a "barchart" block.
func (r *pdfRenderer) isChart(n ast.Node) bool {
	fc, ok := n.(*ast.FencedCodeBlock)
	return ok && fc.Info != nil && strings.EqualFold(strings.TrimSpace(string(fc.Language(r.src))), "barchart")
}

// isFigure reports whether n is a table, a chart or a code block: what an
// intro paragraph introduces.
func isFigure(n ast.Node) bool {
	switch n.(type) {
	case *east.Table, *ast.FencedCodeBlock, *ast.CodeBlock:
		return true
	}
	return false
}

// introduces reports whether paragraph p introduces next: next is a
// table, chart or code block, or p ends with a colon.
func (r *pdfRenderer) introduces(p, next ast.Node) bool {
	return isFigure(next) || leadsIn(p, r.src)
}

// flowHeight is the height boxes [from, to) take on one page.
func (r *pdfRenderer) flowHeight(from, to int) float64 {
	h := 0.0
	for i := from; i < to; i++ {
		b := r.boxes[i]
		if i > from {
			h += b.before
		}
		h += b.h
	}
	return h
}

// space owes max(before, what the previous block asked for) of vertical
// space above the next box; none when the block starts a list item or a
// quote, whose own gap stands.
func (r *pdfRenderer) space(before float64) {
	if r.suppress {
		r.pending, r.suppress = 0, false
		return
	}
	r.gap = max(r.gap, before, r.pending)
	r.pending = 0
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
		if r.isChart(v) {
			r.barChart(v, blockLines(v, r.src))
		} else {
			r.codeBlock(v, blockLines(v, r.src))
		}
	case *ast.CodeBlock:
		r.codeBlock(v, blockLines(v, r.src))
	case *ast.HTMLBlock:
		// Our parser never produces these; print the source literally.
		r.codeBlock(v, blockLines(v, r.src))
	case *ast.ThematicBreak:
		r.space(spaceRule)
		x0, w := r.x0, r.w
		r.emit(&box{h: 0.3, kind: boxRule, node: v, draw: func(r *pdfRenderer, y float64) {
			r.hline(x0, x0+w, y, 0.3, colRule)
		}})
		r.pending = spaceRule
	case *east.Table:
		r.table(v)
	default:
		r.blocks(n)
	}
}

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
	var size, before, after float64
	col := r.brandText
	switch h.Level {
	case 1:
		size, before, after = 20, spaceH1Before, 7
	case 2:
		size, before, after = 14.5, spaceH2Before, 3.2
	case 3:
		size, before, after, col = 11.5, spaceH3Before, 2.2, colText
	default:
		size, before, after, col = 10, spaceH3Before, 2.2, colText
	}
	b := &inlineBuilder{}
	c := inlineCollector{b: b, src: r.src}
	c.walk(h, textStyle{font: fontBold, size: size, color: col})
	r.coded = r.coded || b.coded
	lines := b.layout(r.w)
	lh := size * 1.2 * ptToMM
	r.space(before)

	title, level := plainText(h, r.src), h.Level-1
	if title == "" || h.Level > 2 {
		level = -1 // no outline entry
	} else if level == 1 && !r.outlined {
		level = 0 // an H2 before any H1 cannot nest
	}
	if level == 0 {
		r.outlined = true
	}
	x0, w := r.x0, r.w
	for i, l := range lines {
		bx := &box{h: lh, keep: true, kind: boxHeading, node: h, line: i}
		if i == 0 && h.Level == 1 {
			// A major section continues the page when the rest of it
			// holds the section's opening comfortably.
			bx.room = minSectionRoom
		}
		last := i == len(lines)-1
		rule := last && h.Level == 1
		if rule {
			bx.h += 2.2
		}
		bookmark := i == 0 && level >= 0
		bx.draw = func(r *pdfRenderer, y float64) {
			if bookmark {
				r.setFont(fontBold, size) // fpdf encodes the title as UTF-16 only with a UTF-8 font selected
				r.pdf.Bookmark(title, level, y)
			}
			r.drawLine(b, l, x0, y, lh, size)
			if rule {
				r.hline(x0, x0+w, y+lh+2.2, 0.45, r.brand)
			}
		}
		r.emit(bx)
	}
	r.pending = after
}

// --- paragraphs ------------------------------------------------------------

func (r *pdfRenderer) paragraph(n ast.Node) {
	b := &inlineBuilder{}
	c := inlineCollector{b: b, src: r.src, skipTaskBox: r.skipTaskBox}
	r.skipTaskBox = false
	c.walk(n, textStyle{font: fontRegular, size: bodySize, color: r.baseText})
	r.coded = r.coded || b.coded
	if b.empty() && r.marker == nil {
		return
	}
	r.space(spaceParagraph)
	r.textLines(b, n, bodySize, bodyLeading)
	r.pending = spaceParagraph
}

// leadsIn reports whether paragraph n introduces the block after it: its
// text ends with a colon.
func leadsIn(n ast.Node, src []byte) bool {
	t := plainText(n, src)
	return strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：")
}

// textLines lays b out across the block width, one box per line, and keeps
// the first two and the last two lines together: no single line of it
// alone at the bottom or the top of a page.
func (r *pdfRenderer) textLines(b *inlineBuilder, n ast.Node, size, leading float64) span {
	lines := b.layout(r.w)
	lh := size * leading * ptToMM
	from := len(r.boxes)
	x0 := r.x0
	for i, l := range lines {
		mk := r.takeMarker()
		r.emit(&box{h: lh, kind: boxLine, node: n, line: i, draw: func(r *pdfRenderer, y float64) {
			if mk != nil {
				r.drawMarker(mk, y+lh/2+0.345*size*ptToMM, size)
			}
			r.drawLine(b, l, x0, y, lh, size)
		}})
	}
	if k := len(lines); k >= 2 {
		r.boxes[from].keep = true
		r.boxes[from+k-2].keep = true
	}
	return span{from, len(r.boxes)}
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

// list lays out a list: each item's marker beside its first line, a
// checklist (task) item never split, and neither the first nor the last
// item alone on a page.
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
	var items []span
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		if item != l.FirstChild() {
			r.pending = 0 // the item gap replaces the paragraph's own spacing
			r.space(gap)
		}
		mk := &listMarker{kind: markBullet, depth: depth, x: r.x0, w: markerW}
		if l.IsOrdered() {
			mk.kind, mk.number = markNumber, strconv.Itoa(num)+"."
		}
		task := taskBox(item)
		if task != nil {
			mk.kind, mk.checked = markBox, task.IsChecked
			r.skipTaskBox = true
		}
		r.marker = mk
		saveX, saveW, saveItem := r.x0, r.w, r.item
		indent := r.indent(markerW)
		r.x0 += indent
		r.w -= indent
		r.item = item
		r.suppress = true
		from := len(r.boxes)
		r.blocks(item)
		r.suppress, r.skipTaskBox = false, false
		if mk := r.takeMarker(); mk != nil {
			// An empty item still shows its bullet.
			lh := bodySize * bodyLeading * ptToMM
			r.emit(&box{h: lh, kind: boxMarker, node: item, draw: func(r *pdfRenderer, y float64) {
				r.drawMarker(mk, y+lh/2+0.345*bodySize*ptToMM, bodySize)
			}})
		}
		if task != nil {
			r.keepRange(from, len(r.boxes))
		}
		items = append(items, span{from, len(r.boxes)})
		r.x0, r.w, r.item = saveX, saveW, saveItem
		num++
	}
	if n := len(items); n >= 2 {
		r.keepBefore(items[1].from)
		r.keepBefore(items[n-1].from)
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

// takeMarker returns the list marker still to be drawn, for the box being
// made to draw beside its first line, and clears it.
func (r *pdfRenderer) takeMarker() *listMarker {
	mk := r.marker
	r.marker = nil
	return mk
}

// drawMarker draws a list marker beside the line whose baseline is given.
func (r *pdfRenderer) drawMarker(mk *listMarker, baseline, size float64) {
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

func (r *pdfRenderer) quote(n *ast.Blockquote) {
	r.space(spaceQuote)
	r.gap += 0.8
	r.pushGroup(&group{kind: groupQuote, x: r.x0})
	saveX, saveW, saveCol := r.x0, r.w, r.baseText
	indent := r.indent(6)
	r.x0 += indent
	r.w -= indent
	r.baseText = doc.RGB{R: 0x37, G: 0x41, B: 0x51}
	r.suppress = true
	r.blocks(n)
	r.suppress = false
	r.popGroup()
	r.x0, r.w, r.baseText = saveX, saveW, saveCol
	r.pending = spaceQuote + 0.8
}

// --- code blocks -------------------------------------------------------------

// codeBlock lays out a monospace box, one box per line; a short one (a
// record to copy) is never split, a long one keeps three lines together at
// either end.
func (r *pdfRenderer) codeBlock(n ast.Node, src []string) {
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
		var coded bool
		l, coded = displayText(strings.ReplaceAll(l, "\t", "    "), fontMono)
		r.coded = r.coded || coded
		lines = append(lines, wrapMono(l, perLine)...)
	}
	r.pushGroup(&group{kind: groupCode, x: r.x0, w: r.w})
	from := len(r.boxes)
	x0 := r.x0
	for i, l := range lines {
		bx := &box{h: lh, kind: boxCode, node: n, line: i}
		off := 0.0
		if i == 0 {
			bx.h += padY
			off = padY
		} else {
			bx.contTop = padY
		}
		if i == len(lines)-1 {
			bx.h += padY
		} else {
			bx.contBottom = padY
		}
		mk := r.takeMarker()
		bx.draw = func(r *pdfRenderer, y float64) {
			baseline := y + off + lh/2 + 0.345*em
			if mk != nil {
				r.drawMarker(mk, baseline, bodySize)
			}
			if strings.TrimSpace(l) != "" {
				r.text(x0+padX, baseline, l, fontMono, size, colText)
			}
		}
		r.emit(bx)
	}
	r.popGroup()
	to := len(r.boxes)
	if r.flowHeight(from, to) <= keepCode {
		r.keepRange(from, to)
	} else {
		r.keepRange(from, from+3)
		r.keepRange(to-3, to)
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
