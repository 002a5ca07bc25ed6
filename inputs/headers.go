package inputs

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// headerAliases is the one place that knows what admins call each column.
// The SuperOffice admin client writes headers in the admin's language, and
// admins rename or pick columns freely, so the table covers English,
// Norwegian (Bokmål), Swedish, Danish, German and Dutch.
//
// exact names match only a whole header cell. loose names also match as a
// run of words inside a longer header ("E-mail address (work)"); short
// generic words stay exact-only because they occur inside unrelated headers
// ("Company name", "Last login", "User type", "Active since").
var headerAliases = []struct {
	field Field
	exact []string
	loose []string
}{
	{FieldUserID,
		[]string{"User", "Login", "Bruker", "Användare", "Bruger", "Benutzer", "Gebruiker",
			"Associate", "Assosiert", "Medarbeider", "Medarbetare", "Medarbejder", "Mitarbeiter", "Medewerker",
			"ID"},
		[]string{"User ID", "User name", "Username", "Login name", "Log-in name", "Login ID", "Sign-in name", "User login",
			"Associate ID",
			"Bruker-ID", "Brukernavn", "Brukerkode", "Påloggingsnavn", "Innloggingsnavn", "Pålogging-ID",
			"Användar-ID", "Användarnamn", "Inloggningsnamn", "Inloggnings-ID",
			"Bruger-ID", "Brugernavn", "Login-navn", "Logonnavn",
			"Benutzer-ID", "Benutzername", "Anmeldename", "Login-Name", "Anmelde-ID",
			"Gebruikers-ID", "Gebruikersnaam", "Inlognaam", "Aanmeldnaam"}},
	{FieldFirstName, nil,
		[]string{"First name", "Firstname", "Given name", "Forename",
			"Fornavn", "Förnamn", "Tilltalsnamn", "Vorname", "Voornaam", "Roepnaam"}},
	{FieldLastName, nil,
		[]string{"Last name", "Lastname", "Surname", "Family name",
			"Etternavn", "Efternamn", "Efternavn", "Nachname", "Familienname", "Achternaam"}},
	{FieldFullName,
		[]string{"Name", "Navn", "Namn", "Naam"},
		[]string{"Full name", "Fullname", "Display name", "Associate name",
			"Fullt navn", "Fullstendig navn", "Visningsnavn",
			"Fullständigt namn", "Fullt namn", "Visningsnamn",
			"Fulde navn", "Fuldt navn", "Fuldstændigt navn", "Vist navn",
			"Vollständiger Name", "Voller Name", "Anzeigename",
			"Volledige naam", "Weergavenaam"}},
	{FieldEmail,
		[]string{"Mail", "Mailadress", "Mailadres"},
		[]string{"E-mail", "Email", "E-mail address", "Email address", "Mail address", "E-mail adresse",
			"E-post", "Epost", "E-postadresse", "E-postadress", "E-post adresse",
			"E-mailadresse", "E-mailadress",
			"E-Mail-Adresse", "Mailadresse",
			"E-mailadres", "Emailadres"}},
	{FieldGroup,
		[]string{"Group", "Gruppe", "Grupp", "Groep"},
		[]string{"Primary group", "User group", "Main group",
			"Primærgruppe", "Primær gruppe", "Brukergruppe", "Hovedgruppe",
			"Primär grupp", "Primärgrupp", "Användargrupp", "Huvudgrupp",
			"Brugergruppe",
			"Primäre Gruppe", "Primärgruppe", "Hauptgruppe", "Benutzergruppe",
			"Hoofdgroep", "Primaire groep", "Gebruikersgroep"}},
	{FieldRole,
		[]string{"Role", "Rolle", "Roll", "Rol"},
		[]string{"User role", "Brukerrolle", "Användarroll", "Brugerrolle", "Benutzerrolle", "Gebruikersrol"}},
	{FieldPlan,
		[]string{"Plan", "Licence", "License", "Licences", "Licenses",
			"Lisens", "Lisenser", "Licens", "Licenser", "Lizenz", "Lizenzen", "Licentie", "Licenties"},
		[]string{"User plan", "User plans", "User licence", "User license", "Licence type", "License type",
			"Brukerplan", "Brukerlisens", "Lisenstype",
			"Användarplan", "Användarlicens", "Licenstyp",
			"Brugerplan", "Brugerlicens", "Licenstype",
			"Benutzerplan", "Benutzerlizenz", "Lizenztyp",
			"Gebruikersplan", "Gebruikerslicentie", "Licentietype"}},
	{FieldCanLogIn,
		[]string{"Active", "Enabled", "Aktiv", "Aktivert", "Aktiverad", "Aktiveret", "Aktiviert", "Actief"},
		[]string{"Can log in", "Can login", "Can sign in", "Login allowed", "Login enabled", "Log in allowed",
			"Kan logge inn", "Kan logge på", "Pålogging tillatt",
			"Kan logga in", "Inloggning tillåten",
			"Kan logge ind", "Login tilladt",
			"Kann sich anmelden", "Anmeldung erlaubt", "Darf sich anmelden",
			"Kan inloggen", "Mag inloggen", "Inloggen toegestaan"}},
	{FieldTravel, nil,
		[]string{"Travel", "On travel", "Travel user", "Remote Travel", "Travel status",
			"Reise", "På reise", "Ute på reise", "Ute på Travel", "Reisebruker",
			"Resa", "På resa", "Ute på resa", "Reseanvändare",
			"Rejse", "På rejse", "Ude på rejse", "Rejsebruger",
			"Auf Reisen", "Unterwegs", "Reisebenutzer",
			"Reizen", "Op reis", "Onderweg", "Reisgebruiker"}},
}

