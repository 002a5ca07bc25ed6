package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/readiness"
	"github.com/migready/migready/readiness/assessment"
)

// customer is one profile of a batch, as the plan found it.
type customer struct {
	profile string
	name    string // from the plan's reading of the profile; "" when it failed
	slug    string // its folder in -out
	tenant  string
	lang    string
	err     error // the profile's input error, found by the plan
}

// identity is the customer as its packs name it.
func (c *customer) identity() assessment.Customer {
	return assessment.Customer{Name: c.name, Slug: c.slug, Tenant: c.tenant}
}

// planBatch decides what the batch does before anything is written: every
// profile the targets name, each customer's folder, and the profiles
// that cannot be read (they fail on their own; the others go on). Two
// customers writing to one folder are an error.
func planBatch(targets []string) ([]customer, error) {
	paths, err := findProfiles(targets)
	if err != nil {
		return nil, err
	}
	// A first, cheap reading of every profile finds the slugs.
	custs := make([]customer, len(paths))
	bySlug := map[string]*customer{}
	var clashes []error
	for i, path := range paths {
		custs[i] = customer{profile: path}
		c := &custs[i]
		data, err := inputs.ReadFile(path, inputs.RoleProfile)
		if err == nil {
			var p *inputs.Profile
			if p, err = parseProfile(path, data); err == nil {
				c.name, c.slug = p.Customer.Name, readiness.Slug(p.Customer.Name)
				c.tenant, c.lang = p.Customer.Tenant, p.Customer.Language
				if other, ok := bySlug[c.slug]; ok {
					clashes = append(clashes, newFailure(kindSlugClash, "other", other.profile, "othername", strconv.Quote(other.name),
						"profile", path, "name", strconv.Quote(c.name), "slug", c.slug))
				} else {
					bySlug[c.slug] = c
				}
			}
		}
		c.err = err
	}
	if len(clashes) > 0 {
		return nil, errors.Join(clashes...)
	}
	return custs, nil
}

// findProfiles expands the targets: a file is a profile; a folder means
// every profile.toml below it, or, in a folder without one, every *.toml.
// Hidden folders are skipped. The result is sorted and without repeats.
func findProfiles(targets []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if abs, err := filepath.Abs(p); err == nil && !seen[abs] {
			seen[abs] = true
			out = append(out, p)
		}
	}
	for _, t := range targets {
		st, err := os.Stat(t)
		if err != nil {
			return nil, &inputs.Error{File: t, Msg: "no such profile or folder", Hint: "pass PROFILE.toml files or a folder that holds them"}
		}
		if !st.IsDir() {
			add(t)
			continue
		}
		var found []string
		err = filepath.WalkDir(t, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != t && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				if _, err := os.Stat(filepath.Join(p, "profile.toml")); err == nil {
					found = append(found, filepath.Join(p, "profile.toml"))
				} else {
					tomls, _ := filepath.Glob(filepath.Join(p, "*.toml"))
					found = append(found, tomls...)
				}
			}
			return nil
		})
		if err != nil {
			return nil, &inputs.Error{File: t, Msg: "cannot read the folder: " + err.Error(), Hint: "check the folder's permissions"}
		}
		if len(found) == 0 {
			return nil, &inputs.Error{File: t, Msg: "no profile (*.toml) in this folder or below", Hint: "each customer's folder holds its profile.toml and its export"}
		}
		sort.Strings(found)
		for _, p := range found {
			add(p)
		}
	}
	return out, nil
}
