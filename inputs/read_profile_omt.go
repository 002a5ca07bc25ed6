package inputs

import (
	"fmt"
	"strings"
)

// keyHints are the hints for a value of the wrong type where the general
// example would not help.
var keyHints = map[string]string{
	"customer.identity_provider":           `the identity provider users will sign in through, e.g. identity_provider = "Microsoft Entra ID"; "" for SuperOffice's own sign-in`,
	"customer.registered_domains":          `the e-mail domains SuperOffice has confirmed as registered for the identity provider, e.g. registered_domains = ["company.no"]`,
	"onsite.satellites":                    "the number of active satellite databases (Replication > Define satellites in SOAdmin), e.g. satellites = 2; 0 when there are none",
	"onsite.custom_tables":                 "the number of the database's own (custom) tables, e.g. custom_tables = 1; 0 when there are none",
	"onsite.first_version":                 `the release the database was first installed with, in quotes, e.g. first_version = "7.5"`,
	"onsite.sentry_addons":                 `the SentryAddonNames entries found in the UserPreference table, e.g. sentry_addons = ["QuoteAddin"]; [] when there are none`,
	"onsite.dictionary_tables":             `the custom tables made with the Dictionary SDK, e.g. dictionary_tables = ["x_orders"]; [] when there are none`,
	"onsite.documents":                     "a table of counts under [onsite.documents], e.g. blank_name = 0",
	"onsite.documents.blank_name":          "the number of documents without a name, e.g. blank_name = 12; 0 when there are none",
	"onsite.documents.missing_appointment": "the number of documents whose appointment is missing, e.g. missing_appointment = 3; 0 when there are none",
	"onsite.documents.unknown_user":        "the number of documents of a user (associate) that no longer exists, e.g. unknown_user = 0",
	"onsite.documents.over_limit":          "the number of document files larger than 94.4 MB, e.g. over_limit = 2; 0 when there are none",
}

// omtChecks validates what the profile says about the Online Migration
// Tool's own checks: Sentry add-ons, Dictionary SDK tables, documents left
// behind and the identity provider.
func (v *validator) omtChecks(p *Profile) {
	c := &p.Customer
	c.IdentityProviderGiven = v.md.IsDefined("customer", "identity_provider")
	c.IdentityProvider = strings.TrimSpace(c.IdentityProvider)
	v.given(&c.RegisteredDomains, "customer", "registered_domains")
	c.RegisteredDomains = trimmedList(c.RegisteredDomains)
	for i, d := range c.RegisteredDomains {
		c.RegisteredDomains[i] = strings.ToLower(strings.TrimSuffix(d, "."))
	}

	o := &p.Onsite
	v.given(&o.SentryAddons, "onsite", "sentry_addons")
	v.given(&o.DictionaryTables, "onsite", "dictionary_tables")
	o.SentryAddons = trimmedList(o.SentryAddons)
	o.DictionaryTables = trimmedList(o.DictionaryTables)

	o.FirstVersion = strings.TrimSpace(o.FirstVersion)
	if v.md.IsDefined("onsite", "first_version") && !v.reported["onsite.first_version"] {
		first, firstMinor, _, ok := ParseVersion(o.FirstVersion)
		cur, curMinor, _, curOK := ParseVersion(o.Version)
		switch {
		case !ok:
			v.fail("onsite", "first_version", fmt.Sprintf("onsite.first_version = %q cannot be read as a SuperOffice version", o.FirstVersion),
				keyHints["onsite.first_version"]+"; leave it out when it is not known")
		case curOK && (first > cur || first == cur && firstMinor > curMinor):
			v.fail("onsite", "first_version", fmt.Sprintf("onsite.first_version = %q is later than onsite.version = %q", o.FirstVersion, strings.TrimSpace(o.Version)),
				"first_version is the release the database was first installed with, so it cannot be later than the version it runs today; check both")
		}
	}

	if d := o.Documents; d != nil {
		for _, n := range []struct {
			key   string
			count *int
		}{{"blank_name", d.BlankName}, {"missing_appointment", d.MissingAppointment}, {"unknown_user", d.UnknownUser}, {"over_limit", d.OverLimit}} {
			if n.count != nil && *n.count < 0 && !v.reported["onsite.documents."+n.key] {
				v.fail("onsite.documents", n.key, fmt.Sprintf("onsite.documents.%s = %d is out of range (accepted: 0 or more)", n.key, *n.count),
					keyHints["onsite.documents."+n.key])
			}
		}
	}
}

// trimmedList trims each entry and drops the empty ones, keeping a given
// list non-nil: [""] is an answer ("none"), not silence.
func trimmedList(list []string) []string {
	if list == nil {
		return nil
	}
	out := []string{}
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
