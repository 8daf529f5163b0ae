package disclosure_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/disclosuretest"
)

func mustEngine(t testing.TB, p disclosure.Policy) *disclosure.Engine {
	t.Helper()
	e, err := disclosure.NewEngine(p)
	if err != nil {
		t.Fatalf("NewEngine: %v", err)
	}
	return e
}

// An Engine decides exactly as the package's functions do: the same
// Disclosure byte for byte and the same Plan, over generated worlds.
func TestEngineAgreesWithPackage(t *testing.T) {
	decisions := 0
	for seed := range uint64(propertyCases(t) / 2) {
		w := genWorld(seed, seed%4 == 0)
		e := mustEngine(t, w.policy)
		for _, to := range w.partners {
			want, err := disclosure.Disclose(w.policy, w.advisory, to)
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			got, err := e.Disclose(w.advisory, to)
			if err != nil {
				t.Fatalf("seed %d: Engine.Disclose: %v", seed, err)
			}
			if g, w := mustJSON(got), mustJSON(want); string(g) != string(w) {
				t.Fatalf("seed %d, partner %s: Engine.Disclose\n%s\nwant\n%s", seed, to.ID, g, w)
			}
			decisions++
		}
		want, err := disclosure.Plan(w.policy, w.advisory, w.partners)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		got, err := e.Plan(w.advisory, w.partners)
		if err != nil {
			t.Fatalf("seed %d: Engine.Plan: %v", seed, err)
		}
		if g, w := mustJSON(got), mustJSON(want); string(g) != string(w) {
			t.Fatalf("seed %d: Engine.Plan\n%s\nwant\n%s", seed, g, w)
		}
	}
	t.Logf("%d decisions compared", decisions)
}

// The Engine keeps every guarantee of disclosuretest.CheckInvariants,
// which builds an engine for each policy it is given.
func TestEngineInvariants(t *testing.T) {
	viaEngine := func(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner) (disclosure.Disclosure, error) {
		e, err := disclosure.NewEngine(p)
		if err != nil {
			return disclosure.Disclosure{}, err
		}
		return e.Disclose(a, to)
	}
	for seed := range uint64(propertyCases(t) / 10) {
		w := genWorld(seed, seed%4 == 0)
		disclosuretest.CheckInvariants(t, w.policy, disclosuretest.Inputs{
			Advisories: []disclosure.Advisory{w.advisory},
			Partners:   w.partners,
			Generated:  -1,
			Decide:     viaEngine,
		})
		if t.Failed() {
			t.Fatalf("seed %d", seed)
		}
	}
}

