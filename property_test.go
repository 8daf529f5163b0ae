package disclosure_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// propertyCases is how many generated worlds the property tests walk
// (each with several partners); -short walks fewer.
func propertyCases(t *testing.T) int {
	if testing.Short() {
		return 1000
	}
	return 10000
}

// checkDisclosure checks every invariant of one decision that needs no
// second decision, and returns the first violation.
func checkDisclosure(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, d disclosure.Disclosure) error {
	present := map[disclosure.Class]bool{disclosure.ClassSummary: true}
	for _, s := range a.Sections {
		present[s.Class] = true
	}
	for _, f := range a.Artifacts {
		present[f.Class] = true
	}
	var tier disclosure.Tier
	for _, t := range p.Tiers {
		if t.Name == to.Tier {
			tier = t
		}
	}
	if d.Partner != to.ID || d.AdvisoryID != a.ID || d.Tier != to.Tier || !d.PublishNotBefore.Equal(a.PublicAt) {
		return fmt.Errorf("identity fields wrong: %+v", d)
	}
	// Every class present is either received or withheld, once.
	seen := map[disclosure.Class]int{}
	for _, c := range d.Classes {
		seen[c]++
	}
	for _, w := range d.Withheld {
		seen[w.Class]++
		if !w.Reason.Valid() || w.Detail == "" {
			return fmt.Errorf("withheld %s with reason %q detail %q", w.Class, w.Reason, w.Detail)
		}
	}
	for c := range present {
		if seen[c] != 1 {
			return fmt.Errorf("class %s present in the advisory is received or withheld %d times", c, seen[c])
		}
	}
	if len(seen) != len(present) {
		return fmt.Errorf("classes %v / withheld %v name a class not in the advisory", d.Classes, d.Withheld)
	}
	if !slices.IsSortedFunc(d.Classes, func(x, y disclosure.Class) int { return x.Sensitivity() - y.Sensitivity() }) {
		return fmt.Errorf("classes not sorted: %v", d.Classes)
	}
	// Never a class the tier, the restriction or the advisory disallows.
	for _, c := range d.Classes {
		if !slices.Contains(tier.Classes, c) {
			return fmt.Errorf("received %s, which tier %s does not have", c, tier.Name)
		}
		if d.Restricted && !slices.Contains(p.Restricted.Classes, c) {
			return fmt.Errorf("restricted partner received %s", c)
		}
		if slices.Contains(a.WithholdClasses, c) {
			return fmt.Errorf("received %s, which the advisory withholds", c)
		}
	}
	// Each withheld class's reason is the first of its class reasons.
	for _, w := range d.Withheld {
		found := false
		for _, r := range d.Reasons {
			if r.Code == w.Reason && (r.Class == w.Class || r.Class == "") {
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("withheld %s for %s, which is not among the reasons %v", w.Class, w.Reason, d.Reasons)
		}
	}
	if !slices.IsSortedFunc(d.Reasons, func(x, y disclosure.Reason) int {
		return slices.Index(disclosure.ReasonCodes(), x.Code) - slices.Index(disclosure.ReasonCodes(), y.Code)
	}) {
		return fmt.Errorf("reasons not in the documented order: %v", d.Reasons)
	}
	if !d.Entitled {
		if !d.ReleaseAt.IsZero() || len(d.Classes) != 0 || d.TLP != "" || !reflect.ValueOf(d.Advisory).IsZero() {
			return fmt.Errorf("not entitled but given something: %+v", d)
		}
		return nil
	}
	// Release within [ready_at, public_at].
	if d.ReleaseAt.After(a.PublicAt) {
		return fmt.Errorf("release %v after public_at %v", d.ReleaseAt, a.PublicAt)
	}
	if !a.ReadyAt.IsZero() && d.ReleaseAt.Before(a.ReadyAt) {
		return fmt.Errorf("release %v before ready_at %v", d.ReleaseAt, a.ReadyAt)
	}
	if d.ReleaseAt.Location() != time.UTC {
		return fmt.Errorf("release not in UTC: %v", d.ReleaseAt)
	}
	if !to.Agreement.SignedAt.IsZero() && to.Agreement.SignedAt.After(d.ReleaseAt) {
		return fmt.Errorf("entitled before the agreement was signed")
	}
	return checkCopy(a, d)
}

// checkCopy checks that the JSON of d holds nothing of a withheld class and
// nothing internal, and that received content is intact.
func checkCopy(a disclosure.Advisory, d disclosure.Disclosure) error {
	out, err := json.Marshal(d)
	if err != nil {
		return err
	}
	gets := func(c disclosure.Class) bool { return slices.Contains(d.Classes, c) }
	var withheld [][]byte
	for _, s := range a.Sections {
		if !gets(s.Class) {
			withheld = append(withheld, []byte(s.Title), []byte(s.Body))
		}
	}
	for _, f := range a.Artifacts {
		if !gets(f.Class) {
			withheld = append(withheld, []byte(f.Name))
			if len(f.Data) > 0 {
				withheld = append(withheld, f.Data, []byte(base64.StdEncoding.EncodeToString(f.Data)))
			}
		}
	}
	if !gets(disclosure.ClassSummary) {
		withheld = append(withheld, []byte(a.Title))
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(mustJSON(d.Advisory), &keys); err != nil {
			return err
		}
		for k := range keys {
			if k != "sections" && k != "artifacts" {
				return fmt.Errorf("summary withheld, but the copy has %q", k)
			}
		}
		for _, p := range a.Products {
			withheld = append(withheld, []byte(p))
		}
	}
	for _, id := range a.ExcludePartners {
		if id != d.Partner {
			withheld = append(withheld, []byte(id))
		}
	}
	withheld = append(withheld, []byte(`"ready_at"`), []byte(`"exclude_partners"`), []byte(`"withhold_classes"`))
	for _, w := range withheld {
		if len(w) > 0 && bytes.Contains(out, w) {
			return fmt.Errorf("withheld or internal content %q appears in the output", w)
		}
	}
	// Decoded artifact bytes hold no withheld marker either.
	for _, f := range d.Advisory.Artifacts {
		for _, w := range withheld {
			if len(w) > 0 && bytes.Contains(f.Data, w) {
				return fmt.Errorf("withheld content %q inside artifact %s", w, f.Name)
			}
		}
	}
	// What is given is given whole, in order.
	var wantSections []disclosure.Section
	for _, s := range a.Sections {
		if gets(s.Class) {
			wantSections = append(wantSections, s)
		}
	}
	if !reflect.DeepEqual(wantSections, d.Advisory.Sections) {
		return fmt.Errorf("sections given %v, want %v", d.Advisory.Sections, wantSections)
	}
	var wantArtifacts []disclosure.Artifact
	for _, f := range a.Artifacts {
		if gets(f.Class) {
			if len(f.Data) == 0 {
				f.Data = nil
			}
			wantArtifacts = append(wantArtifacts, f)
		}
	}
	if !reflect.DeepEqual(wantArtifacts, d.Advisory.Artifacts) {
		return fmt.Errorf("artifacts given %v, want %v", d.Advisory.Artifacts, wantArtifacts)
	}
	if gets(disclosure.ClassSummary) && (d.Advisory.Title != a.Title || !d.Advisory.PublicAt.Equal(a.PublicAt) || !slices.Equal(d.Advisory.CVEs, a.CVEs)) {
		return fmt.Errorf("summary given incompletely: %+v", d.Advisory)
	}
	return nil
}

// scribble overwrites every slice element and byte of a disclosure's
// copy, so a later comparison shows whether it shared memory with inputs.
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
	for i := range d.Reasons {
		d.Reasons[i].Detail = "scribbled"
	}
}

