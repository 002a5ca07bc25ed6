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
