package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/migready/migready/render"
)

// harbourFinch loads the Harbour & Finch example (260 users, XLSX export,
// logo) as the pack command does.
func harbourFinch(b *testing.B) *render.PackInput {
	b.Helper()
	date, _ := time.Parse("2006-01-02", exampleDate)
	o := &options{cmd: "pack", profile: "../../examples/harbour-finch/profile.toml", date: date}
	s, err := load(o, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	return &render.PackInput{Assessment: s.result, Lang: s.lang, Profile: s.profile, Logo: s.logo, Date: date}
}

// BenchmarkRenderHarbourFinch renders a typical customer's whole pack (PDF,
// HTML, workbook, JSON) in-process. Target: under 30 ms on the 2-core
// development machine.
func BenchmarkRenderHarbourFinch(b *testing.B) {
	in := harbourFinch(b)
	for b.Loop() {
		if _, err := render.Pack(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChromiumVsPack times headless Chromium printing the pack's HTML
// to PDF against rendering the whole pack in-process, side by side in one
// run, and reports how many times faster the in-process render is
// (target: at least 40×). Skipped without chromium.
func BenchmarkChromiumVsPack(b *testing.B) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		b.Skip("chromium not installed")
	}
	in := harbourFinch(b)
	files, err := render.Pack(in)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	page := filepath.Join(dir, files[1].Name)
	if err := os.WriteFile(page, files[1].Data, 0o644); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "chromium.pdf")
	var chrome, ours time.Duration
	for b.Loop() {
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
			"--no-pdf-header-footer", "--user-data-dir="+filepath.Join(dir, "profile"),
			"--print-to-pdf="+out, "file://"+page)
		if msg, err := cmd.CombinedOutput(); err != nil {
			cancel()
			b.Fatalf("chromium: %v\n%s", err, msg)
		}
		cancel()
		chrome += time.Since(start)

		start = time.Now()
		for range 10 { // short enough to need several runs for a stable time
			if _, err := render.Pack(in); err != nil {
				b.Fatal(err)
			}
		}
		ours += time.Since(start) / 10
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		b.Fatalf("chromium wrote no PDF: %v", err)
	}
	n := float64(b.N)
	b.ReportMetric(float64(chrome.Milliseconds())/n, "chromium-ms/op")
	b.ReportMetric(float64(ours.Microseconds())/1000/n, "pack-ms/op")
	b.ReportMetric(float64(chrome)/float64(ours), "times-faster")
}
