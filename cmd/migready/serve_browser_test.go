package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/migready/migready/templates"
)

// TestServeInBrowser drives migready's page in headless Chromium as a
// sales representative would: the page in the browser's language, the
// export dropped, the answers typed (a problem shown at its field while
// typing, and gone once fixed; the required answers listed when the verdict
// is asked for too early), the verdict, the pack downloaded; then the
// page switched to English, a saved profile loaded into the form, and the
// pack downloaded again, and once more with the first zip dropped on the
// page as the previous pack. Each zip holds the pack's five files and
// profile.toml, and is what pack makes of the same inputs: the first
// byte for byte, the second, made from the Nordlys example's profile, the
// example pack but for the list of input files. The page must log nothing
// (a CSP violation is logged), ask for nothing but its own address, and
// label every field.
//
// The export and the saved profile are dropped on the page as from the
// desktop. With MIGREADY_SCREENSHOTS=DIR it saves the page at each step, as a phone
// (390 px) and a laptop show it.
func TestServeInBrowser(t *testing.T) {
	chromium := needChromium(t)
	if testing.Short() {
		t.Skip("drives a browser")
	}
	privateTempDir(t)
	tmpBefore := serveTempDirs(t)
	page, stop := startServe(t, "-date", exampleDate)

	downloads := t.TempDir()
	b := newBrowser(t, chromium, page, downloads, "nb-NO,nb,en")
	export, err := filepath.Abs("../../examples/nordlys/brukere.csv")
	if err != nil {
		t.Fatal(err)
	}

	// 1. The page in the browser's language; the export dropped on it.
	b.run(chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("f-users")))
	if got := b.attr("html", "lang"); got != "nb" {
		t.Errorf(`<html lang="%s">, want nb from Accept-Language`, got)
	}
	b.shot("1-empty")
	b.drop(export, 400, 300) // on the page's heading, not on the field
	b.waitText("#export-summary", "brukere.csv")
	if got := b.value("#f-customer-language"); got != "nb" {
		t.Errorf("language proposed from the export: %q, want nb", got)
	}
	if got := b.value("#f-mail-domain"); got != "nordlysenergi.no" {
		t.Errorf("mail domain proposed from the export: %q", got)
	}
	b.shot("2-export")

	// The verdict asked for too early: every required answer is listed
	// above the form, each linking to its field.
	b.run(chromedp.Click(chromedp.ID("show-verdict")))
	b.waitText("#attention", "Lokal versjon")
	if got := b.text("#attention .lead"); got != "4 svar må rettes før pakken kan lages." {
		t.Errorf("the list of problems starts %q", got)
	}

	// 2. The answers; a number that is no number is a problem at its field
	// while typing, in the page's language, and gone once it is fixed.
	b.run(
		chromedp.SendKeys(chromedp.ID("f-customer-name"), "Nordlys Energi AS"),
		chromedp.SendKeys(chromedp.ID("f-onsite-version"), "8.5 R10"),
		chromedp.SendKeys(chromedp.ID("f-onsite-database-gb"), "fjorten"),
	)
	b.waitText("#p-f-onsite-database-gb", "tall")
	b.shot("3-problem")
	b.run(
		chromedp.SendKeys(chromedp.ID("f-onsite-database-gb"), kb.End+strings.Repeat(kb.Backspace, len("fjorten"))),
		chromedp.SendKeys(chromedp.ID("f-onsite-database-gb"), "14,5"),
		chromedp.SendKeys(chromedp.ID("f-onsite-archive-gb"), "120 GB"),
		chromedp.Click(chromedp.CSS(`input[name="answer.onsite.satellites"][value=given]`)),
		chromedp.SendKeys(chromedp.ID("f-onsite-satellites"), "0"),
		chromedp.Click(chromedp.CSS(`input[name="answer.onsite.travel_users"][value=given]`)),
		chromedp.SendKeys(chromedp.ID("f-onsite-travel-users"), "LKA"),
		chromedp.Click(chromedp.CSS(`input[name="answer.onsite.integrations"][value=none]`)),
		chromedp.Click(chromedp.CSS(`input[name="mail.keep_addresses"][value=true]`)),
		chromedp.Click(chromedp.CSS(`input[name="answer.mail.mailboxes"][value=given]`)),
		chromedp.SendKeys(chromedp.ID("f-mail-mailboxes"), "kundeservice@nordlysenergi.no"),
	)
	b.waitHidden("#p-f-onsite-database-gb")

	// 3. The verdict, as the customer will read it.
	b.run(chromedp.Click(chromedp.ID("show-verdict")), chromedp.WaitVisible(chromedp.CSS("#verdict .word")))
	verdict := b.text("#verdict .word")
	b.shot("4-verdict")

	// 4. The pack: the zip is what pack makes of the same inputs.
	b.run(chromedp.Click(chromedp.ID("download-pack")))
	zipPath := waitDownload(t, downloads, ".zip")
	files := readZip(t, zipPath)
	profile := files["profile.toml"]
	for _, want := range []string{"name = \"Nordlys Energi AS\"", "database_gb = 14.5", "archive_gb = 120", "satellites = 0",
		`travel_users = ["LKA"]`, "integrations = []", "keep_addresses = true", "users = 'brukere.csv'", `language = "nb"`} {
		if !bytes.Contains(profile, []byte(want)) {
			t.Errorf("the zip's profile.toml lacks %s:\n%s", want, profile)
		}
	}
	packed := packOf(t, profile, export)
	if len(files) != 6 {
		t.Errorf("the zip holds %d files, want the pack's five and profile.toml: %v", len(files), slices.Sorted(maps.Keys(files)))
	}
	for name, data := range packed {
		if !bytes.Equal(files[name], data) {
			t.Errorf("%s in the zip differs from what pack makes of the same inputs", name)
		}
	}
	var summary struct{ Verdict string }
	json.Unmarshal(packed[summaryName(packed)], &summary)
	if want := templates.MustLoad("nb").T("report.verdict." + strings.ReplaceAll(summary.Verdict, "-", "_")); verdict != want {
		t.Errorf("the page's verdict %q, the pack's %q", verdict, summary.Verdict)
	}

	// 5. The page in English, what was typed kept; a saved profile fills
	// in the form, and its pack is the example's.
	b.run(chromedp.SetValue(chromedp.ID("page-lang"), "en"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('page-lang').dispatchEvent(new Event('change')), undefined`))
	b.waitText("h1", "Migration readiness pack")
	if got := b.attr("html", "lang"); got != "en" {
		t.Errorf(`after the switch <html lang="%s">, want en`, got)
	}
	if got := b.value("#f-customer-name"); got != "Nordlys Energi AS" {
		t.Errorf("the switch lost the name: %q", got)
	}
	b.shot("5-english")
	saved, _ := filepath.Abs("../../examples/nordlys/profile.toml")
	b.drop(saved, 400, 300) // a .toml dropped on the page is a saved profile
	b.waitText("#n-profile", "profile.toml")
	for id, want := range map[string]string{"#f-customer-tenant": "Cust40317", "#f-onsite-database-gb": "14.5", "#f-mail-current-spf": "v=spf1 include:spf.protection.outlook.com -all"} {
		if got := b.value(id); got != want {
			t.Errorf("loaded profile: %s = %q, want %q", id, got, want)
		}
	}
	b.shot("6-loaded")
	first := filepath.Join(t.TempDir(), filepath.Base(zipPath))
	if err := os.Rename(zipPath, first); err != nil {
		t.Fatal(err)
	}
	b.run(chromedp.Click(chromedp.ID("download-pack")))
	zipPath = waitDownload(t, downloads, ".zip")
	files = readZip(t, zipPath)
	summaryFile := "nordlys-energi-as-" + exampleDate + "-summary.json"
	example := readFile(t, "../../examples/nordlys/pack/"+summaryFile)
	if got := files[summaryFile]; !bytes.Equal(withoutInputs(t, got), withoutInputs(t, example)) {
		t.Errorf("the pack of the loaded example profile differs from the example pack")
	}

	// 6. The first zip dropped on the page is the previous pack: the next
	// pack says what changed since.
	os.Remove(zipPath)
	b.drop(first, 400, 300)
	b.run(chromedp.Click(chromedp.ID("download-pack")))
	var next struct {
		Progress *struct{ Since string }
		Inputs   []struct{ Role, Name string }
	}
	if err := json.Unmarshal(readZip(t, waitDownload(t, downloads, ".zip"))[summaryFile], &next); err != nil {
		t.Fatal(err)
	}
	if next.Progress == nil || next.Progress.Since != exampleDate || !slices.Contains(next.Inputs, struct{ Role, Name string }{"previous", summaryFile}) {
		t.Errorf("the pack since the first: progress %+v, inputs %+v", next.Progress, next.Inputs)
	}

	// Everything on the page is labelled.
	unlabelled, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
		.filter(e => e.labels.length === 0 && !e.getAttribute('aria-labelledby') && !e.closest('label'))
		.map(e => e.id || e.name)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(unlabelled) > 0 {
		t.Errorf("fields without a label: %v", unlabelled)
	}

	b.check()
	stop()
	if after := serveTempDirs(t); len(after) > len(tmpBefore) {
		t.Errorf("serve left its temporary folder behind: %v", after)
	}
}

// startServe runs migready serve -no-open with args until the test ends,
// and returns the address its first line prints and the function that
// stops it (as Ctrl-C does) and waits for it.
func startServe(t *testing.T, args ...string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		e := &env{stdout: pw, stderr: &stderr, ctx: ctx}
		_, err := e.dispatch(append([]string{"serve", "-no-open"}, args...))
		pw.CloseWithError(io.EOF)
		done <- err
	}()
	lines := bufio.NewReader(pr)
	first, err := lines.ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed no address: %v; stderr: %s", err, &stderr)
	}
	go io.Copy(io.Discard, lines) // the console's lines, which must not block serve
	page := strings.TrimSpace(first)
	if !strings.HasPrefix(page, "http://127.0.0.1:") {
		t.Fatalf("the first line is %q, not the page's address on 127.0.0.1", first)
	}
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("serve: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Error("serve did not stop")
			}
		})
	}
	t.Cleanup(stop)
	return page, stop
}

// serveTempDirs lists what migready or excelize left in the temporary
// folder; privateTempDir gives the test one of its own, so that other
// processes' files do not count.
func serveTempDirs(t *testing.T) []string {
	var left []string
	for _, pattern := range []string{"migready*", "excelize*", "*.xlsx", "*.csv"} {
		m, _ := filepath.Glob(filepath.Join(os.TempDir(), pattern))
		left = append(left, m...)
	}
	return left
}

func privateTempDir(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	t.Setenv("TMP", dir)
	t.Setenv("TEMP", dir)
}

// A testBrowser is headless Chromium driven by chromedp, recording what
// the page logs and asks for.
type testBrowser struct {
	t        *testing.T
	ctx      context.Context
	origin   string
	mu       sync.Mutex
	logs     []string
	requests []string
}

func newBrowser(t *testing.T, chromium, page, downloads, acceptLanguage string) *testBrowser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("accept-lang", acceptLanguage),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("hide-scrollbars", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	b := &testBrowser{t: t, origin: page[:strings.Index(page[len("http://"):], "/")+len("http://")]}
	ctx, cancelCtx := chromedp.NewContext(alloc, chromedp.WithListener(b.record))
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	b.ctx = ctx
	// The first call starts the browser, whose life is the context's: no
	// timeout on it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}
	return b
}

// record keeps what the page logs and asks for; it runs in the tab's loop.
func (b *testBrowser) record(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		var args []string
		for _, a := range ev.Args {
			args = append(args, string(a.Value))
		}
		b.logs = append(b.logs, fmt.Sprintf("console.%s %s", ev.Type, strings.Join(args, " ")))
	case *runtime.EventExceptionThrown:
		b.logs = append(b.logs, fmt.Sprintf("exception: %s", ev.ExceptionDetails.Text))
	case *cdplog.EventEntryAdded:
		b.logs = append(b.logs, fmt.Sprintf("log %s: %s %s", ev.Entry.Level, ev.Entry.Text, ev.Entry.URL))
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, ev.Request.URL)
	}
}

// run runs actions, each step within a minute.
func (b *testBrowser) run(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v\nlogs: %v", err, b.logs)
	}
}

// get runs an action that returns a value.
func get[T any](b *testBrowser, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("browser: %v\nlogs: %v", err, b.logs)
	}
	return v
}

func (b *testBrowser) attr(sel, name string) string {
	b.t.Helper()
	return get(b, chromedp.AttributeValue(chromedp.CSS(sel), name)).Value
}

func (b *testBrowser) value(sel string) string {
	b.t.Helper()
	return get(b, chromedp.Value(chromedp.CSS(sel)))
}

func (b *testBrowser) text(sel string) string {
	b.t.Helper()
	return strings.TrimSpace(get(b, chromedp.Text(chromedp.CSS(sel))))
}

// waitText waits until sel shows want.
func (b *testBrowser) waitText(sel, want string) {
	b.t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && !e.closest('[hidden]') && e.textContent.includes(%q); })()`, sel, want)
	get(b, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(30*time.Second)))
}

