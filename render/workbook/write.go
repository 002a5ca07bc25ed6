package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/migready/migready/inputs"
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
	if b.Tenant != "" {
		if err := f.SetCustomProps(excelize.CustomProperty{Name: TenantProperty, Value: b.Tenant}); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// noTempDir keeps excelize's stream writer from spilling a large sheet to
// a temporary file, which a Ctrl-C would leave in the system's temp folder.
const noTempDir = inputs.NoTempDir

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
	// still is the Status cell of a finding marked fixed in the returned
	// workbook but still found: the pack's warning colours.
	still int
	none  int // "None" under the header of a sheet with no rows
}

// fontName and fontSize are the workbook's default font, named on every
// style with a font of its own: a font without a name is a serif in
// LibreOffice.
const (
	fontName = "Calibri"
	fontSize = 11.0
)

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
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF", Family: fontName, Size: fontSize},
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
	for _, s := range []assessment.Status{assessment.Pass, assessment.Fail, assessment.Warn, assessment.Unknown} {
		st.status[s] = mk(statusStyle(s, top))
	}
	st.none = mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "5B6475", Family: fontName, Size: fontSize}, Alignment: top, NumFmt: 49})
	st.still = mk(statusStyle(assessment.Warn, &excelize.Alignment{Vertical: "top", WrapText: true}))
	return &st, err
}

// statusStyle is the style of a cell that says a status: the pack's colours
// (doc.StatusColors), dark bold text on a light wash of the same colour,
// which prints in black and white too.
func statusStyle(s assessment.Status, align *excelize.Alignment) *excelize.Style {
	c := doc.StatusColors[string(s)]
	white := doc.RGB{R: 255, G: 255, B: 255}
	return &excelize.Style{
		Font:      statusFont(s),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{strings.TrimPrefix(c.Mix(white, 0.88).String(), "#")}},
		Alignment: align,
		NumFmt:    49,
	}
}

func statusFont(s assessment.Status) *excelize.Font {
	c := doc.StatusColors[string(s)]
	return &excelize.Font{Bold: true, Color: strings.TrimPrefix(c.String(), "#"), Family: fontName, Size: fontSize}
}

func (st *styles) statusStyle(s assessment.Status) int {
	if id, ok := st.status[s]; ok {
		return id
	}
	return st.text
}

// columnWidths sizes a sheet's columns by their content, as Excel's
// "autofit" would, within limits, and so that the sheet prints at a
// readable size (see fit and printScale). Widths are in characters of the
// default font, as the file stores them.
type columnWidths struct {
	w     []int     // the widest value seen, in characters
	floor []float64 // the narrowest the column may be: its widest word that must not break
	max   []int     // the widest it may grow by its content
	fixed []float64 // the widths fit chose; nil before
}

func newColumnWidths(headers []string, max ...int) *columnWidths {
	c := &columnWidths{w: make([]int, len(headers)), floor: make([]float64, len(headers)), max: max}
	for i, h := range headers {
		c.see(i, h)
		// A header wraps between its words, never inside one: its
		// widest word, in bold, sets the column's narrowest width.
		for _, word := range strings.Fields(h) {
			c.whole(i, word, true)
		}
	}
	return c
}

func (c *columnWidths) see(col int, s string) {
	if n := utf8.RuneCountInString(s); n > c.w[col] {
		c.w[col] = n
	}
}

// whole makes column col wide enough for s on one line: a date, a status
// word, a header word. Letters are wider than the digits a width counts
// (capitals, bold), hence the margin.
func (c *columnWidths) whole(col int, s string, bold bool) {
	n := float64(utf8.RuneCountInString(s))
	for _, r := range s {
		if unicode.IsUpper(r) {
			n += 0.3
		}
	}
	if bold {
		n *= 1.1
	}
	c.floor[col] = max(c.floor[col], math.Ceil(n)+1)
}

// words makes column col wide enough for each word of s up to maxWord
// letters: a title or a name wraps between its words ("Benutzerpläne"
// whole, not "Benutzerplän|e"). A longer word, such as an address, breaks
// where it must.
func (c *columnWidths) words(col int, s string) {
	for _, w := range strings.Fields(s) {
		if utf8.RuneCountInString(w) <= maxWord {
			c.whole(col, w, false)
		}
	}
}

// maxWord is the longest word a column widens for (see words).
const maxWord = 16

