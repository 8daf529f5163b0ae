package disclosure_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/disclosurekit/disclosure"
)

// A world is one generated case: a policy, an advisory and partners. All
// content carries marker strings unique to the case, so a test can search
// output for them without false matches.
type world struct {
	seed     uint64
	nested   bool
	policy   disclosure.Policy
	advisory disclosure.Advisory
	partners []disclosure.Partner
}

var (
	genJurisdictions = []string{"US", "CN", "DE", "EU", "JP", "IL", "IN", "RU", "FR", "AU", "GB", "KR"}
	genTLPs          = []disclosure.TLP{disclosure.TLPClear, disclosure.TLPGreen, disclosure.TLPAmber, disclosure.TLPAmberStrict, disclosure.TLPRed}
	genParties       = []disclosure.Party{disclosure.PartyDiscoverers, disclosure.PartyManufacturers, disclosure.PartyOperators, disclosure.PartyProductProviders}
	genEnds          = []disclosure.EndReason{disclosure.EndPublic, disclosure.EndExploited, disclosure.EndExploitPublic, disclosure.EndOther}
)

// genWorld builds a valid world from a seed. With nested, tiers of higher
// rank have every class and at least the lead of lower ranks.
func genWorld(seed uint64, nested bool) world {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	w := world{seed: seed, nested: nested}
	w.policy = genPolicy(r, nested)
	w.advisory = genAdvisory(r, seed)
	n := 1 + r.IntN(6)
	for i := 0; i < n; i++ {
		w.partners = append(w.partners, genPartner(r, w.policy, fmt.Sprintf("p%d-%d", seed, i)))
	}
	// An advisory's exclusions name partners of the list (Plan requires
	// it): the one it excludes under a long, unique ID is one of them.
	for _, id := range w.advisory.ExcludePartners {
		w.partners = append(w.partners, genPartner(r, w.policy, id))
	}
	if r.IntN(8) == 0 {
		w.advisory.ExcludePartners = append(w.advisory.ExcludePartners, w.partners[r.IntN(n)].ID)
	}
	return w
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func randomClasses(r *rand.Rand) []disclosure.Class {
	var cs []disclosure.Class
	for _, c := range disclosure.Classes() {
		if r.IntN(2) == 0 {
			cs = append(cs, c)
		}
	}
	return cs
}

func randomLead(r *rand.Rand) disclosure.Lead {
	switch r.IntN(3) {
	case 0:
		return disclosure.Lead{}
	case 1:
		return disclosure.LeadDuration(time.Duration(r.IntN(24*8)) * time.Hour)
	}
	return disclosure.LeadBusinessDays(1 + r.IntN(7))
}

func genPolicy(r *rand.Rand, nested bool) disclosure.Policy {
	p := disclosure.Policy{Name: "generated"}
	switch r.IntN(3) {
	case 1:
		p.CalendarZone = disclosure.DefaultPolicy().CalendarZone
	case 2:
		p.CalendarZone = time.UTC
	}
	n := 1 + r.IntN(4)
	var classes []disclosure.Class
	var hours int
	for i := 0; i < n; i++ {
		t := disclosure.Tier{Name: fmt.Sprintf("tier%d", i+1), Rank: i + 1, TLP: pick(r, genTLPs)}
		if nested {
			// Each tier adds classes and lead to the one below it.
			for _, c := range disclosure.Classes() {
				if r.IntN(3) == 0 && !slices.Contains(classes, c) {
					classes = append(classes, c)
				}
			}
			hours += r.IntN(72)
			t.Classes = slices.Clone(classes)
			t.Lead = disclosure.LeadDuration(time.Duration(hours) * time.Hour)
		} else {
			t.Classes = randomClasses(r)
			t.Lead = randomLead(r)
		}
		p.Tiers = append(p.Tiers, t)
	}
	r.Shuffle(len(p.Tiers), func(i, j int) { p.Tiers[i], p.Tiers[j] = p.Tiers[j], p.Tiers[i] })
	p.Restriction = disclosure.Restriction{Classes: randomClasses(r), Lead: randomLead(r), TLP: pick(r, genTLPs)}
	if r.IntN(4) != 0 {
		p.RestrictWhen.Binds = []disclosure.Party{pick(r, genParties)}
	}
	if r.IntN(4) == 0 {
		p.RestrictWhen.Jurisdictions = []string{pick(r, genJurisdictions)}
	}
	if r.IntN(4) == 0 {
		p.RestrictWhen.Laws = []string{pick(r, disclosure.BuiltinLaws()).ID}
	}
	if r.IntN(4) == 0 {
		p.Agreement.MinVersion = pick(r, []string{"2023-01", "2024-06", "2024-06-15"})
	}
	return p
}

func genAdvisory(r *rand.Rand, seed uint64) disclosure.Advisory {
	mark := func(kind string, i int) string { return fmt.Sprintf("MK%x%s%dZ", seed, kind, i) }
	// Public releases from 2018 to 2028 cross the laws' effective dates.
	public := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int64N(int64(11 * 365 * 24 * time.Hour))))
	public = public.Truncate(time.Minute)
	a := disclosure.Advisory{
		ID:       mark("id", 0),
		Revision: 1 + r.IntN(3),
		CVEs:     []string{fmt.Sprintf("CVE-%d-%d", public.Year(), 10000+r.IntN(90000))},
		Title:    mark("title", 0),
		Products: []string{mark("product", 0)},
		Severity: pick(r, []disclosure.Severity{"", disclosure.SeverityLow, disclosure.SeverityCritical}),
		PublicAt: public,
	}
	if r.IntN(3) == 0 {
		a.ReadyAt = public.Add(-time.Duration(r.IntN(24*10)) * time.Hour)
	}
	if r.IntN(4) == 0 {
		a.Embargo = disclosure.Embargo{EndedAt: public.Add(-time.Duration(r.IntN(24*10)) * time.Hour), Reason: pick(r, genEnds)}
	}
	for i, n := 0, r.IntN(9); i < n; i++ {
		a.Sections = append(a.Sections, disclosure.Section{Class: pick(r, disclosure.Classes()), Title: mark("st", i), Body: mark("sb", i)})
	}
	for i, n := 0, r.IntN(4); i < n; i++ {
		data := []byte("#!/bin/sh\n# " + mark("ad", i) + "\n")
		if r.IntN(5) == 0 {
			data = nil
		}
		a.Artifacts = append(a.Artifacts, disclosure.Artifact{Class: pick(r, disclosure.Classes()), Name: mark("an", i), MediaType: "text/x-sh", Data: data})
	}
	if r.IntN(6) == 0 {
		a.WithholdClasses = []disclosure.Class{pick(r, disclosure.Classes())}
	}
	if r.IntN(6) == 0 {
		a.ExcludePartners = []string{mark("excluded", 0)}
	}
	if r.IntN(3) == 0 {
		a.TLP = pick(r, genTLPs) // the source's label, sometimes above the policy's
	}
	return a
}

