package disclosure_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
)

// A repeated CVE is reported with the index of its first occurrence, the
// first of the list included, in a short list and in a long one.
func TestRepeatedCVEs(t *testing.T) {
	for _, n := range []int{1, 3, 7, 8, 9, 30} {
		a := vtAdvisory()
		a.CVEs = nil
		for i := range n {
			a.CVEs = append(a.CVEs, fmt.Sprintf("CVE-2025-%05d", 10000+i))
		}
		a.CVEs = append(a.CVEs, a.CVEs[0], a.CVEs[n-1], a.CVEs[0])
		want := []string{
			fmt.Sprintf(`cves[%d]: "CVE-2025-10000" repeats cves[0]`, n),
			fmt.Sprintf(`cves[%d]: %q repeats cves[%d]`, n+1, a.CVEs[n-1], n-1),
			fmt.Sprintf(`cves[%d]: "CVE-2025-10000" repeats cves[0]`, n+2),
		}
		if got := idProblems(t, a.Validate()); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%d CVEs:\n got %q\nwant %q", len(a.CVEs), got, want)
		}
	}
}

// A repeated tier rank is reported with the first tier of that rank, in a
// short policy and in a long one; invalid ranks are not compared.
func TestRepeatedTierRanks(t *testing.T) {
	for _, n := range []int{3, 8, 12} {
		p := disclosure.DefaultPolicy()
		p.Tiers = p.Tiers[:1]
		for i := 1; i < n; i++ {
			p.Tiers = append(p.Tiers, disclosure.Tier{Name: fmt.Sprintf("t%d", i), Rank: i + 1, TLP: disclosure.TLPRed})
		}
		p.Tiers = append(p.Tiers,
			disclosure.Tier{Name: "again-1", Rank: 1, TLP: disclosure.TLPRed},
			disclosure.Tier{Name: "zero-1", Rank: 0, TLP: disclosure.TLPRed},
			disclosure.Tier{Name: "again-n", Rank: n, TLP: disclosure.TLPRed},
			disclosure.Tier{Name: "zero-2", Rank: 0, TLP: disclosure.TLPRed})
		want := []string{
			fmt.Sprintf(`tiers[%d].rank: 1 repeats tiers[0]`, n),
			fmt.Sprintf(`tiers[%d].rank: must be at least 1, got 0`, n+1),
			fmt.Sprintf(`tiers[%d].rank: %d repeats tiers[%d]`, n+2, n, n-1),
			fmt.Sprintf(`tiers[%d].rank: must be at least 1, got 0`, n+3),
		}
		if got := idProblems(t, p.Validate()); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%d tiers:\n got %q\nwant %q", len(p.Tiers), got, want)
		}
	}
}
