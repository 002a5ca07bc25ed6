package pdf

import (
	"regexp"
	"strings"
	"testing"

	"github.com/migready/migready/render/doc"
)

const unshownNote = "Some characters cannot be shown here and are written as their code."

// usersDoc is a document whose users table holds the given names, with the
// note the pack gives (doc.Document.Unshown).
func usersDoc(t *testing.T, customer string, names ...string) *doc.Document {
	d := sampleDoc(t)
	d.Cover.Customer, d.Header = customer, customer
	var b strings.Builder
	b.WriteString("# Users\n\nThe users below need attention.\n\n| Row | Name | Email |\n|---:|---|---|\n")
	for i, n := range names {
		b.WriteString("| " + string(rune('2'+i)) + " | " + n + " | user@example.com |\n")
	}
	b.WriteString("\nWhat to do next.\n")
	d.Body = []byte(b.String())
	d.Unshown = unshownNote
	return d
}

// TestMissingGlyphsAsCodePoints: a character none of the faces has
// (Arabic, Chinese, Thai, Devanagari, an emoji) prints as its code point,
// never as "?", and the note saying so appears once, under the table that
// shows it, and only when the PDF shows one.
func TestMissingGlyphsAsCodePoints(t *testing.T) {
	names := map[string]string{
		"مرحبا":      "[U+0645][U+0631][U+062D][U+0628][U+0627]",
		"王小明":        "[U+738B][U+5C0F][U+660E]",
		"สมชาย":      "[U+0E2A][U+0E21][U+0E0A][U+0E32][U+0E22]",
		"राम":        "[U+0930][U+093E][U+092E]",
		"Zoë 😀 Tran": "Zoë [U+1F600] Tran",
	}
	var list []string
	for n := range names {
		list = append(list, n)
	}
	text := pdfText(t, mustPDF(t, usersDoc(t, "Harbour & Finch Ltd", list...)))
	flat := strings.Join(strings.Fields(text), "")
	for n, want := range names {
		if !strings.Contains(flat, strings.Join(strings.Fields(want), "")) {
			t.Errorf("%q: the PDF lacks %s:\n%s", n, want, text)
		}
	}
	if strings.Contains(text, "?") {
		t.Errorf("a character printed as \"?\":\n%s", text)
	}
	noteFlat := strings.Join(strings.Fields(unshownNote), "")
	if n := strings.Count(flat, noteFlat); n != 1 {
		t.Errorf("the note appears %d times, want once:\n%s", n, text)
	}
	// Under the table, before the next paragraph.
	if i, j, k := strings.Index(flat, "[U+"), strings.Index(flat, noteFlat), strings.Index(flat, "Whattodonext"); !(i < j && j < k) {
		t.Errorf("the note is not under the table (code at %d, note at %d, next paragraph at %d)", i, j, k)
	}

	// Names the faces draw: no note.
	text = pdfText(t, mustPDF(t, usersDoc(t, "Harbour & Finch Ltd", "Łukasz Żółć", "Ελένη", "Дмитрий", "אבי כהן")))
	if strings.Contains(strings.Join(strings.Fields(text), ""), noteFlat) || strings.Contains(text, "[U+") {
		t.Errorf("the note or a code point without a missing character:\n%s", text)
	}

	// Only the customer's name on the cover and in the running header:
	// the note under the body's first block.
	text = pdfText(t, mustPDF(t, usersDoc(t, "王氏贸易", "Ærle Sæbø")))
	flat = strings.Join(strings.Fields(text), "")
	if !strings.Contains(flat, "[U+738B][U+6C0F]") || strings.Count(flat, noteFlat) != 1 {
		t.Errorf("a customer's name in Chinese: want its code points and the note once:\n%s", text)
	}
	if j, k := strings.Index(flat, noteFlat), strings.Index(flat, "Theusersbelow"); j < k {
		t.Errorf("the note is above the body's first block:\n%s", text)
	}
}

