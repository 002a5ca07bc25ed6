package inputs

import (
	"strings"
	"testing"
)

func TestResolveKinds(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  []UserKind
	}{
		{"English words", []string{"Employee", "Resource", "External person", "Anonymous", "System user", ""},
			[]UserKind{KindEmployee, KindResource, KindExternal, KindAnonymous, KindSystem, KindEmployee}},
		{"NetServer names", []string{"InternalAssociate", "ResourceAssociate", "ExternalAssociate", "AnonymousAssociate", "SystemAssociate"},
			[]UserKind{KindEmployee, KindResource, KindExternal, KindAnonymous, KindSystem}},
		{"nb", []string{"Medarbeider", "Ressurs", "Ekstern person", "Anonym", "Systembruker"},
			[]UserKind{KindEmployee, KindResource, KindExternal, KindAnonymous, KindSystem}},
		{"sv", []string{"Medarbetare", "Resurs", "Extern person", "Anonym", "Systemanvändare"},
			[]UserKind{KindEmployee, KindResource, KindExternal, KindAnonymous, KindSystem}},
		{"da", []string{"Medarbejder", "Ressource", "Ekstern person", "Anonym", "Systembruger"},
			[]UserKind{KindEmployee, KindResource, KindExternal, KindAnonymous, KindSystem}},
		{"de", []string{"Mitarbeiter", "Ressource", "Externe Person", "Anonym", "Systembenutzer"},
			[]UserKind{KindEmployee, KindResource, KindExternal, KindAnonymous, KindSystem}},
		{"nl", []string{"Medewerker", "Resource", "Externe persoon", "Anoniem", "Systeemgebruiker"},
			[]UserKind{KindEmployee, KindResource, KindExternal, KindAnonymous, KindSystem}},
		{"database numbers", []string{"0", "1", "4", "7", "13", "0"},
			[]UserKind{KindEmployee, KindResource, KindExternal, KindAnonymous, KindSystem, KindEmployee}},
		{"NetServer numbers", []string{"1", "2", "3", "4", "5"},
			[]UserKind{KindEmployee, KindResource, KindExternal, KindAnonymous, KindSystem}},
		// 1 is a resource in the database and an employee in NetServer:
		// without a number that tells the numbering, nobody is left out.
		{"numbers that cannot be told", []string{"1", "1", "4"},
			[]UserKind{KindUnrecognised, KindUnrecognised, KindUnrecognised}},
		{"both numberings", []string{"0", "5", "13"},
			[]UserKind{KindUnrecognised, KindUnrecognised, KindUnrecognised}},
		{"unknown words", []string{"Partner", "<script>", "Employee", "99"},
			[]UserKind{KindUnrecognised, KindUnrecognised, KindEmployee, KindUnrecognised}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			users := make([]User, len(tt.cells))
			for i, c := range tt.cells {
				users[i].RawType = " " + c + " "
			}
			resolveKinds(users)
			for i, u := range users {
				if u.Kind != tt.want[i] {
					t.Errorf("%q: kind %v, want %v", tt.cells[i], u.Kind, tt.want[i])
				}
			}
		})
	}
}

func TestUserKindSigns(t *testing.T) {
	for k, want := range map[UserKind]bool{KindEmployee: true, KindExternal: true, KindUnrecognised: true,
		KindResource: false, KindAnonymous: false, KindSystem: false} {
		if k.Signs() != want {
			t.Errorf("%v.Signs() = %v, want %v", k, k.Signs(), want)
		}
	}
}

// An export with a Type, a Former employee and an Active satellite column
// reads them per row, and without a Type column every user is an employee.
func TestReadKindColumns(t *testing.T) {
	csv := "Benutzer-ID;E-Mail;Benutzertyp;Ehemaliger Mitarbeiter;Aktiver Satellit;Zugehörigkeit: Firma\n" +
		"a;a@x.de;Mitarbeiter;Nein;Nein;Müller\n" +
		"raum;;Ressource;;;Müller\n" +
		"b;b@x.de;Mitarbeiter;Ja;vielleicht;Müller Süd\n"
	l, err := ParseUsers("u.csv", []byte(csv), "")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, u := range l.Users {
		got = append(got, u.Kind.String()+"/"+triName(u.Former)+"/"+triName(u.Satellite)+"/"+u.Company)
	}
	want := "employee/no/no/Müller resource/unknown/unknown/Müller employee/yes/unknown/Müller Süd"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, " "), want)
	}
	l, err = ParseUsers("u.csv", []byte("User ID;E-mail\na;a@x.no\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if u := l.Users[0]; u.Kind != KindEmployee || u.Former != Unanswered || l.Has(FieldType) {
		t.Errorf("without the columns: %+v", u)
	}
}

func triName(t Tri) string {
	return map[Tri]string{Yes: "yes", No: "no", Unanswered: "unknown"}[t]
}
