package serve

import (
	"archive/zip"
	"bytes"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

func TestParseNumber(t *testing.T) {
	for _, tt := range []struct {
		in   string
		unit string
		want float64
		ok   bool
	}{
		{"14.5", "GB", 14.5, true},
		{"14,5", "GB", 14.5, true},
		{" 14,5 GB ", "GB", 14.5, true},
		{"14,5gb", "GB", 14.5, true},
		{"1 200", "", 1200, true},
		{"1\u00a0200,5", "", 1200.5, true},
		{"120", "", 120, true},
		{"\u22121", "", -1, true},
		{"1.200,5", "", 0, false}, // a point and a comma: refused, not guessed
		{"1,200.5", "", 0, false},
		{"fjorten", "", 0, false},
		{"14 GB", "Mbit/s", 0, false},
		{"1e3", "", 0, false},
		{"0x10", "", 0, false},
		{"Inf", "", 0, false},
		{"", "", 0, false},
	} {
		got, ok := parseNumber(tt.in, tt.unit)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseNumber(%q, %q) = %v, %v; want %v, %v", tt.in, tt.unit, got, ok, tt.want, tt.ok)
		}
	}
}

// TestProfileRoundTrip: every example's profile, loaded into the form and
// posted back as a browser posts the form, is the same profile: the page
// saves what it was given, in the page's language's decimals too.
func TestProfileRoundTrip(t *testing.T) {
	profiles, _ := filepath.Glob("../../../../examples/*/profile.toml")
	if len(profiles) < 5 {
		t.Fatalf("%d example profiles", len(profiles))
	}
	for _, path := range profiles {
		for _, code := range []string{"en", "nb"} {
			name := filepath.Base(filepath.Dir(path)) + "/" + code
			data := readExample(t, filepath.Base(filepath.Dir(path))+"/profile.toml")
			want, err := inputs.ParseProfile(ProfileName, data)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			raw, err := inputs.ProfileValues(ProfileName, data)
			if err != nil {
				t.Fatal(err)
			}
			l := templates.MustLoad(code)
			values, states := formValues(raw, decimalSign(l))
			a := readAnswers(browserPost(values, states))
			// The files come from the uploads, by the names the profile gives.
			for _, k := range []string{"users", "brand.logo"} {
				if v, ok := values[k]; ok {
					a[k] = answer{State: stateGiven, Value: v}
				}
			}
			text := profileText(l, a, nil)
			got, err := inputs.ParseProfile(ProfileName, text)
			if err != nil {
				t.Errorf("%s: the saved profile: %v\n%s", name, err, text)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: saved from the form\n%+v\nwant\n%+v", name, got, want)
			}
		}
	}
}

// browserPost is what a browser posts of the form filled with values and
// states: every text field (empty ones too), the chosen radio button of
// each question, and a question's field only when it is not disabled.
func browserPost(values, states map[string]string) func(string) (string, bool) {
	post := map[string]string{}
	for _, f := range fields {
		v := values[f.Path]
		switch f.Kind {
		case kindFile:
			continue
		case kindYesNo:
			post[f.Path] = v
		case kindList, kindChoice, kindCount:
			state := states[f.Path]
			if state == "" {
				state = stateUnknown
			}
			post["answer."+f.Path] = state
			post[f.Path] = v
		default:
			post[f.Path] = v
		}
	}
	return func(name string) (string, bool) { v, ok := post[name]; return v, ok }
}

// TestScriptPost: a script that posts only some fields, without the
// answer radio buttons, is read as a profile is: a list or a choice sent
// empty is "none", any other field sent empty or not sent is not given.
func TestScriptPost(t *testing.T) {
	post := map[string]string{"onsite.travel_users": "", "mail.current_spf": "", "onsite.customizations": "CRMScript\n\n  web panel ",
		"onsite.satellites": "", "customer.tenant": "", "mail.keep_addresses": "true", "onsite.database_gb": "14,5"}
	a := readAnswers(func(name string) (string, bool) { v, ok := post[name]; return v, ok })
	set := a.profileValues()
	for path, want := range map[string]string{"onsite.travel_users": "[]", "mail.current_spf": `""`,
		"onsite.customizations": `["CRMScript", "web panel"]`, "mail.keep_addresses": "true", "onsite.database_gb": "14.5"} {
		if set[path] != want {
			t.Errorf("%s = %s, want %s", path, set[path], want)
		}
	}
	for _, path := range []string{"onsite.satellites", "customer.tenant", "onsite.integrations", "customer.name"} {
		if v, ok := set[path]; ok {
			t.Errorf("%s = %s, want it left out", path, v)
		}
	}
}

