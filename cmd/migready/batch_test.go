package main

import (
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/render/portfolio"
)

// TestProgressBar: done / total, the customer's name made safe for the
// terminal and shortened, and the time left at the pace so far.
func TestProgressBar(t *testing.T) {
	got := progressBar(50, 200, customer{name: "Evil\x1b[2J\rCo with a very long name indeed AS"}, 10*time.Second)
	want := "[######..................] 50/200  Evil[U+001B][2J Co with a ver…  30s left"
	if got != want {
		t.Errorf("progress bar\n got %q\nwant %q", got, want)
	}
	if strings.ContainsAny(got, "\x1b\r") {
		t.Error("a control character from the name reached the terminal")
	}
	if got := progressBar(3, 3, customer{profile: "c/p.toml"}, time.Second); got != "[########################] 3/3  c/p.toml  0s left" {
		t.Errorf("last step %q", got)
	}
}

// TestBatchErrorOfSeveralProblems: a customer whose profile has several
// problems gets each with its own hint in the portfolio (the first hint
// used to follow the last problem, as if it were that one's), and its
// batch line keeps the problems under it, indented, so the next customer's
// line is not taken for one of them.
func TestBatchErrorOfSeveralProblems(t *testing.T) {
	err := &customerError{profile: "c/profile.toml", err: inputs.Errors{
		{File: "c/profile.toml", Line: 13, Key: "customer.version", Msg: "unknown key customer.version", Hint: "version belongs in [onsite]"},
		{File: "c/profile.toml", Line: 14, Key: "customer.database_gb", Msg: "unknown key customer.database_gb", Hint: "database_gb belongs in [onsite]"},
		{File: "c/profile.toml", Key: "onsite.archive_gb", Msg: "missing required key onsite.archive_gb", Hint: "add it under [onsite]"},
		{File: "c/profile.toml", Key: "onsite.version", Msg: "missing required key onsite.version", Hint: "add it under [onsite]"},
	}}
	got := oneLine(err)
	want := `c/profile.toml line 13 key "customer.version": unknown key customer.version (hint: version belongs in [onsite])
c/profile.toml line 14 key "customer.database_gb": unknown key customer.database_gb (hint: database_gb belongs in [onsite])
c/profile.toml key "onsite.archive_gb": missing required key onsite.archive_gb
c/profile.toml key "onsite.version": missing required key onsite.version (hint: add it under [onsite])`
	if got != want {
		t.Errorf("portfolio error\n got %s\nwant %s", got, want)
	}
	line := batchLine(&result{row: portfolio.Row{Verdict: portfolio.VerdictError, Error: got}})
	for i, l := range strings.Split(line, "\n") {
		if (i == 0) != strings.HasPrefix(l, "error ") || (i > 0 && !strings.HasPrefix(l, strings.Repeat(" ", 12)+"c/profile.toml")) {
			t.Errorf("batch line %d: %q", i+1, l)
		}
	}
}
