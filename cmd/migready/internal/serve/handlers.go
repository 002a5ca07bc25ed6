package serve

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/http"
	"path"
	"strings"

	"github.com/migready/migready/cmd/migready/internal/profiletext"
	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/render"
	"github.com/migready/migready/templates"
)

// route answers a request that passed the checks; rest is its path after
// the token.
func (s *Server) route(w http.ResponseWriter, r *http.Request, rest string) {
	if r.Method != http.MethodPost {
		switch {
		case rest == "":
			s.page(w, r)
		case rest == "words":
			s.words(w, r)
		case strings.HasPrefix(rest, "static/"):
			static(w, r, strings.TrimPrefix(rest, "static/"))
		default:
			http.NotFound(w, r)
		}
		return
	}
	handlers := map[string]func(http.ResponseWriter, *http.Request, *templates.Lang, *request){
		"export": s.export, "profile": s.loadProfile, "validate": s.validate,
		"verdict": s.verdict, "pack": s.pack, "profile.toml": s.profileFile,
	}
	h, ok := handlers[rest]
	if !ok {
		http.NotFound(w, r)
		return
	}
	l := pageLanguage(r, s.cfg.Lang)
	req, problems, err := readRequest(w, r, l)
	if err != nil {
		s.answer(w, r, l, http.StatusBadRequest, response{Problems: []problem{{Text: l.T("serve.problem.form"), Detail: err.Error()}}})
		return
	}
	if len(problems) > 0 {
		s.answer(w, r, l, http.StatusUnprocessableEntity, response{Problems: problems})
		return
	}
	h(w, r, l, req)
}

// A response is what a form's post gets back, as JSON for the page's
// script (or, for a plain form post that failed, as a page).
type response struct {
	Problems  []problem         `json:"problems,omitempty"`
	Attention string            `json:"attention,omitempty"` // how many answers need attention
	ReadAs    map[string]string `json:"readAs,omitempty"`    // how a number was read, where it was typed otherwise
	Proposed  map[string]string `json:"proposed,omitempty"`  // values proposed for empty fields
	Export    *exportView       `json:"export,omitempty"`
	Loaded    *loadedView       `json:"loaded,omitempty"`
	Verdict   *verdictView      `json:"verdict,omitempty"`
}

// answer writes resp: JSON for the page's script, which asks for it; a
// page for a plain form post that failed.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, l *templates.Lang, code int, resp response) {
	if len(resp.Problems) > 0 && resp.Attention == "" {
		resp.Attention = l.Plural("serve.problem.attention", len(resp.Problems))
	}
	if !strings.Contains(r.Header.Get("Accept"), "application/json") && code != http.StatusOK {
		s.problemPage(w, l, code, resp.Problems)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(resp)
}

// prepared is a request made ready for the engine: its answers, the
// export read, and the job.
type prepared struct {
	a     answers
	users *inputs.UserList
	job   *Job
	words *wording
}

// prepare reads the answers and the uploads of a request and checks them:
// the export, read as the command reads it, and the profile the answers
// describe, read as the command reads a profile. Every problem found is
// returned at once.
func (s *Server) prepare(l *templates.Lang, req *request, needExport bool) (*prepared, []problem) {
	a := readAnswers(req.get)
	p := &prepared{a: a, job: &Job{}, words: &wording{l: l, a: a, files: map[string]string{}}}
	var problems []problem
	delete(a, "users")
	if u := req.uploads["users"]; u != nil {
		if strings.EqualFold(path.Ext(u.Name), ".toml") {
			problems = append(problems, problem{Field: "users", Text: l.T("serve.problem.export_is_profile", "file", u.Name)})
		} else {
			a["users"] = answer{State: stateGiven, Value: u.Name}
			p.job.Users = *u
			p.words.files[u.Name] = "users"
			users, err := inputs.ParseUsers(u.Name, u.Data, strings.TrimSpace(a.value("sheet")))
			if err != nil {
				problems = append(problems, p.words.problems(err)...)
			}
			p.users = users
		}
	} else if needExport {
		problems = append(problems, problem{Field: "users", Text: l.T("serve.problem.no_export")})
	}
	kept, _ := req.get("kept.brand.logo")
	delete(a, "brand.logo")
	switch u := req.uploads["brand.logo"]; {
	case u != nil:
		a["brand.logo"] = answer{State: stateGiven, Value: u.Name}
		p.job.Logo = u
		p.words.files[u.Name] = "brand.logo"
	case strings.TrimSpace(kept) != "":
		a["brand.logo"] = answer{State: stateGiven, Value: strings.TrimSpace(kept)}
		if needExport {
			problems = append(problems, problem{Field: "brand.logo", Text: l.T("serve.problem.logo_again", "file", kept)})
		}
	}
	if u := req.uploads["since"]; u != nil {
		if sum, ok := previousSummary(u); ok {
			p.job.Previous = sum
			p.words.files[sum.Name] = "since"
		} else {
			problems = append(problems, problem{Field: "since", Text: l.T("serve.problem.since_no_summary", "file", u.Name)})
		}
	}
	if u := req.uploads["tracker"]; u != nil {
		p.job.Returned = u
		p.words.files[u.Name] = "tracker"
	}
	p.job.Profile = profileText(l, a, p.users)
	if _, err := inputs.ParseProfile(ProfileName, p.job.Profile); err != nil {
		problems = append(problems, p.words.problems(err)...)
	}
	return p, problems
}

