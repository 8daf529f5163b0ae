package disclosuretest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/remedy"
)

// Remedy asserts that one of the remedies rs for decision d gives goal (a
// class, or [remedy.Entitlement]) with changes of exactly the kinds want:
// each at least once, and no other. For the classes no change gives, want
// is [remedy.None]. It reports whether such a remedy is there.
func Remedy(t testing.TB, d disclosure.Disclosure, rs []remedy.Remedy, goal disclosure.Class, want ...remedy.Kind) bool {
	t.Helper()
	for _, r := range rs {
		if !r.Gives(goal) {
			continue
		}
		var got []remedy.Kind
		for _, ch := range r.Changes {
			got = append(got, ch.Kind)
		}
		if sameKinds(got, want) {
			return true
		}
	}
	t.Errorf("%s", failure(d, "want a remedy for %s of kinds %s, got:\n%s", goalName(goal), kindList(want), strings.TrimSuffix(RemedyTable(rs), "\n")))
	return false
}

func sameKinds(got, want []remedy.Kind) bool {
	for _, k := range got {
		if !slices.Contains(want, k) {
			return false
		}
	}
	for _, k := range want {
		if !slices.Contains(got, k) {
			return false
		}
	}
	return true
}

func goalName(c disclosure.Class) string {
	if c == remedy.Entitlement {
		return "entitlement"
	}
	return string(c)
}

func kindList(ks []remedy.Kind) string {
	if len(ks) == 0 {
		return "(none given)"
	}
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, " + ")
}

// RemedyTable renders remedies for people, as [Remedy] prints them on
// failure: one line each, what it gives, then its changes in words.
func RemedyTable(rs []remedy.Remedy) string {
	if len(rs) == 0 {
		return "  (no remedies)\n"
	}
	var b strings.Builder
	for _, r := range rs {
		var gives []string
		if r.Entitles {
			gives = append(gives, "entitlement")
		}
		for _, c := range r.Classes {
			gives = append(gives, string(c))
		}
		var changes []string
		for _, ch := range r.Changes {
			changes = append(changes, fmt.Sprintf("%s (%s)", ch.Kind, ch.Detail))
		}
		fmt.Fprintf(&b, "  %s: %s\n", strings.Join(gives, ", "), strings.Join(changes, " + "))
	}
	return b.String()
}

// CheckRemedies checks remedies rs, found for partner to and advisory a
// under policy p, with at the instant asked for (zero: none), and returns
// the first guarantee broken as a *[Violation], or nil:
//
//   - every class the partner does not receive (by at), and entitlement
//     when it is not entitled, is given by a remedy or concerned by one of
//     kind none, and no remedy promises anything else;
//   - applying every change of a remedy, as package remedy documents, and
//     deciding again gives all it promises (by the instant of its wait, if
//     any), released at its ReleaseAt;
//   - leaving out any one change of a remedy gives none of it;
//   - a remedy that changes the partner's tier names the lowest-ranked
//     tier that gives what it promises with its other changes;
//   - remedies that entitle come first and those of kind none last, each
//     with its classes by sensitivity and its changes in the order of
//     remedy.Kinds;
//   - a class concerned by a remedy of kind none is given by no partner
//     that differs from to only by changes remedy has kinds for: active,
//     not excluded, not withheld, with an agreement no rule faults, in any
//     tier, with any of its jurisdictions, made public when any law of the
//     registry lapses.
func CheckRemedies(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, at time.Time, rs []remedy.Remedy) error {
	if v := checkRemedies(p, a, to, at, rs); v != nil {
		return v
	}
	return nil
}

