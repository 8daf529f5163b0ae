package csaf

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// syntaxCases are texts at the edges of the JSON grammar: each character
// class the scanner tests, and the characters just outside it.
var syntaxCases = []string{
	// numbers
	`0`, `-0`, `9`, `-9`, `10`, `-`, `-a`, `-/`, `-:`, `01`, `-01`, `1.`, `1.a`, `1./`, `1.:`, `1.0`, `0.9`,
	`1e`, `1e+`, `1e-`, `1e/`, `1e:`, `1E0`, `1e9`, `1E+9`, `1e-0`, `1.5e3`, `[/]`, `[:]`, `[-]`, `[1.]`,
	`123456789`, `1ea`, `1.5.5`, `--1`, `+1`,
	// strings
	`""`, `" ~\u007f"`, "\"\x1f\"", "\" \x7f\"", "\"\x80\"", "\"\xc3\xa9\"", "\"\xe2\x82\"", "\"\xf0\x9f\x98\x80\"",
	`"\"\\\/\b\f\n\r\t"`, `"\a"`, `"\'"`, `"\U0041"`, `"\u0000"`, `"\u00e9\u00E9"`, `"\u09AF\u0aFf"`,
	`"\u00g0"`, `"\u00G0"`, `"\u00:0"`, `"\u00/0"`, `"\u00@0"`, "\"\\u00`0\"", `"\u12"`, `"\u"`,
	`"\uD83D\uDE00"`, `"\ud83d\ude00"`, `"\uD800"`, `"\uDC00"`, `"\uD800\u0041"`, `"\uD800\uD800"`, `"\uDBFF\uDFFF"`,
	`"\uD800x"`, `"\uD800\"`, `"\uD800\u"`, `"\uD800\uZ"`, `"\uD800\\"`, `"\uE000"`, `"\uD7FF"`,
	// literals
	`true`, `false`, `null`, `t`, `tru`, `trux`, `nul`, `nulx`, `fals`, `falsy`, `nulll`, `True`, `n`,
	// whitespace
	" \t\r\n1 \t\r\n", "\v1", "\f1", "[\t1\r,\n2 ]", "{\t\"a\"\r:\n1 }",
	// structures
	`{}`, `{ }`, `[]`, `[ ]`, `{"a":1,}`, `{,}`, `[,]`, `[1,,2]`, `[1,]`, `{"a" 1}`, `{"a":1 "b":2}`,
	`{1:2}`, `[1 2]`, `{"a":}`, `{"a"`, `{"a":1`, `[1`, `[[]`, `[{}`, `{"a":[]`, `{"a":{}}`, `[[],[[]],{}]`,
	`{"a":1}}`, `[1]]`, `[] x`, `{} `, `]`, `}`, `:`, `,`,
}

// TestParseMatchesEncodingJSON checks the parser against encoding/json on
// texts at the edges of the grammar: it accepts what encoding/json
// accepts, to the same value, and refuses the rest at the byte and with
// the words of encoding/json.
func TestParseMatchesEncodingJSON(t *testing.T) {
	for _, in := range syntaxCases {
		data := []byte(in)
		tree, serr := parseJSON(data)
		var std any
		err := json.Unmarshal(data, &std)
		if err == nil {
			if serr != nil {
				t.Errorf("%q: refused valid JSON: %s", in, serr.msg)
				continue
			}
			if got, want := plain(tree), decodeStd(t, data); !reflect.DeepEqual(got, want) {
				t.Errorf("%q: read as %#v, encoding/json reads %#v", in, got, want)
			}
			continue
		}
		if serr == nil {
			t.Errorf("%q: accepted invalid JSON", in)
			continue
		}
		var jerr *json.SyntaxError
		if !errors.As(err, &jerr) {
			t.Fatalf("%q: %v", in, err)
		}
		// encoding/json reports the end of the text at its last byte, as
		// a space it reads after it; the parser after it.
		off, want := jerr.Offset, fmt.Sprintf("invalid JSON at byte %d: %s", jerr.Offset-1, jerr)
		atEnd := jerr.Offset == int64(len(data)) && !strings.HasSuffix(in, " ") && strings.HasPrefix(jerr.Error(), "invalid character ' '")
		if atEnd || jerr.Error() == "unexpected end of JSON input" {
			off, want = off+1, fmt.Sprintf("invalid JSON at byte %d: unexpected end of JSON input", len(data))
		}
		if serr.pos != off {
			t.Errorf("%q: error at byte %d (%s), encoding/json at %d (%v)", in, serr.pos, serr.msg, jerr.Offset, jerr)
		}
		if strings.Contains(jerr.Error(), "after top-level value") {
			want = fmt.Sprintf("unexpected data after the JSON value at byte %d", jerr.Offset-1)
		}
		if serr.msg != want {
			t.Errorf("%q: error %q, want %q", in, serr.msg, want)
		}
	}
}

