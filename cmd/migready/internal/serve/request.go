package serve

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// A request is a form the page posted: its answers and its uploads, held
// in memory for as long as the request is answered.
type request struct {
	values  url.Values
	uploads map[string]*Upload // by field: users, brand.logo, since, tracker, profile
}

// maxValues bounds the form's fields all together: they describe a
// profile, which is at most inputs.MaxProfileBytes.
const maxValues = inputs.MaxProfileBytes

// maxBody bounds a whole request: every upload at its limit, and the
// fields.
var maxBody = func() int64 {
	n := int64(maxValues) + 64<<10
	for _, role := range uploadFields {
		n += role.Limit()
	}
	return n
}()

// errFormTooLarge is a form whose fields exceed maxValues.
var errFormTooLarge = errors.New("the form's fields are too large")

// readRequest reads a posted form, multipart (with uploads) or URL-encoded,
// as a stream: the multipart package's own form reader would write large
// uploads to temporary files, and nothing of a customer's may touch the
// disk. An upload over its role's limit is a problem at its field; the
// limits are the command line's (inputs/limits.go).
func readRequest(w http.ResponseWriter, r *http.Request, l *templates.Lang) (*request, []problem, error) {
	req := &request{values: url.Values{}, uploads: map[string]*Upload{}}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		r.Body = http.MaxBytesReader(w, r.Body, maxValues)
		if err := r.ParseForm(); err != nil {
			return nil, nil, err
		}
		req.values = r.PostForm
		return req, nil, nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, err
	}
	var problems []problem
	size := 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		name := part.FormName()
		if part.FileName() == "" {
			v, err := io.ReadAll(io.LimitReader(part, int64(maxValues-size)+1))
			if err != nil {
				return nil, nil, err
			}
			if size += len(v); size > maxValues {
				return nil, nil, errFormTooLarge
			}
			req.values.Add(name, string(v))
			continue
		}
		role, ok := uploadFields[name]
		if !ok {
			continue // not a file the page asks for: never read
		}
		data, err := io.ReadAll(io.LimitReader(part, role.Limit()+1))
		if err != nil {
			return nil, nil, err
		}
		file := cleanName(part.FileName())
		if int64(len(data)) > role.Limit() {
			problems = append(problems, problem{Field: name, Text: l.T("serve.problem.too_large", "file", file, "limit", sizeText(l, role.Limit()))})
			continue
		}
		if len(data) > 0 {
			req.uploads[name] = &Upload{Name: file, Data: data}
		}
	}
	return req, problems, nil
}

// get is a field's value, and whether the form sent it.
func (req *request) get(name string) (string, bool) {
	vs, ok := req.values[name]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

// cleanName is an upload's file name as the profile and the pack's list
// of inputs may name it: its base name, without control characters, at
// most 200 characters.
func cleanName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 200 {
		name = string(r[len(r)-200:])
	}
	if name == "" || name == "." || name == "/" {
		name = "upload"
	}
	return name
}

// previousSummary takes the previous pack as the rep has it: the zip this
// page made (its …-summary.json is read, bounded as the command line bounds
// a summary: the engine refuses one over the limit), or the summary itself.
// ok is false for a zip without one.
func previousSummary(u *Upload) (*Upload, bool) {
	if !bytes.HasPrefix(u.Data, []byte("PK\x03\x04")) {
		return u, true
	}
	zr, err := zip.NewReader(bytes.NewReader(u.Data), int64(len(u.Data)))
	if err != nil {
		return u, true // not a zip after all: the summary reader says what it is
	}
	for _, zf := range zr.File {
		name := path.Base(zf.Name)
		if !strings.HasSuffix(name, "-summary.json") || strings.Contains(name, "-masked-") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return u, true
		}
		data, err := io.ReadAll(io.LimitReader(rc, inputs.RoleSummary.Limit()+1))
		rc.Close()
		if err != nil {
			return u, true
		}
		return &Upload{Name: cleanName(name), Data: data}, true
	}
	return nil, false
}
