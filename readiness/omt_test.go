package readiness

import (
	"slices"
	"strings"
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

// documents is [onsite.documents] with every count given; -1 leaves one out.
func documents(blank, appointment, user, over int) *inputs.Documents {
	n := func(x int) *int {
		if x < 0 {
			return nil
		}
		return &x
	}
	return &inputs.Documents{BlankName: n(blank), MissingAppointment: n(appointment), UnknownUser: n(user), OverLimit: n(over)}
}

func onsite(e func(*inputs.Onsite)) *inputs.Profile {
	return profile(func(p *inputs.Profile) { e(&p.Onsite) })
}

func TestSentryAddons(t *testing.T) {
	runChecks(t, assessment.CheckSentryAddons, []checkCase{
		{"checked, none", profile(), goodUsers(), assessment.Pass, 0, "No Sentry add-on entries were found"},
		{"not checked", onsite(func(o *inputs.Onsite) { o.SentryAddons = nil }), goodUsers(), assessment.Unknown, 0,
			"SentryAddonNames in the UserPreference table). Your SuperOffice consultant checks"},
		{"two add-ons", onsite(func(o *inputs.Onsite) { o.SentryAddons = []string{"QuoteAddin", "<b>Fax</b>"} }), goodUsers(),
			assessment.Fail, 2, `The Sentry add-on "<b>Fax</b>" is registered`},
		{"one add-on", onsite(func(o *inputs.Onsite) { o.SentryAddons = []string{"QuoteAddin"} }), goodUsers(),
			assessment.Fail, 1, "1 old Sentry add-on is registered"},
	})
	a := assess(onsite(func(o *inputs.Onsite) { o.SentryAddons = []string{"QuoteAddin"} }), goodUsers())
	if f := a.Check(assessment.CheckSentryAddons).Findings[0]; f.Kind != "sentry-addon" || f.Key != "sentry-addons:item:quoteaddin" || f.Row != 0 {
		t.Errorf("finding %+v", f)
	}
	if a.Verdict != assessment.VerdictNotReady {
		t.Errorf("a Sentry add-on stops the Online Migration Tool: verdict %s", a.Verdict)
	}
}

func TestCustomTables(t *testing.T) {
	tables := func(first, version string, list []string) *inputs.Profile {
		return onsite(func(o *inputs.Onsite) { o.FirstVersion, o.Version, o.DictionaryTables = first, version, list })
	}
	runChecks(t, assessment.CheckCustomTables, []checkCase{
		{"checked, none", tables("", "8.5 R10", []string{}), goodUsers(), assessment.Pass, 0, "No custom tables made with the old Dictionary SDK were found"},
		{"checked, none, however old", tables("7.1", "7.5", []string{}), goodUsers(), assessment.Pass, 0, ""},
		{"tables listed", tables("", "8.5 R10", []string{"x_orders", "x_visits"}), goodUsers(), assessment.Fail, 2, `"x_visits" was made`},
		{"tables listed win over a later first version", tables("9.0", "10.1", []string{"x_orders"}), goodUsers(), assessment.Fail, 1, "1 custom table"},
		{"first installed with 8.1", tables("8.1 R2", "8.5 R10", nil), goodUsers(), assessment.Pass, 0, "first installed with SuperOffice 8.1 R2"},
		{"first installed with 10", tables("10", "10.3.9", nil), goodUsers(), assessment.Pass, 0, ""},
		{"first installed with 7.5", tables("7.5", "8.5 R10", nil), goodUsers(), assessment.Unknown, 0, "first installed with SuperOffice 7.5, before 8.1"},
		{"first installed with 8.0", tables("8.0", "8.5 R10", nil), goodUsers(), assessment.Unknown, 0, "before 8.1"},
		{"first version 8 alone may be 8.0", tables("8", "8.5 R10", nil), goodUsers(), assessment.Unknown, 0, "not yet known whether the database was first installed before SuperOffice 8.1"},
		{"runs 7.5 today: certainly before 8.1", tables("", "7.5 R3", nil), goodUsers(), assessment.Unknown, 0, "runs SuperOffice 7.5 R3, older than 8.1"},
		{"history not known", tables("", "9.2", nil), goodUsers(), assessment.Unknown, 0, "Your SuperOffice consultant checks this in the database"},
		{"unreadable version, nothing known", tables("", "Online", nil), goodUsers(), assessment.Unknown, 0, "not yet known"},
	})
}

func TestDocuments(t *testing.T) {
	docs := func(d *inputs.Documents) *inputs.Profile {
		return onsite(func(o *inputs.Onsite) { o.Documents = d })
	}
	runChecks(t, assessment.CheckDocuments, []checkCase{
		{"all counted, none", docs(documents(0, 0, 0, 0)), goodUsers(), assessment.Pass, 0, "no file larger than 94.4\u00a0MB"},
		{"not counted", docs(nil), goodUsers(), assessment.Unknown, 0, "can count them in the database"},
		{"section without counts", docs(&inputs.Documents{}), goodUsers(), assessment.Unknown, 0, "not yet known how many documents"},
		{"some counted, none found, some missing", docs(documents(0, -1, 0, -1)), goodUsers(), assessment.Unknown, 0,
			"Not yet counted: documents linked to an appointment that no longer exists and files larger than 94.4\u00a0MB."},
		// Documents known to be left behind need attention, whatever the
		// count still to come.
		{"found, but not all counted", docs(documents(12, -1, 0, 0)), goodUsers(), assessment.Warn, 1,
			"12 documents would be left behind by the migration or are too large. Not yet counted: documents linked to an appointment"},
		{"blank names and large files", docs(documents(12, 0, 0, 3)), goodUsers(), assessment.Warn, 2, "15 documents would be left behind"},
		{"one large file", docs(documents(0, 0, 0, 1)), goodUsers(), assessment.Warn, 1, "Document files larger than 94.4\u00a0MB: 1."},
		{"every kind", docs(documents(1, 2, 3, 4)), goodUsers(), assessment.Warn, 4, "Documents of a user who no longer exists: 3."},
	})
	a := assess(docs(documents(12345, 0, 0, 0)), goodUsers())
	f := a.Check(assessment.CheckDocuments).Findings[0]
	if f.Kind != "document-blank-name" || f.Key != "documents:document-blank-name" || !strings.Contains(problem(&f), "12,345") {
		t.Errorf("finding %+v: %s", f, problem(&f))
	}
	if !a.Ready {
		t.Errorf("documents left behind are a warning, not a blocker: verdict %s", a.Verdict)
	}
}

func TestIdentityDomains(t *testing.T) {
	idp := func(name string, given bool) *inputs.Profile {
		return profile(func(p *inputs.Profile) { p.Customer.IdentityProvider, p.Customer.IdentityProviderGiven = name, given })
	}
	registered := func(p *inputs.Profile, domains ...string) *inputs.Profile {
		p.Customer.RegisteredDomains = domains
		return p
	}
	mixed := func() *inputs.UserList {
		return users(allColumns,
			usr(2, "ADM", "admin@Fjordkraft.no", admin), usr(3, "OLA", "ola@fjordkraft.no"),
			usr(4, "KARI", "kari@fjordkraft.se"), usr(5, "PER", "per@fjordkraft.se"), usr(6, "ANE", "ane@blåbær.no"),
			usr(7, "EX", "ex@former.no", noAccess), usr(8, "BAD", "bad@", admin), usr(9, "Q", "q@unclear.no", maybe("?")),
			usr(10, "ZED", "zed@aaa.no"), usr(11, "IDN", "idn@xn--blbr-roah.no"))
	}
	runChecks(t, assessment.CheckIdentityDomains, []checkCase{
		{"own sign-in", idp("", true), mixed(), assessment.Pass, 0,
			"own sign-in, so no email domain needs to be registered. Users who can log in use 4 email domains: blåbær.no (2 users), fjordkraft.no (2 users), fjordkraft.se (2 users) and aaa.no (1 user)."},
		{"own sign-in, nobody can log in", idp("", true), users(allColumns, usr(2, "A", "a@x.no", noAccess)), assessment.Pass, 0, "own sign-in"},
		// Until SuperOffice has confirmed the registration, it is to verify.
		{"identity provider", idp("Microsoft Entra ID", true), mixed(), assessment.Unknown, 4,
			"Users will sign in through Microsoft Entra ID: 4 email domains must be registered with SuperOffice before the migration, and their registration has not been confirmed yet."},
		{"some registered", registered(idp("Microsoft Entra ID", true), "FJORDKRAFT.no", "aaa.no."), mixed(), assessment.Unknown, 2,
			"2 email domains must be registered"},
		{"all registered", registered(idp("Microsoft Entra ID", true), "fjordkraft.no", "fjordkraft.se", "xn--blbr-roah.no", "aaa.no"), mixed(), assessment.Pass, 0,
			"all 4 email domains they sign in with are registered with SuperOffice: blåbær.no (2 users)"},
		{"not said", idp("", false), mixed(), assessment.Unknown, 0, "use 4 email domains: blåbær.no (2 users), fjordkraft.no"},
		{"not said, nobody can log in", idp("", false), users(allColumns, usr(2, "A", "a@x.no", noAccess)), assessment.Unknown, 0,
			"not yet known whether users will sign in through an identity provider"},
		{"provider, but no domain to register", idp("Okta", true), users(allColumns, usr(2, "A", "a@x.no", maybe("?")), usr(3, "B", "", admin)),
			assessment.Unknown, 0, "it is not known which email domains must be registered"},
		{"one domain", idp("Okta", true), goodUsers(), assessment.Unknown, 1, "Users who can log in with an address under fjordkraft.no: 3."},
		// Resources, system users and former employees do not sign in: their
		// domains need no registration and they are not counted as users.
		{"users who do not sign in", idp("Okta", true), users(allColumns, usr(2, "OLA", "ola@fjordkraft.no", admin),
			usr(3, "SYNC", "sync@sync.example", kind(inputs.KindSystem, "System user")),
			usr(4, "ROOM", "room@fjordkraft.no", kind(inputs.KindResource, "Resource")),
			usr(5, "GONE", "gone@old.example", func(u *inputs.User) { u.Former = inputs.Yes })),
			assessment.Unknown, 1, "Users who can log in with an address under fjordkraft.no: 1."},
	})
	a := assess(idp("Okta", true), mixed())
	var got []string
	for _, f := range a.Check(assessment.CheckIdentityDomains).Findings {
		got = append(got, f.Name+"="+problem(&f)[strings.LastIndex(problem(&f), " ")+1:])
	}
	// Most users first, then by name; an IDN domain once, however written;
	// no-access, unreadable and invalid addresses are not counted.
	if want := []string{"aaa.no=1.", "blåbær.no=2.", "fjordkraft.no=2.", "fjordkraft.se=2."}; !slices.Equal(got, want) {
		t.Errorf("domains %v, want %v", got, want)
	}
	many := users(allColumns)
	for i, d := range []string{"a.no", "b.no", "c.no", "d.no", "e.no", "f.no", "g.no"} {
		many.Users = append(many.Users, usr(2+i, d, "x@"+d))
	}
	if s := summary(a.Check(assessment.CheckIdentityDomains)); !strings.Contains(s, "Okta") {
		t.Errorf("summary %q", s)
	}
	if s := summary(assess(idp("", false), many).Check(assessment.CheckIdentityDomains)); !strings.Contains(s, "e.no (1 user) and 2 other domains.") {
		t.Errorf("a long list is cut: %q", s)
	}
}