// exactHeaders and looseHeaders map a folded header to its field, and
// looseWords is the most words a loose alias has. Built once from
// headerAliases so the table stays readable (written as admins spell it).
var exactHeaders, looseHeaders, looseWords = func() (map[string]Field, map[string]Field, int) {
	exact, loose, words := map[string]Field{}, map[string]Field{}, 0
	for _, a := range headerAliases {
		for _, s := range a.exact {
			exact[foldKey(s)] = a.field
		}
		for _, s := range a.loose {
			exact[foldKey(s)] = a.field
			loose[foldKey(s)] = a.field
			words = max(words, len(foldWords(s)))
		}
	}
	return exact, loose, words
}()

// maxHeaderLen bounds the header cells worth matching: a longer cell is a
// title or data, and matching it would cost time on hostile input.
const maxHeaderLen = 200

// acceptedNames lists the header names accepted for f, for hints.
func acceptedNames(f Field) []string {
	for _, a := range headerAliases {
		if a.field == f {
			return append(append([]string(nil), a.loose...), a.exact...)
		}
	}
	return nil
}

// foldRune reduces a rune to what header and yes/no matching compare:
// lower case, no accents. Nordic letters that do not decompose get their
// usual transliteration, so "Primærgruppe" and "Primaergruppe" agree.
func foldRune(b *strings.Builder, r rune) {
	switch r {
	case 'ø', 'Ø':
		b.WriteByte('o')
	case 'æ', 'Æ':
		b.WriteString("ae")
	case 'ß', 'ẞ':
		b.WriteString("ss")
	case 'œ', 'Œ':
		b.WriteString("oe")
	case 'đ', 'Đ':
		b.WriteByte('d')
	default:
		b.WriteRune(unicode.ToLower(r))
	}
}

// foldWords returns the folded words of s: letters and digits only, split at
// anything else (spaces, "-", "_", ".", "/", brackets…).
func foldWords(s string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining accent left by NFD: drop it
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			foldRune(&b, r)
		default:
			flush()
		}
	}
	flush()
	return words
}

// foldKey is the whole-header comparison key: "E-Mail-Adresse" and
// "e mail adresse" both become "emailadresse".
func foldKey(s string) string {
	return strings.Join(foldWords(s), "")
}

