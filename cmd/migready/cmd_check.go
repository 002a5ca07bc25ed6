package main

import (
	"flag"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
)

var checkCmd = &command{
	name:  "check",
	args:  "PROFILE.toml",
	short: "print a customer's readiness checklist",
	long: `Check prints the readiness checklist of the customer PROFILE.toml
describes: the verdict, each check with what it found, and what to do
first. Colour shows only on a terminal that shows it (on Windows migready
turns on the console's colours, or prints none); NO_COLOR turns it off.

With -format json it prints the summary document (docs/summary.md), with
-format markdown a summary of at most 40 lines for the migration ticket.
Nothing is written.
`,
	flags: func(fs *flag.FlagSet) runner {
		o := &checkOptions{}
		o.customer.define(fs)
		fs.StringVar(&o.format, "format", "text", "the `FORMAT` to print: text (the checklist, the default), json (the summary document) or markdown (a ticket summary)")
		return o
	},
}

type checkOptions struct {
	customer customerFlags
	format   string
}

func (o *checkOptions) run(e *env, args []string) (assessment.Verdict, error) {
	in, err := o.customer.input("check", args)
	if err != nil {
		return "", err
	}
	switch o.format {
	case "text", "json", "markdown":
	default:
		return "", newFailure(kindFormat, "format", o.format)
	}
	return runCheck(e, in, o.format)
}

// runCheck prints the customer's checklist, summary or ticket in format.
func runCheck(e *env, in *reportInput, format string) (assessment.Verdict, error) {
	defer tuneGCOne()()
	r, _, err := load(in, e.stderr, false)
	if err != nil {
		return "", err
	}
	switch format {
	case "json":
		err = render.JSON(e.stdout, r)
	case "markdown":
		err = render.Ticket(e.stdout, r)
	default:
		err = render.Text(e.stdout, r, colorWanted(e.stdout))
	}
	if err != nil {
		return "", err
	}
	return r.Assessment.Verdict, nil
}
