package readiness

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

// duplicateEmails: in Online every user signs in with an email address, so
// two users who can log in must not share one.
func (a *assessor) duplicateEmails() assessment.Check {
	const id = assessment.CheckDuplicateEmails
	// valid-emails reports missing addresses.
	order, groups := a.repeated(func(dst []byte, i int) []byte { return append(dst, a.addrs[i].key...) })
	var fs []assessment.Finding
	var unclear []*inputs.User // users of unknown access in groups that may block
	st := assessment.Pass
	groupsFail, groupsWarn, groupsUnknown := 0, 0, 0
	for _, k := range order {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		slices.SortFunc(g, func(x, y *inputs.User) int {
			return cmp.Or(cmp.Compare(x.Row, y.Row), strings.Compare(x.ID, y.ID))
		})
		yes, unknown := 0, 0
		for _, u := range g {
			switch a.access(u) {
			case inputs.Yes:
				yes++
			case inputs.Unanswered:
				unknown++
			}
		}
		var kind string
		switch {
		case yes >= 2:
			kind = "email-shared"
			groupsFail++
			st = assessment.Fail
		case yes+unknown >= 2:
			// It blocks if the users whose access cannot be told can log in.
			kind = "email-shared-unknown-access"
			groupsUnknown++
			st = worst(st, assessment.Unknown)
			for _, u := range g {
				if a.access(u) == inputs.Unanswered {
					unclear = append(unclear, u)
				}
			}
		default:
			kind = "email-shared-no-access"
			groupsWarn++
			st = worst(st, assessment.Warn)
		}
		for _, u := range g {
			fs = append(fs, a.userFinding(u, kind, "others", a.others(g, u)))
		}
	}
	var summary assessment.Text
	switch st {
	case assessment.Pass:
		summary = a.l.T("check." + id + ".pass")
	case assessment.Fail:
		summary = a.plural("check."+id+".fail", groupsFail)
	case assessment.Unknown:
		summary = a.plural("check."+id+".unknown", groupsUnknown,
			"column", a.loginColumn(), "values", a.unreadable(unclear, rawLogin))
	default:
		summary = a.plural("check."+id+".warn", groupsWarn)
	}
	return a.newCheck(id, st, summary, fs)
}

// validEmails: every user who moves to Online needs a working address to
// sign in with. Users without access only get a warning for a malformed
// address (it may be used if they get access later); a missing address on
// such a user is normal (former employees, resources) and not reported.
func (a *assessor) validEmails() assessment.Check {
	const id = assessment.CheckValidEmails
	var fs []assessment.Finding
	var unclear []*inputs.User
	bad, warn := 0, 0
	for i := range a.users.Users {
		u := &a.users.Users[i]
		if leftOut(u) {
			continue
		}
		e := strings.TrimSpace(u.Email)
		access := a.access(u)
		// SuperOffice stores a user id and an address in at most
		// MaxFieldLength characters: a longer one cannot be migrated.
		for _, long := range []struct{ kind, value string }{{"user-id-too-long", u.ID}, {"email-too-long", e}} {
			// No fewer bytes than characters: most values need no count.
			if len(long.value) <= MaxFieldLength {
				continue
			}
			if n := utf8.RuneCountInString(long.value); n > MaxFieldLength {
				fs = append(fs, a.userFinding(u, long.kind, "length", n, "max", MaxFieldLength))
				switch access {
				case inputs.Yes:
					bad++
				case inputs.Unanswered:
					unclear = append(unclear, u)
				default:
					warn++
				}
			}
		}
		if len(e) > MaxFieldLength && utf8.RuneCountInString(e) > MaxFieldLength {
			continue
		}
		switch {
		case e == "" && access == inputs.Yes:
			fs = append(fs, a.userFinding(u, "email-missing"))
			bad++
		case e == "" && access == inputs.Unanswered:
			fs = append(fs, a.userFinding(u, "email-missing-unknown-access", "column", a.loginColumn(), "value", a.shown(u.RawCanLogIn)))
			unclear = append(unclear, u)
		case e == "" || a.addrs[i].valid:
		case access == inputs.Yes:
			fs = append(fs, a.emailFinding(u, "email-malformed"))
			bad++
		case access == inputs.Unanswered:
			fs = append(fs, a.emailFinding(u, "email-malformed-unknown-access", "column", a.loginColumn(), "value", a.shown(u.RawCanLogIn)))
			unclear = append(unclear, u)
		default:
			fs = append(fs, a.emailFinding(u, "email-malformed-no-access"))
			warn++
		}
	}
	switch {
	case bad > 0:
		return a.newCheck(id, assessment.Fail, a.plural("check."+id+".fail", bad), fs)
	case len(unclear) > 0:
		return a.newCheck(id, assessment.Unknown, a.plural("check."+id+".unknown", len(unclear),
			"column", a.loginColumn(), "values", a.unreadable(unclear, rawLogin)), fs)
	case warn > 0:
		return a.newCheck(id, assessment.Warn, a.plural("check."+id+".warn", warn), fs)
	}
	return a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass"), nil)
}

