package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/migready/migready/inputs"
)

// notAProfile says what a file given as a profile is when it is not one:
// a user export (by its name, or by what it holds: a workbook, or text
// that reads as an export) or a Numbers spreadsheet; nil when it may be a
// profile. Drop, check, pack and batch all ask it, so the help is the same
// wherever a profile is expected. data may be nil (not read).
func notAProfile(path string, data []byte) error {
	if inputs.IsNumbers(path, data) {
		return newFailure(kindNumbersNotProfile, "file", path)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm", ".xls", ".ods":
		return newFailure(kindExportNotProfile, "file", path)
	}
	switch {
	case len(data) == 0:
		return nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return newFailure(kindExportNotProfile, "file", path) // a workbook
	}
	if inputs.ProfileLike(data) {
		return nil
	}
	if _, err := inputs.ParseUsers(path, data, ""); err == nil {
		return newFailure(kindExportNotProfile, "file", path)
	}
	return nil
}

// parseProfile is inputs.ParseProfile for a file given as a profile: one
// that is something else is said to be what it is.
func parseProfile(path string, data []byte) (*inputs.Profile, error) {
	p, err := inputs.ParseProfile(path, data)
	if err != nil {
		if other := notAProfile(path, data); other != nil {
			return nil, other
		}
	}
	return p, err
}

// namedFile is the error for a file the profile names under key (users,
// brand.logo) that cannot be read: a file that is not there is an error
// at the profile's line and key, naming the path as written and where it
// was looked for.
//
// From files in memory (the page's uploads) the error keeps its words (add
// the file on the page) and gets the key and line.
func namedFile(p *inputs.Profile, profile []byte, key, rel string, err error, inMemory bool) error {
	var e *inputs.Error
	if !errors.As(err, &e) || e.Msg != "file not found" {
		return err
	}
	if inMemory {
		c := *e
		c.Line, c.Key, c.Kind = inputs.KeyLine(profile, key), key, inputs.ProblemFileNotFound
		return &c
	}
	name := key[strings.LastIndexByte(key, '.')+1:]
	return &inputs.Error{File: p.Path, Line: inputs.KeyLine(profile, key), Key: key, Kind: inputs.ProblemFileNotFound,
		Msg:  fmt.Sprintf("%s = %q: there is no file %s", name, rel, p.Resolve(rel)),
		Hint: fmt.Sprintf("check the file's name and folder: a path in the profile is relative to the profile's folder (%s)", p.Dir())}
}