func checkRemedies(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, at time.Time, rs []remedy.Remedy) *Violation {
	d, err := disclosure.Disclose(p, a, to)
	if err != nil {
		return violation("remedy-inputs", "%v", err)
	}
	goals := remedyGoals(d, at)
	covered := map[disclosure.Class]int{} // goal -> remedies that give it, -1 if none
	for i, r := range rs {
		if len(r.Changes) == 0 || !r.Entitles && len(r.Classes) == 0 {
			return violation("remedy-malformed", "remedy %d has no changes or promises nothing: %s", i, mustJSON(r))
		}
		promised := r.Classes
		if r.Entitles {
			promised = append([]disclosure.Class{remedy.Entitlement}, promised...)
		}
		none := r.Changes[0].Kind == remedy.None
		for _, ch := range r.Changes {
			if !ch.Kind.Valid() || ch.Detail == "" || ch.Kind == remedy.None && len(r.Changes) != 1 {
				return violation("remedy-malformed", "remedy %d: change %s", i, mustJSON(ch))
			}
		}
		for _, g := range promised {
			if !slices.Contains(goals, g) {
				return violation("remedy-promise", "remedy %d promises %s, which the partner does not lack", i, goalName(g))
			}
			switch {
			case none && covered[g] > 0, !none && covered[g] < 0:
				return violation("remedy-none", "%s has a remedy and one of kind none", goalName(g))
			case none:
				covered[g] = -1
			default:
				covered[g]++
			}
		}
		if none {
			for _, g := range promised {
				if v := checkNone(p, a, to, g); v != nil {
					return v
				}
			}
			continue
		}
		ra, rto, rat := applyChanges(a, to, at, r.Changes)
		got, err := disclosure.Disclose(p, ra, rto)
		if err != nil {
			return violation("remedy-insufficient", "remedy %d gives invalid inputs: %v\nremedy: %s", i, err, mustJSON(r))
		}
		for _, g := range promised {
			if !reaches(got, g, rat) {
				return violation("remedy-insufficient", "remedy %d does not give %s\nremedy: %s\ndecided again:\n%s", i, goalName(g), mustJSON(r), Table(got))
			}
		}
		if !got.ReleaseAt.Equal(r.ReleaseAt) {
			return violation("remedy-release", "remedy %d says release at %s, deciding again gives %s", i, utc(r.ReleaseAt), utc(got.ReleaseAt))
		}
		for _, ch := range r.Changes {
			said := ch.ReleaseAt // change-tier: the release the tier brings
			if ch.Kind == remedy.Wait {
				said = ch.From // until the release
			}
			if (ch.Kind == remedy.ChangeTier || ch.Kind == remedy.Wait) && !got.ReleaseAt.Equal(said) {
				return violation("remedy-release", "remedy %d: %s says %s, deciding again gives release at %s", i, ch.Kind, ch.Detail, utc(got.ReleaseAt))
			}
		}
		if v := checkLowestTier(p, a, to, at, i, r, promised); v != nil {
			return v
		}
		for k := range r.Changes {
			rest := slices.Delete(slices.Clone(r.Changes), k, k+1)
			ra, rto, rat := applyChanges(a, to, at, rest)
			got, err := disclosure.Disclose(p, ra, rto)
			if err != nil {
				continue // the changes left give invalid inputs: nothing
			}
			for _, g := range promised {
				if reaches(got, g, rat) {
					return violation("remedy-not-minimal", "remedy %d gives %s without its change %s (%s)\nremedy: %s", i, goalName(g), r.Changes[k].Kind, r.Changes[k].Detail, mustJSON(r))
				}
			}
		}
	}
	if v := checkRemedyOrder(rs); v != nil {
		return v
	}
	for _, g := range goals {
		if covered[g] == 0 {
			return violation("remedy-missing", "no remedy for %s\nremedies:\n%s", goalName(g), RemedyTable(rs))
		}
	}
	return nil
}

// checkLowestTier checks that remedy r, number i, if it moves the partner
// to another tier, moves it to the lowest-ranked one that gives any of
// what r promises with r's other changes: by the asked instant, or at all
// if r waits.
func checkLowestTier(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, at time.Time, i int, r remedy.Remedy, promised []disclosure.Class) *Violation {
	k := slices.IndexFunc(r.Changes, func(ch remedy.Change) bool { return ch.Kind == remedy.ChangeTier })
	if k < 0 {
		return nil
	}
	rank := func(name string) int {
		for _, t := range p.Tiers {
			if t.Name == name {
				return t.Rank
			}
		}
		return 0
	}
	waits := slices.ContainsFunc(r.Changes, func(ch remedy.Change) bool { return ch.Kind == remedy.Wait })
	for _, t := range p.Tiers {
		if t.Rank >= rank(r.Changes[k].Tier) || t.Name == to.Tier {
			continue
		}
		changes := slices.Clone(r.Changes)
		changes[k].Tier = t.Name
		changes = slices.DeleteFunc(changes, func(ch remedy.Change) bool { return ch.Kind == remedy.Wait })
		ra, rto, rat := applyChanges(a, to, at, changes)
		if waits {
			rat = time.Time{}
		}
		got, err := disclosure.Disclose(p, ra, rto)
		if err != nil {
			continue
		}
		for _, g := range promised {
			if reaches(got, g, rat) {
				return violation("remedy-tier", "remedy %d moves the partner to tier %s, but the lower tier %s gives %s with the same other changes",
					i, r.Changes[k].Tier, t.Name, goalName(g))
			}
		}
	}
	return nil
}

