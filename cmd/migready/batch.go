package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/render"
	"github.com/migready/migready/render/portfolio"
	"github.com/migready/migready/render/summary"
	"github.com/migready/migready/templates"
)

// batchOptions are the flags of migready batch.
type batchOptions struct {
	out     string
	jobs    int
	since   string // folder of earlier batches: DIR/<slug>/ holds a customer's packs
	lang    string // the portfolio's language
	date    time.Time
	targets []string // profiles and folders
}

func parseBatchFlags(args []string) (*batchOptions, error) {
	o := &batchOptions{}
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.out, "out", ".", "")
	fs.IntVar(&o.jobs, "jobs", runtime.NumCPU(), "")
	fs.StringVar(&o.since, "since", "", "")
	fs.StringVar(&o.lang, "lang", templates.Default, "")
	date := fs.String("date", "", "")
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{msg: err.Error(), hint: "run migready help for the options of batch"}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		o.targets = append(o.targets, args[0])
		args = args[1:]
	}
	if len(o.targets) == 0 {
		return nil, &usageError{msg: "no profile or folder given", hint: "migready batch -out packs customers/ (every profile.toml below customers/)"}
	}
	if o.jobs < 1 {
		return nil, &usageError{msg: fmt.Sprintf("-jobs %d: at least one job is needed", o.jobs), hint: "leave -jobs out to use every core"}
	}
	// The same reader as init, check and pack: "no", "nb-NO" … are accepted.
	code, err := langFlag(o.lang)
	if err != nil {
		return nil, err
	}
	o.lang = code
	d, err := parseDate(*date)
	if err != nil {
		return nil, err
	}
	o.date = d
	return o, nil
}

// parseDate reads -date; empty is today.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		now := time.Now()
		return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, &usageError{msg: fmt.Sprintf("-date %q is not a date", s), hint: "write the date as YYYY-MM-DD, e.g. -date 2026-11-24"}
	}
	return d, nil
}

// findProfiles expands the targets: a file is a profile; a folder means
// every profile.toml below it, or, in a folder without one, every *.toml.
// Hidden folders are skipped. The result is sorted and without repeats.
func findProfiles(targets []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if abs, err := filepath.Abs(p); err == nil && !seen[abs] {
			seen[abs] = true
			out = append(out, p)
		}
	}
	for _, t := range targets {
		st, err := os.Stat(t)
		if err != nil {
			return nil, &inputs.Error{File: t, Msg: "no such profile or folder", Hint: "pass PROFILE.toml files or a folder that holds them"}
		}
		if !st.IsDir() {
			add(t)
			continue
		}
		var found []string
		err = filepath.WalkDir(t, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != t && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				if _, err := os.Stat(filepath.Join(p, "profile.toml")); err == nil {
					found = append(found, filepath.Join(p, "profile.toml"))
				} else {
					tomls, _ := filepath.Glob(filepath.Join(p, "*.toml"))
					found = append(found, tomls...)
				}
			}
			return nil
		})
		if err != nil {
			return nil, &inputs.Error{File: t, Msg: "cannot read the folder: " + err.Error(), Hint: "check the folder's permissions"}
		}
		if len(found) == 0 {
			return nil, &inputs.Error{File: t, Msg: "no profile (*.toml) in this folder or below", Hint: "each customer's folder holds its profile.toml and its export"}
		}
		sort.Strings(found)
		for _, p := range found {
			add(p)
		}
	}
	return out, nil
}

// customer is one profile of a batch and, once done, its outcome.
type customer struct {
	profile string
	name    string // from the first reading of the profile; "" when it failed
	slug    string
	tenant  string
	lang    string
	err     error // an input error found before the batch started
}

// result is what a worker hands back: the portfolio's row and what to
// print. The report and the pack's files are gone by then.
type result struct {
	row      portfolio.Row
	files    []string
	notices  string
	err      error
	internal bool
	// stopped: not packed, or its pack rolled back, because the batch was
	// interrupted.
	stopped bool
}

