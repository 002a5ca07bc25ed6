package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
	"github.com/migready/migready/render/summary"
	"github.com/migready/migready/render/workbook"
	"github.com/migready/migready/templates"
)

// load reads and checks the inputs, makes the assessment and builds the
// report both commands print: the one model render reads.
func load(o *options, stderr io.Writer) (*render.Report, error) {
	profileData, err := inputs.ReadProfileFile(o.profile)
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
			return nil, &inputs.Error{File: o.profile, Key: "users", Msg: "no user export given",
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
	// The export's checksum is worked out on a second core while it is
	// parsed (both only read it).
	usersFile := make(chan render.InputFile, 1)
	go func() { usersFile <- inputFile("users", usersPath, usersData) }()
	users, err := inputs.ParseUsers(usersPath, usersData, sheet)
	if err != nil {
		return nil, err
	}
	for _, n := range users.Notices {
		fmt.Fprintf(stderr, "migready: notice: %s: %s\n", usersPath, n)
	}

	provenance := []render.InputFile{
		inputFile("profile", o.profile, profileData),
		<-usersFile,
	}
	var logo []byte
	if p.Brand.Logo != "" {
		logoPath := p.Resolve(p.Brand.Logo)
		logoData, err := inputs.ReadFile(logoPath, inputs.RoleLogo)
		if err != nil {
			return nil, err
		}
		l, err := inputs.ParseLogo(logoPath, logoData)
		if err != nil {
			return nil, err
		}
		logo = l.PNG
		provenance = append(provenance, inputFile("logo", logoPath, logoData))
	}

	opt := readiness.Options{Tool: "migready " + version, Date: o.date}
	if o.since != "" {
		cust := assessment.Customer{Name: p.Customer.Name, Slug: readiness.Slug(p.Customer.Name), Tenant: p.Customer.Tenant}
		prev, err := summary.ReadPrevious(o.since, cust, o.date)
		if err != nil {
			return nil, err
		}
		for _, n := range prev.Notices {
			fmt.Fprintf(stderr, "migready: notice: %s: %s\n", prev.Path, n)
		}
		opt.Previous = prev.Snapshot
		provenance = append(provenance, inputFile("previous", prev.Path, prev.Data))
	}
	if o.tracker != "" {
		ret, err := workbook.ReadReturned(o.tracker, p.Customer.Name)
		if err != nil {
			return nil, err
		}
		for _, n := range ret.Notices {
			fmt.Fprintf(stderr, "migready: notice: %s: %s\n", o.tracker, n)
		}
		opt.Tracker = ret.Tracker
		provenance = append(provenance, inputFile("tracker", o.tracker, ret.Data))
	}
	a := readiness.Assess(p, users, opt)
	contact := render.Person{Name: p.Customer.ContactName, Email: p.Customer.ContactEmail}
	if o.mask {
		a = readiness.Mask(a, users)
		contact.Name, contact.Email = readiness.MaskPerson(contact.Name, contact.Email)
	}
	r := &render.Report{
		Assessment: a,
		Lang:       lang,
		Date:       o.date,
		Contact:    contact,
		PreparedBy: render.Person{Name: p.Brand.PreparedBy, Email: p.Brand.PreparedByEmail},
		Color:      p.Brand.Color,
		Logo:       logo,
	}
	if o.cmd == "pack" {
		names := render.PackNames(a.Customer.Slug, o.date, a.Masked)
		r.Inputs, r.Files = provenance, &names
	}
	return r, nil
}

// language picks -lang, else the profile's language; a supported language
// whose texts have not been written yet falls back to English.
func language(o *options, p *inputs.Profile, stderr io.Writer) (*templates.Lang, error) {
	code := p.Customer.Language
	if o.lang != "" {
		var err error
		if code, err = langFlag(o.lang); err != nil {
			return nil, err
		}
	}
	if !templates.Available(code) {
		fmt.Fprintf(stderr, "migready: notice: texts in %q are not available yet; using English\n", code)
		code = templates.Default
	}
	return templates.Load(code)
}

func inputFile(role, path string, data []byte) render.InputFile {
	sum := sha256.Sum256(data)
	return render.InputFile{Role: role, Name: filepath.Base(path), SHA256: hex.EncodeToString(sum[:])}
}

func exitCode(a *assessment.Assessment) int {
	switch a.Verdict {
	case assessment.VerdictReady:
		return exitReady
	case assessment.VerdictUnconfirmed:
		return exitUnconfirmed
	}
	return exitNotReady
}

func check(o *options, stdout, stderr io.Writer) int {
	defer tuneGCOne()()
	r, err := load(o, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	switch o.format {
	case "json":
		err = render.JSON(stdout, r)
	case "markdown":
		err = render.Ticket(stdout, r)
	default:
		err = render.Text(stdout, r, colorWanted(stdout))
	}
	if err != nil {
		return fail(stderr, err)
	}
	return exitCode(r.Assessment)
}

func pack(o *options, stdout, stderr io.Writer) int {
	defer tuneGCOne()()
	r, err := load(o, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	files, err := render.Pack(r)
	if err != nil {
		return fail(stderr, err)
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return fail(stderr, fmt.Errorf("output folder: %w", err))
	}
	if err := writeAll(o.out, files); errors.Is(err, errInterrupted) {
		fmt.Fprintln(stderr, "migready: interrupted: nothing written, the previous files are unchanged")
		return exitInterrupted
	} else if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintln(stdout, render.VerdictLine(r.Assessment, r.Lang, colorWanted(stdout)))
	for _, f := range files {
		fmt.Fprintln(stdout, filepath.Join(o.out, f.Name))
	}
	return exitCode(r.Assessment)
}

// colorWanted reports whether w is a terminal that wants colour
// (https://no-color.org: NO_COLOR set to anything turns it off).
func colorWanted(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" || !isTerminal(w) {
		return false
	}
	return enableColor(f)
}
