// Package pdf is the PDF engine: a doc.Document in, A4 PDF bytes out
// (Write). It lays out the markdown body itself, walking the goldmark tree
// with fpdf and the embedded Liberation faces: page flow, tables, bar
// charts, status marks and records that break only at spaces. It knows
// nothing of assessments.
package pdf

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/render/doc"
	"image"
	"image/draw"
	_ "image/jpeg" // logo formats
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/yuin/goldmark/ast"
)

// Write writes d as an A4 PDF: a cover page drawn from d.Cover, then the
// markdown body laid out by walking the goldmark tree (see doc.Document for the
// conventions it honours). The same doc.Document always gives the same bytes.
func Write(w io.Writer, d *doc.Document) error {
	if d == nil {
		return errors.New("pdf: no document")
	}
	if err := loadMetrics(); err != nil {
		return fmt.Errorf("pdf: fonts: %w", err)
	}
	logo, err := prepareLogo(d.Logo)
	if err != nil {
		return fmt.Errorf("logo: %w", err)
	}
	return renderPDF(w, d, d.Parsed(), logo)
}

// renderPDF lays the document out and writes it, its pages compressed by
// compressPages (see there why not by fpdf), its faces cut to the
// characters it can draw (cut.go), on the prepared document when there is
// one and its faces are cut to the same (see Prepare). A document that
// draws a character its text does not have is laid out again with the
// whole faces.
func renderPDF(w io.Writer, d *doc.Document, body ast.Node, logo *logoImage) error {
	var raw bytes.Buffer
	cut := documentRunes(d)
	p := takePrepared()
	if p != nil && *p.cut != *cut {
		p = nil // faces cut to fewer characters than this document has
	}
	err := layOutOn(&raw, p, d, body, logo, false, cut)
	if errors.Is(err, errUnusedFace) {
		raw.Reset()
		err = layOut(&raw, d, body, logo, false, cut)
	}
	if errors.Is(err, errCutMissed) {
		raw.Reset()
		cut = nil
		err = layOut(&raw, d, body, logo, false, nil)
	}
	if err != nil {
		return err
	}
	out, err := compressPages(make([]byte, 0, raw.Len()/2), raw.Bytes())
	if err != nil {
		// A layout compressPages does not know (a newer fpdf, say):
		// fpdf compresses, as slowly as ever.
		return layOut(w, d, body, logo, true, cut)
	}
	_, err = w.Write(out)
	return err
}

// errCutMissed: the document drew a character its faces were not cut to
// (see cut.go).
var errCutMissed = errors.New("pdf: a character outside the faces' cut")

// layOut lays the document out and writes it, with fpdf's compression of
// the pages on or off, its faces cut to the characters cut (nil: whole
// faces); fpdf reports some failures by panicking, which become errors
// here.
func layOut(w io.Writer, d *doc.Document, body ast.Node, logo *logoImage, compress bool, cut *runeSet) (err error) {
	return layOutOn(w, nil, d, body, logo, compress, cut)
}

// layOutOn is layOut on the prepared document p, whose faces are cut to
// cut, or on a new one when p is nil. It returns, having written nothing,
// errUnusedFace when p has a face the document never draws with, and
// errCutMissed when the document draws a character that is not in cut.
func layOutOn(w io.Writer, p *preparedDoc, d *doc.Document, body ast.Node, logo *logoImage, compress bool, cut *runeSet) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: %v", p)
		}
	}()
	r := newPDFRendererOn(p, d, logo, compress)
	r.cut = cut
	r.cover()
	r.blocks(body)
	r.finish()
	if p != nil && r.fontAdded != r.fontUsed {
		return errUnusedFace
	}
	if r.cutMissed {
		return errCutMissed
	}
	if r.pdf.Err() {
		if r.logoFailed {
			return fmt.Errorf("logo: %w", r.pdf.Error())
		}
		return fmt.Errorf("pdf: %w", r.pdf.Error())
	}
	if err := r.pdf.Output(w); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// Page geometry in millimetres (A4 portrait).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginX      = 20.0
	contentW     = pageW - 2*marginX
	bodyTop      = 25.0 // below the running header
	bodyBottom   = 275.0
	headerBase   = 13.0 // running header baseline
	headerRule   = 16.0
	footerRule   = 281.0
	footerBase   = 286.0
	ptToMM       = 25.4 / 72
	bodySize     = 10.0 // pt
	bodyLeading  = 1.38
	tableSize    = 8.8
	tableLeading = 1.3
	codeSize     = 8.4
	codeLeading  = 1.32
)

