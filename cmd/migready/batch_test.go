package main

import (
	"strings"
	"testing"
	"time"
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
