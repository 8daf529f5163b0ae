package remedy_test

import (
	"reflect"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/disclosuretest"
	"github.com/disclosurekit/disclosure/remedy"
)

// TestRemediesProperty finds the remedies of every partner of generated
// worlds, at least 10,000 decisions (1,000 with -short), and checks each
// with disclosuretest.CheckRemedies: applying a remedy's changes and
// deciding again gives all it promises, leaving out any one change gives
// none of it, every class withheld (or late, when an instant is asked)
// has a remedy or one of kind none, and none is checked against every
// tier, jurisdiction and lapse. The Engine gives the same remedies.
func TestRemediesProperty(t *testing.T) {
	want := 10_000
	if testing.Short() {
		want = 1_000
	}
	kinds := map[remedy.Kind]int{}
	decisions, withheld := 0, 0
	for seed := uint64(0); decisions < want; seed++ {
		w := genWorld(seed)
		engine, err := disclosure.NewEngine(w.policy)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		var opts []remedy.Option
		if !w.at.IsZero() {
			opts = append(opts, remedy.At(w.at))
		}
		for _, to := range w.partners {
			d, err := disclosure.Disclose(w.policy, w.advisory, to)
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			decisions++
			withheld += len(d.Withheld)
			rs, err := remedy.For(w.policy, w.advisory, to, opts...)
			if err != nil {
				t.Fatalf("seed %d, partner %s: %v", seed, to.ID, err)
			}
			if err := disclosuretest.CheckRemedies(w.policy, w.advisory, to, w.at, rs); err != nil {
				t.Fatalf("seed %d, partner %s, at %v: %v\n%s", seed, to.ID, w.at, err, disclosuretest.Table(d))
			}
			byEngine, err := remedy.ForEngine(engine, w.advisory, to, opts...)
			if err != nil || !reflect.DeepEqual(rs, byEngine) {
				t.Fatalf("seed %d, partner %s: ForEngine differs from For (%v)", seed, to.ID, err)
			}
			for _, r := range rs {
				for _, ch := range r.Changes {
					kinds[ch.Kind]++
				}
			}
		}
	}
	t.Logf("%d decisions, %d withheld classes; changes by kind: %v", decisions, withheld, kinds)
	// The generator must reach every kind, or the property proves little.
	for _, k := range remedy.Kinds() {
		if kinds[k] == 0 {
			t.Errorf("no generated case produced a change of kind %s: the generator misses it", k)
		}
	}
}
