package inputs

// One table-driven test per class of real and hostile export that the
// reader must handle (issue 7, "Reading"): every data row ends up as a
// user, as an ignored empty row, or in an input error that names it.

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// readCase is one export and what reading it must give: users (as brief
// lines) and empty rows, or an error with its row or line, column and
// message.
type readCase struct {
	name  string
	file  string // default users.csv
	data  []byte
	sheet string
	// success
	want    []string
	empties []int
	notices []string // substrings, one per notice, in order
	// failure
	err    string // substring of Msg; "" means success expected
	row    int
	line   int
	column string
	hints  []string
}

func runReadCases(t *testing.T, cases []readCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "users.csv"
			}
			l, err := ParseUsers(file, tt.data, tt.sheet)
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				checkUsers(t, l, tt.want)
				if !slices.Equal(l.EmptyRows, tt.empties) {
					t.Errorf("EmptyRows = %v, want %v", l.EmptyRows, tt.empties)
				}
				if len(l.Notices) != len(tt.notices) {
					t.Errorf("notices %q, want %d like %q", l.Notices, len(tt.notices), tt.notices)
				} else {
					for i, n := range tt.notices {
						if !strings.Contains(l.Notices[i], n) {
							t.Errorf("notice %q does not say %q", l.Notices[i], n)
						}
					}
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				if err == nil {
					t.Fatalf("no error; users %q", briefs(l))
				}
				t.Fatalf("error %T %v is not *Error", err, err)
			}
			if e.File != file || e.Row != tt.row || e.Line != tt.line || e.Column != tt.column || !strings.Contains(e.Msg, tt.err) {
				t.Errorf("got %+v\nwant row %d line %d column %q msg %q", e, tt.row, tt.line, tt.column, tt.err)
			}
			if e.Hint == "" {
				t.Errorf("no hint: %+v", e)
			}
			for _, h := range tt.hints {
				if !strings.Contains(e.HintFound(), h) {
					t.Errorf("hint %q does not mention %q", e.HintFound(), h)
				}
			}
		})
	}
}

func TestReadCSVQuoting(t *testing.T) {
	runReadCases(t, []readCase{
		{name: "multi-line value that fits the header is one user",
			data: []byte("Login;Name;Email\nola;\"Ola\nNordmann\";ola@x.no\nkari;Kari;kari@x.no\n"),
			want: []string{"2|ola|Ola\nNordmann|ola@x.no||||:0|:0", "3|kari|Kari|kari@x.no||||:0|:0"}},
		{name: "stray opening quote never closed",
			data: []byte("Login;Name;Email\nola;\"Ola;ola@x.no\nkari;Kari;kari@x.no\nper;Per;per@x.no\n"),
			err:  "never closed", row: 2, column: "Name"},
		{name: "stray quote closed rows later, text after it",
			data: []byte("Login;Name;Email\nola;\"Ola;ola@x.no\nkari;Kari;kari@x.no\nper;\"Per\";per@x.no\n"),
			err:  "text after the closing quote", row: 2, column: "Name"},
		{name: "stray quote closed at a line end swallows rows into one field",
			data: []byte("Login;Name;Email\nola;\"Ola;ola@x.no\nkari;Kari;kari@x.no\"\nper;Per;per@x.no\n"),
			err:  "has 2 cells, not 3", row: 2, column: "Name", hints: []string{"row 2", `stray "`}},
		{name: "swallowed rows even when the cell count fits",
			data: []byte("Login;Name;Email\nola;\"Ola;ola@x.no\nkari;Kari;kari@x.no\";x\nper;Per;per@x.no\n"),
			err:  "looks like other rows", row: 2, column: "Name"},
		{name: "a comma row in a semicolon file",
			data: []byte("Login;Name;Email\nola;Ola;ola@x.no\nkari,Kari Nordmann,kari@x.no\nper;Per;per@x.no\n"),
			err:  `separated by "," but the file by ";"`, row: 3},
		{name: "a semicolon row in a comma file, no e-mail",
			data: []byte("Login,Name,Email\nola,Ola,ola@x.no\nkari;Kari;\n"),
			err:  `separated by ";" but the file by ","`, row: 3},
		{name: "a tab row in a semicolon file",
			data: []byte("Login;Name;Email\nola;Ola;ola@x.no\nkari\tKari\tkari@x.no\n"),
			err:  "separated by tab", row: 3},
		{name: "a comma inside a short row is still a value",
			data: []byte("Login;Name;Email;Role\nola;Nordmann, Ola;ola@x.no\n"),
			want: []string{"2|ola|Nordmann, Ola|ola@x.no||||:0|:0"}},
		{name: "sep=; line",
			data: []byte("sep=;\r\nLogin;Name;Email\r\nola;Nordmann, Ola;ola@x.no\r\n"),
			want: []string{"2|ola|Nordmann, Ola|ola@x.no||||:0|:0"}},
		{name: "sep=| line",
			data:    []byte("sep=|\nLogin|Name|Email\nola|Nordmann; Ola, jr|ola@x.no\n\nkari|Kari|kari@x.no\n"),
			want:    []string{"2|ola|Nordmann; Ola, jr|ola@x.no||||:0|:0", "4|kari|Kari|kari@x.no||||:0|:0"},
			empties: []int{3}},
		{name: "sep= any character",
			data: []byte("SEP=#\nLogin#Name#Email\nola#Ola;Nordmann#ola@x.no\n"),
			want: []string{"2|ola|Ola;Nordmann|ola@x.no||||:0|:0"}},
		{name: "quoted sep line with a tab",
			data: []byte("\"sep=\t\"\nLogin\tName\tEmail\nola\tOla\tola@x.no\n"),
			want: []string{"2|ola|Ola|ola@x.no||||:0|:0"}},
		{name: "quoted sep line padded by Excel",
			data: []byte("\"sep=;\";;\r\nLogin;Name;Email\r\nola;Ola;ola@x.no\r\n"),
			want: []string{"2|ola|Ola|ola@x.no||||:0|:0"}},
		{name: "sep= line and a UTF-8 BOM",
			data: []byte("\xEF\xBB\xBFsep=,\nLogin,Name,Email\nola,Ola,ola@x.no\n"),
			want: []string{"2|ola|Ola|ola@x.no||||:0|:0"}},
		{name: "sep= line with nothing after it",
			data: []byte("sep=;\n"), err: "file is empty"},
		{name: "sep= a letter that is not a separator",
			data: []byte("sep=ä\nLogin;Email\n"), err: "names the separator", line: 1},
	})
}

