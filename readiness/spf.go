package readiness

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/migready/migready/readiness/assessment"
)

// SPF facts from SuperOffice and RFC 7208.
const (
	// SPFIncludeDomain is SuperOffice's mail service; a domain whose old
	// addresses send from Online must include it.
	SPFIncludeDomain = "_spf.online.superoffice.com"
	// SPFDefault is the record to publish when the domain has none.
	// SuperOffice recommends ~all over -all.
	SPFDefault = "v=spf1 include:" + SPFIncludeDomain + " ~all"
	// MaxSPFLookups is RFC 7208 §4.6.4's limit on terms that cause DNS
	// lookups (include, a, mx, ptr, exists, redirect); beyond it receivers
	// return permerror and mail fails SPF.
	MaxSPFLookups = 10
	// MaxTXTString is the longest character-string a TXT record holds
	// (RFC 1035 §3.3); longer SPF records are split into several strings,
	// which receivers join without a separator (RFC 7208 §3.3).
	MaxTXTString = 255
)

// SPFCost is what including a well-known SPF record costs against
// MaxSPFLookups: the include itself plus every lookup its record makes,
// nested includes and all. Providers restructure their records, so each
// cost is dated; the profile's [mail.spf_costs] overrides or adds costs.
type SPFCost struct {
	Include string // the domain after "include:", lower case
	Service string // who publishes it
	Lookups int
	AsOf    string // YYYY-MM when the cost was counted
	// Unnecessary: usually not needed at all, because the service sends
	// with its own envelope (MAIL FROM) domain, which is what SPF checks.
	Unnecessary bool
}

// SPFCosts is the table of well-known includes (docs/checks.md shows the
// same rows).
var SPFCosts = []SPFCost{
	{Include: SPFIncludeDomain, Service: "SuperOffice CRM Online (nests _spf.eu.mailgun.org)", Lookups: 2, AsOf: "2026-01"},
	{Include: "mailgun.org", Service: "Mailgun", Lookups: 5, AsOf: "2026-01"},
	{Include: "spf.protection.outlook.com", Service: "Microsoft 365", Lookups: 1, AsOf: "2026-04"},
	{Include: "_spf.google.com", Service: "Google Workspace", Lookups: 3, AsOf: "2025-12"},
	{Include: "_spf.salesforce.com", Service: "Salesforce", Lookups: 2, AsOf: "2026-01"},
	{Include: "sendgrid.net", Service: "SendGrid", Lookups: 2, AsOf: "2026-01"},
	{Include: "mail.zendesk.com", Service: "Zendesk", Lookups: 1, AsOf: "2026-01"},
	{Include: "amazonses.com", Service: "Amazon SES", Lookups: 1, AsOf: "2026-01", Unnecessary: true},
	{Include: "servers.mcsv.net", Service: "Mailchimp", Lookups: 2, AsOf: "2026-01", Unnecessary: true},
	{Include: "email.freshdesk.com", Service: "Freshdesk", Lookups: 7, AsOf: "2026-01"},
	{Include: "zoho.com", Service: "Zoho", Lookups: 4, AsOf: "2026-01"},
	{Include: "zoho.eu", Service: "Zoho (EU)", Lookups: 4, AsOf: "2026-01"},
	{Include: "spf1.stripe.com", Service: "Stripe", Lookups: 4, AsOf: "2026-01"},
}

// MaxSPFRecordBytes is checkdmarc's advice: a record over 450 bytes risks
// DNS answers over 512 bytes, which some receivers do not handle.
const MaxSPFRecordBytes = 450

// SPF problem kinds (SPFError.Kind); each has finding.spf-<kind> texts.
const (
	SPFNotSPF       = "not-spf"       // does not start with "v=spf1"
	SPFTwoRecords   = "two-records"   // two "v=spf1" records pasted together
	SPFUnknownTerm  = "unknown-term"  // not a mechanism or modifier of RFC 7208
	SPFBadQualifier = "bad-qualifier" // e.g. "!all", "++mx", "-redirect=…"
	SPFNoDomain     = "no-domain"     // include:, exists:, redirect= without a domain
	SPFBadArgument  = "bad-argument"  // bad domain, address or prefix length
	SPFDuplicate    = "duplicate"     // redirect= or exp= given twice
	SPFPassAll      = "pass-all"      // "+all" or "all": anyone may send as the domain
)

