package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
	"github.com/migready/migready/render/summary"
	"github.com/migready/migready/render/workbook"
	"github.com/migready/migready/templates"
)

// A reportInput is what one customer's report is made from: the profile,
// and what the command line (or the page) says beside it.
type reportInput struct {
	profile      string
	users, sheet string // the export and its worksheet; "" for the profile's
	lang         string // a language code; "" for the profile's
	since        string // the previous pack: its summary JSON or its folder
	tracker      string // the remediation workbook the customer sent back
	mask         bool   // a masked copy for sharing beyond the customer
	date         time.Time
	// files holds the inputs when they are already in memory (the page's
	// uploads), by the names the fields above and the profile give them.
	// With files set, load reads nothing from disk: a name it does not
	// hold is a file not found, whatever a profile names.
	files map[string][]byte
	// readFiles is set by load: every file it read, so that no output of
	// the report replaces one (noInputReplaced).
	readFiles []inputRead
}

// read reads the input file path for role: from in.files when the inputs
// are in memory, else from disk; the same size limits hold for both.
func (in *reportInput) read(path string, role inputs.Role) ([]byte, error) {
	if in.files == nil {
		if role == inputs.RoleProfile {
			return inputs.ReadProfileFile(path)
		}
		return inputs.ReadFile(path, role)
	}
	data, ok := in.files[path]
	if !ok {
		return nil, &inputs.Error{File: path, Msg: "file not found", Hint: "add the file on the page"}
	}
	if err := inputs.CheckSize(path, role, int64(len(data))); err != nil {
		return nil, err
	}
	return data, nil
}

// load reads and checks the customer's inputs, makes the assessment and
// builds the report: the one model render reads. notices gets what the
// inputs' readers noticed. With provenance it also returns the files the
// report was made from, with their checksums, for a pack; check does not
// pay for them (the export's SHA-256 of 50,000 users, on the second core
// while the export is parsed).
func load(in *reportInput, notices io.Writer, provenance bool) (*render.Report, []render.InputFile, error) {
	var files []render.InputFile
	if err := notAProfile(in.profile, nil); err != nil {
		return nil, nil, err
	}
	profileData, err := in.read(in.profile, inputs.RoleProfile)
	if err != nil {
		return nil, nil, err
	}
	in.readFiles = []inputRead{{roleProfile, in.profile}}
	p, err := parseProfile(in.profile, profileData)
	if err != nil {
		return nil, nil, err
	}
	code := p.Customer.Language
	if in.lang != "" {
		code = in.lang
	}
	// The texts and the logo are read on a second core while the export
	// is parsed (a tenth of a pack's time between them); their errors are
	// reported where they were before: the language's first, the logo's
	// after the export's.
	type langResult struct {
		lang *templates.Lang
		err  error
	}
	langc := make(chan langResult, 1)
	go func() {
		l, err := templates.Load(code)
		langc <- langResult{l, err}
	}()
	type logoResult struct {
		logo         *inputs.Logo
		data         []byte
		readErr, err error
	}
	logoc := make(chan logoResult, 1)
	logoPath := p.Resolve(p.Brand.Logo)
	if p.Brand.Logo != "" {
		go func() {
			var r logoResult
			if r.data, r.readErr = in.read(logoPath, inputs.RoleLogo); r.readErr == nil {
				r.logo, r.err = inputs.ParseLogo(logoPath, r.data)
			}
			logoc <- r
		}()
	}
	// langFirst waits for the texts: their error, if any, is the one to
	// report, as it was when they were read before the export.
	var lang *templates.Lang
	langFirst := func(err error) error {
		if lang == nil {
			lr := <-langc
			if lr.err != nil {
				return lr.err
			}
			lang = lr.lang
		}
		return err
	}

	usersPath := in.users // relative to where the command runs, like any flag
	if usersPath == "" {
		if p.Users == "" {
			return nil, nil, langFirst(&inputs.Error{File: in.profile, Key: "users", Msg: "no user export given",
				Hint: `set users = "users.xlsx" in the profile (relative to its folder) or pass -users FILE`})
		}
		usersPath = p.Resolve(p.Users)
	}
	sheet := p.Sheet
	if in.sheet != "" {
		sheet = in.sheet
	}
	usersData, err := in.read(usersPath, inputs.RoleUsers)
	if err != nil {
		if in.users == "" {
			err = namedFile(p, profileData, "users", p.Users, err, in.files != nil)
		}
		return nil, nil, langFirst(err)
	}
	in.readFiles = append(in.readFiles, inputRead{roleUsers, usersPath})
	// The export's checksum is worked out on a second core while it is
	// parsed (both only read it).
	usersFile := make(chan render.InputFile, 1)
	if provenance {
		go func() { usersFile <- inputFile("users", usersPath, usersData) }()
	}
	users, err := inputs.ParseUsers(usersPath, usersData, sheet)
	if err := langFirst(err); err != nil {
		return nil, nil, err
	}
	// A masked run prints its notices masked too: they quote what the
	// customer typed (statuses, dates, notes, names).
	mask := func(n string) string { return n }
	if in.mask {
		mask = readiness.NoticeMasker(users)
	}
	notice := func(file, n string) {
		fmt.Fprintf(notices, "migready: notice: %s: %s\n", shown.Visible(mask(file)), shown.Visible(mask(n)))
	}
	for _, n := range users.Notices {
		notice(usersPath, n)
	}
	cust := assessment.Customer{Name: p.Customer.Name, Slug: readiness.Slug(p.Customer.Name), Tenant: p.Customer.Tenant}
	if m := readiness.ForeignExport(p, users); m != nil {
		return nil, nil, foreignExport(usersPath, users.Columns[inputs.FieldEmail], cust, m)
	}

	if provenance {
		files = append(files, inputFile("profile", in.profile, profileData), <-usersFile)
	}
	var logo []byte
	if p.Brand.Logo != "" {
		lr := <-logoc
		if lr.readErr != nil {
			return nil, nil, namedFile(p, profileData, "brand.logo", p.Brand.Logo, lr.readErr, in.files != nil)
		}
		in.readFiles = append(in.readFiles, inputRead{roleLogo, logoPath})
		if lr.err != nil {
			return nil, nil, lr.err
		}
		logo = lr.logo.PNG
		if provenance {
			files = append(files, inputFile("logo", logoPath, lr.data))
		}
	}

	opt := readiness.Options{Tool: "migready " + version, Date: in.date}
	if in.since != "" {
		prev, err := in.previous(cust)
		if err != nil {
			return nil, nil, err
		}
		for _, n := range prev.Notices {
			notice(prev.Path, n)
		}
		opt.Previous = prev.Snapshot
		in.readFiles = append(in.readFiles, inputRead{rolePrevious, prev.Path})
		if provenance {
			files = append(files, inputFile("previous", prev.Path, prev.Data))
		}
	}
	if in.tracker != "" {
		data, err := in.read(in.tracker, inputs.RoleTracker)
		if err != nil {
			return nil, nil, err
		}
		ret, err := workbook.ParseReturned(in.tracker, data, cust)
		if err != nil {
			return nil, nil, err
		}
		opt.Tracker = ret.Tracker
		in.readFiles = append(in.readFiles, inputRead{roleTracker, in.tracker})
		if provenance {
			files = append(files, inputFile("tracker", in.tracker, ret.Data))
		}
	}
	a := readiness.Assess(p, users, opt)
	contact := render.Person{Name: p.Customer.ContactName, Email: p.Customer.ContactEmail}
	if in.mask {
		a = readiness.Mask(a, users)
		contact.Name, contact.Email = readiness.MaskPerson(contact.Name, contact.Email)
		for i := range files { // a file's name may name a person
			files[i].Name = mask(files[i].Name)
		}
	}
	if a.Tracker != nil {
		// The tracker's notices are in the pack; the terminal has them too.
		en := render.NewWords(templates.MustLoad(templates.Default))
		for _, n := range a.Tracker.Notices {
			notice(in.tracker, en.Text(n))
		}
	}
	r := &render.Report{
		Assessment: a,
		Lang:       lang,
		Date:       in.date,
		Contact:    contact,
		PreparedBy: render.Person{Name: p.Brand.PreparedBy, Email: p.Brand.PreparedByEmail},
		Color:      p.Brand.Color,
		Logo:       logo,
	}
	return r, files, nil
}

