package remedy

// Finding remedies by deciding again.
//
// Every goal (entitlement, a class) needs the partner entitled: so the
// advisory must not exclude it (remove-exclusion), it must be active
// (reinstate), and a class the advisory withholds must be lifted
// (lift-withholding); these changes are in every remedy that needs them.
// What remains is chosen: the tier and, for a restricted partner, a way
// out of the restricted treatment (dropping the jurisdictions that
// restrict it, moving the public release to when the laws that restrict
// it lapse, or both). Each choice is a world, decided; its agreement is
// fixed if the world needs it, with the deadlines the world gives; and
// the asked instant moves to the world's release if that is later. A
// world's changes are a remedy for each goal it reaches. Of these, those
// that need more kinds of change than another, or a higher tier for the
// same kinds, are dropped; each of the others is made minimal by leaving
// out, in turn, each change that may have become needless, and deciding
// again.

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure"
)

// decider decides under one policy, as an Engine does.
type decider interface {
	Disclose(disclosure.Advisory, disclosure.Partner) (disclosure.Disclosure, error)
}

// finder holds what finding one partner's remedies needs.
type finder struct {
	e     decider
	p     disclosure.Policy
	a     disclosure.Advisory
	to    disclosure.Partner
	at    time.Time // the asked instant; zero: none
	ideal disclosure.Agreement
}

// A world is one choice of what remains to choose, decided, and the
// remedy it is for the goals it gives.
type world struct {
	candidate
	d disclosure.Disclosure
}

// A candidate is a remedy for one goal, or for those of a world.
type candidate struct {
	changes []Change // in the order of compareChanges
	mask    uint32   // their kinds (see kinds)
	rank    int      // of the tier moved to; 0 if none
	release time.Time
}

// find returns the remedies of a partner whose decision is d.
func find(e decider, p disclosure.Policy, d disclosure.Disclosure, a disclosure.Advisory, to disclosure.Partner, opts []Option) ([]Remedy, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	f := &finder{e: e, p: p, a: a, to: to, at: o.at}
	goals := f.goals(d)
	if len(goals) == 0 {
		return nil, nil
	}
	// An agreement no rule can fault: signed in year 1, of the minimum
	// version, without expiry.
	f.ideal = disclosure.Agreement{Version: p.Agreement.MinVersion, SignedAt: time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)}

	var forced []Change
	if slices.Contains(a.ExcludePartners, to.ID) {
		forced = append(forced, Change{Kind: RemoveExclusion})
	}
	if to.Status != disclosure.StatusActive {
		forced = append(forced, Change{Kind: Reinstate})
	}
	var lifts []Change // every class the advisory withholds, for deciding worlds
	for _, c := range a.WithholdClasses {
		lifts = append(lifts, Change{Kind: LiftWithholding, Class: c})
	}

	// The worlds of every tier, then, if the partner is restricted, those
	// of every way out of the restricted treatment.
	worlds := make([]world, 0, len(p.Tiers))
	add := func(ways [][]Change) {
		for _, way := range ways {
			// The partner's own tier first: another tier is decided only if
			// its remedies can be needed, that is, unless the own tier's
			// needs no change of agreement nor wait, and the other lists
			// none of the classes it lacks.
			var own *world // the own tier's, once decided
			tried := false
			for _, ti := range append([]int{f.tierIndex(to.Tier)}, f.tiersByRank()...) {
				t := &p.Tiers[ti]
				switch {
				case t.Name == to.Tier && tried:
					continue
				case t.Name == to.Tier:
					tried = true
				case own != nil && f.needless(own, t, goals):
					continue
				}
				chosen := make([]Change, 0, len(forced)+1+len(way)+1) // room for the agreement's fix
				chosen = append(chosen, forced...)
				if t.Name != to.Tier {
					chosen = append(chosen, Change{Kind: ChangeTier, Tier: t.Name})
				}
				if w, ok := f.world(append(chosen, way...), lifts); ok {
					worlds = append(worlds, w)
					if t.Name == to.Tier {
						own = &w
					}
				}
			}
		}
	}
	add([][]Change{nil})
	var restricted bool
	if len(worlds) > 0 {
		restricted = worlds[0].d.Restricted // as in every world: tiers do not restrict
	} else if base, err := f.decide(&f.ideal, forced, lifts); err == nil {
		restricted = base.Restricted
	}
	if restricted {
		add(f.unrestrict(forced))
	}

	var out []Remedy
	for _, g := range goals {
		var cands []candidate
		for _, w := range worlds {
			if gives(w.d, g, time.Time{}) {
				cands = append(cands, w.candidate)
			}
		}
		cands = undominated(cands)
		lift := g != Entitlement && slices.Contains(a.WithholdClasses, g)
		minimized := false
		for i, c := range cands {
			if lift {
				c.changes = concat(c.changes, []Change{{Kind: LiftWithholding, Class: g}})
				sortChanges(c.changes)
				c.mask = kinds(c.changes)
			}
			if minimizable(c.changes) {
				c, minimized = f.minimize(c, g), true
			}
			cands[i] = c
		}
		if minimized {
			cands = undominated(cands)
		}
		if len(cands) == 0 {
			cands = []candidate{{changes: []Change{f.none(g, worlds)}}}
		}
		for _, c := range cands {
			out = addGoal(out, c, g)
		}
	}
	f.describe(out)
	slices.SortStableFunc(out, compareRemedies)
	return out, nil
}

