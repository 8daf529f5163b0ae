package disclosure_test

import (
	"fmt"
	"testing"

	"github.com/disclosurekit/disclosure"
)

// Checking valid input allocates nothing when its lists are short (up to
// eight CVEs, tiers and laws, up to 64 law lookups): paths are written only
// for problems, and short lists are compared without a map on the heap.
func TestValidateAllocatesNothing(t *testing.T) {
	a := vtAdvisory()
	a.CVEs = nil
	for i := range 8 {
		a.CVEs = append(a.CVEs, fmt.Sprintf("CVE-2025-%05d", 10000+i))
		a.Products = append(a.Products, fmt.Sprintf("product %d", i))
	}
	p := disclosure.DefaultPolicy()
	for i := len(p.Tiers); i < 8; i++ {
		p.Tiers = append(p.Tiers, disclosure.Tier{Name: fmt.Sprintf("extra-%d", i), Rank: i + 1, TLP: disclosure.TLPRed})
	}
	// Eight laws, all named in restrict_when: 64 lookups.
	withLaws := p
	for i := range 8 {
		l := llLaw(fmt.Sprintf("L-%d", i))
		withLaws.Laws = append(withLaws.Laws, l)
		withLaws.RestrictWhen.Laws = append(withLaws.RestrictWhen.Laws, l.ID)
	}
	partner := vtPartner("us-av", "entry", "US")
	for _, c := range []struct {
		name     string
		validate func() error
	}{
		{"advisory with 8 CVEs", a.Validate},
		{"policy with 8 tiers", p.Validate},
		{"policy with 8 tiers and 8 laws", withLaws.Validate},
		{"partner", partner.Validate},
	} {
		if err := c.validate(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if n := testing.AllocsPerRun(20, func() { _ = c.validate() }); n != 0 {
			t.Errorf("%s: %v allocations", c.name, n)
		}
	}
}

// Disclose copies the artifacts' bytes into one allocation, however many
// artifacts carry them.
func TestDiscloseArtifactsAllocateOnce(t *testing.T) {
	p := disclosure.DefaultPolicy()
	to := vtPartner("us-av", "validate", "US")
	counts := map[int]float64{}
	for _, n := range []int{1, 2, 5} {
		a := vtAdvisory()
		for i := 1; i < n; i++ {
			f := a.Artifacts[0]
			f.Name = fmt.Sprintf("poc-%d.py", i)
			a.Artifacts = append(a.Artifacts, f)
		}
		a.Artifacts = append(a.Artifacts, disclosure.Artifact{Class: a.Artifacts[0].Class, Name: "empty.txt"})
		d, err := disclosure.Disclose(p, a, to)
		if err != nil || len(d.Advisory.Artifacts) != n+1 {
			t.Fatalf("%d artifacts: %d copied (%v)", n+1, len(d.Advisory.Artifacts), err)
		}
		counts[n] = testing.AllocsPerRun(20, func() { _, _ = disclosure.Disclose(p, a, to) })
	}
	if counts[2] != counts[1] || counts[5] != counts[1] {
		t.Errorf("allocations of Disclose by artifacts with data: %v", counts)
	}
}

// Plan cuts its output from a few allocations: their number does not grow
// with the partners.
func TestPlanAllocationsDoNotGrow(t *testing.T) {
	p := disclosure.DefaultPolicy()
	a := vtAdvisory()
	a.CVEs = append(a.CVEs, "CVE-2025-49706")
	a.Products = []string{"SharePoint Server 2019"}
	counts := map[int]float64{}
	for _, n := range []int{16, 64} {
		var ps []disclosure.Partner
		for i := range n {
			ps = append(ps, vtPartner(fmt.Sprintf("p-%d", i), []string{"entry", "validate"}[i%2], "US"))
		}
		ds, err := disclosure.Plan(p, a, ps)
		if err != nil || len(ds) != n {
			t.Fatalf("%d partners: %d disclosures (%v)", n, len(ds), err)
		}
		counts[n] = testing.AllocsPerRun(10, func() { _, _ = disclosure.Plan(p, a, ps) })
	}
	if counts[64] != counts[16] {
		t.Errorf("allocations of Plan by partners: %v", counts)
	}
}
