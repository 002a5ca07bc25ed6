package pdf

import (
	stdhtml "html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// TestEveryGlyphPresent checks that every character the pack can print (all
// texts in every language, and everything the example packs show, which
// holds the customers' names) exists in every face the PDF draws with: a
// missing glyph would print as its code point, "[U+0645]" (see sanitizeRuns):
// fine for a customer's name, never for the pack's own words.
func TestEveryGlyphPresent(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	texts, _ := filepath.Glob("../../templates/*/*.toml")
	mds, _ := filepath.Glob("../../templates/*/*.md")
	packs, _ := filepath.Glob("../../examples/*/pack/*.html")
	if len(texts) < 6 || len(packs) < 6 {
		t.Fatalf("found %d text files and %d example packs", len(texts), len(packs))
	}
	tag := regexp.MustCompile(`(?s)<style.*?</style>|<[^>]*>`)
	// Names from outside Western Europe that customers' exports hold.
	extra := "Łukasz Żółć Ærle Sæbø Šťastný Ďurišová Őrs Ñúñez Ελένη Дмитрий Ğül İpek ſ ĳ Œuvre €£¥ „quoted“ «guillemets» ‚single‘ – — … • · × ÷ ≤ ≥ ± ° µ ½ ¼ ¾ ™ © ®"
	missing := map[fontID]map[rune][]string{}
	check := func(name, s string) {
		for _, r := range s {
			if r < 0x20 || unicode.IsSpace(r) || unicode.In(r, unicode.Cf) {
				continue // dropped or turned into a space by sanitizeRuns
			}
			if _, _, ok := statusMark(r); ok {
				continue // drawn as shapes
			}
			for id := fontID(0); id < numFonts; id++ {
				if !metrics[id].has(r) {
					if missing[id] == nil {
						missing[id] = map[rune][]string{}
					}
					if len(missing[id][r]) < 3 {
						missing[id][r] = append(missing[id][r], name)
					}
				}
			}
		}
	}
	for _, f := range append(texts, mds...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		check(f, string(b))
	}
	for _, f := range packs {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		check(f, stdhtml.UnescapeString(tag.ReplaceAllString(string(b), " ")))
	}
	check("names", extra)
	for id, rs := range missing {
		for r, where := range rs {
			t.Errorf("face %s %s lacks %U %q (in %s)", id.pdfFamily(), id.pdfStyle(), r, r, strings.Join(where, ", "))
		}
	}
}

// TestDecomposedAccentsComposed: a name written with combining accents
// (NFD, as a Mac or an SQL query may export it: "Rene" + U+0301 + "e")
// is drawn with the precomposed letters the faces have ("Renée"): the
// PDF places no mark over its letter, and drew "Rene´e Zoe¨". A mark
// that no letter composes with is drawn as it is.
func TestDecomposedAccentsComposed(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"Rene\u0301e Zoe\u0308":        "Renée Zoë",
		"A\u030Angstro\u0308m":         "Ångström",
		"Nguye\u0302\u0303n Thi\u0323": "Nguyễn Thị",
		"q\u0301":                      "q\u0301",
	} {
		if got, coded := displayText(in, fontRegular); got != want || coded {
			t.Errorf("displayText(%q) = %q (coded %v), want %q", in, got, coded, want)
		}
		var b inlineBuilder
		b.addPlain(in, b.style(textStyle{font: fontItalic, size: 10}))
		var sb strings.Builder
		for _, a := range b.atoms {
			sb.WriteString(a.text)
		}
		if got := sb.String(); got != want {
			t.Errorf("addPlain(%q) drew %q, want %q", in, got, want)
		}
	}
}
