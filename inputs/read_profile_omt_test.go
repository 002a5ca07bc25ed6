package inputs

import (
	"slices"
	"strings"
	"testing"
)

// What the consultant found for the Online Migration Tool's own checks:
// left out is nil (not checked), [] and 0 are answers.
func TestParseProfileOMT(t *testing.T) {
	p, err := ParseProfile("p.toml", []byte(goodProfile))
	if err != nil {
		t.Fatal(err)
	}
	o := p.Onsite
	if o.SentryAddons != nil || o.DictionaryTables != nil || o.Documents != nil || o.FirstVersion != "" ||
		p.Customer.IdentityProviderGiven {
		t.Errorf("keys left out must stay unknown: %+v %+v", o, p.Customer)
	}

	src := strings.Replace(goodProfile, "language", "identity_provider = \"\"\nlanguage", 1) +
		"first_version = \" 7.5 \"\nsentry_addons = []\ndictionary_tables = [\" x_orders \", \"\"]\n" +
		"[onsite.documents]\nblank_name = 0\nover_limit = 3\n"
	p, err = ParseProfile("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	o = p.Onsite
	if o.SentryAddons == nil || len(o.SentryAddons) != 0 {
		t.Errorf("sentry_addons = [] should be empty, not nil: %#v", o.SentryAddons)
	}
	if !slices.Equal(o.DictionaryTables, []string{"x_orders"}) || o.FirstVersion != "7.5" {
		t.Errorf("onsite %+v", o)
	}
	d := o.Documents
	if d == nil || d.BlankName == nil || *d.BlankName != 0 || d.OverLimit == nil || *d.OverLimit != 3 ||
		d.MissingAppointment != nil || d.UnknownUser != nil {
		t.Errorf("documents: a count left out is nil, 0 is 0: %+v", d)
	}
	if !p.Customer.IdentityProviderGiven || p.Customer.IdentityProvider != "" {
		t.Errorf(`identity_provider = "" is an answer: %+v`, p.Customer)
	}

	p, err = ParseProfile("p.toml", []byte(strings.Replace(goodProfile, "language", "identity_provider = \" Microsoft Entra ID \"\nlanguage", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Customer.IdentityProviderGiven || p.Customer.IdentityProvider != "Microsoft Entra ID" {
		t.Errorf("identity provider %+v", p.Customer)
	}
}

func TestParseProfileOMTErrors(t *testing.T) {
	tests := []profileErrorCase{
		{"first version unreadable", goodProfile + "first_version = \"long ago\"\n", 10, "onsite.first_version",
			`onsite.first_version = "long ago" cannot be read as a SuperOffice version`, `e.g. first_version = "7.5"`},
		{"first version a number", goodProfile + "first_version = 7.5\n", 10, "onsite.first_version",
			"onsite.first_version must be text in quotes, not a number", `first_version = "7.5"`},
		{"first version after the version", goodProfile + "first_version = \"9.2\"\n", 10, "onsite.first_version",
			`onsite.first_version = "9.2" is later than onsite.version = "8.5 R10"`, "first installed with"},
		{"first minor after the version", goodProfile + "first_version = \"8.6\"\n", 10, "onsite.first_version",
			"is later than", ""},
		{"sentry add-ons not a list", goodProfile + "sentry_addons = \"QuoteAddin\"\n", 10, "onsite.sentry_addons",
			"onsite.sentry_addons must be a list of texts in quotes", `sentry_addons = ["QuoteAddin"]`},
		{"dictionary tables of numbers", goodProfile + "dictionary_tables = [1]\n", 10, "onsite.dictionary_tables",
			"not a list with other values than texts", `dictionary_tables = ["x_orders"]`},
		{"documents not a table", goodProfile + "documents = 3\n", 10, "onsite.documents",
			"onsite.documents must be a table [documents], not a whole number", "[onsite.documents]"},
		{"negative count", goodProfile + "[onsite.documents]\nblank_name = -2\n", 11, "onsite.documents.blank_name",
			"onsite.documents.blank_name = -2 is out of range (accepted: 0 or more)", "documents without a name"},
		{"count as text", goodProfile + "[onsite.documents]\nover_limit = \"3\"\n", 11, "onsite.documents.over_limit",
			"onsite.documents.over_limit must be a whole number, not text in quotes", "larger than 94.4 MB"},
		{"count as decimal", goodProfile + "[onsite.documents]\nunknown_user = 1.5\n", 11, "onsite.documents.unknown_user",
			"must be a whole number, not 1.5", "unknown_user = 0"},
		{"satellites as decimal", strings.Replace(goodProfile, "satellites = 0", "satellites = 0.5", 1), 9, "onsite.satellites",
			"onsite.satellites must be a whole number, not 0.5", "satellites = 2; 0 when there are none"},
		{"custom tables as decimal", goodProfile + "custom_tables = 1e1\n", 10, "onsite.custom_tables",
			"onsite.custom_tables must be a whole number, not 1e1", "custom_tables = 1; 0 when there are none"},
		{"unknown count", goodProfile + "[onsite.documents]\nblank_names = 1\n", 11, "onsite.documents.blank_names",
			"unknown key onsite.documents.blank_names", "did you mean onsite.documents.blank_name? valid keys in [onsite.documents]: blank_name, missing_appointment, unknown_user, over_limit"},
		{"identity provider a flag", strings.Replace(goodProfile, "language", "identity_provider = true\nlanguage", 1), 4, "customer.identity_provider",
			"customer.identity_provider must be text in quotes, not true or false", `identity_provider = "Microsoft Entra ID"`},
	}
	runProfileErrors(t, tests)
	// An unreadable version cannot be compared with: only first_version's own
	// reading is checked then.
	if _, err := ParseProfile("p.toml", []byte(strings.Replace(goodProfile, `"8.5 R10"`, `"Online"`, 1)+"first_version = \"7.5\"\n")); err != nil {
		t.Errorf("an unreadable current version is not first_version's problem: %v", err)
	}
}
