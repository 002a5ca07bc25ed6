// Command migready turns a customer's SuperOffice user export and a short
// TOML profile into a migration readiness pack for SuperOffice CRM Online.
//
// Exit codes: 0 ready, 1 not ready (blockers found; the pack is still
// written), 2 input or usage error (nothing written), 3 internal or output
// error (e.g. the output folder is not writable), 4 not confirmed (no
// blocker found, but checks the inputs cannot tell must be verified by hand;
// the pack is still written).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// version, commit and date are set at build time for releases
// (scripts/release.sh: -ldflags "-X main.version=… -X main.commit=… -X main.date=…");
// a plain go build takes commit and date from the build info, when it has them.
var (
	version = "0.1.0"
	commit  = ""
	date    = ""
)

const (
	exitReady    = 0
	exitNotReady = 1
	exitInput    = 2
	exitInternal = 3
	// exitUnconfirmed is not 0: a script that treats 0 as "go ahead" must
	// not go ahead on a verdict that was not earned.
	exitUnconfirmed = 4
)

const usage = `migready turns a SuperOffice user export and a customer profile into a
migration readiness pack for SuperOffice CRM Online.

Usage:
    migready init  [-lang CODE] [-users EXPORT] [-name "Customer AS"] [-force] [DIR]
    migready check [-users FILE] [-sheet NAME] [-lang CODE] [-since PREVIOUS] [-tracker XLSX] [-mask] [-format text|json|markdown] [-date YYYY-MM-DD] PROFILE.toml
    migready pack  [-users FILE] [-sheet NAME] [-out DIR] [-lang CODE] [-since PREVIOUS] [-tracker XLSX] [-mask] [-date YYYY-MM-DD] PROFILE.toml
    migready batch [-out DIR] [-jobs N] [-since DIR] [-lang CODE] [-date YYYY-MM-DD] PROFILE.toml... | FOLDER
    migready version
    migready PROFILE.toml          (what Windows runs when a profile is dropped on migready)

init writes DIR/profile.toml (default: the current folder) with every key
explained and what the export tells filled in; it never overwrites a profile
without -force. check prints the readiness checklist; pack writes
<slug>-<date>-readiness.pdf, -readiness.html, -remediation.xlsx, -summary.json
and -ticket.md; migready PROFILE.toml writes them into a folder "pack" next
to the profile.
batch packs many customers (a FOLDER: every profile.toml below it) into
DIR/<slug>/ and writes DIR/portfolio.html, .csv and .json: one row per customer.

Options:
    -users FILE    user export (.xlsx, .csv or .txt); overrides the profile's users
                   (init: the export to learn from)
    -name NAME     init only: the customer's company name
    -force         init only: replace an existing profile.toml
    -sheet NAME    worksheet to read in an .xlsx export; overrides the profile's sheet
    -lang CODE     language of the texts: en, nb, sv, da, de, nl; overrides the
                   profile (batch: the portfolio's language, default en; each
                   pack speaks its customer's language)
    -mask          a masked copy to share beyond the customer: names become
                   initials, addresses keep only their domain
    -tracker XLSX  the remediation workbook the customer sent back: their
                   status, owner, due date and comment carry forward
    -since PREV    the previous pack (its -summary.json, or the folder of packs):
                   say what was resolved, what is new and what is still open;
                   batch: the -out of an earlier batch (DIR/<slug>/ per customer)
    -format F      check only: text (default), json (the summary) or markdown
                   (a ticket summary of at most 40 lines)
    -out DIR       pack and batch: folder to write into (default: the current folder)
    -jobs N        batch only: customers packed at once (default: the number of cores)
    -date DATE     date printed in the outputs, YYYY-MM-DD (default: today)

Exit codes (batch: 2 if any customer had an input error, else 3 if a pack
could not be written, else 1 if any is not ready, else 4 if any is not
confirmed, else 0):
    0  ready: every check passed on evidence
    1  not ready: one or more blockers (the pack is still written)
    2  input or usage error: nothing is written
    3  internal or output error
    4  not confirmed: no blocker found, but some checks could not be told
       from the inputs and must be verified by hand (the pack is still written)
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without os.Exit, so that defers run and tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// Double-clicked in Explorer: show the usage until Enter is pressed.
		fmt.Fprint(stderr, usage)
		holdWindow(stdout, templates.Default)
		return exitInput
	}
	switch args[0] {
	case "init":
		o, err := parseInitFlags(args[1:])
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return exitReady
		}
		if err != nil {
			return fail(stderr, err)
		}
		return initProfile(o, stdout, stderr)
	case "check", "pack":
		opts, err := parseFlags(args[0], args[1:], stderr)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return exitReady
		}
		if err != nil {
			return fail(stderr, err)
		}
		if args[0] == "check" {
			return check(opts, stdout, stderr)
		}
		return pack(opts, stdout, stderr)
	case "batch":
		opts, err := parseBatchFlags(args[1:])
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return exitReady
		}
		if err != nil {
			return fail(stderr, err)
		}
		return batch(opts, stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprint(stdout, versionText())
		return exitReady
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitReady
	default:
		if len(args) == 1 && looksLikeFile(args[0]) {
			return dropped(args[0], stdout, stderr)
		}
		fmt.Fprintf(stderr, "migready: error: unknown command %q\n", args[0])
		fmt.Fprintln(stderr, "migready: hint: the commands are init, check, pack, batch and version; run migready help")
		return exitInput
	}
}

type options struct {
	cmd     string
	profile string
	users   string
	sheet   string
	lang    string
	format  string
	out     string
	since   string // the previous pack: its summary JSON or its folder
	mask    bool   // a masked copy for sharing beyond the customer
	tracker string // the remediation workbook the customer sent back
	date    time.Time
}

// usageError is a mistake on the command line.
type usageError struct{ msg, hint string }

func (e *usageError) Error() string { return e.msg }

func parseFlags(cmd string, args []string, stderr io.Writer) (*options, error) {
	o := &options{cmd: cmd}
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.users, "users", "", "")
	fs.StringVar(&o.sheet, "sheet", "", "")
	fs.StringVar(&o.lang, "lang", "", "")
	fs.StringVar(&o.since, "since", "", "")
	fs.BoolVar(&o.mask, "mask", false, "")
	fs.StringVar(&o.tracker, "tracker", "", "")
	date := fs.String("date", "", "")
	if cmd == "check" {
		fs.StringVar(&o.format, "format", "text", "")
	} else {
		fs.StringVar(&o.out, "out", ".", "")
	}
	// Accept flags before and after the profile, as people type them.
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, err
	}
	switch len(positional) {
	case 0:
		return nil, &usageError{msg: "no profile given", hint: "migready " + cmd + " PROFILE.toml, e.g. migready " + cmd + " examples/fjordkraft/profile.toml"}
	case 1:
		o.profile = positional[0]
	default:
		return nil, &usageError{msg: "more than one profile given: " + strings.Join(positional, " "), hint: "pass one PROFILE.toml; the user export goes in -users"}
	}
	if o.format != "" && o.format != "text" && o.format != "json" && o.format != "markdown" {
		return nil, &usageError{msg: fmt.Sprintf("unknown -format %q", o.format), hint: "use -format text, json or markdown"}
	}
	d, err := parseDate(*date)
	if err != nil {
		return nil, err
	}
	o.date = d
	return o, nil
}

// fail prints err in the house style and returns its exit code.
func fail(stderr io.Writer, err error) int {
	var ies inputs.Errors
	var ie *inputs.Error
	var ue *usageError
	switch {
	case errors.As(err, &ies):
		for _, e := range ies {
			fail(stderr, e)
		}
		fmt.Fprintf(stderr, "migready: %s in %s; nothing was written\n", plural(len(ies), "problem"), ies[0].File)
		return exitInput
	case errors.As(err, &ie):
		fmt.Fprintf(stderr, "migready: error: %s\n", ie.Error())
		if ie.Hint != "" {
			fmt.Fprintf(stderr, "migready: hint: %s\n", ie.Hint)
		}
		return exitInput
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "migready: error: %s\n", ue.msg)
		if ue.hint != "" {
			fmt.Fprintf(stderr, "migready: hint: %s\n", ue.hint)
		}
		return exitInput
	default:
		fmt.Fprintf(stderr, "migready: error: %v\n", err)
		var h interface{ Hint() string }
		if errors.As(err, &h) && h.Hint() != "" {
			fmt.Fprintf(stderr, "migready: hint: %s\n", h.Hint())
		}
		return exitInternal
	}
}
