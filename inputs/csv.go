package inputs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

const notTextMsg = "not a text file or workbook"

func notText(name string) *Error {
	return &Error{File: name, Msg: notTextMsg,
		Hint: "give the user export as .xlsx, or as CSV or Unicode text saved from Excel"}
}

// decodeText returns data as UTF-8. Excel writes CSV as UTF-8 (with a BOM
// for "CSV UTF-8"), as Windows-1252 for plain "CSV" on Western European
// Windows, and as UTF-16 with a BOM for "Unicode text"; other tools write
// UTF-16 without a BOM, and UTF-32 is rare but easy. The encoding is decided
// for the whole file: a file is UTF-8 when it has UTF-8 characters, else
// Windows-1252. A byte that cannot be read in the file's encoding is an
// error that names its line, never silently replaced: a UTF-8 file with one
// stray Windows-1252 byte is not re-read as Windows-1252, which would garble
// every other name in it.
func decodeText(name string, data []byte) (string, error) {
	text, err := textOf(name, data)
	if err != nil {
		return "", err
	}
	if looksBinary([]byte(text[:min(len(text), 64<<10)])) {
		return "", notText(name)
	}
	// Excel saves an empty sheet with a header-less row of delimiters.
	if strings.TrimFunc(text, isBlankOrDelimiter) == "" {
		return "", emptyFile(name)
	}
	if isMarkup(text) {
		return "", &Error{File: name, Msg: "an HTML or XML file, not a CSV export or workbook",
			Hint: "open it in Excel and save it as Excel Workbook (.xlsx) or CSV"}
	}
	if e := jsonFile(name, text); e != nil {
		return "", e
	}
	return text, nil
}

// jsonFile refuses a JSON document given as the export: most likely a
// pack's own …-summary.json picked by mistake, whose lines would otherwise
// be searched for a header and one of them quoted back as if it were one.
func jsonFile(name, text string) *Error {
	t := strings.TrimSpace(text)
	if t == "" || (t[0] != '{' && t[0] != '[') || !json.Valid([]byte(t)) {
		return nil
	}
	e := &Error{File: name, Msg: "a JSON file, not a CSV export or workbook",
		Hint: "give the user list exported from the SuperOffice admin client (Users tab), as .xlsx or CSV"}
	if strings.Contains(t[:min(len(t), 256)], `"schema"`) {
		e.Msg = "this is the summary of a pack migready wrote (…-summary.json), not a user export"
		e.Hint = "users (or -users) takes the user list exported from the SuperOffice admin client (Users tab); the previous pack's summary goes to -since"
	}
	return e
}

// toUTF8 is textOf for the profile reader: ok is false for what is not
// text (binary, a NUL byte, a byte that cannot be decoded).
func toUTF8(data []byte) (text string, ok bool) {
	text, err := textOf("", data)
	if err != nil || strings.IndexByte(text, 0) >= 0 {
		return "", false
	}
	return text, true
}

// textOf decodes data as decodeText describes, without judging the text.
func textOf(name string, data []byte) (string, *Error) {
	var (
		text string
		err  *Error
	)
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		text, err = decodeUTF8(name, data[3:])
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}):
		text, err = decodeUTF32(name, data[4:], true)
	case bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		text, err = decodeUTF32(name, data[4:], false)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		text, err = decodeUTF16(name, data[2:], true)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		text, err = decodeUTF16(name, data[2:], false)
	default:
		if le, ok := utf16NoBOM(data); ok {
			text, err = decodeUTF16(name, data, le)
			break
		}
		if looksBinary(data) {
			return "", notText(name)
		}
		text, err = decodeUTF8(name, data)
		if err != nil && !hasUTF8(data) {
			text, err = decodeWindows1252(name, data)
		}
	}
	return text, err
}

func emptyFile(name string) *Error {
	return &Error{File: name, Msg: "file is empty",
		Hint: "export the user list again from the SuperOffice admin client (Users tab)"}
}

