package inputs

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

func corruptWorkbook(name string, err error) *Error {
	return &Error{File: name, Msg: "the workbook is corrupt: " + err.Error(),
		Hint: "open it in Excel and save it again as Excel Workbook (.xlsx), or save the user list as CSV"}
}

// parseXLSX reads the users from the named sheet, or from the first sheet
// with a recognisable header: admins often leave a cover or pivot sheet in
// front of the data.
func parseXLSX(name string, data []byte, sheet string) (list *UserList, err error) {
	// A damaged workbook can trip a panic deep in the zip/XML decoding; it is
	// still the customer's file that is broken, so report it as such.
	defer func() {
		if r := recover(); r != nil {
			list, err = nil, corruptWorkbook(name, fmt.Errorf("%v", r))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, corruptWorkbook(name, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, corruptWorkbook(name, errors.New("no worksheets"))
	}
	if sheet != "" {
		s, ok := findSheet(sheets, sheet)
		if !ok {
			return nil, &Error{File: name, Msg: fmt.Sprintf("no sheet named %q", sheet),
				Hint: "sheets in the workbook: " + quoteList(sheets)}
		}
		rows, err := f.GetRows(s)
		if err != nil {
			return nil, corruptWorkbook(name, err)
		}
		h, ok, empty := findHeader(sheetRows(rows, headerSearchRows))
		where := fmt.Sprintf("sheet %q: ", s)
		switch {
		case empty:
			return nil, &Error{File: name, Msg: where + "the sheet is empty",
				Hint: "sheets in the workbook: " + quoteList(sheets)}
		case !ok:
			return nil, noHeaderError(name, where, h)
		}
		return sheetUsers(name, s, rows, h)
	}

	var (
		best      userHeader
		bestSheet string
		firstErr  error
		anyRows   bool
	)
	for _, s := range sheets {
		rows, err := f.GetRows(s)
		if err != nil {
			// A chart sheet or a damaged sheet we do not need: only fatal
			// if no sheet has the users.
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		h, ok, empty := findHeader(sheetRows(rows, headerSearchRows))
		if ok {
			return sheetUsers(name, s, rows, h)
		}
		if !empty && (!anyRows || h.known > best.known) {
			best, bestSheet = h, s
		}
		anyRows = anyRows || !empty
	}
	if !anyRows {
		if firstErr != nil {
			return nil, corruptWorkbook(name, firstErr)
		}
		return nil, &Error{File: name, Msg: "the workbook has no data: every sheet is empty",
			Hint: "export the user list again from the SuperOffice admin client and save it as .xlsx"}
	}
	e := noHeaderError(name, fmt.Sprintf("sheet %q: ", bestSheet), best)
	if len(sheets) > 1 {
		e.Hint += "; no other sheet has a header either (sheets: " + quoteList(sheets) + ")"
	}
	return nil, e
}

// findSheet matches a sheet name as Excel does: case-insensitively.
func findSheet(sheets []string, want string) (string, bool) {
	want = strings.TrimSpace(want)
	for _, s := range sheets {
		if s == want {
			return s, true
		}
	}
	for _, s := range sheets {
		if strings.EqualFold(s, want) {
			return s, true
		}
	}
	return "", false
}

// sheetRows numbers the first n rows of GetRows output; GetRows keeps
// empty rows in between as nil, so index i is Excel row i+1.
func sheetRows(rows [][]string, n int) []userRow {
	out := make([]userRow, 0, min(n, len(rows)))
	for i, r := range rows[:min(n, len(rows))] {
		out = append(out, userRow{num: i + 1, cells: r})
	}
	return out
}

func sheetUsers(name, sheet string, rows [][]string, h userHeader) (*UserList, error) {
	list, m := newUserList(name, "xlsx", h)
	list.Sheet = sheet
	list.Users = make([]User, 0, len(rows)-h.row)
	for i := h.row; i < len(rows); i++ {
		if isEmptyRow(rows[i]) {
			continue
		}
		list.Users = append(list.Users, m.user(i+1, rows[i]))
	}
	if len(list.Users) == 0 {
		return nil, noUsersError(name, fmt.Sprintf("sheet %q: ", sheet), h)
	}
	return list, nil
}
