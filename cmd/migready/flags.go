package main

import (
	"errors"
	"flag"
	"strings"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// customerFlags are the flags check and pack share: where one customer's
// inputs come from, beside the profile, and how the report is made.
type customerFlags struct {
	users, sheet, lang, since, tracker, date string
	mask                                     bool
}

func (f *customerFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.users, "users", "", "the user export `FILE` (.xlsx, .csv or .txt), relative to where you run migready; overrides the profile's users")
	fs.StringVar(&f.sheet, "sheet", "", "the worksheet `NAME` to read in an .xlsx export; overrides the profile's sheet")
	defineLang(fs, &f.lang, "", "the report", "; overrides the profile's language")
	fs.StringVar(&f.since, "since", "", "the `PREVIOUS` pack (its …-summary.json, or the folder of packs), to say what was resolved, what is new and what is still open since")
	fs.StringVar(&f.tracker, "tracker", "", "the remediation workbook `XLSX` the customer sent back: their status, owner, due date and comment carry forward")
	fs.BoolVar(&f.mask, "mask", false, "a masked copy to share beyond the customer: names become initials, addresses keep only their domain")
	defineDate(fs, &f.date)
}

// input is the customer's input for command, from the flags and the one
// profile in args.
func (f *customerFlags) input(command string, args []string) (*reportInput, error) {
	in := &reportInput{users: f.users, sheet: f.sheet, since: f.since, tracker: f.tracker, mask: f.mask}
	switch len(args) {
	case 0:
		return nil, newFailure(kindNoProfile, "command", command)
	case 1:
		in.profile = args[0]
	default:
		return nil, newFailure(kindProfiles, "profiles", strings.Join(args, " "))
	}
	var err error
	if f.lang != "" {
		if in.lang, err = langFlag(f.lang); err != nil {
			return nil, err
		}
	}
	if in.date, err = parseDate(f.date); err != nil {
		return nil, err
	}
	return in, nil
}

// defineLang defines -lang, the language of what, whose help lists the
// languages; more is said after them.
func defineLang(fs *flag.FlagSet, p *string, value, what, more string) {
	fs.StringVar(p, "lang", value, "the language `CODE` of "+what+": "+strings.Join(templates.Supported, ", ")+
		" (also as people write them: no, nb-NO, sv-SE, de-DE…)"+more)
}

// defineDate defines -date.
func defineDate(fs *flag.FlagSet, p *string) {
	fs.StringVar(p, "date", "", "print `YYYY-MM-DD` as the date of the outputs and in their names (default: today)")
}

// langFlag reads -lang as people write it (no, nb-NO, de-DE…), or says
// which language was probably meant.
func langFlag(value string) (string, error) {
	code, suggest := inputs.CanonicalLanguage(value)
	supported := strings.Join(templates.Supported, ", ")
	switch {
	case code != "":
		return code, nil
	case suggest != "":
		return "", newFailure(kindLangLike, "lang", value, "suggest", suggest, "supported", supported)
	}
	return "", newFailure(kindLang, "lang", value, "supported", supported)
}

// parseDate reads -date; empty is today.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return today(), nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, newFailure(kindDate, "date", s)
	}
	return d, nil
}

// today is the date of the outputs when no -date is given.
func today() time.Time {
	now := time.Now()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}

// parseInterleaved parses flags before and after the positional arguments,
// as people type them, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, newFailure(kindBadFlag, "command", fs.Name(), "detail", err.Error())
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
