package trace

import (
	"cmp"
	"slices"
)

// b64val maps a character of the standard or the URL-safe base64 alphabet
// to its value, and any other byte to noSymbol.
var b64val = func() (t [256]uint8) {
	for i := range t {
		t[i] = noSymbol
	}
	const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < len(std); i++ {
		t[std[i]] = uint8(i)
	}
	t['-'], t['_'] = 62, 63
	return t
}()

const (
	// minBase64Block is the fewest characters that can encode a code's 13
	// bytes.
	minBase64Block = 18
	// minBase64Line is the shortest line of whole 4-character groups that
	// a block continues past, as MIME (76) and PEM (64) lines are.
	minBase64Line = 16
)

// A run is a stretch of base64 characters in the leak: n of them from
// leak[start], the at-th character onward of its block.
type run struct{ start, n, at int }

// scanBase64 decodes every block of base64 in leak and scans what it
// decodes to, at each of the four alignments a fragment cut anywhere can
// have, reporting each code with the leak offsets of the base64 characters
// it is encoded in.
//
// A block is a run of at least minBase64Block base64 characters, continued
// past a line break (LF or CRLF) when the line is at least minBase64Line
// characters, a multiple of 4; it ends at any other character, "=" included.
func (ix *Index) scanBase64(leak []byte, report func(e int32, offset, end int)) {
	var (
		runs      []run
		vals, dec []byte
	)
	for i := 0; i < len(leak); {
		if b64val[leak[i]] == noSymbol {
			i++
			continue
		}
		runs = runs[:0]
		total := 0
		for {
			j := i
			for j < len(leak) && b64val[leak[j]] != noSymbol {
				j++
			}
			runs = append(runs, run{start: i, n: j - i, at: total})
			total += j - i
			k := j
			if k < len(leak) && leak[k] == '\r' {
				k++
			}
			if n := j - i; n >= minBase64Line && n%4 == 0 && k+1 < len(leak) && leak[k] == '\n' && b64val[leak[k+1]] != noSymbol {
				i = k + 1
				continue
			}
			i = j
			break
		}
		if total < minBase64Block {
			continue
		}
		vals = vals[:0]
		for _, r := range runs {
			for _, c := range leak[r.start : r.start+r.n] {
				vals = append(vals, b64val[c])
			}
		}
		for k := range 4 {
			dec = decodeBase64(dec[:0], vals[k:])
			ix.scan(dec, func(e int32, first, last int) {
				// Byte j of the decoded data is in characters 4(j/3)+j%3
				// and the one after, counted from the alignment k.
				from := k + 4*(first/3) + first%3
				to := k + 4*(last/3) + last%3 + 1
				report(e, charOffset(runs, from), charOffset(runs, to)+1)
			})
		}
	}
}

// decodeBase64 appends the bytes that the values vals decode to, a
// partial group at the end as far as it goes.
func decodeBase64(dst, vals []byte) []byte {
	for len(vals) >= 4 {
		g := uint32(vals[0])<<18 | uint32(vals[1])<<12 | uint32(vals[2])<<6 | uint32(vals[3])
		dst = append(dst, byte(g>>16), byte(g>>8), byte(g))
		vals = vals[4:]
	}
	switch len(vals) {
	case 2:
		dst = append(dst, vals[0]<<2|vals[1]>>4)
	case 3:
		dst = append(dst, vals[0]<<2|vals[1]>>4, vals[1]<<4|vals[2]>>2)
	}
	return dst
}

// charOffset returns the leak offset of the block's i-th character.
func charOffset(runs []run, i int) int {
	r, found := slices.BinarySearchFunc(runs, i, func(r run, i int) int { return cmp.Compare(r.at, i) })
	if !found {
		r--
	}
	return runs[r].start + i - runs[r].at
}
