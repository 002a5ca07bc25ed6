package readiness

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// Options are the facts about this run that go into the assessment.
type Options struct {
	Tool string    // e.g. "migready 0.1.0"
	Date time.Time // the generation date; only the day is used
}

// MinimumMajor.MinimumMinor is the oldest on-site release the Online
// Migration Tool accepts; older installations must be upgraded first.
const (
	MinimumMajor = 7
	MinimumMinor = 1
)

// Assess runs every check on already validated inputs. It never fails:
// what the inputs cannot tell becomes an Unknown check. Checks come in
// CheckIDs order and findings are sorted (row, user id, email, problem,
// name), so two runs on the same inputs give identical results.
func Assess(p *inputs.Profile, users *inputs.UserList, lang *templates.Lang, opt Options) *Assessment {
	if users == nil {
		users = &inputs.UserList{}
	}
	a := &assessor{p: p, users: users, l: lang}
	out := &Assessment{
		Schema:    1,
		Tool:      opt.Tool,
		Generated: opt.Date.Format(time.DateOnly),
		Customer: Customer{
			Name:     p.Customer.Name,
			Slug:     Slug(p.Customer.Name),
			Tenant:   p.Customer.Tenant,
			Language: lang.Code,
		},
		Mailboxes: []Mailbox{},
	}
	out.Users.Total = len(users.Users)
	for i := range users.Users {
		if hasAccess(&users.Users[i]) {
			out.Users.WithAccess++
		}
	}

	mailboxes, mailCheck := a.mailboxes()
	out.Mailboxes = mailboxes
	spf, spfCheck := a.spf()
	out.SPF = spf
	downtime, downtimeCheck := a.downtime()
	out.Downtime = downtime

	out.Checks = []Check{
		a.onsiteVersion(),
		a.duplicateEmails(),
		a.validEmails(),
		a.licences(),
		a.adminPlan(),
		a.travel(),
		a.satellites(),
		a.customizations(),
		mailCheck,
		spfCheck,
		downtimeCheck,
	}
	for i := range out.Checks {
		sortFindings(out.Checks[i].Findings)
	}
	out.Ready = out.Blockers() == 0
	return out
}

// hasAccess reports whether the user will be able to sign in after the
// migration. A missing or unreadable "Can log in" value counts as access:
// the checks then err on the side of asking for a fix.
func hasAccess(u *inputs.User) bool { return u.CanLogIn != inputs.No }

type assessor struct {
	p     *inputs.Profile
	users *inputs.UserList
	l     *templates.Lang
}

// newCheck fills the translated title and makes sure Findings is never nil.
func (a *assessor) newCheck(id string, st Status, summary string, findings []Finding) Check {
	if findings == nil {
		findings = []Finding{}
	}
	return Check{ID: id, Status: st, Title: a.l.T("check." + id + ".title"), Summary: summary, Findings: findings}
}

// plural is the catalog's one/other choice, with n as {count}.
func (a *assessor) plural(key string, n int, args ...any) string {
	return a.l.Plural(key, n, args...)
}

// userFinding is a finding about one row of the export. The texts come from
// finding.<kind>.problem and .action; {user}, {name}, {email} and {row} are
// always available to them, besides args.
func (a *assessor) userFinding(u *inputs.User, kind string, args ...any) Finding {
	all := append([]any{"user", u.ID, "name", u.Name, "email", u.Email, "row", strconv.Itoa(u.Row)}, args...)
	return Finding{
		Row:     u.Row,
		UserID:  u.ID,
		Name:    u.Name,
		Email:   u.Email,
		Problem: a.l.T("finding."+kind+".problem", all...),
		Action:  a.l.T("finding."+kind+".action", all...),
	}
}

// itemFinding is a finding that is not about a row of the export (Row 0);
// name is what it is about (a customisation, a mailbox), may be "".
func (a *assessor) itemFinding(name, kind string, args ...any) Finding {
	all := append([]any{"item", name}, args...)
	return Finding{
		Name:    name,
		Problem: a.l.T("finding."+kind+".problem", all...),
		Action:  a.l.T("finding."+kind+".action", all...),
	}
}

// ref names a user in another user's finding: "JOHN (row 12)".
func (a *assessor) ref(u *inputs.User) string {
	if u.ID == "" {
		return a.l.T("finding.ref.row", "row", strconv.Itoa(u.Row))
	}
	return a.l.T("finding.ref.user", "user", u.ID, "row", strconv.Itoa(u.Row))
}

func (a *assessor) join(items []string) string {
	return strings.Join(items, a.l.T("finding.ref.separator"))
}

// worst returns the most severe status among findings' statuses.
func worst(sts ...Status) Status {
	rank := map[Status]int{Pass: 0, Unknown: 1, Warn: 2, Fail: 3}
	w := Pass
	for _, s := range sts {
		if rank[s] > rank[w] {
			w = s
		}
	}
	return w
}

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(x, y Finding) int {
		return cmp.Or(
			cmp.Compare(x.Row, y.Row),
			strings.Compare(x.UserID, y.UserID),
			strings.Compare(x.Email, y.Email),
			strings.Compare(x.Problem, y.Problem),
			strings.Compare(x.Name, y.Name),
		)
	})
}