// plain returns a tree as encoding/json decodes JSON with UseNumber.
func plain(v any) any {
	switch v := v.(type) {
	case *object:
		m := make(map[string]any, len(v.members))
		for _, mb := range v.members {
			m[mb.key] = plain(mb.val)
		}
		return m
	case []any:
		a := make([]any, len(v))
		for i, e := range v {
			a[i] = plain(e)
		}
		return a
	case number:
		return json.Number(v)
	}
	return v
}

// TestParseNotASCII checks the bytes that are not ASCII: kept in strings
// when they are UTF-8, replaced with U+FFFD when not, and named as bytes
// in errors outside strings.
func TestParseNotASCII(t *testing.T) {
	for in, want := range map[string]string{
		"\"\x80\"": "\ufffd", "\"a\xc3\"": "a\ufffd", "\"\xc2\x80\"": "\u0080", "\"\xff\xfe\"": "\ufffd\ufffd",
		"\"\xed\xa0\x80\"": "\ufffd\ufffd\ufffd", "\"\xf4\x8f\xbf\xbf\"": "\U0010ffff", "\"\xe2\x80\xa8\"": "\u2028",
	} {
		tree, serr := parseJSON([]byte(in))
		if serr != nil || tree != want {
			t.Errorf("parseJSON(%q) = %q, %+v; want %q", in, tree, serr, want)
		}
	}
	for in, want := range map[string]string{
		"[\x80]":      `invalid JSON at byte 1: invalid character '\x80' looking for beginning of value`,
		"[1\x7f]":     `invalid JSON at byte 2: invalid character '\x7f' after array element`,
		"{\"a\"\xff}": `invalid JSON at byte 4: invalid character '\xff' after object key`,
	} {
		if _, serr := parseJSON([]byte(in)); serr == nil || serr.msg != want {
			t.Errorf("parseJSON(%q) = %+v, want %s", in, serr, want)
		}
	}
}

// TestParseTruncated checks that every proper prefix of a document is
// refused as cut short, at its end, whatever it ends in.
func TestParseTruncated(t *testing.T) {
	doc := `{"a": [1, -2.5e+3, 0.5E-1, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9\uD83D\uDE00\uD800 é"],` +
		" \"b\" :\t{\"c\": [], \"d\": {}, \"e\": [[0], {\"f\": -0}]}\n}"
	if _, serr := parseJSON([]byte(doc)); serr != nil {
		t.Fatalf("the whole document: %s", serr.msg)
	}
	for n := range len(doc) {
		prefix := []byte(doc[:n])
		_, serr := parseJSON(prefix)
		switch {
		case serr == nil:
			t.Errorf("%q: accepted", prefix)
		case strings.TrimSpace(string(prefix)) == "":
			if serr.msg != "no JSON value" {
				t.Errorf("%q: %s", prefix, serr.msg)
			}
		case serr.msg != fmt.Sprintf("invalid JSON at byte %d: unexpected end of JSON input", n) || serr.pos != int64(n)+1:
			t.Errorf("%q: %s (position %d)", prefix, serr.msg, serr.pos)
		}
	}
}