// profileText is the profile the answers describe, with the comments in
// the page's language: the file init writes, with the answers filled in.
func profileText(l *templates.Lang, a answers, users *inputs.UserList) []byte {
	name := strings.TrimSpace(a.value("customer.name"))
	if name == "" {
		name = "…"
	}
	domain := ""
	if users != nil {
		domain = profiletext.MainDomain(users)
	}
	return []byte(profiletext.Write(l, profiletext.Options{
		Header: l.T("serve.profile.header", "name", name),
		Howto:  l.T("serve.profile.howto"),
		Set:    a.profileValues(), Users: users, Domain: domain,
	}))
}

// validate checks the answers as they are typed: every problem of the
// profile they describe at its field, how each number was read, and the
// mail label the company name gives.
func (s *Server) validate(w http.ResponseWriter, r *http.Request, l *templates.Lang, req *request) {
	a := readAnswers(req.get)
	words := &wording{l: l, a: a}
	resp := response{ReadAs: map[string]string{}, Proposed: map[string]string{}}
	if _, err := inputs.ParseProfile(ProfileName, profileText(l, a, nil)); err != nil {
		resp.Problems = words.problems(err)
	}
	for _, f := range fields {
		if f.Kind != kindNumber && f.Kind != kindWhole && f.Kind != kindCount {
			continue
		}
		typed := strings.TrimSpace(a.value(f.Path))
		if n, ok := parseNumber(typed, f.Unit); ok {
			shown := number(l, n)
			if f.Unit != "" {
				shown += " " + f.Unit
			}
			if shown != typed {
				resp.ReadAs[f.Path] = l.T("serve.choice.read_as", "value", shown)
			}
		}
	}
	if name := strings.TrimSpace(a.value("customer.name")); name != "" {
		resp.Proposed["customer.mail_label"] = readiness.MailLabel(name)
	}
	s.answer(w, r, l, http.StatusOK, resp)
}

// verdict makes the report and shows its verdict and checklist as the
// customer will read them, in the pack's language.
func (s *Server) verdict(w http.ResponseWriter, r *http.Request, l *templates.Lang, req *request) {
	p, problems := s.prepare(l, req, true)
	if len(problems) > 0 {
		s.answer(w, r, l, http.StatusUnprocessableEntity, response{Problems: problems})
		return
	}
	res, ok := s.run(w, r, l, p)
	if !ok {
		return
	}
	s.answer(w, r, l, http.StatusOK, response{Verdict: verdictOf(l, res)})
}

