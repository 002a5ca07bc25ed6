package render

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update rewrites the golden files in testdata/ instead of comparing with
// them: go test ./render -update. Shared by the PDF, HTML and workbook tests.
var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// matchGolden compares got with the golden file, or rewrites it with -update.
func matchGolden(t *testing.T, path string, got []byte) {
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
		t.Fatalf("%v (run go test ./render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		out := filepath.Join(t.TempDir(), filepath.Base(path))
		_ = os.WriteFile(out, got, 0o644)
		t.Errorf("%s differs from the golden file; got is in %s (go test ./render -update rewrites it)", path, out)
	}
}
