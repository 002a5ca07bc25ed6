package pdf

import (
	"github.com/migready/migready/render/doc"
	"math"

	east "github.com/yuin/goldmark/extension/ast"
)

const (
	cellPadX = 2.0
	// keepRowLines: a row of this many lines is a block of its own: the
	// header may stand with it alone, and it may stand alone at the top
	// of a page.
	keepRowLines = 4
	cellPadY     = 1.2
	minTableSize = 7.2 // pt
)

type tableRow struct {
	cells  []inlineBuilder
	lines  [][]inlineLine
	nLines int
	header bool
}

// tableLayout is a table measured for the current block width: rows
// broken into lines, column widths and type size.
type tableLayout struct {
	minRowH float64 // a form's rows are tall enough to write in
	header  *tableRow
	rows    []*tableRow
	widths  []float64
	tw      float64
	size    float64
	lh      float64
	headerH float64
}

func (tl *tableLayout) rowH(tr *tableRow) float64 {
	h := float64(tr.nLines)*tl.lh + 2*cellPadY
	if !tr.header {
		h = max(h, tl.minRowH)
	}
	return h
}

func (r *pdfRenderer) layoutTable(t *east.Table) *tableLayout {
	ncol := len(t.Alignments)
	var rows []*tableRow
	var header *tableRow
	body := textStyle{font: fontRegular, size: tableSize, color: colText}
	head := textStyle{font: fontBold, size: tableSize, color: colText}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		tr := &tableRow{cells: make([]inlineBuilder, ncol), lines: make([][]inlineLine, ncol)}
		st := body
		if _, ok := row.(*east.TableHeader); ok {
			tr.header, st = true, head
		}
		i := 0
		for cell := row.FirstChild(); cell != nil && i < ncol; cell = cell.NextSibling() {
			c := inlineCollector{b: &tr.cells[i], src: r.src}
			c.walk(cell, st)
			r.coded = r.coded || tr.cells[i].coded
			i++
		}
		if tr.header {
			if !allEmpty(tr.cells) {
				header = tr // a blank header row ("| | |") is not drawn
			}
		} else {
			rows = append(rows, tr)
		}
	}

	size := tableSize
	if f := r.tableShrink(header, rows, ncol); f < 1 {
		// Too many long tokens (addresses, IDs) to fit side by side: a
		// slightly smaller type beats breaking them mid-word.
		size *= f
		if header != nil {
			header.scale(f)
		}
		for _, tr := range rows {
			tr.scale(f)
		}
	}
	widths := r.columnWidths(header, rows, ncol)
	tw := 0.0
	for _, w := range widths {
		tw += w
	}
	tl := &tableLayout{header: header, rows: rows, widths: widths, tw: tw, size: size, lh: size * tableLeading * ptToMM}
	if formColumns(header, rows, ncol) != nil {
		tl.minRowH = formRowH // room to write by hand
	}
	layoutRow := func(tr *tableRow) {
		tr.nLines = 1
		for i := range tr.cells {
			tr.lines[i] = tr.cells[i].layout(widths[i] - 2*cellPadX)
			tr.nLines = max(tr.nLines, len(tr.lines[i]))
		}
	}
	if header != nil {
		layoutRow(header)
		tl.headerH = tl.rowH(header)
	}
	for _, tr := range rows {
		layoutRow(tr)
	}
	return tl
}

