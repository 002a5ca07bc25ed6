package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render/doc"
	"github.com/migready/migready/templates"
	"github.com/xuri/excelize/v2"
)

// Write writes the remediation workbook of b: a "Checklist" sheet (one line
// per check, first and active), a "Findings" sheet (one row per thing to
// fix, with a Status drop-down the admin keeps up to date) and a
// "Mailboxes" sheet (the address plan). Sheet names and headers come from
// lang.
//
// Every cell that holds customer data is a literal string in the text number
// format ("@"): a name such as "=HYPERLINK(…)" or "+47…" shows as typed and
// stays text when the admin edits the cell, so it can never turn into a
// formula. The output is byte-for-byte the same for the same book.
func Write(w io.Writer, b *Book, lang *templates.Lang) error {
	stamp := zipTime(b.Generated)
	f := excelize.NewFile(excelize.Options{
		UnzipSizeLimit: excelize.UnzipSizeLimit, UnzipXMLSizeLimit: excelize.StreamChunkSize, TmpDir: noTempDir})
	defer f.Close()
	// excelize's zip writer leaves the entries' times empty; give them the
	// pack's date so that the archive is a function of the book.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, deflate)
		return &zipWriter{Writer: zw, modified: stamp}
	})

	st, err := newStyles(f)
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
	if err := writeChecklist(f, checklist, b, lang, st); err != nil {
		return err
	}
	if err := writeFindings(f, findings, b, lang, st); err != nil {
		return err
	}
	if err := writeMailboxes(f, mailboxes, b, lang, st); err != nil {
		return err
	}
	date := stamp.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          lang.T("workbook.title"),
		Subject:        b.Customer,
		Creator:        b.Tool,
		LastModifiedBy: b.Tool,
		Created:        date,
		Modified:       date,
		Language:       b.Language,
	}); err != nil {
		return err
	}
	return f.Write(w)
}

// noTempDir is a folder no file can be created in (a NUL byte is invalid
// in a path everywhere). excelize's stream writer spills a large sheet to a
// temporary file, which a Ctrl-C would leave in the system's temp folder;
// when it cannot create one, it keeps the sheet in memory.
const noTempDir = "\x00migready-no-temp-files"

// zipTime is the pack's date at midnight UTC; a missing or odd
// date falls back to the earliest time a zip entry can carry, so the output
// stays deterministic either way.
func zipTime(generated string) time.Time {
	t, err := time.Parse("2006-01-02", generated)
	if err != nil || t.Year() < 1980 {
		return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// zipWriter is excelize's zip writer with a fixed modification time on
// every entry. The order of entries is excelize's: sorted part names, after
// the streamed sheets. Only one sheet is streamed (Findings) because the
// order among several streamed sheets follows a Go map and would vary.
type zipWriter struct {
	*zip.Writer
	modified time.Time
	sheet    *sheetFixer // the sheet part being written
}

func (z *zipWriter) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	w, err := z.Writer.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified})
	if err != nil || !strings.HasPrefix(name, "xl/worksheets/sheet") {
		return w, err
	}
	z.sheet = &sheetFixer{w: w}
	return z.sheet, nil
}

func (z *zipWriter) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.Writer.Close()
}

func (z *zipWriter) flush() error {
	if z.sheet == nil {
		return nil
	}
	err := z.sheet.flush()
	z.sheet = nil
	return err
}

