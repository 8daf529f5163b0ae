package disclosure

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The fold key of an ID is the ID lower-cased as strings.ToLower does it,
// invalid UTF-8 included: checked on random strings of ASCII, letters
// outside ASCII and stray bytes.
func TestAppendFoldIsToLower(t *testing.T) {
	pieces := []string{"a", "A", "z", "Z", "@", "[", "`", "{", "0", "-", "\u00c4", "\u00e4", "\u0130", "\u03a9", "\x80", "\xc3", "\xff"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		var b strings.Builder
		for k := r.IntN(6); k >= 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := string(appendFold(nil, s)), strings.ToLower(s); got != want {
			t.Fatalf("appendFold(%+q) = %+q, want %+q", s, got, want)
		}
	}
	// Appending keeps what b holds.
	if got := string(appendFold([]byte("x:"), "AbC\u00c4")); got != "x:abc\u00e4" {
		t.Errorf("appendFold after x: = %+q", got)
	}
}