var (
	colText     = doc.RGB{R: 0x1f, G: 0x29, B: 0x37}
	colMuted    = doc.RGB{R: 0x6b, G: 0x72, B: 0x80}
	colRule     = doc.RGB{R: 0xe3, G: 0xe6, B: 0xea}
	colZebra    = doc.RGB{R: 0xf7, G: 0xf8, B: 0xfa}
	colCodeBg   = doc.RGB{R: 0xf4, G: 0xf5, B: 0xf7}
	colCodeLine = doc.RGB{R: 0xe1, G: 0xe4, B: 0xe8}
	colLink     = doc.RGB{R: 0x1d, G: 0x4e, B: 0xd8}
	colWhite    = doc.RGB{R: 0xff, G: 0xff, B: 0xff}
)

// pdfRenderer holds the layout state of one pass.
type pdfRenderer struct {
	pdf  *fpdf.Fpdf
	doc  *doc.Document
	logo *logoImage

	brand     doc.RGB // fills (bands, bars, rules)
	brandText doc.RGB // headings: brand, darkened if too light to read
	brandTint doc.RGB // table header shading

	// logoFailed is set when fpdf rejects the logo while drawing.
	logoFailed bool

	// The flow being laid out (see pdf_flow.go): its boxes, the space owed
	// above the next box and after the last block, the current block box
	// (lists and quotes indent), the groups and the list item boxes sit in.
	boxes   []*box
	gap     float64
	pending float64
	x0, w   float64
	groups  []*group
	item    ast.Node

	// coded: the document wrote a character its faces lack as its code
	// point; noted: the note saying so (doc.Document.Unshown) is laid out.
	coded, noted bool

	// Current fpdf font and colours, to skip redundant state changes.
	curFont   fontID
	curSize   float64
	fontSet   bool
	fontAdded [numFonts]bool // given to fpdf, which embeds each
	fontUsed  [numFonts]bool // drawn with
	cut       *runeSet       // the characters the faces are cut to; nil: whole faces
	cutMissed bool           // a character outside cut was drawn
	textCol   doc.RGB
	fillCol   doc.RGB
	drawCol   doc.RGB
	lineW     float64
	colsSet   [3]bool
	marker    *listMarker // drawn beside the next line of text
	outlined  bool        // a level-0 bookmark exists
	baseText  doc.RGB     // colour of running text (muted inside quotes)

	src         []byte // markdown source the tree points into
	listDepth   int
	skipTaskBox bool // the next paragraph's task box is the list marker
	suppress    bool // the next block starts a list item or quote: no space above

}

func newPDFRenderer(d *doc.Document, logo *logoImage, compress bool) *pdfRenderer {
	return newPDFRendererOn(nil, d, logo, compress)
}

// newDocument is a new fpdf document, before any setting of newPDFRenderer.
func newDocument() *fpdf.Fpdf { return fpdf.New("P", "mm", "A4", "") }

