package inputs

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"
)

// The limits on what migready reads. Each is far above what a real input
// needs, and low enough that no input can make a run slow or large; the
// docs/export.md lists them under "Limits".
const (
	// MaxUsersBytes bounds the user export file (CSV, TXT or XLSX). A
	// 50,000-user export is about 5 MB as CSV and 3 MB as XLSX.
	MaxUsersBytes = 32 << 20
	// MaxProfileBytes bounds the profile. Real profiles are a few hundred bytes.
	MaxProfileBytes = 1 << 20
	// MaxLogoBytes bounds the logo file.
	MaxLogoBytes = 5 << 20
	// MaxSummaryBytes bounds a previous pack's summary (-since): migready's
	// own JSON, about 4 MB for 100,000 users, 140 MB if every one of them
	// has every problem.
	MaxSummaryBytes = 256 << 20
	// MaxTrackerBytes bounds a returned remediation workbook (-tracker),
	// about 0.5 MB for 100,000 users, 17 MB if every one has every problem.
	MaxTrackerBytes = 64 << 20

	// MaxUnzippedBytes bounds an XLSX workbook's parts after decompression,
	// all together; maxUnzippedPart bounds each part other than worksheets
	// and the shared strings (styles, themes, drawings…), which excelize
	// holds in memory whole. maxZipRatio is the highest compression ratio a
	// large part may have: worksheets compress about 5–20 times, a zip bomb
	// about 1,000 times.
	MaxUnzippedBytes = 256 << 20
	maxUnzippedPart  = 16 << 20
	maxZipRatio      = 250
	// maxZipEntries bounds the number of parts in a workbook (a real export
	// has 10–20).
	maxZipEntries = 10_000

	// MaxUsers is the most users an export may hold: SuperOffice's largest
	// on-site installations have a few thousand, and memory grows with each.
	MaxUsers = 100_000
	// maxExcelRows is Excel's last row: rows below it cannot be shown with
	// the row number the pack promises.
	maxExcelRows = 1_048_576

	// MaxCellChars is the most characters one cell of an export may hold:
	// Excel's own limit, so a longer cell did not come from Excel.
	MaxCellChars = 32_767
	// MaxCustomerNameChars bounds [customer] name: it is printed on the
	// cover and in every page header.
	MaxCustomerNameChars = 200
)

// Role says what an input file is for; it selects the size limit and the
// words of the error messages.
type Role string

const (
	RoleUsers   Role = "users"   // the user export
	RoleProfile Role = "profile" // the customer's profile
	RoleLogo    Role = "logo"    // [brand] logo
	RoleSummary Role = "summary" // a previous pack's summary, for -since
	RoleTracker Role = "tracker" // a returned remediation workbook, for -tracker
)

// Limit is the most bytes ReadFile reads for the role.
func (r Role) Limit() int64 {
	switch r {
	case RoleProfile:
		return MaxProfileBytes
	case RoleLogo:
		return MaxLogoBytes
	case RoleSummary:
		return MaxSummaryBytes
	case RoleTracker:
		return MaxTrackerBytes
	}
	return MaxUsersBytes
}

// key is the profile key that names a file of the role, for errors.
func (r Role) key() string {
	if r == RoleLogo {
		return "brand.logo"
	}
	return ""
}

func (r Role) tooLarge(path string, size int64) *Error {
	what := map[Role]string{RoleUsers: "a user export", RoleProfile: "a profile", RoleLogo: "a logo",
		RoleSummary: "a pack's summary", RoleTracker: "a remediation workbook"}[r]
	e := &Error{File: path, Key: r.key(),
		Msg: fmt.Sprintf("the file is %s, over the %s limit for %s", sizeText(size), sizeText(r.Limit()), what)}
	switch r {
	case RoleProfile:
		e.Hint = "pass the customer's profile.toml; the user export goes in its users key or -users"
	case RoleLogo:
		e.Hint = "use a PNG or JPEG logo under 5 MB, ideally a few hundred pixels wide"
	case RoleSummary:
		e.Hint = "-since takes the previous pack's summary (…-summary.json) or the folder it is in"
	case RoleTracker:
		e.Hint = "-tracker takes the remediation workbook of this customer's previous pack"
	default:
		e.Hint = "check that this is the user list exported from the SuperOffice admin client (Users tab); " +
			"a 50,000-user export is about 5 MB"
	}
	return e
}

// sizeText writes a byte count the way people read file sizes.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadFile reads an input file for role, turning OS errors into input errors
// that name the file. It looks before it opens: a folder, a named pipe, a
// device or a socket is refused at once (opening a pipe would block until
// something writes to it), and so is a file over the role's limit. The read
// itself is bounded too, so a file that grows meanwhile cannot exceed it.
func ReadFile(path string, role Role) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if e := notRegular(path, st.Mode()); e != nil {
		e.Key = role.key()
		return nil, e
	}
	limit := role.Limit()
	if st.Size() > limit {
		return nil, role.tooLarge(path, st.Size())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	// The path may have been replaced between Stat and Open.
	if st2, err := f.Stat(); err != nil || !os.SameFile(st, st2) {
		return nil, &Error{File: path, Key: role.key(), Msg: "the file changed while it was being opened",
			Hint: "run migready again once nothing else is writing the file"}
	}
	var buf bytes.Buffer
	buf.Grow(int(st.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, fileError(path, err)
	}
	if int64(buf.Len()) > limit {
		return nil, role.tooLarge(path, int64(buf.Len()))
	}
	return buf.Bytes(), nil
}

// CheckSize refuses an input of size bytes that is over the role's limit,
// with the error ReadFile gives for such a file: for inputs that arrive in
// memory (migready serve's uploads) rather than from a file.
func CheckSize(path string, role Role, size int64) error {
	if size > role.Limit() {
		return role.tooLarge(path, size)
	}
	return nil
}

// notRegular refuses anything that is not a plain file.
func notRegular(path string, m fs.FileMode) *Error {
	var what string
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir() && isNumbers(path, nil): // Numbers' older format is a folder
		return numbersError(path)
	case m.IsDir():
		return &Error{File: path, Msg: "is a folder, not a file", Hint: "name the file itself"}
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		what = "a device"
	default:
		what = "not a regular file"
	}
	if !strings.HasPrefix(what, "not") {
		what = "is " + what + ", not a regular file"
	}
	return &Error{File: path, Msg: what,
		Hint: "save the data to a file first and name that file; migready reads only regular files"}
}

// checkLengths applies the length limits on profile texts. It is called from
// validator.check.
func (v *validator) checkLengths(p *Profile) {
	if n := utf8.RuneCountInString(p.Customer.Name); n > MaxCustomerNameChars {
		v.fail("customer", "name", fmt.Sprintf("customer name is %d characters long; the limit is %d", n, MaxCustomerNameChars),
			`write the company's name as it should appear on the cover, e.g. name = "Fjordkraft AS"`)
	}
}
