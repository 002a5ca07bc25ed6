// Package readiness turns a profile and a user export into an assessment:
// the checks SuperOffice Online Operations expects to pass before a
// migration, the new mailbox addresses, the SPF record to publish and a
// downtime estimate. The result is data (package assessment): readiness
// writes no sentence, render does.
package readiness

import "github.com/migready/migready/readiness/assessment"

// The assessment's types, under the names the checks use.
type (
	Assessment = assessment.Assessment
	Check      = assessment.Check
	Finding    = assessment.Finding
	Status     = assessment.Status
	Verdict    = assessment.Verdict
	Customer   = assessment.Customer
	Onsite     = assessment.Onsite
	Mail       = assessment.Mail
	UserCounts = assessment.UserCounts
	Mailbox    = assessment.Mailbox
	SPF        = assessment.SPF
	Downtime   = assessment.Downtime
	Licensing  = assessment.Licensing
	Part       = assessment.Part
	Assumption = assessment.Assumption
	Text       = assessment.Text
	Args       = assessment.Args
	Arg        = assessment.Arg
	Hours      = assessment.Hours
	List       = assessment.List
)

// The parts of SPF.
type (
	SPFTermCost = assessment.SPFTermCost
	SPFWarning  = assessment.SPFWarning
)

const (
	Pass    = assessment.Pass
	Fail    = assessment.Fail
	Warn    = assessment.Warn
	Unknown = assessment.Unknown

	VerdictReady       = assessment.VerdictReady
	VerdictNotReady    = assessment.VerdictNotReady
	VerdictUnconfirmed = assessment.VerdictUnconfirmed

	CheckOnsiteVersion   = assessment.CheckOnsiteVersion
	CheckDuplicateEmails = assessment.CheckDuplicateEmails
	CheckValidEmails     = assessment.CheckValidEmails
	CheckSamePerson      = assessment.CheckSamePerson
	CheckLicences        = assessment.CheckLicences
	CheckAdminPlan       = assessment.CheckAdminPlan
	CheckTravel          = assessment.CheckTravel
	CheckSatellites      = assessment.CheckSatellites
	CheckCustomizations  = assessment.CheckCustomizations
	CheckSentryAddons    = assessment.CheckSentryAddons
	CheckCustomTables    = assessment.CheckCustomTables
	CheckDocuments       = assessment.CheckDocuments
	CheckIdentityDomains = assessment.CheckIdentityDomains
	CheckMailboxes       = assessment.CheckMailboxes
	CheckSPF             = assessment.CheckSPF
	CheckDowntime        = assessment.CheckDowntime

	MailUnknown   = assessment.MailUnknown
	MailNone      = assessment.MailNone
	MailUndecided = assessment.MailUndecided
	MailKeep      = assessment.MailKeep
	MailNew       = assessment.MailNew

	Schema = assessment.Schema
)

// CheckIDs is the order checks appear in everywhere.
var CheckIDs = assessment.CheckIDs

// count returns how many checks have status st.
func count(a *Assessment, st Status) int {
	n := 0
	for _, c := range a.Checks {
		if c.Status == st {
			n++
		}
	}
	return n
}

// decide sets the verdict and its counts from the checks.
func decide(a *Assessment) {
	a.Blockers, a.ToVerify = count(a, Fail), count(a, Unknown)
	switch {
	case a.Blockers > 0:
		a.Verdict = VerdictNotReady
	case a.ToVerify > 0:
		a.Verdict = VerdictUnconfirmed
	default:
		a.Verdict = VerdictReady
	}
	a.Ready = a.Verdict == VerdictReady
}
