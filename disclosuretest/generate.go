package disclosuretest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/disclosurekit/disclosure"
)

// generator makes advisories and partners for one policy. Content carries
// marker strings unique to each advisory, so a search of the output for
// withheld content cannot match by chance.
type generator struct {
	p    disclosure.Policy
	seed uint64
}

func newGenerator(p disclosure.Policy, seed uint64) *generator { return &generator{p: p, seed: seed} }

var (
	genPlaces = []string{"US", "CN", "DE", "EU", "JP", "IL", "IN", "RU", "FR", "AU", "GB", "KR", "HK", "TW"}
	genEnds   = []disclosure.EndReason{disclosure.EndPublic, disclosure.EndExploited, disclosure.EndExploitPublic, disclosure.EndOther}
)

func (g *generator) rand(i int, salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed^salt, uint64(i)))
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// advisory returns the i-th generated advisory: public releases from 2018
// to 2028 (across the built-in laws' effective dates), content of random
// classes, and sometimes ready_at, an early end, exclusions, withheld
// classes and a label of its own.
func (g *generator) advisory(i int) disclosure.Advisory {
	r := g.rand(i, 0xad)
	mark := func(kind string, k int) string { return fmt.Sprintf("MARK%x%x%s%dZ", g.seed, i, kind, k) }
	public := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int64N(int64(11 * 365 * 24 * time.Hour)))).Truncate(time.Minute)
	a := disclosure.Advisory{
		ID:       mark("id", 0),
		Revision: 1 + r.IntN(3),
		CVEs:     []string{fmt.Sprintf("CVE-%d-%d", public.Year(), 10000+r.IntN(90000))},
		Title:    mark("title", 0),
		Products: []string{mark("product", 0)},
		PublicAt: public,
	}
	if r.IntN(3) == 0 {
		a.ReadyAt = public.Add(-time.Duration(r.IntN(24*10)) * time.Hour)
	}
	if r.IntN(4) == 0 {
		a.Embargo = disclosure.Embargo{EndedAt: public.Add(-time.Duration(r.IntN(24*10)) * time.Hour), Reason: pick(r, genEnds)}
	}
	classes := disclosure.Classes()
	for k, n := 0, r.IntN(9); k < n; k++ {
		a.Sections = append(a.Sections, disclosure.Section{Class: pick(r, classes), Title: mark("st", k), Body: mark("sb", k)})
	}
	for k, n := 0, r.IntN(4); k < n; k++ {
		a.Artifacts = append(a.Artifacts, disclosure.Artifact{Class: pick(r, classes), Name: mark("an", k),
			MediaType: "text/plain", Data: []byte("# " + mark("ad", k) + "\n")})
	}
	if r.IntN(6) == 0 {
		a.WithholdClasses = []disclosure.Class{pick(r, classes)}
	}
	if r.IntN(8) == 0 {
		a.ExcludePartners = []string{g.partnerID(i)}
	}
	if r.IntN(3) == 0 {
		a.TLP = pick(r, tlpOrder)
	}
	return a
}

func (g *generator) partnerID(i int) string { return fmt.Sprintf("partner-%x-%d", g.seed, i) }

// partner returns the i-th generated partner: a tier of the policy, one to
// three jurisdictions, mostly active, mostly with an agreement signed long
// before, sometimes missing, expired, outdated or signed late.
func (g *generator) partner(i int) disclosure.Partner {
	r := g.rand(i, 0x9a)
	p := disclosure.Partner{ID: g.partnerID(i), Tier: pick(r, g.p.Tiers).Name, Status: disclosure.StatusActive}
	for k, n := 0, 1+r.IntN(3); k < n; k++ {
		p.Jurisdictions = append(p.Jurisdictions, pick(r, genPlaces))
	}
	switch r.IntN(12) {
	case 0:
		p.Status = disclosure.StatusSuspended
	case 1:
		p.Status = disclosure.StatusRemoved
	}
	p.Agreement = disclosure.Agreement{
		Version:  pick(r, []string{"", "2020-01", "2024-06", "2025-01-15"}),
		SignedAt: time.Date(2010+r.IntN(6), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC),
	}
	switch r.IntN(10) {
	case 0:
		p.Agreement = disclosure.Agreement{}
	case 1:
		p.Agreement.ExpiresAt = time.Date(2017+r.IntN(12), 1, 1, 0, 0, 0, 0, time.UTC)
	case 2:
		p.Agreement.SignedAt = time.Date(2018+r.IntN(11), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
	}
	return p
}

// shrink removes parts of a and to, one at a time, for as long as the
// invariant still breaks, and returns the smallest pair found.
func shrink(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, invariant string, decide DecideFunc) (disclosure.Advisory, disclosure.Partner) {
	breaks := func(a disclosure.Advisory, to disclosure.Partner) bool {
		v := checkPair(p, a, to, decide)
		return v != nil && v.Invariant == invariant
	}
	for changed := true; changed; {
		changed = false
		for _, smaller := range candidates(a) {
			if breaks(smaller, to) {
				a, changed = smaller, true
				break
			}
		}
		for _, smaller := range partnerCandidates(to) {
			if breaks(a, smaller) {
				to, changed = smaller, true
				break
			}
		}
	}
	return a, to
}

// candidates returns copies of a with one part removed or simplified.
func candidates(a disclosure.Advisory) []disclosure.Advisory {
	var out []disclosure.Advisory
	for i := range a.Sections {
		c := cloneAdvisory(a)
		c.Sections = append(c.Sections[:i], c.Sections[i+1:]...)
		out = append(out, c)
	}
	for i := range a.Artifacts {
		c := cloneAdvisory(a)
		c.Artifacts = append(c.Artifacts[:i], c.Artifacts[i+1:]...)
		out = append(out, c)
	}
	simplify := []func(*disclosure.Advisory) bool{
		func(c *disclosure.Advisory) bool { ok := !c.ReadyAt.IsZero(); c.ReadyAt = time.Time{}; return ok },
		func(c *disclosure.Advisory) bool {
			ok := !c.Embargo.EndedAt.IsZero()
			c.Embargo = disclosure.Embargo{}
			return ok
		},
		func(c *disclosure.Advisory) bool { ok := c.ExcludePartners != nil; c.ExcludePartners = nil; return ok },
		func(c *disclosure.Advisory) bool { ok := c.WithholdClasses != nil; c.WithholdClasses = nil; return ok },
		func(c *disclosure.Advisory) bool { ok := c.CVEs != nil; c.CVEs = nil; return ok },
		func(c *disclosure.Advisory) bool { ok := c.Products != nil; c.Products = nil; return ok },
	}
	for _, f := range simplify {
		c := cloneAdvisory(a)
		if f(&c) {
			out = append(out, c)
		}
	}
	return out
}

// partnerCandidates returns copies of p with one part removed or simplified.
func partnerCandidates(p disclosure.Partner) []disclosure.Partner {
	var out []disclosure.Partner
	for i := range p.Jurisdictions {
		if len(p.Jurisdictions) > 1 {
			c := clonePartner(p)
			c.Jurisdictions = append(c.Jurisdictions[:i], c.Jurisdictions[i+1:]...)
			out = append(out, c)
		}
	}
	if p.Agreement.Version != "" {
		c := clonePartner(p)
		c.Agreement.Version = ""
		out = append(out, c)
	}
	if !p.Agreement.ExpiresAt.IsZero() {
		c := clonePartner(p)
		c.Agreement.ExpiresAt = time.Time{}
		out = append(out, c)
	}
	if p.Name != "" {
		c := clonePartner(p)
		c.Name = ""
		out = append(out, c)
	}
	return out
}
