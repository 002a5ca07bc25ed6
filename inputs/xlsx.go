package inputs

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

func corruptWorkbook(name string, err error) *Error {
	return &Error{File: name, Msg: "the workbook is corrupt: " + err.Error(),
		Hint: "open it in Excel and save it again as Excel Workbook (.xlsx), or save the user list as CSV"}
}

// parseXLSX reads the users from the named sheet, or from the first visible
// sheet with a header and users: admins often leave a cover, a template or
// a pivot sheet in front of the data, and hide old lists.
func parseXLSX(name string, data []byte, sheet string) (list *UserList, err error) {
	// A damaged workbook can trip a panic deep in the zip/XML decoding; it is
	// still the customer's file that is broken, so report it as such.
	defer func() {
		if r := recover(); r != nil {
			if panicHook != nil {
				panicHook(r)
			}
			list, err = nil, corruptWorkbook(name, fmt.Errorf("%v", r))
		}
	}()
	wb, err := openWorkbook(name, data)
	if err != nil {
		return nil, err
	}
	defer wb.f.Close()
	if len(wb.sheets) == 0 {
		return nil, corruptWorkbook(name, errors.New("no worksheets"))
	}
	if props, err := wb.f.GetDocProps(); err == nil && strings.HasPrefix(props.Creator, remediationCreator) {
		return nil, remediationError(name, "", 0, "")
	}
	if sheet != "" {
		return wb.readNamed(sheet)
	}
	return wb.readAuto()
}

// panicHook, when set (by tests), sees every panic parseXLSX recovers
// from, so that the fuzz test can tell one in this package from one in
// excelize.
var panicHook func(r any)

// openHook, when set (by tests), is called once excelize has opened a
// workbook, while it is being read: what a Ctrl-C at that moment would leave
// behind.
var openHook func()

// workbook is an open XLSX file: excelize for the cell values (shared
// strings, number formats), and the zip itself for what excelize does not
// tell (sheet states, merged cells, formulas without a saved value).
type workbook struct {
	name   string
	f      *excelize.File
	parts  map[string]*zip.File // by lower-case name
	sheets []sheetInfo
}

type sheetInfo struct {
	name  string
	state string // "" (visible), "hidden" or "veryHidden"
	path  string // its part, e.g. xl/worksheets/sheet1.xml; "" when unknown
}

func (s sheetInfo) hidden() bool { return s.state == "hidden" || s.state == "veryHidden" }

func (s sheetInfo) hiddenText() string {
	if s.state == "veryHidden" {
		return "very hidden"
	}
	return "hidden"
}

// ReadWorkbook opens data, a workbook read for role, under the limits
// every workbook migready reads is held to, and calls read with it. A file
// that is not an Excel workbook (empty, password-protected or a legacy .xls,
// an OpenDocument spreadsheet, another zip), one that would unpack to more
// than a workbook may (see checkZip), and one so damaged that excelize
// panics or fails while read reads it are input errors naming the file,
// with the role's hint; read's own input errors are returned as they are.
// The user export has a reader of its own (ParseUsers), which takes text
// files too.
func ReadWorkbook(name string, data []byte, role Role, read func(*excelize.File) error) (err error) {
	unusable := func(err error) error {
		var e *Error
		if errors.As(err, &e) && role != RoleUsers {
			e.Hint = role.workbookHint()
		}
		return err
	}
	switch {
	case len(data) == 0:
		return unusable(&Error{File: name, Msg: "file is empty"})
	case bytes.HasPrefix(data, oleMagic):
		return &Error{File: name, Msg: "the workbook is password-protected (or a legacy .xls)",
			Hint: "ask for it without the password to open (File > Info > Protect Workbook), saved as Excel Workbook (.xlsx)"}
	case !bytes.HasPrefix(data, zipMagic) && !bytes.HasPrefix(data, emptyZipMagic):
		return unusable(&Error{File: name, Msg: "not an Excel workbook (.xlsx)"})
	}
	if _, err := zipParts(name, data); err != nil {
		return unusable(err)
	}
	defer func() {
		if r := recover(); r != nil {
			err = unusable(corruptWorkbook(name, fmt.Errorf("%v", r)))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), workbookLimits)
	if err != nil {
		if f != nil {
			f.Close()
		}
		return unusable(corruptWorkbook(name, err))
	}
	defer f.Close()
	if openHook != nil {
		openHook()
	}
	if err := read(f); err != nil {
		var e *Error
		if !errors.As(err, &e) { // excelize could not read what it opened
			return unusable(corruptWorkbook(name, err))
		}
		return err
	}
	return nil
}

