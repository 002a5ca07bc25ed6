// Package golden compares what a test rendered with a golden file in the
// test's testdata/, or rewrites the file when the test runs with -update
// (go test ./render/html -update).
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update rewrites the golden files instead of comparing with them.
var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// Match compares got with the golden file at path, or rewrites it with
// -update.
func Match(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		out := filepath.Join(t.TempDir(), filepath.Base(path))
		_ = os.WriteFile(out, got, 0o644)
		t.Errorf("%s differs from the golden file; got is in %s (the test run with -update rewrites it)", path, out)
	}
}
