package disclosure

import (
	"math/rand/v2"
	"testing"

	"github.com/disclosurekit/disclosure/internal/confusable"
)

func TestSkeleton(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"acme", "acme"},
		{"ACME", "acme"},
		{"quiIlmark", "quillmark"},
		{"paypa1", "paypal"},
		{"a|b", "alb"},
		{"0range", "orange"},
		{"acrne", "acme"},
		{"vvidget", "widget"},
		{"c1oud", "doud"},
		{"cIoud", "doud"},
		{"rnrn", "mm"},
		{"vvv", "wv"},
		{"p-5", "p-5"}, // 5 and s are told apart
		{"p-8", "p-8"},
		{"acme-i", "acme-i"},                       // lower-case i is not l
		{"\u0430\u0441m\u0435", "acme"},            // Cyrillic a, es, ie
		{"\u0391\u039a\u039c\u0395", "akme"},       // Greek Alpha, Kappa, Mu, Epsilon
		{"\u0456\u0406", "il"},                     // Cyrillic i and I
		{"\uff41\uff43\uff4d\uff45", "acme"},       // fullwidth
		{"\u0440\u043f", "p\u043f"},                // Cyrillic er is p; pe is kept, lower-cased
		{"\u0421\u04cf\u043e\u0075\u0501", "doud"}, // ES, palochka, o, u, komi de
		{"Zz", "zz"},
		{"\u0080a", "\u0080a"},           // the first code point outside ASCII is kept
		{"a\x80\xffb", "a\ufffd\ufffdb"}, // a stray byte stands for U+FFFD
	} {
		if got := string(appendSkeleton(nil, c.in)); got != c.want {
			t.Errorf("skeleton(%+q) = %+q, want %+q", c.in, got, c.want)
		}
	}
	// Every look-alike maps to an ASCII letter and is not valid in an ID.
	confusable.All(func(r rune, l confusable.Letter) {
		if l.Latin >= 0x80 || !(l.Latin >= 'a' && l.Latin <= 'z' || l.Latin >= 'A' && l.Latin <= 'Z') {
			t.Errorf("%U maps to %q", r, l.Latin)
		}
		if idProblem(string(r)+"x", "IDs") == "" {
			t.Errorf("%U accepted in an ID", r)
		}
	})
}

// findClashes gives the same answer compared pairwise and through maps:
// checked against the definition on random lists of look-alike letters.
func TestFindClashesAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	letters := []string{"a", "r", "n", "m", "l", "1", "I", "i", "0", "o", "O", "c", "d", "v", "w", "\u0430", ""}
	for range 3000 {
		n := 2 + r.IntN(24)
		ids := make([]string, n)
		for i := range ids {
			for k := r.IntN(4); k >= 0; k-- {
				ids[i] += letters[r.IntN(len(letters))]
			}
		}
		want := make([]int, n)
		for i := range ids {
			want[i] = -1
			if ids[i] == "" {
				continue
			}
			fi, si := string(appendFold(nil, ids[i])), string(appendSkeleton(nil, ids[i]))
			for j := range i {
				if ids[j] != "" && string(appendFold(nil, ids[j])) == fi {
					want[i] = j
					break
				}
			}
			for j := 0; j < i && want[i] < 0; j++ {
				if ids[j] != "" && string(appendSkeleton(nil, ids[j])) == si {
					want[i] = j
				}
			}
		}
		got := make([]int, n)
		for i := range got {
			got[i] = -1
		}
		findClashes(n, func(i int) string { return ids[i] }, func(i, j int) {
			if got[i] != -1 {
				t.Fatalf("%q: %d reported twice", ids, i)
			}
			got[i] = j
		})
		for i := range ids {
			if got[i] != want[i] {
				t.Fatalf("%q: ID %d clashes with %d, want %d", ids, i, got[i], want[i])
			}
		}
	}
}

// The hashes of IDs, in one pass for ASCII ones, are those of their keys.
func TestKeyHashes(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "aArRnNmlLiI1|0oOcCdDvVwWzZ-.\x00\x80\xc3\xa9"
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		f, k := keyHashes(s)
		if f != fnv(appendFold(nil, s)) || k != fnv(appendSkeleton(nil, s)) {
			t.Fatalf("%q: hashes differ from those of its keys %q and %q", s, appendFold(nil, s), appendSkeleton(nil, s))
		}
	}
}