// workbookLimits are excelize's limits on what it unpacks, for every
// workbook migready reads (the zip itself is checked first, by checkZip).
// A part larger than UnzipXMLSizeLimit (the sheet of an export of more than
// about 30,000 users) excelize would copy to a temporary file, which a
// Ctrl-C or a kill leaves behind in the system's temp folder; given
// NoTempDir it reads the part in memory instead (a 50,000-user export:
// 77 MB at the peak with the copy, 130 MB without).
var workbookLimits = excelize.Options{UnzipSizeLimit: MaxUnzippedBytes, UnzipXMLSizeLimit: maxUnzippedPart, TmpDir: NoTempDir}

// NoTempDir is a folder no file can be created in (a NUL byte is invalid in
// a path everywhere): given as excelize's TmpDir, it keeps excelize from
// leaving temporary files behind. Where excelize would spill a large part
// to a temporary file, reading or writing, it keeps the part in memory when
// it cannot create one.
const NoTempDir = "\x00migready-no-temp-files"

// workbookHint is the hint for a workbook read for r that is not one
// migready can read.
func (r Role) workbookHint() string {
	if r == RoleTracker {
		return "-tracker takes the remediation workbook (…-remediation.xlsx) the customer sent back, as Excel saved it"
	}
	return "open it in Excel and save it again as Excel Workbook (.xlsx)"
}

func zipParts(name string, data []byte) (*workbook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, corruptWorkbook(name, err)
	}
	wb := &workbook{name: name, parts: map[string]*zip.File{}}
	for _, zf := range zr.File {
		wb.parts[strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/"))] = zf
	}
	if e := wb.checkZip(zr); e != nil {
		return nil, e
	}
	return wb, nil
}

func openWorkbook(name string, data []byte) (*workbook, error) {
	wb, err := zipParts(name, data)
	if err != nil {
		return nil, err
	}
	wb.f, err = excelize.OpenReader(bytes.NewReader(data), workbookLimits)
	if err != nil {
		if wb.f != nil {
			wb.f.Close()
		}
		return nil, corruptWorkbook(name, err)
	}
	if openHook != nil {
		openHook()
	}
	info := wb.sheetParts()
	for _, s := range wb.f.GetSheetList() {
		si, ok := info[s]
		if !ok {
			si = sheetInfo{name: s}
			if visible, err := wb.f.GetSheetVisible(s); err == nil && !visible {
				si.state = "hidden"
			}
		}
		wb.sheets = append(wb.sheets, si)
	}
	return wb, nil
}

