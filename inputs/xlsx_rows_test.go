package inputs

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Every sheet sheetRows reads in this package's tests, whichever test reads
// it, is read by excelize too and must give the same rows: TestMain fails
// the run otherwise.
var rowsMismatches struct {
	sync.Mutex
	list []string
}

func init() {
	sheetRowsHook = func(wb *workbook, r *sheetRead, fast *sheetRows) {
		if msg := sameRows(wb, r.info, fast); msg != "" {
			rowsMismatches.Lock()
			rowsMismatches.list = append(rowsMismatches.list, wb.name+": "+msg)
			rowsMismatches.Unlock()
		}
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if len(rowsMismatches.list) > 0 {
		fmt.Fprintf(os.Stderr, "sheetRows read %d sheets otherwise than excelize:\n%s\n",
			len(rowsMismatches.list), strings.Join(rowsMismatches.list, "\n"))
		code = 1
	}
	os.Exit(code)
}

// excelizeRows reads the sheet's rows with excelize, as readSheet did
// before sheetRows: the rows until Next stops, or the first error.
func excelizeRows(f *excelize.File, sheet string) ([][]string, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			return out, err
		}
		out = append(out, cells)
	}
	return out, rows.Error()
}

// sameRows compares the rows sheetRows read with excelize's, in a
// workbook of their own; "" when they are the same.
func sameRows(wb *workbook, s sheetInfo, fast *sheetRows) string {
	f, err := excelize.OpenReader(bytes.NewReader(wb.data), workbookLimits)
	if err != nil {
		return fmt.Sprintf("sheet %q: excelize cannot open what sheetRows read: %v", s.name, err)
	}
	defer f.Close()
	want, err := excelizeRows(f, s.name)
	if err != nil {
		return fmt.Sprintf("sheet %q: excelize fails (%v) where sheetRows read %d rows", s.name, err, len(fast.rows))
	}
	got := fast.rows
	for i := range max(len(got), len(want)) {
		var g, w []string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if !slices.Equal(g, w) || i >= len(got) || i >= len(want) {
			return fmt.Sprintf("sheet %q row %d: sheetRows %q (of %d rows), excelize %q (of %d)", s.name, i+1, g, len(got), w, len(want))
		}
	}
	return ""
}

// readsFast reports whether sheetRows reads the workbook's sheet itself;
// the rows are compared with excelize's by the hook.
func readsFast(t *testing.T, data []byte, sheet string) bool {
	t.Helper()
	wb, err := openWorkbook("test.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.f.Close()
	for _, s := range wb.sheets {
		if s.name == sheet {
			return wb.sheetRows(&sheetRead{info: s}) != nil
		}
	}
	t.Fatalf("no sheet %q", sheet)
	return false
}

// TestSheetRowsAsExcelize: sheetRows reads the exports excelize writes and
// the forms Excel writes, gives excelize's rows (the hook compares them),
// and leaves to excelize what it does not read exactly.
func TestSheetRowsAsExcelize(t *testing.T) {
	for _, path := range []string{"../examples/harbour-finch/users.xlsx", "../examples/osterbro/brugere.xlsx"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		wb, err := openWorkbook(path, data)
		if err != nil {
			t.Fatal(err)
		}
		if wb.sheetRows(&sheetRead{info: wb.sheets[0]}) == nil {
			t.Errorf("%s: left to excelize", path)
		}
		wb.f.Close()
	}
	if !readsFast(t, buildXLSX(t, usersSheet), "Brukere") {
		t.Error("an export excelize wrote: left to excelize")
	}

	c := func(ref, attrs, inner string) string {
		if inner == "" {
			return `<c r="` + ref + `"` + attrs + `/>`
		}
		return `<c r="` + ref + `"` + attrs + `>` + inner + `</c>`
	}
	is := func(ref, v string) string { return c(ref, ` t="inlineStr"`, `<is><t>`+v+`</t></is>`) }
	sheet := func(rows string) []byte {
		return []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
			`<dimension ref="A1:C3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
			`<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>` + rows + `</sheetData>` +
			`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	}
	sst := []byte(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">` +
		`<si><t>Login</t></si><si><t xml:space="preserve"> E-mail </t></si>` +
		`<si><r><rPr><b/><sz val="11"/></rPr><t>Ri</t></r><r><t>ch</t></r></si><si><t>a_x000D_b</t></si>` +
		`<si><t>x</t><rPh sb="0" eb="1"><t>ふ</t></rPh><phoneticPr fontId="1"/></si></sst>`)
	for _, tt := range []struct {
		name, rows string
		fast       bool // sheetRows reads it
	}{
		{"Excel's form", `<row r="1" spans="1:3" x14ac:dyDescent="0.25">` + c("A1", ` t="s"`, `<v>0</v>`) + c("B1", ` s="1" t="s"`, `<v>1</v>`) +
			c("C1", ` t="s"`, `<v>2</v>`) + `</row>` + "\n" + `<row r="3" spans="1:3">` + c("A3", ` t="s"`, `<v>3</v>`) + c("B3", ` t="s"`, `<v>4</v>`) +
			c("C3", ` s="0"`, `<v>1234</v>`) + c("D3", ` t="s"`, `<v>4</v>`) + `</row>`, true},
		{"no references", `<row>` + c("", ``, "") + `</row>`, false},
		{"rows and cells without r", `<row><c t="inlineStr"><is><t>a</t></is></c><c/><c><v>7</v></c></row><row/><row><c t="b"><v>0</v></c></row>`, true},
		{"gaps", `<row r="2">` + is("C2", "c") + is("E2", "e") + `</row><row r="7"/><row r="9">` + is("A9", "a") + `</row>`, true},
		{"entities and line ends", `<row r="1">` + is("A1", "&lt;a&gt; &amp; &quot;b&apos; &#198;&#x00D8;") + is("B1", "x\r\ny\rz&#13;&#10;") +
			c("C1", ` t="inlineStr"`, `<is><t xml:space="preserve">  pad  </t></is>`) + `</row>`, true},
		{"types", `<row r="1">` + c("A1", ` t="b"`, `<v>1</v>`) + c("B1", ` t="str"`, `<v>text</v>`) + c("C1", ` t="n"`, `<v>0</v>`) +
			c("D1", ``, `<v>12345678901</v>`) + c("E1", ` t="s"`, `<v></v>`) + c("F1", ``, `<v/>`) + `</row>`, true},
		{"empty shared string", `<row r="1">` + c("A1", ` t="s"`, ``) + is("B1", "b") + `</row>`, true},
		{"long number", `<row r="1">` + c("A1", ``, `<v>123456789012</v>`) + `</row>`, false},
		{"decimal", `<row r="1">` + c("A1", ``, `<v>1.5</v>`) + `</row>`, false},
		{"date", `<row r="1">` + c("A1", ` s="3"`, `<v>45000</v>`) + `</row>`, false},
		{"custom format", `<row r="1">` + c("A1", ` s="4" t="s"`, `<v>0</v>`) + `</row>`, false},
		{"text format number", `<row r="1">` + c("A1", ` s="1"`, `<v>12</v>`) + `</row>`, false},
		{"error", `<row r="1">` + c("A1", ` t="e"`, `<v>#N/A</v>`) + `</row>`, false},
		{"formula", `<row r="1">` + c("A1", ``, `<f>1+1</f><v>2</v>`) + `</row>`, false},
		{"escape", `<row r="1">` + is("A1", "a_x000D_b") + `</row>`, false},
		{"rich inline", `<row r="1">` + c("A1", ` t="inlineStr"`, `<is><r><t>a</t></r></is>`) + `</row>`, false},
		{"unknown entity", `<row r="1">` + is("A1", "&nbsp;") + `</row>`, false},
		{"control character", `<row r="1">` + is("A1", "a\x01") + `</row>`, false},
		{"not UTF-8", `<row r="1">` + is("A1", "\xff") + `</row>`, false},
		{"CDATA", `<row r="1">` + is("A1", "<![CDATA[x]]>") + `</row>`, false},
		{"rows out of order", `<row r="2">` + is("A2", "b") + `</row><row r="1">` + is("A1", "a") + `</row>`, false},
		{"cells out of order", `<row r="1">` + is("B1", "b") + is("A1", "a") + `</row>`, false},
		{"lower-case reference", `<row r="1">` + is("a1", "a") + `</row>`, false},
		{"prefixed elements", `<x:row r="1"/>`, false},
		{"shared string out of range", `<row r="1">` + c("A1", ` t="s"`, `<v>9</v>`) + `</row>`, false},
		{"comment", `<!-- x --><row r="1">` + is("A1", "a") + `</row>`, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := readsFast(t, xlsxStyled(t, sheet(tt.rows), sst), "Users"); got != tt.fast {
				t.Errorf("read by sheetRows: %v, want %v", got, tt.fast)
			}
		})
	}
}