// SPF warning ids (SPFWarning.ID, stable: they are in the JSON summary);
// each has finding.spf-<id> texts. The first five are checkdmarc's.
const (
	SPFWarnDuplicateInclude   = "duplicate-include"   // the same include twice
	SPFWarnPTR                = "ptr"                 // ptr is deprecated (RFC 7208 §5.5)
	SPFWarnTextAfterAll       = "text-after-all"      // never evaluated
	SPFWarnLongRecord         = "long-record"         // over MaxSPFRecordBytes
	SPFWarnUnnecessaryInclude = "unnecessary-include" // see SPFCost.Unnecessary
	SPFWarnRedirectIgnored    = "redirect-ignored"    // redirect= next to all: dropped
	SPFWarnUncertain          = "lookups-uncertain"   // unknown includes may pass the limit
)

// SPFError is one thing wrong with an SPF record.
type SPFError struct {
	Kind string // one of the SPF… kinds
	Term string // the term concerned, as written ("" for SPFNotSPF)
}

func (e *SPFError) Error() string {
	if e.Term == "" {
		return "spf: " + e.Kind
	}
	return fmt.Sprintf("spf: %s: %q", e.Kind, e.Term)
}

// spfTerm is one space-separated term of a record after "v=spf1".
type spfTerm struct {
	text      string // as written
	qualifier byte   // 0 when none
	name      string // lower case: "include", "all", "redirect"…
	arg       string // after ':' or '=' (domain, address)
	modifier  bool
}

// causesLookup reports whether the term counts against MaxSPFLookups.
func (t spfTerm) causesLookup() bool {
	switch t.name {
	case "include", "a", "mx", "ptr", "exists":
		return !t.modifier
	case "redirect":
		return t.modifier
	}
	return false
}

// target is the include or redirect domain as the cost table keys it.
func (t spfTerm) target() string { return strings.ToLower(strings.TrimSuffix(t.arg, ".")) }

// spfResult is what mergeSPF works out.
type spfResult struct {
	record   string // "" when problems make a merge impossible
	lookups  int    // the whole tree's lookups; a lower bound when atLeast
	atLeast  bool   // an include's cost is unknown and counted as 1
	unknown  []string
	costs    []assessment.SPFTermCost
	included bool // the current record already includes SuperOffice
	problems []*SPFError
	warnings []assessment.SPFWarning
}

// spfCostTable is SPFCosts with the profile's overrides applied.
func spfCostTable(overrides map[string]int) map[string]int {
	t := make(map[string]int, len(SPFCosts)+len(overrides))
	for _, c := range SPFCosts {
		t[c.Include] = c.Lookups
	}
	for d, n := range overrides {
		t[strings.ToLower(strings.TrimSuffix(strings.TrimSpace(d), "."))] = n
	}
	return t
}

func knownCost(include string) (SPFCost, bool) {
	for _, c := range SPFCosts {
		if c.Include == include {
			return c, true
		}
	}
	return SPFCost{}, false
}

