package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/migready/migready/inputs"
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
// It is an error in the export, at its e-mail column.
func foreignExport(file, column string, c assessment.Customer, m *readiness.DomainMismatch) error {
	const listed = 5
	var found, domains, add []string
	for i, d := range m.Found {
		if i == listed {
			found = append(found, fmt.Sprintf("… (%d more)", len(m.Found)-listed))
			domains = append(domains, "…")
			break
		}
		found = append(found, fmt.Sprintf("%s (%s)", d.Domain, plural(d.Users, "user")))
		domains = append(domains, d.Domain)
		add = append(add, strconv.Quote(d.Domain))
	}
	return &inputs.Error{File: file, Column: column, Kind: inputs.ProblemForeignExport,
		Args: []any{"customer", c.Name, "outside", m.Outside, "count", m.Total,
			"known", strings.Join(m.Known, ", "), "found", strings.Join(domains, ", ")},
		Msg: fmt.Sprintf("is this the export of %s? %d of the %d users with an email address have it outside the customer's domains (%s): %s",
			customerWords(c), m.Outside, m.Total, strings.Join(m.Known, ", "), strings.Join(found, ", ")),
		Hint: "check that users in the profile (or -users) names this customer's export; if these are its users, " +
			"add their domains to the profile: [customer] domains = [" + strings.Join(add, ", ") + "]"}
}
