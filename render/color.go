package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// rgb is a colour of the pack: the brand colour and the status colours, as
// both the PDF and the HTML renderer use them.
type rgb struct{ r, g, b int }

// String is the CSS form, "#RRGGBB".
func (c rgb) String() string { return fmt.Sprintf("#%02X%02X%02X", c.r, c.g, c.b) }

// parseColor reads "#RRGGBB"; anything else gives the default brand colour,
// since validating the profile is not the renderer's job.
func parseColor(s string) rgb {
	if !strings.HasPrefix(s, "#") {
		return defaultBrand
	}
	s = s[1:]
	if len(s) != 6 {
		return defaultBrand
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return defaultBrand
	}
	return rgb{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}
}

// luminance is the WCAG relative luminance.
func (c rgb) luminance() float64 {
	lin := func(v int) float64 {
		f := float64(v) / 255
		if f <= 0.03928 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

// mix blends c towards o by t (0: c, 1: o).
func (c rgb) mix(o rgb, t float64) rgb {
	m := func(a, b int) int { return int(math.Round(float64(a) + (float64(b)-float64(a))*t)) }
	return rgb{m(c.r, o.r), m(c.g, o.g), m(c.b, o.b)}
}

// readableOnWhite darkens a light brand colour until text in it has at
// least 4.5:1 contrast on white, so a yellow brand still gives legible
// headings.
func (c rgb) readableOnWhite() rgb {
	for i := 0; i < 40 && c.contrastWithWhite() < 4.5; i++ {
		c = c.mix(rgb{}, 0.08)
	}
	return c
}

// contrastWithWhite is the WCAG contrast ratio of c against white.
func (c rgb) contrastWithWhite() float64 { return 1.05 / (c.luminance() + 0.05) }