func isBlankOrDelimiter(r rune) bool {
	return r == ';' || r == ',' || r == '|' || r == ' ' || r == '\t' || r == '\n' || r == '\r' ||
		r == '\f' || r == '\v' || r == 0x85 || r == 0xA0
}

// lineOf is the 1-based line of byte offset off in data, counting CRLF, LF
// and a lone CR as line ends (as the CSV reader does).
func lineOf(data []byte, off int) int {
	d := data[:off]
	return 1 + bytes.Count(d, []byte("\n")) + bytes.Count(d, []byte("\r")) - bytes.Count(d, []byte("\r\n"))
}

// hasUTF8 reports whether data holds at least one valid multi-byte UTF-8
// character: then it is a UTF-8 file, whatever else is in it.
func hasUTF8(data []byte) bool {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError || n > 1 {
			return true
		}
		i++
	}
	return false
}

// decodeUTF8 checks that data is UTF-8 and returns it as a string.
func decodeUTF8(name string, data []byte) (string, *Error) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return "", &Error{File: name, Line: lineOf(data, i),
				Msg: fmt.Sprintf("byte 0x%02X is not UTF-8, but the rest of the file is UTF-8", data[i]),
				Hint: "the file mixes two text encodings (a row was probably pasted in from another file): " +
					"retype the odd character on that line in a text editor and save the file as UTF-8, " +
					"or open the original export in Excel and save it as CSV UTF-8"}
		}
		i += n
	}
	return string(data), nil
}

// decodeWindows1252 decodes a file without UTF-8 characters as Windows-1252.
// Its five unassigned bytes are errors.
func decodeWindows1252(name string, data []byte) (string, *Error) {
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for i, c := range data {
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			continue
		}
		r := charmap.Windows1252.DecodeByte(c)
		if r >= 0x80 && r <= 0x9F || r == utf8.RuneError {
			return "", &Error{File: name, Line: lineOf(data, i),
				Msg:  fmt.Sprintf("byte 0x%02X is not a character in UTF-8 or in Windows-1252", c),
				Hint: "the file is damaged or in an encoding migready does not read: open it in Excel and save it as CSV UTF-8"}
		}
		b.WriteRune(r)
	}
	return b.String(), nil
}

// utf16NoBOM recognises UTF-16 without a byte order mark by its zero
// bytes: text in the languages migready reads is mostly Latin, whose UTF-16
// code units have a zero high byte.
func utf16NoBOM(data []byte) (littleEndian, ok bool) {
	n := min(len(data), 8192) &^ 1
	if n < 4 {
		return false, false
	}
	zeroEven, zeroOdd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			zeroEven++
		}
		if data[i+1] == 0 {
			zeroOdd++
		}
	}
	pairs := n / 2
	switch {
	case zeroOdd*10 >= pairs*3 && zeroEven*20 <= pairs:
		return true, true
	case zeroEven*10 >= pairs*3 && zeroOdd*20 <= pairs:
		return false, true
	}
	return false, false
}

func decodeUTF16(name string, data []byte, littleEndian bool) (string, *Error) {
	var b strings.Builder
	b.Grow(len(data) / 2)
	line := 1
	unit := func(i int) rune {
		if littleEndian {
			return rune(data[i]) | rune(data[i+1])<<8
		}
		return rune(data[i])<<8 | rune(data[i+1])
	}
	bad := func(msg string) *Error {
		return &Error{File: name, Line: line, Msg: msg,
			Hint: "the file is damaged: open the original export in Excel and save it again as Unicode text or CSV UTF-8"}
	}
	prevCR := false
	for i := 0; i+1 < len(data); i += 2 {
		r := unit(i)
		switch {
		case utf16.IsSurrogate(r):
			if r >= 0xDC00 || i+3 >= len(data) {
				return "", bad(fmt.Sprintf("a broken UTF-16 character (0x%04X) in this UTF-16 file", r))
			}
			r2 := unit(i + 2)
			dec := utf16.DecodeRune(r, r2)
			if dec == utf8.RuneError {
				return "", bad(fmt.Sprintf("a broken UTF-16 character (0x%04X 0x%04X) in this UTF-16 file", r, r2))
			}
			b.WriteRune(dec)
			i += 2
		case r < utf8.RuneSelf:
			if r == '\n' && !prevCR || r == '\r' {
				line++
			}
			b.WriteByte(byte(r))
		default:
			b.WriteRune(r)
		}
		prevCR = r == '\r'
	}
	if len(data)%2 != 0 {
		return "", bad("the UTF-16 file ends in the middle of a character (it has an odd number of bytes)")
	}
	return b.String(), nil
}

