package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"migready": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
		// migready-stalled is migready whose writeAll stops for good at
		// the rename MIGREADY_STALL_AT, having printed "stalled": a process
		// to kill -9 in the middle of putting a pack in place
		// (TestKilledMidPack).
		"migready-stalled": func() {
			at, _ := strconv.Atoi(os.Getenv("MIGREADY_STALL_AT"))
			calls := 0
			rename = func(from, to string) error {
				if calls++; calls == at {
					fmt.Println("stalled")
					select {}
				}
				return os.Rename(from, to)
			}
			os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the command-line behaviour tests in testdata/script:
// one small file per behaviour (exit codes, error texts, outputs).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// replace FILE OLD NEW replaces every OLD in FILE with NEW, as a
			// sales representative edits a profile.
			"replace": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 3 {
					ts.Fatalf("usage: replace FILE OLD NEW")
				}
				text := ts.ReadFile(args[0])
				if !strings.Contains(text, args[1]) {
					ts.Fatalf("%s does not contain %q", args[0], args[1])
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.ReplaceAll(text, args[1], args[2])), 0o644))
			},
			// exitcode N CMD ARGS… runs CMD and fails unless it exits with
			// exactly N: `! exec` only tells zero from non-zero, and the
			// exit codes are a contract.
			"exitcode": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: exitcode N CMD [ARGS...]")
				}
				want, err := strconv.Atoi(args[0])
				ts.Check(err)
				got := 0
				if err := ts.Exec(args[1], args[2:]...); err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("%s: %v", args[1], err)
					}
					got = ee.ExitCode()
				}
				if got != want {
					ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
				}
			},
			// oleFile writes the magic bytes of an OLE compound file (legacy
			// .xls, or an encrypted .xlsx), which a txtar file cannot hold.
			"oleFile": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: oleFile NAME")
				}
				data := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o644))
			},
		},
	})
}
