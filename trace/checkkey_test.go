package trace_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

// markBodies returns an advisory with one description section for each of
// bodies, and those bodies as Mark writes them for partner p under key,
// without a reference (the partner does not receive the summary).
func markBodies(t *testing.T, key []byte, bodies ...string) (disclosure.Advisory, []string) {
	t.Helper()
	a := disclosure.Advisory{ID: "ADV-2025-0079", Revision: 1, Title: "Marks and their context"}
	for _, b := range bodies {
		a.Sections = append(a.Sections, disclosure.Section{Class: disclosure.ClassDescription, Body: b})
	}
	d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true,
		Classes: []disclosure.Class{disclosure.ClassDescription}, Advisory: a}
	m, err := trace.Mark(d, key)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(m.Advisory.Sections))
	for i, s := range m.Advisory.Sections {
		out[i] = s.Body
	}
	return a, out
}

// TestCheckKeyContext: CheckKey finds a mark by the text around it on its
// line, wherever the mark is (at the start or the end of the text or of a
// line, between letters, with as little context as it looks for), not in a
// code cut short, nor in 13 code characters that are part of a longer word;
// its error names the first mark and the first placeholder whose place it
// fits.
func TestCheckKeyContext(t *testing.T) {
	// want is the first mark's offset, or none for no error; the mark is
	// always where a copy has the code of the placeholder of sections[0].
	type want int
	const none want = -1
	type tc struct {
		name   string
		bodies []string
		// leak makes the text from the bodies marked under another key and
		// the first code in them.
		leak func(marked []string, code string) string
		want want
	}
	whole := func(marked []string, _ string) string { return marked[0] }
	const startOfLine = "{{mark}} is the build"
	const endOfLine = "Build {{mark}}\nNext line."
	cases := []tc{
		{"a mark at the start of the text", []string{startOfLine}, whole, 0},
		{"a mark at the start of a line", []string{startOfLine},
			func(m []string, _ string) string { return "Line 1:\n" + m[0] }, 8},
		// Twice the same context: one placeholder to look for, two marks.
		{"the same mark twice", []string{startOfLine + "\n" + startOfLine}, whole, 0},
		{"a mark at the end of a line", []string{endOfLine}, whole, 6},
		{"a mark at the end of the text", []string{endOfLine},
			func(_ []string, c string) string { return "Build " + c }, 6},
		{"a mark cut short at the end of the text", []string{endOfLine},
			func(_ []string, c string) string { return "Build " + c[:7] }, none},
		{"a mark between letters", []string{"padding=AAAA{{mark}}AAAA"}, whole, 12},
		{"four bytes of context", []string{"id: {{mark}}"}, whole, 4},
		{"a copy cut between two codes", []string{"id: {{mark}}{{mark}}"},
			func(_ []string, c string) string { return "id: " + c }, 4},
		{"a mark that two placeholders' context fits", []string{"id: {{mark}}", "{{mark}} done"},
			func(_ []string, c string) string { return "id: " + c + " done" }, 4},
	}
	// Where a placeholder's context ends at the mark, the mark must not
	// continue a word on that side: a letter or digit there, the first or
	// last of a range, makes it no mark; any other byte, those just outside
	// the ranges included, does not.
	for _, c := range []byte("09AZaz/:@[`{ -") {
		inWord := '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
		before, after := want(1), want(6)
		if inWord {
			before, after = none, none
		}
		cases = append(cases,
			tc{fmt.Sprintf("%q before a mark at the start of a line", c), []string{startOfLine},
				func(m []string, _ string) string { return string(c) + m[0] }, before},
			tc{fmt.Sprintf("%q after a mark at the end of a line", c), []string{endOfLine},
				func(_ []string, code string) string { return "Build " + code + string(c) }, after})
	}
	for _, tc := range cases {
		a, marked := markBodies(t, otherKey, tc.bodies...)
		code := codeRE.FindString(marked[0])
		if code == "" {
			t.Fatalf("%s: no code in %q", tc.name, marked[0])
		}
		text := tc.leak(marked, code)
		ix, err := trace.NewIndex(testKey, a, []disclosure.Partner{{ID: "p"}})
		if err != nil {
			t.Fatal(err)
		}
		err = ix.CheckKey([]byte(text))
		if tc.want == none {
			if err != nil {
				t.Errorf("%s: %q: %v, want no error", tc.name, text, err)
			}
			continue
		}
		at := int(tc.want)
		msg := fmt.Sprintf("the first, %s at bytes %d-%d, is where a copy has the code of the {{mark}} in sections[0].body",
			text[at:at+13], at, at+13)
		if !errors.Is(err, trace.ErrWrongKey) || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: %q: %v, want %v saying %q", tc.name, text, err, trace.ErrWrongKey, msg)
		}
	}
}

// TestCheckKeyFirstPartner: the codes of the first partner in the list are
// known like any other's.
func TestCheckKeyFirstPartner(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(3)
	ix, err := trace.NewIndex(testKey, a, ps)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		d := mustMark(t, a, p, testKey)
		ref := d.Advisory.Sections[len(d.Advisory.Sections)-1].Body
		if err := ix.CheckKey([]byte(ref)); err != nil {
			t.Errorf("%s: its reference under the right key: %v", p.ID, err)
		}
	}
}