func decodeUTF32(name string, data []byte, littleEndian bool) (string, *Error) {
	var b strings.Builder
	b.Grow(len(data) / 4)
	line := 1
	prevCR := false
	for i := 0; i+3 < len(data); i += 4 {
		var r rune
		if littleEndian {
			r = rune(data[i]) | rune(data[i+1])<<8 | rune(data[i+2])<<16 | rune(data[i+3])<<24
		} else {
			r = rune(data[i])<<24 | rune(data[i+1])<<16 | rune(data[i+2])<<8 | rune(data[i+3])
		}
		if !utf8.ValidRune(r) {
			return "", &Error{File: name, Line: line,
				Msg:  fmt.Sprintf("0x%08X is not a character in this UTF-32 file", uint32(r)),
				Hint: "the file is damaged or not text: open the original export in Excel and save it as CSV UTF-8"}
		}
		if r == '\n' && !prevCR || r == '\r' {
			line++
		}
		prevCR = r == '\r'
		b.WriteRune(r)
	}
	if len(data)%4 != 0 {
		return "", &Error{File: name, Line: line, Msg: "the UTF-32 file ends in the middle of a character",
			Hint: "the file is damaged: open the original export in Excel and save it as CSV UTF-8"}
	}
	return b.String(), nil
}

// looksBinary reports whether data is not text: control characters, which
// text exports do not contain beyond tabs and line breaks, make up more
// than 2% of its start, or NUL bytes half of it. A few NUL bytes in text are
// the row's problem, not the file's (parseCSV names the row).
func looksBinary(data []byte) bool {
	data = data[:min(len(data), 64<<10)]
	ctrl, nul := 0, 0
	for _, c := range data {
		switch {
		case c == 0:
			nul++
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v', c == 0x7F:
			ctrl++
		}
	}
	return ctrl*50 > len(data) || nul*2 > len(data)
}

