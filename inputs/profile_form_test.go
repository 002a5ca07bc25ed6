package inputs

import "testing"

func TestNumberRange(t *testing.T) {
	for key, want := range map[string][3]float64{
		"onsite.database_gb":    {0, 100_000, 0},
		"onsite.custom_tables":  {0, 100_000, 0},
		"migration.fixed_hours": {0, 1_000, 1},
	} {
		lo, hi, open, ok := NumberRange(key)
		if !ok || lo != want[0] || hi != want[1] || open != (want[2] == 1) {
			t.Errorf("NumberRange(%s) = %v %v %v %v", key, lo, hi, open, ok)
		}
	}
	if _, _, _, ok := NumberRange("customer.name"); ok {
		t.Error("customer.name has a range")
	}
}

func TestProfileValues(t *testing.T) {
	// UTF-16 with a BOM, as PowerShell's Out-File writes it.
	text := "[onsite]\nversion = \"9.2\"\ndatabase_gb = \"14,5\"\n"
	u16 := []byte{0xFF, 0xFE}
	for _, r := range text {
		u16 = append(u16, byte(r), 0)
	}
	raw, err := ProfileValues("p.toml", u16)
	if err != nil {
		t.Fatal(err)
	}
	if o := raw["onsite"].(map[string]any); o["version"] != "9.2" || o["database_gb"] != "14,5" {
		t.Errorf("read %v", raw)
	}
	_, err = ProfileValues("p.toml", []byte("[onsite]\ndatabase_gb = 14,5\n"))
	if e, ok := err.(*Error); !ok || e.Line != 2 {
		t.Errorf("syntax error: %v", err)
	}
}