func batch(o *batchOptions, stdout, stderr io.Writer) int {
	paths, err := findProfiles(o.targets)
	if err != nil {
		return fail(stderr, err)
	}
	portfolioLang, err := templates.Load(o.lang)
	if err != nil {
		return fail(stderr, err)
	}
	// A first, cheap reading of every profile finds the slugs: two
	// customers writing to one folder is an error before anything is written.
	custs := make([]customer, len(paths))
	bySlug := map[string]string{}
	var clashes []string
	for i, path := range paths {
		c := customer{profile: path}
		data, err := inputs.ReadFile(path, inputs.RoleProfile)
		if err == nil {
			var p *inputs.Profile
			if p, err = inputs.ParseProfile(path, data); err == nil {
				c.name, c.slug = p.Customer.Name, readiness.Slug(p.Customer.Name)
				c.tenant, c.lang = p.Customer.Tenant, p.Customer.Language
				if other, ok := bySlug[c.slug]; ok {
					clashes = append(clashes, fmt.Sprintf("%s and %s are both %q (folder %s)", other, path, c.name, c.slug))
				}
				bySlug[c.slug] = path
			}
		}
		c.err = err
		custs[i] = c
	}
	if len(clashes) > 0 {
		for _, c := range clashes[:len(clashes)-1] {
			fmt.Fprintf(stderr, "migready: error: %s\n", c)
		}
		return fail(stderr, &usageError{msg: clashes[len(clashes)-1],
			hint: "two profiles of one customer would overwrite each other's pack: remove one, or give the customers different names"})
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return fail(stderr, fmt.Errorf("output folder: %w", err))
	}
	workers := min(o.jobs, len(custs))
	defer tuneGC(workers)()
	// -jobs N renders at most N packs at once: when every job has a
	// customer, each packs its customer on one core; only a batch of fewer
	// customers than -jobs gives each pack a second core for its PDF.
	oneCore := workers == o.jobs

	// -jobs N packs N customers at a time, each from reading its export to
	// its written pack, so that -jobs 1 keeps to one core (writing a pack
	// while the next is rendered used a third of a second core). Only the
	// wait for the disk, once a pack's files are written, overlaps the
	// rendering of the job's next customer (a tenth of the time). Every
	// customer is queued from the start: a job never waits for a goroutine
	// to hand it the next one, nor to take its result.
	//
	// Ctrl-C (or SIGTERM) stops the batch: no further customer is started,
	// the packs being written are rolled back (each customer's folder holds
	// all of its new pack or all of its old one) and the portfolio is left
	// as it was.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	stop, finished := make(chan struct{}), make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-sig:
			close(stop)
		case <-finished:
		}
	}()
	stopped := func() bool {
		select {
		case <-stop:
			return true
		default:
			return false
		}
	}
	jobs := make(chan int, len(custs))
	for i := range custs {
		jobs <- i
	}
	close(jobs)
	// outcome is customer i's result.
	type outcome struct {
		i int
		r result
	}
	done := make(chan outcome, len(custs))
	for w := 0; w < workers; w++ {
		go func() {
			var committing sync.WaitGroup // the job's last pack
			for i := range jobs {
				if stopped() {
					done <- outcome{i, result{stopped: true}}
					continue
				}
				p := packCustomer(o, &custs[i], oneCore)
				commit := p.stage(o, &custs[i], stopped)
				committing.Wait()
				committing.Go(func() { done <- outcome{i, commit()} })
			}
			committing.Wait()
		}()
	}

	bar := isTerminal(stdout)
	start := time.Now()
	rows := make([]portfolio.Row, 0, len(custs))
	pending := map[int]result{}
	var failures []string
	var inputErrs, internalErrs, interrupted int
	next := 0
	for n := 1; n <= len(custs); n++ {
		d := <-done
		pending[d.i] = d.r
		// Print in the order of the profiles, whichever finished first, so
		// that the output of a batch is the same every time.
		for ; ; next++ {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if r.stopped {
				interrupted++
				continue
			}
			rows = append(rows, r.row)
			if bar {
				fmt.Fprint(stdout, "\r\033[K")
			}
			io.WriteString(stderr, r.notices)
			if r.err != nil {
				if r.internal {
					internalErrs++
				} else {
					inputErrs++
				}
				failures = append(failures, r.row.Error)
				fail(stderr, prefixed(custs[next].profile, r.err))
			}
			if !bar {
				fmt.Fprintln(stdout, batchLine(o.out, &r))
			}
		}
		if bar {
			fmt.Fprint(stdout, "\r\033[K", progressBar(n, len(custs), custs[d.i], time.Since(start)))
		}
	}
	if bar {
		fmt.Fprint(stdout, "\r\033[K")
	}
	if interrupted > 0 {
		fmt.Fprintf(stderr, "migready: interrupted: %d of %s not packed (their folders are as they were); the portfolio is as it was\n",
			interrupted, plural(len(custs), "customer"))
		return exitInterrupted
	}

	portfolio.Sort(rows)
	p := &portfolio.Portfolio{Date: o.date, Tool: "migready " + version, Rows: rows}
	files, err := portfolio.Files(p, portfolioLang)
	if err == nil {
		err = writeAll(o.out, files)
	}
	if err != nil {
		return fail(stderr, err)
	}

	c := p.Count()
	fmt.Fprintf(stdout, "%s: %d not ready, %d not confirmed, %d ready, %d failed\n",
		plural(len(rows), "customer"), c.NotReady, c.Unconfirmed, c.Ready, c.Error)
	if len(failures) > 0 {
		fmt.Fprintln(stdout, "failed:")
		for _, f := range failures {
			fmt.Fprintln(stdout, "  "+f)
		}
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Join(o.out, f.Name))
	}
	fmt.Fprintln(stdout, "portfolio:", strings.Join(names, " "))
	switch {
	case inputErrs > 0:
		return exitInput
	case internalErrs > 0:
		return exitInternal
	case c.NotReady > 0:
		return exitNotReady
	case c.Unconfirmed > 0:
		return exitUnconfirmed
	}
	return exitReady
}