func TestProperties(t *testing.T) {
	var codes = map[disclosure.ReasonCode]int{}
	restricted, entitled, decisions := 0, 0, 0
	for seed := range uint64(propertyCases(t)) {
		w := genWorld(seed, seed%4 == 0)
		for _, to := range w.partners {
			p0, a0, to0 := clonePolicy(w.policy), cloneAdvisory(w.advisory), clonePartner(to)
			d, err := disclosure.Disclose(w.policy, w.advisory, to)
			if err != nil {
				t.Fatalf("seed %d: valid input rejected: %v", seed, err)
			}
			decisions++
			if err := checkDisclosure(w.policy, w.advisory, to, d); err != nil {
				t.Fatalf("seed %d partner %s: %v\ndisclosure: %s", seed, to.ID, err, mustJSON(d))
			}
			for _, r := range d.Reasons {
				codes[r.Code]++
			}
			if d.Restricted {
				restricted++
			}
			if d.Entitled {
				entitled++
			}
			// Deterministic, byte for byte.
			again, _ := disclosure.Disclose(w.policy, w.advisory, to)
			if !bytes.Equal(mustJSON(d), mustJSON(again)) {
				t.Fatalf("seed %d: two calls differ:\n%s\n%s", seed, mustJSON(d), mustJSON(again))
			}
			// Inputs untouched, and the output shares no memory with them.
			scribble(&d)
			if !reflect.DeepEqual(p0, w.policy) || !reflect.DeepEqual(a0, w.advisory) || !reflect.DeepEqual(to0, to) {
				t.Fatalf("seed %d: inputs changed by Disclose or by changing its output", seed)
			}
			checkEmbargoReason(t, w, to, again)
			checkRestrictionMonotone(t, w, to, again)
			if w.nested {
				checkNestedMonotone(t, w, to, again)
			}
		}
	}
	for _, c := range disclosure.ReasonCodes() {
		if codes[c] == 0 {
			t.Errorf("no generated case produced reason %s: the generator misses a rule", c)
		}
	}
	t.Logf("%d decisions: %d entitled, %d restricted; reasons %v", decisions, entitled, restricted, codes)
}

