package pdf

import (
	"github.com/yuin/goldmark/ast"
)

// Page flow. The body is laid out in two passes. The first walks the
// markdown tree and turns every block into boxes: one per line of text,
// table row, bar of a chart or line of code, each with its height, the
// space it wants above it and whether a page may break after it. The
// second (paginate) fills pages with the boxes, breaking only where a box
// allows it; drawPages then draws each page. Every keep-together rule of
// the pack is a box's keep flag, set where the box is made or once its
// neighbours are known (keepNeighbours):
//
//   - no single line of a paragraph alone at the bottom or the top of a
//     page (orphans and widows of two lines), nor the first or last item
//     of a list alone;
//   - a heading stays with the first lines of what follows it, a short
//     lead ("Blocker: …") or a section's intro with what it leads, an
//     intro with its table, chart or code, a chart with its intro and the
//     table before it;
//   - a table's header stays with two rows, and is drawn again on each
//     page the table continues on; no last row alone (a row of four lines
//     or more is a block of its own);
//   - a checklist (task) item, a short table, a short record and a chart
//     are never split;
//   - a section's last line never stands alone at the top of a page.
//
// A chain of kept boxes taller than a page breaks where it must.

const (
	// spaceH1Before separates a major section that continues on the page.
	spaceH1Before = 14.0
	// minSectionRoom is the least room (a sixth of a page) a major section
	// starts in below other text; less, and it starts on a new page.
	minSectionRoom = (bodyBottom - bodyTop) / 6
	// keepCode: a code block (a record to copy) no taller than this is
	// never split.
	keepCode = (bodyBottom - bodyTop) / 3
	// keepTable: nor is a table no taller than this (the SPF record's
	// facts, a sign-off).
	keepTable = (bodyBottom - bodyTop) / 5
	// pageEps absorbs rounding when a box ends exactly at the page bottom.
	pageEps = 0.01
)

// boxKind says what a box is: the tests and the page drawing ask.
type boxKind uint8

const (
	boxLine    boxKind = iota // a line of a paragraph
	boxHeading                // a line of a heading
	boxHeader                 // a table's header row
	boxRow                    // a table row (or part of one taller than a page)
	boxBar                    // a bar of a chart
	boxCode                   // a line of a code block
	boxRule                   // a thematic break
	boxMarker                 // an empty list item's marker
)

// box is one unbreakable piece of the flow.
type box struct {
	h      float64 // height, mm
	before float64 // space above it, dropped at the top of a page
	// contTop is room kept above the box when it starts a page although
	// its block began on the page before (a code box's padding);
	// contBottom the same below it when the page ends after it.
	contTop, contBottom float64
	// room (a major heading): start a new page unless this much room is
	// left below the box's top.
	room float64
	// keep forbids a page break between this box and the next.
	keep bool
	kind boxKind
	// node is the block the box belongs to (a paragraph, table, code
	// block, heading), item the list item it sits in, if any; line is its
	// line or row within node.
	node ast.Node
	item ast.Node
	line int
	// head is a table row's header, drawn again above the row when the
	// row starts a page.
	head *box
	// groups are the code boxes, quotes and tables the box sits in,
	// outermost first: their decorations span the box.
	groups []*group
	// draw draws the box with its top at y on the current page.
	draw func(r *pdfRenderer, y float64)
}

type groupKind uint8

const (
	groupCode  groupKind = iota // a shaded, outlined box behind the lines
	groupQuote                  // a bar at the left
	groupTable                  // a closing rule under each page's part
)

// group is a run of boxes drawn with a common decoration: on each page it
// spans the part of the run that page holds.
type group struct {
	kind groupKind
	x, w float64
}

// placement is a box on a page: y is where it draws; top and bottom bound
// it with the continuation room it took, for its groups' decorations.
type placement struct {
	b           *box
	y           float64
	top, bottom float64
	repeat      bool // a table header drawn again
}

// emit appends a box to the flow: it takes the space owed above it and,
// the first time, the open groups.
func (r *pdfRenderer) emit(b *box) *box {
	b.before = r.gap
	r.gap = 0
	b.groups = r.groups
	b.item = r.item
	r.boxes = append(r.boxes, b)
	return b
}

