package main

import (
	"flag"
	"os"
	"runtime"
	"time"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
)

var batchCmd = &command{
	name:  "batch",
	args:  "PROFILE.toml... | FOLDER...",
	short: "pack many customers and write a portfolio",
	long: `Batch is the consultant's desk: it packs many customers in one run and
writes a portfolio, an overview for whoever asks which customers are
ready this month.

    migready batch -out packs -date 2026-11-24 customers/

A FOLDER means every profile.toml below it (in a folder without one,
every *.toml; hidden folders are skipped). Each customer's pack goes to
DIR/<slug>/, the same five files with the same names as pack writes.
-jobs customers are packed at once, each on one core (-jobs 1 leaves the
other cores free); each pack is written as soon as it is done and only a
small row per customer is kept, so memory grows with -jobs, not with the
number of customers.

On a terminal a progress bar shows the customers done, the one just
finished and the time left; otherwise each customer gets a line, in the
order of the profiles:

    not-ready   Blocked Co: 1 blocker, 0 to verify: packs/blocked-co/…

One bad customer never stops the others: its errors are printed once,
on stderr, with the profile's path, the row or line and the hint; its
line and the summary at the end name its first problem, and it gets an
error row in the portfolio. Two
profiles that would write to the same folder are an error before
anything is written.

-since, -tracker and -mask do for each customer what they do for pack,
each customer's file found in its own folder: DIR/<slug>/ of -since holds
its earlier packs, DIR/<slug>/ of -tracker the workbook it sent back
(the workbook of its latest pack before -date; its own copy before
migready's). A customer without one is packed without it, with a
notice. With -mask every pack is a masked copy, its files named
…-masked-…, and the portfolio links those.

The portfolio is DIR/portfolio.html, portfolio.csv and portfolio.json:
a row per customer (name, tenant, language, verdict, blockers, checks to
verify, users who can log in, the downtime, the progress since the last
pack, links to its PDF and HTML), those that need attention first, and
a count per verdict. The HTML is self-contained like the pack; the CSV
is UTF-8 with a byte order mark, its cells separated as Excel expects
where the portfolio's language (-lang) is spoken: ";" for nb, sv, da, de
and nl, "," for en, so that it opens in columns with Nordic letters
right; it never takes customer data for a formula. The same inputs and
-date give the same portfolio, byte for byte, with any -jobs.

The exit code is 2 if any customer had an input error, else 3 if a pack
could not be written, else 1 if any is not ready, else 4 if any is not
confirmed, else 0. Ctrl-C stops the batch (exit code 130): no further
customer is started, the packs being written are rolled back (a
customer's folder holds all of its new pack or all of its old one) and
the portfolio is left as it was.
`,
	flags: func(fs *flag.FlagSet) runner {
		o := &batchOptions{}
		fs.StringVar(&o.out, "out", ".", "the folder `DIR` to write into: DIR/<slug>/ for each customer, and the portfolio (default: the current folder)")
		fs.IntVar(&o.jobs, "jobs", runtime.NumCPU(), "pack `N` customers at once (default: the number of cores)")
		fs.StringVar(&o.since, "since", "", "compare each customer with its latest earlier pack in `DIR`/<slug>/, DIR being the -out of an earlier batch (a customer without one: with nothing)")
		fs.StringVar(&o.tracker, "tracker", "", "carry each customer's notes forward from the remediation workbook they sent back, found in `DIR`/<slug>/: the workbook of their latest pack before -date, the customer's own copy first (a customer without one: none)")
		fs.BoolVar(&o.mask, "mask", false, "write each customer's pack as a masked copy to share beyond the customer (as pack -mask); the portfolio links the masked files")
		defineLang(fs, &o.lang, templates.Default, "the portfolio", "; each pack speaks its customer's language (default: en)")
		defineDate(fs, &o.date)
		return o
	},
}

// batchOptions are the flags of migready batch.
type batchOptions struct {
	out   string
	jobs  int
	since string // the -out of an earlier batch: DIR/<slug>/ holds a customer's packs
	// tracker: DIR/<slug>/ holds the workbook a customer sent back.
	tracker string
	mask    bool   // each pack a masked copy
	lang    string // the portfolio's language
	date    string
}

// batchSettings are batch's flags, read.
type batchSettings struct {
	out     string
	jobs    int
	since   string
	tracker string
	mask    bool
	lang    *templates.Lang // the portfolio's
	date    time.Time
	targets []string // profiles and folders
}

func (o *batchOptions) run(e *env, targets []string) (assessment.Verdict, error) {
	s := &batchSettings{out: o.out, jobs: o.jobs, since: o.since, tracker: o.tracker, mask: o.mask, targets: targets}
	if len(targets) == 0 {
		return "", newFailure(kindNoTargets)
	}
	if o.jobs < 1 {
		return "", newFailure(kindJobs, "jobs", o.jobs)
	}
	// The same reader as init, check and pack: "no", "nb-NO" … are accepted.
	code, err := langFlag(o.lang)
	if err != nil {
		return "", err
	}
	if s.lang, err = templates.Load(code); err != nil {
		return "", err
	}
	if s.date, err = parseDate(o.date); err != nil {
		return "", err
	}
	return runBatch(e, s)
}

// runBatch plans the batch (its customers and their folders), packs the
// customers and collects their outcomes into the portfolio.
func runBatch(e *env, s *batchSettings) (assessment.Verdict, error) {
	custs, err := planBatch(s.targets)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(s.out, 0o755); err != nil {
		return "", newFailure(kindOutputFolder, "dir", s.out).because(err)
	}
	workers := min(s.jobs, len(custs))
	defer tuneGC(workers)()
	done, stop := packCustomers(s, custs, workers)
	defer stop()
	return collect(e, s, custs, done)
}
