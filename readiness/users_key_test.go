package readiness

import (
	"hash/maphash"
	"reflect"
	"strings"
	"testing"

	"github.com/migready/migready/inputs"
)

// The keys repeated groups by are appended without strings of their own;
// they must be the strings the checks compare.
func TestAppendKeys(t *testing.T) {
	for _, s := range []string{"", " ", "Kari Nordmann", " Kari  Nordmann ", "KARI NORDMANN ", "kari\tnordmann",
		"Tove Ødegård", "Førnavn1 Étternavn1", "Straße ẞ", "Zoë  Æsir ", "e\u0301 x", "日本 語", "Ωμέγα",
		"\xff broken", "x\u00a0y", "Ábc\u2003def", "U123", " u123 ", "ÅSE", "İstanbul", "ǅ"} {
		if got, want := string(appendNameKey([]byte("pre"), s)), "pre"+singleSpaced(inputs.Transliterate(s)); got != want {
			t.Errorf("appendNameKey(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendIDKey([]byte("pre"), s)), "pre"+foldString(strings.TrimSpace(s)); got != want {
			t.Errorf("appendIDKey(%q) = %q, want %q", s, got, want)
		}
	}
}

// Keys that share a hash are told apart: with every key colliding,
// repeated gives what it gives by the keys themselves.
func TestRepeatedCollidingHashes(t *testing.T) {
	named := func(n string) func(*inputs.User) { return func(u *inputs.User) { u.Name = n } }
	us := users(allColumns, usr(2, "A", "a@x.no", admin),
		usr(3, "KNO", "kari@x.no", named("Kari Nordmann")), usr(4, "KNO2", "k.nordmann@x.no", named("kari  nordmann")),
		usr(5, "PER", "per@x.no"), usr(6, "per", "P@x.no"), usr(7, "OLA", "per@x.no", named("Tove Ødegård")),
		usr(8, "TO", "t@x.no", named("Tove Odegard")))
	want := assess(profile(), us)
	defer func(h func(maphash.Seed, []byte) uint64) { keyHash = h }(keyHash)
	keyHash = func(maphash.Seed, []byte) uint64 { return 1 }
	got := assess(profile(), us)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with colliding hashes the assessment differs")
	}
	for _, id := range []string{"same-person", "duplicate-emails"} {
		if len(want.Check(id).Findings) == 0 {
			t.Errorf("%s: no findings to compare", id)
		}
	}
}
