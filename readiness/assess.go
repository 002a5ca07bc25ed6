package readiness

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/readiness/assessment"
)

// Options are the facts about this run that go into the assessment.
type Options struct {
	Tool string    // e.g. "migready 0.1.0"
	Date time.Time // the generation date; only the day is used
	// Previous is what the last pack said; with it the assessment says what
	// changed since (Progress).
	Previous *assessment.Snapshot
	// Tracker is the remediation workbook the customer sent back: its notes
	// are carried forward to the findings still found.
	Tracker *assessment.Tracker

	// addrs are the addresses of addrsOf's users, when ForeignExport
	// worked them out.
	addrs   []address
	addrsOf *inputs.UserList
	// same is the same-person check Begin started.
	same *begun
}

// begun is a check started ahead of Assess, for the first Assess of its
// users to take.
type begun struct {
	users *inputs.UserList
	check chan assessment.Check
	taken atomic.Bool
}

// Begin starts the check that reads nothing but the export and costs the
// most (the same-person check: names folded and grouped over every user,
// then user ids) on another goroutine, so that it runs beside what the
// caller still does before Assess (ForeignExport, reading the other
// inputs); the first Assess with these options and the same users takes
// its result. It only reads the users, as every check does, so the result
// is the same either way.
func (o *Options) Begin(users *inputs.UserList) {
	b := &begun{users: users, check: make(chan assessment.Check, 1)}
	a := &assessor{users: users, hasLogin: users.Has(inputs.FieldCanLogIn)}
	go func() { b.check <- a.samePerson() }()
	o.same = b
}

// MinimumMajor.MinimumMinor is the oldest on-site release the Online
// Migration Tool accepts; older installations must be upgraded first.
const (
	MinimumMajor = 7
	MinimumMinor = 1
)

// NoWindowsClientMajor is the first release without the Windows client
// (the last Windows release was 8.5 R17), and so without Travel and
// Satellite: inputs owns the fact, which its profile reader checks too.
const NoWindowsClientMajor = inputs.NoWindowsClientMajor

// Assess runs every check on already validated inputs. It never fails:
// what the inputs cannot tell becomes an Unknown check. Checks come in
// CheckIDs order and findings are sorted (row, user id, email, kind, key),
// so two runs on the same inputs give identical results, and two runs in
// different languages too: the assessment holds no words.
func Assess(p *inputs.Profile, users *inputs.UserList, opt Options) *assessment.Assessment {
	if users == nil {
		users = &inputs.UserList{}
	}
	a := &assessor{p: p, users: users, hasLogin: users.Has(inputs.FieldCanLogIn)}
	// The costliest check runs on a second core while the others run here
	// (see Begin). It does not read the addresses worked out meanwhile.
	if opt.same == nil || opt.same.users != users || !opt.same.taken.CompareAndSwap(false, true) {
		opt.Begin(users)
	}
	a.addrs = opt.addrs
	if opt.addrsOf != users || len(a.addrs) != len(users.Users) {
		a.addrs = addresses(users.Users)
	}
	// Two more checks of every user on the second core, once the
	// same-person check there is done.
	addressChecks := make(chan [2]assessment.Check, 1)
	go func() { addressChecks <- [2]assessment.Check{a.duplicateEmails(), a.validEmails()} }()
	out := &assessment.Assessment{
		Tool:      opt.Tool,
		Generated: opt.Date.Format(time.DateOnly),
		Customer: assessment.Customer{
			Name:   p.Customer.Name,
			Slug:   Slug(p.Customer.Name),
			Tenant: p.Customer.Tenant,
		},
		Onsite: assessment.Onsite{Version: strings.TrimSpace(p.Onsite.Version), DatabaseGB: p.Onsite.DatabaseGB,
			ArchiveGB: p.Onsite.ArchiveGB, Satellites: satelliteCount(p.Onsite)},
		Mailboxes: []assessment.Mailbox{},
	}

	out.Onsite.Admin, out.Onsite.WindowsClient = Clients(p.Onsite.Version)
	out.Users = a.userCounts()
	out.Licensing = a.licensing(out.Users)

	out.Mail = a.mailPlan()
	mailboxes, mailCheck := a.mailboxes()
	out.Mailboxes = mailboxes
	spf, spfCheck := a.spf()
	out.SPF = spf
	downtime, downtimeCheck := a.downtime()
	out.Downtime = downtime

	out.Checks = []assessment.Check{
		a.onsiteVersion(),
		{}, {}, // duplicateEmails, validEmails, below
		{}, // samePerson, below
		a.identityDomains(),
		a.licences(),
		a.adminPlan(),
		a.travel(),
		a.satellites(),
		a.customizations(),
		a.sentryAddons(),
		a.customTables(),
		a.documents(),
		mailCheck,
		spfCheck,
		downtimeCheck,
	}
	ac := <-addressChecks
	out.Checks[slices.Index(assessment.CheckIDs, assessment.CheckDuplicateEmails)] = ac[0]
	out.Checks[slices.Index(assessment.CheckIDs, assessment.CheckValidEmails)] = ac[1]
	out.Checks[slices.Index(assessment.CheckIDs, assessment.CheckSamePerson)] = <-opt.same.check
	for i := range out.Checks {
		sortFindings(out.Checks[i].Findings)
		uniqueKeys(out.Checks[i].Findings)
	}
	if opt.Tracker != nil {
		out.Tracker = track(opt.Tracker, out)
	}
	decide(out)
	if opt.Previous != nil {
		out.Progress = compare(opt.Previous, out)
	}
	return out
}

