package readiness

import (
	"fmt"
	"strings"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
)

// ParseVersion reads the major and minor release of an on-site version
// string. Service releases ("R10", "SR2") and build numbers are ignored:
// the migration minimum is a minor release. A major release alone ("11")
// reads as its first minor release (11.0).
func ParseVersion(s string) (major, minor int, ok bool) {
	major, minor, _, ok = parseVersion(s)
	return major, minor, ok
}

// parseVersion is ParseVersion that also tells whether the minor release
// was written; the rule is inputs.ParseVersion, which the profile reader
// validates with.
func parseVersion(s string) (major, minor int, hasMinor, ok bool) {
	return inputs.ParseVersion(s)
}

// DisplayVersion is the version as the texts print it after the word
// "SuperOffice": without a "SuperOffice" the profile may already have in
// front, so that no text reads "SuperOffice SuperOffice 8.5".
func DisplayVersion(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= len("superoffice") && strings.EqualFold(s[:len("superoffice")], "superoffice") {
		if rest := strings.TrimSpace(s[len("superoffice"):]); rest != "" {
			return rest
		}
	}
	return s
}

// SettingsMajor is the first release whose users, licences (user plans) and
// Can log in are managed in Settings and maintenance; before it, in the
// Windows administration client (SOAdmin).
const SettingsMajor = 8

// Clients says what the version tells of the installation's clients: where
// users and their licences are managed (assessment.AdminSOAdmin before 8,
// assessment.AdminSettings from 8) and whether it has the Windows client
// (assessment.ClientYes before 9, assessment.ClientNo from 9). Both are ""
// when the version cannot be read. The pack's steps name the screens the
// customer has by these, never by the version string.
func Clients(version string) (admin, windows string) {
	major, _, ok := ParseVersion(version)
	if !ok {
		return "", ""
	}
	admin, windows = assessment.AdminSettings, assessment.ClientYes
	if major < SettingsMajor {
		admin = assessment.AdminSOAdmin
	}
	if major >= NoWindowsClientMajor {
		windows = assessment.ClientNo
	}
	return admin, windows
}

func (a *assessor) onsiteVersion() assessment.Check {
	const id = assessment.CheckOnsiteVersion
	v := strings.TrimSpace(a.p.Onsite.Version)
	minimum := fmt.Sprintf("%d.%d", MinimumMajor, MinimumMinor)
	if v == "" {
		f := a.itemFinding("", "version-missing", "minimum", minimum)
		return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".missing", "minimum", minimum), []assessment.Finding{f})
	}
	major, minor, hasMinor, ok := parseVersion(v)
	// "7" may be 7.0 or 7.5: only the minor release decides against 7.1.
	if !ok || !hasMinor && major == MinimumMajor && MinimumMinor > 0 {
		f := a.itemFinding(v, "version-unreadable", "version", v, "minimum", minimum)
		return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown", "version", v, "minimum", minimum), []assessment.Finding{f})
	}
	shown := DisplayVersion(v)
	if major < MinimumMajor || major == MinimumMajor && minor < MinimumMinor {
		f := a.itemFinding(v, "version-old", "version", shown, "minimum", minimum)
		return a.newCheck(id, assessment.Fail, a.l.T("check."+id+".fail", "version", shown, "minimum", minimum), []assessment.Finding{f})
	}
	return a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass", "version", shown, "minimum", minimum), nil)
}

