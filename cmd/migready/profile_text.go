package main

import (
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/templates"
)

// A profileKey is a key or a table of the profile, as init writes it.
type profileKey struct {
	path     string       // "onsite.database_gb", "mail.spf_costs"
	name     string       // the last part, also the key of its comment: init.<name> in templates/*/init.toml
	typ      reflect.Type // without the pointer
	table    bool
	optional bool         // a table whose presence says something ([mail]): written commented out unless a key in it is set
	keys     []profileKey // a table's keys, then its tables
}

// profileKeys lists the keys and tables of t, the Profile type or one of
// its tables, from their toml tags: in the type's order, a table's keys
// before its tables, as TOML needs them. init writes every key there is,
// so a key added to the type is in the next profile init writes (and a
// test wants its comment in every language).
func profileKeys(t reflect.Type, prefix string) []profileKey {
	var keys, tables []profileKey
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		k := profileKey{path: strings.TrimPrefix(prefix+"."+name, "."), name: name, typ: f.Type}
		if k.typ.Kind() == reflect.Pointer {
			k.typ, k.optional = k.typ.Elem(), true
		}
		switch k.typ.Kind() {
		case reflect.Struct:
			k.table = true
			k.keys = profileKeys(k.typ, k.path)
			tables = append(tables, k)
		case reflect.Map:
			k.table, k.optional = true, true
			tables = append(tables, k)
		default:
			keys = append(keys, k)
		}
	}
	return append(keys, tables...)
}

// requiredKeys are the keys the profile reader requires; init marks them
// and leaves them commented out, so that check points at each one's line.
var requiredKeys = map[string]bool{"customer.name": true, "onsite.version": true, "onsite.database_gb": true, "onsite.archive_gb": true}

// fieldEffects lists, in order, the export columns whose absence weakens a
// check, for the comments init writes.
var fieldEffects = []inputs.Field{inputs.FieldUserID, inputs.FieldRole, inputs.FieldPlan, inputs.FieldCanLogIn, inputs.FieldTravel}

// profileText is the profile init writes: every key with its comment from
// templates/<lang>/init.toml, set where init knows the value, else
// commented out with an example. Keys and values are the same in every
// language.
func profileText(l *templates.Lang, o *initOptions, users *inputs.UserList, usersPath string) string {
	name := strings.TrimSpace(o.name)
	domain, label := "", ""
	if users != nil {
		domain = mainDomain(users)
	}
	if name != "" {
		label = readiness.MailLabel(name)
	}
	w := &profileWriter{l: l, set: map[string]string{"customer.language": tomlString(l.Code)}, examples: profileExamples(domain)}
	for path, v := range map[string]string{"users": tomlPath(usersPath, ""), "sheet": tomlString(o.sheet), "customer.name": tomlString(name),
		"customer.mail_label": tomlString(label), "mail.domain": tomlString(domain)} {
		if v != "''" && v != `""` {
			w.set[path] = v
		}
	}

	shown := name
	if shown == "" {
		shown = "…"
	}
	w.b.WriteString("# " + l.T("init.header", "name", shown) + "\n")
	w.b.WriteString("# " + l.T("init.howto", "required", l.T("init.required"), "file", "profile.toml") + "\n\n")
	found := false
	for _, k := range profileKeys(reflect.TypeFor[inputs.Profile](), "") {
		if k.table && !found {
			found = true
			w.found(users)
		}
		w.write(k, false)
	}
	return w.b.String()
}

// profileWriter writes the profile's keys.
type profileWriter struct {
	b        strings.Builder
	l        *templates.Lang
	set      map[string]string // the values init knows, by path
	examples map[string]string // example values, by path
}

