package disclosure

// Plan for a partner list: decide once to size and sort the output, then
// write every Disclosure in its place, cut from a few slabs.

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
)

// plan validates the advisory and the partners, then decides for each.
// pp holds the policy's problems, if any, to report with theirs.
func (r *rules) plan(pp *problems, a *Advisory, partners []Partner) ([]Disclosure, error) {
	ap := problems{input: ErrInvalidAdvisory, prefix: "advisory."}
	tp := problems{input: ErrInvalidPartner}
	present := a.validate(&ap)
	validatePartners(&tp, partners, r.p)
	checkExclusions(&ap, a.ExcludePartners, partners)
	if pp == nil {
		pp = &problems{}
	}
	if err := asError(pp, &ap, &tp); err != nil {
		return nil, err
	}

	// Decide first, without words, keeping only what sizes the output and
	// sorts it; then size every slab of the output to exactly what the
	// verdicts need, and decide again to write each Disclosure once, in its
	// sorted place. Deciding twice costs less than keeping every verdict.
	withhold := setOf(a.WithholdClasses)
	triggering := r.triggering(a.PublicAt)
	keys := make([]planKey, len(partners))
	var nReasons, nWithheld, nClasses int
	var got [len(allClasses) + 1]int // partners receiving each class, by sensitivity
	for i := range partners {
		var v verdict
		r.decide(&v, a, &partners[i], r.tierIndex(partners[i].Tier), present, withhold, triggering)
		nReasons += v.reasonCount()
		nWithheld += v.Withheld.len()
		nClasses += v.Classes.len()
		for c := v.Classes; c != 0; c &= c - 1 {
			got[bits.TrailingZeros16(uint16(c))]++
		}
		keys[i] = planKey{i: int32(i), denied: !v.Entitled, sec: v.ReleaseAt.Unix(), nsec: int32(v.ReleaseAt.Nanosecond())}
	}
	ar := &arena{
		reasons:  slab[Reason]{make([]Reason, nReasons)},
		withheld: slab[Withheld]{make([]Withheld, nWithheld)},
		classes:  slab[Class]{make([]Class, nClasses)},
	}
	ar.sizeCopies(a, &got)
	ar.texts.many = true

	slices.SortFunc(keys, func(x, y planKey) int {
		if x.denied != y.denied {
			if y.denied {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(x.sec, y.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(x.nsec, y.nsec); c != 0 {
			return c
		}
		return strings.Compare(partners[x.i].ID, partners[y.i].ID)
	})
	out := make([]Disclosure, len(partners))
	for k, key := range keys {
		to := &partners[key.i]
		var v verdict
		r.decide(&v, a, to, r.tierIndex(to.Tier), present, withhold, triggering)
		d := &out[k]
		r.disclosure(d, &v, a, to, ar)
		if v.Entitled {
			redact(&d.Advisory, a, v.Classes, ar)
		}
	}
	return out, nil
}

// planKey is what Plan sorts a partner's Disclosure by: entitled first,
// then the release instant (zero for the others), then the partner's ID.
type planKey struct {
	i      int32 // the partner's index
	denied bool  // not entitled
	nsec   int32
	sec    int64
}

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