// TestReadRowNumbers: rows are numbered as Excel shows them: one row per
// record, whatever line breaks quoted values hold, and a sep= line is not a
// row. Empty rows between users are listed, those after the last are not.
func TestReadRowNumbers(t *testing.T) {
	runReadCases(t, []readCase{
		{name: "multi-line values are one row each",
			data: []byte("Login;Name;Email\r\nola;\"a\r\nb\r\nc\";ola@x.no\r\nkari;\"d\ne\";kari@x.no\r\nper;Per;per@x.no\r\n"),
			want: []string{"2|ola|a\r\nb\r\nc|ola@x.no||||:0|:0", "3|kari|d\ne|kari@x.no||||:0|:0",
				"4|per|Per|per@x.no||||:0|:0"}},
		{name: "sep line is not a row",
			data: []byte("sep=;\nTitle\n\nLogin;Email\nola;ola@x.no\n"),
			want: []string{"4|ola||ola@x.no||||:0|:0"}},
		{name: "empty rows listed between users, not after the last",
			data:    []byte("Login;Email\n\nola;ola@x.no\n;\n  ;  \nkari;kari@x.no\n\n;;\n\n"),
			want:    []string{"3|ola||ola@x.no||||:0|:0", "6|kari||kari@x.no||||:0|:0"},
			empties: []int{2, 4, 5}},
		{name: "error row after a multi-line value",
			data: []byte("Login;Name;Email\nola;\"a\nb\";ola@x.no\nkari;\"Kari;kari@x.no\n"),
			err:  "never closed", row: 3, column: "Name"},
	})
}

