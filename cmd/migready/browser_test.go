package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/render/summary"
)

// TestHTMLInBrowser opens an example pack's HTML in headless Chromium and
// checks that it loads without a console message (the report carries a
// Content-Security-Policy that forbids every request, so any attempted
// network request would show up there as an error), and that the verdict
// and every check are in the rendered page.
func TestHTMLInBrowser(t *testing.T) {
	chromium := needChromium(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"pack", "-out", out, "-date", exampleDate, "../../examples/harbour-finch/profile.toml"}, &stdout, &stderr); code > exitNotReady {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var a summary.Document
	if err := json.Unmarshal(readFile(t, filepath.Join(out, "harbour-finch-ltd-"+exampleDate+"-summary.json")), &a); err != nil {
		t.Fatal(err)
	}
	html := openInBrowser(t, chromium, filepath.Join(out, "harbour-finch-ltd-"+exampleDate+"-readiness.html"))
	if !strings.Contains(html, "NOT READY") {
		t.Error("verdict NOT READY is not in the rendered page")
	}
	for _, c := range a.Checks {
		if !strings.Contains(html, strings.ReplaceAll(c.Title, "&", "&amp;")) {
			t.Errorf("check %q (%s) is not in the rendered page", c.Title, c.ID)
		}
	}
}

// needChromium returns the path of chromium, or skips the test without it
// (in CI it is required).
func needChromium(t *testing.T) string {
	t.Helper()
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is required in CI")
		}
		t.Skip("chromium not installed")
	}
	return chromium
}

// openInBrowser opens page from disk in headless Chromium and returns the
// DOM after its scripts ran. It fails the test on any console message (a
// Content-Security-Policy violation is one) and any network request.
func openInBrowser(t *testing.T, chromium, page string) string {
	t.Helper()
	netlog := filepath.Join(t.TempDir(), "net.json")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-quic", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-default-apps",
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0",
		"--log-net-log="+netlog, "--dump-dom", "file://"+page)
	var dom, logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &dom, &logs
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, logs.String())
	}
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") {
			t.Errorf("console message: %s", line)
		}
	}
	if n := pageRequests(t, netlog); len(n) > 0 {
		t.Errorf("the page made network requests: %v", n)
	}
	return dom.String()
}

// pageRequests lists the http(s) URLs requested on behalf of the page file
// (Chromium's own background requests, if any, carry no file:// initiator).
func pageRequests(t *testing.T, netlog string) []string {
	t.Helper()
	// Without the log nothing proves the page made no request: fail.
	data, err := os.ReadFile(netlog)
	if err != nil {
		t.Fatalf("no network log from Chromium: %v", err)
	}
	var log struct {
		Events []struct {
			Params map[string]any `json:"params"`
		} `json:"events"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		// Chromium may leave the log unterminated when it exits fast.
		data = append(bytes.TrimRight(bytes.TrimSpace(data), ","), []byte("]}")...)
		if err := json.Unmarshal(data, &log); err != nil {
			t.Fatalf("unreadable network log from Chromium: %v", err)
		}
	}
	if len(log.Events) == 0 {
		t.Fatal("the network log has no events: it cannot show what the page requested")
	}
	var urls []string
	for _, e := range log.Events {
		u, _ := e.Params["url"].(string)
		initiator, _ := e.Params["initiator"].(string)
		if (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")) && strings.HasPrefix(initiator, "file://") {
			urls = append(urls, u)
		}
	}
	return urls
}
