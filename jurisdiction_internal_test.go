package disclosure

import "testing"

// covers: equal codes, or "EU" and a member state on either side. Codes
// of other lengths (none valid) cover only themselves.
func TestCovers(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"US", "US", true},
		{"US", "CN", false},
		{"DE", "DK", false},
		{"DE", "BE", false},
		{"EU", "EU", true},
		{"EU", "DE", true},
		{"DE", "EU", true},
		{"EU", "GB", false},
		{"GB", "EU", false},
		{"EU", "ES", true},
		{"ES", "EU", true},
		{"EU", "EE", true},
		{"EU", "UE", false},
		{"USA", "USA", true},
		{"USA", "US", false},
		{"US", "USA", false},
		{"E", "EU", false},
		{"EUR", "DE", false},
	} {
		if got := covers(c.a, c.b); got != c.want {
			t.Errorf("covers(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