// isMarkup catches "Excel" files that are really HTML or XML
// (SpreadsheetML): some export buttons produce those with a .xls name.
func isMarkup(text string) bool {
	t := strings.ToLower(strings.TrimSpace(text[:min(len(text), 256)]))
	for _, p := range []string{"<!doctype html", "<html", "<?xml", "<table"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// csvReader splits text into records. It is written by hand rather than with
// encoding/csv because exports need leniency encoding/csv does not offer in
// one mode (stray quotes in unquoted fields, a lone CR as line end), Excel's
// row numbers, and the byte span of each record; and because returning
// substrings of the text avoids an allocation per cell.
type csvReader struct {
	s     string
	pos   int
	row   int // Excel row number of the next record: one per record, whatever line breaks quoted values hold
	delim byte
	cells []string // reused between records
	buf   []byte   // unescaping "" inside quotes
	// About the record next returned last:
	start, end int  // its text is s[start:end], line end excluded
	multiLine  bool // a quoted value in it spans lines
	// The next LF, quote and CR at or after pos (len(s) when none), for
	// the fast path; -1 before the first search. Kept between records so
	// each byte is searched once.
	nl, quote, cr int
	slow          bool // tests: never take the fast path
}

// csvError is a malformed record; col is the cell index it concerns.
type csvError struct {
	row, col  int
	msg, hint string
}

func newCSVReader(s string, delim byte) *csvReader {
	return &csvReader{s: s, row: 1, delim: delim, nl: -1, quote: -1, cr: -1}
}

// indexFrom is the index of c in s at or after i, or len(s).
func indexFrom(s string, c byte, i int) int {
	if j := strings.IndexByte(s[i:], c); j >= 0 {
		return i + j
	}
	return len(s)
}

// plainLine reads the record at pos when it is a plain line: no quote, and
// no CR but one before its LF. Nearly every line of an export is; the
// vectorised byte searches then replace the byte-by-byte scan of next.
func (r *csvReader) plainLine() bool {
	s, pos := r.s, r.pos
	if r.nl < pos {
		r.nl = indexFrom(s, '\n', pos)
	}
	if r.quote < pos {
		r.quote = indexFrom(s, '"', pos)
	}
	if r.cr < pos {
		r.cr = indexFrom(s, '\r', pos)
	}
	end := r.nl
	lineEnd := end
	if lineEnd > pos && s[lineEnd-1] == '\r' {
		lineEnd--
	}
	if r.quote < end || r.cr < lineEnd {
		return false
	}
	line := s[pos:lineEnd]
	for {
		i := strings.IndexByte(line, r.delim)
		if i < 0 {
			r.cells = append(r.cells, line)
			break
		}
		r.cells = append(r.cells, line[:i])
		line = line[i+1:]
		if len(r.cells) > maxColumns {
			r.cells = r.cells[:0]
			return false // next reports it
		}
	}
	r.end = lineEnd
	r.pos = min(end+1, len(s))
	return true
}

// next returns the next record and its row number. cells is valid until
// the following call. done is true at the end of the text.
func (r *csvReader) next() (row int, cells []string, done bool, err *csvError) {
	if r.pos >= len(r.s) {
		return 0, nil, true, nil
	}
	s := r.s
	row = r.row
	r.row++
	r.start, r.multiLine = r.pos, false
	r.cells = r.cells[:0]
	if !r.slow && r.plainLine() {
		return row, r.cells, false, nil
	}
	for {
		p := r.pos
		q := p
		for q < len(s) && s[q] == ' ' {
			q++
		}
		if q < len(s) && s[q] == '"' {
			v, err := r.quoted(q+1, row)
			if err != nil {
				err.col = len(r.cells)
				r.end = len(s)
				return row, nil, false, err
			}
			r.cells = append(r.cells, v)
		} else {
			e := p
			for e < len(s) {
				c := s[e]
				if c == r.delim || c == '\n' || c == '\r' {
					break
				}
				e++
			}
			r.cells = append(r.cells, s[p:e])
			r.pos = e
		}
		if len(r.cells) > maxColumns {
			// Excel has no column beyond this; holding millions of cells of
			// one line would only cost memory.
			r.end = len(s)
			r.pos = len(s)
			return row, nil, false, &csvError{row: row, col: -1,
				msg:  fmt.Sprintf("the row has more than %d cells, Excel's limit", maxColumns),
				hint: "this is not a user export row: check that the file is the user list, saved from Excel"}
		}
		if r.pos >= len(s) {
			r.end = r.pos
			return row, r.cells, false, nil
		}
		switch s[r.pos] {
		case '\r':
			r.end = r.pos
			r.pos++
			if r.pos < len(s) && s[r.pos] == '\n' {
				r.pos++
			}
			return row, r.cells, false, nil
		case '\n':
			r.end = r.pos
			r.pos++
			return row, r.cells, false, nil
		default: // delimiter
			r.pos++
		}
	}
}

// quoted reads a quoted value whose text starts at i, and leaves r.pos at
// the delimiter or line end after it.
func (r *csvReader) quoted(i, row int) (string, *csvError) {
	s := r.s
	from := i
	escaped, multi := false, false
	r.buf = r.buf[:0]
	var v string
	for {
		j := strings.IndexByte(s[i:], '"')
		if j < 0 {
			return "", &csvError{row: row, msg: "a quoted value is never closed",
				hint: `a value that starts with " must end with "; a quote inside a value must be doubled ("")`}
		}
		seg := s[i : i+j]
		if !multi && strings.ContainsAny(seg, "\r\n") {
			multi = true
		}
		if i+j+1 < len(s) && s[i+j+1] == '"' {
			r.buf = append(append(r.buf, seg...), '"')
			escaped = true
			i += j + 2
			continue
		}
		if escaped {
			v = string(append(r.buf, seg...))
		} else {
			v = s[from : i+j]
		}
		i += j + 1
		break
	}
	r.multiLine = r.multiLine || multi
	// Excel reads `"abc"def` as abcdef; accept that on one line. After a
	// value that spanned lines it more likely means an opening quote was
	// stray and the value swallowed other rows, so refuse to guess.
	e := i
	for e < len(s) && s[e] != r.delim && s[e] != '\n' && s[e] != '\r' {
		e++
	}
	if rest := s[i:e]; strings.TrimSpace(rest) != "" {
		if multi {
			return "", &csvError{row: row, msg: "text after the closing quote of a value that spans several lines",
				hint: `check this row for a stray " at the start of a value; a quote inside a value must be doubled ("")`}
		}
		v += rest
	}
	r.pos = e
	return v, nil
}

// sniffRows reads the rows the header may be in (and the one below, in
// case the header is split over two rows).
func sniffRows(text string, delim byte) (rows []userRow, err *csvError) {
	r := newCSVReader(text, delim)
	for {
		row, cells, done, err := r.next()
		if done || row > headerSearchRows+1 {
			break
		}
		if err != nil {
			return rows, err
		}
		// Beyond Excel's column limit a row is not a header; do not copy it all.
		rows = append(rows, userRow{num: row, cells: append([]string(nil), cells[:min(len(cells), maxColumns)]...)})
	}
	return rows, nil
}

// delimiters are the separators Excel writes: ',' in English locales, ';'
// where ',' is the decimal mark (Nordic, German, Dutch), tab for
// "Unicode text"; and '|', which some systems export.
var delimiters = []byte{';', ',', '\t', '|'}

func delimName(d byte) string {
	if d == '\t' {
		return "tab"
	}
	return fmt.Sprintf("%q", string(d))
}

// sepLine reads Excel's delimiter hint, a first line such as "sep=;" (any
// one character after the "="). It returns the text after that line.
func sepLine(name, text string) (rest string, delim byte, ok bool, err *Error) {
	line := text
	end := len(text)
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		line, end = text[:i], i
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			end++
		}
		end++
	}
	l := strings.TrimLeft(line, " ")
	quoted := strings.HasPrefix(l, `"`)
	l = strings.TrimPrefix(l, `"`)
	if len(l) < 5 || !strings.EqualFold(l[:4], "sep=") {
		return text, 0, false, nil
	}
	v := l[4:]
	if quoted {
		v = strings.TrimSuffix(strings.TrimRight(v, " "), `"`)
	}
	if strings.HasPrefix(v, `\t`) {
		v = "\t" + v[2:]
	}
	c, size := utf8.DecodeRuneInString(v)
	if strings.Trim(v[size:], ` "`+string(c)) != "" {
		return text, 0, false, nil // "sep=something": a title, not the hint
	}
	if c >= utf8.RuneSelf || c == '"' || c == 0 {
		return "", 0, false, &Error{File: name, Line: 1, Msg: fmt.Sprintf("the first line names the separator %q, which migready cannot read", string(c)),
			Hint: `use one of ; , | or tab as the separator, e.g. a first line sep=; or no sep= line at all`}
	}
	return text[end:], byte(c), true, nil
}

