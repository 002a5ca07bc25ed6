package templates

import (
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
	if got := l.T("report.fact.users_value", "total", 12000, "access", 3.5); got != "12,000 in the export, 3.5 can log in" {
		t.Errorf("T with args = %q", got)
	}
	// Values are inserted once, never re-expanded.
	if got := l.T("report.fact.users_value", "total", "{access}", "access", 1); !strings.HasPrefix(got, "{access} in") {
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
	literals := []string{"migready", "travel_users", "current_spf", "satellites =", "satellites=",
		"[mail]", "[mail.", "[onsite]", "[migration]", "mail_label", "keep_addresses", "spf_costs",
		"sentry_addons", "dictionary_tables", "first_version", "identity_provider", "[onsite.documents]",
		"blank_name", "missing_appointment", "unknown_user", "over_limit"}
	for _, code := range Supported {
		l := MustLoad(code)
		for _, k := range l.Keys() {
			if exempt(k) {
				continue
			}
			text := l.Raw(k)
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
