package readiness

import (
	"cmp"
	"slices"
	"strings"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

// suiteOf maps the module plans of Online (and on-site 10+) to the CRM
// Suite plan that includes them. On-site 8–9 licences (Standard CRM User,
// Complete CRM User…) have no documented mapping: the consultant maps them.
var suiteOf = map[string]string{
	"salesessentials":     assessment.SuiteCore,
	"serviceessentials":   assessment.SuiteCore,
	"marketingessentials": assessment.SuiteGrowth,
	"salespremium":        assessment.SuiteGrowth,
	"servicepremium":      assessment.SuiteGrowth,
	"marketingpremium":    assessment.SuitePlus,
}

// suiteRank orders the plans; suiteCustomObjects is each plan's limit of
// custom objects (-1: unlimited).
var (
	suiteRank = map[string]int{assessment.SuiteStarter: 1, assessment.SuiteCore: 2, assessment.SuiteGrowth: 3,
		assessment.SuitePlus: 4, assessment.SuiteSuper: 5}
	suiteCustomObjects = map[string]int{assessment.SuiteStarter: 0, assessment.SuiteCore: 0, assessment.SuiteGrowth: 15,
		assessment.SuitePlus: -1, assessment.SuiteSuper: -1}
)

// userPlans splits a User plan cell: a multi-plan user has several
// ("Sales-Premium, Marketing-Essentials").
func userPlans(cell string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(cell, func(r rune) bool { return strings.ContainsRune(",;/+|\n", r) }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// planKey folds a plan name for the mapping: "Sales-Premium", "Sales
// Premium" and "sales_premium" are one plan.
func planKey(p string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(p) {
		if 'a' <= r && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// licensing counts the seats after the migration (people who can log in),
// lists their current plans with the CRM Suite plan each maps to, and
// compares the custom tables the profile counts with the plan's limit.
func (a *assessor) licensing(users assessment.UserCounts) assessment.Licensing {
	l := assessment.Licensing{Seats: users.WithAccess, SeatsUnknown: users.AccessUnknown,
		PlanColumn: a.users.Has(inputs.FieldPlan), Plans: []assessment.CurrentPlan{}}
	if a.p.Onsite.CustomTablesGiven {
		n := a.p.Onsite.CustomTables
		l.CustomTables = &n
	}
	index := map[string]int{}
	// A few plan cells repeat over all users: each is split and looked up
	// once, into the indexes of its plans in l.Plans.
	cells := map[string][]int{}
	for i := range a.users.Users {
		u := &a.users.Users[i]
		if leftOut(u) || a.access(u) == inputs.No {
			continue
		}
		plans, seen := cells[u.Plan]
		if !seen {
			for _, p := range userPlans(u.Plan) {
				k := planKey(p)
				j, ok := index[k]
				if !ok {
					j = len(l.Plans)
					index[k] = j
					l.Plans = append(l.Plans, assessment.CurrentPlan{Name: p, Suite: suiteOf[k]})
				}
				plans = append(plans, j)
			}
			cells[u.Plan] = plans
		}
		if len(plans) == 0 && l.PlanColumn {
			l.NoPlan++
		}
		for _, j := range plans {
			l.Plans[j].Users++
		}
	}
	slices.SortStableFunc(l.Plans, func(x, y assessment.CurrentPlan) int { return cmp.Compare(y.Users, x.Users) })
	for _, p := range l.Plans {
		switch {
		case p.Suite == "":
			l.AtLeast = true
		case suiteRank[p.Suite] > suiteRank[l.Suite]:
			l.Suite = p.Suite
		}
	}
	if l.Suite == "" {
		l.AtLeast = false
		return l
	}
	l.CustomObjects = suiteCustomObjects[l.Suite]
	l.OverLimit = l.CustomTables != nil && !l.AtLeast && l.CustomObjects >= 0 && *l.CustomTables > l.CustomObjects
	return l
}
