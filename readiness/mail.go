package readiness

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

// DefaultServiceDomain is the mail domain SuperOffice gives new Online
// customers, under which each gets <company>.suocrm.eu. Some older
// customers have suocrm.com: set [mail] service_domain for them.
const DefaultServiceDomain = "suocrm.eu"

// fallbackLabel is used when a company name has no letters or digits left
// after transliteration (a name in Hebrew, Arabic or Chinese, say).
const fallbackLabel = "company"

// transliterate writes a company's name in lower-case ASCII where it can,
// for a mail label or a file name: by the one rule the tool has for
// letters (inputs.Transliterate), and Greek and Cyrillic letters, which
// that rule keeps, in Latin letters (romanLetters). German customers who
// prefer "mueller" over "muller" set [customer] mail_label.
func transliterate(s string) string {
	t := inputs.Transliterate(s)
	i := strings.IndexFunc(t, func(r rune) bool { _, ok := romanLetters[r]; return ok })
	if i < 0 {
		return t
	}
	var b strings.Builder
	b.WriteString(t[:i])
	for _, r := range t[i:] {
		if l, ok := romanLetters[r]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// legalSuffixes are company forms dropped from the end of a name for the
// mail label, compared with their punctuation removed ("A/S" → "as",
// "B.V." → "bv", "AB (publ)" → "ab", "publ").
var legalSuffixes = map[string]bool{
	"as": true, "asa": true, "ab": true, "publ": true, "aps": true, "is": true,
	"ks": true, "ps": true, "amba": true, "da": true, "ans": true, "oy": true,
	"oyj": true, "gmbh": true, "mbh": true, "ag": true, "kg": true, "ug": true,
	"co": true, "se": true, "bv": true, "nv": true, "vof": true, "ltd": true,
	"limited": true, "llc": true, "inc": true, "corp": true, "plc": true, "sa": true,
	// Greek and Cyrillic forms, as transliterated (romanLetters): ΑΕ, ΕΠΕ,
	// ΙΚΕ; ООО, ЗАО, ОАО, ПАО, АО, ТОВ.
	"ae": true, "epe": true, "ike": true, "ooo": true, "zao": true, "oao": true, "pao": true, "ao": true, "tov": true,
}

func asciiAlnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// legalPrefixes are company forms written before the name, as Russian and
// Ukrainian ones are (ООО «Ромашка»), as transliterated, dropped from its
// start for the mail label.
var legalPrefixes = map[string]bool{"ooo": true, "zao": true, "oao": true, "pao": true, "tov": true}

// MailLabel derives the <company> part of the customer's Online mail domain
// (<company>.suocrm.eu) from the company name. SuperOffice says only that
// it is "based on the company name", so this is a documented guess that
// [customer] mail_label overrides:
//   - letters are transliterated to ASCII (see transliterate) and lower-cased;
//   - legal forms at the end of the name are dropped as whole words, as
//     often as they occur ("GmbH & Co. KG"), and the Russian and Ukrainian
//     ones at its start ("ООО");
//   - everything but a–z and 0–9 is removed, words are joined without a
//     separator ("Bølgen & Moi ASA" → "bolgenmoi"), matching SuperOffice's
//     examples such as company.suocrm.eu;
//   - the result is cut to 63 characters (a DNS label's limit) and is never
//     empty ("company").
func MailLabel(company string) string {
	words := strings.FieldsFunc(transliterate(company), func(r rune) bool {
		return unicode.IsSpace(r) || r == ','
	})
	for len(words) > 1 {
		last := asciiAlnum(words[len(words)-1])
		if last != "" && !legalSuffixes[last] {
			break
		}
		words = words[:len(words)-1]
	}
	for len(words) > 1 && legalPrefixes[asciiAlnum(words[0])] {
		words = words[1:]
	}
	label := asciiAlnum(strings.Join(words, ""))
	if len(label) > 63 {
		label = label[:63]
	}
	if label == "" {
		return fallbackLabel
	}
	return label
}

// Slug makes a file-name part from the customer's name: transliterated
// like MailLabel, lower case, words joined by dashes, legal form kept
// ("Fjordkraft AS" → "fjordkraft-as"), at most 64 characters, never empty.
// Greek and Cyrillic letters are written in Latin letters too
// (romanLetters: "ООО Ромашка" → "ooo-romashka"), as a file name is read
// by people and programs that expect ASCII. A name
// with letters of no script it can write so (Hebrew, Arabic, Chinese…)
// gives "customer-" and eight hex digits of a hash of the name, so that
// two such customers of one batch do not share their files' names; a name
// without letters or digits gives "customer".
func Slug(name string) string {
	var b strings.Builder
	dash, foreign := false, false
	word := func(s string) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(s)
	}
	for _, r := range transliterate(name) {
		if r == '.' || r == '\'' || r == '’' {
			// "B.V.", "O'Brien": punctuation inside a word does not split it.
			continue
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			word(string(r))
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			foreign = true
		}
		dash = true
	}
	s := b.String()
	if len(s) > 64 {
		s = strings.TrimRight(s[:64], "-")
	}
	switch {
	case s != "":
		return s
	case foreign:
		h := fnv.New32a()
		h.Write([]byte(strings.TrimSpace(name)))
		return fmt.Sprintf("customer-%08x", h.Sum32())
	}
	return "customer"
}

// romanLetters writes the lower-case Greek and Cyrillic letters in Latin
// letters for mail labels and file names: Greek by ELOT 743, Cyrillic by the rule of
// passports (ICAO 9303), both without their rarer digraph rules. Accents
// are gone before (transliterate decomposes them).
var romanLetters = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th",
	'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p",
	'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "ie", 'ы': "y", 'ь': "", 'э': "e", 'ю': "iu",
	'я': "ia", 'і': "i", 'ї': "i", 'є': "ie", 'ґ': "g", 'ў': "u", 'ј': "j", 'љ': "lj",
	'њ': "nj", 'ћ': "c", 'ђ': "dj", 'џ': "dz", 'ѕ': "dz",
}

