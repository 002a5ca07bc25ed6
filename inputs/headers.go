package inputs

import (
	"strings"
	"sync"
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
			"Anmelden möglich", "Kann sich anmelden", "Anmeldung erlaubt", "Darf sich anmelden", "Anmeldung möglich",
			"Kan aanmelden", "Kan inloggen", "Mag inloggen", "Inloggen toegestaan", "Aanmelden toegestaan"}},
	{FieldTravel, nil,
		[]string{"Travel", "On travel", "Travel user", "Remote Travel", "Travel status",
			"Reise", "På reise", "Ute på reise", "Ute på Travel", "Reisebruker",
			"Resa", "På resa", "Ute på resa", "Reseanvändare",
			"Rejse", "På rejse", "Ude på rejse", "Rejsebruger",
			"Auf Reisen", "Unterwegs", "Reisebenutzer",
			"Reizen", "Op reis", "Onderweg", "Reisgebruiker"}},
	// The company the user belongs to ("Owning company" on the Users screen).
	{FieldCompany,
		[]string{"Company", "Firma", "Företag", "Bedrijf", "Unternehmen"},
		[]string{"Owning company", "Our company", "Owner company",
			"Eierfirma", "Eget firma",
			"Ägarföretag", "Ägande företag",
			"Ejerfirma",
			"Zugehörigkeit: Firma", "Zugehörige Firma", "Eigene Firma",
			"Bedrijf eigenaar", "Eigenaar bedrijf", "Eigen bedrijf"}},
	// The kind of associate: employee, resource, external person,
	// anonymous, system (associate.type in the database).
	{FieldType,
		[]string{"Type", "Typ", "Kind", "Art", "Soort"},
		[]string{"User type", "Associate type", "Type of user", "associate.type", "Usertype",
			"Brukertype", "Medarbeidertype",
			"Användartyp", "Medarbetartyp",
			"Brugertype", "Medarbejdertype",
			"Benutzertyp", "Benutzerart", "Mitarbeitertyp",
			"Gebruikerstype", "Medewerkerstype", "Soort gebruiker"}},
	// "Former employee" on the user card: no plan, no sign-in.
	{FieldFormer,
		[]string{"Former", "Sluttet", "Slutat", "Fratrådt", "Ehemalig", "Ausgeschieden", "Uit dienst"},
		[]string{"Former employee", "Ex-employee", "Former associate",
			"Tidligere ansatt", "Tidligere medarbeider",
			"Tidigare anställd", "Tidigare medarbetare",
			"Tidligere ansat", "Tidligere medarbejder",
			"Ehemaliger Mitarbeiter", "Ehemalige Mitarbeiter",
			"Voormalig medewerker", "Oud-medewerker"}},
	// "Active satellite" (Users screen, Our companies tab).
	{FieldSatellite,
		[]string{"Satellite", "Satellitt", "Satellit", "Satelliet"},
		[]string{"Active satellite", "Satellite active",
			"Aktiv satellitt",
			"Aktiv satellit",
			"Aktiver Satellit", "Satellit aktiv",
			"Actieve satelliet"}},
}

// headerTables maps a folded header to its field, exactly or loosely, and
// gives the most words a loose alias has. Built from headerAliases so the
// table stays readable (written as admins spell it), once, on first use (as
// are the other tables and regular expressions of this package): a process
// that reads no export, such as migready version, does not pay for them.
var headerTables = sync.OnceValues(func() (*headerTable, int) {
	t := &headerTable{exact: map[string]Field{}, loose: map[string]Field{}}
	exact, loose, words := t.exact, t.loose, 0
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
	return t, words
})

type headerTable struct{ exact, loose map[string]Field }

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
			foldLetter(&b, r)
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

// FoldKey is foldKey for the readers of other workbooks (a returned
// remediation workbook's headers and status words): case, accents and
// punctuation aside, "Won't fix" is "wont fix".
func FoldKey(s string) string { return foldKey(s) }

// fieldIndex is f's position in Fields.
func fieldIndex(f Field) int {
	for i, g := range Fields {
		if g == f {
			return i
		}
	}
	return -1
}

// maxCandidates bounds how many columns are weighed for one field: a header
// that repeats "E-mail" a thousand times is not worth comparing pairwise.
const maxCandidates = 8

