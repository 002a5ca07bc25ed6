package pdf

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Page flow: headings look ahead at what follows them, so a heading never
// ends a page alone, a short section (a sign-off block) is never split, and
// a major section starts a new page only when the rest of the current one
// cannot hold its opening comfortably.

const (
	// spaceH1Before separates a major section that continues on the page.
	spaceH1Before = 14.0
	// minSectionRoom is the least room (a quarter page) a major section
	// starts in below other text; less, and it starts on a new page.
	minSectionRoom = (bodyBottom - bodyTop) / 4
	// keepSection: a section no taller than a third of a page is kept on
	// one page with its heading.
	keepSection = (bodyBottom - bodyTop) / 3
)

// keepAfter is the height that must fit below heading h on the same page:
// its whole section when that is short, else the opening of the section
// (a short lead paragraph and the start of the block after it).
func (r *pdfRenderer) keepAfter(h *ast.Heading) float64 {
	var blocks []ast.Node
	for n := h.NextSibling(); n != nil; n = n.NextSibling() {
		if next, ok := n.(*ast.Heading); ok && next.Level <= h.Level {
			break
		}
		blocks = append(blocks, n)
	}
	if len(blocks) == 0 {
		return 0
	}
	total := 0.0
	for i, n := range blocks {
		total += r.measure(n, r.w, true, i == 0)
		if total > keepSection {
			break
		}
	}
	if total <= keepSection {
		return total
	}
	need := r.measure(blocks[0], r.w, false, true)
	if p, ok := blocks[0].(*ast.Paragraph); ok && len(blocks) > 1 && r.paragraphLines(p, r.w) <= 2 {
		// A one- or two-line lead ("Blocker: …") belongs with what it leads.
		need += r.measure(blocks[1], r.w, false, false)
	}
	return need
}

// measure returns the height block n takes at width w, with the space
// above it (unless first): all of it when full is set, else the part that
// must not be separated from what precedes it (two lines of a paragraph,
// a table's header and two rows, three lines of code).
func (r *pdfRenderer) measure(n ast.Node, w float64, full, first bool) float64 {
	above := func(s float64) float64 {
		if first {
			return 0
		}
		return s
	}
	switch v := n.(type) {
	case *ast.Heading:
		size, before, after := 10.0, spaceH3Before, 2.2
		switch v.Level {
		case 1:
			size, before, after = 20, spaceH1Before, 9.2
		case 2:
			size, before, after = 14.5, spaceH2Before, 3.2
		case 3:
			size = 11.5
		}
		return above(before) + float64(r.headingLines(v, size, w))*size*1.2*ptToMM + after + keepWithNext
	case *ast.Paragraph, *ast.TextBlock:
		n := r.paragraphLines(v, w)
		if !full && n > 3 {
			n = 2
		}
		return above(spaceParagraph) + float64(n)*bodySize*bodyLeading*ptToMM
	case *ast.List:
		h := above(spaceList)
		for item := v.FirstChild(); item != nil; item = item.NextSibling() {
			if item != v.FirstChild() {
				h += spaceItemTight
			}
			for c := item.FirstChild(); c != nil; c = c.NextSibling() {
				h += r.measure(c, w-5.5, full, c == item.FirstChild())
				if !full {
					return h
				}
			}
		}
		return h
	case *east.Table:
		saveW := r.w
		r.w = w
		tl := r.tableLayoutFor(v)
		r.w = saveW
		if full {
			return above(spaceTable) + tl.fullH()
		}
		return above(spaceTable) + tl.keepH()
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := blockLines(v, r.src)
		if fc, ok := v.(*ast.FencedCodeBlock); ok && fc.Info != nil &&
			strings.EqualFold(strings.TrimSpace(string(fc.Language(r.src))), "barchart") {
			return above(spaceCode) + float64(len(lines))*7.4
		}
		per := r.monoPerLine(w)
		k := 0
		for _, l := range lines {
			k += len(wrapMono(l, per))
		}
		if !full {
			k = min(k, 3)
		}
		return above(spaceCode) + float64(k)*codeSize*codeLeading*ptToMM + 2*codePadY
	case *ast.Blockquote:
		h := above(spaceQuote) + 1.6
		for c := v.FirstChild(); c != nil; c = c.NextSibling() {
			h += r.measure(c, w-6, full, c == v.FirstChild())
			if !full {
				break
			}
		}
		return h
	case *ast.ThematicBreak:
		return above(spaceRule) + spaceRule
	}
	h := 0.0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		h += r.measure(c, w, full, first && c == n.FirstChild())
	}
	return h
}

// paragraphLines is how many lines paragraph n takes at width w; headings
// ask about the same paragraphs more than once.
func (r *pdfRenderer) paragraphLines(n ast.Node, w float64) int {
	key := measuredKey{n, w}
	if k, ok := r.measured[key]; ok {
		return k
	}
	if r.measured == nil {
		r.measured = map[measuredKey]int{}
	}
	k := r.layoutLines(n, w)
	r.measured[key] = k
	return k
}

type measuredKey struct {
	n ast.Node
	w float64
}

func (r *pdfRenderer) layoutLines(n ast.Node, w float64) int {
	b := r.scratchBuilder()
	c := inlineCollector{b: b, src: r.src}
	c.walk(n, textStyle{font: fontRegular, size: bodySize, color: r.baseText})
	if b.empty() {
		return 0
	}
	return len(b.layout(w))
}

func (r *pdfRenderer) headingLines(h *ast.Heading, size, w float64) int {
	b := r.scratchBuilder()
	c := inlineCollector{b: b, src: r.src}
	c.walk(h, textStyle{font: fontBold, size: size})
	return len(b.layout(w))
}

// scratchBuilder is the builder layoutLines and headingLines count lines
// with, emptied: they keep nothing of it, and measuring (to keep headings
// with what follows) made a third of a pack's allocations.
func (r *pdfRenderer) scratchBuilder() *inlineBuilder {
	r.scratch.styles, r.scratch.atoms = r.scratch.styles[:0], r.scratch.atoms[:0]
	return &r.scratch
}
