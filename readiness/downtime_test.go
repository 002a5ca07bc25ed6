package readiness

import (
	"math"
	"testing"

	"github.com/migready/migready/inputs"
)

func TestDefaultMigration(t *testing.T) {
	d := DefaultMigration()
	if d.UplinkMbps != 100 || d.Efficiency != 0.6 || d.DatabaseGBPerHour <= 0 || d.FixedHours <= 0 ||
		d.LowFactor <= 0 || d.LowFactor > 1 || d.HighFactor < 1 {
		t.Errorf("defaults %+v", d)
	}
	if withDefaults(inputs.Migration{}) != d {
		t.Error("zero values do not mean defaults")
	}
	if got := withDefaults(inputs.Migration{UplinkMbps: 500}); got.UplinkMbps != 500 || got.Efficiency != d.Efficiency {
		t.Errorf("partial override %+v", got)
	}
}

func TestModel(t *testing.T) {
	// 10 GB database, 100 GB archive, defaults: upload of 110 GB at
	// 60 Mbit/s = 110×8192/(60×3600) ≈ 4.17 h; database work 1 h; fixed 2 h.
	e := model(10, 100, inputs.Migration{})
	upload := func(gb float64) float64 { return gb * 8192 / (100 * 0.6 * 3600) }
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if !near(e.database, 1+upload(10)) || !near(e.archive, upload(100)) || e.fixed != 2 {
		t.Errorf("parts %+v", e)
	}
	if !near(e.expected, e.database+e.archive+e.fixed) || !near(e.low, e.expected*0.75) || !near(e.high, e.expected*1.75) {
		t.Errorf("totals %+v", e)
	}
	if e := model(0, 0, inputs.Migration{}); e.expected != 2 {
		t.Errorf("empty model %+v", e)
	}
}

// TestModelMonotonic: a bigger database or archive, a slower line, a lower
// efficiency or a slower database never make the estimate smaller.
func TestModelMonotonic(t *testing.T) {
	sizes := []float64{0, 0.5, 1, 3, 10, 25, 80, 200, 1000}
	rates := []inputs.Migration{
		{},
		{UplinkMbps: 10, Efficiency: 0.3},
		{UplinkMbps: 1000, Efficiency: 0.9, DatabaseGBPerHour: 50, FixedHours: 1},
		{LowFactor: 0.5, HighFactor: 3},
	}
	for _, m := range rates {
		var prevDB estimate
		for i, db := range sizes {
			var prev estimate
			for j, arc := range sizes {
				e := model(db, arc, m)
				if !(e.low <= e.expected && e.expected <= e.high) {
					t.Errorf("%+v %v %v: low/expected/high out of order %+v", m, db, arc, e)
				}
				if j > 0 && (e.low < prev.low || e.expected < prev.expected || e.high < prev.high) {
					t.Errorf("%+v: archive %v → %v shrinks estimate", m, sizes[j-1], arc)
				}
				prev = e
			}
			e := model(db, 10, m)
			if i > 0 && (e.low < prevDB.low || e.expected < prevDB.expected || e.high < prevDB.high) {
				t.Errorf("%+v: database %v → %v shrinks estimate", m, sizes[i-1], db)
			}
			prevDB = e
		}
	}
	base := model(20, 50, inputs.Migration{})
	for _, slower := range []inputs.Migration{
		{UplinkMbps: 50}, {Efficiency: 0.4}, {DatabaseGBPerHour: 5}, {FixedHours: 4},
	} {
		if e := model(20, 50, slower); e.expected < base.expected {
			t.Errorf("%+v gives a smaller estimate", slower)
		}
	}
}

func TestDowntimeResult(t *testing.T) {
	a := assess(profile(func(p *inputs.Profile) {
		p.Onsite.DatabaseGB, p.Onsite.ArchiveGB = 10, 100
		p.Migration = inputs.Migration{UplinkMbps: 50}
	}), goodUsers())
	d := a.Downtime
	if d.ExpectedHours != math.Round(d.ExpectedHours*10)/10 {
		t.Errorf("not rounded: %v", d.ExpectedHours)
	}
	if len(d.Parts) != 3 || d.Parts[0].ID != "database" || d.Parts[1].ID != "archive" || d.Parts[2].ID != "fixed" {
		t.Errorf("parts %+v", d.Parts)
	}
	if d.Formula == "" || len(d.Assumptions) != 6 {
		t.Errorf("formula %q, %d assumptions", d.Formula, len(d.Assumptions))
	}
	if as := d.Assumptions[0]; as.Key != "uplink_mbps" || as.Value != 50 {
		t.Errorf("first assumption %+v", as)
	}
	if !(d.LowHours < d.ExpectedHours && d.ExpectedHours < d.HighHours) {
		t.Errorf("range %v %v %v", d.LowHours, d.ExpectedHours, d.HighHours)
	}
}
