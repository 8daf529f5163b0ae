package ledger_test

// Generated programs over time: revisions of an advisory, policy and
// partner changes, an early end, and a record of every copy sent.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// A step is one moment of a timeline: the situation after its changes,
// the plan for it, and what the record said it changed before the copies
// due were sent.
type step struct {
	at       time.Time
	policy   disclosure.Policy
	advisory disclosure.Advisory
	partners []disclosure.Partner
	plan     []disclosure.Disclosure
	updates  []ledger.Update
	held     map[string]map[ledger.Digest]bool // by partner, before the step's copies
}

type timeline struct {
	seed   uint64
	steps  []step
	record *ledger.Record
	file   []byte
}

var (
	tlJurisdictions = []string{"US", "DE", "JP", "CN", "RU", "IN", "IL"}
	tlTiers         = []string{"responder", "entry", "validate"}
	tlEnds          = []disclosure.EndReason{disclosure.EndPublic, disclosure.EndExploited, disclosure.EndExploitPublic, disclosure.EndOther}
)

// tlPolicy returns a policy of the three default tiers with generated
// leads, restricting CN and RU partners (the 2025 rule) or nobody.
func tlPolicy(r *rand.Rand) disclosure.Policy {
	p := disclosure.DefaultPolicy()
	p.Name = fmt.Sprintf("policy-%d", r.IntN(1000))
	p.Tiers[0].Lead = disclosure.LeadDuration(time.Duration(r.IntN(3)) * 24 * time.Hour)
	p.Tiers[1].Lead = disclosure.LeadDuration(time.Duration(1+r.IntN(7)) * 24 * time.Hour)
	p.Tiers[2].Lead = disclosure.LeadDuration(time.Duration(5+r.IntN(15)) * 24 * time.Hour)
	switch r.IntN(3) {
	case 0:
		p.RestrictWhen = disclosure.RestrictionScope{}
	case 1:
		p.RestrictWhen = disclosure.RestrictionScope{Jurisdictions: []string{"CN", "RU"}}
	}
	return p
}

