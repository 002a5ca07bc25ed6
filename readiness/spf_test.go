package readiness

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
	"github.com/migready/migready/templates"
)

func TestMergeSPF(t *testing.T) {
	const inc = "include:_spf.online.superoffice.com"
	// Ten lookups after the merge: eight own terms (two unknown includes)
	// plus SuperOffice's 2.
	ten := "v=spf1 a mx include:a.example.com include:b.example.com" +
		" include:spf.protection.outlook.com include:_spf.google.com ~all"
	eleven := strings.Replace(ten, " ~all", " exists:%{i}.spf.example.com ~all", 1)
	tests := []struct {
		name    string
		current string
		record  string
		lookups int
		kind    string // SPFError kind, or "lookups" for ErrTooManyLookups
	}{
		{"empty", "", "v=spf1 " + inc + " ~all", 2, ""},
		{"spaces only", "   ", "v=spf1 " + inc + " ~all", 2, ""},
		{"softfail", "v=spf1 mx ~all", "v=spf1 mx " + inc + " ~all", 3, ""},
		{"hardfail", "v=spf1 ip4:192.0.2.0/24 include:spf.protection.outlook.com -all",
			"v=spf1 ip4:192.0.2.0/24 include:spf.protection.outlook.com " + inc + " -all", 3, ""},
		{"neutral", "v=spf1 a ?all", "v=spf1 a " + inc + " ?all", 3, ""},
		{"upper case", "V=SPF1 MX -ALL", "V=SPF1 MX " + inc + " -ALL", 3, ""},
		{"extra spaces", "  v=spf1   mx   -all ", "v=spf1 mx " + inc + " -all", 3, ""},
		{"redirect", "v=spf1 mx redirect=_spf.example.com", "v=spf1 mx " + inc + " redirect=_spf.example.com", 4, ""},
		{"redirect and all: redirect dropped", "v=spf1 redirect=_spf.example.com -all", "v=spf1 " + inc + " -all", 2, ""},
		{"redirect after all: dropped", "v=spf1 mx -all redirect=_spf.example.com", "v=spf1 mx " + inc + " -all", 3, ""},
		{"no all", "v=spf1 mx", "v=spf1 mx " + inc, 3, ""},
		{"exp and unknown modifier kept", "v=spf1 mx exp=explain.example.com foo=bar -all",
			"v=spf1 mx exp=explain.example.com foo=bar " + inc + " -all", 3, ""},
		{"cidr forms", "v=spf1 a/24 mx:mail.example.com/28//64 a//48 ip6:2001:db8::/32 -all",
			"v=spf1 a/24 mx:mail.example.com/28//64 a//48 ip6:2001:db8::/32 " + inc + " -all", 5, ""},
		{"already included", "v=spf1 mx " + inc + " ~all", "v=spf1 mx " + inc + " ~all", 3, ""},
		{"already included, other case", "v=spf1 INCLUDE:_SPF.Online.SuperOffice.com. -all",
			"v=spf1 INCLUDE:_SPF.Online.SuperOffice.com. -all", 2, ""},
		{"included only after all: added before it", "v=spf1 -all " + inc, "v=spf1 " + inc + " -all " + inc, 4, ""},
		{"quoted as dig prints it", `"v=spf1 mx " "-all"`, "v=spf1 mx " + inc + " -all", 3, ""},
		{"ten after merge", ten, strings.Replace(ten, " ~all", " "+inc+" ~all", 1), 10, ""},
		{"eleven after merge", eleven, strings.Replace(eleven, " ~all", " "+inc+" ~all", 1), 11, "lookups"},
		{"ten top-level includes of common providers", "v=spf1 include:spf.protection.outlook.com include:_spf.google.com" +
			" include:_spf.salesforce.com include:sendgrid.net include:mail.zendesk.com include:amazonses.com" +
			" include:email.freshdesk.com include:zoho.eu include:spf1.stripe.com -all", "", 27, "lookups"},
		{"plus all", "v=spf1 mx +all", "", 0, SPFPassAll},
		{"bare all", "v=spf1 mx all", "", 0, SPFPassAll},
		{"not spf", "v=DKIM1; k=rsa; p=abc", "", 0, SPFNotSPF},
		{"spf2", "spf2.0/pra mx -all", "", 0, SPFNotSPF},
		{"version glued", "v=spf1mx -all", "", 0, SPFNotSPF},
		{"two records", "v=spf1 mx -all v=spf1 include:_spf.google.com ~all", "", 0, SPFTwoRecords},
		{"two records quoted and glued", `"v=spf1 mx -all" "v=spf1 a -all"`, "", 0, SPFTwoRecords},
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
			if tt.record != "" && record != tt.record || lookups != tt.lookups {
				t.Errorf("MergeSPF(%q) =\n %q, %d\nwant\n %q, %d", tt.current, record, lookups, tt.record, tt.lookups)
			}
		})
	}
}

