package pdf

import (
	"bytes"
	"math"
	"sync"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationmonobold"
	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/migready/migready/inputs/shown"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// The PDF embeds Liberation Sans for text and Liberation Mono for records
// and ids, compiled into the binary: faces drawn for documents (metric-
// compatible with Arial and Courier New, a plain hyphen and zero) that cover
// Latin Extended, Greek and Cyrillic (Łukasz Żółć, Ærle Sæbø, Ελένη,
// Дмитрий), so no font is ever read from disk or fetched at run time.

// fontID names one of the embedded faces.
type fontID int

const (
	fontRegular fontID = iota
	fontBold
	fontItalic
	fontBoldItalic
	fontMono
	fontMonoBold
	numFonts
)

// face is the face id is drawn with: the upright one for an italic.
func (id fontID) face() fontID {
	switch id {
	case fontItalic:
		return fontRegular
	case fontBoldItalic:
		return fontBold
	}
	return id
}

// slanted reports whether id is drawn slanted (italicSkew) from its face.
func (id fontID) slanted() bool { return id.face() != id }

// italicSkew is the slant of the italics, in degrees: Liberation Sans
// Italic's italic angle (its post table's -12°, leaning right).
const italicSkew = 12

// pdfFamily and pdfStyle are the names the faces are registered under in fpdf.
func (id fontID) pdfFamily() string {
	if id == fontMono || id == fontMonoBold {
		return "libmono"
	}
	return "libsans"
}

func (id fontID) pdfStyle() string {
	switch id.face() {
	case fontBold, fontMonoBold:
		return "B"
	}
	return ""
}

// ttf is the TrueType font id is drawn with.
func (id fontID) ttf() []byte {
	switch id.face() {
	case fontBold:
		return liberationsansbold.TTF
	case fontMono:
		return liberationmonoregular.TTF
	case fontMonoBold:
		return liberationmonobold.TTF
	}
	return liberationsansregular.TTF
}

// pdfBytes is the face as handed to fpdf for one document. fpdf
// (codeberg.org/go-pdf/fpdf v0.12.0) keeps the slice and, when it subsets a
// glyph that has no long horizontal metric of its own (a glyph numbered at
// or beyond the hhea table's numberOfHMetrics), appends to a sub-slice of
// the font and so overwrites two bytes of it: every later document would
// embed a damaged metric. A face that has such glyphs is therefore copied
// for every document; the others, which fpdf only reads, are shared.
func (id fontID) pdfBytes() []byte {
	return fontBytesForDocument(id.ttf(), shortMetrics[id]())
}

// fontBytesForDocument is ttf as one document may hand it to fpdf.
func fontBytesForDocument(ttf []byte, short bool) []byte {
	if short {
		return bytes.Clone(ttf)
	}
	return ttf
}

// shortMetrics reports, once per face, whether it has glyphs without a
// long horizontal metric (see pdfBytes).
var shortMetrics = func() (f [numFonts]func() bool) {
	for id := range fontID(numFonts) {
		f[id] = sync.OnceValue(func() bool { return hasShortMetrics(id.ttf()) })
	}
	return f
}()

// hasShortMetrics reports whether the TrueType font ttf has fewer long
// horizontal metrics (hhea numberOfHMetrics) than glyphs (maxp numGlyphs).
// A font it cannot read counts as having them.
func hasShortMetrics(ttf []byte) bool {
	u16 := func(off int) (int, bool) {
		if off < 0 || off+2 > len(ttf) {
			return 0, false
		}
		return int(ttf[off])<<8 | int(ttf[off+1]), true
	}
	numTables, ok := u16(4)
	if !ok {
		return true
	}
	hhea, maxp := -1, -1
	for i := range numTables {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return true
		}
		off := int(ttf[rec+8])<<24 | int(ttf[rec+9])<<16 | int(ttf[rec+10])<<8 | int(ttf[rec+11])
		switch string(ttf[rec : rec+4]) {
		case "hhea":
			hhea = off
		case "maxp":
			maxp = off
		}
	}
	long, ok1 := u16(hhea + 34)
	glyphs, ok2 := u16(maxp + 4)
	return hhea < 0 || maxp < 0 || !ok1 || !ok2 || long < glyphs
}

// metricsCacheSize covers Latin, Greek and Cyrillic with a flat table; rarer
// runes go through a map.
const metricsCacheSize = 0x530

// fontMetrics answers "does the face have this rune" and "how wide is it"
// with the same numbers fpdf writes into the PDF's /W array (advance in
// 1/1000 em, rounded), so text we position ourselves lines up exactly with
// what a viewer draws.
type fontMetrics struct {
	f     *sfnt.Font
	upem  fixed.Int26_6
	table [metricsCacheSize]int16 // -1: missing glyph

	mu   sync.Mutex
	buf  sfnt.Buffer
	more map[rune]int16
}

