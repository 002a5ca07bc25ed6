package render

// What the tests reach that the program does not call.

import "github.com/migready/migready/render/doc"

// packDocument builds the doc.Document for one format: the PDF lists at most
// PDFRowLimit findings per check, the HTML lists all.
func packDocument(v *localized, format string) (*doc.Document, error) {
	body, err := packBody(v, format)
	if err != nil {
		return nil, err
	}
	return packDocumentOf(v, body), nil
}
