package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// testServer is a Server listening on 127.0.0.1 with an engine that only
// records its jobs, until the test ends.
type testServer struct {
	*Server
	url  string // the page's address, with the token
	jobs []*Job
}

func startServer(t *testing.T) *testServer {
	t.Helper()
	ts := &testServer{}
	s, err := New(Config{Engine: func(job *Job) (*Result, error) {
		ts.jobs = append(ts.jobs, job)
		return nil, errors.New("no engine in this test")
	}})
	if err != nil {
		t.Fatal(err)
	}
	ts.Server = s
	if ts.url, err = s.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return ts
}

// do sends a request to path (after the token unless path starts with
// "/"), with the headers given.
func (ts *testServer) do(t *testing.T, method, path string, body io.Reader, headers map[string]string) *http.Response {
	t.Helper()
	u := ts.url + path
	if strings.HasPrefix(path, "/") {
		u = "http://" + ts.host + path
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// TestRefused: the page answers only its own address with its token, and
// takes a post only from itself: a request without the token, with a
// wrong one, for another Host (a page whose name was rebound to
// 127.0.0.1), or a cross-site post is refused, with the security headers
// on the refusal too.
func TestRefused(t *testing.T) {
	ts := startServer(t)
	form := func() io.Reader { return strings.NewReader("customer.name=Vind+AS") }
	urlencoded := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
	with := func(extra map[string]string) map[string]string {
		h := map[string]string{}
		for k, v := range urlencoded {
			h[k] = v
		}
		for k, v := range extra {
			h[k] = v
		}
		return h
	}
	wrong := strings.Repeat("A", len(ts.token))
	_, port, _ := strings.Cut(ts.host, ":")
	for _, tt := range []struct {
		name         string
		method, path string
		body         io.Reader
		headers      map[string]string
		want         int
	}{
		{"the page", "GET", "", nil, nil, http.StatusOK},
		{"no token", "GET", "/", nil, nil, http.StatusForbidden},
		{"no token, a file", "GET", "/static/app.js", nil, nil, http.StatusForbidden},
		{"a wrong token", "GET", "/" + wrong + "/", nil, nil, http.StatusForbidden},
		{"the token cut short", "GET", "/" + ts.token[:len(ts.token)-1] + "/", nil, nil, http.StatusForbidden},
		{"the token in the query", "GET", "/?t=" + ts.token, nil, nil, http.StatusForbidden},
		{"a foreign Host", "GET", "", nil, map[string]string{"Host": "evil.example:" + port}, http.StatusMisdirectedRequest},
		{"localhost for 127.0.0.1", "GET", "", nil, map[string]string{"Host": "localhost:" + port}, http.StatusMisdirectedRequest},
		{"a post from the page", "POST", "validate", form(), with(map[string]string{"Origin": "http://" + ts.host, "Sec-Fetch-Site": "same-origin"}), http.StatusOK},
		{"a post from a script with the token", "POST", "validate", form(), urlencoded, http.StatusOK},
		{"a cross-site post", "POST", "validate", form(), with(map[string]string{"Origin": "http://evil.example"}), http.StatusForbidden},
		{"a cross-site post for the pack", "POST", "pack", form(), with(map[string]string{"Origin": "https://evil.example"}), http.StatusForbidden},
		{"a post from an opaque origin", "POST", "validate", form(), with(map[string]string{"Origin": "null"}), http.StatusForbidden},
		{"a cross-site post without Origin", "POST", "validate", form(), with(map[string]string{"Sec-Fetch-Site": "cross-site"}), http.StatusForbidden},
		{"a same-site post of another port", "POST", "validate", form(), with(map[string]string{"Origin": "http://127.0.0.1:1", "Sec-Fetch-Site": "same-site"}), http.StatusForbidden},
		{"a post for another Host", "POST", "validate", form(), with(map[string]string{"Host": "evil.example:" + port, "Origin": "http://evil.example:" + port}), http.StatusMisdirectedRequest},
		{"another method", "PUT", "validate", form(), urlencoded, http.StatusMethodNotAllowed},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := ts.do(t, tt.method, tt.path, tt.body, tt.headers)
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
			checkSecurityHeaders(t, resp.Header)
			if tt.want != http.StatusOK {
				body, _ := io.ReadAll(resp.Body)
				if bytes.Contains(body, []byte("<form")) || bytes.Contains(body, []byte(ts.token)) {
					t.Errorf("a refusal shows the page or the token: %s", body)
				}
			}
		})
	}
	if len(ts.jobs) > 0 {
		t.Errorf("refused requests reached the engine: %d jobs", len(ts.jobs))
	}
}

