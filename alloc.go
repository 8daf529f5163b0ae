package disclosure

// slab hands out pieces of one larger allocation, so that Plan makes a few
// allocations for all its partners instead of several for each. Every
// piece is capped at its length, so appending to one cannot overwrite the
// next. Pieces share no memory with any input.
type slab[T any] struct{ free []T }

// take returns a slice of length n: a piece of the slab while it lasts,
// then a new allocation.
func (s *slab[T]) take(n int) []T {
	if n == 0 {
		return nil
	}
	if len(s.free) < n {
		return make([]T, n)
	}
	p := s.free[:n:n]
	s.free = s.free[n:]
	return p
}

// arena holds the slabs the output of one call is cut from. The zero arena
// has none: every piece is its own allocation, as Disclose wants.
type arena struct {
	reasons   slab[Reason]
	withheld  slab[Withheld]
	classes   slab[Class]
	sections  slab[Section]
	artifacts slab[Artifact]
	strs      slab[string]
	data      slab[byte]
}

// newArena sizes slabs for n partners' disclosures of advisory a: enough
// for every partner to receive everything, and a typical count of reasons.
func newArena(a *Advisory, present classSet, n int) *arena {
	classes := popcount(present)
	size := 0
	for i := range a.Artifacts {
		size += len(a.Artifacts[i].Data)
	}
	return &arena{
		reasons:   slab[Reason]{make([]Reason, n*(classes+4))},
		withheld:  slab[Withheld]{make([]Withheld, n*classes)},
		classes:   slab[Class]{make([]Class, n*classes)},
		sections:  slab[Section]{make([]Section, n*len(a.Sections))},
		artifacts: slab[Artifact]{make([]Artifact, n*len(a.Artifacts))},
		strs:      slab[string]{make([]string, n*(len(a.CVEs)+len(a.Products)))},
		data:      slab[byte]{make([]byte, n*size)},
	}
}
