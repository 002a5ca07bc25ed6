package serve

import (
	"net/http"
	"strings"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// loadedView is a saved profile's answers, for the form: the value of each
// field and the answer of each question that has "don't know yet".
type loadedView struct {
	Values map[string]string `json:"values"`
	States map[string]string `json:"states"`
	Note   string            `json:"note"`
	// Export and Logo name the files the profile names, which the rep
	// adds again; "" for none.
	Export string `json:"export,omitempty"`
	Logo   string `json:"logo,omitempty"`
}

// loadProfile reads a saved profile.toml into the form's answers. Its
// problems are those of the answers, which the page checks as they are
// shown; what the form cannot show (a key migready does not know, a file
// that is no profile) is said here.
func (s *Server) loadProfile(w http.ResponseWriter, r *http.Request, l *templates.Lang, req *request) {
	u := req.uploads["profile"]
	if u == nil {
		http.Error(w, "no profile", http.StatusBadRequest)
		return
	}
	words := &wording{l: l, a: answers{}, files: map[string]string{u.Name: "profile"}}
	raw, err := inputs.ProfileValues(u.Name, u.Data)
	if err != nil {
		s.answer(w, r, l, http.StatusUnprocessableEntity, response{Problems: words.problems(err)})
		return
	}
	values, states := formValues(raw, decimalSign(l))
	if code, suggest := inputs.CanonicalLanguage(values["customer.language"]); code != "" || suggest != "" {
		values["customer.language"] = code + suggest
	}
	v := &loadedView{Values: values, States: states, Note: l.T("serve.profile.loaded", "file", u.Name),
		Export: baseName(values["users"]), Logo: baseName(values["brand.logo"])}
	delete(values, "users")
	delete(values, "brand.logo")
	resp := response{Loaded: v}
	// A key the form does not ask for is said once, with the reader's hint
	// (the key it was probably meant to be).
	hints := map[string]*inputs.Error{}
	if _, err := inputs.ParseProfile(u.Name, u.Data); err != nil {
		es, _ := err.(inputs.Errors)
		if ie, ok := err.(*inputs.Error); ok {
			es = inputs.Errors{ie}
		}
		for _, ie := range es {
			hints[ie.Key] = ie
		}
	}
	for _, k := range unknownKeys(raw, "") {
		p := problem{Text: l.T("serve.problem.unknown_key", "key", k)}
		if ie := hints[k]; ie != nil {
			p.Where, p.Detail, p.Hint = words.where(ie), ie.Msg, ie.Hint
		}
		resp.Problems = append(resp.Problems, p)
	}
	s.answer(w, r, l, http.StatusOK, resp)
}

// baseName is the file name of a path as a profile may hold it (Windows
// or not).
func baseName(p string) string {
	p = strings.TrimSpace(p)
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		p = p[i+1:]
	}
	return p
}
