package shown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"Kari Nordmann":             "Kari Nordmann",
		"Adm\u202eexe.fdp\u202c":    "Adm[U+202E]exe.fdp[U+202C]",
		"a\u200bb\u200cc\u200dd":    "a[U+200B]b[U+200C]c[U+200D]d",
		"\u2066x\u2069\u200e\u061c": "[U+2066]x[U+2069][U+200E][U+061C]",
		"so\u00adft\u2060\ufeff":    "so[U+00AD]ft[U+2060][U+FEFF]",
		"tab\there":                 "tab[U+0009]here",
		"bad\xffbyte":               "bad[U+FFFD]byte",
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestVisibleKeepsWhatDraws: the invisible characters that change how
// their neighbours are drawn stay as they are (an emoji sequence, an
// emoji's selector, a subdivision flag, a Persian or Hindi name), in
// Visible and in Line alike; the same characters elsewhere are written
// out.
func TestVisibleKeepsWhatDraws(t *testing.T) {
	for in, want := range map[string]string{
		"Team 👩\u200d💻":                "Team 👩\u200d💻",                // woman technologist
		"👩🏽\u200d💻 and 🏳\ufe0f\u200d🌈": "👩🏽\u200d💻 and 🏳\ufe0f\u200d🌈", // after a skin tone, after a selector
		"I ❤\ufe0f SO, ❤\ufe0e":        "I ❤\ufe0f SO, ❤\ufe0e",
		"1\ufe0f\u20e3":                "1\ufe0f\u20e3", // keycap one
		"🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F": "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
		"می\u200cخواهم": "می\u200cخواهم", // Persian: "I want"
		"क्\u200dष":     "क्\u200dष",     // Devanagari half form
		// Elsewhere: written out.
		"O\u200cla":          "O[U+200C]la",
		"Ola\ufe0f":          "Ola[U+FE0F]",
		"👩\u200d":            "👩[U+200D]",
		"a\u200d💻":           "a[U+200D]💻",
		"\u200c\u0645":       "[U+200C]\u0645",
		"x\U000E0067":        "x[U+E0067]",
		"Ali\u200c\u0645":    "Ali[U+200C]\u0645",
		"\u0645\u200b\u0645": "\u0645[U+200B]\u0645", // a zero-width space never joins
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
		if got, _ := LineN(in, 100); got != want {
			t.Errorf("LineN(%q) = %q, want %q", in, got, want)
		}
	}
	if Same("👩\u200d💻", "👩💻") {
		t.Error("Same: an emoji sequence and its two emoji apart are one")
	}
	// Shortened after a joiner kept for the letter after it: the joiner
	// goes too, as nothing follows it now.
	if got, _ := LineN("\u0645\u200c"+strings.Repeat("\u0645", 50), 3); got != "\u0645…" {
		t.Errorf("LineN(meem, ZWNJ, 50 meem, 3) = %q, want %q", got, "\u0645…")
	}
	// Kept, a joiner takes one character of a limit, not eight.
	if got, cut := LineN(strings.Repeat("👩\u200d💻", 10), 30); cut || got != strings.Repeat("👩\u200d💻", 10) {
		t.Errorf("LineN(10 woman technologists, 30) = %q, cut %v", got, cut)
	}
}

func TestLine(t *testing.T) {
	long := strings.Repeat("x", 750)
	got, cut := Line("Sabine" + long)
	if !cut || utf8.RuneCountInString(got) != LineChars || !strings.HasSuffix(got, Mark) {
		t.Errorf("Line of 756 characters: %d characters, cut %v, %q", utf8.RuneCountInString(got), cut, got)
	}
	lines := strings.Repeat("Klaus\n", 20)
	got, cut = Line(lines)
	if cut || strings.ContainsAny(got, "\n\r") || got != strings.TrimSpace(strings.Repeat("Klaus ", 20))+" " {
		t.Errorf("Line(28 lines) = %q, cut %v", got, cut)
	}
	if got, cut := Line("Kari Nordmann"); got != "Kari Nordmann" || cut {
		t.Errorf("a short name changed: %q %v", got, cut)
	}
	// A combining accent, a flag, an emoji sequence and a written-out
	// control are never split, wherever the limit falls.
	for _, unit := range []string{"e\u0301", "🇳🇴", "👩\u200d💻", "👍🏽", "\u202e", "각", "\u1100\u1161\u11a8"} {
		for pad := 0; pad < 12; pad++ {
			s := strings.Repeat("a", pad) + strings.Repeat(unit, 200)
			got, cut := LineN(s, 20)
			if !cut || !strings.HasSuffix(got, Mark) {
				t.Fatalf("LineN(%q…, 20) = %q, not shortened", unit, got)
			}
			body := strings.TrimSuffix(got, Mark)
			if !strings.HasPrefix(Visible(s), body) {
				t.Fatalf("LineN = %q is not a start of %q", body, Visible(s))
			}
			if len(body) > pad && (len(body)-pad)%len(Visible(unit)) != 0 {
				t.Errorf("LineN(%q × 200 after %d a) cut inside a cluster: %q", unit, pad, got)
			}
		}
	}
}

