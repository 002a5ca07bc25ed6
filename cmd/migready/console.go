package main

import (
	"fmt"
	"io"
	"os"

	"github.com/migready/migready/templates"
)

// Platform hooks, which tests replace (export_test.go): consoleInfo reports
// how many processes share this program's console window and whether
// standard input is that console; stdin is where holdWindow waits for Enter.
var (
	consoleInfo           = platformConsoleInfo
	stdin       io.Reader = os.Stdin
)

// ownsConsole decides whether the program runs in a console window of its
// own, as when a profile is dropped on migready.exe or it is double-clicked
// in Explorer: then the window closes as soon as the program ends. From a
// terminal or a script the console is shared (the shell is attached too),
// and from a pipe standard input is not the console; in both cases nobody
// must be kept waiting.
func ownsConsole(processes int, stdinIsConsole bool) bool {
	return processes == 1 && stdinIsConsole
}

// holdWindow keeps a console window of its own open until Enter is pressed,
// so the user can read the result; elsewhere it returns at once.
func holdWindow(stdout io.Writer, lang string) {
	if !ownsConsole(consoleInfo()) {
		return
	}
	l, err := templates.Load(lang)
	if err != nil {
		l = templates.MustLoad(templates.Default)
	}
	fmt.Fprint(stdout, "\n"+l.T("console.close")+" ")
	// One byte at a time: read the Enter and nothing after it.
	var b [1]byte
	for {
		if n, err := stdin.Read(b[:]); err != nil || n == 1 && b[0] == '\n' {
			return
		}
	}
}
