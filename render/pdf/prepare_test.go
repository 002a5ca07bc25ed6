package pdf

import (
	"bytes"
	"testing"

	"github.com/migready/migready/render/doc"
)

// TestPrepared: a document drawn on a prepared document (Prepare) is byte
// for byte the one drawn on a new one, whether it draws with every
// prepared face (latin: regular and bold, and mono) or not (no cover and a
// body without emphasis: no bold, laid out again on a new document), and a
// document with characters the prepared faces are not cut to (Greek and
// Cyrillic names) is laid out on a new document.
func TestPrepared(t *testing.T) {
	latin := sampleDoc(t)
	var lines [][]byte
	for _, l := range bytes.SplitAfter(latin.Body, []byte("\n")) {
		if !bytes.Contains(l, []byte("Ελένη")) && !bytes.Contains(l, []byte("Дмитрий")) {
			lines = append(lines, l)
		}
	}
	latin.Body = bytes.Join(lines, nil)
	plain := &doc.Document{Body: []byte("Short, and *slanted*.\n")}
	for name, d := range map[string]*doc.Document{"latin": latin, "no bold": plain, "scripts": sampleDoc(t)} {
		t.Run(name, func(t *testing.T) {
			want := mustPDF(t, d)
			Prepare()
			p := takePrepared()
			if p == nil {
				t.Fatal("Prepare prepared nothing")
			}
			if same := *p.cut == *documentRunes(d); same == (name == "scripts") {
				t.Fatalf("the prepared faces cut to the document's characters: %v", same)
			}
			if name != "scripts" {
				var got bytes.Buffer
				err := layOutOn(&got, p, d, d.Parsed(), mustLogo(t, d), true, documentRunes(d))
				switch {
				case name == "no bold" && err != errUnusedFace:
					t.Fatalf("a prepared face the document does not use: %v, want errUnusedFace", err)
				case name == "no bold":
				case err != nil:
					t.Fatal(err)
				case !bytes.Equal(got.Bytes(), mustLayOut(t, d)):
					t.Error("differs on a prepared document")
				}
			}
			Prepare()
			if !bytes.Equal(mustPDF(t, d), want) {
				t.Error("Write differs after Prepare")
			}
			if takePrepared() != nil {
				t.Error("Write did not take the prepared document")
			}
		})
	}
}

func mustLogo(t *testing.T, d *doc.Document) *logoImage {
	t.Helper()
	logo, err := prepareLogo(d.Logo)
	if err != nil {
		t.Fatal(err)
	}
	return logo
}

// mustLayOut is d laid out on a new document, compressed by fpdf.
func mustLayOut(t *testing.T, d *doc.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := layOut(&buf, d, d.Parsed(), mustLogo(t, d), true, documentRunes(d)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
