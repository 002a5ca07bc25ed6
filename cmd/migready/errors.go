package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/readiness/assessment"
)

// The exit codes, a contract (docs/commands.md): exitCode is the one place
// that picks one.
const (
	exitReady    = 0
	exitNotReady = 1
	exitInput    = 2
	exitInternal = 3
	// exitUnconfirmed is not 0: a script that treats 0 as "go ahead" must
	// not go ahead on a verdict that was not earned.
	exitUnconfirmed = 4
	// exitInterrupted is 128 + SIGINT, as shells report a Ctrl-C.
	exitInterrupted = 130
)

// exitCodes says what each exit code means, for migready help and
// docs/commands.md.
var exitCodes = []struct {
	code    int
	meaning string
}{
	{exitReady, "ready: every check passed on evidence"},
	{exitNotReady, "not ready: one or more blockers (the pack is still written: it is the to-do list)"},
	{exitInput, "input or usage error: the message names the file, the row or line, the column or key, and a hint; nothing is written"},
	{exitInternal, "internal or output error (the output folder cannot be written, a file is open in Excel)"},
	{exitUnconfirmed, "not confirmed: no blocker found, but some checks could not be told from the inputs and must be verified by hand (the pack is still written)"},
	{exitInterrupted, "interrupted (Ctrl-C): the files being written are rolled back, the previous ones unchanged"},
}

// exitCode turns how a command ended into its exit code: the error it
// returned, else the verdict it reached ("" for a command that reaches
// none).
func exitCode(v assessment.Verdict, err error) int {
	if err != nil {
		switch classOf(err) {
		case classInput:
			return exitInput
		case classInterrupted:
			return exitInterrupted
		}
		return exitInternal
	}
	switch v {
	case "", assessment.VerdictReady:
		return exitReady
	case assessment.VerdictUnconfirmed:
		return exitUnconfirmed
	}
	return exitNotReady // a verdict is earned: anything else is not ready
}

// class is what an error means for the exit code.
type class int

const (
	classInternal    class = iota // a bug, or an output that could not be written
	classInput                    // a mistake on the command line or in an input file: nothing is written
	classInterrupted              // Ctrl-C or SIGTERM
	classOfCause                  // a failure that is what its cause is (a batch's customers)
)

// classOf is the one function that classifies an error: an input file's
// error (*inputs.Error) and migready's own usage and input failures are
// input errors; anything else is internal.
func classOf(err error) class {
	if errors.Is(err, errInterrupted) {
		return classInterrupted
	}
	var f *failure
	if errors.As(err, &f) {
		if c := failures[f.kind].class; c != classOfCause {
			return c
		}
		if f.err == nil {
			return classInternal
		}
		return classOf(f.err)
	}
	var ie *inputs.Error
	if errors.As(err, &ie) {
		return classInput
	}
	return classInternal
}

// A failure is an error of migready's own that a person sees, kept as
// data: a stable kind, the arguments it is about (name/value pairs, as
// templates.Lang.T takes them) and its cause. Error and Hint word it at the
// edge, in English for now, from the kind's texts in failures; a page in
// the representative's language can word the same kind and arguments in
// theirs. Errors in an input file are *inputs.Error, data of the same kind
// (file, row or line, column or key).
type failure struct {
	kind kind
	args []any
	err  error // the cause, or nil
}

// newFailure is a failure of kind about args (name/value pairs).
func newFailure(k kind, args ...any) *failure { return &failure{kind: k, args: args} }

// because sets the failure's cause, which its texts show as {cause}.
func (f *failure) because(err error) *failure {
	f.err = err
	return f
}

func (f *failure) Error() string { return f.word(failures[f.kind].msg) }

// Hint says what to do about it.
func (f *failure) Hint() string { return f.word(failures[f.kind].hint) }

func (f *failure) Unwrap() error { return f.err }

// word fills text's {name} placeholders with the failure's arguments, and
// {cause} with its cause's text (the file names of *fs.PathError and
// *os.LinkError left out: the text names the file itself).
func (f *failure) word(text string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		end := strings.IndexByte(text[max(open, 0):], '}')
		if open < 0 || end < 0 {
			break
		}
		name := text[open+1 : open+end]
		b.WriteString(text[:open])
		switch v, ok := f.arg(name); {
		case ok:
			fmt.Fprint(&b, v)
		case name == "cause" && f.err != nil:
			b.WriteString(causeOf(f.err).Error())
		default:
			b.WriteString(text[open : open+end+1])
		}
		text = text[open+end+1:]
	}
	b.WriteString(text)
	return b.String()
}

func (f *failure) arg(name string) (any, bool) {
	for i := 0; i+1 < len(f.args); i += 2 {
		if f.args[i] == name {
			return f.args[i+1], true
		}
	}
	return nil, false
}

// causeOf is err without the file names *fs.PathError and *os.LinkError
// add (a temporary file's among them): the message names the file.
func causeOf(err error) error {
	var le *os.LinkError
	var pe *fs.PathError
	switch {
	case errors.As(err, &le):
		return le.Err
	case errors.As(err, &pe):
		return pe.Err
	}
	return err
}

