package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/readiness/assessment"
)

// previousSummary is a summary document of any schema, as far as progress
// reads it: schema 1 had no kinds or keys, schema 2 has both.
type previousSummary struct {
	Schema    int    `json:"schema"`
	Generated string `json:"generated"`
	Customer  struct {
		Name   string `json:"name"`
		Slug   string `json:"slug"`
		Tenant string `json:"tenant"`
	} `json:"customer"`
	Verdict assessment.Verdict `json:"verdict"`
	Ready   *bool              `json:"ready"`
	Masked  bool               `json:"masked"` // keys hashed: nothing to match by
	Checks  []struct {
		ID       string                       `json:"id"`
		Status   assessment.Status            `json:"status"`
		Findings []assessment.SnapshotFinding `json:"findings"`
	} `json:"checks"`
}

// readPrevious reads the previous pack for -since: a summary JSON file, or
// a folder holding packs, of which the latest made before date for this
// customer is taken. What cannot be compared is an input error naming the
// file; an older schema that can still be compared gets a notice.
func readPrevious(path string, slug string, date time.Time, stderr io.Writer) (*assessment.Snapshot, string, []byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, "", nil, &inputs.Error{File: path, Msg: "previous pack not found",
			Hint: "-since takes the previous pack's summary (…-summary.json) or the folder it is in"}
	}
	if st.IsDir() {
		if path, err = latestSummary(path, slug, date); err != nil {
			return nil, "", nil, err
		}
	}
	data, err := inputs.ReadFile(path, inputs.RoleSummary)
	if err != nil {
		return nil, "", nil, err
	}
	snap, err := parsePrevious(path, data, stderr)
	return snap, path, data, err
}

// parsePrevious is readPrevious on a summary already read.
func parsePrevious(path string, data []byte, stderr io.Writer) (*assessment.Snapshot, error) {
	var prev previousSummary
	if err := json.Unmarshal(data, &prev); err != nil || prev.Schema == 0 || len(prev.Checks) == 0 {
		msg := "not a migready summary"
		if err != nil {
			msg += ": " + err.Error()
		}
		return nil, &inputs.Error{File: path, Msg: msg,
			Hint: "-since takes the …-summary.json of an earlier pack (or its folder), unchanged"}
	}
	if prev.Masked {
		return nil, &inputs.Error{File: path, Msg: "a masked copy cannot be compared: its names and keys are hidden",
			Hint: "give -since the original pack's summary, not the -mask copy"}
	}
	if prev.Schema > assessment.Schema {
		return nil, &inputs.Error{File: path, Msg: fmt.Sprintf("summary of schema %d, made by a newer migready", prev.Schema),
			Hint: "use the migready that made it, or a newer one"}
	}
	if _, err := time.Parse(time.DateOnly, prev.Generated); err != nil {
		return nil, &inputs.Error{File: path, Column: "generated", Msg: fmt.Sprintf("the summary's date %q is not a date", prev.Generated),
			Hint: "-since takes a summary as migready wrote it"}
	}
	snap := &assessment.Snapshot{Generated: prev.Generated, Verdict: prev.Verdict,
		Customer: assessment.Customer{Name: prev.Customer.Name, Slug: prev.Customer.Slug, Tenant: prev.Customer.Tenant}}
	if snap.Verdict == "" && prev.Ready != nil { // schema 1
		snap.Verdict = map[bool]assessment.Verdict{true: assessment.VerdictReady, false: assessment.VerdictNotReady}[*prev.Ready]
	}
	unmatched := 0
	for _, c := range prev.Checks {
		sc := assessment.SnapshotCheck{ID: c.ID, Status: c.Status}
		for _, f := range c.Findings {
			if f.Key == "" { // schema 1
				f.Key = readiness.FindingKey(c.ID, f.Row, f.UserID, f.Email, f.Name)
			}
			if f.Key == "" {
				unmatched++
				continue
			}
			sc.Findings = append(sc.Findings, f)
		}
		snap.Checks = append(snap.Checks, sc)
	}
	if prev.Schema < assessment.Schema {
		fmt.Fprintf(stderr, "migready: notice: %s: an older summary (schema %d): findings are matched by user id, address or item", path, prev.Schema)
		if unmatched > 0 {
			fmt.Fprintf(stderr, "; %d without any of these cannot be matched", unmatched)
		}
		fmt.Fprintln(stderr)
	}
	return snap, nil
}

// checkSameCustomer refuses a previous pack of another customer: progress
// across two customers would be nonsense.
func checkSameCustomer(path string, prev *assessment.Snapshot, now *assessment.Customer) error {
	switch {
	case prev.Customer.Tenant != "" && now.Tenant != "" && prev.Customer.Tenant != now.Tenant:
		return &inputs.Error{File: path, Column: "customer.tenant",
			Msg:  fmt.Sprintf("the previous pack is of tenant %s, this one of %s", prev.Customer.Tenant, now.Tenant),
			Hint: "give -since the previous pack of the same customer"}
	case prev.Customer.Slug != now.Slug && !strings.EqualFold(prev.Customer.Name, now.Name):
		return &inputs.Error{File: path, Column: "customer.name",
			Msg:  fmt.Sprintf("the previous pack is of %q, this one of %q", prev.Customer.Name, now.Name),
			Hint: "give -since the previous pack of the same customer"}
	}
	return nil
}

// latestSummary finds, in dir, the summary of the customer's latest pack
// made before date.
func latestSummary(dir, slug string, date time.Time) (string, error) {
	names, _ := filepath.Glob(filepath.Join(dir, "*-summary.json"))
	type found struct{ path, date string }
	var all []found
	for _, name := range names {
		data, err := inputs.ReadFile(name, inputs.RoleSummary)
		if err != nil {
			continue
		}
		var s previousSummary
		if json.Unmarshal(data, &s) != nil || s.Customer.Slug != slug || s.Masked {
			continue
		}
		if d, err := time.Parse(time.DateOnly, s.Generated); err == nil && d.Before(date) {
			all = append(all, found{name, s.Generated})
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
