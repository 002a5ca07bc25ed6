package main

import (
	"os"
	"strings"
	"testing"
)

// The program's hooks for tests (write.go, console.go), each replaced for
// one test and restored when it ends.

// setRename makes writeAll rename files with f.
func setRename(t *testing.T, f func(from, to string) error) {
	t.Cleanup(func() { rename = os.Rename })
	rename = f
}

// setCreateTemp makes writeAll create its temporary files with f.
func setCreateTemp(t *testing.T, f func(dir, pattern string) (*os.File, error)) {
	t.Cleanup(func() { createTemp = os.CreateTemp })
	createTemp = f
}

// fakeConsole makes holdWindow see a console of its own (or a shared one)
// and read Enter from keys.
func fakeConsole(t *testing.T, processes int, keys string) *strings.Reader {
	oldInfo, oldStdin := consoleInfo, stdin
	t.Cleanup(func() { consoleInfo, stdin = oldInfo, oldStdin })
	r := strings.NewReader(keys)
	consoleInfo = func() (int, bool) { return processes, true }
	stdin = r
	return r
}

// setSystemLanguages makes the system's languages (systemLanguage) langs.
func setSystemLanguages(t *testing.T, langs ...string) {
	old := languagesOfSystem
	t.Cleanup(func() { languagesOfSystem = old })
	languagesOfSystem = func() []string { return langs }
}
