package readiness

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
	"github.com/migready/migready/templates"
)

var en = templates.MustLoad("en")

// say writes the assessment's words in English, as the pack does, so the
// tests can read what a customer would.
var say = render.NewWords(en)

func summary(c *assessment.Check) string   { return say.Text(c.Summary) }
func problem(f *assessment.Finding) string { return say.Finding(f, "problem") }
func action(f *assessment.Finding) string  { return say.Finding(f, "action") }
func title(c *assessment.Check) string     { return en.T("check." + c.ID + ".title") }

var allColumns = []inputs.Field{inputs.FieldUserID, inputs.FieldFullName, inputs.FieldEmail,
	inputs.FieldRole, inputs.FieldPlan, inputs.FieldCanLogIn, inputs.FieldTravel}

// users builds an export with the given columns.
func users(cols []inputs.Field, us ...inputs.User) *inputs.UserList {
	l := &inputs.UserList{File: "users.xlsx", Format: "xlsx", Columns: map[inputs.Field]string{}, Users: us}
	for _, c := range cols {
		l.Columns[c] = string(c)
		l.Headers = append(l.Headers, string(c))
	}
	return l
}

// usr is a well-configured user: can log in, has a plan, is in.
func usr(row int, id, email string, edits ...func(*inputs.User)) inputs.User {
	u := inputs.User{Row: row, ID: id, Name: "Name " + id, Email: email, Role: "User",
		Plan: "Sales-Premium", CanLogIn: inputs.Yes, RawCanLogIn: "Yes", Travel: inputs.No, RawTravel: "No"}
	for _, e := range edits {
		e(&u)
	}
	return u
}

func noAccess(u *inputs.User) { u.CanLogIn, u.RawCanLogIn = inputs.No, "No" }

// maybe gives a "Can log in" value that is neither yes nor no.
func maybe(raw string) func(*inputs.User) {
	return func(u *inputs.User) { u.CanLogIn, u.RawCanLogIn = inputs.Unanswered, raw }
}
func noPlan(u *inputs.User)    { u.Plan = "" }
func admin(u *inputs.User)     { u.Role = "Administrator" }
func traveling(u *inputs.User) { u.Travel, u.RawTravel = inputs.Yes, "Yes" }

// goodUsers is an export that passes every user check.
func goodUsers() *inputs.UserList {
	return users(allColumns,
		usr(2, "ADM", "admin@fjordkraft.no", admin),
		usr(3, "OLA", "ola@fjordkraft.no"),
		usr(4, "KARI", "kari@fjordkraft.no"),
	)
}

func profile(edits ...func(*inputs.Profile)) *inputs.Profile {
	p := &inputs.Profile{
		Customer: inputs.Customer{Name: "Fjordkraft AS", Tenant: "Cust12345", Language: "en", IdentityProviderGiven: true},
		Onsite: inputs.Onsite{Version: "8.5 R10", DatabaseGB: 20, ArchiveGB: 50, SatellitesGiven: true,
			TravelUsers: []string{}, Customizations: []string{}, Integrations: []string{},
			SentryAddons: []string{}, DictionaryTables: []string{}, Documents: documents(0, 0, 0, 0)},
		Mail: &inputs.Mail{Domain: "fjordkraft.no", KeepAddresses: true, KeepAddressesGiven: true,
			CurrentSPF: "v=spf1 mx include:spf.protection.outlook.com ~all", CurrentSPFGiven: true,
			Mailboxes: []string{"support@fjordkraft.no", "salg@fjordkraft.no"}},
	}
	for _, e := range edits {
		e(p)
	}
	return p
}

var opt = Options{Tool: "migready 0.1.0", Date: time.Date(2026, 11, 24, 15, 4, 5, 0, time.UTC)}

func assess(p *inputs.Profile, l *inputs.UserList) *assessment.Assessment { return Assess(p, l, opt) }

func TestAssessAllGood(t *testing.T) {
	a := assess(profile(), goodUsers())
	if !a.Ready || a.Verdict != assessment.VerdictReady || a.Blockers != 0 || a.ToVerify != 0 {
		t.Errorf("verdict %s (ready %v): %d blockers, %d to verify", a.Verdict, a.Ready, a.Blockers, a.ToVerify)
	}
	var ids []string
	for _, c := range a.Checks {
		ids = append(ids, c.ID)
		// The SPF record is still to publish: the one point that needs
		// attention, and the verdict says so.
		if c.ID == assessment.CheckSPF && c.Status == assessment.Warn && a.Attention == 1 {
			continue
		}
		if c.Status != assessment.Pass {
			t.Errorf("%s: status %s (%s) %+v", c.ID, c.Status, summary(&c), c.Findings)
		}
	}
	if !slices.Equal(ids, assessment.CheckIDs) {
		t.Errorf("check order %v, want %v", ids, assessment.CheckIDs)
	}
	want := assessment.Customer{Name: "Fjordkraft AS", Slug: "fjordkraft-as", Tenant: "Cust12345"}
	if a.Customer != want {
		t.Errorf("customer %+v, want %+v", a.Customer, want)
	}
	if a.Tool != "migready 0.1.0" || a.Generated != "2026-11-24" {
		t.Errorf("header: %q %q", a.Tool, a.Generated)
	}
	if !reflect.DeepEqual(a.Users, assessment.UserCounts{Total: 3, WithAccess: 3, People: 3, Notices: []assessment.Text{}}) {
		t.Errorf("users %+v", a.Users)
	}
	wantBoxes := []assessment.Mailbox{
		{Current: "support@fjordkraft.no", New: "support@fjordkraft.suocrm.eu", Forward: true},
		{Current: "salg@fjordkraft.no", New: "salg@fjordkraft.suocrm.eu", Forward: true},
	}
	if !reflect.DeepEqual(a.Mailboxes, wantBoxes) {
		t.Errorf("mailboxes %+v", a.Mailboxes)
	}
	wantSPF := &assessment.SPF{Domain: "fjordkraft.no", Current: "v=spf1 mx include:spf.protection.outlook.com ~all",
		Record:     "v=spf1 mx include:spf.protection.outlook.com include:_spf.online.superoffice.com ~all",
		DNSLookups: 4, UnknownIncludes: []string{}, Warnings: []assessment.SPFWarning{},
		LookupCosts: []assessment.SPFTermCost{{Term: "mx", Lookups: 1, Known: true}, {Term: "include:spf.protection.outlook.com", Lookups: 1, Known: true}, {Term: "include:_spf.online.superoffice.com", Lookups: 2, Known: true}}}
	wantSPF.Strings = []string{wantSPF.Record}
	if !reflect.DeepEqual(a.SPF, wantSPF) {
		t.Errorf("spf %+v", a.SPF)
	}
}

func TestDeterministic(t *testing.T) {
	l := users(allColumns,
		usr(5, "B", "same@x.no"), usr(3, "A", "SAME@x.no"), usr(4, "C", ""), usr(2, "D", "bad@"),
		usr(6, "E", "same@x.no", noAccess))
	x, _ := json.Marshal(assess(profile(), l))
	slices.Reverse(l.Users)
	y, _ := json.Marshal(assess(profile(), l))
	if !bytes.Equal(x, y) {
		t.Errorf("order of the export changes the result:\n%s\n%s", x, y)
	}
}

