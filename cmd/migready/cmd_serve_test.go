package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestNoArgumentsServes: migready with no arguments, as a double-click
// on migready.exe runs it, is serve: the first line is the page's address
// with its token, the page opens in the browser, the console speaks the
// system's language, and it stops when asked, leaving no folder of its own
// behind.
func TestNoArgumentsServes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the console's language is Windows' display language there")
	}
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "de_DE.UTF-8")
	opened := make(chan string, 1)
	old := openBrowser
	openBrowser = func(url string) error { opened <- url; return nil }
	t.Cleanup(func() { openBrowser = old })
	privateTempDir(t)
	before := serveTempDirs(t)
	tmp := os.Getenv("TMPDIR")

	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		e := &env{stdout: pw, stderr: &stderr, ctx: ctx}
		v, err := e.dispatch(nil)
		report(&stderr, err)
		pw.Close()
		done <- exitCode(v, err)
	}()
	lines := bufio.NewScanner(pr)
	var out []string
	for lines.Scan() {
		out = append(out, lines.Text())
		if len(out) == 2 {
			break
		}
	}
	if len(out) < 2 || !strings.HasPrefix(out[0], "http://127.0.0.1:") {
		t.Fatalf("printed %q, stderr %s", out, &stderr)
	}
	select {
	case url := <-opened:
		if url != out[0] {
			t.Errorf("opened %s, printed %s", url, out[0])
		}
	case <-time.After(5 * time.Second):
		t.Error("the browser was not opened")
	}
	if !strings.Contains(out[1], "Die Seite von migready ist im Browser geöffnet") {
		t.Errorf("the console's words are not the system's language: %q", out[1])
	}
	resp, err := http.Get(out[0])
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the page: %v", err)
	}
	resp.Body.Close()
	go io.Copy(io.Discard, pr)
	cancel()
	select {
	case code := <-done:
		if code != exitReady {
			t.Errorf("exit %d: %s", code, &stderr)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if after := serveTempDirs(t); len(after) != len(before) {
		t.Errorf("serve left %v behind", after)
	}
	if os.Getenv("TMPDIR") != tmp {
		t.Errorf("TMPDIR is %q after serve, was %q", os.Getenv("TMPDIR"), tmp)
	}
}

func TestSystemLanguage(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows' display language is not the environment's")
	}
	for _, tt := range []struct{ lcAll, lang, want string }{
		{"", "nb_NO.UTF-8", "nb"},
		{"", "nn_NO.UTF-8", "nb"},
		{"", "sv_SE", "sv"},
		{"da_DK.UTF-8", "en_US.UTF-8", "da"},
		{"", "C", "en"},
		{"", "fr_FR.UTF-8", "en"},
		{"", "", "en"},
	} {
		t.Setenv("LC_ALL", tt.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", tt.lang)
		if got := systemLanguage(); got != tt.want {
			t.Errorf("LC_ALL=%q LANG=%q: %s, want %s", tt.lcAll, tt.lang, got, tt.want)
		}
	}
}
