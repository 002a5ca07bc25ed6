package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestHostileDatabaseFindingsAreInert: what the consultant found in the
// database (add-on and table names, the identity provider) is customer data
// too, and shows literally in every output.
func TestHostileDatabaseFindingsAreInert(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "users.csv"), []byte("User ID;Name;Email;Role;User plan;Can log in\n"+
		"AD;Ada Admin;ada@x.example.com;Administrator;Sales-Premium;Yes\n"), 0o644)
	quoted := make([]string, len(hostileNames))
	for i, n := range hostileNames {
		quoted[i] = strconv.Quote(n)
	}
	list := "[" + strings.Join(quoted, ", ") + "]"
	os.WriteFile(filepath.Join(dir, "profile.toml"), []byte(`users = "users.csv"
[customer]
name = "Plain Co"
identity_provider = "<script>alert(2)</script>"
[onsite]
version = "9.2"
database_gb = 1
archive_gb = 1
satellites = 0
sentry_addons = `+list+`
dictionary_tables = `+list+`
`), 0o644)
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"pack", "-out", out, "-date", exampleDate, filepath.Join(dir, "profile.toml")}, &stdout, &stderr); code != exitNotReady {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	assertInert(t, filepath.Join(out, "plain-co-"+exampleDate), hostileNames, "<script>alert(2)</script>")
}
