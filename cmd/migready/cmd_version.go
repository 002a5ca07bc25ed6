package main

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/migready/migready/readiness/assessment"
)

// version, commit and date are set at build time for releases
// (.ci/release.sh: -ldflags "-X main.version=… -X main.commit=… -X main.date=…");
// a plain go build takes commit and date from the build info, when it has them.
var (
	version = "0.1.0"
	commit  = ""
	date    = ""
)

var versionCmd = &command{
	name:  "version",
	short: "print the version, the commit and the build date",
	long: `Version prints migready's version, the commit it was built from and
the build date (stamped by the release build; a plain go build takes them
from Go's build info), the Go version and the platform.
`,
	flags: func(*flag.FlagSet) runner { return versionOptions{} },
}

type versionOptions struct{}

func (versionOptions) run(e *env, args []string) (assessment.Verdict, error) {
	fmt.Fprint(e.stdout, versionText())
	return "", nil
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
