package assessment

import "testing"

func TestCustomerDiffers(t *testing.T) {
	for _, tc := range []struct {
		a, b Customer
		want string
	}{
		{Customer{Name: "Acme AS"}, Customer{Name: "Acme AS"}, ""},
		{Customer{Name: "Acme AS"}, Customer{Name: " ACME\tas "}, ""},
		{Customer{Name: "Østerbro Revision"}, Customer{Name: "O\u0308sterbro Revision"}, "name"}, // Ö is not Ø
		{Customer{Name: "Østerbro Revision"}, Customer{Name: "ØSTERBRO REVISION"}, ""},
		{Customer{Name: "Växa Sverige"}, Customer{Name: "Va\u0308xa Sverige"}, ""}, // NFC and NFD
		{Customer{Name: "Müller & Söhne GmbH"}, Customer{Name: "MÜLLER & SÖHNE GMBH"}, ""},
		{Customer{Name: "Straße AG"}, Customer{Name: "STRASSE AG"}, ""},
		{Customer{Name: "Acme AS"}, Customer{Name: "Ａｃｍｅ AS"}, ""}, // full width
		{Customer{Name: "Acme AS"}, Customer{Name: "ACME A.S."}, "name"},
		{Customer{Name: "A&B Consulting AS"}, Customer{Name: "A/B Consulting AS", Slug: "a-b-consulting-as"}, "name"},
		{Customer{Name: "Acme AS"}, Customer{Name: "Acme\u200bAS"}, "name"}, // an invisible character is not nothing
		{Customer{Name: "Acme AS"}, Customer{Name: "Acme ASA"}, "name"},
		{Customer{Name: "Fjordkraft AS", Tenant: "Cust40317"}, Customer{Name: "Fjordkraft AS", Tenant: "Cust99999"}, "tenant"},
		{Customer{Name: "Fjordkraft AS", Tenant: "Cust40317"}, Customer{Name: "Fjordkraft AS", Tenant: " CUST40317"}, ""},
		{Customer{Name: "Fjordkraft AS", Tenant: "Cust40317"}, Customer{Name: "Fjordkraft AS"}, ""},
		{Customer{Name: "Fjordkraft AS", Tenant: "Cust40317"}, Customer{Name: "Vaxa AB", Tenant: "Cust40317"}, "name"},
	} {
		if got := tc.a.Differs(tc.b); got != tc.want {
			t.Errorf("%q.Differs(%q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
		if got := tc.b.Differs(tc.a); got != tc.want {
			t.Errorf("%q.Differs(%q) = %q, want %q", tc.b, tc.a, got, tc.want)
		}
	}
}
