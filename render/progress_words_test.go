package render

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
)

// TestProgressCountsSayWhatTheyCount: Nordlys's follow-up said "3 of 8
// blocking problems resolved" and, a section later, "8 problems that are
// still found have notes": two different 8s (blocking problems of the
// previous pack; findings of every kind with notes), and the 6 that still
// block said nowhere. The progress line says how many block the migration
// now, and the notes count says that it counts problems of every kind.
func TestProgressCountsSayWhatTheyCount(t *testing.T) {
	blocking := map[string]string{"en": "block", "nb": "hindrer", "sv": "hindrar", "da": "forhindrer", "de": "blockieren", "nl": "blokkerende"}
	since := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	p := &assessment.Progress{Since: "2026-11-24", Blocking: assessment.Change{Before: 8, Resolved: 3, New: 1, Open: 5}}
	for _, lang := range templates.Supported {
		l := templates.MustLoad(lang)
		line := ProgressLine(p, l, since)
		for _, n := range []string{"8", "3", "1", "6"} {
			if !regexp.MustCompile(`\b` + n + `\b`).MatchString(line) {
				t.Errorf("%s: the progress line lacks %s (before 8, resolved 3, new 1, blocking now 6): %s", lang, n, line)
			}
		}
		intro := l.Plural("pack.tracker.intro", 8, "date", l.Date(since))
		if w := blocking[lang]; w == "" || !strings.Contains(intro, w) {
			t.Errorf("%s: the count of problems with notes does not say it counts more than those that block the migration (%q): %s", lang, w, intro)
		}
	}
}

// TestTrackerWithoutNotes: a workbook sent back untouched is said to have
// come back without notes, never "0 of the problems still found have
// notes"; one with notes gives their count.
func TestTrackerWithoutNotes(t *testing.T) {
	for _, lang := range templates.Supported {
		l := templates.MustLoad(lang)
		for _, carried := range []int{0, 2} {
			in := manyFindings(3, l)
			in.Report.Assessment.Tracker = &assessment.TrackerResult{File: "returned.xlsx", Made: "2026-11-17", Carried: carried,
				Notices: []assessment.Text{}}
			md, err := Markdown(in.Report)
			if err != nil {
				t.Fatal(err)
			}
			none := strings.Contains(string(md), strings.SplitN(l.T("pack.tracker.intro_none"), "{date}", 2)[0])
			counted := strings.Contains(string(md), strings.SplitN(l.Raw("pack.tracker.intro.other"), "{date}", 2)[0])
			if none != (carried == 0) || counted != (carried > 0) {
				t.Errorf("%s, %d carried: without notes %v, counted %v", lang, carried, none, counted)
			}
		}
	}
}
