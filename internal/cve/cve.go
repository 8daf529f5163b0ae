// Package cve tells CVE IDs, for the advisories of the disclosure package
// and the CSAF documents of package csaf alike.
package cve

import "strings"

// Valid reports whether s has the form CVE-YYYY-NNNN: "CVE-", four digits
// of year, "-", and four or more digits of sequence number.
func Valid(s string) bool {
	rest, ok := strings.CutPrefix(s, "CVE-")
	if !ok || len(rest) < len("YYYY-NNNN") || rest[4] != '-' {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if i != 4 && (rest[i] < '0' || rest[i] > '9') {
			return false
		}
	}
	return true
}