// newPDFRendererOn is newPDFRenderer on the prepared document p, or on a
// new one when p is nil.
func newPDFRendererOn(p *preparedDoc, d *doc.Document, logo *logoImage, compress bool) *pdfRenderer {
	var f *fpdf.Fpdf
	var added [numFonts]bool
	if p != nil {
		f, added = p.f, p.faces
	} else {
		f = newDocument()
	}
	f.SetMargins(marginX, bodyTop, marginX)
	f.SetAutoPageBreak(false, 0)
	f.SetCompression(compress)
	f.SetCatalogSort(true)
	created := d.Created
	if created.IsZero() {
		// fpdf would stamp time.Now(); a fixed date keeps output reproducible.
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetCreationDate(created.UTC())
	f.SetModificationDate(created.UTC())
	f.SetTitle(d.Title, true)
	f.SetAuthor(d.Author, true)
	f.SetSubject(d.Subject, true)
	f.SetCreator(d.Producer, true)
	f.SetProducer(d.Producer, true)
	if lang := cleanLang(d.Lang); lang != "" {
		f.SetLang(lang)
	}
	f.SetDisplayMode("fullwidth", "continuous")
	brand := doc.ParseColor(d.Color)
	r := &pdfRenderer{
		pdf:       f,
		doc:       d,
		logo:      logo,
		brand:     brand,
		brandText: brand.ReadableOnWhite(),
		brandTint: brand.Mix(colWhite, 0.87),
		src:       d.Body,
		x0:        marginX,
		w:         contentW,
		baseText:  colText,
		fontAdded: added,
	}
	return r
}

// cleanLang keeps a BCP 47 tag to the characters it may contain: fpdf
// writes /Lang unescaped.
func cleanLang(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c == '-' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
			if c == '_' {
				c = '-'
			}
			b.WriteRune(c)
		}
	}
	return b.String()
}

// --- fpdf state helpers -------------------------------------------------

func (r *pdfRenderer) setFont(id fontID, size float64) {
	id = id.face()
	if r.fontSet && r.curFont == id && r.curSize == size {
		return
	}
	if !r.fontAdded[id] {
		// Faces are added on first use: fpdf embeds every face it is
		// given, used or not, and parses each for every document (about
		// 3 ms and 4 MB a cut face).
		r.pdf.AddUTF8FontFromBytes(id.pdfFamily(), id.pdfStyle(), r.faceBytes(id))
		r.fontAdded[id] = true
	}
	r.fontUsed[id] = true
	r.pdf.SetFont(id.pdfFamily(), id.pdfStyle(), size)
	r.curFont, r.curSize, r.fontSet = id, size, true
}

func (r *pdfRenderer) setTextColor(c doc.RGB) {
	if r.colsSet[0] && r.textCol == c {
		return
	}
	r.pdf.SetTextColor(c.R, c.G, c.B)
	r.textCol, r.colsSet[0] = c, true
}

func (r *pdfRenderer) setFillColor(c doc.RGB) {
	if r.colsSet[1] && r.fillCol == c {
		return
	}
	r.pdf.SetFillColor(c.R, c.G, c.B)
	r.fillCol, r.colsSet[1] = c, true
}

func (r *pdfRenderer) setDrawColor(c doc.RGB) {
	if r.colsSet[2] && r.drawCol == c {
		return
	}
	r.pdf.SetDrawColor(c.R, c.G, c.B)
	r.drawCol, r.colsSet[2] = c, true
}

func (r *pdfRenderer) setLineWidth(w float64) {
	if r.lineW == w {
		return
	}
	r.pdf.SetLineWidth(w)
	r.lineW = w
}

// text draws s (already sanitized for id) with its baseline at y.
func (r *pdfRenderer) text(x, y float64, s string, id fontID, size float64, c doc.RGB) {
	if s == "" {
		return
	}
	r.setFont(id, size)
	r.setTextColor(c)
	if r.cut != nil && !r.cutMissed {
		for _, c := range s {
			if !r.cut.has(c) {
				r.cutMissed = true
				break
			}
		}
	}
	if id.slanted() {
		r.pdf.TransformBegin()
		r.pdf.TransformSkewX(italicSkew, x, y)
		r.pdf.Text(x, y, s)
		r.pdf.TransformEnd()
		return
	}
	r.pdf.Text(x, y, s)
}

// textWidth measures s (sanitized for id) in mm.
func textWidth(s string, id fontID, size float64) float64 {
	return float64(metrics[id].stringWidth(s)) * size / 1000 * ptToMM
}

func (r *pdfRenderer) hline(x1, x2, y, width float64, c doc.RGB) {
	r.setDrawColor(c)
	r.setLineWidth(width)
	r.pdf.Line(x1, y, x2, y)
}