// checkEmbargoReason: embargo-ended is given exactly when the early end
// made the release earlier than it would be had the embargo held.
func checkEmbargoReason(t *testing.T, w world, to disclosure.Partner, d disclosure.Disclosure) {
	t.Helper()
	if !d.Entitled || w.advisory.Embargo.EndedAt.IsZero() {
		return
	}
	held := cloneAdvisory(w.advisory)
	held.Embargo = disclosure.Embargo{}
	h, err := disclosure.Disclose(w.policy, held, to)
	if err != nil {
		t.Fatal(err)
	}
	if !h.Entitled {
		return // the agreement was signed between the two release instants
	}
	ended := slices.ContainsFunc(d.Reasons, func(r disclosure.Reason) bool { return r.Code == disclosure.CodeEmbargoEnded })
	if moved := d.ReleaseAt.Before(h.ReleaseAt); moved != ended || d.ReleaseAt.After(h.ReleaseAt) {
		t.Fatalf("seed %d partner %s: release %v with the early end, %v without; embargo-ended given: %v",
			w.seed, to.ID, d.ReleaseAt, h.ReleaseAt, ended)
	}
}

// signedEarly reports whether the partner's agreement predates every
// possible release, so that entitlement cannot depend on the lead.
func signedEarly(to disclosure.Partner) bool {
	s := to.Agreement.SignedAt
	return s.IsZero() || s.Year() < 2017
}

// checkRestrictionMonotone: a restricted partner never gets more classes
// or an earlier release than the same partner unrestricted.
func checkRestrictionMonotone(t *testing.T, w world, to disclosure.Partner, d disclosure.Disclosure) {
	t.Helper()
	if !d.Restricted {
		return
	}
	free := clonePolicy(w.policy)
	free.RestrictWhen = disclosure.RestrictWhen{}
	u, err := disclosure.Disclose(free, w.advisory, to)
	if err != nil {
		t.Fatal(err)
	}
	if u.Restricted {
		t.Fatalf("seed %d: restricted with an empty restrict_when", w.seed)
	}
	if signedEarly(to) && u.Entitled != d.Entitled {
		t.Fatalf("seed %d: restriction changed entitlement: %v vs %v", w.seed, d.Entitled, u.Entitled)
	}
	if !d.Entitled || !u.Entitled {
		return
	}
	for _, c := range d.Classes {
		if !u.Receives(c) {
			t.Fatalf("seed %d partner %s: restricted receives %s, unrestricted does not", w.seed, to.ID, c)
		}
	}
	if d.ReleaseAt.Before(u.ReleaseAt) {
		t.Fatalf("seed %d partner %s: restricted release %v before unrestricted %v", w.seed, to.ID, d.ReleaseAt, u.ReleaseAt)
	}
}

// checkNestedMonotone: with nested tiers, the same partner at a higher
// rank never gets fewer classes or a later release.
func checkNestedMonotone(t *testing.T, w world, to disclosure.Partner, d disclosure.Disclosure) {
	t.Helper()
	rank := map[string]int{}
	for _, tier := range w.policy.Tiers {
		rank[tier.Name] = tier.Rank
	}
	for _, higher := range w.policy.Tiers {
		if higher.Rank <= rank[to.Tier] {
			continue
		}
		up := clonePartner(to)
		up.Tier = higher.Name
		h, err := disclosure.Disclose(w.policy, w.advisory, up)
		if err != nil {
			t.Fatal(err)
		}
		if signedEarly(to) && h.Entitled != d.Entitled {
			t.Fatalf("seed %d: rank changed entitlement", w.seed)
		}
		if !d.Entitled || !h.Entitled {
			continue
		}
		for _, c := range d.Classes {
			if !h.Receives(c) {
				t.Fatalf("seed %d: tier %s receives %s, higher tier %s does not", w.seed, to.Tier, c, higher.Name)
			}
		}
		if h.ReleaseAt.After(d.ReleaseAt) {
			t.Fatalf("seed %d: higher tier %s released %v, after tier %s at %v", w.seed, higher.Name, h.ReleaseAt, to.Tier, d.ReleaseAt)
		}
	}
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
			byID[d.Partner] = d
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
				(x.Entitled == y.Entitled && (x.ReleaseAt.Before(y.ReleaseAt) || (x.ReleaseAt.Equal(y.ReleaseAt) && x.Partner < y.Partner)))
			if !ok {
				t.Fatalf("seed %d: plan out of order at %d: %s then %s", seed, i, x.Partner, y.Partner)
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
					scribble(&d)
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