// needless reports whether deciding the world of tier t is needless,
// every remedy of it needing more kinds of change than one of own, the
// world of the partner's tier: own changes neither the agreement nor the
// instant, and gives every goal that t lists (a tier gives no class it
// does not list).
func (f *finder) needless(own *world, t *disclosure.Tier, goals []disclosure.Class) bool {
	if own.mask&kinds([]Change{{Kind: SignAgreement}, {Kind: Wait}}) != 0 {
		return false
	}
	for _, g := range goals {
		if !gives(own.d, g, time.Time{}) && (g == Entitlement || slices.Contains(t.Classes, g)) {
			return false
		}
	}
	return true
}

// goals returns what the partner lacks: Entitlement if it is not
// entitled, then each class of the advisory it does not receive (by the
// asked instant), by sensitivity.
func (f *finder) goals(d disclosure.Disclosure) []disclosure.Class {
	var goals []disclosure.Class
	if !d.Entitled {
		goals = append(goals, Entitlement)
	}
	var lacks []disclosure.Class
	for _, w := range d.Withheld {
		lacks = append(lacks, w.Class)
	}
	if !f.at.IsZero() && !d.ReleasedBy(f.at) {
		lacks = append(lacks, d.Classes...)
	}
	slices.SortFunc(lacks, bySensitivity)
	return append(goals, lacks...)
}

func bySensitivity(x, y disclosure.Class) int { return cmp.Compare(x.Sensitivity(), y.Sensitivity()) }

// decide decides with the changes of every list applied and, if ag is not
// nil, the partner's agreement replaced with *ag.
func (f *finder) decide(ag *disclosure.Agreement, changes ...[]Change) (disclosure.Disclosure, error) {
	a, to, _ := apply(f.a, f.to, f.at, changes...)
	if ag != nil {
		to.Agreement = *ag
	}
	return f.e.Disclose(a, to)
}

