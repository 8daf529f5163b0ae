package disclosuretest

import (
	"bytes"
	"reflect"
	"slices"
	"testing"

	"github.com/disclosurekit/disclosure"
)

// A DecideFunc decides one partner's disclosure; [disclosure.Disclose] is
// one. Wrapping it lets a test check an engine of its own.
type DecideFunc func(disclosure.Policy, disclosure.Advisory, disclosure.Partner) (disclosure.Disclosure, error)

// Inputs are what [CheckInvariants] decides: every advisory for every
// partner, the given ones and generated ones.
type Inputs struct {
	Advisories []disclosure.Advisory
	Partners   []disclosure.Partner
	// Generated is how many generated advisory and partner pairs to check
	// in addition; 0 means 1000, a negative number none.
	Generated int
	// Seed makes the generated inputs; the same seed gives the same inputs.
	Seed uint64
	// Decide is the engine under test; nil means disclosure.Disclose.
	Decide DecideFunc
}

// CheckInvariants decides every advisory for every partner under policy p
// and reports, through t.Errorf, each guarantee a decision breaks: those of
// [CheckDisclosure], and
//
//   - determinism: two calls give byte-identical JSON;
//   - purity: the inputs are deep-equal before and after the call, and
//     after the caller scribbles over every slice of the result;
//   - restriction: a restricted partner never receives more classes, or
//     earlier, than the same partner unrestricted;
//   - nesting: where every tier of higher rank has at least the classes and
//     the lead of every lower one, a higher rank never receives fewer
//     classes or later;
//   - embargo: embargo-ended is given exactly when an early end made the
//     release earlier.
//
// Generated inputs that break a guarantee are shrunk (sections, artifacts,
// jurisdictions and options removed while it still breaks) and printed as
// JSON. A malformed given input is reported as an error; the policy must
// be valid.
func CheckInvariants(t testing.TB, p disclosure.Policy, in Inputs) {
	t.Helper()
	if err := p.Validate(); err != nil {
		t.Errorf("disclosuretest: the policy is invalid:\n%v", err)
		return
	}
	decide := in.Decide
	if decide == nil {
		decide = disclosure.Disclose
	}
	failures := 0
	report := func(v *Violation, a disclosure.Advisory, to disclosure.Partner, generated bool) {
		t.Helper()
		failures++
		if failures > 5 {
			return
		}
		how := "given"
		if generated {
			how = "generated and shrunk"
			a, to = shrink(p, a, to, v.Invariant, decide)
			if w := checkPair(p, a, to, decide); w != nil {
				v = w
			}
		}
		t.Errorf("disclosuretest: %s\ncounterexample (%s):\nadvisory: %s\npartner: %s", v, how, mustJSON(a), mustJSON(to))
	}
	for _, a := range in.Advisories {
		if err := a.Validate(); err != nil {
			t.Errorf("disclosuretest: advisory %s is invalid:\n%v", a.ID, err)
			continue
		}
		for _, to := range in.Partners {
			if v := checkPair(p, a, to, decide); v != nil {
				report(v, a, to, false)
			}
		}
	}
	n := in.Generated
	if n == 0 {
		n = 1000
	}
	g := newGenerator(p, in.Seed)
	for i := 0; i < n; i++ {
		a, to := g.advisory(i), g.partner(i)
		if v := checkPair(p, a, to, decide); v != nil {
			report(v, a, to, true)
		}
	}
	if failures > 5 {
		t.Errorf("disclosuretest: %d more violations not shown", failures-5)
	}
}

