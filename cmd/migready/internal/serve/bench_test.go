package serve

import (
	"testing"

	"github.com/migready/migready/inputs"
	"github.com/migready/migready/templates"
)

// BenchmarkValidate is what the page does for each pause in typing: the
// answers written as a profile and read back by the profile reader.
func BenchmarkValidate(b *testing.B) {
	data := readExample(b, "nordlys/profile.toml")
	raw, err := inputs.ProfileValues(ProfileName, data)
	if err != nil {
		b.Fatal(err)
	}
	l := templates.MustLoad("nb")
	values, states := formValues(raw, decimalSign(l))
	get := browserPost(values, states)
	b.ReportAllocs()
	for b.Loop() {
		a := readAnswers(get)
		if _, err := inputs.ParseProfile(ProfileName, profileText(l, a, nil)); err != nil {
			b.Fatal(err)
		}
	}
}
