package templates

import (
	"reflect"

	"github.com/migready/migready/inputs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLanguagesComplete fails when a language lacks a text English has, has
// one English lacks, or uses other {placeholders} than English.
func TestLanguagesComplete(t *testing.T) {
	en := MustLoad("en")
	placeholder := regexp.MustCompile(`\{[a-z_]+\}`)
	for _, code := range Supported[1:] {
		t.Run(code, func(t *testing.T) {
			if !Available(code) {
				t.Fatalf("templates/%s is missing", code)
			}
			l := MustLoad(code)
			for _, k := range en.Keys() {
				if !l.Has(k) {
					t.Errorf("%s lacks %q", code, k)
					continue
				}
				want := placeholder.FindAllString(en.Raw(k), -1)
				got := placeholder.FindAllString(l.Raw(k), -1)
				slices.Sort(want)
				slices.Sort(got)
				if !slices.Equal(slices.Compact(want), slices.Compact(got)) {
					t.Errorf("%s %q uses placeholders %v, English uses %v", code, k, got, want)
				}
			}
			for _, k := range l.Keys() {
				if !en.Has(k) {
					t.Errorf("%s has %q, which English lacks", code, k)
				}
			}
			for _, name := range l.TemplateNames() {
				if !slices.Contains(en.TemplateNames(), name) {
					t.Errorf("%s has template %s, which English lacks", code, name)
				}
			}
			if !slices.Contains(l.TemplateNames(), "glossary.md") {
				t.Errorf("%s has no glossary.md", code)
			}
		})
	}
}

func TestDateAndNumbers(t *testing.T) {
	d := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang, date, dec, big string
	}{
		{"en", "24 November 2026", "14.5", "50,000"},
		{"nb", "24. november 2026", "14,5", "50\u00a0000"},
		{"sv", "24 november 2026", "14,5", "50\u00a0000"},
		{"da", "24. november 2026", "14,5", "50.000"},
		{"de", "24. November 2026", "14,5", "50.000"},
		{"nl", "24 november 2026", "14,5", "50.000"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if !Available(tt.lang) {
				t.Skipf("no %s texts yet", tt.lang)
			}
			l := MustLoad(tt.lang)
			if got := l.Date(d); got != tt.date {
				t.Errorf("Date = %q, want %q", got, tt.date)
			}
			if got := l.Number(14.5, 1); got != tt.dec {
				t.Errorf("Number(14.5) = %q, want %q", got, tt.dec)
			}
			if got := l.Int(50000); got != tt.big {
				t.Errorf("Int(50000) = %q, want %q", got, tt.big)
			}
			if got := l.Int(1234); got != "1234" {
				t.Errorf("Int(1234) = %q, want 1234 (no grouping below 10 000)", got)
			}
		})
	}
}

func TestT(t *testing.T) {
	l := MustLoad("en")
	if got := l.T("no.such.key"); got != "!no.such.key!" {
		t.Errorf("missing key gives %q", got)
	}
	if got := l.T("report.fact.users_value.other", "total", 12000, "access", 3.5); got != "12,000 in the export, 3.5 can log in" {
		t.Errorf("T with args = %q", got)
	}
	// Values are inserted once, never re-expanded.
	if got := l.T("report.fact.users_value.other", "total", "{access}", "access", 1); !strings.HasPrefix(got, "{access} in") {
		t.Errorf("placeholder in a value was expanded: %q", got)
	}
	if _, err := Load("fr"); err == nil || !strings.Contains(err.Error(), "en, nb, sv, da, de, nl") {
		t.Errorf("Load(fr) error %v should list the supported languages", err)
	}
}

func TestHours(t *testing.T) {
	l := MustLoad("en")
	for _, tt := range []struct {
		h    float64
		want string
	}{{0, "0.5"}, {0.2, "0.5"}, {1.2, "1.5"}, {3, "3"}, {9.9, "10"}, {12.4, "12"}, {36.6, "37"}} {
		if got := l.Hours(tt.h); got != tt.want {
			t.Errorf("Hours(%v) = %q, want %q", tt.h, got, tt.want)
		}
	}
}

// The profile reader validates languages without importing this package;
// the two lists must agree.
func TestSupportedMatchesProfile(t *testing.T) {
	if !slices.Equal(Supported, inputs.Languages) {
		t.Errorf("templates.Supported %v != inputs.Languages %v", Supported, inputs.Languages)
	}
}

