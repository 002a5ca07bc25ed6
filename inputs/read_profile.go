package inputs

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Languages the profile accepts; kept here (not imported from templates) so
// that inputs stays independent of the pack's words. templates tests check
// the two lists agree.
var Languages = []string{"en", "nb", "sv", "da", "de", "nl"}

// ReadProfile reads and validates the profile at path. Relative paths in it
// (users, brand.logo) are resolved against the profile's folder.
func ReadProfile(path string) (*Profile, error) {
	data, err := ReadFile(path, RoleProfile)
	if err != nil {
		return nil, err
	}
	return ParseProfile(path, data)
}

// ParseProfile is ReadProfile on bytes already read.
func ParseProfile(path string, data []byte) (*Profile, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{File: path, Msg: "profile is empty", Hint: "a profile needs at least [customer] name and the [onsite] section; see examples/*/profile.toml"}
	}
	if len(data) > MaxProfileBytes || bytes.IndexByte(data, 0) >= 0 {
		return nil, &Error{File: path, Msg: "not a TOML profile (binary or too large)", Hint: "pass the customer's profile.toml; the user export goes in its users key or -users"}
	}
	var p Profile
	md, err := toml.Decode(string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))), &p)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			e := &Error{File: path, Line: pe.Position.Line, Msg: "TOML: " + pe.Message, Hint: pe.Usage}
			if pe.LastKey != "" {
				e.Column = pe.LastKey
			}
			if e.Hint == "" {
				e.Hint = "check the quoting and types on that line: strings in \"quotes\", numbers bare, lists in [brackets]"
			}
			return nil, e
		}
		return nil, typeError(path, err)
	}
	p.Path = path
	if und := md.Undecoded(); len(und) > 0 {
		return nil, unknownKeyError(path, data, und[0])
	}
	v := validator{path: path, data: data, md: md}
	v.check(&p)
	if v.err != nil {
		return nil, v.err
	}
	return &p, nil
}

var typeErrRe = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): incompatible types: TOML value has type (\S+); destination has type (\S+)$`)

// typeError turns the TOML decoder's type mismatch into words a sales
// representative understands: which key, what it holds, what it should hold.
func typeError(path string, err error) error {
	m := typeErrRe.FindStringSubmatch(err.Error())
	if m == nil {
		return &Error{File: path, Msg: "TOML: " + err.Error()}
	}
	line, _ := strconv.Atoi(m[1])
	kinds := map[string]string{
		"string": "text in quotes", "float64": "a number", "int64": "a whole number", "integer": "a whole number",
		"float": "a number", "bool": "true or false", "slice": "a list in [brackets]", "array": "a list in [brackets]",
		"map[string]interface": "a table", "[]interface": "a list in [brackets]", "time.Time": "a date",
	}
	kind := func(t string) string {
		t = strings.TrimSuffix(strings.TrimSuffix(t, "{}"), "{}")
		if k, ok := kinds[t]; ok {
			return k
		}
		return t
	}
	return &Error{File: path, Line: line, Column: m[2],
		Msg:  fmt.Sprintf("%s must be %s, not %s", m[2], kind(m[4]), kind(m[3])),
		Hint: `e.g. version = "8.5 R10", database_gb = 14.5, keep_addresses = true, mailboxes = ["support@company.no"]`}
}

// Dir is the folder relative paths in the profile are resolved against.
func (p *Profile) Dir() string { return filepath.Dir(p.Path) }

// Resolve returns rel resolved against the profile's folder (absolute paths unchanged).
func (p *Profile) Resolve(rel string) string {
	if rel == "" || filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(p.Dir(), rel)
}

func fileError(path string, err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return &Error{File: path, Msg: "file not found", Hint: "check the path; paths in the profile are relative to the profile's folder"}
	case errors.Is(err, os.ErrPermission):
		return &Error{File: path, Msg: "permission denied", Hint: "the file must be readable by you"}
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return &Error{File: path, Msg: pe.Err.Error()}
	}
	return &Error{File: path, Msg: err.Error()}
}

// validKeys lists the keys each table accepts, from the struct tags, so the
// list can never drift from the types.
func validKeys(table string) []string {
	t := reflect.TypeOf(Profile{})
	if table != "" {
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).Tag.Get("toml") == table {
				t = t.Field(i).Type
				if t.Kind() == reflect.Pointer {
					t = t.Elem()
				}
				break
			}
		}
		if t == reflect.TypeOf(Profile{}) {
			return nil
		}
	}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("toml"); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

func unknownKeyError(path string, data []byte, k toml.Key) error {
	table, name := "", k[len(k)-1]
	if len(k) > 1 {
		table = k[0]
	}
	// A key nested deeper than [table].key, or an unknown table: report the
	// outermost unknown part.
	if len(k) > 2 {
		name = k[1]
	}
	valid := validKeys(table)
	if table != "" && valid == nil {
		table, name, valid = "", k[0], validKeys("")
	}
	full := name
	if table != "" {
		full = table + "." + name
	}
	e := &Error{File: path, Line: keyLine(data, table, name), Column: full, Msg: "unknown key " + full}
	if best := closest(name, valid); best != "" {
		if table != "" {
			best = table + "." + best
		}
		e.Hint = "did you mean " + best + "? valid keys"
	} else {
		e.Hint = "valid keys"
	}
	where := "at the top"
	if table != "" {
		where = "in [" + table + "]"
	}
	e.Hint += " " + where + ": " + strings.Join(valid, ", ")
	return e
}

var tableRe = regexp.MustCompile(`^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]`)

// keyLine finds the line defining key in table; 0 when not found (e.g. an
// inline table), in which case the error still names the key.
func keyLine(data []byte, table, key string) int {
	cur := ""
	keyRe := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*[=.]`)
	dotted := regexp.MustCompile(`^\s*` + regexp.QuoteMeta(table) + `\.` + regexp.QuoteMeta(key) + `\s*=`)
	for i, line := range strings.Split(string(data), "\n") {
		if m := tableRe.FindStringSubmatch(line); m != nil {
			cur = m[1]
			if table == "" && cur == key {
				return i + 1
			}
			if cur == table+"."+key {
				return i + 1
			}
			continue
		}
		if cur == table && keyRe.MatchString(line) {
			return i + 1
		}
		if cur == "" && table != "" && dotted.MatchString(line) {
			return i + 1
		}
	}
	return 0
}

