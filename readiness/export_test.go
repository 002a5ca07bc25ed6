package readiness

// What the tests reach that the program does not call.

import "errors"

// ErrTooManyLookups is returned by MergeSPF, together with the merged
// record and its lookup count, when the record needs more than
// MaxSPFLookups DNS lookups.
var ErrTooManyLookups = errors.New("spf: more than 10 DNS lookups")

// MergeSPF is mergeSPF with the cost table's prices: the record, its
// lookups, and its first problem (an *SPFError) or ErrTooManyLookups, with
// record and lookups set, as an error.
func MergeSPF(current string) (record string, lookups int, err error) {
	r := mergeSPF(current, spfCostTable(nil))
	if len(r.problems) > 0 {
		return "", r.lookups, r.problems[0]
	}
	if r.lookups > MaxSPFLookups {
		return r.record, r.lookups, ErrTooManyLookups
	}
	return r.record, r.lookups, nil
}

// kindOf returns the documentation of kind, or nil.
func kindOf(kind string) *KindDoc {
	for i := range Kinds {
		if Kinds[i].Kind == kind {
			return &Kinds[i]
		}
	}
	return nil
}
