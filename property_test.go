package disclosure_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sync"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/disclosuretest"
)

// propertyCases is how many generated worlds the property tests walk
// (each with several partners); -short walks fewer.
func propertyCases(t *testing.T) int {
	if testing.Short() {
		return 1000
	}
	return 10000
}

// TestProperties checks the library's guarantees (see
// disclosuretest.CheckInvariants) on generated policies, each with its
// generated advisory and partners: over 10,000 worlds and some 35,000
// decisions. A quarter of the policies have nested tiers, for the nesting
// guarantee.
func TestProperties(t *testing.T) {
	codes := map[disclosure.ReasonCode]int{}
	restricted, entitled, decisions := 0, 0, 0
	for seed := range uint64(propertyCases(t)) {
		w := genWorld(seed, seed%4 == 0)
		disclosuretest.CheckInvariants(t, w.policy, disclosuretest.Inputs{
			Advisories: []disclosure.Advisory{w.advisory},
			Partners:   w.partners,
			Generated:  -1,
		})
		if t.Failed() {
			t.Fatalf("seed %d, nested %v", seed, w.nested)
		}
		for _, to := range w.partners {
			d, _ := disclosure.Disclose(w.policy, w.advisory, to)
			decisions++
			for _, r := range d.Reasons {
				codes[r.Code]++
			}
			if d.Restricted {
				restricted++
			}
			if d.Entitled {
				entitled++
			}
		}
	}
	// The generator must reach every rule, or the properties prove little.
	for _, c := range disclosure.ReasonCodes() {
		if codes[c] == 0 {
			t.Errorf("no generated case produced reason %s: the generator misses a rule", c)
		}
	}
	if restricted == 0 || entitled == decisions || entitled == 0 {
		t.Errorf("%d decisions, %d entitled, %d restricted: the generator is lopsided", decisions, entitled, restricted)
	}
	t.Logf("%d decisions: %d entitled, %d restricted; reasons %v", decisions, entitled, restricted, codes)
}

func TestPlanAgreesWithDisclose(t *testing.T) {
	for seed := range uint64(propertyCases(t) / 10) {
		w := genWorld(seed, false)
		plan, err := disclosure.Plan(w.policy, w.advisory, w.partners)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if len(plan) != len(w.partners) {
			t.Fatalf("seed %d: %d disclosures for %d partners", seed, len(plan), len(w.partners))
		}
		byID := map[string]disclosure.Disclosure{}
		for _, d := range plan {
			byID[d.PartnerID] = d
		}
		for _, to := range w.partners {
			d, _ := disclosure.Disclose(w.policy, w.advisory, to)
			if !bytes.Equal(mustJSON(d), mustJSON(byID[to.ID])) {
				t.Fatalf("seed %d: Plan and Disclose differ for %s", seed, to.ID)
			}
		}
		// Entitled first by release then ID, then the others by ID.
		for i := 1; i < len(plan); i++ {
			x, y := plan[i-1], plan[i]
			ok := (x.Entitled && !y.Entitled) ||
				(x.Entitled == y.Entitled && (x.ReleaseAt.Before(y.ReleaseAt) || (x.ReleaseAt.Equal(y.ReleaseAt) && x.PartnerID < y.PartnerID)))
			if !ok {
				t.Fatalf("seed %d: plan out of order at %d: %s then %s", seed, i, x.PartnerID, y.PartnerID)
			}
		}
	}
}

// TestConcurrentUse shares one policy, advisory and partner list between
// goroutines; under -race any write to shared memory fails the test.
func TestConcurrentUse(t *testing.T) {
	w := genWorld(42, false)
	want, err := disclosure.Plan(w.policy, w.advisory, w.partners)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON := mustJSON(want)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				got, err := disclosure.Plan(w.policy, w.advisory, w.partners)
				if err != nil || !bytes.Equal(mustJSON(got), wantJSON) {
					t.Errorf("concurrent Plan differs: %v", err)
					return
				}
				for _, to := range w.partners {
					d, _ := disclosure.Disclose(w.policy, w.advisory, to)
					disclosuretest.Scribble(&d)
				}
			}
		}()
	}
	wg.Wait()
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// Plan's disclosures are cut from shared slabs: changing one, even by
// appending to its slices, must change neither another nor the inputs.
func TestPlanOutputsAreIndependent(t *testing.T) {
	for seed := range uint64(200) {
		w := genWorld(seed, false)
		a0 := cloneAdvisory(w.advisory)
		plan, err := disclosure.Plan(w.policy, w.advisory, w.partners)
		if err != nil {
			t.Fatal(err)
		}
		before := make([][]byte, len(plan))
		for i := range plan {
			before[i] = mustJSON(plan[i])
		}
		for i := range plan {
			disclosuretest.Scribble(&plan[i])
			plan[i].Reasons = append(plan[i].Reasons, disclosure.Reason{Code: "appended"})
			plan[i].Classes = append(plan[i].Classes, "appended")
			plan[i].Withheld = append(plan[i].Withheld, disclosure.Withheld{Class: "appended"})
			plan[i].Advisory.Sections = append(plan[i].Advisory.Sections, disclosure.Section{Body: "appended"})
			plan[i].Advisory.CVEs = append(plan[i].Advisory.CVEs, "appended")
			for j := i + 1; j < len(plan); j++ {
				if !bytes.Equal(mustJSON(plan[j]), before[j]) {
					t.Fatalf("seed %d: changing disclosure %d changed disclosure %d", seed, i, j)
				}
			}
		}
		if !reflect.DeepEqual(a0, w.advisory) {
			t.Fatalf("seed %d: changing Plan's output changed the advisory", seed)
		}
	}
}
