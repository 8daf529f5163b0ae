package csaf_test

import (
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// BenchmarkReadWrite reads the largest document under testdata,
// ICSA-20-168-01 (237 KB, 19 vulnerabilities, 520 classified elements),
// and writes it: for one partner (ardentic, entry tier), and for every
// partner of the demo (Read, Plan, then Write for each of the 11 entitled).
// "read" and "write" time the two steps alone.
func BenchmarkReadWrite(b *testing.B) {
	doc := readFile(b, "testdata/icsa-20-168-01.json")
	partners := demoPartners(b)
	_, plan := planFor(b, doc, partners)
	var one disclosure.Disclosure
	for _, d := range plan {
		if d.PartnerID == "ardentic" {
			one = d
		}
	}
	opts := csaf.DefaultOptions()
	policy := disclosure.DefaultPolicy()

	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			if _, err := readAdvisory(doc, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("write", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			if _, _, err := csaf.Write(doc, one, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("one-partner", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := readAdvisory(doc, opts); err != nil {
				b.Fatal(err)
			}
			if _, _, err := csaf.Write(doc, one, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("all-partners", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			a, err := readAdvisory(doc, opts)
			if err != nil {
				b.Fatal(err)
			}
			plan, err := disclosure.Plan(policy, a, partners)
			if err != nil {
				b.Fatal(err)
			}
			for _, d := range plan {
				if !d.Entitled {
					continue
				}
				if _, _, err := csaf.Write(doc, d, opts); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
