package ledger

// Exposure in numbers: per class, how many partners hold it before the
// public release, and for how long in all.

import (
	"time"

	"github.com/disclosurekit/disclosure"
)

// A ClassExposure says how widely one class of an advisory is held before
// its public release.
type ClassExposure struct {
	Class disclosure.Class // the class
	// Partners is how many partners receive the class before the public
	// release; PartnerHours adds up, over them, the hours from when each
	// receives it to the public release.
	Partners     int     // partners holding it before the public release
	PartnerHours float64 // hours, summed over them
}

// PlanExposure returns the exposure of each class a plan gives anyone, by
// sensitivity: each entitled partner receives its classes at its release
// instant, and the public release is the decision's PublishNotBefore, or
// the early end of the embargo if the copy records an earlier one. A
// class received only at the public release counts no partner.
func PlanExposure(plan []disclosure.Disclosure) []ClassExposure {
	var x exposure
	for i := range plan {
		d := &plan[i]
		if !d.Entitled {
			continue
		}
		public := d.PublishNotBefore
		if end := d.Advisory.Embargo.EndedAt; !end.IsZero() && end.Before(public) {
			public = end
		}
		for _, c := range d.Classes {
			x.add(c, d.ReleaseAt, public)
		}
	}
	return x.list()
}

// Exposure returns the exposure of each class of the advisory the record
// says anyone received, by sensitivity. A partner holds a class from the
// first delivery that gave it; the public release is the public_at of the
// advisory's latest revision delivered (the last delivered if several),
// or the first recorded early end of its embargo if that is earlier.
func (r *Record) Exposure(advisory string) []ClassExposure {
	var public time.Time
	latest := 0
	type key struct {
		partner string
		class   disclosure.Class
	}
	since := map[key]time.Time{}
	var order []key
	var ended time.Time
	for i := range r.entries {
		e := &r.entries[i]
		if e.Advisory != advisory {
			continue
		}
		switch e.Kind {
		case KindEmbargoEnded:
			if ended.IsZero() || e.At.Before(ended) {
				ended = e.At
			}
		case KindDelivery:
			if e.Revision >= latest {
				latest, public = e.Revision, e.PublicAt
			}
			for _, c := range e.Classes {
				k := key{e.Partner, c}
				if s, ok := since[k]; !ok || e.At.Before(s) {
					if !ok {
						order = append(order, k)
					}
					since[k] = e.At
				}
			}
		}
	}
	if !ended.IsZero() && ended.Before(public) {
		public = ended
	}
	var x exposure
	for _, k := range order {
		x.add(k.class, since[k], public)
	}
	return x.list()
}

// exposure adds up the exposure of each class, by sensitivity.
type exposure struct {
	classes [16]ClassExposure
	seen    uint16
}

// add counts one partner receiving class c at instant at.
func (x *exposure) add(c disclosure.Class, at, public time.Time) {
	i := c.Sensitivity()
	x.seen |= 1 << i
	x.classes[i].Class = c
	if at.Before(public) {
		x.classes[i].Partners++
		x.classes[i].PartnerHours += public.Sub(at).Hours()
	}
}

func (x *exposure) list() []ClassExposure {
	var out []ClassExposure
	for i := range x.classes {
		if x.seen&(1<<i) != 0 {
			out = append(out, x.classes[i])
		}
	}
	return out
}
