package bench_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/bench"
)

// TestEnginesAgree decides every case of the corpus with disclosure.Disclose
// and with each engine, and reports every case where one of them differs
// from Disclose.
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
	advisories, partners := bench.Corpus()

	mismatches := 0
	for i := range advisories {
		a := &advisories[i]
		ra, ca := rg.Advisory(a), cd.Advisory(a)
		for j := range partners {
			p := &partners[j]
			d, err := disclosure.Disclose(policy, *a, *p)
			if err != nil {
				t.Fatalf("%s, %s: %v", a.ID, p.ID, err)
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
// version) occurs, and so do both outcomes of entitlement and restriction.
func TestCorpusCovers(t *testing.T) {
	policy := disclosure.DefaultPolicy()
	advisories, partners := bench.Corpus()
	seen := map[string]int{}
	for i := range advisories {
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
		if c != disclosure.CodeAgreementOutdated {
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

func reasons(d *disclosure.Disclosure) string {
	var b strings.Builder
	for _, r := range d.Reasons {
		fmt.Fprintf(&b, "    %s %s: %s\n", r.Code, r.Class, r.Detail)
	}
	return b.String()
}

// TestDiscloseAllocations checks that Disclose allocates per kind of
// output, not per class: an advisory with one class of content and one
// with eight cost the same number of allocations.
func TestDiscloseAllocations(t *testing.T) {
	policy := disclosure.DefaultPolicy()
	_, p := bench.Typical()
	p.Tier = "validate" // receives every class but unclassified: nothing withheld
	a := bench.SummaryOnly()
	a.CVEs = []string{"CVE-2025-49704"}
	var counts []float64
	for _, c := range disclosure.Classes()[1:8] {
		a.Sections = append(a.Sections, disclosure.Section{Class: c, Body: "text"})
		counts = append(counts, testing.AllocsPerRun(100, func() {
			if _, err := disclosure.Disclose(policy, a, p); err != nil {
				t.Fatal(err)
			}
		}))
	}
	for _, n := range counts {
		if n != counts[0] {
			t.Fatalf("allocations by number of classes besides summary (1 to 7): %v", counts)
		}
	}
	t.Logf("%v allocations whatever the number of classes", counts[0])
}