// checkSecurityHeaders: a policy that allows no inline script or style and
// nothing from elsewhere; no sniffing, no referrer, no framing, no cache.
func checkSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %s", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe") || strings.Contains(csp, "http:") || strings.Contains(csp, "https:") || strings.Contains(csp, "*") {
		t.Errorf("Content-Security-Policy %q allows too much", csp)
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY", "Cache-Control": "no-store"} {
		if got := h.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
}

// TestTokenIsRandom: two servers, two tokens, each long enough not to be
// guessed.
func TestTokenIsRandom(t *testing.T) {
	a, _ := New(Config{Engine: func(*Job) (*Result, error) { return nil, nil }})
	b, _ := New(Config{Engine: func(*Job) (*Result, error) { return nil, nil }})
	if a.token == b.token || len(a.token) < 40 {
		t.Errorf("tokens %q and %q", a.token, b.token)
	}
	if !regexp.MustCompile(`^[A-Za-z0-9_-]+$`).MatchString(a.token) {
		t.Errorf("token %q is not URL-safe", a.token)
	}
}

// TestListensOnLoopback: the page is on 127.0.0.1, on a port the system
// chose.
func TestListensOnLoopback(t *testing.T) {
	ts := startServer(t)
	u, err := url.Parse(ts.url)
	if err != nil || u.Hostname() != "127.0.0.1" || u.Port() == "" || u.Port() == "0" {
		t.Errorf("address %s", ts.url)
	}
	if !strings.HasSuffix(u.Path, "/"+ts.token+"/") {
		t.Errorf("the address %s does not carry the token", ts.url)
	}
}

// TestPageHasNothingInline: the page, its script and its style are files
// of its own: no inline script or style, no address elsewhere, and the
// script never turns text into markup.
func TestPageHasNothingInline(t *testing.T) {
	ts := startServer(t)
	page, _ := io.ReadAll(ts.do(t, "GET", "", nil, nil).Body)
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`), // a script with a body
		regexp.MustCompile(`<style`),
		regexp.MustCompile(`\sstyle=`),
		regexp.MustCompile(`\son[a-z]+=`),
		regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`),
	} {
		if m := bad.Find(page); m != nil {
			t.Errorf("the page has %q", m)
		}
	}
	for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAll(page, -1) {
		if !bytes.Contains(tag, []byte(` src="static/`)) {
			t.Errorf("a script that is not the page's own file: %s", tag)
		}
	}
	js, _ := io.ReadAll(ts.do(t, "GET", "static/app.js", nil, nil).Body)
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "http://", "https://"} {
		if bytes.Contains(js, []byte(bad)) {
			t.Errorf("app.js uses %s", bad)
		}
	}
	for name, typ := range map[string]string{"static/app.js": "text/javascript", "static/app.css": "text/css", "static/icon.svg": "image/svg+xml"} {
		if got := ts.do(t, "GET", name, nil, nil).Header.Get("Content-Type"); !strings.HasPrefix(got, typ) {
			t.Errorf("%s: Content-Type %q", name, got)
		}
	}
	if ts.do(t, "GET", "static/../page.html", nil, nil).StatusCode == http.StatusOK {
		t.Error("static/../page.html is served")
	}
}

