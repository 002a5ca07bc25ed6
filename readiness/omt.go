package readiness

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

// The checks of the Online Migration Tool (OMT) itself, which only the
// consultant can run against the database: what they found is in the
// profile; what they have not said is unknown.

// ContinuousDatabaseMajor.ContinuousDatabaseMinor is the release that
// introduced the Continuous Database: a database first installed with it or
// later has no tables made with the old Dictionary SDK.
const (
	ContinuousDatabaseMajor = 8
	ContinuousDatabaseMinor = 1
)

// MaxDocumentMB is the largest document SuperOffice CRM Online stores.
const MaxDocumentMB = 94.4

// sentryAddons: OMT will not start while the UserPreference table holds
// SentryAddonNames entries (Sentry COM plug-ins of the old Windows client).
func (a *assessor) sentryAddons() assessment.Check {
	const id = assessment.CheckSentryAddons
	names := a.p.Onsite.SentryAddons
	switch {
	case names == nil:
		return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown"), nil)
	case len(names) == 0:
		return a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass"), nil)
	}
	return a.newCheck(id, assessment.Fail, a.plural("check."+id+".fail", len(names)), a.items(names, "sentry-addon"))
}

// items is one finding of kind for each named item.
func (a *assessor) items(names []string, kind string) []assessment.Finding {
	fs := make([]assessment.Finding, 0, len(names))
	for _, n := range names {
		fs = append(fs, a.itemFinding(n, kind))
	}
	return fs
}

// customTables: custom tables made with the Dictionary SDK stop OMT. Only a
// database first installed before 8.1 (the Continuous Database) can have
// them; one first installed with 8.1 or later cannot.
func (a *assessor) customTables() assessment.Check {
	const id = assessment.CheckCustomTables
	o := a.p.Onsite
	since := fmt.Sprintf("%d.%d", ContinuousDatabaseMajor, ContinuousDatabaseMinor)
	if len(o.DictionaryTables) > 0 {
		return a.newCheck(id, assessment.Fail, a.plural("check."+id+".fail", len(o.DictionaryTables)), a.items(o.DictionaryTables, "dictionary-table"))
	}
	if o.DictionaryTables != nil {
		return a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass", "since", since), nil)
	}
	// first_version "8" may be 8.0: only a written minor release tells.
	atLeast := func(major, minor int, hasMinor bool) bool {
		return major > ContinuousDatabaseMajor || major == ContinuousDatabaseMajor && hasMinor && minor >= ContinuousDatabaseMinor
	}
	before := func(major, minor int) bool {
		return major < ContinuousDatabaseMajor || major == ContinuousDatabaseMajor && minor < ContinuousDatabaseMinor
	}
	if major, minor, hasMinor, ok := parseVersion(o.FirstVersion); ok {
		first := DisplayVersion(o.FirstVersion)
		if atLeast(major, minor, hasMinor) {
			return a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass-created", "first", first, "since", since), nil)
		}
		if hasMinor && before(major, minor) {
			return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown-first", "first", first, "since", since), nil)
		}
	}
	// A database that runs a release before 8.1 today was certainly first
	// installed before it.
	if major, minor, hasMinor, ok := parseVersion(o.Version); ok && hasMinor && before(major, minor) {
		return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown-version", "version", DisplayVersion(o.Version), "since", since), nil)
	}
	return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown", "since", since), nil)
}

// documentCount is a category of [onsite.documents] with the kind of
// finding it gives; a nil count was not given.
type documentCount struct {
	name, kind string
	count      *int
}

// documentCounts are the categories of [onsite.documents], in the order the
// pack lists them.
func documentCounts(d *inputs.Documents) []documentCount {
	return []documentCount{
		{"blank-name", "document-blank-name", d.BlankName},
		{"missing-appointment", "document-missing-appointment", d.MissingAppointment},
		{"unknown-user", "document-unknown-user", d.UnknownUser},
		{"over-limit", "document-over-limit", d.OverLimit},
	}
}

// documents: OMT leaves documents behind whose name is blank, whose
// appointment is missing or whose user no longer exists, and Online stores
// no document larger than MaxDocumentMB. The consultant counts them in the
// database; a count not given is not 0.
func (a *assessor) documents() assessment.Check {
	const id = assessment.CheckDocuments
	d := a.p.Onsite.Documents
	if d == nil {
		d = &inputs.Documents{}
	}
	var fs []assessment.Finding
	var missing []assessment.Text
	total, given := 0, 0
	for _, c := range documentCounts(d) {
		switch {
		case c.count == nil:
			missing = append(missing, a.l.T("check."+id+".category."+c.name, "limit", MaxDocumentMB))
			continue
		case *c.count > 0:
			fs = append(fs, a.itemFinding("", c.kind, "count", *c.count, "limit", MaxDocumentMB))
			total += *c.count
		}
		given++
	}
	switch {
	case given == 0:
		return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown", "limit", MaxDocumentMB), nil)
	case len(missing) > 0:
		// Counts found are shown, but what was not counted is still to
		// verify, as for customisations without integrations.
		if total == 0 {
			return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown-partial", "missing", a.join(missing), "limit", MaxDocumentMB), fs)
		}
		// Documents known to be left behind need attention whatever the
		// rest of the count says: what is not counted yet can only add to
		// them, never make the check pass.
		return a.newCheck(id, assessment.Warn, a.plural("check."+id+".unknown-partial-warn", total, "missing", a.join(missing), "limit", MaxDocumentMB), fs)
	case total > 0:
		return a.newCheck(id, assessment.Warn, a.plural("check."+id+".warn", total, "limit", MaxDocumentMB), fs)
	}
	return a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass", "limit", MaxDocumentMB), nil)
}