// TestSPFLookupTree covers the nested count: table costs, profile
// overrides, unknown includes as "at least", and the checkdmarc warnings.
func TestSPFLookupTree(t *testing.T) {
	// 450 bytes once SuperOffice's include is added.
	bytes450 := "v=spf1" + strings.Repeat(" ip4:198.51.100.123/32", 17) + " ip4:192.0.2.1/32 ip4:1.2.3.4 -all"
	if r := mergeSPF(bytes450, nil); len(r.record) != 450 {
		t.Fatalf("merged record is %d bytes, want 450", len(r.record))
	}
	tests := []struct {
		name      string
		current   string
		overrides map[string]int
		lookups   int
		atLeast   bool
		unknown   []string
		warnings  []string // "id term"
	}{
		{"superoffice alone", "", nil, 2, false, nil, nil},
		{"known includes", "v=spf1 include:_spf.google.com include:SendGrid.net. ~all", nil, 3 + 2 + 2, false, nil, nil},
		{"unknown include at least 1", "v=spf1 include:_spf.acme.net ~all", nil, 3, true, []string{"_spf.acme.net"}, nil},
		{"unknown listed once", "v=spf1 include:_spf.acme.net include:_spf.acme.net ~all", nil, 4, true,
			[]string{"_spf.acme.net"}, []string{"duplicate-include include:_spf.acme.net"}},
		{"profile adds a cost", "v=spf1 include:_spf.acme.net ~all", map[string]int{"_SPF.Acme.net": 3}, 5, false, nil, nil},
		{"profile overrides the table", "v=spf1 include:spf.protection.outlook.com ~all",
			map[string]int{"spf.protection.outlook.com": 4}, 6, false, nil, nil},
		{"profile overrides superoffice", "", map[string]int{SPFIncludeDomain: 3}, 3, false, nil, nil},
		{"macro include is unknown", "v=spf1 include:%{d}.spf.example.com ~all", nil, 3, true, []string{"%{d}.spf.example.com"}, nil},
		{"redirect priced by the table", "v=spf1 redirect=_spf.google.com", nil, 5, false, nil, nil},
		{"redirect unknown", "v=spf1 redirect=_spf.acme.net", nil, 3, true, []string{"_spf.acme.net"}, nil},
		{"redirect with all: ignored, not counted", "v=spf1 mx redirect=_spf.google.com ~all", nil, 3, false, nil,
			[]string{"redirect-ignored redirect=_spf.google.com"}},
		{"ptr", "v=spf1 ptr -all", nil, 3, false, nil, []string{"ptr ptr"}},
		{"ptr with domain and qualifier", "v=spf1 ?ptr:example.com -all", nil, 3, false, nil, []string{"ptr ?ptr:example.com"}},
		{"text after all", "v=spf1 mx -all ip4:192.0.2.1 exp=x.example.com", nil, 3, false, nil,
			[]string{"text-after-all ip4:192.0.2.1"}},
		{"second all", "v=spf1 -all ~all", nil, 2, false, nil, []string{"text-after-all ~all"}},
		{"mailchimp unnecessary", "v=spf1 include:servers.mcsv.net ~all", nil, 4, false, nil,
			[]string{"unnecessary-include include:servers.mcsv.net"}},
		{"amazon ses unnecessary", "v=spf1 include:amazonses.com ~all", nil, 3, false, nil,
			[]string{"unnecessary-include include:amazonses.com"}},
		{"duplicate include, other case", "v=spf1 include:_spf.google.com include:_SPF.GOOGLE.COM ~all", nil, 8, false, nil,
			[]string{"duplicate-include include:_SPF.GOOGLE.COM"}},
		{"long record", "v=spf1" + strings.Repeat(" ip4:198.51.100.123/32", 20) + " -all", nil, 2, false, nil,
			[]string{"long-record "}},
		{"450 bytes is fine", bytes450, nil, 2, false, nil, nil},
		{"451 bytes is long", strings.Replace(bytes450, "1.2.3.4", "1.2.3.45", 1), nil, 2, false, nil, []string{"long-record "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mergeSPF(tt.current, spfCostTable(tt.overrides))
			if len(r.problems) > 0 {
				t.Fatalf("problems %v", r.problems)
			}
			var ws []string
			for _, w := range r.warnings {
				ws = append(ws, w.ID+" "+w.Term)
			}
			if r.lookups != tt.lookups || r.atLeast != tt.atLeast || !slices.Equal(r.unknown, tt.unknown) || !slices.Equal(ws, tt.warnings) {
				t.Errorf("mergeSPF(%q) = %d at least %v, unknown %q, warnings %q; want %d %v %q %q",
					tt.current, r.lookups, r.atLeast, r.unknown, ws, tt.lookups, tt.atLeast, tt.unknown, tt.warnings)
			}
			sum := 0
			for _, c := range r.costs {
				sum += c.Lookups
			}
			if sum != r.lookups {
				t.Errorf("lookup costs add up to %d, not %d: %+v", sum, r.lookups, r.costs)
			}
		})
	}
}

