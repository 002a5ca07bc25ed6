package workbook

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExampleWorkbooksPrint prints the workbook of every example pack (six
// languages, and a follow-up with the customer's notes) through LibreOffice,
// as an admin without Excel would, and reads the PDF: no text under 8
// points, no "###" (a value too wide for its column), no page with a
// header and nothing under it, and the whole header row on every page:
// each sheet prints one page wide. The pages are those of Carlito, the font
// LibreOffice gives a Calibri workbook (bundled with it on Windows and
// macOS, installed with it on Linux; CI installs it).
func TestExampleWorkbooksPrint(t *testing.T) {
	bin := needSoffice(t)
	books, _ := filepath.Glob("../../examples/*/pack/*-remediation.xlsx")
	more, _ := filepath.Glob("../../examples/*/followup/pack/*-remediation.xlsx")
	books = append(books, more...)
	if len(books) < 7 {
		t.Fatalf("%d example workbooks, want the six languages' and a follow-up", len(books))
	}
	dir := t.TempDir()
	// One LibreOffice for all of them; each in a folder of its own, since
	// a follow-up can have the name of its first pack.
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir}
	var ins []string
	for i, b := range books {
		in := filepath.Join(dir, strconv.Itoa(i)+".xlsx")
		data, err := os.ReadFile(b)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ins = append(ins, in)
	}
	if out, err := exec.Command(bin, append(args, ins...)...).CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to pdf: %v\n%s", err, out)
	}
	for i, b := range books {
		t.Run(filepath.Base(filepath.Dir(filepath.Dir(b)))+"/"+filepath.Base(filepath.Dir(b)), func(t *testing.T) {
			f, err := excelize.OpenFile(ins[i])
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			pdf := strings.TrimSuffix(ins[i], ".xlsx") + ".pdf"
			checkPrinted(t, f, pdf)
		})
	}
}

// checkPrinted checks the PDF LibreOffice printed of workbook f.
func checkPrinted(t *testing.T, f *excelize.File, pdf string) {
	t.Helper()
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatalf("no PDF from LibreOffice: %v", err)
	}
	sizes := pdfTextSizes(t, data)
	if len(sizes) == 0 {
		t.Fatal("no text found in the PDF's pages")
	}
	if s := slices.Min(sizes); s < 8 {
		t.Errorf("text prints at %.2f pt; at least 8 pt wanted", s)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if bytes.Contains(text, []byte("###")) {
		t.Error(`a cell prints as "###": its column is too narrow for it`)
	}
	// The layout is Calibri's: in a font other than Carlito, which has its
	// metrics, the columns are wider and spill onto pages of their own.
	if !bytes.Contains(data, []byte("+Carlito")) {
		if os.Getenv("CI") != "" {
			t.Fatal("LibreOffice did not print with Carlito (fonts-crosextra-carlito), which it uses for Calibri on its users' machines")
		}
		t.Skip("Carlito (fonts-crosextra-carlito) is not installed: the pages are not laid out as for LibreOffice's users")
	}
	headers := map[string][]string{}
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for c, h := range rows[0] {
			name, _ := excelize.ColumnNumberToName(c + 1)
			if v, _ := f.GetColVisible(sheet, name); v {
				headers[sheet] = append(headers[sheet], strings.Fields(h)...)
			}
		}
	}
	seen := map[string]int{}
	for n, page := range strings.Split(strings.TrimRight(string(text), "\f"), "\f") {
		words := strings.Fields(page)
		// The footer: the sheet's name, then "page/pages".
		sheet := ""
		for _, s := range f.GetSheetList() {
			if strings.Contains(page, "\n"+s+"\n") {
				sheet = s
			}
		}
		if sheet == "" {
			t.Errorf("page %d names no sheet in its footer:\n%s", n+1, page)
			continue
		}
		seen[sheet]++
		rest := map[string]bool{}
		for _, w := range words {
			rest[w] = true
		}
		delete(rest, words[len(words)-1]) // page/pages
		for _, w := range strings.Fields(sheet) {
			delete(rest, w)
		}
		missing := 0
		for _, h := range headers[sheet] {
			if !rest[h] && !slices.Contains(words, h) {
				missing++
			}
			delete(rest, h)
		}
		switch {
		case missing == len(headers[sheet]):
			t.Errorf("page %d (%s) has no header row", n+1, sheet)
		case missing > 0:
			t.Errorf("page %d (%s) lacks %d of its header's words: the sheet does not print one page wide\n%s", n+1, sheet, missing, page)
		}
		if len(rest) == 0 {
			t.Errorf("page %d (%s) has a header and nothing under it", n+1, sheet)
		}
	}
	for _, sheet := range f.GetSheetList() {
		if seen[sheet] == 0 {
			t.Errorf("sheet %s printed no page", sheet)
		}
	}
}