// TestForeignExportAddresses: Assess after Begin and ForeignExport with
// the same options uses the same-person check Begin started and the
// addresses ForeignExport worked out, and gives what it gives without
// them, each time it is called; with another export it works them out
// afresh.
func TestForeignExportAddresses(t *testing.T) {
	l := users(allColumns,
		usr(2, "A", "same@fjordkraft.no"), usr(3, "B", "SAME@fjordkraft.no"), usr(4, "C", "bad@"),
		usr(5, "D", "d@fjordkraft.no", func(u *inputs.User) { u.Name = "Name A" }), usr(6, "E", ""))
	other := users(allColumns,
		usr(2, "A", "a@fjordkraft.no"), usr(3, "B", "a@fjordkraft.no"), usr(4, "C", "c@fjordkraft.no"),
		usr(5, "D", "not an address"), usr(6, "E", "e@fjordkraft.no"))
	p := profile()
	for _, tt := range []struct {
		name string
		of   *inputs.UserList
	}{{"same export", l}, {"another export", other}} {
		t.Run(tt.name, func(t *testing.T) {
			o := opt
			o.Begin(tt.of)
			if m := ForeignExport(p, tt.of, &o); m != nil {
				t.Fatalf("taken for another customer's: %+v", m)
			}
			if tt.of == l && len(o.addrs) != len(l.Users) {
				t.Fatal("ForeignExport kept no addresses")
			}
			want, _ := json.Marshal(Assess(p, l, opt))
			for range 2 {
				got, _ := json.Marshal(Assess(p, l, o))
				if !bytes.Equal(got, want) {
					t.Errorf("differs:\n%s\nwant\n%s", got, want)
				}
			}
			if tt.of == l && !o.same.taken.Load() {
				t.Error("Assess did not take the check Begin started")
			}
		})
	}
}

type checkCase struct {
	name     string
	profile  *inputs.Profile
	users    *inputs.UserList
	status   assessment.Status
	findings int    // -1: don't care
	contains string // in the summary or a finding's problem, when set
}

func runChecks(t *testing.T, id string, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := assess(tc.profile, tc.users)
			c := a.Check(id)
			if c == nil {
				t.Fatalf("no check %s", id)
			}
			if c.Status != tc.status {
				t.Errorf("status %s, want %s (%s) %+v", c.Status, tc.status, summary(c), c.Findings)
			}
			if tc.findings >= 0 && len(c.Findings) != tc.findings {
				t.Errorf("%d findings, want %d: %+v", len(c.Findings), tc.findings, c.Findings)
			}
			if c.Findings == nil {
				t.Error("nil findings")
			}
			for _, f := range c.Findings {
				if k := kindOf(f.Kind); k == nil || k.Check != c.ID {
					t.Errorf("kind %q of check %s is not in Kinds with that check", f.Kind, c.ID)
				}
			}
			if a.Ready != (a.Blockers == 0 && a.ToVerify == 0) || a.Ready != (a.Verdict == assessment.VerdictReady) {
				t.Errorf("verdict %s, ready %v, %d blockers, %d to verify", a.Verdict, a.Ready, a.Blockers, a.ToVerify)
			}
			if tc.contains != "" {
				text := summary(c)
				for i := range c.Findings {
					text += "\n" + problem(&c.Findings[i]) + "\n" + action(&c.Findings[i])
				}
				if !strings.Contains(text, tc.contains) {
					t.Errorf("%q not in %s", tc.contains, text)
				}
			}
			noMissingTexts(t, a)
		})
	}
}

func TestOnsiteVersion(t *testing.T) {
	v := func(s string) *inputs.Profile {
		return profile(func(p *inputs.Profile) { p.Onsite.Version = s })
	}
	runChecks(t, assessment.CheckOnsiteVersion, []checkCase{
		{"8.5 R10", v("8.5 R10"), goodUsers(), assessment.Pass, 0, "8.5 R10"},
		{"7.1 exactly", v("7.1"), goodUsers(), assessment.Pass, 0, ""},
		{"7.0 SR2", v("7.0 SR2"), goodUsers(), assessment.Fail, 1, "Plan an upgrade"},
		{"6.3", v("6.3"), goodUsers(), assessment.Fail, 1, "6.3"},
		{"unreadable", v("Online"), goodUsers(), assessment.Unknown, 1, `"Online"`},
		{"missing", v(""), goodUsers(), assessment.Unknown, 1, "No SuperOffice version"},
	})
	if assess(v("7.0"), goodUsers()).Ready {
		t.Error("7.0 is ready")
	}
}

func TestDuplicateEmails(t *testing.T) {
	runChecks(t, assessment.CheckDuplicateEmails, []checkCase{
		{"unique", profile(), goodUsers(), assessment.Pass, 0, ""},
		{"case and space", profile(), users(allColumns,
			usr(2, "A", "Ola@Fjordkraft.no", admin), usr(3, "B", " ola@fjordkraft.NO ")), assessment.Fail, 2, "B (row 3)"},
		{"unicode case", profile(), users(allColumns,
			usr(2, "A", "Øyvind@fjordkraft.no", admin), usr(3, "B", "øyvind@fjordkraft.no")), assessment.Fail, 2, "A (row 2)"},
		{"idn domain", profile(), users(allColumns,
			usr(2, "A", "ola@Blåbær.no", admin), usr(3, "B", "ola@xn--blbr-roah.no")), assessment.Fail, 2, ""},
		{"three users", profile(), users(allColumns,
			usr(2, "A", "x@fjordkraft.no", admin), usr(3, "B", "x@fjordkraft.no"), usr(4, "C", "x@fjordkraft.no")),
			assessment.Fail, 3, "A (row 2) and B (row 3)"},
		{"one without access", profile(), users(allColumns,
			usr(2, "A", "x@fjordkraft.no", admin), usr(3, "B", "x@fjordkraft.no", noAccess)), assessment.Warn, 2, "only one"},
		{"unknown access is unknown, not a pass", profile(), users(allColumns,
			usr(2, "A", "x@fjordkraft.no", admin), usr(3, "B", "x@fjordkraft.no", maybe("Kanskje"))),
			assessment.Unknown, 2, `can_log_in column holds "Kanskje" (row 3)`},
		{"unknown access with no access is a warning", profile(), users(allColumns,
			usr(2, "A", "a@fjordkraft.no", admin), usr(3, "B", "x@fjordkraft.no", maybe("?")), usr(4, "C", "x@fjordkraft.no", noAccess)),
			assessment.Warn, 2, ""},
		{"a known clash still fails", profile(), users(allColumns,
			usr(2, "A", "x@fjordkraft.no", admin), usr(3, "B", "x@fjordkraft.no"),
			usr(4, "C", "y@fjordkraft.no", maybe("")), usr(5, "D", "y@fjordkraft.no")),
			assessment.Fail, 4, "1 email address is shared"},
		{"no can-log-in column: everyone counts", profile(), users([]inputs.Field{inputs.FieldUserID, inputs.FieldEmail},
			usr(2, "A", "x@fjordkraft.no", maybe("")), usr(3, "B", "X@fjordkraft.no", maybe(""))),
			assessment.Fail, 2, ""},
		{"empty emails are not duplicates", profile(), users(allColumns,
			usr(2, "A", "a@fjordkraft.no", admin), usr(3, "B", ""), usr(4, "C", "")), assessment.Pass, 0, ""},
	})
}

func TestValidEmailsCheck(t *testing.T) {
	runChecks(t, assessment.CheckValidEmails, []checkCase{
		{"all valid", profile(), goodUsers(), assessment.Pass, 0, ""},
		{"missing", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "")),
			assessment.Fail, 1, "no email address"},
		{"malformed", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "b@@x.no")),
			assessment.Fail, 1, `"b@@x.no" is not valid`},
		{"malformed without access", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "b at x", noAccess)),
			assessment.Warn, 1, "cannot log in"},
		{"missing without access", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "", noAccess)),
			assessment.Pass, 0, ""},
		{"no can-log-in column", profile(), users([]inputs.Field{inputs.FieldUserID, inputs.FieldEmail},
			usr(2, "A", "", func(u *inputs.User) { u.CanLogIn = inputs.Unanswered })), assessment.Fail, 1, ""},
		{"missing, access unknown", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "", maybe("Vielleicht"))),
			assessment.Unknown, 1, `"Vielleicht" (row 3)`},
		{"malformed, access an empty cell", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "b@", maybe(""))),
			assessment.Unknown, 1, "an empty cell (row 3)"},
		{"a known fault wins over an unknown one", profile(), users(allColumns, usr(2, "A", "", admin), usr(3, "B", "b@", maybe("?"))),
			assessment.Fail, 2, ""},
	})
}