// MaxFieldLength is the most characters SuperOffice stores in a user id
// (associate.name) or an e-mail address.
const MaxFieldLength = 239

// emailFinding is userFinding for a malformed address: the address it
// carries (and the texts show) has its invisible characters written out
// (VisibleText), so the reader sees why an address that looks right is not.
// Its key is the user's, as for any finding.
func (a *assessor) emailFinding(u *inputs.User, kind string, args ...any) assessment.Finding {
	f := a.userFinding(u, kind, args...)
	f.Email = VisibleText(u.Email)
	return f
}

// licences: a user who can log in without a user plan cannot be migrated
// as a working user.
func (a *assessor) licences() assessment.Check {
	const id = assessment.CheckLicences
	if !a.users.Has(inputs.FieldPlan) {
		return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown"), nil)
	}
	var fs []assessment.Finding
	var unclear []*inputs.User
	withAccess, missing := 0, 0
	for i := range a.users.Users {
		u := &a.users.Users[i]
		access := a.access(u)
		if access == inputs.No || leftOut(u) {
			continue
		}
		if access == inputs.Yes {
			withAccess++
		}
		if strings.TrimSpace(u.Plan) != "" {
			continue
		}
		if access == inputs.Yes {
			fs = append(fs, a.userFinding(u, "plan-missing"))
			missing++
		} else {
			fs = append(fs, a.userFinding(u, "plan-missing-unknown-access", "column", a.loginColumn(), "value", a.shown(u.RawCanLogIn)))
			unclear = append(unclear, u)
		}
	}
	switch {
	case missing > 0:
		return a.newCheck(id, assessment.Fail, a.plural("check."+id+".fail", missing), fs)
	case len(unclear) > 0:
		return a.newCheck(id, assessment.Unknown, a.plural("check."+id+".unknown-access", len(unclear),
			"column", a.loginColumn(), "values", a.unreadable(unclear, rawLogin)), fs)
	}
	return a.newCheck(id, assessment.Pass, a.plural("check."+id+".pass", withAccess), nil)
}

// IsAdminRole reports whether a role name from the export is an
// administrator role. The admin client shows role names in its own
// language: Administrator (en, nb, da, de), Systemadministrator,
// Administratör (sv), Admin, Beheerder (nl), all of which contain "admin"
// or "beheer".
func IsAdminRole(role string) bool {
	if isASCII(role) {
		return containsFoldASCII(role, "admin") || containsFoldASCII(role, "beheer")
	}
	r := foldString(role)
	return strings.Contains(r, "admin") || strings.Contains(r, "beheer")
}

