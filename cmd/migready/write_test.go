package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/migready/migready/render"
)

var newPack = []render.File{
	{Name: "acme-readiness.pdf", Data: []byte("new pdf")},
	{Name: "acme-readiness.html", Data: []byte("new html")},
	{Name: "acme-remediation.xlsx", Data: []byte("new xlsx")},
	{Name: "acme-summary.json", Data: []byte("new json")},
}

// writeOldPack puts a previous pack (and an unrelated file) into dir.
func writeOldPack(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	old := map[string][]byte{"notes.txt": []byte("not ours")}
	for _, f := range newPack {
		old[f.Name] = []byte("old " + f.Name)
	}
	for name, data := range old {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return old
}

// folder lists dir: every name with its bytes (folders as "<dir>").
func folder(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() {
			got[e.Name()] = []byte("<dir>")
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		got[e.Name()] = data
	}
	return got
}

func sameFolder(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	var names []string
	for n := range got {
		names = append(names, n)
	}
	for n := range want {
		if _, ok := got[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		if !bytes.Equal(got[n], want[n]) {
			t.Errorf("%s: %q, want %q", n, got[n], want[n])
		}
	}
}

// failingRename makes the n-th call of rename (1-based) fail as a file
// held open by Excel does.
func failingRename(t *testing.T, n int, err error) {
	calls := 0
	setRename(t, func(from, to string) error {
		calls++
		if calls == n {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
		}
		return os.Rename(from, to)
	})
}

// TestWriteAllIsATransaction: whatever step fails, the folder is exactly
// as before: the previous pack's bytes, or no pack at all, and no
// temporary or backup file.
func TestWriteAllIsATransaction(t *testing.T) {
	// With an old pack, the renames are: old→backup, new→final per file
	// (8 in all); a failing n-th rename leaves (n-1) done.
	tests := []struct {
		name    string
		oldPack bool
		setup   func(t *testing.T)
		file    string // the final file the error must name
	}{
		{"first backup fails", true, func(t *testing.T) { failingRename(t, 1, fs.ErrPermission) }, "acme-readiness.pdf"},
		{"third file's backup fails", true, func(t *testing.T) { failingRename(t, 5, fs.ErrPermission) }, "acme-remediation.xlsx"},
		{"third file's placing fails", true, func(t *testing.T) { failingRename(t, 6, syscall.EXDEV) }, "acme-remediation.xlsx"},
		{"last file's placing fails", true, func(t *testing.T) { failingRename(t, 8, syscall.EIO) }, "acme-summary.json"},
		{"no old pack, third fails", false, func(t *testing.T) { failingRename(t, 3, fs.ErrPermission) }, "acme-remediation.xlsx"},
		{"no old pack, last fails", false, func(t *testing.T) { failingRename(t, 4, fs.ErrPermission) }, "acme-summary.json"},
		{"third temp file cannot be created", true, func(t *testing.T) {
			calls := 0
			setCreateTemp(t, func(dir, pattern string) (*os.File, error) {
				if calls++; calls == 3 {
					return nil, &fs.PathError{Op: "open", Path: filepath.Join(dir, pattern), Err: syscall.ENOSPC}
				}
				return os.CreateTemp(dir, pattern)
			})
		}, "acme-remediation.xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			want := map[string][]byte{}
			if tt.oldPack {
				want = writeOldPack(t, dir)
			}
			tt.setup(t)
			err := writeFiles(dir, newPack, nil)
			var oe *outputError
			if !errors.As(err, &oe) {
				t.Fatalf("error %v, want an output error", err)
			}
			final := filepath.Join(dir, tt.file)
			if msg := err.Error(); !strings.HasPrefix(msg, "cannot write "+final+": ") || strings.Contains(msg, ".tmp") || strings.Contains(msg, ".old") {
				t.Errorf("error %q should name %s and no temporary file", msg, final)
			}
			if oe.Hint() == "" {
				t.Error("no hint")
			}
			sameFolder(t, folder(t, dir), want)
		})
	}
}

func TestWriteAllHints(t *testing.T) {
	dir := t.TempDir()
	failingRename(t, 1, fs.ErrPermission)
	err := writeFiles(dir, newPack, nil)
	var oe *outputError
	if !errors.As(err, &oe) || !strings.Contains(oe.Hint(), "close it (the workbook in Excel") {
		t.Errorf("permission denied: %v, hint %q", err, oe.Hint())
	}
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("%v does not unwrap to the permission error", err)
	}
}