// stylesXML gives the fuzzed workbooks cell styles of each kind: 1 text
// ("@"), 2 a percentage, 3 a date, 4 a format of the workbook's own.
const stylesXML = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;ID &quot;@"/></numFmts>` +
	`<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>` +
	`<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`

// xlsxStyled is xlsxWith with stylesXML.
func xlsxStyled(t testing.TB, sheet, sst []byte) []byte {
	data := xlsxWith(t, sheet, sst)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		fw, _ := w.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Store})
		buf := new(bytes.Buffer)
		buf.ReadFrom(rc)
		rc.Close()
		fw.Write(buf.Bytes())
	}
	fw, _ := w.CreateHeader(&zip.FileHeader{Name: "xl/styles.xml", Method: zip.Store})
	fw.Write([]byte(stylesXML))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzSheetRows: whatever a sheet and its shared strings hold, sheetRows
// either leaves the sheet to excelize or reads excelize's rows.
func FuzzSheetRows(f *testing.F) {
	for _, seed := range [][2]string{
		{`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c></row>` +
			`<row r="3"><c r="A3" t="inlineStr"><is><t>o&amp;la</t></is></c><c r="C3" s="2"><v>12</v></c><c t="b"><v>1</v></c></row></sheetData></worksheet>`,
			`<sst><si><t>Login</t></si><si><r><t>E-</t></r><r><t>mail</t></r></si></sst>`},
		{`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c><v>7</v></c><c t="str"><v>x` + "\r\n" +
			`y</v></c></row><row r="5" spans="1:2"><c r="B5" s="3"><v>45000</v></c></row></sheetData></worksheet>`, ``},
		{`<worksheet><sheetData/><x><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row></x></worksheet>`, `<sst/>`},
	} {
		f.Add([]byte(seed[0]), []byte(seed[1]))
	}
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		data := xlsxStyled(t, sheet, sst)
		wb, err := openWorkbook("fuzz.xlsx", data)
		if err != nil {
			return
		}
		defer wb.f.Close()
		for _, s := range wb.sheets {
			if fast := wb.sheetRows(&sheetRead{info: s}); fast != nil {
				if msg := sameRows(wb, s, fast); msg != "" {
					t.Fatal(msg)
				}
			}
		}
	})
}
