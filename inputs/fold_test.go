package inputs

import "testing"

func TestTransliterate(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Ola Nordmann", "ola nordmann"},
		{"Østerbro Søhne", "osterbro sohne"},
		{"Tove Ødegård", "tove odegard"},
		{"Tove O\u0308degard", "tove odegard"}, // ö written as o + combining diaeresis
		{"Müller & SÖHNE", "muller & sohne"},
		{"STRAẞE", "strasse"},
		{"Æble Œuvre", "aeble oeuvre"},
		{"Zoë Łukasz", "zoe lukasz"},
		{"José María", "jose maria"},
		{"田中 Taro", "田中 taro"},
		{"", ""},
	} {
		if got := Transliterate(tt.in); got != tt.want {
			t.Errorf("Transliterate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkTransliterate(b *testing.B) {
	for b.Loop() {
		Transliterate("Kari Nordmann")
		Transliterate("Tove Ødegård")
	}
}

// The table of single letters gives what the rule gives for whole strings.
func TestTransliterateTable(t *testing.T) {
	var all []rune
	for r := rune(0); r < 0x250; r++ {
		all = append(all, r)
	}
	for _, s := range []string{string(all), "Åse Bø-Ærø Ĳssel ǅemal Ǻ", "Müller\u0301x"} {
		if got, want := Transliterate(s), transliterate(s); got != want {
			t.Errorf("Transliterate(%q) = %q, the rule gives %q", s, got, want)
		}
	}
}
