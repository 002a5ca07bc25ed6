package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/migready/migready/templates"
)

// examplePack renders the words of an example customer's pack in lang: the
// markdown body, the terminal checklist and the workbook's texts.
func examplePack(t *testing.T, example, lang string) string {
	t.Helper()
	r := exampleReport(t, example, lang)
	l := r.Lang
	names := PackNames("x", r.Date, false)
	r.Files = &names
	r.Inputs = []InputFile{{Role: "profile", Name: "profile.toml"}, {Role: "users", Name: "users"}, {Role: "logo", Name: "logo.png"}}
	in := localize(r)
	body, err := packBody(in, "html")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	out.Write(body)
	d, err := packDocument(in, "pdf")
	if err != nil {
		t.Fatal(err)
	}
	out.WriteString(d.Title + "\n" + d.Subject + "\n" + d.Footer + "\n" + d.Cover.Verdict + "\n" + d.Cover.Detail + "\n" + d.Unshown + "\n")
	for _, f := range d.Cover.Facts {
		out.WriteString(f[0] + "\n")
	}
	if err := Text(&out, r, false); err != nil {
		t.Fatal(err)
	}
	for _, k := range l.Keys() {
		if strings.HasPrefix(k, "workbook.") {
			out.WriteString(l.Raw(k) + "\n")
		}
	}
	return out.String()
}

// englishFragments returns the runs of at least four words, free of
// placeholders and markup, in every English text that its translation
// changes: a translated pack must contain none of them.
func englishFragments(t *testing.T, l *templates.Lang) map[string]string {
	en := templates.MustLoad("en")
	split := regexp.MustCompile(`\{[a-z_]+\}|[*_` + "`" + `#|>\[\]()":;.!?\n]|\d+\. |- `)
	out := map[string]string{}
	for _, k := range en.Keys() {
		if l.Raw(k) == en.Raw(k) {
			continue // product names, units and the like stay as they are
		}
		for _, frag := range split.Split(en.Raw(k), -1) {
			frag = strings.Join(strings.Fields(frag), " ")
			if len(strings.Fields(frag)) >= 4 {
				out[frag] = k
			}
		}
	}
	return out
}

func TestTranslatedPackHasNoEnglish(t *testing.T) {
	examples := []string{"harbour-finch", "mueller", "nordlys", "vandenberg"}
	for _, lang := range templates.Supported[1:] {
		t.Run(lang, func(t *testing.T) {
			l := templates.MustLoad(lang)
			frags := englishFragments(t, l)
			if len(frags) < 100 {
				t.Fatalf("only %d English fragments to look for: the test would prove little", len(frags))
			}
			for _, ex := range examples {
				text := examplePack(t, ex, lang)
				if strings.Contains(text, "!") && regexp.MustCompile(`![a-z]+(\.[a-z0-9_-]+)+!`).MatchString(text) {
					t.Errorf("%s: missing text: %s", ex, regexp.MustCompile(`![a-z]+(\.[a-z0-9_-]+)+!`).FindString(text))
				}
				flat := strings.Join(strings.Fields(text), " ")
				for frag, key := range frags {
					if strings.Contains(flat, frag) {
						t.Errorf("%s pack of %s contains English %q (from %s)", lang, ex, frag, key)
					}
				}
			}
		})
	}
}

// The English pack itself must be free of missing-text markers too, and the
// test must be able to find English: a guard against a test that cannot fail.
func TestEnglishPackIsFound(t *testing.T) {
	text := strings.Join(strings.Fields(examplePack(t, "harbour-finch", "en")), " ")
	if regexp.MustCompile(`![a-z]+(\.[a-z0-9_-]+)+!`).MatchString(text) {
		t.Errorf("missing text in the English pack: %s", regexp.MustCompile(`![a-z]+(\.[a-z0-9_-]+)+!`).FindString(text))
	}
	found := 0
	for frag := range englishFragments(t, templates.MustLoad("de")) {
		if strings.Contains(text, frag) {
			found++
		}
	}
	if found < 20 {
		t.Errorf("only %d English fragments found in the English pack; the detector is broken", found)
	}
}

// The downtime calculation is a sentence in the reader's language with the
// customer's figures, never the model's formula in key names
// ("expected = fixed_hours + database_gb / …"); key names appear only in
// brackets in the assumptions table, for the consultant.
func TestPackHasNoFormulaInKeyNames(t *testing.T) {
	formula := regexp.MustCompile(`\b[a-z]+(_[a-z]+)+\b\s*[-+×÷/*=]|[-+×÷/*=]\s*\b[a-z]+(_[a-z]+)+\b`)
	if !formula.MatchString("expected = fixed_hours + database_gb / database_gb_per_hour") {
		t.Fatal("the formula pattern misses the formula")
	}
	for _, lang := range templates.Supported {
		for _, ex := range []string{"harbour-finch", "mueller", "nordlys", "vandenberg"} {
			if m := formula.FindString(examplePack(t, ex, lang)); m != "" {
				t.Errorf("%s pack of %s has a formula in key names: %q", lang, ex, m)
			}
		}
	}
}
