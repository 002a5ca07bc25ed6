package pdf

import (
	"bytes"
	"github.com/migready/migready/render/doc"
	stdhtml "html"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Inline layout: markdown inlines become styled atoms (words, spaces,
// status marks, task boxes), which are broken into lines we position and
// draw ourselves. fpdf's Write/MultiCell cannot mix styles, draw status
// marks or wrap inside table cells the way the pack needs.

type textStyle struct {
	font   fontID
	size   float64 // pt
	color  doc.RGB
	link   string
	under  bool
	strike bool
	code   bool
}

type atomKind uint8

const (
	atomText atomKind = iota
	atomSpace
	atomMark  // status mark drawn as a shape: mark is ✔, ✖, ❗ or ❓
	atomBox   // task box: mark is 'x' when ticked
	atomBreak // hard line break
)

type atom struct {
	kind atomKind
	st   int // index into inlineBuilder.styles
	mark rune
	text string
	w    float64 // mm
	// whole: a placeholder ("[U+0645]"), broken from its neighbours but
	// never inside.
	whole bool
}

type placed struct {
	atom
	x float64 // from the line's left edge, mm
}

type inlineLine struct {
	atoms []placed // in reading order; see visualLine
	w     float64
	// rtl: the line belongs to a paragraph (text between hard breaks)
	// whose first strong letter is right-to-left.
	rtl bool
}

type inlineBuilder struct {
	styles []textStyle
	atoms  []atom
	// coded: some text is written as code points, in place of characters
	// the faces lack (see sanitizeRuns).
	coded bool
	// rtl: some text holds a right-to-left letter; its lines are
	// reordered as they are drawn (see visualLine).
	rtl bool
}

func (b *inlineBuilder) style(s textStyle) int {
	for i := range b.styles {
		if b.styles[i] == s {
			return i
		}
	}
	b.styles = append(b.styles, s)
	return len(b.styles) - 1
}

func (b *inlineBuilder) empty() bool { return len(b.atoms) == 0 }

func (b *inlineBuilder) hardBreak(st int) {
	b.atoms = append(b.atoms, atom{kind: atomBreak, st: st})
}

// statusMark maps the status glyphs (which the text faces lack) to the mark
// we draw, and the ballot boxes to task boxes.
func statusMark(r rune) (atomKind, rune, bool) {
	switch r {
	case '✔', '✓', '☑':
		if r == '☑' {
			return atomBox, 'x', true
		}
		return atomMark, '✔', true
	case '✖', '✗', '✘', '❌':
		return atomMark, '✖', true
	case '❗', '❕', '⚠':
		return atomMark, '❗', true
	case '❓', '❔':
		return atomMark, '❓', true
	case '☐':
		return atomBox, ' ', true
	case '☒':
		return atomBox, 'x', true
	}
	return 0, 0, false
}

func (b *inlineBuilder) emSize(st int) float64 { return b.styles[st].size * ptToMM }

// addText appends s in style st, splitting it into words and spaces and
// turning status glyphs into marks.
func (b *inlineBuilder) addText(s string, st int) {
	start := 0
	for i, r := range s {
		if r < 0x2610 || r > 0x2757 {
			continue // fast path: the glyphs below live in U+2610..U+2757
		}
		if kind, m, ok := statusMark(r); ok {
			b.addPlain(s[start:i], st)
			w := 0.92 * b.emSize(st)
			b.atoms = append(b.atoms, atom{kind: kind, st: st, mark: m, w: w})
			start = i + len(string(r))
		}
	}
	b.addPlain(s[start:], st)
}

func (b *inlineBuilder) addPlain(s string, st int) {
	if s == "" {
		return
	}
	font := b.styles[st].font
	if sanitized(s, font) {
		b.addWords(s, st)
		return
	}
	var ps []piece
	sanitizeRuns(s, font, func(t string, code bool) { ps = append(ps, piece{t, code}) })
	// Kept in reading order: broken into lines first, each line is put in
	// the order it is seen as it is drawn (see visualLine).
	b.rtl = b.rtl || hasRTL(ps)
	for _, p := range ps {
		if !p.code {
			b.addWords(p.text, st)
			continue
		}
		// Each code point is a placeholder of its own, in a lighter shade
		// of the text's colour: a line breaks between two of them, never
		// inside one.
		b.coded = true
		cs := b.styles[st]
		cs.color = cs.color.Mix(colWhite, placeholderTint)
		cst := b.style(cs)
		for t := p.text; t != ""; {
			n := strings.IndexByte(t[1:], '[') + 1
			if n <= 0 {
				n = len(t)
			}
			b.atoms = append(b.atoms, atom{kind: atomText, st: cst, text: t[:n], w: b.runesWidth(t[:n], cst), whole: true})
			t = t[n:]
		}
	}
}

// placeholderTint lightens a placeholder's colour towards white.
const placeholderTint = 0.4

// addWords appends sanitized text s in style st as words and spaces.
func (b *inlineBuilder) addWords(s string, st int) {
	ts := &b.styles[st]
	m := metrics[ts.font]
	scale := ts.size / 1000 * ptToMM
	for len(s) > 0 {
		if s[0] == ' ' {
			n := 1
			for n < len(s) && s[n] == ' ' {
				n++
			}
			b.atoms = append(b.atoms, atom{kind: atomSpace, st: st, text: s[:n], w: float64(m.stringWidth(s[:n])) * scale})
			s = s[n:]
			continue
		}
		n := strings.IndexByte(s, ' ')
		if n < 0 {
			n = len(s)
		}
		b.atoms = append(b.atoms, atom{kind: atomText, st: st, text: s[:n], w: float64(m.stringWidth(s[:n])) * scale})
		s = s[n:]
	}
}

// widths returns the widest unbreakable group (the least width the text
// can be set in without breaking inside a word) and the natural width of
// the longest hard line.
func (b *inlineBuilder) widths() (minW, maxW float64) {
	var group, line float64
	for _, a := range b.atoms {
		switch a.kind {
		case atomSpace:
			group = 0
			line += a.w
		case atomBreak:
			group, line = 0, 0
		default:
			group += a.w
			line += a.w
		}
		minW = max(minW, group)
		maxW = max(maxW, line)
	}
	return minW, maxW
}

// layout breaks the atoms into lines of at most width mm: at spaces, and
// inside a word only when the word alone is wider than a line (an SPF
// record, a long e-mail address in a narrow column).
func (b *inlineBuilder) layout(width float64) []inlineLine {
	const eps = 1e-6
	atoms := b.atoms
	var lines []inlineLine
	// The lines' atoms share one array; cur is the open line's part of it.
	all := make([]placed, 0, len(atoms)+4)
	cur := all
	x := 0.0
	var space *atom
	rtl := b.rtl && b.paragraphRTL(0)
	flush := func() {
		lines = append(lines, inlineLine{atoms: cur[:len(cur):len(cur)], w: x, rtl: rtl})
		cur, x, space = cur[len(cur):], 0, nil
	}
	for i := 0; i < len(atoms); {
		a := atoms[i]
		switch a.kind {
		case atomBreak:
			flush()
			i++
			rtl = b.rtl && b.paragraphRTL(i)
			continue
		case atomSpace:
			if len(cur) > 0 {
				space = &atoms[i]
			}
			i++
			continue
		}
		// A word: consecutive non-space atoms, possibly in several styles.
		j, ww := wordEnd(atoms, i)
		sw := 0.0
		if space != nil && len(cur) > 0 {
			sw = space.w
		}
		if x+sw+ww <= width+eps {
			if sw > 0 {
				cur = append(cur, placed{*space, x})
				x += sw
			}
			for _, w := range atoms[i:j] {
				cur = append(cur, placed{w, x})
				x += w.w
			}
			space = nil
			i = j
			continue
		}
		if len(cur) > 0 {
			flush()
			if ww <= width+eps {
				continue // retry the word on the fresh line
			}
		}
		// The word is wider than a line: break it between characters.
		for _, w := range atoms[i:j] {
			for {
				if x+w.w <= width+eps {
					cur = append(cur, placed{w, x})
					x += w.w
					break
				}
				if w.kind != atomText || w.whole {
					if len(cur) > 0 {
						flush()
						continue
					}
					cur = append(cur, placed{w, x})
					x += w.w
					break
				}
				head, tail, hw := b.splitToWidth(w, width-x)
				if head == "" && len(cur) == 0 {
					// Not even one character fits: place one anyway.
					_, size := utf8.DecodeRuneInString(w.text)
					head, tail = w.text[:size], w.text[size:]
					hw = b.runesWidth(head, w.st)
				}
				if head != "" {
					h := w
					h.text, h.w = head, hw
					cur = append(cur, placed{h, x})
					x += hw
				}
				w.text, w.w = tail, w.w-hw
				flush()
				if w.text == "" {
					break
				}
			}
		}
		i = j
	}
	if len(cur) > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// paragraphRTL reports whether the first strong letter from atoms[i] to
// the next hard break is right-to-left (rule P2): the direction of that
// paragraph's lines.
func (b *inlineBuilder) paragraphRTL(i int) bool {
	for _, a := range b.atoms[i:] {
		if a.kind == atomBreak {
			break
		}
		if a.kind != atomText {
			continue
		}
		for _, r := range a.text {
			p, _ := bidi.LookupRune(r)
			if c := p.Class(); c == bidi.L || c == bidi.R || c == bidi.AL {
				return c != bidi.L
			}
		}
	}
	return false
}

// objectRune stands for a status mark or task box in a line being
// reordered: a neutral, which takes the direction of the text around it.
const objectRune = '\ufffc'

// visualLine returns l's atoms in the order they are seen, placed anew
// from the line's left edge: the line's text reordered by the bidi
// algorithm (see reorderLine), a word split where its runs change
// direction. The parts are measured as drawn; their widths sum to the
// line's. A line without a right-to-left letter comes back as it is.
func (b *inlineBuilder) visualLine(l inlineLine) []placed {
	if !b.rtl {
		return l.atoms
	}
	rtl := false
	for _, a := range l.atoms {
		if a.kind == atomText && !a.whole && hasRTL([]piece{{text: a.text}}) {
			rtl = true
			break
		}
	}
	if !rtl {
		return l.atoms
	}
	var rs []rune
	var from []int
	for i, a := range l.atoms {
		if a.kind != atomText && a.kind != atomSpace {
			rs, from = append(rs, objectRune), append(from, i)
			continue
		}
		for _, r := range a.text {
			rs, from = append(rs, r), append(from, i)
		}
	}
	if !reorderLine(rs, from, l.rtl) {
		return l.atoms
	}
	out := make([]placed, 0, len(l.atoms)+2)
	x := 0.0
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && from[j] == from[i] {
			j++
		}
		a := l.atoms[from[i]].atom
		if a.kind == atomText || a.kind == atomSpace {
			if t := string(rs[i:j]); t != a.text {
				a.text, a.w = t, b.runesWidth(t, a.st)
			}
		}
		out = append(out, placed{a, x})
		x += a.w
		i = j
	}
	return out
}

// wordEnd returns the end of the word that starts at atoms[i] (the
// consecutive atoms that are neither a space nor a break, possibly in
// several styles) and its width.
func wordEnd(atoms []atom, i int) (end int, width float64) {
	for end = i; end < len(atoms) && atoms[end].kind != atomSpace && atoms[end].kind != atomBreak; end++ {
		width += atoms[end].w
	}
	return end, width
}

// lineCount is how many lines layout(width) makes, and whether it breaks
// inside a word to make them; it places nothing, for the column search to
// try many widths.
func (b *inlineBuilder) lineCount(width float64) (n int, broken bool) {
	const eps = 1e-6
	atoms := b.atoms
	x, started, space := 0.0, false, 0.0
	for i := 0; i < len(atoms); {
		switch atoms[i].kind {
		case atomBreak:
			n++
			x, started, space = 0, false, 0
			i++
			continue
		case atomSpace:
			if started {
				space = atoms[i].w
			}
			i++
			continue
		}
		j, ww := wordEnd(atoms, i)
		if x+space+ww <= width+eps {
			x += space + ww
			started, space, i = true, 0, j
			continue
		}
		if started {
			n++
			x, started, space = 0, false, 0
			if ww <= width+eps {
				continue
			}
		}
		// Wider than a line: broken between characters (about; layout
		// breaks after a separator where it can).
		broken = true
		k := int(ww / max(width, 1e-3))
		n += k
		x = ww - float64(k)*width
		started, i = x > eps, j
		if !started {
			n-- // the word ended exactly at a line's end
			started, x = true, width
		}
	}
	if started || n == 0 {
		n++
	}
	return n, broken
}

func (b *inlineBuilder) runesWidth(s string, st int) float64 {
	ts := b.styles[st]
	return float64(metrics[ts.font].stringWidth(s)) * ts.size / 1000 * ptToMM
}

// splitToWidth returns the longest prefix of a's text that fits in w mm
// and ends after a separator (an address breaks after "@" or ".", an id
// after "-" or "_"; see isTokenBreak), or, when no separator falls in the
// last three quarters of what fits, simply the longest prefix that fits:
// "ivanov@" and "vandenberg-logistiek.nl" rather than "ivanov@vandenbe"
// and "rg-logistiek.nl". No hyphen is added, so the parts join back to
// the original.
func (b *inlineBuilder) splitToWidth(a atom, w float64) (head, tail string, hw float64) {
	ts := b.styles[a.st]
	m := metrics[ts.font]
	scale := ts.size / 1000 * ptToMM
	lastSep, sepW := -1, 0.0
	fit := len(a.text)
	for i, r := range a.text {
		cw := float64(max(m.width(r), 0)) * scale
		if hw+cw > w+1e-6 {
			fit = i
			break
		}
		hw += cw
		if isTokenBreak(r) {
			lastSep, sepW = i+utf8.RuneLen(r), hw
		}
	}
	if fit == len(a.text) {
		return a.text, "", hw
	}
	if lastSep > 0 && sepW >= hw/4 {
		return a.text[:lastSep], a.text[lastSep:], sepW
	}
	return a.text[:fit], a.text[fit:], hw
}

// --- collecting inlines from the markdown tree ---------------------------

type inlineCollector struct {
	b   *inlineBuilder
	src []byte
	// skipTaskBox leaves the first task box out: the list draws it as the
	// item's marker instead of a bullet.
	skipTaskBox bool
}

func (c *inlineCollector) walk(n ast.Node, st textStyle) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch v := ch.(type) {
		case *ast.Text:
			s := c.b.style(st)
			c.b.addText(textValue(v, c.src), s)
			if v.HardLineBreak() {
				c.b.hardBreak(s)
			} else if v.SoftLineBreak() {
				c.b.addText(" ", s)
			}
		case *ast.String:
			c.b.addText(string(v.Value), c.b.style(st))
		case *ast.CodeSpan:
			cs := st
			cs.font = fontMono
			if st.font == fontBold || st.font == fontBoldItalic || st.font == fontMonoBold {
				cs.font = fontMonoBold
			}
			cs.size = st.size * 0.9
			cs.code = true
			if st.link == "" {
				cs.color = doc.RGB{R: 0x33, G: 0x41, B: 0x55}
			}
			c.b.addText(codeSpanText(v, c.src), c.b.style(cs))
		case *ast.Emphasis:
			es := st
			es.font = emphasize(st.font, v.Level)
			c.walk(v, es)
		case *east.Strikethrough:
			ss := st
			ss.strike = true
			c.walk(v, ss)
		case *ast.Link:
			ls := st
			if ls.link = doc.SafeLink(string(v.Destination), false); ls.link != "" {
				ls.color, ls.under = colLink, true
			}
			c.walk(v, ls)
		case *ast.AutoLink:
			ls := st
			url := string(v.URL(c.src))
			if v.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
				url = "mailto:" + url
			}
			if ls.link = doc.SafeLink(url, false); ls.link != "" {
				ls.color, ls.under = colLink, true
			}
			c.b.addText(string(v.Label(c.src)), c.b.style(ls))
		case *ast.Image:
			is := st
			is.font = emphasize(st.font, 1)
			is.color = colMuted
			alt := plainText(v, c.src)
			if alt == "" {
				alt = "image"
			}
			c.b.addText("["+alt+"]", c.b.style(is))
		case *east.TaskCheckBox:
			if c.skipTaskBox {
				c.skipTaskBox = false
				continue
			}
			m := ' '
			if v.IsChecked {
				m = 'x'
			}
			s := c.b.style(st)
			c.b.atoms = append(c.b.atoms, atom{kind: atomBox, st: s, mark: m, w: 0.92 * c.b.emSize(s)})
		case *ast.RawHTML:
			// Not produced by our parser; print literally should it appear.
			var sb strings.Builder
			for i := 0; i < v.Segments.Len(); i++ {
				seg := v.Segments.At(i)
				sb.Write(seg.Value(c.src))
			}
			c.b.addText(strings.ReplaceAll(sb.String(), "\n", " "), c.b.style(st))
		default:
			c.walk(ch, st)
		}
	}
}