// parseCSV picks the delimiter under which a header is recognised (the
// wrong delimiter leaves the header as one cell, which is never
// recognisable), then reads the users.
func parseCSV(name, text string) (*UserList, error) {
	candidates := delimiters
	rest, sep, hasSep, sepErr := sepLine(name, text)
	if sepErr != nil {
		return nil, sepErr
	}
	if hasSep {
		// Excel reads the hint and does not show the line: row 1 is the line after it.
		text, candidates = rest, []byte{sep}
		if strings.TrimFunc(text, isBlankOrDelimiter) == "" {
			return nil, emptyFile(name)
		}
	}
	var (
		best      userHeader
		bestRows  []userRow
		bestDelim byte
		found     bool
	)
	for _, d := range candidates {
		rows, _ := sniffRows(text, d)
		h, ok, _ := findHeader(rows)
		if ok && (!found || h.known > best.known || h.known == best.known && len(h.cells) > len(best.cells)) {
			best, bestRows, bestDelim, found = h, rows, d, true
		}
	}
	if !found {
		// No header under any delimiter: report with the delimiter most
		// frequent on the first line, so the hint shows the cells as the
		// customer sees them.
		bestDelim = guessDelimiter(text, candidates)
		rows, err := sniffRows(text, bestDelim)
		h, _, empty := findHeader(rows)
		if err != nil && h.known == 0 {
			return nil, &Error{File: name, Row: err.row, Msg: err.msg, Hint: err.hint}
		}
		if empty {
			h = userHeader{}
		}
		return nil, noHeaderError(name, "", h)
	}
	h := continueHeader(best, bestRows, nil)
	if e := ourWorkbook(name, "", &h); e != nil {
		return nil, e
	}
	p := csvParse{name: name, text: text, delim: bestDelim, h: &h}
	notices, e := resolveColumns(name, "", &h, p.dataRows())
	if e != nil {
		return nil, e
	}
	list, err := p.read()
	if err != nil {
		return nil, err
	}
	list.Notices = append(append(headerNotice("", &h), notices...), list.Notices...)
	return list, nil
}

