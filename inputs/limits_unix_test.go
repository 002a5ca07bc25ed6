//go:build unix

package inputs

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadFileFIFO: a named pipe is refused at once; opening it would
// block until something writes to it.
func TestReadFileFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "users.csv")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ReadFile(p, RoleUsers)
		done <- err
	}()
	select {
	case err := <-done:
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Msg, "named pipe") {
			t.Errorf("error = %#v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("ReadFile blocked on a FIFO")
	}
}
