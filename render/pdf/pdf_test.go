package pdf

import (
	"bytes"
	"fmt"
	"github.com/migready/migready/render/doc"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gomono"
)

func testLogo(t testing.TB) *doc.Image {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, 240, 80))
	for y := 0; y < 80; y++ {
		for x := 0; x < 240; x++ {
			c := color.NRGBA{0x0b, 0x5f, 0xff, 0xff}
			if (x/20+y/20)%2 == 0 {
				c = color.NRGBA{0xff, 0xa5, 0x00, 0x80}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return &doc.Image{Data: buf.Bytes(), Type: "png"}
}

func sampleDoc(t testing.TB) *doc.Document {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "pdf", "sample.md"))
	if err != nil {
		t.Fatal(err)
	}
	return &doc.Document{
		Lang:    "nb",
		Title:   "Migration readiness pack",
		Author:  "Ærle Sæbø",
		Subject: "SuperOffice CRM Online migration",
		Header:  "Nordlys Rørleggerservice AS",
		Footer:  "page {page} of {total}",
		Color:   "#0B5FFF",
		Logo:    testLogo(t),
		Cover: doc.Cover{
			Customer: "Nordlys Rørleggerservice AS",
			Title:    "Migration readiness pack",
			Verdict:  "NOT READY",
			Detail:   "3 blockers to fix before migration",
			Facts: [][2]string{
				{"Tenant", "Cust12345"},
				{"Assessed", "2026-03-14"},
				{"Prepared by", "Jürgen Groß, Example Consulting"},
			},
		},
		Body:     body,
		Created:  time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC),
		Producer: "migready test",
	}
}

func mustPDF(t testing.TB, d *doc.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatalf("PDF: %v", err)
	}
	return buf.Bytes()
}

// pdfText extracts the text with poppler's pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestPDFDeterministic(t *testing.T) {
	a := mustPDF(t, sampleDoc(t))
	b := mustPDF(t, sampleDoc(t))
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same document differ")
	}
	// Concurrent renders share the font tables; they must not disturb
	// each other.
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := Write(&buf, sampleDoc(t)); err != nil {
				t.Error(err)
			}
			outs[i] = buf.Bytes()
		})
	}
	wg.Wait()
	for _, o := range outs {
		if !bytes.Equal(a, o) {
			t.Fatal("a concurrent render differs")
		}
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", a[:10])
	}
	for _, want := range []string{"/Lang (nb)", "/CreationDate (D:20260314093000)", "/ModDate (D:20260314093000)"} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("PDF lacks %s", want)
		}
	}
}