func TestLicences(t *testing.T) {
	noPlanColumn := slices.DeleteFunc(slices.Clone(allColumns), func(f inputs.Field) bool { return f == inputs.FieldPlan })
	runChecks(t, assessment.CheckLicences, []checkCase{
		{"all have plans", profile(), goodUsers(), assessment.Pass, 0, "All 3 users"},
		{"one without", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "b@x.no", noPlan)),
			assessment.Fail, 1, "1 user who can log in has no user plan"},
		{"no access, no plan is fine", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "b@x.no", noPlan, noAccess)),
			assessment.Pass, 0, ""},
		{"no plan column", profile(), users(noPlanColumn, usr(2, "A", "a@x.no", admin)), assessment.Unknown, 0, "User plan column"},
		{"no plan, access unknown", profile(), users(allColumns, usr(2, "A", "a@x.no", admin),
			usr(3, "B", "b@x.no", noPlan, maybe("Ja?")), usr(4, "C", "c@x.no", noPlan, maybe("Ja?"))),
			assessment.Unknown, 2, `"Ja?" (rows 3, 4)`},
		{"plan, access unknown: nothing to tell", profile(), users(allColumns, usr(2, "A", "a@x.no", admin),
			usr(3, "B", "b@x.no", maybe("?"))), assessment.Pass, 0, "The 1 user"},
	})
}

func TestIsAdminRole(t *testing.T) {
	for _, r := range []string{"Administrator", "admin", "Systemadministrator", "Administratör", "ADMINISTRATOR",
		"Beheerder", "Functioneel beheerder", "CRM-Admin"} {
		if !IsAdminRole(r) {
			t.Errorf("IsAdminRole(%q) = false", r)
		}
	}
	for _, r := range []string{"", "User", "Selger", "Säljare", "Vertrieb", "Medewerker"} {
		if IsAdminRole(r) {
			t.Errorf("IsAdminRole(%q) = true", r)
		}
	}
}

func TestAdminPlan(t *testing.T) {
	noRole := slices.DeleteFunc(slices.Clone(allColumns), func(f inputs.Field) bool { return f == inputs.FieldRole })
	noPlanCol := slices.DeleteFunc(slices.Clone(allColumns), func(f inputs.Field) bool { return f == inputs.FieldPlan })
	runChecks(t, assessment.CheckAdminPlan, []checkCase{
		{"one admin", profile(), goodUsers(), assessment.Pass, 0, "1 administrator can"},
		{"two admins", profile(), users(allColumns, usr(2, "A", "a@x.no", admin),
			usr(3, "B", "b@x.no", func(u *inputs.User) { u.Role = "Systemadministrator" })), assessment.Pass, 0, "2 administrators"},
		{"swedish admin", profile(), users(allColumns, usr(2, "A", "a@x.no", func(u *inputs.User) { u.Role = "Administratör" })),
			assessment.Pass, 0, ""},
		{"admin without plan", profile(), users(allColumns, usr(2, "A", "a@x.no", admin, noPlan), usr(3, "B", "b@x.no")),
			assessment.Fail, 1, "no user plan"},
		{"admin without access", profile(), users(allColumns, usr(2, "A", "a@x.no", admin, noAccess), usr(3, "B", "b@x.no")),
			assessment.Fail, 1, "cannot log in"},
		{"no admins", profile(), users(allColumns, usr(2, "A", "a@x.no")), assessment.Fail, 1, "No user has an administrator role"},
		{"no role column", profile(), users(noRole, usr(2, "A", "a@x.no")), assessment.Unknown, 0, "Role column"},
		{"no can-log-in column: an admin with a plan is not evidence of access", profile(),
			users(slices.DeleteFunc(slices.Clone(allColumns), func(f inputs.Field) bool { return f == inputs.FieldCanLogIn }),
				usr(2, "A", "a@x.no", admin)), assessment.Unknown, 0, "no Can log in column"},
		{"only admin's access unknown", profile(), users(allColumns, usr(2, "A", "a@x.no", admin, maybe("jein")), usr(3, "B", "b@x.no")),
			assessment.Unknown, 1, `"jein" (row 2)`},
		{"a known good admin is enough", profile(), users(allColumns, usr(2, "A", "a@x.no", admin, maybe("jein")),
			usr(3, "B", "b@x.no", admin)), assessment.Pass, 0, ""},
		{"no plan column", profile(), users(noPlanCol, usr(2, "A", "a@x.no", admin)), assessment.Unknown, 0, "User plan column"},
	})
}

// TestTravelUnmatchedHasNoName: a User ID the profile lists that no user
// has is shown as a User ID only: there is no name to put beside it (the
// pack's Name column, the workbook's, check's list printed it twice).
func TestTravelUnmatchedHasNoName(t *testing.T) {
	p := profile(func(p *inputs.Profile) { p.Onsite.TravelUsers = []string{"NOBODY"} })
	c := assess(p, goodUsers()).Check(assessment.CheckTravel)
	if c == nil || len(c.Findings) != 1 {
		t.Fatalf("travel: %+v", c)
	}
	if f := c.Findings[0]; f.UserID != "NOBODY" || f.Name != "" {
		t.Errorf("unmatched User ID: user_id %q, name %q; want NOBODY and no name", f.UserID, f.Name)
	}
}

func TestTravel(t *testing.T) {
	noTravelCol := slices.DeleteFunc(slices.Clone(allColumns), func(f inputs.Field) bool { return f == inputs.FieldTravel })
	travelUsers := func(ids []string) *inputs.Profile {
		return profile(func(p *inputs.Profile) { p.Onsite.TravelUsers = ids })
	}
	plain := func() *inputs.UserList {
		return users(noTravelCol, usr(2, "ADM", "a@x.no", admin), usr(3, "OLA", "o@x.no"))
	}
	runChecks(t, assessment.CheckTravel, []checkCase{
		{"column, nobody out", travelUsers(nil), goodUsers(), assessment.Pass, 0, ""},
		{"column, one out", travelUsers(nil), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "b@x.no", traveling)),
			assessment.Fail, 1, "out on Travel"},
		{"out without access still blocks", travelUsers(nil), users(allColumns, usr(2, "A", "a@x.no", admin),
			usr(3, "B", "b@x.no", traveling, noAccess)), assessment.Fail, 1, ""},
		{"profile lists user, any case", travelUsers([]string{"ola"}), plain(), assessment.Fail, 1, "According to the answers given, this user"},
		{"both column and profile: one finding", travelUsers([]string{"B"}),
			users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "b@x.no", traveling)), assessment.Fail, 1, ""},
		{"profile id matches nobody", travelUsers([]string{"NOBODY"}), plain(), assessment.Warn, 1, `"NOBODY"`},
		{"empty list means nobody out", travelUsers([]string{}), plain(), assessment.Pass, 0, ""},
		{"unreadable value", travelUsers(nil), users(allColumns, usr(2, "A", "a@x.no", admin),
			usr(3, "B", "b@x.no", func(u *inputs.User) { u.Travel, u.RawTravel = inputs.Unanswered, "?" })), assessment.Unknown, 1, `travel column holds "?" (row 3)`},
		{"empty travel cell", travelUsers(nil), users(allColumns, usr(2, "A", "a@x.no", admin),
			usr(3, "B", "b@x.no", func(u *inputs.User) { u.Travel, u.RawTravel = inputs.Unanswered, "" })), assessment.Unknown, 1, "an empty cell (row 3)"},
		{"no information", travelUsers(nil), plain(), assessment.Unknown, 0, "who is out on Travel"},
		{"version 9 has no Windows client, so no Travel", profile(func(p *inputs.Profile) {
			p.Onsite.TravelUsers, p.Onsite.Version = nil, "9.2"
		}), plain(), assessment.Pass, 0, "9.2"},
		{"version 8.5 may still have travellers", profile(func(p *inputs.Profile) {
			p.Onsite.TravelUsers, p.Onsite.Version = nil, "8.5 R17"
		}), plain(), assessment.Unknown, 0, "who is out on Travel"},
		{"version 10, nobody listed: the version is the reason", profile(func(p *inputs.Profile) {
			p.Onsite.TravelUsers, p.Onsite.Version = []string{}, "10.1"
		}), plain(), assessment.Pass, 0, "SuperOffice 10.1 has no Windows client"},
		// From 9 nobody can be out on Travel: an export that says so
		// contradicts the version, which only the customer can settle.
		{"an export that says someone is out contradicts the version: to verify", profile(func(p *inputs.Profile) { p.Onsite.Version = "10.1" }),
			users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "b@x.no", traveling)), assessment.Unknown, 1,
			"marks 1 user as out on Travel, but SuperOffice 10.1 has no Windows client, and so no Travel: either the export or the version is wrong"},
	})
	a := assess(travelUsers([]string{"NOBODY"}), plain())
	if f := a.Check(assessment.CheckTravel).Findings[0]; f.Row != 0 || f.UserID != "NOBODY" {
		t.Errorf("unmatched finding %+v", f)
	}
}

