package inputs

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

const goodProfile = `users = "users.xlsx"
[customer]
name = "Nordlys Energi AS"
language = "nb"
[onsite]
version = "8.5 R10"
database_gb = 14.5
archive_gb = 120
satellites = 0
`

func TestParseProfile(t *testing.T) {
	p, err := ParseProfile("p/profile.toml", []byte(goodProfile))
	if err != nil {
		t.Fatal(err)
	}
	if p.Customer.Name != "Nordlys Energi AS" || p.Onsite.DatabaseGB != 14.5 || p.Customer.Language != "nb" {
		t.Errorf("unexpected profile %+v", p)
	}
	if got := p.Resolve(p.Users); got != "p/users.xlsx" {
		t.Errorf("Resolve = %q", got)
	}
	if p.Onsite.TravelUsers != nil {
		t.Errorf("travel_users not given should be nil, got %v", p.Onsite.TravelUsers)
	}
	if p.Mail != nil {
		t.Errorf("no [mail] should give nil Mail")
	}

	p, err = ParseProfile("p.toml", []byte(goodProfile+"travel_users = []\n[mail]\ndomain = \"Nordlys.no\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Onsite.TravelUsers == nil || len(p.Onsite.TravelUsers) != 0 {
		t.Errorf("travel_users = [] should be empty, not nil")
	}
	// The service domain's default belongs to readiness; inputs leaves it empty.
	if p.Mail.ServiceDomain != "" || p.Mail.Domain != "nordlys.no" {
		t.Errorf("mail defaults: %+v", p.Mail)
	}
	if p.Onsite.Customizations != nil || p.Mail.Mailboxes != nil || p.Mail.KeepAddressesGiven || p.Mail.CurrentSPFGiven {
		t.Errorf("keys left out must stay unknown: %+v %+v", p.Onsite, p.Mail)
	}
}

// A list written as [] is an answer ("checked, none"); a key left out is not.
func TestParseProfileSaysNone(t *testing.T) {
	p, err := ParseProfile("p.toml", []byte(goodProfile+"customizations = []\nintegrations = []\n[mail]\nmailboxes = []\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Onsite.Customizations == nil || p.Onsite.Integrations == nil {
		t.Errorf("customizations/integrations = [] read as not given: %+v", p.Onsite)
	}
	if !p.Mail.NoMailboxes() || p.Mail.Mailboxes == nil {
		t.Errorf("mailboxes = [] without a domain should say: no mailboxes; got %+v", p.Mail)
	}
	p, err = ParseProfile("p.toml", []byte(goodProfile+"[mail]\nkeep_addresses = true\ncurrent_spf = \"\"\nmailboxes = [\"a@b.no\"]\ndomain = \"b.no\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Mail.KeepAddressesGiven || !p.Mail.CurrentSPFGiven || p.Mail.NoMailboxes() {
		t.Errorf("given keys: %+v", p.Mail)
	}
	if _, err := ParseProfile("p.toml", []byte(goodProfile+"[mail]\nmailboxes = [\"a@b.no\"]\n")); err == nil ||
		!strings.Contains(err.Error(), "mail.domain") {
		t.Errorf("mailboxes without a domain: %v", err)
	}
}

// Satellites and custom tables are optional, and a count left out is told
// from a count of 0.
func TestParseProfileOptionalCounts(t *testing.T) {
	p, err := ParseProfile("p.toml", []byte(strings.Replace(goodProfile, "satellites = 0\n", "", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if p.Onsite.SatellitesGiven || p.Onsite.CustomTablesGiven {
		t.Errorf("left out, but given: %+v", p.Onsite)
	}
	p, err = ParseProfile("p.toml", []byte(goodProfile+"custom_tables = 0\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Onsite.SatellitesGiven || p.Onsite.Satellites != 0 || !p.Onsite.CustomTablesGiven || p.Onsite.CustomTables != 0 {
		t.Errorf("given as 0: %+v", p.Onsite)
	}
}

func TestParseProfileErrors(t *testing.T) {
	tests := []struct {
		name, src      string
		line           int
		key, msg, hint string
	}{
		{"empty", "  \n", 0, "", "profile is empty", "[customer]"},
		{"binary", "a\x00b", 0, "", "not a TOML profile", ""},
		{"syntax", "users = \"x\n", 1, "users", `users = "x has no closing "`, `write users = "x"`},
		{"unknown top key", "user = \"x.csv\"\n" + goodProfile, 1, "user", "unknown key user", "did you mean users?"},
		{"unknown table key", strings.Replace(goodProfile, "archive_gb", "archiv_gb", 1), 8, "onsite.archiv_gb", "unknown key onsite.archiv_gb", "did you mean onsite.archive_gb?"},
		{"unknown table", goodProfile + "[brandd]\ncolor = \"#000000\"\n", 10, "brandd", "unknown key brandd", "did you mean brand?"},
		{"far-off key", goodProfile + "zzzzzzzz = 1\n", 10, "onsite.zzzzzzzz", "unknown key", "valid keys in [onsite]: version"},
		{"table line missing", strings.Replace(goodProfile, "[onsite]\n", "", 1), 5, "customer.version", "unknown key customer.version",
			"version belongs in [onsite]: is the line [onsite] missing above it"},
		{"top key under a table", goodProfile + "users = \"x.csv\"\n", 10, "onsite.users", "unknown key onsite.users",
			"users belongs at the top of the profile, before the first [table] line"},
		{"missing name", strings.Replace(goodProfile, "name = \"Nordlys Energi AS\"\n", "", 1), 2, "customer.name", "missing required key customer.name", "add it under [customer]: the customer's company name"},
		{"negative custom tables", goodProfile + "custom_tables = -1\n", 10, "onsite.custom_tables", "onsite.custom_tables = -1 is out of range (accepted: 0 to 100000)", "custom tables"},
		{"custom tables float", goodProfile + "custom_tables = 2.5\n", 10, "onsite.custom_tables", "onsite.custom_tables must be a whole number", ""},
		{"negative size", strings.Replace(goodProfile, "14.5", "-1", 1), 7, "onsite.database_gb", "onsite.database_gb = -1 is out of range (accepted: 0 to 100000)", "database size"},
		{"wrong type", strings.Replace(goodProfile, "\"8.5 R10\"", "8.5", 1), 6, "onsite.version", "onsite.version must be text in quotes, not a number", ""},
		{"language", strings.Replace(goodProfile, "\"nb\"", "\"fr\"", 1), 4, "customer.language", "unsupported language", "en, nb, sv, da, de, nl"},
		{"colour", goodProfile + "[brand]\ncolor = \"blue\"\n", 11, "brand.color", "not a #RRGGBB", ""},
		{"mail domain", goodProfile + "[mail]\ndomain = \"https://x.no\"\n", 11, "mail.domain", "not a domain name", ""},
		{"mail without domain", goodProfile + "[mail]\nkeep_addresses = true\n", 10, "mail.domain", "needs the customer's mail domain", ""},
		{"efficiency", goodProfile + "[migration]\nefficiency = 1.5\n", 11, "migration.efficiency", "out of range (accepted: 0.01 to 1)", "efficiency = 0.6"},
		{"label", strings.Replace(goodProfile, "language", "mail_label = \"Nord Lys\"\nlanguage", 1), 4, "customer.mail_label", "not a valid DNS label", ""},
		{"decimal comma", strings.Replace(goodProfile, "14.5", "6,5", 1), 7, "onsite.database_gb", "database_gb = 6,5 has a decimal comma", "write database_gb = 6.5"},
		{"mangled windows path", strings.Replace(goodProfile, `"users.xlsx"`, `"D:\temp\new.csv"`, 1), 1, "users",
			`users = "D:\temp\new.csv": in double quotes a backslash starts an escape`, `users = 'D:\temp\new.csv', or with forward slashes, users = "D:/temp/new.csv"`},
		{"invalid escape in path", strings.Replace(goodProfile, `"users.xlsx"`, `"C:\Users\ola\x.csv"`, 1), 1, "users",
			`users = "C:\Users\ola\x.csv": in double quotes a backslash starts an escape`, `single quotes, users = 'C:\Users\ola\x.csv'`},
		{"mangled logo path", goodProfile + "[brand]\nlogo = \"logos\\blue.png\"\n", 11, "brand.logo", `logo = "logos\blue.png"`, `logo = 'logos\blue.png'`},
		{"suggest nb", strings.Replace(goodProfile, `"nb"`, `"norsk"`, 1), 4, "customer.language", `unsupported language "norsk"`, `did you mean language = "nb"?`},
		{"suggest sv", strings.Replace(goodProfile, `"nb"`, `"se"`, 1), 4, "customer.language", `unsupported language "se"`, `did you mean language = "sv"?`},
		{"language type", strings.Replace(goodProfile, `"nb"`, `47`, 1), 4, "customer.language", "customer.language must be text in quotes, not a whole number", ""},
		{"huge size", strings.Replace(goodProfile, "14.5", "1e308", 1), 7, "onsite.database_gb", "onsite.database_gb = 1e+308 is out of range (accepted: 0 to 100000)", "database size in GB"},
		{"inf size", strings.Replace(goodProfile, "120", "inf", 1), 8, "onsite.archive_gb", "onsite.archive_gb = +Inf is not a usable number (accepted: 0 to 1000000)", ""},
		{"nan size", strings.Replace(goodProfile, "120", "nan", 1), 8, "onsite.archive_gb", "is not a usable number", ""},
		{"tiny uplink", goodProfile + "[migration]\nuplink_mbps = 1e-320\n", 11, "migration.uplink_mbps", "migration.uplink_mbps = 1e-320 is out of range (accepted: 0.1 to 100000)", "Mbit/s"},
		{"zero fixed hours", goodProfile + "[migration]\nfixed_hours = 0\n", 11, "migration.fixed_hours", "(accepted: more than 0, at most 1000)", ""},
		{"satellites float", strings.Replace(goodProfile, "satellites = 0", "satellites = 1.5", 1), 9, "onsite.satellites", "onsite.satellites must be a whole number, not 1.5", ""},
		{"huge satellites", strings.Replace(goodProfile, "satellites = 0", "satellites = 9223372036854775807", 1), 9, "onsite.satellites", "out of range (accepted: 0 to 10000)", ""},
		{"list of numbers", goodProfile + "travel_users = [1, 2]\n", 10, "onsite.travel_users", "must be a list of texts in quotes", ""},
		{"table as value", "customer = \"x\"\n", 1, "customer", "customer must be a table [customer], not text in quotes", ""},
		{"commented required", strings.Replace(goodProfile, "archive_gb = 120", "# archive_gb = 120", 1), 8, "onsite.archive_gb", "required key onsite.archive_gb is still commented out", "remove the # at the start of the line"},
	}
	runProfileErrors(t, tests)
}

// profileErrorCase is a profile with one problem and the error it gets.
type profileErrorCase = struct {
	name, src      string
	line           int
	key, msg, hint string
}

func runProfileErrors(t *testing.T, tests []profileErrorCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseProfile("profile.toml", []byte(tt.src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want *Error, got %v", err)
			}
			if e.File != "profile.toml" || e.Line != tt.line || e.Key != tt.key {
				t.Errorf("got file %q line %d key %q, want line %d key %q (%v)", e.File, e.Line, e.Key, tt.line, tt.key, e)
			}
			if !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("message %q lacks %q", e.Msg, tt.msg)
			}
			if !strings.Contains(e.Hint, tt.hint) {
				t.Errorf("hint %q lacks %q", e.Hint, tt.hint)
			}
		})
	}
}

// TestParseProfileAllErrors: one run reports every problem, in line order,
// each with its line (a missing key: its table's); a misspelt required key
// (nmae) is one problem, not also a missing name.
func TestParseProfileAllErrors(t *testing.T) {
	src := `users = "u.csv"
[customer]
nmae = "A"
language = "fr"
[onsite]
version = 8.5
database_gb = 6.5
archive_gb = -3
[migration]
efficiency = 2
`
	_, err := ParseProfile("p.toml", []byte(src))
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("want Errors, got %T %v", err, err)
	}
	want := []string{
		`p.toml line 3 key "customer.nmae": unknown key customer.nmae`,
		`p.toml line 4 key "customer.language": unsupported language "fr"`,
		`p.toml line 6 key "onsite.version": onsite.version must be text in quotes, not a number`,
		`p.toml line 8 key "onsite.archive_gb": onsite.archive_gb = -3 is out of range (accepted: 0 to 1000000)`,
		`p.toml line 10 key "migration.efficiency": migration.efficiency = 2 is out of range (accepted: 0.01 to 1)`,
	}
	if got := strings.Split(es.Error(), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if es[0].Hint != "did you mean customer.name? valid keys in [customer]: name, tenant, language, contact_name, contact_email, mail_label, identity_provider, registered_domains, domains" {
		t.Errorf("hint: %q", es[0].Hint)
	}
	var e *Error
	if !errors.As(err, &e) || e != es[0] {
		t.Errorf("errors.As(*Error) should find the first error")
	}
}

// TestParseProfileManyProblems: a file full of unknown keys lists the
// first ones with their lines and counts the rest.
func TestParseProfileManyProblems(t *testing.T) {
	_, err := ParseProfile("p.toml", []byte(manyKeys(100)))
	var es Errors
	if !errors.As(err, &es) || len(es) != maxProfileErrors+1 {
		t.Fatalf("got %d errors: %v", len(es), err)
	}
	if es[0].Line != 10 || es[0].Key != "onsite.k0" || es[maxProfileErrors-1].Line != 10+maxProfileErrors-1 {
		t.Errorf("first errors: %v / %v", es[0], es[maxProfileErrors-1])
	}
	if last := es[maxProfileErrors]; last.Msg != "70 more problems not listed" || last.Line != 0 {
		t.Errorf("last error: %v", last)
	}
}

func manyKeys(n int) string {
	var b strings.Builder
	b.WriteString(goodProfile)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "k%d = %d\n", i, i)
	}
	return b.String()
}

// BenchmarkParseProfileManyProblems: every problem's line comes from one
// index of the profile, so 4,000 unknown keys cost milliseconds, not the
// seconds a line search per problem took.
func BenchmarkParseProfileManyProblems(b *testing.B) {
	data := []byte(manyKeys(4000))
	for b.Loop() {
		ParseProfile("p.toml", data)
	}
}

// TestParseProfileEncodings: what Notepad and PowerShell save.
func TestParseProfileEncodings(t *testing.T) {
	src := strings.Replace(goodProfile, "Nordlys Energi AS", "Østlandske Kraft AS", 1)
	utf16 := func(bigEndian bool) []byte {
		var b []byte
		if bigEndian {
			b = []byte{0xFE, 0xFF}
		} else {
			b = []byte{0xFF, 0xFE}
		}
		for _, r := range src {
			hi, lo := byte(r>>8), byte(r)
			if bigEndian {
				b = append(b, hi, lo)
			} else {
				b = append(b, lo, hi)
			}
		}
		return b
	}
	for name, data := range map[string][]byte{
		"utf-8":        []byte(src),
		"utf-8 bom":    append([]byte{0xEF, 0xBB, 0xBF}, src...),
		"utf-16le bom": utf16(false),
		"utf-16be bom": utf16(true),
		"windows-1252": []byte(strings.Replace(src, "Ø", "\xD8", 1)),
		"crlf":         []byte(strings.ReplaceAll(src, "\n", "\r\n")),
	} {
		p, err := ParseProfile("p.toml", data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if p.Customer.Name != "Østlandske Kraft AS" {
			t.Errorf("%s: name %q", name, p.Customer.Name)
		}
	}
}

func TestParseProfileWindowsPaths(t *testing.T) {
	for _, users := range []string{`'D:\temp\new.csv'`, `"D:\\temp\\new.csv"`} {
		p, err := ParseProfile("p.toml", []byte(strings.Replace(goodProfile, `"users.xlsx"`, users, 1)))
		if err != nil {
			t.Fatalf("%s: %v", users, err)
		}
		if p.Users != `D:\temp\new.csv` {
			t.Errorf("%s: users = %q", users, p.Users)
		}
	}
}

func TestCanonicalLanguage(t *testing.T) {
	for in, want := range map[string]string{"no": "nb", "NO": "nb", "nb-NO": "nb", "nb_no": "nb", "sv-SE": "sv", "de-DE": "de",
		"DE-at": "de", "nl-NL": "nl", "da-DK": "da", "en-GB": "en", " En ": "en", "nb": "nb"} {
		if got, _ := CanonicalLanguage(in); got != want {
			t.Errorf("CanonicalLanguage(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"fr": "", "norsk": "nb", "Norwegian": "nb", "svenks": "sv", "dk": "da", "Deutsch": "de", "dutch": "nl", "nn-NO": "nb"} {
		if got, suggest := CanonicalLanguage(in); got != "" || suggest != want {
			t.Errorf("CanonicalLanguage(%q) = %q, suggest %q; want suggest %q", in, got, suggest, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "abc", 0}, {"databse_gb", "database_gb", 1}, {"kitten", "sitting", 3}, {"æøå", "aoa", 3}} {
		if got := editDistance(tt.a, tt.b); got != tt.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}

// FuzzParseProfile: any bytes give a profile or an *Error, never a panic
// and never a hang (a profile is read in well under a second).
func FuzzParseProfile(f *testing.F) {
	f.Add([]byte(goodProfile))
	f.Add([]byte("[mail]\ndomain = 1\n"))
	f.Add([]byte("a.b.c = 1"))
	f.Add([]byte(goodProfile + "[mail.spf_costs]\n\"_spf.google.com\" = 3\n"))
	f.Add([]byte("users = \"D:\\temp\\new.csv\"\n[onsite]\ndatabase_gb = 6,5\n"))
	f.Add([]byte("[onsite]\nversion = 8.5 R10\ndatabase_gb = 14.5 GB\narchive_gb = 1 200\nsatellites == 1.200,5\n[mail]\nmailboxes = [a,\nkeep_addresses = ja\n[brand\ncolor = #0B5FFF\n"))
	f.Add([]byte("name = ’x’\n a = \"\"\"\nb\n[onsite]\n[onsite]\nk: 1\nx y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan error, 1)
		go func() {
			_, err := ParseProfile("f.toml", data)
			done <- err
		}()
		select {
		case err := <-done:
			var e *Error
			if err != nil && !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			for _, e := range errorsOf(err) {
				if e.Kind == "" {
					t.Fatalf("problem %v has no kind", e)
				}
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("ParseProfile did not return within 5 s on %q", data)
		}
	})
}

// TestContactAddresses: a contact's address printed on the cover must have
// the shape of one; a doubled "@", a domain without a dot or a space is
// named as the key's error.
func TestContactAddresses(t *testing.T) {
	for addr, ok := range map[string]bool{
		"kari@acme.no": true, " kari.nordmann@acme.co.uk ": true, "k@x-y.no": true,
		"pieter@@vandenberg.nl": false, "kari@acme": false, "kari acme.no": false, "@acme.no": false,
		"kari@acme..no": false, "kari@-acme.no": false, "kari@acme.no.": false, "kari @acme.no": false,
	} {
		if got := looksLikeAddress(addr); got != ok {
			t.Errorf("looksLikeAddress(%q) = %v, want %v", addr, got, ok)
		}
	}
	src := "[customer]\nname = \"Acme AS\"\ncontact_email = \"pieter@@vandenberg.nl\"\n"
	_, err := ParseProfile("p.toml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "contact_email") || !strings.Contains(err.Error(), "pieter@@vandenberg.nl") {
		t.Errorf("contact_email with two @: %v", err)
	}
}
