// Package inputs turns the customer's files (a SuperOffice user export and a
// TOML profile) into typed values, and reports bad input precisely: file, row
// or line, column, and a hint on what was expected.
package inputs

import (
	"fmt"
	"strings"
)

// Error is an input error: something in a file the customer or the sales
// representative supplied is missing, unreadable or malformed. The command
// maps it to exit code 2.
type Error struct {
	File   string // path as given on the command line or in the profile
	Row    int    // 1-based row as Excel shows it (exports); 0 when not about a row
	Line   int    // 1-based line (profile); 0 when not about a line
	Column string // export column concerned, when there is one
	Key    string // profile key concerned (table.key), when there is one
	Msg    string // what is wrong
	Hint   string // what would be right (headers expected, closest key…)
	// Found is what the file holds there, quoted for the person who runs
	// migready: the header cells it recognises, the names of the sheets.
	// It is shown with the hint, never written into an output (a batch's
	// portfolio): the file may be anything but what it was taken for.
	Found string
	// Kind names the problem of a profile key or a file (Problem…: "unit",
	// "decimal-comma", "unknown-key"…), so that a page in another
	// language can word it at the key's field; "" for other problems.
	Kind string
	// Args are the arguments a page words the kind with, as name/value
	// pairs (templates.Lang.T takes them): "version", "10.0.5" for
	// ProblemNoWindowsClient; "customer", "outside", "count", "known" and
	// "found" for ProblemForeignExport; nil for a kind that needs none.
	Args []any
	// Fix is the line as it should be written (database_gb = 14.5), when
	// it can be told; Hint says it too.
	Fix string
}

// HintFound is the hint as the terminal shows it: what was found, then
// what would be right.
func (e *Error) HintFound() string {
	switch {
	case e.Found == "":
		return e.Hint
	case e.Hint == "":
		return e.Found
	}
	return e.Found + "; " + e.Hint
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	switch {
	case e.Row > 0:
		fmt.Fprintf(&b, " row %d", e.Row)
	case e.Line > 0:
		fmt.Fprintf(&b, " line %d", e.Line)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, " column %q", e.Column)
	}
	if e.Key != "" {
		fmt.Fprintf(&b, " key %q", e.Key)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in one file (the profile), in line order,
// so that one run reports them all. errors.As finds the first *Error.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As and errors.Is see each *Error.
func (es Errors) Unwrap() []error {
	errs := make([]error, len(es))
	for i, e := range es {
		errs[i] = e
	}
	return errs
}
