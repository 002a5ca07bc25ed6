package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPortfolioInBrowser opens a batch's portfolio from disk in headless
// Chromium: the table is there with every customer, the sorting script ran
// (the policy allows it by its hash; a violation would be a console
// message), and the page made no request. A hostile customer name is text.
func TestPortfolioInBrowser(t *testing.T) {
	chromium := needChromium(t)
	dir := t.TempDir()
	hostile := filepath.Join(dir, "customers", "hostile")
	if err := os.MkdirAll(hostile, 0o755); err != nil {
		t.Fatal(err)
	}
	profile, err := os.ReadFile("../../examples/vandenberg/profile.toml")
	if err != nil {
		t.Fatal(err)
	}
	profile = bytes.Replace(profile, []byte("[customer]\n"), []byte("[customer]\nname = \"<img src=x onerror=alert(1)><script>alert(2)</script>\"\n"), 1)
	profile = removeLine(profile, "name = \"Van den Berg")
	users, err := filepath.Abs("../../examples/vandenberg/gebruikers.csv")
	if err != nil {
		t.Fatal(err)
	}
	profile = bytes.ReplaceAll(profile, []byte(`"gebruikers.csv"`), []byte(strconv.Quote(filepath.ToSlash(users))))
	if err := os.WriteFile(filepath.Join(hostile, "profile.toml"), profile, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	args := []string{"batch", "-out", out, "-date", exampleDate, "../../examples/harbour-finch/profile.toml",
		"../../examples/vaxa/profile.toml", filepath.Join(dir, "customers")}
	if code := run(args, &stdout, &stderr); code != exitNotReady {
		t.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	dom := openInBrowser(t, chromium, filepath.Join(out, "portfolio.html"))
	if !strings.Contains(dom, `data-sortable="yes"`) {
		t.Error("the sorting script did not run")
	}
	if n := strings.Count(dom, "<tr>"); n != 4 {
		t.Errorf("%d table rows, want a header and 3 customers", n)
	}
	for _, want := range []string{"Harbour &amp; Finch Ltd", "Växa Trädgård AB", "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;", "Not ready: 1", "Ready: 2"} {
		if !strings.Contains(dom, want) {
			t.Errorf("the rendered portfolio lacks %q", want)
		}
	}
}

func removeLine(data []byte, prefix string) []byte {
	var out [][]byte
	for _, l := range bytes.Split(data, []byte("\n")) {
		if !bytes.HasPrefix(l, []byte(prefix)) {
			out = append(out, l)
		}
	}
	return bytes.Join(out, []byte("\n"))
}
