// Package profiletext writes a customer's profile.toml as migready init
// and migready serve write it: every key of the inputs.Profile type, in the
// type's order, each with its one-line comment from templates/*/init.toml,
// the keys whose value is known set and the others commented out with an
// example. inputs reads what it writes (a test holds the two together), so
// a profile saved from the page is the same file init writes, and pack,
// batch, a drop on migready.exe and -since take it alike.
package profiletext

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

// A Key is a key or a table of the profile.
type Key struct {
	Path     string       // "onsite.database_gb", "mail.spf_costs"
	Name     string       // the last part, also the key of its comment: init.<name> in templates/*/init.toml
	Type     reflect.Type // without the pointer
	Table    bool
	Optional bool  // a table whose presence says something ([mail]), or a value that may be left out (*int)
	Keys     []Key // a table's keys, then its tables
}

// Keys lists the keys and tables of the Profile type from their toml
// tags: in the type's order, a table's keys before its tables, as TOML
// needs them. Every key there is is written, so a key added to the type is
// in the next profile (and a test wants its comment in every language).
func Keys() []Key { return keysOf(reflect.TypeFor[inputs.Profile](), "") }

func keysOf(t reflect.Type, prefix string) []Key {
	var keys, tables []Key
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		k := Key{Path: strings.TrimPrefix(prefix+"."+name, "."), Name: name, Type: f.Type}
		if k.Type.Kind() == reflect.Pointer {
			k.Type, k.Optional = k.Type.Elem(), true
		}
		switch k.Type.Kind() {
		case reflect.Struct:
			k.Table = true
			k.Keys = keysOf(k.Type, k.Path)
			tables = append(tables, k)
		case reflect.Map:
			k.Table, k.Optional = true, true
			tables = append(tables, k)
		default:
			keys = append(keys, k)
		}
	}
	return append(keys, tables...)
}

// Required are the keys the profile reader requires; init marks them and
// leaves them commented out, so that check points at each one's line, and
// the page marks them.
var Required = map[string]bool{"customer.name": true, "onsite.version": true, "onsite.database_gb": true, "onsite.archive_gb": true}

// FieldEffects lists, in order, the export columns whose absence weakens a
// check: init writes a comment for each one missing, and the page says the
// same.
var FieldEffects = []inputs.Field{inputs.FieldUserID, inputs.FieldRole, inputs.FieldPlan, inputs.FieldCanLogIn, inputs.FieldTravel}

// Options is what a profile is written from.
type Options struct {
	// Header and Howto are the first two comment lines: what the file is,
	// and what to do with it.
	Header, Howto string
	// Set holds the values known, as TOML values by key path: a string in
	// quotes, a number, a list; for a table of counts (mail.spf_costs),
	// its lines. Every other key is written commented out, with an example.
	Set map[string]string
	// Users is the export, whose columns are described under the users key;
	// nil for none.
	Users *inputs.UserList
	// Domain is the users' mail domain, for the examples; "" for none.
	Domain string
}

// Write writes the profile: every key with its comment in l.
func Write(l *templates.Lang, o Options) string {
	w := &writer{l: l, set: o.Set, examples: Examples(o.Domain)}
	if w.set == nil {
		w.set = map[string]string{}
	}
	w.b.WriteString("# " + o.Header + "\n")
	w.b.WriteString("# " + o.Howto + "\n\n")
	found := false
	for _, k := range Keys() {
		if k.Table && !found {
			found = true
			w.found(o.Users)
		}
		w.write(k, false)
	}
	return w.b.String()
}

// writer writes the profile's keys.
type writer struct {
	b        strings.Builder
	l        *templates.Lang
	set      map[string]string // the values known, by path
	examples map[string]string // example values, by path
}

// found says what the export has and lacks, under the users key.
func (w *writer) found(users *inputs.UserList) {
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
	for _, f := range FieldEffects {
		if !users.Has(f) {
			w.b.WriteString("# " + w.l.T("init.missing", "column", w.l.T("init.field."+string(f)), "effect", w.l.T("init.effect."+string(f))) + "\n")
		}
	}
}

