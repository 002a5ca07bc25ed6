package readiness

import (
	"errors"
	"strings"
	"testing"
)

func TestMergeSPF(t *testing.T) {
	const inc = "include:_spf.online.superoffice.com"
	ten := "v=spf1 a mx ptr include:a.example.com include:b.example.com" +
		" include:c.example.com include:d.example.com include:e.example.com include:f.example.com ~all"
	eleven := strings.Replace(ten, " ~all", " exists:%{i}.spf.example.com ~all", 1)
	tests := []struct {
		name    string
		current string
		record  string
		lookups int
		kind    string // SPFError kind, or "lookups" for ErrTooManyLookups
	}{
		{"empty", "", "v=spf1 " + inc + " ~all", 1, ""},
		{"spaces only", "   ", "v=spf1 " + inc + " ~all", 1, ""},
		{"softfail", "v=spf1 mx ~all", "v=spf1 mx " + inc + " ~all", 2, ""},
		{"hardfail", "v=spf1 ip4:192.0.2.0/24 include:spf.protection.outlook.com -all",
			"v=spf1 ip4:192.0.2.0/24 include:spf.protection.outlook.com " + inc + " -all", 2, ""},
		{"neutral", "v=spf1 a ?all", "v=spf1 a " + inc + " ?all", 2, ""},
		{"upper case", "V=SPF1 MX -ALL", "V=SPF1 MX " + inc + " -ALL", 2, ""},
		{"extra spaces", "  v=spf1   mx   -all ", "v=spf1 mx " + inc + " -all", 2, ""},
		{"redirect", "v=spf1 mx redirect=_spf.example.com", "v=spf1 mx " + inc + " redirect=_spf.example.com", 3, ""},
		{"redirect and all", "v=spf1 redirect=_spf.example.com -all", "v=spf1 redirect=_spf.example.com " + inc + " -all", 2, ""},
		{"no all", "v=spf1 mx", "v=spf1 mx " + inc, 2, ""},
		{"exp and unknown modifier kept", "v=spf1 mx exp=explain.example.com foo=bar -all",
			"v=spf1 mx exp=explain.example.com foo=bar " + inc + " -all", 2, ""},
		{"cidr forms", "v=spf1 a/24 mx:mail.example.com/28//64 a//48 ip6:2001:db8::/32 -all",
			"v=spf1 a/24 mx:mail.example.com/28//64 a//48 ip6:2001:db8::/32 " + inc + " -all", 4, ""},
		{"already included", "v=spf1 mx " + inc + " ~all", "v=spf1 mx " + inc + " ~all", 2, ""},
		{"already included, other case", "v=spf1 INCLUDE:_SPF.Online.SuperOffice.com -all",
			"v=spf1 INCLUDE:_SPF.Online.SuperOffice.com -all", 1, ""},
		{"quoted as dig prints it", `"v=spf1 mx " "-all"`, "v=spf1 mx " + inc + " -all", 2, ""},
		{"ten after merge", ten, strings.Replace(ten, " ~all", " "+inc+" ~all", 1), 10, ""},
		{"eleven after merge", eleven, strings.Replace(eleven, " ~all", " "+inc+" ~all", 1), 11, "lookups"},
		{"plus all", "v=spf1 mx +all", "", 0, SPFPassAll},
		{"bare all", "v=spf1 mx all", "", 0, SPFPassAll},
		{"not spf", "v=DKIM1; k=rsa; p=abc", "", 0, SPFNotSPF},
		{"spf2", "spf2.0/pra mx -all", "", 0, SPFNotSPF},
		{"version glued", "v=spf1mx -all", "", 0, SPFNotSPF},
		{"unknown mechanism", "v=spf1 mx foo -all", "", 0, SPFUnknownTerm},
		{"domain on its own", "v=spf1 mx example.com -all", "", 0, SPFUnknownTerm},
		{"space inside include", "v=spf1 include: example.com -all", "", 0, SPFNoDomain},
		{"empty include", "v=spf1 include -all", "", 0, SPFNoDomain},
		{"bad qualifier", "v=spf1 mx !all", "", 0, SPFBadQualifier},
		{"double qualifier", "v=spf1 --all", "", 0, SPFBadQualifier},
		{"qualified modifier", "v=spf1 mx -redirect=example.com", "", 0, SPFBadQualifier},
		{"duplicate redirect", "v=spf1 redirect=a.example.com redirect=b.example.com", "", 0, SPFDuplicate},
		{"empty redirect", "v=spf1 redirect=", "", 0, SPFNoDomain},
		{"bad ip4", "v=spf1 ip4:300.1.1.1 -all", "", 0, SPFBadArgument},
		{"ip6 in ip4", "v=spf1 ip4:2001:db8::1 -all", "", 0, SPFBadArgument},
		{"bad prefix", "v=spf1 ip4:192.0.2.0/33 -all", "", 0, SPFBadArgument},
		{"all with argument", "v=spf1 -all:x", "", 0, SPFBadArgument},
		{"bad include domain", "v=spf1 include:localhost -all", "", 0, SPFBadArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			record, lookups, err := MergeSPF(tt.current)
			switch tt.kind {
			case "":
				if err != nil {
					t.Fatalf("error %v", err)
				}
			case "lookups":
				if !errors.Is(err, ErrTooManyLookups) {
					t.Fatalf("error %v, want ErrTooManyLookups", err)
				}
			default:
				var e *SPFError
				if !errors.As(err, &e) || e.Kind != tt.kind {
					t.Fatalf("error %v, want kind %s", err, tt.kind)
				}
				return
			}
			if record != tt.record || lookups != tt.lookups {
				t.Errorf("MergeSPF(%q) =\n %q, %d\nwant\n %q, %d", tt.current, record, lookups, tt.record, tt.lookups)
			}
		})
	}
}

