package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// trackerColumns are the remediation workbook's column and status words in
// every language: a workbook returned in one language is read in any.
func trackerColumns() inputs.TrackerColumns {
	c := inputs.TrackerColumns{States: map[string]string{}}
	for _, code := range templates.Supported {
		l, err := templates.Load(code)
		if err != nil {
			continue
		}
		c.Status = append(c.Status, l.T("workbook.col.status"))
		c.Owner = append(c.Owner, l.T("workbook.col.owner"))
		c.Due = append(c.Due, l.T("workbook.col.due"))
		c.Comment = append(c.Comment, l.T("workbook.col.comment"))
		c.UserID = append(c.UserID, l.T("workbook.col.user_id"))
		c.Name = append(c.Name, l.T("workbook.col.name"))
		c.Email = append(c.Email, l.T("workbook.col.email"))
		for _, s := range []string{inputs.TrackOpen, inputs.TrackFixed, inputs.TrackAccepted, inputs.TrackWontFix} {
			c.States[inputs.FoldKey(l.T("workbook.status."+s))] = s
		}
	}
	return c
}

// parseTracker reads the returned workbook for -tracker, already read, and
// refuses one made for another customer.
func parseTracker(path string, data []byte, customer string, stderr io.Writer) (*inputs.Tracker, error) {
	t, err := inputs.ParseTracker(path, data, trackerColumns())
	if err != nil {
		return nil, err
	}
	switch {
	case t.Customer == "":
		fmt.Fprintf(stderr, "migready: notice: %s: the workbook does not say which customer it is for; its rows are matched by key\n", path)
	case !strings.EqualFold(strings.TrimSpace(t.Customer), strings.TrimSpace(customer)):
		return nil, &inputs.Error{File: path, Msg: fmt.Sprintf("this workbook is for %q, not %q", t.Customer, customer),
			Hint: "-tracker takes the remediation workbook of this customer's previous pack"}
	}
	for _, n := range t.Notices {
		fmt.Fprintf(stderr, "migready: notice: %s: %s\n", path, n)
	}
	return t, nil
}
