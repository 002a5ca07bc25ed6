package workbook

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
	"github.com/xuri/excelize/v2"
)

// Returned is a remediation workbook as the customer sent it back.
type Returned struct {
	Data     []byte              // the file as read, for the pack's provenance
	Customer string              // the customer it was made for (its subject); "" when removed
	Tracker  *assessment.Tracker // what they wrote against each finding
	Notices  []string            // what was ignored, and why
}

// maxCell bounds what one cell of a returned workbook may hold.
const maxCell = 4000

// ReadReturned reads the workbook at path for -tracker, under the limits of
// every workbook migready reads, and refuses one made for another customer
// than customer.
func ReadReturned(path, customer string) (*Returned, error) {
	data, err := inputs.ReadFile(path, inputs.RoleTracker)
	if err != nil {
		return nil, err
	}
	return ParseReturned(path, data, customer)
}

// ParseReturned is ReadReturned on a workbook already read (migready
// serve's upload): path names it in errors and in the pack's list of
// inputs.
func ParseReturned(path string, data []byte, customer string) (*Returned, error) {
	r, err := parseReturned(path, data)
	if err != nil {
		return nil, err
	}
	switch {
	case r.Customer == "":
		r.Notices = append([]string{"the workbook does not say which customer it is for; its rows are matched by key"}, r.Notices...)
	case !shown.Same(r.Customer, customer):
		return nil, &inputs.Error{File: path, Msg: fmt.Sprintf("this workbook is for %q, not %q", r.Customer, customer),
			Hint: "-tracker takes the remediation workbook of this customer's previous pack"}
	}
	return r, nil
}

