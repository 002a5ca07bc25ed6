package inputs

import (
	"strconv"
	"strings"
	"sync"
)

// UserKind is the kind of associate a row of the export is (SuperOffice's
// associate.type): only employees and external persons are people; the
// others never sign in and need neither a user plan nor an address.
type UserKind uint8

const (
	KindEmployee     UserKind = iota // an employee (associate), and every row without a Type column
	KindExternal                     // an external person: a person, checked like an employee
	KindResource                     // a resource (a meeting room, a projector): not a person
	KindAnonymous                    // an anonymous user (obsolete from version 9)
	KindSystem                       // a system user, for integrations
	KindUnrecognised                 // a Type value that is none of the above: checked like an employee
)

// String names the kind, for messages and tests.
func (k UserKind) String() string {
	switch k {
	case KindEmployee:
		return "employee"
	case KindExternal:
		return "external"
	case KindResource:
		return "resource"
	case KindAnonymous:
		return "anonymous"
	case KindSystem:
		return "system"
	}
	return "unrecognised"
}

// Signs reports whether users of kind k are people who may sign in: they
// are checked for a user plan and an address. An unrecognised value counts
// as a person, so that a word nobody foresaw never takes a user out of the
// checks silently.
func (k UserKind) Signs() bool {
	return k == KindEmployee || k == KindExternal || k == KindUnrecognised
}

// kindWords are the Type values SuperOffice and admins write, folded: the
// words of Settings and maintenance ("Other users" tab: Systembruker,
// Anonym…), NetServer's UserType names (InternalAssociate…) and the usual
// English and local words for them.
var kindWords = sync.OnceValue(func() map[string]UserKind {
	m := map[string]UserKind{}
	for k, words := range map[UserKind][]string{
		KindEmployee: {"employee", "associate", "internal", "internal user", "internal associate", "internalassociate", "user",
			"medarbeider", "ansatt", "intern", "intern bruker", "bruker",
			"medarbetare", "anställd", "intern användare", "användare",
			"medarbejder", "ansat", "intern bruger", "bruger",
			"mitarbeiter", "angestellter", "interner benutzer", "benutzer",
			"medewerker", "werknemer", "interne gebruiker", "gebruiker"},
		KindExternal: {"external", "external person", "external user", "external associate", "externalassociate", "externalperson",
			"ekstern", "ekstern person", "ekstern bruker",
			"extern", "extern person", "extern användare",
			"ekstern bruger",
			"externe person", "externer benutzer",
			"externe persoon", "externe gebruiker"},
		KindResource: {"resource", "resourceassociate", "resource associate",
			"ressurs", "resurs", "ressource", "hulpbron", "middel"},
		KindAnonymous: {"anonymous", "anonymous user", "anonymousassociate", "anonymous associate",
			"anonym", "anonym bruker", "anonym användare", "anonym bruger", "anonymer benutzer", "anonym benutzer",
			"anoniem", "anonieme gebruiker"},
		KindSystem: {"system", "system user", "systemassociate", "system associate",
			"systembruker", "systemanvändare", "systembruger", "systembenutzer", "systeemgebruiker", "systeem"},
	} {
		for _, w := range words {
			m[foldKey(w)] = k
		}
	}
	return m
})

// kindWord is the kind a Type cell names in words; ok is false for an
// empty cell, a number or an unknown word.
func kindWord(s string) (UserKind, bool) {
	k, ok := kindWords()[foldKey(s)]
	return k, ok
}

// SuperOffice numbers associates two ways, and an export made with an SQL
// query or an API holds one of them:
//   - the database's associate.type: 0 employee, 1 resource, 4 external
//     person, 7 anonymous, 13 system user (bits: 1 no person, 2 not
//     authenticated, 4 no diary, 8 no Sentry);
//   - NetServer's UserType: 1 internal, 2 resource, 3 external, 4
//     anonymous, 5 system.
//
// 1 and 4 mean different kinds in the two, so the numbers are read only
// when the column shows which numbering it uses (a 0, 7 or 13, or else a
// 2, 3 or 5); otherwise they are unrecognised and the users stay checked.
var (
	dbKinds        = map[int]UserKind{0: KindEmployee, 1: KindResource, 4: KindExternal, 7: KindAnonymous, 13: KindSystem}
	netServerKinds = map[int]UserKind{1: KindEmployee, 2: KindResource, 3: KindExternal, 4: KindAnonymous, 5: KindSystem}
)

// resolveKinds sets each user's Kind from the Type cell, deciding the
// numbering of numeric cells from the whole column (see dbKinds).
func resolveKinds(users []User) {
	db, ns := false, false
	for i := range users {
		if n, err := strconv.Atoi(strings.TrimSpace(users[i].RawType)); err == nil {
			switch n {
			case 0, 7, 13:
				db = true
			case 2, 3, 5:
				ns = true
			}
		}
	}
	var codes map[int]UserKind
	switch {
	case db && !ns:
		codes = dbKinds
	case ns && !db:
		codes = netServerKinds
	}
	for i := range users {
		u := &users[i]
		raw := strings.TrimSpace(u.RawType)
		switch k, ok := kindWord(raw); {
		case raw == "":
			u.Kind = KindEmployee // an empty cell says nothing: checked as a person
		case ok:
			u.Kind = k
		default:
			u.Kind = KindUnrecognised
			if n, err := strconv.Atoi(raw); err == nil {
				if k, ok := codes[n]; ok {
					u.Kind = k
				}
			}
		}
	}
}
