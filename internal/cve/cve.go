// Package cve tells CVE IDs, for the advisories of the disclosure package
// and the CSAF documents of package csaf alike.
package cve

// Valid reports whether s has the form CVE-YYYY-NNNN: "CVE-", four digits
// of year, "-", and four or more digits of sequence number.
func Valid(s string) bool {
	if len(s) < len("CVE-YYYY-NNNN") || s[:4] != "CVE-" || s[8] != '-' {
		return false
	}
	for i := 4; i < len(s); i++ {
		if i != 8 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}
