package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/render"
	"github.com/migready/migready/templates"
)

// initOptions are migready init's flags.
type initOptions struct {
	dir, lang, users, sheet, name string
	force                         bool
}

func parseInitFlags(args []string) (*initOptions, error) {
	o := &initOptions{}
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.lang, "lang", "", "")
	fs.StringVar(&o.users, "users", "", "")
	fs.StringVar(&o.sheet, "sheet", "", "")
	fs.StringVar(&o.name, "name", "", "")
	fs.BoolVar(&o.force, "force", false, "")
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, err
	}
	switch len(positional) {
	case 0:
		o.dir = "."
	case 1:
		o.dir = positional[0]
	default:
		return nil, &usageError{msg: "more than one folder given: " + strings.Join(positional, " "),
			hint: `migready init [-lang CODE] [-users EXPORT] [-name "Customer AS"] [DIR]; put a name with spaces in quotes`}
	}
	return o, nil
}

// parseInterleaved parses flags before and after the positional arguments,
// as people type them, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{msg: err.Error(), hint: "run migready help for the options of " + fs.Name()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// initProfile writes DIR/profile.toml for a new customer: every key, a
// comment on each in the chosen language, and what the export tells.
func initProfile(o *initOptions, stdout, stderr io.Writer) int {
	code := templates.Default
	if o.lang != "" {
		var err error
		if code, err = langFlag(o.lang); err != nil {
			return fail(stderr, err)
		}
	}
	if !templates.Available(code) {
		code = templates.Default
	}
	l, err := templates.Load(code)
	if err != nil {
		return fail(stderr, err)
	}
	target := filepath.Join(o.dir, "profile.toml")
	if _, err := os.Stat(target); err == nil && !o.force {
		return fail(stderr, &usageError{msg: target + " already exists",
			hint: "migready init never overwrites a profile; pass -force to replace it, or name another folder"})
	}
	var users *inputs.UserList
	if o.users != "" {
		data, err := inputs.ReadFile(o.users, inputs.RoleUsers)
		if err != nil {
			return fail(stderr, err)
		}
		if users, err = inputs.ParseUsers(o.users, data, o.sheet); err != nil {
			return fail(stderr, err)
		}
	}
	text := profileText(l, o, users, usersRel(o.dir, o.users))
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return fail(stderr, fmt.Errorf("profile folder: %w", err))
	}
	if err := writeAll(o.dir, []render.File{{Name: "profile.toml", Data: []byte(text)}}); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintln(stdout, target)
	fmt.Fprintln(stdout, l.T("init.howto", "required", l.T("init.required"), "file", target))
	return exitReady
}