// satelliteCount is the profile's satellites, nil when not given.
func satelliteCount(o inputs.Onsite) *int {
	if !o.SatellitesGiven {
		return nil
	}
	n := o.Satellites
	return &n
}

// leftOut reports whether the user checks leave u out: resources,
// anonymous and system users do not sign in, and a former employee has lost
// plan and sign-in rights; none of them needs a plan or an address.
func leftOut(u *inputs.User) bool {
	return !u.Kind.Signs() || u.Former == inputs.Yes
}

// userCounts accounts for every user: a person the checks look at, or a
// user left out by kind; and says which Type and Former employee values
// could not be read.
func (a *assessor) userCounts() assessment.UserCounts {
	users := a.users.Users
	c := assessment.UserCounts{Total: len(users), EmptyRows: len(a.users.EmptyRows), Notices: []assessment.Text{}}
	var strange, unclear, noAccess []*inputs.User
	for i := range users {
		u := &users[i]
		if u.Kind == inputs.KindUnrecognised {
			strange = append(strange, u)
		}
		if u.Former == inputs.Unanswered && strings.TrimSpace(u.RawFormer) != "" {
			unclear = append(unclear, u)
		}
		switch {
		case u.Kind == inputs.KindResource:
			c.Resources++
		case u.Kind == inputs.KindAnonymous:
			c.Anonymous++
		case u.Kind == inputs.KindSystem:
			c.System++
		case u.Former == inputs.Yes:
			c.Former++
		default:
			c.People++
			if u.Kind == inputs.KindExternal {
				c.External++
			}
			switch a.access(u) {
			case inputs.Yes:
				c.WithAccess++
			case inputs.Unanswered:
				c.AccessUnknown++
				noAccess = append(noAccess, u)
			}
		}
	}
	if len(strange) > 0 {
		c.Notices = append(c.Notices, a.plural("users.unrecognised-type", len(strange),
			"column", a.users.Columns[inputs.FieldType], "values", a.unreadable(strange, rawType)))
	}
	if len(unclear) > 0 {
		c.Notices = append(c.Notices, a.plural("users.unreadable-former", len(unclear),
			"column", a.users.Columns[inputs.FieldFormer], "values", a.unreadable(unclear, rawFormer)))
	}
	// Who they are, by row: a check names such a user only where the
	// answer would change its result, and the count alone names nobody.
	if len(noAccess) > 0 {
		c.Notices = append(c.Notices, a.plural("users.unreadable-login", len(noAccess),
			"column", a.loginColumn(), "values", a.unreadable(noAccess, rawLogin)))
	}
	return c
}