// closest returns the valid key nearest to name by edit distance, if it is
// near enough to be a plausible typo.
func closest(name string, valid []string) string {
	best, bestD := "", math.MaxInt
	for _, v := range valid {
		if d := editDistance(strings.ToLower(name), v); d < bestD {
			best, bestD = v, d
		}
	}
	if bestD > max(2, len(name)/2) {
		return ""
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

type validator struct {
	path string
	data []byte
	md   toml.MetaData
	err  error
}

// fail records the first problem only: one clear error beats a wall of them.
func (v *validator) fail(table, key, msg, hint string) {
	if v.err != nil {
		return
	}
	full := key
	if table != "" {
		full = table + "." + key
	}
	v.err = &Error{File: v.path, Line: keyLine(v.data, table, key), Column: full, Msg: msg, Hint: hint}
}

// given makes a list key written as [] an empty, non-nil list, so that
// "checked, none" can be told from a key that was left out (nil).
func (v *validator) given(list *[]string, table, key string) {
	if *list == nil && v.md.IsDefined(table, key) {
		*list = []string{}
	}
}

func (v *validator) required(table, key, hint string) bool {
	if v.md.IsDefined(table, key) {
		return true
	}
	if v.err == nil {
		v.err = &Error{File: v.path, Column: table + "." + key, Msg: "missing required key " + table + "." + key, Hint: hint}
	}
	return false
}

var (
	tenantRe = regexp.MustCompile(`^Cust[0-9]+$`)
	colorRe  = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	labelRe  = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	domainRe = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
)

func (v *validator) check(p *Profile) {
	c := &p.Customer
	if v.required("customer", "name", `add [customer] name = "Company AS"`) && strings.TrimSpace(c.Name) == "" {
		v.fail("customer", "name", "customer name is empty", `write the company's name, e.g. name = "Fjordkraft AS"`)
	}
	c.Name = strings.TrimSpace(c.Name)
	v.checkLengths(p)
	if c.Language == "" {
		c.Language = "en"
	}
	c.Language = strings.ToLower(strings.TrimSpace(c.Language))
	if !contains(Languages, c.Language) {
		v.fail("customer", "language", fmt.Sprintf("unsupported language %q", c.Language), "supported: "+strings.Join(Languages, ", "))
	}
	if c.Tenant != "" && !tenantRe.MatchString(c.Tenant) {
		v.fail("customer", "tenant", fmt.Sprintf("tenant %q does not look like a tenant id", c.Tenant), "tenant ids look like Cust12345; leave tenant out if it is not known yet")
	}
	if c.ContactEmail != "" && !strings.Contains(c.ContactEmail, "@") {
		v.fail("customer", "contact_email", fmt.Sprintf("%q is not an email address", c.ContactEmail), "e.g. contact_email = \"admin@company.no\"")
	}
	if c.MailLabel != "" && !labelRe.MatchString(c.MailLabel) {
		v.fail("customer", "mail_label", fmt.Sprintf("mail_label %q is not a valid DNS label", c.MailLabel), "lower-case letters, digits and inner hyphens, at most 63 characters, e.g. mail_label = \"fjordkraft\"")
	}

	o := &p.Onsite
	if v.required("onsite", "version", `add [onsite] version = "8.5 R10" (as shown in the admin client's About box)`) && strings.TrimSpace(o.Version) == "" {
		v.fail("onsite", "version", "onsite version is empty", `e.g. version = "8.5 R10"`)
	}
	for _, k := range []string{"database_gb", "archive_gb"} {
		if v.required("onsite", k, "size in GB, e.g. "+k+" = 14.5; use 0 if there is none") {
			val := o.DatabaseGB
			if k == "archive_gb" {
				val = o.ArchiveGB
			}
			if val < 0 || math.IsNaN(val) || math.IsInf(val, 0) {
				v.fail("onsite", k, fmt.Sprintf("%s must be 0 or more, got %v", k, val), "size in GB, e.g. 14.5")
			}
		}
	}
	if v.required("onsite", "satellites", "number of active satellites (Replication > Define satellites); 0 if none") && o.Satellites < 0 {
		v.fail("onsite", "satellites", "satellites must be 0 or more", "number of active satellites; 0 if none")
	}
	// A list given but empty is an answer ("checked, none"); nil is silence.
	v.given(&o.TravelUsers, "onsite", "travel_users")
	v.given(&o.Customizations, "onsite", "customizations")
	v.given(&o.Integrations, "onsite", "integrations")

	if p.Mail != nil {
		m := p.Mail
		for i := range m.Mailboxes {
			m.Mailboxes[i] = strings.TrimSpace(m.Mailboxes[i])
		}
		v.given(&m.Mailboxes, "mail", "mailboxes")
		m.KeepAddressesGiven = v.md.IsDefined("mail", "keep_addresses")
		m.CurrentSPFGiven = v.md.IsDefined("mail", "current_spf")
		m.Domain = strings.ToLower(strings.TrimSpace(m.Domain))
		// mailboxes = [] alone says there are none; then no domain is needed.
		noDomainNeeded := m.NoMailboxes() && !m.KeepAddressesGiven && !m.CurrentSPFGiven
		if (!v.md.IsDefined("mail", "domain") || m.Domain == "") && !noDomainNeeded {
			v.fail("mail", "domain", "[mail] needs the customer's mail domain", `e.g. domain = "fjordkraft.no"; or, when Service reads no mailboxes, write only mailboxes = [] under [mail]`)
		} else if m.Domain != "" && !domainRe.MatchString(m.Domain) {
			v.fail("mail", "domain", fmt.Sprintf("%q is not a domain name", m.Domain), `e.g. domain = "fjordkraft.no" (no @, no https://)`)
		}
		// Empty means the default, which readiness owns (DefaultServiceDomain).
		m.ServiceDomain = strings.ToLower(strings.TrimSpace(m.ServiceDomain))
		if m.ServiceDomain != "" && !domainRe.MatchString(m.ServiceDomain) {
			v.fail("mail", "service_domain", fmt.Sprintf("%q is not a domain name", m.ServiceDomain), "suocrm.eu for new tenants, suocrm.com for some older ones")
		}
	}

	v.spfCosts(p.Mail)

	g := &p.Migration
	positive := func(x float64) bool { return x > 0 && !math.IsInf(x, 0) }
	for _, f := range []struct {
		key  string
		val  float64
		ok   func(float64) bool
		hint string
	}{
		{"uplink_mbps", g.UplinkMbps, positive, "upload bandwidth in Mbit/s, more than 0, e.g. 100"},
		{"efficiency", g.Efficiency, func(x float64) bool { return x > 0 && x <= 1 }, "share of the uplink the transfer really gets, more than 0 and at most 1, e.g. 0.6"},
		{"database_gb_per_hour", g.DatabaseGBPerHour, positive, "GB of database exported and imported per hour, more than 0, e.g. 10"},
		{"fixed_hours", g.FixedHours, positive, "hours for the fixed steps (freeze, checks, switch-over), more than 0, e.g. 2"},
		{"low_factor", g.LowFactor, func(x float64) bool { return x > 0 && x <= 1 }, "more than 0 and at most 1, e.g. 0.75"},
		{"high_factor", g.HighFactor, func(x float64) bool { return x >= 1 && !math.IsInf(x, 0) }, "1 or more, e.g. 1.75"},
	} {
		if v.md.IsDefined("migration", f.key) && !f.ok(f.val) {
			v.fail("migration", f.key, fmt.Sprintf("%s = %v is out of range", f.key, f.val), f.hint)
		}
	}

	b := &p.Brand
	if b.Color != "" && !colorRe.MatchString(b.Color) {
		v.fail("brand", "color", fmt.Sprintf("color %q is not a #RRGGBB colour", b.Color), `e.g. color = "#0B5FFF"`)
	}
	if b.PreparedByEmail != "" && !strings.Contains(b.PreparedByEmail, "@") {
		v.fail("brand", "prepared_by_email", fmt.Sprintf("%q is not an email address", b.PreparedByEmail), `e.g. prepared_by_email = "consultant@partner.no"`)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
