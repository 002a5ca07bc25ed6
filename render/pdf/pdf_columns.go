package pdf

import (
	"math"
	"slices"
	"strings"
)

// Column widths come from the content. Each column has a least width (its
// longest word: an address, an ID or a SHA-256 is one word) and a natural
// width (its longest cell on one line). When the natural widths fit, every
// cell stays on one line. When they do not, the widths are the ones that
// make the table shortest, counted in lines with every cell laid out as it
// will be drawn, where breaking inside a word costs as much as a line more,
// two when the word is a whole cell (an address breaks after its "@"), four
// when it has no place to break (a SHA-256), three in the header: a Problem
// and a What-to-do column share the room by how much each has to say, and
// an address or a SHA-256 keeps a line of its own whenever room can be
// found elsewhere.

const (
	// minColW is the narrowest a column gets, so an empty one stays visible.
	minColW = 8.0
	// formRowH and signColW give a form (a sign-off) room to write by
	// hand: rows at least 10 mm high, the last column to fill in (the
	// signature) at least 50 mm wide, any other (a date) at least 25 mm.
	formRowH  = 10.0
	signColW  = 50.0
	formColW  = 25.0
	brokenTax = 1.0 // lines a word broken inside a sentence costs
	tokenTax  = 2.0 // … a cell that is one word (an address, a file name)
	hashTax   = 4.0 // … one word without a place to break (a SHA-256)
	headerTax = 3.0 // … a header
	sampleMax = 48  // rows the search weighs (evenly spread over the table)
)

// formColumns marks the columns of a form: columns whose every body cell
// is a field to fill in by hand (holds only a no-break space, see
// doc.Document); nil when the table has none.
func formColumns(header *tableRow, rows []*tableRow, ncol int) []bool {
	if len(rows) == 0 {
		return nil
	}
	var form []bool
	for c := range ncol {
		field := true
		for _, tr := range rows {
			field = field && tr.cells[c].isField()
		}
		if field {
			if form == nil {
				form = make([]bool, ncol)
			}
			form[c] = true
		}
	}
	return form
}

// isField reports whether a cell is a field to fill in by hand: it holds
// only a no-break space.
func (b *inlineBuilder) isField() bool {
	return len(b.atoms) == 1 && b.atoms[0].kind == atomText && b.atoms[0].text == "\u00a0"
}

