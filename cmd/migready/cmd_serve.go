package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/migready/migready/cmd/migready/internal/serve"
	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
)

var serveCmd = &command{
	name:  "serve",
	short: "open a page in the browser that makes a pack: no terminal, no TOML",
	long: `Serve starts migready's page on this computer and opens it in the default
browser: drop the customer's export on it, answer the questions (in the
language of the browser, or of -lang), see the verdict and the checklist
as the customer will read them, and download the pack as one zip (the
five files, named as pack names them, and profile.toml) and the
profile.toml to continue from next time. The page asks the questions of
the profile (docs/profile.md), checks the answers as pack checks a
profile, and makes the pack with pack's own code. migready with no
arguments, as when migready.exe is double-clicked, is migready serve.

The first line serve prints is the page's address, with its token; the
page answers only requests to 127.0.0.1 that carry the token, and only
posts from the page itself. Uploads stay in memory; nothing is written
to disk, and serve stops on Ctrl-C or when its console window is closed.
The page and its security are described in docs/serve.md.
`,
	flags: func(fs *flag.FlagSet) runner {
		o := &serveOptions{}
		fs.BoolVar(&o.noOpen, "no-open", false, "do not open the page in the browser; only print its address")
		defineLang(fs, &o.lang, "", "the page and the console", " (default: the browser's language for the page, the system's for the console)")
		defineDate(fs, &o.date)
		return o
	},
}

// serveOptions are migready serve's flags.
type serveOptions struct {
	noOpen     bool
	lang, date string
}

func (o *serveOptions) run(e *env, args []string) (assessment.Verdict, error) {
	if len(args) > 0 {
		return "", newFailure(kindServeArgs, "args", strings.Join(args, " "))
	}
	consoleCode := systemLanguage()
	pageCode := ""
	if o.lang != "" {
		code, err := langFlag(o.lang)
		if err != nil {
			return "", err
		}
		consoleCode, pageCode = code, code
	}
	date, err := parseDate(o.date)
	if err != nil {
		return "", err
	}
	return "", runServe(e, serveSetup{console: templates.MustLoad(consoleCode), pageLang: pageCode, date: date, fixedDate: o.date != "", open: !o.noOpen})
}

// serveSetup is how serve runs.
type serveSetup struct {
	console   *templates.Lang
	pageLang  string
	date      time.Time
	fixedDate bool // -date given; else each pack is dated the day it is made
	open      bool
}

// runServe runs the page until Ctrl-C, the console window closing (on
// Windows a CTRL_CLOSE_EVENT, which Go delivers as SIGTERM) or e's context
// ending.
func runServe(e *env, s serveSetup) error {
	// Nothing of a customer's is written to disk: uploads are held in
	// memory, and excelize, which would spill a large workbook to a
	// temporary file, is given inputs.NoTempDir wherever migready calls it.
	srv, err := serve.New(serve.Config{Engine: packEngine(s), Lang: s.pageLang, Console: e.stdout, ConsoleLang: s.console})
	if err != nil {
		return newFailure(kindServe).because(err)
	}
	url, err := srv.Listen()
	if err != nil {
		return newFailure(kindServe).because(err)
	}
	fmt.Fprintln(e.stdout, url) // the first line: a contract (docs/commands.md)
	if s.open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintln(e.stdout, s.console.T("serve.console.open"))
		} else {
			fmt.Fprintln(e.stdout, s.console.T("serve.console.running"))
		}
	} else {
		fmt.Fprintln(e.stdout, s.console.T("serve.console.open"))
	}
	ctx, stop := signal.NotifyContext(e.context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = srv.Serve(ctx)
	fmt.Fprintln(e.stdout, s.console.T("serve.console.stopped"))
	if err != nil {
		return newFailure(kindServe).because(err)
	}
	return nil
}

// packEngine is the page's engine: pack's own, on inputs held in memory.
func packEngine(s serveSetup) serve.Engine {
	return func(job *serve.Job) (*serve.Result, error) {
		date := s.date
		if !s.fixedDate {
			date = today()
		}
		in := &reportInput{profile: serve.ProfileName, users: job.Users.Name, date: date,
			files: map[string][]byte{serve.ProfileName: job.Profile, job.Users.Name: job.Users.Data}}
		for _, u := range []*serve.Upload{job.Logo, job.Previous, job.Returned} {
			if u != nil {
				in.files[u.Name] = u.Data
			}
		}
		if job.Previous != nil {
			in.since = job.Previous.Name
		}
		if job.Returned != nil {
			in.tracker = job.Returned.Name
		}
		var notices bytes.Buffer
		res := &serve.Result{}
		var err error
		if job.Pack {
			res.Report, res.Files, err = renderPack(in, &notices, false)
		} else {
			res.Report, err = loadPack(in, &notices)
		}
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(strings.TrimSpace(notices.String()), "\n") {
			if line = strings.TrimPrefix(line, "migready: notice: "); line != "" {
				res.Notices = append(res.Notices, line)
			}
		}
		return res, nil
	}
}

// languagesOfSystem are the system's languages (systemLanguages); tests
// replace it.
var languagesOfSystem = systemLanguages

// openBrowser opens url in the default browser; tests replace it.
var openBrowser = openDefaultBrowser

// openDefaultBrowser opens url in the default browser, as the desktop
// would open a link, and does not wait for it.
func openDefaultBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}

// systemLanguage is the language of the rep's system, for the console's
// words: Windows' display languages, elsewhere LC_ALL, LC_MESSAGES or LANG
// ("nb_NO.UTF-8"); English when migready speaks none of them.
func systemLanguage() string {
	for _, tag := range languagesOfSystem() {
		code, suggest := inputs.CanonicalLanguage(tag)
		if code == "" && strings.HasPrefix(strings.ToLower(tag), "nn") {
			code = suggest // Nynorsk readers read Bokmål
		}
		if code != "" {
			return code
		}
	}
	return templates.Default
}

// context is e's context: Background unless a test gave one.
func (e *env) context() context.Context {
	if e.ctx != nil {
		return e.ctx
	}
	return context.Background()
}