// TestEveryFieldWorded: every key of the profile has a label on the page
// and help under it in every language, and no text of the form speaks of
// the file's syntax or names a key: no TOML exists on the page.
func TestEveryFieldWorded(t *testing.T) {
	syntax := regexp.MustCompile(`\[\]|""|\btrue\b|\bfalse\b|\s=\s|\b[a-z]+_[a-z_]+\b`)
	allowed := map[string]bool{"so_arc": true}
	for _, code := range templates.Supported {
		l := templates.MustLoad(code)
		w := pageWords(l)
		texts := map[string]string{}
		for _, f := range fields {
			if !l.Has("serve.label." + f.Path) {
				t.Errorf("%s: no label for %s (serve.label.%s)", code, f.Path, f.Path)
			}
			texts["label "+f.Path] = w["label."+f.Path]
			texts["help "+f.Path] = help(l, f.Path)
			for _, c := range []string{"none", "yes", "no"} {
				if v, ok := w[c+"."+f.Path]; ok {
					texts[c+" "+f.Path] = v
				}
			}
			if f.Kind == kindYesNo && (w["yes."+f.Path] == "" || w["no."+f.Path] == "") {
				t.Errorf("%s: %s has no words for its two answers", code, f.Path)
			}
		}
		users := &inputs.UserList{Columns: map[inputs.Field]string{inputs.FieldEmail: "E-post"}}
		for _, m := range exportOf(l, users).Missing {
			texts["missing column"] = m
		}
		for where, text := range texts {
			for _, m := range syntax.FindAllString(text, -1) {
				if !allowed[m] {
					t.Errorf("%s %s says %q: %q", code, where, m, text)
				}
			}
			if strings.Contains(text, "!") {
				t.Errorf("%s %s: %q", code, where, text)
			}
		}
	}
}

// TestProposeLanguage: the pack's language proposed from each example's
// export is the example's.
func TestProposeLanguage(t *testing.T) {
	for dir, want := range map[string]string{"harbour-finch/users.xlsx": "en", "mueller/benutzer.csv": "de", "nordlys/brukere.csv": "nb",
		"osterbro/brugere.xlsx": "da", "vandenberg/gebruikers.csv": "nl", "vaxa/anvandare.txt": "sv"} {
		sheet := ""
		if strings.HasPrefix(dir, "harbour") {
			sheet = "Users"
		}
		users, err := inputs.ParseUsers(dir, readExample(t, dir), sheet)
		if err != nil {
			t.Fatal(err)
		}
		v := exportOf(templates.MustLoad("en"), users)
		if v.Language != want {
			t.Errorf("%s: proposed %s, want %s (columns %v)", dir, v.Language, want, users.Columns)
		}
	}
	if got := countryLanguage("fjordkraft.no"); got != "nb" {
		t.Errorf("fjordkraft.no: %s", got)
	}
}

func TestAcceptLanguage(t *testing.T) {
	for header, want := range map[string]string{
		"nb-NO,nb;q=0.9,en;q=0.8": "nb", "no": "nb", "nn-NO": "nb", "sv-SE,sv": "sv", "da": "da",
		"fr-FR,de-AT;q=0.7": "de", "nl-BE": "nl", "en-GB": "en", "fr": "", "": "", "garbage;;q=x": "",
	} {
		if got := acceptLanguage(header); got != want {
			t.Errorf("acceptLanguage(%q) = %q, want %q", header, got, want)
		}
	}
}

// TestPreviousSummary: the previous pack may be the zip the page made, of
// which the summary is read, or the summary itself; a zip without one is
// said to be so.
func TestPreviousSummary(t *testing.T) {
	zipOf := func(names ...string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, n := range names {
			w, _ := zw.Create(n)
			w.Write([]byte(`{"schema": 2, "name": "` + n + `"}`))
		}
		zw.Close()
		return buf.Bytes()
	}
	got, ok := previousSummary(&Upload{Name: "vind-as-2026-11-24.zip", Data: zipOf("vind-as-2026-11-24-readiness.pdf",
		"vind-as-2026-11-24-masked-summary.json", "vind-as-2026-11-24-summary.json", "profile.toml")})
	if !ok || got.Name != "vind-as-2026-11-24-summary.json" || !bytes.Contains(got.Data, []byte(`"vind-as-2026-11-24-summary.json"`)) {
		t.Errorf("from the zip: %v %+v", ok, got)
	}
	if _, ok := previousSummary(&Upload{Name: "x.zip", Data: zipOf("profile.toml")}); ok {
		t.Error("a zip without a summary was taken")
	}
	plain := &Upload{Name: "vind-summary.json", Data: []byte(`{"schema": 2}`)}
	if got, ok := previousSummary(plain); !ok || got != plain {
		t.Errorf("a summary itself: %v %+v", ok, got)
	}
}
