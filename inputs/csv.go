package inputs

import (
	"bytes"
	"fmt"
	"strings"
	uni "unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText returns data as UTF-8. Excel writes CSV as UTF-8 (with a BOM
// for "CSV UTF-8"), as Windows-1252 for plain "CSV" on Western European
// Windows, and as UTF-16 with a BOM for "Unicode text".
func decodeText(name string, data []byte) (string, error) {
	text, ok := toUTF8(data)
	if !ok || looksBinary([]byte(text[:min(len(text), 4096)])) {
		return "", &Error{File: name, Msg: "not a text file or workbook",
			Hint: "give the user export as .xlsx, or as CSV or Unicode text saved from Excel"}
	}
	// Excel saves an empty sheet with a header-less row of delimiters.
	if strings.TrimFunc(text, isBlankOrDelimiter) == "" {
		return "", &Error{File: name, Msg: "file is empty",
			Hint: "export the user list again from the SuperOffice admin client (Users tab)"}
	}
	if isMarkup(text) {
		return "", &Error{File: name, Msg: "an HTML or XML file, not a CSV export or workbook",
			Hint: "open it in Excel and save it as Excel Workbook (.xlsx) or CSV"}
	}
	return text, nil
}

// toUTF8 returns data as UTF-8 text: UTF-8 with or without a BOM, UTF-16
// with a BOM, else Windows-1252. ok is false for binary data (a NUL byte).
func toUTF8(data []byte) (text string, ok bool) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		if bytes.IndexByte(data, 0) >= 0 {
			return "", false
		}
		return strings.ToValidUTF8(string(data[3:]), "\uFFFD"), true
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		b, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		// A NUL after decoding means UTF-32 or binary behind a lucky BOM.
		if err != nil || bytes.IndexByte(b, 0) >= 0 {
			return "", false
		}
		return string(b), true
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", false
	}
	if utf8.Valid(data) {
		return string(data), true
	}
	b, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", false
	}
	return string(b), true
}

func isBlankOrDelimiter(r rune) bool {
	return r == ';' || r == ',' || uni.IsSpace(r)
}