// found says what the export has and lacks, under the users key.
func (w *profileWriter) found(users *inputs.UserList) {
	if users == nil {
		return
	}
	var cols []string
	for _, f := range inputs.Fields {
		if h, ok := users.Columns[f]; ok {
			cols = append(cols, h)
		}
	}
	w.b.WriteString("# " + w.l.Plural("init.found", len(users.Users), "file", filepath.Base(users.File), "columns", strings.Join(cols, ", ")) + "\n")
	for _, f := range fieldEffects {
		if !users.Has(f) {
			w.b.WriteString("# " + w.l.T("init.missing", "column", w.l.T("init.field."+string(f)), "effect", w.l.T("init.effect."+string(f))) + "\n")
		}
	}
}

// write writes key or table k; commented: inside a table written commented out.
func (w *profileWriter) write(k profileKey, commented bool) {
	if !k.table {
		suffix := ""
		if requiredKeys[k.path] {
			suffix = " (" + w.l.T("init.required") + ")"
		}
		w.b.WriteString("# " + w.l.T("init."+k.name, "languages", strings.Join(templates.Supported, ", ")) + suffix + "\n")
		v, ok := w.set[k.path]
		if !ok {
			w.b.WriteString("# ")
			v = w.example(k)
		}
		w.b.WriteString(k.name + " = " + v + "\n")
		return
	}
	commented = commented || k.optional && !w.anySet(k.path)
	w.b.WriteString("\n# " + w.l.T("init."+k.name) + "\n")
	if commented {
		w.b.WriteString("# ")
	}
	w.b.WriteString("[" + k.path + "]\n")
	if k.typ.Kind() == reflect.Map {
		w.b.WriteString("# " + w.example(k) + "\n")
	}
	for _, sub := range k.keys {
		w.write(sub, commented)
	}
}

func (w *profileWriter) anySet(table string) bool {
	for path := range w.set {
		if strings.HasPrefix(path, table+".") {
			return true
		}
	}
	return false
}

// example is k's example value: the one profileExamples gives, else one
// of its type.
func (w *profileWriter) example(k profileKey) string {
	if v, ok := w.examples[k.path]; ok {
		return v
	}
	switch k.typ.Kind() {
	case reflect.String:
		return tomlString("…")
	case reflect.Slice:
		return "[]"
	case reflect.Bool:
		return "true"
	case reflect.Map:
		return tomlString("example.com") + " = 1"
	}
	return "0"
}

// profileExamples are the example values of keys whose type alone makes a
// poor example; domain is the users' mail domain, if known. [migration]'s
// are the downtime model's defaults.
func profileExamples(domain string) map[string]string {
	domain = orDefault(domain, "company.com")
	ex := map[string]string{
		"users":                       tomlPath("users.xlsx", ""),
		"sheet":                       tomlString("Users"),
		"customer.name":               tomlString("Company AS"),
		"customer.tenant":             tomlString("Cust12345"),
		"customer.contact_email":      tomlString("admin@" + domain),
		"customer.mail_label":         tomlString("company"),
		"customer.identity_provider":  tomlString("Microsoft Entra ID"),
		"customer.registered_domains": "[" + tomlString(domain) + "]",
		"onsite.version":              tomlString("8.5 R10"),
		"onsite.database_gb":          "14.5",
		"onsite.archive_gb":           "120",
		"onsite.first_version":        tomlString("7.5"),
		"mail.domain":                 tomlString(domain),
		"mail.current_spf":            tomlString("v=spf1 include:spf.protection.outlook.com -all"),
		"mail.service_domain":         tomlString(readiness.DefaultServiceDomain),
		"mail.spf_costs":              tomlString("_spf.acme-mailer.net") + " = 3",
		"brand.logo":                  tomlPath("logo.png", ""),
		"brand.color":                 tomlString("#0B5FFF"),
		"brand.prepared_by_email":     tomlString("consultant@partner.no"),
	}
	m := reflect.ValueOf(readiness.DefaultMigration())
	for i := range m.NumField() {
		if name := m.Type().Field(i).Tag.Get("toml"); m.Field(i).Kind() == reflect.Float64 {
			ex["migration."+name] = strconv.FormatFloat(m.Field(i).Float(), 'f', -1, 64)
		}
	}
	return ex
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
