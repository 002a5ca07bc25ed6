package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/migready/migready/readiness"
	"github.com/migready/migready/readiness/assessment"
)

// customerWords names a customer as written, with its tenant:
// "Acme AS" (tenant "Cust12345").
func customerWords(c assessment.Customer) string {
	s := strconv.Quote(c.Name)
	if c.Tenant != "" {
		s += " (tenant " + strconv.Quote(c.Tenant) + ")"
	}
	return s
}

// foreignExport is the input error of an export whose users' addresses are
// mostly outside the customer's domains (readiness.ForeignExport): a pack
// in one customer's name listing another's users must never be written.
func foreignExport(file string, c assessment.Customer, m *readiness.DomainMismatch) error {
	const listed = 5
	var found, add []string
	for i, d := range m.Found {
		if i == listed {
			found = append(found, fmt.Sprintf("… (%d more)", len(m.Found)-listed))
			break
		}
		found = append(found, fmt.Sprintf("%s (%s)", d.Domain, plural(d.Users, "user")))
		add = append(add, strconv.Quote(d.Domain))
	}
	return newFailure(kindForeignExport, "file", file, "customer", customerWords(c),
		"outside", m.Outside, "total", m.Total, "known", strings.Join(m.Known, ", "),
		"found", strings.Join(found, ", "), "domains", "["+strings.Join(add, ", ")+"]")
}