func TestMergeSPFAllProblems(t *testing.T) {
	r := mergeSPF("v=spf1 +all -redirect=x.no exp=a.no exp=b.no ip4:300.1.1.1 include: foo", spfCostTable(nil))
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
	if q := (&assessment.SPF{Strings: ss}).Quoted(); !strings.HasPrefix(q, `"v=spf1 `) || !strings.Contains(q, `" "`) {
		t.Errorf("quoted %s", q)
	}
	if q := (&assessment.SPF{Strings: []string{`a"b\c`}}).Quoted(); q != `"a\"b\\c"` {
		t.Errorf("quoted %s: quotes and backslashes must be escaped as in a zone file", q)
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

// TestSPFCheckNested is the check's verdict and words over the nested count.
func TestSPFCheckNested(t *testing.T) {
	spf := func(current string, costs map[string]int) *inputs.Profile {
		return profile(func(p *inputs.Profile) {
			p.Mail.KeepAddresses, p.Mail.CurrentSPF, p.Mail.SPFCosts = true, current, costs
		})
	}
	providers := "v=spf1 include:spf.protection.outlook.com include:_spf.google.com include:_spf.salesforce.com" +
		" include:sendgrid.net include:mail.zendesk.com include:mailgun.org include:email.freshdesk.com" +
		" include:zoho.eu include:spf1.stripe.com include:zoho.com -all"
	runChecks(t, assessment.CheckSPF, []checkCase{
		{"ten providers: far over", spf(providers, nil), goodUsers(), assessment.Fail, 2, "would make 35 DNS lookups"},
		{"breakdown names each term", spf(providers, nil), goodUsers(), assessment.Fail, 2, "email.freshdesk.com: 7"},
		// A breakdown, not a sentence's list: no "and" between a count and
		// the last term.
		{"breakdown is a tally", spf(providers, nil), goodUsers(), assessment.Fail, 2, "include:zoho.com: 4, include:_spf.online.superoffice.com: 2)"},
		{"unknown far from limit: at least, still to publish", spf("v=spf1 include:_spf.acme.net ~all", nil), goodUsers(), assessment.Warn, 0,
			`at least 3 of the 10 DNS lookups SPF allows, counting the lookups inside included records. The records of "_spf.acme.net" cannot`},
		{"unknown near the limit: warn", spf("v=spf1 include:_spf.google.com include:sendgrid.net include:_spf.acme.net ~all", nil),
			goodUsers(), assessment.Warn, 1, `at least 8 of the 10 DNS lookups SPF allows, and the records of "_spf.acme.net" may well`},
		{"uncertain finding says what is left", spf("v=spf1 include:_spf.google.com include:sendgrid.net include:_spf.acme.net ~all", nil),
			goodUsers(), assessment.Warn, 1, "room for only 2 more"},
		{"profile cost resolves it", spf("v=spf1 include:_spf.google.com include:sendgrid.net include:_spf.acme.net ~all",
			map[string]int{"_spf.acme.net": 1}), goodUsers(), assessment.Warn, 0, "makes 8 of the 10"},
		{"profile cost takes it over", spf("v=spf1 include:_spf.google.com include:sendgrid.net include:_spf.acme.net ~all",
			map[string]int{"_spf.acme.net": 4}), goodUsers(), assessment.Fail, 1, "would make 11 DNS lookups"},
		{"unknown over the limit: fail, at least", spf(strings.Replace(providers, " -all", " include:_spf.acme.net -all", 1), nil), goodUsers(), assessment.Fail, 2,
			"_spf.acme.net: at least 1"},
		{"mailchimp: warn, frees 2", spf("v=spf1 include:servers.mcsv.net ~all", nil), goodUsers(), assessment.Warn, 1, "Remove it to free 2 DNS lookups"},
		{"ptr", spf("v=spf1 ptr ~all", nil), goodUsers(), assessment.Warn, 1, "fix the points below"},
		{"redirect ignored", spf("v=spf1 mx redirect=_spf.acme.net -all", nil), goodUsers(), assessment.Warn, 1, "leaves it out"},
		{"two records", spf("v=spf1 mx -all v=spf1 a -all", nil), goodUsers(), assessment.Fail, 1, "exactly one"},
	})
	a := assess(spf("v=spf1 include:_spf.google.com include:sendgrid.net include:_spf.acme.net ptr ~all", nil), goodUsers())
	noMissingTexts(t, a)
	got := a.SPF
	if !got.DNSLookupsAtLeast || !slices.Equal(got.UnknownIncludes, []string{"_spf.acme.net"}) || got.DNSLookups != 9 {
		t.Errorf("SPF %+v", got)
	}
	var ids []string
	for _, w := range got.Warnings {
		ids = append(ids, w.ID)
	}
	if !slices.Equal(ids, []string{SPFWarnPTR, SPFWarnUncertain}) {
		t.Errorf("warnings %v", ids)
	}
	// Every outcome's words exist in every language.
	for _, current := range []string{providers + " ptr include:_spf.acme.net include:servers.mcsv.net redirect=x.example.com",
		"v=spf1 include:_spf.acme.net include:_spf.google.com include:sendgrid.net ptr ~all -all",
		"v=spf1 include:_spf.acme.net ~all", "v=spf1 mx -all v=spf1 a -all"} {
		a := assess(spf(current, nil), goodUsers())
		c := a.Check(assessment.CheckSPF)
		for _, lang := range templates.Supported {
			w := render.NewWords(templates.MustLoad(lang))
			texts := []string{w.Text(c.Summary)}
			for i := range c.Findings {
				texts = append(texts, w.Finding(&c.Findings[i], "problem"), w.Finding(&c.Findings[i], "action"))
			}
			for _, s := range texts {
				if s == "" || missingKey.MatchString(s) || placeholder.MatchString(s) {
					t.Errorf("%s: missing text or placeholder in %q", lang, s)
				}
			}
		}
	}
}

// TestSPFTableInDocs keeps docs/checks.md's SPF table and SPFCosts the same.
func TestSPFTableInDocs(t *testing.T) {
	data, err := os.ReadFile("../docs/checks.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "| include | service | lookups | as of | usually unnecessary |\n|---|---|---|---|---|\n")
	if !ok {
		t.Fatal("docs/checks.md has no SPF table")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	var want []string
	for _, c := range SPFCosts {
		un := ""
		if c.Unnecessary {
			un = "yes "
		}
		want = append(want, fmt.Sprintf("| `%s` | %s | %d | %s | %s|", c.Include, c.Service, c.Lookups, c.AsOf, un))
	}
	if got := strings.Split(strings.TrimSpace(table), "\n"); !slices.Equal(got, want) {
		t.Errorf("docs/checks.md's SPF table:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