// pack makes the pack and answers with one zip: its five files, named as
// pack names them, and profile.toml.
func (s *Server) pack(w http.ResponseWriter, r *http.Request, l *templates.Lang, req *request) {
	p, problems := s.prepare(l, req, true)
	if len(problems) > 0 {
		s.answer(w, r, l, http.StatusUnprocessableEntity, response{Problems: problems})
		return
	}
	p.job.Pack = true
	res, ok := s.run(w, r, l, p)
	if !ok {
		return
	}
	rep := res.Report
	name := strings.TrimSuffix(rep.Files.Summary, "-summary.json") + ".zip"
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files := append(res.Files, render.File{Name: ProfileName, Data: p.job.Profile})
	for _, f := range files {
		// The pack's date, so that the same answers give the same zip.
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: rep.Date})
		if err == nil {
			_, err = fw.Write(f.Data)
		}
		if err != nil {
			s.answer(w, r, l, http.StatusInternalServerError, response{Problems: []problem{{Text: l.T("serve.problem.internal"), Detail: err.Error()}}})
			return
		}
	}
	if err := zw.Close(); err != nil {
		s.answer(w, r, l, http.StatusInternalServerError, response{Problems: []problem{{Text: l.T("serve.problem.internal"), Detail: err.Error()}}})
		return
	}
	word, _ := render.Verdict(rep.Assessment, s.cfg.ConsoleLang)
	s.say("serve.console.packed", "customer", rep.Assessment.Customer.Name, "verdict", word, "file", name)
	attachment(w, name, "application/zip", buf.Bytes())
}

// profileFile answers with profile.toml as the answers describe it, for
// the rep to keep beside the export.
func (s *Server) profileFile(w http.ResponseWriter, r *http.Request, l *templates.Lang, req *request) {
	p, _ := s.prepare(l, req, false)
	attachment(w, ProfileName, "application/toml; charset=utf-8", p.job.Profile)
}

// attachment answers with a file to download.
func attachment(w http.ResponseWriter, name, typ string, data []byte) {
	w.Header().Set("Content-Type", typ)
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.NewReplacer(`"`, "", `\`, "").Replace(name)+`"`)
	w.Header().Set("X-Migready-File", name)
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}

// run runs the engine, one report at a time.
func (s *Server) run(w http.ResponseWriter, r *http.Request, l *templates.Lang, p *prepared) (*Result, bool) {
	if !s.acquire(r.Context()) {
		s.answer(w, r, l, http.StatusServiceUnavailable, response{Problems: []problem{{Text: l.T("serve.problem.busy")}}})
		return nil, false
	}
	defer s.release()
	res, err := s.cfg.Engine(p.job)
	if err != nil {
		s.answer(w, r, l, http.StatusUnprocessableEntity, response{Problems: p.words.problems(err)})
		return nil, false
	}
	return res, true
}

// verdictView is the verdict and the checklist as the pack says them.
type verdictView struct {
	Lang    string      `json:"lang"`
	Intro   string      `json:"intro"`
	State   string      `json:"state"`
	Word    string      `json:"word"`
	Detail  string      `json:"detail"`
	Checks  []checkView `json:"checks"`
	Notices []string    `json:"notices,omitempty"`
}

type checkView struct {
	Status     string `json:"status"`
	StatusWord string `json:"statusWord"`
	Title      string `json:"title"`
	Summary    string `json:"summary"`
	Findings   string `json:"findings,omitempty"`
}

// verdictOf words the report's verdict and checks in the pack's language,
// with the words the pack itself uses.
func verdictOf(l *templates.Lang, res *Result) *verdictView {
	rep, pl := res.Report, res.Report.Lang
	a := rep.Assessment
	v := &verdictView{Lang: pl.Code, Intro: l.T("serve.verdict.intro", "language", l.T("serve.lang."+pl.Code)),
		State: string(a.Verdict), Notices: res.Notices}
	v.Word, v.Detail = render.Verdict(a, pl)
	words := render.NewWords(pl)
	for _, c := range a.Checks {
		cv := checkView{Status: string(c.Status), StatusWord: pl.T("status." + string(c.Status)),
			Title: pl.T("check." + c.ID + ".title"), Summary: words.Text(c.Summary)}
		if n := len(c.Findings); n > 0 {
			cv.Findings = l.Plural("serve.verdict.findings", n)
		}
		v.Checks = append(v.Checks, cv)
	}
	return v
}

// words answers the page's words in another language, for the switch
// that changes the page's language without losing what was typed: the same
// texts the page is written with.
func (s *Server) words(w http.ResponseWriter, r *http.Request) {
	l := pageLanguage(r, s.cfg.Lang)
	out := pageWords(l)
	out["lang"] = l.Code
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(out)
}
