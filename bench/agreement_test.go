package bench_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/bench"
)

// TestEnginesAgree decides every case of the corpus with disclosure.Disclose
// and with each engine, and reports every case where one of them differs
// from Disclose. The library's other entry points are held to Disclose
// exactly: an Engine's Disclose and Plan and the package's Plan give the
// same Disclosure, byte for byte in JSON.
func TestEnginesAgree(t *testing.T) {
	ctx := context.Background()
	rg, err := bench.NewRego(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cd, err := bench.NewCedar()
	if err != nil {
		t.Fatal(err)
	}
	policy := disclosure.DefaultPolicy()
	engine, err := disclosure.NewEngine(policy)
	if err != nil {
		t.Fatal(err)
	}
	advisories, partners := bench.Corpus()

	mismatches := 0
	for i := range advisories {
		a := &advisories[i]
		ra, ca := rg.Advisory(a), cd.Advisory(a)
		plan, err := disclosure.Plan(policy, *a, partners)
		if err != nil {
			t.Fatalf("%s: Plan: %v", a.ID, err)
		}
		enginePlan, err := engine.Plan(*a, partners)
		if err != nil {
			t.Fatalf("%s: Engine.Plan: %v", a.ID, err)
		}
		planned := map[string]string{}
		for k := range plan {
			planned[plan[k].PartnerID] = string(mustJSON(t, plan[k]))
			if g, w := mustJSON(t, enginePlan[k]), planned[plan[k].PartnerID]; string(g) != w {
				t.Fatalf("%s: Engine.Plan[%d] differs from Plan:\n%s\n%s", a.ID, k, g, w)
			}
		}
		for j := range partners {
			p := &partners[j]
			d, err := disclosure.Disclose(policy, *a, *p)
			if err != nil {
				t.Fatalf("%s, %s: %v", a.ID, p.ID, err)
			}
			js := string(mustJSON(t, d))
			if planned[p.ID] != js {
				t.Fatalf("%s, %s: Plan differs from Disclose:\n%s\n%s", a.ID, p.ID, planned[p.ID], js)
			}
			if ed, err := engine.Disclose(*a, *p); err != nil || string(mustJSON(t, ed)) != js {
				t.Fatalf("%s, %s: Engine.Disclose differs from Disclose (%v):\n%s\n%s", a.ID, p.ID, err, mustJSON(t, ed), js)
			}
			want := bench.FromDisclosure(&d)
			got := map[string]bench.Decision{"go": bench.DecideGo(a, p)}
			if got["rego"], err = rg.Decide(ctx, ra, p); err != nil {
				t.Fatalf("%s, %s: rego: %v", a.ID, p.ID, err)
			}
			if got["cedar"], err = cd.Decide(ca, p); err != nil {
				t.Fatalf("%s, %s: cedar: %v", a.ID, p.ID, err)
			}
			for _, engine := range []string{"go", "rego", "cedar"} {
				if got[engine] == want {
					continue
				}
				if mismatches++; mismatches <= 20 {
					t.Errorf("%s disagrees with Disclose\n%s\n  Disclose: %s\n  %s: %s\n  Disclose's reasons:\n%s",
						engine, describe(a, p), want, engine, got[engine], reasons(&d))
				}
			}
		}
	}
	if mismatches > 20 {
		t.Errorf("%d mismatches in all, the first 20 shown", mismatches)
	}
}

// TestCorpusCovers checks that the corpus exercises every rule of the
// default policy, so that agreement on it means something: every reason
// code but agreement-outdated (the default policy sets no minimum
// version) and source-label (the other engines know no labels, so the
// corpus's advisories carry none) occurs, and so do both outcomes of
// entitlement and restriction.
func TestCorpusCovers(t *testing.T) {
	policy := disclosure.DefaultPolicy()
	advisories, partners := bench.Corpus()
	seen := map[string]int{}
	for i := range advisories {
		if advisories[i].TLP != "" {
			t.Fatalf("advisory %s carries a label, which the other engines cannot take into account", advisories[i].ID)
		}
		ds, err := disclosure.Plan(policy, advisories[i], partners)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			seen[fmt.Sprintf("entitled=%t", d.Entitled)]++
			seen[fmt.Sprintf("restricted=%t", d.Restricted)]++
			seen[fmt.Sprintf("tier=%s", d.Tier)]++
			for _, r := range d.Reasons {
				seen[string(r.Code)]++
			}
			if d.Entitled && len(d.Classes) == 0 {
				seen["entitled to no class"]++
			}
		}
	}
	want := []string{"entitled=true", "entitled=false", "restricted=true", "restricted=false",
		"tier=responder", "tier=entry", "tier=validate", "entitled to no class"}
	for _, c := range disclosure.ReasonCodes() {
		if c != disclosure.CodeAgreementOutdated && c != disclosure.CodeSourceLabel {
			want = append(want, string(c))
		}
	}
	for _, k := range want {
		if seen[k] == 0 {
			t.Errorf("no decision of the corpus has %s", k)
		}
	}
	if t.Failed() || testing.Verbose() {
		t.Logf("decisions with each property: %v", seen)
	}
}