func (r *pdfRenderer) fillRect(x, y, w, h float64, c doc.RGB) {
	r.setFillColor(c)
	r.pdf.Rect(x, y, w, h, "F")
}

// --- pages ----------------------------------------------------------------

// newPage starts a body page with its running header.
func (r *pdfRenderer) newPage() {
	r.pdf.AddPage()
	r.resetState()
	r.runningHeader()
}

func (r *pdfRenderer) runningHeader() {
	left := r.doc.Header
	if left == "" {
		left = r.doc.Cover.Customer
	}
	// The customer is on the left; the right names the pack alone, not
	// the document title, which repeats the customer ("… — Harbour & Finch").
	right := r.doc.Cover.Title
	if right == "" {
		right = r.doc.Title
	}
	const size = 7.8
	left = fitLine(left, fontBold, size, contentW)
	right, _ = displayText(right, fontRegular)
	lw, rw := textWidth(left, fontBold, size), textWidth(right, fontRegular, size)
	if lw+rw+10 > contentW {
		right = ""
	}
	r.text(marginX, headerBase, left, fontBold, size, colMuted)
	if right != "" {
		r.text(pageW-marginX-rw, headerBase, right, fontRegular, size, colMuted)
	}
	r.hline(marginX, pageW-marginX, headerRule, 0.2, colRule)
}

// footers draws every body page's footer once the page count is known.
// fpdf can append to earlier pages; what it cannot do is lay out a "page N
// of M" whose M is unknown (AliasNbPages patches the number in after the
// text was measured and placed with the alias's width).
func (r *pdfRenderer) footers() {
	total := r.pdf.PageCount()
	for p := 2; p <= total; p++ {
		r.pdf.SetPage(p)
		r.resetState()
		r.footer(p, total)
	}
	r.pdf.SetPage(total)
}

// resetState forgets what was selected: drawing continues on a page whose
// content stream may have ended with any font and colour.
func (r *pdfRenderer) resetState() {
	// fpdf skips SetFont for the font it believes is current; select a
	// different size first so the page's stream really gets the font.
	if r.fontSet {
		r.pdf.SetFontSize(r.curSize + 1)
	}
	r.fontSet = false
	r.colsSet = [3]bool{}
	r.lineW = 0
	// Text whose colour equals fpdf's fill colour is drawn in the stream's
	// current fill colour, so make that one known too.
	r.setFillColor(colWhite)
}

func (r *pdfRenderer) footer(page, total int) {
	const size = 7.8
	footer := r.doc.Footer
	if footer == "" {
		footer = "{page} / {total}"
	}
	footer = strings.NewReplacer("{page}", strconv.Itoa(page), "{total}", strconv.Itoa(total)).Replace(footer)
	footer, _ = displayText(footer, fontRegular)
	if fw := textWidth(footer, fontRegular, size); fw > contentW {
		footer = truncateToWidth(footer, fontRegular, size, contentW)
	}
	r.hline(marginX, pageW-marginX, footerRule, 0.2, colRule)
	fw := textWidth(footer, fontRegular, size)
	r.text(pageW-marginX-fw, footerBase, footer, fontRegular, size, colMuted)
	r.fillRect(marginX, footerBase-2.3, 2.6, 2.6, r.brand)
}

// fitLine is s drawn as one line with face id at size (see displayText),
// shortened with an ellipsis to fit w mm. It is shortened as written,
// before it is put in visual order, so that what goes is the end of what
// is read, on whichever side it is drawn: cut after, a right-to-left name
// lost its first letters ("חברת" became "ברת…"). A character with its
// accents, an emoji or a code point goes whole.
func fitLine(s string, id fontID, size, w float64) string {
	d, _ := displayText(s, id)
	if textWidth(d, id, size) <= w {
		return d
	}
	var ends []int // where each cluster of s ends
	for i := 0; i < len(s); {
		i += len(shown.FirstCluster(s[i:]))
		ends = append(ends, i)
	}
	cut := func(k int) string { // the first k clusters, and "…"
		t := "…"
		if k > 0 {
			t = strings.TrimRight(s[:ends[k-1]], " ") + t
		}
		d, _ := displayText(t, id)
		return d
	}
	lo, hi := 0, len(ends)-1 // the most clusters that fit
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if textWidth(cut(mid), id, size) <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return cut(lo)
}

