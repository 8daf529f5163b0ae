package disclosure

// Finding identifiers of one list that clash: equal ignoring case, or
// confusable by their skeletons.

import (
	"fmt"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/disclosurekit/disclosure/internal/confusable"
)

// appendFold appends s lower-cased to b: the key under which IDs that
// differ only in case are equal.
func appendFold(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return append(b, strings.ToLower(s[i:])...)
		}
		if c-'A' <= 'Z'-'A' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// appendSkeleton appends to b the skeleton of s, in the spirit of the
// skeletons of Unicode Technical Standard #39: two identifiers with the
// same skeleton can be mistaken for one another. Its rules, deliberately
// few, for IDs that are read in sans-serif fonts and at small sizes:
//
//   - a Cyrillic or Greek letter drawn as a Latin one becomes that letter
//     (see package internal/confusable), a fullwidth form its ASCII twin;
//   - capital I becomes l (they are one glyph in many fonts), then every
//     letter is lower-cased;
//   - 0 becomes o, and 1 and | become l;
//   - the pairs rn, vv and cl, which read as m, w and d, become those
//     letters.
//
// Digits other than 0 and 1 are kept: 5 and s, or 8 and B, are told
// apart in every font an ID is likely to be read in, and mapping them
// would make numbered IDs (p-5, p-s) clash for no good reason.
func appendSkeleton(b []byte, s string) []byte {
	start := len(b)
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r < utf8.RuneSelf {
			r = rune(skeletonByte[r])
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			if l, ok := confusable.Lookup(r); ok {
				r = l.Latin
			} else if a, ok := confusable.Fullwidth(r); ok {
				r = a
			}
			if r < utf8.RuneSelf {
				r = rune(skeletonByte[r])
			} else {
				r = unicode.ToLower(r)
			}
		}
		i += size
		if n := len(b); n > start {
			if m := pairLooksLike(b[n-1], r); m != 0 {
				b[n-1] = m
				continue
			}
		}
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
		} else {
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// skeletonByte maps each ASCII byte to its skeleton.
var skeletonByte = func() (t [utf8.RuneSelf]byte) {
	for c := range utf8.RuneSelf {
		t[c] = byte(unicode.ToLower(rune(c)))
	}
	t['I'], t['1'], t['|'], t['0'] = 'l', 'l', 'l', 'o'
	return t
}()

// pairLooksLike returns the letter that the pair of letters a and b reads
// as (rn, vv, cl: m, w, d), or 0.
func pairLooksLike(a byte, b rune) byte {
	switch {
	case a == 'r' && b == 'n':
		return 'm'
	case a == 'v' && b == 'v':
		return 'w'
	case a == 'c' && b == 'l':
		return 'd'
	}
	return 0
}

// maxPairwise is how many IDs findClashes compares pair by pair; it
// indexes more through maps.
const maxPairwise = 8

// findClashes finds identifiers that clash with an earlier one: for each
// ID i of n (id(i); "" is skipped), it calls clash(i, j) with j the first
// earlier ID equal to it ignoring case, or failing that the first with the
// same skeleton. It takes time linear in the IDs' total length.
func findClashes(n int, id func(int) string, clash func(i, j int)) {
	if n <= 1 {
		return
	}
	if n <= maxPairwise {
		// Few IDs, as the tiers of a policy: compare every pair, most of
		// them by their ends alone, without allocating.
		var ends [maxPairwise]uint16
		for i := range n {
			s := id(i)
			if s == "" {
				continue
			}
			ends[i] = endClasses(s)
			first := -1
			for j := range i {
				if t := id(j); t != "" && endsMatch(ends[i], ends[j]) && sameKey(false, s, t) {
					first = j
					break
				}
			}
			for j := 0; j < i && first < 0; j++ {
				if t := id(j); t != "" && endsMatch(ends[i], ends[j]) && sameKey(true, s, t) {
					first = j
				}
			}
			if first >= 0 {
				clash(i, first)
			}
		}
		return
	}
	// Many IDs, as a partner list: two hash tables of their keys, with
	// open addressing. A slot holds an index plus one, 0 when empty.
	size := 1 << bits.Len(uint(2*n)) // at most half full
	slots := make([]int32, 2*size)
	folds, skels := slots[:size], slots[size:]
	hashes := make([]uint64, 2*n) // each ID's fold key's hash, then its skeleton's
	for i := range n {
		s := id(i)
		if s == "" {
			continue
		}
		hashes[2*i], hashes[2*i+1] = keyHashes(s)
		j := findOrAdd(folds, hashes, 0, i, id)
		if k := findOrAdd(skels, hashes, 1, i, id); j < 0 {
			j = k
		}
		if j >= 0 {
			clash(i, j)
		}
	}
}

// FNV-1a, 64 bits: keys are short, and a collision costs only a
// comparison of the keys.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// keyHashes returns the hashes of s's fold key and skeleton.
func keyHashes(s string) (fold, skeleton uint64) {
	// An ASCII ID, the usual case, has both keys hashed in one pass, as
	// appendFold and appendSkeleton write them, a skeleton byte once the
	// next has been seen not to form a pair with it.
	fold, skeleton = fnvOffset, fnvOffset
	var prev byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			var b [maxIDLen]byte
			return fnv(appendFold(b[:0], s)), fnv(appendSkeleton(b[:0], s))
		}
		if c-'A' <= 'Z'-'A' {
			fold = (fold ^ uint64(c+'a'-'A')) * fnvPrime
		} else {
			fold = (fold ^ uint64(c)) * fnvPrime
		}
		k := skeletonByte[c]
		if i > 0 {
			if m := pairLooksLike(prev, rune(k)); m != 0 {
				prev = m
				continue
			}
			skeleton = (skeleton ^ uint64(prev)) * fnvPrime
		}
		prev = k
	}
	if len(s) > 0 {
		skeleton = (skeleton ^ uint64(prev)) * fnvPrime
	}
	return fold, skeleton
}

