package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/migready/migready/readiness/assessment"
)

// A command is one of migready's commands, as cmd/go keeps them: its usage,
// its help and its flags, each flag with its own help. migready help,
// migready COMMAND -h and docs/commands.md are all made from these.
type command struct {
	name  string
	args  string // what follows the flags in the usage line
	short string // one line for the list of commands
	long  string // the help, after the usage line
	// flags defines the command's flags on fs and returns its options,
	// which run the command once the flags are parsed.
	flags func(fs *flag.FlagSet) runner
}

// A runner is a command's options: run runs the command with the arguments
// left after the flags and returns the verdict it reached ("" for none).
type runner interface {
	run(e *env, args []string) (assessment.Verdict, error)
}

// commands lists the commands in the order help shows them; help itself is
// handled by dispatch.
var commands = []*command{serveCmd, initCmd, checkCmd, packCmd, batchCmd, versionCmd}

// env is where a command runs.
type env struct {
	stdout, stderr io.Writer
	// hold is the language in which to ask for Enter before the program
	// ends, when it has a console window of its own; "" never asks.
	hold string
	// ctx ends a command that runs until it is stopped (serve); nil is
	// context.Background (tests set one).
	ctx context.Context
	// dropped is set for a profile dropped on migready.exe, whose console
	// window speaks the system's language (dropped.go); nil for commands.
	dropped *dropped
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func commandNames() string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// parse parses the command's flags in args and returns its options and the
// arguments left.
func (c *command) parse(args []string) (runner, []string, error) {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o := c.flags(fs)
	positional, err := parseInterleaved(fs, args)
	return o, positional, err
}

func (c *command) run(e *env, args []string) (assessment.Verdict, error) {
	o, positional, err := c.parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(e.stdout, c.help())
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return o.run(e, positional)
}

// usageLine is "migready NAME [flags] ARGS".
func (c *command) usageLine() string {
	line := "migready " + c.name
	if c.hasFlags() {
		line += " [flags]"
	}
	if c.args != "" {
		line += " " + c.args
	}
	return line
}

func (c *command) hasFlags() bool {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.flags(fs)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// help is migready help NAME: the usage line, the long help and the flags,
// each with its help (the flag package's own listing would print -jobs'
// default, the number of cores of the machine the help was made on).
func (c *command) help() string {
	var b strings.Builder
	b.WriteString("usage: " + c.usageLine() + "\n\n" + c.long)
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.flags(fs)
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			b.WriteString("\nFlags:\n")
			first = false
		}
		name, usage := flag.UnquoteUsage(f)
		b.WriteString("    -" + f.Name)
		if name != "" {
			b.WriteString(" " + name)
		}
		b.WriteString("\n")
		b.WriteString(wrap(usage, "            ", 76))
	})
	return b.String()
}

// wrap breaks text into lines of at most width columns, each starting with
// indent.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(text) {
		if line != indent && len([]rune(line))+1+len([]rune(word)) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n")
	return b.String()
}

// usage is migready help: what migready is, its commands and the exit
// codes.
func usage() string {
	var b strings.Builder
	b.WriteString(`migready turns a SuperOffice user export and a customer profile into a
migration readiness pack for SuperOffice CRM Online.

Usage:

`)
	for _, c := range commands {
		fmt.Fprintf(&b, "    %s\n        %s\n", c.usageLine(), c.short)
	}
	b.WriteString(`    migready
        with no arguments, as when migready.exe is double-clicked: serve,
        the page in the browser
    migready PROFILE.toml
        what Windows runs when a profile is dropped on migready.exe: pack,
        into a folder "pack" next to the profile; its window speaks the
        system's language (see Languages below)
    migready help [COMMAND]
        this text, or a command's usage and flags (also migready COMMAND -h)

Exit codes:

`)
	for _, e := range exitCodes {
		text := wrap(e.meaning, "         ", 76)
		b.WriteString(fmt.Sprintf("    %-5d", e.code) + strings.TrimPrefix(text, "         "))
	}
	b.WriteString("\nbatch exits with the code of the customer that needs attention first (see\nmigready help batch).\n")
	b.WriteString(`
Languages:

    The commands (init, check, pack, batch, version, and serve's first
    line) write their messages in English: they are for consultants and
    scripts, which match on them. What a sales representative reads is in
    the representative's language: the page of migready serve (the
    browser's language), and the console window of migready alone and of
    a profile dropped on migready.exe, in the system's language (Windows'
    display language; LC_ALL, LC_MESSAGES or LANG elsewhere). A dropped
    profile's window gives the verdict, "Press Enter", and the problems of
    the profile at their lines and keys, in the words the page shows at
    the same fields, with what to write; a file the profile names that
    cannot be read is named in those words, with the reader's details in
    English, as on the page. Notices on how the export was read, and
    other failures (a file open in Excel), stay in English, under a line
    saying the pack was not made. The pack itself is in the customer's
    language ([customer] language, or -lang).
`)
	return b.String()
}

// help is migready help [COMMAND].
func (e *env) help(args []string) error {
	switch {
	case len(args) == 0 || len(args) == 1 && args[0] == "help":
		fmt.Fprint(e.stdout, usage())
		return nil
	case len(args) == 1 && lookup(args[0]) != nil:
		fmt.Fprint(e.stdout, lookup(args[0]).help())
		return nil
	}
	return newFailure(kindUnknownCommand, "command", strings.Join(args, " "), "commands", commandNames())
}

// commandsDoc is docs/commands.md: the usage and every command's help.
func commandsDoc() string {
	var b strings.Builder
	b.WriteString("# Commands\n\n" +
		"<!-- Made from the command table in cmd/migready by\n" +
		"     go test ./cmd/migready -run TestDocsUpToDate -update\n" +
		"     Edit the commands there, not this page. -->\n\n" +
		"What `migready help` prints:\n\n```text\n" + usage() + "```\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "\n## %s\n\n`migready help %s`, or `migready %s -h`:\n\n```text\n%s```\n", c.name, c.name, c.name, c.help())
	}
	return b.String()
}
