// Copyright ©2026 The migready Authors. This file is part of a patch of
// go-pdf/fpdf (see PATCHES.md) and is released under its MIT licence.

package fpdf

import "sync"

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
