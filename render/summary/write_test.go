package summary

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/migready/migready/readiness/assessment"
)

// TestIndentJSONAsEncodingJSON: encodeIndented writes what encoding/json's
// indenting Encoder writes, for values with every kind of JSON in them:
// empty and nested objects and arrays, strings with quotes, backslashes,
// brackets, commas, colons, control characters and non-ASCII letters.
func TestIndentJSONAsEncodingJSON(t *testing.T) {
	want := func(v any) []byte {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	values := []any{
		map[string]any{},
		[]any{},
		"plain",
		42,
		nil,
		map[string]any{"a": []any{}, "b": map[string]any{}, "c": []any{map[string]any{}, []any{[]any{}}}},
		[]any{`"quoted" {not: [an, object]}`, `back\slash\`, "tab\tnew\nline\x01", "<script>&</script>", "Łukasz Żółć \u2028 \U0001F600"},
		map[string]any{`key "with" :quotes,`: 1.5, "k\\": true, "n": nil, "deep": []any{[]any{[]any{[]any{[]any{1, []any{2, map[string]any{"x": "y"}}}}}}}},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		values = append(values, randomJSON(r, 0))
	}
	for i, v := range values {
		var got bytes.Buffer
		if err := encodeIndented(&got, v); err != nil {
			t.Fatal(err)
		}
		if w := want(v); !bytes.Equal(got.Bytes(), w) {
			t.Fatalf("value %d:\ngot  %q\nwant %q", i, got.Bytes(), w)
		}
	}
}

func randomJSON(r *rand.Rand, depth int) any {
	n := r.IntN(8)
	if depth > 5 {
		n = r.IntN(4)
	}
	switch n {
	case 0:
		return nil
	case 1:
		return r.IntN(2) == 0
	case 2:
		return r.NormFloat64() * 1e6
	case 3:
		return randomString(r)
	case 4, 5:
		a := make([]any, r.IntN(4))
		for i := range a {
			a[i] = randomJSON(r, depth+1)
		}
		return a
	default:
		m := map[string]any{}
		for range r.IntN(4) {
			m[randomString(r)] = randomJSON(r, depth+1)
		}
		return m
	}
}

func randomString(r *rand.Rand) string {
	chars := []rune(`"\{}[]:, aZ0ø€` + "\n\t\x00\u2028")
	var b strings.Builder
	for range r.IntN(12) {
		b.WriteRune(chars[r.IntN(len(chars))])
	}
	return b.String()
}

// TestAppendJSONStringAsEncodingJSON: appendJSONString quotes strings as
// encoding/json does with HTML escaping off, for every byte, invalid UTF-8
// and the separators JavaScript reads as line ends.
func TestAppendJSONStringAsEncodingJSON(t *testing.T) {
	var all []byte
	for b := range 256 {
		all = append(all, byte(b))
	}
	tests := []string{"", "plain", string(all), "\u2028 \u2029 \u2027", "Łukasz \"Żółć\" <b>&</b>", "\xff\xfe\xc3", "tab\tnew\nline\x7f"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		b := make([]byte, r.IntN(20))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		tests = append(tests, string(b))
	}
	for _, s := range tests {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got)+"\n" != want.String() {
			t.Fatalf("%q: got %s, want %s", s, got, want.Bytes())
		}
	}
}

// TestWriteAsEncodingJSON: the summary with its findings written by
// appendFinding is byte for byte what encoding/json writes, for findings
// of every shape: hostile text (quotes, brackets, the very bytes that
// stand for findings left out, control characters), arguments of several
// types, tracking and none, checks with no findings.
func TestWriteAsEncodingJSON(t *testing.T) {
	hostile := `"findings":null}, ],"x":{"findings":null} \" <script> \u2028 \x01 =SUM(A1) ` + "\u2028\xff"
	doc := &Document{Schema: 2, Tool: "migready test", Language: "en", Verdict: assessment.VerdictNotReady, Blockers: 2,
		Words: Words{Verdict: hostile, Detail: "d"},
		Checks: []Check{
			{ID: "empty", Status: assessment.Pass, Facts: Text{Key: "k", Args: assessment.Args{}}, Findings: []Finding{}},
			{ID: "many", Status: assessment.Fail, Title: hostile, Facts: Text{Key: "k", Args: assessment.Args{{Name: "count", Value: 3}}}, Findings: []Finding{
				{SnapshotFinding: assessment.SnapshotFinding{Kind: "a", Key: "many:user:u1", Row: 2, UserID: "U1", Name: hostile, Email: "a@b.c"}, Args: assessment.Args{}, Problem: hostile, Action: "act"},
				{SnapshotFinding: assessment.SnapshotFinding{Kind: "b", Key: "k2", Row: -1}, Args: assessment.Args{{Name: "n", Value: 1.5}, {Name: "<list>", Value: []string{"x", hostile}}, {Name: "m", Value: map[string]int{"z": 1, "a": 2}}},
					Track: &assessment.Tracking{State: "open", Owner: hostile, Due: "2026-12-01", Comment: "\tc"}},
				{SnapshotFinding: assessment.SnapshotFinding{Kind: hostile}, Args: assessment.Args{{Name: "nil", Value: nil}, {Name: "b", Value: true}}},
			}},
			{ID: "last", Findings: []Finding{{SnapshotFinding: assessment.SnapshotFinding{Kind: "c"}, Args: assessment.Args{}}}},
		},
	}
	// A check of many findings is written in many pieces.
	many := Check{ID: "big", Facts: Text{Args: assessment.Args{}}}
	for i := range 3000 {
		f := doc.Checks[1].Findings[i%3]
		f.Row = i
		many.Findings = append(many.Findings, f)
	}
	big := *doc
	big.Checks = append(append([]Check(nil), doc.Checks...), many)
	for _, d := range []*Document{doc, &big} {
		var want, got bytes.Buffer
		if err := encodeIndented(&want, d); err != nil {
			t.Fatal(err)
		}
		if err := Write(&got, d); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			i := 0
			for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
				i++
			}
			t.Fatalf("%d findings: differs at byte %d of %d (want %d):\n%s", len(d.Checks[len(d.Checks)-1].Findings), i, got.Len(), want.Len(), got.Bytes()[max(0, i-200):min(got.Len(), i+200)])
		}
	}
	// And the findings were written by appendFinding, not by the fallback.
	saved := make([][]Finding, len(doc.Checks))
	for i := range doc.Checks {
		saved[i], doc.Checks[i].Findings = doc.Checks[i].Findings, nil
	}
	compact, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(compact, []byte(summaryFindingsNull)); n != len(doc.Checks) {
		t.Errorf("%d checks' findings left out recognised, want %d: every summary is written the slow way", n, len(doc.Checks))
	}
	for _, fs := range saved {
		for i := range fs {
			if _, ok := encodeParts(&fs[i]); !ok {
				t.Errorf("finding %q: its arguments or notes do not encode", fs[i].Key)
			}
		}
	}
}