// titleWords is words for a check's title, migready's own words, however
// long (the Dutch "Gebruikersplannen" is 17 letters): a word longer than
// maxWord is kept whole up to each hyphen, where a spreadsheet may break
// it ("SuperOffice-|versie").
func (c *columnWidths) titleWords(col int, title string) {
	for _, w := range strings.Fields(title) {
		if utf8.RuneCountInString(w) <= maxWord {
			c.whole(col, w, false)
			continue
		}
		for _, part := range strings.Fields(strings.ReplaceAll(w, "-", "- ")) {
			c.whole(col, part, false)
		}
	}
}

func (c *columnWidths) width(col int) float64 {
	if c.fixed != nil {
		return c.fixed[col]
	}
	w := c.w[col] + 2
	if w < 8 {
		w = 8
	}
	if col < len(c.max) && w > c.max[col] {
		w = c.max[col]
	}
	return max(float64(w), c.floor[col])
}

// widths are the widths of columns 0…n-1.
func (c *columnWidths) widths(n int) []float64 {
	ws := make([]float64, n)
	for i := range ws {
		ws[i] = c.width(i)
	}
	return ws
}

// fit narrows the columns whose text wraps (shrink, each down to its
// floor and at least least[col]), the one with the most room first, until
// the first n columns print within pageWidth at scale percent, or none can
// narrow further.
func (c *columnWidths) fit(n int, scale float64, least map[int]float64, shrink ...int) {
	ws := c.widths(len(c.w))
	c.fixed = ws
	budget := pageWidth * 100 / scale
	for columnPoints(ws[:n]...) > budget {
		best, room := -1, 0.0
		for _, col := range shrink {
			if r := ws[col] - max(c.floor[col], least[col]); r >= 1 && r > room {
				best, room = col, r
			}
		}
		if best < 0 {
			return
		}
		ws[best]--
	}
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

// pageWidth is what an A4 page in landscape holds across between
// printSetup's margins (half an inch each side), in points.
const pageWidth = 841.89 - 72

// columnPoints is how wide columns of widths ws print at 100 %, in points.
// A width counts digits of the default font, Calibri 11 (Carlito in
// LibreOffice, with the same metrics): Excel draws w digits of 7 pixels
// and 5 pixels of padding, at 96 pixels an inch; LibreOffice draws w
// digits of their unrounded width, 5.55 points. Each column counts the
// wider of the two.
func columnPoints(ws ...float64) float64 {
	sum := 0.0
	for _, w := range ws {
		sum += max((math.Floor(w*7)+5)*0.75, w*5.6)
	}
	return sum
}

// minScale is the smallest scale a sheet prints at, in percent: the
// 11-point text prints at 8.25 points. A sheet too wide for that continues
// on a page to the right (the columns read first are on the left).
const minScale = 75

// findingsScale is the scale the Findings sheet's columns are fitted to
// (8.8-point text), so that in most workbooks it prints one page wide.
const findingsScale = 80

// printScale is the scale, in percent, at which columns of widths ws
// print one page wide, between minScale and 100.
func printScale(ws []float64) int {
	s := int(math.Floor(100 * pageWidth / columnPoints(ws...)))
	return min(max(s, minScale), 100)
}

// printSetup makes a sheet print as a document: A4 landscape, its columns
// (widths ws, the visible ones) one page wide at a scale that keeps the
// text at 8 points or more (printScale), the header row repeated on every
// page, the sheet's name and "page / pages" in the footer. A sheet wider
// than that prints its right-hand columns on a page of their own after
// each page of rows.
func printSetup(f *excelize.File, sheet string, ws []float64) error {
	size, landscape, order := 9, "landscape", "overThenDown"
	scale := uint(printScale(ws))
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &landscape, AdjustTo: &scale, PageOrder: &order,
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
	return printSetup(f, sheet, cw.widths(len(headers)))
}

// writeNone says in row 2 of a sheet with no rows that it has none, in the
// sheet's language: a header alone on a printed page reads as a sheet that
// failed to print.
func writeNone(f *excelize.File, sheet string, lang *templates.Lang, st *styles) error {
	if err := f.SetCellStr(sheet, "A2", lang.T("workbook.none")); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, "A2", "A2", st.none)
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
		cw.titleWords(0, c.Title)
		cw.whole(1, lang.T("status."+string(c.Status)), true)
		cw.see(2, c.Summary)
	}
	cw.whole(3, lang.T("workbook.yes"), false)
	cw.whole(3, lang.T("workbook.no"), false)
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
	if len(a.Checks) == 0 {
		if err := writeNone(f, sheet, lang, st); err != nil {
			return err
		}
	}
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
	return autoFilter(f, sheet, len(headers), rows)
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
	// A finding marked fixed in the returned workbook but still found says
	// so above its problem, and its Status is in the warning colours, as
	// the pack lists it under "Marked fixed, but still found".
	still := lang.T("pack.tracker.still_title")
	problem := func(fd Finding) string {
		if fd.Track != nil && fd.Track.State == assessment.TrackFixed {
			return still + "\n" + fd.Problem
		}
		return fd.Problem
	}
	cw := newColumnWidths(headers, 24, 14, 10, 14, 22, 32, 44, 44, 14, 18, 12, 40, 24)
	n := 0
	for _, c := range a.Checks {
		if len(c.Findings) == 0 {
			continue
		}
		cw.see(colCheck, c.Title)
		cw.titleWords(colCheck, c.Title)
		cw.whole(colResult, lang.T("status."+string(c.Status)), true)
		for _, fd := range c.Findings {
			cw.see(colUserID, fd.UserID)
			cw.see(colName, fd.Name)
			cw.words(colName, fd.Name)
			cw.see(colEmail, fd.Email)
			cw.see(colProblem, problem(fd))
			cw.see(colAction, fd.Action)
			_, owner, comment, due := track(fd)
			cw.see(colOwner, owner)
			cw.see(colComment, comment)
			if s, ok := due.(string); ok {
				cw.see(colDue, s)
			}
			n++
		}
	}
	for _, s := range assessment.TrackStates {
		cw.see(colStatus, words[s])
		for _, w := range strings.Fields(words[s]) {
			cw.whole(colStatus, w, true)
		}
	}
	// A date as the reader's Excel writes it ("24.11.2026", "11/24/2026").
	cw.whole(colDue, "2026-11-24", false)
	// The columns of running text wrap onto more lines, down to a width
	// that still reads comfortably, so that the sheet prints one page wide;
	// if it is still too wide at the smallest scale, further, down to their
	// words.
	shrink := []int{colCheck, colUserID, colName, colEmail, colProblem, colAction, colOwner, colComment}
	cw.fit(colKey, findingsScale, map[int]float64{
		colCheck: 12, colUserID: 10, colName: 12, colEmail: 18, colProblem: 22, colAction: 24, colOwner: 10, colComment: 14,
	}, shrink...)
	cw.fit(colKey, minScale, nil, shrink...)

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
	stillRun := excelize.RichTextRun{Text: still + "\n", Font: statusFont(assessment.Warn)}
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
			if fd.Track != nil && fd.Track.State == assessment.TrackFixed {
				row[colStatus] = excelize.Cell{StyleID: st.still, Value: state}
				row[colProblem] = excelize.Cell{StyleID: st.wrap, Value: []excelize.RichTextRun{stillRun, {Text: fd.Problem}}}
			}
			switch d := due.(type) {
			case time.Time:
				row[colDue] = excelize.Cell{StyleID: st.date, Value: d}
			case string:
				row[colDue] = text(d)
			default:
				row[colDue] = excelize.Cell{StyleID: st.date}
			}
			cell, _ := excelize.CoordinatesToCellName(1, r)
			var dueText string
			if s, ok := due.(string); ok {
				dueText = s
			}
			h := cw.rowHeight(c.Title, status.Value.(string), "", fd.UserID, fd.Name, fd.Email, problem(fd), fd.Action, state, owner, dueText, comment)
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
	if n == 0 {
		if err := sw.SetRow("A2", []any{excelize.Cell{StyleID: st.none, Value: lang.T("workbook.none")}}); err != nil {
			return err
		}
	}
	if err := dropDown(f, sheet, colStatus+1, rows, status); err != nil {
		return err
	}
	if err := autoFilter(f, sheet, len(headers), rows); err != nil {
		return err
	}
	if err := printSetup(f, sheet, cw.widths(colKey)); err != nil {
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
	cw.whole(2, yes, false)
	cw.whole(2, no, false)
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
	} else if err := writeNone(f, sheet, lang, st); err != nil {
		return err
	}
	return autoFilter(f, sheet, len(headers), rows)
}