// unrestrict returns the ways out of the restricted treatment, each a
// list of changes: dropping the partner's jurisdictions that restrict it on
// their own, if any other is left; moving the public release to the first
// instant at which the laws of the registry that restrict it have lapsed;
// and, for each later lapse after which fewer of its jurisdictions
// restrict it, that lapse and dropping those.
func (f *finder) unrestrict(forced []Change) [][]Change {
	laws := f.p.Laws
	if len(laws) == 0 {
		laws = disclosure.BuiltinLaws()
	}
	ends := []time.Time{{}} // zero: the public release as it is
	for _, l := range laws {
		if u := l.EffectiveUntil; !u.IsZero() && u.After(f.a.PublicAt) {
			ends = append(ends, u.UTC())
		}
	}
	slices.SortFunc(ends, time.Time.Compare)
	ends = slices.Compact(ends)
	var ways [][]Change
	var seen []string // the jurisdictions dropped by each way so far
	for _, end := range ends {
		var lapse []Change
		if !end.IsZero() {
			lapse = []Change{{Kind: LawLapses, From: end, Law: f.lawEnding(laws, end)}}
		}
		drops, ok := f.drops(concat(forced, lapse))
		key := strings.Join(slices.Sorted(slices.Values(dropped(drops))), ",")
		if !ok || slices.Contains(seen, key) || end.IsZero() && len(drops) == 0 {
			continue
		}
		seen = append(seen, key)
		ways = append(ways, concat(lapse, drops))
		if len(drops) == 0 {
			break // no later lapse can do with fewer changes
		}
	}
	return ways
}

// drops returns a drop-jurisdiction change for each jurisdiction of the
// partner that makes it restricted on its own, with changes applied, and
// false if every jurisdiction does.
func (f *finder) drops(changes []Change) ([]Change, bool) {
	var drops []Change
	var kept bool
	for i, j := range f.to.Jurisdictions {
		if slices.Contains(f.to.Jurisdictions[:i], j) {
			continue
		}
		only := concat(changes, nil)
		for _, k := range f.to.Jurisdictions {
			if k != j {
				only = append(only, Change{Kind: DropJurisdiction, Jurisdiction: k})
			}
		}
		d, err := f.decide(&f.ideal, only)
		switch {
		case err != nil:
			return nil, false
		case d.Restricted:
			drops = append(drops, Change{Kind: DropJurisdiction, Jurisdiction: j})
		default:
			kept = true
		}
	}
	return drops, kept
}

func dropped(drops []Change) []string {
	var js []string
	for _, ch := range drops {
		js = append(js, ch.Jurisdiction)
	}
	return js
}

// lawEnding returns the ID of a law of the registry that ceases to apply
// at end, one naming a jurisdiction of the partner if there is one.
func (f *finder) lawEnding(laws []disclosure.Law, end time.Time) string {
	id := ""
	for _, l := range laws {
		if !l.EffectiveUntil.Equal(end) {
			continue
		}
		for _, j := range l.Jurisdictions {
			if slices.Contains(f.to.Jurisdictions, j) {
				return l.ID
			}
		}
		if id == "" {
			id = l.ID
		}
	}
	return id
}

// tiersByRank returns the indices of the policy's tiers, by rank.
func (f *finder) tiersByRank() []int {
	idx := make([]int, len(f.p.Tiers))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int { return cmp.Compare(f.p.Tiers[i].Rank, f.p.Tiers[j].Rank) })
	return idx
}

func (f *finder) tierIndex(name string) int {
	return slices.IndexFunc(f.p.Tiers, func(t disclosure.Tier) bool { return t.Name == name })
}

// world decides the inputs with changes and every lift applied, fixing
// the partner's agreement if that is what keeps it from being entitled.
// It reports false if the changed inputs cannot be decided or do not
// entitle the partner.
func (f *finder) world(changes, lifts []Change) (world, bool) {
	d, err := f.decide(nil, changes, lifts)
	if err != nil {
		return world{}, false
	}
	if !d.Entitled {
		fix, ok := f.agreementFix(changes, lifts, d)
		if !ok {
			return world{}, false
		}
		changes = append(changes, fix)
		if d, err = f.decide(nil, changes, lifts); err != nil || !d.Entitled {
			return world{}, false
		}
	}
	return world{candidate: f.candidate(changes, d), d: d}, true
}

