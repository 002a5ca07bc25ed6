package render

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The scenario matrix's generator: a scenario names a language, an on-site
// version family, a mail choice, the verdict it aims at and a size; its seed
// varies everything else (the users, the sizes, the identity provider, what
// needs attention, which blocker or unknown is planted). The generator
// writes a real profile and a real export, and keeps what it wrote as facts,
// from which the checks work out what the pack must say without asking
// readiness.

// Scenario dimensions.
var (
	scenarioLangs    = []string{"en", "nb", "sv", "da", "de", "nl"}
	scenarioVersions = []string{"7.0", "7.x", "8.x", "9.x", "10.x"}
	scenarioMail     = []string{"keep", "new", "none", "undecided", "unknown"}
	scenarioVerdicts = []string{"ready", "not-ready", "unconfirmed"}
	scenarioSizes    = []string{"small", "large"}
)

type scenario struct {
	Lang, Version, Mail, Verdict, Size string
	Seed                               int64
}

func (s scenario) String() string {
	return fmt.Sprintf("%s/%s/%s/%s/%s/%d", s.Lang, s.Version, s.Mail, s.Verdict, s.Size, s.Seed)
}

// fuser is one user of a generated export.
type fuser struct {
	id, first, last, email, role, plan string
	canLogIn                           bool
}

func (u fuser) name() string { return u.first + " " + u.last }

// facts is what the generator wrote: the truth the checks hold the pack to.
type facts struct {
	s                   scenario
	version             string
	major, minor        int
	users               []fuser
	providerGiven       bool
	provider            string
	registered          []string
	travel              []string // nil: not given
	satellites          *int
	customizations      []string // nil: not given
	integrations        []string
	sentry, dictionary  []string
	docs                [4]*int // blank name, missing appointment, unknown user, over limit
	mailSection         bool
	keepGiven, keep     bool
	domain              string
	spfGiven            bool
	currentSPF          string
	mailboxes           []string // nil: not given
	databaseGB, archive float64
	uplink              float64
	planted             []string // blockers and unknowns planted, for messages
	wantVerdict         string
}

var (
	firstNames = []string{"Ingrid", "Lars", "Sofie", "Mikkel", "Anna", "Jonas", "Emma", "Noah", "Ella", "Oskar",
		"Håkon", "Åsa", "Jörg", "Renée", "Søren", "Zoë", "Pieter", "Lotte", "Hanna", "Erik"}
	lastNames = []string{"Nilsen", "Berg", "Jansen", "Müller", "Andersson", "Dahl", "de Vries", "Østergaard",
		"Lindqvist", "Weber", "Bakker", "Hansen", "Karlsson", "Schulz", "Visser", "Holm", "Eriksen"}
)

// asciiMail makes a name part of an e-mail address.
func asciiMail(s string) string {
	r := strings.NewReplacer("å", "a", "Å", "a", "ä", "a", "ö", "o", "ø", "o", "Ø", "o", "ü", "u", "é", "e", "ë", "e", " ", "")
	return strings.ToLower(r.Replace(s))
}

