package templates_test

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// These tests read the profile's type, so they sit outside the package:
// inputs imports templates for the list of languages.

// The pack speaks to the customer's SuperOffice administrator: it never asks
// them to run migready or to edit the profile, and names no profile keys.
// What only the consultant can do is phrased as telling the consultant.
// Exempt: the downtime assumptions table (it names the profile's keys on
// purpose), the init command's own comments, the consultant's portfolio,
// the console, the page for the sales representative (serve) and texts
// addressed to the consultant.
func TestTextsNeverAskToRunMigready(t *testing.T) {
	exempt := func(key string) bool {
		for _, p := range []string{"downtime.assumption.", "downtime.unit.", "init.", "portfolio.", "console.", "serve."} {
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
	for _, code := range templates.Supported {
		l := templates.MustLoad(code)
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
