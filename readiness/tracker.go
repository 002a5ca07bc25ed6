package readiness

import (
	"strings"
	"time"

	"github.com/migready/migready/readiness/assessment"
)

// track carries the customer's notes from the returned workbook forward to
// the findings still found (matched by key), and says which findings
// marked fixed are still found and which are no longer found.
func track(t *assessment.Tracker, a *assessment.Assessment) *assessment.TrackerResult {
	res := &assessment.TrackerResult{File: t.File, FixedStillFound: []assessment.TrackedFinding{},
		Resolved: []assessment.TrackedFinding{}}
	if !t.Made.IsZero() {
		res.Made = t.Made.UTC().Format(time.DateOnly)
	}
	byKey := map[string]*assessment.TrackerEntry{}
	for i := range t.Entries {
		byKey[t.Entries[i].Key] = &t.Entries[i]
	}
	found := map[string]bool{}
	for i := range a.Checks {
		c := &a.Checks[i]
		accepted := len(c.Findings) > 0
		for j := range c.Findings {
			f := &c.Findings[j]
			found[f.Key] = true
			e := byKey[f.Key]
			if e == nil {
				accepted = false
				continue
			}
			f.Track = &assessment.Tracking{State: e.State, Owner: e.Owner, Due: e.Due, Comment: e.Comment}
			res.Carried++
			if e.State == assessment.TrackFixed {
				res.FixedStillFound = append(res.FixedStillFound, tracked(c.ID, f.Key, f.Row, f.UserID, f.Name, f.Email, f.Track))
			}
			if e.State != assessment.TrackAccepted && e.State != assessment.TrackWontFix {
				accepted = false
			}
		}
		// Accepted or Won't fix takes a warning out of what needs attention;
		// a blocker stays a blocker, with the customer's note shown.
		c.Accepted = accepted && c.Status == assessment.Warn
	}
	for _, e := range t.Entries {
		if found[e.Key] {
			continue
		}
		check, _, _ := strings.Cut(e.Key, ":")
		tr := &assessment.Tracking{State: e.State, Owner: e.Owner, Due: e.Due, Comment: e.Comment}
		id, email := e.UserID, e.Email
		if id == "" && email == "" { // the workbook's user columns were deleted
			id, email = subjectID(e.Key), subjectEmail(e.Key)
		}
		res.Resolved = append(res.Resolved, tracked(check, e.Key, 0, id, e.Name, email, tr))
	}
	return res
}

func tracked(check, key string, row int, id, name, email string, t *assessment.Tracking) assessment.TrackedFinding {
	return assessment.TrackedFinding{Check: check, Key: key, Row: row, UserID: id, Name: name, Email: email, Tracking: *t}
}

// subjectID and subjectEmail read what a key tells of a finding that is no
// longer found: the (folded) user id or address.
func subjectID(key string) string {
	_, subject, _ := strings.Cut(key, ":")
	id, ok := strings.CutPrefix(subject, "user:")
	if !ok {
		return ""
	}
	return id
}

func subjectEmail(key string) string {
	_, subject, _ := strings.Cut(key, ":")
	e, _ := strings.CutPrefix(subject, "email:")
	if e == subject {
		return ""
	}
	return e
}