// TestPageFields: the page asks for every key of the profile, by a field
// of the key's name, in the language the browser asks for.
func TestPageFields(t *testing.T) {
	ts := startServer(t)
	for accept, want := range map[string]string{"nb-NO,nb;q=0.9,en;q=0.8": "nb", "fr-FR,de;q=0.5": "de", "nn": "nb", "fr": "en", "": "en", "sv-SE": "sv"} {
		page, _ := io.ReadAll(ts.do(t, "GET", "", nil, map[string]string{"Accept-Language": accept}).Body)
		if !bytes.Contains(page, []byte(`<html lang="`+want+`">`)) {
			t.Errorf("Accept-Language %q: not <html lang=%q>", accept, want)
		}
	}
	page, _ := io.ReadAll(ts.do(t, "GET", "?lang=da", nil, map[string]string{"Accept-Language": "de"}).Body)
	if !bytes.Contains(page, []byte(`<html lang="da">`)) {
		t.Error("?lang=da does not choose the page's language")
	}
	for _, f := range fields {
		if !bytes.Contains(page, []byte(`name="`+f.Path+`"`)) {
			t.Errorf("no field named %s", f.Path)
		}
	}
	for _, name := range []string{"users", "since", "tracker", "profile"} {
		if !bytes.Contains(page, []byte(`type="file" id="f-`+name+`" name="`+name+`"`)) {
			t.Errorf("no file field %s", name)
		}
	}
	if bytes.Contains(page, []byte("!serve.")) || bytes.Contains(page, []byte("!init.")) {
		t.Errorf("a text is missing: %s", regexp.MustCompile(`!(serve|init)\.[a-z_.]+!`).Find(page))
	}
}

// postForm posts fields as a multipart form, with files (field → name,
// data), asking for JSON.
func (ts *testServer) postForm(t *testing.T, path string, fields map[string]string, files map[string][2]string) (*http.Response, response) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for field, f := range files {
		w, _ := mw.CreateFormFile(field, f[0])
		io.WriteString(w, f[1])
	}
	mw.Close()
	resp := ts.do(t, "POST", path, &body, map[string]string{"Content-Type": mw.FormDataContentType(), "Accept": "application/json"})
	var r response
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
			t.Fatal(err)
		}
	}
	return resp, r
}

func problemAt(r response, field string) *problem {
	for i := range r.Problems {
		if r.Problems[i].Field == field {
			return &r.Problems[i]
		}
	}
	return nil
}

// TestValidateWords: each problem of the answers is at its field, in the
// page's language and in the page's own words (what the field takes),
// whatever words the profile reader used; a number is read as people
// type it.
func TestValidateWords(t *testing.T) {
	ts := startServer(t)
	_, r := ts.postForm(t, "validate?lang=nb", map[string]string{
		"customer.name": "", "customer.tenant": "40317", "onsite.version": "8.5 R10",
		"onsite.database_gb": "fjorten", "onsite.archive_gb": "1 200,5 gb", "answer.onsite.satellites": "given", "onsite.satellites": "2,5",
		"customer.contact_email": "ingrid", "brand.color": "blå", "migration.efficiency": "0,6",
	}, nil)
	for field, want := range map[string]string{
		"customer.name":          "Påkrevd",
		"customer.tenant":        "Cust12345",
		"onsite.database_gb":     "Skriv et tall fra 0 til 100\u00a0000, f.eks. 14,5.",
		"onsite.satellites":      "Skriv et helt tall fra 0 til 10\u00a0000",
		"customer.contact_email": "Skriv en e-postadresse, f.eks. admin@firma.no.",
		"brand.color":            "#RRGGBB",
	} {
		p := problemAt(r, field)
		if p == nil || !strings.Contains(p.Text, want) {
			t.Errorf("%s: %+v, want %q", field, p, want)
			continue
		}
		if p.Detail != "" || p.Hint != "" {
			t.Errorf("%s: the reader's English words shown: %+v", field, p)
		}
	}
	for _, field := range []string{"onsite.archive_gb", "onsite.version", "migration.efficiency"} {
		if p := problemAt(r, field); p != nil {
			t.Errorf("%s: %+v", field, p)
		}
	}
	if got := r.ReadAs["onsite.archive_gb"]; got != "Lest som 1200,5 GB." {
		t.Errorf("archive read as %q", got)
	}
	if r.Attention != "6 svar må rettes før pakken kan lages." {
		t.Errorf("attention %q", r.Attention)
	}
}