// domainCount is an e-mail domain and how many users who can log in have
// an address in it.
type domainCount struct {
	domain string // as written (lower case), the smallest form when written several ways
	users  int
}

// loginDomains counts the domains of the valid addresses of users who can
// log in, most users first, then by name. A user whose Can log in cannot be
// read is not counted: other checks ask about them. Nor are resources,
// system users and former employees, who do not sign in.
func (a *assessor) loginDomains() []domainCount {
	byKey := map[string]*domainCount{}
	for i := range a.users.Users {
		u := &a.users.Users[i]
		if leftOut(u) || a.access(u) != inputs.Yes || !a.addrs[i].valid {
			continue
		}
		// The domain as mail systems compare it (IDNA, case), shown as written.
		_, key, _ := strings.Cut(a.addrs[i].key, "@")
		_, shown, _ := strings.Cut(strings.TrimSpace(u.Email), "@")
		d := byKey[key]
		switch {
		case d == nil:
			d = &domainCount{domain: strings.ToLower(shown)}
			byKey[key] = d
		case shown != d.domain && !strings.EqualFold(shown, d.domain):
			d.domain = min(d.domain, strings.ToLower(shown))
		}
		d.users++
	}
	domains := make([]domainCount, 0, len(byKey))
	for _, d := range byKey {
		domains = append(domains, *d)
	}
	slices.SortFunc(domains, func(x, y domainCount) int {
		return cmp.Or(cmp.Compare(y.users, x.users), strings.Compare(x.domain, y.domain))
	})
	return domains
}

// domainList names the domains for a summary, "nordlys.no (41 users),
// nordlys.se (3 users)", at most maxListed and a count of the rest.
func (a *assessor) domainList(domains []domainCount) assessment.List {
	const id = assessment.CheckIdentityDomains
	var parts []assessment.Text
	for i, d := range domains {
		if i == maxListed {
			parts = append(parts, a.plural("check."+id+".more", len(domains)-maxListed))
			break
		}
		parts = append(parts, a.plural("check."+id+".domain", d.users, "domain", d.domain))
	}
	return a.join(parts)
}

// identityDomains: when the customer will sign in through an identity
// provider, every e-mail domain users sign in with must be registered with
// SuperOffice before the migration; the profile's registered_domains says
// which SuperOffice has confirmed. The domains are those of users who can
// log in; without them (nobody can, or nobody's access can be read) there
// is nothing to register and nothing to pass on.
func (a *assessor) identityDomains() assessment.Check {
	const id = assessment.CheckIdentityDomains
	c := a.p.Customer
	domains := a.loginDomains()
	list := a.domainList(domains)
	switch {
	case !c.IdentityProviderGiven && len(domains) == 0:
		return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown-none"), nil)
	case !c.IdentityProviderGiven:
		return a.newCheck(id, assessment.Unknown, a.plural("check."+id+".unknown", len(domains), "domains", list), nil)
	case c.IdentityProvider == "" && len(domains) == 0:
		return a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass-none"), nil)
	case c.IdentityProvider == "":
		return a.newCheck(id, assessment.Pass, a.plural("check."+id+".pass", len(domains), "domains", list), nil)
	case len(domains) == 0:
		return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown-provider", "provider", c.IdentityProvider), nil)
	}
	// A domain is registered only when the profile says SuperOffice has
	// confirmed it; until then it is still to do before the migration, and
	// nobody has told whether it is done: to verify, never a pass.
	registered := map[string]bool{}
	for _, d := range c.RegisteredDomains {
		if k, ok := asciiDomain(strings.TrimSuffix(strings.TrimSpace(d), ".")); ok {
			registered[k] = true
		}
	}
	var fs []assessment.Finding
	for _, d := range domains {
		if k, ok := asciiDomain(d.domain); ok && registered[k] {
			continue
		}
		fs = append(fs, a.itemFinding(d.domain, "identity-domain", "count", d.users, "provider", c.IdentityProvider))
	}
	if len(fs) == 0 {
		return a.newCheck(id, assessment.Pass, a.plural("check."+id+".pass-registered", len(domains), "provider", c.IdentityProvider, "domains", list), nil)
	}
	return a.newCheck(id, assessment.Unknown, a.plural("check."+id+".unconfirmed", len(fs), "provider", c.IdentityProvider), fs)
}
