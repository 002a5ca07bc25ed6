package workbook

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
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
	Data []byte // the file as read, for the pack's provenance
	// Customer is the customer it was made for: its subject (Name, "" when
	// removed) and its custom property TenantProperty (Tenant).
	Customer assessment.Customer
	// Tracker is what they wrote against each finding; its Notices say what
	// could not be taken as written, and what was done instead.
	Tracker *assessment.Tracker
}

// maxCell bounds what one cell of a returned workbook may hold.
const maxCell = 4000

// ReadReturned reads the workbook at path for -tracker, under the limits of
// every workbook migready reads, and refuses one made for another customer
// than now: another tenant, or another name (assessment.Customer.Differs).
func ReadReturned(path string, now assessment.Customer) (*Returned, error) {
	data, err := inputs.ReadFile(path, inputs.RoleTracker)
	if err != nil {
		return nil, err
	}
	return ParseReturned(path, data, now)
}

// ParseReturned is ReadReturned on a workbook already read (migready
// serve's upload): path names it in errors and in the pack's list of
// inputs.
func ParseReturned(path string, data []byte, now assessment.Customer) (*Returned, error) {
	r, err := parseReturned(path, data)
	if r == nil {
		return nil, err
	}
	// Whose workbook it is comes first: another customer's workbook with
	// no findings (a READY pack's) is another customer's, not one whose
	// keys were lost.
	hint := "-tracker takes the remediation workbook of this customer's previous pack"
	switch c := r.Customer; {
	case c.Name == "" && c.Tenant != "" && now.Tenant != "" && !strings.EqualFold(c.Tenant, now.Tenant):
		return nil, &inputs.Error{File: path, Msg: fmt.Sprintf("this workbook is for tenant %s, not %s", c.Tenant, now.Tenant), Hint: hint}
	case c.Name == "":
		r.Tracker.Notices = append([]assessment.Text{notice("no-customer")}, r.Tracker.Notices...)
	case c.Differs(now) == "tenant":
		return nil, &inputs.Error{File: path, Msg: fmt.Sprintf("this workbook is for tenant %s (%q), not %s (%q)", c.Tenant, c.Name, now.Tenant, now.Name),
			Hint: hint + ", of the same tenant"}
	case c.Differs(now) == "name":
		return nil, &inputs.Error{File: path, Msg: fmt.Sprintf("this workbook is for %q, not %q", c.Name, now.Name), Hint: hint}
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Owner is the customer a remediation workbook at path was made for (its
// subject and TenantProperty), only: whose pack a pack of the same file
// names would replace.
func Owner(path string) (assessment.Customer, error) {
	data, err := inputs.ReadFile(path, inputs.RoleTracker)
	if err != nil {
		return assessment.Customer{}, err
	}
	var c assessment.Customer
	err = inputs.ReadWorkbook(path, data, inputs.RoleTracker, func(f *excelize.File) error {
		c = customerOf(f)
		return nil
	})
	return c, err
}

// customerOf is the customer the workbook says it was made for.
func customerOf(f *excelize.File) assessment.Customer {
	var c assessment.Customer
	if props, err := f.GetDocProps(); err == nil {
		c.Name = strings.TrimSpace(props.Subject)
	}
	if props, err := f.GetCustomProps(); err == nil {
		for _, p := range props {
			if v, ok := p.Value.(string); ok && p.Name == TenantProperty {
				c.Tenant = strings.TrimSpace(v)
			}
		}
	}
	return c
}

// parseReturned reads a returned workbook from data; name is the file, for
// errors. A workbook without findings is an error that comes with what was
// read (its customer). The Findings sheet is found by its key column, whatever it is
// called now; columns are found by their headers in any language, wherever
// they were moved; rows without a key are ignored with a notice when they
// hold anything. Every value is read as text (a formula's saved value,
// never the formula; a formula without one is reported, never taken for an
// empty cell). More than one sheet with the key column (a copy of the
// Findings sheet, visible or hidden) is read when they say the same, and
// refused when they differ: which holds the current notes cannot be told.
func parseReturned(name string, data []byte) (*Returned, error) {
	r := &Returned{Data: data}
	var sheets []*keySheet
	var made time.Time
	err := inputs.ReadWorkbook(name, data, inputs.RoleTracker, func(f *excelize.File) error {
		r.Customer = customerOf(f)
		if props, err := f.GetDocProps(); err == nil {
			if d, err := time.Parse(time.RFC3339, props.Created); err == nil {
				made = d
			}
		}
		var err error
		if sheets, err = keySheets(f); err != nil {
			return err
		}
		if len(sheets) == 0 {
			return &inputs.Error{File: name, Msg: fmt.Sprintf("no sheet has the %q column", KeyHeader),
				Found: "sheets: " + quoteList(f.GetSheetList()),
				Hint:  "-tracker takes the remediation workbook migready made, as the customer returned it; the hidden key column must stay"}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, ks := range sheets {
		ks.read(name)
	}
	t, err := oneSheet(name, sheets)
	if err != nil {
		return nil, err
	}
	t.Made = made
	r.Tracker = t
	if len(t.Entries) == 0 {
		// r goes back too: ParseReturned tells whose workbook it is first.
		return r, &inputs.Error{File: name, Msg: fmt.Sprintf("sheet %q has no findings with a key", t.Sheet),
			Hint: "the hidden key column must keep its values; send the workbook as migready made it"}
	}
	return r, nil
}

// keySheet is a sheet whose first row has the key column, as read: its
// rows as saved values, and the cells of the tracker's columns that hold a
// formula without a saved value.
type keySheet struct {
	name    string
	hidden  bool
	rows    [][]string
	cols    columns
	unsaved map[[2]int]bool // row index in rows, column
	words   *words
	tracker *assessment.Tracker
}

// columns are the Findings sheet's columns as the header has them: -1 for
// one that is gone.
type columns [colKey + 1]int

// findColumns finds the columns by their headers, in any language.
func findColumns(header []string, w *words) columns {
	var cs columns
	for col := range cs {
		cs[col] = -1
		for i, h := range header {
			if col == colKey && strings.TrimSpace(h) == KeyHeader || col != colKey && w.columns[col][inputs.FoldKey(h)] {
				cs[col] = i
				break
			}
		}
	}
	return cs
}

// keySheets finds every sheet whose first row has the key column and reads
// its rows as saved values (never formulas), noting the cells of the
// tracker's columns that are empty because they hold a formula whose value
// was never saved.
func keySheets(f *excelize.File) ([]*keySheet, error) {
	w := returnedWords()
	var out []*keySheet
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, errors.New("sheet " + s + ": " + err.Error())
		}
		if len(rows) == 0 || !slices.ContainsFunc(rows[0], func(h string) bool { return strings.TrimSpace(h) == KeyHeader }) {
			continue
		}
		visible, _ := f.GetSheetVisible(s)
		ks := &keySheet{name: s, hidden: !visible, rows: rows, cols: findColumns(rows[0], &w), unsaved: map[[2]int]bool{}, words: &w}
		for i := 1; i < len(rows); i++ {
			for _, col := range []int{colStatus, colOwner, colDue, colComment} {
				c := ks.cols[col]
				if c < 0 || c < len(rows[i]) && rows[i][c] != "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, i+1)
				if formula, err := f.GetCellFormula(s, ref); err == nil && formula != "" {
					ks.unsaved[[2]int{i, col}] = true
				}
			}
		}
		out = append(out, ks)
	}
	return out, nil
}

// oneSheet is the tracker of the one sheet with the key column, or of the
// first visible one of several that say the same; several that differ are
// an input error naming them.
func oneSheet(name string, sheets []*keySheet) (*assessment.Tracker, error) {
	// Of copies that say the same, the one named as migready names the
	// sheet is read, else the first visible one.
	chosen := sheets[0]
	for _, ks := range sheets {
		if !ks.hidden {
			chosen = ks
			break
		}
	}
	for _, ks := range sheets {
		if !ks.hidden && ks.words.sheets[inputs.FoldKey(ks.name)] {
			chosen = ks
			break
		}
	}
	var others []string
	for _, ks := range sheets {
		if ks == chosen {
			continue
		}
		if row, differ := differs(chosen.tracker, ks.tracker); differ {
			return nil, &inputs.Error{File: name,
				Msg: fmt.Sprintf("the sheets %s both have the hidden %q column, with different notes (first at row %d of %q): which are current cannot be told",
					quoteList([]string{chosen.name, ks.name}), KeyHeader, row, chosen.name),
				Found: "sheets: " + sheetList(sheets),
				Hint: "keep only the sheet with the current notes: delete the other copy (right-click its tab > Delete; " +
					"a hidden sheet shows with right-click > Unhide) and send the workbook again"}
		}
		others = append(others, ks.name)
	}
	t := chosen.tracker
	if len(others) > 0 {
		n := notice("copies", "count", len(others), "sheet", quoted(t.Sheet), "others", quotedList(others))
		n.Plural = true
		t.Notices = append([]assessment.Text{n}, t.Notices...)
	}
	return t, nil
}

// differs reports whether two sheets' trackers hold different notes, and the
// row of a's where they first do.
func differs(a, b *assessment.Tracker) (int, bool) {
	type notes struct {
		state               assessment.TrackState
		owner, due, comment string
	}
	of := func(t *assessment.Tracker) map[string]notes {
		m := map[string]notes{}
		for _, e := range t.Entries {
			m[e.Key] = notes{e.State, e.Owner, e.Due, e.Comment}
		}
		return m
	}
	bs := of(b)
	for _, e := range a.Entries {
		if n, ok := bs[e.Key]; !ok || n != (notes{e.State, e.Owner, e.Due, e.Comment}) {
			return e.Row, true
		}
		delete(bs, e.Key)
	}
	if len(bs) > 0 {
		return a.Entries[len(a.Entries)-1].Row, true
	}
	return 0, false
}

// sheetList names the sheets, the hidden ones said to be.
func sheetList(sheets []*keySheet) string {
	names := make([]string, len(sheets))
	for i, ks := range sheets {
		names[i] = strconv.Quote(ks.name)
		if ks.hidden {
			names[i] += " (hidden)"
		}
	}
	return strings.Join(names, ", ")
}

// read reads the sheet's entries, its header first; file is the workbook,
// for the tracker.
func (ks *keySheet) read(file string) {
	t := &assessment.Tracker{File: file, Sheet: ks.name, Notices: []assessment.Text{}}
	ks.tracker = t
	w := ks.words
	sheet := quoted(ks.name)
	cols := ks.cols
	// The customer's columns: a notice when one is gone.
	for _, col := range []int{colStatus, colOwner, colDue, colComment} {
		if cols[col] < 0 {
			t.Notices = append(t.Notices, notice("column-missing", "sheet", sheet, "column", columnText(col)))
		}
	}
	t.Shows = assessment.TrackerColumns{Check: cols[colCheck] >= 0, Row: cols[colRow] >= 0, UserID: cols[colUserID] >= 0,
		Name: cols[colName] >= 0, Email: cols[colEmail] >= 0}
	// A cell longer than maxCell is shortened between two characters
	// (never inside one, nor between a letter and its accent) and marked,
	// with a notice naming it: the full text stays in the returned workbook.
	var long []int // the row's shortened cells, by index in the row
	cell := func(row []string, i int) string {
		if i < 0 || i >= len(row) {
			return ""
		}
		s := strings.TrimSpace(row[i])
		if len(s) > maxCell {
			s, _ = shown.CutBytes(s, maxCell-len(shown.Mark))
			s += shown.Mark
			long = append(long, i)
		}
		return s
	}
	seen := map[string]int{}
	for i, row := range ks.rows[1:] {
		num := i + 2
		rowArg := strconv.Itoa(num)
		long = long[:0]
		k := cell(row, cols[colKey])
		e := assessment.TrackerEntry{Row: num, Key: k, Owner: cell(row, cols[colOwner]), Comment: cell(row, cols[colComment]),
			UserID: cell(row, cols[colUserID]), Name: cell(row, cols[colName]), Email: cell(row, cols[colEmail]),
			Check: w.checks[inputs.FoldKey(cell(row, cols[colCheck]))]}
		if n, err := strconv.Atoi(cell(row, cols[colRow])); err == nil && n > 0 {
			e.ExportRow = n
		}
		if k == "" {
			if e.Owner != "" || e.Comment != "" {
				t.Notices = append(t.Notices, notice("no-key", "sheet", sheet, "row", rowArg, "note", quoted(cmp.Or(e.Comment, e.Owner))))
			}
			continue
		}
		if prev, dup := seen[k]; dup {
			t.Notices = append(t.Notices, notice("duplicate", "sheet", sheet, "row", rowArg, "first", strconv.Itoa(prev)))
			continue
		}
		seen[k] = num
		for _, col := range []int{colOwner, colDue, colComment} {
			if ks.unsaved[[2]int{i + 1, col}] {
				t.Notices = append(t.Notices, notice("cell-formula", "sheet", sheet, "row", rowArg, "column", columnText(col)))
			}
		}
		if ks.unsaved[[2]int{i + 1, colStatus}] {
			// Its status cannot be read: never taken for Open.
			t.Notices = append(t.Notices, notice("status-formula", "sheet", sheet, "row", rowArg, "column", columnText(colStatus)))
			continue
		}
		word := cell(row, cols[colStatus])
		state, ok := w.states[inputs.FoldKey(word)]
		if !ok {
			state = assessment.TrackOpen
			if word != "" {
				t.Notices = append(t.Notices, notice("status-unknown", "sheet", sheet, "row", rowArg, "status", quoted(word),
					"open", assessment.Text{Key: "workbook.status.open"}))
			}
		}
		e.State = state
		if d := cell(row, cols[colDue]); d != "" {
			e.Due = dueDate(d)
			if e.Due == d && !isISODate(d) {
				t.Notices = append(t.Notices, notice("due-not-date", "sheet", sheet, "row", rowArg, "due", quoted(d)))
			}
		}
		for c, idx := range cols {
			if c < colKey && idx >= 0 && slices.Contains(long, idx) {
				t.Notices = append(t.Notices, notice("cell-long", "sheet", sheet, "row", rowArg, "column", columnText(c),
					"limit", maxCell))
			}
		}
		t.Entries = append(t.Entries, e)
	}
}

// notice is the tracker's notice of kind, "tracker.notice.<kind>", about
// args (name/value pairs).
func notice(kind string, args ...any) assessment.Text {
	t := assessment.Text{Key: "tracker.notice." + kind}
	for i := 0; i+1 < len(args); i += 2 {
		t.Args = append(t.Args, assessment.Arg{Name: args[i].(string), Value: args[i+1]})
	}
	return t
}

// quoted is a value as the customer wrote it, in the language's quotes.
func quoted(s string) assessment.Text {
	return assessment.Text{Key: "finding.ref.quoted", Args: assessment.Args{{Name: "value", Value: s}}}
}

// quotedList is values in the language's quotes, one after the other.
func quotedList(ss []string) assessment.List {
	l := make(assessment.List, len(ss))
	for i, s := range ss {
		l[i] = quoted(s)
	}
	return l
}

// columnText is the header of column col in the pack's language.
func columnText(col int) assessment.Text {
	return assessment.Text{Key: "workbook.col." + columnKeys[col]}
}

// words are the Findings sheet's column headers, status words and check
// titles in every language, folded (inputs.FoldKey): a workbook made in one
// language is read in any, and one whose words the customer retyped in
// another case or without accents too. The status words are the
// drop-down's and those people type instead (workbook.typed.<state>:
// "Done", "Ferdig", "Godtatt"…).
type words struct {
	columns [colKey]map[string]bool          // by column, its folded headers
	states  map[string]assessment.TrackState // folded status word → state
	checks  map[string]string                // folded check title → check id
	sheets  map[string]bool                  // the Findings sheet's folded names
}

// returnedWords are the words of every language that has texts.
func returnedWords() words {
	w := words{states: map[string]assessment.TrackState{}, checks: map[string]string{}, sheets: map[string]bool{}}
	for col := range w.columns {
		w.columns[col] = map[string]bool{}
	}
	ambiguous := map[string]bool{}
	for _, code := range templates.Supported {
		l, err := templates.Load(code)
		if err != nil {
			continue
		}
		w.sheets[inputs.FoldKey(l.T("workbook.sheet.findings"))] = true
		for col := range w.columns {
			w.columns[col][inputs.FoldKey(columnHeader(l, col))] = true
		}
		for _, s := range assessment.TrackStates {
			for _, word := range StateWords(l, s) {
				w.states[inputs.FoldKey(word)] = s
			}
		}
		for _, v := range [][]string{nil, {"soadmin"}, {"nowindows"}, {"soadmin", "nowindows"}} {
			lv := l.Variant(v...)
			for _, id := range assessment.CheckIDs {
				title := inputs.FoldKey(lv.T("check." + id + ".title"))
				if other, ok := w.checks[title]; ok && other != id {
					ambiguous[title] = true
				}
				w.checks[title] = id
			}
		}
	}
	for title := range ambiguous {
		delete(w.checks, title)
	}
	return w
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
