package inputs

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// TrackerKeyHeader heads the hidden column of the remediation workbook that
// holds each finding's key; it is the same in every language, so that a
// workbook returned in any language can be matched with the next run.
const TrackerKeyHeader = "migready key"

// Track states of a finding in the remediation workbook.
const (
	TrackOpen     = "open"
	TrackFixed    = "fixed"
	TrackAccepted = "accepted"
	TrackWontFix  = "wontfix"
)

// Tracker is the remediation workbook as the customer sent it back: what
// they wrote against each finding.
type Tracker struct {
	File     string
	Customer string    // the customer the workbook was made for (its Subject)
	Made     time.Time // the pack's date (the workbook's creation date)
	Entries  []TrackerEntry
	Notices  []string // rows and cells ignored, and why
}

// TrackerEntry is one row of the returned Findings sheet.
type TrackerEntry struct {
	Row     int    // the row in the returned sheet
	Key     string // the finding's key
	State   string // one of the Track* states
	Owner   string
	Due     string // YYYY-MM-DD, or the text as written when it is not a date
	Comment string
}

// TrackerColumns tells the reader how the workbook names its columns and
// states in every language (the words live in templates; the command
// passes them, so that inputs stays free of them).
type TrackerColumns struct {
	Status, Owner, Due, Comment []string
	States                      map[string]string // folded status word → Track* state
}

// maxTrackerCell bounds what one cell of a returned workbook may hold.
const maxTrackerCell = 4000

// ParseTracker reads a returned remediation workbook. The Findings sheet is
// found by its key column, whatever it is called now; columns are found by
// their headers, wherever they were moved; rows without a key are ignored
// with a notice when they hold anything. Every value is read as text (a
// formula's saved value, never the formula).
func ParseTracker(name string, data []byte, cols TrackerColumns) (t *Tracker, err error) {
	switch {
	case len(data) == 0:
		return nil, &Error{File: name, Msg: "file is empty", Hint: "send the remediation workbook as the customer returned it"}
	case bytes.HasPrefix(data, oleMagic):
		return nil, &Error{File: name, Msg: "the workbook is password-protected (or a legacy .xls)",
			Hint: "ask the customer to remove the password to open (File > Info > Protect Workbook) and save it as .xlsx"}
	case !bytes.HasPrefix(data, zipMagic):
		return nil, &Error{File: name, Msg: "not an Excel workbook (.xlsx)",
			Hint: "-tracker takes the remediation workbook (…-remediation.xlsx) the customer sent back"}
	}
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, corruptWorkbook(name, fmt.Errorf("%v", r))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: 256 << 20, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return nil, corruptWorkbook(name, err)
	}
	defer f.Close()
	t = &Tracker{File: name}
	if props, err := f.GetDocProps(); err == nil {
		t.Customer = props.Subject
		if d, err := time.Parse(time.RFC3339, props.Created); err == nil {
			t.Made = d
		}
	}
	sheet, header, rows, err := trackerSheet(f)
	if err != nil {
		return nil, err
	}
	if sheet == "" {
		return nil, &Error{File: name, Msg: fmt.Sprintf("no sheet has the %q column", TrackerKeyHeader),
			Hint: "-tracker takes the remediation workbook migready made, as the customer returned it; the hidden key column must stay (sheets: " + quoteList(f.GetSheetList()) + ")"}
	}
	col := func(names []string, what string) int {
		for i, h := range header {
			for _, n := range names {
				if foldKey(h) == foldKey(n) {
					return i
				}
			}
		}
		t.Notices = append(t.Notices, fmt.Sprintf("sheet %q has no %s column: it was deleted or renamed", sheet, what))
		return -1
	}
	key := -1
	for i, h := range header {
		if strings.TrimSpace(h) == TrackerKeyHeader {
			key = i
		}
	}
	status, owner, due, comment := col(cols.Status, "Status"), col(cols.Owner, "Owner"), col(cols.Due, "Due date"), col(cols.Comment, "Comment")
	cell := func(r []string, i int) string {
		if i < 0 || i >= len(r) {
			return ""
		}
		s := strings.TrimSpace(r[i])
		if len(s) > maxTrackerCell {
			s = s[:maxTrackerCell]
		}
		return s
	}
	seen := map[string]int{}
	for i, r := range rows[1:] {
		rowNum := i + 2
		k := cell(r, key)
		e := TrackerEntry{Row: rowNum, Key: k, Owner: cell(r, owner), Comment: cell(r, comment)}
		if k == "" {
			if e.Owner != "" || e.Comment != "" {
				t.Notices = append(t.Notices, fmt.Sprintf("sheet %q row %d: a note without a key (a row added by hand?) is not carried forward: %q",
					sheet, rowNum, firstOf(e.Comment, e.Owner)))
			}
			continue
		}
		if prev, dup := seen[k]; dup {
			t.Notices = append(t.Notices, fmt.Sprintf("sheet %q row %d: the same finding as row %d; row %d is used", sheet, rowNum, prev, prev))
			continue
		}
		seen[k] = rowNum
		word := cell(r, status)
		e.State = cols.States[foldKey(word)]
		if e.State == "" {
			e.State = TrackOpen
			if word != "" {
				t.Notices = append(t.Notices, fmt.Sprintf("sheet %q row %d: status %q is not one of the drop-down's; taken as open", sheet, rowNum, word))
			}
		}
		if d := cell(r, due); d != "" {
			e.Due = trackerDate(d)
			if e.Due == d && !isISODate(d) {
				t.Notices = append(t.Notices, fmt.Sprintf("sheet %q row %d: due date %q is not a date; kept as written", sheet, rowNum, d))
			}
		}
		t.Entries = append(t.Entries, e)
	}
	if len(t.Entries) == 0 {
		return nil, &Error{File: name, Msg: fmt.Sprintf("sheet %q has no findings with a key", sheet),
			Hint: "the hidden key column must keep its values; send the workbook as migready made it"}
	}
	return t, nil
}

// trackerSheet finds the sheet whose first row has the key column and
// returns its rows as saved values (never formulas).
func trackerSheet(f *excelize.File) (string, []string, [][]string, error) {
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			return "", nil, nil, errors.New("sheet " + s + ": " + err.Error())
		}
		if len(rows) == 0 {
			continue
		}
		for _, h := range rows[0] {
			if strings.TrimSpace(h) == TrackerKeyHeader {
				return s, rows[0], rows, nil
			}
		}
	}
	return "", nil, nil, nil
}

// trackerDate reads a due date: a date cell (an Excel serial number) or a
// date written as text in a common form; anything else is kept as written.
func trackerDate(s string) string {
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

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// FoldKey is how the tracker's column and status words are compared: case,
// accents and punctuation aside ("Won't fix" = "wont fix").
func FoldKey(s string) string { return foldKey(s) }
