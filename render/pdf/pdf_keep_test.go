package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/migready/migready/render/doc"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// These tests lay synthetic documents out on the flow model (boxes and
// the pages paginate fills with them) and look where the breaks land.
// Each slides the block under test down the page a line at a time, so
// that its natural break falls on every line of it, and checks the rule
// at every position.

// laidOut is a body laid out and paginated, as Write does before drawing.
type laidOut struct {
	r     *pdfRenderer
	pages [][]placement
	page  map[*box]int // the page a box is on (0: the first body page)
}

func layOutBody(t testing.TB, body string) *laidOut {
	t.Helper()
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{Body: []byte(body)}
	r := newPDFRenderer(d, nil, false)
	r.blocks(d.Parsed())
	l := &laidOut{r: r, pages: paginate(r.boxes), page: map[*box]int{}}
	for p, page := range l.pages {
		for _, pl := range page {
			if !pl.repeat {
				l.page[pl.b] = p
			}
		}
	}
	if len(l.page) != len(r.boxes) {
		t.Fatalf("%d boxes laid out, %d placed", len(r.boxes), len(l.page))
	}
	return l
}

// text is the plain text of the block a box belongs to.
func (l *laidOut) text(n ast.Node) string {
	if n == nil {
		return ""
	}
	if n.Type() == ast.TypeBlock && (n.Kind() == ast.KindFencedCodeBlock || n.Kind() == ast.KindCodeBlock) {
		return strings.Join(blockLines(n, l.r.src), "\n")
	}
	return plainText(n, l.r.src)
}

// of returns the boxes of the block whose text starts with prefix.
func (l *laidOut) of(prefix string) []*box {
	var out []*box
	for _, b := range l.r.boxes {
		if strings.HasPrefix(l.text(b.node), prefix) {
			out = append(out, b)
		}
	}
	return out
}

// pagesOf counts a run of boxes per page, in page order.
func (l *laidOut) pagesOf(bs []*box) []int {
	var counts []int
	last := -1
	for _, b := range bs {
		if p := l.page[b]; p != last {
			counts = append(counts, 0)
			last = p
		}
		counts[len(counts)-1]++
	}
	return counts
}

// filler is a paragraph of n lines, each ending in a hard break: sliding
// what follows it down the page a line at a time.
func filler(n int) string {
	if n == 0 {
		return ""
	}
	return strings.Repeat("Filler line.  \n", n-1) + "Filler line.\n\n"
}

// slide lays body out below 0 to 60 filler lines, and a heading and a
// rule (sub-line offsets), and calls check for each.
func slide(t *testing.T, body string, check func(t *testing.T, l *laidOut, where string)) {
	t.Helper()
	for n := 0; n <= 60; n++ {
		for _, lead := range []string{"", "# Opening\n\n", "---\n\n"} {
			where := fmt.Sprintf("%d filler lines after %q", n, strings.TrimSpace(lead))
			check(t, layOutBody(t, lead+filler(n)+body), where)
		}
	}
}

// TestKeepOrphansAndWidows: no single line of a paragraph alone at the
// bottom or the top of a page.
func TestKeepOrphansAndWidows(t *testing.T) {
	para := strings.Repeat("Seven lines of a paragraph that must not leave a single line behind.  \n", 6) + "The last line.\n"
	split := 0
	slide(t, para, func(t *testing.T, l *laidOut, where string) {
		counts := l.pagesOf(l.of("Seven lines"))
		for _, c := range counts {
			if c < 2 {
				t.Errorf("%s: the paragraph's lines fall %v over its pages", where, counts)
			}
		}
		if len(counts) > 1 {
			split++
		}
	})
	if split == 0 {
		t.Error("the paragraph never broke across pages: the test slid it too little")
	}
}

