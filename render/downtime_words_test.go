package render

import (
	"strings"
	"testing"

	"github.com/migready/migready/templates"
)

// TestDowntimeCalcSaysPartsAreRounded: Växa's document archive takes 0.68
// hours by the model and the calculation writes "≈ 1 h"; a reader who
// checks the figure by hand must be told, in the sentence itself, that
// each part is rounded up to the half hour (readiness's partHours), or the
// calculation reads as wrong.
func TestDowntimeCalcSaysPartsAreRounded(t *testing.T) {
	said := map[string]string{
		"en": "Each part is rounded up to the next half hour.",
		"nb": "Hver del er rundet opp til nærmeste halvtime.",
		"sv": "Varje del är avrundad uppåt till närmaste halvtimme.",
		"da": "Hver del er rundet op til nærmeste halve time.",
		"de": "Jeder Teil wird auf die nächste halbe Stunde aufgerundet.",
		"nl": "Elk deel is naar boven afgerond op halve uren.",
	}
	for _, lang := range templates.Supported {
		r := exampleReport(t, "vaxa", lang)
		calc := downtimeCalc(localize(r))
		want, ok := said[lang]
		if !ok {
			t.Fatalf("no expectation for %s", lang)
		}
		if !strings.Contains(calc, want) {
			t.Errorf("%s: the calculation does not say the parts are rounded up (%q):\n%s", lang, want, calc)
		}
	}
}