func TestSatellites(t *testing.T) {
	sat := func(n int) *inputs.Profile { return profile(func(p *inputs.Profile) { p.Onsite.Satellites = n }) }
	runChecks(t, assessment.CheckSatellites, []checkCase{
		{"none", sat(0), goodUsers(), assessment.Pass, 0, ""},
		{"one", sat(1), goodUsers(), assessment.Fail, 1, "1 SuperOffice Satellite database is active"},
		{"three", sat(3), goodUsers(), assessment.Fail, 1, "3 SuperOffice Satellite databases"},
		// Left out, the count is not 0: nobody said.
		{"not given", notGiven("8.5 R10"), goodUsers(), assessment.Unknown, 0, "not yet known whether SuperOffice Satellite is in use"},
		{"not given, version 9: no Windows client, no Satellite", notGiven("9.2"), goodUsers(), assessment.Pass, 0, "SuperOffice 9.2 has no Windows client"},
		{"not given, version 10.0.5", notGiven("SuperOffice 10.0.5"), goodUsers(), assessment.Pass, 0, "SuperOffice 10.0.5 has no"},
		{"not given, unreadable version", notGiven("eight"), goodUsers(), assessment.Unknown, 0, "not yet known"},
		{"column, all no", notGiven("8.5 R10"), satUsers("Nein", "No"), assessment.Pass, 0, "The Active satellite column marks no satellite as active."},
		{"column, one yes", notGiven("8.5 R10"), satUsers("No", "Yes"), assessment.Fail, 1, "The Active satellite column marks 1 row as an active satellite."},
		{"column yes wins over the profile's 0", sat(0), satUsers("Yes", "Ja"), assessment.Fail, 2, "marks 2 rows"},
		{"column yes contradicts the version: to verify", notGiven("10.1"), satUsers("Yes", "No"), assessment.Unknown, 1,
			"marks 1 row as an active satellite, but SuperOffice 10.1 has no Windows client, and so no Satellite: either the export or the version is wrong"},
		{"column unreadable on 10: the version answers", notGiven("10.1"), satUsers("vielleicht", "No"), assessment.Pass, 0, "SuperOffice 10.1 has no Windows client"},
		{"0 given, version 10: the version is the reason", profile(func(p *inputs.Profile) { p.Onsite.Satellites, p.Onsite.Version = 0, "10.1" }),
			satUsers("No"), assessment.Pass, 0, "SuperOffice 10.1 has no Windows client"},
		{"profile count and column no", sat(2), satUsers("No", "No"), assessment.Fail, 1, "2 SuperOffice Satellite databases"},
		{"profile count and column yes: both listed", sat(2), satUsers("Yes", "No"), assessment.Fail, 2, "marks 1 row"},
		{"unreadable cells", notGiven("8.5 R10"), satUsers("vielleicht", "", "No"), assessment.Unknown, 2,
			`the Active satellite column holds "vielleicht" (row 2) and an empty cell (row 3)`},
		{"unreadable cells, profile says 0", sat(0), satUsers("?", "No"), assessment.Unknown, 1, `"?" (row 2)`},
		{"unreadable cells beside a yes", notGiven("8.5 R10"), satUsers("?", "Yes"), assessment.Fail, 2, "marks 1 row"},
	})
	a := assess(notGiven("8.5"), satUsers("Yes"))
	if f := a.Check(assessment.CheckSatellites).Findings[0]; f.Kind != "satellite-row-active" || f.Row != 2 ||
		problem(&f) != "The Active satellite column marks this row as an active satellite." {
		t.Errorf("finding %+v: %s", f, problem(&f))
	}
	if a.Onsite.Satellites != nil {
		t.Errorf("satellites not given, but the assessment has %d", *a.Onsite.Satellites)
	}
	if a := assess(sat(0), goodUsers()); a.Onsite.Satellites == nil || *a.Onsite.Satellites != 0 {
		t.Errorf("satellites = 0 given, but the assessment has %v", a.Onsite.Satellites)
	}
}

func notGiven(version string) *inputs.Profile {
	return profile(func(p *inputs.Profile) {
		p.Onsite.Version, p.Onsite.Satellites, p.Onsite.SatellitesGiven = version, 0, false
	})
}

// satUsers is an export with an Active satellite column holding values.
func satUsers(values ...string) *inputs.UserList {
	var us []inputs.User
	for i, v := range values {
		us = append(us, usr(i+2, fmt.Sprint("U", i), fmt.Sprintf("u%d@x.no", i), func(u *inputs.User) {
			u.RawSatellite, u.Satellite = v, inputs.YesNo(v)
		}))
	}
	l := users(append(slices.Clone(allColumns), inputs.FieldSatellite), us...)
	l.Columns[inputs.FieldSatellite] = "Active satellite"
	return l
}

func TestCustomizations(t *testing.T) {
	runChecks(t, assessment.CheckCustomizations, []checkCase{
		{"none", profile(), goodUsers(), assessment.Pass, 0, ""},
		{"silent", profile(func(p *inputs.Profile) { p.Onsite.Customizations, p.Onsite.Integrations = nil, nil }),
			goodUsers(), assessment.Unknown, 0, "not yet known whether the installation has customisations or integrations"},
		{"integrations silent", profile(func(p *inputs.Profile) {
			p.Onsite.Customizations, p.Onsite.Integrations = []string{"Order screen"}, nil
		}), goodUsers(), assessment.Warn, 1, "also has integrations"}, // known to need a plan, whatever else there is
		{"customizations silent", profile(func(p *inputs.Profile) { p.Onsite.Customizations = nil }),
			goodUsers(), assessment.Unknown, 0, "also has customisations"},
		{"both", profile(func(p *inputs.Profile) {
			p.Onsite.Customizations = []string{"Order screen (CRMScript)", " "}
			p.Onsite.Integrations = []string{"Visma ERP sync"}
		}), goodUsers(), assessment.Warn, 2, "App Store"},
	})
	a := assess(profile(func(p *inputs.Profile) { p.Onsite.Integrations = []string{"Visma ERP sync"} }), goodUsers())
	f := a.Check(assessment.CheckCustomizations).Findings[0]
	if f.Row != 0 || f.Name != "Visma ERP sync" || !strings.Contains(problem(&f), "Visma ERP sync") {
		t.Errorf("finding %+v", f)
	}
}

