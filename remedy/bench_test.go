package remedy_test

import (
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/remedy"
)

// typicalAdvisory has content of every class, as the root package's
// benchmarks: about 10 KB of text in sections and a 2 KB proof of concept.
func typicalAdvisory() disclosure.Advisory {
	a := disclosure.Advisory{
		ID: "ADV-2025-0042", Revision: 1, CVEs: []string{"CVE-2025-49704", "CVE-2025-49706"},
		Title: "SharePoint Server remote code execution", Products: []string{"SharePoint Server 2019"},
		Severity: disclosure.SeverityCritical, PublicAt: disclosure.PatchTuesday(2025, time.July),
	}
	para := strings.Repeat("The request handler deserializes attacker-controlled state before authentication. ", 16) // ~1.3 KB
	for _, c := range disclosure.Classes() {
		if c != disclosure.ClassProofOfConcept {
			a.Sections = append(a.Sections, disclosure.Section{Class: c, Title: string(c), Body: para})
		}
	}
	a.Artifacts = []disclosure.Artifact{{Class: disclosure.ClassProofOfConcept, Name: "poc.py", MediaType: "text/x-python",
		Data: []byte(strings.Repeat("payload = build_gadget_chain(target)\n", 56))}} // ~2 KB
	return a
}

// BenchmarkRemedies times, in one run, the remedies of a typical partner
// that is not entitled (an entry-tier partner suspended from the program)
// next to its decision: by the package's functions, and by an Engine.
func BenchmarkRemedies(b *testing.B) {
	policy, a := disclosure.DefaultPolicy(), typicalAdvisory()
	to := disclosure.Partner{ID: "us-antivirus", Tier: "entry", Jurisdictions: []string{"US"}, Status: disclosure.StatusSuspended,
		Agreement: disclosure.Agreement{Version: "2024-01", SignedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}}
	engine, err := disclosure.NewEngine(policy)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("disclose", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := disclosure.Disclose(policy, a, to); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("remedies", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := remedy.For(policy, a, to); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("engine-disclose", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := engine.Disclose(a, to); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("engine-remedies", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := remedy.ForEngine(engine, a, to); err != nil {
				b.Fatal(err)
			}
		}
	})
}
