package iso3166

import (
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	if got := Count(); got != 249 {
		t.Fatalf("Count() = %d, want the 249 assigned codes", got)
	}
	for i, n := range names {
		if i > 0 && names[i-1].code >= n.code {
			t.Fatalf("names not sorted at %d: %q after %q", i, n.code, names[i-1].code)
		}
		if !Assigned(n.code) || Name(n.code) != n.name || n.name == "" {
			t.Errorf("code %q: Assigned=%v Name=%q", n.code, Assigned(n.code), Name(n.code))
		}
	}
}

func TestAssigned(t *testing.T) {
	for _, c := range []string{"US", "CN", "DE", "JP", "IL", "IN", "AQ", "BV", "SS", "GB"} {
		if !Assigned(c) {
			t.Errorf("Assigned(%q) = false", c)
		}
	}
	// EU is exceptionally reserved, XK and UK are not assigned, and codes are upper case.
	for _, c := range []string{"", "U", "USA", "us", "Us", "EU", "XK", "UK", "ZZ", "A1", "\x00\x00", "ÄÖ"} {
		if Assigned(c) {
			t.Errorf("Assigned(%q) = true", c)
		}
		if Name(c) != "" {
			t.Errorf("Name(%q) = %q", c, Name(c))
		}
	}
	count := 0
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			if Assigned(string([]rune{a, b})) {
				count++
			}
		}
	}
	if count != 249 {
		t.Errorf("%d two-letter codes assigned, want 249", count)
	}
	if !strings.Contains(Name("CN"), "China") {
		t.Errorf("Name(CN) = %q", Name("CN"))
	}
}