// TestKeepHeadingWithNext: a heading never ends a page; the first two
// lines after it are on its page.
func TestKeepHeadingWithNext(t *testing.T) {
	body := "## Kept heading\n\n" + strings.Repeat("Text under the heading, line after line.  \n", 5) + "Last.\n\n"
	slide(t, body, func(t *testing.T, l *laidOut, where string) {
		h := l.of("Kept heading")
		text := l.of("Text under the heading")
		if l.page[h[0]] != l.page[text[1]] {
			t.Errorf("%s: the heading is on page %d, the second line under it on page %d", where, l.page[h[0]], l.page[text[1]])
		}
	})
}

// TestKeepIntroWithTable: a paragraph before a table (no colon needed)
// ends on the page the table's header and first two rows are on, and a
// table's header never ends a page.
func TestKeepIntroWithTable(t *testing.T) {
	body := "25 users can log in (named users with Can log in).\n\n" +
		"| Plan | Users |\n|---|---:|\n| Sales | 15 |\n| Service | 9 |\n| Marketing | 1 |\n| Premium | 4 |\n| Essentials | 3 |\n| Other | 2 |\n| More | 2 |\n| Last | 1 |\n| Final | 1 |\n| Closing | 1 |\n| Really | 1 |\n| End | 1 |\n\n"
	moved := 0
	slide(t, body, func(t *testing.T, l *laidOut, where string) {
		intro := l.of("25 users")
		table := l.of("Plan")
		p := l.page[intro[len(intro)-1]]
		for _, b := range table[:3] {
			if l.page[b] != p {
				t.Errorf("%s: the intro ends on page %d, the table's header or a first row is on page %d", where, p, l.page[b])
			}
		}
		if l.page[table[0]] > 0 {
			moved++
		}
	})
	if moved == 0 {
		t.Error("the table never moved to a later page: the test slid it too little")
	}
}

// TestTableHeaderRepeatsOnTheModel: a long table's header is drawn again
// at the top of every page it continues on, every page holds at least two
// of its rows, and no page ends with its header.
func TestTableHeaderRepeatsOnTheModel(t *testing.T) {
	var b strings.Builder
	b.WriteString("| Row | Name | E-mail |\n|---:|---|---|\n")
	for i := 1; i <= 70; i++ {
		fmt.Fprintf(&b, "| %d | Person %d | person%d@example.com |\n", i, i, i)
	}
	slide(t, b.String(), func(t *testing.T, l *laidOut, where string) {
		boxes := l.of("Row")
		counts := l.pagesOf(boxes[1:])
		if len(counts) < 2 {
			t.Fatalf("%s: 70 rows on one page", where)
		}
		for i, c := range counts {
			if c < 2 {
				t.Errorf("%s: page %d of the table holds %d rows", where, i+1, c)
			}
		}
		first := l.page[boxes[0]]
		for p := first + 1; p <= l.page[boxes[len(boxes)-1]]; p++ {
			if top := l.pages[p][0]; !top.repeat || top.b != boxes[0] {
				t.Errorf("%s: page %d does not start with the table's header", where, p)
			}
		}
		for p, page := range l.pages {
			if last := page[len(page)-1]; last.b.kind == boxHeader {
				t.Errorf("%s: page %d ends with a table header", where, p)
			}
		}
	})
}

// TestKeepChecklistItem: a task-list item is never split, and the last
// item of a list is never alone at the top of a page.
func TestKeepChecklistItem(t *testing.T) {
	var b strings.Builder
	for i := range 8 {
		fmt.Fprintf(&b, "- [ ] **Check %d** — a summary long enough to take three lines of the page's width, so that the item is tall: it goes on and on, and on, and on, and then it goes on a little more until the line is full and the next begins.  \n  *Done when:* the condition holds.  \n  *Note:* one more line.\n", i)
	}
	b.WriteString("\n## Next\n\nText.\n")
	slide(t, b.String(), func(t *testing.T, l *laidOut, where string) {
		byItem := map[ast.Node][]*box{}
		var items []ast.Node
		for _, bx := range l.of("Check") {
			if _, ok := byItem[bx.item]; !ok {
				items = append(items, bx.item)
			}
			byItem[bx.item] = append(byItem[bx.item], bx)
		}
		if len(items) != 8 {
			t.Fatalf("%s: %d items", where, len(items))
		}
		for i, it := range items {
			if c := l.pagesOf(byItem[it]); len(c) > 1 {
				t.Errorf("%s: item %d is split %v", where, i, c)
			}
		}
		last, before := byItem[items[7]][0], byItem[items[6]][0]
		if l.page[last] != l.page[before] {
			t.Errorf("%s: the last item is alone on page %d", where, l.page[last])
		}
	})
}

