package csaf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// decodeStd decodes JSON with encoding/json, numbers as json.Number.
func decodeStd(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("encoding/json: %v\n%s", err, data)
	}
	return v
}

// FuzzParseJSON checks the parser and encoders against encoding/json: the
// parser accepts exactly the valid JSON without repeated keys or excessive
// nesting, and what the encoders write decodes to what encoding/json
// decodes from the input.
func FuzzParseJSON(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{`"\ud83d\ude00 \ud800 \udc00x \ud800\u0041 \u2028 <&> \u0000"`, "\"\xff\xfe\"", `[1e2, -0.0, 1E+2, 0.5e-3]`,
		`{"a": {"a": [{}, [], ""]}}`, `{"a": 1, "a": 2}`, `[`, `{"a" 1}`, `tru`, `01`, `1.`, `"\x"`, `[1,]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, serr := parseJSON(data)
		if serr != nil {
			if json.Valid(data) && !strings.Contains(serr.msg, "duplicate key") && !strings.Contains(serr.msg, "nesting deeper") {
				t.Fatalf("valid JSON refused: %s: %s", serr.path, serr.msg)
			}
			return
		}
		if !json.Valid(data) {
			t.Fatalf("invalid JSON accepted")
		}
		want := decodeStd(t, data)
		compact := encodeCompact(nil, tree)
		indented := encodeJSON(nil, tree, 0)
		for _, out := range [][]byte{compact, indented} {
			if got := decodeStd(t, out); !reflect.DeepEqual(got, want) {
				t.Fatalf("re-encoded value differs:\n%s\nfrom\n%s", out, data)
			}
		}
	})
}

// FuzzAppendString checks that strings are written as encoding/json writes
// them with HTML escaping off.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote \" back \\ slash", "\n\r\t\b\f\x00\x1f\x7f", "<&>", "\u2028\u2029", "\xff", "é 😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(b.String(), "\n")
		if got := string(appendString(nil, s)); got != want {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}

// TestParseErrors checks the paths and byte offsets of syntax errors.
func TestParseErrors(t *testing.T) {
	tests := []struct{ in, path, msg string }{
		{`{"a": [1, 2, x]}`, "a[2]", "invalid JSON at byte 13: invalid character 'x' looking for beginning of value"},
		{`{"a": {"b": "c\u12"}}`, "a.b", `invalid JSON at byte 18: invalid character '"' in \u hexadecimal character escape`},
		{`{"a": "` + "\x01" + `"}`, "a", `invalid JSON at byte 7: invalid character '\x01' in string literal`},
		{`{"a": 1 "b": 2}`, "", "invalid JSON at byte 8: invalid character '\"' after object key:value pair"},
		{`[1 2]`, "", "invalid JSON at byte 3: invalid character '2' after array element"},
		{`{"a": -}`, "a", "invalid JSON at byte 7: invalid character '}' in numeric literal"},
		{`{"a": nul}`, "a", "invalid JSON at byte 9: invalid character '}' in literal null (expecting 'l')"},
		{`{"x y": [{"z": 1, "z": 2}]}`, `["x y"][0].z`, `duplicate key "z"`},
		{`[] []`, "", "unexpected data after the JSON value at byte 3"},
		{"\xef\xbb\xbf{}", "", `invalid JSON at byte 0: invalid character '\xef' looking for beginning of value`},
	}
	for _, tt := range tests {
		_, err := parseJSON([]byte(tt.in))
		if err == nil || err.path != tt.path || err.msg != tt.msg {
			t.Errorf("parseJSON(%q) = %+v, want %q at %q", tt.in, err, tt.msg, tt.path)
		}
	}
}

// TestParseManyKeys checks repeated keys in large objects, where a map
// replaces the linear search.
func TestParseManyKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range 40 {
		fmt.Fprintf(&b, `"k%d": 1, `, i)
	}
	b.WriteString(`"k3": 2}`)
	if _, err := parseJSON([]byte(b.String())); err == nil || err.msg != `duplicate key "k3"` {
		t.Errorf("got %+v, want a duplicate key", err)
	}
}

// TestAppendStringBytes checks the bytes around the end of ASCII and
// the characters escaped in strings.
func TestAppendStringBytes(t *testing.T) {
	for in, want := range map[string]string{
		"\x80": `"\ufffd"`, "a\x80b": `"a\ufffdb"`, "\xc2\x80": "\"\xc2\x80\"", "\x7f": "\"\x7f\"", "\x1f ": `"\u001f "`,
		"\u2027\u2028\u2029\u202a": "\"\u2027\\u2028\\u2029\u202a\"", "\xe2\x80": `"\ufffd\ufffd"`,
	} {
		if got := string(appendString(nil, in)); got != want {
			t.Errorf("appendString(%q) = %s, want %s", in, got, want)
		}
	}
}