// adminPlan: after the migration someone must be able to administer the
// tenant, so at least one administrator keeps access and a user plan.
func (a *assessor) adminPlan() assessment.Check {
	const id = assessment.CheckAdminPlan
	if !a.users.Has(inputs.FieldRole) {
		return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown-role"), nil)
	}
	var admins []*inputs.User
	good := 0
	for i := range a.users.Users {
		u := &a.users.Users[i]
		if !IsAdminRole(u.Role) || leftOut(u) {
			continue
		}
		admins = append(admins, u)
		if a.access(u) == inputs.Yes && strings.TrimSpace(u.Plan) != "" {
			good++
		}
	}
	if len(admins) > 0 && !a.users.Has(inputs.FieldPlan) {
		return a.newCheck(id, assessment.Unknown, a.plural("check."+id+".unknown-plan", len(admins)), nil)
	}
	if good > 0 && !a.users.Has(inputs.FieldCanLogIn) {
		// Taking everyone to have access errs towards fixes elsewhere; here
		// it would pass on an assumption: that the administrator can log in.
		return a.newCheck(id, assessment.Unknown, a.plural("check."+id+".unknown-login-column", good), nil)
	}
	if good > 0 {
		return a.newCheck(id, assessment.Pass, a.plural("check."+id+".pass", good), nil)
	}
	if len(admins) == 0 {
		return a.newCheck(id, assessment.Fail, a.l.T("check."+id+".fail-none"), []assessment.Finding{a.itemFinding("", "admin-none")})
	}
	var fs []assessment.Finding
	var unclear []*inputs.User
	for _, u := range admins {
		switch {
		case a.access(u) == inputs.No:
			fs = append(fs, a.userFinding(u, "admin-no-access"))
		case strings.TrimSpace(u.Plan) == "":
			fs = append(fs, a.userFinding(u, "admin-no-plan"))
		default: // a plan, but whether the administrator can log in is unknown
			fs = append(fs, a.userFinding(u, "admin-unknown-access", "column", a.loginColumn(), "value", a.shown(u.RawCanLogIn)))
			unclear = append(unclear, u)
		}
	}
	if len(unclear) > 0 {
		return a.newCheck(id, assessment.Unknown, a.plural("check."+id+".unknown-access", len(unclear),
			"column", a.loginColumn(), "values", a.unreadable(unclear, rawLogin)), fs)
	}
	return a.newCheck(id, assessment.Fail, a.plural("check."+id+".fail", len(admins)), fs)
}

// travel: a user out on Travel holds changes the central database has not
// seen; they would be lost, so every traveller must be back in first.
func (a *assessor) travel() assessment.Check {
	const id = assessment.CheckTravel
	listed := a.p.Onsite.TravelUsers
	column := a.users.Has(inputs.FieldTravel)
	// From version 9 on there is no Windows client, and Travel is a part of
	// it: nobody can be out on Travel. That is evidence too, and the reason a
	// pass gives; an export that marks a user as out contradicts it (see
	// withoutWindowsClient), and a profile that lists one is refused.
	noClient := a.newCheck(id, assessment.Pass, a.l.T("check."+id+".no-windows-client", "version", DisplayVersion(a.p.Onsite.Version)), nil)
	if a.noWindowsClient() && len(trimmed(listed)) == 0 {
		// The profile reader refuses travel_users on such a version; the
		// export's column may still say yes (see withoutWindowsClient).
		return a.withoutWindowsClient(noClient, inputs.FieldTravel, "travel-no-windows-client",
			func(u *inputs.User) inputs.Tri { return u.Travel })
	}
	if !column && listed == nil {
		return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown"), nil)
	}
	matched := make([]bool, len(listed))
	var fs []assessment.Finding
	var unclear []*inputs.User
	out := 0
	for i := range a.users.Users {
		u := &a.users.Users[i]
		inProfile := false
		for j, t := range listed {
			if t = strings.TrimSpace(t); t != "" && strings.EqualFold(t, strings.TrimSpace(u.ID)) {
				matched[j] = true
				inProfile = true
			}
		}
		switch {
		case u.Travel == inputs.Yes:
			fs = append(fs, a.userFinding(u, "travel-out"))
			out++
		case inProfile:
			fs = append(fs, a.userFinding(u, "travel-listed"))
			out++
		case column && u.Travel == inputs.Unanswered:
			fs = append(fs, a.userFinding(u, "travel-unreadable", "value", a.shown(u.RawTravel),
				"column", a.users.Columns[inputs.FieldTravel]))
			unclear = append(unclear, u)
		}
	}
	unmatched := 0
	for j, t := range listed {
		if t = strings.TrimSpace(t); t != "" && !matched[j] {
			f := a.itemFinding(t, "travel-unmatched", "user", t)
			// Only its User ID is known: no name to show beside it.
			f.UserID, f.Name, f.Key = t, "", "user:"+keyPart(t)
			fs = append(fs, f)
			unmatched++
		}
	}
	switch {
	case out > 0:
		return a.newCheck(id, assessment.Fail, a.plural("check."+id+".fail", out), fs)
	case len(unclear) > 0:
		return a.newCheck(id, assessment.Unknown, a.plural("check."+id+".unknown-values", len(unclear),
			"column", a.users.Columns[inputs.FieldTravel], "values", a.unreadable(unclear, rawTravel)), fs)
	case unmatched > 0:
		return a.newCheck(id, assessment.Warn, a.plural("check."+id+".warn", unmatched), fs)
	case a.noWindowsClient():
		return noClient
	}
	return a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass"), nil)
}

