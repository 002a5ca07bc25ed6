package inputs

import (
	"strconv"
	"strings"
)

// versionRE accepts the ways a SuperOffice release is written in the field:
// "7.0 SR2", "7.5 R3", "8.5R10", "10.0.5", "10.0.5.1234", "11.2", "8,5" (a
// decimal comma), "11" or "v8" (a major release alone), with an optional
// "v", "version" or "SuperOffice (CRM)" in front and a service release
// ("R10", "SR2", "Release 4", "SP1") after.
var versionRE = lazyRegexp(`(?i)^(?:superoffice\s*)?(?:crm\s*)?(?:version\s*|ver\.?\s*)?v?\.?\s*` +
	`(\d{1,2})(?:[.,](\d{1,2})(?:\.\d{1,5}){0,2})?` +
	`(?:\s*(?:s?r|release|sp)\s*\.?\s*\d{1,3})?$`)

// maxMajor is the highest major release ParseVersion reads. The newest
// SuperOffice release is 12 (2026), with about one major release a year or
// two; a larger number is not a release but a slip: "85" is 8.5 without its
// point, and read as 85 it would be new enough and past the Windows
// client, passing Travel and Satellite on no evidence.
const maxMajor = 19

// ParseVersion reads the major and minor release of an on-site version
// string, and whether the minor release was written ("11" reads as 11.0,
// hasMinor false). Service releases ("R10", "SR2") and build numbers are
// ignored: what the migration depends on is a minor release. It lives here
// so that the profile reader can validate a version; readiness.ParseVersion
// is the same rule.
func ParseVersion(s string) (major, minor int, hasMinor, ok bool) {
	m := versionRE().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, false, false
	}
	major, _ = strconv.Atoi(m[1])
	if m[2] != "" {
		minor, _ = strconv.Atoi(m[2])
		hasMinor = true
	}
	if major == 0 || major > maxMajor {
		return 0, 0, false, false
	}
	return major, minor, hasMinor, true
}
