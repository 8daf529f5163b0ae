package disclosuretest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/disclosuretest"
	"github.com/disclosurekit/disclosure/remedy"
)

// printer is a testing.TB that prints failures, for the examples; a test
// passes its *testing.T.
type printer struct{ testing.TB }

func (printer) Helper() {}
func (printer) Errorf(format string, args ...any) {
	fmt.Println(strings.TrimSuffix(fmt.Sprintf(format, args...), "\n"))
}

func sharePoint() disclosure.Advisory {
	return disclosure.Advisory{
		ID: "ADV-2025-0042", Revision: 1, PublicAt: disclosure.PatchTuesday(2025, time.July),
		Sections:  []disclosure.Section{{Class: disclosure.ClassTechnicalDetails, Body: "The control deserializes untrusted view state."}},
		Artifacts: []disclosure.Artifact{{Class: disclosure.ClassProofOfConcept, Name: "poc.py", Data: []byte("print('poc')\n")}},
	}
}

func cnPartner() disclosure.Partner {
	return disclosure.Partner{ID: "cn-ids", Tier: "entry", Jurisdictions: []string{"CN"}, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{SignedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}}
}

// A vendor checks that nothing its CN partner could change would give it
// the proof of concept; the second assertion, which wants the partner to
// get it by leaving China, fails and says what the remedies are.
func ExampleRemedy() {
	policy, advisory, cn := disclosure.DefaultPolicy(), sharePoint(), cnPartner()
	d, err := disclosure.Disclose(policy, advisory, cn)
	if err != nil {
		panic(err)
	}
	rs, err := remedy.For(policy, advisory, cn)
	if err != nil {
		panic(err)
	}
	t := printer{}
	fmt.Println(disclosuretest.Remedy(t, d, rs, disclosure.ClassProofOfConcept, remedy.None))
	fmt.Println(disclosuretest.Remedy(t, d, rs, disclosure.ClassProofOfConcept, remedy.DropJurisdiction))
	// Output:
	// true
	// partner cn-ids, advisory ADV-2025-0042: want a remedy for proof-of-concept of kinds drop-jurisdiction, got:
	//   technical-details, proof-of-concept: none (none under this policy: the restricted treatment excludes it wherever the partner is (restricted.classes))
	//   entitled true, tier entry, restricted true, release 2025-07-08T17:00:00Z, TLP:CLEAR
	//   receives: summary
	//   reason                   class              detail
	//   restricted-jurisdiction  -                  CN: CN-RMSV-2021 binds discoverers and is in effect at public_at
	//   restricted-jurisdiction  technical-details  the restricted treatment does not include this class
	//   restricted-jurisdiction  proof-of-concept   the restricted treatment does not include this class
	//   lead-time                -                  restricted treatment: at public_at
	// false
}

// CheckRemedies decides again with every remedy applied, and with each
// change of it left out, and reports the first remedy that does not keep
// its promise.
func ExampleCheckRemedies() {
	policy, advisory := disclosure.DefaultPolicy(), sharePoint()
	to := cnPartner()
	to.Jurisdictions = []string{"CN", "US"}
	rs, err := remedy.For(policy, advisory, to)
	if err != nil {
		panic(err)
	}
	fmt.Println(disclosuretest.CheckRemedies(policy, advisory, to, time.Time{}, rs))
	rs[0].Changes[0].Jurisdiction = "US" // a wrong remedy: drop the other jurisdiction
	fmt.Println(disclosuretest.CheckRemedies(policy, advisory, to, time.Time{}, rs) != nil)
	// Output:
	// <nil>
	// true
}

func ExampleRemedyTable() {
	to := cnPartner()
	to.Status = disclosure.StatusSuspended
	rs, err := remedy.For(disclosure.DefaultPolicy(), sharePoint(), to)
	if err != nil {
		panic(err)
	}
	fmt.Print(disclosuretest.RemedyTable(rs))
	// Output:
	//   entitlement, summary: reinstate (be reinstated in the program (now suspended))
	//   technical-details, proof-of-concept: none (none under this policy: the restricted treatment excludes it wherever the partner is (restricted.classes))
}