func fnv(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// findOrAdd looks up ID i in the hash table slots by its fold key (which
// 0) or skeleton (which 1), whose hash is hashes[2*i+which]: it returns
// the ID of the same key found first, or adds i and returns -1.
func findOrAdd(slots []int32, hashes []uint64, which, i int, id func(int) string) int {
	h, mask := hashes[2*i+which], len(slots)-1
	for k := int(h) & mask; ; k = (k + 1) & mask {
		if slots[k] == 0 {
			slots[k] = int32(i) + 1
			return -1
		}
		if j := int(slots[k]) - 1; hashes[2*j+which] == h && sameKey(which == 1, id(i), id(j)) {
			return j
		}
	}
}

// sameKey reports whether a and b have the same fold key, or with
// skeleton set the same skeleton.
func sameKey(skeleton bool, a, b string) bool {
	var x, y [maxIDLen]byte
	return string(key(x[:0], a, skeleton)) == string(key(y[:0], b, skeleton))
}

// key appends to b the fold key of s, or with skeleton set its skeleton.
func key(b []byte, s string, skeleton bool) []byte {
	if skeleton {
		return appendSkeleton(b, s)
	}
	return appendFold(b, s)
}

// endClass holds, for each ASCII byte, a class that contains every byte
// that a skeleton or a lower-cased ID can have in its place at either end
// of an ID: letters of either case, I with i, l, 1, | and with c and d
// (cl reads as d), 0 with o, r and n with m, v with w. Non-ASCII bytes
// have class 0, which matches any.
var endClass = func() (t [256]byte) {
	for c := range utf8.RuneSelf {
		t[c] = byte(unicode.ToLower(rune(c)))
	}
	for _, set := range []string{"iIl1|cCdD", "0oO", "rRnNmM", "vVwW"} {
		for i := range len(set) {
			t[set[i]] = set[0]
		}
	}
	return t
}()

// endClasses returns the classes of the first and last bytes of s. Two IDs
// that are equal ignoring case, or have the same skeleton, have the same
// classes at their ends, so IDs whose ends differ need no closer look.
func endClasses(s string) uint16 {
	return uint16(endClass[s[0]])<<8 | uint16(endClass[s[len(s)-1]])
}

// endsMatch reports whether two IDs with the end classes x and y may
// clash.
func endsMatch(x, y uint16) bool {
	return (x>>8 == y>>8 || x>>8 == 0 || y>>8 == 0) && (x&0xff == y&0xff || x&0xff == 0 || y&0xff == 0)
}

// clashMessage says how ID a clashes with b, the given field of element j
// of list: `"x" repeats list[j]`, `"X" equals list[j].field "x" ignoring
// case`, or `"x" is confusable with list[j].field "y"`.
func clashMessage(a, b, list string, j int, field string) string {
	switch {
	case a == b:
		return fmt.Sprintf("%s repeats %s", quoteID(a), indexed(list, j, ""))
	case string(appendFold(nil, a)) == string(appendFold(nil, b)):
		return fmt.Sprintf("%s equals %s %s ignoring case", quoteID(a), indexed(list, j, field), quoteID(b))
	}
	return fmt.Sprintf("%s is confusable with %s %s", quoteID(a), indexed(list, j, field), quoteID(b))
}
