package trace_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/disclosurekit/disclosure/trace"
)

// foldAt inserts sep every width bytes, as a hard wrapper does, so that
// breaks fall inside codes.
func foldAt(b []byte, width int, sep string) []byte {
	var out []byte
	for len(b) > width {
		out = append(append(out, b[:width]...), sep...)
		b = b[width:]
	}
	return append(out, b...)
}

// wrapWords re-wraps text at width on spaces, each line starting with
// prefix, as fmt, an e-mail client or an editor does.
func wrapWords(b []byte, width int, prefix string) []byte {
	var out, line []byte
	for _, w := range strings.Fields(string(b)) {
		if len(line) > 0 && len(line)+1+len(w) > width {
			out = append(append(append(out, prefix...), line...), '\n')
			line = line[:0]
		}
		if len(line) > 0 {
			line = append(line, ' ')
		}
		line = append(line, w...)
	}
	return append(append(out, prefix...), line...)
}

func utf16Bytes(b []byte, bigEndian bool) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(string(b))) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// TestTransformations: the marks of a copy survive each transformation the
// package documentation lists, and a text copy, its proof of concept and
// its JSON keep every code.
func TestTransformations(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(100)
	d := mustMark(t, a, ps[42], testKey)
	ix, err := trace.NewIndex(testKey, a, ps)
	if err != nil {
		t.Fatal(err)
	}
	// The copy as a partner would read it: every section and artifact as text.
	var text []byte
	for _, s := range d.Advisory.Sections {
		text = fmt.Appendf(text, "%s\n%s\n\n", s.Title, s.Body)
	}
	for _, f := range d.Advisory.Artifacts {
		text = fmt.Appendf(text, "--- %s\n%s\n", f.Name, f.Data)
	}
	poc := artifact(t, d, "poc.py")
	jsonCopy := mustJSON(t, d)

	type transform struct {
		name string
		f    func([]byte) []byte
	}
	transforms := []transform{
		{"as is", func(b []byte) []byte { return b }},
		{"upper case", bytes.ToUpper},
		{"lower case", bytes.ToLower},
		{"swapped case", func(b []byte) []byte {
			return bytes.Map(func(r rune) rune {
				if r >= 'a' && r <= 'z' {
					return r - 32
				} else if r >= 'A' && r <= 'Z' {
					return r + 32
				}
				return r
			}, b)
		}},
		{"CRLF", func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }},
		{"CR", func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r")) }},
		{"tabs and indentation", func(b []byte) []byte {
			return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\n"), []byte("\n\t\t")), []byte(" "), []byte("\t"))
		}},
		{"quoted in an e-mail, re-wrapped at 72", func(b []byte) []byte { return wrapWords(b, 72, "> ") }},
		{"re-wrapped at 20 as a comment", func(b []byte) []byte { return wrapWords(b, 20, "# ") }},
		{"quoted-printable soft breaks", func(b []byte) []byte { return foldAt(b, 75, "=\r\n") }},
		{"hyphenated at 9", func(b []byte) []byte { return foldAt(b, 9, "-\n") }},
		{"folded at 11 with a quote marker", func(b []byte) []byte { return foldAt(b, 11, "\n> ") }},
		{"zero-width spaces everywhere", func(b []byte) []byte { return bytes.Join(bytes.Split(b, nil), []byte("\u200b")) }},
		{"Markdown emphasis", func(b []byte) []byte { return regexp.MustCompile(`[0-9A-Z]{13}`).ReplaceAll(b, []byte("**$0**")) }},
		{"retyped with O for 0 and l for 1", func(b []byte) []byte {
			return regexp.MustCompile(`[0-9A-Z]{13}`).ReplaceAllFunc(b, func(c []byte) []byte {
				return bytes.ReplaceAll(bytes.ReplaceAll(c, []byte("0"), []byte("O")), []byte("1"), []byte("l"))
			})
		}},
		{"UTF-16LE", func(b []byte) []byte { return utf16Bytes(b, false) }},
		{"UTF-16BE", func(b []byte) []byte { return utf16Bytes(b, true) }},
		{"lower case, CRLF, re-wrapped at 7", func(b []byte) []byte { return foldAt(bytes.ToLower(b), 7, "\r\n") }},
	}
	for width := 1; width <= 80; width++ {
		transforms = append(transforms, transform{fmt.Sprintf("folded at %d", width), func(b []byte) []byte { return foldAt(b, width, "\n") }})
	}
	for _, tr := range transforms {
		for _, in := range []struct {
			name  string
			b     []byte
			codes int
		}{
			{"text", text, codesPerPartner},
			{"poc.py", poc, 2},
			{"JSON", jsonCopy, codesPerPartner},
		} {
			if in.name == "JSON" && tr.name != "as is" && !strings.HasPrefix(tr.name, "folded") {
				// Only the text in the JSON is transformed here; base64
				// has its own test.
				continue
			}
			leak := tr.f(bytes.Clone(in.b))
			ms := ix.Identify(leak)
			checkFound(t, leak, ms)
			if len(ms) != 1 || ms[0].Partner != ps[42].ID {
				t.Errorf("%s, %s: identified %s", in.name, tr.name, partners(ms))
				continue
			}
			if in.name == "JSON" && strings.HasPrefix(tr.name, "folded") {
				// The folds break the base64 of the artifacts at arbitrary
				// places; the text's codes remain.
				if ms[0].Distinct < codesPerPartner-3 {
					t.Errorf("%s, %s: %d codes found, want at least %d", in.name, tr.name, ms[0].Distinct, codesPerPartner-3)
				}
				continue
			}
			if ms[0].Distinct != in.codes {
				t.Errorf("%s, %s: %d codes found, want %d", in.name, tr.name, ms[0].Distinct, in.codes)
			}
		}
	}
}

