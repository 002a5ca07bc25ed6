package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/migready/migready/cmd/migready/internal/serve"
	"github.com/migready/migready/inputs"
	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
)

// looksLikeFile reports whether a lone argument is a file rather than a
// mistyped command: what Windows passes when a file is dropped on the program.
func looksLikeFile(arg string) bool {
	if strings.EqualFold(filepath.Ext(arg), ".toml") {
		return true
	}
	st, err := os.Stat(arg)
	return err == nil && !st.IsDir()
}

// dropped is a profile dropped on migready.exe: its console window is the
// sales representative's, and speaks the system's language (the page's
// words for the profile's problems, the verdict, "Press Enter"), whatever
// language the pack is in. The commands (check, pack, …) stay in English:
// they are for consultants and scripts (docs/commands.md).
type dropped struct {
	lang *templates.Lang
	in   *reportInput
}

// runDropped is migready PROFILE.toml, what Windows runs when a profile is
// dropped on migready.exe: pack, into a folder "pack" next to the profile,
// and a window of its own stays open until Enter.
func runDropped(e *env, profile string) (assessment.Verdict, error) {
	code := systemLanguage()
	e.hold = code
	in := &reportInput{profile: profile, date: today()}
	e.dropped = &dropped{lang: templates.MustLoad(code), in: in}
	if err := notAProfile(profile, nil); err != nil {
		return "", err
	}
	return runPack(e, in, filepath.Join(filepath.Dir(profile), "pack"))
}

// reportDropped writes err in the console window of a dropped profile, in
// the system's language, and reports whether it did: the problems of the
// profile and of the files it names as the page words them (serve.Console),
// anything else as report writes it, in English, under a line saying that
// the pack was not made.
func (e *env) reportDropped(err error) bool {
	d := e.dropped
	if err == nil || d == nil {
		return false
	}
	files := map[string]inputs.Role{d.in.profile: inputs.RoleProfile}
	for _, r := range d.in.readFiles {
		files[r.path] = inputRoles[r.role]
	}
	lines, ok := serve.Console(d.lang, files, err)
	if !ok {
		fmt.Fprintln(e.stderr, d.lang.T("serve.dropped.failed"))
		report(e.stderr, err)
		return true
	}
	for _, line := range lines {
		// What the customer wrote shows as it is, hidden characters
		// written out, as report shows it.
		fmt.Fprintln(e.stderr, shown.Visible(line))
	}
	return true
}

// inputRoles are the roles of the files load reads, as inputs names them.
var inputRoles = map[string]inputs.Role{roleProfile: inputs.RoleProfile, roleUsers: inputs.RoleUsers,
	roleLogo: inputs.RoleLogo, rolePrevious: inputs.RoleSummary, roleTracker: inputs.RoleTracker}
