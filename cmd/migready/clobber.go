package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/render"
	"github.com/migready/migready/render/summary"
	"github.com/migready/migready/render/workbook"
)

// inputRead is a file a report was made from: what it was read as, and its
// path as given.
type inputRead struct {
	role string // one of the role* words
	path string
}

// What an input was read as, in the words of the error that refuses to
// replace it.
const (
	roleProfile  = "the customer's profile"
	roleUsers    = "the user export (users in the profile, or -users)"
	roleLogo     = "the logo (brand.logo in the profile)"
	rolePrevious = "the previous pack's summary (-since)"
	roleTracker  = "the remediation workbook the customer sent back (-tracker)"
)

// noInputReplaced refuses, before anything is written, to put files into
// dir when one of them would replace a file they were made from: an export
// saved under an output's name in -out, the returned workbook or the
// previous summary of a pack of the same date. The same file is told by
// the file system, not by its name: a relative or absolute path, "..", a
// symbolic link, a hard link, or another case of letters on Windows and a
// Mac all name it.
func noInputReplaced(dir string, files []render.File, read []inputRead) error {
	type stat struct {
		followed, own os.FileInfo // os.Stat's, os.Lstat's
	}
	ins := make([]stat, len(read))
	for i, r := range read {
		ins[i].followed, _ = os.Stat(r.path)
		ins[i].own, _ = os.Lstat(r.path)
	}
	same := func(a, b os.FileInfo) bool { return a != nil && b != nil && os.SameFile(a, b) }
	for _, f := range files {
		out := filepath.Join(dir, f.Name)
		followed, _ := os.Stat(out)
		own, _ := os.Lstat(out)
		if own == nil {
			continue
		}
		for i, in := range ins {
			if same(own, in.own) || same(own, in.followed) || same(followed, in.followed) {
				return newFailure(kindOutputIsInput, "file", read[i].path, "output", out, "role", read[i].role)
			}
		}
	}
	return nil
}

// noOtherCustomerReplaced refuses, before anything is written, to put a
// pack of now into dir over a pack of another customer of the same file
// names ("Acme AS" and "ACME A.S." are both acme-as-…), told by the
// customer (name and tenant, assessment.Customer.Differs) of the summary
// about to be replaced, or, without one, of the remediation workbook. A
// summary that cannot be read cannot tell: that too is refused.
func noOtherCustomerReplaced(dir string, files []render.File, now assessment.Customer) error {
	var summaries, workbooks []string
	for _, f := range files {
		path := filepath.Join(dir, f.Name)
		if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
			continue
		}
		switch {
		case strings.HasSuffix(f.Name, "-summary.json"):
			summaries = append(summaries, path)
		case strings.HasSuffix(f.Name, ".xlsx"):
			workbooks = append(workbooks, path)
		}
	}
	for _, path := range summaries {
		owner, err := summary.Owner(path)
		if err != nil {
			return newFailure(kindUnknownPack, "file", path).because(err)
		}
		if owner.Differs(now) != "" {
			return otherCustomer(path, owner, now)
		}
	}
	if len(summaries) > 0 {
		return nil
	}
	for _, path := range workbooks {
		if owner, err := workbook.Owner(path); err == nil && owner.Name != "" && owner.Differs(now) != "" {
			return otherCustomer(path, owner, now)
		}
	}
	return nil
}

func otherCustomer(path string, owner, now assessment.Customer) error {
	return newFailure(kindOtherCustomersPack, "file", path, "owner", customerWords(owner), "customer", customerWords(now))
}
