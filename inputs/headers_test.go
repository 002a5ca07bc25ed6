package inputs

import (
	"strings"
	"testing"
)

func TestAliasesUnambiguous(t *testing.T) {
	seen := map[string]Field{}
	for _, a := range headerAliases {
		for _, s := range append(append([]string(nil), a.exact...), a.loose...) {
			k := foldKey(s)
			if k == "" {
				t.Errorf("%s alias %q folds to nothing", a.field, s)
			}
			if f, ok := seen[k]; ok && f != a.field {
				t.Errorf("alias %q (%s) is also an alias of %s", s, a.field, f)
			}
			seen[k] = a.field
		}
	}
	for _, f := range Fields {
		if len(acceptedNames(f)) == 0 {
			t.Errorf("no aliases for %s", f)
		}
	}
}

func TestFoldKey(t *testing.T) {
	for in, want := range map[string]string{
		"E-Mail-Adresse":     "emailadresse",
		" e_mail.adresse ":   "emailadresse",
		"Primærgruppe":       "primaergruppe",
		"PRIMÄRE GRUPPE":     "primaregruppe",
		"Användar-ID":        "anvandarid",
		"Bruker/ID":          "brukerid",
		"Vollständiger Name": "vollstandigername",
		"Straße":             "strasse",
		"Kan logge på?":      "kanloggepa",
		"Ute på Travel":      "utepatravel",
	} {
		if got := foldKey(in); got != want {
			t.Errorf("foldKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatchHeader(t *testing.T) {
	tests := []struct {
		name   string
		header string // ';'-separated
		want   map[Field]string
	}{
		{"English", "User ID;First name;Last name;Primary group;Role;User plan;Owning company;E-mail address;Can log in;Travel",
			map[Field]string{FieldUserID: "User ID", FieldFirstName: "First name", FieldLastName: "Last name",
				FieldGroup: "Primary group", FieldRole: "Role", FieldPlan: "User plan", FieldEmail: "E-mail address",
				FieldCanLogIn: "Can log in", FieldTravel: "Travel", FieldCompany: "Owning company"}},
		{"Norwegian", "Bruker-ID;Fornavn;Etternavn;Primærgruppe;Rolle;Brukerplan;Eierfirma;E-postadresse;Kan logge inn;Ute på Travel",
			map[Field]string{FieldUserID: "Bruker-ID", FieldFirstName: "Fornavn", FieldLastName: "Etternavn",
				FieldGroup: "Primærgruppe", FieldRole: "Rolle", FieldPlan: "Brukerplan", FieldEmail: "E-postadresse",
				FieldCanLogIn: "Kan logge inn", FieldTravel: "Ute på Travel", FieldCompany: "Eierfirma"}},
		{"Swedish", "Användar-ID;Förnamn;Efternamn;Primär grupp;Roll;Användarplan;E-postadress;Kan logga in;Resa",
			map[Field]string{FieldUserID: "Användar-ID", FieldFirstName: "Förnamn", FieldLastName: "Efternamn",
				FieldGroup: "Primär grupp", FieldRole: "Roll", FieldPlan: "Användarplan", FieldEmail: "E-postadress",
				FieldCanLogIn: "Kan logga in", FieldTravel: "Resa"}},
		{"Danish", "Brugernavn;Fornavn;Efternavn;Primærgruppe;Rolle;Brugerplan;E-mailadresse;Kan logge ind;Rejse",
			map[Field]string{FieldUserID: "Brugernavn", FieldFirstName: "Fornavn", FieldLastName: "Efternavn",
				FieldGroup: "Primærgruppe", FieldRole: "Rolle", FieldPlan: "Brugerplan", FieldEmail: "E-mailadresse",
				FieldCanLogIn: "Kan logge ind", FieldTravel: "Rejse"}},
		{"German", "Benutzer-ID;Vorname;Nachname;Primäre Gruppe;Rolle;Benutzerplan;E-Mail-Adresse;Kann sich anmelden;Reise",
			map[Field]string{FieldUserID: "Benutzer-ID", FieldFirstName: "Vorname", FieldLastName: "Nachname",
				FieldGroup: "Primäre Gruppe", FieldRole: "Rolle", FieldPlan: "Benutzerplan", FieldEmail: "E-Mail-Adresse",
				FieldCanLogIn: "Kann sich anmelden", FieldTravel: "Reise"}},
		{"Dutch", "Gebruikers-ID;Voornaam;Achternaam;Primaire groep;Rol;Gebruikersplan;E-mailadres;Kan inloggen;Reizen",
			map[Field]string{FieldUserID: "Gebruikers-ID", FieldFirstName: "Voornaam", FieldLastName: "Achternaam",
				FieldGroup: "Primaire groep", FieldRole: "Rol", FieldPlan: "Gebruikersplan", FieldEmail: "E-mailadres",
				FieldCanLogIn: "Kan inloggen", FieldTravel: "Reizen"}},
		// The Users screen's own column names (terms.md), in each language.
		{"official en", "User ID;First name;Last name;Primary group;Role;User plan;Owning company;E-mail;Can log in;Active satellite;User type;Former employee",
			official("User ID", "First name", "Last name", "Primary group", "Role", "User plan", "Owning company", "E-mail", "Can log in", "Active satellite", "User type", "Former employee")},
		{"official nb", "Bruker-ID;Fornavn;Etternavn;Primærgruppe;Rolle;Brukerplan;Eierfirma;E-post;Kan logge inn;Aktiv satellitt;Brukertype;Tidligere ansatt",
			official("Bruker-ID", "Fornavn", "Etternavn", "Primærgruppe", "Rolle", "Brukerplan", "Eierfirma", "E-post", "Kan logge inn", "Aktiv satellitt", "Brukertype", "Tidligere ansatt")},
		{"official sv", "Användar-ID;Förnamn;Efternamn;Primärgrupp;Roll;Användarplan;Ägarföretag;E-post;Kan logga in;Aktiv satellit;Typ;Tidigare anställd",
			official("Användar-ID", "Förnamn", "Efternamn", "Primärgrupp", "Roll", "Användarplan", "Ägarföretag", "E-post", "Kan logga in", "Aktiv satellit", "Typ", "Tidigare anställd")},
		{"official da", "Bruger-id;Fornavn;Efternavn;Primærgruppe;Rolle;Brugerplan;Ejerfirma;E-mail;Kan logge på;Aktiv satellit;Brugertype;Tidligere ansat",
			official("Bruger-id", "Fornavn", "Efternavn", "Primærgruppe", "Rolle", "Brugerplan", "Ejerfirma", "E-mail", "Kan logge på", "Aktiv satellit", "Brugertype", "Tidligere ansat")},
		{"official de", "Benutzer-ID;Vorname;Nachname;Primärgruppe;Rolle;Benutzerplan;Zugehörigkeit: Firma;E-Mail;Anmelden möglich;Aktiver Satellit;Benutzertyp;Ehemaliger Mitarbeiter",
			official("Benutzer-ID", "Vorname", "Nachname", "Primärgruppe", "Rolle", "Benutzerplan", "Zugehörigkeit: Firma", "E-Mail", "Anmelden möglich", "Aktiver Satellit", "Benutzertyp", "Ehemaliger Mitarbeiter")},
		{"official nl", "Gebruikers-ID;Voornaam;Achternaam;Primaire groep;Rol;Gebruikersplan;Bedrijf eigenaar;E-mail;Kan aanmelden;Actieve satelliet;Gebruikerstype;Voormalig medewerker",
			official("Gebruikers-ID", "Voornaam", "Achternaam", "Primaire groep", "Rol", "Gebruikersplan", "Bedrijf eigenaar", "E-mail", "Kan aanmelden", "Actieve satelliet", "Gebruikerstype", "Voormalig medewerker")},
		{"plain Type column", "Type;E-mail;Typ",
			map[Field]string{FieldType: "Type", FieldEmail: "E-mail"}},
		{"not a status: former e-mail, satellite licence", "Former e-mail;Satellite licence;Former employee date;E-post",
			map[Field]string{FieldEmail: "E-post"}},
		{"case and accents", "BRUKER ID;fornavn;ETTERNAVN;primaergruppe;e_post;LISENS;Forname",
			map[Field]string{FieldUserID: "BRUKER ID", FieldFirstName: "fornavn", FieldLastName: "ETTERNAVN",
				FieldGroup: "primaergruppe", FieldEmail: "e_post", FieldPlan: "LISENS"}},
		{"Swedish without accents", "ANVANDARNAMN;Fornamn;Efternamn;E-POSTADRESS",
			map[Field]string{FieldUserID: "ANVANDARNAMN", FieldFirstName: "Fornamn", FieldLastName: "Efternamn",
				FieldEmail: "E-POSTADRESS"}},
		{"Name is full name even with first and last", "First name;Last name;Name;Email",
			map[Field]string{FieldFirstName: "First name", FieldLastName: "Last name", FieldFullName: "Name",
				FieldEmail: "Email"}},
		{"exact beats loose", "Private e-mail;Navn;E-post",
			map[Field]string{FieldFullName: "Navn", FieldEmail: "E-post"}},
		{"first match wins", "Email;E-post;Login;Navn",
			map[Field]string{FieldEmail: "Email", FieldUserID: "Login", FieldFullName: "Navn"}},
		{"loose phrases", "E-mail address (work);Display name;User plan(s);Company name;Last login",
			map[Field]string{FieldEmail: "E-mail address (work)", FieldFullName: "Display name", FieldPlan: "User plan(s)"}},
		{"status words", "Associate;Active;Remote Travel;Mail",
			map[Field]string{FieldUserID: "Associate", FieldCanLogIn: "Active", FieldTravel: "Remote Travel", FieldEmail: "Mail"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cells := strings.Split(tt.header, ";")
			cols, _, _, known := matchHeader(cells)
			got := map[Field]string{}
			for i, f := range Fields {
				if cols[i] >= 0 {
					got[f] = cells[cols[i]]
				}
			}
			if known != len(got) {
				t.Errorf("known = %d, want %d", known, len(got))
			}
			for f, h := range tt.want {
				if got[f] != h {
					t.Errorf("%s = %q, want %q", f, got[f], h)
				}
			}
			for f, h := range got {
				if _, ok := tt.want[f]; !ok {
					t.Errorf("unexpected %s = %q", f, h)
				}
			}
		})
	}
}

// official maps the Users screen's columns, in the order of the official
// test cases, to their fields.
func official(names ...string) map[Field]string {
	fields := []Field{FieldUserID, FieldFirstName, FieldLastName, FieldGroup, FieldRole, FieldPlan, FieldCompany,
		FieldEmail, FieldCanLogIn, FieldSatellite, FieldType, FieldFormer}
	m := map[Field]string{}
	for i, n := range names {
		m[fields[i]] = n
	}
	return m
}

func TestYesNo(t *testing.T) {
	tests := []struct {
		lang string
		yes  []string
		no   []string
	}{
		{"en", []string{"Yes", "YES", "y", "True", "TRUE", "1", "x", "X", "Active", "enabled", "✓", "✔", "☑"},
			[]string{"No", "n", "false", "FALSE", "0", "Inactive", "disabled", "locked", "✗", "☐", "-"}},
		{"nb", []string{"Ja", "SANN", "Aktiv", "aktivert"}, []string{"Nei", "USANN", "Inaktiv", "Sperret", "deaktivert"}},
		{"sv", []string{"Ja", "SANT", "Aktiv"}, []string{"Nej", "FALSKT", "Inaktiv", "Spärrad"}},
		{"da", []string{"Ja", "SAND", "Aktiv"}, []string{"Nej", "FALSK", "Spærret"}},
		{"de", []string{"Ja", "WAHR", "Aktiv", "aktiviert"}, []string{"Nein", "FALSCH", "Inaktiv", "gesperrt", "nicht erlaubt"}},
		{"nl", []string{"Ja", "WAAR", "Actief"}, []string{"Nee", "ONWAAR", "Inactief", "uitgeschakeld"}},
		{"unknown", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			for _, s := range tt.yes {
				if got := YesNo(" " + s + " "); got != Yes {
					t.Errorf("YesNo(%q) = %v, want Yes", s, got)
				}
			}
			for _, s := range tt.no {
				if got := YesNo(s); got != No {
					t.Errorf("YesNo(%q) = %v, want No", s, got)
				}
			}
		})
	}
	for _, s := range []string{"", "  ", "maybe", "2", "?", "yes please", "<script>", strings.Repeat("ja", 30)} {
		if got := YesNo(s); got != Unanswered {
			t.Errorf("YesNo(%q) = %v, want Unanswered", s, got)
		}
	}
}

func FuzzYesNo(f *testing.F) {
	for _, s := range []string{"Ja", "nei", "WAHR", "✓", "", "x", "Spærret", "ikke tillatt", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := YesNo(s)
		if got != Unanswered && got != Yes && got != No {
			t.Fatalf("YesNo(%q) = %d", s, got)
		}
		if again := YesNo(" " + s + "\t"); again != got {
			t.Errorf("YesNo(%q) = %v but with spaces around %v", s, got, again)
		}
		ascii := true
		for i := 0; i < len(s); i++ {
			ascii = ascii && s[i] < 0x80
		}
		if ascii {
			if u := YesNo(strings.ToUpper(s)); u != got {
				t.Errorf("YesNo(%q) = %v but upper case gives %v", s, got, u)
			}
		}
	})
}
