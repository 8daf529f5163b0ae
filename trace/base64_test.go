package trace_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

// oneCode returns an advisory, its partners, and the code of the
// placeholder of its first section in the copy of the second partner.
func oneCode(t *testing.T) (disclosure.Advisory, []disclosure.Partner, string) {
	t.Helper()
	a, ps := markedAdvisory(), manyPartners(3)
	d := mustMark(t, a, ps[1], testKey)
	code := codeRE.FindString(d.Advisory.Sections[0].Body)
	if code == "" {
		t.Fatalf("no code in %q", d.Advisory.Sections[0].Body)
	}
	return a, ps, code
}

// TestBase64Offsets: a code read from base64 is delimited by the base64
// characters it is encoded in, from the one that holds its first bit to the
// one that holds its last, whatever the code's place in a group of 3 bytes
// and wherever the fragment of base64 starts; a block as short as a code
// can be (18 characters) counts, and so does a group that ends the block.
func TestBase64Offsets(t *testing.T) {
	a, ps, code := oneCode(t)
	ix, err := trace.NewIndex(testKey, a, ps)
	if err != nil {
		t.Fatal(err)
	}
	const lead = `"data": "`
	for before := range 6 {
		for after := range 4 {
			data := strings.Repeat("#", before) + code + strings.Repeat("#", after)
			enc := base64.RawStdEncoding.EncodeToString([]byte(data))
			// Byte i of data begins in character 4(i/3) + i%3 and ends in
			// the next one.
			first, last := before, before+len(code)-1
			from, to := 4*(first/3)+first%3, 4*(last/3)+last%3+1
			// A fragment may start anywhere up to the group that holds the
			// code's first byte.
			for cut := 0; cut <= 4*(first/3); cut++ {
				leak := []byte(lead + enc[cut:] + `"`)
				m := only(t, ix.Identify(leak), ps[1].ID)
				want := trace.Found{Code: code, Where: "sections[0].body", Offset: len(lead) + from - cut, End: len(lead) + to + 1 - cut, Encoding: "base64"}
				if len(m.Found) != 1 || m.Found[0] != want {
					t.Errorf("%d bytes before the code, %d after, cut at %d: %q: found %+v, want %+v",
						before, after, cut, leak, m.Found, want)
				}
			}
		}
	}
}

// TestBase64Lines: base64 in lines of whole 4-character groups, as short as
// 16 characters, is read across the line breaks, LF or CRLF, including a
// line break that ends the leak.
func TestBase64Lines(t *testing.T) {
	a, ps, code := oneCode(t)
	poc := artifact(t, mustMark(t, a, ps[1], testKey), "poc.py")
	std := base64.StdEncoding.EncodeToString(poc)
	for _, eol := range []string{"\n", "\r\n"} {
		leak := foldAt([]byte(std), 16, eol)
		m := only(t, identify(t, leak, testKey, a, ps), ps[1].ID)
		checkFound(t, leak, []trace.Match{m})
		if m.Distinct != 2 {
			t.Errorf("lines of 16, %q: %d codes, want 2: %+v", eol, m.Distinct, m.Found)
		}
	}

	// A line of 64 characters, 48 bytes, that ends the leak with its line
	// break.
	data := "# case " + code + strings.Repeat("#", 48-7-len(code))
	line := base64.StdEncoding.EncodeToString([]byte(data))
	for _, eol := range []string{"\n", "\r\n"} {
		leak := []byte(line + eol)
		m := only(t, identify(t, leak, testKey, a, ps), ps[1].ID)
		if len(m.Found) != 1 || m.Found[0].Code != code || m.Found[0].Encoding != "base64" {
			t.Errorf("%q: found %+v, want %s in base64", leak, m.Found, code)
		}
	}
}
