package serve

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// Console words err, the error of a pack made from a profile dropped on
// migready, for its console window, in l (the system's language): each
// problem of the profile at its line and key, in the words the page shows
// at the key's field, the answer being written in a file (so by its kind
// where that says more: a unit, a decimal comma, quotes, a Windows path);
// a problem of a file the profile names as the page words it at that
// file's field, with the reader's English details. files maps each input
// file, as the errors name it, to its role (inputs.RoleUsers, …). ok is
// false when err is no problem of an input file: the caller reports it as
// it reports any other error.
func Console(l *templates.Lang, files map[string]inputs.Role, err error) (lines []string, ok bool) {
	var es inputs.Errors
	var ie *inputs.Error
	switch {
	case errors.As(err, &es):
	case errors.As(err, &ie):
		es = inputs.Errors{ie}
	default:
		return nil, false
	}
	w := &wording{l: l, a: answers{}, files: map[string]string{}, inFile: true}
	for file, role := range files {
		for field, r := range uploadFields {
			if r == role {
				w.files[file] = field
			}
		}
	}
	lines = append(lines, l.Plural("serve.dropped.problems", len(es), "file", es[0].File))
	for _, ie := range es {
		text, detail := w.console(ie)
		lines = append(lines, "  "+text)
		if ie.Fix != "" {
			lines = append(lines, "    "+l.T("serve.problem.kind.fix", "fix", ie.Fix))
		}
		if detail != "" {
			lines = append(lines, "    "+l.T("serve.details")+" "+detail)
		}
	}
	return append(lines, l.T("serve.dropped.again")), true
}

// console words one problem for the console window: where it is, then
// what to do; detail is the reader's English, for what the page words
// only as "cannot be used".
func (w *wording) console(ie *inputs.Error) (text, detail string) {
	english := func() string { return strings.TrimSuffix(ie.Msg+"; "+ie.HintFound(), "; ") }
	if field := w.files[ie.File]; field != "" && field != "profile" {
		p := w.problem(&inputs.Error{File: ie.File, Row: ie.Row, Line: ie.Line, Column: ie.Column, Msg: ie.Msg, Hint: ie.Hint})
		if p.Where != "" {
			p.Text += " (" + p.Where + ")"
		}
		return p.Text, english()
	}
	if ie.Line == 0 && ie.Key == "" && ie.Row == 0 {
		// The profile as a whole: not there, empty, no profile at all.
		return w.l.T("serve.problem.profile", "file", ie.File), english()
	}
	// A problem of the profile: its line, and the key's label on the page.
	var where []string
	if ie.Line > 0 {
		where = append(where, w.l.T("serve.problem.where.line", "line", ie.Line))
	}
	f := fieldOf(ie.Key)
	switch {
	case f != nil && f.Path == ie.Key:
		where = append(where, label(w.l, f.Path)+" ("+ie.Key+")")
	case ie.Key != "":
		where = append(where, ie.Key)
	}
	switch {
	case kindTexts[ie.Kind] != "":
		text = w.kind(ie)
		if kindTexts[ie.Kind] == "line" {
			detail = english()
		}
	case f != nil && f.Kind != kindFile:
		p := w.field(f, ie)
		text = p.Text
		if p.Detail != "" {
			detail = english()
		}
	default:
		text, detail = w.l.T("serve.problem.kind.line"), english()
	}
	if len(where) > 0 {
		text = capitalized(strings.Join(where, ", ")) + ": " + text
	}
	return text, detail
}

// capitalized is s with its first letter upper case: "linje 16" begins a
// line.
func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
