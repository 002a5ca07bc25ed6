//go:build unix

package main

import (
	"errors"
	"os"
	"os/signal"
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
	t.Cleanup(func() { rename = os.Rename })
	rename = func(from, to string) error {
		if calls++; calls == 3 {
			syscall.Kill(syscall.Getpid(), syscall.SIGINT)
			<-seen
			time.Sleep(50 * time.Millisecond) // writeAll's channel gets it in the same delivery
		}
		return os.Rename(from, to)
	}
	if err := writeAll(dir, newPack); !errors.Is(err, errInterrupted) {
		t.Fatalf("error %v", err)
	}
	sameFolder(t, folder(t, dir), want)
}
