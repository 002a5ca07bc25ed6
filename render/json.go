package render

import (
	"encoding/json"
	"io"

	"github.com/migready/migready/readiness"
)

// JSON writes the summary document. HTML escaping is off so that customer
// data appears literally (a JSON file is never executed; consumers that embed
// it in a page must escape it themselves, as with any data).
func JSON(w io.Writer, a *readiness.Assessment) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(a)
}
