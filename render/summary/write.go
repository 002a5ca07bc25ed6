package summary

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/migready/migready/readiness/assessment"
)

// encodeIndented writes v as encoding/json's Encoder with SetIndent("",
// "  ") and SetEscapeHTML(false) writes it, byte for byte
// (TestIndentJSONAsEncodingJSON), in half the time: the encoder indents
// with its general scanner, a state machine stepped once per byte, which
// took more than half of writing the 3 MB summary of 50,000 users;
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
	var in indenter
	return in.append(dst, src)
}

// An indenter is indentJSON fed in pieces, each of whole tokens (no piece
// ends inside a string).
type indenter struct {
	depth      int
	needIndent bool // an object or array was opened: indent unless it closes at once
}

func (in *indenter) append(dst, src []byte) []byte {
	for i := 0; i < len(src); i++ {
		c := src[i]
		if in.needIndent && c != '}' && c != ']' {
			in.needIndent = false
			in.depth++
			dst = newlineIndent(dst, in.depth)
		}
		switch c {
		case '"':
			// Copy the string as it is, up to its closing quote: the
			// first quote not escaped, one after an even number of
			// backslashes.
			j := i + 1
			for {
				k := bytes.IndexByte(src[j:], '"')
				if k < 0 {
					j = len(src) - 1
					break
				}
				j += k
				n := 0
				for p := j - 1; p > i && src[p] == '\\'; p-- {
					n++
				}
				if n%2 == 0 {
					break
				}
				j++
			}
			dst = append(dst, src[i:j+1]...)
			i = j
		case '{', '[':
			in.needIndent = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = newlineIndent(dst, in.depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if in.needIndent {
				in.needIndent = false
			} else {
				in.depth--
				dst = newlineIndent(dst, in.depth)
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

// writeDocument writes doc as encodeIndented does, byte for byte
// (TestWriteAsEncodingJSON), but the findings, nearly all of a large
// export's summary, are written by appendFinding rather than by
// encoding/json's reflection, on two cores, and the document is written
// 32 kB at a time with the findings built once, indented, rather than
// whole three times over (the compact encoding, the findings put in, the
// indented copy: 10 MB for 50,000 users). The rest of the document is
// encoded with every check's findings left out (null), and the findings
// are written in their place.
func writeDocument(w io.Writer, doc *Document) error {
	findings := make([][]Finding, len(doc.Checks))
	for i := range doc.Checks {
		findings[i], doc.Checks[i].Findings = doc.Checks[i].Findings, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(doc)
	for i := range doc.Checks {
		doc.Checks[i].Findings = findings[i]
	}
	if err != nil {
		return err
	}
	compact := b.Bytes()
	// Each check's findings must stand as one null of its own, and every
	// finding's arguments and notes must encode, before anything is
	// written; otherwise encoding/json writes it all (or fails as it
	// would).
	if bytes.Count(compact, []byte(summaryFindingsNull)) != len(findings) {
		return encodeIndented(w, doc)
	}
	// Every check's findings array opens in the same indenter state (the
	// checks are the elements of one array); each finding is then written
	// in a state known beforehand, so the findings are encoded and indented
	// on two cores, each finding once, before anything is written.
	open, ok := arrayState(compact, len(findings))
	if !ok {
		return encodeIndented(w, doc)
	}
	encoded, ok := encodeFindings(findings, open)
	if !ok {
		return encodeIndented(w, doc)
	}

	const chunk = 32 << 10
	out := make([]byte, 0, chunk+4<<10)
	var in indenter
	write := func(force bool) error {
		if len(out) < chunk && !force {
			return nil
		}
		_, err := w.Write(out)
		out = out[:0]
		return err
	}
	k := 0
	for _, fs := range findings {
		i := bytes.Index(compact, []byte(summaryFindingsNull))
		out = in.append(out, compact[:i])
		out = in.append(out, []byte(`,"findings":[`))
		for range fs {
			out = append(out, encoded.finding(k)...)
			k++
			if err := write(false); err != nil {
				return err
			}
		}
		if len(fs) > 0 {
			in = indenter{depth: open.depth + 1}
		}
		out = in.append(out, []byte("]}"))
		compact = compact[i+len(summaryFindingsNull):]
	}
	out = in.append(out, compact)
	return write(true)
}

// arrayState is the indenter's state where each of the n checks' findings
// arrays opens, in compact (the document with the findings left out): ok
// when it is the same for all of them, as it is for the elements of one
// array.
func arrayState(compact []byte, n int) (indenter, bool) {
	var in, open indenter
	var scratch []byte
	for c := range n {
		i := bytes.Index(compact, []byte(summaryFindingsNull))
		scratch = in.append(scratch[:0], compact[:i])
		scratch = in.append(scratch[:0], []byte(`,"findings":[`))
		if c == 0 {
			open = in
		}
		if in != open || !in.needIndent {
			return open, false
		}
		// After findings or none, the array closes as encoding/json
		// closes it; the state after "]" does not depend on them.
		in = indenter{depth: open.depth + 1}
		scratch = in.append(scratch[:0], []byte("]}"))
		compact = compact[i+len(summaryFindingsNull):]
	}
	return open, true
}

// encodedFindings are the findings written as they appear in the document,
// indented, one after another.
type encodedFindings struct {
	buf  [2][]byte
	ends [][2]int // by finding: its half, and where it ends in that half's buffer
}

func (e *encodedFindings) finding(k int) []byte {
	half, end := e.ends[k][0], e.ends[k][1]
	start := 0
	if k > 0 && e.ends[k-1][0] == half {
		start = e.ends[k-1][1]
	}
	return e.buf[half][start:end]
}

// encodeFindings encodes and indents every finding, the first of each
// check in the state open (its array just opened), the others after the
// comma that separates them; the second half of them on another core. ok
// is false when a finding's arguments or notes do not encode.
func encodeFindings(findings [][]Finding, open indenter) (*encodedFindings, bool) {
	type ref struct {
		f     *Finding
		first bool
	}
	var all []ref
	for _, fs := range findings {
		for j := range fs {
			all = append(all, ref{&fs[j], j == 0})
		}
	}
	e := &encodedFindings{ends: make([][2]int, len(all))}
	split := len(all)
	if len(all) >= 512 {
		split = len(all) / 2
	}
	var failed [2]bool
	encode := func(half, lo, hi int) {
		var one []byte
		buf := make([]byte, 0, 640*(hi-lo))
		for k := lo; k < hi; k++ {
			p, ok := encodeParts(all[k].f)
			if !ok {
				failed[half] = true
				return
			}
			in := indenter{depth: open.depth + 1}
			one = one[:0]
			if all[k].first {
				in = open
			} else {
				one = append(one, ',')
			}
			one = appendFinding(one, all[k].f, p)
			buf = in.append(buf, one)
			e.ends[k] = [2]int{half, len(buf)}
		}
		e.buf[half] = buf
	}
	var wg sync.WaitGroup
	if split < len(all) {
		wg.Go(func() { encode(1, split, len(all)) })
	}
	encode(0, 0, split)
	wg.Wait()
	return e, !failed[0] && !failed[1]
}

// summaryFindingsNull is how a check's findings left out are encoded: the
// last member of its object. A JSON string cannot hold these bytes (its
// quotes would be escaped), so each is a check's findings.
const summaryFindingsNull = `,"findings":null}`

// findingParts are the members of a finding that encoding/json encodes by
// their own methods: its arguments and its notes (nil for none).
type findingParts struct{ args, track []byte }

func encodeParts(f *Finding) (findingParts, bool) {
	var p findingParts
	if args, ok := appendArgs(nil, f.Args); ok {
		p.args = args
	} else {
		// encoding/json calls the same method, and compacts what it
		// returns, which encoding/json wrote compact already.
		args, err := f.Args.MarshalJSON()
		if err != nil || !json.Valid(args) {
			return p, false
		}
		p.args = args
	}
	if f.Track != nil {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if enc.Encode(f.Track) != nil {
			return p, false
		}
		p.track = bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	}
	return p, true
}

// appendArgs appends as as Args.MarshalJSON writes them, when their
// values are of the kinds findings hold: strings, ints, Texts and Lists of
// them. ok is false for any other value, or a name encoding/json would
// escape (Args.MarshalJSON writes its names with HTML escaping).
func appendArgs(dst []byte, as assessment.Args) (_ []byte, ok bool) {
	dst = append(dst, '{')
	for i, a := range as {
		if i > 0 {
			dst = append(dst, ',')
		}
		if strings.ContainsAny(a.Name, "<>&") {
			return dst, false
		}
		dst = appendJSONString(dst, a.Name)
		dst = append(dst, ':')
		switch v := a.Value.(type) {
		case string:
			dst = appendJSONString(dst, v)
		case int:
			dst = strconv.AppendInt(dst, int64(v), 10)
		case assessment.Text:
			if dst, ok = appendText(dst, v); !ok {
				return dst, false
			}
		case assessment.List:
			if v == nil {
				dst = append(dst, "null"...)
				break
			}
			dst = append(dst, '[')
			for j, t := range v {
				if j > 0 {
					dst = append(dst, ',')
				}
				if dst, ok = appendText(dst, t); !ok {
					return dst, false
				}
			}
			dst = append(dst, ']')
		default:
			return dst, false
		}
	}
	return append(dst, '}'), true
}

// appendText appends t as encoding/json encodes an assessment.Text.
func appendText(dst []byte, t assessment.Text) (_ []byte, ok bool) {
	dst = append(dst, `{"key":`...)
	dst = appendJSONString(dst, t.Key)
	if t.Plural {
		dst = append(dst, `,"plural":true`...)
	}
	if len(t.Args) > 0 {
		dst = append(dst, `,"args":`...)
		if dst, ok = appendArgs(dst, t.Args); !ok {
			return dst, false
		}
	}
	return append(dst, '}'), true
}

// appendFinding appends f, its arguments and notes encoded in p, as
// encoding/json encodes a Finding (compact, HTML characters not escaped).
func appendFinding(dst []byte, f *Finding, p findingParts) []byte {
	dst = append(dst, `{"kind":`...)
	dst = appendJSONString(dst, f.Kind)
	dst = append(dst, `,"key":`...)
	dst = appendJSONString(dst, f.Key)
	dst = append(dst, `,"row":`...)
	dst = strconv.AppendInt(dst, int64(f.Row), 10)
	dst = append(dst, `,"user_id":`...)
	dst = appendJSONString(dst, f.UserID)
	dst = append(dst, `,"name":`...)
	dst = appendJSONString(dst, f.Name)
	dst = append(dst, `,"email":`...)
	dst = appendJSONString(dst, f.Email)
	dst = append(dst, `,"args":`...)
	dst = append(dst, p.args...)
	dst = append(dst, `,"problem":`...)
	dst = appendJSONString(dst, f.Problem)
	dst = append(dst, `,"action":`...)
	dst = appendJSONString(dst, f.Action)
	if p.track != nil {
		dst = append(dst, `,"track":`...)
		dst = append(dst, p.track...)
	}
	return append(dst, '}')
}

// appendJSONString appends s quoted as encoding/json quotes a string with
// HTML escaping off: quote, backslash and control characters escaped
// (\b \f \n \r \t by name), invalid UTF-8 as \ufffd, U+2028 and U+2029 as
// \u2028 and \u2029, everything else as it is.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
