package summary_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
	"github.com/migready/migready/render/summary"
	"github.com/migready/migready/templates"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schema compiles summary.schema.json, the published description of the
// summary document.
func schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("summary.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("summary.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("summary.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, name string, data []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s does not match summary.schema.json: %v", name, err)
	}
}

var date = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// report assesses an example customer (with the previous pack and the
// returned workbook given in opt) and writes it in lang.
func report(t *testing.T, example, lang string, opt readiness.Options) *render.Report {
	t.Helper()
	p, err := inputs.ReadProfile("../../examples/" + example + "/profile.toml")
	if err != nil {
		t.Fatal(err)
	}
	users, err := inputs.ReadUsers(p.Resolve(p.Users), p.Sheet)
	if err != nil {
		t.Fatal(err)
	}
	opt.Tool, opt.Date = "migready test", date
	a := readiness.Assess(p, users, opt)
	return &render.Report{Assessment: a, Lang: templates.MustLoad(lang), Date: date}
}

func write(t *testing.T, r *render.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := render.JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Every example pack's summary, a later run's with progress and the
// customer's notes, and check's JSON match the published schema.
func TestSchema(t *testing.T) {
	s := schema(t)
	files, _ := filepath.Glob("../../examples/*/pack/*-summary.json")
	followups, _ := filepath.Glob("../../examples/*/followup/pack/*-summary.json")
	if len(files) < 6 || len(followups) < 1 {
		t.Fatalf("found %d example summaries and %d follow-ups", len(files), len(followups))
	}
	for _, f := range append(files, followups...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		validate(t, s, f, data)
	}
	data := write(t, report(t, "nordlys", "nb", readiness.Options{}))
	validate(t, s, "check -format json", data)

	// The tracker's notices, as data: plural, nested texts and lists.
	quoted := func(v string) assessment.Text {
		return assessment.Text{Key: "finding.ref.quoted", Args: assessment.Args{{Name: "value", Value: v}}}
	}
	tracker := &assessment.Tracker{File: "returnert.xlsx", Sheet: "Funn",
		Shows:   assessment.TrackerColumns{Check: true, UserID: true},
		Entries: []assessment.TrackerEntry{{Row: 2, Key: "licences:user:nobody", State: assessment.TrackFixed, UserID: "SOMEONE", Comment: "x"}},
		Notices: []assessment.Text{
			{Key: "tracker.notice.no-customer"},
			{Key: "tracker.notice.copies", Plural: true, Args: assessment.Args{{Name: "count", Value: 1}, {Name: "sheet", Value: quoted("Funn")},
				{Name: "others", Value: assessment.List{quoted("Funn (2)")}}}},
			{Key: "tracker.notice.status-unknown", Args: assessment.Args{{Name: "sheet", Value: quoted("Funn")}, {Name: "row", Value: "3"},
				{Name: "status", Value: quoted("Kanskje")}, {Name: "open", Value: assessment.Text{Key: "workbook.status.open"}}}},
		}}
	data = write(t, report(t, "nordlys", "nb", readiness.Options{Tracker: tracker}))
	validate(t, s, "a summary with the tracker's notices", data)
	if !bytes.Contains(data, []byte(`"key": "tracker.notice.mismatch"`)) || !bytes.Contains(data, []byte(`"key": "tracker.notice.copies"`)) {
		t.Errorf("the tracker's notices are not in the summary:\n%s", data[bytes.Index(data, []byte(`"tracker"`)):])
	}

	// One schema number: the one Write writes is the one published.
	var published struct {
		Properties struct {
			Schema struct{ Const int } `json:"schema"`
		} `json:"properties"`
	}
	if b, err := os.ReadFile("summary.schema.json"); err != nil || json.Unmarshal(b, &published) != nil ||
		published.Properties.Schema.Const != summary.Schema {
		t.Errorf("summary.schema.json describes schema %d, Write writes %d", published.Properties.Schema.Const, summary.Schema)
	}

	// The schema is not a formality: a summary without a verdict fails it.
	bad := bytes.Replace(data, []byte(`"verdict": "not-ready"`), []byte(`"verdict": "maybe"`), 1)
	if bytes.Equal(bad, data) {
		t.Fatal("no verdict to break")
	}
	v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if s.Validate(v) == nil {
		t.Error("a summary with verdict \"maybe\" passes the schema")
	}
}

// The format both ways: a summary written for a pack reads back as what
// its assessment said, and the same customer's next run compares with it.
func TestWriteThenRead(t *testing.T) {
	r := report(t, "harbour-finch", "en", readiness.Options{})
	dir := t.TempDir()
	path := filepath.Join(dir, "harbour-finch-ltd-2026-11-24-summary.json")
	if err := os.WriteFile(path, write(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	a := r.Assessment
	for _, given := range []string{path, dir} {
		prev, err := summary.ReadPrevious(given, a.Customer, date.AddDate(0, 0, 7))
		if err != nil {
			t.Fatal(err)
		}
		s := prev.Snapshot
		if prev.Path != path || len(prev.Notices) > 0 || s.Generated != a.Generated || s.Verdict != a.Verdict ||
			s.Customer != a.Customer || len(s.Checks) != len(a.Checks) {
			t.Fatalf("%s read back as %s, %q: %+v", given, prev.Path, prev.Notices, s)
		}
		for i, c := range a.Checks {
			sc := s.Checks[i]
			if sc.ID != c.ID || sc.Status != c.Status || len(sc.Findings) != len(c.Findings) {
				t.Fatalf("check %s read back as %+v", c.ID, sc)
			}
			for j, f := range c.Findings {
				want := assessment.SnapshotFinding{Kind: f.Kind, Key: f.Key, Row: f.Row, UserID: f.UserID, Name: f.Name, Email: f.Email}
				if sc.Findings[j] != want {
					t.Errorf("finding %s read back as %+v", f.Key, sc.Findings[j])
				}
			}
		}
	}
	// Compared with itself a week later: nothing resolved, nothing new.
	prev, _ := summary.ReadPrevious(path, a.Customer, date.AddDate(0, 0, 7))
	again := report(t, "harbour-finch", "en", readiness.Options{Previous: prev.Snapshot})
	if b := again.Assessment.Progress.Blocking; b.Before == 0 || b.Resolved != 0 || b.New != 0 || b.Open != b.Before {
		t.Errorf("the same export compared with its own summary: %+v", b)
	}
}

// What cannot be compared is an input error naming the file; a summary of
// schema 1, which had no verdict and no keys, is compared with a notice.
func TestReadPrevious(t *testing.T) {
	dir := t.TempDir()
	file := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	now := assessment.Customer{Name: "Progress Co", Slug: "progress-co"}
	old := file("old.json", `{"schema": 1, "generated": "2026-11-10", "customer": {"name": "Progress Co", "slug": "progress-co", "tenant": "", "language": "en"},
 "ready": false, "users": 4,
 "checks": [{"id": "licences", "status": "fail", "findings": [
   {"row": 3, "user_id": "BO", "name": "Bo Berg", "email": "bo@progress.example.com"},
   {"row": 0, "user_id": "", "name": "", "email": ""}]}]}`)
	prev, err := summary.ReadPrevious(old, now, date)
	if err != nil {
		t.Fatal(err)
	}
	if prev.Snapshot.Verdict != assessment.VerdictNotReady || len(prev.Snapshot.Checks[0].Findings) != 2 ||
		!reflect.DeepEqual(prev.Notices, []string{"an older summary (schema 1): findings are matched by user id, address or item; 1 without any of these cannot be matched"}) {
		t.Errorf("schema 1: %+v, %q", prev.Snapshot, prev.Notices)
	}
	for _, tc := range []struct{ name, doc, err string }{
		{"masked.json", `{"schema": 2, "generated": "2026-11-10", "masked": true, "checks": [{"id": "x"}]}`, "a masked copy cannot be compared"},
		{"newer.json", `{"schema": 3, "generated": "2026-11-10", "users": [], "checks": [{"id": "x"}]}`, "summary of schema 3, made by a newer migready"},
		{"other.json", `{"schema": 2, "generated": "2026-11-01", "customer": {"name": "Another AS", "slug": "another-as"}, "checks": [{"id": "x"}]}`,
			`the previous pack is of "Another AS", this one of "Progress Co"`},
		{"tenant.json", `{"schema": 2, "generated": "2026-11-01", "customer": {"name": "Progress Co", "slug": "progress-co", "tenant": "other"}, "checks": [{"id": "x"}]}`,
			`the previous pack is of tenant other ("Progress Co"), this one of mine ("Progress Co")`},
		{"slug.json", `{"schema": 2, "generated": "2026-11-01", "customer": {"name": "Progress C.O.", "slug": "progress-co"}, "checks": [{"id": "x"}]}`,
			`the previous pack is of "Progress C.O.", this one of "Progress Co"`},
		{"undated.json", `{"schema": 2, "generated": "soon", "checks": [{"id": "x"}]}`, `the summary's date "soon" is not a date`},
		{"corrupt.json", `{"schema": 2, "generated": "2026-11-01", "customer": {"name": "Progress Co"`, "not a migready summary"},
		{"typed.json", `{"schema": 2, "generated": "2026-11-01", "users": 4, "checks": [{"id": "x"}]}`, "not a migready summary"},
	} {
		now := now
		if tc.name == "tenant.json" {
			now.Tenant = "mine"
		}
		_, err := summary.ReadPrevious(file(tc.name, tc.doc), now, date)
		if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.HasPrefix(err.Error(), filepath.Join(dir, tc.name)) {
			t.Errorf("%s: %v, want %q naming the file", tc.name, err, tc.err)
		}
	}
}

// In a folder of packs, the customer's latest before the date is taken;
// another customer's (even of the same file names: another tenant, or a
// name that differs in punctuation), a masked copy's and a later one are
// not.
func TestLatest(t *testing.T) {
	dir := t.TempDir()
	for name, doc := range map[string]string{
		"a-2026-11-01-summary.json":        `{"schema": 2, "generated": "2026-11-01", "customer": {"name": "A AS", "slug": "a-as"}}`,
		"a-2026-11-10-summary.json":        `{"schema": 2, "generated": "2026-11-10", "customer": {"name": "A  as", "slug": "a-as", "tenant": "Cust1"}}`,
		"a-2026-11-12-masked-summary.json": `{"schema": 2, "generated": "2026-11-12", "customer": {"name": "A AS", "slug": "a-as"}, "masked": true}`,
		"a-2026-11-13-summary.json":        `{"schema": 2, "generated": "2026-11-13", "customer": {"name": "A AS", "slug": "a-as", "tenant": "Cust2"}}`,
		"a-2026-11-14-summary.json":        `{"schema": 2, "generated": "2026-11-14", "customer": {"name": "A.S. A", "slug": "a-as"}}`,
		"b-2026-11-11-summary.json":        `{"schema": 2, "generated": "2026-11-11", "customer": {"name": "B AS", "slug": "b-as"}}`,
		"a-2026-11-30-summary.json":        `{"schema": 2, "generated": "2026-11-30", "customer": {"name": "A AS", "slug": "a-as"}}`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a := assessment.Customer{Name: "A AS", Slug: "a-as", Tenant: "Cust1"}
	got, err := summary.Latest(dir, a, date)
	if err != nil || filepath.Base(got) != "a-2026-11-10-summary.json" {
		t.Errorf("latest of A AS: %q, %v", got, err)
	}
	c := assessment.Customer{Name: "C AS", Slug: "c-as"}
	if _, err := summary.Latest(dir, c, date); err == nil || !strings.Contains(err.Error(), `no pack of "C AS" made before 2026-11-24`) {
		t.Errorf("latest of c: %v", err)
	}
	other := assessment.Customer{Name: "A/S A", Slug: "a-as"}
	_, err = summary.Latest(dir, other, date)
	if err == nil || !strings.Contains(err.Error(), `no pack of "A/S A" made before 2026-11-24 in this folder; the packs of the same file names in it are of "A  as" (tenant Cust1), "A AS", "A AS" (tenant Cust2), "A.S. A"`) {
		t.Errorf("latest of another customer of the same slug: %v", err)
	}
}

// Write writes customer data literally: no HTML escaping.
func TestWriteLiteral(t *testing.T) {
	var b bytes.Buffer
	d := &summary.Document{Schema: summary.Schema, Customer: summary.Customer{Customer: assessment.Customer{Name: "<b>A & B</b>"}}}
	if err := summary.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"name": "<b>A & B</b>"`) {
		t.Errorf("escaped: %s", b.String())
	}
	var back summary.Document
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.Customer.Name != "<b>A & B</b>" {
		t.Errorf("read back: %v %+v", err, back.Customer)
	}
}
