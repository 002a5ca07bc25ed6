package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// benchUsers is a typical customer's size: a few hundred users.
const benchUsers = 300

// writeCustomers generates n customers of benchUsers users each below dir,
// one folder per customer, as a consultant's quarter would have them.
func writeCustomers(tb testing.TB, dir string, n int) {
	tb.Helper()
	for i := 0; i < n; i++ {
		d := filepath.Join(dir, fmt.Sprintf("c%04d", i))
		if err := os.MkdirAll(d, 0o755); err != nil {
			tb.Fatal(err)
		}
		writeCustomerIn(tb, d, fmt.Sprintf("Bench Customer %04d AS", i), benchUsers+i%200)
	}
}

// BenchmarkBatch200 packs 200 customers of a few hundred users with
// -jobs 1 and -jobs 2, side by side in each iteration (in turn first).
// Targets on the 2-core machine: under 5 s with -jobs 2 (issue 18), and a speed-up
// (s/jobs1 ÷ s/jobs2) of at least 1.7. The machine is shared: each side's
// figure is its best run, the one least disturbed by other work, so
// -benchtime 3x gives the best of three (mean-s/jobs2 is the mean).
func BenchmarkBatch200(b *testing.B) {
	in := b.TempDir()
	writeCustomers(b, in, 200)
	best := map[int]time.Duration{1: math.MaxInt64, 2: math.MaxInt64}
	var sum2 time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		order := []int{1, 2}
		if i%2 == 1 {
			order = []int{2, 1}
		}
		for _, jobs := range order {
			out := b.TempDir()
			start := time.Now()
			code := run([]string{"batch", "-jobs", strconv.Itoa(jobs), "-out", out, "-date", "2026-11-24", in}, io.Discard, os.Stderr)
			if code != exitNotReady {
				b.Fatalf("exit %d", code)
			}
			d := time.Since(start)
			best[jobs] = min(best[jobs], d)
			if jobs == 2 {
				sum2 += d
			}
		}
	}
	b.ReportMetric(best[1].Seconds(), "s/jobs1")
	b.ReportMetric(best[2].Seconds(), "s/jobs2")
	b.ReportMetric(sum2.Seconds()/float64(b.N), "mean-s/jobs2")
	b.ReportMetric(best[1].Seconds()/best[2].Seconds(), "speedup")
}

// BenchmarkBatchMemory measures the peak memory (maximum resident set size,
// /usr/bin/time -v) of the built binary for a batch of 200 and of 2,000
// customers: memory is bounded by -jobs, not by the number of customers, so
// the two peaks must be within 20 % of each other.
func BenchmarkBatchMemory(b *testing.B) {
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		b.Skip("/usr/bin/time not installed")
	}
	bin := filepath.Join(b.TempDir(), "migready")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	in := b.TempDir()
	writeCustomers(b, in, 2000)
	// The first 200 folders are a batch of 200.
	small := make([]string, 200)
	for i := range small {
		small[i] = filepath.Join(in, fmt.Sprintf("c%04d", i))
	}
	peak := func(targets ...string) float64 {
		args := append([]string{"-v", bin, "batch", "-jobs", "2", "-out", b.TempDir(), "-date", "2026-11-24"}, targets...)
		out, _ := exec.Command("/usr/bin/time", args...).CombinedOutput()
		m := regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`).FindSubmatch(out)
		if m == nil {
			b.Fatalf("no peak memory in:\n%s", out)
		}
		kb, _ := strconv.Atoi(string(m[1]))
		return float64(kb) / 1024
	}
	b.ResetTimer()
	var p200, p2000 float64
	for i := 0; i < b.N; i++ {
		p200 = max(p200, peak(small...))
		p2000 = max(p2000, peak(in))
	}
	b.ReportMetric(p200, "MB-peak-200")
	b.ReportMetric(p2000, "MB-peak-2000")
	b.ReportMetric(p2000/p200, "ratio")
}
