package readiness

import (
	"strings"
	"testing"

	"github.com/migready/migready/readiness/assessment"
)

func TestValidEmail(t *testing.T) {
	good := []string{
		"ola@fjordkraft.no",
		"ola.nordmann@fjordkraft.no",
		"Ola.Nordmann@Fjordkraft.NO",
		"ola+crm@sub.fjordkraft.no",
		"o'brien@example.ie",
		"ola@blåbær.no",        // IDN domain
		"ola@xn--blbr-roah.no", // the same, as punycode
		"ørjan@firma.no",       // RFC 6531 local part
		"a@b.co",
		"x@my-company.de",
		"x@1stcompany.com",
		strings.Repeat("a", 64) + "@x.no",
		"a@" + strings.Repeat("b", 63) + ".no",
		"a@example.xn--p1ai",
	}
	bad := []string{
		"",
		"ola",
		"a@b.c",   // one-letter TLD
		"a@@b.no", // two @
		"a@b@c.no",
		"a b@c.no", // space
		" a@b.no",  // untrimmed
		"a@b",      // no dot
		"a@-b.no",  // hyphen at start of label
		"a@b-.no",
		"a@b.123", // numeric TLD
		"a@b..no",
		"a@.b.no",
		"a@b.no.",
		"@b.no",
		"a@",
		".a@b.no",
		"a.@b.no",
		"a..b@c.no",
		`"a b"@c.no`, // quoted local parts are rejected
		"a(comment)@b.no",
		"a@[192.0.2.1]",
		"a,b@c.no",
		strings.Repeat("a", 65) + "@x.no",
		"a@" + strings.Repeat("b", 64) + ".no",
		"a@" + strings.Repeat(strings.Repeat("b", 60)+".", 5) + "no", // > 253
		"a@b_c.no",
		"ola@fjordkraft.n0",
		// Invisible and format characters, which IDNA would drop from a
		// domain without a word.
		"ola\u200b@fjordkraft.no", // zero-width space
		"ola@fjord\u200bkraft.no", // … in the domain
		"ola@fjord\u00adkraft.no", // soft hyphen
		"ola@fjordkraft\u200d.no", // zero-width joiner
		"o\u200cla@fjordkraft.no", // zero-width non-joiner
		"ola@fjordkraft.no\u200e", // left-to-right mark
		"\ufeffola@fjordkraft.no", // BOM / zero-width no-break space
		"ola@fjordkraft.no\u2060", // word joiner
		"ola@blåbær\ufe0f.no",     // variation selector
		"ola@fjord\u034fkraft.no", // combining grapheme joiner
		"ola\u00a0@fjordkraft.no", // no-break space
		"ola@fjordkraft.no\u3164", // Hangul filler
		"ola@fjordkraft\ue000.no", // private use
		"ola@fjord\x7fkraft.no",   // DEL
		"ola@fjordkraft.no\ufffd", // replacement character
	}
	// One EmailChecker over all of them, in turn, remembering domains.
	var c EmailChecker
	for _, list := range [][]string{good, bad, good, append(bad, good...)} {
		for i, s := range list {
			if got := c.Valid(s); got != ValidEmail(s) {
				t.Errorf("EmailChecker.Valid(%q) = %v after %q", s, got, list[max(0, i-1)])
			}
		}
	}
	for _, s := range good {
		t.Run("good/"+s, func(t *testing.T) {
			if !ValidEmail(s) {
				t.Errorf("ValidEmail(%q) = false", s)
			}
		})
	}
	for _, s := range bad {
		t.Run("bad/"+s, func(t *testing.T) {
			if ValidEmail(s) {
				t.Errorf("ValidEmail(%q) = true", s)
			}
		})
	}
}

func TestVisibleText(t *testing.T) {
	for in, want := range map[string]string{
		"ola@fjordkraft.no":         "ola@fjordkraft.no",
		"ola@blåbær.no":             "ola@blåbær.no",
		"ørjan@firma.no":            "ørjan@firma.no",
		"ola\u200b@fjordkraft.no":   "ola[U+200B]@fjordkraft.no",
		"ola@fjord\u00adkraft.no":   "ola@fjord[U+00AD]kraft.no",
		"a b@c.no":                  "a b@c.no",
		"a\u00a0b@c.no\u200e\u200f": "a[U+00A0]b@c.no[U+200E][U+200F]",
		"\ufeffola@x.no\t":          "[U+FEFF]ola@x.no[U+0009]",
		"ola@x.no\U000E0001":        "ola@x.no[U+E0001]",
	} {
		if got := VisibleText(in); got != want {
			t.Errorf("VisibleText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMalformedEmailShowsInvisible: the finding for an address with a
// zero-width space in it shows the character, not an address that looks
// fine.
func TestMalformedEmailShowsInvisible(t *testing.T) {
	l := goodUsers()
	l.Users[1].Email = "ola\u200b@fjordkraft.no"
	a := assess(profile(), l)
	found := false
	for _, c := range a.Checks {
		for _, f := range c.Findings {
			if c.ID == assessment.CheckValidEmails && f.Row == l.Users[1].Row {
				found = true
				if f.Email != "ola[U+200B]@fjordkraft.no" || f.Kind != "email-malformed" {
					t.Errorf("finding %+v", f)
				}
			}
		}
	}
	if !found {
		t.Error("no valid-emails finding for the address with a zero-width space")
	}
}

func TestEmailKey(t *testing.T) {
	same := [][2]string{
		{"Ola@Fjordkraft.no", " ola@fjordkraft.NO "},
		{"ØYVIND@x.no", "øyvind@x.no"},
		{"ola@Blåbær.no", "ola@xn--blbr-roah.no"},
		{"ka\u030ari@x.no", "kåri@x.no"}, // decomposed å
	}
	for _, p := range same {
		if emailKey(p[0]) != emailKey(p[1]) {
			t.Errorf("%q and %q differ: %q %q", p[0], p[1], emailKey(p[0]), emailKey(p[1]))
		}
	}
	if emailKey("a@x.no") == emailKey("b@x.no") || emailKey("  ") != "" {
		t.Error("emailKey too loose")
	}
}

func FuzzValidEmail(f *testing.F) {
	for _, s := range []string{"ola@blåbær.no", "a@b.c", "a@@b.no", `"x"@y.no`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidEmail(s) && (strings.Count(s, "@") != 1 || strings.IndexFunc(s, invisible) >= 0) {
			t.Errorf("ValidEmail(%q) = true", s)
		}
		_ = emailKey(s)
		if v := VisibleText(s); strings.IndexFunc(v, func(r rune) bool { return r != ' ' && invisible(r) }) >= 0 {
			t.Errorf("VisibleText(%q) = %q still has invisible characters", s, v)
		}
	})
}
