package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/migready/migready/cmd/migready/internal/profiletext"
	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
	"github.com/migready/migready/templates"
)

var initCmd = &command{
	name:  "init",
	args:  "[DIR]",
	short: "write a new customer's profile.toml, every key explained",
	long: `Init writes DIR/profile.toml (default: the current folder) for a new
customer: every key of the profile with a one-line comment in the -lang
language, the required keys marked and left commented out, so that check
points at the line of each one still to fill in, and what the export
tells: its path, the columns found, a comment for each column a check
needs but the export lacks, the users' most common mail domain as
[mail] domain, and the mail label proposed from -name. It never
overwrites a profile without -force.

    migready init -lang nb -users brukere.xlsx -name "Nordlys Energi AS" Nordlys

The profile's keys are described in docs/profile.md.
`,
	flags: func(fs *flag.FlagSet) runner {
		o := &initOptions{}
		defineLang(fs, &o.lang, "", "the comments and of the pack", " (default: en)")
		fs.StringVar(&o.users, "users", "", "the customer's user export `EXPORT` (.xlsx, .csv or .txt), to learn the columns and the mail domain from")
		fs.StringVar(&o.sheet, "sheet", "", "the worksheet `NAME` to read in an .xlsx export")
		fs.StringVar(&o.name, "name", "", "the customer's company `NAME`, in quotes when it has spaces")
		fs.BoolVar(&o.force, "force", false, "replace an existing profile.toml")
		return o
	},
}

// initOptions are migready init's flags.
type initOptions struct {
	lang, users, sheet, name string
	force                    bool
}

func (o *initOptions) run(e *env, args []string) (assessment.Verdict, error) {
	switch len(args) {
	case 0:
		return "", runInit(e, o, ".")
	case 1:
		return "", runInit(e, o, args[0])
	}
	return "", newFailure(kindFolders, "folders", strings.Join(args, " "))
}

// runInit writes dir/profile.toml for a new customer: every key, a comment
// on each in the chosen language, and what the export tells.
func runInit(e *env, o *initOptions, dir string) error {
	code := templates.Default
	if o.lang != "" {
		var err error
		if code, err = langFlag(o.lang); err != nil {
			return err
		}
	}
	l, err := templates.Load(code)
	if err != nil {
		return err
	}
	target := filepath.Join(dir, "profile.toml")
	// DIR is a folder; a path ending in .toml is the profile itself
	// (…/nykunde/profile.toml), never a folder of that name.
	st, err := os.Stat(dir)
	switch isTOML := strings.EqualFold(filepath.Ext(dir), ".toml"); {
	case err == nil && !st.IsDir() && !isTOML:
		return newFailure(kindInitFile, "file", dir)
	case isTOML && (err != nil || !st.IsDir()):
		target, dir = dir, filepath.Dir(dir)
	}
	if _, err := os.Stat(target); err == nil && !o.force {
		return newFailure(kindProfileExists, "file", target)
	}
	var users *inputs.UserList
	if o.users != "" {
		data, err := inputs.ReadFile(o.users, inputs.RoleUsers)
		if err != nil {
			return err
		}
		if users, err = inputs.ParseUsers(o.users, data, o.sheet); err != nil {
			return err
		}
	}
	text := profileText(l, o, users, usersRel(dir, o.users))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return newFailure(kindProfileFolder, "dir", dir).because(err)
	}
	if err := writeAll(dir, []render.File{{Name: filepath.Base(target), Data: []byte(text)}}); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, target)
	fmt.Fprintln(e.stdout, l.T("init.howto", "required", l.T("init.required"), "file", target))
	return nil
}

// profileText is the profile init writes (package profiletext): every key
// with its comment from templates/<lang>/init.toml, set where init knows the
// value (the language, the export and what it tells, the name and the mail
// label proposed from it), else commented out with an example.
func profileText(l *templates.Lang, o *initOptions, users *inputs.UserList, usersPath string) string {
	name := strings.TrimSpace(o.name)
	domain := ""
	if users != nil {
		domain = profiletext.MainDomain(users)
	}
	set := map[string]string{"customer.language": profiletext.String(l.Code)}
	if usersPath != "" {
		set["users"] = profiletext.Path(usersPath)
	}
	if o.sheet != "" {
		set["sheet"] = profiletext.String(o.sheet)
	}
	if name != "" {
		set["customer.name"] = profiletext.String(name)
		if label := readiness.MailLabel(name); label != "" {
			set["customer.mail_label"] = profiletext.String(label)
		}
	}
	if domain != "" {
		set["mail.domain"] = profiletext.String(domain)
	}
	// Users spread over several domains, the main one not half of them:
	// the others are the customer's too, or check would take the export
	// for another customer's (readiness.ForeignExport).
	if users != nil {
		if m := readiness.ForeignExport(&inputs.Profile{Mail: &inputs.Mail{Domain: domain}}, users, nil); m != nil {
			ds := make([]string, len(m.Found))
			for i, d := range m.Found {
				ds[i] = profiletext.String(d.Domain)
			}
			set["customer.domains"] = "[" + strings.Join(ds, ", ") + "]"
		}
	}
	shown := name
	if shown == "" {
		shown = "…"
	}
	return profiletext.Write(l, profiletext.Options{
		Header: l.T("init.header", "name", shown),
		Howto:  l.T("init.howto", "required", l.T("init.required"), "file", "profile.toml"),
		Set:    set, Users: users, Domain: domain,
	})
}

// usersRel is the export's path as the profile should hold it: relative to
// the profile's folder when it can be, else absolute.
func usersRel(dir, users string) string {
	if users == "" {
		return ""
	}
	absDir, err1 := filepath.Abs(dir)
	absUsers, err2 := filepath.Abs(users)
	if err1 != nil || err2 != nil {
		return users
	}
	// On Windows, an export on another drive has no relative path.
	if rel, err := filepath.Rel(absDir, absUsers); err == nil {
		return rel
	}
	return absUsers
}
