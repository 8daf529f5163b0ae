package disclosure

import "testing"

// A slab hands out its pieces in order, each capped at its length, to its
// last element; then it allocates.
func TestSlabTake(t *testing.T) {
	backing := make([]int, 5)
	s := slab[int]{backing}
	if p := s.take(0); p != nil {
		t.Errorf("take(0) = %v, want nil", p)
	}
	a, b := s.take(2), s.take(3)
	if &a[0] != &backing[0] || &b[0] != &backing[2] || cap(a) != 2 || cap(b) != 3 {
		t.Errorf("pieces not cut from the slab in order, capped: cap %d, %d", cap(a), cap(b))
	}
	c := s.take(1)
	if len(c) != 1 || cap(c) < 1 {
		t.Fatalf("take(1) from an empty slab = %v", c)
	}
	c[0] = 7
	for i, v := range backing {
		if v != 0 {
			t.Errorf("a piece after the slab's end wrote backing[%d]", i)
		}
	}
	// A piece larger than what is left is allocated; what is left stays.
	s = slab[int]{make([]int, 3)}
	if d := s.take(4); len(d) != 4 || len(s.free) != 3 {
		t.Errorf("take(4) from 3: piece of %d, %d left", len(d), len(s.free))
	}
}