// deflate compresses the workbook's parts at flate.BestSpeed, with writers
// kept for reuse: the default level takes several times as long for a file
// hardly smaller (most of a workbook is excelize's fixed theme and styles),
// and a new writer allocates its large window each time.
func deflate(w io.Writer) (io.WriteCloser, error) {
	select {
	case fw := <-flaters:
		fw.Reset(w)
		return &flater{fw}, nil
	default:
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return &flater{fw}, nil
}

// flaters is a short free list of idle writers rather than a sync.Pool,
// which every garbage collection empties: a batch of packs stops
// allocating them.
var flaters = make(chan *flate.Writer, 4)

// flater returns its writer to flaters when closed.
type flater struct{ *flate.Writer }

func (f *flater) Close() error {
	err := f.Writer.Close()
	select {
	case flaters <- f.Writer:
	default:
	}
	f.Writer = nil
	return err
}

// sheetFixer drops the filterMode="true" excelize puts on every sheet
// with an auto filter: the attribute says a filter is applied (rows are
// hidden), which none is. It holds back the start of the part, up to the
// sheet data, where sheetPr lives.
type sheetFixer struct {
	w    io.Writer
	head []byte
	done bool
}

func (s *sheetFixer) Write(p []byte) (int, error) {
	if s.done {
		return s.w.Write(p)
	}
	s.head = append(s.head, p...)
	if !bytes.Contains(s.head, []byte("<sheetData")) && len(s.head) < 1<<16 {
		return len(p), nil
	}
	if err := s.flush(); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (s *sheetFixer) flush() error {
	if s.done {
		return nil
	}
	s.done = true
	end := bytes.Index(s.head, []byte("<sheetData"))
	if end < 0 {
		end = len(s.head)
	}
	if _, err := s.w.Write(bytes.Replace(s.head[:end], []byte(` filterMode="true"`), nil, 1)); err != nil {
		return err
	}
	_, err := s.w.Write(s.head[end:])
	s.head = nil
	return err
}

type styles struct {
	header int
	text   int // "@": customer data stays text
	wrap   int // text, wrapped, top-aligned
	date   int // a date cell (due dates)
	top    int // numbers, top-aligned
	status map[assessment.Status]int
}

func newStyles(f *excelize.File) (*styles, error) {
	var st styles
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
	// A real date cell, shown as the reader's Excel shows dates.
	st.date = mk(&excelize.Style{NumFmt: 14, Alignment: top})
	// Numbers (the export's row) centred, so they do not run into the
	// user id beside them.
	st.top = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	st.status = map[assessment.Status]int{}
	// The status colours are the pack's (doc.StatusColors): dark text on a
	// light wash of the same colour, which prints in black and white too.
	white := doc.RGB{R: 255, G: 255, B: 255}
	for _, s := range []assessment.Status{assessment.Pass, assessment.Fail, assessment.Warn, assessment.Unknown} {
		c := doc.StatusColors[string(s)]
		st.status[s] = mk(&excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: strings.TrimPrefix(c.String(), "#")},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{strings.TrimPrefix(c.Mix(white, 0.88).String(), "#")}},
			Alignment: top,
			NumFmt:    49,
		})
	}
	return &st, err
}

func (st *styles) statusStyle(s assessment.Status) int {
	if id, ok := st.status[s]; ok {
		return id
	}
	return st.text
}

// columnWidths tracks the widest value of each column, in characters, to
// size the columns like Excel's "autofit" would, within limits.
type columnWidths struct {
	w   []int
	max []int
}

func newColumnWidths(headers []string, max ...int) *columnWidths {
	c := &columnWidths{w: make([]int, len(headers)), max: max}
	for i, h := range headers {
		c.see(i, h)
	}
	return c
}

func (c *columnWidths) see(col int, s string) {
	if n := utf8.RuneCountInString(s); n > c.w[col] {
		c.w[col] = n
	}
}

func (c *columnWidths) width(col int) float64 {
	w := c.w[col] + 2
	if w < 8 {
		w = 8
	}
	if col < len(c.max) && w > c.max[col] {
		w = c.max[col]
	}
	return float64(w)
}

// lineHeight is the height of one line of the default 11 pt text, in
// points, as Excel and LibreOffice set it.
const lineHeight = 15.0

// lines is how many lines s takes wrapped in column col: words go on a
// line while they fit (a column of width w holds about w digits, a little
// more running text; a margin is kept for wide letters), and a word longer
// than a line takes several.
func (c *columnWidths) lines(col int, s string) int {
	per := max(int(c.width(col)*1.15)-1, 1)
	n, used, word := 1, 0, 0
	// place puts the word just read on the current line or a new one.
	place := func() {
		switch {
		case word == 0:
		case used == 0:
			used = word
		case used+1+word <= per:
			used += 1 + word
		default:
			n++
			used = word
		}
		for used > per {
			n++
			used -= per
		}
		word = 0
	}
	for _, r := range s {
		switch {
		case r == '\n':
			place()
			n++
			used = 0
		case unicode.IsSpace(r):
			place()
		default:
			word++
		}
	}
	place()
	return n
}

// maxRowHeight is the tallest row Excel has: 409 points, 27 lines. The
// texts a row shows are shortened to fit (package shown); a row that would
// still be taller shows what fits, the whole text is in its cell.
const maxRowHeight = 409

// rowHeight is the height in points that shows every cell of a row whole,
// up to maxRowHeight.
func (c *columnWidths) rowHeight(cells ...string) float64 {
	n := 1
	for i, s := range cells {
		if s != "" {
			n = max(n, c.lines(i, s))
		}
	}
	return min(float64(n)*lineHeight+2, maxRowHeight)
}

// printSetup makes a sheet print as a document: A4 landscape, scaled to
// one page wide, the header row repeated on every page, the sheet's name
// and "page / pages" in the footer. fitToPage lives in sheetPr, which the
// stream writer writes first and AutoFilter replaces, so callers set it
// with fitToPage at the right moment.
func printSetup(f *excelize.File, sheet string) error {
	size, landscape, one, auto := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &landscape, FitToWidth: &one, FitToHeight: &auto,
	}); err != nil {
		return err
	}
	m := func(v float64) *float64 { return &v }
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: m(0.5), Right: m(0.5), Top: m(0.6), Bottom: m(0.7), Header: m(0.3), Footer: m(0.3),
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&L&A&R&P / &N"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1",
		Scope:    sheet,
	})
}

