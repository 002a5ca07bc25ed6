package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
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

// runDropped is migready PROFILE.toml, what Windows runs when a profile is
// dropped on migready.exe: pack, into a folder "pack" next to the profile,
// and a window of its own stays open until Enter, in the profile's language.
func runDropped(e *env, profile string) (assessment.Verdict, error) {
	if err := notAProfile(profile, nil); err != nil {
		return "", err
	}
	if data, err := inputs.ReadProfileFile(profile); err == nil {
		if p, err := parseProfile(profile, data); err == nil {
			e.hold = p.Customer.Language
		}
	}
	return runPack(e, &reportInput{profile: profile, date: today()}, filepath.Join(filepath.Dir(profile), "pack"))
}