// Every malformed input of Disclose and Plan is malformed for the Engine
// too, with the same problems: a bad policy fails NewEngine (its paths
// without the "policy." prefix), a bad advisory or partner fails
// Engine.Disclose and Engine.Plan with the same error.
func TestEngineMalformedInputs(t *testing.T) {
	n := 0
	for _, c := range vtMalformedCases() {
		if c.entry != vtDisclose && c.entry != vtPlan {
			continue
		}
		n++
		p, a := disclosure.DefaultPolicy(), vtAdvisory()
		if c.policy != nil {
			c.policy(&p)
		}
		if c.advisory != nil {
			c.advisory(&a)
		}
		_, _, want := c.run()
		if want == nil {
			t.Fatalf("%s: the package accepts the case", c.name)
		}
		e, err := disclosure.NewEngine(p)
		if perr := p.Validate(); perr != nil {
			if err == nil || e != nil || err.Error() != perr.Error() || !errors.Is(err, disclosure.ErrInvalidPolicy) {
				t.Errorf("%s: NewEngine = %v, %v; want nil and %v", c.name, e, err, perr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: NewEngine: %v", c.name, err)
		}
		var got error
		if c.entry == vtDisclose {
			to := vtPartner("us-av", "entry", "US")
			if c.partner != nil {
				c.partner(&to)
			}
			var d disclosure.Disclosure
			d, got = e.Disclose(a, to)
			if !reflect.ValueOf(d).IsZero() {
				t.Errorf("%s: a Disclosure with the error: %+v", c.name, d)
			}
		} else {
			ps := vtPartners()
			if c.partners != nil {
				ps = c.partners(ps)
			}
			var ds []disclosure.Disclosure
			ds, got = e.Plan(a, ps)
			if ds != nil {
				t.Errorf("%s: disclosures with the error", c.name)
			}
		}
		if got == nil || got.Error() != want.Error() {
			t.Errorf("%s: Engine error\n%v\nwant\n%v", c.name, got, want)
		}
		for _, s := range vtSentinels {
			if errors.Is(got, s) != errors.Is(want, s) {
				t.Errorf("%s: errors.Is(%v) differs", c.name, s)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d malformed cases for Disclose and Plan", n)
	}
}

// Changing the policy given to NewEngine, or the one Policy returns,
// changes nothing in the engine's decisions.
func TestEngineKeepsItsOwnPolicy(t *testing.T) {
	p := disclosure.DefaultPolicy()
	p.RestrictWhen.Jurisdictions = []string{"RU"}
	p.Laws = disclosure.BuiltinLaws()
	e := mustEngine(t, p)
	a := sharePointAdvisory()
	partners := []disclosure.Partner{activePartner("us", "entry", "US"), activePartner("cn", "validate", "CN"),
		activePartner("ru", "responder", "RU")}
	before, err := e.Plan(a, partners)
	if err != nil {
		t.Fatal(err)
	}
	scribblePolicy := func(p *disclosure.Policy) {
		for i := range p.Tiers {
			p.Tiers[i].Name += "-changed"
			for k := range p.Tiers[i].Classes {
				p.Tiers[i].Classes[k] = disclosure.ClassUnclassified
			}
			p.Tiers[i].Lead = disclosure.LeadBusinessDays(20)
		}
		for k := range p.Restriction.Classes {
			p.Restriction.Classes[k] = disclosure.ClassProofOfConcept
		}
		for k := range p.RestrictWhen.Binds {
			p.RestrictWhen.Binds[k] = disclosure.PartyOperators
		}
		p.RestrictWhen.Jurisdictions[0] = "US"
		for i := range p.Laws {
			p.Laws[i].Jurisdictions[0] = "US"
			p.Laws[i].EffectiveFrom = time.Time{}
		}
	}
	scribblePolicy(&p)
	got := e.Policy()
	scribblePolicy(&got)
	after, err := e.Plan(a, partners)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := mustJSON(after), mustJSON(before); string(g) != string(w) {
		t.Fatalf("the engine changed with the policy given to it:\n%s\nwas\n%s", g, w)
	}
	want := disclosure.DefaultPolicy()
	want.RestrictWhen.Jurisdictions = []string{"RU"}
	want.Laws = disclosure.BuiltinLaws()
	if g, w := mustJSON(e.Policy()), mustJSON(want); string(g) != string(w) {
		t.Fatalf("Policy() = %s\nwant %s", g, w)
	}
}

// The zero Engine, and a nil one, decide nothing and do not panic.
func TestZeroEngine(t *testing.T) {
	a, to := sharePointAdvisory(), activePartner("us", "entry", "US")
	for name, e := range map[string]*disclosure.Engine{"zero": {}, "nil": nil} {
		if _, err := e.Disclose(a, to); !errors.Is(err, disclosure.ErrInvalidPolicy) {
			t.Errorf("%s Engine: Disclose error %v", name, err)
		}
		if ds, err := e.Plan(a, []disclosure.Partner{to}); ds != nil || !errors.Is(err, disclosure.ErrInvalidPolicy) {
			t.Errorf("%s Engine: Plan = %v, %v", name, ds, err)
		}
		if p := e.Policy(); !reflect.ValueOf(p).IsZero() {
			t.Errorf("%s Engine: Policy() = %+v", name, p)
		}
	}
	if _, err := disclosure.NewEngine(disclosure.Policy{}); !errors.Is(err, disclosure.ErrInvalidPolicy) {
		t.Errorf("NewEngine(Policy{}) error %v", err)
	}
}

// An Engine is safe for concurrent use: many goroutines decide at once
// (the race detector watches) and all get the same answers.
func TestEngineConcurrent(t *testing.T) {
	w := genWorld(7, false)
	e := mustEngine(t, w.policy)
	want, err := e.Plan(w.advisory, w.partners)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				got, err := e.Plan(w.advisory, w.partners)
				if err != nil || string(mustJSON(got)) != string(mustJSON(want)) {
					errs <- "a concurrent Plan differs"
					return
				}
				for i := range w.partners {
					if _, err := e.Disclose(w.advisory, w.partners[i]); err != nil {
						errs <- err.Error()
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Fatal(msg)
	}
}

// A registry of more than 64 laws is decided law by law, not through the
// bit sets that smaller registries use; both give the same decisions.
func TestManyLaws(t *testing.T) {
	base := disclosure.BuiltinLaws()
	laws := slices.Clone(base)
	for i := 0; len(laws) < 70; i++ {
		l := base[i%len(base)]
		l.ID = l.ID + "-copy-" + strings.Repeat("x", i+1)
		l.Jurisdictions = []string{"IL"}
		l.Binds = []disclosure.Party{disclosure.PartyManufacturers} // not selected by the default policy
		laws = append(laws, l)
	}
	// The last law reaches IL; a policy naming it restricts IL partners.
	laws[69].EffectiveFrom = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	laws[69].Binds = []disclosure.Party{disclosure.PartyOperators}
	many := disclosure.DefaultPolicy()
	many.Laws = laws
	many.RestrictWhen.Laws = []string{laws[69].ID}
	few := disclosure.DefaultPolicy()
	few.Laws = append(slices.Clone(base), laws[69])
	few.RestrictWhen.Laws = []string{laws[69].ID}

	a := sharePointAdvisory()
	partners := []disclosure.Partner{activePartner("il", "entry", "IL"), activePartner("cn", "entry", "CN"),
		activePartner("us", "entry", "US"), activePartner("il-cn", "validate", "IL", "CN")}
	restricted := map[string]bool{"il": true, "cn": true, "il-cn": true}
	for _, p := range []disclosure.Policy{many, few} {
		e := mustEngine(t, p)
		ds, err := e.Plan(a, partners)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if d.Restricted != restricted[d.PartnerID] {
				t.Errorf("%d laws: %s restricted = %v\n%s", len(p.Laws), d.PartnerID, d.Restricted, disclosuretest.Table(d))
			}
			for i := range partners {
				if partners[i].ID != d.PartnerID {
					continue
				}
				if one, err := e.Disclose(a, partners[i]); err != nil || string(mustJSON(one)) != string(mustJSON(d)) {
					t.Errorf("%d laws: Engine.Disclose(%s) differs from Plan:\n%s\n%s", len(p.Laws), d.PartnerID, mustJSON(one), mustJSON(d))
				}
				one, err := disclosure.Disclose(p, a, partners[i])
				if err != nil || string(mustJSON(one)) != string(mustJSON(d)) {
					t.Errorf("%d laws: Disclose(%s) differs from Plan:\n%s\n%s", len(p.Laws), d.PartnerID, mustJSON(one), mustJSON(d))
				}
			}
		}
	}
	// The reasons name the law, with both registries.
	dm, _ := disclosure.Disclose(many, a, partners[3])
	df, _ := disclosure.Disclose(few, a, partners[3])
	if g, w := mustJSON(dm.Reasons), mustJSON(df.Reasons); string(g) != string(w) || !strings.Contains(string(g), laws[69].ID) {
		t.Errorf("reasons with 70 laws\n%s\nwith %d\n%s\n%s", g, len(few.Laws), w, disclosuretest.Table(dm))
	}
}

// Policies of more than eight tiers keep the class sets of the later tiers
// elsewhere; every tier receives exactly its classes, one-shot or through
// an Engine.
func TestManyTiers(t *testing.T) {
	all := disclosure.Classes()
	p := disclosure.DefaultPolicy()
	p.Tiers = nil
	for i := range 12 {
		// Tier i receives summary and the class i%8+1 places above it.
		cs := []disclosure.Class{disclosure.ClassSummary, all[1+i%8]}
		p.Tiers = append(p.Tiers, disclosure.Tier{Name: "t" + strings.Repeat("i", i+1), Rank: i + 1,
			Lead: disclosure.LeadDuration(time.Duration(i) * time.Hour), Classes: cs, TLP: disclosure.TLPAmber})
	}
	e := mustEngine(t, p)
	a := typicalAdvisory()
	for i, tier := range p.Tiers {
		to := activePartner("p", tier.Name, "US")
		want := tier.Classes // in order of sensitivity, as a Disclosure lists them
		for _, decide := range []func() (disclosure.Disclosure, error){
			func() (disclosure.Disclosure, error) { return disclosure.Disclose(p, a, to) },
			func() (disclosure.Disclosure, error) { return e.Disclose(a, to) },
		} {
			d, err := decide()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(d.Classes, want) {
				t.Errorf("tier %d (%s): receives %v, want %v", i, tier.Name, d.Classes, want)
			}
			if want := a.PublicAt.Add(-time.Duration(i) * time.Hour); !d.ReleaseAt.Equal(want) {
				t.Errorf("tier %d: release %v, want %v", i, d.ReleaseAt, want)
			}
		}
	}
}

// Plan orders entitled partners by release instant to the nanosecond,
// then by ID.
func TestPlanOrdersToTheNanosecond(t *testing.T) {
	p := disclosure.DefaultPolicy()
	p.Tiers[0].Lead = disclosure.LeadDuration(1)         // responder: 1 ns before public_at
	p.Tiers[1].Lead = disclosure.LeadDuration(2)         // entry: 2 ns
	p.Tiers[2].Lead = disclosure.LeadDuration(time.Hour) // validate
	a := sharePointAdvisory()
	partners := []disclosure.Partner{activePartner("a", "responder", "US"), activePartner("b", "entry", "US"),
		activePartner("c", "validate", "US"), activePartner("d", "entry", "US")}
	e := mustEngine(t, p)
	for _, plan := range []func() ([]disclosure.Disclosure, error){
		func() ([]disclosure.Disclosure, error) { return disclosure.Plan(p, a, partners) },
		func() ([]disclosure.Disclosure, error) { return e.Plan(a, partners) },
	} {
		ds, err := plan()
		if err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, d := range ds {
			order = append(order, d.PartnerID)
		}
		if want := []string{"c", "b", "d", "a"}; !slices.Equal(order, want) {
			t.Errorf("order %v, want %v", order, want)
		}
	}
}