// TestBase64: codes in base64, as in a Disclosure's JSON, as MIME wraps it,
// URL-safe, and in fragments cut at any alignment.
func TestBase64(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(10)
	d := mustMark(t, a, ps[7], testKey)
	poc := artifact(t, d, "poc.py")
	std := base64.StdEncoding.EncodeToString(poc)
	mime := func(s, eol string) []byte { return foldAt([]byte(s), 76, eol) }
	leaks := map[string][]byte{
		"standard":            []byte(std),
		"URL-safe, unpadded":  []byte(base64.RawURLEncoding.EncodeToString(poc)),
		"MIME lines, CRLF":    mime(std, "\r\n"),
		"PEM lines, LF":       foldAt([]byte(std), 64, "\n"),
		"in an e-mail header": append([]byte("Content-Transfer-Encoding: base64\r\n\r\n"), mime(std, "\r\n")...),
	}
	for cut := range 8 {
		leaks[fmt.Sprintf("fragment from character %d", cut)] = []byte(`"` + std[cut:])
	}
	for name, leak := range leaks {
		m := only(t, identify(t, leak, testKey, a, ps), ps[7].ID)
		checkFound(t, leak, []trace.Match{m})
		if m.Distinct != 2 {
			t.Errorf("%s: %d codes, want 2: %+v", name, m.Distinct, m.Found)
		}
		for _, f := range m.Found {
			if f.Encoding != "base64" || f.End-f.Offset < 18 || f.End-f.Offset > 24 {
				t.Errorf("%s: %+v is not a code of 18 to 24 base64 characters", name, f)
			}
		}
	}
}

// TestWhatBreaksACode: the changes the package documentation says a code
// does not survive.
func TestWhatBreaksACode(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(10)
	d := mustMark(t, a, ps[1], testKey)
	body := []byte(d.Advisory.Sections[0].Body) // one code
	code := regexp.MustCompile(`[0-9A-Z]{13}`).Find(body)
	if code == nil || only(t, identify(t, body, testKey, a, ps), ps[1].ID).Distinct != 1 {
		t.Fatalf("the description %q does not identify its partner", body)
	}
	i := bytes.Index(body, code)
	replace := func(with string) []byte {
		return append(append(bytes.Clone(body[:i]), with...), body[i+len(code):]...)
	}
	changed := bytes.Clone(code)
	changed[5] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[(strings.IndexByte("0123456789ABCDEFGHJKMNPQRSTVWXYZ", changed[5])+1)%32]
	for name, leak := range map[string][]byte{
		"one character changed":  replace(string(changed)),
		"one character deleted":  replace(string(code[:6]) + string(code[7:])),
		"a line number inside":   replace(string(code[:6]) + "\n12 " + string(code[6:])),
		"an HTML tag inside":     replace(string(code[:6]) + "<br>" + string(code[6:])),
		"a JSON \\n inside":      replace(string(code[:6]) + `\n` + string(code[6:])),
		"hexadecimal":            []byte(hex.EncodeToString(body)),
		"base64 in changed case": bytes.ToLower([]byte(base64.StdEncoding.EncodeToString(artifact(t, d, "poc.py")))),
	} {
		// A mark changed in place still reads as a mark, of no partner.
		if ms, err := trace.Identify(leak, testKey, a, ps); ms != nil || err != nil && !errors.Is(err, trace.ErrWrongKey) {
			t.Errorf("%s: %q identified %s, error %v", name, leak, partners(ms), err)
		}
	}
}

// TestCodeAlphabet: codes use the 32 symbols, upper case, 13 of them.
func TestCodeAlphabet(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(200)
	seen := map[rune]int{}
	for _, d := range markedPlan(t, a, ps, testKey) {
		for _, m := range identify(t, mustJSON(t, d), testKey, a, ps) {
			for _, f := range m.Found {
				if !regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{13}$`).MatchString(f.Code) {
					t.Fatalf("code %q", f.Code)
				}
				for _, r := range f.Code {
					seen[r]++
				}
			}
		}
	}
	if len(seen) != 32 {
		t.Errorf("%d symbols used, want 32: %v", len(seen), seen)
	}
}
