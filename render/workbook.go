package render

import (
	"archive/zip"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
	"github.com/xuri/excelize/v2"
)

// Workbook writes the remediation workbook: a "Checklist" sheet (one line per
// check, first and active), a "Findings" sheet (one row per thing to fix, with
// a Status drop-down the admin keeps up to date) and a "Mailboxes" sheet (the
// address plan). Sheet names and headers come from lang.
//
// Every cell that holds customer data is a literal string in the text number
// format ("@"): a name such as "=HYPERLINK(…)" or "+47…" shows as typed and
// stays text when the admin edits the cell, so it can never turn into a
// formula. The output is byte-for-byte the same for the same assessment.
func Workbook(w io.Writer, a *localized, lang *templates.Lang) error {
	stamp := wbTime(a.Generated)
	f := excelize.NewFile(excelize.Options{
		UnzipSizeLimit: excelize.UnzipSizeLimit, UnzipXMLSizeLimit: excelize.StreamChunkSize, TmpDir: wbNoTempDir})
	defer f.Close()
	// excelize's zip writer leaves the entries' times empty; give them the
	// assessment's date so that the archive is a function of the assessment.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return &wbZip{Writer: zip.NewWriter(w), modified: stamp}
	})

	st, err := newWBStyles(f)
	if err != nil {
		return err
	}
	checklist := lang.T("workbook.sheet.checklist")
	findings := lang.T("workbook.sheet.findings")
	mailboxes := lang.T("workbook.sheet.mailboxes")
	if err := f.SetSheetName("Sheet1", checklist); err != nil {
		return err
	}
	for _, name := range []string{findings, mailboxes} {
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("workbook sheet %q: %w", name, err)
		}
	}
	// Before the findings are streamed: afterwards excelize would parse the
	// whole streamed sheet back to set its tab selection.
	f.SetActiveSheet(0)
	if err := wbChecklist(f, checklist, a, lang, st); err != nil {
		return err
	}
	if err := wbFindings(f, findings, a, lang, st); err != nil {
		return err
	}
	if err := wbMailboxes(f, mailboxes, a, lang, st); err != nil {
		return err
	}
	date := stamp.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          lang.T("workbook.title"),
		Subject:        a.Customer.Name,
		Creator:        a.Tool,
		LastModifiedBy: a.Tool,
		Created:        date,
		Modified:       date,
		Language:       a.Customer.Language,
	}); err != nil {
		return err
	}
	return f.Write(w)
}

// wbNoTempDir is a folder no file can be created in (a NUL byte is invalid
// in a path everywhere). excelize's stream writer spills a sheet over 16 MB
// to a temporary file, which a Ctrl-C would leave in the system's temp
// folder; when it cannot create one, it keeps the sheet in memory, which
// for 50,000 users costs a few tens of MB.
const wbNoTempDir = "\x00migready-no-temp-files"

// wbTime is the assessment's date at midnight UTC; a missing or odd
// date falls back to the earliest time a zip entry can carry, so the output
// stays deterministic either way.
func wbTime(generated string) time.Time {
	t, err := time.Parse("2006-01-02", generated)
	if err != nil || t.Year() < 1980 {
		return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// wbZip is excelize's zip writer with a fixed modification time on
// every entry. The order of entries is excelize's: sorted part names, after
// the streamed sheets. Only one sheet is streamed (Findings) because the
// order among several streamed sheets follows a Go map and would vary.
type wbZip struct {
	*zip.Writer
	modified time.Time
}

func (z *wbZip) Create(name string) (io.Writer, error) {
	return z.Writer.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified})
}

type wbStyles struct {
	header int
	text   int // "@": customer data stays text
	wrap   int // text, wrapped, top-aligned
	top    int // numbers, top-aligned
	status map[assessment.Status]int
}

func newWBStyles(f *excelize.File) (*wbStyles, error) {
	var st wbStyles
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	top := &excelize.Alignment{Vertical: "top"}
	st.header = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0B5FFF"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		NumFmt:    49,
	})
	st.text = mk(&excelize.Style{NumFmt: 49, Alignment: top})
	st.wrap = mk(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	st.top = mk(&excelize.Style{Alignment: top})
	st.status = map[assessment.Status]int{}
	for _, s := range []struct {
		status     assessment.Status
		fill, font string
	}{
		{assessment.Pass, "E3F4E8", "0F6B2F"},
		{assessment.Fail, "FBE3E3", "A11212"},
		{assessment.Warn, "FFF1D6", "8A5200"},
		{assessment.Unknown, "ECEEF2", "3D4656"},
	} {
		st.status[s.status] = mk(&excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: s.font},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.fill}},
			Alignment: top,
			NumFmt:    49,
		})
	}
	return &st, err
}