// agreementFix returns the change of the partner's agreement that makes
// it acceptable in the world of changes, where the partner is denied by
// the agreement rules of d's reasons.
func (f *finder) agreementFix(changes, lifts []Change, d disclosure.Disclosure) (Change, bool) {
	var missing, expired, outdated bool
	for _, r := range d.Reasons {
		switch r.Code {
		case disclosure.CodeAgreementMissing:
			missing = true
		case disclosure.CodeAgreementExpired:
			expired = true
		case disclosure.CodeAgreementOutdated:
			outdated = true
		default:
			return Change{}, false // denied by a rule the forced changes did not lift
		}
	}
	a, _, _ := apply(f.a, f.to, f.at, changes)
	if expired && !missing && !outdated {
		return Change{Kind: RenewAgreement, Until: a.PublicAt.UTC()}, true
	}
	// The other fixes sign by the world's release, which needs the world
	// decided with an agreement no rule faults.
	ideal, err := f.decide(&f.ideal, changes, lifts)
	if err != nil || !ideal.Entitled {
		return Change{}, false
	}
	by, oldest := ideal.ReleaseAt, f.p.Agreement.MinVersion
	if outdated && !missing && !expired {
		return Change{Kind: UpdateAgreement, Version: oldest, By: by}, true
	}
	ch := Change{Kind: SignAgreement, By: by}
	if outdated || f.to.Agreement.SignedAt.IsZero() {
		ch.Version = oldest // "" when the policy requires none
	}
	return ch, true
}

// candidate returns the remedy that changes makes, decided as d: the
// release of a change of tier is d's, and a wait for it is added if the
// asked instant is earlier.
func (f *finder) candidate(changes []Change, d disclosure.Disclosure) candidate {
	c := candidate{changes: concat(changes, nil), release: d.ReleaseAt}
	for i := range c.changes {
		if ch := &c.changes[i]; ch.Kind == ChangeTier {
			ch.ReleaseAt = d.ReleaseAt
			c.rank = f.p.Tiers[f.tierIndex(ch.Tier)].Rank
		}
	}
	if !f.at.IsZero() && !d.ReleasedBy(f.at) {
		c.changes = append(c.changes, Change{Kind: Wait, From: d.ReleaseAt})
	}
	sortChanges(c.changes)
	c.mask = kinds(c.changes)
	return c
}

// gives reports whether decision d gives goal g by instant at (zero: at
// any time).
func gives(d disclosure.Disclosure, g disclosure.Class, at time.Time) bool {
	if !d.Entitled || !at.IsZero() && !d.ReleasedBy(at) {
		return false
	}
	return g == Entitlement || d.Receives(g)
}

// minimizable reports whether minimize may leave out a change of changes.
func minimizable(changes []Change) bool {
	return len(changes) > 1 && slices.ContainsFunc(changes, func(ch Change) bool { return removable(ch.Kind) })
}

// removable reports whether a change of kind k may be needless in a
// remedy: one of tier, of jurisdictions, of the public release or of the
// agreement, which another such change may have made needless.
func removable(k Kind) bool {
	switch k {
	case ChangeTier, DropJurisdiction, LawLapses, SignAgreement, RenewAgreement, UpdateAgreement:
		return true
	}
	return false
}

// minimize leaves out of c, in turn, each change that may be needless, as
// long as what remains, decided again, still reaches goal g by the instant
// c asks for; the release and the wait are then those of what remains.
func (f *finder) minimize(c candidate, g disclosure.Class) candidate {
	for again := true; again; {
		again = false
		for i, ch := range c.changes {
			if !removable(ch.Kind) {
				continue
			}
			rest := slices.Delete(slices.Clone(c.changes), i, i+1)
			d, err := f.decide(nil, rest)
			_, _, by := apply(f.a, f.to, f.at, rest)
			if err != nil || !gives(d, g, by) {
				continue
			}
			rest = slices.DeleteFunc(rest, func(ch Change) bool { return ch.Kind == Wait })
			c, again = f.candidate(rest, d), true
			break
		}
	}
	return c
}

// undominated returns the candidates that need no kind of change beyond
// another's, and of those that need the same kinds the one with the
// lowest tier, once.
func undominated(cs []candidate) []candidate {
	var out []candidate
	for i, c := range cs {
		dominated := false
		for j, o := range cs {
			switch {
			case i == j:
			case o.mask&c.mask == o.mask && o.mask != c.mask:
				dominated = true
			case o.mask == c.mask && (o.rank < c.rank || o.rank == c.rank && j < i):
				dominated = true
			}
		}
		if !dominated {
			out = append(out, c)
		}
	}
	return out
}

