// Copyright ©2026 The migready Authors. This file is part of a patch of
// go-pdf/fpdf (see PATCHES.md) and is released under its MIT licence.

package fpdf

import (
	"sort"
	"sync"
)

// A process keeps the parsed UTF-8 faces it has been given: parsing a
// TrueType file and generateFontID (a JSON dump of its 65,536 widths) cost
// more than laying out a whole document, and both depend only on the font's
// bytes and its key. The bytes are recognised by identity (address and
// length), so callers pass the same, never-changed slice every time, as
// with fonts compiled into the binary.

type utf8FontKey struct {
	fontkey string
	data    *byte
	size    int
}

// maxCachedUTF8Fonts bounds the cache for callers that pass a fresh copy of
// a font for every document: those are parsed every time, as upstream does.
const maxCachedUTF8Fonts = 64

var utf8Fonts = struct {
	sync.Mutex
	m map[utf8FontKey]fontDefType
}{m: map[utf8FontKey]fontDefType{}}

func utf8CacheKey(fontkey string, b []byte) utf8FontKey {
	return utf8FontKey{fontkey: fontkey, data: &b[0], size: len(b)}
}

// cachedUTF8Font returns the definition stored for the font, to be given its
// own utf8File and usedRunes before use.
func cachedUTF8Font(fontkey string, b []byte) (fontDefType, bool) {
	if len(b) == 0 {
		return fontDefType{}, false
	}
	utf8Fonts.Lock()
	defer utf8Fonts.Unlock()
	def, ok := utf8Fonts.m[utf8CacheKey(fontkey, b)]
	return def, ok
}

func storeUTF8Font(fontkey string, b []byte, def fontDefType) {
	if len(b) == 0 {
		return
	}
	def.usedRunes = nil
	def.utf8File.cut = &cutTables{}
	utf8Fonts.Lock()
	defer utf8Fonts.Unlock()
	if len(utf8Fonts.m) < maxCachedUTF8Fonts {
		utf8Fonts.m[utf8CacheKey(fontkey, b)] = def
	}
}

// forDocument is a copy of a parsed face for one document: GenerateCutFont
// moves the reader and replaces the tables, maps and widths it works on,
// but never changes the maps or slices of the parse, nor (since the patch
// of getMetrics) the font's bytes, so those are shared.
func (utf *utf8FontFile) forDocument() *utf8FontFile {
	c := *utf
	c.fileReader = &fileReader{array: utf.fileReader.array}
	return &c
}

// cutTables holds what subsetting (GenerateCutFont) reads from the whole
// font before it picks the used glyphs: the rune-to-glyph map and the glyph
// offsets. Upstream rebuilt both for every document (with the widths at
// scale 1, which nothing reads afterwards); they depend only on the font,
// so the first document of a face builds them and the others share them,
// read-only.
type cutTables struct {
	once           sync.Once
	ok             bool
	charSymbol     map[int]int
	symbolPosition []int
}

// cutTables runs build, upstream's code, once per face and gives utf the
// tables it built; it reports build's result. Without a cache entry (utf.cut
// nil) it is upstream: build every time.
func (utf *utf8FontFile) cutTables(build func() bool) bool {
	c := utf.cut
	if c == nil {
		return build()
	}
	c.once.Do(func() {
		c.ok = build()
		c.charSymbol, c.symbolPosition = utf.charSymbolDictionary, utf.symbolPosition
	})
	utf.charSymbolDictionary, utf.symbolPosition = c.charSymbol, c.symbolPosition
	return c.ok
}

// fontSubset is what a document embeds of a UTF-8 face: the subset of its
// glyphs the document uses, compressed, with the widths entry (/W) and the
// compressed CID-to-glyph map. All three depend only on the face and the
// set of runes used, and subsetting and compressing them cost a quarter of
// a typical document's PDF time; a batch of customers writing in one
// language uses the same few sets over and over. So the subsets of cached
// faces are kept too, keyed by the face and its used runes: a document
// gets the bytes it would have built itself.
type fontSubset struct {
	widths      string // "/W [ … ]"
	cidToGIDMap []byte // compressed
	font        []byte // compressed
	fontSize    int    // uncompressed
}

type subsetKey struct {
	face  *cutTables // identifies a cached face
	runes string     // the used runes and their values, sorted, 6 bytes each
}

// maxCachedSubsets bounds the subset cache (an entry is the size of its
// compressed subset, 10–40 kB): once full, further subsets are built every
// time, as upstream does.
const maxCachedSubsets = 64

var subsets = struct {
	sync.Mutex
	m map[subsetKey]*fontSubset
}{m: map[subsetKey]*fontSubset{}}

// subsetOf returns font's subset for its used runes (without rune 0),
// from the cache when the face is cached.
func subsetOf(font *fontDefType) *fontSubset {
	var key subsetKey
	cached := font.utf8File.cut != nil
	if cached {
		runes := make([]int, 0, len(font.usedRunes))
		for r := range font.usedRunes {
			runes = append(runes, r)
		}
		sort.Ints(runes)
		// The values matter too: subsetting keeps the runes of non-zero
		// value, and the widths every rune up to 255.
		b := make([]byte, 0, 6*len(runes))
		for _, r := range runes {
			v := font.usedRunes[r]
			b = append(b, byte(r>>16), byte(r>>8), byte(r), byte(v>>16), byte(v>>8), byte(v))
		}
		key = subsetKey{font.utf8File.cut, string(b)}
		subsets.Lock()
		s, ok := subsets.m[key]
		subsets.Unlock()
		if ok {
			return s
		}
	}

	// Upstream's code, from putfonts.
	stream := font.utf8File.GenerateCutFont(font.usedRunes)
	s := &fontSubset{fontSize: len(stream)}
	s.widths = generateCIDFontMap(font, font.utf8File.LastRune)
	codeSign := font.utf8File.CodeSymbolDictionary
	delete(codeSign, 0)
	cidToGidMap := make([]byte, 256*256*2)
	for cc, glyph := range codeSign {
		cidToGidMap[cc*2] = byte(glyph >> 8)
		cidToGidMap[cc*2+1] = byte(glyph & 0xFF)
	}
	mem := xmem.compress(cidToGidMap)
	s.cidToGIDMap = mem.copy()
	mem.release()
	mem = xmem.compress(stream)
	s.font = mem.copy()
	mem.release()

	if cached {
		subsets.Lock()
		if len(subsets.m) < maxCachedSubsets {
			subsets.m[key] = s
		}
		subsets.Unlock()
	}
	return s
}
