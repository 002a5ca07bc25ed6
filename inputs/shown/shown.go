// Package shown is how text from the customer's files is shown to a
// person, in every output: what a viewer shows is what is there, and no
// text is so long that it stops a pack.
//
//   - Characters a reader cannot see (direction overrides and marks,
//     zero-width spaces and joiners, the BOM, the soft hyphen, controls…)
//     are written out as [U+202E], so "Adm\u202eexe.fdp" shows as
//     "Adm[U+202E]exe.fdp", never as "Admpdf.exe". E-mail addresses were
//     shown so first; every field is now.
//   - A text longer than its limit is shortened, between two characters
//     as a reader sees them (never inside a letter and its accents, an
//     emoji sequence or a flag), and ends in Mark; the full text stays in
//     the file it came from.
package shown

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mark ends a shortened text.
const Mark = "…"

// The limits of what is shown, in characters as written out (a [U+202E]
// is eight). A one-line field (a name, a user id, an address, an item of
// the profile, a value of a cell) shows LineChars; a note the customer
// wrote (a comment in the returned workbook) NoteChars in at most
// NoteLines lines. Both fit an Excel row, whose height stops at 409
// points (27 lines of 11 pt text), and a table row of the PDF.
const (
	LineChars = 160
	NoteChars = 1000
	NoteLines = 12
)

// Invisible reports whether r is a character a reader cannot see: spaces
// and controls, format characters (Cf: the bidirectional controls U+202A–
// U+202E and U+2066–U+2069, the marks U+200E, U+200F and U+061C, the
// zero-width space and joiners U+200B–U+200D, the word joiner U+2060, the
// BOM U+FEFF, the soft hyphen U+00AD), default-ignorable characters
// (variation selectors, the combining grapheme joiner, Hangul fillers),
// and anything not graphic at all (private use, unassigned, U+FFFD).
func Invisible(r rune) bool {
	if r < utf8.RuneSelf {
		return r <= ' ' || r == 0x7F
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || r == 0x034F ||
		r == utf8.RuneError || !unicode.IsGraphic(r)
}

// hidden is Invisible but for the plain space, which shows as itself.
func hidden(r rune) bool { return r != ' ' && Invisible(r) }

// hiddenAt is hidden for r between prev and next (0 at either end of the
// text), but for the invisible characters that change how their
// neighbours are drawn (drawnWith): those are shown as they are.
func hiddenAt(prev, r, next rune) bool { return hidden(r) && !drawnWith(prev, r, next) }

// drawnWith reports whether r, a character that is invisible on its own,
// changes how its neighbours prev and next are drawn, so that writing it
// out would garble what a reader sees instead of showing what is hidden:
//
//   - a zero-width joiner between two emoji: 👩‍💻 is one picture;
//   - a variation selector after a symbol or a keycap's digit: ❤️ is the
//     emoji, ❤︎ the text sign;
//   - tags after a black flag: 🏴 and its tags are the flag of Scotland;
//   - a zero-width joiner or non-joiner between two letters of a script
//     that joins its letters: in the Persian "می‌خواهم" it keeps two
//     letters apart that would otherwise join.
//
// Anywhere else these are what they look like, nothing, and are written
// out: "Ola" and "O[U+200C]la" are two names.
func drawnWith(prev, r, next rune) bool {
	switch {
	case r == 0x200D:
		return pictographic(prev) && pictographic(next) || joining(prev) && joining(next)
	case r == 0x200C:
		return joining(prev) && joining(next)
	case r == 0xFE0E || r == 0xFE0F:
		return pictographic(prev) || prev >= '0' && prev <= '9' || prev == '#' || prev == '*'
	case r >= 0xE0020 && r <= 0xE007F:
		return prev == 0x1F3F4 || prev >= 0xE0020 && prev <= 0xE007E
	}
	return false
}

// pictographic reports the characters an emoji sequence is made of: the
// symbols, an emoji's skin tone, and the selector that makes a symbol an
// emoji.
func pictographic(r rune) bool {
	return r >= 0xA9 && unicode.Is(unicode.So, r) || r >= 0x1F3FB && r <= 0x1F3FF || r == 0xFE0F
}

// joining reports the letters and marks of the scripts whose letters join
// or form conjuncts, where a zero-width (non-)joiner decides how two
// letters are drawn: Arabic (Persian, Urdu), Syriac, N'Ko, Mongolian and
// the scripts of India and Sri Lanka.
func joining(r rune) bool {
	return r >= 0x600 && (unicode.In(r, unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Mongolian,
		unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya, unicode.Tamil,
		unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala) ||
		unicode.In(r, unicode.Mn, unicode.Mc) && !unicode.Is(unicode.Variation_Selector, r))
}

// visibleRunes calls f with each character of s, between prev and next
// (the characters around s, 0 for none), and whether it is written out.
func visibleRunes(s string, prev, next rune, f func(r rune, out bool)) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		after := next
		if i+n < len(s) {
			after, _ = utf8.DecodeRuneInString(s[i+n:])
		}
		f(r, hiddenAt(prev, r, after))
		prev = r
		i += n
	}
}