// generate writes the scenario's profile and export into dir and returns
// the profile's path and the facts.
func generate(t *testing.T, s scenario, dir string) (string, *facts) {
	t.Helper()
	rng := rand.New(rand.NewSource(s.Seed))
	pick := func(xs ...string) string { return xs[rng.Intn(len(xs))] }
	f := &facts{s: s}
	switch s.Version {
	case "7.0":
		f.version = "7.0 SR2"
	case "7.x":
		f.version = pick("7.1", "7.5 R3", "7.5")
	case "8.x":
		f.version = pick("8.1 R6", "8.5 R10", "8.5 R17")
	case "9.x":
		f.version = pick("9.2", "9.1")
	default:
		f.version = pick("10.0.5", "10.3.9", "11.2")
	}
	fmt.Sscanf(f.version, "%d.%d", &f.major, &f.minor)
	windows := f.major < 9
	f.domain = pick("nordvik.no", "example-handel.se", "van-dijk.nl", "kaufhaus-ost.de", "harbour.co.uk")

	// Sizes and the line.
	if s.Size == "small" {
		f.databaseGB = float64(rng.Intn(120)+5) / 10
		f.archive = float64(rng.Intn(60))
		f.uplink = []float64{100, 200, 500}[rng.Intn(3)]
	} else {
		f.databaseGB = float64(rng.Intn(100) + 20)
		f.archive = float64(rng.Intn(1000) + 150)
		f.uplink = []float64{20, 50, 100}[rng.Intn(3)]
	}

	// Users: one administrator, everyone with an address and a plan; a
	// few former staff who cannot log in.
	n := 6 + rng.Intn(20)
	if s.Size == "large" {
		n = 220 + rng.Intn(100)
	}
	plan := "Sales-Premium"
	if f.major < 8 {
		plan = "SuperOffice CRM User"
	}
	for i := 0; i < n; i++ {
		fi, li := i%len(firstNames), (i/len(firstNames)+i)%len(lastNames)
		u := fuser{id: fmt.Sprintf("u%03d", i), first: firstNames[fi], last: lastNames[li], role: "Sales", plan: plan, canLogIn: true}
		u.email = asciiMail(u.first) + "." + asciiMail(u.last) + strconv.Itoa(i) + "@" + f.domain
		if i == 0 {
			u.role = "Administrator"
		} else if i%9 == 8 {
			u.canLogIn, u.plan = false, ""
		}
		f.users = append(f.users, u)
	}

	// What the consultant found: everything answered, nothing in the way.
	f.providerGiven = true
	if rng.Intn(2) == 0 {
		f.provider = "Microsoft Entra ID"
		f.registered = []string{f.domain}
	}
	if windows {
		f.travel = []string{}
		zero := 0
		f.satellites = &zero
	}
	f.customizations, f.integrations = []string{}, []string{}
	f.sentry, f.dictionary = []string{}, []string{}
	for i := range f.docs {
		zero := 0
		f.docs[i] = &zero
	}
	f.mailSection = s.Mail != "unknown"
	switch s.Mail {
	case "keep":
		f.keepGiven, f.keep = true, true
		f.spfGiven = true
		f.currentSPF = pick("", "v=spf1 include:spf.protection.outlook.com -all", "v=spf1 mx include:_spf.google.com ~all",
			"v=spf1 include:_spf.online.superoffice.com include:spf.protection.outlook.com ~all")
		f.mailboxes = []string{"support@" + f.domain, "orders@" + f.domain}
	case "new":
		f.keepGiven = true
		f.mailboxes = []string{"support@" + f.domain, "kundeservice@" + f.domain}
	case "none":
		f.mailboxes = []string{}
	case "undecided":
		f.mailboxes = []string{"support@" + f.domain}
	}

	// Points that need attention but block nothing, in any verdict.
	if rng.Intn(2) == 0 {
		f.customizations = []string{"CRMScript: nightly credit check"}
	}
	if rng.Intn(3) == 0 {
		five := 5 + rng.Intn(200)
		f.docs[1] = &five
	}
	if s.Mail == "keep" && rng.Intn(2) == 0 {
		f.mailboxes = append(f.mailboxes, "info@"+pick("other-brand.com", "sister-company.nl"))
	}

	switch s.Verdict {
	case "not-ready":
		blockers := []func(){
			func() { // two users who can log in share an address
				f.users[2].email = strings.ToUpper(f.users[1].email[:1]) + f.users[1].email[1:]
				f.planted = append(f.planted, "shared address")
			},
			func() { f.users[3].email = ""; f.planted = append(f.planted, "missing address") },
			func() { // users without a plan: many in a large export
				for i := 1; i < len(f.users); i++ {
					if f.users[i].canLogIn && (s.Size == "large" || i%3 == 1) {
						f.users[i].plan = ""
					}
				}
				f.planted = append(f.planted, "no plan")
			},
			func() { f.sentry = []string{"QuoteAddin"}; f.planted = append(f.planted, "sentry") },
			func() { f.dictionary = []string{"y_machines"}; f.planted = append(f.planted, "dictionary") },
		}
		if windows {
			blockers = append(blockers,
				func() { f.travel = []string{f.users[4].id}; f.planted = append(f.planted, "travel") },
				func() { one := 1 + rng.Intn(2); f.satellites = &one; f.planted = append(f.planted, "satellites") })
		}
		if s.Mail == "keep" {
			blockers = append(blockers, func() {
				f.currentSPF = "v=spf1 a mx include:_spf.google.com include:mailgun.org include:sendgrid.net include:_spf.salesforce.com ~all"
				f.planted = append(f.planted, "spf lookups")
			})
		}
		rng.Shuffle(len(blockers), func(i, j int) { blockers[i], blockers[j] = blockers[j], blockers[i] })
		n := 1 + rng.Intn(3)
		if s.Size == "large" && rng.Intn(2) == 0 {
			n = len(blockers) // every blocker at once: the ticket runs out of lines
		}
		for _, b := range blockers[:n] {
			b()
		}
		// Often something is also left to verify, so that What to fix has
		// blockers, checks to verify and points that need attention.
		if rng.Intn(2) == 0 {
			f.providerGiven, f.provider, f.registered = false, "", nil
			f.planted = append(f.planted, "no provider")
		}
	case "unconfirmed":
		unknowns := []func(){
			func() {
				f.providerGiven, f.provider, f.registered = false, "", nil
				f.planted = append(f.planted, "no provider")
			},
			func() {
				f.provider, f.registered = "Okta", nil
				f.planted = append(f.planted, "domain not registered")
			},
			func() { f.docs[3] = nil; f.docs[1] = f.docs[0]; f.planted = append(f.planted, "documents not counted") },
			func() { f.sentry = nil; f.planted = append(f.planted, "sentry not given") },
			func() {
				f.customizations, f.integrations = nil, nil
				f.planted = append(f.planted, "customisations not given")
			},
		}
		if windows {
			unknowns = append(unknowns, func() { f.satellites = nil; f.planted = append(f.planted, "satellites not given") })
		}
		if s.Mail == "keep" {
			unknowns = append(unknowns, func() { f.spfGiven = false; f.planted = append(f.planted, "current SPF not given") })
		}
		rng.Shuffle(len(unknowns), func(i, j int) { unknowns[i], unknowns[j] = unknowns[j], unknowns[i] })
		for _, u := range unknowns[:1+rng.Intn(2)] {
			u()
		}
	}

	// The verdict the facts call for, worked out without readiness.
	f.wantVerdict = "ready"
	switch {
	case f.major < 7 || f.major == 7 && f.minor < 1 || s.Verdict == "not-ready":
		f.wantVerdict = "not-ready"
	case s.Verdict == "unconfirmed" || s.Mail == "unknown" || s.Mail == "undecided":
		f.wantVerdict = "unconfirmed"
	}

	// The export, as an admin saves it from Excel in a Nordic locale.
	planHeader := "User plan"
	if f.major < 8 {
		planHeader = "Licence"
	}
	var csv strings.Builder
	csv.WriteString("User ID;First name;Last name;E-mail address;Role;" + planHeader + ";Can log in\n")
	for _, u := range f.users {
		yes := "No"
		if u.canLogIn {
			yes = "Yes"
		}
		fmt.Fprintf(&csv, "%s;%s;%s;%s;%s;%s;%s\n", u.id, u.first, u.last, u.email, u.role, u.plan, yes)
	}
	if err := os.WriteFile(filepath.Join(dir, "users.csv"), []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	// The profile.
	var p strings.Builder
	q := strconv.Quote
	list := func(xs []string) string {
		qs := make([]string, len(xs))
		for i, x := range xs {
			qs[i] = q(x)
		}
		return "[" + strings.Join(qs, ", ") + "]"
	}
	p.WriteString("users = \"users.csv\"\n\n[customer]\n")
	p.WriteString("name = \"Nordvik Handel AS\"\ntenant = \"Cust41234\"\nlanguage = " + q(s.Lang) + "\n")
	p.WriteString("contact_name = \"Kari Holm\"\ncontact_email = \"kari.holm@" + f.domain + "\"\n")
	if f.providerGiven {
		p.WriteString("identity_provider = " + q(f.provider) + "\n")
	}
	if f.registered != nil {
		p.WriteString("registered_domains = " + list(f.registered) + "\n")
	}
	p.WriteString("\n[onsite]\nversion = " + q(f.version) + "\n")
	fmt.Fprintf(&p, "database_gb = %g\narchive_gb = %g\n", f.databaseGB, f.archive)
	if f.satellites != nil {
		fmt.Fprintf(&p, "satellites = %d\n", *f.satellites)
	}
	if f.travel != nil {
		p.WriteString("travel_users = " + list(f.travel) + "\n")
	}
	if f.customizations != nil {
		p.WriteString("customizations = " + list(f.customizations) + "\n")
	}
	if f.integrations != nil {
		p.WriteString("integrations = " + list(f.integrations) + "\n")
	}
	if f.sentry != nil {
		p.WriteString("sentry_addons = " + list(f.sentry) + "\n")
	}
	if f.dictionary != nil {
		p.WriteString("dictionary_tables = " + list(f.dictionary) + "\n")
	}
	p.WriteString("\n[onsite.documents]\n")
	for i, k := range []string{"blank_name", "missing_appointment", "unknown_user", "over_limit"} {
		if f.docs[i] != nil {
			fmt.Fprintf(&p, "%s = %d\n", k, *f.docs[i])
		}
	}
	if f.mailSection {
		p.WriteString("\n[mail]\n")
		if len(f.mailboxes) > 0 {
			p.WriteString("domain = " + q(f.domain) + "\n")
		}
		if f.keepGiven {
			fmt.Fprintf(&p, "keep_addresses = %t\n", f.keep)
		}
		if f.spfGiven {
			p.WriteString("current_spf = " + q(f.currentSPF) + "\n")
		}
		p.WriteString("mailboxes = " + list(f.mailboxes) + "\n")
	}
	fmt.Fprintf(&p, "\n[migration]\nuplink_mbps = %g\n", f.uplink)
	p.WriteString("\n[brand]\nprepared_by = \"Alex Morgan, SuperOffice\"\nprepared_by_email = \"alex.morgan@example.com\"\n")
	path := filepath.Join(dir, "profile.toml")
	if err := os.WriteFile(path, []byte(p.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, f
}

// scenarios is the matrix: every combination of version, mail choice,
// verdict and size, each in one language, the languages taking turns so
// that every language meets every version, mail choice, verdict and size;
// -short keeps a pairwise cover (every pair of values of any two dimensions
// at least once).
func scenarios(short bool) []scenario {
	var out []scenario
	i := 0
	for _, v := range scenarioVersions {
		for _, m := range scenarioMail {
			for _, d := range scenarioVerdicts {
				for _, z := range scenarioSizes {
					out = append(out, scenario{Lang: scenarioLangs[(i+i/len(scenarioLangs))%len(scenarioLangs)],
						Version: v, Mail: m, Verdict: d, Size: z, Seed: int64(1000 + i)})
					i++
				}
			}
		}
	}
	if short {
		return pairwise(out)
	}
	return out
}

// pairwise picks from all a small set covering every pair of dimension
// values that all covers, greedily.
func pairwise(all []scenario) []scenario {
	dims := func(s scenario) []string {
		return []string{"l" + s.Lang, "v" + s.Version, "m" + s.Mail, "d" + s.Verdict, "z" + s.Size}
	}
	pairs := func(s scenario) []string {
		d := dims(s)
		var ps []string
		for i := range d {
			for j := i + 1; j < len(d); j++ {
				ps = append(ps, d[i]+"|"+d[j])
			}
		}
		return ps
	}
	need := map[string]bool{}
	for _, s := range all {
		for _, p := range pairs(s) {
			need[p] = true
		}
	}
	var out []scenario
	for len(need) > 0 {
		best, bestN := -1, 0
		for i, s := range all {
			n := 0
			for _, p := range pairs(s) {
				if need[p] {
					n++
				}
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		out = append(out, all[best])
		for _, p := range pairs(all[best]) {
			delete(need, p)
		}
	}
	return out
}