func emphasize(f fontID, level int) fontID {
	bold := f == fontBold || f == fontBoldItalic || f == fontMonoBold
	italic := f == fontItalic || f == fontBoldItalic
	mono := f == fontMono || f == fontMonoBold
	if level >= 2 {
		bold = true
	} else {
		italic = true
	}
	switch {
	case mono && bold:
		return fontMonoBold
	case mono:
		return fontMono
	case bold && italic:
		return fontBoldItalic
	case bold:
		return fontBold
	case italic:
		return fontItalic
	}
	return fontRegular
}

// textValue is what the HTML renderer would print for a text node: with
// backslash escapes and entity references resolved (so "\*\*not bold\*\*"
// prints as "**not bold**" and "a\|b" as "a|b").
func textValue(t *ast.Text, src []byte) string {
	v := t.Segment.Value(src)
	if t.IsRaw() {
		return string(v)
	}
	return unescapeMarkdown(v)
}

func unescapeMarkdown(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, 0) < 0 {
		return string(v)
	}
	// Reuse goldmark's own escaping rules, then undo the HTML escaping.
	return stdhtml.UnescapeString(doc.HTMLText(v))
}

func codeSpanText(n *ast.CodeSpan, src []byte) string {
	var sb strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Text:
			sb.Write(v.Segment.Value(src))
		case *ast.String:
			sb.Write(v.Value)
		}
	}
	return strings.ReplaceAll(sb.String(), "\n", " ")
}

