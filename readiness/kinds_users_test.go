package readiness

import (
	"strings"
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

func kind(k inputs.UserKind, raw string) func(*inputs.User) {
	return func(u *inputs.User) { u.Kind, u.RawType = k, raw }
}

func former(t inputs.Tri, raw string) func(*inputs.User) {
	return func(u *inputs.User) { u.Former, u.RawFormer = t, raw }
}

// Resources, anonymous and system users and former employees do not sign
// in: the user checks leave them out, and the counts say how many.
func TestUserKindsLeftOut(t *testing.T) {
	kindColumns := append(append([]inputs.Field(nil), allColumns...), inputs.FieldType, inputs.FieldFormer)
	// Each of these users would fail a check if it were a person: no
	// plan, no address, a shared address, the same name twice.
	l := users(kindColumns,
		usr(2, "ADM", "admin@fjordkraft.no", admin),
		usr(3, "OLA", "ola@fjordkraft.no"),
		usr(4, "ROOM1", "", noPlan, kind(inputs.KindResource, "Resource")),
		usr(5, "SYNC", "ola@fjordkraft.no", noPlan, admin, kind(inputs.KindSystem, "System user")),
		usr(6, "WEB", "not-an-address", noPlan, kind(inputs.KindAnonymous, "Anonymous")),
		usr(7, "OLDOLA", "ola@fjordkraft.no", noPlan, former(inputs.Yes, "Yes"), func(u *inputs.User) { u.Name = "Name OLA" }),
		usr(8, "EXT", "ext@partner.no", kind(inputs.KindExternal, "External person")),
	)
	a := assess(profile(), l)
	for _, id := range []string{assessment.CheckDuplicateEmails, assessment.CheckValidEmails, assessment.CheckSamePerson, assessment.CheckLicences, assessment.CheckAdminPlan} {
		if c := a.Check(id); c.Status != assessment.Pass {
			t.Errorf("%s: %s (%s) %+v", id, c.Status, summary(c), c.Findings)
		}
	}
	u := a.Users
	if u.Total != 7 || u.People != 3 || u.External != 1 || u.Resources != 1 || u.System != 1 || u.Anonymous != 1 || u.Former != 1 ||
		u.WithAccess != 3 || len(u.Notices) != 0 {
		t.Errorf("counts %+v", u)
	}
	if u.People+u.LeftOut() != u.Total {
		t.Errorf("people %d + left out %d != total %d", u.People, u.LeftOut(), u.Total)
	}

	// The same rows as people: every check that left them out now fails.
	for i := range l.Users {
		l.Users[i].Kind, l.Users[i].Former = inputs.KindEmployee, inputs.No
	}
	a = assess(profile(), l)
	for _, id := range []string{assessment.CheckDuplicateEmails, assessment.CheckValidEmails, assessment.CheckLicences} {
		if c := a.Check(id); c.Status != assessment.Fail {
			t.Errorf("as people, %s: %s", id, c.Status)
		}
	}
	if c := a.Check(assessment.CheckSamePerson); c.Status != assessment.Warn {
		t.Errorf("as people, same-person: %s", c.Status)
	}
}

// A Type value nobody recognised never leaves a user out: the user is
// checked like an employee, and a notice names the values and rows.
func TestUserKindsUnrecognised(t *testing.T) {
	cols := append(append([]inputs.Field(nil), allColumns...), inputs.FieldType, inputs.FieldFormer)
	l := users(cols,
		usr(2, "ADM", "admin@fjordkraft.no", admin),
		usr(3, "PART", "", noPlan, kind(inputs.KindUnrecognised, "Partner")),
		usr(4, "PART2", "p2@fjordkraft.no", kind(inputs.KindUnrecognised, "Partner")),
		usr(5, "X", "x@fjordkraft.no", kind(inputs.KindUnrecognised, "1"), former(inputs.Unanswered, "perhaps")),
	)
	l.Columns[inputs.FieldType] = "User type"
	l.Columns[inputs.FieldFormer] = "Former employee"
	a := assess(profile(), l)
	if c := a.Check(assessment.CheckValidEmails); c.Status != assessment.Fail {
		t.Errorf("valid-emails %s: the user of an unrecognised type must be checked", c.Status)
	}
	if c := a.Check(assessment.CheckLicences); c.Status != assessment.Fail {
		t.Errorf("licences %s", c.Status)
	}
	if a.Users.People != 4 || a.Users.LeftOut() != 0 {
		t.Errorf("counts %+v", a.Users)
	}
	var got []string
	for _, n := range a.Users.Notices {
		got = append(got, say.Text(n))
	}
	want := []string{`The User type column holds values that are not a SuperOffice user type: "Partner" (rows 3, 4) and "1" (row 5). These 3 users are checked like employees who sign in; tell your SuperOffice consultant what they are.`,
		`The Former employee column holds a value that is neither yes nor no: "perhaps" (row 5). This user is checked like a current employee.`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notices:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestUnreadableLoginNamesItsRows: a user whose Can log in is neither yes nor
// no, but whose plan and address are in order, made no check unknown, and
// the pack said only "for 1 it is unclear": nobody could tell who. A notice
// names the value and its row.
func TestUnreadableLoginNamesItsRows(t *testing.T) {
	l := goodUsers()
	l.Users = append(l.Users, usr(5, "PER", "per@fjordkraft.no", func(u *inputs.User) {
		u.CanLogIn, u.RawCanLogIn = inputs.Unanswered, "maybe"
	}))
	a := assess(profile(), l)
	if a.Users.AccessUnknown != 1 {
		t.Fatalf("access unknown %d, want 1", a.Users.AccessUnknown)
	}
	var got []string
	for _, n := range a.Users.Notices {
		got = append(got, say.Text(n))
	}
	want := `The can_log_in column holds a value that is neither yes nor no: "maybe" (row 5). It is not known whether this user can log in; check whether Can log in is ticked for this user.`
	if strings.Join(got, "\n") != want {
		t.Errorf("notices:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