func (st *wbStyles) statusStyle(s assessment.Status) int {
	if id, ok := st.status[s]; ok {
		return id
	}
	return st.text
}

// wbColumnWidths tracks the widest value of each column, in characters, to
// size the columns like Excel's "autofit" would, within limits.
type wbColumnWidths struct {
	w   []int
	max []int
}

func newWBColumnWidths(headers []string, max ...int) *wbColumnWidths {
	c := &wbColumnWidths{w: make([]int, len(headers)), max: max}
	for i, h := range headers {
		c.see(i, h)
	}
	return c
}

func (c *wbColumnWidths) see(col int, s string) {
	if n := utf8.RuneCountInString(s); n > c.w[col] {
		c.w[col] = n
	}
}

func (c *wbColumnWidths) width(col int) float64 {
	w := c.w[col] + 2
	if w < 8 {
		w = 8
	}
	if col < len(c.max) && w > c.max[col] {
		w = c.max[col]
	}
	return float64(w)
}

// wbHeader writes the bold header row, freezes it and sizes the columns.
func wbHeader(f *excelize.File, sheet string, headers []string, cw *wbColumnWidths, st *wbStyles) error {
	for i, h := range headers {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheet, cell, h); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, cw.width(i)); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(headers), 1)
	if err := f.SetCellStyle(sheet, "A1", last, st.header); err != nil {
		return err
	}
	return f.SetPanes(sheet, wbFrozenHeader())
}

func wbFrozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}
}

// wbAutoFilter adds the auto filter over the used range.
func wbAutoFilter(f *excelize.File, sheet string, cols, rows int) error {
	last, _ := excelize.CoordinatesToCellName(cols, max(rows, 1))
	return f.AutoFilter(sheet, "A1:"+last, nil)
}

// wbDropDown restricts column col (1-based) of rows 2…rows to items.
func wbDropDown(f *excelize.File, sheet string, col, rows int, items []string) error {
	name, _ := excelize.ColumnNumberToName(col)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", name, name, max(rows, 2))
	if err := dv.SetDropList(items); err != nil {
		return err
	}
	return f.AddDataValidation(sheet, dv)
}

func wbChecklist(f *excelize.File, sheet string, a *localized, lang *templates.Lang, st *wbStyles) error {
	headers := []string{
		lang.T("workbook.col.check"), lang.T("workbook.col.result"),
		lang.T("workbook.col.summary"), lang.T("workbook.col.done"),
	}
	cw := newWBColumnWidths(headers, 40, 16, 80, 10)
	for _, c := range a.Checks {
		cw.see(0, c.Title)
		cw.see(1, lang.T("status."+string(c.Status)))
		cw.see(2, c.Summary)
	}
	if err := wbHeader(f, sheet, headers, cw, st); err != nil {
		return err
	}
	for i, c := range a.Checks {
		row := i + 2
		for j, cell := range []struct {
			text  string
			style int
		}{
			{c.Title, st.text},
			{lang.T("status." + string(c.Status)), st.statusStyle(c.Status)},
			{c.Summary, st.wrap},
			{"", st.text},
		} {
			ref, _ := excelize.CoordinatesToCellName(j+1, row)
			if cell.text != "" {
				if err := f.SetCellStr(sheet, ref, cell.text); err != nil {
					return err
				}
			}
			if err := f.SetCellStyle(sheet, ref, ref, cell.style); err != nil {
				return err
			}
		}
	}
	rows := len(a.Checks) + 1
	if err := wbDropDown(f, sheet, 4, rows, []string{lang.T("workbook.yes"), lang.T("workbook.no")}); err != nil {
		return err
	}
	return wbAutoFilter(f, sheet, len(headers), rows)
}

