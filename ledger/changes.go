package ledger

// What each partner holds, and what a new decision changes for it.

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/disclosurekit/disclosure"
)

// Held is a part a partner holds, with the delivery that first gave it.
type Held struct {
	Part
	Since    time.Time // that delivery's release to the partner
	Revision int       // its revision
	Seq      int64     // its entry
}

// A Holding is what one partner holds of one advisory.
type Holding struct {
	Partner  string // the partner's ID
	Advisory string // the advisory's ID
	// Parts lists each content the partner received, once per digest, in
	// the order received: by Since, then in the order of the copy.
	Parts []Held
}

// Holdings returns what each partner holds of the advisory, by the
// record's deliveries, sorted by partner ID. Content received again in a
// later delivery (the same digest) keeps its first delivery.
func (r *Record) Holdings(advisory string) []Holding {
	index := map[string]int{}
	var hs []Holding
	seen := map[string]map[Digest]bool{}
	for i := range r.entries {
		e := &r.entries[i]
		if e.Kind != KindDelivery || e.Advisory != advisory {
			continue
		}
		k, ok := index[e.Partner]
		if !ok {
			k = len(hs)
			index[e.Partner] = k
			hs = append(hs, Holding{Partner: e.Partner, Advisory: advisory})
			seen[e.Partner] = map[Digest]bool{}
		}
		for _, p := range e.Parts {
			if !seen[e.Partner][p.Digest] {
				seen[e.Partner][p.Digest] = true
				hs[k].Parts = append(hs[k].Parts, Held{Part: p, Since: e.At, Revision: e.Revision, Seq: e.Seq})
			}
		}
	}
	for i := range hs {
		// Entries are in the order appended, not always of release.
		slices.SortStableFunc(hs[i].Parts, func(a, b Held) int { return a.Since.Compare(b.Since) })
	}
	slices.SortFunc(hs, func(a, b Holding) int { return cmp.Compare(a.Partner, b.Partner) })
	return hs
}

// An Update is what a new decision changes for one partner: what to send
// it, and from when, and what it holds that the decision would not give
// it.
type Update struct {
	Partner string // the partner's ID
	// At is when Send may go: the decision's release instant. Zero when
	// Send is empty.
	At time.Time
	// Send lists the parts of the partner's new copy that it does not hold
	// (no part it holds has their digest), in the copy's order. A partner
	// that holds all its copy has nothing to send.
	Send []Change
	// Exposed lists what the partner holds that its new copy does not
	// have: it cannot be recalled. Held lists all it holds.
	Exposed []Exposed
	Held    []Held // as Holding.Parts
}

// A Change is a part to send.
type Change struct {
	Part
	// Changed is set when the partner holds another version of the part:
	// one with its class, kind, name and N.
	Changed bool
}

// Exposed is a part a partner holds that its new copy does not have, and
// why. Reason is the decision's code when the partner no longer receives
// the class (e.g. disclosure.CodeRestrictedJurisdiction) or nothing at
// all (e.g. disclosure.CodePartnerSuspended); otherwise CodeReplaced,
// CodeDropped or CodeNotInPlan.
type Exposed struct {
	Held
	Reason disclosure.ReasonCode // why the new copy lacks it
	Detail string                // the same in words
}

// The reasons of an exposure that are not a decision's.
const (
	// CodeReplaced: the new revision has another version of the part,
	// which Send gives the partner.
	CodeReplaced disclosure.ReasonCode = "replaced"
	// CodeDropped: the new revision no longer has the part, though the
	// partner still receives its class, or has no content of its class.
	CodeDropped disclosure.ReasonCode = "dropped"
	// CodeNotInPlan: the plan has no decision for the partner.
	CodeNotInPlan disclosure.ReasonCode = "not-in-plan"
)

