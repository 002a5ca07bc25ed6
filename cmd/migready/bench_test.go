package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// writeCustomer writes a profile and a generated CSV export of n users, with
// the kinds of problems real exports have (shared and malformed addresses,
// missing plans, people on Travel) so every check does real work.
func writeCustomer(tb testing.TB, n int) string {
	tb.Helper()
	return writeCustomerIn(tb, tb.TempDir(), "Bench AS", n)
}

// writeCustomerIn writes a customer called name with n users into dir.
func writeCustomerIn(tb testing.TB, dir, name string, n int) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("User ID;First name;Last name;E-mail;Primary group;Role;User plan;Can log in;Travel\r\n")
	for i := 0; i < n; i++ {
		email := fmt.Sprintf("user%d@bench.example.com", i)
		switch {
		case i%97 == 0:
			email = "shared@bench.example.com"
		case i%89 == 0:
			email = fmt.Sprintf("user %d@bench", i)
		}
		plan := "Sales-Essentials"
		if i%13 == 0 {
			plan = ""
		}
		role := "User"
		if i == 1 {
			role = "Administrator"
		}
		travel := "No"
		if i%500 == 0 {
			travel = "Yes"
		}
		fmt.Fprintf(&b, "U%d;Førnavn%d;Étternavn%d;%s;Group %d;%s;%s;Yes;%s\r\n", i, i, i, email, i%20, role, plan, travel)
	}
	if err := os.WriteFile(filepath.Join(dir, "users.csv"), []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	profile := `users = "users.csv"
[customer]
name = ` + strconv.Quote(name) + `
[onsite]
version = "9.2"
database_gb = 40
archive_gb = 300
satellites = 0
customizations = ["CRMScript"]
[mail]
domain = "bench.example.com"
keep_addresses = true
current_spf = "v=spf1 mx include:spf.protection.outlook.com -all"
mailboxes = ["support@bench.example.com"]
`
	path := filepath.Join(dir, "profile.toml")
	if err := os.WriteFile(path, []byte(profile), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkCheck50k is the check command over a 50,000-user CSV.
// Target on a 2-core machine: under 300 ms (and under 150 MB peak memory for
// the whole command, measured with /usr/bin/time -v on the binary).
func BenchmarkCheck50k(b *testing.B) {
	profile := writeCustomer(b, 50000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if code := run([]string{"check", "-date", "2026-11-24", profile}, io.Discard, io.Discard); code != exitNotReady {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkCheckVsCSV50k measures the check command over a 50,000-user CSV
// against a bare encoding/csv parse of the same file, interleaved in the
// same run so that the machine's speed cancels out. The target is at most
// 3: checking costs at most three bare parses. check-x is the ratio of the
// means; median-x, the median of each iteration's ratio, is steadier on a
// shared machine, where a spike of load hits one run and not its neighbour.
func BenchmarkCheckVsCSV50k(b *testing.B) {
	profile := writeCustomer(b, 50000)
	users := filepath.Join(filepath.Dir(profile), "users.csv")
	var bare, check time.Duration
	ratios := make([]float64, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		data, err := os.ReadFile(users)
		if err != nil {
			b.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.Comma = ';'
		for {
			if _, err := r.Read(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		if code := run([]string{"check", "-date", "2026-11-24", profile}, io.Discard, io.Discard); code != exitNotReady {
			b.Fatalf("exit %d", code)
		}
		t2 := time.Now()
		bare += t1.Sub(t0)
		check += t2.Sub(t1)
		ratios = append(ratios, float64(t2.Sub(t1))/float64(t1.Sub(t0)))
	}
	b.ReportMetric(float64(bare.Milliseconds())/float64(b.N), "csv-ms/op")
	b.ReportMetric(float64(check.Milliseconds())/float64(b.N), "check-ms/op")
	b.ReportMetric(float64(check)/float64(bare), "check-x")
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "median-x")
}

func benchmarkPack(b *testing.B, users int) {
	profile := writeCustomer(b, users)
	out := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if code := run([]string{"pack", "-out", out, "-date", "2026-11-24", profile}, io.Discard, os.Stderr); code != exitNotReady {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkPack2k: target under 250 ms.
func BenchmarkPack2k(b *testing.B) { benchmarkPack(b, 2000) }

// BenchmarkPack50k: target under 3 s and under 300 MB peak memory.
func BenchmarkPack50k(b *testing.B) { benchmarkPack(b, 50000) }