// TestPackNeedsAnswers: a pack asked for without the export or with
// problems is refused with every problem at its field, before the engine
// runs; a plain form post (no script) gets them as a page.
func TestPackNeedsAnswers(t *testing.T) {
	ts := startServer(t)
	resp, r := ts.postForm(t, "pack?lang=en", map[string]string{"customer.name": "Vind AS"}, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("status %d", resp.StatusCode)
	}
	for _, field := range []string{"users", "onsite.version", "onsite.database_gb", "onsite.archive_gb"} {
		if problemAt(r, field) == nil {
			t.Errorf("no problem at %s: %+v", field, r.Problems)
		}
	}
	if len(ts.jobs) > 0 {
		t.Error("the engine ran")
	}
	_, r = ts.postForm(t, "pack?lang=en", map[string]string{"customer.name": "Vind AS"},
		map[string][2]string{"users": {"profile.toml", "[customer]\n"}})
	if p := problemAt(r, "users"); p == nil || !strings.Contains(p.Text, "is a profile, not a user export") {
		t.Errorf("a profile dropped as the export: %+v", r.Problems)
	}
	_, r = ts.postForm(t, "pack?lang=de", map[string]string{"customer.name": "Vind AS"},
		map[string][2]string{"users": {"brukere.csv", "Name;Plan\nA;B\n"}})
	if p := problemAt(r, "users"); p == nil || p.Text != "brukere.csv kann nicht als Benutzerexport gelesen werden." || p.Detail == "" {
		t.Errorf("an export without addresses: %+v", r.Problems)
	}

	// Without the script: a page that lists the problems and leads back.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("customer.name", "<script>alert(1)</script>")
	mw.WriteField("onsite.database_gb", "<b>x</b>")
	mw.Close()
	plain := ts.do(t, "POST", "pack?lang=nl", &body, map[string]string{"Content-Type": mw.FormDataContentType()})
	page, _ := io.ReadAll(plain.Body)
	if plain.StatusCode != http.StatusUnprocessableEntity || !strings.HasPrefix(plain.Header.Get("Content-Type"), "text/html") ||
		!bytes.Contains(page, []byte(`<html lang="nl">`)) || !bytes.Contains(page, []byte("Terug naar het formulier")) {
		t.Errorf("plain post: %d %s\n%s", plain.StatusCode, plain.Header.Get("Content-Type"), page)
	}
	if bytes.Contains(page, []byte("<script>alert")) || bytes.Contains(page, []byte("<b>x")) {
		t.Error("the answers are not escaped on the problems page")
	}
}

// TestUploadLimits: an upload over the command line's limit for its role
// is refused at its field, without reading it whole; so is a form whose
// fields are larger than a profile may be.
func TestUploadLimits(t *testing.T) {
	ts := startServer(t)
	big := strings.Repeat("x", inputs.MaxLogoBytes+1)
	resp, r := ts.postForm(t, "verdict?lang=en", nil, map[string][2]string{"brand.logo": {"logo.png", big}})
	if p := problemAt(r, "brand.logo"); resp.StatusCode != http.StatusUnprocessableEntity || p == nil || p.Text != "logo.png is larger than 5 MB, the most migready reads for it." {
		t.Errorf("a logo over the limit: %d %+v", resp.StatusCode, r.Problems)
	}
	long := url.Values{"customer.name": {strings.Repeat("x", inputs.MaxProfileBytes+1)}}.Encode()
	resp = ts.do(t, "POST", "validate", strings.NewReader(long), map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a form over the limit: %d", resp.StatusCode)
	}
}