func TestWriteAllReplaces(t *testing.T) {
	dir := t.TempDir()
	want := writeOldPack(t, dir)
	if err := writeFiles(dir, newPack, nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range newPack {
		want[f.Name] = f.Data
	}
	sameFolder(t, folder(t, dir), want)
	if runtime.GOOS != "windows" {
		st, err := os.Stat(filepath.Join(dir, newPack[0].Name))
		if err != nil || st.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, %v", st.Mode(), err)
		}
	}
}

// A folder with a final file's name: nothing is touched, the error names it.
func TestWriteAllFolderInTheWay(t *testing.T) {
	dir := t.TempDir()
	want := writeOldPack(t, dir)
	os.Remove(filepath.Join(dir, "acme-summary.json"))
	os.Mkdir(filepath.Join(dir, "acme-summary.json"), 0o755)
	want["acme-summary.json"] = []byte("<dir>")
	err := writeFiles(dir, newPack, nil)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "acme-summary.json")+": a folder of that name is in the way") {
		t.Errorf("error %v", err)
	}
	sameFolder(t, folder(t, dir), want)
}

// Ctrl-C at any point of writing: the folder is as before.
func TestWriteAllInterrupted(t *testing.T) {
	for n := 1; n <= 8; n++ {
		dir := t.TempDir()
		want := writeOldPack(t, dir)
		sig := make(chan os.Signal, 1)
		calls := 0
		setRename(t, func(from, to string) error {
			if calls++; calls == n {
				sig <- os.Interrupt
			}
			return os.Rename(from, to)
		})
		if err := writeFiles(dir, newPack, sig); !errors.Is(err, errInterrupted) {
			t.Fatalf("signal at rename %d: error %v", n, err)
		}
		sameFolder(t, folder(t, dir), want)
	}
}

// TestPackLeavesNoTempFiles packs 50,000 users who each have two problems,
// enough findings for excelize's stream writer to spill the findings sheet
// (over 16 MB) to a temporary file, with TMPDIR an empty folder that must
// stay empty all along.
func TestPackLeavesNoTempFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("50,000 users")
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("User ID;Name;E-mail;Role;User plan\r\nADM;Ada Admin;ada@x.example.com;Administrator;Sales-Premium\r\n")
	for i := 0; i < 50000; i++ {
		fmt.Fprintf(&b, "U%d;Førnavn Étternavn %d;user %d at x.example.com;User;\r\n", i, i, i)
	}
	profile := filepath.Join(dir, "profile.toml")
	if err := errors.Join(os.WriteFile(filepath.Join(dir, "users.csv"), []byte(b.String()), 0o644),
		os.WriteFile(profile, []byte("users = \"users.csv\"\n[customer]\nname = \"Many AS\"\n[onsite]\n"+
			"version = \"9.2\"\ndatabase_gb = 1\narchive_gb = 1\nsatellites = 0\n"), 0o644)); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("TMP", tmp)
	t.Setenv("TEMP", tmp)
	// excelize would remove its file when done: look while the pack is made.
	stop, seen := make(chan bool), make(chan []string)
	go func() {
		var names []string
		for {
			select {
			case <-stop:
				seen <- names
				return
			case <-time.After(time.Millisecond):
			}
			if entries, _ := os.ReadDir(tmp); len(entries) > 0 && names == nil {
				for _, e := range entries {
					names = append(names, e.Name())
				}
			}
		}
	}()
	code := run([]string{"pack", "-out", out, "-date", "2026-11-24", profile}, io.Discard, os.Stderr)
	stop <- true
	if code != exitNotReady {
		t.Fatalf("exit %d", code)
	}
	if names := <-seen; names != nil {
		t.Errorf("created in the temp folder while packing: %v", names)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("left in the temp folder: %v", left)
	}
	if got := folder(t, out); len(got) != 5 {
		t.Errorf("out holds %d files, want the 5 of the pack", len(got))
	}
}

