package render

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/render/summary"
	"github.com/migready/migready/templates"
)

// exampleReport assesses an example customer and writes it in lang.
func exampleReport(t *testing.T, example, lang string) *Report {
	t.Helper()
	p, err := inputs.ReadProfile("../examples/" + example + "/profile.toml")
	if err != nil {
		t.Fatal(err)
	}
	users, err := inputs.ReadUsers(p.Resolve(p.Users), p.Sheet)
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	a := readiness.Assess(p, users, readiness.Options{Tool: "migready test", Date: date})
	return &Report{Assessment: a, Lang: templates.MustLoad(lang), Date: date,
		Contact:    Person{Name: p.Customer.ContactName, Email: p.Customer.ContactEmail},
		PreparedBy: Person{Name: p.Brand.PreparedBy, Email: p.Brand.PreparedByEmail}}
}

// jsonOf is r's summary document, written and read back.
func jsonOf(t *testing.T, r *Report) summary.Document {
	t.Helper()
	var b bytes.Buffer
	if err := JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var s summary.Document
	if err := json.Unmarshal(b.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// findingData is what of a summary must not depend on the language.
type findingData struct {
	Kind, Key string
	Row       int
	Args      string
}

func languageFree(t *testing.T, s summary.Document) (facts []string, findings []findingData) {
	t.Helper()
	for _, c := range s.Checks {
		args, _ := json.Marshal(c.Facts.Args)
		facts = append(facts, c.ID+" "+string(c.Status)+" "+c.Facts.Key+" "+string(args))
		for _, f := range c.Findings {
			args, _ := json.Marshal(f.Args)
			findings = append(findings, findingData{f.Kind, f.Key, f.Row, string(args)})
		}
	}
	return facts, findings
}

// Two runs in different languages give the same kinds, keys and args: only
// the words differ.
func TestSummarySameInEveryLanguage(t *testing.T) {
	for _, example := range []string{"nordlys", "harbour-finch"} {
		en := jsonOf(t, exampleReport(t, example, "en"))
		enFacts, enFindings := languageFree(t, en)
		if len(enFindings) == 0 {
			t.Fatalf("%s: no findings to compare", example)
		}
		for _, lang := range templates.Supported[1:] {
			other := jsonOf(t, exampleReport(t, example, lang))
			facts, findings := languageFree(t, other)
			if !reflect.DeepEqual(facts, enFacts) {
				t.Errorf("%s in %s: facts differ from English:\n%v\n%v", example, lang, facts, enFacts)
			}
			if !reflect.DeepEqual(findings, enFindings) {
				t.Errorf("%s in %s: kinds, keys or args differ from English", example, lang)
			}
			if other.Checks[0].Title == en.Checks[0].Title || other.Language != lang {
				t.Errorf("%s in %s: the words are not in %s", example, lang, lang)
			}
		}
	}
}

// Every finding's key is unique within its summary: the next run finds the
// same problem by it.
func TestSummaryKeysUnique(t *testing.T) {
	for _, example := range []string{"nordlys", "harbour-finch", "mueller", "osterbro", "vandenberg", "vaxa"} {
		s := jsonOf(t, exampleReport(t, example, "en"))
		seen := map[string]bool{}
		for _, c := range s.Checks {
			for _, f := range c.Findings {
				if seen[f.Key] {
					t.Errorf("%s: key %q twice", example, f.Key)
				}
				seen[f.Key] = true
				if !strings.HasPrefix(f.Key, c.ID+":") {
					t.Errorf("%s: key %q does not start with its check %s", example, f.Key, c.ID)
				}
			}
		}
	}
}
