package inputs

import "github.com/BurntSushi/toml"

// What a form that asks the profile's questions (migready serve) needs of
// the profile reader: the ranges it checks numbers against, and a saved
// profile's values before they are checked. Both come from the reader
// itself, so the form and a profile file cannot disagree.

// NumberRange is the range the profile accepts for the number at key
// ("onsite.database_gb"), from the one table the profile reader checks
// against; ok is false for a key that is not a number with a range. A form
// that asks for the number says the range in its own words.
func NumberRange(key string) (lo, hi float64, loOpen, ok bool) {
	for _, r := range append(profileRanges[:len(profileRanges):len(profileRanges)], customTablesRange) {
		if qualified(r.table, r.key) == key {
			return r.min, r.max, r.minOpen, true
		}
	}
	return 0, 0, false, false
}

// ProfileValues decodes a profile as ParseProfile reads it (in any of the
// encodings Notepad and PowerShell save) into its values, by table and key,
// without checking them: for a form that shows a saved profile's answers,
// those ParseProfile would refuse included, at their fields. A file that is
// no TOML gets the error ParseProfile gives it.
func ProfileValues(path string, data []byte) (map[string]any, error) {
	text, ok := toUTF8(data)
	if !ok || len(data) > MaxProfileBytes {
		return nil, &Error{File: path, Msg: "not a TOML profile (binary or too large)", Hint: "pass the customer's profile.toml; the user export goes in its users key or -users"}
	}
	var raw map[string]any
	if _, err := toml.Decode(text, &raw); err != nil {
		return nil, syntaxError(path, text, err)
	}
	return raw, nil
}