// removeLeftovers touches only the hidden files of writeAll's own pattern
// for the names being written, on any date: a temporary file is removed, a
// backup put back when its file is missing, else removed. Another
// customer's or another kind of file's leftovers, a folder or a symbolic
// link of a leftover's name, and a name that only looks alike stay.
func TestRemoveLeftovers(t *testing.T) {
	dir := t.TempDir()
	files := []render.File{{Name: "acme-as-2026-11-24-readiness.pdf"}, {Name: "acme-as-2026-11-24-masked-summary.json"},
		{Name: "portfolio.csv"}}
	put := map[string]string{
		".acme-as-2026-11-24-readiness.pdf.1234.tmp":       "",
		".acme-as-2026-10-01-readiness.pdf.99.tmp":         "",
		".acme-as-2026-10-01-readiness.pdf.98.old":         "restored",
		".acme-as-2026-11-24-readiness.pdf.97.old":         "",
		"acme-as-2026-11-24-readiness.pdf":                 "current",
		".acme-as-2026-11-24-masked-summary.json.5.tmp":    "",
		".portfolio.csv.77.tmp":                            "",
		".acme-as-2026-11-24-summary.json.5.tmp":           "kept: not written now",
		".acme-as-2026-11-24-readiness.html.5.tmp":         "kept: not written now",
		".other-as-2026-11-24-readiness.pdf.5.tmp":         "kept: another customer",
		".acme-as-2026-11-24-readiness.pdf.tmp":            "kept: no digits",
		".acme-as-2026-11-24-readiness.pdf.12a.tmp":        "kept: not digits",
		".acme-as-2026-11-24-readiness.pdf.12.tmp.bak":     "kept: another suffix",
		"acme-as-2026-11-24-readiness.pdf.12.tmp":          "kept: not hidden",
		".xacme-as-2026-11-24-readiness.pdf.12.tmp":        "kept: another name",
		".ACME-AS-2026-11-24-readiness.pdf.12.tmp":         "kept: another name",
		".acme-as-2026-11-24-masked-readiness.pdf.12.tmp":  "kept: the masked copy is not written now",
		".acme-as-2026-11-24-readiness.pdf.3.old.tmp.keep": "kept",
		"notes.txt": "kept",
	}
	for name, data := range put {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, ".acme-as-2026-11-24-readiness.pdf.55.tmp"), 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "elsewhere.txt")
	if err := os.WriteFile(target, []byte("elsewhere"), 0o644); err != nil {
		t.Fatal(err)
	}
	symlinked := os.Symlink(target, filepath.Join(dir, ".acme-as-2026-11-24-readiness.pdf.56.tmp")) == nil

	removeLeftovers(dir, files)
	got := folder(t, dir)
	want := map[string]string{
		"acme-as-2026-11-24-readiness.pdf":         "current",
		"acme-as-2026-10-01-readiness.pdf":         "restored",
		".acme-as-2026-11-24-readiness.pdf.55.tmp": "<dir>",
	}
	for name, data := range put {
		if strings.HasPrefix(data, "kept") {
			want[name] = data
		}
	}
	if symlinked {
		want[".acme-as-2026-11-24-readiness.pdf.56.tmp"] = "elsewhere"
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is left", name)
		}
	}
	for name, data := range want {
		if string(got[name]) != data {
			t.Errorf("%s: %q, want %q", name, got[name], data)
		}
	}
}