// checkRemedyOrder checks the order package remedy documents: remedies
// that entitle first and those of kind none last, classes by sensitivity,
// changes by kind.
func checkRemedyOrder(rs []remedy.Remedy) *Violation {
	kinds := remedy.Kinds()
	group := func(r remedy.Remedy) int {
		switch {
		case r.Changes[0].Kind == remedy.None:
			return 2
		case r.Entitles:
			return 0
		}
		return 1
	}
	for i, r := range rs {
		if i > 0 && group(rs[i-1]) > group(r) {
			return violation("remedy-order", "remedy %d comes after one it should precede (entitling first, none last)", i)
		}
		if !slices.IsSortedFunc(r.Classes, func(x, y disclosure.Class) int { return x.Sensitivity() - y.Sensitivity() }) {
			return violation("remedy-order", "remedy %d: classes %v not by sensitivity", i, r.Classes)
		}
		if !slices.IsSortedFunc(r.Changes, func(x, y remedy.Change) int { return slices.Index(kinds, x.Kind) - slices.Index(kinds, y.Kind) }) {
			return violation("remedy-order", "remedy %d: changes not in the order of remedy.Kinds", i)
		}
	}
	return nil
}

// remedyGoals returns what the partner lacks: entitlement, the classes
// withheld and, when it is released after at, those received.
func remedyGoals(d disclosure.Disclosure, at time.Time) []disclosure.Class {
	var goals []disclosure.Class
	if !d.Entitled {
		goals = append(goals, remedy.Entitlement)
	}
	for _, w := range d.Withheld {
		goals = append(goals, w.Class)
	}
	if !at.IsZero() && !d.ReleasedBy(at) {
		goals = append(goals, d.Classes...)
	}
	return goals
}

// reaches reports whether d gives goal g by at (zero: ever).
func reaches(d disclosure.Disclosure, g disclosure.Class, at time.Time) bool {
	if !d.Entitled || !at.IsZero() && !d.ReleasedBy(at) {
		return false
	}
	return g == remedy.Entitlement || d.Receives(g)
}

// applyChanges applies changes to copies of the inputs as package remedy
// documents each kind.
func applyChanges(a disclosure.Advisory, to disclosure.Partner, at time.Time, changes []remedy.Change) (disclosure.Advisory, disclosure.Partner, time.Time) {
	a, to = cloneAdvisory(a), clonePartner(to)
	for _, ch := range changes {
		switch ch.Kind {
		case remedy.Reinstate:
			to.Status = disclosure.StatusActive
		case remedy.RemoveExclusion:
			a.ExcludePartners = slices.DeleteFunc(a.ExcludePartners, func(id string) bool { return id == to.ID })
		case remedy.LiftWithholding:
			a.WithholdClasses = slices.DeleteFunc(a.WithholdClasses, func(c disclosure.Class) bool { return c == ch.Class })
		case remedy.SignAgreement:
			version := ch.Version
			if version == "" {
				version = to.Agreement.Version
			}
			to.Agreement = disclosure.Agreement{Version: version, SignedAt: ch.By}
		case remedy.RenewAgreement:
			to.Agreement.ExpiresAt = ch.Until
		case remedy.UpdateAgreement:
			to.Agreement.Version = ch.Version
			to.Agreement.SignedAt = ch.By
		case remedy.ChangeTier:
			to.Tier = ch.Tier
		case remedy.Wait:
			at = ch.From
		case remedy.DropJurisdiction:
			to.Jurisdictions = slices.DeleteFunc(to.Jurisdictions, func(j string) bool { return j == ch.Jurisdiction })
		case remedy.LawLapses:
			a.PublicAt = ch.From
		}
	}
	return a, to, at
}

// checkNone looks for a partner like to, changed only as remedies can
// change it, that receives class g, which a remedy of kind none says no
// change gives.
func checkNone(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, g disclosure.Class) *Violation {
	if g == remedy.Entitlement {
		return violation("remedy-none", "entitlement has a remedy of kind none, but an active partner with a sound agreement is entitled")
	}
	a = cloneAdvisory(a)
	a.ExcludePartners, a.WithholdClasses = nil, nil
	publics := []time.Time{a.PublicAt}
	laws := p.Laws
	if len(laws) == 0 {
		laws = disclosure.BuiltinLaws()
	}
	for _, l := range laws {
		if l.EffectiveUntil.After(a.PublicAt) {
			publics = append(publics, l.EffectiveUntil)
		}
	}
	var places []string
	for _, j := range to.Jurisdictions {
		if !slices.Contains(places, j) && len(places) < 8 {
			places = append(places, j)
		}
	}
	for _, public := range publics {
		a.PublicAt = public
		for _, t := range p.Tiers {
			for set := 1; set < 1<<len(places); set++ {
				c := disclosure.Partner{ID: to.ID, Tier: t.Name, Status: disclosure.StatusActive,
					Agreement: disclosure.Agreement{Version: p.Agreement.MinVersion, SignedAt: time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)}}
				for k, j := range places {
					if set&(1<<k) != 0 {
						c.Jurisdictions = append(c.Jurisdictions, j)
					}
				}
				if d, err := disclosure.Disclose(p, a, c); err == nil && d.Receives(g) {
					return violation("remedy-none", "a remedy of kind none for %s, yet tier %s, jurisdictions %v, public at %s give it",
						g, t.Name, c.Jurisdictions, utc(public))
				}
			}
		}
	}
	return nil
}
