package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
	"github.com/migready/migready/render/portfolio"
)

// collect takes the customers' outcomes as they come, prints them in the
// order of the profiles (whichever finished first, so that the output of a
// batch is the same every time), writes the portfolio and sums up. The
// batch's verdict is the worst of its customers'; its error, when any
// customer failed, is that of the one to look at first: an input error
// before a pack that could not be written.
func collect(e *env, s *batchSettings, custs []customer, done <-chan outcome) (assessment.Verdict, error) {
	bar := isTerminal(e.stdout)
	start := time.Now()
	rows := make([]portfolio.Row, 0, len(custs))
	pending := map[int]result{}
	var failures []string
	var read []inputRead // every customer's inputs
	var inputErr, otherErr error
	failed, interrupted := 0, 0
	next := 0
	for n := 1; n <= len(custs); n++ {
		d := <-done
		pending[d.i] = d.r
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
			read = append(read, r.read...)
			if bar {
				fmt.Fprint(e.stdout, "\r\033[K")
			}
			io.WriteString(e.stderr, r.notices)
			if r.err != nil {
				failed++
				switch {
				case classOf(r.err) == classInput && inputErr == nil:
					inputErr = r.err
				case otherErr == nil:
					otherErr = r.err
				}
				failures = append(failures, failedLine(&r.row))
				report(e.stderr, r.err)
			}
			if !bar {
				fmt.Fprintln(e.stdout, batchLine(&r))
			}
		}
		if bar {
			fmt.Fprint(e.stdout, "\r\033[K", progressBar(n, len(custs), custs[d.i], time.Since(start)))
		}
	}
	if bar {
		fmt.Fprint(e.stdout, "\r\033[K")
	}
	if interrupted > 0 {
		return "", newFailure(kindBatchInterrupted, "count", interrupted, "total", len(custs)).because(errInterrupted)
	}

	portfolio.Sort(rows)
	p := &portfolio.Portfolio{Date: s.date, Tool: "migready " + version, Rows: rows}
	files, err := portfolio.Files(p, s.lang)
	if err == nil {
		err = noInputReplaced(s.out, files, read)
	}
	if err == nil {
		err = writeAll(s.out, files)
	}
	if err != nil {
		return "", err
	}

	c := p.Count()
	fmt.Fprintf(e.stdout, "%s: %d not ready, %d not confirmed, %d ready, %d failed\n",
		plural(len(rows), "customer"), c.NotReady, c.Unconfirmed, c.Ready, c.Error)
	if len(failures) > 0 {
		// Each failure's errors and hints are on stderr, once; here the
		// list to work through.
		fmt.Fprintln(e.stdout, "failed:")
		for _, f := range failures {
			fmt.Fprintln(e.stdout, "  "+f)
		}
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Join(s.out, f.Name))
	}
	fmt.Fprintln(e.stdout, "portfolio:", strings.Join(names, " "))

	verdict := assessment.VerdictReady
	switch {
	case c.NotReady > 0:
		verdict = assessment.VerdictNotReady
	case c.Unconfirmed > 0:
		verdict = assessment.VerdictUnconfirmed
	}
	if failed > 0 {
		first := inputErr
		if first == nil {
			first = otherErr
		}
		return verdict, newFailure(kindCustomersFailed, "failed", failed, "total", len(custs)).because(first)
	}
	return verdict, nil
}

// batchLine is a customer's line when stdout is not a terminal: verdict,
// blockers, checks to verify, files.
func batchLine(r *result) string {
	row := &r.row
	name := render.TerminalSafe(row.Name)
	if row.Verdict == portfolio.VerdictError {
		msg := firstProblem(row.Error)
		if name == "" { // the profile itself could not be read: the error names it
			return fmt.Sprintf("%-11s %s", row.Verdict, msg)
		}
		return fmt.Sprintf("%-11s %s: %s", row.Verdict, name, msg)
	}
	return fmt.Sprintf("%-11s %s: %s, %d to verify: %s", row.Verdict, name, plural(row.Blockers, "blocker"), row.ToVerify,
		strings.Join(r.files, " "))
}

// firstProblem is a failed customer's error as its line shows it: the
// first problem without its hint, and how many more there are (each is
// on stderr, once, with its hint).
func firstProblem(err string) string {
	lines := strings.Split(strings.TrimRight(err, "\n"), "\n")
	first := lines[0]
	if i := strings.Index(first, " (hint: "); i > 0 && strings.HasSuffix(first, ")") {
		first = first[:i]
	}
	first = render.TerminalSafe(first)
	if more := problemLines(lines[1:]); more > 0 {
		first += fmt.Sprintf(" (+%d more)", more)
	}
	return first
}

// problemLines counts the lines that start a problem of their own (not a
// hint or a continuation, which are indented).
func problemLines(lines []string) int {
	n := 0
	for _, l := range lines {
		if l != "" && l[0] != ' ' && l[0] != '\t' {
			n++
		}
	}
	return n
}

// failedLine is a failed customer in the closing list: its name and its
// first problem, which names the file.
func failedLine(row *portfolio.Row) string {
	if row.Name == "" {
		return firstProblem(row.Error)
	}
	return render.TerminalSafe(row.Name) + ": " + firstProblem(row.Error)
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
	name, _ = shown.LineN(name, 30)
	return "[" + strings.Repeat("#", filled) + strings.Repeat(".", width-filled) + "] " +
		strconv.Itoa(done) + "/" + strconv.Itoa(total) + "  " + name + "  " + left.String() + " left"
}