// table lays out a GFM table: column widths from the content, wrapped
// cells, a shaded header drawn again on every page the table continues on,
// zebra rows, the header kept with at least two rows, no last row alone on
// a page, and rows kept whole (a row taller than a page is split as a last
// resort).
func (r *pdfRenderer) table(t *east.Table) {
	if len(t.Alignments) == 0 {
		return
	}
	tl := r.layoutTable(t)
	r.space(spaceTable)
	r.pushGroup(&group{kind: groupTable, x: r.x0, w: tl.tw})
	x0 := r.x0
	var head *box
	if tl.header != nil {
		mk := r.takeMarker()
		head = r.emit(&box{h: tl.headerH, kind: boxHeader, node: t, line: -1, draw: func(r *pdfRenderer, y float64) {
			if mk != nil {
				r.drawMarker(mk, y+tl.lh/2+cellPadY+0.345*tl.size*ptToMM, tl.size)
			}
			r.drawRow(tl, t.Alignments, tl.header, x0, y, 0, tl.header.nLines, r.brandTint)
		}})
	}
	from := len(r.boxes)
	// A row taller than this cannot fit below a repeated header.
	tallest := bodyBottom - bodyTop - tl.headerH
	for i, tr := range tl.rows {
		fill := colWhite
		if i%2 == 1 {
			fill = colZebra
		}
		per := tr.nLines
		if tl.rowH(tr) > tallest {
			per = max(1, int((tallest-2*cellPadY)/tl.lh))
		}
		for line := 0; line < tr.nLines; line += per {
			n := min(per, tr.nLines-line)
			mk := r.takeMarker()
			h := float64(n)*tl.lh + 2*cellPadY
			if n == tr.nLines {
				h = tl.rowH(tr)
			}
			r.emit(&box{h: h, kind: boxRow, node: t, line: i, head: head,
				draw: func(r *pdfRenderer, y float64) {
					if mk != nil {
						r.drawMarker(mk, y+tl.lh/2+cellPadY+0.345*tl.size*ptToMM, tl.size)
					}
					r.drawRow(tl, t.Alignments, tr, x0, y, line, n, fill)
				}})
		}
	}
	r.popGroup()
	to := len(r.boxes)
	if head != nil && to > from {
		head.keep = true
	}
	if r.flowHeight(from, to)+tl.headerH <= keepTable {
		r.keepRange(from, to) // a short table is never split
	} else {
		// The header stays with the first two rows, and the last row is
		// not alone, unless those rows are blocks of text of their own.
		lines := func(b *box) int { return int(math.Round((b.h - 2*cellPadY) / tl.lh)) }
		for i, n := from, 0; i < to-1; i++ {
			if n += lines(r.boxes[i]); i-from+1 >= 2 || n >= keepRowLines {
				break
			}
			r.boxes[i].keep = true
		}
		if to-from >= 2 && lines(r.boxes[to-1]) < keepRowLines {
			r.boxes[to-2].keep = true
		}
	}
	r.pending = spaceTable
}

// tableShrink returns the factor (at least minTableSize/tableSize) by which
// the table's type must shrink for every column's longest word to fit.
func (r *pdfRenderer) tableShrink(header *tableRow, rows []*tableRow, ncol int) float64 {
	longest := make([]float64, ncol)
	measure := func(tr *tableRow) {
		for i := range tr.cells {
			lo, _ := tr.cells[i].widths()
			longest[i] = max(longest[i], lo)
		}
	}
	if header != nil {
		measure(header)
	}
	for _, tr := range rows {
		measure(tr)
	}
	room := r.w - float64(ncol)*2*cellPadX
	sum := 0.0
	for _, l := range longest {
		// A token longer than half the table breaks anyway; shrinking the
		// type for it would not help.
		sum += min(l, room/2)
	}
	if sum <= room || sum == 0 {
		return 1
	}
	return max(minTableSize/tableSize, room/sum)
}

func (tr *tableRow) scale(f float64) {
	for i := range tr.cells {
		b := &tr.cells[i]
		for j := range b.styles {
			b.styles[j].size *= f
		}
		for j := range b.atoms {
			b.atoms[j].w *= f
		}
	}
}

func allEmpty(cells []inlineBuilder) bool {
	for i := range cells {
		if !cells[i].empty() {
			return false
		}
	}
	return true
}

// drawRow draws lines [from, from+n) of every cell of tr as one band with
// its top-left corner at (x, y).
func (r *pdfRenderer) drawRow(tl *tableLayout, aligns []east.Alignment, tr *tableRow, x, y float64, from, n int, fill doc.RGB) {
	lh := tl.lh
	h := float64(n)*lh + 2*cellPadY
	top := y + cellPadY
	if n == tr.nLines {
		// A form's row is taller than its text: the text sits in the middle.
		top += (tl.rowH(tr) - h) / 2
		h = tl.rowH(tr)
	}
	if fill != colWhite {
		r.fillRect(x, y, tl.tw, h, fill)
	}
	if tr.header {
		r.hline(x, x+tl.tw, y+h, 0.35, r.brand)
	}
	for i := range tr.cells {
		inner := tl.widths[i] - 2*cellPadX
		lines := tr.lines[i]
		ly := top
		for j := from; j < from+n && j < len(lines); j++ {
			l := lines[j]
			off := 0.0
			switch aligns[i] {
			case east.AlignRight:
				off = inner - l.w
			case east.AlignCenter:
				off = (inner - l.w) / 2
			}
			r.drawLine(&tr.cells[i], l, x+cellPadX+off, ly, lh, tl.size)
			ly += lh
		}
		x += tl.widths[i]
	}
}
