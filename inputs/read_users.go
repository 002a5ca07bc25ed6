package inputs

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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

// ReadUsers reads the export at path. sheet selects the XLSX sheet ("" = first
// sheet with a recognisable header).
func ReadUsers(path, sheet string) (*UserList, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		e := &Error{File: path, Msg: "cannot read the file: " + errText(err),
			Hint: "check the path and that the file can be read"}
		if errors.Is(err, fs.ErrNotExist) {
			e.Msg = "file not found"
			e.Hint = "check the path; a relative path is relative to the current folder"
		}
		return nil, e
	}
	return ParseUsers(path, data, sheet)
}

// errText is err without the path os already put in it.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
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
	switch {
	case bytes.HasPrefix(data, zipMagic), bytes.HasPrefix(data, emptyZipMagic):
		return parseXLSX(name, data, sheet)
	case bytes.HasPrefix(data, oleMagic):
		return nil, &Error{File: name, Msg: "legacy .xls or password-protected workbook: save it as .xlsx or CSV",
			Hint: "open it in Excel, remove any password to open (File > Info > Protect Workbook), and save as Excel Workbook (.xlsx) or CSV"}
	}
	text, err := decodeText(name, data)
	if err != nil {
		if isWorkbookName(name) {
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
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// userHeader is a header row and the columns it maps to fields.
type userHeader struct {
	row   int
	cells []string // as found, trimmed
	cols  []int    // parallel to Fields: column index, or -1
	known int      // fields found
	width int      // cells in the row, trailing empty ones included
}

func (h *userHeader) col(f Field) int {
	for i, g := range Fields {
		if g == f && i < len(h.cols) {
			return h.cols[i]
		}
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
	cols, known := matchHeader(cells[:min(len(cells), maxColumns)])
	return userHeader{row: r.num, cells: cells, cols: cols, known: known, width: width}
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

// noHeaderError explains why no header row was recognised, listing what was
// found and what the e-mail column may be called. where is "" or
// `sheet "Users": `.
func noHeaderError(name, where string, h userHeader) *Error {
	emailNames := strings.Join(acceptedNames(FieldEmail), ", ")
	found := "headers found: " + quoteList(h.cells)
	switch {
	case h.known >= 1 && h.col(FieldEmail) < 0:
		return &Error{File: name, Row: h.row, Msg: where + "no e-mail column in the header",
			Hint: found + "; the e-mail column may be called " + emailNames}
	case h.col(FieldEmail) >= 0:
		return &Error{File: name, Row: h.row, Column: h.columnName(h.col(FieldEmail)),
			Msg:  where + "the header has an e-mail column but no other column migready knows",
			Hint: found + "; add the user ID, name, primary group, role or user plan column to the export"}
	}
	return &Error{File: name,
		Msg: fmt.Sprintf("%sno header row with an e-mail column in the first %d rows", where, headerSearchRows),
		Hint: "first row found: " + quoteList(h.cells) + "; the header needs an e-mail column (" + emailNames +
			") and one more known column such as User ID, First name, Last name or User plan"}
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
		if r := []rune(s[:min(len(s), 400)]); len(r) > 60 {
			s = string(r[:60]) + "…"
		}
		fmt.Fprintf(&b, "%q", s)
	}
	return b.String()
}

// userMaker turns data rows into Users. It is shared by the CSV and XLSX
// readers; fields are looked up once so the per-row work is a few slice
// reads.
type userMaker struct {
	id, first, last, full, email, group, role, plan, login, travel int
}

func newUserList(name, format string, h userHeader) (*UserList, userMaker) {
	l := &UserList{File: name, Format: format, Headers: h.cells, Columns: map[Field]string{}}
	for i, f := range Fields {
		if c := h.cols[i]; c >= 0 {
			l.Columns[f] = h.cells[c]
		}
	}
	m := userMaker{h.col(FieldUserID), h.col(FieldFirstName), h.col(FieldLastName), h.col(FieldFullName),
		h.col(FieldEmail), h.col(FieldGroup), h.col(FieldRole), h.col(FieldPlan), h.col(FieldCanLogIn),
		h.col(FieldTravel)}
	return l, m
}

func cellText(cells []string, c int) string {
	if c < 0 || c >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[c])
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
	if u.Name == "" {
		switch {
		case u.LastName == "":
			u.Name = u.FirstName
		case u.FirstName == "":
			u.Name = u.LastName
		default:
			u.Name = u.FirstName + " " + u.LastName
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

func noUsersError(name, where string, h userHeader) *Error {
	return &Error{File: name, Row: h.row, Msg: where + "has a header but no users",
		Hint: "the rows below the header are empty; export the user list again with the users included"}
}
