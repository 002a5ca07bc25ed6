package inputs

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// headerSearchRows is how far down the header may sit: admins often keep a
// title and a date or filter line above it.
const headerSearchRows = 20

// maxColumns is Excel's column limit: a wider row is not a header, and
// folding or copying every cell of it would only cost time.
const maxColumns = 16384

var (
	zipMagic      = []byte("PK\x03\x04")
	emptyZipMagic = []byte("PK\x05\x06")
	// oleMagic starts a compound file: a legacy .xls, or an .xlsx that Excel
	// encrypted because it was saved with a password to open.
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0}
)

// ReadUsers reads the export at path. sheet selects the XLSX sheet ("" = the
// first visible sheet with a header and users).
func ReadUsers(path, sheet string) (*UserList, error) {
	data, err := ReadFile(path, RoleUsers)
	if err != nil {
		return nil, err
	}
	return ParseUsers(path, data, sheet)
}

// ParseUsers is ReadUsers on bytes already read. name is used in errors and
// to pick the format by extension, but content sniffing wins: the extension
// of a customer's file is often wrong (a CSV saved as .xls, a workbook
// renamed .csv). sheet is ignored for text files.
func ParseUsers(name string, data []byte, sheet string) (*UserList, error) {
	if len(data) == 0 {
		return nil, &Error{File: name, Msg: "file is empty",
			Hint: "export the user list again from the SuperOffice admin client (Users tab) and save it as .xlsx or CSV"}
	}
	if len(data) > MaxUsersBytes {
		return nil, RoleUsers.tooLarge(name, int64(len(data)))
	}
	switch {
	case isNumbers(name, data):
		return nil, numbersError(name)
	case bytes.HasPrefix(data, zipMagic), bytes.HasPrefix(data, emptyZipMagic):
		return parseXLSX(name, data, sheet)
	case bytes.HasPrefix(data, oleMagic):
		return nil, &Error{File: name, Msg: "legacy .xls or password-protected workbook: save it as .xlsx or CSV",
			Hint: "open it in Excel, remove any password to open (File > Info > Protect Workbook), and save as Excel Workbook (.xlsx) or CSV"}
	}
	text, err := decodeText(name, data)
	if err != nil {
		var e *Error
		if isWorkbookName(name) && errors.As(err, &e) && e.Msg == notTextMsg {
			return nil, corruptWorkbook(name, errors.New("not a zip archive"))
		}
		return nil, err
	}
	return parseCSV(name, text)
}

func isWorkbookName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return true
	}
	return false
}

// userRow is one row of a sheet or text file, with the row number Excel shows.
type userRow struct {
	num   int
	cells []string
}

func isEmptyRow(cells []string) bool {
	for _, c := range cells {
		if trim(c) != "" {
			return false
		}
	}
	return true
}

// userHeader is a header row and the columns it maps to fields.
type userHeader struct {
	row   int      // Excel row of the header (its first row when split over two)
	last  int      // Excel row of its last row: the users start below it
	cells []string // as found, trimmed (both rows combined when split)
	cols  []int    // parallel to Fields: column index, or -1
	alts  [][]int  // parallel to Fields: other columns that match as well (see matchHeader)
	weak  [][]int  // parallel to Fields: other columns that match less well (see matchHeader)
	known int      // fields found
	width int      // cells in the row, trailing empty ones included
}

func (h *userHeader) col(f Field) int {
	if i := fieldIndex(f); i >= 0 && i < len(h.cols) {
		return h.cols[i]
	}
	return -1
}

func (h *userHeader) recognisable() bool { return h.col(FieldEmail) >= 0 && h.known >= 2 }

// columnName is the header text above column c, for errors.
func (h *userHeader) columnName(c int) string {
	if h == nil || c < 0 || c >= len(h.cells) {
		return ""
	}
	return h.cells[c]
}

func newHeader(r userRow) userHeader {
	cells := make([]string, len(r.cells))
	for i, c := range r.cells {
		cells[i] = strings.TrimSpace(c)
	}
	width := len(cells)
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	cols, alts, weak, known := matchHeader(cells[:min(len(cells), maxColumns)])
	return userHeader{row: r.num, last: r.num, cells: cells, cols: cols, alts: alts, weak: weak, known: known, width: width}
}

