package disclosure_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// typicalAdvisory has content of every class: about 10 KB of text in
// sections and a 2 KB proof of concept.
func typicalAdvisory() disclosure.Advisory {
	a := sharePointAdvisory()
	a.Sections = nil
	para := strings.Repeat("The request handler deserializes attacker-controlled state before authentication. ", 16) // ~1.3 KB
	for _, c := range disclosure.Classes() {
		if c == disclosure.ClassProofOfConcept {
			continue
		}
		a.Sections = append(a.Sections, disclosure.Section{Class: c, Title: string(c), Body: para})
	}
	a.Artifacts = []disclosure.Artifact{{Class: disclosure.ClassProofOfConcept, Name: "poc.py", MediaType: "text/x-python",
		Data: []byte(strings.Repeat("payload = build_gadget_chain(target)\n", 56))}} // ~2 KB
	return a
}

func BenchmarkDisclose(b *testing.B) {
	policy, a := disclosure.DefaultPolicy(), typicalAdvisory()
	engine, err := disclosure.NewEngine(policy)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name    string
		partner disclosure.Partner
	}{
		{"entry", activePartner("us-antivirus", "entry", "US")},
		{"restricted", activePartner("cn-ids", "entry", "CN")},
		{"suspended", func() disclosure.Partner {
			p := activePartner("x", "entry", "US")
			p.Status = disclosure.StatusSuspended
			return p
		}()},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := disclosure.Disclose(policy, a, bc.partner); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(bc.name+"-engine", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := engine.Disclose(a, bc.partner); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchPartners returns n partners spread over every tier, several
// jurisdictions and statuses.
func benchPartners(n int) []disclosure.Partner {
	tiers := []string{"responder", "entry", "validate"}
	places := [][]string{{"US"}, {"DE"}, {"CN"}, {"US", "CN"}, {"EU"}, {"JP"}, {"IL"}, {"IN"}}
	ps := make([]disclosure.Partner, n)
	for i := range ps {
		ps[i] = activePartner(fmt.Sprintf("partner-%03d", i), tiers[i%len(tiers)], places[i%len(places)]...)
		if i%17 == 0 {
			ps[i].Status = disclosure.StatusSuspended
		}
	}
	return ps
}

func BenchmarkPlan(b *testing.B) {
	policy, a, partners := disclosure.DefaultPolicy(), typicalAdvisory(), benchPartners(100)
	engine, err := disclosure.NewEngine(policy)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("package", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := disclosure.Plan(policy, a, partners); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("engine", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := engine.Plan(a, partners); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkLeadBusinessDays(b *testing.B) {
	lead, public := disclosure.LeadBusinessDays(3), disclosure.PatchTuesday(2025, time.March)
	zone := disclosure.DefaultPolicy().CalendarZone
	for b.Loop() {
		_ = lead.Before(public, zone)
	}
}