// Changes compares a new decision for an advisory, for every partner (the
// output of disclosure.Plan for a new revision, a changed policy or
// partner list, or an early end of the embargo), with what the record
// says each partner holds of that advisory. It returns an [Update] for
// every partner of the plan, in the plan's order, then for every partner
// the record has a delivery to and the plan lacks, by ID.
//
// For every partner, what it holds and Send together give all of its new
// copy: nothing is sent that it holds, nor withheld that it lacks. What
// it holds beyond its new copy is Exposed; Send, Held and Exposed are
// compared by content digest ([Parts]).
//
// It returns an error if the plan mixes advisories or decides twice for a
// partner.
func (r *Record) Changes(plan []disclosure.Disclosure) ([]Update, error) {
	if len(plan) == 0 {
		return nil, nil
	}
	advisory := plan[0].AdvisoryID
	holdings := r.Holdings(advisory)
	byPartner := make(map[string]*Holding, len(holdings))
	for i := range holdings {
		byPartner[holdings[i].Partner] = &holdings[i]
	}
	planned := make(map[string]bool, len(plan))
	out := make([]Update, 0, len(plan))
	for i := range plan {
		d := &plan[i]
		switch {
		case d.AdvisoryID != advisory:
			return nil, fmt.Errorf("changes: the plan decides for advisories %s and %s", advisory, d.AdvisoryID)
		case planned[d.PartnerID]:
			return nil, fmt.Errorf("changes: the plan decides twice for partner %s", d.PartnerID)
		}
		planned[d.PartnerID] = true
		var held []Held
		if h := byPartner[d.PartnerID]; h != nil {
			held = h.Parts
		}
		out = append(out, update(d, held))
	}
	for _, h := range holdings {
		if planned[h.Partner] {
			continue
		}
		u := Update{Partner: h.Partner, Held: h.Parts}
		for _, p := range h.Parts {
			u.Exposed = append(u.Exposed, Exposed{Held: p, Reason: CodeNotInPlan, Detail: "the plan has no decision for the partner"})
		}
		out = append(out, u)
	}
	return out, nil
}

// update compares one partner's decision with what it holds.
func update(d *disclosure.Disclosure, held []Held) Update {
	u := Update{Partner: d.PartnerID, Held: held}
	parts := Parts(*d)
	holds := make(map[Digest]bool, len(held))
	heldKeys := make(map[partKey]bool, len(held))
	for _, h := range held {
		holds[h.Digest] = true
		heldKeys[h.key()] = true
	}
	gives := make(map[Digest]bool, len(parts))
	keys := make(map[partKey]bool, len(parts))
	for _, p := range parts {
		gives[p.Digest] = true
		keys[p.key()] = true
		if !holds[p.Digest] {
			u.Send = append(u.Send, Change{Part: p, Changed: heldKeys[p.key()]})
		}
	}
	if len(u.Send) > 0 {
		u.At = d.ReleaseAt
	}
	for _, h := range held {
		if gives[h.Digest] {
			continue
		}
		x := Exposed{Held: h}
		x.Reason, x.Detail = whyNot(d, &h.Part, keys)
		u.Exposed = append(u.Exposed, x)
	}
	return u
}

// whyNot says why decision d does not give part p, which the partner
// holds; keys names the parts of its new copy.
func whyNot(d *disclosure.Disclosure, p *Part, keys map[partKey]bool) (disclosure.ReasonCode, string) {
	if !d.Entitled {
		if len(d.Reasons) > 0 {
			return d.Reasons[0].Code, d.Reasons[0].Detail
		}
		return CodeNotInPlan, "the partner is not entitled"
	}
	if !d.Receives(p.Class) {
		for _, w := range d.Withheld {
			if w.Class == p.Class {
				return w.Reason, w.Detail
			}
		}
		return CodeDropped, fmt.Sprintf("revision %d has no %s content", d.Revision, p.Class)
	}
	if keys[p.key()] {
		return CodeReplaced, fmt.Sprintf("revision %d has another version", d.Revision)
	}
	return CodeDropped, fmt.Sprintf("revision %d no longer has it", d.Revision)
}