// truncateToWidth shortens s with an ellipsis to fit w mm.
func truncateToWidth(s string, id fontID, size, w float64) string {
	rs := []rune(s)
	for len(rs) > 0 && textWidth(string(rs)+"…", id, size) > w {
		rs = rs[:len(rs)-1]
	}
	// A code point written for a missing character ("[U+0645]") goes
	// whole or not at all.
	t := string(rs)
	if i := strings.LastIndex(t, "[U+"); i >= 0 && !strings.Contains(t[i:], "]") {
		t = t[:i]
	}
	return t + "…"
}

// finish breaks the laid-out body into pages, draws them and their footers.
func (r *pdfRenderer) finish() {
	r.drawPages(paginate(r.boxes))
	r.footers()
}

// --- logo -----------------------------------------------------------------

type logoImage struct {
	data []byte
	typ  string // fpdf image type: "PNG" or "JPG"
	wPx  int
	hPx  int
	// decoded is kept for a plain 8-bit PNG re-encoding, used if fpdf's
	// reader rejects data.
	decoded image.Image
}

// logoCache keeps prepared logos by content: a process that renders many
// packs for one consultant decodes and re-encodes the logo once.
var logoCache struct {
	sync.Mutex
	m map[[32]byte]*logoImage
}

// prepareLogo checks the logo decodes (fpdf only reads headers and would
// embed a truncated image), notes its size for scaling and prepares the
// bytes fpdf embeds. A prepared logo is never changed, so it is shared.
func prepareLogo(img *doc.Image) (*logoImage, error) {
	if img == nil || len(img.Data) == 0 {
		return nil, nil
	}
	key := sha256.Sum256(img.Data)
	logoCache.Lock()
	l, ok := logoCache.m[key]
	logoCache.Unlock()
	if ok {
		return l, nil
	}
	l, err := decodeLogo(img)
	if err != nil {
		return nil, err
	}
	logoCache.Lock()
	if logoCache.m == nil || len(logoCache.m) >= 16 {
		logoCache.m = map[[32]byte]*logoImage{}
	}
	logoCache.m[key] = l
	logoCache.Unlock()
	return l, nil
}

func decodeLogo(img *doc.Image) (*logoImage, error) {
	decoded, format, err := image.Decode(bytes.NewReader(img.Data))
	if err != nil {
		return nil, fmt.Errorf("cannot decode %s image: %w", strings.ToUpper(img.Type), err)
	}
	b := decoded.Bounds()
	if b.Dx() == 0 || b.Dy() == 0 {
		return nil, errors.New("image is empty")
	}
	l := &logoImage{data: img.Data, wPx: b.Dx(), hPx: b.Dy(), decoded: decoded}
	switch format {
	case "jpeg":
		l.typ = "JPG"
	case "png":
		l.typ = "PNG"
		// fpdf copies a plain 8-bit, non-interlaced grey or RGB PNG as it
		// is; one with an alpha channel it would inflate, split and deflate
		// again on every render. The logo sits on a white card, so it is
		// flattened onto white once here, and every other PNG form is
		// re-encoded by the standard library in the plain form.
		d := img.Data
		plain := len(d) > 28 && d[24] == 8 && (d[25] == 0 || d[25] == 2) && d[28] == 0
		if !plain {
			flat := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
			draw.Draw(flat, flat.Bounds(), image.White, image.Point{}, draw.Src)
			draw.Draw(flat, flat.Bounds(), decoded, b.Min, draw.Over)
			var buf bytes.Buffer
			if err := png.Encode(&buf, flat); err != nil {
				return nil, err
			}
			l.data = buf.Bytes()
		}
	default:
		return nil, fmt.Errorf("unsupported image format %q (want PNG or JPEG)", format)
	}
	return l, nil
}

