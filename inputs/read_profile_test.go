package inputs

import (
	"errors"
	"strings"
	"testing"
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

func TestParseProfileErrors(t *testing.T) {
	base := strings.Replace(goodProfile, "satellites = 0\n", "", 1)
	tests := []struct {
		name, src         string
		line              int
		column, msg, hint string
	}{
		{"empty", "  \n", 0, "", "profile is empty", "[customer]"},
		{"binary", "a\x00b", 0, "", "not a TOML profile", ""},
		{"syntax", "users = \"x\n", 1, "users", "TOML:", "quoting"},
		{"unknown top key", "user = \"x.csv\"\n" + goodProfile, 1, "user", "unknown key user", "did you mean users?"},
		{"unknown table key", strings.Replace(goodProfile, "archive_gb", "archiv_gb", 1), 8, "onsite.archiv_gb", "unknown key onsite.archiv_gb", "did you mean onsite.archive_gb?"},
		{"unknown table", goodProfile + "[brandd]\ncolor = \"#000000\"\n", 10, "brandd", "unknown key brandd", "did you mean brand?"},
		{"far-off key", goodProfile + "zzzzzzzz = 1\n", 10, "onsite.zzzzzzzz", "unknown key", "valid keys in [onsite]: version"},
		{"missing name", strings.Replace(goodProfile, "name = \"Nordlys Energi AS\"\n", "", 1), 0, "customer.name", "missing required key customer.name", "[customer] name"},
		{"missing satellites", base, 0, "onsite.satellites", "missing required key onsite.satellites", "Replication"},
		{"negative size", strings.Replace(goodProfile, "14.5", "-1", 1), 7, "onsite.database_gb", "must be 0 or more", ""},
		{"wrong type", strings.Replace(goodProfile, "\"8.5 R10\"", "8.5", 1), 6, "onsite.version", "onsite.version must be text in quotes, not a number", ""},
		{"language", strings.Replace(goodProfile, "\"nb\"", "\"fr\"", 1), 4, "customer.language", "unsupported language", "en, nb, sv, da, de, nl"},
		{"colour", goodProfile + "[brand]\ncolor = \"blue\"\n", 11, "brand.color", "not a #RRGGBB", ""},
		{"mail domain", goodProfile + "[mail]\ndomain = \"https://x.no\"\n", 11, "mail.domain", "not a domain name", ""},
		{"mail without domain", goodProfile + "[mail]\nkeep_addresses = true\n", 0, "mail.domain", "needs the customer's mail domain", ""},
		{"efficiency", goodProfile + "[migration]\nefficiency = 1.5\n", 11, "migration.efficiency", "out of range", "at most 1"},
		{"label", strings.Replace(goodProfile, "language", "mail_label = \"Nord Lys\"\nlanguage", 1), 4, "customer.mail_label", "not a valid DNS label", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseProfile("profile.toml", []byte(tt.src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want *Error, got %v", err)
			}
			if e.File != "profile.toml" || e.Line != tt.line || e.Column != tt.column {
				t.Errorf("got file %q line %d column %q, want line %d column %q (%v)", e.File, e.Line, e.Column, tt.line, tt.column, e)
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

// FuzzParseProfile: any bytes give a profile or an *Error, never a panic.
func FuzzParseProfile(f *testing.F) {
	f.Add([]byte(goodProfile))
	f.Add([]byte("[mail]\ndomain = 1\n"))
	f.Add([]byte("a.b.c = 1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseProfile("f.toml", data)
		var e *Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("error %v is not an *Error", err)
		}
	})
}
