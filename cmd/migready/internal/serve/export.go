package serve

import (
	"net/http"
	"strings"

	"github.com/migready/migready/cmd/migready/internal/profiletext"
	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// exportView is what the page shows of an export it read: every line in
// the page's language, and the values it proposes for the questions.
type exportView struct {
	Lines    []string `json:"lines"`   // users read, the worksheet
	Columns  []string `json:"columns"` // the columns found, each with its header
	Missing  []string `json:"missing"` // the columns missing, each with what it means (init's words)
	Complete string   `json:"complete,omitempty"`
	Domain   string   `json:"domain"`   // the users' mail domain, proposed for mail.domain
	Language string   `json:"language"` // proposed for customer.language
	Notices  []string `json:"notices,omitempty"`
	Words    struct {
		Columns, Missing, Notices string
	} `json:"words"`
}

// export reads the export the rep dropped, as pack reads it, and says
// what was read.
func (s *Server) export(w http.ResponseWriter, r *http.Request, l *templates.Lang, req *request) {
	u := req.uploads["users"]
	a := readAnswers(req.get)
	words := &wording{l: l, a: a, files: map[string]string{}}
	switch {
	case u == nil:
		s.answer(w, r, l, http.StatusUnprocessableEntity, response{Problems: []problem{{Field: "users", Text: l.T("serve.problem.no_export")}}})
		return
	case strings.EqualFold(pathExt(u.Name), ".toml"):
		s.answer(w, r, l, http.StatusUnprocessableEntity, response{Problems: []problem{{Field: "users", Text: l.T("serve.problem.export_is_profile", "file", u.Name)}}})
		return
	}
	words.files[u.Name] = "users"
	users, err := inputs.ParseUsers(u.Name, u.Data, strings.TrimSpace(a.value("sheet")))
	if err != nil {
		s.answer(w, r, l, http.StatusUnprocessableEntity, response{Problems: words.problems(err)})
		return
	}
	s.answer(w, r, l, http.StatusOK, response{Export: exportOf(l, users)})
}

// exportOf says what was read from an export, in l.
func exportOf(l *templates.Lang, users *inputs.UserList) *exportView {
	v := &exportView{Lines: []string{l.Plural("serve.export.users", len(users.Users), "file", users.File)}}
	if users.Sheet != "" {
		v.Lines = append(v.Lines, l.T("serve.export.sheet", "sheet", users.Sheet))
	}
	for _, f := range inputs.Fields {
		if h, ok := users.Columns[f]; ok {
			v.Columns = append(v.Columns, l.T("serve.export.column", "field", columnName(l, f), "header", h))
		}
	}
	for _, f := range profiletext.FieldEffects {
		if !users.Has(f) {
			// init's words for a missing column, as the profile carries them,
			// but for the profile's key names
			effect := "init.effect." + string(f)
			if l.Has("serve.effect." + string(f)) {
				effect = "serve.effect." + string(f)
			}
			v.Missing = append(v.Missing, l.T("init.missing", "column", columnName(l, f), "effect", l.T(effect)))
		}
	}
	if len(v.Missing) == 0 {
		v.Complete = l.T("serve.export.complete")
	}
	v.Domain = profiletext.MainDomain(users)
	if v.Domain != "" {
		v.Lines = append(v.Lines, l.T("serve.export.domain", "domain", v.Domain))
	} else {
		v.Lines = append(v.Lines, l.T("serve.export.no_domain"))
	}
	v.Language = proposeLanguage(users, v.Domain)
	v.Lines = append(v.Lines, l.T("serve.export.language", "language", l.T("serve.lang."+v.Language)))
	v.Notices = users.Notices
	v.Words.Columns, v.Words.Missing, v.Words.Notices = l.T("serve.export.columns"), l.T("serve.export.missing"), l.T("serve.export.notices")
	return v
}

// columnName is a column of the export as SuperOffice names it in l.
func columnName(l *templates.Lang, f inputs.Field) string {
	if k := "init.field." + string(f); l.Has(k) {
		return l.T(k)
	}
	return l.T("serve.column." + string(f))
}

// proposeLanguage guesses the language of the pack from the export: the
// admin client writes its column headers in the admin's language, so the
// language whose SuperOffice terms (init.field, the terms.md list) name
// most of the headers wins; a tie goes to the language of the mail
// domain's country, then to English.
func proposeLanguage(users *inputs.UserList, domain string) string {
	headers := map[string]bool{}
	for _, h := range users.Columns {
		headers[inputs.FoldKey(h)] = true
	}
	best, bestScore := "", 0
	for _, code := range templates.Supported {
		l := templates.MustLoad(code)
		score := 0
		for _, f := range inputs.Fields {
			if k := "init.field." + string(f); l.Has(k) && headers[inputs.FoldKey(l.T(k))] {
				score++
			}
		}
		switch {
		case score > bestScore:
			best, bestScore = code, score
		case score == bestScore && score > 0 && code == countryLanguage(domain):
			best = code
		}
	}
	if best != "" {
		return best
	}
	if c := countryLanguage(domain); c != "" {
		return c
	}
	return templates.Default
}

// countryLanguage is the language of the country a mail domain's top-level
// domain names, when migready speaks it; "" otherwise.
func countryLanguage(domain string) string {
	tld := domain[strings.LastIndexByte(domain, '.')+1:]
	return map[string]string{"no": "nb", "se": "sv", "dk": "da", "de": "de", "at": "de", "ch": "de", "nl": "nl", "be": "nl",
		"uk": "en", "ie": "en"}[tld]
}

func pathExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}
