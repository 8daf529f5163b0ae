package confusable

import (
	"testing"
	"unicode"
)

func TestLookup(t *testing.T) {
	for _, c := range []struct {
		r, latin rune
		name     string
	}{
		{'\u0420', 'P', "CYRILLIC CAPITAL LETTER ER"},
		{'\u043e', 'o', "CYRILLIC SMALL LETTER O"},
		{'\u03bf', 'o', "GREEK SMALL LETTER OMICRON"},
		{'\u04cf', 'l', "CYRILLIC SMALL LETTER PALOCHKA"},
	} {
		if l, ok := Lookup(c.r); !ok || l.Latin != c.latin || l.Name != c.name {
			t.Errorf("Lookup(%U) = %+v, %v, want %q %q", c.r, l, ok, c.latin, c.name)
		}
	}
	for _, r := range []rune{'a', 'P', '\u043f', '\u03c0', '\uff30'} {
		if l, ok := Lookup(r); ok {
			t.Errorf("Lookup(%U) = %+v, want none", r, l)
		}
	}
	n := 0
	All(func(r rune, l Letter) {
		n++
		if !unicode.In(r, unicode.Cyrillic, unicode.Greek) || !unicode.IsLetter(r) {
			t.Errorf("%U is not a Cyrillic or Greek letter", r)
		}
		if l.Latin > 'z' || !unicode.IsLetter(l.Latin) || unicode.IsUpper(r) != unicode.IsUpper(l.Latin) {
			t.Errorf("%U maps to %q", r, l.Latin)
		}
	})
	if n != len(letters) || n < 40 {
		t.Errorf("All gave %d letters of %d", n, len(letters))
	}
}

func TestFullwidth(t *testing.T) {
	for _, c := range []struct {
		r, want rune
		ok      bool
	}{
		{'\uff01', '!', true}, {'\uff30', 'P', true}, {'\uff4f', 'o', true}, {'\uff10', '0', true},
		{'\uff5e', '~', true}, {'\uff00', '\uff00', false}, {'\uff5f', '\uff5f', false}, {'P', 'P', false},
	} {
		if got, ok := Fullwidth(c.r); got != c.want || ok != c.ok {
			t.Errorf("Fullwidth(%U) = %q, %v, want %q, %v", c.r, got, ok, c.want, c.ok)
		}
	}
}
