package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
	"github.com/migready/migready/render/portfolio"
	"github.com/migready/migready/render/summary"
	"github.com/migready/migready/render/workbook"
)

// result is a customer's outcome, as a job hands it back: the portfolio's
// row and what to print. The report and the pack's files are gone by then.
type result struct {
	row     portfolio.Row
	files   []string    // the pack's files, in place
	notices string      // what the inputs' readers noticed, to print
	read    []inputRead // the files its pack was made from, which the portfolio must not replace
	err     error       // a *customerError
	// stopped: not packed, or its pack rolled back, because the batch was
	// interrupted.
	stopped bool
}

// outcome is customer i's result.
type outcome struct {
	i int
	r result
}

// packCustomers packs the customers, workers at a time, and sends each
// outcome to done. stop ends the handling of Ctrl-C, once the outcomes
// are collected.
//
// -jobs N packs N customers at a time, each from reading its export to its
// written pack, so that -jobs 1 keeps to one core. Only the wait for the
// disk, once a pack's files are written, overlaps the rendering of the
// job's next customer. Every customer is queued from the start: a job
// never waits for a goroutine to hand it the next one, nor to take its
// result. When every job has a customer, each packs its customer on one
// core; only a batch of fewer customers than -jobs gives each pack a
// second core for its PDF.
//
// Ctrl-C (or SIGTERM) stops the batch: no further customer is started,
// the packs being written are rolled back (each customer's folder holds
// all of its new pack or all of its old one), and their outcomes say so.
func packCustomers(s *batchSettings, custs []customer, workers int) (done <-chan outcome, stop func()) {
	oneCore := workers == s.jobs
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	interrupt, finished := make(chan struct{}), make(chan struct{})
	go func() {
		select {
		case <-sig:
			close(interrupt)
		case <-finished:
		}
	}()
	interrupted := func() bool {
		select {
		case <-interrupt:
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
	results := make(chan outcome, len(custs))
	for range workers {
		go func() {
			var committing sync.WaitGroup // the job's last pack
			for i := range jobs {
				if interrupted() {
					results <- outcome{i, result{stopped: true}}
					continue
				}
				p := packCustomer(s, &custs[i], oneCore)
				commit := p.stage(s, &custs[i], interrupted)
				committing.Wait()
				committing.Go(func() { results <- outcome{i, commit()} })
			}
			committing.Wait()
		}()
	}
	return results, func() {
		signal.Stop(sig)
		close(finished)
	}
}

// pendingPack is a customer's pack rendered and not yet written: res is
// its outcome so far (an error, or nothing yet), row its portfolio row once
// written.
type pendingPack struct {
	res      result
	row      portfolio.Row
	files    []render.File // nil when res holds an error
	customer assessment.Customer
}

// failed is customer c's outcome after err: an error row.
func failed(s *batchSettings, c *customer, err error) result {
	err = &customerError{profile: c.profile, err: err}
	row := portfolio.Row{Name: c.name, Slug: c.slug, Tenant: c.tenant, Language: c.lang, Verdict: portfolio.VerdictError,
		Date: s.date.Format(time.DateOnly), Profile: filepath.ToSlash(c.profile), Error: oneLine(err)}
	return result{row: row, err: err}
}

// packCustomer loads and renders one customer's pack, as pack does; every
// error stays with the customer.
func packCustomer(s *batchSettings, c *customer, oneCore bool) (p pendingPack) {
	if c.err != nil {
		p.res = failed(s, c, c.err)
		return p
	}
	var notices bytes.Buffer
	defer func() { p.res.notices = notices.String() }()
	in := &reportInput{profile: c.profile, date: s.date, mask: s.mask}
	if s.tracker != "" {
		dir := filepath.Join(s.tracker, c.slug)
		if wb, err := workbook.Latest(dir, s.date); err != nil {
			fmt.Fprintf(&notices, "migready: notice: %s: no workbook of %s sent back before %s in %s; no notes carried forward\n",
				c.profile, c.slug, s.date.Format(time.DateOnly), dir)
		} else {
			in.tracker = wb
		}
	}
	if s.since != "" {
		dir := filepath.Join(s.since, c.slug)
		if _, err := summary.Latest(dir, c.identity(), s.date); err != nil {
			fmt.Fprintf(&notices, "migready: notice: %s: no pack of %s before %s in %s; compared with nothing\n",
				c.profile, c.slug, s.date.Format(time.DateOnly), dir)
		} else {
			in.since = dir
		}
	}
	r, files, err := renderPack(in, &notices, oneCore)
	defer func() { p.res.read = in.readFiles }()
	if err != nil {
		p.res = failed(s, c, err)
		return p
	}
	p.row = portfolio.RowOf(r, c.slug, filepath.ToSlash(c.profile))
	p.files, p.customer = files, r.Assessment.Customer
	return p
}

// stage writes the rendered pack into DIR/<slug>/ as temporary files and
// returns the commit that puts them in place and gives the customer's
// outcome. A pack with an error has nothing to write: its commit only
// returns the outcome.
func (p *pendingPack) stage(s *batchSettings, c *customer, interrupted func() bool) (commit func() result) {
	res := p.res
	if p.files == nil {
		return func() result { return res }
	}
	dir := filepath.Join(s.out, c.slug)
	_, err := os.Lstat(dir)
	created := errors.Is(err, fs.ErrNotExist)
	// A folder made for a pack that is not written is removed again.
	undo := func(err error) func() result {
		if created {
			os.Remove(dir) // only if empty
		}
		if errors.Is(err, errInterrupted) {
			return func() result { return result{row: res.row, stopped: true} }
		}
		return func() result {
			r := failed(s, c, err)
			r.notices = res.notices
			return r
		}
	}
	if err := noInputReplaced(dir, p.files, res.read); err != nil {
		return undo(err)
	}
	if err := noOtherCustomerReplaced(dir, p.files, p.customer); err != nil {
		return undo(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return undo(newFailure(kindOutputFolder, "dir", dir).because(err))
	}
	w, err := stageFiles(dir, p.files, interrupted)
	if err != nil {
		return undo(err)
	}
	files := p.files
	row := p.row
	return func() result {
		if err := w.commit(); err != nil {
			return undo(err)()
		}
		res.row = row
		for _, f := range files {
			res.files = append(res.files, filepath.Join(dir, f.Name))
		}
		return res
	}
}
