package inputs

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// A sheet's rows are read through excelize's Rows, which decodes every
// cell with encoding/xml's reflection: in a new process, four fifths of
// the time of reading a typical export of a few hundred users (17 of
// 21 ms), more than laying out its PDF. sheetRows reads the rows itself,
// for the form exports take: cells with a number, a shared string, an
// inline string, a formula's text or a boolean, formatted as General or
// text. It gives exactly the cells excelize gives (the strings of the
// shared strings table are excelize's own), and reads nothing it is not
// sure of: any other element, entity or character, a cell type or number
// format it does not know, rows or cells out of order, a formula, a sheet
// excelize might find elsewhere than sheetParts does: then excelize reads
// the sheet, as before (TestSheetRowsAsExcelize, FuzzSheetRows).

// rowReader is what readSheet reads rows through: *excelize.Rows or
// *sheetRows.
type rowReader interface {
	Next() bool
	Columns(...excelize.Options) ([]string, error)
	Error() error
	Close() error
}

// rows opens the sheet's rows: with sheetRows when it can read them,
// else with excelize.
func (wb *workbook) rows(r *sheetRead) (rowReader, error) {
	if fast := wb.sheetRows(r); fast != nil {
		return fast, nil
	}
	return wb.f.Rows(r.info.name)
}

// sheetRows is the sheet's rows, read by readSheetRows.
type sheetRows struct {
	rows [][]string // by row number - 1; nil for an empty row
	next int        // the number of the row Columns returns
}

func (r *sheetRows) Next() bool {
	if r.next >= len(r.rows) {
		return false
	}
	r.next++
	return true
}

func (r *sheetRows) Columns(...excelize.Options) ([]string, error) { return r.rows[r.next-1], nil }
func (r *sheetRows) Error() error                                  { return nil }
func (r *sheetRows) Close() error                                  { return nil }

// sheetRows reads the sheet with readSheetRows, or returns nil for
// excelize to read it.
func (wb *workbook) sheetRows(r *sheetRead) *sheetRows {
	s := r.info
	if !s.plain {
		return nil
	}
	v, ok := wb.f.Pkg.Load(s.path)
	if !ok {
		return nil
	}
	raw, ok := v.([]byte)
	if !ok {
		return nil
	}
	sst, ok := wb.sharedStrings(s)
	if !ok {
		return nil
	}
	rows, ok := readSheetRows(raw, sst, wb.cellFormats())
	if !ok {
		return nil
	}
	fast := &sheetRows{rows: rows}
	if sheetRowsHook != nil {
		sheetRowsHook(wb, r, fast)
	}
	return fast
}

// sheetRowsHook, when set (by tests), sees every sheet sheetRows reads.
var sheetRowsHook func(wb *workbook, r *sheetRead, fast *sheetRows)

// sharedStrings has excelize read the shared strings as it does for the
// first row it reads (reporting the same errors; ok is false then), and
// returns the table's strings, as excelize writes each (nil without a
// table).
func (wb *workbook) sharedStrings(s sheetInfo) (func(i int) (string, bool), bool) {
	if wb.f.SharedStrings == nil {
		rows, err := wb.f.Rows(s.name)
		if err != nil {
			return nil, false
		}
		if rows.Next() {
			_, err = rows.Columns()
		}
		rows.Close()
		if err != nil || rows.Error() != nil {
			return nil, false
		}
	}
	sst := wb.f.SharedStrings
	if sst == nil {
		// A sheet without rows: nothing asked for the table.
		return func(int) (string, bool) { return "", false }, true
	}
	if wb.sst == nil {
		wb.sst = make([]string, len(sst.SI))
		wb.sstDone = make([]bool, len(sst.SI))
	}
	return func(i int) (string, bool) {
		if i < 0 || i >= len(sst.SI) || i >= len(wb.sst) {
			return "", false
		}
		if !wb.sstDone[i] {
			wb.sst[i], wb.sstDone[i] = sst.SI[i].String(), true
		}
		return wb.sst[i], true
	}, true
}

// cellFormat is what a cell's style means for its value.
type cellFormat uint8

const (
	formatGeneral cellFormat = iota // General: numbers and text as stored
	formatText                      // "@": text as stored
	formatOther                     // anything else: for excelize
)

