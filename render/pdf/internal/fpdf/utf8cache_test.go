// Copyright ©2026 The migready Authors. A test of a patch (see PATCHES.md),
// released under fpdf's MIT licence.

package fpdf

import (
	"bytes"
	"testing"
	"time"

	"golang.org/x/image/font/gofont/gomono"
)

// TestCachedFontUnchanged: documents that share a face's bytes (the cache
// of parsed faces, patches 1 and 4) leave them as they were and come out
// the same. Go Mono has one long horizontal metric for all its glyphs, so
// subsetting it runs the branch of getMetrics that upstream let write into
// the font (patch 2).
func TestCachedFontUnchanged(t *testing.T) {
	fixedDate := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	face := bytes.Clone(gomono.TTF)
	pristine := bytes.Clone(face)
	render := func() []byte {
		f := New("P", "mm", "A4", "")
		f.SetCompression(false)
		f.SetCreationDate(fixedDate)
		f.SetModificationDate(fixedDate)
		f.AddUTF8FontFromBytes("mono", "", face)
		f.SetFont("mono", "", 10)
		f.AddPage()
		f.Text(20, 20, "Ærle Sæbø <ola@blåbær.no> 0123456789 {}[]|~")
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := render()
	if !bytes.Equal(face, pristine) {
		t.Fatal("subsetting wrote into the font's bytes")
	}
	if second := render(); !bytes.Equal(first, second) {
		t.Error("the second document, from the cached face, differs from the first")
	}
}

// TestCachedSubsetIsTheDocumentsOwn: a document whose face subset comes
// from the cache (subsetOf) is byte for byte the document built without
// it, also when an earlier document had the same runes in its map but
// other values: runes 0–56 are in every map, with value 0 until text uses
// them, and subsetting keeps only those of non-zero value.
func TestCachedSubsetIsTheDocumentsOwn(t *testing.T) {
	fixedDate := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	face := bytes.Clone(gomono.TTF)
	render := func(text string) []byte {
		f := New("P", "mm", "A4", "")
		f.SetCreationDate(fixedDate)
		f.SetModificationDate(fixedDate)
		f.AddUTF8FontFromBytes("mono", "", face)
		f.SetFont("mono", "", 10)
		f.AddPage()
		f.Text(20, 20, text)
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	forget := func() {
		subsets.Lock()
		clear(subsets.m)
		subsets.Unlock()
	}
	texts := []string{
		"Ærle Sæbø", // the face's first document: parsed, not from the cache
		"Ærle Sæbø",
		"Ærle Sæbø 0", // '0' was in the map already, with value 0
		"Ærle Sæbø",
		"Blåbær 42",
	}
	for i, text := range texts {
		cached := render(text)
		forget()
		own := render(text)
		if !bytes.Equal(cached, own) {
			t.Errorf("document %d (%q) differs when its subset comes from the cache", i, text)
		}
		// Leave the cache as the earlier documents made it.
		for _, earlier := range texts[:i+1] {
			render(earlier)
		}
	}
}