// access tells whether u will be able to sign in after the migration.
// Without a "Can log in" column every user is taken to have access, so the
// checks ask for a fix rather than miss one. With the column, a value that
// is neither yes nor no (an empty cell included) is Unknown: such a user
// never makes a check pass or fail, only unknown.
func (a *assessor) access(u *inputs.User) inputs.Tri {
	if !a.hasLogin {
		return inputs.Yes
	}
	return u.CanLogIn
}

// maxListed caps the values and rows an "unreadable values" summary names.
const maxListed = 5

// unreadable lists the values that could not be read as yes or no and the
// rows they are on, for a summary: `"Maybe" (rows 4, 9), empty (row 12)`.
// raw gives the cell text of a user.
func (a *assessor) unreadable(users []*inputs.User, raw func(*inputs.User) string) assessment.List {
	rows := map[string][]string{}
	var order []string
	for _, u := range users {
		v := strings.TrimSpace(raw(u))
		if rows[v] == nil {
			order = append(order, v)
		}
		rows[v] = append(rows[v], strconv.Itoa(u.Row))
	}
	var parts []assessment.Text
	for i, v := range order {
		if i == maxListed {
			parts = append(parts, a.plural("finding.ref.more-values", len(order)-maxListed))
			break
		}
		r := rows[v]
		list := strings.Join(r[:min(len(r), maxListed)], ", ")
		args := []any{"value", a.shown(v), "rows", list}
		if len(r) > maxListed {
			args = append(args, "more", a.plural("finding.ref.more-rows", len(r)-maxListed))
			parts = append(parts, a.plural("finding.ref.value-more", len(r), args...))
			continue
		}
		parts = append(parts, a.plural("finding.ref.value", len(r), args...))
	}
	return a.join(parts)
}

// shown is a cell value as a finding quotes it, in the language's quotes;
// an empty cell says so.
func (a *assessor) shown(v string) assessment.Text {
	if strings.TrimSpace(v) == "" {
		return a.l.T("finding.ref.empty")
	}
	return a.l.T("finding.ref.quoted", "value", v)
}

// loginColumn is the header of the "Can log in" column, for messages.
func (a *assessor) loginColumn() string { return a.users.Columns[inputs.FieldCanLogIn] }

func rawLogin(u *inputs.User) string  { return u.RawCanLogIn }
func rawTravel(u *inputs.User) string { return u.RawTravel }
func rawType(u *inputs.User) string   { return u.RawType }
func rawFormer(u *inputs.User) string { return u.RawFormer }
func rawSatellite(u *inputs.User) string {
	return u.RawSatellite
}

// address is what the checks ask of a user's email address, worked out
// once per user rather than once per check.
type address struct {
	key   string // emailKey: "" for none
	valid bool   // there is an address and it is valid (ValidEmail)
}

// addresses works out the address of every user, in the export's order.
func addresses(users []inputs.User) []address {
	out := make([]address, len(users))
	var emails EmailChecker
	for i := range users {
		e := strings.TrimSpace(users[i].Email)
		out[i] = address{key: emailKey(e), valid: e != "" && emails.Valid(e)}
	}
	return out
}

type assessor struct {
	addrs    []address // of a.users.Users, by index
	p        *inputs.Profile
	users    *inputs.UserList
	l        words // makes Texts; the words are written by render
	hasLogin bool  // the export has a "Can log in" column (asked per user)
}

// newCheck makes sure Findings is never nil and gives each finding its key:
// the check id and the finding's subject.
func (a *assessor) newCheck(id string, st assessment.Status, summary assessment.Text, findings []assessment.Finding) assessment.Check {
	if findings == nil {
		findings = []assessment.Finding{}
	}
	for i := range findings {
		findings[i].Key = id + ":" + findings[i].Key
	}
	return assessment.Check{ID: id, Status: st, Summary: summary, Findings: findings}
}

// plural is the catalog's one/other choice, with n as {count}.
func (a *assessor) plural(key string, n int, args ...any) assessment.Text {
	return a.l.Plural(key, n, args...)
}

// userFinding is a finding about one row of the export. Its texts are
// finding.<kind>.problem and .action, which may use {user}, {name},
// {email} and {row} besides args.
func (a *assessor) userFinding(u *inputs.User, kind string, args ...any) assessment.Finding {
	return assessment.Finding{
		Kind:   kind,
		Row:    u.Row,
		UserID: u.ID,
		Name:   u.Name,
		Email:  u.Email,
		Args:   text("", false, args).Args,
		Key:    userSubject(u), // newCheck puts the check id in front
	}
}