// parseReturned reads a returned workbook from data; name is the file, for
// errors. The Findings sheet is found by its key column, whatever it is
// called now; columns are found by their headers in any language, wherever
// they were moved; rows without a key are ignored with a notice when they
// hold anything. Every value is read as text (a formula's saved value,
// never the formula).
func parseReturned(name string, data []byte) (*Returned, error) {
	r := &Returned{Data: data, Tracker: &assessment.Tracker{File: name}}
	var sheet string
	var rows [][]string
	err := inputs.ReadWorkbook(name, data, inputs.RoleTracker, func(f *excelize.File) error {
		if props, err := f.GetDocProps(); err == nil {
			r.Customer = props.Subject
			if d, err := time.Parse(time.RFC3339, props.Created); err == nil {
				r.Tracker.Made = d
			}
		}
		var err error
		if sheet, rows, err = findingsSheet(f); err != nil {
			return err
		}
		if sheet == "" {
			return &inputs.Error{File: name, Msg: fmt.Sprintf("no sheet has the %q column", KeyHeader),
				Hint: "-tracker takes the remediation workbook migready made, as the customer returned it; the hidden key column must stay (sheets: " +
					quoteList(f.GetSheetList()) + ")"}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.readRows(sheet, rows)
	if len(r.Tracker.Entries) == 0 {
		return nil, &inputs.Error{File: name, Msg: fmt.Sprintf("sheet %q has no findings with a key", sheet),
			Hint: "the hidden key column must keep its values; send the workbook as migready made it"}
	}
	return r, nil
}

// readRows reads the entries of the Findings sheet, its header first.
func (r *Returned) readRows(sheet string, rows [][]string) {
	words := returnedWords()
	header := rows[0]
	find := func(col int) int {
		for i, h := range header {
			if col == colKey && strings.TrimSpace(h) == KeyHeader || col != colKey && words.columns[col][inputs.FoldKey(h)] {
				return i
			}
		}
		return -1
	}
	// The customer's columns: a notice when one is gone.
	col := func(c int, what string) int {
		i := find(c)
		if i < 0 {
			r.Notices = append(r.Notices, fmt.Sprintf("sheet %q has no %s column: it was deleted or renamed", sheet, what))
		}
		return i
	}
	key := find(colKey)
	status, owner, due, comment := col(colStatus, "Status"), col(colOwner, "Owner"), col(colDue, "Due date"), col(colComment, "Comment")
	// The columns that only name a finding no longer found.
	userID, uname, email := find(colUserID), find(colName), find(colEmail)
	// A cell longer than maxCell is shortened between two letters (never
	// inside one, nor between a letter and its accent) and marked, with a
	// notice naming it: the full text stays in the returned workbook.
	var long []string // the headers of the row's shortened cells
	cell := func(row []string, i int) string {
		if i < 0 || i >= len(row) {
			return ""
		}
		s := strings.TrimSpace(row[i])
		if len(s) > maxCell {
			s, _ = shown.CutBytes(s, maxCell-len(shown.Mark))
			s += shown.Mark
			long = append(long, strconv.Quote(strings.TrimSpace(header[i])))
		}
		return s
	}
	seen := map[string]int{}
	for i, row := range rows[1:] {
		num := i + 2
		long = long[:0]
		k := cell(row, key)
		e := assessment.TrackerEntry{Row: num, Key: k, Owner: cell(row, owner), Comment: cell(row, comment),
			UserID: cell(row, userID), Name: cell(row, uname), Email: cell(row, email)}
		d := cell(row, due)
		word := cell(row, status)
		if len(long) > 0 {
			r.Notices = append(r.Notices, fmt.Sprintf("sheet %q row %d: column %s holds more than %d characters; shortened, the full text stays in this workbook",
				sheet, num, strings.Join(long, ", "), maxCell))
		}
		if k == "" {
			if e.Owner != "" || e.Comment != "" {
				r.Notices = append(r.Notices, fmt.Sprintf("sheet %q row %d: a note without a key (a row added by hand?) is not carried forward: %q",
					sheet, num, cmp.Or(e.Comment, e.Owner)))
			}
			continue
		}
		if prev, dup := seen[k]; dup {
			r.Notices = append(r.Notices, fmt.Sprintf("sheet %q row %d: the same finding as row %d; row %d is used", sheet, num, prev, prev))
			continue
		}
		seen[k] = num
		state, ok := words.states[inputs.FoldKey(word)]
		if !ok {
			state = assessment.TrackOpen
			if word != "" {
				r.Notices = append(r.Notices, fmt.Sprintf("sheet %q row %d: status %q is not one of the drop-down's; taken as open", sheet, num, word))
			}
		}
		e.State = state
		if d != "" {
			e.Due = dueDate(d)
			if e.Due == d && !isISODate(d) {
				r.Notices = append(r.Notices, fmt.Sprintf("sheet %q row %d: due date %q is not a date; kept as written", sheet, num, d))
			}
		}
		r.Tracker.Entries = append(r.Tracker.Entries, e)
	}
}

// words are the Findings sheet's column headers and status words in every
// language, folded (inputs.FoldKey): a workbook made in one language is read
// in any, and one whose words the customer retyped in another case or
// without accents too.
type words struct {
	columns [colKey]map[string]bool          // by column, its folded headers
	states  map[string]assessment.TrackState // folded status word → state
}

// returnedWords are the words of every language that has texts.
func returnedWords() words {
	w := words{states: map[string]assessment.TrackState{}}
	for col := range w.columns {
		w.columns[col] = map[string]bool{}
	}
	for _, code := range templates.Supported {
		l, err := templates.Load(code)
		if err != nil {
			continue
		}
		for col := range w.columns {
			w.columns[col][inputs.FoldKey(columnHeader(l, col))] = true
		}
		for _, s := range assessment.TrackStates {
			w.states[inputs.FoldKey(StateWord(l, s))] = s
		}
	}
	return w
}

// findingsSheet finds the sheet whose first row has the key column and
// returns its rows as saved values (never formulas); "" when none has.
func findingsSheet(f *excelize.File) (string, [][]string, error) {
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			return "", nil, errors.New("sheet " + s + ": " + err.Error())
		}
		if len(rows) == 0 {
			continue
		}
		for _, h := range rows[0] {
			if strings.TrimSpace(h) == KeyHeader {
				return s, rows, nil
			}
		}
	}
	return "", nil, nil
}

// dueDate reads a due date: a date cell (an Excel serial number) or a date
// written as text in a common form; anything else is kept as written.
func dueDate(s string) string {
	if n, err := strconv.ParseFloat(s, 64); err == nil && n > 0 && n < 2958466 {
		if d, err := excelize.ExcelDateToTime(n, false); err == nil {
			return d.Format(time.DateOnly)
		}
	}
	for _, layout := range []string{time.DateOnly, "02.01.2006", "2.1.2006", "02-01-2006", "02/01/2006", "2006/01/02"} {
		if d, err := time.Parse(layout, s); err == nil {
			return d.Format(time.DateOnly)
		}
	}
	return s
}

func isISODate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// quoteList quotes the sheets' names, "Checklist", "Mine funn", the first
// ten of them.
func quoteList(names []string) string {
	q := make([]string, 0, 11)
	for i, n := range names {
		if i == 10 {
			q = append(q, fmt.Sprintf("… (%d more)", len(names)-i))
			break
		}
		q = append(q, strconv.Quote(n))
	}
	return strings.Join(q, ", ")
}
