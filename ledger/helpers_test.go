package ledger_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// toolShell is an advisory of the July 2025 Patch Tuesday with content of
// several classes, at the given revision.
func toolShell(revision int) disclosure.Advisory {
	a := disclosure.Advisory{
		ID:       "ADV-2025-0042",
		Revision: revision,
		CVEs:     []string{"CVE-2025-49704", "CVE-2025-49706"},
		Title:    "SharePoint Server remote code execution",
		Products: []string{"SharePoint Server 2019"},
		Severity: disclosure.SeverityCritical,
		PublicAt: disclosure.PatchTuesday(2025, time.July),
		Sections: []disclosure.Section{
			{Class: disclosure.ClassDescription, Body: "A deserialization flaw allows remote code execution."},
			{Class: disclosure.ClassMitigations, Body: "Enable AMSI integration; rotate machine keys."},
		},
	}
	if revision >= 2 {
		a.Sections = append(a.Sections, disclosure.Section{Class: disclosure.ClassTechnicalDetails, Title: "Root cause", Body: "The control deserializes untrusted view state."})
	}
	if revision >= 3 {
		a.Artifacts = []disclosure.Artifact{{Class: disclosure.ClassProofOfConcept, Name: "poc.py", MediaType: "text/x-python", Data: []byte("print('poc')\n")}}
	}
	return a
}

// programPolicy is the default policy with the long leads of a program
// that warns its validating partners two weeks ahead.
func programPolicy() disclosure.Policy {
	p := disclosure.DefaultPolicy()
	p.Name = "program"
	p.Tiers[1].Lead = disclosure.LeadDuration(5 * 24 * time.Hour)
	p.Tiers[2].Lead = disclosure.LeadDuration(15 * 24 * time.Hour)
	return p
}

// notices are the instants of the three notices of the timeline.
var notices = []time.Time{
	time.Date(2025, 6, 24, 18, 0, 0, 0, time.UTC),
	time.Date(2025, 7, 3, 18, 0, 0, 0, time.UTC),
	time.Date(2025, 7, 7, 18, 0, 0, 0, time.UTC),
}

func member(id, tier string, jurisdictions ...string) disclosure.Partner {
	return disclosure.Partner{
		ID: id, Tier: tier, Jurisdictions: jurisdictions, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{Version: "2024-01", SignedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)},
	}
}

func members() []disclosure.Partner {
	return []disclosure.Partner{
		member("ardentic", "entry", "US"),
		member("brimlock", "validate", "US"),
		member("harunoki", "validate", "JP"),
		member("qilin-ids", "entry", "CN"),
		member("vasudrik", "responder", "IN"),
	}
}

// deliverAll records every entitled copy of the plan due by at.
func deliverAll(t testing.TB, r *ledger.Record, file *bytes.Buffer, policy disclosure.Policy, plan []disclosure.Disclosure, at time.Time) {
	t.Helper()
	for _, d := range plan {
		if !d.ReleasedBy(at) {
			continue
		}
		e, err := ledger.NewDelivery(d, []byte(d.PartnerID+"/"+d.AdvisoryID+"/"+string(rune('0'+d.Revision))), at, policy, nil)
		if err != nil {
			t.Fatal(err)
		}
		line, err := r.Append(e)
		if err != nil {
			t.Fatal(err)
		}
		file.Write(line)
	}
}

func mustPlan(t testing.TB, p disclosure.Policy, a disclosure.Advisory, partners []disclosure.Partner) []disclosure.Disclosure {
	t.Helper()
	ds, err := disclosure.Plan(p, a, partners)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// panicTB is a testing.TB for examples: it panics where a test would fail.
type panicTB struct{ testing.TB }

func (panicTB) Helper()                   {}
func (panicTB) Fatal(args ...any)         { panic(fmt.Sprint(args...)) }
func (panicTB) Fatalf(f string, a ...any) { panic(fmt.Sprintf(f, a...)) }

// toolShellRecord plays the first n notices of the timeline under a
// policy, sending each partner what is new and due, then records the
// exploitation seen on July 7.
func toolShellRecord(policy disclosure.Policy, n int) *ledger.Record {
	var record ledger.Record
	for rev, at := range notices[:n] {
		plan, err := disclosure.Plan(policy, toolShell(rev+1), members())
		if err != nil {
			panic(err)
		}
		updates, err := record.Changes(plan)
		if err != nil {
			panic(err)
		}
		for _, u := range updates {
			if len(u.Send) == 0 || u.At.After(at) {
				continue
			}
			e, err := ledger.NewDelivery(*decisionFor(plan, u.Partner), []byte(u.Partner), at, policy, nil)
			if err != nil {
				panic(err)
			}
			if _, err := record.Append(e); err != nil {
				panic(err)
			}
		}
	}
	exploited := ledger.Entry{Kind: ledger.KindExploitationObserved, At: time.Date(2025, 7, 7, 18, 0, 0, 0, time.UTC),
		Advisory: "ADV-2025-0042", Reason: "attacks on SharePoint servers"}
	if _, err := record.Append(exploited); err != nil {
		panic(err)
	}
	return &record
}
