package render

import (
	"slices"
	"testing"
)

func TestSentences(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"Check that the address is yours. If the old address is kept, its domain needs forwarding.",
			[]string{"Check that the address is yours.", "If the old address is kept, its domain needs forwarding."}},
		{"Fragen Sie z. B. Microsoft. Dann weiter.", []string{"Fragen Sie z. B. Microsoft.", "Dann weiter."}},
		{"Version 8.1 replaced it. Ask why? Then act!", []string{"Version 8.1 replaced it.", "Ask why?", "Then act!"}},
		{"Documents of a user who no longer exists: 112. The tool leaves them behind.",
			[]string{"Documents of a user who no longer exists: 112.", "The tool leaves them behind."}},
		{"one sentence, no stop", []string{"one sentence, no stop"}},
	} {
		if got := sentences(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestOnce: what every row's Problem or What to do says alike is said once
// above the table, sentence by sentence, and a column with nothing left
// to say is left out.
func TestOnce(t *testing.T) {
	f := func(problem, action string) findingView { return findingView{Problem: problem, Action: action} }
	v := once([]findingView{
		f("The address a@x.no is also used by row 9.", "Give each user an address of their own. Ask your consultant if unsure."),
		f("The address b@x.no is also used by row 5.", "Change the address of the user who cannot log in. Ask your consultant if unsure."),
	})
	if v.Problem != "" || !v.ProblemColumn {
		t.Errorf("problems differ in every sentence: got %q above the table, column %v", v.Problem, v.ProblemColumn)
	}
	if v.Action != "Ask your consultant if unsure." || !v.ActionColumn {
		t.Errorf("the shared sentence: got %q, column %v", v.Action, v.ActionColumn)
	}
	if got := v.Findings[1].Action; got != "Change the address of the user who cannot log in." {
		t.Errorf("row 2's own action: %q", got)
	}
	v = once([]findingView{f("No user plan.", "Choose a plan. Or clear Can log in."), f("No user plan.", "Choose a plan. Or clear Can log in.")})
	if v.Problem != "No user plan." || v.ProblemColumn || v.Action != "Choose a plan. Or clear Can log in." || v.ActionColumn {
		t.Errorf("identical rows: %+v", v)
	}
	v = once([]findingView{f("Only one.", "Do this.")})
	if v.Problem != "Only one." || v.ProblemColumn || v.ActionColumn {
		t.Errorf("a single finding is said whole above its table: %+v", v)
	}
}