func TestReadEncodings(t *testing.T) {
	export := "Login;Name;Email\nola;Ola Hærøy;ola@blåbær.no\nkari;Kari Åsen;kari@x.no\n"
	want := []string{"2|ola|Ola Hærøy|ola@blåbær.no||||:0|:0", "3|kari|Kari Åsen|kari@x.no||||:0|:0"}
	cp1252, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(export))
	utf16 := func(s string, e unicode.Endianness) []byte {
		b, _ := unicode.UTF16(e, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
		return b
	}
	utf32le := func(s string) []byte {
		b := []byte{0xFF, 0xFE, 0, 0}
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8), byte(r>>16), 0)
		}
		return b
	}
	// A UTF-8 file with one row pasted from a Windows-1252 file: "Åse" in
	// Windows-1252 is C5 73 65.
	mixed := []byte("Login;Name;Email\nola;Ola Hærøy;ola@blåbær.no\nåse;\xC5se;ase@x.no\n")
	runReadCases(t, []readCase{
		{name: "UTF-8", data: []byte(export), want: want},
		{name: "Windows-1252", data: cp1252, want: want},
		{name: "UTF-16LE without BOM", data: utf16(strings.ReplaceAll(export, ";", "\t"), unicode.LittleEndian), want: want},
		{name: "UTF-16BE without BOM", data: utf16(export, unicode.BigEndian), want: want},
		{name: "UTF-32LE with BOM", data: utf32le(export), want: want},
		{name: "UTF-8 with one stray Windows-1252 byte", data: mixed,
			err: "byte 0xC5 is not UTF-8, but the rest of the file is UTF-8", line: 3, hints: []string{"UTF-8"}},
		{name: "UTF-8 BOM with a stray byte", data: append([]byte("\xEF\xBB\xBF"), mixed...),
			err: "byte 0xC5", line: 3},
		{name: "Windows-1252 with an unassigned byte", data: []byte("Login;Email\nola;o\x81@x.no\n"),
			err: "byte 0x81 is not a character", line: 2},
		{name: "UTF-16 with a broken surrogate",
			data: slices.Concat([]byte{0xFF, 0xFE}, utf16("Login\tEmail\r\nola\t", unicode.LittleEndian),
				[]byte{0x3D, 0xD8}, utf16("x@y.no\r\n", unicode.LittleEndian)),
			err: "broken UTF-16", line: 2},
		{name: "UTF-16 with an odd number of bytes",
			data: append([]byte{0xFF, 0xFE}, append(utf16("Login\tEmail\r\nola\to@x.no\r\n", unicode.LittleEndian), 'x')...),
			err:  "odd number of bytes", line: 3},
		{name: "a NUL byte in a text file names the row",
			data: []byte("Login;Name;Email\nola;Ola;ola@x.no\nkari;Ka\x00ri;kari@x.no\nper;Per;per@x.no\n" + strings.Repeat("x;y;z@x.no\n", 10)),
			err:  "NUL character", row: 3},
		{name: "a NUL byte in a short text file names the row",
			data: []byte("Login;Email\nola;o\x00@x.no\n"), err: "NUL character", row: 2},
		{name: "a NUL byte in UTF-16 text names the row",
			data: utf16("Login\tEmail\r\nola\to@x.no\r\nk\x00ari\tk@x.no\r\n"+strings.Repeat("x\tz@x.no\r\n", 10), unicode.LittleEndian),
			err:  "NUL character", row: 3},
	})
	// A byte that breaks UTF-8 only in a file without UTF-8 characters is
	// Windows-1252: the test above; one inside a UTF-8 file never is.
	l, err := ParseUsers("u.csv", []byte("Login;Email\nola;ola@x.no\n"), "")
	if err != nil || len(l.Users) != 1 {
		t.Fatal(err)
	}
}

