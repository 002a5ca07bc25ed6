package inputs

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
	if ascii(s) {
		// Most names and headers: nothing to decompose or look up.
		return strings.ToLower(s)
	}
	return string(AppendTransliterated(make([]byte, 0, len(s)+4), s))
}

// AppendTransliterated appends Transliterate(s) to dst, without a string
// of its own: readiness groups every name of an export by it.
func AppendTransliterated(dst []byte, s string) []byte {
	start := len(dst)
	var latin *[0x250]string
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		if latin == nil {
			latin = latinTable()
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= rune(len(latin)) {
			// Beyond the letters of the table (or a combining accent):
			// the whole string the slow way, so accents stay with their
			// letters.
			return append(dst[:start], transliterate(s)...)
		}
		dst = append(dst, latin[r]...)
		i += size
	}
	return dst
}

// transliterate is Transliterate by the rule: decompose, drop the accents,
// fold the letters.
func transliterate(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	// NFD of s is NFD of any canonically equivalent form of it, composed
	// (NFC) or not: one normalisation is enough.
	for _, r := range norm.NFD.String(s) {
		switch {
		case r < utf8.RuneSelf:
			b.WriteByte(byte(unicode.ToLower(r)))
		case unicode.Is(unicode.Mn, r):
			// the accent of a decomposed letter: é → e + ◌́
		default:
			foldLetter(&b, r)
		}
	}
	return b.String()
}

// latin is transliterate of each character of Latin-1 and Latin
// Extended-A and -B (U+0000 to U+024F) on its own, worked out once: the
// letters of names in the pack's languages, looked up rather than
// normalised. None of them is a combining accent, so a string of them
// transliterates character by character.
var latinTable = sync.OnceValue(func() *[0x250]string {
	var t [0x250]string
	for r := range t {
		t[r] = transliterate(string(rune(r)))
	}
	return &t
})

// ascii reports whether s is all ASCII.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
