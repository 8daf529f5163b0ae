package disclosure_test

import (
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// rtReasons returns the reasons of d as "code class: detail" lines.
func rtReasons(d disclosure.Disclosure) []string {
	var out []string
	for _, r := range d.Reasons {
		out = append(out, string(r.Code)+" "+string(r.Class)+": "+r.Detail)
	}
	return out
}

// rtCheck checks that the reasons of d are want, for Disclose, Plan and an
// Engine's Disclose and Plan alike.
func rtCheck(t *testing.T, p disclosure.Policy, a disclosure.Advisory, partners []disclosure.Partner, want map[string][]string) {
	t.Helper()
	e, err := disclosure.NewEngine(p)
	if err != nil {
		t.Fatal(err)
	}
	check := func(how string, d disclosure.Disclosure) {
		t.Helper()
		if got := rtReasons(d); strings.Join(got, "\n") != strings.Join(want[d.PartnerID], "\n") {
			t.Errorf("%s, %s: reasons\n%s\nwant\n%s", how, d.PartnerID, strings.Join(got, "\n"), strings.Join(want[d.PartnerID], "\n"))
		}
	}
	for _, to := range partners {
		d, err := disclosure.Disclose(p, a, to)
		if err != nil {
			t.Fatal(err)
		}
		check("Disclose", d)
		if d, err = e.Disclose(a, to); err != nil {
			t.Fatal(err)
		}
		check("Engine.Disclose", d)
	}
	ds, err := disclosure.Plan(p, a, partners)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		check("Plan", d)
	}
	if ds, err = e.Plan(a, partners); err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		check("Engine.Plan", d)
	}
}

// The reasons of the restricted treatment are listed by their texts, not
// by the rule that found them.
func TestRestrictionReasonsSorted(t *testing.T) {
	p := disclosure.DefaultPolicy()
	p.RestrictWhen.Jurisdictions = []string{"US", "EU"}
	a := sharePointAdvisory()
	a.Sections, a.Artifacts = nil, nil // the summary only, which the restricted treatment gives
	rtCheck(t, p, a, []disclosure.Partner{
		activePartner("us-cn", "entry", "US", "CN"),
		activePartner("fr-cn", "entry", "FR", "CN"),
		activePartner("cn", "entry", "CN"),
		activePartner("jp", "validate", "JP"),
	}, map[string][]string{
		"us-cn": {
			"restricted-jurisdiction : CN: CN-RMSV-2021 binds discoverers and is in effect at public_at",
			"restricted-jurisdiction : US is named in restrict_when.jurisdictions",
			"lead-time : restricted treatment: at public_at",
		},
		"fr-cn": {
			"restricted-jurisdiction : CN: CN-RMSV-2021 binds discoverers and is in effect at public_at",
			"restricted-jurisdiction : FR is covered by EU, named in restrict_when.jurisdictions",
			"lead-time : restricted treatment: at public_at",
		},
		"cn": {
			"restricted-jurisdiction : CN: CN-RMSV-2021 binds discoverers and is in effect at public_at",
			"lead-time : restricted treatment: at public_at",
		},
		"jp": {"lead-time : tier validate: 120h before public_at"},
	})
}

// A release held back until ready_at says until when.
func TestReadyFloorReason(t *testing.T) {
	a := sharePointAdvisory()
	a.ReadyAt = a.PublicAt.Add(-30 * time.Hour)
	const ready = "ready-floor : held until the advisory is ready at 2025-07-07T11:00:00Z"
	rtCheck(t, disclosure.DefaultPolicy(), a, []disclosure.Partner{
		activePartner("a", "validate", "US"),
		activePartner("b", "validate", "JP"),
		activePartner("c", "entry", "US"),
	}, map[string][]string{
		"a": {"lead-time : tier validate: 120h before public_at", ready},
		"b": {"lead-time : tier validate: 120h before public_at", ready},
		"c": {"lead-time : tier entry: 24h before public_at"},
	})
}

// A partner whose agreement has no version is denied by a policy that
// requires one, and the reason says it has none.
func TestAgreementWithoutVersion(t *testing.T) {
	p := disclosure.DefaultPolicy()
	p.Agreement.MinVersion = "2024-06"
	old := activePartner("old", "entry", "US")
	old.Agreement.Version = "2024-01"
	none := activePartner("none", "entry", "US")
	none.Agreement.Version = ""
	rtCheck(t, p, sharePointAdvisory(), []disclosure.Partner{old, none}, map[string][]string{
		"old":  {"agreement-outdated : agreement version 2024-01 is older than the required 2024-06"},
		"none": {"agreement-outdated : agreement version (none) is older than the required 2024-06"},
	})
}

// A lead capped by max_lead says so, beside partners of other tiers whose
// leads are their tiers' own (see TestBusinessDaysMaxLeadCapsSkippedDay).
func TestMaxLeadReasonBesideTiers(t *testing.T) {
	apia := ttZone(t, "Pacific/Apia")
	p := disclosure.DefaultPolicy()
	p.CalendarZone = apia
	p.Tiers[1].Lead = disclosure.LeadBusinessDays(5) // entry
	p.MaxLead = disclosure.LeadDuration(170 * time.Hour)
	a := sharePointAdvisory()
	a.Sections, a.Artifacts = nil, nil // the summary only, which every tier receives
	a.PublicAt = time.Date(2012, 1, 2, 10, 0, 0, 0, apia)
	var partners []disclosure.Partner
	for _, tier := range []string{"responder", "entry", "validate"} {
		to := activePartner(tier, tier, "US")
		to.Agreement.SignedAt = etUTC(2011, 1, 1, 0, 0)
		partners = append(partners, to)
	}
	rtCheck(t, p, a, partners, map[string][]string{
		"responder": {"lead-time : tier responder: at public_at"},
		"entry":     {"lead-time : capped by max_lead: 170h before public_at"},
		"validate":  {"lead-time : tier validate: 120h before public_at"},
	})
}
