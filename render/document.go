// Package render turns an assessment into the files of the readiness pack:
// a PDF and an HTML report (both from one markdown source), a remediation
// workbook and the JSON summary. It never recomputes a result.
package render

import "time"

// Document is what the PDF and HTML renderers draw: a cover page made from
// structured data, then a markdown body (CommonMark + GFM tables, task lists
// and strikethrough; raw HTML is never rendered).
//
// Conventions in Body that both renderers honour:
//   - "# " headings start a major section: in the PDF (and print) it
//     continues the page when the rest of the page holds its opening
//     comfortably, else it starts a new page; it gets a PDF outline entry,
//     "## " headings a nested one. No heading ends a page, a section no
//     taller than a third of a page is kept together, a paragraph ending
//     in ":" stays with the block it introduces, and a table keeps its
//     header with at least two rows.
//   - The status glyphs ✔ (U+2714, pass), ✖ (U+2716, fail), ❗ (U+2757,
//     warn) and ❓ (U+2753, unknown) are drawn as coloured status marks.
//   - A fenced code block with info string "barchart" holds one bar per line:
//     "label|value|value label" (value a plain decimal with a dot); it is
//     drawn as a horizontal bar chart in the brand colour.
//   - A fenced code block with any other (or no) info string is a copyable
//     monospace box (e.g. the SPF record).
type Document struct {
	Lang     string    // BCP 47 code: "en", "nb", …; PDF /Lang and HTML lang
	Title    string    // document title (metadata, HTML <title>)
	Author   string    // metadata
	Subject  string    // metadata
	Header   string    // running header on every page but the cover (customer name)
	Footer   string    // page footer with {page} and {total}, e.g. "page {page} of {total}"
	Color    string    // brand colour "#RRGGBB"; a sensible default when empty
	Logo     *Image    // optional
	Cover    Cover     //
	Body     []byte    // markdown
	Created  time.Time // fixed creation/modification date (determinism)
	Producer string    // e.g. "migready 0.1.0"
}

// Image is a decoded-enough logo: the bytes and their type.
type Image struct {
	Data []byte
	Type string // "png" or "jpeg"
}

// Cover is the first page.
type Cover struct {
	Customer string      // large
	Title    string      // "Migration readiness pack"
	Verdict  string      // "READY" / "NOT READY"
	Detail   string      // "3 blockers to fix before migration"
	State    string      // "ready", "not-ready" or "unconfirmed": colours the verdict box
	Facts    [][2]string // label/value lines: tenant, date, prepared by…
}
