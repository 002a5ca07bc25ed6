package readiness

import (
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in           string
		major, minor int
		ok           bool
	}{
		{"7.0 SR2", 7, 0, true},
		{"7.1", 7, 1, true},
		{"7.5 R3", 7, 5, true},
		{"8.1 R6", 8, 1, true},
		{"8.5 R10", 8, 5, true},
		{"8.5 R17", 8, 5, true},
		{"8.5R10", 8, 5, true},
		{"9.2", 9, 2, true},
		{"10.0.5", 10, 0, true},
		{"10.3.9", 10, 3, true},
		{"11.2", 11, 2, true},
		{"v8.5", 8, 5, true},
		{"V 8.5", 8, 5, true},
		{"SuperOffice 9.2", 9, 2, true},
		{"SuperOffice CRM 8.5 R10", 8, 5, true},
		{"superoffice 10.1.2.345", 10, 1, true},
		{" 8.1 ", 8, 1, true},
		// The forms the field writes that are not the usual "8.5 R10".
		{"v8", 8, 0, true},
		{"11", 11, 0, true},
		{"8", 8, 0, true},
		{"8,5", 8, 5, true},
		{"8,5 R10", 8, 5, true},
		{"SuperOffice 8.5 R10", 8, 5, true},
		{"10.0.5.1234", 10, 0, true},
		{"SuperOffice CRM 10", 10, 0, true},
		{"Version 9.2 SR 3", 9, 2, true},
		{"8.5 Release 4", 8, 5, true},
		{"", 0, 0, false},
		{"8.5.R10x", 0, 0, false},
		{"SuperOffice", 0, 0, false},
		{"eight", 0, 0, false},
		{"8.x", 0, 0, false},
		{"0.9", 0, 0, false},
		{"8.5 beta", 0, 0, false},
		{"Online", 0, 0, false},
		// No release has such a major: a point left out ("85" for 8.5).
		{"12", 12, 0, true},
		{"19.1", 19, 1, true},
		{"85", 0, 0, false},
		{"85 R10", 0, 0, false},
		{"20.1", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			major, minor, ok := ParseVersion(tt.in)
			if major != tt.major || minor != tt.minor || ok != tt.ok {
				t.Errorf("ParseVersion(%q) = %d, %d, %v; want %d, %d, %v", tt.in, major, minor, ok, tt.major, tt.minor, tt.ok)
			}
		})
	}
}

func TestDisplayVersion(t *testing.T) {
	for in, want := range map[string]string{
		"8.5 R10":              "8.5 R10",
		"SuperOffice 8.5 R10":  "8.5 R10",
		" superoffice  10.0.5": "10.0.5",
		"SuperOffice CRM 8.5":  "CRM 8.5",
		"SuperOffice8.5":       "8.5",
		"SuperOffice":          "SuperOffice",
		"Version 9.2":          "Version 9.2",
	} {
		if got := DisplayVersion(in); got != want {
			t.Errorf("DisplayVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestVersionTextNotDoubled: a profile that writes "SuperOffice" in front of
// the version does not make the texts ("SuperOffice {version} is …") say it
// twice.
func TestVersionTextNotDoubled(t *testing.T) {
	for v, want := range map[string]string{"SuperOffice 8.5 R10": "8.5 R10", "SuperOffice 7.0 SR2": "7.0 SR2",
		"superoffice 11": "11", "8.5 R10": "8.5 R10"} {
		for _, c := range assessVersion(t, v).Checks {
			if c.ID != assessment.CheckOnsiteVersion {
				continue
			}
			args := []assessment.Args{c.Summary.Args}
			for _, f := range c.Findings {
				args = append(args, f.Args)
			}
			for _, a := range args {
				if got, ok := a.Get("version"); ok && got != want {
					t.Errorf("%q: version argument %q, want %q", v, got, want)
				}
			}
		}
	}
}

// TestVersionMajorOnly: "7" may be 7.0 or 7.5, so against the 7.1 minimum it
// is unknown; "6" and "8" are clear.
func TestVersionMajorOnly(t *testing.T) {
	for v, want := range map[string]assessment.Status{"7": assessment.Unknown, "v6": assessment.Fail, "8": assessment.Pass, "11": assessment.Pass, "7,5": assessment.Pass} {
		for _, c := range assessVersion(t, v).Checks {
			if c.ID == assessment.CheckOnsiteVersion && c.Status != want {
				t.Errorf("%q: %s, want %s", v, c.Status, want)
			}
		}
	}
}

// TestVersionWithoutItsPoint: "85" (8.5 with its point left out) is no
// release. Read as 85 it passed the version check, and Travel and Satellite
// as versions without the Windows client, on no evidence: the version is
// unknown, and Travel and Satellite are told as on a version with the
// Windows client (from the export's columns, or unknown).
func TestVersionWithoutItsPoint(t *testing.T) {
	statuses := func(version string) map[string]assessment.Status {
		p := profile(func(p *inputs.Profile) {
			p.Onsite.Version = version
			p.Onsite.TravelUsers, p.Onsite.SatellitesGiven = nil, false // nobody said
		})
		m := map[string]assessment.Status{}
		for _, c := range assess(p, goodUsers()).Checks {
			m[c.ID] = c.Status
		}
		return m
	}
	got, want := statuses("85"), statuses("8.5 R10")
	if got[assessment.CheckOnsiteVersion] != assessment.Unknown {
		t.Errorf("version 85: %s, want %s", got[assessment.CheckOnsiteVersion], assessment.Unknown)
	}
	if want[assessment.CheckSatellites] != assessment.Unknown {
		t.Fatalf("8.5 R10 with nothing said: satellites %s, want %s", want[assessment.CheckSatellites], assessment.Unknown)
	}
	for _, id := range []string{assessment.CheckTravel, assessment.CheckSatellites} {
		if got[id] != want[id] {
			t.Errorf("version 85: %s %s, want %s as on 8.5 R10", id, got[id], want[id])
		}
	}
}

func FuzzParseVersion(f *testing.F) {
	f.Add("8.5 R10")
	f.Add("SuperOffice 9.2")
	f.Fuzz(func(t *testing.T, s string) {
		if major, _, ok := ParseVersion(s); ok && major <= 0 {
			t.Errorf("ParseVersion(%q) ok with major %d", s, major)
		}
	})
}

func assessVersion(t *testing.T, v string) *assessment.Assessment {
	t.Helper()
	return assess(profile(func(p *inputs.Profile) { p.Onsite.Version = v }), goodUsers())
}
