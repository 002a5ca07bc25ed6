package readiness

import (
	"math"
	"strconv"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

// DefaultMigration returns the downtime model's defaults. SuperOffice
// publishes no hours-per-GB figure for the Online Migration Tool, so the
// estimate is a model; every rate can be set under [migration] when the
// customer's line or a test migration says otherwise.
func DefaultMigration() inputs.Migration {
	return inputs.Migration{
		// A common business fibre upload speed in the Nordics; a customer
		// on ADSL or a shared line should set it.
		UplinkMbps: 100,
		// TCP and TLS overhead, the tool's chunked uploads and other traffic
		// on the line leave a bulk upload well below the nominal speed;
		// 60 % is a usual sustained figure for a shared office line.
		Efficiency: 0.6,
		// Exporting the database on site and importing it into the Online
		// database server (index rebuilds, checks) together, excluding the
		// upload. 10 GB/h is deliberately cautious for SQL Server
		// backup/restore on ordinary on-site hardware.
		DatabaseGBPerHour: 10,
		// Work that does not grow with size: freezing the system, the
		// tool's final checks, switching mail/DNS and the users' first
		// sign-in and smoke test.
		FixedHours: 2,
		// Migrations overrun far more often than they finish early, so the
		// range is lopsided.
		LowFactor:  0.75,
		HighFactor: 1.75,
	}
}

// withDefaults fills zero (or negative) rates with DefaultMigration's.
func withDefaults(m inputs.Migration) inputs.Migration {
	d := DefaultMigration()
	or := func(v, def float64) float64 {
		if v > 0 {
			return v
		}
		return def
	}
	return inputs.Migration{
		UplinkMbps:        or(m.UplinkMbps, d.UplinkMbps),
		Efficiency:        or(m.Efficiency, d.Efficiency),
		DatabaseGBPerHour: or(m.DatabaseGBPerHour, d.DatabaseGBPerHour),
		FixedHours:        or(m.FixedHours, d.FixedHours),
		LowFactor:         or(m.LowFactor, d.LowFactor),
		HighFactor:        or(m.HighFactor, d.HighFactor),
	}
}

// downtimeFormula is the model as a formula a reader can check by hand.
var downtimeFormula = "expected = fixed_hours + database_gb / database_gb_per_hour" +
	" + (database_gb + archive_gb) × " + strconv.Itoa(assessment.MbitPerGB) + " / (uplink_mbps × efficiency × " + strconv.Itoa(assessment.SecondsPerHour) + ");" +
	" low = expected × low_factor; high = expected × high_factor"

// estimate is the unrounded downtime model.
type estimate struct {
	database, archive, fixed float64 // expected hours by driver
	low, expected, high      float64
}

func model(databaseGB, archiveGB float64, m inputs.Migration) estimate {
	m = withDefaults(m)
	databaseGB, archiveGB = max(databaseGB, 0), max(archiveGB, 0)
	upload := func(gb float64) float64 {
		return gb * assessment.MbitPerGB / (m.UplinkMbps * m.Efficiency * assessment.SecondsPerHour)
	}
	e := estimate{
		database: databaseGB/m.DatabaseGBPerHour + upload(databaseGB),
		archive:  upload(archiveGB),
		fixed:    m.FixedHours,
	}
	e.expected = e.database + e.archive + e.fixed
	e.low = e.expected * m.LowFactor
	e.high = e.expected * m.HighFactor
	return e
}

// The downtime figures are rounded here, once; every output prints them as
// they are. Each part of the expected time is rounded up to a half hour, and
// the expected time is the sum of the parts as rounded, so the chart, the
// calculation and the headline add up, and the expected time is never below
// the model's. The range is that expected time times the low and high
// factors, rounded outwards: to a half hour under 10 hours, to an hour from
// 10 hours (an estimate with a range of -25 % to +75 % has no more
// precision). So the high estimate, the freeze window to book, is never
// below the model's own, and a reader can check every figure by hand.

// hourStep is the rounding step of a range figure of h hours.
func hourStep(h float64) float64 {
	if h < 10 {
		return 0.5
	}
	return 1
}

// eps keeps a product that is a whisker off a step (floating point, as in
// 57 × 1.75) on that step.
const eps = 1e-9

// partHours rounds a part of the expected time up to a half hour.
func partHours(h float64) float64 {
	if h <= 0 {
		return 0
	}
	return math.Ceil(h*2-eps) / 2
}

// floorHours rounds h down to its step, to at least half an hour.
func floorHours(h float64) float64 {
	if h <= 0 {
		return 0
	}
	step := hourStep(h)
	return max(0.5, math.Floor(h/step+eps)*step)
}

// ceilHours rounds h up to its step.
func ceilHours(h float64) float64 {
	if h <= 0 {
		return 0
	}
	r := math.Ceil(h/hourStep(h)-eps) * hourStep(h)
	// 9.8 rounds up to 10 in half hours; from 10 the step is an hour.
	return math.Ceil(r/hourStep(r)-eps) * hourStep(r)
}

// rounded is the estimate as every output writes it (see above).
func (e estimate) rounded(m inputs.Migration) (low, expected, high float64, parts [3]float64) {
	m = withDefaults(m)
	parts = [3]float64{partHours(e.database), partHours(e.archive), partHours(e.fixed)}
	expected = parts[0] + parts[1] + parts[2]
	low = min(floorHours(expected*m.LowFactor), expected)
	high = max(ceilHours(expected*m.HighFactor), expected)
	return low, expected, high, parts
}

// Above a day of expected downtime the check asks to plan for a weekend;
// when the freeze window (the high estimate) is longer than a weekend
// (Friday 18:00 to Monday 06:00), it asks to shorten the migration or
// measure it with a test migration.
const (
	dayHours     = 24
	WeekendHours = 60
)

func (a *assessor) downtime() (assessment.Downtime, assessment.Check) {
	const id = assessment.CheckDowntime
	on := a.p.Onsite
	m := withDefaults(a.p.Migration)
	e := model(on.DatabaseGB, on.ArchiveGB, m)
	low, expected, high, parts := e.rounded(m)
	d := assessment.Downtime{
		LowHours:      low,
		ExpectedHours: expected,
		HighHours:     high,
		Formula:       downtimeFormula,
		Parts: []assessment.Part{
			{ID: "database", Hours: parts[0]},
			{ID: "archive", Hours: parts[1]},
			{ID: "fixed", Hours: parts[2]},
		},
		LongerThanWeekend: high > WeekendHours,
	}
	for _, as := range []struct {
		key   string
		value float64
	}{
		{"uplink_mbps", m.UplinkMbps},
		{"efficiency", m.Efficiency},
		{"database_gb_per_hour", m.DatabaseGBPerHour},
		{"fixed_hours", m.FixedHours},
		{"low_factor", m.LowFactor},
		{"high_factor", m.HighFactor},
	} {
		d.Assumptions = append(d.Assumptions, assessment.Assumption{Key: as.key, Value: as.value})
	}

	args := []any{
		"low", assessment.Hours(d.LowHours), "expected", assessment.Hours(d.ExpectedHours), "high", assessment.Hours(d.HighHours),
		"database", on.DatabaseGB, "archive", on.ArchiveGB,
	}
	switch {
	case on.DatabaseGB <= 0:
		f := a.itemFinding("", "downtime-no-size", args...)
		return d, a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown", args...), []assessment.Finding{f})
	case d.LongerThanWeekend:
		f := a.itemFinding("", "downtime-very-long", args...)
		return d, a.newCheck(id, assessment.Warn, a.l.T("check."+id+".warn-weekend", args...), []assessment.Finding{f})
	case d.ExpectedHours > dayHours:
		f := a.itemFinding("", "downtime-long", args...)
		return d, a.newCheck(id, assessment.Warn, a.l.T("check."+id+".warn", args...), []assessment.Finding{f})
	}
	return d, a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass", args...), nil)
}