func genPartner(r *rand.Rand, p disclosure.Policy, id string) disclosure.Partner {
	pt := disclosure.Partner{
		ID:     id,
		Name:   "Partner " + id,
		Tier:   pick(r, p.Tiers).Name,
		Status: disclosure.StatusActive,
	}
	for i, n := 0, 1+r.IntN(3); i < n; i++ {
		pt.Jurisdictions = append(pt.Jurisdictions, pick(r, genJurisdictions))
	}
	switch r.IntN(12) {
	case 0:
		pt.Status = disclosure.StatusSuspended
	case 1:
		pt.Status = disclosure.StatusRemoved
	}
	signed := time.Date(2010+r.IntN(7), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
	pt.Agreement = disclosure.Agreement{Version: pick(r, []string{"", "2022-01", "2024-06", "2025-01-15"}), SignedAt: signed}
	switch r.IntN(10) {
	case 0:
		pt.Agreement = disclosure.Agreement{}
	case 1:
		pt.Agreement.ExpiresAt = time.Date(2017+r.IntN(12), 1, 1, 0, 0, 0, 0, time.UTC)
	case 2:
		// Signed late: after some releases, perhaps after all of them.
		pt.Agreement.SignedAt = time.Date(2018+r.IntN(11), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
	}
	return pt
}

// cloneAdvisory makes a deep copy, for checking that inputs are not
// modified.
func cloneAdvisory(a disclosure.Advisory) disclosure.Advisory {
	a.CVEs = slices.Clone(a.CVEs)
	a.Products = slices.Clone(a.Products)
	a.Sections = slices.Clone(a.Sections)
	a.Artifacts = slices.Clone(a.Artifacts)
	for i := range a.Artifacts {
		a.Artifacts[i].Data = slices.Clone(a.Artifacts[i].Data)
	}
	a.ExcludePartners = slices.Clone(a.ExcludePartners)
	a.WithholdClasses = slices.Clone(a.WithholdClasses)
	return a
}