// cellFormats returns the format of a cell's style index s, as excelize's
// formatting of a cell value sees it.
func (wb *workbook) cellFormats() func(s int) cellFormat {
	st := wb.f.Styles
	return func(s int) cellFormat {
		if s == 0 || st == nil || st.CellXfs == nil || s < 0 || s >= len(st.CellXfs.Xf) {
			return formatGeneral // excelize leaves the value as it is
		}
		id := 0
		if p := st.CellXfs.Xf[s].NumFmtID; p != nil {
			id = *p
		}
		if st.NumFmts != nil {
			for _, nf := range st.NumFmts.NumFmt {
				if nf != nil && nf.NumFmtID == id {
					return formatOther // a format of the workbook's own
				}
			}
		}
		switch id {
		case 0:
			return formatGeneral
		case 49:
			return formatText
		}
		return formatOther
	}
}

// Excel's limits, which excelize holds cell references to.
const (
	maxSheetRows = 1_048_576
	maxSheetCols = 16_384
)

// readSheetRows reads the rows of a worksheet's XML as excelize's Rows and
// Columns give them (see the top of this file); ok is false for anything
// it does not read exactly so.
func readSheetRows(raw []byte, sst func(int) (string, bool), format func(int) cellFormat) (rows [][]string, ok bool) {
	start, ok := sheetDataStart(raw)
	if !ok {
		return nil, false
	}
	p := sheetParser{b: raw, i: start, sst: sst, format: format}
	if start > 2 && raw[start-2] == '/' { // <sheetData/>
		return nil, p.noRowsAfter(start)
	}
	for {
		p.space()
		switch {
		case p.skip("</sheetData>"):
			return p.rows, p.noRowsAfter(p.i)
		case p.tag("row"):
			if !p.row() {
				return nil, false
			}
		default:
			return nil, false
		}
	}
}

// sheetDataStart returns the offset just past the sheetData start tag,
// having checked with encoding/xml, as excelize reads the sheet, that what
// comes before it reads without an error and holds no row (excelize reads
// rows wherever they are), and that the tag has no namespace prefix.
func sheetDataStart(raw []byte) (int, bool) {
	if !bytes.Contains(raw, []byte("<sheetData")) {
		return 0, false
	}
	d := xml.NewDecoder(bytes.NewReader(raw))
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, false
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch t.Name.Local {
		case "row":
			return 0, false
		case "sheetData":
			end := int(d.InputOffset())
			start := bytes.LastIndexByte(raw[:end], '<')
			if start < 0 || !bytes.HasPrefix(raw[start:], []byte("<sheetData")) {
				return 0, false
			}
			return end, true
		}
	}
}

// sheetParser reads sheetData's rows from b at i.
type sheetParser struct {
	b      []byte
	i      int
	sst    func(int) (string, bool)
	format func(int) cellFormat
	rows   [][]string
	text   []byte // scratch for text with entities
}