func TestMailboxesCheck(t *testing.T) {
	mail := func(e func(*inputs.Profile)) *inputs.Profile { return profile(e) }
	runChecks(t, assessment.CheckMailboxes, []checkCase{
		{"no mail section", mail(func(p *inputs.Profile) { p.Mail = nil }), goodUsers(), assessment.Unknown, 0, "not yet known"},
		{"said: no mailboxes", mail(func(p *inputs.Profile) { p.Mail = &inputs.Mail{Mailboxes: []string{}} }), goodUsers(),
			assessment.Pass, 0, "reads no mailboxes"},
		{"keep", profile(), goodUsers(), assessment.Pass, 0, "2 Service mailboxes get addresses under fjordkraft.suocrm.eu"},
		{"new addresses", mail(func(p *inputs.Profile) { p.Mail.KeepAddresses = false }), goodUsers(), assessment.Pass, 0, "new addresses"},
		{"mailboxes not given", mail(func(p *inputs.Profile) { p.Mail.Mailboxes = nil }), goodUsers(), assessment.Unknown, 0, "not yet known"},
		{"foreign domain", mail(func(p *inputs.Profile) { p.Mail.Mailboxes = []string{"help@other.no"} }), goodUsers(),
			assessment.Warn, 1, "not in your mail domain"},
		{"malformed", mail(func(p *inputs.Profile) { p.Mail.Mailboxes = []string{"support"} }), goodUsers(), assessment.Warn, 1, `"support"`},
		{"clash", mail(func(p *inputs.Profile) {
			p.Mail.Mailboxes = []string{"support@fjordkraft.no", "Support@fjordkraft.no"}
		}), goodUsers(), assessment.Warn, 1, "support@fjordkraft.suocrm.eu"},
	})

	// A mailbox that needs attention makes the line say so: without it the
	// checklist showed "Attention" beside a sentence that reads as a pass.
	for _, boxes := range [][]string{{"help@other.no"}, {"support"}, {"support@fjordkraft.no", "Support@fjordkraft.no", "info@other.no"}} {
		c := assess(mail(func(p *inputs.Profile) { p.Mail.Mailboxes = boxes }), goodUsers()).Check(assessment.CheckMailboxes)
		want := "1 mailbox needs checking before the migration."
		if len(boxes) == 3 {
			want = "2 mailboxes need checking before the migration."
		}
		if s := summary(c); !strings.HasSuffix(s, want) {
			t.Errorf("%q: the summary %q does not end %q", boxes, s, want)
		}
	}
	if s := summary(assess(profile(), goodUsers()).Check(assessment.CheckMailboxes)); strings.Contains(s, "checking") {
		t.Errorf("mailboxes that need nothing: %q", s)
	}

	a := assess(profile(func(p *inputs.Profile) {
		p.Customer.MailLabel = "FjordKraft-Energi"
		p.Mail.ServiceDomain = "suocrm.com"
		p.Mail.KeepAddresses = false
		p.Mail.Mailboxes = []string{"Kundeservice@Fjordkraft.no"}
	}), goodUsers())
	want := []assessment.Mailbox{{Current: "Kundeservice@Fjordkraft.no", New: "kundeservice@fjordkraft-energi.suocrm.com"}}
	if !reflect.DeepEqual(a.Mailboxes, want) {
		t.Errorf("mailboxes %+v, want %+v", a.Mailboxes, want)
	}
	if a.SPF != nil {
		t.Errorf("SPF without keep_addresses: %+v", a.SPF)
	}
	a = assess(profile(func(p *inputs.Profile) { p.Mail = nil }), goodUsers())
	if a.Mailboxes == nil || len(a.Mailboxes) != 0 || a.SPF != nil {
		t.Errorf("no mail: %+v %+v", a.Mailboxes, a.SPF)
	}
}

func TestSPFCheck(t *testing.T) {
	spf := func(keep bool, current string) *inputs.Profile {
		return profile(func(p *inputs.Profile) { p.Mail.KeepAddresses = keep; p.Mail.CurrentSPF = current })
	}
	many := "v=spf1 a mx ptr include:a.example.com include:b.example.com include:c.example.com " +
		"include:d.example.com include:e.example.com include:f.example.com exists:x.example.com -all"
	long := "v=spf1" + strings.Repeat(" ip4:192.0.2.123/32", 14) + " ~all"
	runChecks(t, assessment.CheckSPF, []checkCase{
		{"no mail", profile(func(p *inputs.Profile) { p.Mail = nil }), goodUsers(), assessment.Unknown, 0, "it is unclear whether an SPF record is needed"},
		{"said: no mailboxes", profile(func(p *inputs.Profile) { p.Mail = &inputs.Mail{Mailboxes: []string{}} }), goodUsers(),
			assessment.Pass, 0, "reads no mailboxes"},
		{"choice not made", profile(func(p *inputs.Profile) { p.Mail.KeepAddresses, p.Mail.KeepAddressesGiven = false, false }),
			goodUsers(), assessment.Unknown, 0, "has not been decided"},
		{"current record not given", profile(func(p *inputs.Profile) { p.Mail.CurrentSPF, p.Mail.CurrentSPFGiven = "", false }),
			goodUsers(), assessment.Unknown, 0, "right only if it has none"},
		{"new addresses", spf(false, ""), goodUsers(), assessment.Pass, 0, "Not needed"},
		// A record still to publish is not done: attention, never a pass.
		{"no record yet", spf(true, ""), goodUsers(), assessment.Warn, 0, "has no SPF record yet"},
		{"merged", spf(true, "v=spf1 mx -all"), goodUsers(), assessment.Warn, 0, "3 of the 10"},
		{"already included", spf(true, "v=spf1 mx include:_spf.online.superoffice.com -all"), goodUsers(), assessment.Pass, 0, "already includes"},
		{"already included", spf(true, "v=spf1 include:_spf.online.superoffice.com ~all"), goodUsers(), assessment.Pass, 0, "already includes"},
		{"not spf", spf(true, "google-site-verification=abc"), goodUsers(), assessment.Fail, 1, "must start with v=spf1"},
		{"pass all", spf(true, "v=spf1 mx +all"), goodUsers(), assessment.Fail, 1, `"+all"`},
		{"two problems", spf(true, "v=spf1 mx include: foo.example.com all"), goodUsers(), assessment.Fail, 3, ""},
		{"too many lookups", spf(true, many), goodUsers(), assessment.Fail, 2, "at least 12 DNS lookups"},
		{"long", spf(true, long), goodUsers(), assessment.Warn, 1, `" "`},
	})
	a := assess(spf(true, "v=spf1 mx +all"), goodUsers())
	if a.SPF == nil || a.SPF.Record != "" || len(a.SPF.Strings) != 1 {
		t.Errorf("invalid SPF: %+v", a.SPF)
	}
	a = assess(spf(true, long), goodUsers())
	if len(a.SPF.Strings) != 2 || strings.Join(a.SPF.Strings, "") != a.SPF.Record {
		t.Errorf("long SPF split: %q", a.SPF.Strings)
	}
}

func TestDowntimeCheck(t *testing.T) {
	size := func(db, arc float64) *inputs.Profile {
		return profile(func(p *inputs.Profile) { p.Onsite.DatabaseGB, p.Onsite.ArchiveGB = db, arc })
	}
	runChecks(t, assessment.CheckDowntime, []checkCase{
		{"small", size(20, 50), goodUsers(), assessment.Pass, 0, "About"},
		{"over a day", size(100, 300), goodUsers(), assessment.Warn, 1, "plan the migration over a weekend"},
		// The window to book (the high estimate) decides "longer than a weekend".
		{"window over a weekend", size(100, 500), goodUsers(), assessment.Warn, 1, "longer than a weekend"},
		{"over a weekend", size(100, 2000), goodUsers(), assessment.Warn, 1, "longer than a weekend"},
		{"no size", size(0, 0), goodUsers(), assessment.Unknown, 1, "size of the SuperOffice database"},
	})
}

