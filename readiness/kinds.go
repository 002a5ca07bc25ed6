package readiness

import "github.com/migready/migready/readiness/assessment"

// KindDoc documents one kind of finding: the kinds are part of the
// contract (the summary JSON, progress and the tracker match on them), so
// each is listed here, once, with the check that reports it; docs/summary.md's
// "Finding kinds" table is this list (a test keeps the two the same).
type KindDoc struct {
	Kind, Check, Meaning string
}

// Kinds lists every kind of finding, in check order.
var Kinds = []KindDoc{
	{"version-missing", assessment.CheckOnsiteVersion, "the profile gives no on-site version"},
	{"version-unreadable", assessment.CheckOnsiteVersion, "the version cannot be read"},
	{"version-old", assessment.CheckOnsiteVersion, "the version is older than the minimum"},
	{"email-shared", assessment.CheckDuplicateEmails, "an address shared by users who can log in"},
	{"email-shared-no-access", assessment.CheckDuplicateEmails, "an address shared with users who cannot log in"},
	{"email-shared-unknown-access", assessment.CheckDuplicateEmails, "an address shared by users whose Can log in is unreadable"},
	{"email-missing", assessment.CheckValidEmails, "a user who can log in has no address"},
	{"email-missing-unknown-access", assessment.CheckValidEmails, "no address, Can log in unreadable"},
	{"email-malformed", assessment.CheckValidEmails, "a user who can log in has an invalid address"},
	{"email-malformed-no-access", assessment.CheckValidEmails, "an invalid address on a user who cannot log in"},
	{"email-malformed-unknown-access", assessment.CheckValidEmails, "an invalid address, Can log in unreadable"},
	{"email-too-long", assessment.CheckValidEmails, "an address longer than the 239 characters SuperOffice stores"},
	{"user-id-too-long", assessment.CheckValidEmails, "a user id longer than the 239 characters SuperOffice stores"},
	{"same-person", assessment.CheckSamePerson, "one name on several user records that can log in"},
	{"same-user-id", assessment.CheckSamePerson, "one user id on several rows: one user with several addresses"},
	{"identity-domain", assessment.CheckIdentityDomains, "an e-mail domain to register for sign-in through the identity provider"},
	{"plan-missing", assessment.CheckLicences, "a user who can log in has no user plan"},
	{"plan-missing-unknown-access", assessment.CheckLicences, "no user plan, Can log in unreadable"},
	{"admin-none", assessment.CheckAdminPlan, "no user has an administrator role"},
	{"admin-no-access", assessment.CheckAdminPlan, "an administrator who cannot log in"},
	{"admin-no-plan", assessment.CheckAdminPlan, "an administrator without a user plan"},
	{"admin-unknown-access", assessment.CheckAdminPlan, "an administrator with a plan whose Can log in is unreadable"},
	{"travel-out", assessment.CheckTravel, "the export says the user is out on Travel"},
	{"travel-listed", assessment.CheckTravel, "the profile lists the user as out on Travel"},
	{"travel-unreadable", assessment.CheckTravel, "the Travel cell is not yes or no"},
	{"travel-unmatched", assessment.CheckTravel, "a profile Travel entry matches no user of the export"},
	{"travel-no-windows-client", assessment.CheckTravel, "the export's Travel column says yes on a version without the Windows client (to verify: the export or the version is wrong)"},
	{"satellites-active", assessment.CheckSatellites, "SuperOffice Satellite databases are active"},
	{"satellite-row-active", assessment.CheckSatellites, "the export's Active satellite column says yes"},
	{"satellite-unreadable", assessment.CheckSatellites, "an Active satellite cell that is not yes or no"},
	{"satellite-no-windows-client", assessment.CheckSatellites, "the export's Active satellite column says yes on a version without the Windows client (to verify: the export or the version is wrong)"},
	{"customization", assessment.CheckCustomizations, "a customisation that needs a plan for Online"},
	{"integration", assessment.CheckCustomizations, "an integration that needs a plan for Online"},
	{"sentry-addon", assessment.CheckSentryAddons, "a Sentry add-on registered in UserPreference (SentryAddonNames)"},
	{"dictionary-table", assessment.CheckCustomTables, "a custom table made with the Dictionary SDK"},
	{"document-blank-name", assessment.CheckDocuments, "documents without a name, left behind"},
	{"document-missing-appointment", assessment.CheckDocuments, "documents of a missing appointment, left behind"},
	{"document-unknown-user", assessment.CheckDocuments, "documents of a user who no longer exists, left behind"},
	{"document-over-limit", assessment.CheckDocuments, "document files larger than Online stores (94.4 MB)"},
	{"mailbox-malformed", assessment.CheckMailboxes, "a mailbox address that is not valid"},
	{"mailbox-foreign", assessment.CheckMailboxes, "a mailbox outside the customer's mail domain"},
	{"mailbox-clash", assessment.CheckMailboxes, "two mailboxes that get the same new address"},
	{"spf-not-spf", assessment.CheckSPF, "the current record does not start with v=spf1"},
	{"spf-two-records", assessment.CheckSPF, "two v=spf1 records pasted together"},
	{"spf-unknown-term", assessment.CheckSPF, "a term SPF does not know"},
	{"spf-bad-qualifier", assessment.CheckSPF, "a qualifier SPF does not allow"},
	{"spf-no-domain", assessment.CheckSPF, "a mechanism without its domain"},
	{"spf-bad-argument", assessment.CheckSPF, "an invalid domain, address or prefix length"},
	{"spf-duplicate", assessment.CheckSPF, "redirect= or exp= given twice"},
	{"spf-pass-all", assessment.CheckSPF, "+all lets anyone send as the domain"},
	{"spf-too-many-lookups", assessment.CheckSPF, "the merged record needs more than 10 DNS lookups"},
	{"spf-lookups-uncertain", assessment.CheckSPF, "unknown includes may take the record over the limit"},
	{"spf-long", assessment.CheckSPF, "the record is longer than one TXT string"},
	{"spf-duplicate-include", assessment.CheckSPF, "the same include twice"},
	{"spf-ptr", assessment.CheckSPF, "ptr, which SPF deprecates"},
	{"spf-text-after-all", assessment.CheckSPF, "terms after all, never evaluated"},
	{"spf-long-record", assessment.CheckSPF, "a record over 450 bytes"},
	{"spf-unnecessary-include", assessment.CheckSPF, "an include that is usually not needed"},
	{"spf-redirect-ignored", assessment.CheckSPF, "redirect= next to all, dropped"},
	{"spf-other-domain", assessment.CheckSPF, "a kept Service mailbox on another domain, which needs SuperOffice in its own SPF record"},
	{"downtime-no-size", assessment.CheckDowntime, "the database size is not known"},
	{"downtime-long", assessment.CheckDowntime, "more than a day of downtime"},
	{"downtime-very-long", assessment.CheckDowntime, "a freeze window longer than a weekend"},
}
