package doc

import "testing"

func TestParseBars(t *testing.T) {
	bars := ParseBars([]string{"Database|2.50|2.5 h", "", "Archive|x|?", "Fixed|-3|", BarLine("a|b", 1, "1 h")})
	if len(bars) != 4 {
		t.Fatalf("%d bars: %+v", len(bars), bars)
	}
	if b := bars[0]; b.Label != "Database" || b.Value != 2.5 || b.ValueLabel != "2.5 h" {
		t.Errorf("bar %+v", b)
	}
	if bars[1].Value != 0 || bars[2].Value != 0 {
		t.Errorf("invalid values must draw empty bars: %+v", bars[1:3])
	}
	if b := bars[3]; b.Label != "a/b" || b.Value != 1 || b.ValueLabel != "1 h" {
		t.Errorf("BarLine round trip %+v", b)
	}
}

func TestSafeLink(t *testing.T) {
	for dest, want := range map[string]string{"https://x.no": "https://x.no", " MAILTO:a@b.no": "MAILTO:a@b.no",
		"javascript:alert(1)": "", "file:///etc/passwd": "", "#spf": "", "data:text/html,x": ""} {
		if got := SafeLink(dest, false); got != want {
			t.Errorf("SafeLink(%q) = %q, want %q", dest, got, want)
		}
	}
	if SafeLink("#spf", true) != "#spf" {
		t.Error("anchors are allowed where asked for")
	}
}

func TestColoursAndMarks(t *testing.T) {
	if ParseColor("#0E7C66") != (RGB{R: 0x0e, G: 0x7c, B: 0x66}) || ParseColor("blue") != DefaultBrand {
		t.Error("ParseColor")
	}
	for r, s := range Marks {
		if Mark(s) != string(r) {
			t.Errorf("Mark(%q) = %q", s, Mark(s))
		}
		if c := StatusColors[s]; c.ContrastWithWhite() < 4.5 {
			t.Errorf("status %s colour %s: white on it has contrast %.1f < 4.5", s, c, c.ContrastWithWhite())
		}
	}
	for state, c := range VerdictColors {
		if c.ContrastWithWhite() < 4.5 {
			t.Errorf("verdict %s colour %s: contrast %.1f", state, c, c.ContrastWithWhite())
		}
	}
	if VerdictColor("nonsense") != VerdictColors["not-ready"] {
		t.Error("an unknown state is drawn as not ready")
	}
}

func TestHTMLText(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:                 "plain",
		`a\*b\* &amp; <script>`: "a*b* &amp; &lt;script&gt;",
		`x &#65; "q"`:           "x A &quot;q&quot;",
	} {
		for range 2 { // the second call reuses a pooled buffer
			if got := HTMLText([]byte(in)); got != want {
				t.Errorf("HTMLText(%q) = %q, want %q", in, got, want)
			}
		}
	}
}