var (
	placeholder = regexp.MustCompile(`\{[a-z_]+\}`)
	missingKey  = regexp.MustCompile(`![a-z0-9_.-]+!`)
)

// noMissingTexts fails on "!key!" markers or unfilled placeholders in any
// text of a.
func noMissingTexts(t *testing.T, a *assessment.Assessment) {
	t.Helper()
	texts := []string{}
	for i := range a.Checks {
		c := &a.Checks[i]
		texts = append(texts, title(c), summary(c))
		for j := range c.Findings {
			texts = append(texts, problem(&c.Findings[j]), action(&c.Findings[j]))
		}
	}
	for _, p := range a.Downtime.Parts {
		texts = append(texts, en.T("downtime.part."+p.ID))
	}
	for _, as := range a.Downtime.Assumptions {
		texts = append(texts, en.T("downtime.assumption."+as.Key), en.T("downtime.unit."+as.Key))
	}
	for _, s := range texts {
		if s == "" || missingKey.MatchString(s) {
			t.Errorf("missing text: %q", s)
		}
		if placeholder.MatchString(s) {
			t.Errorf("unfilled placeholder: %q", s)
		}
	}
}

// TestEveryTextKey walks through many outcomes of every check and checks
// the static keys each check needs for the pack.
func TestEveryTextKey(t *testing.T) {
	for _, id := range assessment.CheckIDs {
		for _, k := range []string{"title", "meaning", "why", "steps"} {
			if key := "check." + id + "." + k; !en.Has(key) || strings.TrimSpace(en.Raw(key)) == "" {
				t.Errorf("missing %s", key)
			}
		}
	}
	// A worst-case assessment: every check fails or warns.
	l := users(allColumns,
		usr(2, "A", "dup@x.no", noPlan, traveling), usr(3, "B", "DUP@x.no"), usr(4, "C", ""),
		usr(5, "D", "bad@", noAccess), usr(6, "E", "x@x.no", func(u *inputs.User) { u.Role = "Admin" }, noAccess),
		usr(7, "", "y@x.no"))
	p := profile(func(p *inputs.Profile) {
		p.Onsite = inputs.Onsite{Version: "6.3", Satellites: 2, SatellitesGiven: true, DatabaseGB: 500, ArchiveGB: 3000,
			TravelUsers: []string{"Z"}, Customizations: []string{"c"}, Integrations: []string{"i"},
			SentryAddons: []string{"s"}, DictionaryTables: []string{"t"}, Documents: documents(1, 2, 3, 4)}
		p.Customer.IdentityProvider = "Okta"
		p.Mail.Mailboxes = []string{"a@other.no", "bad", "A@fjordkraft.no"}
		p.Mail.CurrentSPF = "v=spf1 +all -redirect=x.no exp=a.no exp=b.no ip4:300.1.1.1 include: foo"
	})
	a := assess(p, l)
	noMissingTexts(t, a)
	if a.Ready {
		t.Error("worst case is ready")
	}
}

// A shared address used by many users names at most maxOthers of the others
// in each finding and counts the rest.
func TestDuplicateEmailsCapsOthers(t *testing.T) {
	var us []inputs.User
	for i := 0; i < 40; i++ {
		us = append(us, usr(i+2, fmt.Sprintf("U%d", i), "shared@x.example.com"))
	}
	c := assess(profile(), users(nil, us...)).Check(assessment.CheckDuplicateEmails)
	if c.Status != assessment.Fail || len(c.Findings) != 40 {
		t.Fatalf("status %s with %d findings, want fail with 40", c.Status, len(c.Findings))
	}
	p := problem(&c.Findings[0])
	if n := strings.Count(p, "(row "); n != maxOthers {
		t.Errorf("problem names %d users, want %d: %s", n, maxOthers, p)
	}
	if !strings.Contains(p, "34 other users") {
		t.Errorf("problem does not count the rest: %s", p)
	}
}

// TestVerdict: READY only on evidence. Whatever the inputs cannot tell
// makes the verdict "unconfirmed", never "ready"; a blocker makes it "not
// ready" whatever else is unknown.
func TestVerdict(t *testing.T) {
	noPlanOrRole := users([]inputs.Field{inputs.FieldUserID, inputs.FieldEmail, inputs.FieldCanLogIn},
		usr(2, "A", "a@x.no"), usr(3, "B", "b@x.no"))
	for _, tc := range []struct {
		name        string
		profile     *inputs.Profile
		users       *inputs.UserList
		verdict     assessment.Verdict
		blockers    int
		toVerify    int
		unknownUser int
	}{
		{"everything known and fine", profile(), goodUsers(), assessment.VerdictReady, 0, 0, 0},
		{"no plan or role column", profile(), noPlanOrRole, assessment.VerdictUnconfirmed, 0, 2, 0},
		{"profile silent on customisations", profile(func(p *inputs.Profile) { p.Onsite.Customizations = nil }),
			goodUsers(), assessment.VerdictUnconfirmed, 0, 1, 0},
		{"profile silent on mail", profile(func(p *inputs.Profile) { p.Mail = nil }), goodUsers(), assessment.VerdictUnconfirmed, 0, 2, 0},
		{"a can-log-in value nobody can read", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "", maybe("x?"))),
			assessment.VerdictUnconfirmed, 0, 1, 1},
		{"blocker and unknowns", profile(func(p *inputs.Profile) { p.Onsite.Satellites = 1; p.Onsite.Integrations = nil }),
			goodUsers(), assessment.VerdictNotReady, 1, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := assess(tc.profile, tc.users)
			if a.Verdict != tc.verdict || a.Blockers != tc.blockers || a.ToVerify != tc.toVerify {
				t.Errorf("verdict %s, %d blockers, %d to verify; want %s, %d, %d", a.Verdict, a.Blockers, a.ToVerify,
					tc.verdict, tc.blockers, tc.toVerify)
			}
			if a.Ready != (tc.verdict == assessment.VerdictReady) {
				t.Errorf("ready = %v with verdict %s", a.Ready, a.Verdict)
			}
			if a.Users.AccessUnknown != tc.unknownUser {
				t.Errorf("%d users of unknown access, want %d", a.Users.AccessUnknown, tc.unknownUser)
			}
		})
	}
}

// A finding's key finds the same problem in the next run: it does not
// change when rows move, and it differs between users.
func TestFindingKeysStable(t *testing.T) {
	l := users(allColumns,
		usr(2, "A", "same@x.no", admin), usr(3, "B", "SAME@x.no"), usr(4, "C", ""), usr(5, "D", "bad@", noPlan),
		usr(6, "", "nouser@x.no", noPlan))
	keys := func(a *assessment.Assessment) map[string]string {
		out := map[string]string{}
		for _, c := range a.Checks {
			for _, f := range c.Findings {
				if _, dup := out[f.Key]; dup {
					t.Errorf("key %q twice", f.Key)
				}
				out[f.Key] = f.Kind
			}
		}
		return out
	}
	first := keys(assess(profile(), l))
	if len(first) < 5 {
		t.Fatalf("only %d findings: %v", len(first), first)
	}
	// The next export: rows moved down by ten and in another order.
	for i := range l.Users {
		l.Users[i].Row += 10
	}
	slices.Reverse(l.Users)
	if second := keys(assess(profile(), l)); !reflect.DeepEqual(first, second) {
		t.Errorf("keys changed with the row order:\n%v\n%v", first, second)
	}
	for _, want := range []string{"duplicate-emails:user:a", "duplicate-emails:user:b", "valid-emails:user:c",
		"licences:email:nouser@x.no"} {
		if _, ok := first[want]; !ok {
			t.Errorf("no key %q in %v", want, first)
		}
	}
}