func toNRGBA(m image.Image) *image.NRGBA {
	b := m.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), m, b.Min, draw.Src)
	return out
}

// drawLogo places the logo at (x, y), w×h mm.
func (r *pdfRenderer) drawLogo(x, y, w, h float64) {
	l := r.logo
	opts := fpdf.ImageOptions{ImageType: l.typ}
	r.pdf.RegisterImageOptionsReader("logo", opts, bytes.NewReader(l.data))
	if r.pdf.Err() {
		// fpdf's own PNG/JPEG reader is stricter than the standard
		// library; fall back to a plain 8-bit PNG.
		r.pdf.ClearError()
		opts.ImageType = "PNG"
		var buf bytes.Buffer
		if err := png.Encode(&buf, toNRGBA(l.decoded)); err != nil {
			r.pdf.SetError(err)
		} else {
			r.pdf.RegisterImageOptionsReader("logo2", opts, &buf)
		}
		if r.pdf.Err() {
			r.logoFailed = true
			return
		}
		r.pdf.ImageOptions("logo2", x, y, w, h, false, opts, 0, "")
		return
	}
	r.pdf.ImageOptions("logo", x, y, w, h, false, opts, 0, "")
}

// fit is the size the logo takes when fitted into maxW×maxH.
func (l *logoImage) fit(maxW, maxH float64) (w, h float64) {
	scale := math.Min(maxW/float64(l.wPx), maxH/float64(l.hPx))
	return float64(l.wPx) * scale, float64(l.hPx) * scale
}

// --- cover ----------------------------------------------------------------

func (r *pdfRenderer) cover() {
	r.pdf.AddPage()
	r.fontSet = false
	c := r.doc.Cover

	onBand := colWhite
	subOnBand := colWhite.Mix(r.brand, 0.22)
	if r.brand.Luminance() > 0.45 {
		onBand = colText
		subOnBand = colText.Mix(r.brand, 0.3)
	}

	// Lay the band's content out first: the band must be drawn before the
	// text on it, and its height follows from the text.
	y := 26.0
	var logoW, logoH float64
	if r.logo != nil {
		logoW, logoH = r.logo.fit(50, 25)
		y += logoH + 8 + 16
	} else {
		y += 22
	}
	titleSize, nameSize := 12.5, 30.0
	// The running header names the customer on every page: its code
	// points count as the cover's.
	if _, coded := displayText(r.doc.Header, fontBold); coded {
		r.coded = true
	}
	titleLines := r.wrap(strings.ToUpper(c.Title), fontBold, titleSize, contentW)
	nameLines := r.wrap(c.Customer, fontBold, nameSize, contentW)
	if len(nameLines) > 3 {
		nameLines = nameLines[:3]
		nameLines[2] = truncateToWidth(nameLines[2], fontBold, nameSize, contentW)
	}
	titleLH := titleSize * 1.3 * ptToMM
	nameLH := nameSize * 1.15 * ptToMM
	textTop := y
	bandH := math.Max(112, textTop+float64(len(titleLines))*titleLH+3+float64(len(nameLines))*nameLH+14)

	r.fillRect(0, 0, pageW, bandH, r.brand)
	if r.logo != nil {
		// A white card keeps any logo legible on any brand colour.
		r.setFillColor(colWhite)
		r.pdf.RoundedRect(marginX, 20, logoW+12, logoH+12, 2.5, "1234", "F")
		r.drawLogo(marginX+6, 26, logoW, logoH)
	}
	y = textTop
	for _, l := range titleLines {
		r.text(marginX, y+titleSize*ptToMM, l, fontBold, titleSize, subOnBand)
		y += titleLH
	}
	y += 3
	for _, l := range nameLines {
		r.text(marginX, y+nameSize*0.82*ptToMM, l, fontBold, nameSize, onBand)
		y += nameLH
	}

	// Verdict box.
	verdict := c.Verdict
	boxCol := doc.VerdictColor(c.State)
	vSize, dSize := 30.0, 12.5
	vLines := r.wrap(verdict, fontBold, vSize, contentW-20)
	dLines := r.wrap(c.Detail, fontRegular, dSize, contentW-20)
	vLH, dLH := vSize*1.1*ptToMM, dSize*1.35*ptToMM
	boxH := 22 + float64(len(vLines))*vLH
	if len(dLines) > 0 {
		boxH += 3 + float64(len(dLines))*dLH
	}
	boxY := bandH + 16
	r.setFillColor(boxCol)
	r.pdf.RoundedRect(marginX, boxY, contentW, boxH, 3, "1234", "F")
	y = boxY + 11
	for _, l := range vLines {
		lw := textWidth(l, fontBold, vSize)
		r.text(marginX+(contentW-lw)/2, y+vSize*0.78*ptToMM, l, fontBold, vSize, colWhite)
		y += vLH
	}
	if len(dLines) > 0 {
		y += 3
		for _, l := range dLines {
			lw := textWidth(l, fontRegular, dSize)
			r.text(marginX+(contentW-lw)/2, y+dSize*0.85*ptToMM, l, fontRegular, dSize, colWhite)
			y += dLH
		}
	}

	// Facts: label / value lines.
	y = boxY + boxH + 14
	const labelW, factSize, labelSize = 52.0, 10.5, 8.5
	factLH := factSize * 1.35 * ptToMM
	for i, f := range c.Facts {
		label := r.wrap(strings.ToUpper(f[0]), fontBold, labelSize, labelW-4)
		value := r.wrap(f[1], fontRegular, factSize, contentW-labelW)
		n := max(len(value), 1, len(label))
		h := float64(n)*factLH + 4.4
		if y+h > pageH-18 {
			break
		}
		if i == 0 {
			r.hline(marginX, pageW-marginX, y, 0.25, colRule)
		}
		ly := y + 2.2
		for _, l := range label {
			r.text(marginX, ly+factLH/2+factSize*0.34*ptToMM, l, fontBold, labelSize, colMuted)
			ly += factLH
		}
		vy := y + 2.2
		for _, l := range value {
			r.text(marginX+labelW, vy+factLH/2+factSize*0.34*ptToMM, l, fontRegular, factSize, colText)
			vy += factLH
		}
		y += h
		r.hline(marginX, pageW-marginX, y, 0.25, colRule)
	}
	r.fillRect(0, pageH-6, pageW, 6, r.brand)
}

