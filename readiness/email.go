package readiness

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

// ValidEmail reports whether s is a mailbox address a mail system will
// accept as a user's sign-in address. It follows RFC 5321/5322 as used in
// practice rather than the full grammar:
//   - exactly one "@"; quoted local parts, comments and domain literals
//     ("[192.0.2.1]") are rejected;
//   - the local part is 1–64 octets of RFC 5322 atext (letters, digits and
//     !#$%&'*+-/=?^_`{|}~), dots only between characters; letters and digits
//     outside ASCII are allowed (RFC 6531);
//   - the domain may be internationalised ("blåbær.no"): it is converted with
//     the IDNA Lookup profile (RFC 5891), and its ASCII form must have at
//     least two labels of 1–63 letters, digits or inner hyphens, at most 253
//     characters in all, and a top-level label of at least two letters (or
//     an "xn--" label).
//
// s is not trimmed: an address with spaces around it is not valid as is.
func ValidEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || strings.Contains(domain, "@") {
		return false
	}
	return validLocal(local) && validDomain(domain)
}

func validLocal(s string) bool {
	if s == "" || len(s) > 64 || !utf8.ValidString(s) {
		return false
	}
	if s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for _, r := range s {
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'):
		case r < 0x80 && strings.ContainsRune(".!#$%&'*+-/=?^_`{|}~", r):
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
		default:
			return false
		}
	}
	return true
}

func validDomain(s string) bool {
	ascii, ok := asciiDomain(s)
	if !ok || len(ascii) > 253 {
		return false
	}
	labels := strings.Split(ascii, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !validLabel(l) {
			return false
		}
	}
	tld := labels[len(labels)-1]
	if strings.HasPrefix(tld, "xn--") {
		return true
	}
	if len(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// asciiDomain returns the lower-case ASCII (punycode) form of a domain.
func asciiDomain(s string) (string, bool) {
	if s == "" || !utf8.ValidString(s) {
		return "", false
	}
	ascii, err := idna.Lookup.ToASCII(s)
	if err != nil {
		return "", false
	}
	return strings.ToLower(ascii), true
}

// validLabel reports whether s is an ASCII DNS host label (RFC 1123):
// 1–63 letters, digits and hyphens, no hyphen at either end.
func validLabel(s string) bool {
	if len(s) == 0 || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// emailKey is the form two addresses are compared in: trimmed, Unicode
// normalised (NFC) and case-folded, with the domain in its ASCII form when
// it has one, so that "Ola@Blåbær.no" and "ola@xn--blbr-roah.no" collide.
// Sign-in addresses are compared without regard to case, so the local part
// is folded too even though RFC 5321 leaves it case-sensitive.
func emailKey(s string) string {
	s = norm.NFC.String(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok {
		return foldString(s)
	}
	if ascii, ok := asciiDomain(domain); ok {
		domain = ascii
	} else {
		domain = foldString(domain)
	}
	return foldString(local) + "@" + domain
}

// foldString maps every rune to one lower-case representative of its
// Unicode simple case-folding orbit (the one strings.EqualFold uses), so
// that "K", "k" and the Kelvin sign "K" fold alike.
func foldString(s string) string {
	return strings.Map(func(r rune) rune {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		return unicode.ToLower(m)
	}, s)
}