func TestMaskRules(t *testing.T) {
	for in, want := range map[string]string{"Kari Nordmann": "K. N.", "Jan-Erik Ødegård": "J. E. Ø.", "  ": "", "?!": "…", "O'Brien": "O."} {
		if got := initials(in); got != want {
			t.Errorf("initials(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"kari.nordmann@nordlys.no": "k***@nordlys.no", "Ola@Blåbær.no": "o***@Blåbær.no",
		"not an address": "***", "": ""} {
		if got := maskEmail(in); got != want {
			t.Errorf("maskEmail(%q) = %q, want %q", in, got, want)
		}
	}
	for _, tc := range []struct {
		u    inputs.User
		want bool
	}{
		{inputs.User{ID: "KN", Name: "Kari Nordmann"}, false},
		{inputs.User{ID: "U1044", Name: "Kari Nordmann"}, false},
		{inputs.User{ID: "knordmann", Name: "Kari Nordmann"}, true},
		{inputs.User{ID: "kari", Name: "Kari Nordmann"}, true},
		{inputs.User{ID: "kn@x.no", Name: "K"}, true},
		{inputs.User{ID: "XYZ1", Name: "A B", Email: "xyz1@b.no"}, true}, // the login of the address
		// Made of the start of a name part: any case, accents folded or
		// transliterated either way.
		{inputs.User{ID: "ZIMM", FirstName: "Tove", LastName: "Zimmerbach"}, true},
		{inputs.User{ID: "Tov", FirstName: "Tove", LastName: "Zimmerbach"}, true},
		{inputs.User{ID: "odeg", Name: "Åse Ødegård"}, true},
		{inputs.User{ID: "Ødeg", Name: "Åse Ødegård"}, true},
		{inputs.User{ID: "OEDE", Name: "Åse Ødegård"}, true},
		{inputs.User{ID: "ase2", Name: "Åse Ødegård"}, true},
		{inputs.User{ID: "MUEL", Name: "Jörg Müller"}, true},
		{inputs.User{ID: "mul1", Name: "Jörg Müller"}, true},
		{inputs.User{ID: "GARD", Name: "Åse Ødegård"}, true},
		{inputs.User{ID: "ZIM", Email: "t.zimmerbach@x.no"}, true},
		// Initials and numbers are not a name.
		{inputs.User{ID: "TOD", Name: "Tove Ødegård"}, false},
		{inputs.User{ID: "SLA", Name: "Solveig Larsen"}, false},
		{inputs.User{ID: "AØ", Name: "Åse Ødegård"}, false},
		{inputs.User{ID: "TZ-12", FirstName: "Tove", LastName: "Zimmerbach"}, false},
	} {
		if got := PersonalID(&tc.u); got != tc.want {
			t.Errorf("PersonalID(%+v) = %v, want %v", tc.u, got, tc.want)
		}
	}
	// The assessment itself is not changed; keys still match each other.
	a := assess(profile(), users(allColumns, usr(2, "knordmann", "same@x.no", admin), usr(3, "KN", "SAME@x.no")))
	m := Mask(a, users(allColumns, usr(2, "knordmann", "same@x.no"), usr(3, "KN", "SAME@x.no")))
	if a.Masked || !m.Masked {
		t.Error("Mask changed the original or did not mark the copy")
	}
	orig, masked := a.Check(assessment.CheckDuplicateEmails).Findings, m.Check(assessment.CheckDuplicateEmails).Findings
	if orig[0].UserID != "knordmann" || masked[0].UserID == "knordmann" || masked[1].UserID != "KN" ||
		masked[0].Key == orig[0].Key || masked[0].Email != "s***@x.no" {
		t.Errorf("masked %+v from %+v", masked, orig)
	}
	if got := say.Finding(&masked[1], "problem"); strings.Contains(got, "knordmann") {
		t.Errorf("masked problem names the user: %s", got)
	}
}

// A masked copy keeps none of the customer's free text: a due date typed
// as text, a comment, an owner, a cell's value that names a user, and the
// values the readers' notices quote.
func TestMaskFreeText(t *testing.T) {
	l := users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "b@x.no", noPlan))
	l.Users[1].Name, l.Users[1].FirstName, l.Users[1].LastName = "Tove Zimmerbach", "Tove", "Zimmerbach"
	tr := &assessment.Tracker{File: "returned.xlsx", Entries: []assessment.TrackerEntry{
		{Row: 2, Key: "licences:user:b", State: assessment.TrackOpen, Owner: "Ingrid Nilsen", Due: "next week, ask Tove", Comment: "Tove is on leave"},
		{Row: 3, Key: "licences:user:gone", State: assessment.TrackFixed, Due: "when Zimmerbach is back"},
	}}
	a := Assess(profile(), l, Options{Tool: "t", Date: opt.Date, Tracker: tr})
	a.Users.Notices = append(a.Users.Notices, words{}.T("finding.ref.quoted", "value", "ask Zimmerbach"))
	m := Mask(a, l)
	js, err := json.Marshal(struct {
		C []assessment.Check
		T *assessment.TrackerResult
		N []assessment.Text
	}{m.Checks, m.Tracker, m.Users.Notices})
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"next week", "Tove", "Zimmerbach", "Ingrid", "leave"} {
		if strings.Contains(string(js), leak) {
			t.Errorf("the masked copy holds %q: %s", leak, js)
		}
	}
	if f := m.Check(assessment.CheckLicences).Findings[0]; f.Track == nil || f.Track.Due != "…" || f.Track.Owner != "I. N." {
		t.Errorf("masked notes %+v", f.Track)
	}
	// A real due date stays: it names nobody.
	tr.Entries[0].Due = "2026-12-01"
	if f := Mask(Assess(profile(), l, Options{Tool: "t", Date: opt.Date, Tracker: tr}), l).Check(assessment.CheckLicences).Findings[0]; f.Track.Due != "2026-12-01" {
		t.Errorf("a date was masked: %q", f.Track.Due)
	}

	mask := NoticeMasker(l)
	for in, want := range map[string]string{
		`sheet "Mine funn" row 4: status "Godtatt av Tove" is not one of the drop-down's; taken as open`: `sheet "…" row 4: status "…" is not one of the drop-down's; taken as open`,
		`sheet "Funn" row 7: due date "neste uke" is not a date; kept as written`:                        `sheet "…" row 7: due date "…" is not a date; kept as written`,
		`row 3: Tove Zimmerbach (b@x.no) has no key`:                                                     `row 3: T. Z. (b***@x.no) has no key`,
	} {
		if got := mask(in); got != want {
			t.Errorf("masked notice\n%s\nwant\n%s", got, want)
		}
	}
}

// Every kind is documented in docs/summary.md's "Finding kinds" table, and
// has its words in English.
func TestKindsDocumented(t *testing.T) {
	readme, err := os.ReadFile("../docs/summary.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, k := range Kinds {
		if seen[k.Kind] {
			t.Errorf("kind %q listed twice", k.Kind)
		}
		seen[k.Kind] = true
		row := "| `" + k.Kind + "` | `" + k.Check + "` | " + k.Meaning + " |"
		if !strings.Contains(string(readme), row) {
			t.Errorf("docs/summary.md lacks the row %s", row)
		}
		if !en.Has("finding."+k.Kind+".problem") && !en.Has("finding."+k.Kind+".problem.other") {
			t.Errorf("kind %q has no text finding.%s.problem", k.Kind, k.Kind)
		}
	}
}

