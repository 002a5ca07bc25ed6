//go:build !windows

package main

import (
	"os"
	"strings"
)

// platformConsoleInfo: outside Windows a program never gets a console
// window of its own (a terminal belongs to the shell), so it never waits.
func platformConsoleInfo() (processes int, stdinIsConsole bool) { return 0, false }

// enableColor reports whether f shows ANSI colours; terminals outside
// Windows do.
func enableColor(f *os.File) bool { return true }

// systemLanguages are the system's languages, most preferred first: the
// languages the environment names (macOS sets LANG in Terminal too).
func systemLanguages() []string {
	var out []string
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" && s != "C" && s != "POSIX" {
			out = append(out, strings.SplitN(s, ".", 2)[0])
		}
	}
	return out
}
