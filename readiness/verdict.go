// Package readiness turns a profile and a user export into an assessment:
// the checks SuperOffice Online Operations expects to pass before a
// migration, the new mailbox addresses, the SPF record to publish and a
// downtime estimate. The result is data (package assessment): readiness
// writes no sentence, render does.
package readiness

import "github.com/migready/migready/readiness/assessment"

// count returns how many checks have status st.
func count(a *assessment.Assessment, st assessment.Status) int {
	n := 0
	for _, c := range a.Checks {
		if c.Status == st {
			n++
		}
	}
	return n
}

// decide sets the verdict and its counts from the checks.
func decide(a *assessment.Assessment) {
	a.Blockers, a.ToVerify = count(a, assessment.Fail), count(a, assessment.Unknown)
	a.Attention = 0
	for _, c := range a.Checks {
		if c.Status == assessment.Warn && !c.Accepted {
			a.Attention++
		}
	}
	switch {
	case a.Blockers > 0:
		a.Verdict = assessment.VerdictNotReady
	case a.ToVerify > 0:
		a.Verdict = assessment.VerdictUnconfirmed
	default:
		a.Verdict = assessment.VerdictReady
	}
	a.Ready = a.Verdict == assessment.VerdictReady
}
