package readiness

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/migready/migready/readiness/assessment"
)

// align keeps a row's notes with the finding the row shows: keys that do
// not fit their rows (a sheet sorted without its key column) are given to
// the row they alone fit; a row no one key fits is dropped with a notice
// when it has notes; what the sheet no longer shows is not held against a
// row.
func TestAlign(t *testing.T) {
	all := assessment.TrackerColumns{Check: true, Row: true, UserID: true, Name: true, Email: true}
	entry := func(row int, key, check, id, email string, exportRow int, comment string) assessment.TrackerEntry {
		return assessment.TrackerEntry{Row: row, Key: key, State: assessment.TrackOpen, Check: check, UserID: id, Email: email,
			ExportRow: exportRow, Comment: comment}
	}
	item := func(e assessment.TrackerEntry, name string) assessment.TrackerEntry {
		e.Name = name
		return e
	}
	keys := func(es []assessment.TrackerEntry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Key+"="+e.Comment)
		}
		return out
	}
	kinds := func(ns []assessment.Text) []string {
		var out []string
		for _, n := range ns {
			out = append(out, n.Key)
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		shows   assessment.TrackerColumns
		entries []assessment.TrackerEntry
		want    []string
		notices []string
	}{
		{"in order", all, []assessment.TrackerEntry{
			entry(2, "travel:user:lka", "travel", "LKA", "", 3, "a"),
			entry(3, "travel:user:a/b:c", "travel", "A/B:C", "", 4, "b"), // an id with / and :
			entry(4, "valid-emails:email:x/y@ex.no", "valid-emails", "", "X/Y@EX.NO", 5, "c"),
			item(entry(5, "customizations:item:crmscript", "customizations", "", "", 0, "d"), "CRMScript"),
			entry(6, "documents:document-blank-name", "documents", "", "", 0, "e"),
		}, []string{"travel:user:lka=a", "travel:user:a/b:c=b", "valid-emails:email:x/y@ex.no=c", "customizations:item:crmscript=d",
			"documents:document-blank-name=e"}, nil},
		{"sorted", all, []assessment.TrackerEntry{
			entry(2, "licences:user:zed", "travel", "ABC", "", 4, "Anne is back"),
			entry(3, "licences:user:mo", "travel", "LKA", "", 3, ""),
			entry(4, "travel:user:lka", "licences", "MO", "", 6, "Mo leaves"),
			entry(5, "travel:user:abc", "licences", "ZED", "", 5, "Plan bought"),
		}, []string{"travel:user:abc=Anne is back", "travel:user:lka=", "licences:user:mo=Mo leaves", "licences:user:zed=Plan bought"},
			[]string{"tracker.notice.sorted"}},
		{"one user id on two rows, told apart by the export's row", all, []assessment.TrackerEntry{
			entry(2, "licences:user:kn/row:9", "licences", "KN", "", 4, "four"),
			entry(3, "licences:user:kn/row:4", "licences", "KN", "", 9, "nine"),
		}, []string{"licences:user:kn/row:4=four", "licences:user:kn/row:9=nine"}, []string{"tracker.notice.sorted"}},
		{"two rows fit one key: neither is carried", all, []assessment.TrackerEntry{
			entry(2, "licences:user:bo", "licences", "KN", "", 4, "x"),
			entry(3, "licences:user:kn", "licences", "BO", "", 5, "y"),
			entry(4, "licences:user:zz", "licences", "KN", "", 6, "z"),
		}, []string{"licences:user:bo=y"}, []string{"tracker.notice.sorted", "tracker.notice.mismatch", "tracker.notice.mismatch"}},
		{"a retyped user id, without notes", all, []assessment.TrackerEntry{
			entry(2, "licences:user:bo", "licences", "BOB", "", 4, ""),
		}, []string{}, nil},
		{"the user id column deleted: nothing to hold against a row", assessment.TrackerColumns{Check: true}, []assessment.TrackerEntry{
			entry(2, "licences:user:bo", "licences", "", "", 0, "x"),
		}, []string{"licences:user:bo=x"}, nil},
		{"a check title migready does not write fits any check", all, []assessment.TrackerEntry{
			entry(2, "licences:user:bo", "", "BO", "", 4, "x"),
		}, []string{"licences:user:bo=x"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, notices := align(&assessment.Tracker{Sheet: "Findings", Shows: tc.shows, Entries: tc.entries})
			if k := keys(got); !slices.Equal(k, tc.want) && !(len(k) == 0 && len(tc.want) == 0) {
				t.Errorf("entries %q, want %q", k, tc.want)
			}
			if k := kinds(notices); !slices.Equal(k, tc.notices) {
				t.Errorf("notices %q, want %q", k, tc.notices)
			}
		})
	}
}

// FuzzAlign: whatever the rows show and their keys hold, align never
// panics, carries each key at most once, only keys the sheet had, and
// never more rows than it had.
func FuzzAlign(f *testing.F) {
	f.Add("licences:user:bo\tlicences\tBO\tbo@x.no\t3\ntravel:user:kn\ttravel\tKN\t\t4\nlicences:user:kn/row:4\tlicences\tKN\t\t5")
	f.Add("a:user:x/email:y/row:1\ta\tX\tY\t1\na:email:\ta\t\t\t0\n:::\t\t\t\t\n/row:\t\t\t\t-1")
	f.Fuzz(func(t *testing.T, s string) {
		var entries []assessment.TrackerEntry
		seen := map[string]bool{}
		for i, line := range strings.Split(s, "\n") {
			p := append(strings.Split(line, "\t"), "", "", "", "", "")
			if seen[p[0]] {
				continue // the reader never gives one key twice
			}
			seen[p[0]] = true
			n, _ := strconv.Atoi(p[4])
			entries = append(entries, assessment.TrackerEntry{Row: i + 2, Key: p[0], Check: p[1], UserID: p[2], Email: p[3],
				Name: p[2], ExportRow: n, Comment: line, State: assessment.TrackOpen})
		}
		for _, shows := range []assessment.TrackerColumns{{}, {Check: true, Row: true, UserID: true, Name: true, Email: true}, {UserID: true}} {
			got, _ := align(&assessment.Tracker{Shows: shows, Entries: entries})
			if len(got) > len(entries) {
				t.Fatalf("%d entries from %d", len(got), len(entries))
			}
			keys := map[string]bool{}
			for _, e := range got {
				if keys[e.Key] || !seen[e.Key] {
					t.Fatalf("key %q twice or not the sheet's", e.Key)
				}
				keys[e.Key] = true
			}
		}
	})
}
