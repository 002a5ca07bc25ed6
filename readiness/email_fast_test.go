package readiness

import (
	"math/rand"
	"strings"
	"testing"

	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

// emailKeyIDNA is emailKey without its ASCII shortcut: the reference the
// shortcut must agree with.
func emailKeyIDNA(s string) string {
	s = norm.NFC.String(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok {
		return foldString(s)
	}
	if ascii, err := idna.Lookup.ToASCII(domain); err == nil && domain != "" {
		domain = strings.ToLower(ascii)
	} else {
		domain = foldString(domain)
	}
	return foldString(local) + "@" + domain
}

// TestASCIIShortcuts: plainDomain and emailKey's ASCII shortcut give what
// IDNA gives, on random ASCII domains made of the characters that matter.
func TestASCIIShortcuts(t *testing.T) {
	alpha := "aAbz-.xn--XN_0Z9 @-\x00~."
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		n := r.Intn(14)
		b := make([]byte, n)
		for j := range b {
			b[j] = alpha[r.Intn(len(alpha))]
		}
		s := string(b)
		if i%3 == 0 {
			s = "xn--" + s
		}
		p, ok := plainDomain(s)
		if ok {
			a, err := idna.Lookup.ToASCII(s)
			want := ""
			if err == nil {
				want = strings.ToLower(a)
			}
			if p != want {
				t.Fatalf("%q: plain %q idna %q %v", s, p, a, err)
			}
		}
		if valid, known := validPlainDomain(s); known && valid != validDomainIDNA(s) {
			t.Fatalf("%q: validPlainDomain %v, via IDNA %v", s, valid, !valid)
		}
		if k, o := emailKey("u@"+s), emailKeyIDNA("u@"+s); k != o {
			t.Fatalf("%q: key %q, via IDNA %q", s, k, o)
		}
	}
}