func TestMergeSPFAllProblems(t *testing.T) {
	r := mergeSPF("v=spf1 +all -redirect=x.no exp=a.no exp=b.no ip4:300.1.1.1 include: foo")
	var kinds []string
	for _, p := range r.problems {
		kinds = append(kinds, p.Kind)
	}
	want := []string{SPFPassAll, SPFBadQualifier, SPFDuplicate, SPFBadArgument, SPFNoDomain, SPFUnknownTerm}
	if strings.Join(kinds, " ") != strings.Join(want, " ") {
		t.Errorf("problems %v, want %v", kinds, want)
	}
}

func TestSplitTXT(t *testing.T) {
	for _, n := range []int{0, 1, 254, 255, 256, 510, 511, 1000} {
		rec := strings.Repeat("x", n)
		ss := SplitTXT(rec)
		if len(ss) < 1 || strings.Join(ss, "") != rec {
			t.Errorf("%d: split %d strings, lost text", n, len(ss))
		}
		for i, s := range ss {
			if len(s) > MaxTXTString || i < len(ss)-1 && len(s) != MaxTXTString {
				t.Errorf("%d: string %d has %d characters", n, i, len(s))
			}
		}
		if want := max(1, (n+MaxTXTString-1)/MaxTXTString); len(ss) != want {
			t.Errorf("%d: %d strings, want %d", n, len(ss), want)
		}
	}
}

func TestMergeSPFLong(t *testing.T) {
	current := "v=spf1" + strings.Repeat(" ip4:198.51.100.123/32", 12) + " -all"
	record, _, err := MergeSPF(current)
	if err != nil {
		t.Fatal(err)
	}
	if len(record) <= 255 {
		t.Fatalf("record only %d long", len(record))
	}
	ss := SplitTXT(record)
	if len(ss) != 2 || len(ss[0]) != 255 {
		t.Errorf("split %q", ss)
	}
	if q := quoteTXT(ss); !strings.HasPrefix(q, `"v=spf1 `) || !strings.Contains(q, `" "`) {
		t.Errorf("quoted %s", q)
	}
}

func FuzzMergeSPF(f *testing.F) {
	f.Add("v=spf1 mx -all")
	f.Add(`"v=spf1 " "a"`)
	f.Fuzz(func(t *testing.T, s string) {
		record, lookups, err := MergeSPF(s)
		if err == nil || errors.Is(err, ErrTooManyLookups) {
			if !strings.Contains(strings.ToLower(record), "include:_spf.online.superoffice.com") {
				t.Errorf("MergeSPF(%q) = %q lacks the include", s, record)
			}
			if lookups < 1 {
				t.Errorf("MergeSPF(%q): %d lookups", s, lookups)
			}
		}
	})
}
