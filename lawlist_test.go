package disclosure_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// llLaw is a valid law of the given ID, in force in the US.
func llLaw(id string) disclosure.Law {
	return disclosure.Law{
		ID: id, Name: "law " + id, Jurisdictions: []string{"US"},
		EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Binds: []disclosure.Party{disclosure.PartyDiscoverers},
	}
}

// A policy's own registry of laws is checked law by law, at "laws[i]".
func TestPolicyLawsValidated(t *testing.T) {
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	laws := []disclosure.Law{
		llLaw("US-A"),
		{ID: "US-A", Name: "again", Jurisdictions: []string{"us", "XX", "EU"}, Binds: []disclosure.Party{"nobody", disclosure.PartyOperators},
			EffectiveFrom: from, EffectiveUntil: from},
		{ID: " ", Jurisdictions: []string{"US"}},
		{ID: "", Jurisdictions: []string{"US"}},
		{ID: "US-B"},
		{ID: "US-C", Jurisdictions: []string{"CN"}, EffectiveFrom: from, EffectiveUntil: from.Add(-time.Second)},
		{ID: "US-D", Jurisdictions: []string{"JP"}, EffectiveFrom: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
			EffectiveUntil: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)},
		llLaw("US-B"),
	}
	p := disclosure.DefaultPolicy()
	p.Laws = laws
	want := []string{
		`laws[1].id: "US-A" repeats laws[0]`,
		`laws[1].jurisdictions[0]: "us" is not an ISO 3166-1 alpha-2 code (codes are upper case: "US")`,
		`laws[1].jurisdictions[1]: "XX" is not an ISO 3166-1 alpha-2 code`,
		`laws[1].binds[0]: unknown party "nobody" (want one of product-providers, discoverers, operators, manufacturers)`,
		`laws[1].effective_until: not after effective_from`,
		`laws[2].id: required`,
		`laws[3].id: required`,
		`laws[4].jurisdictions: at least one is required`,
		`laws[5].effective_until: not after effective_from`,
		`laws[6].effective_from: year 10000 is outside 0001–9999`,
		`laws[6].effective_until: year -1 is outside 0001–9999`,
		`laws[6].effective_until: not after effective_from`,
		`laws[7].id: "US-B" repeats laws[4]`,
	}
	got := idProblems(t, p.Validate())
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Repeated IDs are found in a registry of any length: compared pairwise in
// a short one, through a map in a long one.
func TestPolicyLawsRepeat(t *testing.T) {
	for _, n := range []int{2, 8, 9, 40} {
		var laws []disclosure.Law
		for i := range n {
			laws = append(laws, llLaw(fmt.Sprintf("L-%d", i)))
		}
		laws = append(laws, llLaw("L-0"), llLaw(""), llLaw(fmt.Sprintf("L-%d", n-1)), llLaw(""))
		p := disclosure.DefaultPolicy()
		p.Laws = laws
		want := []string{
			fmt.Sprintf(`laws[%d].id: "L-0" repeats laws[0]`, n),
			fmt.Sprintf(`laws[%d].id: required`, n+1),
			fmt.Sprintf(`laws[%d].id: "L-%d" repeats laws[%d]`, n+2, n-1, n-1),
			fmt.Sprintf(`laws[%d].id: required`, n+3),
		}
		if got := idProblems(t, p.Validate()); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%d laws:\n got %q\nwant %q", n+4, got, want)
		}
	}
}

// A built-in law's name is its English name, then its name in the
// original language, if any, in parentheses.
func TestBuiltinLawNames(t *testing.T) {
	names := map[string]string{}
	for _, l := range disclosure.BuiltinLaws() {
		names[l.ID] = l.Name
	}
	for id, want := range map[string]string{
		"CN-CIRM-2025": "National Cybersecurity Incident Reporting Management Measures (国家网络安全事件报告管理办法)",
		"US-CIRCIA":    "Cyber Incident Reporting for Critical Infrastructure Act of 2022 (CIRCIA) — CISA implementing rule",
	} {
		if names[id] != want {
			t.Errorf("%s: name %q, want %q", id, names[id], want)
		}
	}
}

// "EU" in restrict_when.jurisdictions covers each member state, and only
// them; a member state listed there covers a partner in "EU".
func TestEUCoversEveryMember(t *testing.T) {
	p := disclosure.DefaultPolicy()
	p.RestrictWhen = disclosure.RestrictionScope{Jurisdictions: []string{"EU"}}
	a := sharePointAdvisory()
	members := disclosure.EUMembers()
	for _, j := range append(slices.Clone(members), "AD", "AX", "AZ", "CH", "GB", "NO", "UA", "ZA", "ZW") {
		d, err := disclosure.Disclose(p, a, activePartner("p", "entry", j))
		if err != nil {
			t.Fatal(err)
		}
		if want := slices.Contains(members, j); d.Restricted != want {
			t.Errorf("partner in %s: restricted %v, want %v", j, d.Restricted, want)
		}
	}
	for _, j := range []string{"AT", "CZ", "SK"} {
		p.RestrictWhen.Jurisdictions = []string{"US", j}
		d, err := disclosure.Disclose(p, a, activePartner("p", "entry", "EU"))
		if err != nil {
			t.Fatal(err)
		}
		if !d.Restricted {
			t.Errorf("partner in EU not restricted by %s", j)
		}
	}
}

// restrict_when.binds selects the built-in laws binding any of the parties
// named, the first of them (product providers) included.
func TestRestrictWhenBindsEachParty(t *testing.T) {
	a := sharePointAdvisory()
	for _, c := range []struct {
		party disclosure.Party
		in    string
		law   string
	}{
		{disclosure.PartyProductProviders, "CN", "CN-RMSV-2021"},
		{disclosure.PartyDiscoverers, "CN", "CN-RMSV-2021"},
		{disclosure.PartyOperators, "IN", "IN-CERTIN-2022"},
		{disclosure.PartyManufacturers, "DE", "EU-CRA-ART14"},
	} {
		p := disclosure.DefaultPolicy()
		p.RestrictWhen = disclosure.RestrictionScope{Binds: []disclosure.Party{c.party}}
		if c.party == disclosure.PartyManufacturers {
			a.PublicAt = time.Date(2026, 10, 13, 17, 0, 0, 0, time.UTC) // the CRA's Article 14 applies from 2026-09-11
		}
		d, err := disclosure.Disclose(p, a, activePartner("p", "entry", "JP", c.in))
		if err != nil {
			t.Fatal(err)
		}
		want := c.in + ": " + c.law + " binds " + string(c.party) + " and is in effect at public_at"
		if !d.Restricted || !slices.ContainsFunc(d.Reasons, func(r disclosure.Reason) bool { return r.Detail == want }) {
			t.Errorf("%s: restricted %v, reasons %v; want %q", c.party, d.Restricted, d.Reasons, want)
		}
		d, err = disclosure.Disclose(p, a, activePartner("p", "entry", "JP"))
		if err != nil || d.Restricted {
			t.Errorf("%s: partner in JP restricted %v (%v)", c.party, d.Restricted, err)
		}
	}
}
