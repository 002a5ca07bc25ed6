package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// Platform hooks, replaced in tests. consoleInfo reports how many processes
// share this program's console window and whether standard input is that
// console; stdin is where holdWindow waits for Enter.
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

// looksLikeFile reports whether a lone argument is a file rather than a
// mistyped command: what Windows passes when a file is dropped on the program.
func looksLikeFile(arg string) bool {
	if strings.EqualFold(filepath.Ext(arg), ".toml") {
		return true
	}
	st, err := os.Stat(arg)
	return err == nil && !st.IsDir()
}

// dropped handles migready PROFILE.toml: the pack goes into a folder "pack"
// next to the profile, and a window of its own stays open until Enter.
func dropped(profile string, stdout, stderr io.Writer) int {
	lang := templates.Default
	code := func() int {
		switch strings.ToLower(filepath.Ext(profile)) {
		case ".xlsx", ".xls", ".csv", ".txt":
			return fail(stderr, &usageError{msg: profile + " is a user export, not a profile",
				hint: "make a profile first: migready init -users \"" + profile + "\" -name \"Customer AS\" FOLDER; then drop FOLDER's profile.toml on migready"})
		}
		if data, err := inputs.ReadProfileFile(profile); err == nil {
			if p, err := inputs.ParseProfile(profile, data); err == nil && templates.Available(p.Customer.Language) {
				lang = p.Customer.Language
			}
		}
		now := time.Now()
		o := &options{cmd: "pack", profile: profile, out: filepath.Join(filepath.Dir(profile), "pack"),
			date: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)}
		return pack(o, stdout, stderr)
	}()
	holdWindow(stdout, lang)
	return code
}

// versionText is migready version's output: the version, the commit and
// the build date (from -ldflags, else the build info, else "unknown").
func versionText() string {
	rev, built, modified := commit, date, false
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if rev == "" {
					rev = s.Value
				}
			case "vcs.time":
				if built == "" {
					built = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true" && commit == ""
			}
		}
	}
	if rev == "" {
		rev = "unknown"
	} else if modified {
		rev += " (with uncommitted changes)"
	}
	if built == "" {
		built = "unknown"
	}
	return fmt.Sprintf("migready %s\ncommit %s\nbuilt %s\n%s %s/%s\n", version, rev, built, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