// withoutWindowsClient is the travel or satellites check on a version
// without the Windows client, where nothing can be out on Travel or active
// as a satellite: pass, for the version's reason, unless the export's
// column (field) says yes on a row. That contradicts the version, and
// which of the two is wrong only the customer can tell: the check is to
// verify, with a finding (kind) per row saying so, never a blocker whose
// steps point to screens of a client the customer does not have. A value
// the column holds that is neither yes nor no changes nothing: the version
// answers for it.
func (a *assessor) withoutWindowsClient(pass assessment.Check, field inputs.Field, kind string, answer func(*inputs.User) inputs.Tri) assessment.Check {
	if !a.users.Has(field) {
		return pass
	}
	header, version := a.users.Columns[field], DisplayVersion(a.p.Onsite.Version)
	var fs []assessment.Finding
	for i := range a.users.Users {
		if u := &a.users.Users[i]; answer(u) == inputs.Yes {
			fs = append(fs, a.userFinding(u, kind, "column", header, "version", version, "company", u.Company))
		}
	}
	if len(fs) == 0 {
		return pass
	}
	return a.newCheck(pass.ID, assessment.Unknown, a.plural("check."+pass.ID+".no-windows-client-rows", len(fs), "column", header, "version", version), fs)
}

// trimmed is items without the empty ones.
func trimmed(items []string) []string {
	var out []string
	for _, s := range items {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// maxOthers caps how many other users a duplicate finding names: a shared
// mailbox used as login by hundreds would otherwise make every finding a page
// long (and the work quadratic). The rest are counted.
const maxOthers = 5

// others names the users in g other than u, at most maxOthers of them.
func (a *assessor) others(g []*inputs.User, u *inputs.User) assessment.List {
	var names []assessment.Text
	for _, o := range g {
		if o == u {
			continue
		}
		if len(names) == maxOthers {
			names = append(names, a.plural("finding.ref.more", len(g)-1-maxOthers))
			break
		}
		names = append(names, a.ref(o))
	}
	return a.join(names)
}

// singleSpaced is s with its words separated by single spaces: "Kari
// Nordmann" for " Kari  Nordmann". Most names already are, and are
// returned as they are.
func singleSpaced(s string) string {
	prev := byte(' ')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' && prev == ' ' || c < ' ' || c >= utf8.RuneSelf {
			return strings.Join(strings.Fields(s), " ")
		}
		prev = c
	}
	if prev == ' ' {
		return strings.TrimRight(s, " ")
	}
	return s
}