// wrap is wrapPlain, noting code points written for missing characters.
func (r *pdfRenderer) wrap(s string, id fontID, size, w float64) []string {
	lines, coded := wrapPlain(s, id, size, w)
	r.coded = r.coded || coded
	return lines
}

// wrapPlain breaks single-style text into lines of at most w mm (words,
// then characters for tokens longer than a line), sanitized and in visual
// order; coded reports code points written for characters the face lacks.
func wrapPlain(s string, id fontID, size, w float64) (lines []string, coded bool) {
	if strings.TrimSpace(s) == "" {
		return nil, false
	}
	var b inlineBuilder
	st := b.style(textStyle{font: id, size: size})
	for i, para := range strings.Split(s, "\n") {
		if i > 0 {
			b.hardBreak(st)
		}
		b.addPlain(para, st)
	}
	laid := b.layout(w)
	out := make([]string, 0, len(laid))
	for _, l := range laid {
		var sb strings.Builder
		for _, p := range b.visualLine(l) {
			sb.WriteString(p.text)
		}
		out = append(out, sb.String())
	}
	return out, b.coded
}

// displayText is s as one line drawn with face id: sanitized (see
// sanitizeRuns) and in visual order (see visualOrder); coded reports code
// points written for characters the face lacks.
func displayText(s string, id fontID) (text string, coded bool) {
	if sanitized(s, id) && !hasRTL([]piece{{text: s}}) {
		return s, false
	}
	var ps []piece
	sanitizeRuns(s, id, func(t string, code bool) {
		ps = append(ps, piece{t, code})
		coded = coded || code
	})
	var sb strings.Builder
	for _, p := range visualOrder(ps) {
		sb.WriteString(p.text)
	}
	return sb.String(), coded
}