// findHeader returns the first recognisable header among rows (the first
// headerSearchRows rows). When there is none it returns the best candidate
// (most fields known, else the first non-empty row) for the error message,
// and ok false; empty reports that every row was empty.
func findHeader(rows []userRow) (h userHeader, ok, empty bool) {
	empty = true
	for _, r := range rows {
		if r.num > headerSearchRows {
			break
		}
		if isEmptyRow(r.cells) {
			continue
		}
		c := newHeader(r)
		if c.recognisable() {
			return c, true, false
		}
		if empty || c.known > h.known {
			h = c
		}
		empty = false
	}
	return h, false, empty
}

// mergeRange is a merged range of cells: rows are Excel's (1-based),
// columns 0-based, both inclusive.
type mergeRange struct{ top, left, bottom, right int }

// continueHeader decides whether the row below a header is the header's
// second row: admins put a group title above two sub-columns ("Name" over
// "First name" and "Last name") or merge header cells over two rows. Read
// as data, such a row would be a phantom user. It is a second header row
// when it holds no e-mail address and
//   - a merged cell of the header row reaches down into it, or
//   - each of its cells sits under a group title merged across columns, or
//   - each of its cells is a header name by itself;
//
// and the two rows read together still make a header. rows are the rows
// read so far; merges are the sheet's (nil for text files).
func continueHeader(h userHeader, rows []userRow, merges []mergeRange) userHeader {
	var next *userRow
	for i := range rows {
		if rows[i].num == h.row+1 {
			next = &rows[i]
		}
	}
	if next == nil {
		return h
	}
	nonEmpty := 0
	for _, c := range next.cells {
		if strings.Contains(c, "@") {
			return h
		}
		if strings.TrimSpace(c) != "" {
			nonEmpty++
		}
	}
	vertical, grouped, named := false, nonEmpty > 0, nonEmpty > 0
	// upper is the header row as it looks on screen: a title merged across
	// columns stands above each of them.
	upper := append([]string(nil), h.cells...)
	for _, m := range merges {
		if m.top == h.row && m.bottom > h.row {
			vertical = true
		}
		if m.top == h.row && m.right > m.left && m.left < len(upper) {
			for c := m.left + 1; c <= m.right && c < maxColumns; c++ {
				for len(upper) <= c {
					upper = append(upper, "")
				}
				upper[c] = upper[m.left]
			}
		}
	}
	for c, v := range next.cells {
		if strings.TrimSpace(v) == "" {
			continue
		}
		if _, ok := fieldOf(v); !ok {
			named = false
		}
		inGroup := false
		for _, m := range merges {
			if m.top == h.row && m.bottom == h.row && m.left < m.right && m.left <= c && c <= m.right {
				inGroup = true
			}
		}
		grouped = grouped && inGroup
	}
	if !vertical && !grouped && !named {
		return h
	}
	n := max(len(upper), len(next.cells))
	cells := make([]string, n)
	for c := range cells {
		var u, l string
		if c < len(upper) {
			u = strings.TrimSpace(upper[c])
		}
		if c < len(next.cells) {
			l = strings.TrimSpace(next.cells[c])
		}
		cells[c] = combineHeader(u, l)
	}
	both := newHeader(userRow{num: h.row, cells: cells})
	if !both.recognisable() || both.known < h.known {
		return h
	}
	both.last = next.num
	both.width = max(both.width, h.width)
	return both
}

// headerNotice tells that the header was read from two rows.
func headerNotice(where string, h *userHeader) []string {
	if h.last == h.row {
		return nil
	}
	return []string{fmt.Sprintf("%sread the header from rows %d and %d together", where, h.row, h.last)}
}