// checkZip refuses what is not an Excel workbook (an OpenDocument
// spreadsheet, any other zip) and what would unpack to more than a workbook
// migready reads can be: too many parts, too large in all, or compressed
// far more than a spreadsheet compresses (a zip bomb). The sizes are the
// ones the zip declares; archive/zip refuses to inflate a part beyond its
// declared size.
func (wb *workbook) checkZip(zr *zip.Reader) *Error {
	name := wb.name
	if zf := wb.parts["mimetype"]; zf != nil && zf.UncompressedSize64 < 200 {
		if rc, err := zf.Open(); err == nil {
			b, _ := io.ReadAll(io.LimitReader(rc, 200))
			rc.Close()
			if bytes.Contains(b, []byte("opendocument")) {
				return odsError(name, bytes.Contains(b, []byte("spreadsheet")))
			}
		}
	}
	if wb.parts["[content_types].xml"] == nil {
		if wb.parts["content.xml"] != nil && wb.parts["meta-inf/manifest.xml"] != nil {
			return odsError(name, true)
		}
		return &Error{File: name, Msg: "a zip archive, not an Excel workbook",
			Hint: "give the user export as .xlsx (Excel Workbook), or as CSV saved from Excel"}
	}
	bomb := func(msg string) *Error {
		return &Error{File: name, Msg: msg,
			Hint: "a real user export unpacks to a few megabytes: export the user list again, or save it as CSV"}
	}
	if len(zr.File) > maxZipEntries {
		return bomb(fmt.Sprintf("the workbook has %d parts; a workbook migready reads may have at most %d", len(zr.File), maxZipEntries))
	}
	var total uint64
	for _, zf := range zr.File {
		size := zf.UncompressedSize64
		total += size
		if total > MaxUnzippedBytes {
			return bomb(fmt.Sprintf("the workbook unpacks to more than %s", sizeText(MaxUnzippedBytes)))
		}
		if size > 1<<20 && (zf.CompressedSize64 == 0 || size/zf.CompressedSize64 > maxZipRatio) {
			return bomb(fmt.Sprintf("the workbook part %s is compressed %d times, far more than a spreadsheet compresses (a zip bomb?)",
				quoteShort(zf.Name), size/max(zf.CompressedSize64, 1)))
		}
		lower := strings.ToLower(zf.Name)
		bulk := strings.HasPrefix(lower, "xl/worksheets/") || strings.HasSuffix(lower, "sharedstrings.xml") ||
			!strings.HasSuffix(lower, ".xml") && !strings.HasSuffix(lower, ".rels")
		if !bulk && size > maxUnzippedPart {
			return bomb(fmt.Sprintf("the workbook part %s unpacks to %s; parts other than sheets may have at most %s",
				quoteShort(zf.Name), sizeText(int64(size)), sizeText(maxUnzippedPart)))
		}
	}
	return nil
}

func odsError(name string, spreadsheet bool) *Error {
	what := "an OpenDocument spreadsheet (.ods), not an Excel workbook"
	if !spreadsheet {
		what = "an OpenDocument file, not an Excel workbook"
	}
	return &Error{File: name, Msg: what,
		Hint: "open it in LibreOffice Calc (or Excel) and save it as Excel 2007-365 (.xlsx): File > Save As, " +
			"file type \"Excel 2007-365 (.xlsx)\"; or save the user list as CSV"}
}