// kinds returns the kinds of the changes as bits, the agreement's three
// as one.
func kinds(changes []Change) uint32 {
	var m uint32
	for _, ch := range changes {
		k := ch.Kind
		switch k {
		case RenewAgreement, UpdateAgreement:
			k = SignAgreement
		}
		m |= 1 << k.order()
	}
	return m
}

// none returns the change of kind None for goal g, which no world gives,
// naming the policy's rule that withholds it in the worlds decided.
func (f *finder) none(g disclosure.Class, worlds []world) Change {
	ch := Change{Kind: None}
	for _, w := range worlds {
		for _, wh := range w.d.Withheld {
			if wh.Class != g {
				continue
			}
			switch wh.Reason {
			case disclosure.CodeRestrictedJurisdiction:
				ch.Rule, ch.Reason = "restricted.classes", wh.Reason
				return ch
			case disclosure.CodeUnknownClass:
				ch.Rule, ch.Reason = "tiers[*].classes", wh.Reason
			}
		}
	}
	return ch
}

// addGoal adds goal g to the remedy of rs with c's changes, or adds one.
func addGoal(rs []Remedy, c candidate, g disclosure.Class) []Remedy {
	i := slices.IndexFunc(rs, func(r Remedy) bool {
		return slices.EqualFunc(r.Changes, c.changes, func(x, y Change) bool { return compareChanges(x, y) == 0 })
	})
	if i < 0 {
		rs = append(rs, Remedy{Changes: slices.Clone(c.changes), ReleaseAt: c.release})
		i = len(rs) - 1
	}
	if g == Entitlement {
		rs[i].Entitles = true
	} else {
		rs[i].Classes = append(rs[i].Classes, g)
	}
	return rs
}

// compareRemedies orders remedies as For documents.
func compareRemedies(x, y Remedy) int {
	xn, yn := x.Changes[0].Kind == None, y.Changes[0].Kind == None
	if xn != yn {
		if xn {
			return 1
		}
		return -1
	}
	if x.Entitles != y.Entitles {
		if x.Entitles {
			return -1
		}
		return 1
	}
	least := func(r Remedy) int {
		if len(r.Classes) == 0 {
			return 0
		}
		return r.Classes[0].Sensitivity()
	}
	if c := cmp.Compare(least(x), least(y)); c != 0 {
		return c
	}
	if c := cmp.Compare(len(x.Changes), len(y.Changes)); c != 0 {
		return c
	}
	return slices.CompareFunc(x.Changes, y.Changes, compareChanges)
}

// sortChanges orders changes by kind, then parameter.
func sortChanges(cs []Change) { slices.SortFunc(cs, compareChanges) }

func compareChanges(x, y Change) int {
	if c := cmp.Compare(x.Kind.order(), y.Kind.order()); c != 0 {
		return c
	}
	if c := cmp.Compare(x.Class.Sensitivity(), y.Class.Sensitivity()); c != 0 {
		return c
	}
	for _, c := range [...]int{
		strings.Compare(x.Tier, y.Tier), strings.Compare(x.Version, y.Version),
		strings.Compare(x.Jurisdiction, y.Jurisdiction), strings.Compare(x.Law, y.Law),
		x.By.Compare(y.By), x.Until.Compare(y.Until), x.From.Compare(y.From), x.ReleaseAt.Compare(y.ReleaseAt),
		strings.Compare(x.Rule, y.Rule), strings.Compare(string(x.Reason), string(y.Reason)),
	} {
		if c != 0 {
			return c
		}
	}
	return 0
}

// concat returns a new slice holding xs then ys.
func concat(xs, ys []Change) []Change {
	out := make([]Change, 0, len(xs)+len(ys))
	return append(append(out, xs...), ys...)
}