// langFlag reads -lang as people write it (no, nb-NO, de-DE…), or says
// which language was probably meant.
func langFlag(value string) (string, error) {
	code, suggest := inputs.CanonicalLanguage(value)
	if code == "" {
		return "", &usageError{msg: fmt.Sprintf("unknown -lang %q", value), hint: inputs.LanguageHint("-lang ", suggest)}
	}
	return code, nil
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

// fieldEffects lists, in order, the export columns whose absence weakens a
// check, for the comments init writes.
var fieldEffects = []inputs.Field{inputs.FieldUserID, inputs.FieldRole, inputs.FieldPlan, inputs.FieldCanLogIn, inputs.FieldTravel}

// profileText is the profile init writes. Keys and example values are the
// same in every language; the comments come from templates/<lang>/init.toml.
func profileText(l *templates.Lang, o *initOptions, users *inputs.UserList, usersPath string) string {
	var b strings.Builder
	req := " (" + l.T("init.required") + ")"
	comment := func(key, suffix string) {
		b.WriteString("# " + l.T("init."+key) + suffix + "\n")
	}
	key := func(k, value string, set bool, required bool) {
		suffix := ""
		if required {
			suffix = req
		}
		comment(k, suffix)
		if !set {
			b.WriteString("# ")
		}
		b.WriteString(k + " = " + value + "\n")
	}
	name := strings.TrimSpace(o.name)
	shown := name
	if shown == "" {
		shown = "…"
	}
	b.WriteString("# " + l.T("init.header", "name", shown) + "\n")
	b.WriteString("# " + l.T("init.howto", "required", l.T("init.required"), "file", "profile.toml") + "\n\n")

	key("users", tomlPath(usersPath, "users.xlsx"), usersPath != "", false)
	key("sheet", tomlString(orDefault(o.sheet, "Users")), o.sheet != "", false)
	domain := ""
	if users != nil {
		var found []string
		for _, f := range inputs.Fields {
			if h, ok := users.Columns[f]; ok {
				found = append(found, h)
			}
		}
		b.WriteString("# " + l.Plural("init.found", len(users.Users), "file", filepath.Base(users.File), "columns", strings.Join(found, ", ")) + "\n")
		for _, f := range fieldEffects {
			if !users.Has(f) {
				b.WriteString("# " + l.T("init.missing", "column", l.T("init.field."+string(f)), "effect", l.T("init.effect."+string(f))) + "\n")
			}
		}
		domain = mainDomain(users)
	}

	b.WriteString("\n[customer]\n")
	key("name", tomlString(orDefault(name, "Company AS")), name != "", true)
	key("tenant", tomlString("Cust12345"), false, false)
	key("language", tomlString(l.Code), true, false)
	key("contact_name", tomlString("…"), false, false)
	key("contact_email", tomlString("admin@"+orDefault(domain, "company.com")), false, false)
	label := ""
	if name != "" {
		label = readiness.MailLabel(name)
	}
	key("mail_label", tomlString(orDefault(label, "company")), label != "", false)
	key("identity_provider", tomlString("Microsoft Entra ID"), false, false)
	key("registered_domains", "["+tomlString(orDefault(domain, "company.com"))+"]", false, false)

	b.WriteString("\n[onsite]\n")
	key("version", tomlString("8.5 R10"), false, true)
	key("database_gb", "14.5", false, true)
	key("archive_gb", "120", false, true)
	key("satellites", "0", false, false)
	key("custom_tables", "0", false, false)
	key("travel_users", "[]", false, false)
	key("customizations", "[]", false, false)
	key("integrations", "[]", false, false)
	key("first_version", tomlString("7.5"), false, false)
	key("sentry_addons", "[]", false, false)
	key("dictionary_tables", "[]", false, false)

	b.WriteString("\n")
	comment("documents", "")
	b.WriteString("# [onsite.documents]\n")
	for _, k := range []string{"blank_name", "missing_appointment", "unknown_user", "over_limit"} {
		key(k, "0", false, false)
	}

	b.WriteString("\n")
	comment("mail", "")
	if domain == "" {
		b.WriteString("# ")
	}
	b.WriteString("[mail]\n")
	key("domain", tomlString(orDefault(domain, "company.com")), domain != "", false)
	key("keep_addresses", "true", false, false)
	key("current_spf", tomlString("v=spf1 include:spf.protection.outlook.com -all"), false, false)
	key("mailboxes", "[]", false, false)
	key("service_domain", tomlString(readiness.DefaultServiceDomain), false, false)

	b.WriteString("\n")
	comment("migration", "")
	b.WriteString("[migration]\n")
	key("uplink_mbps", "100", false, false)

	b.WriteString("\n")
	comment("brand", "")
	b.WriteString("[brand]\n")
	key("logo", tomlPath("logo.png", ""), false, false)
	key("color", tomlString("#0B5FFF"), false, false)
	key("prepared_by", tomlString("…"), false, false)
	key("prepared_by_email", tomlString("…"), false, false)
	return b.String()
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// mainDomain is the mail domain most users' addresses have ("" when none
// is valid); ties go to the alphabetically first, so the result is stable.
func mainDomain(users *inputs.UserList) string {
	count := map[string]int{}
	for _, u := range users.Users {
		e := strings.ToLower(strings.TrimSpace(u.Email))
		if i := strings.LastIndexByte(e, '@'); i > 0 && readiness.ValidEmail(e) {
			count[e[i+1:]]++
		}
	}
	domains := make([]string, 0, len(count))
	for d := range count {
		domains = append(domains, d)
	}
	sort.Slice(domains, func(i, j int) bool {
		if count[domains[i]] != count[domains[j]] {
			return count[domains[i]] > count[domains[j]]
		}
		return domains[i] < domains[j]
	})
	if len(domains) == 0 {
		return ""
	}
	return domains[0]
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// tomlPath writes a path as a TOML literal string ('D:\temp\new.csv'
// stays as it is) unless it holds a quote or a control character.
func tomlPath(p, def string) string {
	p = orDefault(p, def)
	if strings.ContainsAny(p, "'\n\r\t") {
		return tomlString(p)
	}
	return "'" + p + "'"
}