// TestParseErrorPaths checks the paths of errors inside nested arrays and
// objects, where the stacks of members and elements hold the outer ones.
func TestParseErrorPaths(t *testing.T) {
	tests := []struct{ in, path string }{
		{`[[1, 2], [3, x]]`, "[1][1]"},
		{`[[1, 2], {"a": [4, 5, 6, x]}]`, "[1].a[3]"},
		{`{"a": [{"b": 1, "c": [7, 8]}, {"d": [9, x]}]}`, "a[1].d[1]"},
		{`{"a": 1, "b": {"c": 2, "c": 3}}`, "b.c"},
		{`[{"a": 1}, {"b": 1, "a": 2, "b": 3}]`, "[1].b"},
		{`{"a": [1, 2], "b": [3, x]}`, "b[1]"},
	}
	for _, tt := range tests {
		_, serr := parseJSON([]byte(tt.in))
		if serr == nil || serr.path != tt.path {
			t.Errorf("parseJSON(%q) = %+v, want an error at %q", tt.in, serr, tt.path)
		}
	}
}

// TestParseDepth checks the limit of nesting: maxDepth levels are read,
// one more is refused at the byte that opens it.
func TestParseDepth(t *testing.T) {
	for _, open := range []string{"[", `{"k":`} {
		close := map[string]string{"[": "]", `{"k":`: "}"}[open]
		ok := strings.Repeat(open, maxDepth) + "0" + strings.Repeat(close, maxDepth)
		if _, serr := parseJSON([]byte(ok)); serr != nil {
			t.Errorf("%s × %d: %s", open, maxDepth, serr.msg)
		}
		deep := strings.Repeat(open, maxDepth+1) + "0" + strings.Repeat(close, maxDepth+1)
		_, serr := parseJSON([]byte(deep))
		at := len(open) * maxDepth
		if serr == nil || serr.msg != fmt.Sprintf("invalid JSON at byte %d: nesting deeper than %d levels", at, maxDepth) || serr.pos != int64(at)+1 {
			t.Errorf("%s × %d: %+v", open, maxDepth+1, serr)
		}
	}
}

// TestParseDuplicateKeys checks repeated keys at each size of object,
// across the change from a search of the members to a map of them.
func TestParseDuplicateKeys(t *testing.T) {
	for n := 1; n <= 40; n++ {
		for _, dup := range []int{0, n / 2, n - 1} {
			var b strings.Builder
			b.WriteString(`{"outer": 1, "o": {`)
			for i := range n {
				fmt.Fprintf(&b, `"k%d": %d, `, i, i)
			}
			fmt.Fprintf(&b, `"k%d": 0}}`, dup)
			_, serr := parseJSON([]byte(b.String()))
			if want := fmt.Sprintf(`duplicate key "k%d"`, dup); serr == nil || serr.msg != want || serr.path != fmt.Sprintf("o.k%d", dup) {
				t.Errorf("%d members, k%d again: %+v", n, dup, serr)
			}
			distinct := strings.Replace(b.String(), fmt.Sprintf(`"k%d": 0}`, dup), `"last": 0}`, 1)
			tree, serr := parseJSON([]byte(distinct))
			if serr != nil {
				t.Fatalf("%d distinct members: %s", n, serr.msg)
			}
			if o, _ := memberAs[*object](tree.(*object), "o"); len(o.members) != n+1 {
				t.Errorf("%d distinct members: read %d", n, len(o.members))
			}
		}
	}
}

// TestAppendKey checks which keys are written plainly in paths.
func TestAppendKey(t *testing.T) {
	tests := []struct{ key, want string }{
		{"az", "p.az"}, {"AZ", "p.AZ"}, {"09", "p.09"}, {"_$-+", "p._$-+"},
		{"a`", "p[\"a`\"]"}, {"a{", `p["a{"]`}, {"a@", `p["a@"]`}, {"a[", `p["a["]`}, {"a/", `p["a/"]`},
		{"a:", `p["a:"]`}, {"a.", `p["a."]`}, {"a b", `p["a b"]`}, {"", `p[""]`}, {"é", `p["é"]`},
		{"a,", `p["a,"]`}, {"a*", `p["a*"]`}, {"a#", `p["a#"]`}, {"a%", `p["a%"]`},
	}
	for _, tt := range tests {
		if got := join("p", tt.key); got != tt.want {
			t.Errorf("join(p, %q) = %s, want %s", tt.key, got, tt.want)
		}
	}
	if got := join("", "a"); got != "a" {
		t.Errorf(`join("", "a") = %s`, got)
	}
}
