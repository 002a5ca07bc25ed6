package workbook

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/migready/migready/inputs"
)

// Latest finds, in dir, the remediation workbook of the latest pack made
// before date, as the customer sent it back: what batch -tracker reads for
// each customer. A workbook says when its pack was made (its creation
// date, which Excel keeps); of two from the same pack, the one saved by
// another program than migready (the customer's) wins, then the one
// modified last. Excel's lock files (~$…), hidden files and masked copies
// do not count.
func Latest(dir string, date time.Time) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", &inputs.Error{File: dir, Msg: "no folder of returned workbooks for this customer",
			Hint: "put the workbook the customer sent back into the customer's folder under -tracker"}
	}
	type found struct {
		path     string
		made     string // YYYY-MM-DD
		returned bool   // saved by another program than migready
		modified time.Time
	}
	var all []found
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.EqualFold(filepath.Ext(name), ".xlsx") || strings.HasPrefix(name, "~$") ||
			strings.HasPrefix(name, ".") || strings.Contains(name, "-masked-") {
			continue
		}
		path := filepath.Join(dir, name)
		made, by, ok := coreProps(path)
		if !ok {
			continue
		}
		t, err := time.Parse(time.RFC3339, made)
		if err != nil || !t.Before(date) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		all = append(all, found{path, t.Format(time.DateOnly), !strings.HasPrefix(by, "migready"), info.ModTime()})
	}
	if len(all) == 0 {
		return "", &inputs.Error{File: dir, Msg: fmt.Sprintf("no remediation workbook of a pack made before %s in this folder", date.Format(time.DateOnly)),
			Hint: "put the workbook the customer sent back into the customer's folder under -tracker"}
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		switch {
		case a.made != b.made:
			return a.made > b.made
		case a.returned != b.returned:
			return a.returned
		case !a.modified.Equal(b.modified):
			return a.modified.After(b.modified)
		}
		return a.path > b.path
	})
	return all[0].path, nil
}

// coreProps reads a workbook's creation date and who saved it last from
// its docProps/core.xml, reading nothing else.
func coreProps(path string) (created, modifiedBy string, ok bool) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return "", "", false
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "docProps/core.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", "", false
		}
		defer rc.Close()
		var core struct {
			Created    string `xml:"created"`
			ModifiedBy string `xml:"lastModifiedBy"`
		}
		if xml.NewDecoder(io.LimitReader(rc, 64<<10)).Decode(&core) != nil {
			return "", "", false
		}
		return strings.TrimSpace(core.Created), strings.TrimSpace(core.ModifiedBy), true
	}
	return "", "", false
}
