package pdf

import (
	"bytes"
	"math"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/migready/migready/render/doc"
)

// withoutFaceNames is the PDF pdf with its faces' names set aside: each
// replaced by "/F<face>", and the page resources' list of faces, which
// fpdf sorts by name, sorted again.
func withoutFaceNames(pdf []byte) []byte {
	pdf = fontNames.ReplaceAll(pdf, []byte("/F<face>"))
	return fontLists.ReplaceAllFunc(pdf, func(list []byte) []byte {
		lines := bytes.Split(bytes.TrimSuffix(bytes.TrimPrefix(list, []byte("/Font <<\n")), []byte("\n>>")), []byte("\n"))
		slices.SortFunc(lines, bytes.Compare)
		return append(append([]byte("/Font <<\n"), bytes.Join(lines, []byte("\n"))...), "\n>>"...)
	})
}

var fontLists = regexp.MustCompile(`/Font <<\n(/F<face> \d+ 0 R\n)*>>`)

// fontNames matches the names fpdf gives a face in a PDF: derived from
// its widths, so a cut face has other names than the whole one.
var fontNames = regexp.MustCompile(`/F[0-9a-f]{40}\b`)

// TestCutFacesSamePDF: a document laid out with faces cut to its
// characters (cut.go) is the PDF laid out with the whole faces, byte for
// byte, once the names fpdf derives from the faces' widths are set aside.
func TestCutFacesSamePDF(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	hostile := sampleDoc(t)
	hostile.Body = []byte("Łukasz Żółć, Ærle Sæbø, Ελένη, Дмитрий, דוד כהן <d@x.com> « ≤ » — “x” …, Nguye\u0302\u0303n\n\n" +
		"| a | b |\n|---|---|\n| `v=spf1 include:x ~all` | *Ηλίας* **Ивановa** |\n")
	for name, d := range map[string]*doc.Document{"sample": sampleDoc(t), "1100rows": benchDoc(t, 1100), "scripts": hostile} {
		t.Run(name, func(t *testing.T) {
			logo := mustLogo(t, d)
			var whole, cut bytes.Buffer
			if err := layOut(&whole, d, d.Parsed(), logo, false, nil); err != nil {
				t.Fatal(err)
			}
			if err := layOut(&cut, d, d.Parsed(), logo, false, documentRunes(d)); err != nil {
				t.Fatal(err) // errCutMissed: the cut lacks a character drawn
			}
			if bytes.Equal(cut.Bytes(), whole.Bytes()) {
				t.Fatal("the cut faces have the whole faces' names: were they cut?")
			}
			if bytes.Contains(cut.Bytes(), []byte("<</Type /Font")) == false {
				t.Fatal("no font in the PDF")
			}
			a, b := withoutFaceNames(whole.Bytes()), withoutFaceNames(cut.Bytes())
			if !bytes.Equal(a, b) {
				i := 0
				for i < min(len(a), len(b)) && a[i] == b[i] {
					i++
				}
				t.Errorf("differs at byte %d: whole %q, cut %q", i, a[max(0, i-40):min(len(a), i+80)], b[max(0, i-40):min(len(b), i+80)])
			}
		})
	}
}

// TestCutMissedWholeFaces: a character the document draws but its text
// does not have (here from a character reference in the markdown) lays the
// document out again with the whole faces, so the PDF is the one the whole
// faces give, byte for byte, and draws the character.
func TestCutMissedWholeFaces(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	d := sampleDoc(t)
	d.Body = []byte("Omega &#x3A9;, alef &#x5D0;.\n")
	if documentRunes(d).has('Ω') {
		t.Fatal("the text has Ω: the test needs a character it does not have")
	}
	logo := mustLogo(t, d)
	var cut bytes.Buffer
	if err := layOut(&cut, d, d.Parsed(), logo, false, documentRunes(d)); err != errCutMissed {
		t.Fatalf("laid out with faces cut to the text: %v, want errCutMissed", err)
	}
	var whole bytes.Buffer
	if err := layOut(&whole, d, d.Parsed(), logo, false, nil); err != nil {
		t.Fatal(err)
	}
	want, err := compressPages(nil, whole.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustPDF(t, d), want) {
		t.Error("Write does not write the document laid out with the whole faces")
	}
}

// FuzzCutFaces: any body laid out with faces cut to its characters is the
// PDF the whole faces give (TestCutFacesSamePDF), or reports the character
// it missed.
func FuzzCutFaces(f *testing.F) {
	f.Add("Łukasz Żółć, Ελένη, Дмитрий, דוד <d@x.com> « ≤ » `v=spf1 ~all` *Ηλίας* &#x3A9;")
	f.Add("| a |\n|---|\n| ✔ `x` **y** 🚀 |\n")
	if err := loadMetrics(); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		d := &doc.Document{Body: []byte(body), Created: time.Unix(0, 0)}
		var whole, cut bytes.Buffer
		if err := layOut(&whole, d, d.Parsed(), nil, false, nil); err != nil {
			t.Skip(err)
		}
		switch err := layOut(&cut, d, d.Parsed(), nil, false, documentRunes(d)); {
		case err == errCutMissed:
			return
		case err != nil:
			t.Fatal(err)
		}
		if !bytes.Equal(withoutFaceNames(whole.Bytes()), withoutFaceNames(cut.Bytes())) {
			t.Error("the cut faces give another PDF")
		}
	})
}

// TestItalicsSlanted: italics are the regular face drawn slanted by 12°,
// the document embedding no italic face (fonts.go).
func TestItalicsSlanted(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{Body: []byte("Upright, *slanted*.\n"), Created: time.Unix(0, 0)}
	var out bytes.Buffer
	if err := layOut(&out, d, d.Parsed(), nil, false, documentRunes(d)); err != nil {
		t.Fatal(err)
	}
	pdf := out.Bytes()
	if bytes.Contains(pdf, []byte("/BaseFont /utf8libsansI")) {
		t.Error("the PDF embeds an italic face")
	}
	// fpdf's skew, 1 0 tan(12°) 1, moved back by tan(12°) times the
	// baseline's height so that the baseline stays where it is.
	skew := regexp.MustCompile(`q\n1\.00000 0\.00000 0\.21256 1\.00000 -([0-9.]+) -?0\.00000 cm\n[^\n]* ([0-9.]+) Td \(\x00s\x00l\x00a\x00n\x00t\x00e\x00d\) Tj ET Q\nQ\n`)
	m := skew.FindSubmatch(pdf)
	if m != nil {
		back, _ := strconv.ParseFloat(string(m[1]), 64)
		y, _ := strconv.ParseFloat(string(m[2]), 64)
		if math.Abs(back-0.21256*y) > 0.01 {
			t.Errorf("slanted about %.2f pt, not the baseline at %.2f", back/0.21256, y)
		}
	} else {
		i := bytes.Index(pdf, []byte(" cm"))
		t.Errorf("no slanted text in the page: %q", pdf[max(0, i-80):min(len(pdf), i+200)])
	}
}
