package main

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/migready/migready/cmd/migready/internal/profiletext"
	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// TestProfileTextReadsBack: in every language, the profile init writes is
// valid TOML whose only problems are the required keys left to fill in,
// and a hostile customer name survives as written.
func TestProfileTextReadsBack(t *testing.T) {
	name := "Bølgen \"&\" <script>alert(1)</script> {{x}} \\ =1+1\tAS"
	users := &inputs.UserList{File: "eksport/brukere.csv", Columns: map[inputs.Field]string{inputs.FieldEmail: "E-post"},
		Users: []inputs.User{{Email: "a@b.no"}, {Email: "c@b.no"}, {Email: "d@gmail.com"}, {Email: "bad@"}}}
	for _, code := range templates.Supported {
		l := templates.MustLoad(code)
		text := profileText(l, &initOptions{name: name}, users, `C:\Kunder\brukere.csv`)
		_, err := inputs.ParseProfile("profile.toml", []byte(text))
		var es inputs.Errors
		if !errors.As(err, &es) || len(es) != 3 {
			t.Fatalf("%s: want the 3 required onsite keys, got %v", code, err)
		}
		for _, e := range es {
			if !strings.HasPrefix(e.Key, "onsite.") || !strings.Contains(e.Msg, "still commented out") || e.Line == 0 {
				t.Errorf("%s: %v", code, e)
			}
		}
		filled := text
		for _, kv := range [][2]string{{`# version = "8.5 R10"`, `version = "9"`}, {"# database_gb = 14.5", "database_gb = 1"},
			{"# archive_gb = 120", "archive_gb = 1"}, {"# satellites = 0", "satellites = 0"}} {
			filled = strings.Replace(filled, kv[0], kv[1], 1)
		}
		p, err := inputs.ParseProfile("profile.toml", []byte(filled))
		if err != nil {
			t.Fatalf("%s: filled-in profile: %v", code, err)
		}
		if p.Customer.Name != strings.TrimSpace(name) || p.Customer.Language != code || p.Users != `C:\Kunder\brukere.csv` ||
			p.Mail == nil || p.Mail.Domain != "b.no" || p.Customer.MailLabel == "" {
			t.Errorf("%s: read back %+v %+v", code, p.Customer, p.Mail)
		}
		// The examples of what the consultant finds in the database read
		// back as written once their # is removed.
		omt := filled
		for _, k := range []string{`identity_provider = "Microsoft Entra ID"`, `first_version = "7.5"`, "sentry_addons = []",
			"dictionary_tables = []", "[onsite.documents]", "blank_name = 0", "missing_appointment = 0", "unknown_user = 0", "over_limit = 0"} {
			if !strings.Contains(omt, "# "+k+"\n") {
				t.Fatalf("%s: no commented example %q", code, k)
			}
			omt = strings.Replace(omt, "# "+k+"\n", k+"\n", 1)
		}
		p, err = inputs.ParseProfile("profile.toml", []byte(omt))
		if err != nil {
			t.Fatalf("%s: profile with the database findings: %v", code, err)
		}
		if d := p.Onsite.Documents; p.Customer.IdentityProvider != "Microsoft Entra ID" || p.Onsite.FirstVersion != "7.5" ||
			p.Onsite.SentryAddons == nil || p.Onsite.DictionaryTables == nil || d == nil || d.BlankName == nil || d.OverLimit == nil {
			t.Errorf("%s: read back %+v %+v", code, p.Customer, p.Onsite)
		}
		if strings.Contains(text, "!init.") {
			t.Errorf("%s: missing text in\n%s", code, text)
		}
		// Every missing column a check needs is named, in the language.
		for _, f := range profiletext.FieldEffects {
			if want := l.T("init.missing", "column", l.T("init.field."+string(f)), "effect", l.T("init.effect."+string(f))); !strings.Contains(text, want) {
				t.Errorf("%s: no comment %q", code, want)
			}
		}
	}
}

// TestInitKnowsEveryKey: init writes every key and table of the Profile
// type, each with its comment in every language (the comment's key is the
// key's name, so names must not repeat), and every example, once its # is
// removed, reads back as a valid profile.
func TestInitKnowsEveryKey(t *testing.T) {
	var all []profiletext.Key
	var walk func([]profiletext.Key)
	walk = func(keys []profiletext.Key) {
		for _, k := range keys {
			all = append(all, k)
			walk(k.Keys)
		}
	}
	walk(profiletext.Keys())
	seen := map[string]string{}
	for _, k := range all {
		if other, ok := seen[k.Name]; ok {
			t.Errorf("%s and %s share the name %s, and so the comment init.%s", other, k.Path, k.Name, k.Name)
		}
		seen[k.Name] = k.Path
	}
	for _, want := range []string{"migration.efficiency", "migration.high_factor", "mail.spf_costs", "onsite.documents.over_limit", "brand.color"} {
		if seen[want[strings.LastIndexByte(want, '.')+1:]] != want {
			t.Errorf("no key %s in %v", want, seen)
		}
	}
	for _, code := range templates.Supported {
		l := templates.MustLoad(code)
		for _, k := range all {
			if !l.Has("init." + k.Name) {
				t.Errorf("templates/%s/init.toml has no comment for %s (init.%s)", code, k.Path, k.Name)
			}
		}
		text := profileText(l, &initOptions{name: "Vind AS"}, nil, "")
		for _, k := range all {
			line := k.Name + " = "
			if k.Table {
				line = "[" + k.Path + "]"
			}
			if !strings.Contains(text, line) {
				t.Errorf("%s: the profile init writes lacks %q", code, line)
			}
		}
	}

	// Every example uncommented: a profile with every key given.
	text := profileText(templates.MustLoad("en"), &initOptions{name: "Vind AS"}, nil, "users.csv")
	example := regexp.MustCompile(`(?m)^# (\[[a-z_.]+\]|[a-z_]+ = .*|"[^"]+" = \d+)$`)
	full := example.ReplaceAllString(text, "$1")
	p, err := inputs.ParseProfile("profile.toml", []byte(full))
	if err != nil {
		t.Fatalf("every example given: %v\n%s", err, full)
	}
	if m := p.Migration; m.Efficiency != 0.6 || m.HighFactor != 1.75 || p.Mail == nil || p.Mail.SPFCosts["_spf.acme-mailer.net"] != 3 ||
		p.Onsite.Documents == nil || p.Onsite.Documents.OverLimit == nil || p.Brand.Color == "" {
		t.Errorf("read back %+v %+v %+v", p.Migration, p.Mail, p.Onsite.Documents)
	}
}
