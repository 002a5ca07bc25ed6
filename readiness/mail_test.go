package readiness

import (
	"regexp"
	"strings"
	"testing"
)

func TestMailLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Fjordkraft AS", "fjordkraft"},
		{"Bølgen & Moi ASA", "bolgenmoi"},
		{"Müller Brötchen GmbH", "mullerbrotchen"},
		{"Ærlig Sæbø A/S", "aerligsaebo"},
		{"Åkesson & Söner AB (publ)", "akessonsoner"},
		{"Van der Berg B.V.", "vanderberg"},
		{"Helsingin Kala Oy", "helsinginkala"},
		{"Straße Bau GmbH & Co. KG", "strassebau"},
		{"Acme, Inc.", "acme"},
		{"Café Crème Ltd", "cafecreme"},
		{"Nordisk Tre ApS", "nordisktre"},
		{"3M Norge AS", "3mnorge"},
		{"AS", "as"}, // a suffix alone is kept rather than emptied
		{"", "company"},
		{"Ωμέγα", "omega"},
		{"Αθηναϊκή Λογισμικού ΑΕ", "athinaikilogismikoy"},
		{"ООО «Ромашка»", "romashka"},
		{"Київ Софт ТОВ", "kiivsoft"},
		{"דוד כהן בע״מ", "company"},
		{"Fjord-Kraft AS", "fjordkraft"},
		{strings.Repeat("Lang", 20) + " AS", strings.Repeat("lang", 20)[:63]},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := MailLabel(tt.in)
			if got != tt.want {
				t.Errorf("MailLabel(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !validLabel(got) {
				t.Errorf("MailLabel(%q) = %q is not a DNS label", tt.in, got)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Fjordkraft AS", "fjordkraft-as"},
		{"Bølgen & Moi ASA", "bolgen-moi-asa"},
		{"Ærlig Sæbø A/S", "aerlig-saebo-a-s"},
		{"  Müller  Brötchen GmbH ", "muller-brotchen-gmbh"},
		{"Van den Berg Logistiek B.V.", "van-den-berg-logistiek-bv"},
		{"O'Brien & Co.", "obrien-co"},
		{"", "customer"},
		{"!!!", "customer"},
		{"Αθηναϊκή Εταιρεία Λογισμικού ΑΕ", "athinaiki-etaireia-logismikoy-ae"},
		{"ООО «Ромашка»", "ooo-romashka"},
		{"Щука и Юля ЗАТ", "shchuka-i-iulia-zat"},
		{"Київ Софт ТОВ", "kiiv-soft-tov"},
		{"Nordlys Ελλάς AS", "nordlys-ellas-as"},
		{strings.Repeat("ab ", 40), strings.TrimRight(strings.Repeat("ab-", 40)[:64], "-")},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Slug(tt.in); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestSlugOtherScripts: a name in a script Slug cannot write in Latin
// letters gives "customer-" and a hash of the name, one per name.
func TestSlugOtherScripts(t *testing.T) {
	seen := map[string]string{}
	for _, name := range []string{"דוד כהן בע״מ", "شركة النور", "株式会社 北極星", "ห้างหุ้นส่วน", "שרה לוי בע״מ"} {
		s := Slug(name)
		if !regexp.MustCompile(`^customer-[0-9a-f]{8}$`).MatchString(s) {
			t.Errorf("Slug(%q) = %q, want customer- and eight hex digits", name, s)
		}
		if other, ok := seen[s]; ok {
			t.Errorf("Slug(%q) = Slug(%q) = %q", name, other, s)
		}
		seen[s] = name
		if Slug(" "+name+" ") != s {
			t.Errorf("Slug(%q) depends on the spaces around it", name)
		}
	}
}

func FuzzMailLabel(f *testing.F) {
	f.Add("Bølgen & Moi ASA")
	f.Fuzz(func(t *testing.T, s string) {
		if l := MailLabel(s); !validLabel(l) {
			t.Errorf("MailLabel(%q) = %q", s, l)
		}
		if s := Slug(s); s == "" || len(s) > 64 || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") {
			t.Errorf("Slug = %q", s)
		}
	})
}