// TestDecideOne checks that the single-decision entry points, which the
// benchmarks time, decide as the per-advisory ones do.
func TestDecideOne(t *testing.T) {
	ctx := context.Background()
	rg, err := bench.NewRego(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cd, err := bench.NewCedar()
	if err != nil {
		t.Fatal(err)
	}
	a, p := bench.Typical()
	summary := bench.SummaryOnly()
	for _, a := range []*disclosure.Advisory{&a, &summary} {
		d, err := disclosure.Disclose(disclosure.DefaultPolicy(), *a, p)
		if err != nil {
			t.Fatal(err)
		}
		want := bench.FromDisclosure(&d)
		r, err := rg.DecideOne(ctx, a, &p)
		if err != nil {
			t.Fatal(err)
		}
		c, err := cd.DecideOne(a, &p)
		if err != nil {
			t.Fatal(err)
		}
		for name, got := range map[string]bench.Decision{"go": bench.DecideGo(a, &p), "rego": r, "cedar": c} {
			if got != want {
				t.Errorf("%s, %s: %s decides %s, Disclose %s", a.ID, p.ID, name, got, want)
			}
		}
	}
}

func describe(a *disclosure.Advisory, p *disclosure.Partner) string {
	var b strings.Builder
	ts := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(&b, "  advisory %s: public_at %s, ready_at %s, embargo ended %s, classes %s, withhold %v, exclude %v\n",
		a.ID, ts(a.PublicAt), ts(a.ReadyAt), ts(a.Embargo.EndedAt), bench.Present(a), a.WithholdClasses, a.ExcludePartners)
	fmt.Fprintf(&b, "  partner %s: tier %s, %s, jurisdictions %v, agreement signed %s, expires %s",
		p.ID, p.Tier, p.Status, p.Jurisdictions, ts(p.Agreement.SignedAt), ts(p.Agreement.ExpiresAt))
	return b.String()
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func reasons(d *disclosure.Disclosure) string {
	var b strings.Builder
	for _, r := range d.Reasons {
		fmt.Fprintf(&b, "    %s %s: %s\n", r.Code, r.Class, r.Detail)
	}
	return b.String()
}

// TestDiscloseAllocations checks that Disclose allocates per kind of
// output, not per class: an advisory with one class of content and one
// with eight cost the same number of allocations; an Engine's Disclose one
// fewer (the lead-time reason's text is prepared).
func TestDiscloseAllocations(t *testing.T) {
	policy := disclosure.DefaultPolicy()
	engine, err := disclosure.NewEngine(policy)
	if err != nil {
		t.Fatal(err)
	}
	_, p := bench.Typical()
	p.Tier = "validate" // receives every class but unclassified: nothing withheld
	a := bench.SummaryOnly()
	a.CVEs = []string{"CVE-2025-49704"}
	var counts, engineCounts []float64
	for _, c := range disclosure.Classes()[1:8] {
		a.Sections = append(a.Sections, disclosure.Section{Class: c, Body: "text"})
		counts = append(counts, testing.AllocsPerRun(100, func() {
			if _, err := disclosure.Disclose(policy, a, p); err != nil {
				t.Fatal(err)
			}
		}))
		engineCounts = append(engineCounts, testing.AllocsPerRun(100, func() {
			if _, err := engine.Disclose(a, p); err != nil {
				t.Fatal(err)
			}
		}))
	}
	for i := range counts {
		if counts[i] != counts[0] || engineCounts[i] != counts[0]-1 {
			t.Fatalf("allocations by number of classes besides summary (1 to 7): Disclose %v, Engine.Disclose %v",
				counts, engineCounts)
		}
	}
	t.Logf("%v allocations (Engine: %v) whatever the number of classes", counts[0], engineCounts[0])
}