func TestReadHeaders(t *testing.T) {
	runReadCases(t, []readCase{
		{name: "two e-mail columns, one empty",
			data:    []byte("Login;E-mail;Name;E-post\nola;;Ola;ola@x.no\nkari;;Kari;kari@x.no\n"),
			want:    []string{"2|ola|Ola|ola@x.no||||:0|:0", "3|kari|Kari|kari@x.no||||:0|:0"},
			notices: []string{`read the e-mail address from "E-post" (column D); "E-mail" (column B) is empty`}},
		{name: "two e-mail columns with the same addresses",
			data:    []byte("Login;E-mail;Name;E-post\nola;ola@x.no;Ola;OLA@x.no\n"),
			want:    []string{"2|ola|Ola|ola@x.no||||:0|:0"},
			notices: []string{`"E-post" (column D) holds the same values`}},
		{name: "two e-mail columns with different addresses",
			data: []byte("Login;E-mail;Name;E-post\nola;ola@x.no;Ola;ola@y.no\n"),
			err:  `two columns could be the e-mail address, "E-mail" (column B) and "E-post" (column D)`, row: 1},
		{name: "an empty e-mail column and a looser one with data",
			data:    []byte("Private e-mail;Name;E-post\nola@x.no;Ola;\nkari@x.no;Kari;\n"),
			want:    []string{"2||Ola|ola@x.no||||:0|:0", "3||Kari|kari@x.no||||:0|:0"},
			notices: []string{`read the e-mail address from "Private e-mail" (column A); "E-post" (column C) is empty`}},
		{name: "an e-mail column with data beats a looser one",
			data:    []byte("Private e-mail;Name;E-post\nola@home.no;Ola;ola@x.no\n"),
			want:    []string{"2||Ola|ola@x.no||||:0|:0"},
			notices: []string{`read the e-mail address from "E-post" (column C); "Private e-mail" (column A) is not read`}},
		{name: "two user ID columns",
			data: []byte("User;Login;Email\nola;OLA1;ola@x.no\n"),
			err:  `"User" (column A) and "Login" (column B)`, row: 1},
		{name: "Travel licence is not the Travel status",
			data: []byte("Login;Email;Travel licence;Travel\nola;ola@x.no;Yes;No\n"),
			want: []string{"2|ola||ola@x.no||||:0|No:2"}},
		{name: "Travel-lisens alone is no status column",
			data: []byte("Brukernavn;E-post;Travel-lisens;Kan logge inn\nola;ola@x.no;Ja;Ja\n"),
			want: []string{"2|ola||ola@x.no||||Ja:1|:0"}},
		{name: "Can log in and a login date",
			data: []byte("Login;Email;Last login date;Active\nola;ola@x.no;2024-01-01;Yes\n"),
			want: []string{"2|ola||ola@x.no||||Yes:1|:0"}},
		{name: "title row",
			data: []byte("User list for Firma AS;;\nExported 2024-03-01;;\nLogin;Name;Email\nola;Ola;ola@x.no\n"),
			want: []string{"4|ola|Ola|ola@x.no||||:0|:0"}},
		{name: "header split over two rows in a text file",
			data:    []byte("User ID;Name;;Email\n;First name;Last name;\nola;Ola;Nordmann;ola@x.no\n"),
			want:    []string{"3|ola|Ola Nordmann|ola@x.no||||:0|:0"},
			notices: []string{"read the header from rows 1 and 2 together"}},
	})
}

