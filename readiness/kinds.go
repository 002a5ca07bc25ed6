package readiness

// KindDoc documents one kind of finding: the kinds are part of the
// contract (the summary JSON, progress and the tracker match on them), so
// each is listed here, once, with the check that reports it; README's
// "Finding kinds" table is this list (a test keeps the two the same).
type KindDoc struct {
	Kind, Check, Meaning string
}

// Kinds lists every kind of finding, in check order.
var Kinds = []KindDoc{
	{"version-missing", CheckOnsiteVersion, "the profile gives no on-site version"},
	{"version-unreadable", CheckOnsiteVersion, "the version cannot be read"},
	{"version-old", CheckOnsiteVersion, "the version is older than the minimum"},
	{"email-shared", CheckDuplicateEmails, "an address shared by users who can log in"},
	{"email-shared-no-access", CheckDuplicateEmails, "an address shared with users who cannot log in"},
	{"email-shared-unknown-access", CheckDuplicateEmails, "an address shared by users whose Can log in is unreadable"},
	{"email-missing", CheckValidEmails, "a user who can log in has no address"},
	{"email-missing-unknown-access", CheckValidEmails, "no address, Can log in unreadable"},
	{"email-malformed", CheckValidEmails, "a user who can log in has an invalid address"},
	{"email-malformed-no-access", CheckValidEmails, "an invalid address on a user who cannot log in"},
	{"email-malformed-unknown-access", CheckValidEmails, "an invalid address, Can log in unreadable"},
	{"email-too-long", CheckValidEmails, "an address longer than the 239 characters SuperOffice stores"},
	{"user-id-too-long", CheckValidEmails, "a user id longer than the 239 characters SuperOffice stores"},
	{"same-person", CheckSamePerson, "one name on several user records that can log in"},
	{"same-user-id", CheckSamePerson, "one user id on several rows: one user with several addresses"},
	{"identity-domain", CheckIdentityDomains, "an e-mail domain to register for sign-in through the identity provider"},
	{"plan-missing", CheckLicences, "a user who can log in has no user plan"},
	{"plan-missing-unknown-access", CheckLicences, "no user plan, Can log in unreadable"},
	{"admin-none", CheckAdminPlan, "no user has an administrator role"},
	{"admin-no-access", CheckAdminPlan, "an administrator who cannot log in"},
	{"admin-no-plan", CheckAdminPlan, "an administrator without a user plan"},
	{"admin-unknown-access", CheckAdminPlan, "an administrator with a plan whose Can log in is unreadable"},
	{"travel-out", CheckTravel, "the export says the user is out on Travel"},
	{"travel-listed", CheckTravel, "the profile lists the user as out on Travel"},
	{"travel-unreadable", CheckTravel, "the Travel cell is not yes or no"},
	{"travel-unmatched", CheckTravel, "a profile Travel entry matches no user of the export"},
	{"satellites-active", CheckSatellites, "SuperOffice Satellite databases are active"},
	{"satellite-row-active", CheckSatellites, "the export's Active satellite column says yes"},
	{"satellite-unreadable", CheckSatellites, "an Active satellite cell that is not yes or no"},
	{"customization", CheckCustomizations, "a customisation that needs a plan for Online"},
	{"integration", CheckCustomizations, "an integration that needs a plan for Online"},
	{"sentry-addon", CheckSentryAddons, "a Sentry add-on registered in UserPreference (SentryAddonNames)"},
	{"dictionary-table", CheckCustomTables, "a custom table made with the Dictionary SDK"},
	{"document-blank-name", CheckDocuments, "documents without a name, left behind"},
	{"document-missing-appointment", CheckDocuments, "documents of a missing appointment, left behind"},
	{"document-unknown-user", CheckDocuments, "documents of a user who no longer exists, left behind"},
	{"document-over-limit", CheckDocuments, "document files larger than Online stores (94.4 MB)"},
	{"mailbox-malformed", CheckMailboxes, "a mailbox address that is not valid"},
	{"mailbox-foreign", CheckMailboxes, "a mailbox outside the customer's mail domain"},
	{"mailbox-clash", CheckMailboxes, "two mailboxes that get the same new address"},
	{"spf-not-spf", CheckSPF, "the current record does not start with v=spf1"},
	{"spf-two-records", CheckSPF, "two v=spf1 records pasted together"},
	{"spf-unknown-term", CheckSPF, "a term SPF does not know"},
	{"spf-bad-qualifier", CheckSPF, "a qualifier SPF does not allow"},
	{"spf-no-domain", CheckSPF, "a mechanism without its domain"},
	{"spf-bad-argument", CheckSPF, "an invalid domain, address or prefix length"},
	{"spf-duplicate", CheckSPF, "redirect= or exp= given twice"},
	{"spf-pass-all", CheckSPF, "+all lets anyone send as the domain"},
	{"spf-too-many-lookups", CheckSPF, "the merged record needs more than 10 DNS lookups"},
	{"spf-lookups-uncertain", CheckSPF, "unknown includes may take the record over the limit"},
	{"spf-long", CheckSPF, "the record is longer than one TXT string"},
	{"spf-duplicate-include", CheckSPF, "the same include twice"},
	{"spf-ptr", CheckSPF, "ptr, which SPF deprecates"},
	{"spf-text-after-all", CheckSPF, "terms after all, never evaluated"},
	{"spf-long-record", CheckSPF, "a record over 450 bytes"},
	{"spf-unnecessary-include", CheckSPF, "an include that is usually not needed"},
	{"spf-redirect-ignored", CheckSPF, "redirect= next to all, dropped"},
	{"downtime-no-size", CheckDowntime, "the database size is not known"},
	{"downtime-long", CheckDowntime, "more than a day of downtime"},
	{"downtime-very-long", CheckDowntime, "more than a weekend of downtime"},
}

// kindOf returns the documentation of kind, or nil.
func kindOf(kind string) *KindDoc {
	for i := range Kinds {
		if Kinds[i].Kind == kind {
			return &Kinds[i]
		}
	}
	return nil
}