// tuneGC lets the garbage collector run less often during a batch (a pack
// allocates much and keeps little: collecting at 4× the live heap instead
// of 2× saves about a tenth of the CPU time) and sets a soft memory limit
// per job, which a batch reaches in normal work, so that its peak memory is
// set by -jobs and not by chance: measured, 200 and 2,000 customers peak
// within 5 % of each other (without the limit, 30 % apart). Since a pack
// allocates 10 MB rather than 50, the limit costs no measurable time with
// two jobs, and about a tenth of the CPU time with one (41 MB peak instead
// of 75). A customer much larger than the limit still gets its memory; the
// runtime then collects more often for it. GOGC or GOMEMLIMIT set by the
// user win. It returns the function that restores the settings. check and
// pack tune the same way with the limit of one large customer (tuneGCOne),
// for the whole command: tuning inside load, which every job of a batch
// calls, let overlapping jobs restore each other's settings, and batches
// ran with check's limit, four times theirs (200 and 2,000 customers
// peaked at 97 and 116 MB).
func tuneGC(jobs int) func() { return tuneGCLimit(300, int64(jobs)*memoryPerJob) }

// tuneGCOne is tuneGC for check and pack, one customer of any size: the
// garbage collector runs a quarter as often, up to a soft limit of
// memoryOne. Checking 50,000 users is then about a sixth faster, and its
// peak stays under the limit plus what a larger export truly needs.
func tuneGCOne() func() { return tuneGCLimit(300, memoryOne) }

// memoryOne is check's and pack's soft memory limit (see tuneGCOne): the
// 50,000-user pack peaks at about 100 MB without it.
const memoryOne = 128 << 20

func tuneGCLimit(percent int, limit int64) func() {
	restore := []func(){}
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(percent)
		restore = append(restore, func() { debug.SetGCPercent(old) })
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(limit)
		restore = append(restore, func() { debug.SetMemoryLimit(old) })
	}
	return func() {
		for _, f := range restore {
			f()
		}
	}
}

// memoryPerJob is the soft memory limit of a batch per job (see tuneGC):
// a typical customer's pack (a few hundred users) needs 10–15 MB.
const memoryPerJob = 32 << 20

// pendingPack is a customer's pack rendered and not yet written: res is
// its outcome so far (an error, or nothing yet), row its portfolio row once
// written.
type pendingPack struct {
	res   result
	row   portfolio.Row
	files []render.File // nil when res holds an error
}

// packCustomer loads and renders one customer's pack; every error stays
// with the customer.
func packCustomer(o *batchOptions, c *customer, oneCore bool) (p pendingPack) {
	p.res.row = portfolio.Row{Name: c.name, Slug: c.slug, Tenant: c.tenant, Language: c.lang, Verdict: portfolio.VerdictError,
		Date: o.date.Format(time.DateOnly), Profile: filepath.ToSlash(c.profile)}
	if c.err != nil {
		p.res = failedResult(p.res, c.profile, c.err)
		return p
	}
	var notices bytes.Buffer
	defer func() { p.res.notices = notices.String() }()
	opt := &options{cmd: "pack", profile: c.profile, date: o.date}
	if o.since != "" {
		dir := filepath.Join(o.since, c.slug)
		if _, err := summary.Latest(dir, c.slug, o.date); err != nil {
			fmt.Fprintf(&notices, "migready: notice: %s: no pack of %s before %s in %s; compared with nothing\n",
				c.profile, c.slug, o.date.Format(time.DateOnly), dir)
		} else {
			opt.since = dir
		}
	}
	r, err := load(opt, &notices)
	if err != nil {
		p.res = failedResult(p.res, c.profile, err)
		return p
	}
	packFiles := render.Pack
	if oneCore {
		packFiles = render.PackOnOneCore
	}
	files, err := packFiles(r)
	if err != nil {
		p.res = failedResult(p.res, c.profile, err)
		return p
	}
	p.row = portfolio.RowOf(r, c.slug, filepath.ToSlash(c.profile))
	p.files = files
	return p
}

