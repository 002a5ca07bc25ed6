package pdf

import (
	"github.com/migready/migready/render/doc"
	"math"

	east "github.com/yuin/goldmark/extension/ast"
)

const (
	cellPadX     = 2.0
	cellPadY     = 1.5
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
	header  *tableRow
	rows    []*tableRow
	widths  []float64
	tw      float64
	size    float64
	lh      float64
	headerH float64
}

func (tl *tableLayout) rowH(tr *tableRow) float64 { return float64(tr.nLines)*tl.lh + 2*cellPadY }

// keepH is the height the table needs at a page bottom: its header and the
// first two rows (all of them when there are three or fewer).
func (tl *tableLayout) keepH() float64 {
	h := tl.headerH
	n := len(tl.rows)
	if n > 3 {
		n = 2
	}
	for _, tr := range tl.rows[:n] {
		h += tl.rowH(tr)
	}
	return h
}

// fullH is the height of the whole table on one page.
func (tl *tableLayout) fullH() float64 {
	h := tl.headerH
	for _, tr := range tl.rows {
		h += tl.rowH(tr)
	}
	return h
}

// tableLayoutFor lays t out at the current block width, once: headings
// measure the table that follows them before it is drawn.
func (r *pdfRenderer) tableLayoutFor(t *east.Table) *tableLayout {
	if tl, ok := r.tables[t]; ok && tl.blockW == r.w {
		return tl.layout
	}
	tl := r.layoutTable(t)
	if r.tables == nil {
		r.tables = map[*east.Table]measuredTable{}
	}
	r.tables[t] = measuredTable{blockW: r.w, layout: tl}
	return tl
}

