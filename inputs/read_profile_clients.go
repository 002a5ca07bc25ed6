package inputs

import (
	"fmt"
	"strings"
)

// NoWindowsClientMajor is the first release without the Windows client
// (the last Windows release was 8.5 R17), and so without Travel and
// Satellite, which are parts of it. The profile reader refuses a profile
// that reports either on such a version; readiness says the checks pass
// there.
const NoWindowsClientMajor = 9

// noWindowsClient refuses a profile that contradicts itself: users out on
// Travel or active satellites on a version without the Windows client.
// Either the version or the answer is wrong, and only the person who wrote
// the profile can tell which; a pack built on either would give the
// customer steps for screens they do not have. Each key is reported at its
// own line, naming the version and its line.
func (v *validator) noWindowsClient(o *Onsite) {
	if v.reported["onsite.version"] {
		return
	}
	major, _, _, ok := ParseVersion(o.Version)
	if !ok || major < NoWindowsClientMajor {
		return
	}
	version := strings.TrimSpace(o.Version)
	where := fmt.Sprintf("onsite.version = %q", version)
	if n := v.keyLine("onsite", "version"); n > 0 {
		where += fmt.Sprintf(" (line %d)", n)
	}
	hint := fmt.Sprintf("is the version really %s, or an 8.x release such as 8.5 R17, the last with the Windows client? "+
		"If it is %s, nobody can be out on Travel and no satellite can be active: leave travel_users and satellites out, "+
		"or write travel_users = [] and satellites = 0", version, version)
	fail := func(key, msg string) {
		v.add(&Error{File: v.path, Line: v.line("onsite", key), Key: "onsite." + key, Kind: ProblemNoWindowsClient,
			Args: []any{"version", version}, Msg: msg, Hint: hint})
	}
	if len(trimmedList(o.TravelUsers)) > 0 && !v.reported["onsite.travel_users"] {
		fail("travel_users", fmt.Sprintf("travel_users names %s as out on Travel, but %s has no Windows client, and so no Travel",
			quotedList(trimmedList(o.TravelUsers)), where))
	}
	if o.SatellitesGiven && o.Satellites > 0 && !v.reported["onsite.satellites"] {
		fail("satellites", fmt.Sprintf("satellites = %d, but %s has no Windows client, and so no Satellite", o.Satellites, where))
	}
}

// quotedList writes items as a profile would: "a", "b".
func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