// mailPlan is what the profile says of Customer Service mail.
func (a *assessor) mailPlan() assessment.Mail {
	m := a.p.Mail
	var out assessment.Mail
	switch {
	case m == nil || m.Mailboxes == nil:
		return assessment.Mail{Choice: assessment.MailUnknown}
	case m.NoMailboxes():
		out.Choice = assessment.MailNone
	case !m.KeepAddressesGiven:
		out.Choice = assessment.MailUndecided
	case m.KeepAddresses:
		out.Choice = assessment.MailKeep
	default:
		out.Choice = assessment.MailNew
	}
	out.Domain = strings.TrimSpace(m.Domain)
	out.CurrentSPFGiven = m.CurrentSPFGiven
	if out.Choice != assessment.MailNone {
		out.MailDomain = a.mailLabel() + "." + serviceDomain(m)
	}
	return out
}

// mailLabel is the <company> part of the Online mail domain: the profile's
// mail_label (validated by inputs), else one made from the company name.
func (a *assessor) mailLabel() string {
	if label := strings.ToLower(strings.TrimSpace(a.p.Customer.MailLabel)); label != "" {
		return label
	}
	return MailLabel(a.p.Customer.Name)
}

func serviceDomain(m *inputs.Mail) string {
	if s := strings.Trim(strings.ToLower(strings.TrimSpace(m.ServiceDomain)), "."); s != "" {
		return s
	}
	return DefaultServiceDomain
}

// mailboxes works out the new address of each Customer Service mailbox.
func (a *assessor) mailboxes() ([]assessment.Mailbox, assessment.Check) {
	const id = assessment.CheckMailboxes
	m := a.p.Mail
	switch {
	case m == nil || m.Mailboxes == nil:
		return []assessment.Mailbox{}, a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown"), nil)
	case m.NoMailboxes():
		return []assessment.Mailbox{}, a.newCheck(id, assessment.Pass, a.l.T("check."+id+".none"), nil)
	}
	var fs []assessment.Finding
	mailDomain := a.mailLabel() + "." + serviceDomain(m)
	own, _ := asciiDomain(strings.TrimSpace(m.Domain))

	boxes := []assessment.Mailbox{}
	firstByNew := map[string]string{}
	for _, cur := range m.Mailboxes {
		cur = strings.TrimSpace(cur)
		if cur == "" {
			continue
		}
		if !ValidEmail(cur) {
			fs = append(fs, a.itemFinding(cur, "mailbox-malformed", "mailbox", cur))
			continue
		}
		local, domain, _ := strings.Cut(cur, "@")
		newAddr := strings.ToLower(local) + "@" + mailDomain
		if d, _ := asciiDomain(domain); own != "" && d != own {
			fs = append(fs, a.itemFinding(cur, "mailbox-foreign", "mailbox", cur, "domain", m.Domain))
		}
		if prev, ok := firstByNew[newAddr]; ok {
			fs = append(fs, a.itemFinding(cur, "mailbox-clash", "mailbox", cur, "other", prev, "new", newAddr))
		} else {
			firstByNew[newAddr] = cur
		}
		boxes = append(boxes, assessment.Mailbox{Current: cur, New: newAddr, Forward: m.KeepAddresses})
	}

	var summary assessment.Text
	switch {
	case len(boxes) == 0:
		summary = a.l.T("check."+id+".empty", "maildomain", mailDomain)
	case m.KeepAddresses:
		summary = a.plural("check."+id+".keep", len(boxes), "maildomain", mailDomain)
	default:
		summary = a.plural("check."+id+".new", len(boxes), "maildomain", mailDomain)
	}
	st := assessment.Pass
	if len(fs) > 0 {
		st = assessment.Warn
		// The line says why it needs attention: the sentence above reads
		// the same as a pass's.
		checked := map[string]bool{}
		for _, f := range fs {
			checked[f.Key] = true
		}
		summary = a.plural("check."+id+".to-check", len(checked), "summary", summary)
	}
	return boxes, a.newCheck(id, st, summary, fs)
}