// satellites: a Satellite database replicates with the central one and
// cannot be migrated. The answer comes from the profile's count, from an
// "Active satellite" column of the export, or from the version: from 9 on
// there is no Windows client, and so no Satellite. Nothing said is unknown.
func (a *assessor) satellites() assessment.Check {
	const id = assessment.CheckSatellites
	o := a.p.Onsite
	if a.noWindowsClient() && !(o.SatellitesGiven && o.Satellites > 0) {
		// The reason that holds whatever anyone reported, unless the
		// export contradicts it (see withoutWindowsClient).
		pass := a.newCheck(id, assessment.Pass, a.l.T("check."+id+".no-windows-client", "version", DisplayVersion(o.Version)), nil)
		return a.withoutWindowsClient(pass, inputs.FieldSatellite, "satellite-no-windows-client",
			func(u *inputs.User) inputs.Tri { return u.Satellite })
	}
	column := a.users.Has(inputs.FieldSatellite)
	var fs []assessment.Finding
	if o.SatellitesGiven && o.Satellites > 0 {
		fs = append(fs, a.itemFinding("", "satellites-active", "count", o.Satellites))
	}
	var unclear []*inputs.User
	rows := 0
	if column {
		header := a.users.Columns[inputs.FieldSatellite]
		for i := range a.users.Users {
			u := &a.users.Users[i]
			switch u.Satellite {
			case inputs.Yes:
				fs = append(fs, a.userFinding(u, "satellite-row-active", "column", header, "company", u.Company))
				rows++
			case inputs.Unanswered:
				fs = append(fs, a.userFinding(u, "satellite-unreadable", "column", header, "value", a.shown(u.RawSatellite)))
				unclear = append(unclear, u)
			}
		}
	}
	switch {
	case rows > 0:
		return a.newCheck(id, assessment.Fail, a.plural("check."+id+".fail-rows", rows, "column", a.users.Columns[inputs.FieldSatellite]), fs)
	case o.SatellitesGiven && o.Satellites > 0:
		return a.newCheck(id, assessment.Fail, a.plural("check."+id+".fail", o.Satellites), fs)
	case len(unclear) > 0:
		return a.newCheck(id, assessment.Unknown, a.plural("check."+id+".unknown-values", len(unclear),
			"column", a.users.Columns[inputs.FieldSatellite], "values", a.unreadable(unclear, rawSatellite)), fs)
	case o.SatellitesGiven:
		return a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass"), nil)
	case column:
		return a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass-column", "column", a.users.Columns[inputs.FieldSatellite]), nil)
	}
	return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown"), nil)
}

// noWindowsClient reports whether the installation runs a version without
// the Windows client (9 and later), and so without Travel and Satellite.
func (a *assessor) noWindowsClient() bool {
	major, _, ok := ParseVersion(a.p.Onsite.Version)
	return ok && major >= NoWindowsClientMajor
}

// customizations lists what the profile says was built on the installation.
// Silence is not "none": the profile says customizations = [] and
// integrations = [] when they have been checked and there are none.
func (a *assessor) customizations() assessment.Check {
	const id = assessment.CheckCustomizations
	o := a.p.Onsite
	var fs []assessment.Finding
	for _, c := range o.Customizations {
		if c = strings.TrimSpace(c); c != "" {
			fs = append(fs, a.itemFinding(c, "customization"))
		}
	}
	for _, c := range o.Integrations {
		if c = strings.TrimSpace(c); c != "" {
			fs = append(fs, a.itemFinding(c, "integration"))
		}
	}
	// Items known to need a plan need attention whatever the list not yet
	// given holds: it can only add to them, never make the check pass.
	partial := assessment.Unknown
	if len(fs) > 0 {
		partial = assessment.Warn
	}
	switch {
	case o.Customizations == nil && o.Integrations == nil:
		return a.newCheck(id, assessment.Unknown, a.l.T("check."+id+".unknown"), fs)
	case o.Customizations == nil:
		return a.newCheck(id, partial, a.plural("check."+id+".unknown-customizations", len(fs)), fs)
	case o.Integrations == nil:
		return a.newCheck(id, partial, a.plural("check."+id+".unknown-integrations", len(fs)), fs)
	case len(fs) == 0:
		return a.newCheck(id, assessment.Pass, a.l.T("check."+id+".pass"), nil)
	}
	return a.newCheck(id, assessment.Warn, a.plural("check."+id+".warn", len(fs)), fs)
}
