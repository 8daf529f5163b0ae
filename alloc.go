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

// newArena sizes the slabs of the lists for n partners' decisions on an
// advisory with the classes present: enough for every partner to have
// every class, and a typical count of reasons. The slabs for the copies are
// sized later, by sizeCopies, to what the partners turn out to receive.
func newArena(present classSet, n int) *arena {
	classes := popcount(present)
	return &arena{
		reasons:  slab[Reason]{make([]Reason, n*(classes+4))},
		withheld: slab[Withheld]{make([]Withheld, n*classes)},
		classes:  slab[Class]{make([]Class, n*classes)},
	}
}

// sizeCopies sizes the slabs for the redacted copies of a in ds: exactly
// what the entitled partners receive.
func (ar *arena) sizeCopies(a *Advisory, ds []Disclosure) {
	var sections, artifacts, data [len(allClasses) + 1]int // by sensitivity
	for i := range a.Sections {
		sections[a.Sections[i].Class.Sensitivity()]++
	}
	for i := range a.Artifacts {
		k := a.Artifacts[i].Class.Sensitivity()
		artifacts[k]++
		data[k] += len(a.Artifacts[i].Data)
	}
	var nSections, nArtifacts, nData, nStrs int
	for i := range ds {
		for _, c := range ds[i].Classes {
			k := c.Sensitivity()
			nSections += sections[k]
			nArtifacts += artifacts[k]
			nData += data[k]
			if c == ClassSummary {
				nStrs += len(a.CVEs) + len(a.Products)
			}
		}
	}
	ar.sections = slab[Section]{make([]Section, nSections)}
	ar.artifacts = slab[Artifact]{make([]Artifact, nArtifacts)}
	ar.strs = slab[string]{make([]string, nStrs)}
	ar.data = slab[byte]{make([]byte, nData)}
}
