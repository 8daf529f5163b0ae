package disclosure

// The rules: a policy compiled to decide, and the decision for one
// partner (entitled or not, from when, under which label, which classes),
// without words.

import (
	"math/bits"
	"slices"
	"sync"
	"time"
)

// rules is a valid policy made ready to decide: what every decision needs
// of it, computed once. A one-shot call (the package's Disclose and Plan)
// compiles its rules with the class sets its validation found, and writes
// the lead-time texts when needed; an Engine prepares them once.
//
// A one-shot call allocates nothing for its rules nor for the copy of the
// policy they point to. That holds as long as no field of rules is handed
// to a call that keeps what it is given: were one kept, every one-shot
// call would allocate the whole policy with it. So the calendar zone,
// which each decision hands to Lead.Before, is read through p rather than
// kept in rules, and the texts an Engine prepares are behind prep.
type rules struct {
	p    *Policy
	laws []Law // the registry
	sets policySets
	// selected has bit i set if law i of the registry is selected by
	// RestrictWhen; manyLaws is set instead for a registry of more than 64
	// laws, whose laws are then tested at each decision.
	selected uint64
	manyLaws bool
	// minVersion is the policy's minimum agreement version as yyyymmdd
	// (see parseVersion); 0 when it requires none.
	minVersion int

	prep *prepared // an Engine's; nil in a one-shot call
}

// prepared holds the lead-time reasons' texts, which an Engine writes
// once and a one-shot call when needed.
type prepared struct {
	tierDetails      []string // parallel to the policy's tiers
	restrictedDetail string   // the restricted treatment's
	maxLeadDetail    string   // the cap's
}

// compile returns the rules of a valid policy, whose validation found
// sets, without allocating.
func compile(p *Policy, sets policySets) rules {
	r := rules{p: p, laws: p.laws(), sets: sets}
	r.minVersion, _ = parseVersion(p.Agreement.MinVersion)
	w := &p.RestrictWhen
	switch {
	case len(r.laws) > 64:
		r.manyLaws = true
	case len(p.Laws) == 0 && len(w.Laws) == 0:
		// The built-in registry, selected by party only: precomputed.
		masks := builtinBinds()
		for _, b := range w.Binds {
			if k := slices.Index(allParties[:], b); k >= 0 {
				r.selected |= masks[k]
			}
		}
	default:
		for i := range r.laws {
			if named, bound := r.selects(i); named || bound != "" {
				r.selected |= 1 << i
			}
		}
	}
	return r
}

// builtinBinds holds, for each party in the order of allParties, the
// built-in laws that bind it, as bits.
var builtinBinds = sync.OnceValue(func() (m [len(allParties)]uint64) {
	for i, l := range builtinLaws() {
		for _, b := range l.Binds {
			if k := slices.Index(allParties[:], b); k >= 0 {
				m[k] |= 1 << i
			}
		}
	}
	return m
})

// prepare computes what compile leaves to each decision. It allocates, so
// only an Engine, which decides many times, does it.
func (r *rules) prepare() {
	p := r.p
	pr := &prepared{tierDetails: make([]string, len(p.Tiers))}
	for i := range p.Tiers {
		pr.tierDetails[i] = leadDetail(p.Tiers[i].Name, p.Tiers[i].Lead)
	}
	pr.restrictedDetail = leadDetail("", p.Restriction.Lead)
	pr.maxLeadDetail = leadDetail("max_lead", p.MaxLead)
	r.prep = pr
}

// selects reports whether RestrictWhen selects law i of the registry:
// named in its laws, or binding one of its parties (bound, the first such).
func (r *rules) selects(i int) (named bool, bound Party) {
	w, l := &r.p.RestrictWhen, &r.laws[i]
	if slices.Contains(w.Laws, l.ID) {
		return true, ""
	}
	for _, b := range l.Binds {
		if slices.Contains(w.Binds, b) {
			return false, b
		}
	}
	return false, ""
}

// lawBits are the selected laws of the registry in effect at the public
// release, bit i for law i; 0 when the registry has more than 64 laws (see
// manyLaws).
type lawBits uint64

