package readiness

import (
	"reflect"
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

func plan(p string) func(*inputs.User) { return func(u *inputs.User) { u.Plan = p } }

func tables(n int) func(*inputs.Profile) {
	return func(p *inputs.Profile) { p.Onsite.CustomTables, p.Onsite.CustomTablesGiven = n, true }
}

func TestLicensing(t *testing.T) {
	tests := []struct {
		name      string
		p         *inputs.Profile
		l         *inputs.UserList
		seats     int
		suite     string
		atLeast   bool
		objects   int
		overLimit bool
		plans     []assessment.CurrentPlan
	}{
		{"essentials map to Core", profile(), users(allColumns,
			usr(2, "A", "a@x.no", admin, plan("Sales-Essentials")), usr(3, "B", "b@x.no", plan("Service Essentials"))),
			2, "Core", false, 0, false,
			[]assessment.CurrentPlan{{Name: "Sales-Essentials", Users: 1, Suite: "Core"}, {Name: "Service Essentials", Users: 1, Suite: "Core"}}},
		{"the highest wins: Marketing Premium is Plus", profile(tables(40)), users(allColumns,
			usr(2, "A", "a@x.no", admin, plan("Sales-Premium")), usr(3, "B", "b@x.no", plan("Sales-Essentials, Marketing-Premium")),
			usr(4, "C", "c@x.no", plan("sales_premium"))),
			3, "Plus", false, -1, false,
			[]assessment.CurrentPlan{{Name: "Sales-Premium", Users: 2, Suite: "Growth"}, {Name: "Sales-Essentials", Users: 1, Suite: "Core"},
				{Name: "Marketing-Premium", Users: 1, Suite: "Plus"}}},
		{"Growth allows 15 custom objects", profile(tables(16)), users(allColumns,
			usr(2, "A", "a@x.no", admin, plan("Service-Premium"))),
			1, "Growth", false, 15, true, []assessment.CurrentPlan{{Name: "Service-Premium", Users: 1, Suite: "Growth"}}},
		{"15 custom tables fit Growth", profile(tables(15)), users(allColumns,
			usr(2, "A", "a@x.no", admin, plan("Marketing-Essentials"))),
			1, "Growth", false, 15, false, []assessment.CurrentPlan{{Name: "Marketing-Essentials", Users: 1, Suite: "Growth"}}},
		{"Core allows none", profile(tables(1)), users(allColumns, usr(2, "A", "a@x.no", admin, plan("Sales-Essentials"))),
			1, "Core", false, 0, true, []assessment.CurrentPlan{{Name: "Sales-Essentials", Users: 1, Suite: "Core"}}},
		// On-site 8–9 licences have no documented mapping: never guessed.
		{"on-site plans: the consultant maps them", profile(tables(3)), users(allColumns,
			usr(2, "A", "a@x.no", admin, plan("Complete CRM User")), usr(3, "B", "b@x.no", plan("Sales User"))),
			2, "", false, 0, false,
			[]assessment.CurrentPlan{{Name: "Complete CRM User", Users: 1}, {Name: "Sales User", Users: 1}}},
		{"mixed: at least the mapped plan", profile(tables(3)), users(allColumns,
			usr(2, "A", "a@x.no", admin, plan("Sales-Essentials")), usr(3, "B", "b@x.no", plan("Complete CRM User"))),
			2, "Core", true, 0, false,
			[]assessment.CurrentPlan{{Name: "Sales-Essentials", Users: 1, Suite: "Core"}, {Name: "Complete CRM User", Users: 1}}},
		{"users who cannot log in and resources are no seats", profile(), users(allColumns,
			usr(2, "A", "a@x.no", admin, plan("Sales-Essentials")), usr(3, "B", "b@x.no", plan("Marketing-Premium"), noAccess),
			usr(4, "R", "", plan("Marketing-Premium"), kind(inputs.KindResource, "Resource"))),
			1, "Core", false, 0, false, []assessment.CurrentPlan{{Name: "Sales-Essentials", Users: 1, Suite: "Core"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := assess(tt.p, tt.l).Licensing
			if l.Seats != tt.seats || l.Suite != tt.suite || l.AtLeast != tt.atLeast || l.CustomObjects != tt.objects ||
				l.OverLimit != tt.overLimit || !reflect.DeepEqual(l.Plans, tt.plans) {
				t.Errorf("got %+v\nwant seats %d, %q (at least %v), %d objects, over %v, %+v", l, tt.seats, tt.suite, tt.atLeast,
					tt.objects, tt.overLimit, tt.plans)
			}
			if tt.p.Onsite.CustomTablesGiven != (l.CustomTables != nil) {
				t.Errorf("custom tables %v", l.CustomTables)
			}
		})
	}
}

// People who can log in without a plan are counted (the licences check
// lists them); without a plan column nobody is.
func TestLicensingNoPlan(t *testing.T) {
	l := users(allColumns, usr(2, "A", "a@x.no", admin, plan("Sales-Essentials")), usr(3, "B", "b@x.no", noPlan),
		usr(4, "C", "c@x.no", noPlan, noAccess))
	if got := assess(profile(), l).Licensing; got.NoPlan != 1 || got.Seats != 2 {
		t.Errorf("no plan %d, seats %d; want 1, 2", got.NoPlan, got.Seats)
	}
	delete(l.Columns, inputs.FieldPlan)
	if got := assess(profile(), l).Licensing; got.NoPlan != 0 || got.PlanColumn {
		t.Errorf("without a plan column: %+v", got)
	}
}
