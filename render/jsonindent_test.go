package render

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
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