// wbFindings streams the findings: a large export can have tens of
// thousands of them, and the stream writer keeps memory flat.
func wbFindings(f *excelize.File, sheet string, a *localized, lang *templates.Lang, st *wbStyles) error {
	headers := []string{
		lang.T("workbook.col.check"), lang.T("workbook.col.result"), lang.T("workbook.col.row"),
		lang.T("workbook.col.user_id"), lang.T("workbook.col.name"), lang.T("workbook.col.email"),
		lang.T("workbook.col.problem"), lang.T("workbook.col.action"), lang.T("workbook.col.status"),
	}
	open := lang.T("workbook.status.open")
	cw := newWBColumnWidths(headers, 36, 14, 10, 16, 30, 36, 60, 60, 14)
	n := 0
	for _, c := range a.Checks {
		if len(c.Findings) == 0 {
			continue
		}
		cw.see(0, c.Title)
		cw.see(1, lang.T("status."+string(c.Status)))
		for _, fd := range c.Findings {
			cw.see(3, fd.UserID)
			cw.see(4, fd.Name)
			cw.see(5, fd.Email)
			cw.see(6, fd.Problem)
			cw.see(7, fd.Action)
			n++
		}
	}
	for _, s := range []string{open, lang.T("workbook.status.fixed"), lang.T("workbook.status.wontfix")} {
		cw.see(8, s)
	}

	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i := range headers {
		if err := sw.SetColWidth(i+1, i+1, cw.width(i)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(wbFrozenHeader()); err != nil {
		return err
	}
	row := make([]any, len(headers))
	for i, h := range headers {
		row[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	r := 1
	text := func(s string) any { return excelize.Cell{StyleID: st.text, Value: s} }
	for _, c := range a.Checks {
		status := excelize.Cell{StyleID: st.statusStyle(c.Status), Value: lang.T("status." + string(c.Status))}
		for _, fd := range c.Findings {
			r++
			var rowNo any = excelize.Cell{StyleID: st.top}
			if fd.Row > 0 {
				rowNo = excelize.Cell{StyleID: st.top, Value: fd.Row}
			}
			row[0], row[1], row[2] = text(c.Title), status, rowNo
			row[3], row[4], row[5] = text(fd.UserID), text(fd.Name), text(fd.Email)
			row[6] = excelize.Cell{StyleID: st.wrap, Value: fd.Problem}
			row[7] = excelize.Cell{StyleID: st.wrap, Value: fd.Action}
			row[8] = text(open)
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if err := sw.SetRow(cell, row); err != nil {
				return err
			}
		}
	}
	// The drop-down and the filter live in the worksheet's own XML, which the
	// stream writer appends from the sheet's model when it is flushed: add
	// them before Flush.
	rows := n + 1
	status := []string{open, lang.T("workbook.status.fixed"), lang.T("workbook.status.wontfix")}
	if err := wbDropDown(f, sheet, len(headers), rows, status); err != nil {
		return err
	}
	if err := wbAutoFilter(f, sheet, len(headers), rows); err != nil {
		return err
	}
	return sw.Flush()
}

func wbMailboxes(f *excelize.File, sheet string, a *localized, lang *templates.Lang, st *wbStyles) error {
	headers := []string{
		lang.T("workbook.col.current"), lang.T("workbook.col.new"), lang.T("workbook.col.forward"),
	}
	yes, no := lang.T("workbook.yes"), lang.T("workbook.no")
	cw := newWBColumnWidths(headers, 50, 50, 12)
	for _, m := range a.Mailboxes {
		cw.see(0, m.Current)
		cw.see(1, m.New)
	}
	cw.see(2, yes)
	cw.see(2, no)
	if err := wbHeader(f, sheet, headers, cw, st); err != nil {
		return err
	}
	for i, m := range a.Mailboxes {
		row := i + 2
		fwd := no
		if m.Forward {
			fwd = yes
		}
		for j, s := range []string{m.Current, m.New, fwd} {
			ref, _ := excelize.CoordinatesToCellName(j+1, row)
			if err := f.SetCellStr(sheet, ref, s); err != nil {
				return err
			}
		}
	}
	rows := len(a.Mailboxes) + 1
	if len(a.Mailboxes) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(headers), rows)
		if err := f.SetCellStyle(sheet, "A2", last, st.text); err != nil {
			return err
		}
	}
	return wbAutoFilter(f, sheet, len(headers), rows)
}
