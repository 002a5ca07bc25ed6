package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migready/migready/inputs"
)

func TestOwnsConsole(t *testing.T) {
	for _, tt := range []struct {
		processes int
		stdin     bool
		want      bool
	}{
		{1, true, true},   // Explorer: double-click or a profile dropped on migready.exe
		{2, true, false},  // cmd.exe or PowerShell shares the console
		{3, true, false},  // a script run from a terminal
		{1, false, false}, // stdin redirected: nobody to press Enter
		{0, false, false}, // not Windows, or no console at all
	} {
		if got := ownsConsole(tt.processes, tt.stdin); got != tt.want {
			t.Errorf("ownsConsole(%d, %v) = %v, want %v", tt.processes, tt.stdin, got, tt.want)
		}
	}
}

// TestDroppedWaitsForEnter: a profile dropped on the program makes the pack
// next to the profile and, in a window of its own, waits for Enter in the
// profile's language; in a shared console it does not wait.
func TestDroppedWaitsForEnter(t *testing.T) {
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile.toml")
	writeFile(t, profile, "users = 'u.csv'\n[customer]\nname = \"Vind AS\"\nlanguage = \"no\"\n[onsite]\nversion = \"8.5 R10\"\ndatabase_gb = 1\narchive_gb = 1\nsatellites = 1\n")
	writeFile(t, filepath.Join(dir, "u.csv"), "Email;Name;Plan;Can log in;Role\na@vind.no;A;Sales-Premium;Yes;Administrator\n")

	keys := fakeConsole(t, 1, "\nleft over")
	var out, errs bytes.Buffer
	if code := run([]string{profile}, &out, &errs); code != exitNotReady {
		t.Fatalf("exit %d, want %d; stderr: %s", code, exitNotReady, errs.String())
	}
	if pdfs, _ := filepath.Glob(filepath.Join(dir, "pack", "vind-as-*-readiness.pdf")); len(pdfs) != 1 {
		t.Errorf("pack not next to the profile: %v", pdfs)
	}
	if !strings.HasSuffix(out.String(), "\nTrykk Enter for å lukke vinduet. ") {
		t.Errorf("no prompt in the profile's language at the end of:\n%s", out.String())
	}
	if keys.Len() != len("left over") {
		t.Errorf("did not read the Enter key (%d bytes left)", keys.Len())
	}

	keys = fakeConsole(t, 2, "\n")
	out.Reset()
	run([]string{profile}, &out, &errs)
	if strings.Contains(out.String(), "Trykk Enter") || keys.Len() != 1 {
		t.Errorf("waited in a shared console (%d bytes left):\n%s", keys.Len(), out.String())
	}
}

// TestDroppedErrorWaits: an error is shown until Enter too, or the window
// would close before anyone could read it.
func TestDroppedErrorWaits(t *testing.T) {
	keys := fakeConsole(t, 1, "\n")
	var out, errs bytes.Buffer
	code := run([]string{filepath.Join(t.TempDir(), "missing.toml")}, &out, &errs)
	if code != exitInput || !strings.Contains(errs.String(), "missing.toml: file not found") {
		t.Errorf("exit %d, stderr %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "Press Enter to close this window.") || keys.Len() != 0 {
		t.Errorf("did not wait: %q", out.String())
	}
}

// TestLockedFileHint: an export open in Excel (on Windows, a sharing
// violation) gets a hint to close it. Writing the pack has its own hint
// (write.go).
func TestLockedFileHint(t *testing.T) {
	restore := inputs.SetLockedForTest(func(error) bool { return true })
	defer restore()
	// Linux cannot lock a file against reading: any failed read stands in.
	_, err := inputs.ReadFile(filepath.Join(t.TempDir(), "brukere.xlsx"), inputs.RoleUsers)
	var errs bytes.Buffer
	report(&errs, err)
	if code := exitCode("", err); code != exitInput {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(errs.String(), "brukere.xlsx: the file is open in another program") || !strings.Contains(errs.String(), "hint: close it (in Excel") {
		t.Errorf("locked export: %s", errs.String())
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
