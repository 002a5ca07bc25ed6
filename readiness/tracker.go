package readiness

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/migready/migready/readiness/assessment"
)

// track carries the customer's notes from the returned workbook forward to
// the findings still found (matched by key), and says which findings
// marked fixed are still found and which are no longer found.
func track(t *assessment.Tracker, a *assessment.Assessment) *assessment.TrackerResult {
	res := &assessment.TrackerResult{File: t.File, FixedStillFound: []assessment.TrackedFinding{},
		Resolved: []assessment.TrackedFinding{}, Notices: append([]assessment.Text{}, t.Notices...)}
	if !t.Made.IsZero() {
		res.Made = t.Made.UTC().Format(time.DateOnly)
	}
	entries, notices := align(t)
	res.Notices = append(res.Notices, notices...)
	t = &assessment.Tracker{File: t.File, Made: t.Made, Entries: entries}
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
			// A row left Open with nothing written holds no notes: a
			// workbook sent back untouched does not "have notes" on
			// every problem.
			if e.HasNotes() {
				res.Carried++
			}
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

// align checks each row's hidden key against what the row shows of its
// finding (its check, user id, address, item, export row), where the sheet
// still shows it. A sheet sorted or filtered on its visible columns but not
// on the hidden key column leaves keys beside other findings' rows, and the
// notes would land on other users: a row whose key does not fit takes the
// key, among the keys that do not fit their rows, that fits it alone (the
// notes stay with the finding the customer wrote them beside), and a row
// for which no one key fits is not carried, with a notice naming it. It
// returns the entries to carry, in their order, and the notices.
func align(t *assessment.Tracker) ([]assessment.TrackerEntry, []assessment.Text) {
	off := map[int]bool{} // entries whose key does not fit their row
	for i := range t.Entries {
		if !fits(parseKey(t.Entries[i].Key), &t.Entries[i], t.Shows) {
			off[i] = true
		}
	}
	if len(off) == 0 {
		return t.Entries, nil
	}
	// The keys that do not fit their rows, by the subject they name first.
	free := map[string][]keyParts{}
	var bare []string // subjects that are a finding's kind alone
	for i := range t.Entries {
		if off[i] {
			k := parseKey(t.Entries[i].Key)
			if free[k.primary] == nil && !strings.Contains(k.primary, ":") {
				bare = append(bare, k.primary)
			}
			free[k.primary] = append(free[k.primary], k)
		}
	}
	rekey := map[int]string{}
	taken := map[string]int{}
	for i := range t.Entries {
		if !off[i] {
			continue
		}
		e := &t.Entries[i]
		var fit []string
		for _, primary := range append(subjectsOf(e, t.Shows), bare...) {
			for _, k := range free[primary] {
				if fits(k, e, t.Shows) && !slices.Contains(fit, k.key) {
					fit = append(fit, k.key)
				}
			}
		}
		if len(fit) == 1 {
			rekey[i] = fit[0]
			taken[fit[0]]++
		}
	}
	sheet := assessment.Text{Key: "finding.ref.quoted", Args: assessment.Args{{Name: "value", Value: t.Sheet}}}
	var notices []assessment.Text
	out := make([]assessment.TrackerEntry, 0, len(t.Entries))
	moved := 0
	for i, e := range t.Entries {
		if !off[i] {
			out = append(out, e)
			continue
		}
		// A key two rows would take fits neither alone.
		if k, ok := rekey[i]; ok && taken[k] == 1 {
			e.Key = k
			out = append(out, e)
			moved++
			continue
		}
		if e.HasNotes() {
			notices = append(notices, text("tracker.notice.mismatch", false, []any{"sheet", sheet, "row", strconv.Itoa(e.Row),
				"note", assessment.Text{Key: "finding.ref.quoted", Args: assessment.Args{{Name: "value", Value: noteOf(&e)}}}}))
		}
	}
	if moved > 0 {
		notices = append([]assessment.Text{text("tracker.notice.sorted", true, []any{"count", moved, "sheet", sheet})}, notices...)
	}
	return out, notices
}

// noteOf is what the customer wrote on a row, to name it: the comment, else
// the owner, the due date, the status.
func noteOf(e *assessment.TrackerEntry) string {
	switch {
	case e.Comment != "":
		return e.Comment
	case e.Owner != "":
		return e.Owner
	case e.Due != "":
		return e.Due
	}
	return string(e.State)
}

// keyParts is a finding's key taken apart: the check, the subject it names
// first ("user:kn", "email:…", "row:12", "item:…", or the finding's kind
// alone), and the address and row that tell two findings of one user id
// apart (uniqueKeys), if any.
type keyParts struct {
	key, check, primary, email, row string
}

func parseKey(key string) keyParts {
	k := keyParts{key: key}
	var subject string
	k.check, subject, _ = strings.Cut(key, ":")
	if i := strings.LastIndex(subject, "/row:"); i >= 0 && isDigits(subject[i+len("/row:"):]) {
		k.row, subject = subject[i+len("/row:"):], subject[:i]
	}
	if strings.HasPrefix(subject, "user:") {
		if i := strings.LastIndex(subject, "/email:"); i >= 0 {
			k.email, subject = subject[i+len("/email:"):], subject[:i]
		}
	}
	k.primary = subject
	return k
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// subjectsOf are the subjects a key of the finding row e shows may name
// first (keyParts.primary), as far as the sheet shows them.
func subjectsOf(e *assessment.TrackerEntry, shows assessment.TrackerColumns) []string {
	var out []string
	if shows.UserID {
		out = append(out, "user:"+foldString(strings.TrimSpace(e.UserID)))
	}
	if shows.Email {
		out = append(out, "email:"+emailKey(e.Email))
	}
	if shows.Row {
		out = append(out, "row:"+strconv.Itoa(e.ExportRow))
	}
	if shows.Name {
		out = append(out, "item:"+foldString(strings.TrimSpace(e.Name)))
	}
	return out
}

// fits reports whether the key k can be the key of the finding row e
// shows, as far as the sheet still shows it (shows): the same check, and
// the same user id, address, item or export row as the key names. What the
// sheet no longer shows, a check title migready does not know, and a
// finding named by its kind alone are taken to fit.
func fits(k keyParts, e *assessment.TrackerEntry, shows assessment.TrackerColumns) bool {
	if shows.Check && e.Check != "" && k.check != e.Check {
		return false
	}
	kind, value, _ := strings.Cut(k.primary, ":")
	switch {
	case kind == "user" && shows.UserID && foldString(strings.TrimSpace(e.UserID)) != value,
		kind == "email" && shows.Email && emailKey(e.Email) != value,
		kind == "row" && shows.Row && strconv.Itoa(e.ExportRow) != value,
		kind == "item" && shows.Name && foldString(strings.TrimSpace(e.Name)) != value,
		k.email != "" && shows.Email && emailKey(e.Email) != k.email,
		k.row != "" && shows.Row && strconv.Itoa(e.ExportRow) != k.row:
		return false
	}
	return true
}