// csvParse reads the users of a text export once its header is known.
type csvParse struct {
	name  string
	text  string
	delim byte
	h     *userHeader
}

// dataRows yields the rows below the header, stopping at the first
// malformed one (read reports it).
func (p *csvParse) dataRows() iter.Seq2[int, []string] {
	return func(yield func(int, []string) bool) {
		r := newCSVReader(p.text, p.delim)
		for {
			row, cells, done, err := r.next()
			if done || err != nil {
				return
			}
			if row > p.h.last && !yield(row, cells) {
				return
			}
		}
	}
}

func (p *csvParse) read() (*UserList, error) {
	// Pre-size from the line count, but not beyond what a few megabytes of
	// real users need: Excel sometimes writes a million empty ";;;" rows.
	size := min(max(0, strings.Count(p.text, "\n")-p.h.last+1), 1<<16)
	nul := strings.IndexByte(p.text, 0)
	if len(p.text) >= readInPartsBytes && nul < 0 && runtime.GOMAXPROCS(0) > 1 {
		if list, ok := p.readInParts(size); ok {
			return list, nil
		}
	}
	b := newBuilder(p.name, "csv", "", p.h)
	b.list.Users = make([]User, 0, size)
	if err := p.rows(b, newCSVReader(p.text, p.delim), nul, -1); err != nil {
		return nil, err
	}
	return b.done()
}

// readInPartsBytes is the size of a text export read on several cores
// (readInParts): about 10,000 users. A batch's customers, each packed on
// one core, are far smaller.
var readInPartsBytes = 1 << 20

// readInPartsCount is how many parts readInParts cuts the text into: the
// cores take the next part as each finishes one, so that a core busy with
// other work (the language's texts, the machine's other programs) leaves
// its share to the others.
const readInPartsCount = 8

