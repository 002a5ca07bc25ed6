package serve

import (
	"strings"
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// TestForeignExportInThePagesWords: an export that looks like another
// customer's is worded at the export's field in the page's language, naming
// the page's own field for the other domains, never the profile's key or
// the command line's hint; the console of a dropped profile names the key.
func TestForeignExportInThePagesWords(t *testing.T) {
	err := &inputs.Error{File: "brukere.xlsx", Column: "E-post", Kind: inputs.ProblemForeignExport,
		Args: []any{"customer", "Vind AS", "outside", 40, "count", 42, "known", "vind.no", "found", "nordlys.no"},
		Msg:  "is this the export of …", Hint: "check that users in the profile (or -users) names this customer's export"}
	for _, code := range templates.Supported {
		l := templates.MustLoad(code)
		w := &wording{l: l, a: answers{}, files: map[string]string{"brukere.xlsx": "users"}}
		ps := w.problems(err)
		if len(ps) != 1 {
			t.Fatalf("%s: %+v", code, ps)
		}
		p := ps[0]
		label := l.T("serve.label.customer.domains")
		if p.Field != "users" || p.Hint != "" || p.Detail != "" || !strings.Contains(p.Text, label) ||
			!strings.Contains(p.Text, "Vind AS") || !strings.Contains(p.Text, "nordlys.no") || !strings.Contains(p.Text, "40") {
			t.Errorf("%s: %+v", code, p)
		}
		for _, leak := range []string{"-users", "[customer]", "profile", "{"} {
			if strings.Contains(p.Text, leak) {
				t.Errorf("%s: the page's text shows %q: %s", code, leak, p.Text)
			}
		}
		one := &inputs.Error{File: "brukere.xlsx", Kind: inputs.ProblemForeignExport,
			Args: []any{"customer", "Vind AS", "outside", 1, "count", 1, "known", "vind.no", "found", "nordlys.no"}}
		if p := w.problems(one)[0]; p.Text != l.T("serve.problem.kind.foreign_export.one", append([]any{"field", label}, one.Args...)...) {
			t.Errorf("%s: one user: %s", code, p.Text)
		}
		c := (&wording{l: l, a: answers{}, files: map[string]string{}, inFile: true}).problems(err)
		if len(c) != 1 || !strings.Contains(c[0].Text, "[customer] domains") {
			t.Errorf("%s: console: %+v", code, c)
		}
	}
}
