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