// readInParts reads the users of a large export on several cores: the text
// is cut into parts at line breaks, and each part read as if its rows
// followed the header; the parts' rows are then renumbered after the
// parts before them, and their users and empty rows joined in order. ok is
// false, and the export is to be read from the start on one core, when the
// parts do not join as one reading would read them: a quoted value runs
// over the line break where two meet, a part has an error (that reading
// reports the first), the header does not end in the first part, or the
// joined rows pass a limit. size is the users to make room for.
func (p *csvParse) readInParts(size int) (list *UserList, ok bool) {
	cuts := []int{0}
	for k := 1; k < readInPartsCount; k++ {
		from := max(len(p.text)*k/readInPartsCount, cuts[len(cuts)-1])
		if i := strings.IndexByte(p.text[from:], '\n'); i >= 0 && from+i+1 < len(p.text) {
			if c := from + i + 1; c > cuts[len(cuts)-1] {
				cuts = append(cuts, c)
			}
		}
	}
	cuts = append(cuts, len(p.text))
	// One array for the users of all parts: each part has room for as many
	// as it has lines (below the header), which is its users unless a row
	// is empty or a value spans lines; they are moved together below.
	users := make([]User, 0, size)
	type part struct {
		p     csvParse
		b     *builder
		r     *csvReader
		first int // the row its first record is read as
		room  int // where its users start in users
		end   int // and where its room ends
		err   error
	}
	parts := make([]part, len(cuts)-1)
	room := 0
	for k := range parts {
		pt := &parts[k]
		pt.p = *p
		pt.p.text = p.text[cuts[k]:cuts[k+1]]
		pt.first = p.h.last + 1
		lines := strings.Count(pt.p.text, "\n")
		if k == 0 {
			pt.first = 1
			lines -= p.h.last
		}
		pt.room = room
		room = min(max(room, room+lines), size)
		if k == len(parts)-1 {
			room = size // its last line may have no line break
		}
		pt.end = room
		pt.b = newBuilder(p.name, "csv", "", p.h)
		pt.b.list.Users = users[pt.room:pt.room:pt.end]
		pt.r = newCSVReader(pt.p.text, p.delim)
		pt.r.row = pt.first
	}
	var next atomic.Int32
	read := func() {
		for k := int(next.Add(1)) - 1; k < len(parts); k = int(next.Add(1)) - 1 {
			pt := &parts[k]
			pt.err = pt.p.rows(pt.b, pt.r, -1, -1)
		}
	}
	var others sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(parts)) - 1 {
		others.Go(read)
	}
	read()
	others.Wait()

	if parts[0].r.row-1 < p.h.last {
		return nil, false // the header runs into the second part
	}
	b := parts[0].b
	row := parts[0].r.row // of the next part's first record
	n := 0
	inPlace := true
	for k := range parts {
		pt := &parts[k]
		if pt.err != nil {
			return nil, false
		}
		inPlace = inPlace && cap(pt.b.list.Users) == pt.end-pt.room
		n += len(pt.b.list.Users)
		if k == 0 {
			continue
		}
		offset := row - pt.first
		row += pt.r.row - pt.first
		for i := range pt.b.list.Users {
			pt.b.list.Users[i].Row += offset
		}
		for i := range pt.b.list.EmptyRows {
			pt.b.list.EmptyRows[i] += offset
		}
		if len(pt.b.list.Users) > 0 {
			b.keepEmpty = len(b.list.EmptyRows) + pt.b.keepEmpty
		}
		b.list.EmptyRows = append(b.list.EmptyRows, pt.b.list.EmptyRows...)
	}
	if row-1 > maxExcelRows || n > MaxUsers {
		return nil, false
	}
	// Appending beyond its room moves a part's users elsewhere; then they
	// are all copied into a new array.
	all := users[:0]
	if !inPlace {
		all = make([]User, 0, n)
	}
	for k := range parts {
		us := parts[k].b.list.Users
		if inPlace && parts[k].room == len(all) {
			all = all[:len(all)+len(us)] // where they are
			continue
		}
		all = append(all, us...) // in place: down over the room left
	}
	b.list.Users = all
	list, err := b.done()
	return list, err == nil
}