// mergeSPF works out the one SPF record a domain must publish so that
// SuperOffice's mail service may send as it: current with
// "include:_spf.online.superoffice.com" inserted before its "all" term (or
// before "redirect=" when it has no "all"; at the end when it has neither),
// keeping the customer's qualifier and term order; SPFDefault when current
// is empty; current unchanged when it already includes SuperOffice. A
// redirect= next to an all term is ignored by receivers and left out.
// current may be given as DNS tools print it, as quoted strings.
//
// Its lookups count every DNS lookup of the record's tree, includes priced
// by costs; an include not in the table counts as 1, so lookups is then a
// lower bound. Its problems say why current is not a usable SPF record.
func mergeSPF(current string, costs map[string]int) spfResult {
	current = unquoteTXT(strings.TrimSpace(current))
	if current == "" {
		current = SPFDefault
	}
	fields := strings.Fields(current)
	if !strings.EqualFold(fields[0], "v=spf1") {
		return spfResult{problems: []*SPFError{{Kind: SPFNotSPF}}}
	}
	// Two records pasted together, possibly glued ("-allv=spf1"): receivers
	// reject a domain with two records, and a merge would hide one of them.
	if strings.Count(strings.ToLower(current), "v=spf1") > 1 {
		return spfResult{problems: []*SPFError{{Kind: SPFTwoRecords}}}
	}
	var r spfResult
	var terms []spfTerm
	seen := map[string]bool{}
	includes := map[string]bool{}
	insertAt := -1 // before the first "all"
	redirectAt := -1
	for _, f := range fields[1:] {
		t, p := parseSPFTerm(f)
		if p != nil {
			r.problems = append(r.problems, p)
			continue
		}
		if t.modifier && (t.name == "redirect" || t.name == "exp") {
			if seen[t.name] {
				r.problems = append(r.problems, &SPFError{Kind: SPFDuplicate, Term: f})
				continue
			}
			seen[t.name] = true
		}
		if insertAt >= 0 && !(t.modifier && (t.name == "redirect" || t.name == "exp")) {
			r.warnings = append(r.warnings, assessment.SPFWarning{ID: SPFWarnTextAfterAll, Term: f})
		}
		switch {
		case !t.modifier && t.name == "all":
			if t.qualifier == 0 || t.qualifier == '+' {
				r.problems = append(r.problems, &SPFError{Kind: SPFPassAll, Term: f})
			}
			if insertAt < 0 {
				insertAt = len(terms)
			}
		case t.modifier && t.name == "redirect":
			redirectAt = len(terms)
		case !t.modifier && t.name == "ptr":
			r.warnings = append(r.warnings, assessment.SPFWarning{ID: SPFWarnPTR, Term: f})
		case !t.modifier && t.name == "include":
			// An include after "all" is never evaluated: it does not count
			// as including SuperOffice.
			d := t.target()
			if includes[d] {
				r.warnings = append(r.warnings, assessment.SPFWarning{ID: SPFWarnDuplicateInclude, Term: f})
			}
			includes[d] = true
			if c, ok := knownCost(d); ok && c.Unnecessary {
				r.warnings = append(r.warnings, assessment.SPFWarning{ID: SPFWarnUnnecessaryInclude, Term: f})
			}
			if (t.qualifier == 0 || t.qualifier == '+') && d == SPFIncludeDomain && insertAt < 0 {
				r.included = true
			}
		}
		terms = append(terms, t)
	}
	if len(r.problems) > 0 {
		return r
	}
	changed := false
	// RFC 7208 §6.1: redirect= is ignored when the record has an all term.
	if insertAt >= 0 && redirectAt >= 0 {
		r.warnings = append(r.warnings, assessment.SPFWarning{ID: SPFWarnRedirectIgnored, Term: terms[redirectAt].text})
		terms = slices.Delete(terms, redirectAt, redirectAt+1)
		if redirectAt < insertAt {
			insertAt--
		}
		redirectAt = -1
		changed = true
	}
	if !r.included {
		if insertAt < 0 {
			insertAt = redirectAt
		}
		if insertAt < 0 {
			insertAt = len(terms)
		}
		inc := spfTerm{text: "include:" + SPFIncludeDomain, name: "include", arg: SPFIncludeDomain}
		terms = slices.Insert(terms, insertAt, inc)
		changed = true
	}
	parts := []string{fields[0]}
	unknown := map[string]bool{}
	for _, t := range terms {
		parts = append(parts, t.text)
		if !t.causesLookup() {
			continue
		}
		c := assessment.SPFTermCost{Term: t.text, Lookups: 1, Known: true}
		if t.name == "include" || t.name == "redirect" {
			n, ok := costs[t.target()]
			if ok && !strings.Contains(t.arg, "%") {
				c.Lookups = n
			} else {
				c.Known = false
				r.atLeast = true
				if !unknown[t.target()] {
					unknown[t.target()] = true
					r.unknown = append(r.unknown, t.arg)
				}
			}
		}
		r.lookups += c.Lookups
		r.costs = append(r.costs, c)
	}
	if changed {
		r.record = strings.Join(parts, " ")
	} else {
		r.record = current
	}
	if len(r.record) > MaxSPFRecordBytes {
		r.warnings = append(r.warnings, assessment.SPFWarning{ID: SPFWarnLongRecord})
	}
	return r
}

// unquoteTXT turns a TXT record as DNS tools print it ("v=spf1 …" "…")
// into its value; anything else is returned as is.
func unquoteTXT(s string) string {
	if !strings.HasPrefix(s, `"`) {
		return s
	}
	var b strings.Builder
	rest := s
	for rest != "" {
		if rest[0] != '"' {
			return s
		}
		end := strings.IndexByte(rest[1:], '"')
		if end < 0 {
			return s
		}
		b.WriteString(rest[1 : end+1])
		rest = strings.TrimLeft(rest[end+2:], " \t")
	}
	return strings.TrimSpace(b.String())
}

