package inputs

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// letters transliterates the letters of the pack's languages that do not
// decompose into a base letter and an accent (ø, æ, ß…) plus the ones that
// do, so that one rule covers the Nordic languages, German and Dutch. The
// rule is the one most Nordic domain names follow: æ→ae, ø→o, å→a, ä→a,
// ö→o, ü→u, ß→ss; other accents are stripped (é→e). It is the one table
// for header matching here and for mail labels in readiness.
var letters = map[rune]string{
	'æ': "ae", 'ø': "o", 'å': "a", 'ä': "a", 'ö': "o", 'ü': "u", 'ß': "ss",
	'œ': "oe", 'þ': "th", 'ð': "d", 'ł': "l", 'đ': "d", 'ı': "i", 'ŋ': "n",
}

// foldLetter writes the lower-case ASCII form of a letter whose accents NFD
// has already split off.
func foldLetter(b *strings.Builder, r rune) {
	r = unicode.ToLower(r)
	if r == 'ẞ' {
		r = 'ß'
	}
	if t, ok := letters[r]; ok {
		b.WriteString(t)
		return
	}
	b.WriteRune(r)
}

// Transliterate lower-cases s and writes it with ASCII letters where it
// can ("Østerbro Søhne" → "osterbro sohne"); characters it cannot
// transliterate are kept, for callers to keep or drop.
func Transliterate(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(norm.NFC.String(s)) {
		if unicode.Is(unicode.Mn, r) {
			continue // the accent of a decomposed letter: é → e + ◌́
		}
		foldLetter(&b, r)
	}
	return b.String()
}
