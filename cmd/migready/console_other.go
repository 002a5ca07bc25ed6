//go:build !windows

package main

import "os"

// platformConsoleInfo: outside Windows a program never gets a console
// window of its own (a terminal belongs to the shell), so it never waits.
func platformConsoleInfo() (processes int, stdinIsConsole bool) { return 0, false }

// enableColor reports whether f shows ANSI colours; terminals outside
// Windows do.
func enableColor(f *os.File) bool { return true }

// systemLanguages are the system's languages, most preferred first: the
// environment's (macOS sets LANG in Terminal too).
func systemLanguages() []string { return unixLanguages() }
