package pdf

import (
	"errors"
	"sync"

	"codeberg.org/go-pdf/fpdf"
)

// A process that renders one PDF (migready pack) can have fpdf parse the
// faces while it still reads its inputs: fpdf parses every face it embeds
// for every document, about 3 ms a face in a new process. Prepare starts
// that work on another goroutine, with the faces cut to the characters
// most documents draw (baseRunes, cut.go); the next Write takes the
// document it made and draws on it when its own characters are among
// those, as they are unless a name is written in another script, and else
// lays itself out on a new document.
//
// The bytes are the same as on a new document: adding a face only parses
// it, and fpdf writes the faces and the page resources sorted by name
// (SetCatalogSort), not in the order they were added. What fpdf cannot do
// is drop a face: it embeds every face it was given, drawn with or not, so
// a document that never draws with one of the prepared faces is laid out
// again on a new document (errUnusedFace), which adds the faces it draws
// with, on first use, as Write always does without Prepare.

// preparedFaces are the faces a prepared document has: the ones every pack
// draws with (the cover's bold and regular, emphasis in the body's texts).
// Mono, for ids and records, is drawn by most packs but not all, and is
// added on first use.
var preparedFaces = [...]fontID{fontRegular, fontBold}

// preparedDoc is a new fpdf document with faces already added.
type preparedDoc struct {
	f     *fpdf.Fpdf
	faces [numFonts]bool
	cut   *runeSet // the characters the faces are cut to
}

// errUnusedFace: the prepared document has a face the document never drew
// with.
var errUnusedFace = errors.New("pdf: a prepared face was not used")

var prepared struct {
	sync.Mutex
	c chan *preparedDoc // nil: none prepared or being prepared
}

// Prepare starts preparing a document for the next Write on another
// goroutine (see above), and loads the faces' metrics there too. It does
// nothing while one is prepared and not yet taken. A caller that renders
// many PDFs at a time on every core (migready batch) does not call it.
func Prepare() {
	prepared.Lock()
	defer prepared.Unlock()
	if prepared.c != nil {
		return
	}
	c := make(chan *preparedDoc, 1)
	prepared.c = c
	go func() { c <- prepareDoc() }()
}

func prepareDoc() *preparedDoc {
	if loadMetrics() != nil {
		return nil // Write reports it
	}
	p := &preparedDoc{f: newDocument(), cut: baseRunes()}
	for _, id := range preparedFaces {
		m, err := faceMaps[id]()
		if err != nil {
			return nil
		}
		face, err := cutFace(id.ttf(), m, p.cut)
		if err != nil {
			return nil
		}
		p.f.AddUTF8FontFromBytes(id.pdfFamily(), id.pdfStyle(), face)
		p.faces[id] = true
	}
	if p.f.Err() {
		return nil
	}
	return p
}

// takePrepared returns the prepared document, waiting for it if it is
// still being prepared, or nil when none was.
func takePrepared() *preparedDoc {
	prepared.Lock()
	c := prepared.c
	prepared.c = nil
	prepared.Unlock()
	if c == nil {
		return nil
	}
	return <-c
}
