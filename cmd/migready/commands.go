package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/render"
	"github.com/migready/migready/templates"
)

// assessed is everything both commands need: the inputs, read and checked,
// and the assessment made from them.
type assessed struct {
	profile *inputs.Profile
	logo    *inputs.Logo
	lang    *templates.Lang
	result  *readiness.Assessment
}

func load(o *options, stderr io.Writer) (*assessed, error) {
	profileData, err := inputs.ReadFile(o.profile, inputs.RoleProfile)
	if err != nil {
		return nil, err
	}
	p, err := inputs.ParseProfile(o.profile, profileData)
	if err != nil {
		return nil, err
	}
	lang, err := language(o, p, stderr)
	if err != nil {
		return nil, err
	}

	usersPath := o.users // relative to where the command runs, like any flag
	if usersPath == "" {
		if p.Users == "" {
			return nil, &inputs.Error{File: o.profile, Column: "users", Msg: "no user export given",
				Hint: `set users = "users.xlsx" in the profile (relative to its folder) or pass -users FILE`}
		}
		usersPath = p.Resolve(p.Users)
	}
	sheet := p.Sheet
	if o.sheet != "" {
		sheet = o.sheet
	}
	usersData, err := inputs.ReadFile(usersPath, inputs.RoleUsers)
	if err != nil {
		return nil, err
	}
	users, err := inputs.ParseUsers(usersPath, usersData, sheet)
	if err != nil {
		return nil, err
	}

	provenance := []readiness.InputFile{
		inputFile("profile", o.profile, profileData),
		inputFile("users", usersPath, usersData),
	}
	var logo *inputs.Logo
	if p.Brand.Logo != "" {
		logoPath := p.Resolve(p.Brand.Logo)
		logoData, err := inputs.ReadFile(logoPath, inputs.RoleLogo)
		if err != nil {
			return nil, err
		}
		if logo, err = inputs.ParseLogo(logoPath, logoData); err != nil {
			return nil, err
		}
		provenance = append(provenance, inputFile("logo", logoPath, logoData))
	}

	a := readiness.Assess(p, users, lang, readiness.Options{Tool: "migready " + version, Date: o.date})
	a.Inputs = provenance
	return &assessed{profile: p, logo: logo, lang: lang, result: a}, nil
}

// language picks -lang, else the profile's language; a supported language
// whose texts have not been written yet falls back to English.
func language(o *options, p *inputs.Profile, stderr io.Writer) (*templates.Lang, error) {
	code := p.Customer.Language
	if o.lang != "" {
		code = o.lang
		if !templates.IsSupported(code) {
			return nil, &usageError{msg: fmt.Sprintf("unknown -lang %q", code), hint: "supported languages: en, nb, sv, da, de, nl"}
		}
	}
	if !templates.Available(code) {
		fmt.Fprintf(stderr, "migready: notice: texts in %q are not available yet; using English\n", code)
		code = templates.Default
	}
	return templates.Load(code)
}

func inputFile(role, path string, data []byte) readiness.InputFile {
	sum := sha256.Sum256(data)
	return readiness.InputFile{Role: role, Name: filepath.Base(path), SHA256: hex.EncodeToString(sum[:])}
}

func exitCode(a *readiness.Assessment) int {
	if a.Ready {
		return exitReady
	}
	return exitNotReady
}

func check(o *options, stdout, stderr io.Writer) int {
	s, err := load(o, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	// The check command's JSON is the summary without the pack's provenance.
	s.result.Inputs = nil
	if o.format == "json" {
		err = render.JSON(stdout, s.result)
	} else {
		err = render.Text(stdout, s.result, s.lang, colorWanted(stdout))
	}
	if err != nil {
		return fail(stderr, err)
	}
	return exitCode(s.result)
}

func pack(o *options, stdout, stderr io.Writer) int {
	s, err := load(o, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	files, err := render.Pack(&render.PackInput{
		Assessment: s.result,
		Lang:       s.lang,
		Profile:    s.profile,
		Logo:       s.logo,
		Date:       o.date,
	})
	if err != nil {
		return fail(stderr, err)
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return fail(stderr, fmt.Errorf("output folder: %w", err))
	}
	if err := writeAll(o.out, files); err != nil {
		return fail(stderr, err)
	}
	for _, f := range files {
		fmt.Fprintln(stdout, filepath.Join(o.out, f.Name))
	}
	return exitCode(s.result)
}

// colorWanted reports whether w is a terminal that wants colour
// (https://no-color.org: NO_COLOR set to anything turns it off).
func colorWanted(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
