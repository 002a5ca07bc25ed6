package inputs

import (
	"errors"
	"strings"
	"testing"
)

// A file that is not an export (/etc/shadow, /proc/self/environ, a file of
// secrets, any text) is never quoted in an error: only the cells of a
// header row that migready recognises as column names are, shortened. Its
// content reaches neither the message nor the hint.
func TestNoContentEchoed(t *testing.T) {
	secret := "SECRET_TOKEN_XYZ"
	for _, tc := range []struct {
		name, file string
		data       []byte
		found      string // what the hint may quote
	}{
		{"shadow", "shadow", []byte("root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n" + secret + ":x:1:1\n"), ""},
		{"environ", "environ", []byte("SHELL=/bin/bash\x00" + secret + "=abc123\x00PATH=/usr/bin\x00"), ""},
		{"env file", ".env", []byte(secret + "=abc123\nPASSWORD=hunter2\n"), ""},
		{"letter", "letter.txt", []byte("Dear Sir,\n\nthe " + secret + " is abc123.\n"), ""},
		{"json", "summary.json", []byte(`{"schema": 2, "token": "` + secret + `"}`), ""},
		{"csv without an e-mail column", "users.csv", []byte("Name;" + secret + "=abc;Role\nOla;x;User\n"), `"Name", "Role" and 1 other cell`},
		{"csv with only an e-mail column", "users.csv", []byte("E-mail;" + secret + "\nola@x.no;y\n"), `"E-mail" and 1 other cell`},
		{"workbook", "users.xlsx", buildXLSX(t, testSheet{"Sheet", map[int][]any{1: {secret + "=abc"}, 2: {"x"}}}), ""},
		{"workbook with a header", "users.xlsx", buildXLSX(t, testSheet{"Sheet", map[int][]any{1: {"Fornavn", secret, "Etternavn"}, 2: {"Ola", "x", "N"}}}),
			`"Fornavn", "Etternavn" and 1 other cell`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseUsers(tc.file, tc.data, "")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v", err)
			}
			all := e.Error() + "\n" + e.HintFound()
			for _, s := range []string{secret, "root", "abc123", "hunter2", "Dear", "SHELL"} {
				if strings.Contains(all, s) {
					t.Errorf("the error quotes the file (%q):\n%s", s, all)
				}
			}
			if tc.found != "" && !strings.Contains(e.Found, tc.found) {
				t.Errorf("found %q, want it to quote %s", e.Found, tc.found)
			}
			if tc.found == "" && e.Found != "" {
				t.Errorf("found %q in a file that is no export", e.Found)
			}
			if strings.Contains(e.Hint, `"`) && tc.found != "" {
				t.Errorf("the hint, which an output may show, quotes the file: %q", e.Hint)
			}
		})
	}
}