func tlPartner(r *rand.Rand, id string) disclosure.Partner {
	p := member(id, pick(r, tlTiers), pick(r, tlJurisdictions))
	if r.IntN(4) == 0 {
		p.Jurisdictions = append(p.Jurisdictions, "US")
	}
	return p
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// tlSection returns a section of a random class, with a body unique to
// the revision and index.
func tlSection(r *rand.Rand, rev, i int) disclosure.Section {
	return disclosure.Section{Class: pick(r, disclosure.Classes()[1:]), Title: pick(r, []string{"", "Details", "Notes"}),
		Body: fmt.Sprintf("text %d of revision %d", i, rev)}
}

// revise makes the next revision: content edited, added or removed, the
// title or the public release changed.
func revise(r *rand.Rand, a disclosure.Advisory) disclosure.Advisory {
	a.Revision++
	a.Sections = slices.Clone(a.Sections)
	a.Artifacts = slices.Clone(a.Artifacts)
	for n := 1 + r.IntN(3); n > 0; n-- {
		switch k := r.IntN(7); {
		case k == 0 && len(a.Sections) > 0:
			i := r.IntN(len(a.Sections))
			a.Sections[i].Body += fmt.Sprintf(", edited in revision %d", a.Revision)
		case k == 1 && len(a.Sections) > 0:
			i := r.IntN(len(a.Sections))
			a.Sections = slices.Delete(a.Sections, i, i+1)
		case k == 2:
			a.Artifacts = append(a.Artifacts, disclosure.Artifact{Class: pick(r, []disclosure.Class{disclosure.ClassProofOfConcept, disclosure.ClassIndicators}),
				Name: pick(r, []string{"poc.py", "iocs.txt"}), Data: fmt.Appendf(nil, "data of revision %d", a.Revision)})
		case k == 3 && len(a.Artifacts) > 0:
			a.Artifacts = a.Artifacts[:len(a.Artifacts)-1]
		case k == 4:
			a.Title = fmt.Sprintf("Remote code execution (revision %d)", a.Revision)
		case k == 5 && a.Embargo.EndedAt.IsZero():
			a.PublicAt = a.PublicAt.Add(7 * 24 * time.Hour)
		default:
			a.Sections = append(a.Sections, tlSection(r, a.Revision, len(a.Sections)))
		}
	}
	return a
}

// genTimeline plays a generated program: at each step some changes, a
// plan, the record's Changes, and the copies due sent and recorded as a
// program sends them: a partner with something new gets its whole new
// copy. It checks nothing but that the inputs are valid.
func genTimeline(t testing.TB, seed uint64) *timeline {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 0x1ed9e5))
	tl := &timeline{seed: seed, record: &ledger.Record{}}
	var file bytes.Buffer
	public := disclosure.PatchTuesday(2025, time.Month(1+r.IntN(12)))
	policy := tlPolicy(r)
	advisory := disclosure.Advisory{ID: fmt.Sprintf("ADV-%d", seed), Revision: 1, Title: "Remote code execution",
		Severity: disclosure.SeverityHigh, PublicAt: public}
	for i := range 1 + r.IntN(4) {
		advisory.Sections = append(advisory.Sections, tlSection(r, 1, i))
	}
	var partners []disclosure.Partner
	for i := range 2 + r.IntN(6) {
		partners = append(partners, tlPartner(r, fmt.Sprintf("p%d", i)))
	}
	held := map[string]map[ledger.Digest]bool{}
	joined := 0
	at := public.Add(-time.Duration(12+r.IntN(14)) * 24 * time.Hour)
	record := func(e ledger.Entry) {
		line, err := tl.record.Append(e)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		file.Write(line)
	}
	for i := range 3 + r.IntN(6) {
		at = at.Add(time.Duration(6+r.IntN(24*5)) * time.Hour)
		for n := r.IntN(3); i > 0 && n > 0; n-- {
			switch r.IntN(6) {
			case 0, 1:
				advisory = revise(r, advisory)
			case 2:
				policy = tlPolicy(r)
			case 3: // a partner suspended, removed, reinstated, or moved to another tier
				partners = slices.Clone(partners)
				p := &partners[r.IntN(len(partners))]
				switch k := r.IntN(4); k {
				case 0, 1:
					p.Status = []disclosure.Status{disclosure.StatusSuspended, disclosure.StatusRemoved}[k]
					kind := []ledger.Kind{ledger.KindPartnerSuspended, ledger.KindPartnerRemoved}[k]
					record(ledger.Entry{Kind: kind, At: at, Partner: p.ID, Reason: "generated"})
				case 2:
					p.Status = disclosure.StatusActive
				default:
					p.Tier = pick(r, tlTiers)
				}
			case 4: // a partner joins, or leaves the list
				if r.IntN(2) == 0 || len(partners) < 2 {
					joined++
					partners = append(slices.Clone(partners), tlPartner(r, fmt.Sprintf("new%d", joined)))
				} else {
					k := r.IntN(len(partners))
					partners = slices.Delete(slices.Clone(partners), k, k+1)
				}
			case 5:
				if advisory.Embargo.EndedAt.IsZero() && at.Before(advisory.PublicAt) {
					advisory.Embargo = disclosure.Embargo{EndedAt: at, Reason: pick(r, tlEnds)}
					record(ledger.Entry{Kind: ledger.KindEmbargoEnded, At: at, Advisory: advisory.ID, Reason: string(advisory.Embargo.Reason)})
				}
			}
		}
		plan, err := disclosure.Plan(policy, advisory, partners)
		if err != nil {
			t.Fatalf("seed %d, step %d: %v", seed, i, err)
		}
		updates, err := tl.record.Changes(plan)
		if err != nil {
			t.Fatalf("seed %d, step %d: %v", seed, i, err)
		}
		s := step{at: at, policy: policy, advisory: advisory, partners: partners, plan: plan, updates: updates, held: map[string]map[ledger.Digest]bool{}}
		for p, ds := range held {
			s.held[p] = maps.Clone(ds)
		}
		tl.steps = append(tl.steps, s)
		for _, u := range updates {
			if len(u.Send) == 0 || u.At.After(at) {
				continue
			}
			d := decisionFor(plan, u.Partner)
			sent, _ := json.Marshal(d.Advisory) // the copy: the redacted advisory in JSON
			e, err := ledger.NewDelivery(*d, sent, at, policy, nil)
			if err != nil {
				t.Fatalf("seed %d, step %d: %v", seed, i, err)
			}
			record(e)
			if held[d.PartnerID] == nil {
				held[d.PartnerID] = map[ledger.Digest]bool{}
			}
			for _, p := range ledger.Parts(*d) {
				held[d.PartnerID][p.Digest] = true
			}
		}
		if r.IntN(4) == 0 {
			record(ledger.Entry{Kind: ledger.KindExploitationObserved, At: at, Advisory: advisory.ID})
		}
	}
	tl.file = file.Bytes()
	return tl
}

func decisionFor(plan []disclosure.Disclosure, partner string) *disclosure.Disclosure {
	for i := range plan {
		if plan[i].PartnerID == partner {
			return &plan[i]
		}
	}
	return nil
}