// checkPair checks every guarantee for one advisory and partner.
func checkPair(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, decide DecideFunc) *Violation {
	p0, a0, to0 := clonePolicy(p), cloneAdvisory(a), clonePartner(to)
	d, err := decide(p, a, to)
	if err != nil {
		if to.Validate() != nil {
			return nil // a malformed partner is an error, as it should be
		}
		return violation("error", "valid input rejected: %v", err)
	}
	if v := checkDisclosure(p, a, to, d); v != nil {
		return v
	}
	again, err := decide(p, a, to)
	if err != nil || !bytes.Equal(mustJSON(d), mustJSON(again)) {
		return violation("determinism", "two calls differ:\n%s\n%s", mustJSON(d), mustJSON(again))
	}
	scribble(&d)
	switch {
	case !reflect.DeepEqual(p0, p):
		return violation("purity", "the policy changed")
	case !reflect.DeepEqual(a0, a):
		return violation("purity", "the advisory changed, or shares memory with the result")
	case !reflect.DeepEqual(to0, to):
		return violation("purity", "the partner changed")
	}
	if v := checkRestriction(p, a, to, again, decide); v != nil {
		return v
	}
	if v := checkNesting(p, a, to, again, decide); v != nil {
		return v
	}
	return checkEmbargo(p, a, to, again, decide)
}

// signedEarly reports whether an agreement predates every release, so that
// entitlement cannot depend on the lead.
func signedEarly(to disclosure.Partner, a disclosure.Advisory) bool {
	s := to.Agreement.SignedAt
	return s.IsZero() || s.Before(a.PublicAt.AddDate(-1, 0, 0)) && (a.ReadyAt.IsZero() || s.Before(a.ReadyAt))
}

func checkRestriction(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, d disclosure.Disclosure, decide DecideFunc) *Violation {
	if !d.Restricted {
		return nil
	}
	free := clonePolicy(p)
	free.RestrictWhen = disclosure.RestrictionScope{}
	u, err := decide(free, a, to)
	if err != nil {
		return violation("error", "unrestricted twin rejected: %v", err)
	}
	if signedEarly(to, a) && u.Entitled != d.Entitled {
		return violation("restriction", "the restriction changed entitlement from %v to %v", u.Entitled, d.Entitled)
	}
	if !d.Entitled || !u.Entitled {
		return nil
	}
	for _, c := range d.Classes {
		if !u.Receives(c) {
			return violation("restriction", "restricted, the partner receives %s; unrestricted, it does not", c)
		}
	}
	if d.ReleaseAt.Before(u.ReleaseAt) {
		return violation("restriction", "restricted release %s is before the unrestricted %s", utc(d.ReleaseAt), utc(u.ReleaseAt))
	}
	return nil
}

// nested reports whether every tier has at least the classes and the lead
// of every tier of lower rank, leads compared on the advisory's date.
func nested(p disclosure.Policy, a disclosure.Advisory) bool {
	for _, lo := range p.Tiers {
		for _, hi := range p.Tiers {
			if hi.Rank <= lo.Rank {
				continue
			}
			for _, c := range lo.Classes {
				if !slices.Contains(hi.Classes, c) {
					return false
				}
			}
			if hi.Lead.Before(a.PublicAt, p.CalendarZone).After(lo.Lead.Before(a.PublicAt, p.CalendarZone)) {
				return false
			}
		}
	}
	return true
}

func checkNesting(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, d disclosure.Disclosure, decide DecideFunc) *Violation {
	if !nested(p, a) {
		return nil
	}
	var rank int
	for _, t := range p.Tiers {
		if t.Name == to.Tier {
			rank = t.Rank
		}
	}
	for _, hi := range p.Tiers {
		if hi.Rank <= rank {
			continue
		}
		up := clonePartner(to)
		up.Tier = hi.Name
		h, err := decide(p, a, up)
		if err != nil {
			return violation("error", "the partner at tier %s rejected: %v", hi.Name, err)
		}
		if signedEarly(to, a) && h.Entitled != d.Entitled {
			return violation("nesting", "moving from tier %s to %s changed entitlement", to.Tier, hi.Name)
		}
		if !d.Entitled || !h.Entitled {
			continue
		}
		for _, c := range d.Classes {
			if !h.Receives(c) {
				return violation("nesting", "tier %s receives %s; higher tier %s does not", to.Tier, c, hi.Name)
			}
		}
		if h.ReleaseAt.After(d.ReleaseAt) {
			return violation("nesting", "higher tier %s released at %s, after tier %s at %s", hi.Name, utc(h.ReleaseAt), to.Tier, utc(d.ReleaseAt))
		}
	}
	return nil
}

