package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// fpdf compresses each page's content stream with a zlib writer of its own:
// about 1.2 MB allocated and cleared per page, 0.8 ms of a page's 0.9 ms of
// compressing, and most of a pack's allocations. So the PDF is written with
// fpdf's compression off, and compressPages then compresses the page
// contents with writers kept in a free list. zlib at the same level gives
// the same bytes from a reset writer as from a new one, so the result is
// byte for byte what fpdf writes with compression on
// (TestCompressPagesAsFpdf). fpdf compresses the fonts' streams itself in
// either case.

// pageFlaters is a short free list of idle writers rather than a
// sync.Pool, which every garbage collection empties.
var pageFlaters = make(chan *zlib.Writer, 4)

func getFlater(dst *bytes.Buffer) *zlib.Writer {
	select {
	case zw := <-pageFlaters:
		zw.Reset(dst)
		return zw
	default:
		zw, err := zlib.NewWriterLevel(dst, zlib.BestSpeed) // fpdf's level
		if err != nil {
			panic(err) // only for an invalid level
		}
		return zw
	}
}

func putFlater(zw *zlib.Writer) {
	select {
	case pageFlaters <- zw:
	default:
	}
}

// errLayout is returned by compressPages for a file whose layout it does
// not know; the caller then lets fpdf compress.
var errLayout = errors.New("pdf: unexpected layout of fpdf's output")

// compressPages appends to dst the PDF src, written by fpdf with
// compression off, with the content stream of every page compressed as
// fpdf's SetCompression(true) does it, and the cross-reference table
// moved to match. It reads only what fpdf writes: a classic
// cross-reference table, page objects starting "<</Type /Page" that end
// "/Contents N 0 R>>", and content objects "<</Length L>>" followed by the
// stream.
func compressPages(dst, src []byte) ([]byte, error) {
	offsets, xref, err := readXref(src)
	if err != nil {
		return nil, err
	}
	// The page objects name their content objects.
	contents := map[int]bool{}
	for n, off := range offsets[1:] {
		n++
		obj := src[off:]
		head := fmt.Appendf(nil, "%d 0 obj\n<</Type /Page\n", n)
		if !bytes.HasPrefix(obj, head) {
			continue
		}
		end := bytes.Index(obj, []byte("\nendobj\n"))
		i := bytes.LastIndex(obj[:max(end, 0)], []byte("/Contents "))
		if end < 0 || i < 0 {
			return nil, errLayout
		}
		ref := obj[i+len("/Contents ") : end]
		num, ok := bytes.CutSuffix(ref, []byte(" 0 R>>"))
		c, err := strconv.Atoi(string(num))
		if !ok || err != nil || c <= 0 || c >= len(offsets) {
			return nil, errLayout
		}
		contents[c] = true
	}
	if len(contents) == 0 {
		return nil, errLayout
	}

	// Objects in the order they appear in the file.
	order := make([]int, 0, len(offsets))
	for n := 1; n < len(offsets); n++ {
		order = append(order, n)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })

	moved := make([]int, len(offsets))
	var z bytes.Buffer
	pos := 0
	for _, n := range order {
		off := offsets[n]
		if off < pos {
			return nil, errLayout
		}
		dst = append(dst, src[pos:off]...)
		moved[n] = len(dst)
		pos = off
		if !contents[n] {
			continue
		}
		head := fmt.Appendf(nil, "%d 0 obj\n<</Length ", n)
		rest, ok := bytes.CutPrefix(src[off:], head)
		i := bytes.Index(rest, []byte(">>\nstream\n"))
		if !ok || i < 0 {
			return nil, errLayout
		}
		length, err := strconv.Atoi(string(rest[:i]))
		data := rest[i+len(">>\nstream\n"):]
		const tail = "\nendstream\nendobj\n"
		if err != nil || length < 0 || length+len(tail) > len(data) || string(data[length:length+len(tail)]) != tail {
			return nil, errLayout
		}
		z.Reset()
		zw := getFlater(&z)
		_, werr := zw.Write(data[:length])
		cerr := zw.Close()
		putFlater(zw)
		if werr != nil || cerr != nil {
			return nil, errors.Join(werr, cerr)
		}
		dst = fmt.Appendf(dst, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", n, z.Len())
		dst = append(dst, z.Bytes()...)
		dst = append(dst, tail...)
		pos = len(src) - len(data) + length + len(tail)
	}
	if pos > xref {
		return nil, errLayout
	}
	dst = append(dst, src[pos:xref]...)
	newXref := len(dst)
	dst = fmt.Appendf(dst, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for n := 1; n < len(offsets); n++ {
		dst = fmt.Appendf(dst, "%010d 00000 n \n", moved[n])
	}
	trailer := src[xref+xrefLen(len(offsets)):]
	i := bytes.LastIndex(trailer, []byte("startxref\n"))
	if i < 0 {
		return nil, errLayout
	}
	dst = append(dst, trailer[:i+len("startxref\n")]...)
	dst = strconv.AppendInt(dst, int64(newXref), 10)
	dst = append(dst, "\n%%EOF\n"...)
	return dst, nil
}

// xrefLen is the length of fpdf's cross-reference table of n objects
// (object 0 included): "xref\n0 n\n" and n lines of 20 bytes.
func xrefLen(n int) int { return len("xref\n0 \n") + len(strconv.Itoa(n)) + 20*n }

// readXref reads the object offsets (index: object number; 0 unused) and
// the offset of the cross-reference table from the end of src.
func readXref(src []byte) (offsets []int, xref int, err error) {
	body, ok := bytes.CutSuffix(src, []byte("\n%%EOF\n"))
	i := bytes.LastIndex(body, []byte("\nstartxref\n"))
	if !ok || i < 0 {
		return nil, 0, errLayout
	}
	xref, err = strconv.Atoi(string(body[i+len("\nstartxref\n"):]))
	if err != nil || xref <= 0 || xref >= len(src) {
		return nil, 0, errLayout
	}
	t, ok := bytes.CutPrefix(src[xref:], []byte("xref\n0 "))
	nl := bytes.IndexByte(t, '\n')
	if !ok || nl < 0 {
		return nil, 0, errLayout
	}
	n, err := strconv.Atoi(string(t[:nl]))
	t = t[nl+1:]
	if err != nil || n < 2 || len(t) < 20*n || string(t[:20]) != "0000000000 65535 f \n" {
		return nil, 0, errLayout
	}
	offsets = make([]int, n)
	for j := 1; j < n; j++ {
		e := t[20*j : 20*j+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || off <= 0 || off >= xref {
			return nil, 0, errLayout
		}
		offsets[j] = off
	}
	return offsets, xref, nil
}
