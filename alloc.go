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
	texts     texts
}

// sizeCopies sizes the slabs for the redacted copies of a: exactly what
// the entitled partners receive, got[k] of them receiving the class of
// sensitivity k.
func (ar *arena) sizeCopies(a *Advisory, got *[len(allClasses) + 1]int) {
	var nSections, nArtifacts, nData int
	for i := range a.Sections {
		nSections += got[a.Sections[i].Class.Sensitivity()]
	}
	for i := range a.Artifacts {
		k := a.Artifacts[i].Class.Sensitivity()
		nArtifacts += got[k]
		nData += got[k] * len(a.Artifacts[i].Data)
	}
	ar.sections = slab[Section]{make([]Section, nSections)}
	ar.artifacts = slab[Artifact]{make([]Artifact, nArtifacts)}
	ar.strs = slab[string]{make([]string, got[1]*(len(a.CVEs)+len(a.Products)))}
	ar.data = slab[byte]{make([]byte, nData)}
}