func parseSPFTerm(f string) (spfTerm, *SPFError) {
	t := spfTerm{text: f}
	rest := f
	if strings.ContainsRune("+-~?", rune(rest[0])) {
		t.qualifier = rest[0]
		rest = rest[1:]
	}
	switch {
	case rest == "" || strings.ContainsRune("+-~?!", rune(rest[0])):
		return t, &SPFError{Kind: SPFBadQualifier, Term: f}
	case !isASCIILetter(rest[0]):
		return t, &SPFError{Kind: SPFUnknownTerm, Term: f}
	}
	// A modifier is name=value, its name letters, digits, "-", "_", ".".
	if i := strings.IndexAny(rest, ":/="); i >= 0 && rest[i] == '=' {
		t.modifier = true
		t.name = strings.ToLower(rest[:i])
		t.arg = rest[i+1:]
		for j := 0; j < i; j++ {
			if c := rest[j]; !(isASCIILetter(c) || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
				return t, &SPFError{Kind: SPFUnknownTerm, Term: f}
			}
		}
		if t.qualifier != 0 {
			return t, &SPFError{Kind: SPFBadQualifier, Term: f}
		}
		switch t.name {
		case "redirect", "exp":
			if t.arg == "" {
				return t, &SPFError{Kind: SPFNoDomain, Term: f}
			}
			if !validSPFDomain(t.arg) {
				return t, &SPFError{Kind: SPFBadArgument, Term: f}
			}
		}
		// Unknown modifiers are allowed and ignored (RFC 7208 §6).
		return t, nil
	}
	name, arg := rest, ""
	if i := strings.IndexAny(rest, ":/"); i >= 0 {
		name, arg = rest[:i], rest[i:]
	}
	t.name = strings.ToLower(name)
	domain, cidr := arg, ""
	if strings.HasPrefix(arg, ":") {
		domain = arg[1:]
		if i := strings.IndexByte(domain, '/'); i >= 0 && t.name != "ip6" && t.name != "ip4" {
			domain, cidr = domain[:i], domain[i:]
		}
	} else {
		domain, cidr = "", arg
	}
	t.arg = domain
	bad := &SPFError{Kind: SPFBadArgument, Term: f}
	switch t.name {
	case "all":
		if arg != "" {
			return t, bad
		}
	case "include", "exists":
		if domain == "" || cidr != "" {
			if domain == "" {
				return t, &SPFError{Kind: SPFNoDomain, Term: f}
			}
			return t, bad
		}
		if !validSPFDomain(domain) {
			return t, bad
		}
	case "a", "mx":
		if strings.HasPrefix(arg, ":") && (domain == "" || !validSPFDomain(domain)) {
			return t, bad
		}
		if !validDualCIDR(cidr) {
			return t, bad
		}
	case "ptr":
		if cidr != "" || strings.HasPrefix(arg, ":") && (domain == "" || !validSPFDomain(domain)) {
			return t, bad
		}
	case "ip4", "ip6":
		if !strings.HasPrefix(arg, ":") || !validIP(t.name, domain) {
			return t, bad
		}
	default:
		return t, &SPFError{Kind: SPFUnknownTerm, Term: f}
	}
	return t, nil
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// validSPFDomain checks a domain-spec loosely: a macro string ("%{i}…") is
// accepted as is; a plain name needs at least two labels of letters,
// digits, "-" or "_" (as in "_spf.example.com").
func validSPFDomain(s string) bool {
	if strings.Contains(s, "%") {
		return true
	}
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(isASCIILetter(c) || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// validDualCIDR checks "", "/n", "//m" or "/n//m" (IPv4 0–32, IPv6 0–128).
func validDualCIDR(s string) bool {
	if s == "" {
		return true
	}
	v4, v6, _ := strings.Cut(s, "//")
	if !strings.Contains(s, "//") {
		v4, v6 = s, ""
	} else if v6 == "" {
		return false
	}
	if v4 != "" && !validPrefix(strings.TrimPrefix(v4, "/"), 32, strings.HasPrefix(v4, "/")) {
		return false
	}
	return v6 == "" || validPrefix(v6, 128, true)
}

func validPrefix(s string, max int, ok bool) bool {
	if !ok || s == "" || len(s) > 3 || s[0] == '0' && len(s) > 1 {
		return false
	}
	n, err := strconv.Atoi(s)
	return err == nil && n >= 0 && n <= max
}

func validIP(kind, s string) bool {
	addr, bits, hasBits := strings.Cut(s, "/")
	ip, err := netip.ParseAddr(addr)
	if err != nil || ip.Zone() != "" {
		return false
	}
	if kind == "ip4" && !ip.Is4() || kind == "ip6" && !ip.Is6() {
		return false
	}
	max := 32
	if kind == "ip6" {
		max = 128
	}
	return !hasBits || validPrefix(bits, max, true)
}

// SplitTXT splits a record into the character-strings of one TXT record,
// each at most MaxTXTString characters. Receivers join them without a
// separator, so the split may fall anywhere. It always returns at least
// one string.
func SplitTXT(record string) []string {
	if len(record) <= MaxTXTString {
		return []string{record}
	}
	var out []string
	for len(record) > MaxTXTString {
		out = append(out, record[:MaxTXTString])
		record = record[MaxTXTString:]
	}
	if record != "" {
		out = append(out, record)
	}
	return out
}

// spfUncertain reports whether unknown includes leave the total uncertain
// near the limit: the lower bound reaches MaxSPFLookups if each unknown
// include nests two more lookups, as many providers' records do.
func spfUncertain(lookups, unknown int) bool {
	return unknown > 0 && lookups <= MaxSPFLookups && lookups+2*unknown >= MaxSPFLookups
}

// spf works out the SPF record to publish when old addresses are kept.
// When the current record has errors the check fails and SPF.Record is ""
// (Strings is [""]): nothing can be published until the record is fixed.
func (a *assessor) spf() (*assessment.SPF, assessment.Check) {
	const id = assessment.CheckSPF
	m := a.p.Mail
	switch {
	case m == nil || m.Mailboxes == nil:
		return nil, a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown-mail"), nil)
	case m.NoMailboxes():
		return nil, a.newCheck(id, assessment.Pass, a.l.T("check."+id+".no-mail"), nil)
	case !m.KeepAddressesGiven:
		return nil, a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown-choice"), nil)
	case !m.KeepAddresses:
		return nil, a.newCheck(id, assessment.Pass, a.l.T("check."+id+".not-needed"), nil)
	}
	domain := strings.TrimSpace(m.Domain)
	current := strings.TrimSpace(m.CurrentSPF)
	costs := spfCostTable(m.SPFCosts)
	r := mergeSPF(current, costs)
	out := &assessment.SPF{Domain: domain, Current: current, Record: r.record, DNSLookups: r.lookups,
		DNSLookupsAtLeast: r.atLeast, UnknownIncludes: r.unknown, LookupCosts: r.costs,
		Warnings: r.warnings, Strings: SplitTXT(r.record)}
	if out.UnknownIncludes == nil {
		out.UnknownIncludes = []string{}
	}
	if out.Warnings == nil {
		out.Warnings = []assessment.SPFWarning{}
	}
	if out.LookupCosts == nil {
		out.LookupCosts = []assessment.SPFTermCost{}
	}
	var lookups any = r.lookups
	if r.atLeast {
		lookups = a.l.T("check."+id+".at-least", "count", r.lookups)
	}
	args := []any{"domain", domain, "lookups", lookups, "max", MaxSPFLookups, "include", "include:" + SPFIncludeDomain}

	if len(r.problems) > 0 {
		var fs []assessment.Finding
		for _, p := range r.problems {
			fs = append(fs, a.itemFinding(p.Term, "spf-"+p.Kind, append(args, "term", p.Term)...))
		}
		return out, a.newCheck(id, assessment.Fail, a.l.T("check."+id+".invalid", args...), fs)
	}
	var fs []assessment.Finding
	st := assessment.Pass
	unknown := a.quoted(r.unknown)
	uncertain := spfUncertain(r.lookups, len(r.unknown))
	if r.lookups > MaxSPFLookups {
		st = assessment.Fail
		var terms []assessment.Text
		for _, c := range r.costs {
			var n any = c.Lookups
			if !c.Known {
				n = a.l.T("check."+id+".at-least", "count", c.Lookups)
			}
			terms = append(terms, a.l.T("finding.spf-too-many-lookups.term", "term", c.Term, "count", n))
		}
		fs = append(fs, a.itemFinding("", "spf-too-many-lookups", append(args, "terms", assessment.Tally(terms))...))
	} else if uncertain {
		st = assessment.Warn
		out.Warnings = append(out.Warnings, assessment.SPFWarning{ID: SPFWarnUncertain})
		fs = append(fs, a.itemFinding("", "spf-"+SPFWarnUncertain, append(args,
			"includes", unknown, "left", MaxSPFLookups-r.lookups)...))
	}
	for _, w := range r.warnings {
		st = worst(st, assessment.Warn)
		wargs := append(args, "term", w.Term, "length", len(r.record), "limit", MaxSPFRecordBytes)
		if w.ID == SPFWarnUnnecessaryInclude {
			t, _ := parseSPFTerm(w.Term)
			c, _ := knownCost(t.target())
			wargs = append(wargs, "service", c.Service, "cost", a.plural("check."+id+".lookups", costs[c.Include]))
		}
		fs = append(fs, a.itemFinding(w.Term, "spf-"+w.ID, wargs...))
	}
	if len(r.record) > MaxTXTString {
		st = worst(st, assessment.Warn)
		fs = append(fs, a.itemFinding("", "spf-long", append(args,
			"length", len(r.record), "strings", len(out.Strings), "quoted", out.Quoted())...))
	}
	// Mailboxes kept on another domain send from that domain too, which
	// this record does not cover: the pack says what each one needs.
	for _, d := range a.otherMailDomains() {
		st = worst(st, assessment.Warn)
		fs = append(fs, a.itemFinding(d, "spf-other-domain", "domain", domain, "other", d,
			"include", "include:"+SPFIncludeDomain))
	}
	// A record still to publish is not done yet: it needs attention until
	// the domain's record includes SuperOffice (a domain without a record
	// gets SPFDefault, which includes it, and has to publish it).
	if st == assessment.Pass && (current == "" || !r.included) {
		st = assessment.Warn
	}
	var summary assessment.Text
	switch {
	case st == assessment.Fail:
		summary = a.l.T("check."+id+".fail", args...)
	case !m.CurrentSPFGiven:
		// The record below is right only if the domain has no SPF record
		// today; nobody has said whether it has.
		st = assessment.Unknown
		summary = a.l.T("check."+id+".unknown-current", args...)
	case uncertain:
		summary = a.l.T("check."+id+".uncertain", append(args, "includes", unknown)...)
	case len(r.warnings) > 0:
		summary = a.l.T("check."+id+".warnings", args...)
	case len(r.record) > MaxTXTString:
		summary = a.l.T("check."+id+".long", append(args, "strings", len(out.Strings))...)
	case current == "":
		summary = a.l.T("check."+id+".new", args...)
	case r.included:
		summary = a.l.T("check."+id+".included", args...)
	default:
		summary = a.l.T("check."+id+".merged", args...)
	}
	if r.atLeast && st != assessment.Fail && st != assessment.Unknown && !uncertain {
		summary = a.l.T("check."+id+".with-unknown", "summary", summary,
			"unknown", a.l.T("check."+id+".unknown", "includes", unknown))
	}
	if others := a.otherMailDomains(); len(others) > 0 && st != assessment.Fail {
		summary = a.l.T("check."+id+".with-unknown", "summary", summary,
			"unknown", a.plural("check."+id+".other-domains", len(others), "domains", a.quoted(others)))
	}
	return out, a.newCheck(id, st, summary, fs)
}

// otherMailDomains are the domains of the Service mailboxes that are not
// the mail domain, in the order of the mailboxes, each once: when the
// addresses are kept, each needs SuperOffice in its own SPF record.
func (a *assessor) otherMailDomains() []string {
	m := a.p.Mail
	if m == nil || !m.KeepAddresses {
		return nil
	}
	own, _ := asciiDomain(strings.TrimSpace(m.Domain))
	var out []string
	seen := map[string]bool{}
	for _, box := range m.Mailboxes {
		box = strings.TrimSpace(box)
		if !ValidEmail(box) {
			continue
		}
		_, domain, _ := strings.Cut(box, "@")
		d, ok := asciiDomain(domain)
		if !ok || d == own || seen[d] {
			continue
		}
		seen[d] = true
		out = append(out, strings.ToLower(domain))
	}
	return out
}

// quoted lists domains in the language's quotation marks.
func (a *assessor) quoted(domains []string) assessment.List {
	q := make([]assessment.Text, len(domains))
	for i, d := range domains {
		q[i] = a.l.T("check."+assessment.CheckSPF+".quoted", "term", d)
	}
	return a.join(q)
}