// write writes key or table k; commented: inside a table written commented out.
func (w *writer) write(k Key, commented bool) {
	if !k.Table {
		suffix := ""
		if Required[k.Path] {
			suffix = " (" + w.l.T("init.required") + ")"
		}
		w.b.WriteString("# " + w.l.T("init."+k.Name, "languages", strings.Join(templates.Supported, ", ")) + suffix + "\n")
		v, ok := w.set[k.Path]
		if !ok || commented {
			w.b.WriteString("# ")
			v = w.example(k)
		}
		w.b.WriteString(k.Name + " = " + v + "\n")
		return
	}
	commented = commented || k.Optional && !w.anySet(k.Path)
	w.b.WriteString("\n# " + w.l.T("init."+k.Name) + "\n")
	if commented {
		w.b.WriteString("# ")
	}
	w.b.WriteString("[" + k.Path + "]\n")
	if k.Type.Kind() == reflect.Map {
		if v, ok := w.set[k.Path]; ok && !commented {
			w.b.WriteString(v + "\n")
		} else {
			w.b.WriteString("# " + w.example(k) + "\n")
		}
	}
	for _, sub := range k.Keys {
		w.write(sub, commented)
	}
}

// anySet reports whether a value is known in table or below it.
func (w *writer) anySet(table string) bool {
	for path := range w.set {
		if path == table || strings.HasPrefix(path, table+".") {
			return true
		}
	}
	return false
}

// example is k's example value: the one Examples gives, else one of its
// type.
func (w *writer) example(k Key) string {
	if v, ok := w.examples[k.Path]; ok {
		return v
	}
	switch k.Type.Kind() {
	case reflect.String:
		return String("…")
	case reflect.Slice:
		return "[]"
	case reflect.Bool:
		return "true"
	case reflect.Map:
		return String("example.com") + " = 1"
	}
	return "0"
}

// Examples are the example values of keys whose type alone makes a poor
// example, as TOML values by key path; domain is the users' mail domain, if
// known. [migration]'s are the downtime model's defaults.
func Examples(domain string) map[string]string {
	if domain == "" {
		domain = "company.com"
	}
	ex := map[string]string{
		"users":                       Path("users.xlsx"),
		"sheet":                       String("Users"),
		"customer.name":               String("Company AS"),
		"customer.tenant":             String("Cust12345"),
		"customer.contact_email":      String("admin@" + domain),
		"customer.mail_label":         String("company"),
		"customer.identity_provider":  String("Microsoft Entra ID"),
		"customer.registered_domains": List([]string{domain}),
		"onsite.version":              String("8.5 R10"),
		"onsite.database_gb":          "14.5",
		"onsite.archive_gb":           "120",
		"onsite.first_version":        String("7.5"),
		"mail.domain":                 String(domain),
		"mail.current_spf":            String("v=spf1 include:spf.protection.outlook.com -all"),
		"mail.service_domain":         String(readiness.DefaultServiceDomain),
		"mail.spf_costs":              String("_spf.acme-mailer.net") + " = 3",
		"brand.logo":                  Path("logo.png"),
		"brand.color":                 String("#0B5FFF"),
		"brand.prepared_by_email":     String("consultant@partner.no"),
	}
	m := reflect.ValueOf(readiness.DefaultMigration())
	for i := range m.NumField() {
		if name := m.Type().Field(i).Tag.Get("toml"); m.Field(i).Kind() == reflect.Float64 {
			ex["migration."+name] = strconv.FormatFloat(m.Field(i).Float(), 'f', -1, 64)
		}
	}
	return ex
}

// MainDomain is the mail domain most users' addresses have ("" when none
// is valid); ties go to the alphabetically first, so the result is stable.
func MainDomain(users *inputs.UserList) string {
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

// String writes s as a TOML basic string.
func String(s string) string {
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

// Path writes a path as a TOML literal string ('D:\temp\new.csv' stays as
// it is) unless it holds a quote or a control character.
func Path(p string) string {
	if strings.ContainsAny(p, "'\n\r\t") || strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return String(p)
	}
	return "'" + p + "'"
}

// List writes a list of texts.
func List(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = String(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}