func TestPDFText(t *testing.T) {
	text := pdfText(t, mustPDF(t, sampleDoc(t)))
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{
		// cover
		"Nordlys Rørleggerservice AS", "NOT READY", "3 blockers to fix before migration", "Jürgen Groß, Example Consulting",
		// names and e-mails from the table
		"Łukasz Żółć", "lukasz.zolc@example.pl", "Jürgen Groß", "juergen.gross@example.de",
		"Ærle Sæbø", "aerle.saebo@nordlys.no", "Ελένη Παπαδοπούλου", "eleni@example.gr",
		"Дмитрий Иванов", "dmitry.ivanov@example.ru",
		// hostile content, printed literally
		"<script>alert(1)</script>", "**not bold**", "{{.X}}", "a|b in a cell", "=1+1",
		// inline constructs and the chart
		"SO_ARC", "old advice", "the SuperOffice docs", "support@example.no",
		"Mailbox migration", "2.25 h",
		// running header and footer
		"page 2 of ",
	} {
		// Table cells may wrap between words: compare without white space.
		if !strings.Contains(flat, strings.Join(strings.Fields(want), "")) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	if strings.Contains(text, "\\*") || strings.Contains(text, "a\\|b") {
		t.Error("markdown escapes leaked into the text")
	}
	if !strings.Contains(text, "glyph like [U+1F680] prints") {
		t.Error("a rune missing from the font should print as its code point, [U+1F680]")
	}
}

func TestPDFFooterCountsPages(t *testing.T) {
	pdf := mustPDF(t, sampleDoc(t))
	text := pdfText(t, pdf)
	pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
	n := len(pages)
	if n < 3 {
		t.Fatalf("want at least 3 pages, got %d", n)
	}
	if strings.Contains(pages[0], "page 1 of") {
		t.Error("the cover has a footer")
	}
	for i := 2; i <= n; i++ {
		want := fmt.Sprintf("page %d of %d", i, n)
		if !strings.Contains(pages[i-1], want) {
			t.Errorf("page %d lacks %q", i, want)
		}
	}
}

func TestPDFLongCodeLineNotClipped(t *testing.T) {
	d := sampleDoc(t)
	var rec strings.Builder
	rec.WriteString("v=spf1")
	for i := 0; rec.Len() < 320; i++ {
		fmt.Fprintf(&rec, " include:spf%d.example-mail-provider.com", i)
	}
	rec.WriteString(" -all")
	long := strings.Repeat("x", 150) + "ENDX" // no spaces at all
	d.Body = []byte("# SPF\n\n```\n" + rec.String() + "\n" + long + "\n```\n")
	text := pdfText(t, mustPDF(t, d))
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, want := range []string{rec.String(), long} {
		if !strings.Contains(squash(text), squash(want)) {
			t.Errorf("code line clipped: %q not in output", want)
		}
	}
}

func TestPDFTableHeaderRepeats(t *testing.T) {
	d := sampleDoc(t)
	var b strings.Builder
	b.WriteString("# Users\n\n| Row | UniqueHeaderName | E-mail | Licence |\n|---:|---|---|---|\n")
	for i := 1; i <= 300; i++ {
		fmt.Fprintf(&b, "| %d | Łukasz Żółć %d | user%d@example.pl | Sales Premium |\n", i, i, i)
	}
	d.Body = []byte(b.String())
	text := pdfText(t, mustPDF(t, d))
	pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
	bodyPages := len(pages) - 1
	if bodyPages < 3 {
		t.Fatalf("table should span several pages, got %d body pages", bodyPages)
	}
	if got := strings.Count(text, "UniqueHeaderName"); got < bodyPages {
		t.Errorf("header printed %d times on %d body pages", got, bodyPages)
	}
	for _, p := range pages[1:] {
		if !strings.Contains(p, "UniqueHeaderName") {
			t.Errorf("a table page lacks the header row:\n%.200s", p)
		}
	}
	for i := 1; i <= 300; i++ {
		if !strings.Contains(text, fmt.Sprintf("user%d@example.pl", i)) {
			t.Fatalf("row %d missing", i)
		}
	}
}

// utf16PDF is how fpdf writes a UTF-8 string into the PDF: UTF-16BE with a
// byte-order mark, inside an escaped literal string.
func utf16PDF(s string) []byte {
	var b []byte
	b = append(b, 0xfe, 0xff)
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`)
	return []byte(r.Replace(string(b)))
}

func TestPDFOutline(t *testing.T) {
	pdf := mustPDF(t, sampleDoc(t))
	if !bytes.Contains(pdf, []byte("/Outlines")) {
		t.Fatal("no document outline")
	}
	for _, title := range []string{
		"Checklist before the migration", "Users that need attention", "SPF record", "Downtime",
	} {
		if !bytes.Contains(pdf, utf16PDF(title)) {
			t.Errorf("outline lacks %q", title)
		}
	}
	if bytes.Contains(pdf, utf16PDF("Ordered steps")) {
		t.Error("### headings should not be in the outline")
	}
}

func TestPDFBrokenLogo(t *testing.T) {
	for name, data := range map[string][]byte{
		"garbage":   []byte("definitely not an image"),
		"truncated": testLogo(t).Data[:60],
		"empty png": []byte("\x89PNG\r\n\x1a\n"),
	} {
		t.Run(name, func(t *testing.T) {
			d := sampleDoc(t)
			d.Logo = &doc.Image{Data: data, Type: "png"}
			err := Write(&bytes.Buffer{}, d)
			if err == nil || !strings.HasPrefix(err.Error(), "logo: ") {
				t.Fatalf("want a logo: error, got %v", err)
			}
		})
	}
}

func TestPDFLogoFormats(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 300, 300))
	for i := range m.Pix {
		m.Pix[i] = byte(i)
	}
	var jp, p16 bytes.Buffer
	if err := jpeg.Encode(&jp, m, nil); err != nil {
		t.Fatal(err)
	}
	m16 := image.NewRGBA64(image.Rect(0, 0, 40, 20))
	if err := png.Encode(&p16, m16); err != nil {
		t.Fatal(err)
	}
	for name, img := range map[string]*doc.Image{
		"jpeg":        {Data: jp.Bytes(), Type: "jpeg"},
		"16-bit png":  {Data: p16.Bytes(), Type: "png"},
		"mislabelled": {Data: jp.Bytes(), Type: "png"},
		"none":        nil,
	} {
		t.Run(name, func(t *testing.T) {
			d := sampleDoc(t)
			d.Logo = img
			mustPDF(t, d)
		})
	}
}

func TestPDFOddInput(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("nil document: want error")
	}
	for name, edit := range map[string]func(*doc.Document){
		"empty":        func(d *doc.Document) { *d = doc.Document{} },
		"bad colour":   func(d *doc.Document) { d.Color = "blue" },
		"light colour": func(d *doc.Document) { d.Color = "#FFFF66" },
		"hostile lang": func(d *doc.Document) { d.Lang = "en) /Evil (x" },
		"no footer":    func(d *doc.Document) { d.Footer = "" },
		"h2 first":     func(d *doc.Document) { d.Body = []byte("## Only a sub-heading\n\ntext") },
		"empty items": func(d *doc.Document) {
			d.Body = []byte("- \n-\n1.\n\n> \n\n```\n```\n\n```barchart\nno value\nneg|-3\nx|abc|n/a\n```\n")
		},
		"huge cell": func(d *doc.Document) {
			d.Body = []byte("| a | b |\n|---|---|\n| " + strings.Repeat("word ", 3000) + " | x |\n")
		},
		"many columns": func(d *doc.Document) {
			d.Body = []byte(strings.Repeat("| verylongheadername ", 20) + "|\n" + strings.Repeat("|---", 20) + "|\n")
		},
		"long name cover": func(d *doc.Document) { d.Cover.Customer = strings.Repeat("Rørleggerservice ", 20) },
		"deep nesting":    func(d *doc.Document) { d.Body = []byte(strings.Repeat("> ", 30) + "deep\n\n" + deepList(25)) },
	} {
		t.Run(name, func(t *testing.T) {
			d := sampleDoc(t)
			edit(d)
			mustPDF(t, d)
		})
	}
}

func deepList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- level\n")
	}
	return b.String()
}

func FuzzPDFBody(f *testing.F) {
	sample, err := os.ReadFile(filepath.Join("testdata", "pdf", "sample.md"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(sample))
	f.Add("| a |\n|---|\n| ✔ `x` **y** |\n")
	f.Add("- [ ] ☐ ❓\n\n```barchart\na|1\n```\n")
	f.Fuzz(func(t *testing.T, body string) {
		d := &doc.Document{Body: []byte(body), Created: time.Unix(0, 0)}
		if err := Write(&bytes.Buffer{}, d); err != nil {
			t.Fatal(err)
		}
	})
}

// benchDoc is a large pack: 11 sections whose tables hold rows rows.
func benchDoc(t testing.TB, rows int) *doc.Document {
	d := sampleDoc(t)
	var b strings.Builder
	row := 0
	for s := 1; s <= 11; s++ {
		fmt.Fprintf(&b, "# Section %d\n\nSome text about the check, with **bold** and `code`.\n\n", s)
		fmt.Fprintf(&b, "## ✖ Check %d\n\n| Row | User ID | Name | E-mail | Problem | Action |\n|---:|---|---|---|---|---|\n", s)
		n := rows / 11
		if s == 11 {
			n = rows - row
		}
		for i := 0; i < n; i++ {
			row++
			fmt.Fprintf(&b, "| %d | U%04d | Łukasz Żółć %d | user%d@example.pl | Duplicate e-mail address | Give the user an own address |\n", row+1, row, row, row)
		}
		b.WriteString("\n")
	}
	d.Body = []byte(b.String())
	return d
}

// BenchmarkPDF holds the PDF's speed target (a timed unit test would fail
// on a busy machine): 2,000 table rows in well under 2 s.
func BenchmarkPDF(b *testing.B) {
	for _, bc := range []struct {
		name string
		doc  *doc.Document
	}{
		{"sample", sampleDoc(b)},
		{"1100rows", benchDoc(b, 1100)},
		{"2000rows", benchDoc(b, 2000)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if err := Write(&bytes.Buffer{}, bc.doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestFontBytesUnchanged: the faces are handed to fpdf as the font
// packages' own bytes, shared by every document of the process (pdfBytes),
// so laying out and subsetting every glyph of every face must leave those
// bytes as they were; otherwise the next document embeds damaged metrics.
func TestFontBytesUnchanged(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	var before [numFonts][]byte
	for id := fontID(0); id < numFonts; id++ {
		before[id] = bytes.Clone(id.ttf())
	}
	var letters strings.Builder
	for r := rune(0x20); r < metricsCacheSize; r++ {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters.WriteRune(r)
		}
	}
	w := letters.String()
	d := sampleDoc(t)
	d.Body = fmt.Appendf(nil, "# %s\n\n%s\n\n**%s**\n\n*%s*\n\n***%s***\n\n`%s`\n\n    %s\n", w, w, w, w, w, w, w)
	for range 2 {
		mustPDF(t, d)
	}
	for id := fontID(0); id < numFonts; id++ {
		if !bytes.Equal(before[id], id.ttf()) {
			t.Errorf("face %d (%s %s): its bytes changed while rendering", id, id.pdfFamily(), id.pdfStyle())
		}
	}
}

// TestShortMetricsFaceIsCopied: fpdf writes into a face's bytes when it
// subsets a glyph without a long horizontal metric. Go Mono has many such
// glyphs; through fontBytesForDocument every document gets its own copy, so
// the shared bytes stay as they were and the second document is the same
// as the first. The Liberation faces have none, and are shared.
func TestShortMetricsFaceIsCopied(t *testing.T) {
	for id := range fontID(numFonts) {
		if shortMetrics[id]() {
			t.Errorf("face %s %s: glyphs without a long metric; TestFontBytesUnchanged covers only faces without", id.pdfFamily(), id.pdfStyle())
		}
	}
	if !hasShortMetrics(gomono.TTF) {
		t.Fatal("Go Mono has a long metric for every glyph: the test needs a face without")
	}
	shared := bytes.Clone(gomono.TTF)
	before := bytes.Clone(shared)
	render := func(ttf []byte) []byte {
		f := fpdf.New("P", "mm", "A4", "")
		f.SetCatalogSort(true)
		f.SetCreationDate(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
		f.SetModificationDate(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
		f.AddPage()
		f.AddUTF8FontFromBytes("mono", "", ttf)
		f.SetFont("mono", "", 10)
		f.Text(10, 20, "Łukasz Żółć, Ærle Sæbø, Ελένη, Дмитрий: {}[]<>|~")
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := render(fontBytesForDocument(shared, true))
	second := render(fontBytesForDocument(shared, true))
	if !bytes.Equal(shared, before) {
		t.Fatal("the shared face's bytes changed while rendering")
	}
	if !bytes.Equal(first, second) {
		t.Error("two documents from the same face differ")
	}
	// fpdf as published still has the bug this guards against; once it no
	// longer writes into the face, pdfBytes need not copy any face.
	render(shared)
	if bytes.Equal(shared, before) {
		t.Log("fpdf no longer writes into a face it subsets: the copies in pdfBytes can go")
	}
}

// TestCompressPagesAsFpdf: the PDF whose pages compressPages compressed is
// byte for byte the one fpdf writes with its own compression on, for
// documents with one page or many, links and bookmarks, a logo and none.
func TestCompressPagesAsFpdf(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	plain := sampleDoc(t)
	plain.Logo = nil
	plain.Body = []byte("Short.\n")
	for name, d := range map[string]*doc.Document{"sample": sampleDoc(t), "1100rows": benchDoc(t, 1100), "one page": plain} {
		t.Run(name, func(t *testing.T) {
			logo, err := prepareLogo(d.Logo)
			if err != nil {
				t.Fatal(err)
			}
			var want, raw bytes.Buffer
			if err := layOut(&want, d, d.Parsed(), logo, true, documentRunes(d)); err != nil {
				t.Fatal(err)
			}
			if err := layOut(&raw, d, d.Parsed(), logo, false, documentRunes(d)); err != nil {
				t.Fatal(err)
			}
			got, err := compressPages(nil, raw.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				i := 0
				for i < min(len(got), len(want.Bytes())) && got[i] == want.Bytes()[i] {
					i++
				}
				t.Fatalf("differs from fpdf's own compression at byte %d of %d (fpdf: %d)", i, len(got), want.Len())
			}
			if !bytes.Equal(mustPDF(t, d), got) {
				t.Error("Write does not write what compressPages makes")
			}
		})
	}
}

// TestCompressPagesUnknownLayout: a file compressPages does not recognise
// is an error (Write then lets fpdf compress), never a damaged PDF.
func TestCompressPagesUnknownLayout(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	d := sampleDoc(t)
	logo, _ := prepareLogo(d.Logo)
	var raw bytes.Buffer
	if err := layOut(&raw, d, d.Parsed(), logo, false, nil); err != nil {
		t.Fatal(err)
	}
	src := raw.Bytes()
	xref := bytes.LastIndex(src, []byte("\nxref\n"))
	for name, bad := range map[string][]byte{
		"empty":          nil,
		"no EOF":         src[:len(src)-3],
		"xref moved":     bytes.Replace(src, []byte("\nstartxref\n"), []byte("\nstartxref\n1"), 1),
		"length too big": bytes.Replace(src, []byte("<</Length "), []byte("<</Length 9"), 1),
		"no pages":       bytes.ReplaceAll(src, []byte("<</Type /Page\n"), []byte("<</Type /Pagf\n")),
		"xref damaged":   append(append(bytes.Clone(src[:xref+20]), 'x'), src[xref+21:]...),
	} {
		if _, err := compressPages(nil, bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