func TestPlural(t *testing.T) {
	l := MustLoad("en")
	for n, want := range map[int]string{1: "1 blocker to fix before the migration.", 3: "3 blockers to fix before the migration.", 0: "0 blockers to fix before the migration."} {
		if got := l.Plural("report.verdict.blockers", n); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}

// The pack speaks to the customer's SuperOffice administrator: it never asks
// them to run migready or to edit the profile, and names no profile keys.
// What only the consultant can do is phrased as telling the consultant.
// Exempt: the downtime assumptions table (it names the profile's keys on
// purpose), the init command's own comments, the consultant's portfolio,
// the console and texts addressed to the consultant.
func TestTextsNeverAskToRunMigready(t *testing.T) {
	exempt := func(key string) bool {
		for _, p := range []string{"downtime.assumption.", "downtime.unit.", "init.", "portfolio.", "console."} {
			if strings.HasPrefix(key, p) {
				return true
			}
		}
		return strings.Contains(key, "consultant")
	}
	// "profile" and its nb/sv/da/de/nl forms (profil, profilen, profiler,
	// Profils, profiel, profielen, …) as whole words, and compounds that name
	// the profile file; words such as "profilering" do not match.
	profile := regexp.MustCompile(`(?i)\b(profile|profiles|profi(e)?l(s|e|en|et|er|ene|erna|erne|ens|ets|fil\w*|datei\w*|bestand\w*)?)\b`)
	for _, w := range []string{"profile", "Profil", "profilen", "Profils", "profiel", "profielen", "profilfilen", "Profildatei"} {
		if !profile.MatchString("in the " + w + ".") {
			t.Errorf("the profile pattern misses %q", w)
		}
	}
	for _, w := range []string{"profilering", "profileren", "Benutzerprofil", "profitieren", "profit"} {
		if profile.MatchString("in the " + w + ".") {
			t.Errorf("the profile pattern matches the ordinary word %q", w)
		}
	}
	placeholder := regexp.MustCompile(`\{[a-z_]+\}`)
	literals := append([]string{"migready"}, profileKeys(reflect.TypeFor[inputs.Profile](), "")...)
	for _, code := range Supported {
		l := MustLoad(code)
		for _, k := range l.Keys() {
			if exempt(k) {
				continue
			}
			// Placeholders such as {low_factor} are filled in, never shown.
			text := placeholder.ReplaceAllString(l.Raw(k), "")
			lower := strings.ToLower(text)
			var bad []string
			if m := profile.FindString(text); m != "" {
				bad = append(bad, m)
			}
			for _, s := range literals {
				if strings.Contains(lower, s) {
					bad = append(bad, s)
				}
			}
			if len(bad) > 0 {
				t.Errorf("%s %s mentions %q: %q", code, k, bad, text)
			}
		}
	}
}

// profileKeys lists how a text would name a key of the profile: a section
// as "[onsite]" or "[mail.", a key as "key =" or "key=", and a key whose name
// is no ordinary word (it has an underscore) on its own. They come from the
// profile's own type, so a new key is covered the day it is added.
func profileKeys(t reflect.Type, section string) []string {
	var out []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			full := strings.TrimPrefix(section+"."+name, ".")
			out = append(out, "["+full+"]", "["+full+".")
			out = append(out, profileKeys(ft, full)...)
			continue
		}
		out = append(out, name+" =", name+"=")
		if strings.Contains(name, "_") {
			out = append(out, name)
		}
	}
	return out
}

// A number the tool counts ("1 users", "1 Benutzer können") must agree with
// its noun or verb, so a text that puts a count before a word needs the
// catalog's .one/.other forms (Lang.Plural) — unless that word does not
// change with the number ("{access} can log in", "{count} of at most 10").
// Counts that are never 1 are not listed: DNS lookups (SuperOffice's own
// include alone costs 2), TXT strings (a split record has at least 2), the
// limits and lengths (over 200), the PDF's row limit.
func TestCountsUsePluralForms(t *testing.T) {
	counts := regexp.MustCompile(`\{(count|total|access|unknown|left|before|resolved|new)\}\s+(\p{L}+)`)
	// Words that read the same after 1 and after 2, in the six languages.
	neutral := map[string]bool{
		"can": true, "of": true, "in": true, "it": true, "new": true, "more": true, // en
		"kan": true, "av": true, "i": true, "går": true, "gjenstår": true, "återstår": true, "er": true, "af": true, // nb, sv, da
		"mit": true, "von": true, "im": true, "bei": true, "nicht": true, "lässt": true, "neu": true, "weitere": true, // de
		"met": true, "van": true, "niet": true, "is": true, "over": true, "nieuw": true, // nl
	}
	for _, code := range Supported {
		l := MustLoad(code)
		for _, k := range l.Keys() {
			if strings.HasSuffix(k, ".one") || strings.HasSuffix(k, ".other") {
				continue
			}
			for _, m := range counts.FindAllStringSubmatch(l.Raw(k), -1) {
				if k == "finding.mailbox-clash.problem" && m[1] == "new" {
					continue // {new} is the mailbox's new address there
				}
				if !neutral[strings.ToLower(m[2])] {
					t.Errorf("%s %s: %q puts a count before %q without .one/.other forms", code, k, m[0], m[2])
				}
			}
		}
	}
	// The pattern must catch what it is for.
	for _, s := range []string{"{total} users in the export", "davon können sich {access} anmelden", "{count} problems still found"} {
		if m := counts.FindStringSubmatch(s); m == nil || neutral[strings.ToLower(m[2])] {
			t.Errorf("the count pattern misses %q", s)
		}
	}
}

