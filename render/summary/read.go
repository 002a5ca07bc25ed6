package summary

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/readiness/assessment"
)

// Previous is an earlier pack's summary, read for -since.
type Previous struct {
	Path     string // the summary read: the one named, or the latest in the folder named
	Data     []byte // the file as read, for the pack's provenance
	Snapshot *assessment.Snapshot
	Notices  []string // what could not be compared, and why
}

// ReadPrevious reads the previous pack of the customer now for -since: a
// summary file, or a folder holding packs, of which the latest made before
// date for this customer is taken. A summary that cannot be compared (not
// one, a masked copy, a newer schema, another customer's) is an input error
// naming the file; an older schema that can still be compared gets a
// notice. The findings of a summary of schema 1 have no keys: readiness
// matches them by what they name.
func ReadPrevious(path string, now assessment.Customer, date time.Time) (*Previous, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &inputs.Error{File: path, Msg: "previous pack not found",
			Hint: "-since takes the previous pack's summary (…-summary.json) or the folder it is in"}
	}
	if st.IsDir() {
		if path, err = Latest(path, now.Slug, date); err != nil {
			return nil, err
		}
	}
	data, err := inputs.ReadFile(path, inputs.RoleSummary)
	if err != nil {
		return nil, err
	}
	return ParsePrevious(path, data, now)
}

// ParsePrevious is ReadPrevious on a summary already read (migready serve's
// upload): path names it in errors and in the pack's list of inputs.
func ParsePrevious(path string, data []byte, now assessment.Customer) (*Previous, error) {
	d, err := decode(data)
	if err != nil || d.Schema == 0 || len(d.Checks) == 0 {
		msg := "not a migready summary"
		if err != nil {
			msg += ": " + err.Error()
		}
		return nil, &inputs.Error{File: path, Msg: msg,
			Hint: "-since takes the …-summary.json of an earlier pack (or its folder), unchanged"}
	}
	if d.Masked {
		return nil, &inputs.Error{File: path, Msg: "a masked copy cannot be compared: its names and keys are hidden",
			Hint: "give -since the original pack's summary, not the -mask copy"}
	}
	if d.Schema > Schema {
		return nil, &inputs.Error{File: path, Msg: fmt.Sprintf("summary of schema %d, made by a newer migready", d.Schema),
			Hint: "use the migready that made it, or a newer one"}
	}
	if _, err := time.Parse(time.DateOnly, d.Generated); err != nil {
		return nil, &inputs.Error{File: path, Column: "generated", Msg: fmt.Sprintf("the summary's date %q is not a date", d.Generated),
			Hint: "-since takes a summary as migready wrote it"}
	}
	prev := &Previous{Path: path, Data: data, Snapshot: d.snapshot()}
	if err := sameCustomer(path, &prev.Snapshot.Customer, &now); err != nil {
		return nil, err
	}
	if d.Schema < Schema {
		n := fmt.Sprintf("an older summary (schema %d): findings are matched by user id, address or item", d.Schema)
		if u := unnamed(d); u > 0 {
			n += fmt.Sprintf("; %d without any of these cannot be matched", u)
		}
		prev.Notices = append(prev.Notices, n)
	}
	return prev, nil
}

// decode reads a summary document. One of another schema may hold other
// types in parts that progress does not read; those are left empty (and a
// newer schema is refused for what it is).
func decode(data []byte) (*Document, error) {
	var d Document
	err := json.Unmarshal(data, &d)
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && d.Schema > 0 && d.Schema != Schema {
		err = nil
	}
	return &d, err
}

// snapshot is what progress needs of d.
func (d *Document) snapshot() *assessment.Snapshot {
	s := &assessment.Snapshot{Generated: d.Generated, Verdict: d.Verdict, Customer: d.Customer.Customer}
	if d.Schema == 1 { // it said only whether the pack was ready
		s.Verdict = assessment.VerdictNotReady
		if d.Ready {
			s.Verdict = assessment.VerdictReady
		}
	}
	for _, c := range d.Checks {
		sc := assessment.SnapshotCheck{ID: c.ID, Status: c.Status, Findings: make([]assessment.SnapshotFinding, len(c.Findings))}
		for i, f := range c.Findings {
			sc.Findings[i] = f.SnapshotFinding
		}
		s.Checks = append(s.Checks, sc)
	}
	return s
}

// unnamed counts the findings without a key that name no row, user or
// item (a summary of schema 1): nothing matches them with this run's.
func unnamed(d *Document) int {
	n := 0
	for _, c := range d.Checks {
		for _, f := range c.Findings {
			if f.Key == "" && f.Row <= 0 && f.UserID == "" && f.Name == "" {
				n++
			}
		}
	}
	return n
}

// sameCustomer refuses a previous pack of another customer: progress
// across two customers would be nonsense.
func sameCustomer(path string, prev, now *assessment.Customer) error {
	switch {
	case prev.Tenant != "" && now.Tenant != "" && prev.Tenant != now.Tenant:
		return &inputs.Error{File: path, Column: "customer.tenant",
			Msg:  fmt.Sprintf("the previous pack is of tenant %s, this one of %s", prev.Tenant, now.Tenant),
			Hint: "give -since the previous pack of the same customer"}
	case prev.Slug != now.Slug && !shown.Same(prev.Name, now.Name):
		return &inputs.Error{File: path, Column: "customer.name",
			Msg:  fmt.Sprintf("the previous pack is of %q, this one of %q", prev.Name, now.Name),
			Hint: "give -since the previous pack of the same customer"}
	}
	return nil
}

// Latest finds, in dir, the summary of the customer's (slug's) latest pack
// made before date; masked copies do not count.
func Latest(dir, slug string, date time.Time) (string, error) {
	names, _ := filepath.Glob(filepath.Join(dir, "*-summary.json"))
	type found struct{ path, date string }
	var all []found
	for _, name := range names {
		data, err := inputs.ReadFile(name, inputs.RoleSummary)
		if err != nil {
			continue
		}
		d, err := decode(data)
		if err != nil || d.Customer.Slug != slug || d.Masked {
			continue
		}
		if t, err := time.Parse(time.DateOnly, d.Generated); err == nil && t.Before(date) {
			all = append(all, found{name, d.Generated})
		}
	}
	if len(all) == 0 {
		return "", &inputs.Error{File: dir, Msg: fmt.Sprintf("no pack of %s made before %s in this folder", slug, date.Format(time.DateOnly)),
			Hint: "name the previous pack's …-summary.json, or the folder it was written to"}
	}
	sort.Slice(all, func(i, j int) bool {
		return all[i].date > all[j].date || all[i].date == all[j].date && all[i].path > all[j].path
	})
	return all[0].path, nil
}
