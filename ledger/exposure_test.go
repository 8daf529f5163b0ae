package ledger_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

func TestRecordExposure(t *testing.T) {
	before := programPolicy()
	before.RestrictWhen = disclosure.RestrictionScope{}
	record := toolShellRecord(before, 3)
	// Public release July 8 17:00: brimlock and harunoki hold the summary
	// since June 24 18:00 (335 h), ardentic and qilin-ids since July 3
	// 18:00 (119 h); the proof of concept came on July 7 18:00 (23 h).
	want := map[disclosure.Class]ledger.ClassExposure{
		disclosure.ClassSummary:          {Class: disclosure.ClassSummary, Partners: 4, PartnerHours: 2*335 + 2*119},
		disclosure.ClassTechnicalDetails: {Class: disclosure.ClassTechnicalDetails, Partners: 4, PartnerHours: 4 * 119},
		disclosure.ClassProofOfConcept:   {Class: disclosure.ClassProofOfConcept, Partners: 4, PartnerHours: 4 * 23},
	}
	check := func(what string, got []ledger.ClassExposure) {
		t.Helper()
		if len(got) != 5 {
			t.Errorf("%s: %d classes: %+v", what, len(got), got)
		}
		for _, x := range got {
			if w, ok := want[x.Class]; ok && x != w {
				t.Errorf("%s: %+v, want %+v", what, x, w)
			}
		}
	}
	check("record", record.Exposure("ADV-2025-0042"))

	// The embargo ended on July 7 at 21:00: 20 hours less for everyone.
	if _, err := record.Append(ledger.Entry{Kind: ledger.KindEmbargoEnded, At: time.Date(2025, 7, 7, 21, 0, 0, 0, time.UTC),
		Advisory: "ADV-2025-0042", Reason: "exploited"}); err != nil {
		t.Fatal(err)
	}
	want[disclosure.ClassSummary] = ledger.ClassExposure{Class: disclosure.ClassSummary, Partners: 4, PartnerHours: 2*315 + 2*99}
	want[disclosure.ClassTechnicalDetails] = ledger.ClassExposure{Class: disclosure.ClassTechnicalDetails, Partners: 4, PartnerHours: 4 * 99}
	want[disclosure.ClassProofOfConcept] = ledger.ClassExposure{Class: disclosure.ClassProofOfConcept, Partners: 4, PartnerHours: 4 * 3}
	check("record, embargo ended", record.Exposure("ADV-2025-0042"))
	if x := record.Exposure("ADV-other"); x != nil {
		t.Errorf("exposure of an advisory never sent: %+v", x)
	}

	// A plan with an early end: every release moves to it, none is early.
	a := toolShell(3)
	a.Embargo = disclosure.Embargo{EndedAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), Reason: disclosure.EndPublic}
	for _, x := range ledger.PlanExposure(mustPlan(t, before, a, members())) {
		if x.Partners != 0 || x.PartnerHours != 0 {
			t.Errorf("early end: %+v", x)
		}
	}
}

// The July 2025 rule in numbers: how many partners hold each class before
// the public release, and for how long in all.
func ExamplePlanExposure() {
	before := programPolicy()
	before.RestrictWhen = disclosure.RestrictionScope{}
	for _, policy := range []disclosure.Policy{before, programPolicy()} {
		plan, err := disclosure.Plan(policy, toolShell(3), members())
		if err != nil {
			panic(err)
		}
		fmt.Println(policy.RestrictWhen.Binds)
		for _, x := range ledger.PlanExposure(plan) {
			fmt.Printf("  %-17s %d partners, %4.0f partner-hours\n", x.Class, x.Partners, x.PartnerHours)
		}
	}
	// Output:
	// []
	//   summary           4 partners,  960 partner-hours
	//   description       4 partners,  960 partner-hours
	//   mitigations       4 partners,  960 partner-hours
	//   technical-details 4 partners,  960 partner-hours
	//   proof-of-concept  4 partners,  960 partner-hours
	// [discoverers]
	//   summary           3 partners,  840 partner-hours
	//   description       3 partners,  840 partner-hours
	//   mitigations       3 partners,  840 partner-hours
	//   technical-details 3 partners,  840 partner-hours
	//   proof-of-concept  3 partners,  840 partner-hours
}
