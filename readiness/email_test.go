package readiness

import (
	"strings"
	"testing"
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
		if ValidEmail(s) && (strings.Count(s, "@") != 1 || strings.ContainsAny(s, " \t\r\n")) {
			t.Errorf("ValidEmail(%q) = true", s)
		}
		_ = emailKey(s)
	})
}
