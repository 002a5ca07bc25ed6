package serve

import (
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// pageLanguage is the language a request asks the page in: ?lang= when
// given (the page's own switch), else def when serve was given -lang,
// else the first of the browser's languages that migready speaks
// (Accept-Language, "no" and "nn" for Bokmål), else English.
func pageLanguage(r *http.Request, def string) *templates.Lang {
	if code, _ := inputs.CanonicalLanguage(r.URL.Query().Get("lang")); code != "" {
		return templates.MustLoad(code)
	}
	if def != "" {
		return templates.MustLoad(def)
	}
	if code := acceptLanguage(r.Header.Get("Accept-Language")); code != "" {
		return templates.MustLoad(code)
	}
	return templates.MustLoad(templates.Default)
}

// acceptLanguage is the first language of an Accept-Language header that
// migready speaks, in the order of preference; "" for none.
func acceptLanguage(header string) string {
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil {
		return ""
	}
	for _, t := range tags {
		base, _ := t.Base()
		code, suggest := inputs.CanonicalLanguage(base.String())
		if code == "" && base.String() == "nn" {
			code = suggest // Nynorsk readers read Bokmål
		}
		if code != "" {
			return code
		}
	}
	return ""
}

// label is the field's label on the page.
func label(l *templates.Lang, path string) string { return l.T("serve.label." + path) }

// help is the text under a field: init's comment for the key, the same
// the profile carries, unless it speaks of the file's syntax, where the
// page has its own (serve.help).
func help(l *templates.Lang, path string) string {
	if l.Has("serve.help." + path) {
		return l.T("serve.help." + path)
	}
	name := path[strings.LastIndexByte(path, '.')+1:]
	return l.T("init."+name, "languages", languageNames(l))
}

// languageNames lists the languages, as l names them.
func languageNames(l *templates.Lang) string {
	names := make([]string, len(templates.Supported))
	for i, code := range templates.Supported {
		names[i] = l.T("serve.lang." + code)
	}
	return strings.Join(names, ", ")
}

// sizeText writes a byte count as people read file sizes, in l.
func sizeText(l *templates.Lang, n int64) string {
	switch {
	case n >= 1<<20:
		return l.Number(float64(n)/(1<<20), 1) + " MB"
	case n >= 1<<10:
		return l.Int(int(n>>10)) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// number writes x in l, with as many decimals as it has (up to three).
func number(l *templates.Lang, x float64) string { return l.Number(x, 3) }

// decimalSign is l's decimal sign.
func decimalSign(l *templates.Lang) string {
	if s := l.Raw("number.decimal"); s != "" {
		return s
	}
	return "."
}
