// Command migready turns a customer's SuperOffice user export and a short
// TOML profile into a migration readiness pack for SuperOffice CRM Online.
//
// Each command lives in its own file (cmd_pack.go, cmd_batch.go, …) and
// returns an error; exitCode (errors.go) turns how it ended into the exit
// code, a contract documented with the commands in docs/commands.md, which
// is made from the same command table as migready help.
package main

import (
	"io"
	"os"

	"github.com/migready/migready/readiness/assessment"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without os.Exit, so that defers run and tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	v, err := e.dispatch(args)
	if !e.reportDropped(err) {
		report(stderr, err)
	}
	code := exitCode(v, err)
	if e.hold != "" {
		holdWindow(stdout, e.hold)
	}
	return code
}

// dispatch runs the command args name.
func (e *env) dispatch(args []string) (assessment.Verdict, error) {
	if len(args) == 0 {
		// Double-clicked in Explorer (or Finder): the page, in the browser.
		// Should it fail to start, its console window stays open until
		// Enter, so the message can be read.
		v, err := serveCmd.run(e, nil)
		if err != nil {
			e.hold = systemLanguage()
		}
		return v, err
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		return "", e.help(args[1:])
	case "-version", "--version":
		name = "version"
	}
	if c := lookup(name); c != nil {
		return c.run(e, args[1:])
	}
	if len(args) == 1 && looksLikeFile(args[0]) {
		return runDropped(e, args[0])
	}
	return "", newFailure(kindUnknownCommand, "command", name, "commands", commandNames())
}