// The pack uses SuperOffice's own words in each language (the glossaries and
// ../shared terms list): the admin must find on screen what the pack names.
// Each entry is a word a reader reported as wrong, with the word to use.
// The Windows administration client exists only up to 8.5 and only for
// Replication, Travel and Satellite, so only those texts may send the reader
// there; users, user plans and Can log in are in Settings and maintenance.
// The customer-facing texts keep one form of address per language.
func TestSuperOfficeTerms(t *testing.T) {
	word := func(w string) *regexp.Regexp { // w as a word of its own, not inside "e-postkasse"
		return regexp.MustCompile(`(?:^|[^\p{L}-])` + w)
	}
	wrong := map[string][]struct {
		bad *regexp.Regexp
		use string
	}{
		"en": {{word("(?i:customer service)"), "Service"}, {word("e-mail"), "email"}},
		"nb": {{word("(?i:postboks)"), "e-postkasse"}, {regexp.MustCompile(`\b[Dd]u\b`), "dere"}},
		"sv": {{word("(?i:postlåd)"), "e-postlåda"}, {word("SuperOffice Satellit "), "SuperOffice Satellite"}, {word("(?i:frysningsfönster)"), "frysperiod"},
			{word("(?i:kundtjänst)"), "Service"}, {regexp.MustCompile(`\b([Dd]u|[Dd]in|[Dd]itt|[Dd]ina)\b`), "ni, er"}},
		"da": {{word("(?i:logge ind)"), "logge på"}, {word("(?i:postkasse)"), "e-mail-konto"}, {word("(?i:kundeservice)"), "Service"},
			{regexp.MustCompile(`\b([Dd]u|[Dd]in|[Dd]it|[Dd]ine)\b`), "I, jeres"}},
		"de": {{word("Kann sich anmelden"), "Anmelden möglich"}, {word("(?i:kundenservice)"), "Service"}, {word("(?i:mandant)"), "Tenant"},
			{word("(?i:freeze)"), "Sperrzeitraum"}, {word("SuperOffice-Satellite-"), "Satellitendatenbank (SuperOffice Satellite)"}, {word("Herkunft"), "Quelldateien"},
			{regexp.MustCompile(`\b([Dd]u|[Dd]ein|[Dd]eine|[Dd]einen|[Dd]ir|[Dd]ich)\b`), "Sie, Ihr"}},
		"nl": {{word("Kan inloggen"), "Kan aanmelden"}, {word("(?i:klantenservice)"), "Service"}, {word("(?i:mailbox)"), "postbus"},
			{word("SuperOffice Satellite-"), "satellietdatabase (SuperOffice Satellite)"}, {word("vraagt (geen )?doorsturen"), "is … niet nodig"},
			{regexp.MustCompile(`\b([Jj]ij|[Jj]e|[Jj]ouw|[Jj]ullie)\b`), "u, uw"}},
	}
	// Spoken Danish "Hvis …, så fjern …"; "…, så I kan …" (so that) is fine.
	spokenIf := regexp.MustCompile(`(?i)\bhvis [^.;:\n]*, så (\p{L}+)`)
	soThat := map[string]bool{"i": true, "de": true, "den": true, "det": true, "der": true, "at": true, "snart": true}
	placeholder := regexp.MustCompile(`\{[a-z_]+\}`)
	windowsClient := regexp.MustCompile(`SuperOffice Admin|SOAdmin`)
	for _, code := range Supported {
		l := MustLoad(code)
		for _, k := range l.Keys() {
			// The consultant's own texts (init, portfolio, console) may say "du".
			if strings.HasPrefix(k, "init.") || strings.HasPrefix(k, "portfolio.") || strings.HasPrefix(k, "console.") {
				continue
			}
			text := placeholder.ReplaceAllString(l.Raw(k), "")
			for _, w := range wrong[code] {
				// The mailbox at the customer's mail provider is a mailbox.
				if k == "pack.mail.forward_steps" && w.use != "Service" && !strings.Contains(w.use, ",") {
					continue
				}
				if m := w.bad.FindString(text); m != "" {
					t.Errorf("%s %s says %q; write %s: %q", code, k, strings.TrimSpace(m), w.use, text)
				}
			}
			if m := spokenIf.FindStringSubmatch(text); code == "da" && m != nil && !soThat[strings.ToLower(m[1])] {
				t.Errorf("da %s says %q, as spoken; write the condition first (»Skal …, fjerner I …«): %q", k, m[0], text)
			}
			// Before version 8 users and licences are in SOAdmin (the
			// [soadmin.…] texts), from 8 in Settings and maintenance.
			travelOrSatellite := strings.Contains(k, "travel") || strings.Contains(k, "satellite")
			if !travelOrSatellite && !strings.HasPrefix(k, "soadmin.") && windowsClient.MatchString(text) {
				t.Errorf("%s %s sends the reader to the Windows administration client; users, user plans and Can log in are in Settings and maintenance: %q", code, k, text)
			}
		}
	}
}