// previous reads the previous pack for -since: from disk a summary or the
// latest in a folder, from memory the summary named.
func (in *reportInput) previous(now assessment.Customer) (*summary.Previous, error) {
	if in.files == nil {
		return summary.ReadPrevious(in.since, now, in.date)
	}
	data, err := in.read(in.since, inputs.RoleSummary)
	if err != nil {
		return nil, err
	}
	return summary.ParsePrevious(in.since, data, now)
}

// loadPack is load for a pack: the report also names the pack's files and
// the inputs they were made from.
func loadPack(in *reportInput, notices io.Writer) (*render.Report, error) {
	r, provenance, err := load(in, notices, true)
	if err != nil {
		return nil, err
	}
	names := render.PackNames(r.Assessment.Customer.Slug, in.date, r.Assessment.Masked)
	r.Inputs, r.Files = provenance, &names
	return r, nil
}

// renderPack makes one customer's pack, for pack and for each customer of a
// batch: the report and the files to write. oneCore keeps the rendering on
// one core (a batch runs a job per core).
func renderPack(in *reportInput, notices io.Writer, oneCore bool) (*render.Report, []render.File, error) {
	r, err := loadPack(in, notices)
	if err != nil {
		return nil, nil, err
	}
	packFiles := render.Pack
	if oneCore {
		packFiles = render.PackOnOneCore
	}
	files, err := packFiles(r)
	if err != nil {
		return nil, nil, err
	}
	return r, files, nil
}

func inputFile(role, path string, data []byte) render.InputFile {
	sum := sha256.Sum256(data)
	return render.InputFile{Role: role, Name: filepath.Base(path), SHA256: hex.EncodeToString(sum[:])}
}