// TestCodePointsWrapWhole: a long name of missing characters wraps in a
// narrow column between code points, never inside one, and every piece
// is measured as it is drawn.
func TestCodePointsWrapWhole(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	var b inlineBuilder
	st := b.style(textStyle{font: fontRegular, size: tableSize, color: colText})
	b.addText("Ali مرحبا مرحبا王小明王小明 Tran", st)
	if !b.coded {
		t.Error("the builder does not report its code points")
	}
	codes := regexp.MustCompile(`\[U\+[0-9A-F]{4,6}\]`)
	lines := b.layout(20)
	if len(lines) < 3 {
		t.Fatalf("%d lines in 20 mm, want the name wrapped", len(lines))
	}
	var got strings.Builder
	for _, l := range lines {
		var line strings.Builder
		for _, a := range l.atoms {
			line.WriteString(a.text)
		}
		if rest := codes.ReplaceAllString(line.String(), ""); strings.ContainsAny(rest, "[+]") {
			t.Errorf("a code point broken across lines: %q", line.String())
		}
		for _, a := range l.atoms {
			if w := b.runesWidth(a.text, a.st); a.kind == atomText && (w-a.w > 1e-9 || a.w-w > 1e-9) {
				t.Errorf("%q measured %.3f mm, drawn %.3f mm", a.text, a.w, w)
			}
			if l.w > 20+1e-6 {
				t.Errorf("a line %.2f mm wide in 20 mm", l.w)
			}
			got.WriteString(a.text)
		}
	}
	if want := "Ali [U+0645][U+0631][U+062D][U+0628][U+0627] [U+0645][U+0631][U+062D][U+0628][U+0627][U+738B][U+5C0F][U+660E][U+738B][U+5C0F][U+660E] Tran"; strings.ReplaceAll(got.String(), " ", "") != strings.ReplaceAll(want, " ", "") {
		t.Errorf("laid out %q, want %q", got.String(), want)
	}
	// The cover and the running header: a code point is cut whole.
	if s := truncateToWidth("Ali [U+0645][U+0631][U+062D]", fontBold, 10, 30); strings.Contains(s, "[U+") && !regexp.MustCompile(`\]…$`).MatchString(s) {
		t.Errorf("truncated inside a code point: %q", s)
	}
}

// TestRightToLeftOrder: Hebrew, which the faces draw, is drawn in the
// order it is seen, so that it reads right to left.
func TestRightToLeftOrder(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"אבי כהן":           "ןהכ יבא",
		"Cohen, אבי":        "Cohen, יבא",
		"אבי כהן (Haifa)":   "(Haifa) ןהכ יבא",
		"(אבי) 12":          "12 (יבא)",
		"שרה 2 כהן":         "ןהכ 2 הרש",
		"אבי 王":             "[U+738B] יבא",
		"Łukasz Żółć":       "Łukasz Żółć",
		"row 12: שרה, Oslo": "row 12: הרש, Oslo",
		// Angle brackets and guillemets are mirrored as brackets are.
		"שם: דוד (מנהל) <d@x.com>": "<d@x.com> (להנמ) דוד :םש",
		"«שרה»":                    "«הרש»",
	} {
		if got, _ := displayText(in, fontRegular); got != want {
			t.Errorf("%q drawn as %q, want %q", in, got, want)
		}
	}
	// Shortened to fit the running header, a right-to-left name loses
	// its end, not its first letters, whichever side that is drawn on.
	long := "חברת " + strings.Repeat("אופק ", 60) + "סוף"
	got := fitLine(long, fontBold, 7.8, contentW)
	if !strings.HasSuffix(got, "תרבח") || strings.Contains(got, "ףוס") || !strings.Contains(got, "…") {
		t.Errorf("%q shortened to %q: want its start (drawn last) kept and its end cut", long, got)
	}
	if w := textWidth(got, fontBold, 7.8); w > contentW {
		t.Errorf("%q is %.1f mm wide, more than %.1f", got, w, contentW)
	}
	// Read back from the PDF, it is the name as written.
	text := pdfText(t, mustPDF(t, usersDoc(t, "Harbour & Finch Ltd", "אבי כהן")))
	if !strings.Contains(text, "אבי כהן") {
		t.Errorf("pdftotext lacks אבי כהן:\n%s", text)
	}
}