// combineHeader names a column from its two header rows: the lower one
// when it names a field by itself ("First name" under "Name"), else the two
// together in whichever order names a field ("First" under "Name" is "First
// Name", "Work" under "E-mail" is "Work E-mail").
func combineHeader(upper, lower string) string {
	switch {
	case lower == "":
		return upper
	case upper == "" || upper == lower:
		return lower
	}
	if _, ok := fieldOf(lower); ok {
		return lower
	}
	for _, s := range []string{lower + " " + upper, upper + " " + lower} {
		if _, ok := fieldOf(s); ok {
			return s
		}
	}
	return upper + " " + lower
}

// noHeaderError explains why no header row was recognised, with the
// header cells recognised, if any, and what the e-mail column may be
// called. where is "" or `sheet "Users": `. A row with no column migready
// knows is not quoted at all: the file may be no export (/etc/passwd, a
// file of secrets), and the hint must not echo it.
func noHeaderError(name, where string, h userHeader) *Error {
	emailNames := strings.Join(acceptedNames(FieldEmail), ", ")
	switch {
	case h.known >= 1 && h.col(FieldEmail) < 0:
		return &Error{File: name, Row: h.row, Msg: where + "no e-mail column in the header",
			Found: "headers found: " + knownCells(&h), Hint: "the e-mail column may be called " + emailNames}
	case h.col(FieldEmail) >= 0:
		return &Error{File: name, Row: h.row, Column: h.columnName(h.col(FieldEmail)),
			Msg:   where + "the header has an e-mail column but no other column migready knows",
			Found: "headers found: " + knownCells(&h), Hint: "add the user ID, name, primary group, role or user plan column to the export"}
	}
	return &Error{File: name,
		Msg: fmt.Sprintf("%sno header row with an e-mail column in the first %d rows", where, headerSearchRows),
		Hint: "none of them has a column name migready knows: is this the user list exported from the SuperOffice admin client (Users tab)? " +
			"The header needs an e-mail column (" + emailNames + ") and one more known column such as User ID, First name, Last name or User plan"}
}

// knownCells quotes the cells of h that name a column migready knows,
// shortened, and counts the others without quoting them: "User ID",
// "Navn" and 3 other cells.
func knownCells(h *userHeader) string {
	known := map[int]bool{}
	for _, list := range [][]int{h.cols} {
		for _, c := range list {
			known[c] = true
		}
	}
	for _, lists := range [][][]int{h.alts, h.weak} {
		for _, list := range lists {
			for _, c := range list {
				known[c] = true
			}
		}
	}
	var quoted []string
	others := 0
	for c, cell := range h.cells {
		switch {
		case known[c]:
			quoted = append(quoted, cell)
		case strings.TrimSpace(cell) != "":
			others++
		}
	}
	s := quoteList(quoted)
	switch {
	case others == 1:
		s += " and 1 other cell"
	case others > 1:
		s += fmt.Sprintf(" and %d other cells", others)
	}
	return s
}

// RemediationKeyHeader heads the hidden key column of the Findings sheet
// of the remediation workbook migready writes (render/workbook owns that
// workbook): a header with it is that workbook, or a sheet of it saved as
// CSV, never a user export.
const RemediationKeyHeader = "migready key"

// remediationCreator starts the Creator of a workbook migready wrote.
const remediationCreator = "migready "

// ourWorkbook refuses a header that is the Findings sheet of a remediation
// workbook: read as users, its findings would be taken for the customer's
// users (and the pack would replace the workbook).
func ourWorkbook(name, where string, h *userHeader) *Error {
	for _, c := range h.cells {
		if strings.EqualFold(strings.TrimSpace(c), RemediationKeyHeader) {
			return remediationError(name, where, h.row, c)
		}
	}
	return nil
}

func remediationError(name, where string, row int, column string) *Error {
	return &Error{File: name, Row: row, Column: column,
		Msg: where + "this is a remediation workbook migready wrote (…-remediation.xlsx), not a user export",
		Hint: "users (or -users) takes the user list exported from the SuperOffice admin client (Users tab); " +
			"the remediation workbook the customer sent back goes to -tracker"}
}

