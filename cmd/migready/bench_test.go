package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
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