// TestKeepChartWithItsTable: the Low/Expected/High table, the line that
// introduces the chart and the chart are on one page.
func TestKeepChartWithItsTable(t *testing.T) {
	body := "While the database is uploaded, SuperOffice is frozen.\n\n" +
		"| Low | Expected | High |\n|---:|---:|---:|\n| 4 h | 5 h | 9 h |\n\n" +
		"Where the expected time goes:\n\n```barchart\nDatabase export|1.5|1.5 h\nArchive upload|2|2 h\nFreeze and checks|2|2 h\n```\n\n### Assumptions\n\nMore text.\n"
	slide(t, body, func(t *testing.T, l *laidOut, where string) {
		var all []*box
		all = append(all, l.of("Low")...)
		all = append(all, l.of("Where the expected")...)
		all = append(all, l.of("Database export|")...)
		if len(all) != 2+1+3 {
			t.Fatalf("%s: %d boxes", where, len(all))
		}
		if c := l.pagesOf(all); len(c) > 1 {
			t.Errorf("%s: table, intro and chart fall %v over pages", where, c)
		}
	})
}

// TestNoLoneLineAtTop: a section's last line (a one-line paragraph or a
// list's last item) never stands alone at the top of a page.
func TestNoLoneLineAtTop(t *testing.T) {
	body := "The current user plans lead to Growth: the highest plan any user needs decides the plan for the whole organisation, and this sentence takes two lines.\n\n" +
		"SuperOffice confirms the plan.\n\n# Next section\n\nText.\n\n" +
		"- Book a freeze window of at least 99 hours, ideally over a weekend or public holiday, and tell all users.\n" +
		"- Keep the on-site server reachable for the whole window.\n" +
		"- Do not change the licence once the migration tool has started.\n\n## After\n\nText.\n"
	slide(t, body, func(t *testing.T, l *laidOut, where string) {
		for _, prefix := range []string{"SuperOffice confirms", "Do not change"} {
			line := l.of(prefix)[0]
			p := l.page[line]
			if top := l.pages[p][0].b; top == line {
				t.Errorf("%s: %q stands alone at the top of page %d", where, prefix, p)
			}
		}
	})
}

// TestShortTableNotSplit: a table no taller than a fifth of a page (the
// SPF record's facts) is never split.
func TestShortTableNotSplit(t *testing.T) {
	body := "| | |\n|---|---|\n| DNS host | example.com |\n| Record type | TXT |\n| DNS lookups | 4 of at most 10 |\n| Published today | v=spf1 include:spf.protection.outlook.com -all |\n\n"
	slide(t, body, func(t *testing.T, l *laidOut, where string) {
		if c := l.pagesOf(l.of("DNS host")); len(c) > 1 {
			t.Errorf("%s: the table is split %v", where, c)
		}
	})
}

// TestCodeRecordNotSplit: a short code block (a record to copy) is never
// split.
func TestCodeRecordNotSplit(t *testing.T) {
	record := "v=spf1 " + strings.Repeat("include:_spf.google.com include:mailgun.org include:servers.mcsv.net include:spf.protection.outlook.com ", 5) + "~all"
	body := "The record to publish:\n\n```\n" + record + "\n```\n\n"
	slide(t, body, func(t *testing.T, l *laidOut, where string) {
		code := l.of("v=spf1")
		if len(code) < 7 {
			t.Fatalf("%s: the record takes %d lines", where, len(code))
		}
		if c := l.pagesOf(append(l.of("The record"), code...)); len(c) > 1 {
			t.Errorf("%s: the record and its intro fall %v over pages", where, c)
		}
	})
}

