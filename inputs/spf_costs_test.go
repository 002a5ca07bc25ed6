package inputs

import (
	"errors"
	"maps"
	"strings"
	"testing"
)

func TestSPFCosts(t *testing.T) {
	mail := goodProfile + "[mail]\ndomain = \"nordlys.no\"\n" // lines 1-10; [mail] is line 10
	tests := []struct {
		name, src string
		want      SPFCosts // when no error
		line      int
		column    string
		msg, hint string
	}{
		{"none", "", nil, 0, "", "", ""},
		{"section", "[mail.spf_costs]\n\"spf.protection.outlook.com\" = 4\n\"_SPF.Acme.net.\" = 3\n", SPFCosts{"spf.protection.outlook.com": 4, "_spf.acme.net": 3}, 0, "", "", ""},
		{"unquoted dotted domain", "[mail.spf_costs]\nspf.protection.outlook.com = 1\n_spf.acme.net = 10\n", SPFCosts{"spf.protection.outlook.com": 1, "_spf.acme.net": 10}, 0, "", "", ""},
		{"inline table", "spf_costs = { \"_spf.acme.net\" = 2 }\n", SPFCosts{"_spf.acme.net": 2}, 0, "", "", ""},
		{"zero", "[mail.spf_costs]\n\"_spf.acme.net\" = 1\n\"sendgrid.net\" = 0\n", nil, 14, "mail.spf_costs.sendgrid.net", "must be a whole number from 1 to 10, not 0", "1 for the include itself"},
		{"eleven", "[mail.spf_costs]\n\"_spf.acme.net\" = 11\n", nil, 13, "mail.spf_costs._spf.acme.net", "not 11", ""},
		{"negative", "[mail.spf_costs]\n\"_spf.acme.net\" = -2\n", nil, 13, "mail.spf_costs._spf.acme.net", "not -2", ""},
		{"fraction", "[mail.spf_costs]\n\"_spf.acme.net\" = 1.5\n", nil, 13, "mail.spf_costs._spf.acme.net", "not a whole number", ""},
		{"text", "[mail.spf_costs]\n\"_spf.acme.net\" = \"3\"\n", nil, 13, "mail.spf_costs._spf.acme.net", "not a whole number", ""},
		{"huge", "[mail.spf_costs]\n\"_spf.acme.net\" = 99999999999\n", nil, 13, "mail.spf_costs._spf.acme.net", "not a whole number", ""},
		{"include: prefix", "[mail.spf_costs]\n\"include:_spf.acme.net\" = 2\n", nil, 13, "mail.spf_costs.include:_spf.acme.net", "is not a domain", "only the domain after include:"},
		{"one label", "[mail.spf_costs]\n\"acme\" = 2\n", nil, 13, "mail.spf_costs.acme", `"acme" is not a domain`, "in quotes"},
		{"space", "[mail.spf_costs]\n\"acme .net\" = 2\n", nil, 13, "mail.spf_costs.acme .net", "is not a domain", ""},
		{"twice in other case", "[mail.spf_costs]\n\"acme.net\" = 2\n\"ACME.net\" = 3\n", nil, 14, "mail.spf_costs.ACME.net", "given twice", ""},
		{"not a table", "spf_costs = 3\n", nil, 12, "mail.spf_costs", "must be a table", "[mail.spf_costs]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseProfile("p.toml", []byte(mail+tt.src))
			if tt.msg == "" {
				if err != nil {
					t.Fatal(err)
				}
				if !maps.Equal(p.Mail.SPFCosts, tt.want) {
					t.Errorf("costs %v, want %v", p.Mail.SPFCosts, tt.want)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v, want an input error", err)
			}
			if e.Line != tt.line || e.Key != tt.column || !strings.Contains(e.Msg, tt.msg) || !strings.Contains(e.Hint, tt.hint) {
				t.Errorf("error line %d column %q: %s (hint %s)\nwant line %d column %q: …%s… (hint …%s…)",
					e.Line, e.Key, e.Msg, e.Hint, tt.line, tt.column, tt.msg, tt.hint)
			}
		})
	}
}