func fitToPage(f *excelize.File, sheet string) error {
	yes := true
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes})
}

// writeHeader writes the bold header row, freezes it and sizes the columns.
func writeHeader(f *excelize.File, sheet string, headers []string, cw *columnWidths, st *styles) error {
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
	if err := f.SetRowHeight(sheet, 1, cw.rowHeight(headers...)); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, frozenHeader()); err != nil {
		return err
	}
	return printSetup(f, sheet)
}

func frozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}
}

// autoFilter adds the auto filter over the header and the rows below
// it; a sheet with no rows under its header gets none.
func autoFilter(f *excelize.File, sheet string, cols, rows int) error {
	if rows < 2 {
		return nil
	}
	last, _ := excelize.CoordinatesToCellName(cols, rows)
	return f.AutoFilter(sheet, "A1:"+last, nil)
}

// dropDown restricts column col (1-based) of rows 2…rows to items.
func dropDown(f *excelize.File, sheet string, col, rows int, items []string) error {
	name, _ := excelize.ColumnNumberToName(col)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", name, name, max(rows, 2))
	if err := dv.SetDropList(items); err != nil {
		return err
	}
	return f.AddDataValidation(sheet, dv)
}

func writeChecklist(f *excelize.File, sheet string, a *Book, lang *templates.Lang, st *styles) error {
	headers := []string{
		lang.T("workbook.col.check"), lang.T("workbook.col.result"),
		lang.T("workbook.col.summary"), lang.T("workbook.col.done"),
	}
	cw := newColumnWidths(headers, 32, 16, 70, 10)
	for _, c := range a.Checks {
		cw.see(0, c.Title)
		cw.see(1, lang.T("status."+string(c.Status)))
		cw.see(2, c.Summary)
	}
	if err := writeHeader(f, sheet, headers, cw, st); err != nil {
		return err
	}
	for i, c := range a.Checks {
		row := i + 2
		for j, cell := range []struct {
			text  string
			style int
		}{
			{c.Title, st.wrap},
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
		if err := f.SetRowHeight(sheet, row, cw.rowHeight(c.Title, lang.T("status."+string(c.Status)), c.Summary)); err != nil {
			return err
		}
	}
	rows := len(a.Checks) + 1
	if a.Note != "" {
		// Under the checklist, out of its filter, across its columns.
		from, _ := excelize.CoordinatesToCellName(1, rows+2)
		to, _ := excelize.CoordinatesToCellName(len(headers), rows+2)
		if err := f.SetCellStr(sheet, from, a.Note); err != nil {
			return err
		}
		if err := f.MergeCell(sheet, from, to); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, from, to, st.wrap); err != nil {
			return err
		}
		total := 0.0
		for i := range headers {
			total += cw.width(i)
		}
		note := newColumnWidths([]string{""}, int(total))
		note.w[0] = int(total)
		if err := f.SetRowHeight(sheet, rows+2, note.rowHeight(a.Note)); err != nil {
			return err
		}
	}
	if err := dropDown(f, sheet, 4, rows, []string{lang.T("workbook.yes"), lang.T("workbook.no")}); err != nil {
		return err
	}
	if err := autoFilter(f, sheet, len(headers), rows); err != nil {
		return err
	}
	return fitToPage(f, sheet)
}

