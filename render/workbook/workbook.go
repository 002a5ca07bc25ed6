// Package workbook owns the remediation workbook both ways: Write makes it
// for a pack (a checklist, the findings with a Status drop-down the
// customer's administrator keeps up to date, and the address plan), and
// ReadReturned reads the copy the customer sends back (-tracker), in
// whichever language it was made, so that their notes are carried into the
// next pack. The tracker's columns and status words are declared here once,
// for both directions.
package workbook

import (
	"strings"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
)

// Book is what the workbook shows: a report's checks and findings with
// their words written, and the address plan.
type Book struct {
	Customer  string // the customer's name: the workbook's subject, by which a returned one is matched
	Tenant    string // the customer's tenant, "" when not known: the custom property TenantProperty
	Language  string // the language of the words
	Tool      string // what made it ("migready 0.1.0")
	Generated string // YYYY-MM-DD: the pack's date, the workbook's creation date
	Checks    []Check
	Mailboxes []assessment.Mailbox
	// Note is said under the checklist: that texts were shortened, and
	// where the full text is ("" for none).
	Note string
}

// Check is one line of the checklist, with its findings.
type Check struct {
	Status   assessment.Status
	Title    string
	Summary  string
	Findings []Finding
}

// Finding is one row of the Findings sheet: the finding (its row, user, key
// and the notes carried from a returned workbook) and its words.
type Finding struct {
	*assessment.Finding
	Problem, Action string
}

// TenantProperty is the custom document property (File > Properties in
// Excel and LibreOffice, which keep it) that holds the customer's tenant,
// by which a returned workbook is matched with the customer besides its
// subject, the customer's name.
const TenantProperty = "migready tenant"

// KeyHeader heads the Findings sheet's hidden last column, which holds each
// finding's key. It is the same in every language, so that a workbook
// returned in any language is matched with the next run, and it is how the
// reader finds the sheet, whatever it is called now.
const KeyHeader = inputs.RemediationKeyHeader

// The Findings sheet's columns, in order. The customer writes in the
// tracker's: Status (a drop-down of the TrackStates), Owner, Due date and
// Comment.
const (
	colCheck = iota
	colResult
	colRow
	colUserID
	colName
	colEmail
	colProblem
	colAction
	colStatus
	colOwner
	colDue
	colComment
	colKey
)

// columnKeys are the texts "workbook.col.<key>" that head the Findings
// sheet's columns before the key column.
var columnKeys = [colKey]string{
	colCheck: "check", colResult: "result", colRow: "row", colUserID: "user_id", colName: "name", colEmail: "email",
	colProblem: "problem", colAction: "action", colStatus: "status", colOwner: "owner", colDue: "due", colComment: "comment",
}

// columnHeader is the header of Findings column col in l.
func columnHeader(l *templates.Lang, col int) string {
	if col == colKey {
		return KeyHeader
	}
	return l.T("workbook.col." + columnKeys[col])
}

// StateWord is a track state as the Status drop-down says it in l.
func StateWord(l *templates.Lang, s assessment.TrackState) string {
	return l.T("workbook.status." + string(s))
}

// StateWords are the words of a track state in l that a returned workbook's
// Status column is read as: the drop-down's (StateWord), and those people
// type instead, "workbook.typed.<state>" ("Done|Fixed|Resolved").
func StateWords(l *templates.Lang, s assessment.TrackState) []string {
	out := []string{StateWord(l, s)}
	if l.Has("workbook.typed." + string(s)) {
		for _, w := range strings.Split(l.Raw("workbook.typed."+string(s)), "|") {
			if w = strings.TrimSpace(w); w != "" {
				out = append(out, w)
			}
		}
	}
	return out
}
