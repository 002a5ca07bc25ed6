package inputs

import (
	"archive/zip"
	"bytes"
	"path/filepath"
	"strings"
)

// A Numbers spreadsheet (Apple's; a .numbers file, or on older Macs a
// .numbers folder) is neither a workbook nor a CSV file: it is read by no
// one but Numbers, which exports both.
const numbersHint = "in Numbers, choose File > Export To > Excel… (or CSV…), and give migready the exported file"

// isNumbers reports whether path and data are a Numbers spreadsheet: its
// name, or a zip holding Numbers' Index/ parts.
func isNumbers(path string, data []byte) bool {
	if strings.EqualFold(filepath.Ext(path), ".numbers") {
		return true
	}
	if !bytes.HasPrefix(data, zipMagic) {
		return false
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "Index/") || f.Name == "Index.zip" {
			return true
		}
	}
	return false
}

// numbersError is the error for a Numbers spreadsheet given where an
// export (or a profile) belongs.
func numbersError(path string) *Error {
	return &Error{File: path, Msg: "a Numbers spreadsheet, which migready cannot read", Hint: numbersHint}
}

// IsNumbers reports whether the file at path, read as data, is a Numbers
// spreadsheet (for the command that was given one as a profile).
func IsNumbers(path string, data []byte) bool { return isNumbers(path, data) }