// triggering returns the selected laws in effect at public.
func (r *rules) triggering(public time.Time) lawBits {
	var m uint64
	for s := r.selected; s != 0; s &= s - 1 {
		if i := bits.TrailingZeros64(s); r.laws[i].InEffect(public) {
			m |= 1 << i
		}
	}
	return lawBits(m)
}

// tierIndex returns the index of the tier named name, or -1.
func (r *rules) tierIndex(name string) int {
	for i := range r.p.Tiers {
		if r.p.Tiers[i].Name == name {
			return i
		}
	}
	return -1
}

// tierClasses returns the classes of tier i: kept by validation for the
// first tiers, computed for the others.
func (r *rules) tierClasses(i int) classSet {
	if i < len(r.sets.tiers) {
		return r.sets.tiers[i]
	}
	return setOf(r.p.Tiers[i].Classes)
}

// check validates the advisory and the partner, the partner's tier
// against the policy, and returns the classes present in the advisory and
// the index of the partner's tier, or an error listing every problem of
// the inputs and of pp (the policy's).
func (r *rules) check(pp *problems, a *Advisory, to *Partner) (classSet, int, error) {
	ap := problems{input: ErrInvalidAdvisory, prefix: "advisory."}
	tp := problems{input: ErrInvalidPartner, prefix: "partner."}
	present := a.validate(&ap)
	to.validate(&tp)
	ti := r.tierIndex(to.Tier)
	if ti < 0 {
		checkTier(&tp, r.p, to.Tier)
	}
	if len(ap.list)+len(tp.list) > 0 || pp != nil && len(pp.list) > 0 {
		if pp == nil {
			pp = &problems{}
		}
		return 0, -1, asError(pp, &ap, &tp)
	}
	return present, ti, nil
}

// The entitlement rules a verdict can break, as bits.
const (
	denyExcluded uint8 = 1 << iota
	denyRemoved
	denySuspended
	denyUnsigned // agreement-missing: none signed
	denyLate     // agreement-missing: signed after the release instant
	denyExpired
	denyOutdated
)

// denialCodes are the codes of the denial bits, in order.
var denialCodes = [...]ReasonCode{CodePartnerExcluded, CodePartnerRemoved, CodePartnerSuspended,
	CodeAgreementMissing, CodeAgreementMissing, CodeAgreementExpired, CodeAgreementOutdated}

// Where a release instant's lead comes from.
const (
	fromTier uint8 = iota
	fromRestricted
	fromMaxLead
)

// A decision is the outcome for one partner, without its words.
type decision struct {
	Entitled   bool
	DeniedBy   ReasonCode // the first rule that denies, in the order of ReasonCodes
	Restricted bool
	ReleaseAt  time.Time
	TLP        TLP
	// Classes are the classes the partner receives; Withheld those present
	// in the advisory that it does not (all of them when not entitled).
	Classes, Withheld classSet
}

// A verdict is a decision with what its reasons need, and no words: the
// words are written only for a Disclosure.
type verdict struct {
	decision
	tier     int       // index in the policy's tiers
	release  time.Time // also when not entitled (an agreement signed late says it)
	lead     Lead
	leadFrom uint8
	denied   uint8
	ready    bool // ready_at held the release back
	ended    bool // an early end of the embargo made it earlier
	// policyTLP is the label the policy gives the partner when the
	// advisory's own, more restrictive, replaces it; "" otherwise.
	policyTLP TLP
	// The restricted treatment applies by restrict_when.jurisdictions
	// (jurisdiction) and by these laws (laws, bits of the registry; nLaws
	// of them, counted also for a registry of more than 64 laws).
	jurisdiction bool
	laws         uint64
	nLaws        int
	// Withheld classes, by rule: the advisory withholds them, no tier
	// receives them, the partner's tier does not, the restricted
	// treatment does not.
	withhold, unknown, disallowed, limited classSet
}