// TestRightToLeftWraps: right-to-left text that wraps is broken into lines
// in reading order and each line is put in the order it is seen (UAX #9):
// the first words on the first line, each line read right to left.
func TestRightToLeftWraps(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("אחת שתיים שלוש ארבע חמש שש שבע שמונה תשע עשר (ירושלים) 12 Haifa סוף")
	name := strings.Join(words, " ")
	var b inlineBuilder
	st := b.style(textStyle{font: fontRegular, size: tableSize, color: colText})
	b.addText(name, st)
	lines := b.layout(22)
	if len(lines) < 4 {
		t.Fatalf("%d lines in 22 mm, want the name wrapped", len(lines))
	}
	var read []string
	for _, l := range lines {
		var logical strings.Builder
		for _, a := range l.atoms {
			logical.WriteString(a.text)
		}
		read = append(read, strings.Fields(logical.String())...)
		// Each line is drawn as that line alone would be.
		var drawn strings.Builder
		x := 0.0
		for _, a := range b.visualLine(l) {
			drawn.WriteString(a.text)
			if d := a.x - x; d > 1e-9 || d < -1e-9 {
				t.Errorf("%q placed at %.3f mm, want %.3f", a.text, a.x, x)
			}
			if w := b.runesWidth(a.text, a.st); a.kind != atomMark && (w-a.w > 1e-9 || a.w-w > 1e-9) {
				t.Errorf("%q measured %.3f mm, drawn %.3f mm", a.text, a.w, w)
			}
			x += a.w
		}
		if d := x - l.w; d > 1e-9 || d < -1e-9 {
			t.Errorf("line %q drawn %.3f mm wide, laid out %.3f", logical.String(), x, l.w)
		}
		want, _ := displayText(logical.String(), fontRegular)
		if logical.String() == "12 Haifa סוף" {
			// In a right-to-left paragraph: alone, it would be a left-
			// to-right line, "12 Haifa ףוס".
			want = "ףוס Haifa 12"
		}
		if drawn.String() != want {
			t.Errorf("line %q drawn as %q, want %q", logical.String(), drawn.String(), want)
		}
	}
	if strings.Join(read, " ") != name {
		t.Errorf("lines read top to bottom %q, want %q", strings.Join(read, " "), name)
	}
	if last := lines[len(lines)-1]; !last.rtl || len(last.atoms) != 5 || last.atoms[0].text != "12" {
		t.Errorf("the last line is %v, want \"12 Haifa סוף\" in a right-to-left paragraph", last.atoms)
	}

	// One line: drawn exactly as displayText draws it.
	for _, in := range []string{"אבי כהן", "Cohen, אבי", "אבי כהן (Haifa)", "(אבי) 12", "שרה 2 כהן", "אבי 王", "row 12: שרה, Oslo", "שם: דוד (מנהל) <d@x.com>", "«שרה»"} {
		var b inlineBuilder
		st := b.style(textStyle{font: fontRegular, size: tableSize, color: colText})
		b.addText(in, st)
		lines := b.layout(500)
		var drawn strings.Builder
		for _, a := range b.visualLine(lines[0]) {
			drawn.WriteString(a.text)
		}
		if want, _ := displayText(in, fontRegular); len(lines) != 1 || drawn.String() != want {
			t.Errorf("%q drawn as %q in %d lines, want %q in one", in, drawn.String(), len(lines), want)
		}
	}

	// Read back from the PDF, a long name in the users table wraps in its
	// cell with its first words first.
	long := strings.Repeat("שלום ", 3) + strings.Join(words[:10], " ") + " " + strings.Repeat("אחרון ", 6) + "סוף"
	text := pdfText(t, mustPDF(t, usersDoc(t, "Harbour & Finch Ltd", long)))
	i, j := strings.Index(text, "אחת"), strings.Index(text, "סוף")
	if i < 0 || j < 0 || i > j || !strings.Contains(text, "שלום שלום") {
		t.Errorf("pdftotext does not read %q first words first:\n%s", long, text)
	}
}

// TestUnshownNoteCitesItsCode: the note's example is the first code point
// the document was written with (here an emoji's, the status symbols drawn
// as marks before it not counting), not a fixed one.
func TestUnshownNoteCitesItsCode(t *testing.T) {
	d := usersDoc(t, "Harbour & Finch Ltd", "✔ Zoë 😀 Tran", "王小明")
	d.Unshown = "Some characters are written as their code, such as " + doc.UnshownCode + "."
	flat := strings.Join(strings.Fields(pdfText(t, mustPDF(t, d))), "")
	if want := "suchas[U+1F600]."; !strings.Contains(flat, want) {
		t.Errorf("the note does not cite the first code point (%s):\n%s", want, flat)
	}
}
