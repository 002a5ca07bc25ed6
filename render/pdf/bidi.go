package pdf

import (
	"golang.org/x/text/unicode/bidi"
)

// Right-to-left text. fpdf draws a string's characters left to right, in
// the order they are stored; Hebrew is stored in reading order, right to
// left, so drawn as stored a Hebrew name reads backwards. The Unicode
// bidirectional algorithm (golang.org/x/text/unicode/bidi) puts text in
// the order it is seen, one line at a time (UAX #9, rules L1-L4): text
// that wraps is broken into lines in reading order first, then each line
// is reordered as it is drawn (inlineBuilder.visualLine). A line's width
// does not change with its order, so layout measures in reading order.
// visualOrder reorders text that is one line (a name on the cover, the
// running header).

// piece is a run of sanitized text; code marks code points written for
// runes the face lacks ("[U+0645]"), which read left to right.
type piece struct {
	text string
	code bool
}

// hasRTL reports whether a piece other than a code holds a right-to-left
// letter (Hebrew, Arabic, Syriac, Thaana, N'Ko…).
func hasRTL(ps []piece) bool {
	for _, p := range ps {
		if p.code {
			continue
		}
		for _, r := range p.text {
			if r >= 0x590 && isRTL(r) {
				return true
			}
		}
	}
	return false
}

func isRTL(r rune) bool {
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}

// visualOrder returns ps, one line, in the order they are seen: the
// characters of right-to-left runs reversed and their brackets mirrored,
// the runs placed by their embedding levels, a code kept whole and left to
// right. ps comes back unchanged when it has no right-to-left letter or
// the algorithm fails.
func visualOrder(ps []piece) []piece {
	if !hasRTL(ps) {
		return ps
	}
	var rs []rune
	var code []int
	for _, p := range ps {
		c := 0
		if p.code {
			c = 1
		}
		for _, r := range p.text {
			rs = append(rs, r)
			code = append(code, c)
		}
	}
	if !reorderLine(rs, code, firstStrongRTL(rs)) {
		return ps
	}
	out := make([]piece, 0, len(ps))
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && code[j] == code[i] {
			j++
		}
		out = append(out, piece{string(rs[i:j]), code[i] == 1})
		i = j
	}
	return out
}

// firstStrongRTL reports whether the first strong letter of rs is right-
// to-left: the direction of a paragraph that starts with rs (rule P2).
func firstStrongRTL(rs []rune) bool {
	for _, r := range rs {
		p, _ := bidi.LookupRune(r)
		if c := p.Class(); c == bidi.L || c == bidi.R || c == bidi.AL {
			return c != bidi.L
		}
	}
	return false
}

// reorderLine puts rs, one line of a paragraph whose direction is baseRTL,
// in the order it is seen, in place; tags[i] says where rs[i] comes from
// and moves with it. It reports false, leaving rs as it was, when the
// algorithm fails.
func reorderLine(rs []rune, tags []int, baseRTL bool) bool {
	s := string(rs)
	// A line that is not the paragraph's first can start with a letter of
	// the other direction; a mark of the paragraph's direction before it
	// (dropped below) keeps the paragraph's direction for the line.
	pre := 0
	if firstStrongRTL(rs) != baseRTL {
		mark := "\u200e" // left-to-right mark
		if baseRTL {
			mark = "\u200f" // right-to-left mark
		}
		s, pre = mark+s, 1
	}
	var para bidi.Paragraph
	if _, err := para.SetString(s); err != nil {
		return false
	}
	o, err := para.Order()
	if err != nil {
		return false
	}
	// Ordering gives runs of one direction, not their levels: a right-to-
	// left run is at level 1; a left-to-right one at 0 in a left-to-right
	// paragraph, unless it has no left-to-right letter and stands between
	// right-to-left runs (a number in Hebrew text), and at 2 in a right-
	// to-left paragraph.
	n := o.NumRuns()
	levels := make([]uint8, 0, len(rs)+pre)
	dirs := make([]bidi.Direction, n)
	lens := make([]int, n)
	for i := range n {
		run := o.Run(i)
		dirs[i] = run.Direction()
		lens[i] = len([]rune(run.String()))
	}
	for i := range n {
		lvl := uint8(1)
		if dirs[i] != bidi.RightToLeft {
			lvl = 0
			if baseRTL {
				lvl = 2
			} else if i > 0 && i+1 < n && dirs[i-1] == bidi.RightToLeft && dirs[i+1] == bidi.RightToLeft {
				lvl = 2
				run := o.Run(i)
				for _, r := range run.String() {
					if p, _ := bidi.LookupRune(r); p.Class() == bidi.L {
						lvl = 0
						break
					}
				}
			}
		}
		for range lens[i] {
			levels = append(levels, lvl)
		}
	}
	if len(levels) != len(rs)+pre {
		return false // runs that do not cover the text: leave it as stored
	}
	levels = levels[pre:]
	for i, r := range rs {
		if levels[i]%2 == 1 {
			if p, _ := bidi.LookupRune(r); p.IsBracket() {
				rs[i] = []rune(bidi.ReverseString(string(r)))[0]
			} else if m, ok := mirrored[r]; ok {
				rs[i] = m
			}
		}
	}
	// Rule L2: from the highest level down to 1, reverse every sequence
	// at that level or above.
	for lvl := uint8(2); lvl >= 1; lvl-- {
		for i := 0; i < len(rs); {
			if levels[i] < lvl {
				i++
				continue
			}
			j := i
			for j < len(rs) && levels[j] >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				rs[a], rs[b] = rs[b], rs[a]
				tags[a], tags[b] = tags[b], tags[a]
				levels[a], levels[b] = levels[b], levels[a]
			}
			i = j
		}
	}
	return true
}

// mirrored pairs the characters that are drawn mirrored in right-to-left
// text (Unicode's Bidi_Mirroring_Glyph) but are no brackets, which
// bidi.ReverseString alone mirrors: the angle brackets around an address
// ("דוד <d@x.com>"), guillemets and the comparisons.
var mirrored = map[rune]rune{
	'<': '>', '>': '<',
	'«': '»', '»': '«',
	'‹': '›', '›': '‹',
	'≤': '≥', '≥': '≤',
	'≪': '≫', '≫': '≪',
}
