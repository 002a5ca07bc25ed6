package main

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

// TestDocsUpToDate keeps docs/commands.md equal to what migready help says,
// as cmd/go keeps alldocs.go: run
// go test ./cmd/migready -run TestDocsUpToDate -update after changing a
// command, a flag or an exit code.
func TestDocsUpToDate(t *testing.T) {
	const path = "../../docs/commands.md"
	want := commandsDoc()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("docs/commands.md differs from migready help; run go test ./cmd/migready -run TestDocsUpToDate -update")
	}
}

// TestHelp: every command's help shows its usage and each of its own
// flags with its help, and nothing else's; every line fits a terminal.
func TestHelp(t *testing.T) {
	texts := []string{usage()}
	for _, c := range commands {
		var stdout, stderr bytes.Buffer
		if code := run([]string{c.name, "-h"}, &stdout, &stderr); code != exitReady || stderr.Len() > 0 {
			t.Errorf("migready %s -h: exit %d, stderr %s", c.name, code, &stderr)
		}
		var help bytes.Buffer
		run([]string{"help", c.name}, &help, &stderr)
		if stdout.String() != help.String() || !strings.HasPrefix(help.String(), "usage: migready "+c.name) {
			t.Errorf("migready %s -h and migready help %s differ, or lack the usage:\n%s", c.name, c.name, &stdout)
		}
		texts = append(texts, help.String())
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.flags(fs)
		defined := map[string]bool{}
		fs.VisitAll(func(f *flag.Flag) {
			defined[f.Name] = true
			name, usage := flag.UnquoteUsage(f)
			if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); !isBool && !strings.Contains(f.Usage, "`"+name+"`") {
				t.Errorf("%s -%s: its help names no `ARGUMENT`", c.name, f.Name)
			}
			if !strings.Contains(help.String(), "\n    -"+f.Name) || len(usage) < 20 {
				t.Errorf("%s -%s: no help", c.name, f.Name)
			}
		})
		for _, m := range regexp.MustCompile(`(?m)^    -([a-z-]+)`).FindAllStringSubmatch(help.String(), -1) {
			if !defined[m[1]] {
				t.Errorf("migready help %s lists -%s, not one of its flags", c.name, m[1])
			}
		}
	}
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			if n := len([]rune(line)); n > 80 {
				t.Errorf("a line of %d columns: %q", n, line)
			}
		}
	}
}

// TestExitCode: the one mapping from how a command ended to its code.
func TestExitCode(t *testing.T) {
	output := &outputError{file: "x.pdf", err: fs.ErrPermission, hint: "close it"}
	input := &inputs.Error{File: "users.csv", Row: 3, Msg: "bad"}
	for _, tt := range []struct {
		name    string
		verdict assessment.Verdict
		err     error
		want    int
	}{
		{"no verdict", "", nil, exitReady},
		{"ready", assessment.VerdictReady, nil, exitReady},
		{"not ready", assessment.VerdictNotReady, nil, exitNotReady},
		{"unconfirmed", assessment.VerdictUnconfirmed, nil, exitUnconfirmed},
		{"input error", "", input, exitInput},
		{"profile errors", "", inputs.Errors{input, input}, exitInput},
		{"usage error", "", newFailure(kindDate, "date", "x"), exitInput},
		{"output error", "", output, exitInternal},
		{"output folder", "", newFailure(kindOutputFolder, "dir", "x").because(fs.ErrPermission), exitInternal},
		{"unforeseen", "", errors.New("boom"), exitInternal},
		{"interrupted", "", errInterrupted, exitInterrupted},
		{"batch interrupted", assessment.VerdictNotReady, newFailure(kindBatchInterrupted).because(errInterrupted), exitInterrupted},
		// A batch's error is its first failed customer's: an input error
		// before an output one, whatever the verdicts.
		{"batch input", assessment.VerdictNotReady, newFailure(kindCustomersFailed).because(&customerError{"p.toml", input}), exitInput},
		{"batch output", assessment.VerdictNotReady, newFailure(kindCustomersFailed).because(&customerError{"p.toml", output}), exitInternal},
	} {
		if got := exitCode(tt.verdict, tt.err); got != tt.want {
			t.Errorf("%s: exit %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestFailures: every kind has its words and a hint, and every error a
// person sees has a hint.
func TestFailures(t *testing.T) {
	src, err := os.ReadFile("errors.go")
	if err != nil {
		t.Fatal(err)
	}
	kinds := regexp.MustCompile(`kind\w+\s+kind = "([a-z-]+)"`).FindAllStringSubmatch(string(src), -1)
	if len(kinds) < 10 {
		t.Fatalf("found %d kinds in errors.go", len(kinds))
	}
	for _, m := range kinds {
		f, ok := failures[kind(m[1])]
		if !ok || f.msg == "" || f.hint == "" {
			t.Errorf("kind %s has no words or no hint", m[1])
		}
	}
	if len(failures) != len(kinds) {
		t.Errorf("%d kinds have words, %d are declared", len(failures), len(kinds))
	}
	f := newFailure(kindExportNotProfile, "file", "u.csv")
	if f.Error() != "u.csv is a user export, not a profile" || !strings.Contains(f.Hint(), `-users "u.csv"`) {
		t.Errorf("words %q, hint %q", f.Error(), f.Hint())
	}
	for _, err := range []error{f, errInterrupted, errors.New("boom"), &customerError{"p.toml", &inputs.Error{File: "u.csv", Hint: "fix it"}}} {
		if hintOf(err) == "" {
			t.Errorf("%v has no hint", err)
		}
	}
}

// TestReport: errors in the house style, a batch customer's named by its
// profile.
func TestReport(t *testing.T) {
	var b bytes.Buffer
	report(&b, &customerError{"c/p.toml", &inputs.Error{File: "c/u.csv", Row: 3, Msg: "bad cell", Hint: "fix it"}})
	report(&b, errors.Join(newFailure(kindSlugClash, "other", "a.toml", "profile", "b.toml", "name", "A", "slug", "a"),
		newFailure(kindSlugClash, "other", "a.toml", "profile", "c.toml", "name", "A", "slug", "a")))
	want := `migready: error: c/p.toml: c/u.csv row 3: bad cell
migready: hint: fix it
migready: error: a.toml and b.toml are both "A" (folder a)
migready: error: a.toml and c.toml are both "A" (folder a)
migready: hint: two profiles of one customer would overwrite each other's pack: remove one, or give the customers different names
`
	if b.String() != want {
		t.Errorf("report:\n%s\nwant:\n%s", &b, want)
	}
}
