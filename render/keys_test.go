package render

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/migready/migready/readiness"
	"github.com/migready/migready/readiness/assessment"
	"github.com/migready/migready/templates"
)

// TestEveryTextRenders writes every text a pack can ask for, in every
// language and for every kind of installation (the plain texts and those of
// a version before 8 and from 9): each provenance role the command records,
// each finding kind readiness makes, each status, verdict and workbook state,
// each check's texts, and both forms of every plural. A key missing in one
// language fails here, not in a customer's pack ("!pack.provenance.role.previous!").
func TestEveryTextRenders(t *testing.T) {
	roles := provenanceRoles(t)
	kinds := findingKinds(t)
	placeholder := regexp.MustCompile(`\{([a-z_]+)\}`)
	for _, code := range templates.Supported {
		base := templates.MustLoad(code)
		for _, variant := range append([]string{""}, templates.Variants...) {
			l := base
			if variant != "" {
				l = base.Variant(variant)
			}
			// render writes key with a value for each of its placeholders.
			render := func(key string) {
				t.Helper()
				var args []any
				for _, m := range placeholder.FindAllStringSubmatch(l.Raw(key), -1) {
					args = append(args, m[1], "x")
				}
				if s := l.T(key, args...); rawKeyRe.MatchString(s) || s == "" {
					t.Errorf("%s %s: %s is missing (%q)", code, variant, key, s)
				}
			}
			// form writes key, or its .one and .other forms.
			form := func(key string) {
				t.Helper()
				if l.Has(key+".one") || l.Has(key+".other") {
					render(key + ".one")
					render(key + ".other")
					return
				}
				render(key)
			}
			for _, r := range roles {
				render("pack.provenance.role." + r)
			}
			for _, k := range kinds {
				form("finding." + k + ".problem")
				form("finding." + k + ".action")
			}
			for _, s := range []assessment.Status{assessment.Pass, assessment.Fail, assessment.Warn, assessment.Unknown} {
				render("status." + string(s))
			}
			for _, v := range []string{"ready", "not_ready", "unconfirmed", "ready_detail"} {
				render("report.verdict." + v)
			}
			for _, v := range []string{"ready_attention", "blockers", "to_verify", "unconfirmed_detail"} {
				form("report.verdict." + v)
			}
			for _, s := range assessment.TrackStates {
				render("workbook.status." + string(s))
			}
			for _, k := range []string{"resource", "anonymous", "system", "former", "left_out"} {
				form("report.kind." + k)
			}
			for _, id := range assessment.CheckIDs {
				for _, part := range []string{"title", "meaning", "risk", "why", "steps"} {
					render("check." + id + "." + part)
				}
			}
			for _, p := range []string{"database", "archive", "fixed"} {
				render("downtime.part." + p)
			}
			// Both forms of every plural.
			for _, k := range l.Keys() {
				if stem, ok := strings.CutSuffix(k, ".one"); ok {
					render(stem + ".other")
				}
				if stem, ok := strings.CutSuffix(k, ".other"); ok {
					render(stem + ".one")
				}
			}
		}
		// A variant's text stands in for a plain one: it must have one to
		// stand in for, and may use none of the placeholders it lacks (their
		// values are not given).
		for _, k := range base.Keys() {
			for _, variant := range templates.Variants {
				plain, ok := strings.CutPrefix(k, variant+".")
				if !ok {
					continue
				}
				if !base.Has(plain) {
					t.Errorf("%s %s stands in for %s, which does not exist", code, k, plain)
					continue
				}
				for _, m := range placeholder.FindAllString(base.Raw(k), -1) {
					if !strings.Contains(base.Raw(plain), m) {
						t.Errorf("%s %s uses %s, which %s does not", code, k, m, plain)
					}
				}
			}
		}
	}
}

// provenanceRoles are the roles the command records for the files a pack is
// made from (cmd/migready: inputFile("role", …)).
func provenanceRoles(t *testing.T) []string {
	files, _ := filepath.Glob(filepath.Join("..", "cmd", "migready", "*.go"))
	re := regexp.MustCompile(`inputFile\("([a-z]+)"`)
	var roles []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			if !slices.Contains(roles, m[1]) {
				roles = append(roles, m[1])
			}
		}
	}
	for _, want := range []string{"profile", "users", "logo", "previous", "tracker"} {
		if !slices.Contains(roles, want) {
			t.Errorf("the command records no %q file any more: the list of roles is stale (%v)", want, roles)
		}
	}
	return roles
}

// findingKinds are the finding kinds readiness documents (readiness.Kinds,
// which README's table is); every kind readiness writes as a literal must be
// among them.
func findingKinds(t *testing.T) []string {
	var kinds []string
	for _, k := range readiness.Kinds {
		kinds = append(kinds, k.Kind)
	}
	files, _ := filepath.Glob(filepath.Join("..", "readiness", "*.go"))
	made := regexp.MustCompile(`(?:userFinding|itemFinding|emailFinding)\([^,]+, "([a-z-]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range made.FindAllStringSubmatch(string(data), -1) {
			if k := m[1]; !strings.HasSuffix(k, "-") && !slices.Contains(kinds, k) {
				t.Errorf("readiness makes findings of kind %q (%s), which readiness.Kinds lacks", k, filepath.Base(f))
			}
		}
	}
	return kinds
}
