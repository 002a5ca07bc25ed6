package readiness

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"github.com/migready/migready/inputs/shown"
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
// Nor is one with an invisible or format character anywhere (a zero-width
// space, a soft hyphen, a direction mark…): IDNA would quietly drop some of
// those from the domain, but the address as written is not the one a mail
// system delivers to, and nobody can see why. VisibleText shows them.
func ValidEmail(s string) bool {
	var c EmailChecker
	return c.Valid(s)
}

// EmailChecker is ValidEmail that remembers the last domain it judged: the
// users of an export share one or two domains, and a domain takes longer
// to check than the rest of an address. The zero value is ready to use; it
// is not safe for concurrent use.
type EmailChecker struct {
	domain string
	valid  bool
}

// Valid is ValidEmail(s).
func (c *EmailChecker) Valid(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || strings.Contains(domain, "@") || hasInvisible(s) {
		return false
	}
	if !validLocal(local) {
		return false
	}
	if domain != c.domain || domain == "" {
		c.domain, c.valid = domain, validDomain(domain)
	}
	return c.valid
}

func hasInvisible(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			return strings.IndexFunc(s[i:], invisible) >= 0
		} else if c <= ' ' || c == 0x7F {
			return true
		}
	}
	return false
}

// invisible reports whether r is a character a reader cannot see
// (shown.Invisible).
func invisible(r rune) bool { return shown.Invisible(r) }

// VisibleText returns s with every invisible character (see ValidEmail)
// other than the plain space written out as [U+200B], so that a finding
// shows why an address that looks right is not (shown.Visible).
func VisibleText(s string) string { return shown.Visible(s) }

// atext are the ASCII characters of an unquoted local part (RFC 5322
// atext, and the dot).
var atext = func() (t [utf8.RuneSelf]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range ".!#$%&'*+-/=?^_`{|}~" {
		t[c] = true
	}
	return t
}()

func validLocal(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	if s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return validLocalRunes(s[i:])
		}
		if !atext[c] {
			return false
		}
	}
	return true
}

// validLocalRunes checks the rest of a local part that has characters
// outside ASCII: letters and digits of any script are allowed (RFC 6531).
func validLocalRunes(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && atext[r]:
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
		default:
			return false
		}
	}
	return true
}

func validDomain(s string) bool {
	if valid, known := validPlainDomain(s); known {
		return valid
	}
	return validDomainIDNA(s)
}

// validDomainIDNA is validDomain for any domain, through IDNA.
func validDomainIDNA(s string) bool {
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
	if plain, ok := plainDomain(s); ok {
		return plain, plain != ""
	}
	ascii, err := idna.Lookup.ToASCII(s)
	if err != nil {
		return "", false
	}
	return strings.ToLower(ascii), true
}

// plainDomain is asciiDomain for a domain written in ASCII without
// punycode labels, which is nearly every domain, without the cost of IDNA
// (ok false: not such a domain, ask IDNA). For such a domain the IDNA
// Lookup profile only lower-cases, and refuses characters other than
// letters, digits, hyphens and dots (STD3 rules), hyphens at either end of
// a label, and "--" in the third and fourth place (RFC 5891 4.2.3.1);
// plain is "" when it refuses.
func plainDomain(s string) (plain string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return "", false
		}
	}
	lower := strings.ToLower(s)
	for label := range strings.SplitSeq(lower, ".") {
		if strings.HasPrefix(label, "xn--") {
			return "", false
		}
		if label == "" {
			continue
		}
		if label[0] == '-' || label[len(label)-1] == '-' || len(label) > 4 && label[2] == '-' && label[3] == '-' {
			return "", true
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return "", true
			}
		}
	}
	return lower, true
}

// validPlainDomain is validDomain for an ASCII domain without punycode
// labels, in one pass and without allocating: it runs for every user of a
// large export. known is false for other domains.
func validPlainDomain(s string) (valid, known bool) {
	if len(s) > 253 {
		for i := 0; i < len(s); i++ {
			if s[i] >= utf8.RuneSelf {
				return false, false
			}
		}
		return false, !containsFoldASCII(s, "xn--")
	}
	labels, start := 0, 0
	valid = true
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= utf8.RuneSelf {
			return false, false
		}
		if i < len(s) && s[i] != '.' {
			continue
		}
		label := s[start:i]
		start = i + 1
		labels++
		if len(label) >= 4 && (label[0]|0x20) == 'x' && (label[1]|0x20) == 'n' && label[2] == '-' && label[3] == '-' {
			return false, false
		}
		if !validLabel(label) || len(label) > 4 && label[2] == '-' && label[3] == '-' {
			valid = false
			continue
		}
		if i == len(s) { // the top-level label: letters only, at least two
			if len(label) < 2 {
				valid = false
			}
			for j := 0; j < len(label); j++ {
				if c := label[j] | 0x20; c < 'a' || c > 'z' {
					valid = false
				}
			}
		}
	}
	return valid && labels >= 2, true
}

// containsFoldASCII reports whether s contains sub, ignoring ASCII case; sub
// is lower-case ASCII.
func containsFoldASCII(s, sub string) bool {
outer:
	for i := 0; i+len(sub) <= len(s); i++ {
		for j := 0; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				continue outer
			}
		}
		return true
	}
	return false
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
	s = strings.TrimSpace(s)
	// Folding, NFC and IDNA all come down to lower case for ASCII without
	// punycode labels (see plainDomain): one pass tells.
	ascii, upper, puny := true, false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			ascii = false
		case 'A' <= c && c <= 'Z':
			upper = true
		case c == '-' && i >= 3 && s[i-1] == '-' && s[i-2]|0x20 == 'n' && s[i-3]|0x20 == 'x':
			puny = true // "xn--"
		}
	}
	if ascii && !puny {
		if upper {
			return strings.ToLower(s)
		}
		return s
	}
	s = norm.NFC.String(s)
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
	if isASCII(s) {
		// Each ASCII letter's orbit has its upper-case ASCII letter as
		// smallest member, so the rule below comes down to lower case.
		return strings.ToLower(s)
	}
	return strings.Map(func(r rune) rune {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		return unicode.ToLower(m)
	}, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