// tableOf lays a table out alone and returns its layout.
func tableOf(t *testing.T, md string) *tableLayout {
	t.Helper()
	l := layOutBody(t, md)
	var tl *tableLayout
	for n := l.r.doc.Parsed().FirstChild(); n != nil; n = n.NextSibling() {
		if tb, ok := n.(*east.Table); ok {
			tl = l.r.layoutTable(tb)
		}
	}
	if tl == nil {
		t.Fatal("no table")
	}
	return tl
}

// broken reports whether a cell's text is broken inside a word: the lines
// joined without spaces hold a word of the cell that the lines hold in
// no single piece.
func broken(tr *tableRow, c int) bool {
	var pieces []string
	for _, l := range tr.lines[c] {
		var sb strings.Builder
		for _, a := range l.atoms {
			sb.WriteString(a.text)
		}
		pieces = append(pieces, strings.Fields(sb.String())...)
	}
	var all strings.Builder
	for _, a := range tr.cells[c].atoms {
		all.WriteString(a.text)
	}
	return len(pieces) != len(strings.Fields(all.String()))
}

// TestColumnsByContent: Problem and What-to-do columns get the room, not
// a column of addresses; an address or a SHA-256 stays whole when room can
// be found elsewhere; a table of four columns spans the width.
func TestColumnsByContent(t *testing.T) {
	t.Run("prose columns", func(t *testing.T) {
		// Norway's duplicate addresses: six columns, two of them prose.
		var b strings.Builder
		b.WriteString("| Rad | Bruker-ID | Navn | E-post | Problem | Tiltak |\n|---:|---|---|---|---|---|\n")
		for i, u := range []string{"solveig.larsen", "Solveig.larsen", "tove.odegard", "tove.odegard"} {
			fmt.Fprintf(&b, "| %d | U%d | Solveig Larsen | %s@nordlysenergi.no | Adressen %s@nordlysenergi.no brukes også av LJO (rad 9); bare én av disse brukerne kan logge inn. | Endre eller fjern adressen til brukeren som ikke kan logge inn, slik at adressen fortsatt er unik hvis brukeren får tilgang senere. |\n", i+5, i, u, u)
		}
		tl := tableOf(t, b.String())
		for i, tr := range tl.rows {
			if tr.nLines > 6 {
				t.Errorf("row %d is %d lines tall (widths %.0f)", i, tr.nLines, tl.widths)
			}
		}
		if tl.widths[3] > tl.widths[4] || tl.widths[3] > tl.widths[5] {
			t.Errorf("the e-mail column (%.0f mm) is wider than Problem or Tiltak (widths %.0f)", tl.widths[3], tl.widths)
		}
	})
	t.Run("addresses whole", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("| Row | User ID | Name | Email | Problem |\n|---:|---|---|---|---|\n")
		for i := range 4 {
			fmt.Fprintf(&b, "| %d | u%d | Person %d | first.last%d@harbourfinch.co.uk | The address is also used by another user who can log in, and by a resource (row %d), so neither can be migrated as a working user until one of them has an address of their own. |\n", i+10, i, i, i, i+20)
		}
		tl := tableOf(t, b.String())
		for i, tr := range tl.rows {
			if broken(tr, 3) {
				t.Errorf("row %d: the address is broken (widths %.0f)", i, tl.widths)
			}
		}
	})
	t.Run("full width", func(t *testing.T) {
		tl := tableOf(t, "| Row | User ID | Name | Email |\n|---:|---|---|---|\n| 10 | ld | Lily | lily@hf.uk |\n| 14 | ow | Oliver | oliver@hf.uk |\n")
		if tl.tw < contentW-0.5 {
			t.Errorf("a table of four columns is %.0f mm wide, not the full %.0f", tl.tw, contentW)
		}
	})
	t.Run("SHA-256 whole", func(t *testing.T) {
		tl := tableOf(t, "| Fil | Brukes som | SHA-256 |\n|---|---|---|\n"+
			"| profile.toml | Deres svar | a5f11501d7fce6505f0d6fc9666286abebc6cb1ec18a05c2bfcd4c7bcbd2c119 |\n"+
			"| nordlys-energi-as-2026-11-24-summary.json | Forrige vurdering | b7204c763907d2d2b7c94b41c82bcd143c7e123009da38ef64a9d6d7438db3eb |\n"+
			"| returnert.xlsx | Deres arbeidsbok med notater | 49ad5edc7f39c4cdd15c6e56bcba7576d81da81afe9ae0fadd33400cb94128c7 |\n")
		for i, tr := range tl.rows {
			if broken(tr, 2) {
				t.Errorf("row %d: the SHA-256 is broken (widths %.0f)", i, tl.widths)
			}
		}
		tl = tableOf(t, "| Brukes som | Fil | SHA-256 |\n|---|---|---|\n"+
			"| Svar innhentet av SuperOffice-konsulenten deres | – | a5f11501d7fce6505f0d6fc9666286abebc6cb1ec18a05c2bfcd4c7bcbd2c119 |\n"+
			"| Brukereksport | brukere.csv | 085d0c5159d78c39c7f59d38b885ba759b28c5cf4fdb122db82692a8a5d49c9 |\n")
		for i, tr := range tl.rows {
			if broken(tr, 2) {
				t.Errorf("beside a long role, row %d: the SHA-256 is broken (widths %.0f)", i, tl.widths)
			}
		}
	})
}

