package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
)

var packCmd = &command{
	name:  "pack",
	args:  "PROFILE.toml",
	short: "write a customer's readiness pack",
	long: `Pack writes the readiness pack of the customer PROFILE.toml describes
into the folder -out, and prints the verdict and the files:

    <slug>-<date>-readiness.pdf     the report for the customer's admin
    <slug>-<date>-readiness.html    the same, for a browser
    <slug>-<date>-remediation.xlsx  a row per finding, to fill in and return
    <slug>-<date>-summary.json      the summary document (docs/summary.md)
    <slug>-<date>-ticket.md         a summary for the migration ticket

<slug> is the customer's name in lower-case Latin letters and digits,
words joined by dashes ("Bølgen & Moi ASA" gives bolgen-moi-asa, "ООО
Ромашка" ooo-romashka); a name in another script gives customer- and
eight hex digits of a hash of the name.

All or none: each file is first written to a hidden temporary file in
-out, and only when all are complete are the previous files set aside
and the new ones renamed into place. If any file cannot be put in place
(the workbook is open in Excel, a folder has one of the names) or the
run is interrupted (Ctrl-C), the previous pack is restored byte for byte
and no temporary file is left behind; the error names the file and says
what to do. A run killed outright (kill -9, a power cut) cannot clean up:
the next pack of the customer into the folder removes the hidden files it
left, and puts back a previous file it had set aside. A file of the pack
never replaces a file it is made from: an export, a returned workbook or
a previous summary under the name of one of the pack's files in -out is
an input error, before anything is written.

With -since and -tracker a pack builds on the previous one and on the
workbook the customer sent back (docs/progress.md). With -mask it is a
copy to share beyond the customer, its files named …-masked-….

migready PROFILE.toml, with no command, is what Windows runs when a
profile is dropped on migready.exe: pack, into a folder "pack" next to
the profile, with the verdict and the profile's problems in the system's
language (see Languages in migready help). When the program has its
console window to itself (started from Explorer), it waits for Enter
before the window closes; from a terminal, a script or a pipe it never
waits.
`,
	flags: func(fs *flag.FlagSet) runner {
		o := &packOptions{}
		o.customer.define(fs)
		fs.StringVar(&o.out, "out", ".", "the folder `DIR` to write the pack into (default: the current folder)")
		return o
	},
}

type packOptions struct {
	customer customerFlags
	out      string
}

func (o *packOptions) run(e *env, args []string) (assessment.Verdict, error) {
	in, err := o.customer.input("pack", args)
	if err != nil {
		return "", err
	}
	return runPack(e, in, o.out)
}

// runPack writes the customer's pack into out, all or nothing.
func runPack(e *env, in *reportInput, out string) (assessment.Verdict, error) {
	defer tuneGCOne()()
	// The PDF's faces are parsed on the second core while the export is
	// read, after the texts and the logo: a tenth of a pack's time.
	in.prepare = render.Prepare
	r, files, err := renderPack(in, e.stderr, false)
	if err != nil {
		return "", err
	}
	if err := noInputReplaced(out, files, in.readFiles); err != nil {
		return "", err
	}
	if err := noOtherCustomerReplaced(out, files, r.Assessment.Customer); err != nil {
		return "", err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", newFailure(kindOutputFolder, "dir", out).because(err)
	}
	if err := writeAll(out, files); errors.Is(err, errInterrupted) {
		return "", newFailure(kindInterrupted).because(err)
	} else if err != nil {
		return "", err
	}
	l := r.Lang
	if e.dropped != nil {
		l = e.dropped.lang // the representative's console, whatever the pack's language
	}
	fmt.Fprintln(e.stdout, render.VerdictLine(r.Assessment, l, colorWanted(e.stdout)))
	for _, f := range files {
		fmt.Fprintln(e.stdout, filepath.Join(out, f.Name))
	}
	return r.Assessment.Verdict, nil
}
