package serve

import (
	"errors"
	"strconv"
	"strings"

	"github.com/migready/migready/cmd/migready/internal/profiletext"
	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// A problem is one thing the page shows: at its field, or above the form.
// Text and Where are in the page's language; Detail and Hint are what
// migready's file readers said, in English, for the problems of a file
// (the export, the logo, a previous pack) that the page words only as "it
// cannot be read".
type problem struct {
	Field  string `json:"field,omitempty"`
	Text   string `json:"text"`
	Where  string `json:"where,omitempty"`
	Detail string `json:"detail,omitempty"`
	Hint   string `json:"hint,omitempty"`
}

// uploadFields are the form fields whose uploads can have problems of
// their own, by the role of the file.
var uploadFields = map[string]inputs.Role{"users": inputs.RoleUsers, "brand.logo": inputs.RoleLogo,
	"since": inputs.RoleSummary, "tracker": inputs.RoleTracker, "profile": inputs.RoleProfile}

// wording words the problems of one request in the page's language, or
// of a profile file for the console window (Console).
type wording struct {
	l *templates.Lang
	a answers
	// files maps an upload's name to its field, so that a file's error is
	// shown at the field that took it.
	files map[string]string
	// inFile: the answers were written in a profile file, not typed in the
	// form, so numbers are written as a profile reads them (14.5, 100000),
	// and a key is missing only when the problem says so.
	inFile bool
}

// problems words err: every problem of the profile at its field, a file's
// at the field that took it, anything else above the form. One problem
// per field: the first.
func (w *wording) problems(err error) []problem {
	var ies []*inputs.Error
	var es inputs.Errors
	var ie *inputs.Error
	switch {
	case errors.As(err, &es):
		ies = es
	case errors.As(err, &ie):
		ies = []*inputs.Error{ie}
	default:
		p := problem{Text: w.l.T("serve.problem.internal"), Detail: err.Error()}
		var h interface{ Hint() string }
		if errors.As(err, &h) {
			p.Hint = h.Hint()
		}
		return []problem{p}
	}
	var out []problem
	seen := map[string]bool{}
	for _, ie := range ies {
		p := w.problem(ie)
		if p.Field != "" && seen[p.Field] {
			continue
		}
		seen[p.Field] = true
		out = append(out, p)
	}
	return out
}

// problem words one input error.
func (w *wording) problem(ie *inputs.Error) problem {
	if ie.File == ProfileName {
		switch f := fieldOf(ie.Key); {
		case f != nil && f.Kind == kindFile:
			return problem{Field: f.Path, Text: w.l.T("serve.problem.unusable"), Detail: ie.Msg, Hint: ie.Hint}
		case f != nil:
			return w.field(f, ie)
		}
	}
	field := w.files[ie.File]
	if ie.Kind == inputs.ProblemForeignExport {
		// Another customer's export, or domains the form does not name
		// yet: the page names its own field, not the profile's key.
		where := w.l.T("serve.label.customer.domains")
		if w.inFile {
			where = "[customer] domains" // the profile's key, in the console
		}
		args := append([]any{"field", where}, ie.Args...)
		return problem{Field: field, Where: w.where(ie), Text: w.l.T(foreignExportKey(ie.Args), args...)}
	}
	if ie.File == ProfileName && field == "" {
		field = "profile"
	}
	p := problem{Field: field, Where: w.where(ie), Detail: ie.Msg, Hint: ie.Hint}
	name := ie.File
	switch field {
	case "users":
		p.Text = w.l.T("serve.problem.export", "file", name)
	case "brand.logo":
		p.Text = w.l.T("serve.problem.logo", "file", name)
	case "since":
		p.Text = w.l.T("serve.problem.since", "file", name)
	case "tracker":
		p.Text = w.l.T("serve.problem.tracker", "file", name)
	case "profile":
		p.Text = w.l.T("serve.problem.profile", "file", name)
		if ie.File == ProfileName {
			p.Field = "" // the form's own profile: a problem of the whole form
		}
	default:
		p.Field = ""
		p.Text = w.l.T("serve.problem.unusable")
	}
	return p
}

// field words a problem with the answer to f, whatever the reader's words:
// the field says what it takes. Only a problem the page has no words for
// keeps the reader's.
func (w *wording) field(f *field, ie *inputs.Error) problem {
	p := problem{Field: f.Path}
	missing := ie.Kind == inputs.ProblemMissingKey
	if !w.inFile {
		missing = f.Required && strings.TrimSpace(w.a.value(f.Path)) == ""
	}
	key := "serve.problem." + f.Path
	switch {
	case missing:
		p.Text = w.l.T("serve.problem.required")
	case kindTexts[ie.Kind] != "":
		p.Text = w.kind(ie)
	case w.l.Has(key):
		p.Text = w.l.T(key, "example", w.example(f.Path), "max", w.l.Int(inputs.MaxCustomerNameChars))
	case f.Kind == kindNumber || f.Kind == kindWhole || f.Kind == kindCount:
		lo, hi, open, ok := inputs.NumberRange(f.Path)
		args := []any{"min", w.number(lo), "max", w.number(hi), "example", w.example(f.Path)}
		switch {
		case !ok:
			p.Text = w.l.T("serve.problem.count", args...)
		case open:
			p.Text = w.l.T("serve.problem.number_above", args...)
		case f.Kind == kindNumber:
			p.Text = w.l.T("serve.problem.number", args...)
		default:
			p.Text = w.l.T("serve.problem.whole", args...)
		}
	default:
		p.Text, p.Detail, p.Hint = w.l.T("serve.problem.unusable"), ie.Msg, ie.Hint
	}
	return p
}

// kindTexts are the problems whose kind says more than the field's words
// ([serve.problem.kind]), by inputs.Error.Kind: how the answer was written
// in a file (a unit, a decimal comma, quotes, a key twice), and a profile
// that contradicts itself. Other kinds get the words of the field they are
// at, as the page shows them.
var kindTexts = map[string]string{
	inputs.ProblemUnit:            "number",
	inputs.ProblemThousands:       "number",
	inputs.ProblemDecimalComma:    "number",
	inputs.ProblemThousandsComma:  "number",
	inputs.ProblemCommaAmbiguous:  "number",
	inputs.ProblemUnquoted:        "quotes",
	inputs.ProblemTypographic:     "quotes",
	inputs.ProblemUnclosed:        "quotes",
	inputs.ProblemMultiLineClose:  "quotes",
	inputs.ProblemBackslash:       "backslash",
	inputs.ProblemBool:            "bool",
	inputs.ProblemList:            "list",
	inputs.ProblemListOpen:        "list",
	inputs.ProblemUnknownKey:      "unknown_key",
	inputs.ProblemDuplicate:       "duplicate",
	inputs.ProblemCommentedOut:    "commented_out",
	inputs.ProblemFileNotFound:    "file_not_found",
	inputs.ProblemNoWindowsClient: "no_windows_client",
	inputs.ProblemStrayEquals:     "line",
	inputs.ProblemTwoKeys:         "line",
	inputs.ProblemNoValue:         "line",
	inputs.ProblemNoEquals:        "line",
	inputs.ProblemHeader:          "line",
	inputs.ProblemKey:             "line",
	inputs.ProblemLine:            "line",
	inputs.ProblemOther:           "line",
}

// kind words a problem by its kind, with its arguments.
func (w *wording) kind(ie *inputs.Error) string {
	return w.l.T("serve.problem.kind."+kindTexts[ie.Kind], ie.Args...)
}

// number writes x as the answer takes it: in the page's language, or as a
// profile file reads it.
func (w *wording) number(x float64) string {
	if w.inFile {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return number(w.l, x)
}

// example is the example init writes for the key, as the page shows it:
// in the page's language where it has one (serve.example: a company name,
// domain and addresses a reader of that language would write), the users'
// mail domain where it is answered.
func (w *wording) example(path string) string {
	domain := strings.ToLower(strings.TrimSpace(w.a.value("mail.domain")))
	if domain == "" || strings.ContainsAny(domain, " @/") {
		domain = ""
	}
	local := func(key string) (string, bool) {
		key = "serve.example." + key
		return w.l.Raw(key), w.l.Has(key)
	}
	if d, ok := local("mail.domain"); ok && domain == "" {
		domain = d
	}
	if v, ok := local(path); ok && path != "mail.domain" {
		return v
	}
	v, ok := profiletext.Examples(domain)[path]
	switch {
	case !ok:
		return "0"
	case strings.HasPrefix(v, `"`):
		s, err := strconv.Unquote(v)
		if err == nil {
			return s
		}
	case strings.HasPrefix(v, "'"):
		return strings.Trim(v, "'")
	case strings.HasPrefix(v, "["): // a list of texts, as the items
		var items []string
		for _, item := range strings.Split(strings.Trim(v, "[]"), ",") {
			if s, err := strconv.Unquote(strings.TrimSpace(item)); err == nil {
				items = append(items, s)
			}
		}
		return strings.Join(items, ", ")
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		return w.number(n)
	}
	return v
}

// where says where in a file a problem is: its row or line and column.
func (w *wording) where(ie *inputs.Error) string {
	var parts []string
	switch {
	case ie.Row > 0:
		parts = append(parts, w.l.T("serve.problem.where.row", "row", strconv.Itoa(ie.Row)))
	case ie.Line > 0:
		parts = append(parts, w.l.T("serve.problem.where.line", "line", strconv.Itoa(ie.Line)))
	}
	if ie.Column != "" {
		parts = append(parts, w.l.T("serve.problem.where.column", "column", ie.Column))
	}
	return strings.Join(parts, ", ")
}

// foreignExportKey is the text of a foreign export, by its count of users
// (Args: "count", n).
func foreignExportKey(args []any) string {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == "count" && args[i+1] == 1 {
			return "serve.problem.kind.foreign_export.one"
		}
	}
	return "serve.problem.kind.foreign_export.other"
}