func checkEmbargo(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, d disclosure.Disclosure, decide DecideFunc) *Violation {
	if !d.Entitled || a.Embargo.EndedAt.IsZero() {
		return nil
	}
	held := cloneAdvisory(a)
	held.Embargo = disclosure.Embargo{}
	h, err := decide(p, held, to)
	if err != nil {
		return violation("error", "the advisory without its early end rejected: %v", err)
	}
	if !h.Entitled {
		return nil // the agreement was signed between the two instants
	}
	ended := slices.ContainsFunc(d.Reasons, func(r disclosure.Reason) bool { return r.Code == disclosure.CodeEmbargoEnded })
	if moved := d.ReleaseAt.Before(h.ReleaseAt); moved != ended || d.ReleaseAt.After(h.ReleaseAt) {
		return violation("embargo", "release %s with the early end, %s without; embargo-ended given: %v", utc(d.ReleaseAt), utc(h.ReleaseAt), ended)
	}
	return nil
}

// Scribble overwrites every element of every slice of d, and every byte of
// its artifacts. A test that compares its inputs with copies taken before
// the call then shows whether d shared memory with them.
func Scribble(d *disclosure.Disclosure) { scribble(d) }

func scribble(d *disclosure.Disclosure) {
	c := &d.Advisory
	for i := range c.CVEs {
		c.CVEs[i] = "scribbled"
	}
	for i := range c.Products {
		c.Products[i] = "scribbled"
	}
	for i := range c.Sections {
		c.Sections[i] = disclosure.Section{Class: "scribbled", Body: "scribbled"}
	}
	for i := range c.Artifacts {
		for k := range c.Artifacts[i].Data {
			c.Artifacts[i].Data[k] ^= 0xff
		}
		c.Artifacts[i].Data = append(c.Artifacts[i].Data, "appended"...)
		c.Artifacts[i].Name = "scribbled"
	}
	for i := range d.Classes {
		d.Classes[i] = "scribbled"
	}
	for i := range d.Withheld {
		d.Withheld[i].Detail = "scribbled"
	}
	for i := range d.Reasons {
		d.Reasons[i].Detail = "scribbled"
	}
}

// clonePolicy, cloneAdvisory and clonePartner make deep copies.
func clonePolicy(p disclosure.Policy) disclosure.Policy {
	p.Tiers = slices.Clone(p.Tiers)
	for i := range p.Tiers {
		p.Tiers[i].Classes = slices.Clone(p.Tiers[i].Classes)
	}
	p.Restriction.Classes = slices.Clone(p.Restriction.Classes)
	w := &p.RestrictWhen
	w.Binds, w.Laws, w.Jurisdictions = slices.Clone(w.Binds), slices.Clone(w.Laws), slices.Clone(w.Jurisdictions)
	p.Laws = slices.Clone(p.Laws)
	for i := range p.Laws {
		l := &p.Laws[i]
		l.Jurisdictions, l.Binds = slices.Clone(l.Jurisdictions), slices.Clone(l.Binds)
	}
	return p
}

func cloneAdvisory(a disclosure.Advisory) disclosure.Advisory {
	a.CVEs = slices.Clone(a.CVEs)
	a.Products = slices.Clone(a.Products)
	a.Sections = slices.Clone(a.Sections)
	a.Artifacts = slices.Clone(a.Artifacts)
	for i := range a.Artifacts {
		a.Artifacts[i].Data = slices.Clone(a.Artifacts[i].Data)
	}
	a.ExcludePartners = slices.Clone(a.ExcludePartners)
	a.WithholdClasses = slices.Clone(a.WithholdClasses)
	return a
}

func clonePartner(p disclosure.Partner) disclosure.Partner {
	p.Jurisdictions = slices.Clone(p.Jurisdictions)
	return p
}
