package serve

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/migready/migready/cmd/migready/internal/profiletext"
	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// The page's own files: its template, script, style and icon, embedded so
// that the page needs nothing from anywhere else.
//
//go:embed page.html static
var assets embed.FS

// pageTemplate is parsed on first use: every migready process, not only
// serve, would otherwise parse it at start.
var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page.html").Funcs(template.FuncMap{
		// field gives the field template the page's words beside the field.
		"field": func(d pageData, f fieldView) fieldContext { return fieldContext{W: d.W, F: f} },
	}).ParseFS(assets, "page.html"))
})

// fieldContext is what the field template reads.
type fieldContext struct {
	W map[string]string
	F fieldView
}

// pageWords are every text the page shows before anything is typed, in l,
// by the key its element names (data-w): the template writes them, and the
// language switch sets them (GET words?lang=…), so both show the same.
func pageWords(l *templates.Lang) map[string]string {
	w := map[string]string{}
	for _, k := range l.Keys() {
		// Texts with a {file} are filled in by the page's script.
		if strings.HasPrefix(k, "serve.") {
			w[k] = l.Raw(k)
		}
	}
	w["serve.export.formats"] = l.T("serve.export.formats", "limit", sizeText(l, inputs.MaxUsersBytes))
	for _, f := range fields {
		w["label."+f.Path] = label(l, f.Path)
		w["help."+f.Path] = help(l, f.Path)
		// A help that only says the label again is left out.
		if strings.EqualFold(strings.TrimSuffix(w["help."+f.Path], "."), w["label."+f.Path]) {
			w["help."+f.Path] = ""
		}
		for _, choice := range []string{"none", "yes", "no"} {
			if k := "serve.choice." + choice + "." + f.Path; l.Has(k) {
				w[choice+"."+f.Path] = l.T(k)
			}
		}
	}
	for _, p := range []string{"since", "tracker", "profile"} {
		w["label."+p] = label(l, p)
		w["help."+p] = help(l, p)
	}
	w["help.profile"] = l.T("serve.profile.load_help")
	for _, code := range templates.Supported {
		w["option.lang."+code] = capitalize(l.T("serve.lang." + code))
	}
	defaults := profiletext.Examples("")
	for _, f := range fields {
		if f.Group == "migration" {
			w["default."+f.Path] = l.T("serve.choice.default", "value", number(l, mustFloat(defaults[f.Path])))
		}
	}
	return w
}

// capitalize writes a language's name as a list shows it: "Norsk", where
// a sentence has "norsk".
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func mustFloat(s string) float64 {
	n, _ := parseNumber(s, "")
	return n
}

// A langOption is a language of the page and of the pack.
type langOption struct {
	Code     string
	Own      string // as the language names itself, for the page's switch
	Name     string // as the page's language names it, for the pack's
	Selected bool
}

type pageData struct {
	Lang     string
	W        map[string]string
	Langs    []langOption
	Groups   []groupView
	Export   []fieldView // users and sheet
	Progress []string    // since, tracker
	Action   string      // where the form posts: the pack
}

type groupView struct {
	ID     string
	Folded bool // in a <details>, closed until needed
	Fields []fieldView
}

// fieldView is a field as the template writes it.
type fieldView struct {
	field
	ID        string
	Value     string
	HasNone   bool
	InputMode string
	Options   []langOption
}

// page is the form, in the language the browser asks for.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	l := pageLanguage(r, s.cfg.Lang)
	d := pageData{Lang: l.Code, W: pageWords(l), Action: "pack?lang=" + l.Code, Progress: []string{"since", "tracker"}}
	for _, code := range templates.Supported {
		d.Langs = append(d.Langs, langOption{Code: code, Own: capitalize(templates.MustLoad(code).T("serve.lang." + code)),
			Name: capitalize(l.T("serve.lang." + code)), Selected: code == l.Code})
	}
	byGroup := map[string][]fieldView{}
	for _, f := range fields {
		v := fieldView{field: f, ID: "f-" + strings.NewReplacer(".", "-", "_", "-").Replace(f.Path),
			HasNone: l.Has("serve.choice.none." + f.Path)}
		switch f.Kind {
		case kindNumber:
			v.InputMode = "decimal"
		case kindWhole, kindCount:
			v.InputMode = "numeric"
		case kindLanguage:
			v.Value = l.Code
			v.Options = d.Langs
		}
		byGroup[f.Group] = append(byGroup[f.Group], v)
	}
	d.Export = byGroup["export"]
	for _, g := range groups {
		d.Groups = append(d.Groups, groupView{ID: g, Folded: g == "database" || g == "migration", Fields: byGroup[g]})
	}
	var buf bytes.Buffer
	if err := pageTemplate().Execute(&buf, d); err != nil {
		refuse(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

// problemPage answers a plain form post (without the page's script) that
// could not be made into a pack: its problems, and the way back.
func (s *Server) problemPage(w http.ResponseWriter, l *templates.Lang, code int, problems []problem) {
	var labels = map[string]string{}
	for _, p := range problems {
		if p.Field != "" {
			labels[p.Field] = label(l, p.Field)
		}
	}
	d := struct {
		Lang      string
		W         map[string]string
		Attention string
		Problems  []problem
		Labels    map[string]string
	}{l.Code, pageWords(l), l.Plural("serve.problem.attention", len(problems)), problems, labels}
	var buf bytes.Buffer
	if err := pageTemplate().ExecuteTemplate(&buf, "problems", d); err != nil {
		refuse(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// static serves the page's script, style and icon.
func static(w http.ResponseWriter, r *http.Request, name string) {
	data, err := fs.ReadFile(assets, path.Join("static", path.Clean("/" + name)[1:]))
	if err != nil || name == "" {
		http.NotFound(w, r)
		return
	}
	types := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
	w.Header().Set("Content-Type", types[path.Ext(name)])
	w.Write(data)
}