// needSoffice returns LibreOffice's soffice, or skips the test without it
// (in CI it is required).
func needSoffice(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err == nil {
		_, err = exec.LookPath("pdftotext")
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice and pdftotext are required in CI (libreoffice-calc-nogui, poppler-utils)")
		}
		t.Skip("LibreOffice or pdftotext not installed")
	}
	return bin
}

var (
	pdfStream = regexp.MustCompile(`(?s)<<([^>]*(?:>[^>][^>]*)*)>>\s*stream\r?\n`)
	pdfEnd    = []byte("endstream")
)

// pdfTextSizes returns the size on paper of every font set in the PDF's
// content streams: each Tf's size scaled by the text matrix (Tm) and the
// transformation (cm) in force, as far as q and Q save and restore it.
func pdfTextSizes(t *testing.T, data []byte) []float64 {
	t.Helper()
	var sizes []float64
	for _, m := range pdfStream.FindAllSubmatchIndex(data, -1) {
		dict := data[m[2]:m[3]]
		body := data[m[1]:]
		end := bytes.Index(body, pdfEnd)
		if end < 0 || !bytes.Contains(dict, []byte("/FlateDecode")) {
			continue
		}
		r, err := zlib.NewReader(bytes.NewReader(body[:end]))
		if err != nil {
			continue // not a stream of ours to read (an image, say)
		}
		content, err := io.ReadAll(r)
		if err != nil && len(content) == 0 {
			continue
		}
		if bytes.Contains(dict, []byte("/Length1")) || bytes.Contains(dict, []byte("/Subtype")) {
			continue // an embedded font or an image
		}
		sizes = append(sizes, contentTextSizes(content)...)
	}
	return sizes
}

// contentTextSizes interprets the operators of one content stream that set
// the size of text.
func contentTextSizes(content []byte) []float64 {
	type state struct{ ctm float64 }
	var (
		stack    []state
		st       = state{ctm: 1}
		tm       = 1.0
		operands []string
		sizes    []float64
	)
	num := func(i int) float64 {
		if i < 0 || i >= len(operands) {
			return 0
		}
		v, _ := strconv.ParseFloat(operands[i], 64)
		return v
	}
	for _, tok := range pdfTokens(content) {
		if tok == "" {
			continue
		}
		c := tok[0]
		if c == '/' || c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9' || c == '(' || c == '<' || c == '[' || c == ']' {
			operands = append(operands, tok)
			continue
		}
		n := len(operands)
		switch tok {
		case "q":
			stack = append(stack, st)
		case "Q":
			if len(stack) > 0 {
				st, stack = stack[len(stack)-1], stack[:len(stack)-1]
			}
		case "cm":
			st.ctm *= abs(num(n - 3)) // d: the vertical scale
		case "BT":
			tm = 1
		case "Tm":
			tm = abs(num(n - 3))
		case "Tf":
			sizes = append(sizes, num(n-1)*tm*st.ctm)
		}
		operands = operands[:0]
	}
	return sizes
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// pdfTokens splits a content stream into operands and operators; strings
// and hex strings are one token each, whatever bytes they hold.
func pdfTokens(b []byte) []string {
	var toks []string
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			depth, j := 0, i
			for ; j < len(b); j++ {
				if b[j] == '\\' {
					j++
					continue
				}
				if b[j] == '(' {
					depth++
				} else if b[j] == ')' {
					if depth--; depth == 0 {
						break
					}
				}
			}
			toks = append(toks, "()")
			i = j + 1
		case c == '<' && i+1 < len(b) && b[i+1] != '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return toks
			}
			toks = append(toks, "<>")
			i += j + 1
		case c == '[' || c == ']':
			toks = append(toks, string(c))
			i++
		default:
			j := i + 1
			for j < len(b) && !strings.ContainsRune(" \n\r\t\f\x00()<>[]/%", rune(b[j])) {
				j++
			}
			toks = append(toks, string(b[i:j]))
			i = j
		}
	}
	return toks
}