// The customer's notes carry forward by key; what they marked fixed and is
// still found is called out; what is no longer found is listed with the note;
// Accepted on every finding of a warning marks it accepted, a blocker stays.
func TestTracker(t *testing.T) {
	l := users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", "b@x.no", noPlan), usr(4, "C", "bad@", noAccess),
		usr(5, "D", "d@x.no", noPlan))
	tr := &assessment.Tracker{File: "returned.xlsx", Made: time.Date(2026, 11, 12, 0, 0, 0, 0, time.UTC), Entries: []assessment.TrackerEntry{
		{Row: 2, Key: "licences:user:b", State: assessment.TrackFixed, Owner: "Ingrid", Comment: "given a plan"},
		{Row: 3, Key: "valid-emails:user:c", State: assessment.TrackAccepted, Comment: "former employee"},
		{Row: 4, Key: "licences:user:gone", State: assessment.TrackFixed, Comment: "removed the user"},
		// A row left as the workbook gave it (Open, nothing written): no
		// notes, so not counted as notes carried forward.
		{Row: 5, Key: "licences:user:d", State: assessment.TrackOpen},
	}}
	a := Assess(profile(), l, Options{Tool: "t", Date: opt.Date, Tracker: tr})
	r := a.Tracker
	if r == nil || r.Carried != 2 || r.Made != "2026-11-12" {
		t.Fatalf("tracker %+v", r)
	}
	if len(r.FixedStillFound) != 1 || r.FixedStillFound[0].Row != 3 || r.FixedStillFound[0].Comment != "given a plan" {
		t.Errorf("fixed still found %+v", r.FixedStillFound)
	}
	if len(r.Resolved) != 1 || r.Resolved[0].UserID != "gone" || r.Resolved[0].Comment != "removed the user" {
		t.Errorf("resolved %+v", r.Resolved)
	}
	lic, em := a.Check(assessment.CheckLicences), a.Check(assessment.CheckValidEmails)
	if lic.Status != assessment.Fail || lic.Accepted || lic.Findings[0].Track == nil || lic.Findings[0].Track.Owner != "Ingrid" {
		t.Errorf("licences %+v", lic)
	}
	if em.Status != assessment.Warn || !em.Accepted {
		t.Errorf("valid-emails: a warning accepted on every finding: %+v", em)
	}
}

// SuperOffice stores at most 239 characters in a user id or an address.
func TestFieldLengths(t *testing.T) {
	long := strings.Repeat("a", 240)
	runChecks(t, assessment.CheckValidEmails, []checkCase{
		{"address over 239", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, "B", long+"@x.no")),
			assessment.Fail, 1, "245 characters long"},
		{"user id over 239", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, long, "b@x.no")),
			assessment.Fail, 1, "240 characters long"},
		{"239 is fine", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, long[:239], "b@x.no")),
			assessment.Pass, 0, ""},
		{"long id without access: a warning", profile(), users(allColumns, usr(2, "A", "a@x.no", admin), usr(3, long, "b@x.no", noAccess)),
			assessment.Warn, 1, "stores at most 239"},
	})
}

func TestSamePerson(t *testing.T) {
	named := func(n string) func(*inputs.User) { return func(u *inputs.User) { u.Name = n } }
	runChecks(t, assessment.CheckSamePerson, []checkCase{
		{"everyone once", profile(), goodUsers(), assessment.Pass, 0, ""},
		{"one person, two records", profile(), users(allColumns, usr(2, "A", "a@x.no", admin),
			usr(3, "KNO", "kari@x.no", named("Kari Nordmann")), usr(4, "KNO2", "k.nordmann@x.no", named("kari  nordmann"))),
			assessment.Warn, 2, "KNO2 (row 4)"},
		{"folded letters: Ødegård is Odegard", profile(), users(allColumns, usr(2, "A", "a@x.no", admin),
			usr(3, "TO", "t@x.no", named("Tove Ødegård")), usr(4, "TO2", "t2@x.no", named("Tove Odegard"))), assessment.Warn, 2, ""},
		{"the other record cannot log in", profile(), users(allColumns, usr(2, "A", "a@x.no", admin),
			usr(3, "KNO", "kari@x.no", named("Kari Nordmann")), usr(4, "KNO2", "k@x.no", named("Kari Nordmann"), noAccess)), assessment.Pass, 0, ""},
		{"the same record twice is not two people", profile(), users(allColumns, usr(2, "A", "a@x.no", admin),
			usr(3, "KNO", "kari@x.no", named("Kari Nordmann")), usr(4, "kno", "kari@x.no", named("Kari Nordmann"))), assessment.Pass, 0, ""},
		// A query joining users with their addresses gives a row per address.
		{"one user id, two addresses", profile(), users(allColumns, usr(2, "A", "a@x.no", admin),
			usr(3, "KNO", "kari@x.no"), usr(4, "kno", "kari.nordmann@x.no")), assessment.Warn, 2, "1 user ID is on several rows of the export"},
		{"both a name and a user id repeated", profile(), users(allColumns, usr(2, "A", "a@x.no", admin),
			usr(3, "KNO", "kari@x.no", named("Kari Nordmann")), usr(4, "KNO2", "k@x.no", named("Kari Nordmann")),
			usr(5, "PER", "per@x.no"), usr(6, "PER", "p@x.no"), usr(7, "PER", "per.h@x.no")),
			assessment.Warn, 5, "1 name is on several user records that can log in. 1 user ID is on several rows"},
	})
	a := assess(profile(), users(allColumns, usr(2, "A", "a@x.no", admin),
		usr(3, "PER", "per@x.no", noPlan), usr(4, "PER", "p@x.no", noPlan), usr(5, "per", "p@x.no", noPlan)))
	fs := a.Check(assessment.CheckSamePerson).Findings
	if len(fs) != 3 || fs[0].Kind != "same-user-id" || problem(&fs[0]) != "The user ID PER is also on row 4 and row 5: "+
		"SuperOffice has one user record per user ID, so these rows are one user with several email addresses, "+
		"and the wrong one may become the address the user signs in with." {
		t.Fatalf("findings %+v: %s", fs, problem(&fs[0]))
	}
	// No two findings of a check share a key: a note in the workbook belongs
	// to one row. The address tells the rows apart, else the row.
	for _, id := range []string{assessment.CheckSamePerson, assessment.CheckLicences} {
		keys := map[string]bool{}
		for _, f := range a.Check(id).Findings {
			if keys[f.Key] {
				t.Errorf("%s: key %s twice", id, f.Key)
			}
			keys[f.Key] = true
		}
	}
	if k := a.Check(assessment.CheckLicences).Findings[0].Key; k != "licences:user:per/email:per@x.no" {
		t.Errorf("key %q", k)
	}
}

// docs/checks.md's check table lists every check, in the order of the pack.
func TestChecksDocumented(t *testing.T) {
	readme, err := os.ReadFile("../docs/checks.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(readme), "| id | fails (blocks) when | otherwise |")
	if !ok {
		t.Fatal("docs/checks.md has no check table")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	var got []string
	for _, line := range strings.Split(table, "\n") {
		if id, ok := strings.CutPrefix(line, "| `"); ok {
			id, _, _ = strings.Cut(id, "`")
			got = append(got, id)
		}
	}
	if !slices.Equal(got, assessment.CheckIDs) {
		t.Errorf("docs/checks.md's check table lists\n%v\nwant\n%v", got, assessment.CheckIDs)
	}
}

func TestSingleSpaced(t *testing.T) {
	for _, s := range []string{"kari nordmann", " kari  nordmann ", "kari\tnordmann", "kari nordmann ", "", " ", "a", "tove ødegård  x", "x\u00a0y"} {
		if got, want := singleSpaced(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("singleSpaced(%q) = %q, want %q", s, got, want)
		}
	}
}
