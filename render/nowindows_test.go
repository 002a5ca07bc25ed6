package render

import (
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
)

// TestNoWindowsClientTravelInExport: Harbour & Finch's export marks two
// users as out on Travel; on 10.0.5, which has no Windows client and so no
// Travel, the export contradicts the version. The check is to verify, not
// a blocker, and nothing in the pack sends the admin to the Windows
// administration client (SOAdmin) or its Replication screen, which they do
// not have: the steps ask for the version and a new export.
func TestNoWindowsClientTravelInExport(t *testing.T) {
	p, err := inputs.ReadProfile("../examples/harbour-finch/profile.toml")
	if err != nil {
		t.Fatal(err)
	}
	users, err := inputs.ReadUsers(p.Resolve(p.Users), p.Sheet)
	if err != nil {
		t.Fatal(err)
	}
	p.Onsite.Version, p.Onsite.Satellites, p.Onsite.SatellitesGiven = "10.0.5", 0, false
	date := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	a := readiness.Assess(p, users, readiness.Options{Tool: "migready test", Date: date})
	if c := a.Check(assessment.CheckTravel); c.Status != assessment.Unknown || len(c.Findings) != 2 || c.Findings[0].Kind != "travel-no-windows-client" {
		t.Fatalf("travel on 10.0.5 with two users out in the export: %s, %+v", c.Status, c.Findings)
	}
	for _, lang := range templates.Supported {
		l := templates.MustLoad(lang)
		r := &Report{Assessment: a, Lang: l, Date: date}
		names := PackNames("x", date, false)
		r.Files = &names
		md, err := packBody(localize(r), "html")
		if err != nil {
			t.Fatal(err)
		}
		body := string(md)
		for _, bad := range []string{"SOAdmin", "SuperOffice Admin", l.T("check.travel.steps")} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: the pack of a 10.0.5 installation says %q", lang, bad)
			}
		}
		if steps := l.Variant("nowindows").T("check.travel.steps"); !strings.Contains(body, steps) {
			t.Errorf("%s: the pack lacks the steps for a version without the Windows client", lang)
		}
	}
}
