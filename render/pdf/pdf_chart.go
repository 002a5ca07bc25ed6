package pdf

import (
	"github.com/migready/migready/render/doc"
	"math"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

type chartBar struct {
	label  inlineBuilder
	value  float64
	vlabel string
}

// barChart lays out a "barchart" fenced block: one "label|value|value
// label" per line, bars in the brand colour scaled to the largest value,
// never split across pages.
func (r *pdfRenderer) barChart(n ast.Node, src []string) {
	const size = 9.0
	lh := size * 1.3 * ptToMM
	var bars []*chartBar
	for _, line := range src {
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.SplitN(line, "|", 3)
		b := &chartBar{}
		if len(parts) > 1 {
			v, err := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
			if err == nil && v > 0 && !math.IsInf(v, 0) {
				b.value = v
			}
			if err == nil {
				b.vlabel = strconv.FormatFloat(v, 'f', -1, 64)
			}
		}
		if len(parts) > 2 {
			b.vlabel = strings.TrimSpace(parts[2])
		}
		b.label.addText(strings.TrimSpace(parts[0]), b.label.style(textStyle{font: fontRegular, size: size, color: colText}))
		bars = append(bars, b)
	}
	if len(bars) == 0 {
		return
	}
	var labelW, valueW, maxV float64
	for _, b := range bars {
		_, w := b.label.widths()
		labelW = max(labelW, w)
		var coded bool
		b.vlabel, coded = displayText(b.vlabel, fontBold)
		r.coded = r.coded || coded || b.label.coded
		valueW = max(valueW, textWidth(b.vlabel, fontBold, size))
		maxV = max(maxV, b.value)
	}
	// A label keeps to one line while the bars keep two fifths of the
	// width.
	valueW += 3
	labelW = max(min(labelW+4, r.w*0.6-valueW), 20)
	track := r.w - labelW - valueW
	const barH = 4.2

	r.space(spaceCode)
	from := len(r.boxes)
	x0 := r.x0
	for i, b := range bars {
		lines := b.label.layout(labelW - 4)
		inner := math.Max(float64(len(lines))*lh, barH)
		mk := r.takeMarker()
		r.emit(&box{h: inner + 2.6, kind: boxBar, node: n, line: i, draw: func(r *pdfRenderer, y float64) {
			y += 1.3
			if mk != nil {
				r.drawMarker(mk, y+inner/2+0.345*size*ptToMM, size)
			}
			ly := y + (inner-float64(len(lines))*lh)/2
			for _, l := range lines {
				r.drawLine(&b.label, l, x0, ly, lh, size)
				ly += lh
			}
			by := y + (inner-barH)/2
			x := x0 + labelW
			r.fillRect(x, by, track, barH, doc.RGB{R: 0xef, G: 0xf1, B: 0xf4})
			bw := 0.0
			if maxV > 0 {
				bw = track * b.value / maxV
			}
			if bw > 0 {
				r.fillRect(x, by, math.Max(bw, 0.6), barH, r.brand)
			}
			if b.vlabel != "" {
				vx := x + bw + 1.8
				vw := textWidth(b.vlabel, fontBold, size)
				col := colText
				if vx+vw > x+track+valueW {
					// Too long to follow the bar: print it inside, in white.
					vx, col = x+bw-vw-1.8, colWhite
				}
				r.text(vx, by+barH/2+0.345*size*ptToMM, b.vlabel, fontBold, size, col)
			}
		}})
	}
	r.keepRange(from, len(r.boxes))
	r.pending = spaceCode
}