// rows reads the records of r into b: to the end of the text, or with
// stop >= 0 until a record ends at or after byte stop. nul is the first NUL
// byte of the text, or -1.
func (p *csvParse) rows(b *builder, r *csvReader, nul, stop int) error {
	h := p.h
	for stop < 0 || r.pos < stop {
		row, cells, done, err := r.next()
		if done {
			break
		}
		if err != nil {
			e := &Error{File: p.name, Row: err.row, Msg: err.msg, Hint: err.hint}
			if row > h.last {
				e.Column = h.columnName(err.col)
			}
			return e
		}
		if nul >= 0 && nul < r.pos {
			return &Error{File: p.name, Row: row, Msg: "the row contains a NUL character (byte 0), which a text export never holds",
				Hint: "the file is damaged or was padded by another program: delete the character in a text editor, or export the user list again"}
		}
		if row <= h.last {
			continue
		}
		if isEmptyRow(cells) {
			b.add(row, cells)
			continue
		}
		if len(cells) > h.width && !isEmptyRow(cells[h.width:]) {
			return &Error{File: p.name, Row: row,
				Msg: fmt.Sprintf("the row has %d cells but the header has %d", lastNonEmpty(cells), len(h.cells)),
				Hint: fmt.Sprintf("a value probably contains the delimiter %s without quotes around it; "+
					"put that value in quotes or remove the extra %s", delimName(p.delim), delimName(p.delim))}
		}
		if r.multiLine {
			if e := p.checkMultiLine(row, cells); e != nil {
				return e
			}
		}
		if len(cells) < len(h.cells) {
			if e := p.checkOtherDelimiter(row, p.text[r.start:r.end], cells); e != nil {
				return e
			}
		}
		if e := b.add(row, cells); e != nil {
			return e
		}
	}
	return nil
}

// checkMultiLine accepts a record with a quoted value over several lines
// only when it still fits the header: as many cells as the header, and no
// line inside the value that looks like a row of its own. Otherwise the
// value most likely starts with a stray quote and swallowed the rows below.
func (p *csvParse) checkMultiLine(row int, cells []string) *Error {
	h := p.h
	hint := fmt.Sprintf(`check row %d for a stray " at the start of a value: a quote that is not closed on the same line `+
		`takes the rows below into the value; a quote inside a value must be doubled ("")`, row)
	for c, v := range cells {
		if !strings.ContainsAny(v, "\r\n") {
			continue
		}
		if len(cells) < len(h.cells) {
			return &Error{File: p.name, Row: row, Column: h.columnName(c),
				Msg: fmt.Sprintf("a quoted value runs over several lines and the row then has %d cells, not %d as the header",
					len(cells), len(h.cells)), Hint: hint}
		}
		need := max(1, len(h.cells)-1)
		lines := strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\r' })
		if len(lines) < 2 { // only line breaks: no line that could be a row
			continue
		}
		for _, l := range lines[1:] {
			if strings.Count(l, string(p.delim)) >= need {
				return &Error{File: p.name, Row: row, Column: h.columnName(c),
					Msg: "a quoted value runs over several lines and holds what looks like other rows", Hint: hint}
			}
		}
	}
	return nil
}

// checkOtherDelimiter refuses a short row that is really separated by
// another delimiter than the file ("a,b,c" in a ';' file): read with the
// file's delimiter it would be one user whose ID is the whole line.
func (p *csvParse) checkOtherDelimiter(row int, span string, cells []string) *Error {
	h := p.h
	email := h.col(FieldEmail)
	if strings.Contains(cellText(cells, email), "@") {
		return nil
	}
	for _, d := range delimiters {
		if d == p.delim || strings.IndexByte(span, d) < 0 {
			continue
		}
		r := newCSVReader(span, d)
		_, other, _, err := r.next()
		if err != nil || len(other) <= len(cells) || len(other) < 2 {
			continue
		}
		if strings.Contains(cellText(other, email), "@") || len(other) == len(h.cells) {
			return &Error{File: p.name, Row: row,
				Msg: fmt.Sprintf("the row is separated by %s but the file by %s", delimName(d), delimName(p.delim)),
				Hint: fmt.Sprintf("the row was probably pasted in from another file: separate its values by %s like the rest, "+
					"or open the file in Excel, fix the row and save it again", delimName(p.delim))}
		}
	}
	return nil
}

func guessDelimiter(text string, candidates []byte) byte {
	line := strings.TrimLeft(text, " \t\r\n;,|")
	if i := strings.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	best, most := candidates[0], 0
	for _, d := range candidates {
		if n := strings.Count(line, string(d)); n > most {
			best, most = d, n
		}
	}
	return best
}

func lastNonEmpty(cells []string) int {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	return n
}
