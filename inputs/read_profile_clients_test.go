package inputs

import (
	"errors"
	"strings"
	"testing"
)

// TestProfileNoWindowsClient: users out on Travel or active satellites on a
// version without the Windows client (9 and later) is a profile that
// contradicts itself: an input error at each key's line, naming the
// version and its line, with a hint to check the version or answer none.
// It gave two blockers whose steps pointed to SOAdmin's Replication screen.
func TestProfileNoWindowsClient(t *testing.T) {
	profile := func(version, extra string) []byte {
		p := strings.Replace(goodProfile, `version = "8.5 R10"`, `version = "`+version+`"`, 1)
		p = strings.Replace(p, "satellites = 0\n", extra, 1)
		return []byte(p)
	}
	_, err := ParseProfile("p.toml", profile("10.0.5", "satellites = 2\ntravel_users = [\"LKA\", \" \"]\n"))
	var es Errors
	if !errors.As(err, &es) || len(es) != 2 {
		t.Fatalf("want two problems, got %v", err)
	}
	for i, want := range []struct {
		key  string
		line int
		msg  string
	}{
		{"onsite.satellites", 9, `satellites = 2, but onsite.version = "10.0.5" (line 6) has no Windows client`},
		{"onsite.travel_users", 10, `travel_users names "LKA" as out on Travel, but onsite.version = "10.0.5" (line 6) has no Windows client`},
	} {
		e := es[i]
		if e.Key != want.key || e.Line != want.line || e.Kind != ProblemNoWindowsClient || !strings.Contains(e.Msg, want.msg) {
			t.Errorf("problem %d: %s (kind %s), want line %d key %s: %s", i, e.Error(), e.Kind, want.line, want.key, want.msg)
		}
		for _, h := range []string{"10.0.5", "8.5 R17", "travel_users = []", "satellites = 0"} {
			if !strings.Contains(e.Hint, h) {
				t.Errorf("problem %d: the hint lacks %q: %s", i, h, e.Hint)
			}
		}
	}
	for _, ok := range []struct{ version, extra string }{
		{"8.5 R17", "satellites = 2\ntravel_users = [\"LKA\"]\n"}, // the last with the Windows client
		{"10.0.5", "satellites = 0\ntravel_users = []\n"},         // none, said
		{"10.0.5", ""}, // left out: the version tells
		{"SuperOffice 9", "satellites = 0\n"},
	} {
		if _, err := ParseProfile("p.toml", profile(ok.version, ok.extra)); err != nil {
			t.Errorf("version %s with %q: %v", ok.version, ok.extra, err)
		}
	}
	if _, err := ParseProfile("p.toml", profile("9.2", "satellites = 1\n")); err == nil || !strings.Contains(err.Error(), `key "onsite.satellites"`) {
		t.Errorf("9.2 with a satellite: %v", err)
	}
}