// uniqueKeys gives findings that would share a key, one user id on several
// rows of the export, keys of their own: the key with the address, else
// (the same address too) with the row. No two findings of a check share a
// key, so a note in the workbook belongs to exactly one.
func uniqueKeys(fs []assessment.Finding) {
	for _, suffix := range []func(*assessment.Finding) string{
		func(f *assessment.Finding) string { return "/email:" + keyPart(emailKey(f.Email)) },
		func(f *assessment.Finding) string { return "/row:" + strconv.Itoa(f.Row) },
	} {
		n := map[string]int{}
		for _, f := range fs {
			n[f.Key]++
		}
		for i := range fs {
			if n[fs[i].Key] > 1 {
				fs[i].Key += suffix(&fs[i])
			}
		}
	}
}

// userSubject identifies a user across runs: the user id, else the address,
// else (an export with neither) the row.
func userSubject(u *inputs.User) string {
	switch {
	case strings.TrimSpace(u.ID) != "":
		return "user:" + keyPart(u.ID)
	case emailKey(u.Email) != "":
		return "email:" + keyPart(emailKey(u.Email))
	}
	return "row:" + strconv.Itoa(u.Row)
}

// keyMax is the longest subject a key holds as it is; a longer one (a
// 750-character name) keeps its start and a hash of the whole, so that a
// key stays short enough for every cell that carries it (the workbook's
// key column, read back under a limit per cell) and still finds the same
// finding in the next run.
const keyMax = 120

// keyPart is s as a key's subject: trimmed, folded, its invisible
// characters written out (a key is printed in the workbook and the
// summary, and must not hide what it holds), at most keyMax bytes.
func keyPart(s string) string {
	k := foldString(VisibleText(strings.TrimSpace(s)))
	if len(k) <= keyMax {
		return k
	}
	sum := sha256.Sum256([]byte(k))
	start, _ := shown.CutBytes(k, keyMax-17)
	return start + "~" + hex.EncodeToString(sum[:8])
}

// itemFinding is a finding that is not about a row of the export (Row 0);
// name is what it is about (a customisation, a mailbox), may be "". Its
// texts may use {item} besides args.
func (a *assessor) itemFinding(name, kind string, args ...any) assessment.Finding {
	subject := "item:" + keyPart(name)
	if strings.TrimSpace(name) == "" {
		subject = kind
	}
	return assessment.Finding{
		Kind: kind,
		Name: name,
		Args: text("", false, append([]any{"item", name}, args...)).Args,
		Key:  subject, // newCheck puts the check id in front
	}
}

// ref names a user in another user's finding: "JOHN (row 12)".
func (a *assessor) ref(u *inputs.User) assessment.Text {
	if u.ID == "" {
		return a.l.T("finding.ref.row", "row", strconv.Itoa(u.Row))
	}
	return a.l.T("finding.ref.user", "user", u.ID, "row", strconv.Itoa(u.Row))
}

func (a *assessor) join(items []assessment.Text) assessment.List { return assessment.List(items) }

// worst returns the most severe status among findings' statuses.
func worst(sts ...assessment.Status) assessment.Status {
	// Unknown ranks above Warn: a check that could not be told must be
	// verified, and that decides the verdict; a warning does not.
	rank := map[assessment.Status]int{assessment.Pass: 0, assessment.Warn: 1, assessment.Unknown: 2, assessment.Fail: 3}
	w := assessment.Pass
	for _, s := range sts {
		if rank[s] > rank[w] {
			w = s
		}
	}
	return w
}

func sortFindings(fs []assessment.Finding) {
	slices.SortStableFunc(fs, func(x, y assessment.Finding) int {
		return cmp.Or(
			cmp.Compare(x.Row, y.Row),
			strings.Compare(x.UserID, y.UserID),
			strings.Compare(x.Email, y.Email),
			strings.Compare(x.Kind, y.Kind),
			strings.Compare(x.Key, y.Key),
			strings.Compare(x.Name, y.Name),
		)
	})
}