// appendNameKey appends the key sameNames groups a name by,
// singleSpaced(inputs.Transliterate(name)), to dst: without a string of
// its own for the usual name.
func appendNameKey(dst []byte, name string) []byte {
	start := len(dst)
	dst = inputs.AppendTransliterated(dst, name)
	prev := byte(' ')
	for _, c := range dst[start:] {
		if c == ' ' && prev == ' ' || c < ' ' || c >= utf8.RuneSelf {
			return append(dst[:start], singleSpaced(string(dst[start:]))...)
		}
		prev = c
	}
	if prev == ' ' && len(dst) > start {
		dst = dst[:len(dst)-1] // the one trailing space
	}
	return dst
}

// appendIDKey appends the key sameIDs groups a user id by,
// foldString(strings.TrimSpace(id)), to dst: without a string of its own
// for an ASCII id.
func appendIDKey(dst []byte, id string) []byte {
	id = strings.TrimSpace(id)
	if !isASCII(id) {
		return append(dst, foldString(id)...)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// repeated groups the people of the export (users left out by kind are
// not) by key, which appends the key of the user of index i to dst, and
// returns the keys more than one of them share, in the order of their
// first row, with their users. An empty key groups nobody. Most keys are
// unique, and a map of 50,000 keys, or a string for each, would cost more
// than every other check together: each key is hashed, the hashes sorted
// (a radix sort of their top bits, each beside its user's index), and only
// the users whose hashes sort together have their keys compared, as
// strings. Keys that share those bits but differ are told apart then, so
// the result does not depend on the hash (its seed is random).
func (a *assessor) repeated(key func(dst []byte, i int) []byte) ([]string, map[string][]*inputs.User) {
	users := a.users.Users
	seed := maphash.MakeSeed()
	hashed := make([]uint64, 0, len(users))
	var k []byte
	for i := range users {
		if leftOut(&users[i]) {
			continue
		}
		if k = key(k[:0], i); len(k) > 0 {
			hashed = append(hashed, keyHash(seed, k)&^indexMask|uint64(i))
		}
	}
	hashed = sortTopBits(hashed)
	type group struct {
		key   string
		users []int // indexes, in the export's order
	}
	var found []group
	byKey := map[string]int{} // within a run of hashes: a key's index in found
	for lo := 0; lo < len(hashed); {
		hi := lo + 1
		for hi < len(hashed) && hashed[hi]>>sortShift == hashed[lo]>>sortShift {
			hi++
		}
		if hi-lo > 1 {
			clear(byKey)
			from := len(found)
			for _, h := range hashed[lo:hi] { // in the export's order
				i := int(h & indexMask)
				k = key(k[:0], i)
				if g, ok := byKey[string(k)]; ok {
					found[g].users = append(found[g].users, i)
					continue
				}
				byKey[string(k)] = len(found)
				found = append(found, group{key: string(k), users: []int{i}})
			}
			// A key alone in the run only shared the top bits of its hash.
			kept := found[:from]
			for _, g := range found[from:] {
				if len(g.users) > 1 {
					kept = append(kept, g)
				}
			}
			found = kept
		}
		lo = hi
	}
	// In the order of each group's first row, as the findings are sorted
	// (and, for a tie, of each group's second user).
	slices.SortFunc(found, func(x, y group) int {
		return cmp.Or(cmp.Compare(users[x.users[0]].Row, users[y.users[0]].Row), cmp.Compare(x.users[1], y.users[1]))
	})
	order := make([]string, len(found))
	groups := make(map[string][]*inputs.User, len(found))
	for n, g := range found {
		order[n] = g.key
		us := make([]*inputs.User, len(g.users))
		for j, i := range g.users {
			us[j] = &users[i]
		}
		groups[g.key] = us
	}
	return order, groups
}

// indexMask keeps a user's index in the low bits of its hash in repeated.
const indexMask = 1<<20 - 1

// An export holds at most inputs.MaxUsers users: their indexes fit.
var _ [indexMask + 1 - inputs.MaxUsers]struct{}

// sortShift leaves the bits of a hash that sortTopBits sorts by.
const sortShift = 40

// sortTopBits sorts hs by their top 24 bits (a least significant digit
// radix sort, 8 bits a pass), keeping the order of those that share them.
func sortTopBits(hs []uint64) []uint64 {
	tmp := make([]uint64, len(hs))
	for shift := sortShift; shift < 64; shift += 8 {
		var count [256]int
		for _, h := range hs {
			count[byte(h>>shift)]++
		}
		n := 0
		for d, c := range count {
			count[d], n = n, n+c
		}
		for _, h := range hs {
			d := byte(h >> shift)
			tmp[count[d]] = h
			count[d]++
		}
		hs, tmp = tmp, hs
	}
	return hs
}

// keyHash is repeated's hash of a key (a test makes every key collide).
var keyHash = maphash.Bytes

// samePerson: one person with several user records that can log in is a
// known cause of users locked out after the migration (SuperID signs a
// person in with one address; the other record is left without a way in).
// Records are taken to be one person when their names are the same,
// letters folded, and their user ids differ. A warning: the customer knows
// whether they are two people of the same name.
func (a *assessor) samePerson() assessment.Check {
	return a.samePersonOf(a.sameNames(), a.sameIDs())
}

// sameGroups is one half of samePerson: the groups found and their
// findings.
type sameGroups struct {
	groups   int
	findings []assessment.Finding
}

// sameNames finds the records that share a name, folded, and differ in
// user id.
func (a *assessor) sameNames() sameGroups {
	order, groups := a.repeated(func(dst []byte, i int) []byte {
		u := &a.users.Users[i]
		if a.access(u) == inputs.No {
			return dst
		}
		return appendNameKey(dst, u.Name)
	})
	var out sameGroups
	for _, k := range order {
		g := groups[k]
		ids := map[string]bool{}
		for _, u := range g {
			ids[foldString(strings.TrimSpace(u.ID))] = true
		}
		if len(ids) < 2 {
			continue
		}
		out.groups++
		for _, u := range g {
			out.findings = append(out.findings, a.userFinding(u, "same-person", "others", a.others(g, u)))
		}
	}
	return out
}

// sameIDs finds one user id on several rows with different addresses: an
// export with a row per address (a query joining users with their
// addresses). SuperOffice has one record per user id, so the rows are one
// user with several addresses, and the wrong one may become the user name.
// The same row exported twice (the same address) is not a second address.
func (a *assessor) sameIDs() sameGroups {
	idOrder, byID := a.repeated(func(dst []byte, i int) []byte { return appendIDKey(dst, a.users.Users[i].ID) })
	var out sameGroups
	for _, k := range idOrder {
		g := byID[k]
		addresses := map[string]bool{}
		for _, u := range g {
			addresses[emailKey(u.Email)] = true
		}
		if len(addresses) < 2 {
			continue
		}
		out.groups++
		for _, u := range g {
			var rows []assessment.Text
			for _, o := range g {
				if o != u {
					rows = append(rows, a.l.T("finding.ref.row", "row", strconv.Itoa(o.Row)))
				}
			}
			out.findings = append(out.findings, a.userFinding(u, "same-user-id", "others", a.join(rows)))
		}
	}
	return out
}

// samePersonOf is the check of both halves.
func (a *assessor) samePersonOf(names, ids sameGroups) assessment.Check {
	const id = assessment.CheckSamePerson
	fs := append(names.findings, ids.findings...)
	people, repeated := names.groups, ids.groups
	switch {
	case people > 0 && repeated > 0:
		return a.newCheck(id, assessment.Warn, a.l.T("check."+id+".warn-both",
			"names", a.plural("check."+id+".warn", people), "ids", a.plural("check."+id+".warn-ids", repeated)), fs)
	case people > 0:
		return a.newCheck(id, assessment.Warn, a.plural("check."+id+".warn", people), fs)
	case repeated > 0:
		return a.newCheck(id, assessment.Warn, a.plural("check."+id+".warn-ids", repeated), fs)
	}
	return a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass"), nil)
}