// stage writes the rendered pack into DIR/<slug>/ as temporary files and
// returns the commit that puts them in place and gives the customer's
// outcome. A pack with an error has nothing to write: its commit only
// returns the outcome.
func (p *pendingPack) stage(o *batchOptions, c *customer, interrupted func() bool) (commit func() result) {
	res := p.res
	if p.files == nil {
		return func() result { return res }
	}
	dir := filepath.Join(o.out, c.slug)
	_, err := os.Lstat(dir)
	created := errors.Is(err, fs.ErrNotExist)
	// A folder made for a pack that is not written is removed again.
	failed := func(err error) func() result {
		if created {
			os.Remove(dir) // only if empty
		}
		if errors.Is(err, errInterrupted) {
			return func() result { return result{row: res.row, stopped: true} }
		}
		return func() result { return failedResult(res, c.profile, err) }
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return failed(fmt.Errorf("output folder: %w", err))
	}
	w, err := stageFiles(dir, p.files, interrupted)
	if err != nil {
		return failed(err)
	}
	files := p.files
	row := p.row
	return func() result {
		if err := w.commit(); err != nil {
			return failed(err)()
		}
		res.row = row
		for _, f := range files {
			res.files = append(res.files, filepath.Join(dir, f.Name))
		}
		return res
	}
}

// failedResult is res with err, an input or usage error or an internal one.
func failedResult(res result, profile string, err error) result {
	res.err = err
	var ie *inputs.Error
	var ue *usageError
	res.internal = !errors.As(err, &ie) && !errors.As(err, &ue)
	res.row.Error = errorText(profile, err)
	return res
}

// errorText is an error in one line with its hint, naming the profile when
// the error does not already start with it.
func errorText(profile string, err error) string {
	s := err.Error()
	var ie *inputs.Error
	var ue *usageError
	switch {
	case errors.As(err, &ie) && ie.Hint != "":
		s += " (hint: " + ie.Hint + ")"
	case errors.As(err, &ue) && ue.hint != "":
		s += " (hint: " + ue.hint + ")"
	}
	if profile != "" && !strings.HasPrefix(s, profile) {
		s = profile + ": " + s
	}
	return s
}

// prefixed names the profile in an error about another file (its export,
// its logo), so a batch's error says which customer it is.
func prefixed(profile string, err error) error {
	var ie *inputs.Error
	if errors.As(err, &ie) && ie.File != profile {
		c := *ie
		c.File = profile + ": " + ie.File
		if ie.File == "" {
			c.File = profile
		}
		return &c
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return &usageError{msg: profile + ": " + ue.msg, hint: ue.hint}
	}
	if ie == nil {
		return fmt.Errorf("%s: %w", profile, err)
	}
	return err
}

// batchLine is a customer's line when stdout is not a terminal: verdict,
// blockers, checks to verify, files.
func batchLine(out string, r *result) string {
	row := &r.row
	name := render.TerminalSafe(row.Name)
	if row.Verdict == portfolio.VerdictError {
		if name == "" { // the profile itself could not be read: the error names it
			return fmt.Sprintf("%-11s %s", row.Verdict, render.TerminalSafe(row.Error))
		}
		return fmt.Sprintf("%-11s %s: %s", row.Verdict, name, render.TerminalSafe(row.Error))
	}
	return fmt.Sprintf("%-11s %s: %s, %d to verify: %s", row.Verdict, name, plural(row.Blockers, "blocker"), row.ToVerify,
		strings.Join(r.files, " "))
}

// progressBar is the terminal's one line: done / total, the customer just
// finished and the time left at the pace so far.
func progressBar(done, total int, c customer, elapsed time.Duration) string {
	const width = 24
	filled := done * width / total
	left := time.Duration(float64(elapsed) / float64(done) * float64(total-done)).Round(time.Second)
	name := c.name
	if name == "" {
		name = c.profile
	}
	name = render.TerminalSafe(name)
	if r := []rune(name); len(r) > 30 {
		name = string(r[:29]) + "…"
	}
	return "[" + strings.Repeat("#", filled) + strings.Repeat(".", width-filled) + "] " +
		strconv.Itoa(done) + "/" + strconv.Itoa(total) + "  " + name + "  " + left.String() + " left"
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// plural is "1 blocker", "2 blockers".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
