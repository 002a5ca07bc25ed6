package readiness

import "testing"

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
		{"", 0, 0, false},
		{"8", 0, 0, false},
		{"eight", 0, 0, false},
		{"8.x", 0, 0, false},
		{"0.9", 0, 0, false},
		{"8.5 beta", 0, 0, false},
		{"Online", 0, 0, false},
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

func FuzzParseVersion(f *testing.F) {
	f.Add("8.5 R10")
	f.Add("SuperOffice 9.2")
	f.Fuzz(func(t *testing.T, s string) {
		if major, _, ok := ParseVersion(s); ok && major <= 0 {
			t.Errorf("ParseVersion(%q) ok with major %d", s, major)
		}
	})
}