// book builds an .xlsx with excelize: sheets in order, each filled by its
// function (nil: left empty).
func book(t testing.TB, sheets ...any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i := 0; i < len(sheets); i += 2 {
		name := sheets[i].(string)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		if fill, ok := sheets[i+1].(func(*excelize.File, string)); ok && fill != nil {
			fill(f, name)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rowsAt fills a sheet from the given row on: one slice per row.
func rowsAt(first int, rows ...[]any) func(*excelize.File, string) {
	return func(f *excelize.File, s string) {
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, first+i)
			if err := f.SetSheetRow(s, cell, &r); err != nil {
				panic(err)
			}
		}
	}
}

func hide(veryHidden bool, fill func(*excelize.File, string)) func(*excelize.File, string) {
	return func(f *excelize.File, s string) {
		if fill != nil {
			fill(f, s)
		}
		if err := f.SetSheetVisible(s, false, veryHidden); err != nil {
			panic(err)
		}
	}
}

func TestReadXLSXSheets(t *testing.T) {
	users := rowsAt(1, []any{"Login", "Name", "Email"}, []any{"ola", "Ola", "ola@x.no"})
	old := rowsAt(1, []any{"Login", "Name", "Email"}, []any{"gammel", "Gammel", "g@x.no"})
	template := rowsAt(1, []any{"Login", "Name", "Email"})
	title := rowsAt(1, []any{"Users of Firma AS"}, []any{"Exported 2024-03-01"}, nil,
		[]any{"Login", "Name", "Email"}, []any{"ola", "Ola", "ola@x.no"})
	want := []string{"2|ola|Ola|ola@x.no||||:0|:0"}
	runReadCases(t, []readCase{
		{name: "title rows", file: "u.xlsx", data: book(t, "Users", title),
			want: []string{"5|ola|Ola|ola@x.no||||:0|:0"}},
		{name: "template and hidden sheets skipped", file: "u.xlsx",
			data: book(t, "Template", template, "Old", hide(false, old), "Older", hide(true, old), "Cover",
				rowsAt(1, []any{"Migration"}), "Empty", nil, "Users", users),
			want: want,
			notices: []string{`read sheet "Users"; skipped "Template" (no users), "Old" (hidden), "Older" (very hidden), ` +
				`"Cover" (no header), "Empty" (empty)`}},
		{name: "later sheet with users", file: "u.xlsx", data: book(t, "Users", users, "Archive", old),
			want: want, notices: []string{`read sheet "Users"`, `sheet "Archive" has users too and was not read; -sheet "Archive"`}},
		{name: "-sheet reads a hidden sheet", file: "u.xlsx", sheet: "old",
			data: book(t, "Users", users, "Old", hide(true, old)),
			want: []string{"2|gammel|Gammel|g@x.no||||:0|:0"}, notices: []string{`read sheet "Old", which is very hidden`}},
		{name: "-sheet reads a template as no users", file: "u.xlsx", sheet: "Template",
			data: book(t, "Template", template, "Users", users), err: `sheet "Template": has a header but no users`, row: 1},
		{name: "only a hidden sheet has users", file: "u.xlsx", data: book(t, "Template", template, "Old", hide(false, old)),
			err: `the users are on the hidden sheet "Old"; no visible sheet has users`, hints: []string{`-sheet "Old"`}},
		{name: "only a template", file: "u.xlsx", data: book(t, "Template", template, "Cover", rowsAt(1, []any{"x"})),
			err: `sheet "Template": has a header but no users`, row: 1, hints: []string{`"Template", "Cover"`}},
	})
}

// TestReadXLSXSplitHeader: a header over two rows, with merged cells, is one
// header; its second row is not a user.
func TestReadXLSXSplitHeader(t *testing.T) {
	merge := func(f *excelize.File, s string, ranges ...string) {
		for i := 0; i < len(ranges); i += 2 {
			if err := f.MergeCell(s, ranges[i], ranges[i+1]); err != nil {
				panic(err)
			}
		}
	}
	runReadCases(t, []readCase{
		{name: "group title over first and last name", file: "u.xlsx",
			data: book(t, "Users", func(f *excelize.File, s string) {
				rowsAt(1, []any{"User ID", "Name", nil, "E-mail"}, []any{nil, "First name", "Last name"},
					[]any{"ola", "Ola", "Nordmann", "ola@x.no"})(f, s)
				merge(f, s, "A1", "A2", "B1", "C1", "D1", "D2")
			}),
			want: []string{"3|ola|Ola Nordmann|ola@x.no||||:0|:0"}, notices: []string{`sheet "Users": read the header from rows 1 and 2`}},
		{name: "sub-labels that are not header names", file: "u.xlsx",
			data: book(t, "Users", func(f *excelize.File, s string) {
				rowsAt(1, []any{"User ID", "Name", nil, "E-mail"}, []any{nil, "First", "Last", "(work)"},
					[]any{"ola", "Ola", "Nordmann", "ola@x.no"})(f, s)
				merge(f, s, "A1", "A2", "B1", "C1")
			}),
			want: []string{"3|ola|Ola Nordmann|ola@x.no||||:0|:0"}, notices: []string{`sheet "Users": read the header from rows 1 and 2`}},
		{name: "header merged down over an empty row", file: "u.xlsx",
			data: book(t, "Users", func(f *excelize.File, s string) {
				rowsAt(1, []any{"User ID", "Name", "E-mail"}, nil, []any{"ola", "Ola", "ola@x.no"})(f, s)
				merge(f, s, "A1", "A2", "B1", "B2", "C1", "C2")
			}),
			want: []string{"3|ola|Ola|ola@x.no||||:0|:0"}, notices: []string{`sheet "Users": read the header from rows 1 and 2`}},
		{name: "template with a split header is still a template", file: "u.xlsx",
			data: book(t, "Template", func(f *excelize.File, s string) {
				rowsAt(1, []any{"User ID", "Name", nil, "E-mail"}, []any{nil, "First name", "Last name"})(f, s)
				merge(f, s, "A1", "A2", "B1", "C1", "D1", "D2")
			}, "Users", rowsAt(1, []any{"Login", "Email"}, []any{"ola", "ola@x.no"})),
			want: []string{"2|ola||ola@x.no||||:0|:0"}, notices: []string{`read sheet "Users"; skipped "Template" (no users)`}},
		{name: "a user right below the header is a user", file: "u.xlsx",
			data: book(t, "Users", rowsAt(1, []any{"User ID", "Name", "E-mail"}, []any{"First", "Last", ""},
				[]any{"ola", "Ola", "ola@x.no"})),
			want: []string{"2|First|Last|||||:0|:0", "3|ola|Ola|ola@x.no||||:0|:0"}},
	})
}

func TestReadXLSXCells(t *testing.T) {
	runReadCases(t, []readCase{
		{name: "formula without a saved value", file: "u.xlsx",
			data: book(t, "Users", func(f *excelize.File, s string) {
				rowsAt(1, []any{"Login", "Name", "Email"}, []any{"ola", "Ola", "ola@x.no"}, []any{"kari", "Kari"})(f, s)
				if err := f.SetCellFormula(s, "C3", `LOWER(A3)&"@x.no"`); err != nil {
					panic(err)
				}
			}),
			err: `cell C3 holds a formula whose result was never saved`, row: 3, column: "Email",
			hints: []string{"save it again"}},
		{name: "formula in a column migready does not read", file: "u.xlsx",
			data: book(t, "Users", func(f *excelize.File, s string) {
				rowsAt(1, []any{"Login", "Email", "Notes"}, []any{"ola", "ola@x.no"})(f, s)
				if err := f.SetCellFormula(s, "C2", `LEN(B2)`); err != nil {
					panic(err)
				}
			}),
			want: []string{"2|ola||ola@x.no||||:0|:0"}},
		{name: "two e-mail columns in a workbook", file: "u.xlsx",
			data:    book(t, "Users", rowsAt(1, []any{"Login", "E-mail", "E-post"}, []any{"ola", "", "ola@x.no"})),
			want:    []string{"2|ola||ola@x.no||||:0|:0"},
			notices: []string{`sheet "Users": read the e-mail address from "E-post" (column C); "E-mail" (column B) is empty`}},
		{name: "cell longer than Excel allows", file: "u.csv",
			data: []byte("Login;Name;Email\nola;" + strings.Repeat("x", MaxCellChars+1) + ";ola@x.no\n"),
			err:  "holds 32768 characters", row: 2, column: "Name"},
		{name: "OpenDocument spreadsheet", file: "u.ods", data: odsFile(t),
			err: "an OpenDocument spreadsheet (.ods)", hints: []string{".xlsx"}},
		{name: "zip that is not a workbook", file: "u.xlsx", data: zipOf(t, map[string][]byte{"a.txt": []byte("hi")}),
			err: "a zip archive, not an Excel workbook"},
	})
}

// zipOf builds a zip archive of the given parts (in name order).
func zipOf(t testing.TB, parts map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		method := zip.Deflate
		if n == "mimetype" {
			method = zip.Store
		}
		fw, err := w.CreateHeader(&zip.FileHeader{Name: n, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(parts[n])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// odsFile is the skeleton of an OpenDocument spreadsheet.
func odsFile(t testing.TB) []byte {
	return zipOf(t, map[string][]byte{
		"mimetype":              []byte("application/vnd.oasis.opendocument.spreadsheet"),
		"content.xml":           []byte(`<?xml version="1.0"?><office:document-content/>`),
		"META-INF/manifest.xml": []byte(`<?xml version="1.0"?><manifest:manifest/>`),
	})
}

// TestReadSizeLimits: the limits that bound the memory an export can take.
func TestReadSizeLimits(t *testing.T) {
	var many strings.Builder
	many.WriteString("Login;Email\n")
	for i := range MaxUsers + 1 {
		fmt.Fprintf(&many, "u%d;u%d@x.no\n", i, i)
	}
	below := "Login;Email\nola;ola@x.no\n" + strings.Repeat("\n", maxExcelRows-2)
	runReadCases(t, []readCase{
		{name: "more users than the limit", data: []byte(many.String()),
			err: "more than 100000 users", row: MaxUsers + 2},
		{name: "a user below Excel's last row", data: []byte(below + "kari;kari@x.no\n"),
			err: "below row 1048576", row: maxExcelRows + 1},
		{name: "empty rows below Excel's last row", data: []byte(below + ";\n\n"),
			want: []string{"2|ola||ola@x.no||||:0|:0"}},
		{name: "a row wider than Excel's last column",
			data: []byte("Login;Email\nola;ola@x.no\nkari;kari@x.no" + strings.Repeat(";", maxColumns) + "\n"),
			err:  "more than 16384 cells", row: 3},
		{name: "a cell of Excel's length limit", data: []byte("Login;Email;Notes\nola;ola@x.no;" + strings.Repeat("æ", MaxCellChars) + "\n"),
			want: []string{"2|ola||ola@x.no||||:0|:0"}},
	})
}
