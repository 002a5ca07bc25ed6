package readiness

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

// The keys repeated groups by are appended without strings of their own;
// they must be the strings the checks compare.
func TestAppendKeys(t *testing.T) {
	for _, s := range []string{"", " ", "Kari Nordmann", " Kari  Nordmann ", "KARI NORDMANN ", "kari\tnordmann",
		"Tove Ødegård", "Førnavn1 Étternavn1", "Straße ẞ", "Zoë  Æsir ", "e\u0301 x", "日本 語", "Ωμέγα",
		"\xff broken", "x\u00a0y", "Ábc\u2003def", "U123", " u123 ", "ÅSE", "İstanbul", "ǅ"} {
		if got, want := string(appendNameKey([]byte("pre"), s)), "pre"+singleSpaced(inputs.Transliterate(s)); got != want {
			t.Errorf("appendNameKey(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendIDKey([]byte("pre"), s)), "pre"+foldString(strings.TrimSpace(s)); got != want {
			t.Errorf("appendIDKey(%q) = %q, want %q", s, got, want)
		}
	}
}

// repeated groups as a map of the keys as strings does: over a few
// thousand users with names, ids and addresses repeated, with the hash as
// it is and with every key colliding.
func TestRepeatedAsByString(t *testing.T) {
	var rows []inputs.User
	for i := range 3000 {
		u := usr(2+i, fmt.Sprintf("U%d", i%1400), fmt.Sprintf("user%d@x.no", i%1700),
			func(u *inputs.User) { u.Name = fmt.Sprintf("Tøve  Ødegård%d", i%1100) })
		if i%7 == 0 {
			u.ID, u.Name = strings.ToLower(u.ID), strings.ToUpper(u.Name)
		}
		rows = append(rows, u)
	}
	us := users(allColumns, rows...)
	a := &assessor{users: us, hasLogin: true, addrs: addresses(us.Users)}
	keys := map[string]func(dst []byte, i int) []byte{
		"names": func(dst []byte, i int) []byte { return appendNameKey(dst, us.Users[i].Name) },
		"ids":   func(dst []byte, i int) []byte { return appendIDKey(dst, us.Users[i].ID) },
		"addrs": func(dst []byte, i int) []byte { return append(dst, a.addrs[i].key...) },
	}
	compare := func(how string) {
		for name, key := range keys {
			order, groups := a.repeated(key)
			wantOrder, wantGroups := a.repeatedByString(key)
			if len(order) < 300 || !reflect.DeepEqual(order, wantOrder) || !reflect.DeepEqual(groups, wantGroups) {
				t.Errorf("%s, %s: repeated gives %d groups, by string %d, or not the same", how, name, len(order), len(wantOrder))
			}
		}
	}
	compare("hash")
	defer func(h func(maphash.Seed, []byte) uint64) { keyHash = h }(keyHash)
	keyHash = func(_ maphash.Seed, b []byte) uint64 { return uint64(len(b)) << 40 }
	compare("colliding")
}

// With every key colliding, the checks find what they find.
func TestRepeatedCollidingHashes(t *testing.T) {
	named := func(n string) func(*inputs.User) { return func(u *inputs.User) { u.Name = n } }
	us := users(allColumns, usr(2, "A", "a@x.no", admin),
		usr(3, "KNO", "kari@x.no", named("Kari Nordmann")), usr(4, "KNO2", "k.nordmann@x.no", named("kari  nordmann")),
		usr(5, "PER", "per@x.no"), usr(6, "per", "P@x.no"), usr(7, "OLA", "per@x.no", named("Tove Ødegård")),
		usr(8, "TO", "t@x.no", named("Tove Odegard")))
	want := assess(profile(), us)
	defer func(h func(maphash.Seed, []byte) uint64) { keyHash = h }(keyHash)
	keyHash = func(maphash.Seed, []byte) uint64 { return 1 << 63 }
	got := assess(profile(), us)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with colliding hashes the assessment differs")
	}
	for _, id := range []string{"same-person", "duplicate-emails"} {
		if len(want.Check(id).Findings) == 0 {
			t.Errorf("%s: no findings to compare", id)
		}
	}
}

// repeatedByString is repeated as it was: a map of the keys as strings.
func (a *assessor) repeatedByString(key func(dst []byte, i int) []byte) ([]string, map[string][]*inputs.User) {
	first := make(map[string]*inputs.User, len(a.users.Users))
	groups := map[string][]*inputs.User{}
	var order []string
	for i := range a.users.Users {
		u := &a.users.Users[i]
		if leftOut(u) {
			continue
		}
		k := string(key(nil, i))
		if k == "" {
			continue
		}
		f, seen := first[k]
		switch {
		case !seen:
			first[k] = u
		case groups[k] == nil:
			groups[k] = []*inputs.User{f, u}
			order = append(order, k)
		default:
			groups[k] = append(groups[k], u)
		}
	}
	slices.SortStableFunc(order, func(x, y string) int { return cmp.Compare(groups[x][0].Row, groups[y][0].Row) })
	return order, groups
}

// A user id or an address longer than MaxFieldLength characters cannot be
// migrated; one of more bytes than that but fewer characters can (the
// address of row 5 is malformed for its long local part, but can be stored).
func TestFieldTooLong(t *testing.T) {
	long := strings.Repeat("u", MaxFieldLength+1)
	wide := strings.Repeat("é", MaxFieldLength-10) + "@x.no" // 473 bytes, 234 characters
	a := assess(profile(), users(allColumns, usr(2, "A", "a@x.no", admin),
		usr(3, long, "b@x.no"), usr(4, "C", strings.Repeat("c", MaxFieldLength-4)+"@x.no"),
		usr(5, strings.Repeat("é", MaxFieldLength), wide)))
	var kinds []string
	for _, f := range a.Check(assessment.CheckValidEmails).Findings {
		kinds = append(kinds, fmt.Sprintf("%d %s %v", f.Row, f.Kind, f.Args))
	}
	if want := []string{"3 user-id-too-long [{length 240} {max 239}]", "4 email-too-long [{length 240} {max 239}]", "5 email-malformed []"}; !slices.Equal(kinds, want) {
		t.Errorf("findings %q, want %q", kinds, want)
	}
}
