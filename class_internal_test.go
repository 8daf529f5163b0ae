package disclosure

import "testing"

// The hand-written dispatch tables must agree with the declared orders.
func TestOrderTables(t *testing.T) {
	for i, c := range allClasses {
		if c.Sensitivity() != i+1 {
			t.Errorf("%s.Sensitivity() = %d, want %d", c, c.Sensitivity(), i+1)
		}
	}
	for i, c := range allCodes {
		if c.order() != i+1 {
			t.Errorf("%s.order() = %d, want %d", c, c.order(), i+1)
		}
	}
	for _, bad := range []string{"", "s", "summary ", "Summary", "descriptio", "description2", "lead-time "} {
		if Class(bad).Sensitivity() != 0 || ReasonCode(bad).order() != 0 {
			t.Errorf("%q has an order", bad)
		}
	}
}