// columnWidths shares the block width between the columns; see above.
func (r *pdfRenderer) columnWidths(header *tableRow, rows []*tableRow, ncol int) []float64 {
	total := r.w
	minW := make([]float64, ncol)
	maxW := make([]float64, ncol)
	headW := make([]float64, ncol) // the header's longest word
	measure := func(tr *tableRow) {
		for i := range tr.cells {
			lo, hi := tr.cells[i].widths()
			minW[i] = max(minW[i], lo)
			maxW[i] = max(maxW[i], hi)
			if tr.header {
				headW[i] = lo
			}
		}
	}
	if header != nil {
		measure(header)
	}
	for _, tr := range rows {
		measure(tr)
	}
	out := make([]float64, ncol)
	// A form's columns to fill in get room to write (unless there are too
	// many of them); the others share the rest.
	form := formColumns(header, rows, ncol)
	if form != nil {
		want := make([]float64, ncol)
		last, reserved := -1, 0.0
		for c := range ncol {
			if form[c] {
				last = c
			}
		}
		for c := range ncol {
			if form[c] {
				want[c] = formColW
				if c == last {
					want[c] = signColW
				}
				want[c] = max(want[c], minW[c]+2*cellPadX)
				reserved += want[c]
			}
		}
		if reserved <= total*0.7 {
			for c := range ncol {
				if form[c] {
					minW[c] = want[c] - 2*cellPadX
					maxW[c] = minW[c]
				}
			}
		} else {
			form = nil
		}
	}
	sumMax := 0.0
	for i := range minW {
		// Padding, a floor so an empty column stays visible, and a cap so
		// one huge token cannot take the whole table.
		minW[i] = min(max(minW[i]+2*cellPadX, minColW), total*0.5)
		maxW[i] = max(maxW[i]+2*cellPadX, minW[i])
		headW[i] = min(headW[i]+2*cellPadX, minW[i])
		sumMax += maxW[i]
	}
	if sumMax <= total {
		// Everything fits unwrapped. A table of four or more columns, or
		// a wide one, stretches to the full width like its neighbours; a
		// small one (a few numbers) stays compact with some air added.
		extra := total - sumMax
		if ncol < 4 && sumMax < total*0.6 {
			extra = min(extra, float64(ncol)*8)
		}
		grow := 0.0
		for i := range maxW {
			if form == nil || !form[i] {
				grow += maxW[i]
			}
		}
		for i := range out {
			out[i] = maxW[i]
			if form == nil || !form[i] {
				out[i] += extra * maxW[i] / grow
			}
		}
		if form != nil && grow == 0 {
			for i := range out {
				out[i] += extra / float64(ncol)
			}
		}
		return out
	}
	s := newColumnSearch(header, rows, minW, maxW, headW, form, total)
	if sumLo := sum(s.lo); sumLo >= total {
		// Not even the least widths fit (many columns): narrow the widest
		// first (down to a common cap) so short columns like "Row" stay
		// intact.
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
		return out
	}
	return s.best()
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// columnSearch finds the widths that make a table shortest.
type columnSearch struct {
	rows       []*tableRow // the header (if any) and a sample of the rows
	lo, hi     []float64   // bounds of each column's width
	minW, maxW []float64
	total      float64
	lines      [][]cellLines // lines[c][k]: row k's cell c at width[c]
}

func newColumnSearch(header *tableRow, rows []*tableRow, minW, maxW, headW []float64, form []bool, total float64) *columnSearch {
	s := &columnSearch{minW: minW, maxW: maxW, total: total}
	if header != nil {
		s.rows = append(s.rows, header)
	}
	step := max(1, (len(rows)+sampleMax-1)/sampleMax)
	for i := 0; i < len(rows); i += step {
		s.rows = append(s.rows, rows[i])
	}
	ncol := len(minW)
	s.lo, s.hi = make([]float64, ncol), make([]float64, ncol)
	for c := range ncol {
		// A column may break its long words when that makes the table
		// shorter, but never its header's.
		s.lo[c] = max(headW[c], minColW, min(minW[c], total*0.15))
		s.hi[c] = maxW[c]
		if form != nil && form[c] {
			s.lo[c] = minW[c]
		}
	}
	s.lines = make([][]cellLines, ncol)
	for c := range s.lines {
		s.lines[c] = make([]cellLines, len(s.rows))
	}
	return s
}

// cellCost is cell c of tr at width w: its lines, and a tax for a word
// broken inside.
func cellCost(tr *tableRow, c int, w float64) cellLines {
	cell := &tr.cells[c]
	n, broken := cell.lineCount(w - 2*cellPadX)
	out := cellLines{lines: float64(n)}
	if broken {
		switch lo, hi := cell.widths(); {
		case tr.header:
			out.tax = headerTax
		case lo == hi && cell.separated():
			out.tax = tokenTax
		case lo == hi:
			out.tax = hashTax
		default:
			out.tax = brokenTax
		}
	}
	return out
}

type cellLines struct{ lines, tax float64 }

func (s *columnSearch) setColumn(c int, w float64) {
	for k, tr := range s.rows {
		s.lines[c][k] = cellCost(tr, c, w)
	}
}

// cost is the table's height in lines, with the taxes for broken words,
// plus a hundredth of all its cells' lines: of two equally tall tables,
// the one with less wrapping.
func (s *columnSearch) cost() float64 {
	sum := 0.0
	for k := range s.rows {
		tallest, all := 0.0, 0.0
		for c := range s.lines {
			l := s.lines[c][k]
			tallest = max(tallest, l.lines)
			all += l.lines
			sum += l.tax
		}
		sum += tallest + all/100
	}
	return sum
}

func (s *columnSearch) eval(widths []float64) float64 {
	for c, w := range widths {
		s.setColumn(c, w)
	}
	return s.cost()
}

// best starts from a few reasoned shares of the width and improves the
// best of them by moving width from one column to another while that
// makes the table shorter.
func (s *columnSearch) best() []float64 {
	var best []float64
	bestCost := math.Inf(1)
	for _, w := range s.starts() {
		if c := s.eval(w); c < bestCost-1e-9 {
			best, bestCost = w, c
		}
	}
	s.eval(best)
	ncol := len(best)
	for _, step := range []float64{32, 16, 8, 4, 2, 1} {
		for round := 0; round < 24; round++ {
			improved := false
			for a := range ncol {
				for b := range ncol {
					if a == b || best[a]+step > s.hi[a]+1e-9 || best[b]-step < s.lo[b]-1e-9 {
						continue
					}
					wa, wb := best[a], best[b]
					la, lb := append([]cellLines(nil), s.lines[a]...), append([]cellLines(nil), s.lines[b]...)
					best[a], best[b] = wa+step, wb-step
					s.setColumn(a, best[a])
					s.setColumn(b, best[b])
					if c := s.cost(); c < bestCost-1e-9 {
						bestCost, improved = c, true
						continue
					}
					best[a], best[b] = wa, wb
					copy(s.lines[a], la)
					copy(s.lines[b], lb)
				}
			}
			if !improved {
				break
			}
		}
	}
	return best
}

// starts are the widths the search starts from: every column at its least
// width and the rest shared by how much more each would like (as browsers
// do); for each k, the k narrowest columns unwrapped and the rest shared
// by how much text each holds; and each column unwrapped alone.
func (s *columnSearch) starts() [][]float64 {
	ncol := len(s.lo)
	var out [][]float64
	fit := func(w []float64, pinned ...int) []float64 {
		// Keep within the bounds, then give or take the difference from
		// the columns that can move, the pinned ones last.
		for c := range w {
			w[c] = min(max(w[c], s.lo[c]), s.hi[c])
		}
		for _, pass := range []bool{false, true} {
			for range 8 {
				diff := s.total
				for _, x := range w {
					diff -= x
				}
				if math.Abs(diff) < 1e-6 {
					break
				}
				room := make([]float64, len(w))
				var sum float64
				for c := range w {
					if !pass && slices.Contains(pinned, c) {
						continue
					}
					if diff > 0 {
						room[c] = s.hi[c] - w[c]
					} else {
						room[c] = w[c] - s.lo[c]
					}
					sum += room[c]
				}
				if sum <= 0 {
					break
				}
				for c := range w {
					w[c] += diff * room[c] / sum
				}
			}
		}
		return w
	}
	// As browsers do.
	w := make([]float64, ncol)
	var sumMin, sumWant float64
	for c := range ncol {
		w[c] = s.lo[c]
		sumMin += s.lo[c]
		sumWant += s.hi[c] - s.lo[c]
	}
	if sumWant > 0 {
		for c := range ncol {
			w[c] += (s.total - sumMin) * (s.hi[c] - s.lo[c]) / sumWant
		}
	}
	out = append(out, fit(w))
	// The k narrowest columns unwrapped, the rest by their text.
	order := make([]int, ncol)
	for c := range order {
		order[c] = c
	}
	for i := 1; i < ncol; i++ {
		for j := i; j > 0 && s.hi[order[j]] < s.hi[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	text := make([]float64, ncol)
	for c := range ncol {
		for _, tr := range s.rows {
			_, hi := tr.cells[c].widths()
			text[c] += hi
		}
	}
	for k := ncol - 1; k >= 1; k-- {
		w := make([]float64, ncol)
		rest, restText := s.total, 0.0
		for _, c := range order[:k] {
			w[c] = s.hi[c]
			rest -= w[c]
		}
		for _, c := range order[k:] {
			restText += text[c]
		}
		if rest <= 0 || restText <= 0 {
			continue
		}
		for _, c := range order[k:] {
			w[c] = rest * text[c] / restText
		}
		out = append(out, fit(w, order[:k]...))
	}
	// One column unwrapped (a SHA-256), the rest by their text.
	for c := range ncol {
		w := make([]float64, ncol)
		w[c] = s.hi[c]
		rest, restText := s.total-w[c], 0.0
		for o := range ncol {
			if o != c {
				restText += text[o]
			}
		}
		if rest <= 0 || restText <= 0 {
			continue
		}
		for o := range ncol {
			if o != c {
				w[o] = rest * text[o] / restText
			}
		}
		out = append(out, fit(w, c))
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

// separated reports whether the cell's text has a place to break a word
// at (see isTokenBreak).
func (b *inlineBuilder) separated() bool {
	for _, a := range b.atoms {
		if strings.ContainsFunc(a.text, isTokenBreak) {
			return true
		}
	}
	return false
}
