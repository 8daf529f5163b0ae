package closest

import "testing"

func TestMatch(t *testing.T) {
	ids := []string{"quillmark", "jinlumo", "ardentic", "ab", "us-entry", "us-entree"}
	at := func(i int) string { return ids[i] }
	for _, c := range []struct{ s, want string }{
		{"quillmark", "quillmark"},
		{"Quillmark", "quillmark"}, // case only
		{"QUILLMARK", "quillmark"},
		{"quilmark", "quillmark"},  // one deleted
		{"quillmrak", "quillmark"}, // two edits
		{"JinLumo", "jinlumo"},
		{"qwxllmzrk", ""},          // three edits
		{"cd", ""},                 // two edits, but of two bytes
		{"ac", ""},                 // one edit of two bytes: over one for every three
		{"us-entrie", "us-entree"}, // the closer of two
		{"us-entr", "us-entry"},    // a tie goes to the first
		{"", ""},
		{string(make([]byte, 300)), ""},
	} {
		if got := Match(c.s, len(ids), at); got != c.want {
			t.Errorf("Match(%q) = %q, want %q", c.s, got, c.want)
		}
	}
	if got := Match("x", 0, at); got != "" {
		t.Errorf("no candidates: %q", got)
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"flaw", "lawn", 2}, {"same", "same", 0}} {
		if got := distance(c.a, c.b); got != c.d {
			t.Errorf("distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
		if got := distance(c.b, c.a); got != c.d {
			t.Errorf("distance(%q, %q) = %d, want %d", c.b, c.a, got, c.d)
		}
	}
}

func TestMatchTie(t *testing.T) {
	ids := []string{"abcx", "abcy"}
	if got := Match("abcz", len(ids), func(i int) string { return ids[i] }); got != "abcx" {
		t.Errorf("a tie: %q, want the first, abcx", got)
	}
}
