package ledger

// Who held what before an instant: the investigation after exploitation
// or a leak.

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

// A Query asks who held content before an instant.
type Query struct {
	Advisory string    // the advisory's ID; "" for every advisory of the record
	Before   time.Time // e.g. when exploitation began; required
	// Classes are those the attack needed: a partner is named if it held
	// all of them. None: any content.
	Classes []disclosure.Class
	// Partners, if given, are where each holder's jurisdictions come from.
	Partners []disclosure.Partner
	// Traces are the partners whose trace codes a leak holds, as
	// trace.Identify returns them for the advisory; they apply to the
	// holders of that partner ID.
	Traces []trace.Match
}

// A Holder is a partner that held what a [Query] asks about before its
// instant.
type Holder struct {
	Partner  string // the partner's ID
	Advisory string // the advisory's ID
	// Since is when it first held all the classes asked (any content, if
	// none were), and Revision the revision of the delivery that completed
	// them. Held is the query's instant minus Since.
	Since    time.Time
	Revision int
	Held     time.Duration
	// Classes lists every class it held before the instant, by
	// sensitivity.
	Classes []disclosure.Class
	// Jurisdictions are the partner's, from Query.Partners; nil if it is
	// not listed there.
	Jurisdictions []string
	// Traced is how many distinct codes of the partner the leak holds
	// (trace.Match.Distinct); 0 if none.
	Traced int
}

// Findings answer a [Query].
type Findings struct {
	// Holders are sorted by how long they held the content, longest
	// first, then by partner and advisory ID.
	Holders []Holder
	// Unexplained lists the trace matches of partners that are not
	// holders: their codes are in the leak, though by the record they
	// held none of the content asked before the instant. A copy released
	// later, or a key known outside the program, can explain them.
	Unexplained []trace.Match
}

// Investigate answers q from the record's deliveries: every partner that
// held, before q.Before (strictly), all the classes q asks (or any
// content) of the advisory, since when, under which revision, with its
// jurisdictions and whether the leak's trace codes point to it. Each
// holder is one partner and one advisory. It reads each delivery once.
//
// It returns an error if q.Before is zero or a class is not one.
func (r *Record) Investigate(q Query) (Findings, error) {
	if q.Before.IsZero() {
		return Findings{}, errors.New("investigate: the instant is required")
	}
	var want uint16
	for _, c := range q.Classes {
		if !c.Valid() {
			return Findings{}, fmt.Errorf("investigate: unknown class %q", c)
		}
		want |= 1 << c.Sensitivity()
	}
	// One state per partner and advisory, in a slice: a program's record
	// holds many. Deliveries are named by their index in r.entries, plus
	// one, so that 0 is none.
	type key struct{ partner, advisory string }
	type state struct {
		key
		held  uint16    // the classes held, bit i for sensitivity i
		any   int32     // the first delivery
		first [16]int32 // the delivery that first gave each class, by sensitivity
	}
	// Deliveries of one advisory come together: keep the partners of the
	// last advisory at hand.
	byAdvisory := map[string]map[string]int32{}
	var lastAdvisory string
	var partners map[string]int32
	var states []state
	earlier := func(a, b int32) bool { // delivery a is before b, or b is none
		if b == 0 {
			return true
		}
		x, y := &r.entries[a-1], &r.entries[b-1]
		return x.At.Before(y.At) || x.At.Equal(y.At) && x.Seq < y.Seq
	}
	for i := range r.entries {
		e := &r.entries[i]
		if e.Kind != KindDelivery || !e.At.Before(q.Before) || q.Advisory != "" && e.Advisory != q.Advisory {
			continue
		}
		if partners == nil || e.Advisory != lastAdvisory {
			lastAdvisory, partners = e.Advisory, byAdvisory[e.Advisory]
			if partners == nil {
				partners = map[string]int32{}
				byAdvisory[e.Advisory] = partners
			}
		}
		j, ok := partners[e.Partner]
		if !ok {
			j = int32(len(states))
			partners[e.Partner] = j
			if len(states) == cap(states) {
				states = slices.Grow(states, max(len(states), 64)) // double
			}
			states = append(states, state{key: key{e.Partner, e.Advisory}})
		}
		s, n := &states[j], int32(i+1)
		if earlier(n, s.any) {
			s.any = n
		}
		for _, c := range e.Classes {
			i := c.Sensitivity()
			s.held |= 1 << i
			if earlier(n, s.first[i]) {
				s.first[i] = n
			}
		}
	}
	traced := make(map[string]int, len(q.Traces))
	for _, m := range q.Traces {
		traced[m.Partner] = max(traced[m.Partner], m.Distinct)
	}
	jurisdictions := make(map[string][]string, len(q.Partners))
	for _, p := range q.Partners {
		jurisdictions[p.ID] = p.Jurisdictions
	}
	var f Findings
	if len(states) > 0 {
		f.Holders = make([]Holder, 0, len(states))
	}
	named := map[string]bool{}
	var classes []disclosure.Class // one piece for every holder's list
	for i := range states {
		s := &states[i]
		if s.held&want != want {
			continue
		}
		completed := s.any
		if want != 0 {
			completed = 0
			for c, d := range s.first {
				if want&(1<<c) != 0 && (completed == 0 || earlier(completed, d)) {
					completed = d
				}
			}
		}
		e := &r.entries[completed-1]
		h := Holder{Partner: s.partner, Advisory: s.advisory, Since: e.At, Revision: e.Revision,
			Held: q.Before.Sub(e.At), Traced: traced[s.partner]}
		if len(classes) < len(classList) {
			classes = make([]disclosure.Class, 4096)
		}
		n := 0
		for _, c := range classList {
			if s.held&(1<<c.Sensitivity()) != 0 {
				classes[n] = c
				n++
			}
		}
		h.Classes, classes = classes[:n:n], classes[n:]
		if j, ok := jurisdictions[s.partner]; ok {
			h.Jurisdictions = slices.Clone(j)
		}
		named[s.partner] = true
		f.Holders = append(f.Holders, h)
	}
	if len(f.Holders) == 0 {
		f.Holders = nil
	}
	slices.SortFunc(f.Holders, func(a, b Holder) int {
		if c := a.Since.Compare(b.Since); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Partner, b.Partner); c != 0 {
			return c
		}
		return cmp.Compare(a.Advisory, b.Advisory)
	})
	for _, m := range q.Traces {
		if !named[m.Partner] {
			m.Found = slices.Clone(m.Found)
			f.Unexplained = append(f.Unexplained, m)
		}
	}
	return f, nil
}