// noRowsAfter reports whether no element named row follows at i: excelize
// looks for more rows after sheetData, to the end of the document.
func (p *sheetParser) noRowsAfter(i int) bool {
	rest := p.b[i:]
	if !bytes.Contains(rest, []byte("row")) {
		return true
	}
	d := xml.NewDecoder(bytes.NewReader(rest))
	for {
		tok, err := d.RawToken()
		if err != nil {
			return true // excelize's reading stops there too
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "row" {
			return false
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (p *sheetParser) space() {
	for p.i < len(p.b) && isSpace(p.b[p.i]) {
		p.i++
	}
}

// skip consumes s at i.
func (p *sheetParser) skip(s string) bool {
	if bytes.HasPrefix(p.b[p.i:], []byte(s)) {
		p.i += len(s)
		return true
	}
	return false
}

// tag consumes "<name" followed by a space, '>' or '/'.
func (p *sheetParser) tag(name string) bool {
	b := p.b[p.i:]
	if len(b) < len(name)+2 || b[0] != '<' || string(b[1:1+len(name)]) != name {
		return false
	}
	switch b[1+len(name)] {
	case ' ', '\t', '\n', '\r', '>', '/':
		p.i += 1 + len(name)
		return true
	}
	return false
}

// attrs reads a start tag's attributes up to its end, keeping r, s and t;
// empty reports "/>". ok is false for what encoding/xml might read
// otherwise: a name with a prefix whose local part is one of those, one
// of them twice, an entity or a '<' in a value, no space between
// attributes.
func (p *sheetParser) attrs() (r, s, t []byte, empty, ok bool) {
	var seen [3]bool
	for {
		n := p.i
		p.space()
		switch {
		case p.skip("/>"):
			return r, s, t, true, true
		case p.skip(">"):
			return r, s, t, false, true
		case p.i == n:
			return nil, nil, nil, false, false // no space before the name
		}
		start := p.i
		for p.i < len(p.b) && isNameByte(p.b[p.i]) {
			p.i++
		}
		name := p.b[start:p.i]
		p.space()
		if len(name) == 0 || !p.skip("=") {
			return nil, nil, nil, false, false
		}
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != '"' && p.b[p.i] != '\'' {
			return nil, nil, nil, false, false
		}
		q := p.b[p.i]
		end := bytes.IndexByte(p.b[p.i+1:], q)
		if end < 0 {
			return nil, nil, nil, false, false
		}
		val := p.b[p.i+1 : p.i+1+end]
		p.i += end + 2
		if bytes.ContainsAny(val, "&<") {
			return nil, nil, nil, false, false
		}
		local := name
		if c := bytes.LastIndexByte(name, ':'); c >= 0 {
			local = name[c+1:]
		}
		k := -1
		switch string(local) {
		case "r":
			k = 0
		case "s":
			k = 1
		case "t":
			k = 2
		}
		if k < 0 {
			continue
		}
		if len(local) != len(name) || seen[k] {
			return nil, nil, nil, false, false
		}
		seen[k] = true
		switch k {
		case 0:
			r = val
		case 1:
			s = val
		case 2:
			t = val
		}
	}
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == ':' || c == '-' || c == '.'
}

// number reads a plain decimal: digits only, at most max of them.
func number(b []byte, max int) (int, bool) {
	if len(b) == 0 || len(b) > max {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// row reads a row element after "<row".
func (p *sheetParser) row() bool {
	r, _, _, empty, ok := p.attrs()
	if !ok {
		return false
	}
	num := len(p.rows) + 1
	if r != nil {
		n, ok := number(r, 7)
		if !ok || n < num || n > maxSheetRows || r[0] == '0' {
			return false // excelize reads rows out of order its own way
		}
		num = n
	}
	for len(p.rows) < num-1 {
		p.rows = append(p.rows, nil)
	}
	var cells []string
	if !empty {
		col := 0
		for {
			p.space()
			if p.skip("</row>") {
				break
			}
			if !p.tag("c") {
				return false
			}
			var ok bool
			if cells, col, ok = p.cell(cells, col); !ok {
				return false
			}
		}
	}
	p.rows = append(p.rows, cells[:len(cells):len(cells)])
	return true
}

// cell reads a c element after "<c" into cells; col is the previous
// cell's column (1-based).
func (p *sheetParser) cell(cells []string, col int) ([]string, int, bool) {
	r, s, t, empty, ok := p.attrs()
	if !ok {
		return nil, 0, false
	}
	if r != nil {
		c, ok := cellColumn(r)
		if !ok || c <= col {
			return nil, 0, false
		}
		col = c
	} else {
		col++
	}
	style := 0
	if s != nil {
		n, ok := number(s, 9)
		if !ok {
			return nil, 0, false
		}
		style = n
	}
	var (
		v, is      []byte
		hasV, hasI bool
	)
	if !empty {
		for {
			p.space()
			switch {
			case p.skip("</c>"):
			case p.skip("<v/>"):
				if hasV {
					return nil, 0, false
				}
				hasV, v = true, []byte{}
				continue
			case p.skip("<v>"):
				if hasV {
					return nil, 0, false
				}
				hasV = true
				if v, ok = p.textUntil("</v>"); !ok {
					return nil, 0, false
				}
				continue
			case p.skip("<is>"):
				if hasI {
					return nil, 0, false
				}
				hasI = true
				if is, ok = p.inline(); !ok {
					return nil, 0, false
				}
				continue
			default:
				return nil, 0, false // a formula, rich text, anything else
			}
			break
		}
	}
	val, ok := p.value(string(t), v, hasV, is, hasI, style)
	if !ok {
		return nil, 0, false
	}
	if val != "" {
		for len(cells) < col-1 {
			cells = append(cells, "")
		}
		cells = append(cells, val)
	}
	return cells, col, true
}

// value is the cell's value as excelize gives it (getValueFrom), for the
// types and formats it knows.
func (p *sheetParser) value(t string, v []byte, hasV bool, is []byte, hasI bool, style int) (string, bool) {
	f := p.format(style)
	switch t {
	case "s":
		if hasI || f == formatOther {
			return "", false
		}
		if len(v) == 0 {
			return "", true
		}
		n, ok := number(v, 9)
		if !ok {
			return "", false
		}
		return p.sst(n)
	case "inlineStr":
		if hasV || !hasI || f == formatOther || bytes.Contains(is, []byte("_x")) {
			return "", false // _xHHHH_ escapes, which excelize decodes
		}
		return string(is), true
	case "str":
		if hasI {
			return "", false
		}
		return string(v), true
	case "b":
		if hasI {
			return "", false
		}
		switch string(v) {
		case "1":
			return "TRUE", true
		case "0":
			return "FALSE", true
		}
		return "", false
	case "", "n":
		if hasI || f != formatGeneral {
			return "", false
		}
		if len(v) == 0 {
			return "", true
		}
		// An integer of up to 11 digits is shown as it is stored, as
		// General shows it; excelize rewrites longer ones and decimals.
		if _, ok := number(v, 11); !ok || len(v) > 1 && v[0] == '0' {
			return "", false
		}
		return string(v), true
	}
	return "", false
}

// inline reads an inline string after "<is>": one t element, with or
// without xml:space, up to "</is>".
func (p *sheetParser) inline() ([]byte, bool) {
	p.space()
	var text []byte
	switch {
	case p.skip("<t/>"):
		text = []byte{}
	case p.skip("<t>"):
		var ok bool
		if text, ok = p.textUntil("</t>"); !ok {
			return nil, false
		}
	case p.skip(`<t xml:space="preserve">`):
		var ok bool
		if text, ok = p.textUntil("</t>"); !ok {
			return nil, false
		}
	default:
		return nil, false
	}
	p.space()
	if !p.skip("</is>") {
		return nil, false
	}
	return text, true
}

// textUntil reads character data up to the end tag end, as encoding/xml
// decodes it: the five predefined entities and character references
// resolved, "\r\n" and "\r" read as "\n". ok is false for what it would
// refuse (an unknown entity, a character XML does not allow, bytes that
// are not UTF-8, "]]>") and for anything but text before end (an element,
// a comment, CDATA).
func (p *sheetParser) textUntil(end string) ([]byte, bool) {
	j := bytes.IndexByte(p.b[p.i:], '<')
	if j < 0 {
		return nil, false
	}
	raw := p.b[p.i : p.i+j]
	p.i += j
	if !p.skip(end) {
		return nil, false
	}
	if bytes.Contains(raw, []byte("]]>")) {
		return nil, false
	}
	plain := true
	for _, c := range raw {
		if c < 0x20 || c >= utf8.RuneSelf || c == '&' {
			plain = false
			break
		}
	}
	if plain {
		return raw, true
	}
	out := p.text[:0]
	for k := 0; k < len(raw); {
		c := raw[k]
		switch {
		case c == '&':
			semi := bytes.IndexByte(raw[k:], ';')
			if semi < 0 {
				return nil, false
			}
			r, ok := entity(raw[k+1 : k+semi])
			if !ok {
				return nil, false
			}
			out = utf8.AppendRune(out, r)
			k += semi + 1
		case c == '\r':
			out = append(out, '\n')
			k++
			if k < len(raw) && raw[k] == '\n' {
				k++
			}
		case c < utf8.RuneSelf:
			if c < 0x20 && c != '\t' && c != '\n' {
				return nil, false
			}
			out = append(out, c)
			k++
		default:
			r, n := utf8.DecodeRune(raw[k:])
			if r == utf8.RuneError && n <= 1 || !xmlChar(r) {
				return nil, false
			}
			out = append(out, raw[k:k+n]...)
			k += n
		}
	}
	p.text = out
	return bytes.Clone(out), true
}

// entity resolves an entity's name (between '&' and ';').
func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if name[1] == 'x' {
		n, err = strconv.ParseUint(string(name[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(name[1:]), 10, 32)
	}
	if err != nil || !xmlChar(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

// xmlChar reports whether XML allows r in a document (encoding/xml's
// isInCharacterRange).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// cellColumn reads a cell reference's column (1-based): upper-case
// letters, then a row number, within Excel's limits.
func cellColumn(ref []byte) (int, bool) {
	k := 0
	col := 0
	for k < len(ref) && 'A' <= ref[k] && ref[k] <= 'Z' {
		col = col*26 + int(ref[k]-'A'+1)
		k++
	}
	if k == 0 || k > 3 || col > maxSheetCols || k == len(ref) || ref[k] == '0' {
		return 0, false
	}
	row, ok := number(ref[k:], 7)
	if !ok || row < 1 || row > maxSheetRows {
		return 0, false
	}
	return col, true
}