// kind is a failure's stable name: what went wrong, whatever the words.
type kind string

const (
	kindUnknownCommand     kind = "unknown-command"
	kindBadFlag            kind = "bad-flag"
	kindNoProfile          kind = "no-profile"
	kindProfiles           kind = "more-than-one-profile"
	kindFolders            kind = "more-than-one-folder"
	kindFormat             kind = "unknown-format"
	kindDate               kind = "bad-date"
	kindLang               kind = "unknown-lang"
	kindLangLike           kind = "unknown-lang-suggest"
	kindJobs               kind = "bad-jobs"
	kindNoTargets          kind = "no-targets"
	kindProfileExists      kind = "profile-exists"
	kindExportNotProfile   kind = "export-not-profile"
	kindNumbersNotProfile  kind = "numbers-not-profile"
	kindInitFile           kind = "init-file"
	kindSlugClash          kind = "slug-clash"
	kindOutputIsInput      kind = "output-is-input"
	kindOtherCustomersPack kind = "other-customers-pack"
	kindUnknownPack        kind = "unknown-pack"
	kindOutputFolder       kind = "output-folder"
	kindProfileFolder      kind = "profile-folder"
	kindInterrupted        kind = "interrupted"
	kindBatchInterrupted   kind = "batch-interrupted"
	kindCustomersFailed    kind = "customers-failed"
	kindServe              kind = "serve"
	kindServeArgs          kind = "serve-args"
)

// failures holds each kind's class and its English words: {name} is an
// argument, {cause} the cause.
var failures = map[kind]struct {
	class     class
	msg, hint string
}{
	kindUnknownCommand: {classInput, `unknown command "{command}"`,
		"the commands are {commands}; run migready help"},
	kindBadFlag: {classInput, "{detail}",
		"run migready help {command} for its flags"},
	kindNoProfile: {classInput, "no profile given",
		"migready {command} PROFILE.toml, e.g. migready {command} examples/harbour-finch/profile.toml"},
	kindProfiles: {classInput, "more than one profile given: {profiles}",
		"pass one PROFILE.toml; the user export goes in -users"},
	kindFolders: {classInput, "more than one folder given: {folders}",
		`migready init [flags] [DIR]; put a name with spaces in quotes: -name "Nordlys Energi AS"`},
	kindFormat: {classInput, `unknown -format "{format}"`,
		"use -format text, json or markdown"},
	kindDate: {classInput, `-date "{date}" is not a date`,
		"write the date as YYYY-MM-DD, e.g. -date 2026-11-24"},
	kindLang: {classInput, `unknown -lang "{lang}"`,
		"supported: {supported}"},
	kindLangLike: {classInput, `unknown -lang "{lang}"`,
		`did you mean -lang "{suggest}"? supported: {supported}`},
	kindJobs: {classInput, "-jobs {jobs}: at least one job is needed",
		"leave -jobs out to use every core"},
	kindNoTargets: {classInput, "no profile or folder given",
		"migready batch -out packs customers/ (every profile.toml below customers/)"},
	kindProfileExists: {classInput, "{file} already exists",
		"migready init never overwrites a profile; pass -force to replace it, or name another folder"},
	kindExportNotProfile: {classInput, "{file} is a user export, not a profile",
		`double-click migready and drop the export on its page; or make a profile first: migready init -users "{file}" -name "Customer AS" FOLDER, then drop FOLDER's profile.toml on migready`},
	kindNumbersNotProfile: {classInput, "{file} is a Numbers spreadsheet, not a profile",
		`export it from Numbers as Excel or CSV (File > Export To), then make a profile: migready init -users EXPORTED-FILE -name "Customer AS" FOLDER`},
	kindInitFile: {classInput, "{file} is a file, not a folder",
		"name the customer's folder: migready init DIR writes DIR/profile.toml (or name the profile itself, ending in .toml)"},
	kindSlugClash: {classInput, "{other} ({othername}) and {profile} ({name}) would both write their packs to the folder {slug}",
		"each would replace the other's pack: if they are one customer, remove one of the profiles; if two, pack them in batches with different -out folders"},
	kindOtherCustomersPack: {classInput, "{file} is the pack of {owner}; this pack of {customer} would replace it",
		"two customers whose packs have the same file names need folders of their own: choose another folder with -out (nothing was written)"},
	kindUnknownPack: {classInput, "{file} is not a summary migready can read, so whose pack this would replace cannot be told: {cause}",
		"move the pack in the way to another folder, or choose another folder with -out (nothing was written)"},
	kindOutputIsInput: {classInput, "{file} is {role}: the pack would write its file {output} over it",
		"an output never replaces an input, and nothing was written: move or rename the file, or choose another folder with -out"},
	kindOutputFolder: {classInternal, "output folder {dir} cannot be made: {cause}",
		"check that you may write there, or choose another folder with -out"},
	kindProfileFolder: {classInternal, "profile folder {dir} cannot be made: {cause}",
		"check that you may write there, or name another folder"},
	kindInterrupted: {classInterrupted, "nothing written, the previous files are unchanged",
		"run the command again to write them"},
	kindBatchInterrupted: {classInterrupted, "{count} of {total} customers not packed (their folders are as they were); the portfolio is as it was",
		"run the batch again to pack them all"},
	kindServe: {classInternal, "the page cannot be served: {cause}",
		"check that this computer lets programs listen on 127.0.0.1 (a firewall may ask); otherwise run migready init and pack from a terminal"},
	kindServeArgs: {classInput, "serve takes no files: {args}",
		"run migready serve and add the files on the page; to pack a profile, drop it on migready or run migready pack PROFILE.toml"},
	kindCustomersFailed: {classOfCause, "{failed} of {total} customers could not be packed",
		"each one's error is above and in the portfolio; the other customers' packs are written"},
}