// looksBinary reports whether control characters, which text exports do
// not contain beyond tabs and line breaks, make up more than 2% of the
// start of data.
func looksBinary(data []byte) bool {
	data = data[:min(len(data), 64<<10)]
	ctrl := 0
	for _, c := range data {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F {
			ctrl++
		}
	}
	return ctrl*50 > len(data)
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
// one mode (stray quotes in unquoted fields, a lone CR as line end) and
// precise physical row numbers; and because returning substrings of the
// text avoids an allocation per cell.
type csvReader struct {
	s     string
	pos   int
	line  int // physical line at pos, 1-based
	delim byte
	cells []string // reused between records
	buf   []byte   // unescaping "" inside quotes
}

// csvError is a malformed record; col is the cell index it concerns.
type csvError struct {
	line, col int
	msg, hint string
}

func newCSVReader(s string, delim byte) *csvReader {
	return &csvReader{s: s, line: 1, delim: delim}
}

// next returns the next record and the line it starts on. cells is valid
// until the following call. done is true at the end of the text.
func (r *csvReader) next() (start int, cells []string, done bool, err *csvError) {
	if r.pos >= len(r.s) {
		return 0, nil, true, nil
	}
	s := r.s
	start = r.line
	r.cells = r.cells[:0]
	for {
		p := r.pos
		q := p
		for q < len(s) && s[q] == ' ' {
			q++
		}
		if q < len(s) && s[q] == '"' {
			v, err := r.quoted(q+1, start)
			if err != nil {
				err.col = len(r.cells)
				return start, nil, false, err
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
		if r.pos >= len(s) {
			return start, r.cells, false, nil
		}
		switch s[r.pos] {
		case '\r':
			r.pos++
			if r.pos < len(s) && s[r.pos] == '\n' {
				r.pos++
			}
			r.line++
			return start, r.cells, false, nil
		case '\n':
			r.pos++
			r.line++
			return start, r.cells, false, nil
		default: // delimiter
			r.pos++
		}
	}
}

// countLines counts line ends in s the way next does: CRLF, LF or a lone CR.
func countLines(s string) int {
	return strings.Count(s, "\n") + strings.Count(s, "\r") - strings.Count(s, "\r\n")
}

// quoted reads a quoted value whose text starts at i, and leaves r.pos at
// the delimiter or line end after it.
func (r *csvReader) quoted(i, start int) (string, *csvError) {
	s := r.s
	from := i
	escaped, lines := false, 0
	r.buf = r.buf[:0]
	var v string
	for {
		j := strings.IndexByte(s[i:], '"')
		if j < 0 {
			return "", &csvError{line: start, msg: "a quoted value is never closed",
				hint: `a value that starts with " must end with "; a quote inside a value must be doubled ("")`}
		}
		seg := s[i : i+j]
		lines += countLines(seg)
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
	r.line += lines
	// Excel reads `"abc"def` as abcdef; accept that on one line. After a
	// value that spanned lines it more likely means an opening quote was
	// stray and the value swallowed other rows, so refuse to guess.
	e := i
	for e < len(s) && s[e] != r.delim && s[e] != '\n' && s[e] != '\r' {
		e++
	}
	if rest := s[i:e]; strings.TrimSpace(rest) != "" {
		if lines > 0 {
			return "", &csvError{line: start, msg: "text after the closing quote of a value that spans several lines",
				hint: `check this row for a stray " at the start of a value; a quote inside a value must be doubled ("")`}
		}
		v += rest
	}
	r.pos = e
	return v, nil
}

// sniffRows is the sample read per candidate delimiter to find the header.
func sniffRows(text string, delim byte) (rows []userRow, err *csvError) {
	r := newCSVReader(text, delim)
	for len(rows) < headerSearchRows {
		start, cells, done, err := r.next()
		if done {
			break
		}
		if err != nil {
			return rows, err
		}
		if start > headerSearchRows {
			break
		}
		// Beyond Excel's column limit a row is not a header; do not copy it all.
		rows = append(rows, userRow{num: start, cells: append([]string(nil), cells[:min(len(cells), maxColumns)]...)})
	}
	return rows, nil
}

// delimiters are the separators Excel writes: ',' in English locales, ';'
// where ',' is the decimal mark (Nordic, German, Dutch), tab for
// "Unicode text".
var delimiters = []byte{';', ',', '\t'}

func delimName(d byte) string {
	if d == '\t' {
		return "tab"
	}
	return fmt.Sprintf("%q", string(d))
}

// parseCSV picks the delimiter under which a header is recognised (the
// wrong delimiter leaves the header as one cell, which is never
// recognisable), then reads the users.
func parseCSV(name, text string) (*UserList, error) {
	var (
		best      userHeader
		bestDelim byte
		found     bool
	)
	for _, d := range delimiters {
		rows, _ := sniffRows(text, d)
		h, ok, _ := findHeader(rows)
		if ok && (!found || h.known > best.known || h.known == best.known && len(h.cells) > len(best.cells)) {
			best, bestDelim, found = h, d, true
		}
	}
	if !found {
		// No header under any delimiter: report with the delimiter most
		// frequent on the first line, so the hint shows the cells as the
		// customer sees them.
		bestDelim = guessDelimiter(text)
		bestRows, bestErr := sniffRows(text, bestDelim)
		h, _, empty := findHeader(bestRows)
		if bestErr != nil && h.known == 0 {
			return nil, &Error{File: name, Row: bestErr.line, Msg: bestErr.msg, Hint: bestErr.hint}
		}
		if empty {
			h = userHeader{}
		}
		return nil, noHeaderError(name, "", h)
	}

	list, m := newUserList(name, "csv", best)
	// Pre-size from the line count, but not beyond what a few megabytes of
	// real users need: Excel sometimes writes a million empty ";;;" rows.
	list.Users = make([]User, 0, min(max(0, strings.Count(text, "\n")-best.row+1), 1<<16))
	r := newCSVReader(text, bestDelim)
	for {
		start, cells, done, err := r.next()
		if done {
			break
		}
		if err != nil {
			e := &Error{File: name, Row: err.line, Msg: err.msg, Hint: err.hint}
			if start > best.row {
				e.Column = best.columnName(err.col)
			}
			return nil, e
		}
		if start <= best.row || isEmptyRow(cells) {
			continue
		}
		if len(cells) > best.width && !isEmptyRow(cells[best.width:]) {
			return nil, &Error{File: name, Row: start,
				Msg: fmt.Sprintf("the row has %d cells but the header has %d", lastNonEmpty(cells), len(best.cells)),
				Hint: fmt.Sprintf("a value probably contains the delimiter %s without quotes around it; "+
					"put that value in quotes or remove the extra %s", delimName(bestDelim), delimName(bestDelim))}
		}
		list.Users = append(list.Users, m.user(start, cells))
	}
	if len(list.Users) == 0 {
		return nil, noUsersError(name, "", best)
	}
	return list, nil
}

func guessDelimiter(text string) byte {
	line := strings.TrimLeft(text, " \t\r\n;,")
	if i := strings.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	best, most := delimiters[0], 0
	for _, d := range delimiters {
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