// plainText is the text of n's inline descendants, for bookmarks and alt
// text.
func plainText(n ast.Node, src []byte) string {
	var sb strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch v := c.(type) {
			case *ast.Text:
				sb.WriteString(textValue(v, src))
				if v.SoftLineBreak() || v.HardLineBreak() {
					sb.WriteByte(' ')
				}
			case *ast.String:
				sb.Write(v.Value)
			case *ast.CodeSpan:
				sb.WriteString(codeSpanText(v, src))
			case *ast.AutoLink:
				sb.Write(v.Label(src))
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.TrimSpace(sb.String())
}

// --- drawing lines ------------------------------------------------------

// drawLine draws one laid-out line with its top-left at (x, top); lh is the
// line height and baseSize the paragraph's font size (pt), which fixes the
// baseline for every style on the line.
func (r *pdfRenderer) drawLine(b *inlineBuilder, l inlineLine, x, top, lh, baseSize float64) {
	base := baseSize * ptToMM
	baseline := top + lh/2 + 0.345*base
	atoms := b.visualLine(l)
	// Code span backgrounds go first so text draws over them.
	for i := 0; i < len(atoms); {
		st := b.styles[atoms[i].st]
		if !st.code || atoms[i].kind == atomSpace {
			i++
			continue
		}
		j, x1 := i, atoms[i].x
		x2 := x1
		for j < len(atoms) && b.styles[atoms[j].st].code && atoms[j].kind != atomMark && atoms[j].kind != atomBox {
			if atoms[j].kind != atomSpace || (j+1 < len(atoms) && b.styles[atoms[j+1].st].code) {
				x2 = atoms[j].x + atoms[j].w
			}
			j++
		}
		sz := st.size * ptToMM
		r.setFillColor(doc.RGB{R: 0xee, G: 0xf0, B: 0xf3})
		r.pdf.RoundedRect(x+x1-0.6, baseline-0.8*sz, x2-x1+1.2, 1.05*sz, 0.6, "1234", "F")
		i = max(j, i+1)
	}
	var sb strings.Builder
	for i := 0; i < len(atoms); {
		a := atoms[i]
		if a.kind == atomMark || a.kind == atomBox {
			r.drawMark(a.kind, a.mark, x+a.x, baseline, b.styles[a.st].size)
			i++
			continue
		}
		// Merge a run of text in one style into one string: fewer operators
		// and text extraction sees whole words with their spaces.
		sb.Reset()
		j, w := i, 0.0
		for j < len(atoms) && atoms[j].st == a.st && (atoms[j].kind == atomText || atoms[j].kind == atomSpace) {
			sb.WriteString(atoms[j].text)
			w += atoms[j].w
			j++
		}
		st := b.styles[a.st]
		s := sb.String()
		sx := x + a.x
		if strings.TrimSpace(s) != "" {
			r.text(sx, baseline, s, st.font, st.size, st.color)
		}
		sz := st.size * ptToMM
		if st.under {
			r.hline(sx, sx+w, baseline+0.13*sz, 0.06*sz, st.color)
		}
		if st.strike {
			r.hline(sx, sx+w, baseline-0.27*sz, 0.06*sz, st.color)
		}
		if st.link != "" {
			r.pdf.LinkString(sx, top, w, lh, st.link)
		}
		i = j
	}
}

// drawMark draws a status mark or task box whose box starts at x.
func (r *pdfRenderer) drawMark(kind atomKind, m rune, x, baseline, size float64) {
	em := size * ptToMM
	cx := x + 0.46*em
	cy := baseline - 0.34*em
	if kind == atomBox {
		s := 0.72 * em
		r.setDrawColor(colMuted)
		r.setFillColor(colWhite)
		r.setLineWidth(0.07 * em)
		r.pdf.RoundedRect(cx-s/2, cy-s/2, s, s, 0.12*em, "1234", "DF")
		if m == 'x' {
			r.tick(cx, cy, s*0.5, colText, 0.1*em)
		}
		return
	}
	rad := 0.41 * em
	col := doc.StatusColors[doc.Marks[m]]
	if _, ok := doc.Marks[m]; !ok {
		col = doc.StatusColors["unknown"]
	}
	r.setFillColor(col)
	r.pdf.Circle(cx, cy, rad, "F")
	lw := 0.17 * rad
	switch m {
	case '✔':
		r.tick(cx, cy, rad, colWhite, lw)
	case '✖':
		d := 0.38 * rad
		r.strokes(colWhite, lw, cx-d, cy-d, cx+d, cy+d)
		r.strokes(colWhite, lw, cx-d, cy+d, cx+d, cy-d)
	case '❗':
		r.strokes(colWhite, lw*1.1, cx, cy-0.52*rad, cx, cy+0.12*rad)
		r.setFillColor(colWhite)
		r.pdf.Circle(cx, cy+0.46*rad, lw*0.62, "F")
	default:
		qs := rad * 1.5 / ptToMM // a "?" about 1.5 radii tall
		qw := textWidth("?", fontBold, qs)
		r.text(cx-qw/2, cy+0.36*qs*ptToMM, "?", fontBold, qs, colWhite)
	}
}

// tick draws a check mark centred on (cx, cy) within radius rad.
func (r *pdfRenderer) tick(cx, cy, rad float64, c doc.RGB, lw float64) {
	r.strokes(c, lw,
		cx-0.45*rad, cy+0.02*rad,
		cx-0.12*rad, cy+0.36*rad,
		cx+0.48*rad, cy-0.36*rad)
}

// strokes draws a round-capped polyline through the given x, y pairs.
func (r *pdfRenderer) strokes(c doc.RGB, lw float64, pts ...float64) {
	r.setDrawColor(c)
	r.setLineWidth(lw)
	r.pdf.SetLineCapStyle("round")
	r.pdf.SetLineJoinStyle("round")
	for i := 2; i+1 < len(pts); i += 2 {
		r.pdf.Line(pts[i-2], pts[i-1], pts[i], pts[i+1])
	}
	r.pdf.SetLineCapStyle("butt")
	r.pdf.SetLineJoinStyle("miter")
}
