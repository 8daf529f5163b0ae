package disclosure_test

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// researchFile is the shape of the law research data the built-in registry
// is made from (internal/lawdata/jurisdictions.json), read here
// independently of the library's own loader.
type researchFile struct {
	Count         int `json:"count"`
	Jurisdictions []struct {
		ID            string     `json:"id"`
		ISO3166       []string   `json:"iso3166"`
		MemberStates  []string   `json:"member_states"`
		Binds         []string   `json:"binds"`
		EffectiveFrom *time.Time `json:"effective_from"`
	} `json:"jurisdictions"`
}

func TestBuiltinLawsMatchTheResearchData(t *testing.T) {
	raw, err := os.ReadFile("internal/lawdata/jurisdictions.json")
	if err != nil {
		t.Fatal(err)
	}
	var f researchFile
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	laws := disclosure.BuiltinLaws()
	if len(laws) != f.Count || len(laws) != len(f.Jurisdictions) || len(laws) != 11 {
		t.Fatalf("%d built-in laws, research file counts %d and lists %d", len(laws), f.Count, len(f.Jurisdictions))
	}
	for i, e := range f.Jurisdictions {
		l := laws[i]
		if l.ID != e.ID || !slices.Equal(l.Jurisdictions, e.ISO3166) {
			t.Errorf("law %d: %s %v, research says %s %v", i, l.ID, l.Jurisdictions, e.ID, e.ISO3166)
		}
		if len(l.Binds) != len(e.Binds) {
			t.Errorf("%s: binds %v, research says %v", l.ID, l.Binds, e.Binds)
		}
		for k, b := range l.Binds {
			if string(b) != e.Binds[k] || !b.Valid() {
				t.Errorf("%s: binds[%d] = %q, research says %q", l.ID, k, b, e.Binds[k])
			}
		}
		switch {
		case e.EffectiveFrom == nil && !l.EffectiveFrom.IsZero():
			t.Errorf("%s: in effect from %v, research says not in effect", l.ID, l.EffectiveFrom)
		case e.EffectiveFrom != nil && !l.EffectiveFrom.Equal(*e.EffectiveFrom):
			t.Errorf("%s: effective from %v, research says %v", l.ID, l.EffectiveFrom, *e.EffectiveFrom)
		}
		for _, j := range l.Jurisdictions {
			if !disclosure.ValidJurisdiction(j) {
				t.Errorf("%s: jurisdiction %q is not valid", l.ID, j)
			}
		}
		if len(e.MemberStates) > 0 {
			ms := slices.Clone(e.MemberStates)
			slices.Sort(ms)
			if !slices.Equal(ms, disclosure.EUMembers()) {
				t.Errorf("%s: member states %v differ from EUMembers %v", l.ID, ms, disclosure.EUMembers())
			}
		}
	}
	// A policy that carries the built-in laws explicitly is valid.
	p := disclosure.DefaultPolicy()
	p.Laws = laws
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestBuiltinLawsIsACopy(t *testing.T) {
	a := disclosure.BuiltinLaws()
	a[0].ID = "changed"
	a[0].Jurisdictions[0] = "XX"
	b := disclosure.BuiltinLaws()
	if b[0].ID == "changed" || b[0].Jurisdictions[0] == "XX" {
		t.Fatal("BuiltinLaws shares memory between calls")
	}
}

func TestLawInEffect(t *testing.T) {
	byID := map[string]disclosure.Law{}
	for _, l := range disclosure.BuiltinLaws() {
		byID[l.ID] = l
	}
	rmsv := byID["CN-RMSV-2021"]
	start := time.Date(2021, 9, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	if rmsv.InEffect(start.Add(-time.Nanosecond)) || !rmsv.InEffect(start) || !rmsv.InEffect(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Error("CN-RMSV-2021 takes effect at 2021-09-01 00:00 +08:00")
	}
	if circia := byID["US-CIRCIA"]; circia.InEffect(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Error("a law with no effective date is never in effect")
	}
	ended := disclosure.Law{EffectiveFrom: start, EffectiveUntil: start.AddDate(1, 0, 0)}
	if !ended.InEffect(start.AddDate(0, 6, 0)) || ended.InEffect(start.AddDate(1, 0, 0)) {
		t.Error("effective_until ends the law")
	}
	// Only RMSV binds discoverers, so only CN is restricted by the default policy.
	var discoverers []string
	for _, l := range disclosure.BuiltinLaws() {
		if slices.Contains(l.Binds, disclosure.PartyDiscoverers) {
			discoverers = append(discoverers, l.ID)
		}
	}
	if !slices.Equal(discoverers, []string{"CN-RMSV-2021"}) {
		t.Errorf("laws binding discoverers: %v", discoverers)
	}
}

func TestValidJurisdiction(t *testing.T) {
	for _, c := range append([]string{"EU", "US", "CN", "JP", "IL", "IN", "AQ"}, disclosure.EUMembers()...) {
		if !disclosure.ValidJurisdiction(c) {
			t.Errorf("%q rejected", c)
		}
	}
	for _, c := range []string{"", "XX", "UK", "eu", "cn", "USA", "C", "XK", "ZZ"} {
		if disclosure.ValidJurisdiction(c) {
			t.Errorf("%q accepted", c)
		}
	}
	if n := len(disclosure.EUMembers()); n != 27 {
		t.Errorf("%d EU members", n)
	}
}

// A partner with several jurisdictions gets the most restrictive outcome,
// and "EU" on either side stands for every member state.
func TestRestrictionAcrossJurisdictions(t *testing.T) {
	policy := disclosure.DefaultPolicy()
	policy.RestrictWhen = disclosure.RestrictionScope{Jurisdictions: []string{"DE"}}
	a := sharePointAdvisory()
	for _, c := range []struct {
		places     []string
		restricted bool
	}{
		{[]string{"US"}, false},
		{[]string{"DE"}, true},
		{[]string{"EU"}, true},
		{[]string{"US", "FR", "DE"}, true},
		{[]string{"FR"}, false},
		{[]string{"GB"}, false},
	} {
		d, err := disclosure.Disclose(policy, a, activePartner("p", "validate", c.places...))
		if err != nil {
			t.Fatal(err)
		}
		if d.Restricted != c.restricted {
			t.Errorf("%v: restricted = %v, want %v", c.places, d.Restricted, c.restricted)
		}
	}
	policy.RestrictWhen = disclosure.RestrictionScope{Jurisdictions: []string{"EU"}}
	for _, places := range [][]string{{"DE"}, {"MT"}, {"US", "SE"}} {
		d, _ := disclosure.Disclose(policy, a, activePartner("p", "validate", places...))
		if !d.Restricted {
			t.Errorf("%v not restricted under restrict_when.jurisdictions [EU]", places)
		}
	}
	policy.RestrictWhen = disclosure.RestrictionScope{Laws: []string{"CN-RMSV-2021"}}
	d, _ := disclosure.Disclose(policy, a, activePartner("p", "validate", "US", "CN"))
	if !d.Restricted || d.Receives(disclosure.ClassProofOfConcept) || !d.ReleaseAt.Equal(a.PublicAt) {
		t.Errorf("US firm with a CN subsidiary, law named: %+v", d)
	}
}

// Details name what the rules actually matched: the listed code that
// covers the partner's, and the embargo's own end instant.
func TestReasonDetails(t *testing.T) {
	policy := disclosure.DefaultPolicy()
	policy.RestrictWhen = disclosure.RestrictionScope{Jurisdictions: []string{"EU"}}
	a := sharePointAdvisory()
	d, err := disclosure.Disclose(policy, a, activePartner("de", "entry", "DE"))
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(d.Reasons, func(r disclosure.Reason) bool { return r.Code == disclosure.CodeRestrictedJurisdiction }); i < 0 ||
		d.Reasons[i].Detail != "DE is covered by EU, named in restrict_when.jurisdictions" {
		t.Errorf("reasons %v", d.Reasons)
	}
	// The early end is held back by ready_at: the detail still gives the end.
	a.ReadyAt = a.PublicAt.Add(-30 * time.Hour)
	a.Embargo = disclosure.Embargo{EndedAt: a.PublicAt.Add(-48 * time.Hour), Reason: disclosure.EndExploitPublic}
	d, err = disclosure.Disclose(disclosure.DefaultPolicy(), a, activePartner("us", "entry", "US"))
	if err != nil {
		t.Fatal(err)
	}
	want := "the embargo ended at " + a.Embargo.EndedAt.UTC().Format(time.RFC3339) + " (exploit-public)"
	if i := slices.IndexFunc(d.Reasons, func(r disclosure.Reason) bool { return r.Code == disclosure.CodeEmbargoEnded }); i < 0 || d.Reasons[i].Detail != want {
		t.Errorf("reasons %v, want embargo-ended %q", d.Reasons, want)
	}
}
