package disclosuretest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/disclosuretest"
)

// ourPolicyJSON is a vendor's own policy: two tiers, and no head start,
// technical details or proof of concept for partners under a law that
// binds discoverers.
const ourPolicyJSON = `{
  "name": "acme-early-warning",
  "tiers": [
    {"name": "basic", "rank": 1, "lead": "0", "classes": ["summary", "description", "mitigations"], "tlp": "AMBER"},
    {"name": "trusted", "rank": 2, "lead": "2bd", "classes": ["summary", "description", "mitigations",
      "indicators", "detection-guidance", "technical-details", "proof-of-concept"], "tlp": "AMBER+STRICT"}
  ],
  "restricted": {"classes": ["summary", "description", "mitigations"], "lead": "0", "tlp": "GREEN"},
  "restrict_when": {"binds": ["discoverers"]}
}`

func ourAdvisory() disclosure.Advisory {
	return disclosure.Advisory{
		ID: "ACME-2025-007", Revision: 1, PublicAt: disclosure.PatchTuesday(2025, time.September),
		Sections:  []disclosure.Section{{Class: disclosure.ClassTechnicalDetails, Body: "Heap overflow in the parser."}},
		Artifacts: []disclosure.Artifact{{Class: disclosure.ClassProofOfConcept, Name: "poc.c", Data: []byte("int main(){}")}},
	}
}

func ourPartner(id string, places ...string) disclosure.Partner {
	return disclosure.Partner{ID: id, Tier: "trusted", Jurisdictions: places, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{Version: "2025-01", SignedAt: time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)}}
}

// TestOurPolicy is the example of the package documentation and README:
// a vendor's own policy, tested in about fifteen lines.
func TestOurPolicy(t *testing.T) {
	policy, err := disclosure.LoadPolicy(strings.NewReader(ourPolicyJSON))
	if err != nil {
		t.Fatal(err)
	}
	advisory := ourAdvisory()
	cn, err := disclosure.Disclose(policy, advisory, ourPartner("cn-ids", "CN"))
	if err != nil {
		t.Fatal(err)
	}
	disclosuretest.Withholds(t, cn, disclosure.ClassProofOfConcept, disclosure.CodeRestrictedJurisdiction)
	disclosuretest.ReleasedAt(t, cn, advisory.PublicAt)
	de, _ := disclosure.Disclose(policy, advisory, ourPartner("de-av", "DE"))
	disclosuretest.Receives(t, de, disclosure.ClassSummary, disclosure.ClassTechnicalDetails, disclosure.ClassProofOfConcept)
	disclosuretest.ReleasedAt(t, de, advisory.PublicAt.AddDate(0, 0, -4)) // 2 business days before a Tuesday: the Friday before
	disclosuretest.CheckInvariants(t, policy, disclosuretest.Inputs{Advisories: []disclosure.Advisory{advisory}})
}
