package cve

import (
	"regexp"
	"testing"
)

// Valid is checked against the regular expression of the form.
func TestValid(t *testing.T) {
	ref := regexp.MustCompile(`^CVE-[0-9]{4}-[0-9]{4,}$`).MatchString
	for _, s := range []string{"", "CVE-", "CVE-2025-1", "CVE-2025-123", "CVE-2025-1234", "CVE-2025-12345678",
		"CVE-25-12345", "cve-2025-1234", "CVE_2025-1234", "CVE-2025_1234", "CVE-2025-12a4", "CVE-20x5-1234",
		"CVE-2025--234", "CVE-2025-1234 ", " CVE-2025-1234", "CVE-2025-１234", "XCVE-2025-1234",
		"CVE-2025-1234\n", "CVE-+025-1234", "CVE-2025-+234", "CVE-2025-\x001234"} {
		if got, want := Valid(s), ref(s); got != want {
			t.Errorf("Valid(%q) = %v, want %v", s, got, want)
		}
	}
}
