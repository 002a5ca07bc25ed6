package pdf

import (
	"strings"
	"testing"
)

// TestWrapMonoKeepsTerms: a record wraps at spaces only, so every term is
// whole on one line; a term longer than a line breaks after a separator.
func TestWrapMonoKeepsTerms(t *testing.T) {
	rec := "v=spf1 a mx include:_spf.google.com include:spf.protection.outlook.com include:mail.zendesk.com ~all"
	for per := 24; per <= 90; per++ {
		lines := wrapMono(rec, per)
		var terms []string
		for _, l := range lines {
			if n := len([]rune(l)); n > per {
				t.Fatalf("width %d: line %q is %d long", per, l, n)
			}
			terms = append(terms, strings.Fields(l)...)
		}
		longest := len("include:spf.protection.outlook.com")
		if per >= longest && strings.Join(terms, " ") != rec {
			t.Errorf("width %d: terms %q", per, terms)
		}
		if strings.Join(terms, "") != strings.ReplaceAll(rec, " ", "") {
			t.Errorf("width %d: lost text: %q", per, terms)
		}
	}
	got := wrapMono("include:spf.protection.outlook.com", 20)
	if strings.Join(got, "|") != "include:spf.|protection.outlook.|com" {
		t.Errorf("long term broke as %q", got)
	}
}

// TestLayoutBreaksAddressAtSeparators: an address wider than its column
// breaks after "@" or "." and comes back whole when the lines are joined.
func TestLayoutBreaksAddressAtSeparators(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{"daniel.clarke@harbourfinch-logistics.co.uk", "ivanov@vandenberg-logistiek.nl"} {
		breaksAtSeparators(t, addr)
	}
}

func breaksAtSeparators(t *testing.T, addr string) {
	var b inlineBuilder
	b.addPlain(addr, b.style(textStyle{font: fontRegular, size: tableSize}))
	_, full := b.widths()
	// From the width of the longest piece between separators (with its
	// separator), below which a piece must break inside.
	widest, start := 0.0, 0
	for i, r := range addr {
		if isTokenBreak(r) || i == len(addr)-1 {
			widest = max(widest, b.runesWidth(addr[start:i+1], 0))
			start = i + 1
		}
	}
	for w := max(full*0.35, widest+0.01); w < full; w += 1 {
		var parts []string
		for _, l := range b.layout(w) {
			var sb strings.Builder
			for _, a := range l.atoms {
				sb.WriteString(a.text)
			}
			parts = append(parts, sb.String())
		}
		if strings.Join(parts, "") != addr {
			t.Fatalf("width %.0f: %q does not join back", w, parts)
		}
		for _, p := range parts[:len(parts)-1] {
			if last := p[len(p)-1]; last != '@' && last != '.' && last != '-' {
				t.Errorf("width %.0f: broke inside a name: %q", w, parts)
				break
			}
		}
	}
}