// writeFindings streams the findings: a large export can have tens of
// thousands of them, and the stream writer keeps memory flat.
func writeFindings(f *excelize.File, sheet string, a *Book, lang *templates.Lang, st *styles) error {
	headers := make([]string, colKey+1)
	for i := range headers {
		headers[i] = columnHeader(lang, i)
	}
	// Notes from a returned workbook come back in the tracker's columns.
	words := map[assessment.TrackState]string{}
	for _, s := range assessment.TrackStates {
		words[s] = StateWord(lang, s)
	}
	open := words[assessment.TrackOpen]
	track := func(fd Finding) (state, owner, comment string, due any) {
		t := fd.Track
		if t == nil {
			return open, "", "", nil
		}
		state = words[t.State]
		if state == "" {
			state = open
		}
		if d, err := time.Parse(time.DateOnly, t.Due); err == nil {
			due = d
		} else if t.Due != "" {
			due = t.Due
		}
		return state, t.Owner, t.Comment, due
	}
	cw := newColumnWidths(headers, 28, 14, 10, 16, 26, 34, 44, 44, 14, 18, 12, 40, 24)
	n := 0
	for _, c := range a.Checks {
		if len(c.Findings) == 0 {
			continue
		}
		cw.see(colCheck, c.Title)
		cw.see(colResult, lang.T("status."+string(c.Status)))
		for _, fd := range c.Findings {
			cw.see(colUserID, fd.UserID)
			cw.see(colName, fd.Name)
			cw.see(colEmail, fd.Email)
			cw.see(colProblem, fd.Problem)
			cw.see(colAction, fd.Action)
			_, owner, comment, _ := track(fd)
			cw.see(colOwner, owner)
			cw.see(colComment, comment)
			n++
		}
	}
	for _, s := range assessment.TrackStates {
		cw.see(colStatus, words[s])
	}

	// sheetPr is written when streaming starts.
	if err := fitToPage(f, sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	// The stream writer puts each width before the ones already set: set
	// them last to first, so the file lists them in column order.
	if err := sw.SetColVisible(colKey+1, colKey+1, false); err != nil {
		return err
	}
	for i := len(headers) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, cw.width(i)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(frozenHeader()); err != nil {
		return err
	}
	row := make([]any, len(headers))
	for i, h := range headers {
		row[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{Height: cw.rowHeight(headers...)}); err != nil {
		return err
	}
	r := 1
	text := func(s string) any { return excelize.Cell{StyleID: st.wrap, Value: s} }
	for _, c := range a.Checks {
		status := excelize.Cell{StyleID: st.statusStyle(c.Status), Value: lang.T("status." + string(c.Status))}
		for _, fd := range c.Findings {
			r++
			var rowNo any = excelize.Cell{StyleID: st.top}
			if fd.Row > 0 {
				rowNo = excelize.Cell{StyleID: st.top, Value: fd.Row}
			}
			row[colCheck], row[colResult], row[colRow] = text(c.Title), status, rowNo
			row[colUserID], row[colName], row[colEmail] = text(fd.UserID), text(fd.Name), text(fd.Email)
			row[colProblem] = excelize.Cell{StyleID: st.wrap, Value: fd.Problem}
			row[colAction] = excelize.Cell{StyleID: st.wrap, Value: fd.Action}
			state, owner, comment, due := track(fd)
			row[colStatus], row[colOwner], row[colComment], row[colKey] = text(state), text(owner), text(comment), text(fd.Key)
			switch d := due.(type) {
			case time.Time:
				row[colDue] = excelize.Cell{StyleID: st.date, Value: d}
			case string:
				row[colDue] = text(d)
			default:
				row[colDue] = excelize.Cell{StyleID: st.date}
			}
			cell, _ := excelize.CoordinatesToCellName(1, r)
			h := cw.rowHeight(c.Title, status.Value.(string), "", fd.UserID, fd.Name, fd.Email, fd.Problem, fd.Action, state, owner, "", comment)
			if err := sw.SetRow(cell, row, excelize.RowOpts{Height: h}); err != nil {
				return err
			}
		}
	}
	// The drop-down and the filter live in the worksheet's own XML, which the
	// stream writer appends from the sheet's model when it is flushed: add
	// them before Flush.
	rows := n + 1
	status := make([]string, len(assessment.TrackStates))
	for i, s := range assessment.TrackStates {
		status[i] = words[s]
	}
	if err := dropDown(f, sheet, colStatus+1, rows, status); err != nil {
		return err
	}
	if err := autoFilter(f, sheet, len(headers), rows); err != nil {
		return err
	}
	if err := printSetup(f, sheet); err != nil {
		return err
	}
	return sw.Flush()
}

func writeMailboxes(f *excelize.File, sheet string, a *Book, lang *templates.Lang, st *styles) error {
	headers := []string{
		lang.T("workbook.col.current"), lang.T("workbook.col.new"), lang.T("workbook.col.forward"),
	}
	yes, no := lang.T("workbook.yes"), lang.T("workbook.no")
	cw := newColumnWidths(headers, 44, 44, 12)
	for _, m := range a.Mailboxes {
		cw.see(0, m.Current)
		cw.see(1, m.New)
	}
	cw.see(2, yes)
	cw.see(2, no)
	if err := writeHeader(f, sheet, headers, cw, st); err != nil {
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
		if err := f.SetRowHeight(sheet, row, cw.rowHeight(m.Current, m.New, fwd)); err != nil {
			return err
		}
	}
	rows := len(a.Mailboxes) + 1
	if len(a.Mailboxes) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(headers), rows)
		if err := f.SetCellStyle(sheet, "A2", last, st.wrap); err != nil {
			return err
		}
	}
	if err := autoFilter(f, sheet, len(headers), rows); err != nil {
		return err
	}
	return fitToPage(f, sheet)
}