var (
	metricsOnce sync.Once
	metrics     [numFonts]*fontMetrics
	metricsErr  error
)

func loadMetrics() error {
	metricsOnce.Do(func() {
		for id := fontID(0); id < numFonts; id++ {
			if id.slanted() {
				continue // below: its face's
			}
			// sfnt keeps the slice: the font package's own, which fpdf
			// never writes into (pdfBytes), so it is not copied.
			f, err := sfnt.Parse(id.ttf())
			if err != nil {
				metricsErr = err
				return
			}
			m := &fontMetrics{f: f, upem: fixed.I(int(f.UnitsPerEm())), more: map[rune]int16{}}
			for r := rune(0); r < metricsCacheSize; r++ {
				m.table[r] = m.lookup(r)
			}
			metrics[id] = m
		}
		for id := fontID(0); id < numFonts; id++ {
			metrics[id] = metrics[id.face()]
		}
	})
	return metricsErr
}

// lookup reads the advance of r from the font; callers hold mu or are the
// only user (during loadMetrics).
func (m *fontMetrics) lookup(r rune) int16 {
	gi, err := m.f.GlyphIndex(&m.buf, r)
	if err != nil || gi == 0 {
		return -1
	}
	adv, err := m.f.GlyphAdvance(&m.buf, gi, m.upem, font.HintingNone)
	if err != nil {
		return -1
	}
	return int16(math.Round(float64(adv) / 64 * 1000 / float64(m.f.UnitsPerEm())))
}

// width returns the advance of r in 1/1000 em, or -1 when the face has no
// glyph for it.
func (m *fontMetrics) width(r rune) int {
	if r >= 0 && r < metricsCacheSize {
		return int(m.table[r])
	}
	m.mu.Lock()
	w, ok := m.more[r]
	if !ok {
		w = m.lookup(r)
		m.more[r] = w
	}
	m.mu.Unlock()
	return int(w)
}

// has reports whether the face can draw r.
func (m *fontMetrics) has(r rune) bool { return m.width(r) >= 0 }

// stringWidth is the width of s in 1/1000 em; s must already be sanitized.
func (m *fontMetrics) stringWidth(s string) int {
	w := 0
	for _, r := range s {
		if c := m.width(r); c > 0 {
			w += c
		}
	}
	return w
}

// sanitized reports whether s is printable with face id as it is: every
// rune is one the face draws (sanitizeRuns would give it back whole).
func sanitized(s string, id fontID) bool {
	m := metrics[id]
	marks := false
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= metricsCacheSize || m.table[r] < 0 {
			return false
		}
		marks = marks || r >= 0x300
	}
	// A letter and its combining accent are drawn as the precomposed
	// letter (sanitizeRuns).
	return !marks || norm.NFC.IsNormalString(s)
}

// sanitizeRuns makes s printable with face id, in pieces: spacing
// characters become a plain space, invisible format characters (zero-width
// space, BOM, variation selectors, controls) are dropped, and any rune the
// face lacks (Arabic, Chinese, Thai, an emoji: Liberation has none of them)
// is written as its code point, "[U+0645]", the form the pack gives
// invisible characters (inputs/shown): never a "?" nor an empty box, so the
// reader sees that a character is there and which one. It calls emit with
// the printable runs of s in order, code set on the runs that are code
// points written in place of runes the face lacks ("[U+0645][U+0631]"),
// which the layout draws as placeholders.
func sanitizeRuns(s string, id fontID, emit func(text string, code bool)) {
	// fpdf places no combining mark over its letter ("Rene´e"): a name
	// exported decomposed (NFD, "Rene" + U+0301 + "e") is drawn with the
	// letters the faces have precomposed, as it reads ("Renée").
	s = norm.NFC.String(s)
	m := metrics[id]
	out := make([]byte, 0, len(s))
	code := false
	flush := func(next bool) {
		if next != code && len(out) > 0 {
			emit(string(out), code)
			out = out[:0]
		}
		code = next
	}
	for _, r := range s {
		switch {
		case r == '\t':
			flush(false)
			out = append(out, ' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// control characters: drop
		case r == 0x202f && m.has(0xa0):
			flush(false)
			out = utf8.AppendRune(out, 0xa0) // narrow no-break space: keep it unbreakable
		case (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 || r == 0x205f || r == 0x3000:
			flush(false)
			out = append(out, ' ')
		case (r >= 0x200b && r <= 0x200f) || (r >= 0x2060 && r <= 0x2064) || r == 0xfeff ||
			(r >= 0xfe00 && r <= 0xfe0f) || r == 0x00ad:
			// zero-width and format characters: drop
		case m.has(r):
			flush(false)
			out = utf8.AppendRune(out, r)
		default:
			flush(true)
			out = append(out, shown.Marked(r)...)
		}
	}
	if len(out) > 0 {
		emit(string(out), code)
	}
}
