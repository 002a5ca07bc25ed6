package pdf

import (
	"encoding/binary"
	"errors"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/migready/migready/render/doc"
	"golang.org/x/text/unicode/norm"
)

// fpdf (codeberg.org/go-pdf/fpdf v0.12.0) parses every face it embeds for
// every document, and much of that work is in the face's character map:
// two maps built over every character the face has (about 2,300 in
// Liberation Sans: Latin, Greek, Cyrillic, Hebrew, phonetics), once when
// the face is added and once when it is subset, and a width looked up for
// each. A pack draws a few hundred of them. So each document hands fpdf
// its faces cut to the characters it can draw: the face's bytes with the
// character map ("cmap") replaced by one that maps only those, the glyphs,
// metrics and every other table untouched. fpdf subsets each face to the
// characters drawn with it and writes their glyphs, widths and character
// map itself, so the PDF is the one the whole face gives, save the names
// fpdf derives from the face's widths (TestCutFacesSamePDF).
//
// The characters a document can draw are found in its text before it is
// laid out (documentRunes), and every string drawn is checked against them
// (pdfRenderer.text): a character the layout makes that the text does not
// have lays the document out again with the whole faces, so a document
// never loses a character to a cut.

// runeSet is a set of characters of the Basic Multilingual Plane, the ones
// a format-4 character map can map.
type runeSet [1 << 16 / 64]uint64

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 1<<16 {
		s[r>>6] |= 1 << (uint(r) & 63)
	}
}

func (s *runeSet) has(r rune) bool {
	return r >= 0 && r < 1<<16 && s[r>>6]&(1<<(uint(r)&63)) != 0
}

func (s *runeSet) addRange(lo, hi rune) {
	for r := lo; r <= hi; r++ {
		s.add(r)
	}
}

// addText adds the characters of the text b, the ones a right-to-left
// line draws in their place (bidi.go's mirrored), and, when b has
// combining marks, the letters they compose with (sanitizeRuns draws
// "e" and U+0301 as "é").
func (s *runeSet) addText(b []byte) {
	marks := false
	for i := 0; i < len(b); {
		r := rune(b[i])
		if r < utf8.RuneSelf {
			s[r>>6] |= 1 << (uint(r) & 63)
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		i += n
		s.add(r)
		if m, ok := mirrored[r]; ok {
			s.add(m)
		}
		marks = marks || unicode.Is(unicode.Mn, r)
	}
	if marks {
		for _, r := range string(norm.NFC.Bytes(b)) {
			s.add(r)
		}
	}
}

// baseRunes is the set of characters every document's faces are cut to at
// least: Latin-1, whose widths fpdf writes for every face whether drawn or
// not, the general punctuation the layout draws of its own (list bullets,
// ellipses, dashes), and what most packs draw besides, so that the faces
// Prepare cuts ahead serve them: Latin Extended-A (Łukasz, Dvořák),
// currency, letterlike symbols, arrows and mathematical operators (≈, ≤).
// About 440 of Liberation Sans' 2,300 characters.
func baseRunes() *runeSet {
	s := new(runeSet)
	s.addRange(0, 0x17f)
	s.addRange(0x2000, 0x206f)
	s.addRange(0x20a0, 0x20cf)
	s.addRange(0x2100, 0x215f)
	s.addRange(0x2190, 0x22ff)
	s.drawable()
	return s
}

// drawable keeps in s the characters some face maps: the others never
// reach fpdf (the layout writes them as code points, or draws them as
// marks), and a set of the characters that do is the same for two
// documents that draw the same.
func (s *runeSet) drawable() {
	all := mapped()
	for i := range s {
		s[i] &= all[i]
	}
}

// mapped is the set of characters some face maps, or none when a face's
// map cannot be read (the faces are then not cut).
var mapped = sync.OnceValue(func() *runeSet {
	s := new(runeSet)
	for id := range fontID(numFonts) {
		m, err := faceMaps[id]()
		if err != nil {
			return new(runeSet)
		}
		for _, c := range m.runes {
			s.add(rune(c))
		}
	}
	return s
})

// documentRunes is the set of characters d can draw: baseRunes and those
// of its text (cover, running header and footer, body, the note on
// unshown characters).
func documentRunes(d *doc.Document) *runeSet {
	s := baseRunes()
	eachText(d, func(t []byte) { s.addText(t) })
	s.drawable()
	return s
}

// eachText calls f with each text of d the PDF draws, in reading order:
// the cover, the running header and footer, the body, and the note on
// the characters written as code points.
func eachText(d *doc.Document, f func(text []byte)) {
	for _, t := range []string{d.Cover.Customer, d.Cover.Title, d.Cover.Verdict, d.Cover.Detail} {
		f([]byte(t))
	}
	for _, fact := range d.Cover.Facts {
		f([]byte(fact[0]))
		f([]byte(fact[1]))
	}
	f([]byte(d.Header))
	f([]byte(d.Footer))
	f(d.Body)
	f([]byte(d.Unshown))
}

// faceMap is a face's character map: the characters it maps, ascending,
// each with its glyph.
type faceMap struct {
	runes  []uint16
	glyphs []uint16
}

var faceMaps [numFonts]func() (*faceMap, error)

func init() {
	for id := range fontID(numFonts) {
		faceMaps[id] = sync.OnceValues(func() (*faceMap, error) { return readFaceMap(id.ttf()) })
	}
	for id := range fontID(numFonts) {
		faceMaps[id] = faceMaps[id.face()]
	}
}

var errNoCmap = errors.New("pdf: face without a Unicode format-4 character map")

// ttfTable finds the table tag in the TrueType font ttf: its record's
// offset in the table directory and the table's bytes.
func ttfTable(ttf []byte, tag string) (rec int, data []byte, ok bool) {
	if len(ttf) < 12 {
		return 0, nil, false
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return 0, nil, false
		}
		if string(ttf[rec:rec+4]) != tag {
			continue
		}
		off := int(binary.BigEndian.Uint32(ttf[rec+8:]))
		size := int(binary.BigEndian.Uint32(ttf[rec+12:]))
		if off < 0 || size < 0 || off+size > len(ttf) {
			return 0, nil, false
		}
		return rec, ttf[off : off+size], true
	}
	return 0, nil, false
}