// TestStops: Serve returns when its context ends, and the address no
// longer answers.
func TestStops(t *testing.T) {
	s, _ := New(Config{Engine: func(*Job) (*Result, error) { return nil, nil }})
	u, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Serve(ctx) }()
	if resp, err := http.Get(u); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("before: %v", err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
	if _, err := http.Get(u); err == nil {
		t.Error("the address still answers")
	}
}

func readExample(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile("../../../../examples/" + path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestConsoleShowsHiddenCharacters: the line serve prints when a pack is
// made names the customer as the profile writes it, so an escape sequence
// (which a terminal would act on), a right-to-left override or a
// zero-width character in the name is written out, as every other line
// migready prints shows it.
func TestConsoleShowsHiddenCharacters(t *testing.T) {
	var console bytes.Buffer
	s, err := New(Config{Engine: func(*Job) (*Result, error) { return nil, nil }, Console: &console})
	if err != nil {
		t.Fatal(err)
	}
	s.say("serve.console.packed", "customer", "Acme\x1b]0;owned\x07 \u202eSA\u200b", "verdict", "READY", "file", "acme.zip")
	line := console.String()
	if strings.ContainsAny(line, "\x1b\x07\u202e\u200b") {
		t.Errorf("the console line holds the hidden characters raw: %q", line)
	}
	for _, want := range []string{"[U+001B]", "[U+202E]", "[U+200B]", "READY", "acme.zip"} {
		if !strings.Contains(line, want) {
			t.Errorf("the console line lacks %q: %q", want, line)
		}
	}
}

// TestLangFlagSetsThePage: serve -lang sets the page's language whatever
// the browser asks for (the help says so; it used to apply only when the
// browser asked for none migready speaks), the page's own switch still
// changes it, and without -lang the browser's language is spoken.
func TestLangFlagSetsThePage(t *testing.T) {
	lang := func(s *Server, query, accept string) string {
		r, _ := http.NewRequest("GET", "http://127.0.0.1/x/"+query, nil)
		r.Header.Set("Accept-Language", accept)
		return pageLanguage(r, s.cfg.Lang).Code
	}
	withFlag, _ := New(Config{Engine: func(*Job) (*Result, error) { return nil, nil }, Lang: "nb"})
	without, _ := New(Config{Engine: func(*Job) (*Result, error) { return nil, nil }})
	for _, c := range []struct {
		s             *Server
		query, accept string
		want          string
	}{
		{withFlag, "", "en-GB,en;q=0.9", "nb"},
		{withFlag, "", "", "nb"},
		{withFlag, "?lang=de", "en-GB", "de"},
		{without, "", "sv-SE,en;q=0.5", "sv"},
		{without, "", "fr-FR", "en"},
		{without, "?lang=nl", "sv-SE", "nl"},
	} {
		if got := lang(c.s, c.query, c.accept); got != c.want {
			t.Errorf("-lang %q, %q, Accept-Language %q: the page speaks %s, want %s", c.s.cfg.Lang, c.query, c.accept, got, c.want)
		}
	}
}

// TestValidateNoWindowsClient: users out on Travel and active satellites
// answered for a version without the Windows client are shown at both
// fields, in the page's language, in the words of the problem's kind (the
// version and what to check), not as a count to write again.
func TestValidateNoWindowsClient(t *testing.T) {
	ts := startServer(t)
	for _, lang := range templates.Supported {
		l := templates.MustLoad(lang)
		_, r := ts.postForm(t, "validate?lang="+lang, map[string]string{
			"customer.name": "Vind AS", "onsite.version": "10.0.5", "onsite.database_gb": "1", "onsite.archive_gb": "1",
			"answer.onsite.satellites": "given", "onsite.satellites": "2",
			"answer.onsite.travel_users": "given", "onsite.travel_users": "LKA",
		}, nil)
		want := l.T("serve.problem.kind.no_windows_client", "version", "10.0.5")
		for _, field := range []string{"onsite.satellites", "onsite.travel_users"} {
			if p := problemAt(r, field); p == nil || p.Text != want || p.Detail != "" {
				t.Errorf("%s %s: %+v, want %q", lang, field, p, want)
			}
		}
	}
}
