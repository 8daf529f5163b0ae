package bench_test

import (
	"context"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/bench"
)

// The sub-benchmarks are named engine=…, so that benchstat -col /engine
// sets the engines side by side, Disclose first, as the baseline.

// sink keeps the compiler from dropping a decision nobody reads.
var sink bench.Decision

// BenchmarkDecision times one decision from the library's types to the
// decision, on an advisory with content of every class (about 12 KB) for
// an entry-tier partner in the US, who receives all of it but the
// unclassified section. Disclose also validates its inputs and builds
// the redacted copy and the reasons; the engines build their input from
// the advisory and the partner and read their output.
func BenchmarkDecision(b *testing.B) {
	a, p := bench.Typical()
	benchmarkOne(b, &a, &p)
}

// BenchmarkEntitlement times the decision without the content: the
// advisory has only summary content and no CVE or product list, so the
// copy Disclose builds is a few words and its allocations are the lists
// of classes and reasons and the lead-time reason's detail. With one
// class present, Cedar answers one request instead of nine.
func BenchmarkEntitlement(b *testing.B) {
	a := bench.SummaryOnly()
	_, p := bench.Typical()
	benchmarkOne(b, &a, &p)
}

func benchmarkOne(b *testing.B, a *disclosure.Advisory, p *disclosure.Partner) {
	policy := disclosure.DefaultPolicy()
	engine, err := disclosure.NewEngine(policy)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("engine=Disclose", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			d, err := disclosure.Disclose(policy, *a, *p)
			if err != nil || !d.Entitled {
				b.Fatal(err)
			}
		}
	})
	b.Run("engine=Engine", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			d, err := engine.Disclose(*a, *p)
			if err != nil || !d.Entitled {
				b.Fatal(err)
			}
		}
	})
	b.Run("engine=Go", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink = bench.DecideGo(a, p)
		}
	})
	b.Run("engine=Cedar", func(b *testing.B) {
		cd, err := bench.NewCedar()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if sink, err = cd.DecideOne(a, p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("engine=Rego", func(b *testing.B) {
		ctx := context.Background()
		rg, err := bench.NewRego(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if sink, err = rg.DecideOne(ctx, a, p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBatch times the 10,000 decisions of the corpus (100 advisories
// for 100 partners). Plan decides each advisory for all partners in one
// call; the engines build what an advisory's decisions share once per
// advisory, as Plan does; Disclose is called once per decision.
func BenchmarkBatch(b *testing.B) {
	policy := disclosure.DefaultPolicy()
	advisories, partners := bench.Corpus()
	const decisions = bench.CorpusSize * bench.CorpusSize
	perDecision := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*decisions), "ns/decision")
	}
	b.Run("engine=Disclose", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range advisories {
				for j := range partners {
					if _, err := disclosure.Disclose(policy, advisories[i], partners[j]); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		perDecision(b)
	})
	engine, err := disclosure.NewEngine(policy)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("engine=Engine", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range advisories {
				for j := range partners {
					if _, err := engine.Disclose(advisories[i], partners[j]); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		perDecision(b)
	})
	b.Run("engine=Plan", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range advisories {
				if _, err := disclosure.Plan(policy, advisories[i], partners); err != nil {
					b.Fatal(err)
				}
			}
		}
		perDecision(b)
	})
	b.Run("engine=EnginePlan", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range advisories {
				if _, err := engine.Plan(advisories[i], partners); err != nil {
					b.Fatal(err)
				}
			}
		}
		perDecision(b)
	})
	b.Run("engine=Go", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range advisories {
				for j := range partners {
					sink = bench.DecideGo(&advisories[i], &partners[j])
				}
			}
		}
		perDecision(b)
	})
	b.Run("engine=Cedar", func(b *testing.B) {
		cd, err := bench.NewCedar()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			for i := range advisories {
				ca := cd.Advisory(&advisories[i])
				for j := range partners {
					if sink, err = cd.Decide(ca, &partners[j]); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		perDecision(b)
	})
	b.Run("engine=Rego", func(b *testing.B) {
		ctx := context.Background()
		rg, err := bench.NewRego(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			for i := range advisories {
				ra := rg.Advisory(&advisories[i])
				for j := range partners {
					if sink, err = rg.Decide(ctx, ra, &partners[j]); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		perDecision(b)
	})
}
