// Package serve is migready's local page: a form in the sales
// representative's language that takes the customer's export, asks the
// profile's questions, shows the verdict and hands over the pack, for
// people who never open a terminal or a text editor.
//
// The page is a way in, not a second engine: the form describes the same
// inputs.Profile a profile file does (its fields are named after the
// profile's keys), the answers are written as the profile.toml migready
// init writes (package profiletext) and checked by the same reader, and the
// report is made by the Engine the command gives, which is pack's. Words
// are looked up at the edge, in templates/*/serve.toml; a problem is found
// as data (the key, the file, the row) and worded for the page.
//
// It is safe on a laptop: it listens on 127.0.0.1 only, every request must
// carry the random token of its address, come for the listener's own Host
// and, when it changes anything, from the page itself; every response has a
// Content-Security-Policy that allows no inline script or style and no
// request to another site. Uploads are held in memory for the request that
// carries them and nothing is written to disk (docs/serve.md).
package serve

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/migready/migready/inputs/shown"
	"github.com/migready/migready/render"
	"github.com/migready/migready/templates"
)

// An Upload is a file the page received, held in memory.
type Upload struct {
	Name string // the file's base name, as the rep's computer calls it
	Data []byte
}

// A Job is what the page asks of the engine: a report of the customer the
// profile describes, made from the uploads.
type Job struct {
	Profile []byte // profile.toml, as the form describes it (its users and brand.logo name the uploads)
	Users   Upload
	Logo    *Upload // nil for none
	// Previous is the previous pack's summary and Returned the remediation
	// workbook the customer sent back (pack's -since and -tracker); nil for
	// none.
	Previous, Returned *Upload
	Pack               bool // make the pack's files, not only the report
}

// ProfileName is the name the profile has in a Job, as errors and the
// pack's list of inputs name it.
const ProfileName = "profile.toml"

// A Result is the engine's answer to a Job.
type Result struct {
	Report  *render.Report
	Files   []render.File // the pack's files, with Job.Pack
	Notices []string      // what the readers noticed, in English
}

// An Engine makes the report of a Job: migready's one path from inputs
// through readiness to render, as pack takes it.
type Engine func(job *Job) (*Result, error)

// Config is what a Server is made from.
type Config struct {
	Engine Engine
	// Lang is the page's language (serve -lang), whatever the browser
	// asks for, until the page's own switch changes it; "" for the
	// browser's language, or English when it asks for none migready
	// speaks.
	Lang string
	// Console is where the server says what it did (a pack made), in
	// ConsoleLang; nil for nowhere.
	Console     io.Writer
	ConsoleLang *templates.Lang
}

// A Server is the page and what answers it.
type Server struct {
	cfg   Config
	token string
	host  string // 127.0.0.1:port, once listening
	ln    net.Listener
	http  *http.Server
	// work lets one report be made at a time: a report of a large export
	// takes a few hundred megabytes at most, and two tabs must not double
	// that on a laptop.
	work chan struct{}
	mu   sync.Mutex // guards Console
}

// The time limits of a request. A pack of the largest export migready
// reads (100,000 users) is made in well under a minute; an upload over the
// loopback takes a second at most.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 2 * time.Minute
	writeTimeout      = 5 * time.Minute
	idleTimeout       = 2 * time.Minute
)

// New makes a server with a fresh random token.
func New(cfg Config) (*Server, error) {
	if cfg.Engine == nil {
		return nil, errors.New("serve: no engine")
	}
	if !templates.IsSupported(cfg.Lang) {
		cfg.Lang = "" // the browser's language
	}
	if cfg.ConsoleLang == nil {
		cfg.ConsoleLang = templates.MustLoad(templates.Default)
	}
	// 32 random bytes: the token is the only thing that keeps another
	// program or web page from using the server.
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, token: base64.RawURLEncoding.EncodeToString(b[:]), work: make(chan struct{}, 1)}
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: readHeaderTimeout, ReadTimeout: readTimeout,
		WriteTimeout: writeTimeout, IdleTimeout: idleTimeout,
		// A connection the browser drops is no news for the rep's console.
		ErrorLog: log.New(io.Discard, "", 0)}
	return s, nil
}

// Listen listens on a free port of 127.0.0.1 and returns the page's
// address, with its token.
func (s *Server) Listen() (string, error) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	s.ln, s.host = ln, ln.Addr().String()
	return s.URL(), nil
}

// URL is the page's address: the token is the first part of every path.
func (s *Server) URL() string { return "http://" + s.host + "/" + s.token + "/" }

// Serve answers requests until ctx is done, then lets the requests under
// way finish (a few seconds at most) and returns.
func (s *Server) Serve(ctx context.Context) error {
	if s.ln == nil {
		return errors.New("serve: not listening")
	}
	done := make(chan error, 1)
	go func() { done <- s.http.Serve(s.ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := s.http.Shutdown(shutdown); err != nil {
		s.http.Close()
	}
	<-done
	return nil
}

// The security headers of every response. The policy allows the page's own
// script and style files and nothing inline; images only from the page (its
// icon); fetch and forms only to the page itself; no framing, no base.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	// Customer data must not stay in the browser's cache on disk.
	h.Set("Cache-Control", "no-store")
}

// ServeHTTP checks every request before it reaches the page: the Host is
// this listener's (a page elsewhere that rebinds its own name to 127.0.0.1
// sends its own), the path starts with the token, and a request that
// changes anything comes from the page itself.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	if r.Host != s.host {
		refuse(w, http.StatusMisdirectedRequest, "this server answers only http://"+s.host)
		return
	}
	tok, rest, slash := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if subtle.ConstantTimeCompare([]byte(tok), []byte(s.token)) != 1 {
		refuse(w, http.StatusForbidden, "the address lacks migready's token: open the address migready printed")
		return
	}
	if !slash { // the page's relative links need the slash
		http.Redirect(w, r, "/"+s.token+"/", http.StatusSeeOther)
		return
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodPost:
		if !s.sameOrigin(r) {
			refuse(w, http.StatusForbidden, "a request from another site is refused")
			return
		}
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		refuse(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	s.route(w, r, rest)
}

// sameOrigin reports whether a request that changes something comes from
// the page: a browser says where a request comes from in Origin (on every
// POST) and Sec-Fetch-Site; a script with the token, which sends neither,
// is the rep's own.
func (s *Server) sameOrigin(r *http.Request) bool {
	if o := r.Header.Get("Origin"); o != "" {
		return o == "http://"+s.host
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
		return true
	}
	return false
}

// refuse answers a request the server does not serve, in plain text: the
// page is not shown, so there is no language to speak yet.
func refuse(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	fmt.Fprintln(w, "migready: "+msg)
}

// say writes a line to the console, in the console's language. Its
// arguments are customer data (a customer's name), so what a terminal
// would act on or show otherwise than it is (an escape sequence, a
// right-to-left override, a zero-width character) is written out, as
// every other line migready prints does.
func (s *Server) say(key string, args ...any) {
	if s.cfg.Console == nil {
		return
	}
	for i, a := range args {
		if t, ok := a.(string); ok {
			args[i] = shown.Visible(t)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintln(s.cfg.Console, s.cfg.ConsoleLang.T(key, args...))
}

// acquire waits for the one report slot, or gives up when the request is
// cancelled or another report is taking long.
func (s *Server) acquire(ctx context.Context) bool {
	t := time.NewTimer(30 * time.Second)
	defer t.Stop()
	select {
	case s.work <- struct{}{}:
		return true
	case <-ctx.Done():
	case <-t.C:
	}
	return false
}

func (s *Server) release() { <-s.work }
