package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLoadFromMemory: a pack made from inputs in memory (the page's
// uploads) is byte for byte the pack made from the same files on disk: the
// logo, a previous pack and a returned workbook included. With the inputs
// in memory nothing is read from disk, not even a file the profile names.
func TestLoadFromMemory(t *testing.T) {
	date := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	hf, err := filepath.Abs("../../examples/harbour-finch")
	if err != nil {
		t.Fatal(err)
	}
	nl := filepath.Join(filepath.Dir(hf), "nordlys")
	for _, tt := range []struct {
		name, dir string
		// the inputs, as pack names them when run in dir; the summary
		// records a returned workbook's name as given
		disk reportInput
		// the same files in memory, by their names
		files []string
	}{
		{"logo", hf, reportInput{profile: "profile.toml"}, []string{"users.xlsx", "logo.png"}},
		{"since and tracker", nl, reportInput{profile: "profile.toml", users: "brukere-uke49.csv", since: "pack", tracker: "returnert.xlsx"},
			[]string{"brukere-uke49.csv", "pack/nordlys-energi-as-2026-11-24-summary.json", "returnert.xlsx"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(tt.dir)
			tt.disk.date = date
			_, want, err := renderPack(&tt.disk, io.Discard, true)
			if err != nil {
				t.Fatal(err)
			}
			mem := tt.disk
			mem.files = map[string][]byte{"profile.toml": readFile(t, "profile.toml")}
			for _, f := range tt.files {
				mem.files[filepath.Base(f)] = readFile(t, f)
			}
			if mem.since != "" {
				mem.since = filepath.Base(tt.files[1])
			}
			_, got, err := renderPack(&mem, io.Discard, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d files from memory, %d from disk", len(got), len(want))
			}
			for i := range want {
				if got[i].Name != want[i].Name || !bytes.Equal(got[i].Data, want[i].Data) {
					t.Errorf("%s from memory differs from %s from disk", got[i].Name, want[i].Name)
				}
			}
		})
	}

	// A profile naming a file on disk: in memory it is not found, never read.
	secret := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(secret, readFile(t, filepath.Join(hf, "logo.png")), 0o644); err != nil {
		t.Fatal(err)
	}
	profile := strings.Replace(string(readFile(t, filepath.Join(hf, "profile.toml"))), `logo = "logo.png"`, "logo = '"+secret+"'", 1)
	mem := &reportInput{profile: "profile.toml", users: "users.xlsx", date: date,
		files: map[string][]byte{"profile.toml": []byte(profile), "users.xlsx": readFile(t, filepath.Join(hf, "users.xlsx"))}}
	if _, _, err := load(mem, io.Discard, false); err == nil || !strings.Contains(err.Error(), "file not found") {
		t.Errorf("a logo on disk named by a profile in memory: %v", err)
	}
}
