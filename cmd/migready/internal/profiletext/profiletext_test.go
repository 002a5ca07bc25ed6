package profiletext

import (
	"testing"

	"github.com/migready/migready/inputs"
)

func TestMainDomain(t *testing.T) {
	list := func(emails ...string) *inputs.UserList {
		l := &inputs.UserList{}
		for _, e := range emails {
			l.Users = append(l.Users, inputs.User{Email: e})
		}
		return l
	}
	for _, tt := range []struct {
		emails []string
		want   string
	}{
		{[]string{"a@x.no", "b@X.NO", "c@y.no"}, "x.no"},
		{[]string{"a@y.no", "b@x.no"}, "x.no"}, // a tie: alphabetical, so stable
		{[]string{"bad@", "", "no-at"}, ""},
	} {
		if got := MainDomain(list(tt.emails...)); got != tt.want {
			t.Errorf("MainDomain(%v) = %q, want %q", tt.emails, got, tt.want)
		}
	}
}

func TestTOMLQuoting(t *testing.T) {
	for in, want := range map[string]string{
		`D:\temp\new.csv`: `'D:\temp\new.csv'`,
		"it's.csv":        `"it's.csv"`,
		"a\x01b.csv":      `"a\u0001b.csv"`,
	} {
		if got := Path(in); got != want {
			t.Errorf("Path(%q) = %s, want %s", in, got, want)
		}
	}
	if got := String("a\"b\\c\nd"); got != `"a\"b\\c\u000Ad"` {
		t.Errorf("String = %s", got)
	}
	if got := List([]string{"a", `b"c`}); got != `["a", "b\"c"]` {
		t.Errorf("List = %s", got)
	}
}
