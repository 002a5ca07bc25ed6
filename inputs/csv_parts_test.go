package inputs

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// An export read in parts on several cores gives what one reading gives,
// users, rows and errors, wherever its parts meet; the parts are joined
// when they meet at rows' ends, and the whole export read again when they
// do not.
func TestReadInParts(t *testing.T) {
	defer func(n int) { readInPartsBytes = n }(readInPartsBytes)
	const header = "Users\r\nUser ID;First name;Last name;E-mail;Can log in;Type\r\n"
	plain := func(i int) string { return fmt.Sprintf("U%d;Kari%d;Nordmann;k%d@x.no;Yes;1\r\n", i, i, i) }
	export := func(n int, row func(i int) string) string {
		var b strings.Builder
		b.WriteString(header)
		for i := range n {
			b.WriteString(row(i))
		}
		return b.String()
	}
	at := func(which map[int]string) func(int) string {
		return func(i int) string {
			if r, ok := which[i]; ok {
				return r
			}
			return plain(i)
		}
	}
	cases := []struct {
		name   string
		text   string
		joined bool // the halves are joined
	}{
		{"plain", export(400, plain), true},
		{"no line break at the end", strings.TrimSuffix(export(400, plain), "\r\n"), true},
		{"empty rows in several parts and at the end", export(400, at(map[int]string{3: ";;;;\r\n", 350: ";;;;\r\n",
			351: "\r\n", 398: ";;;;;\r\n", 399: "\r\n"})), true},
		{"no users in the later parts", export(400, func(i int) string {
			if i > 150 {
				return ";;;;;\r\n"
			}
			return plain(i)
		}), true},
		{"values over several lines in two parts", export(400, at(map[int]string{10: "U10;\"Kari\r\nAnne\";N;k10@x.no;Yes;1\r\n",
			300: "U300;\"Per\nOla\";N;p@x.no;No;1\r\n"})), true},
		// The middle of the text, where two parts meet, is in the long value.
		{"a value over the line where two parts meet", export(400, at(map[int]string{200: "U200;\"" +
			strings.Repeat("Kari\r\n", 5000) + "Kari\";N;k@x.no;Yes;1\r\n"})), false},
		{"a lone CR ends the rows of the later parts", export(400, func(i int) string {
			if i > 250 {
				return strings.TrimSuffix(plain(i), "\n")
			}
			return plain(i)
		}), true},
		{"a lone CR ends the rows of the first parts", export(400, func(i int) string {
			if i < 150 {
				return strings.TrimSuffix(plain(i), "\n")
			}
			return plain(i)
		}), true},
		{"an error in the first part", export(400, at(map[int]string{20: "U20;A;B;a@x.no;Yes;1;extra\r\n"})), false},
		{"an error in the last part", export(400, at(map[int]string{380: "U380;A;B;a@x.no;Yes;1;extra\r\n"})), false},
		{"another delimiter in a later part", export(400, at(map[int]string{300: "U300,A,B,c,Yes,1\r\n"})), false},
		{"an unclosed quote in the last part", export(400, at(map[int]string{390: "U390;\"A;B;a@x.no;Yes;1\r\n"})), false},
	}
	cases = append(cases, struct {
		name   string
		text   string
		joined bool
	}{"the header in the second part", strings.Repeat("Title ", 1000) + "\r\n" + export(400, plain), false})
	for _, c := range cases {
		readInPartsBytes = 1 << 40
		want, wantErr := ParseUsers("users.csv", []byte(c.text), "")
		readInPartsBytes = 1000
		got, err := ParseUsers("users.csv", []byte(c.text), "")
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(err, wantErr) {
			t.Errorf("%s: read in parts: %+v, %v\nin one: %+v, %v", c.name, got, err, want, wantErr)
		}
		rows, _ := sniffRows(c.text, ';')
		h, _, _ := findHeader(rows)
		h = continueHeader(h, rows, nil)
		p := csvParse{name: "users.csv", text: c.text, delim: ';', h: &h}
		if _, ok := p.readInParts(500); ok != c.joined {
			t.Errorf("%s: parts joined %v, want %v", c.name, ok, c.joined)
		}
		if c.joined && (want == nil || len(want.Users) < 150) {
			t.Errorf("%s: %v users", c.name, want)
		}
	}
}

// FuzzReadInParts: whatever the rows, reading in parts (here from the
// smallest export up) gives exactly what one reading gives: the same users
// at the same rows, the same empty rows, the same error.
func FuzzReadInParts(f *testing.F) {
	const header = "Users\r\nUser ID;First name;Last name;E-mail;Can log in;Type\r\n"
	f.Add("U1;Kari;Nordmann;k@x.no;Yes;1\r\nU2;\"Per\r\nOla\";N;p@x.no;No;1\r\n;;;;\r\n\r\nU3;A;B;a@x.no;Yes;1")
	f.Add("U1;A;B;a@x.no;Yes;1\rU2;A;B;b@x.no;Yes;1\rU3;\"A;B;c@x.no;Yes;1\n")
	f.Add(strings.Repeat("U9;A;B;a@x.no;Yes;1\r\n", 40) + "U10,A,B,c,Yes,1\r\n")
	// Plain rows around the fuzzed ones, so that the header ends in the
	// first part and the parts meet in and around them.
	plain := strings.Repeat("U0;Kari;Nordmann;k@x.no;Yes;1\r\n", 30)
	f.Fuzz(func(t *testing.T, body string) {
		text := header + plain + body + "\r\n" + plain + body
		defer func(n int) { readInPartsBytes = n }(readInPartsBytes)
		readInPartsBytes = 1 << 40
		want, wantErr := ParseUsers("users.csv", []byte(text), "")
		readInPartsBytes = 1
		got, err := ParseUsers("users.csv", []byte(text), "")
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(err, wantErr) {
			t.Errorf("read in parts: %+v, %v\nin one: %+v, %v", got, err, want, wantErr)
		}
	})
}
