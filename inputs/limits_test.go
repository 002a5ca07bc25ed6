package inputs

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestReadFileLimits(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sparse := func(name string, size int64) string {
		p := write(name, nil)
		if err := os.Truncate(p, size); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name   string
		path   string
		role   Role
		msg    string
		column string
	}{
		{"folder", dir, RoleUsers, "is a folder", ""},
		{"missing", filepath.Join(dir, "nope.csv"), RoleUsers, "file not found", ""},
		{"export too large", sparse("big.csv", MaxUsersBytes+1), RoleUsers, "the file is 32.0 MB, over the 32 MB limit for a user export", ""},
		{"profile too large", sparse("big.toml", MaxProfileBytes+1), RoleProfile, "over the 1 MB limit for a profile", ""},
		{"logo too large", sparse("big.png", MaxLogoBytes+1), RoleLogo, "over the 5 MB limit for a logo", "brand.logo"},
		{"logo folder", dir, RoleLogo, "is a folder", "brand.logo"},
	}
	if st, err := os.Stat(os.DevNull); err == nil && st.Mode()&os.ModeDevice != 0 {
		tests = append(tests, struct {
			name   string
			path   string
			role   Role
			msg    string
			column string
		}{"device", os.DevNull, RoleUsers, "is a device, not a regular file", ""})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFile(tt.path, tt.role)
			var e *Error
			if !errors.As(err, &e) || e.File != tt.path || !strings.Contains(e.Msg, tt.msg) || e.Hint == "" || e.Key != tt.column {
				t.Errorf("ReadFile(%s) = %#v, want %q", tt.path, err, tt.msg)
			}
		})
	}
	ok := write("ok.csv", []byte("Login;Email\nola;o@x.no\n"))
	if data, err := ReadFile(ok, RoleUsers); err != nil || string(data) != "Login;Email\nola;o@x.no\n" {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	empty := write("empty.csv", nil)
	if data, err := ReadFile(empty, RoleUsers); err != nil || len(data) != 0 {
		t.Errorf("ReadFile(empty) = %q, %v", data, err)
	}
}

func TestCustomerNameLimit(t *testing.T) {
	long := strings.Repeat("Å", MaxCustomerNameChars+1)
	_, err := ParseProfile("p.toml", []byte(strings.Replace(goodProfile, "Nordlys Energi AS", long, 1)))
	var e *Error
	if !errors.As(err, &e) || e.Line != 3 || e.Key != "customer.name" ||
		!strings.Contains(e.Msg, "201 characters long; the limit is 200") {
		t.Errorf("error = %#v", err)
	}
	ok := strings.Repeat("Å", MaxCustomerNameChars)
	if _, err := ParseProfile("p.toml", []byte(strings.Replace(goodProfile, "Nordlys Energi AS", ok, 1))); err != nil {
		t.Error(err)
	}
}

// bombPart is a zip part of size zero bytes (whole megabytes), really
// compressed; declared, when not 0, is the size the zip says it has.
type bombPart struct {
	name     string
	size     int
	declared uint64
}

// zipBomb is a workbook whose named parts inflate to size zero bytes each.
// It is built here rather than kept as a file: the repository stays small.
func zipBomb(t testing.TB, parts ...bombPart) []byte {
	t.Helper()
	base := book(t, "Users", rowsAt(1, []any{"Login", "Email"}, []any{"ola", "ola@x.no"}))
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	replaced := map[string]bool{}
	// A megabyte of zeros, deflated once and repeated: the blocks only
	// refer back to zeros, so the repeats are a valid stream.
	var mb bytes.Buffer
	fw, _ := flate.NewWriter(&mb, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	fw.Write(zeros)
	fw.Flush()
	var final bytes.Buffer
	fw, _ = flate.NewWriter(&final, flate.BestCompression)
	fw.Close()
	for _, p := range parts {
		replaced[p.name] = true
		n := p.size >> 20
		crc := uint32(0)
		for range n {
			crc = crc32.Update(crc, crc32.IEEETable, zeros)
		}
		size := uint64(p.size)
		if p.declared != 0 {
			size = p.declared
		}
		raw, err := w.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(n*mb.Len() + final.Len()), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		for range n {
			raw.Write(mb.Bytes())
		}
		raw.Write(final.Bytes())
	}
	for _, f := range zr.File {
		if replaced[f.Name] {
			continue
		}
		if err := w.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestZipBombs: a small workbook that would unpack to hundreds of megabytes
// is refused within 2 s and 300 MB of memory.
func TestZipBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds large compressed parts")
	}
	tests := []struct {
		name  string
		parts []bombPart
		msg   string
	}{
		{"sheet of 200 MB", []bombPart{{name: "xl/worksheets/sheet1.xml", size: 200 << 20}}, "compressed 1"},
		{"a sheet of a gigabyte", []bombPart{{name: "xl/worksheets/sheet1.xml", size: 1 << 30}}, "unpacks to more than 256 MB"},
		{"many parts over the total", manyParts(300), "unpacks to more than 256 MB"},
		{"styles of 20 MB", []bombPart{{name: "xl/styles.xml", size: 20 << 20}}, ""},
		{"a part that lies about its size", []bombPart{{name: "xl/worksheets/sheet1.xml", size: 100 << 20, declared: 1000}},
			"the workbook is corrupt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := zipBomb(t, tt.parts...)
			if len(data) > 2<<20 {
				t.Fatalf("the bomb is %d bytes, not small", len(data))
			}
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := ParseUsers("bomb.xlsx", data, "")
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			var e *Error
			if !errors.As(err, &e) || !strings.Contains(e.Msg, tt.msg) || e.Hint == "" {
				t.Errorf("error = %#v", err)
			}
			if took > 2*time.Second {
				t.Errorf("took %v", took)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 300<<20 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
			t.Logf("%s: %v, %d KB file: %s", tt.name, took.Round(time.Millisecond), len(data)>>10, e)
		})
	}
}

// TestReadFileGrowing: a file that is larger than it was at Stat is still
// read no further than the limit (a FIFO cannot show this; a file that
// grows between the calls can, but only by luck, so the bound is tested on
// the reading loop directly).
func TestReadFileBounded(t *testing.T) {
	p := filepath.Join(t.TempDir(), "p.toml")
	if err := os.WriteFile(p, bytes.Repeat([]byte("# x\n"), MaxProfileBytes/4), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := ReadFile(p, RoleProfile)
	if err != nil || len(data) != MaxProfileBytes {
		t.Errorf("%d bytes, %v", len(data), err)
	}
	f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	io.WriteString(f, "x")
	f.Close()
	if _, err := ReadFile(p, RoleProfile); err == nil {
		t.Error("one byte over the limit was read")
	}
}

func manyParts(n int) []bombPart {
	var ps []bombPart
	for i := range n {
		ps = append(ps, bombPart{name: fmt.Sprintf("xl/media/image%d.bin", i), size: 1 << 20})
	}
	return ps
}