// quoteList lists cells for a hint, shortened so that a stray huge cell
// cannot flood the terminal.
func quoteList(ss []string) string {
	if len(ss) == 0 {
		return "(none)"
	}
	var b strings.Builder
	for i, s := range ss {
		if i == 40 {
			fmt.Fprintf(&b, ", … (%d more)", len(ss)-i)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteShort(s))
	}
	return b.String()
}

// quoteShort quotes s, cut to 60 characters.
func quoteShort(s string) string {
	if r := []rune(s[:min(len(s), 400)]); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// columnLetter is the column's name as Excel shows it: A, B, …, Z, AA, …
func columnLetter(c int) string {
	var b []byte
	for c++; c > 0; c = (c - 1) / 26 {
		b = append([]byte{byte('A' + (c-1)%26)}, b...)
	}
	return string(b)
}

// fieldNames are the fields as messages speak of them.
var fieldNames = map[Field]string{
	FieldUserID: "user ID", FieldFirstName: "first name", FieldLastName: "last name", FieldFullName: "name",
	FieldEmail: "e-mail address", FieldGroup: "primary group", FieldRole: "role", FieldPlan: "user plan",
	FieldCanLogIn: `"can log in" status`, FieldTravel: "Travel status",
	FieldCompany: "owning company", FieldType: "user type", FieldFormer: `"former employee" status`,
	FieldSatellite: `"active satellite" status`,
}

// ambiguous reports whether some field has more than one column (see
// matchHeader): then resolveColumns must look at the data first.
func (h *userHeader) ambiguous() bool { return h.alts != nil || h.weak != nil }

// resolveColumns settles the fields that more than one column matches
// (two "E-mail" columns, say): the one column with data is used; columns
// that hold the same values are one column; otherwise it is an error that
// names both. A column that matches only loosely ("Private e-mail" beside
// "E-mail") is used only when the others are empty. rows are the data
// rows. It returns notices for the columns set aside.
func resolveColumns(name, where string, h *userHeader, rows iter.Seq2[int, []string]) ([]string, *Error) {
	type field struct {
		fi     int
		cands  []int // the strong ones first
		strong int   // how many of cands are strong
		data   []bool
		same   [][]bool // same[a][b]: candidates a and b agree on every row so far
	}
	var fields []*field
	for fi := range Fields {
		var alt, weak []int
		if h.alts != nil {
			alt = h.alts[fi]
		}
		if h.weak != nil {
			weak = h.weak[fi]
		}
		if len(alt)+len(weak) == 0 || h.cols[fi] < 0 {
			continue
		}
		f := &field{fi: fi, cands: append(append([]int{h.cols[fi]}, alt...), weak...), strong: 1 + len(alt)}
		f.data = make([]bool, len(f.cands))
		f.same = make([][]bool, len(f.cands))
		for a := range f.same {
			f.same[a] = make([]bool, len(f.cands))
			for b := range f.same[a] {
				f.same[a][b] = true
			}
		}
		fields = append(fields, f)
	}
	h.alts, h.weak = nil, nil
	if len(fields) == 0 {
		return nil, nil
	}
	vals := make([]string, maxCandidates)
	for _, cells := range rows {
		for _, f := range fields {
			for a, c := range f.cands {
				vals[a] = cellText(cells, c)
				if vals[a] != "" {
					f.data[a] = true
				}
			}
			for a := range f.cands {
				for b := a + 1; b < len(f.cands); b++ {
					if f.same[a][b] && !strings.EqualFold(vals[a], vals[b]) {
						f.same[a][b] = false
					}
				}
			}
		}
	}
	var notices []string
	for _, f := range fields {
		what := fieldNames[Fields[f.fi]]
		describe := func(a int) string {
			c := f.cands[a]
			return fmt.Sprintf("%s (column %s)", quoteShort(h.columnName(c)), columnLetter(c))
		}
		// The candidates with data, strong ones first; weak ones only if no
		// strong one has data.
		var with []int
		for a := range f.cands {
			if f.data[a] && (a < f.strong || len(with) == 0 || with[0] >= f.strong) {
				with = append(with, a)
			}
		}
		if len(with) > 0 && with[0] < f.strong {
			for len(with) > 0 && with[len(with)-1] >= f.strong {
				with = with[:len(with)-1]
			}
		}
		chosen := 0
		if len(with) > 0 {
			chosen = with[0]
			for _, b := range with[1:] {
				if !f.same[chosen][b] {
					return nil, &Error{File: name, Row: h.row,
						Msg: fmt.Sprintf("%stwo columns could be the %s, %s and %s, and they hold different values",
							where, what, describe(chosen), describe(b)),
						Hint: "delete or rename the column migready should not read, so that one column is clearly the " + what}
				}
			}
		}
		var empty, same, other []string
		for a := range f.cands {
			switch {
			case a == chosen:
			case !f.data[a]:
				empty = append(empty, describe(a))
			case f.same[min(a, chosen)][max(a, chosen)]:
				same = append(same, describe(a))
			default:
				other = append(other, describe(a)) // a weak column beside a strong one with data
			}
		}
		var why []string
		for _, g := range []struct {
			cols      []string
			one, many string
		}{{empty, "is empty", "are empty"}, {same, "holds the same values", "hold the same values"},
			{other, "is not read", "are not read"}} {
			switch len(g.cols) {
			case 0:
			case 1:
				why = append(why, g.cols[0]+" "+g.one)
			default:
				why = append(why, strings.Join(g.cols, ", ")+" "+g.many)
			}
		}
		notices = append(notices, fmt.Sprintf("%sread the %s from %s; %s", where, what, describe(chosen), strings.Join(why, "; ")))
		h.cols[f.fi] = f.cands[chosen]
	}
	return notices, nil
}

// userMaker turns data rows into Users. It is shared by the CSV and XLSX
// readers; fields are looked up once so the per-row work is a few slice
// reads.
type userMaker struct {
	id, first, last, full, email, group, role, plan, login, travel int
	company, kind, former, satellite                               int
	names                                                          arena
}

// arena joins short strings into shared blocks: one allocation per 64 KB of
// names instead of one per user. A strings.Builder never changes bytes it
// has written, so the strings it returned stay valid while it grows within
// its capacity; a full block is left to the strings that use it.
type arena struct{ b strings.Builder }

func (a *arena) join(x, sep, y string) string {
	n := len(x) + len(sep) + len(y)
	if a.b.Cap()-a.b.Len() < n {
		a.b = strings.Builder{}
		a.b.Grow(max(n, 64<<10))
	}
	start := a.b.Len()
	a.b.WriteString(x)
	a.b.WriteString(sep)
	a.b.WriteString(y)
	return a.b.String()[start:]
}

func newUserList(name, format string, h *userHeader) (*UserList, userMaker) {
	l := &UserList{File: name, Format: format, Headers: h.cells, Columns: map[Field]string{}}
	for i, f := range Fields {
		if c := h.cols[i]; c >= 0 {
			l.Columns[f] = h.cells[c]
		}
	}
	m := userMaker{id: h.col(FieldUserID), first: h.col(FieldFirstName), last: h.col(FieldLastName),
		full: h.col(FieldFullName), email: h.col(FieldEmail), group: h.col(FieldGroup), role: h.col(FieldRole),
		plan: h.col(FieldPlan), login: h.col(FieldCanLogIn), travel: h.col(FieldTravel),
		company: h.col(FieldCompany), kind: h.col(FieldType), former: h.col(FieldFormer), satellite: h.col(FieldSatellite)}
	return l, m
}

func cellText(cells []string, c int) string {
	if c < 0 || c >= len(cells) {
		return ""
	}
	return trim(cells[c])
}

// trim is strings.TrimSpace, quicker for the usual cell that starts and
// ends with a visible ASCII character.
func trim(s string) string {
	if n := len(s); n == 0 || s[0] > ' ' && s[0] < utf8.RuneSelf && s[n-1] > ' ' && s[n-1] < utf8.RuneSelf {
		return s
	}
	return strings.TrimSpace(s)
}

func (m *userMaker) user(num int, cells []string) User {
	u := User{
		Row:         num,
		ID:          cellText(cells, m.id),
		FirstName:   cellText(cells, m.first),
		LastName:    cellText(cells, m.last),
		Name:        cellText(cells, m.full),
		Email:       cellText(cells, m.email),
		Group:       cellText(cells, m.group),
		Role:        cellText(cells, m.role),
		Plan:        cellText(cells, m.plan),
		RawCanLogIn: cellText(cells, m.login),
		RawTravel:   cellText(cells, m.travel),
	}
	if m.company >= 0 || m.kind >= 0 || m.former >= 0 || m.satellite >= 0 {
		u.Company = cellText(cells, m.company)
		u.RawType = cellText(cells, m.kind) // read into Kind by resolveKinds, which sees the whole column
		u.RawFormer = cellText(cells, m.former)
		u.RawSatellite = cellText(cells, m.satellite)
		if m.former >= 0 {
			u.Former = YesNo(u.RawFormer)
		}
		if m.satellite >= 0 {
			u.Satellite = YesNo(u.RawSatellite)
		}
	}
	if u.Name == "" {
		switch {
		case u.LastName == "":
			u.Name = u.FirstName
		case u.FirstName == "":
			u.Name = u.LastName
		default:
			u.Name = m.names.join(u.FirstName, " ", u.LastName)
		}
	}
	if m.login >= 0 {
		u.CanLogIn = YesNo(u.RawCanLogIn)
	}
	if m.travel >= 0 {
		u.Travel = YesNo(u.RawTravel)
	}
	return u
}

// builder collects the data rows below the header into a UserList: each
// non-empty row is a user, each empty row is listed in EmptyRows (those
// after the last user are dropped, see UserList).
type builder struct {
	name, where string
	h           *userHeader
	list        *UserList
	m           userMaker
	keepEmpty   int // len(list.EmptyRows) at the last user
}

func newBuilder(name, format, where string, h *userHeader) *builder {
	l, m := newUserList(name, format, h)
	return &builder{name: name, where: where, h: h, list: l, m: m}
}

func (b *builder) add(num int, cells []string) *Error {
	empty := isEmptyRow(cells)
	switch {
	case num > maxExcelRows && empty:
		return nil // padding below Excel's last row
	case num > maxExcelRows:
		return &Error{File: b.name, Row: num, Msg: fmt.Sprintf("%sthe row is below row %d, Excel's last row", b.where, maxExcelRows),
			Hint: "the export is far longer than a user list: check that this is the user export, or split it"}
	case empty:
		b.list.EmptyRows = append(b.list.EmptyRows, num)
		return nil
	case len(b.list.Users) == MaxUsers:
		return &Error{File: b.name, Row: num, Msg: fmt.Sprintf("%sthe export has more than %d users", b.where, MaxUsers),
			Hint: "check that this is the user list exported from the SuperOffice admin client (Users tab)"}
	}
	for c, v := range cells {
		if len(v) > MaxCellChars {
			if n := utf8.RuneCountInString(v); n > MaxCellChars {
				return &Error{File: b.name, Row: num, Column: b.h.columnName(c),
					Msg: fmt.Sprintf("%sthe cell in column %s holds %d characters; Excel's limit is %d",
						b.where, columnLetter(c), n, MaxCellChars),
					Hint: "a value this long is not a user's detail: check the row for a stray quote or pasted text"}
			}
		}
	}
	b.list.Users = append(b.list.Users, b.m.user(num, cells))
	b.keepEmpty = len(b.list.EmptyRows)
	return nil
}

func (b *builder) done() (*UserList, error) {
	b.list.EmptyRows = b.list.EmptyRows[:b.keepEmpty:b.keepEmpty]
	if len(b.list.EmptyRows) == 0 {
		b.list.EmptyRows = nil
	}
	if len(b.list.Users) == 0 {
		return nil, noUsersError(b.name, b.where, *b.h)
	}
	if b.m.kind >= 0 {
		resolveKinds(b.list.Users)
	}
	return b.list, nil
}

func noUsersError(name, where string, h userHeader) *Error {
	return &Error{File: name, Row: h.row, Msg: where + "has a header but no users",
		Hint: "the rows below the header are empty; export the user list again with the users included"}
}