// readFaceMap reads the character map fpdf reads: the first Unicode
// subtable (platform 0, or Windows Unicode BMP) of format 4.
func readFaceMap(ttf []byte) (*faceMap, error) {
	_, cmap, ok := ttfTable(ttf, "cmap")
	if !ok || len(cmap) < 4 {
		return nil, errNoCmap
	}
	u16 := func(b []byte, off int) (int, bool) {
		if off < 0 || off+2 > len(b) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(b[off:])), true
	}
	n, _ := u16(cmap, 2)
	var sub []byte
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, _ := u16(cmap, rec)
		encoding, _ := u16(cmap, rec+2)
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if format, ok := u16(cmap, off); ok && format == 4 && (platform == 0 || platform == 3 && encoding == 1) {
			length, _ := u16(cmap, off+2)
			if off+length > len(cmap) {
				return nil, errNoCmap
			}
			sub = cmap[off : off+length]
			break
		}
	}
	if sub == nil {
		return nil, errNoCmap
	}
	segX2, ok := u16(sub, 6)
	if !ok || 16+4*segX2 > len(sub) {
		return nil, errNoCmap
	}
	ends, starts := 14, 16+segX2
	deltas, rangeOffs := starts+segX2, starts+2*segX2
	m := &faceMap{}
	for seg := 0; seg < segX2; seg += 2 {
		end, _ := u16(sub, ends+seg)
		start, _ := u16(sub, starts+seg)
		delta, _ := u16(sub, deltas+seg)
		ro, _ := u16(sub, rangeOffs+seg)
		for c := start; c <= end && c < 0xffff; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xffff
			} else if gi, ok := u16(sub, rangeOffs+seg+ro+2*(c-start)); ok && gi != 0 {
				g = (gi + delta) & 0xffff
			}
			if g != 0 {
				m.runes = append(m.runes, uint16(c))
				m.glyphs = append(m.glyphs, uint16(g))
			}
		}
	}
	return m, nil
}

// cutFace is the face ttf for one document: a copy with its character map
// replaced by a format-4 one of the characters of keep it maps. fpdf never
// writes into it (see pdfBytes), being the document's own.
func cutFace(ttf []byte, m *faceMap, keep *runeSet) ([]byte, error) {
	rec, _, ok := ttfTable(ttf, "cmap")
	if !ok {
		return nil, errNoCmap
	}
	// Segments: runs of consecutive characters whose glyphs are
	// consecutive too, each mapped by a delta alone.
	type segment struct{ start, end, delta uint16 }
	segs := make([]segment, 0, 128)
	for i, c := range m.runes {
		if !keep.has(rune(c)) {
			continue
		}
		delta := m.glyphs[i] - c
		if k := len(segs) - 1; k >= 0 && segs[k].end+1 == c && segs[k].delta == delta {
			segs[k].end = c
			continue
		}
		segs = append(segs, segment{c, c, delta})
	}
	segs = append(segs, segment{0xffff, 0xffff, 1}) // the closing segment
	n := len(segs)
	sub := 16 + 8*n
	table := 4 + 8 + sub
	out := make([]byte, 0, len(ttf)+table+3)
	out = append(out, ttf...)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	at := len(out)
	be := binary.BigEndian
	out = be.AppendUint16(out, 0) // version
	out = be.AppendUint16(out, 1) // one subtable: Windows, Unicode BMP
	out = be.AppendUint16(out, 3)
	out = be.AppendUint16(out, 1)
	out = be.AppendUint32(out, 12)
	search, selector := 1, 0
	for search*2 <= n {
		search *= 2
		selector++
	}
	out = be.AppendUint16(out, 4)
	out = be.AppendUint16(out, uint16(sub))
	out = be.AppendUint16(out, 0) // language
	out = be.AppendUint16(out, uint16(2*n))
	out = be.AppendUint16(out, uint16(2*search))
	out = be.AppendUint16(out, uint16(selector))
	out = be.AppendUint16(out, uint16(2*n-2*search))
	for _, s := range segs {
		out = be.AppendUint16(out, s.end)
	}
	out = be.AppendUint16(out, 0) // reserved pad
	for _, s := range segs {
		out = be.AppendUint16(out, s.start)
	}
	for _, s := range segs {
		out = be.AppendUint16(out, s.delta)
	}
	for range segs {
		out = be.AppendUint16(out, 0) // no glyph index array
	}
	be.PutUint32(out[rec+4:], ttfChecksum(out[at:]))
	be.PutUint32(out[rec+8:], uint32(at))
	be.PutUint32(out[rec+12:], uint32(len(out)-at))
	return out, nil
}

// ttfChecksum is a TrueType table's checksum.
func ttfChecksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// faceBytes is face id as this document hands it to fpdf: cut to r.cut,
// or whole when r.cut is nil. A face that cannot be cut counts as a
// character missed, so that the document is laid out with whole faces.
func (r *pdfRenderer) faceBytes(id fontID) []byte {
	if r.cut != nil {
		m, err := faceMaps[id]()
		if err == nil {
			var b []byte
			if b, err = cutFace(id.ttf(), m, r.cut); err == nil {
				return b
			}
		}
		r.cutMissed = true
	}
	return id.pdfBytes()
}
