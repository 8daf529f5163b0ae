package disclosure_test

import (
	"fmt"
	"strings"
	"testing"
)

// Characters without a name of their own are named by what they are: a
// fullwidth form with its ASCII twin, else by Unicode category.
func TestIDCharacterKinds(t *testing.T) {
	const rule = ": partner IDs are ASCII letters, digits and . - _ : @"
	for _, c := range []struct{ id, want string }{
		{"\uff41cme", `"\uff41cme" has U+FF41, a fullwidth form at byte 0 (it looks like 'a')`},
		{"a\x01", `"a\x01" has U+0001, a control character, at byte 1`},
		{"a\x7f", `"a\x7f" has U+007F DELETE at byte 1`},
		{"a\u0080", `"a\u0080" has U+0080, a control character, at byte 1`},
		{"a\u206a", `"a\u206a" has U+206A, an invisible format character, at byte 1`},
		{"a\U000e0001", `"a\U000e0001" has U+E0001, an invisible format character, at byte 1`},
		{"a\u1680", `"a\u1680" has U+1680, a space, at byte 1`},
		{"a\u0661", `"a\u0661" has U+0661, a digit outside ASCII, at byte 1`},
		{"a\ue000", `"a\ue000" has U+E000, a character that does not print, at byte 1`},
		{"a\u20ac", `"a\u20ac" has U+20AC, a character outside ASCII, at byte 1`},
	} {
		got := idProblems(t, vtPartner(c.id, "entry", "US").Validate())
		if want := "id: " + c.want + rule; len(got) != 1 || got[0] != want {
			t.Errorf("%+q:\n got %q\nwant %q", c.id, got, want)
		}
	}
}

// IDs may start with any ASCII letter or digit, the last of the alphabet
// included.
func TestIDFirstCharacter(t *testing.T) {
	for _, id := range []string{"zeta", "Zulu-9", "z", "Z", "0-z", "9Z"} {
		if got := idProblems(t, vtPartner(id, "entry", "US").Validate()); got != nil {
			t.Errorf("%q: %q, want valid", id, got)
		}
	}
	// The characters next to the letters and digits in ASCII are refused.
	for _, id := range []string{"[a", "{a", "`a", "/a"} {
		want := fmt.Sprintf(`id: %q has U+%04X '%c' at byte 0: partner IDs are ASCII letters, digits and . - _ : @`, id, id[0], id[0])
		if got := idProblems(t, vtPartner(id, "entry", "US").Validate()); len(got) != 1 || got[0] != want {
			t.Errorf("%q:\n got %q\nwant %q", id, got, want)
		}
	}
}

// An ID is quoted whole in a message up to 80 bytes, and cut after fewer
// than 80 beyond that, at the start of a character.
func TestIDQuotedInMessages(t *testing.T) {
	const tooLong = " bytes long: partner IDs are at most 64"
	const rule = ": partner IDs are ASCII letters, digits and . - _ : @"
	for _, c := range []struct{ id, want string }{
		{strings.Repeat("a", 80), `"` + strings.Repeat("a", 80) + `" is 80` + tooLong},
		{strings.Repeat("a", 81), `"` + strings.Repeat("a", 80) + `"... is 81` + tooLong},
		// Byte 80 is inside an é: the cut is before it.
		{"a" + strings.Repeat("\u00e9", 50), `"a` + strings.Repeat(`\u00e9`, 39) + `"... has U+00E9, a letter outside ASCII, at byte 1` + rule},
		// No character starts in the first 80 bytes: nothing is quoted.
		{strings.Repeat("\x80", 100), `""... has invalid UTF-8 byte 0x80 at byte 0` + rule},
	} {
		got := idProblems(t, vtPartner(c.id, "entry", "US").Validate())
		if want := "id: " + c.want; len(got) != 1 || got[0] != want {
			t.Errorf("%d bytes %+.20q:\n got %q\nwant %q", len(c.id), c.id, got, want)
		}
	}
}

// Advisory IDs of printable ASCII are accepted without a closer look;
// these are the edges of that shortcut, where the closer look decides.
func TestAdvisoryIDEdges(t *testing.T) {
	const rule = ": advisory IDs are printable text without leading or trailing space"
	long := "\u00c4" + strings.Repeat("A", 254) // 256 bytes, not ASCII
	for _, c := range []struct{ id, want string }{
		{long, ""},
		{"~RHSA~", ""},
		{"\u00c4rger", ""},
		{long + "A", `"\u00c4` + strings.Repeat("A", 78) + `"... is 257 bytes long: advisory IDs are at most 256`},
		{"\x01", `"\x01" has U+0001, a control character, at byte 0` + rule},
		{"\x1f\x1f", `"\x1f\x1f" has U+001F, a control character, at byte 0` + rule},
		{"RHSA\x7f", `"RHSA\x7f" has U+007F DELETE at byte 4` + rule},
		{"\u03a9\u200b", `"\u03a9\u200b" has U+200B ZERO WIDTH SPACE at byte 2` + rule},
		{"\u00c4\x80", `"\u00c4\x80" has invalid UTF-8 byte 0x80 at byte 2` + rule},
		{"RHSA\u1680", `"RHSA\u1680" has U+1680, a space, at byte 4` + rule},
		{"RHSA\u0085", `"RHSA\u0085" has U+0085 NEXT LINE at byte 4` + rule},
		{"RHSA\u0080", `"RHSA\u0080" has U+0080, a control character, at byte 4` + rule},
		{"RHSA\u206a", `"RHSA\u206a" has U+206A, an invisible format character, at byte 4` + rule},
		{"RHSA\ue000", `"RHSA\ue000" has U+E000, a character that does not print, at byte 4` + rule},
		{"RHSA\u034f", `"RHSA\u034f" has U+034F COMBINING GRAPHEME JOINER at byte 4` + rule},
		{"RHSA\u2800", `"RHSA\u2800" has U+2800 BRAILLE PATTERN BLANK at byte 4` + rule},
		{"RHSA\ufe00", `"RHSA\ufe00" has U+FE00 VARIATION SELECTOR-1 at byte 4` + rule},
		{"RHSA\U000e0100", `"RHSA\U000e0100" has U+E0100, a character outside ASCII, at byte 4` + rule},
		{"RHSA\U000e01ef", `"RHSA\U000e01ef" has U+E01EF, a character outside ASCII, at byte 4` + rule},
		{"RHSA\U0001f512", ""},
	} {
		a := vtAdvisory()
		a.ID = c.id
		got := idProblems(t, a.Validate())
		switch {
		case c.want == "" && got != nil:
			t.Errorf("%+.20q: %q, want valid", c.id, got)
		case c.want != "" && (len(got) != 1 || got[0] != "id: "+c.want):
			t.Errorf("%+.20q:\n got %q\nwant %q", c.id, got, "id: "+c.want)
		}
	}
}
