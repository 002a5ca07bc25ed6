//go:build unix

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// A real SIGINT to the process while the pack is written.
func TestWriteAllSIGINT(t *testing.T) {
	dir := t.TempDir()
	want := writeOldPack(t, dir)
	seen := make(chan os.Signal, 1)
	signal.Notify(seen, os.Interrupt)
	defer signal.Stop(seen)
	calls := 0
	setRename(t, func(from, to string) error {
		if calls++; calls == 3 {
			syscall.Kill(syscall.Getpid(), syscall.SIGINT)
			<-seen
			time.Sleep(50 * time.Millisecond) // writeAll's channel gets it in the same delivery
		}
		return os.Rename(from, to)
	})
	if err := writeAll(dir, newPack); !errors.Is(err, errInterrupted) {
		t.Fatalf("error %v", err)
	}
	sameFolder(t, folder(t, dir), want)
}

// Ctrl-C during a batch stops it: the customers packed before it keep
// their new packs, the one being written is rolled back, the others are
// not started (nor is a folder left for them), the portfolio is not
// written, and the exit code is 130.
func TestBatchSIGINT(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	for i := range 5 {
		d := filepath.Join(in, fmt.Sprintf("c%d", i))
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		writeCustomerIn(t, d, fmt.Sprintf("Customer %d AS", i), 20)
	}
	seen := make(chan os.Signal, 1)
	signal.Notify(seen, os.Interrupt)
	defer signal.Stop(seen)
	var calls atomic.Int32
	setRename(t, func(from, to string) error {
		// The second customer's third file: its first two are in place.
		if calls.Add(1) == 5+3 {
			syscall.Kill(syscall.Getpid(), syscall.SIGINT)
			<-seen
			time.Sleep(50 * time.Millisecond) // batch's channel gets it in the same delivery
		}
		return os.Rename(from, to)
	})
	var stderr strings.Builder
	code := run([]string{"batch", "-jobs", "1", "-out", out, "-date", "2026-11-24", in}, io.Discard, &stderr)
	if code != exitInterrupted {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInterrupted, &stderr)
	}
	if !strings.Contains(stderr.String(), "interrupted: 4 of 5 customers not packed") {
		t.Errorf("stderr does not say what was written:\n%s", &stderr)
	}
	// The interrupted customer's folder, made by this batch, is gone with
	// its files.
	got := folder(t, out)
	if len(got) != 1 || string(got["customer-0-as"]) != "<dir>" {
		t.Fatalf("out holds %v, want the first customer's folder only (no portfolio)", slices.Sorted(maps.Keys(got)))
	}
	if n := len(folder(t, filepath.Join(out, "customer-0-as"))); n != 5 {
		t.Errorf("the first customer's folder holds %d files, want its whole pack", n)
	}
}

// A pack killed (kill -9) in the middle of being put in place leaves its
// hidden temporary and backup files in -out; the next run of the same
// customer, on any date, cleans them up (a backup whose file is missing is
// put back first) and leaves no hidden file of its own, while another
// customer's leftovers and other hidden files stay.
func TestKilledMidPack(t *testing.T) {
	profile := writeCustomer(t, 30)
	out := t.TempDir()
	pack := func(date string) {
		t.Helper()
		var stderr strings.Builder
		if code := run([]string{"pack", "-out", out, "-date", date, profile}, io.Discard, &stderr); code != exitNotReady {
			t.Fatalf("exit %d: %s", code, &stderr)
		}
	}
	pack("2026-11-24")
	others := map[string]string{
		".other-co-2026-11-24-readiness.pdf.123.tmp": "another customer's",
		".notes.txt.5.tmp":                           "not ours",
		".bench-as-2026-11-24-readiness.pdf.x1.tmp":  "not of our pattern",
	}
	for name, data := range others {
		if err := os.WriteFile(filepath.Join(out, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The 4th rename: the first file is new (its backup still there), the
	// second moved to its backup, the other three are temporary files.
	link := filepath.Join(t.TempDir(), "migready-stalled")
	if err := os.Symlink(os.Args[0], link); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(link, "pack", "-out", out, "-date", "2026-11-24", profile)
	cmd.Env = append(os.Environ(), "MIGREADY_STALL_AT=4")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	cmd.Process.Kill() // SIGKILL: nothing runs after it
	cmd.Wait()
	if line != "stalled\n" {
		t.Fatalf("the stalled pack printed %q", line)
	}
	hidden := func() []string {
		var names []string
		for name := range folder(t, out) {
			if strings.HasPrefix(name, ".") && others[name] == "" {
				names = append(names, name)
			}
		}
		slices.Sort(names)
		return names
	}
	if left := hidden(); len(left) != 6 { // 4 temporary files, 2 backups
		t.Fatalf("after kill -9: %v, want 4 temporary files and 2 backups", left)
	}

	pack("2026-11-25")
	if left := hidden(); len(left) > 0 {
		t.Errorf("left after the next run: %v", left)
	}
	got := folder(t, out)
	for name, data := range others {
		if string(got[name]) != data {
			t.Errorf("%s: %q, want it kept", name, got[name])
		}
	}
	for _, date := range []string{"2026-11-24", "2026-11-25"} {
		for _, kind := range []string{"readiness.pdf", "readiness.html", "remediation.xlsx", "summary.json", "ticket.md"} {
			if _, ok := got["bench-as-"+date+"-"+kind]; !ok {
				t.Errorf("bench-as-%s-%s is missing", date, kind)
			}
		}
	}
}