// appendArgs writes what Args.MarshalJSON writes, or says it cannot.
func TestAppendArgsAsMarshalJSON(t *testing.T) {
	hostile := `"x" \ <script> & ` + "\u2028\x01\xff é"
	text := assessment.Text{Key: hostile, Args: assessment.Args{{Name: "user", Value: hostile}, {Name: "row", Value: 12}}}
	for _, c := range []struct {
		args assessment.Args
		ok   bool
	}{
		{nil, true},
		{assessment.Args{}, true},
		{assessment.Args{{Name: "s", Value: hostile}, {Name: "n", Value: -3}, {Name: hostile[:3], Value: ""}}, true},
		{assessment.Args{{Name: "t", Value: text}, {Name: "p", Value: assessment.Text{Key: "k", Plural: true, Args: assessment.Args{}}}}, true},
		{assessment.Args{{Name: "others", Value: assessment.List{text, {Key: "more", Plural: true, Args: assessment.Args{{Name: "count", Value: 510}}}}}}, true},
		{assessment.Args{{Name: "none", Value: assessment.List(nil)}, {Name: "empty", Value: assessment.List{}}}, true},
		{assessment.Args{{Name: "nested", Value: assessment.Text{Key: "k", Args: assessment.Args{{Name: "f", Value: 1.5}}}}}, false},
		{assessment.Args{{Name: "<b>", Value: "x"}}, false},
		{assessment.Args{{Name: "h", Value: assessment.Hours(2)}}, false},
		{assessment.Args{{Name: "i", Value: int64(2)}}, false},
		{assessment.Args{{Name: "nil", Value: nil}}, false},
	} {
		want, err := c.args.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		got, ok := appendArgs([]byte("pre"), c.args)
		if ok != c.ok || ok && string(got) != "pre"+string(want) {
			t.Errorf("appendArgs(%v) = %s, %v; MarshalJSON %s", c.args, got, ok, want)
		}
	}
}
