package readiness

import (
	"cmp"
	"slices"
	"strings"

	"github.com/migready/migready/inputs"
)

// DomainMismatch is an export whose users' addresses are mostly outside
// every domain the profile names for the customer: most likely another
// customer's export.
type DomainMismatch struct {
	Known   []string      // the customer's domains, as the profile names them
	Outside int           // users whose address is outside them
	Total   int           // users with a valid address
	Found   []DomainCount // the domains outside, most users first
}

// DomainCount is an e-mail domain and how many users' addresses are in it.
type DomainCount struct {
	Domain string
	Users  int
}

// CustomerDomains are the domains the profile names for the customer:
// [mail] domain, the domains of its mailboxes and of the contact's address,
// [customer] registered_domains (the identity domains) and domains; lower
// case, each once, in that order.
func CustomerDomains(p *inputs.Profile) []string {
	var out []string
	add := func(d string) {
		d = strings.Trim(strings.ToLower(strings.TrimSpace(d)), ".")
		if d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	domainOf := func(addr string) string {
		if i := strings.LastIndexByte(addr, '@'); i >= 0 {
			return addr[i+1:]
		}
		return ""
	}
	if m := p.Mail; m != nil {
		add(m.Domain)
		for _, b := range m.Mailboxes {
			add(domainOf(b))
		}
	}
	add(domainOf(p.Customer.ContactEmail))
	for _, d := range p.Customer.RegisteredDomains {
		add(d)
	}
	for _, d := range p.Customer.Domains {
		add(d)
	}
	return out
}

// ForeignExport tells whether the export is not the customer's: when the
// profile names the customer's domains (CustomerDomains) and fewer than
// half of the users with a valid address have one in them, or in a
// subdomain of one (sales.nordlys.no is nordlys.no's), or in a parent of
// one (nordlys.no, when the mail domain is mail.nordlys.no). Domains are
// compared as mail systems compare them: case and IDNA aside. nil when the
// export is the customer's, or when nothing tells (no domain in the
// profile, no valid address in the export). opt, when not nil, keeps the
// addresses worked out on the way, so that Assess with opt and the same
// users does not work them out again (a tenth of assessing 50,000 users).
func ForeignExport(p *inputs.Profile, users *inputs.UserList, opt *Options) *DomainMismatch {
	known := CustomerDomains(p)
	keys := make([]string, 0, len(known))
	for _, d := range known {
		if k, ok := asciiDomain(d); ok {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	ours := func(domain string) bool {
		for _, k := range keys {
			if domain == k || strings.HasSuffix(domain, "."+k) || strings.HasSuffix(k, "."+domain) && strings.Contains(domain, ".") {
				return true
			}
		}
		return false
	}
	m := &DomainMismatch{Known: known}
	outside := map[string]*DomainCount{}
	addrs := addresses(users.Users)
	if opt != nil {
		opt.addrs, opt.addrsOf = addrs, users
	}
	for i, addr := range addrs {
		if !addr.valid {
			continue
		}
		m.Total++
		_, key, _ := strings.Cut(addr.key, "@")
		if ours(key) {
			continue
		}
		m.Outside++
		d := outside[key]
		if d == nil {
			_, shown, _ := strings.Cut(strings.TrimSpace(users.Users[i].Email), "@")
			d = &DomainCount{Domain: strings.ToLower(shown)}
			outside[key] = d
		}
		d.Users++
	}
	if m.Total == 0 || m.Outside*2 <= m.Total {
		return nil
	}
	for _, d := range outside {
		m.Found = append(m.Found, *d)
	}
	slices.SortFunc(m.Found, func(x, y DomainCount) int {
		return cmp.Or(cmp.Compare(y.Users, x.Users), strings.Compare(x.Domain, y.Domain))
	})
	return m
}