// decide makes the decision for one valid partner, of tier ti, of a valid
// advisory whose classes are present, that withholds the classes
// withhold, under the selected laws of laws. It writes the verdict to v,
// which must be zero.
func (r *rules) decide(v *verdict, a *Advisory, to *Partner, ti int, present, withhold classSet, laws lawBits) {
	if slices.Contains(a.ExcludePartners, to.ID) {
		v.denied |= denyExcluded
	}
	switch to.Status {
	case StatusRemoved:
		v.denied |= denyRemoved
	case StatusSuspended:
		v.denied |= denySuspended
	}
	public := a.PublicAt.UTC()
	t, tierSet := &r.p.Tiers[ti], r.tierClasses(ti)
	v.tier = ti
	zone := r.p.CalendarZone // nil: Lead.Before takes America/Los_Angeles
	start, tlp := t.Lead.Before(public, zone), t.TLP
	v.lead = t.Lead
	restricted := r.restricts(to, public, laws, v)
	if restricted {
		rt := &r.p.Restriction
		tlp = rt.TLP
		if rs := rt.Lead.Before(public, zone); rs.After(start) {
			start, v.lead, v.leadFrom = rs, rt.Lead, fromRestricted
		}
	}
	if m := r.p.MaxLead; !m.IsZero() {
		// Validation bounds every lead by max_lead; this makes the cap exact
		// whatever the calendar zone does.
		if floor := m.Before(public, zone); start.Before(floor) {
			start, v.lead, v.leadFrom = floor, m, fromMaxLead
		}
	}
	v.release, v.ready, v.ended = releaseInstant(a, public, start)

	ag := &to.Agreement
	if ag.SignedAt.IsZero() {
		v.denied |= denyUnsigned
	} else {
		if ag.SignedAt.After(v.release) {
			v.denied |= denyLate
		}
		if !ag.ExpiresAt.IsZero() && ag.ExpiresAt.Before(public) {
			v.denied |= denyExpired
		}
		if r.minVersion != 0 {
			if have, ok := parseVersion(ag.Version); !ok || have < r.minVersion {
				v.denied |= denyOutdated
			}
		}
	}
	if v.denied != 0 {
		v.DeniedBy = denialCodes[bits.TrailingZeros8(v.denied)]
		v.Withheld = present
		return
	}

	v.withhold = present & withhold
	if missing := present &^ tierSet; missing != 0 {
		known := r.sets.known
		v.unknown, v.disallowed = missing&^known, missing&known
	}
	if restricted {
		v.limited = present &^ r.sets.limit
	}
	v.Withheld = v.withhold | v.unknown | v.disallowed | v.limited
	v.Classes = present &^ v.Withheld
	if a.TLP != "" && a.TLP.order() > tlp.order() {
		v.policyTLP, tlp = tlp, a.TLP
	}
	v.Entitled, v.Restricted, v.ReleaseAt, v.TLP = true, restricted, v.release, tlp
}

// restricts reports whether the restricted treatment applies to the
// partner, and records in v the rules that make it apply.
func (r *rules) restricts(to *Partner, public time.Time, laws lawBits, v *verdict) bool {
	if w := &r.p.RestrictWhen; len(w.Jurisdictions) > 0 {
		if j, _ := overlap(to.Jurisdictions, w.Jurisdictions); j != "" {
			v.jurisdiction = true
		}
	}
	for m := uint64(laws); m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		if j, _ := overlap(to.Jurisdictions, r.laws[i].Jurisdictions); j != "" {
			v.laws |= 1 << i
			v.nLaws++
		}
	}
	if r.manyLaws {
		for i := range r.laws {
			if named, bound := r.selects(i); (named || bound != "") && r.laws[i].InEffect(public) {
				if j, _ := overlap(to.Jurisdictions, r.laws[i].Jurisdictions); j != "" {
					v.nLaws++
				}
			}
		}
	}
	return v.jurisdiction || v.nLaws > 0
}

// releaseInstant returns when an entitled partner whose lead starts at
// start receives the advisory, whether ready_at held it back, and whether
// an early end of the embargo made it earlier than it would otherwise be.
func releaseInstant(a *Advisory, public, start time.Time) (release time.Time, ready, ended bool) {
	release = start
	if release.After(public) {
		release = public
	}
	if a.ReadyAt.IsZero() && a.Embargo.EndedAt.IsZero() {
		return release, false, false
	}
	readyAt := a.ReadyAt.UTC()
	normal := release // the release had the embargo held
	if readyAt.After(normal) {
		normal = readyAt
	}
	if e := a.Embargo.EndedAt; !e.IsZero() && e.Before(release) {
		release = e.UTC()
	}
	if readyAt.After(release) {
		release, ready = readyAt, true
	}
	return release, ready, release.Before(normal)
}
