package main

import (
	"strings"
	"testing"
)

func TestVersionText(t *testing.T) {
	got := versionText()
	if !strings.HasPrefix(got, "migready 0.1.0\ncommit ") || !strings.Contains(got, "\nbuilt ") {
		t.Errorf("versionText() = %q", got)
	}
	old := [3]string{version, commit, date}
	defer func() { version, commit, date = old[0], old[1], old[2] }()
	version, commit, date = "1.2.0", "abc123def456", "2026-11-25T22:00:00Z"
	got = versionText()
	if !strings.HasPrefix(got, "migready 1.2.0\ncommit abc123def456\nbuilt 2026-11-25T22:00:00Z\ngo") {
		t.Errorf("versionText() with -ldflags = %q", got)
	}
}
