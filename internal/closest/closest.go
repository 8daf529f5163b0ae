// Package closest finds the identifier that a mistyped one most likely
// means, for messages such as `"Quillmark" names no partner (did you mean
// "quillmark"?)`.
package closest

import "strings"

// maxLen bounds the strings compared: identifiers are short, and a long
// string is nobody's typo (and would make the comparison costly).
const maxLen = 256

// Match returns the candidate closest to s, of the n that at returns, by
// edit distance between the lower-cased strings, if it is close: at most
// two edits, and at most one for every three bytes of s (so that "ab"
// suggests nothing for "cd"). A candidate equal to s but for case is at
// distance 0. Ties go to the candidate that comes first. It returns "" if
// none is close.
func Match(s string, n int, at func(i int) string) string {
	if len(s) > maxLen {
		return ""
	}
	a := strings.ToLower(s)
	best, bestD := "", 3
	for i := range n {
		c := at(i)
		if d := len(c) - len(a); d >= bestD || -d >= bestD {
			continue // too far by length alone
		}
		if d := distance(a, strings.ToLower(c)); d < bestD && 3*d <= len(a) {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := range len(a) {
		cur[0] = i + 1
		for j := range len(b) {
			cost := 1
			if a[i] == b[j] {
				cost = 0
			}
			cur[j+1] = min(prev[j+1]+1, cur[j]+1, prev[j]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
