package readiness

import (
	"cmp"
	"slices"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

// compare says what changed between the previous pack and now, matching
// findings by key.
func compare(prev *assessment.Snapshot, now *assessment.Assessment) *assessment.Progress {
	p := &assessment.Progress{Since: prev.Generated, PreviousVerdict: prev.Verdict,
		Checks: []assessment.CheckProgress{}, Resolved: []assessment.ResolvedFinding{}}
	before := map[string]*assessment.SnapshotCheck{}
	for i := range prev.Checks {
		before[prev.Checks[i].ID] = &prev.Checks[i]
	}
	for _, c := range now.Checks {
		cp := assessment.CheckProgress{ID: c.ID, Now: c.Status}
		nowKeys := map[string]bool{}
		for _, f := range c.Findings {
			nowKeys[f.Key] = true
		}
		prevKeys := map[string]bool{}
		if b := before[c.ID]; b != nil {
			cp.Was = b.Status
			for _, f := range b.Findings {
				if f.Key == "" { // a summary of schema 1 had no keys
					if f.Key = findingKey(c.ID, f.Row, f.UserID, f.Email, f.Name); f.Key == "" {
						continue
					}
				}
				if prevKeys[f.Key] {
					continue
				}
				prevKeys[f.Key] = true
				cp.Change.Before++
				if nowKeys[f.Key] {
					cp.Open++
				} else {
					cp.Resolved++
					p.Resolved = append(p.Resolved, assessment.ResolvedFinding{Check: c.ID, SnapshotFinding: f})
				}
			}
			if b.Status == assessment.Fail {
				p.Blocking.Before += cp.Change.Before
				p.Blocking.Resolved += cp.Resolved
			}
		}
		for k := range nowKeys {
			if !prevKeys[k] {
				cp.New++
			}
		}
		if c.Status == assessment.Fail {
			p.Blocking.New += cp.New
			p.Blocking.Open += cp.Open
		}
		p.Checks = append(p.Checks, cp)
	}
	slices.SortStableFunc(p.Resolved, func(x, y assessment.ResolvedFinding) int {
		return cmp.Or(cmp.Compare(checkOrder(x.Check), checkOrder(y.Check)), cmp.Compare(x.Row, y.Row), cmp.Compare(x.Key, y.Key))
	})
	return p
}

func checkOrder(id string) int {
	if i := slices.Index(assessment.CheckIDs, id); i >= 0 {
		return i
	}
	return len(assessment.CheckIDs)
}

// findingKey is the key a finding of check gets, from what any summary
// shows of it: the user id, else the address, else the item's name. It is
// how findings of a summary of schema 1, which had no keys, are matched; ""
// when nothing identifies the finding.
func findingKey(check string, row int, userID, email, name string) string {
	switch {
	case row > 0:
		return check + ":" + userSubject(&inputs.User{Row: row, ID: userID, Email: email})
	case userID != "":
		return check + ":user:" + foldString(userID) // a Travel entry not in the export
	case name != "":
		return check + ":item:" + foldString(name)
	}
	return ""
}