// internalHint is the hint of an error migready did not foresee.
const internalHint = "this should not happen: please send the command you ran and this message to migready's developers"

// A problem is one error as a person reads it: what is wrong, and the
// hint; found is what the input file holds there (inputs.Error.Found),
// which the terminal shows with the hint and an output never does.
type problem struct{ msg, hint, found string }

// terminalHint is the hint as report prints it: what was found, then the
// hint.
func (p problem) terminalHint() string {
	return (&inputs.Error{Hint: p.hint, Found: p.found}).HintFound()
}

// problems is err as it is shown: every problem of an input file
// (inputs.Errors), each problem of joined errors, or err itself.
func problems(err error) []problem {
	switch e := err.(type) {
	case *customerError:
		ps := problems(e.err)
		for i := range ps {
			ps[i].msg = e.name(ps[i].msg)
		}
		return ps
	case inputs.Errors:
		ps := make([]problem, len(e))
		for i, ie := range e {
			ps[i] = problem{ie.Error(), ie.Hint, ie.Found}
		}
		return ps
	case interface{ Unwrap() []error }:
		var ps []problem
		for _, e := range e.Unwrap() {
			ps = append(ps, problems(e)...)
		}
		return ps
	}
	var found string
	if ie := (*inputs.Error)(nil); errors.As(err, &ie) {
		found = ie.Found
	}
	return []problem{{err.Error(), hintOf(err), found}}
}

// hintOf is what err says to do: its Hint(), or an input file error's
// hint, or internalHint.
func hintOf(err error) string {
	var h interface{ Hint() string }
	if errors.As(err, &h) {
		return h.Hint()
	}
	var ie *inputs.Error
	if errors.As(err, &ie) {
		return ie.Hint
	}
	return internalHint
}

// report prints err in the house style: "migready: error: …" (or
// "migready: interrupted: …") for each problem, then "migready: hint: …",
// once for a run of problems with the same hint.
func report(w io.Writer, err error) {
	if err == nil {
		return
	}
	prefix := "migready: error: "
	if classOf(err) == classInterrupted {
		prefix = "migready: interrupted: "
	}
	ps := problems(err)
	// A message quotes what the customer wrote: what the terminal shows
	// is what is there (a direction override written out, not obeyed).
	for i, p := range ps {
		for _, line := range strings.Split(p.msg, "\n") {
			fmt.Fprintln(w, prefix+shown.Visible(line))
		}
		if h := p.terminalHint(); h != "" && (i+1 == len(ps) || ps[i+1].terminalHint() != h) {
			fmt.Fprintln(w, "migready: hint: "+shown.Visible(h))
		}
	}
	if ies := fileErrors(err); len(ies) > 0 {
		fmt.Fprintf(w, "migready: %s in %s; nothing was written\n", plural(len(ies), "problem"), ies[0].File)
	}
}

// fileErrors is err's problems in one input file, if that is what it is.
func fileErrors(err error) inputs.Errors {
	switch e := err.(type) {
	case *customerError:
		return fileErrors(e.err)
	case inputs.Errors:
		return e
	}
	return nil
}

// oneLine is err as the portfolio shows it: every problem, a line each,
// with its hint after the last of a run of problems that share it (as
// report prints them), without what was found in the input file (it may
// be anything).
func oneLine(err error) string {
	ps := problems(err)
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.msg
		if p.hint != "" && (i+1 == len(ps) || ps[i+1].hint != p.hint) {
			msgs[i] += " (hint: " + p.hint + ")"
		}
	}
	return strings.Join(msgs, "\n")
}

// customerError is the error of one customer of a batch: it names the
// customer's profile, unless it already starts with it.
type customerError struct {
	profile string
	err     error
}

func (e *customerError) name(msg string) string {
	if strings.HasPrefix(msg, e.profile) {
		return msg
	}
	return e.profile + ": " + msg
}

func (e *customerError) Error() string {
	ps := problems(e)
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.msg
	}
	return strings.Join(msgs, "\n")
}

func (e *customerError) Hint() string  { return hintOf(e.err) }
func (e *customerError) Unwrap() error { return e.err }