// keepRange keeps boxes [from, to) together (a break may still follow the
// last of them).
func (r *pdfRenderer) keepRange(from, to int) {
	for i := from; i < to-1; i++ {
		r.boxes[i].keep = true
	}
}

// keepBefore keeps the box before index i with the box at i.
func (r *pdfRenderer) keepBefore(i int) {
	if i > 0 && i <= len(r.boxes) {
		r.boxes[i-1].keep = true
	}
}

// pushGroup opens a group for the boxes emitted until popGroup.
func (r *pdfRenderer) pushGroup(g *group) {
	gs := make([]*group, len(r.groups)+1)
	copy(gs, r.groups)
	gs[len(r.groups)] = g
	r.groups = gs
}

func (r *pdfRenderer) popGroup() { r.groups = r.groups[: len(r.groups)-1 : len(r.groups)-1] }

// span is where a block's boxes are in the flow: boxes[from:to].
type span struct{ from, to int }

func (s span) n() int { return s.to - s.from }

// paginate fills pages with boxes, first to last. A box that does not fit
// moves to the next page with every box kept with it on this page: the
// page breaks after the last box that allows it, or, when the whole page
// is one kept chain, before the box that does not fit.
func paginate(boxes []*box) [][]placement {
	var pages [][]placement
	var page []placement
	y := bodyTop
	start := 0 // the first box of this page
	for i := 0; i < len(boxes); {
		b := boxes[i]
		if i == start && i > 0 && b.head != nil && b.head != b {
			// A table continues: its header first.
			h := b.head
			page = append(page, placement{b: h, y: y, top: y, bottom: y + h.h, repeat: true})
			y += h.h
		}
		top := y
		if i > start {
			top += b.before
		}
		at := top
		if i == start && i > 0 {
			at += b.contTop
		}
		need := max(b.h+b.contBottom, b.room)
		if i > start && at+need > bodyBottom+pageEps {
			j := i
			for j > start && boxes[j-1].keep {
				j--
			}
			if j == start {
				j = i // one chain fills the page: break where it must
			}
			page = page[:len(page)-(i-j)]
			pages = append(pages, page)
			page, y, start, i = nil, bodyTop, j, j
			continue
		}
		page = append(page, placement{b: b, y: at, top: top, bottom: at + b.h})
		y = at + b.h
		i++
	}
	if len(page) > 0 {
		pages = append(pages, page)
	}
	// The last box on a page keeps its continuation room below it.
	for _, p := range pages {
		last := &p[len(p)-1]
		last.bottom += last.b.contBottom
	}
	return pages
}

// drawPages draws the paginated flow, one body page after another.
func (r *pdfRenderer) drawPages(pages [][]placement) {
	for _, p := range pages {
		r.newPage()
		segs := segments(p)
		for _, s := range segs {
			if s.g.kind == groupCode {
				r.setFillColor(colCodeBg)
				r.setDrawColor(colCodeLine)
				r.setLineWidth(0.2)
				r.pdf.RoundedRect(s.g.x, s.top, s.g.w, s.bottom-s.top, 1.6, "1234", "DF")
			}
		}
		for _, pl := range p {
			pl.b.draw(r, pl.y)
		}
		for _, s := range segs {
			switch s.g.kind {
			case groupQuote:
				top, bottom := max(s.top-0.8, bodyTop), min(s.bottom+0.8, bodyBottom)
				r.fillRect(s.g.x, top, 1.1, bottom-top, r.brand)
			case groupTable:
				r.hline(s.g.x, s.g.x+s.g.w, s.bottom, 0.3, colRule)
			}
		}
	}
}

// segment is the part of a group on one page.
type segment struct {
	g           *group
	top, bottom float64
}

func segments(p []placement) []segment {
	var segs []segment
	for _, pl := range p {
	groups:
		for _, g := range pl.b.groups {
			for k := range segs {
				if segs[k].g == g {
					segs[k].bottom = max(segs[k].bottom, pl.bottom)
					continue groups
				}
			}
			segs = append(segs, segment{g: g, top: pl.top, bottom: pl.bottom})
		}
	}
	return segs
}
