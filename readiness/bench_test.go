package readiness

import (
	"fmt"
	"testing"
	"time"

	"github.com/migready/migready/inputs"
)

// users50k is an export of 50,000 users like the check benchmarks' (the
// command's BenchmarkCheckVsCSV50k): some shared and malformed addresses,
// some without a plan.
func users50k() *inputs.UserList {
	us := make([]inputs.User, 50000)
	for i := range us {
		email := fmt.Sprintf("user%d@bench.example.com", i)
		switch {
		case i%97 == 0:
			email = "shared@bench.example.com"
		case i%89 == 0:
			email = fmt.Sprintf("user %d@bench", i)
		}
		us[i] = usr(i+2, fmt.Sprintf("U%d", i), email, func(u *inputs.User) {
			u.Name = fmt.Sprintf("Førnavn%d Étternavn%d", i, i)
			if i%13 == 0 {
				u.Plan = ""
			}
		})
	}
	return users(allColumns, us...)
}

// BenchmarkAssess50k: the checks of 50,000 users, as check and pack run
// them (the same-person check on a second core).
func BenchmarkAssess50k(b *testing.B) {
	us, p := users50k(), profile()
	opt := Options{Tool: "bench", Date: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}
	b.ResetTimer()
	for b.Loop() {
		Assess(p, us, opt)
	}
}

// BenchmarkSamePerson50k: the costliest check alone.
func BenchmarkSamePerson50k(b *testing.B) {
	us := users50k()
	a := &assessor{p: profile(), users: us, hasLogin: true}
	a.addrs = addresses(us.Users)
	b.ResetTimer()
	for b.Loop() {
		a.samePerson()
	}
}

// BenchmarkForeignExport50k: the wrong-export test of 50,000 users, which
// load runs before the checks (compare with BenchmarkAssess50k).
func BenchmarkForeignExport50k(b *testing.B) {
	us, p := users50k(), profile()
	p.Mail = &inputs.Mail{Domain: "bench.example.com"}
	b.ResetTimer()
	for b.Loop() {
		if ForeignExport(p, us, nil) != nil {
			b.Fatal("taken for another customer's")
		}
	}
}