// waitHidden waits until sel is hidden.
func (b *testBrowser) waitHidden(sel string) {
	b.t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !e || !!e.closest('[hidden]'); })()`, sel)
	get(b, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(30*time.Second)))
}

// drop drops a file from the desktop on the page at x, y, as Explorer or
// Finder does.
func (b *testBrowser) drop(file string, x, y float64) {
	b.t.Helper()
	data := &input.DragData{Items: []*input.DragDataItem{}, Files: []string{file}, DragOperationsMask: 1}
	for _, typ := range []input.DispatchDragEventType{input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop} {
		if _, err := chromedp.Call(b.ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: x, Y: y, Data: data}); err != nil {
			b.t.Fatalf("drop %s: %v", typ, err)
		}
	}
}

// shot saves the page as a phone and a laptop show it, with
// MIGREADY_SCREENSHOTS.
func (b *testBrowser) shot(name string) {
	dir := os.Getenv("MIGREADY_SCREENSHOTS")
	if dir == "" {
		return
	}
	for _, width := range []int64{390, 1280} {
		b.run(chromedp.EmulateViewport(width, 900))
		png := get(b, chromedp.FullScreenshot(100))
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, width)), png, 0o644)
	}
	b.run(chromedp.EmulateViewport(1280, 900))
}

// check fails the test for anything the page logged and any request to
// another address than the page's.
func (b *testBrowser) check() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, l := range b.logs {
		// Chromium logs every answer of 422, which is how a form with
		// problems is answered.
		if strings.Contains(l, "status of 422 (Unprocessable Entity)") {
			continue
		}
		b.t.Errorf("the page logged: %s", l)
	}
	for _, u := range b.requests {
		if !strings.HasPrefix(u, b.origin+"/") && !strings.HasPrefix(u, "blob:"+b.origin+"/") {
			b.t.Errorf("the page asked for %s", u)
		}
	}
}

// waitDownload waits for a completed download ending in ext.
func waitDownload(t *testing.T, dir, ext string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		names, _ := filepath.Glob(filepath.Join(dir, "*"+ext))
		if len(names) == 1 {
			return names[0]
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no %s downloaded", ext)
	return ""
}

func readZip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return files
}

// packOf runs pack on a profile with the export beside it, as the rep
// would with the downloaded profile.toml, and returns the pack's files.
func packOf(t *testing.T, profile []byte, export string) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "profile.toml"), string(profile))
	writeFile(t, filepath.Join(dir, filepath.Base(export)), string(readFile(t, export)))
	out := filepath.Join(dir, "pack")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"pack", "-out", out, "-date", exampleDate, filepath.Join(dir, "profile.toml")}, &stdout, &stderr); code > exitNotReady && code != exitUnconfirmed {
		t.Fatalf("pack: exit %d: %s", code, &stderr)
	}
	files := map[string][]byte{}
	names, _ := filepath.Glob(filepath.Join(out, "*"))
	for _, n := range names {
		files[filepath.Base(n)] = readFile(t, n)
	}
	return files
}

func summaryName(files map[string][]byte) string {
	for n := range files {
		if strings.HasSuffix(n, "-summary.json") {
			return n
		}
	}
	return ""
}

// withoutInputs is a summary without its list of input files, whose
// checksums name the profile's bytes.
func withoutInputs(t *testing.T, summary []byte) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(summary, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "inputs")
	out, _ := json.Marshal(m)
	return out
}