// matchHeader assigns fields to the columns of a candidate header row.
// cols[i] is the column index of Fields[i], or -1. An exact alias match
// beats a loose one, and a column matches at most one field. The other
// columns that match a field are kept for resolveColumns, which looks at
// the data: alts[i] lists those that match Fields[i] as well as cols[i]
// does, weak[i] those that match it only loosely while cols[i] matches
// exactly ("Private e-mail" beside "E-mail"). Both are nil when no field
// has such columns, which is usual.
func matchHeader(cells []string) (cols []int, alts, weak [][]int, known int) {
	cols = make([]int, len(Fields))
	for i := range cols {
		cols[i] = -1
	}
	others := func(fi int) int {
		n := 0
		for _, l := range [][][]int{alts, weak} {
			if l != nil {
				n += len(l[fi])
			}
		}
		return n
	}
	more := func(list *[][]int, fi, c int) {
		if *list == nil {
			*list = make([][]int, len(Fields))
		}
		if others(fi) < maxCandidates-1 {
			(*list)[fi] = append((*list)[fi], c)
		}
	}
	add := func(fi, c int) {
		if cols[fi] < 0 {
			cols[fi] = c
			known++
			return
		}
		more(&alts, fi, c)
	}
	var words [][]string
	exactCol := make([]bool, len(cells))
	exactField := make([]bool, len(Fields))
	for c, text := range cells {
		if strings.TrimSpace(text) == "" || len(text) > maxHeaderLen {
			continue
		}
		if words == nil {
			words = make([][]string, len(cells))
		}
		words[c] = foldWords(text)
		tables, _ := headerTables()
		f, ok := tables.exact[strings.Join(words[c], "")]
		if !ok {
			continue
		}
		fi := fieldIndex(f)
		add(fi, c)
		exactCol[c], exactField[fi] = true, true
	}
	for c := range cells {
		if exactCol[c] || words == nil || len(words[c]) == 0 {
			continue
		}
		f, ok := looseField(words[c])
		if !ok {
			continue
		}
		if fi := fieldIndex(f); !exactField[fi] {
			add(fi, c)
		} else {
			more(&weak, fi, c)
		}
	}
	return cols, alts, weak, known
}

// looseField finds the field named by the longest run of words inside a
// header ("E-mail address (work)" is the e-mail column). A header that
// speaks of a licence or a date is never a yes/no status column: "Travel
// licence" says whether the user may use Travel, not whether they are out
// on it.
func looseField(w []string) (Field, bool) {
	var best Field
	bestLen := 0
	tables, looseWords := headerTables()
	for i := range w {
		run := ""
		for j := i; j < len(w) && j < i+looseWords; j++ {
			run += w[j]
			if f, ok := tables.loose[run]; ok && j-i+1 > bestLen {
				best, bestLen = f, j-i+1
			}
		}
	}
	if bestLen == 0 {
		return "", false
	}
	if statusField(best) && !statusHeader(w) {
		return "", false
	}
	return best, true
}

// statusField reports whether f is a yes/no column.
func statusField(f Field) bool {
	return f == FieldTravel || f == FieldCanLogIn || f == FieldFormer || f == FieldSatellite
}

// notStatusWords are words (and word endings, for compounds such as
// "Travellisens") that make a header something other than a yes/no status.
var notStatusWords = []string{
	"licence", "license", "licences", "licenses", "lisens", "lisenser", "licens", "licenser",
	"lizenz", "lizenzen", "licentie", "licenties", "plan",
	"date", "dato", "datum", "time", "tid", "zeit", "tijd",
}

func statusHeader(w []string) bool {
	for _, word := range w {
		for _, n := range notStatusWords {
			if strings.HasSuffix(word, n) {
				return false
			}
		}
	}
	return true
}

// fieldOf is the field a single header cell names on its own, if any.
func fieldOf(text string) (Field, bool) {
	if strings.TrimSpace(text) == "" || len(text) > maxHeaderLen {
		return "", false
	}
	w := foldWords(text)
	tables, _ := headerTables()
	if f, ok := tables.exact[strings.Join(w, "")]; ok {
		return f, true
	}
	return looseField(w)
}

// yesNoWords are the cell values the admin client, Excel and admins use for
// "can log in" and "travel", folded. Excel writes TRUE/FALSE in the
// workbook's language (SANN/USANN, SANT/FALSKT, SAND/FALSK, WAHR/FALSCH,
// WAAR/ONWAAR), and checkbox columns come out as "x" or a tick mark.
var yesNoWords = sync.OnceValue(func() map[string]Tri {
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
		"nei", "nej", "nein", "nee", "usann", "usant", "falskt", "falsk", "falsch", "onwaar",
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
})

// YesNo interprets a "can log in" or "travel" cell written in English,
// Norwegian, Swedish, Danish, German or Dutch. An empty cell or any other
// word is Unanswered: the caller decides what an absent answer means.
func YesNo(s string) Tri {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return Unanswered
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
		// The words of nearly every export, without hashing.
		switch string(buf[:len(s)]) {
		case "yes", "ja", "true", "1", "x":
			return Yes
		case "no", "nei", "nej", "nein", "nee", "false", "0":
			return No
		}
		if t, ok := yesNoWords()[string(buf[:len(s)])]; ok {
			return t
		}
	} else if t, ok := yesNoWords()[s]; ok {
		return t
	}
	return yesNoWords()[foldKey(s)]
}
