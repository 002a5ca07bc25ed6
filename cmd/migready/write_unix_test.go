//go:build unix

package main

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
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
