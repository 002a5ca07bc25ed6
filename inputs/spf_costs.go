package inputs

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// SPFCosts is [mail.spf_costs]: include domain → the DNS lookups including
// it costs, nested ones included, e.g. "spf.protection.outlook.com" = 1.
// It overrides or adds to readiness.SPFCosts. After ReadProfile the keys
// are lower case without a trailing dot and every cost is 1 to 10.
type SPFCosts map[string]int

// Marks UnmarshalTOML leaves for the validator, which knows lines.
const (
	spfCostNotWhole = -1 // not a whole number (text, 1.5, a list…)
	spfCostsNoTable = "" // key marking spf_costs itself not being a table
)

// UnmarshalTOML takes any value, so that the validator, not the decoder,
// reports what is wrong with the line and the key. A domain written
// without quotes (spf.protection.outlook.com = 1) is a dotted key, i.e.
// nested tables, to TOML; it is joined back into the domain.
func (c *SPFCosts) UnmarshalTOML(v any) error {
	*c = SPFCosts{}
	t, ok := v.(map[string]any)
	if !ok {
		(*c)[spfCostsNoTable] = spfCostNotWhole
		return nil
	}
	c.add("", t)
	return nil
}

func (c SPFCosts) add(prefix string, t map[string]any) {
	for k, v := range t {
		switch v := v.(type) {
		case map[string]any:
			c.add(prefix+k+".", v)
		case int64:
			n := spfCostNotWhole
			if v >= math.MinInt32 && v <= math.MaxInt32 {
				n = int(v)
			}
			c[prefix+k] = n
		default:
			c[prefix+k] = spfCostNotWhole
		}
	}
}

// spfIncludeRe is a host name as SPF includes use them: labels of letters,
// digits, "-" and "_" (as in _spf.google.com), at least two.
var spfIncludeRe = lazyRegexp(`^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

const spfCostsHint = `one line per include domain, the domain in quotes and the number of DNS lookups it costs (nested ones included) from 1 to 10, e.g. "spf.protection.outlook.com" = 1`

// spfCosts validates [mail.spf_costs] and normalises its keys.
func (v *validator) spfCosts(m *Mail) {
	if m == nil || m.SPFCosts == nil {
		return
	}
	const table = "mail.spf_costs"
	if _, ok := m.SPFCosts[spfCostsNoTable]; ok && len(m.SPFCosts) == 1 {
		v.fail("mail", "spf_costs", "spf_costs must be a table of include domains and their DNS-lookup costs",
			"write it as its own section: [mail.spf_costs] followed by "+spfCostsHint)
		return
	}
	type entry struct {
		key  string
		line int
	}
	var entries []entry
	for k := range m.SPFCosts {
		entries = append(entries, entry{k, v.keyLine(table, k)})
	}
	slices.SortFunc(entries, func(a, b entry) int { return cmp.Or(cmp.Compare(a.line, b.line), strings.Compare(a.key, b.key)) })
	clean := make(SPFCosts, len(entries))
	for _, e := range entries {
		n := m.SPFCosts[e.key]
		d := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(e.key), "."))
		switch {
		case strings.Contains(d, ":"):
			v.fail(table, e.key, fmt.Sprintf("%q is not a domain", e.key),
				`write only the domain after include:, e.g. "_spf.google.com" = 3`)
		case len(d) > 253 || !spfIncludeRe().MatchString(d):
			v.fail(table, e.key, fmt.Sprintf("%q is not a domain", e.key), spfCostsHint)
		case n < 1 || n > 10:
			what := "a whole number"
			if n != spfCostNotWhole {
				what = fmt.Sprint(n)
			}
			v.fail(table, e.key, fmt.Sprintf("the cost of %q must be a whole number from 1 to 10, not %s", e.key, what),
				"the DNS lookups an include costs: 1 for the include itself plus every lookup its record makes; more than 10 can never pass SPF's limit")
		}
		if _, dup := clean[d]; dup {
			v.fail(table, e.key, fmt.Sprintf("%q is given twice", d), "give each include domain once")
		}
		clean[d] = n
	}
	m.SPFCosts = clean
}