func TestNote(t *testing.T) {
	comment := strings.Repeat("Lars har fått ny adresse.\r\n", 40)
	got, cut := Note(comment)
	if !cut || strings.Count(got, "\n") >= NoteLines || strings.Contains(got, "\r") || !strings.HasSuffix(got, Mark) {
		t.Errorf("Note(40 lines): cut %v, %d lines: %q", cut, strings.Count(got, "\n")+1, got)
	}
	got, cut = Note(strings.Repeat("ø", 1500))
	if !cut || utf8.RuneCountInString(got) != NoteChars {
		t.Errorf("Note(1500 ø): %d characters, cut %v", utf8.RuneCountInString(got), cut)
	}
	if got, cut := Note("Two\nlines"); got != "Two\nlines" || cut {
		t.Errorf("Note(two lines) = %q, %v", got, cut)
	}
}

func TestCutBytes(t *testing.T) {
	s := strings.Repeat("e\u0301", 3000) // 3 bytes a cluster
	got, cut := CutBytes(s, 4000)
	if !cut || len(got) != 3999 || !utf8.ValidString(got) || strings.HasSuffix(got, "e") {
		t.Errorf("CutBytes: %d bytes, cut %v, ends %q", len(got), cut, got[len(got)-4:])
	}
}

func TestCutChars(t *testing.T) {
	if got := CutChars("ab[U+202E]cd", 5); got != "ab" {
		t.Errorf("CutChars split a written-out character: %q", got)
	}
	if got := CutChars("ab[U+202E]cd", 10); got != "ab[U+202E]" {
		t.Errorf("CutChars = %q", got)
	}
}

// FuzzShown: whatever the text, what is shown is valid UTF-8 without an
// invisible character, within its limits, and a shortened text is a start
// of the whole one, cut between clusters, with the mark.
func FuzzShown(f *testing.F) {
	for _, s := range []string{"", "Kari", "Adm\u202eexe.fdp", "e\u0301\u0301", "🇳🇴🇸", "a\r\nb", "\xff\xfe", strings.Repeat("Klaus\n", 30)} {
		f.Add(s, 20)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = 2 + abs(n)%200
		for _, fn := range []func(string) (string, bool){
			func(s string) (string, bool) { return LineN(s, n) }, Note,
		} {
			got, cut := fn(s)
			if !utf8.ValidString(got) {
				t.Fatalf("%q → invalid UTF-8 %q", s, got)
			}
			visibleRunes(got, 0, 0, func(r rune, out bool) {
				if out && r != '\n' {
					t.Fatalf("%q → %q holds U+%04X", s, got, r)
				}
			})
			if cut != strings.HasSuffix(got, Mark) && !strings.HasSuffix(s, Mark) {
				t.Fatalf("%q → %q: cut %v", s, got, cut)
			}
		}
		got, cut := LineN(s, n)
		if utf8.RuneCountInString(got) > n {
			t.Fatalf("LineN(%q, %d) = %q, longer than %d", s, n, got, n)
		}
		if strings.Contains(got, "\n") {
			t.Fatalf("LineN(%q) = %q has a line break", s, got)
		}
		_ = cut
		cb, _ := CutBytes(s, n)
		if !strings.HasPrefix(s, cb) || len(cb) > n {
			t.Fatalf("CutBytes(%q, %d) = %q", s, n, cb)
		}
		if rest := s[len(cb):]; rest != "" && cb != "" {
			// the cut is a cluster boundary: the cluster starting there
			// is the one FirstCluster finds walking from the start.
			at := 0
			for at < len(cb) {
				at += len(FirstCluster(s[at:]))
			}
			if at != len(cb) {
				t.Fatalf("CutBytes(%q, %d) cut inside a cluster", s, n)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func TestMarkedLen(t *testing.T) {
	for _, r := range []rune{0, 0x1b, 0xad, 0x202e, 0xfeff, 0xe0001, 0x10ffff, 0x10000, 0xffff} {
		if markedLen(r) != len(Marked(r)) {
			t.Errorf("markedLen(%U) = %d, want %d", r, markedLen(r), len(Marked(r)))
		}
	}
}

func TestMapWords(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"   ", "   "},
		{"a", "<a>"},
		{" ab  c\td\n", " <ab>  <c>\t<d>\n"},
		{"Anna\u00a0Berg x", "<Anna>\u00a0<Berg> <x>"}, // a no-break space is a space
	} {
		if got := MapWords(c.in, func(w string) string { return "<" + w + ">" }); got != c.want {
			t.Errorf("MapWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