// lastRune is the last character of s, or 0.
func lastRune(s string) rune {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// firstRune is the first character of s, or 0.
func firstRune(s string) rune {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// Visible returns s with every invisible character other than the plain
// space written out as [U+XXXX], but for those that change how their
// neighbours are drawn (drawnWith); invalid UTF-8 shows as [U+FFFD].
func Visible(s string) string {
	ascii := 0 // most text is printable ASCII: nothing to write out
	for ascii < len(s) && s[ascii] >= ' ' && s[ascii] < 0x7F {
		ascii++
	}
	if ascii == len(s) {
		return s
	}
	i := strings.IndexFunc(s[ascii:], hidden)
	if i < 0 {
		return s
	}
	i += ascii
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	visibleRunes(s[i:], lastRune(s[:i]), 0, func(r rune, out bool) { writeVisible(&b, r, out) })
	return b.String()
}

// writeVisible writes r, written out when out.
func writeVisible(b *strings.Builder, r rune, out bool) {
	if out {
		b.WriteString(Marked(r))
		return
	}
	b.WriteRune(r)
}

// Marked is r written out as the pack writes a character a reader cannot
// see, or one the PDF's fonts cannot draw: [U+202E].
func Marked(r rune) string { return fmt.Sprintf("[U+%04X]", r) }

// markedLen is len(Marked(r)).
func markedLen(r rune) int {
	digits := 4
	for v := r >> 16; v > 0; v >>= 4 {
		digits++
	}
	return 4 + digits
}

// Same reports whether two names are one: equal but for case and the
// spaces around them, as written or with their invisible characters
// written out (as a pack shows a name), so that a name read back from an
// output matches the one it was made from.
func Same(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if strings.EqualFold(a, b) {
		return true
	}
	sa, _ := LineN(a, len(a)*8+2) // written out, never shortened
	sb, _ := LineN(b, len(b)*8+2)
	return strings.EqualFold(sa, sb)
}

// lineBreak reports the characters that end a line, and the tab: in a
// one-line field they show as a space.
func lineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\t', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// Line is s as a one-line field shows it: line breaks and tabs as spaces
// (a run of them as one), invisible characters written out, at most
// LineChars characters. cut reports whether it was shortened.
func Line(s string) (shown string, cut bool) { return LineN(s, LineChars) }

// LineN is Line with a limit of n characters (at least 2).
func LineN(s string, n int) (shown string, cut bool) {
	if plain(s, n) {
		return s, false
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if lineBreak(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return fit(b.String(), n, 0)
}

// Note is s as a note (a comment the customer wrote) shows it: its line
// breaks kept (CR LF as one), invisible characters written out, at most
// NoteChars characters in NoteLines lines.
func Note(s string) (shown string, cut bool) {
	if plain(s, NoteChars) {
		return s, false
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case lineBreak(r):
			return '\n'
		}
		return r
	}, s)
	return fit(s, NoteChars, NoteLines)
}

// plain reports whether s shows as it is: printable ASCII (or valid UTF-8
// without invisible characters) no longer than n characters.
func plain(s string, n int) bool {
	if len(s) <= n {
		ascii := true
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < ' ' || c == 0x7F {
				return false
			} else if c >= utf8.RuneSelf {
				ascii = false
			}
		}
		if ascii {
			return true
		}
	}
	if !utf8.ValidString(s) || strings.IndexFunc(s, hidden) >= 0 {
		return false
	}
	return utf8.RuneCountInString(s) <= n
}

// fit writes s out visibly, cluster by cluster, until the next cluster
// would take it beyond n characters (or lines, when lines > 0, beyond
// that many lines); then it ends in Mark. A line break counts as a
// character. s is cut only between clusters.
func fit(s string, n, lines int) (string, bool) {
	var b strings.Builder
	b.Grow(min(len(s), 4*n) + 8)
	// ends are the length of b and the characters used after each
	// cluster, to give clusters back when the mark needs room.
	type end struct{ bytes, used int }
	var ends []end
	used, line := 0, 1
	prev := rune(0)
	for s != "" {
		c := FirstCluster(s)
		next := firstRune(s[len(c):])
		w := width(c, prev, next)
		isBreak := c == "\n"
		if isBreak {
			line++
		}
		if used+w > n || lines > 0 && line > lines {
			out := b.String()
			for i := len(ends) - 1; i >= 0 && used+len([]rune(Mark)) > n; i-- {
				used = 0
				if i > 0 {
					used = ends[i-1].used
					out = out[:ends[i-1].bytes]
				} else {
					out = ""
				}
			}
			// A joiner kept for the letter after it (drawnWith) has no
			// letter after it now.
			return strings.TrimRightFunc(out, func(r rune) bool {
				return unicode.IsSpace(r) || r == 0x200C || r == 0x200D
			}) + Mark, true
		}
		if isBreak {
			b.WriteByte('\n')
		} else {
			visibleRunes(c, prev, next, func(r rune, out bool) { writeVisible(&b, r, out) })
		}
		used += w
		ends = append(ends, end{b.Len(), used})
		prev = lastRune(c)
		s = s[len(c):]
	}
	return b.String(), false
}

// width is how many characters the cluster c, between prev and next,
// takes written out.
func width(c string, prev, next rune) int {
	w := 0
	visibleRunes(c, prev, next, func(r rune, out bool) {
		if out && r != '\n' {
			w += markedLen(r)
		} else {
			w++
		}
	})
	return w
}

// CutChars returns the longest start of s of at most n characters that
// ends between two clusters; a written-out [U+XXXX] is never split.
func CutChars(s string, n int) string {
	used, end := 0, 0
	for end < len(s) {
		c := FirstCluster(s[end:])
		if strings.HasPrefix(c, "[") {
			if m := marker(s[end:]); m > 0 {
				c = s[end : end+m]
			}
		}
		w := utf8.RuneCountInString(c)
		if used+w > n {
			break
		}
		used += w
		end += len(c)
	}
	return s[:end]
}

// marker is the length of the [U+XXXX] at the start of s, or 0.
func marker(s string) int {
	if !strings.HasPrefix(s, "[U+") {
		return 0
	}
	i := 3
	for i < len(s) && i < 10 && (s[i] >= '0' && s[i] <= '9' || s[i] >= 'A' && s[i] <= 'F') {
		i++
	}
	if i >= 7 && i < len(s) && s[i] == ']' {
		return i + 1
	}
	return 0
}

// CutBytes returns the longest start of s of at most n bytes that ends
// between two clusters, and whether anything was cut: what a limit in
// bytes keeps of a text.
func CutBytes(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	end := 0
	for end < len(s) {
		c := FirstCluster(s[end:])
		if end+len(c) > n {
			break
		}
		end += len(c)
	}
	return s[:end], true
}

// FirstCluster returns the first cluster of s: a character with the
// characters that belong to it (its accents and other combining marks, a
// variation selector, an emoji modifier or tag, what a zero-width joiner
// joins, the second half of a flag, the jamo of a Hangul syllable, LF after
// CR). An invalid byte is a cluster of its own. This is Unicode's extended
// grapheme cluster (UAX #29) for every text a pack meets; it never splits
// one, though it may keep a rare pair together that UAX #29 splits.
func FirstCluster(s string) string {
	if s == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 {
		return s[:size]
	}
	end, prev := size, r
	regional := isRegional(r)
	for end < len(s) {
		next, n := utf8.DecodeRuneInString(s[end:])
		if next == utf8.RuneError && n <= 1 {
			break
		}
		if !joins(prev, next, &regional) {
			break
		}
		end += n
		prev = next
	}
	return s[:end]
}

// joins reports whether next belongs to the cluster that prev ends.
// regional is whether prev is a regional indicator that still waits for
// its pair; it is updated.
func joins(prev, next rune, regional *bool) bool {
	switch {
	case prev == '\r':
		return next == '\n'
	case prev == '\n' || next == '\r' || next == '\n' || prev < ' ' || prev == 0x7F || next < ' ' || next == 0x7F:
		return false
	case next == 0x200D || prev == 0x200D: // zero-width joiner: joins what it sits between
		return true
	case extends(next):
		return true
	case isRegional(next):
		if *regional {
			*regional = false
			return true
		}
		*regional = true
		return false
	case hangulL(prev):
		return hangulL(next) || hangulV(next) || hangulSyllable(next)
	case hangulV(prev) || hangulLV(prev):
		return hangulV(next) || hangulT(next)
	case hangulT(prev) || hangulSyllable(prev):
		return hangulT(next)
	}
	return false
}

// extends reports whether r attaches to the character before it: a
// combining mark, a variation selector, an emoji modifier or a tag.
func extends(r rune) bool {
	if r < 0x300 {
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || unicode.Is(unicode.Variation_Selector, r) ||
		r >= 0x1F3FB && r <= 0x1F3FF || r >= 0xE0020 && r <= 0xE007F || r == 0x034F
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

func hangulL(r rune) bool { return r >= 0x1100 && r <= 0x115F || r >= 0xA960 && r <= 0xA97C }
func hangulV(r rune) bool { return r >= 0x1160 && r <= 0x11A7 || r >= 0xD7B0 && r <= 0xD7C6 }
func hangulT(r rune) bool { return r >= 0x11A8 && r <= 0x11FF || r >= 0xD7CB && r <= 0xD7FB }

func hangulSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// hangulLV is a precomposed syllable without a final consonant.
func hangulLV(r rune) bool { return hangulSyllable(r) && (r-0xAC00)%28 == 0 }

// MapWords returns s with each word (a run of anything but spaces) replaced
// by f(word), and the spaces between words as they are. Masking a note and
// marking the ids a browser may break both go word by word.
func MapWords(s string, f func(word string) string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		j := strings.IndexFunc(s, unicode.IsSpace)
		if j < 0 {
			j = len(s)
		}
		b.WriteString(f(s[:j]))
		s = s[j:]
	}
	return b.String()
}