// matchHeader assigns fields to the columns of a candidate header row.
// cols[i] is the column index of Fields[i], or -1. An exact alias match beats
// a loose one, and the first matching column wins for a field.
func matchHeader(cells []string) (cols []int, known int) {
	cols = make([]int, len(Fields))
	for i := range cols {
		cols[i] = -1
	}
	fieldPos := func(f Field) int {
		for i, g := range Fields {
			if g == f {
				return i
			}
		}
		return -1
	}
	taken := make([]bool, len(cells))
	words := make([][]string, len(cells))
	for c, text := range cells {
		if strings.TrimSpace(text) == "" || len(text) > maxHeaderLen {
			taken[c] = true
			continue
		}
		words[c] = foldWords(text)
		f, ok := exactHeaders[strings.Join(words[c], "")]
		if !ok {
			continue
		}
		if p := fieldPos(f); cols[p] < 0 {
			cols[p], taken[c] = c, true
			known++
		}
	}
	for c := range cells {
		if taken[c] {
			continue
		}
		w := words[c]
	runs:
		for i := range w {
			run := ""
			for j := i; j < len(w) && j < i+looseWords; j++ {
				run += w[j]
				f, ok := looseHeaders[run]
				if !ok {
					continue
				}
				if p := fieldPos(f); cols[p] < 0 {
					cols[p], taken[c] = c, true
					known++
					break runs
				}
			}
		}
	}
	return cols, known
}

// yesNoWords are the cell values the admin client, Excel and admins use for
// "can log in" and "travel", folded. Excel writes TRUE/FALSE in the
// workbook's language (SANN/USANN, SANT/FALSKT, SAND/FALSK, WAHR/FALSCH,
// WAAR/ONWAAR), and checkbox columns come out as "x" or a tick mark.
var yesNoWords = func() map[string]Tri {
	m := map[string]Tri{}
	for _, s := range []string{
		"yes", "y", "true", "t", "1", "x", "on", "active", "enabled", "allowed",
		"ja", "j", "sann", "sant", "sand", "wahr", "waar",
		"aktiv", "aktivert", "aktiverad", "aktiveret", "aktiviert", "actief", "geactiveerd", "ingeschakeld",
		"tillatt", "tillåten", "tilladt", "erlaubt", "toegestaan",
	} {
		m[foldKey(s)] = Yes
	}
	// foldKey drops symbols, so tick marks are stored as written.
	for _, s := range []string{"✓", "✔", "☑", "☒", "✅"} {
		m[s] = Yes
	}
	for _, s := range []string{
		"no", "n", "false", "f", "0", "off", "inactive", "disabled", "locked", "blocked",
		"nei", "nej", "nein", "nee", "usann", "falskt", "falsk", "falsch", "onwaar",
		"inaktiv", "inaktivert", "inaktiverad", "inaktiveret", "inactief",
		"deaktivert", "deaktiverad", "deaktiveret", "deaktiviert", "gedeactiveerd", "uitgeschakeld",
		"sperret", "spärrad", "spærret", "gesperrt", "geblokkeerd",
		"ikke tillatt", "ej tillåten", "ikke tilladt", "nicht erlaubt", "niet toegestaan",
	} {
		m[foldKey(s)] = No
	}
	for _, s := range []string{"✗", "✘", "☐", "❌", "-", "–"} {
		m[s] = No
	}
	return m
}()

// YesNo interprets a "can log in" or "travel" cell written in English,
// Norwegian, Swedish, Danish, German or Dutch. An empty cell or any other
// word is Unknown: the caller decides what an absent answer means.
func YesNo(s string) Tri {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return Unknown
	}
	// Fast path for the common short ASCII words: fold into a stack buffer
	// instead of allocating, since this runs twice per user.
	var buf [40]byte
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	if ascii {
		if t, ok := yesNoWords[string(buf[:len(s)])]; ok {
			return t
		}
	} else if t, ok := yesNoWords[s]; ok {
		return t
	}
	return yesNoWords[foldKey(s)]
}