// sheetParts reads the workbook's sheet list for what excelize does not
// say: whether a sheet is hidden or very hidden, and which part holds it.
func (wb *workbook) sheetParts() map[string]sheetInfo {
	type rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	readXML := func(p string, v any) bool {
		zf := wb.parts[strings.ToLower(p)]
		if zf == nil || zf.UncompressedSize64 > maxUnzippedPart {
			return false
		}
		rc, err := zf.Open()
		if err != nil {
			return false
		}
		defer rc.Close()
		return xml.NewDecoder(rc).Decode(v) == nil
	}
	resolve := func(base, target string) string {
		if strings.HasPrefix(target, "/") {
			return strings.TrimPrefix(target, "/")
		}
		return path.Join(path.Dir(base), target)
	}
	wbPath := "xl/workbook.xml"
	var root rels
	if readXML("_rels/.rels", &root) {
		for _, r := range root.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = resolve("", r.Target)
			}
		}
	}
	var book struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			State string     `xml:"state,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	var wbRels rels
	if !readXML(wbPath, &book) {
		return nil
	}
	readXML(path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels"), &wbRels)
	out := map[string]sheetInfo{}
	for _, s := range book.Sheets {
		si := sheetInfo{name: s.Name, state: s.State}
		for _, a := range s.Attrs {
			if a.Name.Local != "id" {
				continue
			}
			for _, r := range wbRels.Rel {
				if r.ID == a.Value {
					si.path = resolve(wbPath, r.Target)
				}
			}
		}
		out[s.Name] = si
	}
	return out
}

// sheetFacts is what the sheet's XML says beyond its values.
type sheetFacts struct {
	merges     []mergeRange
	hasFormula bool
	formulas   map[[2]int]bool // {row, column} of formula cells with no saved value; nil until asked
}

// rawSheet opens the sheet's XML: from excelize's memory when it holds it,
// else from the zip.
func (wb *workbook) rawSheet(s sheetInfo) (io.ReadCloser, bool) {
	if s.path == "" {
		return nil, false
	}
	if v, ok := wb.f.Pkg.Load(s.path); ok {
		if b, ok := v.([]byte); ok {
			return io.NopCloser(bytes.NewReader(b)), true
		}
	}
	zf := wb.parts[strings.ToLower(s.path)]
	if zf == nil {
		return nil, false
	}
	rc, err := zf.Open()
	return rc, err == nil
}

var (
	mergeRefRe = lazyRegexp(`\bref="([A-Za-z]{1,3})([0-9]{1,7}):([A-Za-z]{1,3})([0-9]{1,7})"`)
	// formulaTags start a formula element, with or without a namespace prefix.
	formulaTags = [][]byte{[]byte("<f>"), []byte("<f "), []byte("<f/>"), []byte(":f>"), []byte(":f "), []byte(":f/>")}
)

// scanSheet reads the sheet's XML once, quickly, for merged cells in the
// first rows and whether it has formulas at all (unsaved parses the XML
// for the formulas without a saved value, only when there are formulas).
func (wb *workbook) scanSheet(s sheetInfo) sheetFacts {
	var facts sheetFacts
	rc, ok := wb.rawSheet(s)
	if !ok {
		return facts
	}
	const chunk, overlap = 1 << 20, 256
	r := bufio.NewReaderSize(rc, chunk)
	buf := make([]byte, 0, chunk+overlap)
	hasFormula := false
	seen := map[mergeRange]bool{}
	for {
		keep := buf[max(0, len(buf)-overlap):]
		buf = append(buf[:0], keep...)
		n, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if !hasFormula {
			for _, t := range formulaTags {
				if bytes.Contains(buf, t) {
					hasFormula = true
				}
			}
		}
		for i := 0; ; {
			j := bytes.Index(buf[i:], []byte("mergeCell "))
			if j < 0 {
				break
			}
			i += j + len("mergeCell ")
			end := min(len(buf), i+200)
			if k := bytes.IndexByte(buf[i:end], '>'); k >= 0 {
				end = i + k
			}
			if m := mergeRefRe().FindSubmatch(buf[i:end]); m != nil {
				mr, ok := mergeFromRef(m)
				if ok && mr.top <= headerSearchRows+1 && !seen[mr] {
					seen[mr] = true
					facts.merges = append(facts.merges, mr)
				}
			}
		}
		if err != nil {
			break
		}
	}
	rc.Close()
	facts.hasFormula = hasFormula
	return facts
}

// unsaved returns the sheet's formula cells without a saved result.
func (wb *workbook) unsaved(r *sheetRead) map[[2]int]bool {
	f := wb.facts(r)
	if f.formulas == nil {
		f.formulas = map[[2]int]bool{}
		if f.hasFormula {
			if rc, ok := wb.rawSheet(r.info); ok {
				f.formulas = unsavedFormulas(rc)
				rc.Close()
			}
		}
	}
	return f.formulas
}

func mergeFromRef(m [][]byte) (mergeRange, bool) {
	c1, err1 := excelize.ColumnNameToNumber(string(m[1]))
	r1, err2 := strconv.Atoi(string(m[2]))
	c2, err3 := excelize.ColumnNameToNumber(string(m[3]))
	r2, err4 := strconv.Atoi(string(m[4]))
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
		return mergeRange{}, false
	}
	return mergeRange{top: min(r1, r2), bottom: max(r1, r2), left: min(c1, c2) - 1, right: max(c1, c2) - 1}, true
}

// unsavedFormulas finds the cells that hold a formula but no saved result:
// files written by scripts (openpyxl, some exporters) leave the result for
// Excel to compute on opening, so a reader sees an empty cell. An empty
// text result (t="str" with an empty value) is a saved result.
func unsavedFormulas(r io.Reader) map[[2]int]bool {
	out := map[[2]int]bool{}
	d := xml.NewDecoder(r)
	row, col := 0, 0
	var inCell, inV, hasF, hasV bool
	var typ string
	var ref [2]int
	for {
		tok, err := d.RawToken()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row++
				col = 0
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						if n, err := strconv.Atoi(a.Value); err == nil {
							row = n
						}
					}
				}
			case "c":
				col++
				inCell, hasF, hasV, typ = true, false, false, ""
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						if c, r, err := excelize.CellNameToCoordinates(a.Value); err == nil {
							col, row = c, r
						}
					case "t":
						typ = a.Value
					}
				}
				ref = [2]int{row, col - 1}
			case "f":
				hasF = inCell
			case "v":
				inV = inCell
				if typ == "str" {
					hasV = true
				}
			}
		case xml.CharData:
			if inV && len(bytes.TrimSpace(t)) > 0 {
				hasV = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "c":
				if inCell && hasF && !hasV {
					out[ref] = true
				}
				inCell = false
			}
		}
	}
}

// sheetRead is what reading one sheet found.
type sheetRead struct {
	info   sheetInfo
	broken error      // the sheet could not be read (a chart sheet, damage)
	empty  bool       // its first rows are empty
	header userHeader // the header, or the best candidate when !ok
	ok     bool       // it has a header
	users  bool       // it has a row below the header
	list   *UserList  // when read in full and it has users
	err    *Error     // an input error in its users
	facts  *sheetFacts
}

func (wb *workbook) facts(r *sheetRead) *sheetFacts {
	if r.facts == nil {
		f := wb.scanSheet(r.info)
		r.facts = &f
	}
	return r.facts
}

func where(sheet string) string { return fmt.Sprintf("sheet %q: ", sheet) }

// readSheet streams a sheet's rows: the first rows to find the header, then
// (full) every row into users, or (probe) only until the first user.
func (wb *workbook) readSheet(s sheetInfo, full bool) *sheetRead {
	res := &sheetRead{info: s}
	rows, err := wb.f.Rows(s.name)
	if err != nil {
		res.broken = err
		return res
	}
	defer rows.Close()
	var (
		head   []userRow
		b      *builder
		h      *userHeader
		kept   []userRow // data rows held back while ambiguous columns are settled
		settle bool
	)
	// start is called once the header rows are read.
	start := func() bool {
		hh, ok, empty := findHeader(head)
		res.header, res.ok, res.empty = hh, ok, empty
		if !ok {
			return false
		}
		if next := nextRow(head, hh.row); next != nil && !rowHasAt(next.cells) {
			hh = continueHeader(hh, head, wb.facts(res).merges)
		}
		res.header = hh
		h = &res.header
		if e := ourWorkbook(wb.name, where(s.name), h); e != nil {
			res.err, res.users = e, true
			return false
		}
		if full {
			b = newBuilder(wb.name, "xlsx", where(s.name), h)
			b.list.Sheet = s.name
			b.list.Notices = headerNotice(where(s.name), h)
			settle = h.ambiguous()
		}
		for _, r := range head {
			if r.num > h.last && !wb.row(res, b, &kept, settle, r.num, r.cells, full) {
				return false
			}
		}
		return true
	}
	num := 0
	for rows.Next() {
		num++
		cells, err := rows.Columns()
		if err != nil {
			res.broken = err
			return res
		}
		if h == nil {
			if len(cells) > maxColumns {
				cells = cells[:maxColumns]
			}
			head = append(head, userRow{num: num, cells: cells})
			if num <= headerSearchRows+1 {
				continue
			}
			if !start() {
				return res
			}
			continue
		}
		if !wb.row(res, b, &kept, settle, num, cells, full) {
			return res
		}
	}
	if err := rows.Error(); err != nil {
		res.broken = err
		return res
	}
	if h == nil && !start() {
		if res.empty {
			// excelize reads a damaged part as far as it can and says
			// nothing; an empty-looking sheet may be one.
			if err := wb.verify(s); err != nil {
				res.broken = err
			}
		}
		return res
	}
	if !full {
		return res
	}
	if settle {
		notices, e := resolveColumns(wb.name, where(s.name), h, func(yield func(int, []string) bool) {
			for _, r := range kept {
				if !yield(r.num, r.cells) {
					return
				}
			}
		})
		if e != nil {
			res.err = e
			return res
		}
		b.list.Notices = append(b.list.Notices, notices...)
		b.m = newMaker(h)
		for k, col := range h.cols {
			if col >= 0 {
				b.list.Columns[Fields[k]] = h.cells[col]
			}
		}
		for _, r := range kept {
			if !wb.addUser(res, b, r.num, r.cells) {
				return res
			}
		}
	}
	list, err := b.done()
	if err != nil {
		var e *Error
		errors.As(err, &e)
		res.err = e
		return res
	}
	res.list = list
	return res
}

// verify inflates the sheet's part to check it against its size and
// checksum.
func (wb *workbook) verify(s sheetInfo) error {
	zf := wb.parts[strings.ToLower(s.path)]
	if zf == nil {
		return nil
	}
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = io.Copy(io.Discard, io.LimitReader(rc, MaxUnzippedBytes))
	return err
}

func nextRow(rows []userRow, above int) *userRow {
	for i := range rows {
		if rows[i].num == above+1 {
			return &rows[i]
		}
	}
	return nil
}

func rowHasAt(cells []string) bool {
	for _, c := range cells {
		if strings.Contains(c, "@") {
			return true
		}
	}
	return false
}

func newMaker(h *userHeader) userMaker {
	_, m := newUserList("", "", h)
	return m
}

// row takes one data row; it returns false when reading should stop.
func (wb *workbook) row(res *sheetRead, b *builder, kept *[]userRow, settle bool, num int, cells []string, full bool) bool {
	if !full {
		if !isEmptyRow(cells) {
			res.users = true
			return false
		}
		return true
	}
	if !isEmptyRow(cells) {
		res.users = true
	}
	if settle {
		w := res.header.width
		if len(cells) > w && isEmptyRow(cells[w:]) {
			cells = slices.Clip(cells[:w])
		}
		*kept = append(*kept, userRow{num: num, cells: cells})
		return true
	}
	return wb.addUser(res, b, num, cells)
}

func (wb *workbook) addUser(res *sheetRead, b *builder, num int, cells []string) bool {
	if !isEmptyRow(cells) {
		if fs := wb.unsaved(res); len(fs) > 0 {
			for _, c := range b.h.cols {
				if c >= 0 && fs[[2]int{num, c}] {
					cell, _ := excelize.CoordinatesToCellName(c+1, num)
					res.err = &Error{File: wb.name, Row: num, Column: b.h.columnName(c),
						Msg: fmt.Sprintf("%scell %s holds a formula whose result was never saved, so its value cannot be read",
							b.where, cell),
						Hint: "open the workbook in Excel, let it calculate, and save it again (or copy the column and paste it as values)"}
					return false
				}
			}
		}
	}
	if e := b.add(num, cells); e != nil {
		res.err = e
		return false
	}
	return true
}

// readNamed reads the sheet the user named, hidden or not.
func (wb *workbook) readNamed(want string) (*UserList, error) {
	var names []string
	for _, s := range wb.sheets {
		names = append(names, s.name)
	}
	i, ok := findSheet(names, want)
	if !ok {
		return nil, &Error{File: wb.name, Msg: fmt.Sprintf("no sheet named %q", want),
			Found: "sheets in the workbook: " + quoteList(names), Hint: "name one of them with -sheet (or sheet in the profile)"}
	}
	s := wb.sheets[i]
	r := wb.readSheet(s, true)
	switch {
	case r.broken != nil:
		return nil, corruptWorkbook(wb.name, r.broken)
	case r.err != nil:
		return nil, r.err
	case r.empty:
		return nil, &Error{File: wb.name, Msg: where(s.name) + "the sheet is empty",
			Found: "sheets in the workbook: " + quoteList(names), Hint: "name the sheet with the users with -sheet (or sheet in the profile)"}
	case !r.ok:
		return nil, noHeaderError(wb.name, where(s.name), r.header)
	}
	if s.hidden() {
		r.list.Notices = append(r.list.Notices, fmt.Sprintf("read sheet %q, which is %s in the workbook", s.name, s.hiddenText()))
	}
	return r.list, nil
}

// readAuto reads the first visible sheet with a header and users. Sheets
// skipped on the way, and later sheets that have users too, are told in
// Notices.
func (wb *workbook) readAuto() (*UserList, error) {
	var (
		chosen   *sheetRead
		skipped  []string
		later    []string
		best     *sheetRead // the best header candidate, for the error
		template *sheetRead // the first sheet with a header but no users
		firstErr error
		names    []string
	)
	for _, s := range wb.sheets {
		names = append(names, s.name)
	}
	for _, s := range wb.sheets {
		if chosen != nil {
			if !s.hidden() {
				if r := wb.readSheet(s, false); r.ok && r.users {
					later = append(later, s.name)
				}
			}
			continue
		}
		if s.hidden() {
			skipped = append(skipped, fmt.Sprintf("%q (%s)", s.name, s.hiddenText()))
			continue
		}
		r := wb.readSheet(s, true)
		switch {
		case r.broken != nil && r.ok:
			// The sheet with the header cannot be read to its end: reading
			// another sheet instead would hide the damage.
			return nil, corruptWorkbook(wb.name, fmt.Errorf("sheet %q: %w", s.name, r.broken))
		case r.broken != nil:
			firstErr = cmpOr(firstErr, r.broken)
			skipped = append(skipped, fmt.Sprintf("%q (unreadable)", s.name))
		case r.err != nil && r.users:
			return nil, r.err
		case r.empty:
			skipped = append(skipped, fmt.Sprintf("%q (empty)", s.name))
		case !r.ok:
			if best == nil || r.header.known > best.header.known {
				best = r
			}
			skipped = append(skipped, fmt.Sprintf("%q (no header)", s.name))
		case !r.users:
			if template == nil {
				template = r
			}
			skipped = append(skipped, fmt.Sprintf("%q (no users)", s.name))
		default:
			chosen = r
		}
	}
	if chosen != nil {
		l := chosen.list
		if len(wb.sheets) > 1 {
			n := fmt.Sprintf("read sheet %q", chosen.info.name)
			if len(skipped) > 0 {
				n += "; skipped " + strings.Join(skipped, ", ")
			}
			l.Notices = append([]string{n}, l.Notices...)
		}
		for _, s := range later {
			l.Notices = append(l.Notices, fmt.Sprintf("sheet %q has users too and was not read; -sheet %q reads it instead", s, s))
		}
		return l, nil
	}
	sheets := ""
	if len(wb.sheets) > 1 {
		sheets = "sheets: " + quoteList(names)
	}
	for _, s := range wb.sheets {
		if !s.hidden() {
			continue
		}
		if r := wb.readSheet(s, false); r.ok && r.users {
			return nil, &Error{File: wb.name,
				Msg:  fmt.Sprintf("the users are on the %s sheet %q; no visible sheet has users", s.hiddenText(), s.name),
				Hint: fmt.Sprintf("read it with -sheet %q (or sheet = %q in the profile), or unhide it in Excel", s.name, s.name)}
		}
	}
	switch {
	case template != nil:
		e := noUsersError(wb.name, where(template.info.name), template.header)
		e.Found = sheets
		return nil, e
	case best != nil:
		e := noHeaderError(wb.name, where(best.info.name), best.header)
		if len(wb.sheets) > 1 {
			e.Hint += "; no other sheet has a header either"
			e.Found = strings.TrimPrefix(e.Found+"; "+sheets, "; ")
		}
		return nil, e
	case firstErr != nil:
		return nil, corruptWorkbook(wb.name, firstErr)
	}
	return nil, &Error{File: wb.name, Msg: "the workbook has no data: every sheet is empty", Found: sheets,
		Hint: "export the user list again from the SuperOffice admin client and save it as .xlsx"}
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// findSheet matches a sheet name as Excel does: case-insensitively.
func findSheet(sheets []string, want string) (int, bool) {
	want = strings.TrimSpace(want)
	for i, s := range sheets {
		if s == want {
			return i, true
		}
	}
	for i, s := range sheets {
		if strings.EqualFold(s, want) {
			return i, true
		}
	}
	return 0, false
}