// TestSignOffIsSignable: a table whose cells hold only a no-break space is
// a form: rows at least 10 mm, the signature column at least 50 mm and the
// date at least 25 mm, even beside long names.
func TestSignOffIsSignable(t *testing.T) {
	tl := tableOf(t, "| Rolle | Navn | Dato | Signatur |\n|---|---|---|---|\n"+
		"| SuperOffice-administrator (kunde) | Ingrid Nilsen-Bakkeløkken | &nbsp; | &nbsp; |\n"+
		"| Konsulent | Marius Bakken, SuperOffice Norge, Oslo og Viken | &nbsp; | &nbsp; |\n")
	if tl.widths[3] < signColW-0.01 || tl.widths[2] < formColW-0.01 {
		t.Errorf("date %.1f mm, signature %.1f mm wide", tl.widths[2], tl.widths[3])
	}
	for i, tr := range tl.rows {
		if h := tl.rowH(tr); h < formRowH-0.01 {
			t.Errorf("row %d is %.1f mm high", i, h)
		}
	}
	// A table whose cells are merely empty (notes not written) is none.
	tl = tableOf(t, "| Row | Status | Owner | Due |\n|---|---|---|---|\n| 6 | Fixed | | |\n| 10 | Fixed | | |\n")
	for i, tr := range tl.rows {
		if h := tl.rowH(tr); h >= formRowH {
			t.Errorf("notes row %d is %.1f mm high, as a form's", i, h)
		}
	}
}

// TestBarLabelOnOneLine: a chart's label stays on one line while the bars
// keep two fifths of the width.
func TestBarLabelOnOneLine(t *testing.T) {
	l := layOutBody(t, "```barchart\nDatabase exporteren, uploaden en importeren|1.5|1,5 u\nDocumentarchief uploaden|2|2 u\n```\n")
	bars := l.of("Database exporteren")
	if len(bars) != 2 {
		t.Fatalf("%d bars", len(bars))
	}
	if h := bars[0].h; h > bars[1].h+0.01 {
		t.Errorf("the long label's bar is %.1f mm high, the short one's %.1f: the label wraps", h, bars[1].h)
	}
}
