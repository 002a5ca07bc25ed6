package render

import (
	"bytes"
	"encoding/json"
	"io"
)

// encodeIndented writes v as encoding/json's Encoder with SetIndent("",
// "  ") and SetEscapeHTML(false) writes it, byte for byte
// (TestIndentJSONAsEncodingJSON), in half the time: the encoder indents
// with its general scanner, a state machine stepped once per byte, which
// took more than half of writing the 4 MB summary of 50,000 users;
// indentJSON does the same in one pass over JSON it knows is compact.
func encodeIndented(w io.Writer, v any) error {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(indentJSON(make([]byte, 0, compact.Len()*2), compact.Bytes()))
	return err
}

// indentJSON appends src, compact JSON as encoding/json writes it (no
// space outside strings but a final newline), to dst with each element on
// a line of its own, indented two spaces a level, and empty objects and
// arrays written {} and []: json.Indent's layout.
func indentJSON(dst, src []byte) []byte {
	needIndent := false // an object or array was opened: indent unless it closes at once
	depth := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		if needIndent && c != '}' && c != ']' {
			needIndent = false
			depth++
			dst = newlineIndent(dst, depth)
		}
		switch c {
		case '"':
			// Copy the string as it is, up to its closing quote.
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, len(src)-1)
			dst = append(dst, src[i:j+1]...)
			i = j
		case '{', '[':
			needIndent = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = newlineIndent(dst, depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if needIndent {
				needIndent = false
			} else {
				depth--
				dst = newlineIndent(dst, depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

const indentSpaces = "                                                                " // 32 levels

func newlineIndent(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	for n := 2 * depth; n > 0; {
		k := min(n, len(indentSpaces))
		dst = append(dst, indentSpaces[:k]...)
		n -= k
	}
	return dst
}
