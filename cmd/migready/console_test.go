package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
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
// system's language (the representative's, not the pack's); in a shared
// console it does not wait.
func TestDroppedWaitsForEnter(t *testing.T) {
	setSystemLanguages(t, "nb_NO")
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile.toml")
	writeFile(t, profile, "users = 'u.csv'\n[customer]\nname = \"Vind AS\"\nlanguage = \"en\"\n[onsite]\nversion = \"8.5 R10\"\ndatabase_gb = 1\narchive_gb = 1\nsatellites = 1\n")
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
		t.Errorf("no prompt in the system's language at the end of:\n%s", out.String())
	}
	if !strings.HasPrefix(out.String(), "IKKE KLAR — ") {
		t.Errorf("the verdict is not in the system's language:\n%s", out.String())
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
	setSystemLanguages(t, "fr_FR") // none migready speaks: English
	keys := fakeConsole(t, 1, "\n")
	var out, errs bytes.Buffer
	code := run([]string{filepath.Join(t.TempDir(), "missing.toml")}, &out, &errs)
	if code != exitInput || !strings.Contains(errs.String(), "missing.toml cannot be read as a profile.") || !strings.Contains(errs.String(), "file not found") {
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

// TestDroppedProblemsInSystemLanguage: the console window of a profile
// dropped on migready words its problems in the system's language, as the
// page words them at their fields (by kind where the file's writing is the
// problem), each with its line and key and what to write; nothing in
// English but the reader's details the page shows too. A rep with
// LANG=nb_NO.UTF-8 got "migready: error: … has a unit".
func TestDroppedProblemsInSystemLanguage(t *testing.T) {
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile.toml")
	writeFile(t, profile, "users = 'u.csv'\n[customer]\nname = “Vind AS”\nlanguage = \"en\"\n[onsite]\n"+
		"version = \"10.0.5\"\ndatabase_gb = 14,5 GB\narchive_gb = 1\nsatellites = 2\ncolour = 1\n")
	for _, lang := range templates.Supported {
		setSystemLanguages(t, lang+"_XX.UTF-8")
		fakeConsole(t, 1, "\n")
		l := templates.MustLoad(lang)
		var out, errs bytes.Buffer
		if code := run([]string{profile}, &out, &errs); code != exitInput {
			t.Fatalf("%s: exit %d, want %d", lang, code, exitInput)
		}
		at := func(line int, key, label string) string {
			where := l.T("serve.problem.where.line", "line", line)
			where = strings.ToUpper(where[:1]) + where[1:]
			if label != "" {
				return where + ", " + l.T("serve.label."+key) + " (" + key + "): "
			}
			return where + ", " + key + ": "
		}
		want := []string{
			l.Plural("serve.dropped.problems", 4, "file", profile),
			at(3, "customer.name", "label") + l.T("serve.problem.kind.quotes"),
			l.T("serve.problem.kind.fix", "fix", `name = "Vind AS"`),
			at(7, "onsite.database_gb", "label") + l.T("serve.problem.kind.number"),
			l.T("serve.problem.kind.fix", "fix", "database_gb = 14.5"),
			at(9, "onsite.satellites", "label") + l.T("serve.problem.kind.no_windows_client", "version", "10.0.5"),
			at(10, "onsite.colour", "") + l.T("serve.problem.kind.unknown_key"),
			l.T("serve.dropped.again"),
		}
		got := errs.String()
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the console lacks %q:\n%s", lang, w, got)
			}
		}
		if strings.Contains(got, "migready: error") || strings.Contains(got, "has a unit") {
			t.Errorf("%s: the console speaks English:\n%s", lang, got)
		}
		if !strings.HasSuffix(out.String(), l.T("console.close")+" ") {
			t.Errorf("%s: the prompt is not in the system's language: %q", lang, out.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "pack")); err == nil {
		t.Error("a pack folder was made")
	}
	// The page's words are the console's: one owner, in nb for instance.
	setSystemLanguages(t, "nb_NO.UTF-8")
	fakeConsole(t, 1, "\n")
	var out, errs bytes.Buffer
	run([]string{profile}, &out, &errs)
	if !strings.Contains(errs.String(), "  Linje 7, Databasens størrelse i GB (onsite.database_gb): I en profil skrives et tall bare med sifre") {
		t.Errorf("nb:\n%s", errs.String())
	}
}