type measuredTable struct {
	blockW float64
	layout *tableLayout
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

// table draws a GFM table: column widths from the content, wrapped cells,
// a shaded header repeated on every page, zebra rows, the header kept with
// at least two rows, no last row alone on a page, and rows kept whole
// across page breaks (a row taller than a page is split as a last resort).
func (r *pdfRenderer) table(t *east.Table) {
	if len(t.Alignments) == 0 {
		return
	}
	tl := r.tableLayoutFor(t)
	header, rows, widths, tw, size, lh, headerH := tl.header, tl.rows, tl.widths, tl.tw, tl.size, tl.lh, tl.headerH

	r.space(spaceTable)
	r.ensure(math.Min(tl.keepH(), headerH+30))
	if r.marker != nil {
		r.drawMarker(r.y+lh/2+cellPadY+0.345*size*ptToMM, size)
	}
	drawHeader := func() {
		if header != nil {
			r.drawRow(header, widths, t.Alignments, 0, header.nLines, size, r.brandTint)
		}
	}
	drawHeader()
	for i, tr := range rows {
		fill := colWhite
		if i%2 == 1 {
			fill = colZebra
		}
		h := tl.rowH(tr)
		if i == len(rows)-2 && i >= 2 && r.y+h <= bodyBottom+0.01 && r.y+h+tl.rowH(rows[i+1]) > bodyBottom+0.01 &&
			h+tl.rowH(rows[i+1]) <= bodyBottom-bodyTop-headerH {
			// The last row would stand alone under a repeated header: take
			// the one before it along.
			r.tableBreak(drawHeader, tw)
		}
		if r.y+h > bodyBottom+0.01 {
			if h <= bodyBottom-bodyTop-headerH {
				r.tableBreak(drawHeader, tw)
			} else {
				// Taller than a page: fill what is left, then continue.
				from := 0
				for from < tr.nLines {
					k := int(math.Floor((bodyBottom - r.y - 2*cellPadY + 0.01) / lh))
					if k < 2 && from+k < tr.nLines {
						r.tableBreak(drawHeader, tw)
						continue
					}
					k = max(1, min(k, tr.nLines-from))
					r.drawRow(tr, widths, t.Alignments, from, k, size, fill)
					from += k
					if from < tr.nLines {
						r.tableBreak(drawHeader, tw)
					}
				}
				continue
			}
		}
		r.drawRow(tr, widths, t.Alignments, 0, tr.nLines, size, fill)
	}
	r.hline(r.x0, r.x0+tw, r.y, 0.3, colRule)
	r.drawn()
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

func (r *pdfRenderer) tableBreak(drawHeader func(), tw float64) {
	r.hline(r.x0, r.x0+tw, r.y, 0.3, colRule)
	r.newPage()
	drawHeader()
}

// drawRow draws lines [from, from+n) of every cell of tr as one band at the
// cursor and moves the cursor below it.
func (r *pdfRenderer) drawRow(tr *tableRow, widths []float64, aligns []east.Alignment, from, n int, size float64, fill doc.RGB) {
	lh := size * tableLeading * ptToMM
	h := float64(n)*lh + 2*cellPadY
	tw := 0.0
	for _, w := range widths {
		tw += w
	}
	if fill != colWhite {
		r.fillRect(r.x0, r.y, tw, h, fill)
	}
	if tr.header {
		r.hline(r.x0, r.x0+tw, r.y+h, 0.35, r.brand)
	}
	x := r.x0
	for i := range tr.cells {
		inner := widths[i] - 2*cellPadX
		lines := tr.lines[i]
		y := r.y + cellPadY
		for j := from; j < from+n && j < len(lines); j++ {
			l := lines[j]
			off := 0.0
			switch aligns[i] {
			case east.AlignRight:
				off = inner - l.w
			case east.AlignCenter:
				off = (inner - l.w) / 2
			}
			r.drawLine(&tr.cells[i], l, x+cellPadX+off, y, lh, size)
			y += lh
		}
		x += widths[i]
	}
	r.y += h
	r.drawn()
}

// columnWidths shares the block width between columns the way browsers do
// for auto tables: every column gets at least its longest word, and the
// rest is shared in proportion to how much more each column would like.
func (r *pdfRenderer) columnWidths(header *tableRow, rows []*tableRow, ncol int) []float64 {
	minW := make([]float64, ncol)
	maxW := make([]float64, ncol)
	measure := func(tr *tableRow) {
		for i := range tr.cells {
			lo, hi := tr.cells[i].widths()
			minW[i] = max(minW[i], lo)
			maxW[i] = max(maxW[i], hi)
		}
	}
	if header != nil {
		measure(header)
	}
	for _, tr := range rows {
		measure(tr)
	}
	total := r.w
	var sumMin, sumMax float64
	for i := range minW {
		// Padding, a floor so an empty column stays visible, and a cap so one
		// huge token cannot take the whole table.
		minW[i] = min(max(minW[i]+2*cellPadX, 8), total*0.5)
		maxW[i] = max(maxW[i]+2*cellPadX, minW[i])
		if maxW[i] > 3*minW[i] {
			// A prose column: an address inside a sentence may break rather
			// than starve the columns beside it.
			minW[i] = min(minW[i], total*0.15)
		}
		sumMin += minW[i]
		sumMax += maxW[i]
	}
	out := make([]float64, ncol)
	switch {
	case sumMin >= total:
		// Not even the longest words fit: narrow the widest columns first
		// (down to a common cap) so short columns like "Row" stay intact.
		level := waterLevel(total, func(l float64) float64 {
			sum := 0.0
			for _, m := range minW {
				sum += min(m, l)
			}
			return sum
		}, total)
		for i := range out {
			out[i] = min(minW[i], level)
		}
	case sumMax <= total:
		// Everything fits unwrapped. Wide tables stretch to the full width;
		// small ones (a few numbers) stay compact with some air added.
		extra := total - sumMax
		if sumMax < total*0.6 {
			extra = min(extra, float64(ncol)*8)
		}
		for i := range out {
			out[i] = maxW[i] + extra*maxW[i]/sumMax
		}
	default:
		// Fill every column up to a common width: columns that need less
		// than it (a name, an address) print unbroken at their natural
		// width, and the prose columns end up equally wide and wrap.
		widest := 0.0
		for _, m := range maxW {
			widest = max(widest, m)
		}
		level := waterLevel(total, func(l float64) float64 {
			sum := 0.0
			for i := range minW {
				sum += max(minW[i], min(maxW[i], l))
			}
			return sum
		}, widest)
		for i := range out {
			out[i] = max(minW[i], min(maxW[i], level))
		}
	}
	return out
}

// waterLevel finds the level l in [0, hi] at which the non-decreasing
// fill(l) reaches target.
func waterLevel(target float64, fill func(float64) float64, hi float64) float64 {
	lo := 0.0
	for range 40 {
		mid := (lo + hi) / 2
		if fill(mid) > target {
			hi = mid
		} else {
			lo = mid
		}
	}
	return lo
}
