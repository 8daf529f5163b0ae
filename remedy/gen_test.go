package remedy_test

// Generated worlds, adapted from the root package's tests: a policy, an
// advisory and partners, with what remedies need more often (registries
// whose laws lapse, minimum agreement versions, partners in several
// jurisdictions, asked instants).

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/disclosurekit/disclosure"
)

type world struct {
	seed     uint64
	policy   disclosure.Policy
	advisory disclosure.Advisory
	partners []disclosure.Partner
	at       time.Time // the asked instant; zero for none
}

var (
	genJurisdictions = []string{"US", "CN", "DE", "EU", "JP", "IL", "IN", "RU", "FR", "AU", "GB", "KR"}
	genTLPs          = []disclosure.TLP{disclosure.TLPClear, disclosure.TLPGreen, disclosure.TLPAmber, disclosure.TLPAmberStrict, disclosure.TLPRed}
	genParties       = []disclosure.Party{disclosure.PartyDiscoverers, disclosure.PartyManufacturers, disclosure.PartyOperators, disclosure.PartyProductProviders}
	genEnds          = []disclosure.EndReason{disclosure.EndPublic, disclosure.EndExploited, disclosure.EndExploitPublic, disclosure.EndOther}
)

func genWorld(seed uint64) world {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	w := world{seed: seed}
	w.policy = genPolicy(r)
	w.advisory = genAdvisory(r, seed)
	n := 1 + r.IntN(5)
	for i := 0; i < n; i++ {
		w.partners = append(w.partners, genPartner(r, w.policy, fmt.Sprintf("p%d-%d", seed, i)))
	}
	if r.IntN(5) == 0 {
		w.advisory.ExcludePartners = append(w.advisory.ExcludePartners, w.partners[r.IntN(n)].ID)
	}
	if r.IntN(3) == 0 {
		w.at = w.advisory.PublicAt.Add(-time.Duration(r.IntN(24*8)) * time.Hour)
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

func genPolicy(r *rand.Rand) disclosure.Policy {
	p := disclosure.Policy{Name: "generated"}
	switch r.IntN(3) {
	case 1:
		p.CalendarZone = disclosure.DefaultPolicy().CalendarZone
	case 2:
		p.CalendarZone = time.UTC
	}
	for i, n := 0, 1+r.IntN(4); i < n; i++ {
		p.Tiers = append(p.Tiers, disclosure.Tier{Name: fmt.Sprintf("tier%d", i+1), Rank: i + 1, TLP: pick(r, genTLPs),
			Classes: randomClasses(r), Lead: randomLead(r)})
	}
	r.Shuffle(len(p.Tiers), func(i, j int) { p.Tiers[i], p.Tiers[j] = p.Tiers[j], p.Tiers[i] })
	p.Restriction = disclosure.Restriction{Classes: randomClasses(r), Lead: randomLead(r), TLP: pick(r, genTLPs)}
	if r.IntN(3) == 0 {
		// A registry of its own, whose laws may lapse between 2018 and 2028.
		p.Laws = disclosure.BuiltinLaws()
		for i := range p.Laws {
			if r.IntN(2) == 0 {
				p.Laws[i].EffectiveFrom = time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
				p.Laws[i].EffectiveUntil = time.Date(2018+r.IntN(11), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
			}
		}
	}
	if r.IntN(4) != 0 {
		p.RestrictWhen.Binds = []disclosure.Party{pick(r, genParties)}
	}
	if r.IntN(5) == 0 {
		p.RestrictWhen.Jurisdictions = []string{pick(r, genJurisdictions)}
	}
	if r.IntN(4) == 0 {
		p.RestrictWhen.Laws = []string{pick(r, disclosure.BuiltinLaws()).ID}
	}
	if r.IntN(3) == 0 {
		p.Agreement.MinVersion = pick(r, []string{"2023-01", "2024-06", "2024-06-15"})
	}
	return p
}

func genAdvisory(r *rand.Rand, seed uint64) disclosure.Advisory {
	mark := func(kind string, i int) string { return fmt.Sprintf("MK%x%s%dZ", seed, kind, i) }
	public := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int64N(int64(11 * 365 * 24 * time.Hour))))
	public = public.Truncate(time.Minute)
	a := disclosure.Advisory{
		ID:       mark("id", 0),
		Revision: 1 + r.IntN(3),
		Title:    mark("title", 0),
		PublicAt: public,
	}
	if r.IntN(3) == 0 {
		a.ReadyAt = public.Add(-time.Duration(r.IntN(24*10)) * time.Hour)
	}
	if r.IntN(4) == 0 {
		a.Embargo = disclosure.Embargo{EndedAt: public.Add(-time.Duration(r.IntN(24*10)) * time.Hour), Reason: pick(r, genEnds)}
	}
	for i, n := 0, r.IntN(6); i < n; i++ {
		a.Sections = append(a.Sections, disclosure.Section{Class: pick(r, disclosure.Classes()), Title: mark("st", i), Body: mark("sb", i)})
	}
	if r.IntN(2) == 0 {
		a.Artifacts = append(a.Artifacts, disclosure.Artifact{Class: pick(r, disclosure.Classes()), Name: mark("an", 0), Data: []byte(mark("ad", 0))})
	}
	if r.IntN(5) == 0 {
		a.WithholdClasses = []disclosure.Class{pick(r, disclosure.Classes())}
	}
	if r.IntN(3) == 0 {
		a.TLP = pick(r, genTLPs)
	}
	return a
}

func genPartner(r *rand.Rand, p disclosure.Policy, id string) disclosure.Partner {
	pt := disclosure.Partner{ID: id, Tier: pick(r, p.Tiers).Name, Status: disclosure.StatusActive}
	for i, n := 0, 1+r.IntN(3); i < n; i++ {
		if j := pick(r, genJurisdictions); !slices.Contains(pt.Jurisdictions, j) {
			pt.Jurisdictions = append(pt.Jurisdictions, j)
		}
	}
	switch r.IntN(8) {
	case 0:
		pt.Status = disclosure.StatusSuspended
	case 1:
		pt.Status = disclosure.StatusRemoved
	}
	signed := time.Date(2010+r.IntN(7), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
	pt.Agreement = disclosure.Agreement{Version: pick(r, []string{"", "2022-01", "2024-06", "2025-01-15"}), SignedAt: signed}
	switch r.IntN(8) {
	case 0:
		pt.Agreement = disclosure.Agreement{}
	case 1:
		pt.Agreement.ExpiresAt = time.Date(2017+r.IntN(12), 1, 1, 0, 0, 0, 0, time.UTC)
	case 2:
		// Signed late: after some releases, perhaps after all of them.
		pt.Agreement.SignedAt = time.Date(2018+r.IntN(11), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
	case 3:
		// Signed late and expiring: one new agreement or two changes.
		pt.Agreement.SignedAt = time.Date(2018+r.IntN(11), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
		pt.Agreement.ExpiresAt = pt.Agreement.SignedAt.AddDate(0, 1+r.IntN(12), 0)
	}
	return pt
}
