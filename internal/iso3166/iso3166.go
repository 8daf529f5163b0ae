// Package iso3166 knows the assigned ISO 3166-1 alpha-2 country codes.
package iso3166

// assigned is indexed by the two letters of a code: assigned[a-'A'][b-'A'].
// Built once from names; read-only afterwards.
var assigned = func() (t [26][26]bool) {
	for _, n := range names {
		t[n.code[0]-'A'][n.code[1]-'A'] = true
	}
	return t
}()

// Assigned reports whether code is an assigned ISO 3166-1 alpha-2 code,
// written in upper case as the standard does ("DE", not "de").
func Assigned(code string) bool {
	if len(code) != 2 {
		return false
	}
	a, b := code[0], code[1]
	if a < 'A' || a > 'Z' || b < 'A' || b > 'Z' {
		return false
	}
	return assigned[a-'A'][b-'A']
}

// Name returns the usual English name of an assigned code, or "".
func Name(code string) string {
	if !Assigned(code) {
		return ""
	}
	lo, hi := 0, len(names)
	for lo < hi {
		m := (lo + hi) / 2
		if names[m].code < code {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return names[lo].name
}

// Count is the number of assigned codes.
func Count() int { return len(names) }
