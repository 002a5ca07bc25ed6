package templates

import (
	"regexp"
	"strings"
	"testing"
)

// A finding's problem and action are read in the pack, but also in the
// ticket and the workbook, where no record or table stands above or below
// them: they name what they mean ("the new SPF record"), not where it is
// ("the record above").
func TestFindingsSayNothingAboveOrBelow(t *testing.T) {
	where := map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`(?i)\b(above|below)\b`),
		"nb": regexp.MustCompile(`(?i)\b(ovenfor|nedenfor)\b`),
		"sv": regexp.MustCompile(`(?i)\b(ovan|nedan|ovanför|nedanför)\b`),
		"da": regexp.MustCompile(`(?i)\b(ovenfor|nedenfor)\b`),
		"de": regexp.MustCompile(`(?i)\b(oben|unten|obige[nmrs]?|untenstehende[nmrs]?)\b`),
		"nl": regexp.MustCompile(`(?i)\b(hierboven|hieronder|bovenstaande?)\b`),
	}
	for _, code := range Supported {
		l := MustLoad(code)
		for _, k := range l.Keys() {
			plain := k
			for _, v := range Variants {
				plain = strings.TrimPrefix(plain, v+".")
			}
			if !strings.HasPrefix(plain, "finding.") {
				continue
			}
			if m := where[code].FindString(l.Raw(k)); m != "" {
				t.Errorf("%s %s points %q, but it is also read in the ticket and the workbook: %q", code, k, m, l.Raw(k))
			}
		}
	}
}

// Each language's glossary: the pack speaks to the customer's administrator
// in the language's form of address, never of "the customer". The sign-off
// is where a translation slips into the third person.
func TestSignOffSpeaksToTheReader(t *testing.T) {
	customer := map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`(?i)\bthe customer\b`),
		"nb": regexp.MustCompile(`(?i)\bkunden\b`),
		"sv": regexp.MustCompile(`(?i)\bkunden\b`),
		"da": regexp.MustCompile(`(?i)\bkunden\b`),
		"de": regexp.MustCompile(`(?i)\b(der|den|dem|des) Kunden?\b`),
		"nl": regexp.MustCompile(`(?i)\bde klant\b`),
	}
	for _, code := range Supported {
		l := MustLoad(code)
		for _, k := range l.Keys() {
			if !strings.HasPrefix(k, "pack.sign.intro") && !strings.HasPrefix(k, "pack.next.sign") {
				continue
			}
			if m := customer[code].FindString(l.Raw(k)); m != "" {
				t.Errorf("%s %s says %q; the pack speaks to its reader (glossary.md, form of address): %q", code, k, m, l.Raw(k))
			}
		}
	}
}

// Dutch SuperOffice says "Kan aanmelden" and "zich aanmelden"; "inloggen"
// beside it reads as two things (the pre-8 texts had it).
func TestDutchSignsInWithAanmelden(t *testing.T) {
	l := MustLoad("nl")
	inloggen := regexp.MustCompile(`(?i)\binlog`)
	for _, k := range l.Keys() {
		if strings.HasPrefix(k, "init.") || strings.HasPrefix(k, "console.") {
			continue
		}
		if m := inloggen.FindString(l.Raw(k)); m != "" {
			t.Errorf("nl %s says %q; write (zich) aanmelden: %q", k, m, l.Raw(k))
		}
	}
}

// Quoted values (a version, an address, an SPF term, an add-on's name) are
// in the language's own quotation marks (its finding.ref.quoted): straight
// typewriter quotes only in English, and where a text shows what to type
// in a profile, whose syntax needs them.
func TestQuotesInTheLanguagesMarks(t *testing.T) {
	syntax := map[string]bool{"init.identity_provider": true, "serve.problem.kind.list": true, "serve.problem.kind.quotes": true}
	for _, code := range Supported {
		if code == "en" {
			continue
		}
		l := MustLoad(code)
		if strings.Contains(l.Raw("finding.ref.quoted"), `"`) {
			t.Errorf("%s finding.ref.quoted uses straight quotes: %q", code, l.Raw("finding.ref.quoted"))
		}
		for _, k := range l.Keys() {
			if !syntax[k] && strings.Contains(l.Raw(k), `"`) {
				t.Errorf("%s %s quotes with typewriter quotes, not %s: %q", code, k, l.Raw("finding.ref.quoted"), l.Raw(k))
			}
		}
	}
}

// Dutch says "het (gebruikers-)ID", as the pack does everywhere but where
// one sentence had "Controleer de gebruikers-ID … het juiste
// gebruikers-ID": an article that changes within a sentence reads as two
// things.
func TestDutchIDIsNeuter(t *testing.T) {
	l := MustLoad("nl")
	common := regexp.MustCompile(`(?i)\b(de|die|deze)\s+([\pL]+-)?ID\b`)
	for _, k := range l.Keys() {
		if m := common.FindString(l.Raw(k)); m != "" {
			t.Errorf("nl %s says %q; write het (gebruikers-)ID: %q", k, m, l.Raw(k))
		}
	}
}
