package bench

import (
	_ "embed"
	"fmt"

	"github.com/cedar-policy/cedar-go"
	"github.com/disclosurekit/disclosure"
)

//go:embed policy.cedar
var cedarPolicy []byte

// Cedar decides with policy.cedar through cedar-go: one authorization
// request per class present in the advisory, with the release instant
// computed in Go.
type Cedar struct {
	policies *cedar.PolicySet
	// denials maps each policy marked @entitlement to the denial its @id
	// names.
	denials map[cedar.PolicyID]Denials
}

var (
	cedarReceive     = cedar.NewEntityUID("Action", "receive")
	cedarPartnerType = cedar.EntityType("Partner")
	cedarClassType   = cedar.EntityType("Class")
)

// NewCedar parses policy.cedar. Each policy is named by its @id.
func NewCedar() (*Cedar, error) {
	list, err := cedar.NewPolicyListFromBytes("policy.cedar", cedarPolicy)
	if err != nil {
		return nil, err
	}
	c := &Cedar{policies: cedar.NewPolicySet(), denials: map[cedar.PolicyID]Denials{}}
	for _, p := range list {
		id := cedar.PolicyID(p.Annotations()["id"])
		if id == "" {
			return nil, fmt.Errorf("policy.cedar: a policy has no @id")
		}
		if !c.policies.Add(id, p) {
			return nil, fmt.Errorf("policy.cedar: @id %q repeats", id)
		}
		if _, ok := p.Annotations()["entitlement"]; ok {
			bit := denialOf(disclosure.ReasonCode(id))
			if bit == 0 {
				return nil, fmt.Errorf("policy.cedar: @entitlement policy %q is not named by a reason code", id)
			}
			c.denials[id] = bit
		}
	}
	return c, nil
}

// CedarAdvisory is what the requests for one advisory share, built once
// per advisory.
type CedarAdvisory struct {
	a        *disclosure.Advisory
	public   cedar.Datetime
	classes  []cedar.EntityUID // present in the advisory, one request each
	withhold cedar.Set
	exclude  cedar.Set
}

// Advisory returns what the requests for the advisory share.
func (c *Cedar) Advisory(a *disclosure.Advisory) *CedarAdvisory {
	present := Present(a).Classes()
	ca := &CedarAdvisory{a: a, public: cedar.NewDatetime(a.PublicAt), classes: make([]cedar.EntityUID, len(present))}
	for i, cl := range present {
		ca.classes[i] = cedar.NewEntityUID(cedarClassType, cedar.String(cl))
	}
	withhold := make([]cedar.Value, len(a.WithholdClasses))
	for i, cl := range a.WithholdClasses {
		withhold[i] = cedar.NewEntityUID(cedarClassType, cedar.String(cl))
	}
	ca.withhold = cedar.NewSet(withhold...)
	exclude := make([]cedar.Value, len(a.ExcludePartners))
	for i, id := range a.ExcludePartners {
		exclude[i] = cedar.NewEntityUID(cedarPartnerType, cedar.String(id))
	}
	ca.exclude = cedar.NewSet(exclude...)
	return ca
}

// Decide asks one request per class present in the advisory.
func (c *Cedar) Decide(a *CedarAdvisory, p *disclosure.Partner) (Decision, error) {
	lead, _ := terms(a.a, p)
	release := releaseAt(a.a, lead)

	jurisdictions := make([]cedar.Value, len(p.Jurisdictions))
	for i, j := range p.Jurisdictions {
		jurisdictions[i] = cedar.String(j)
	}
	attrs := cedar.RecordMap{
		"tier":          cedar.String(p.Tier),
		"status":        cedar.String(p.Status),
		"jurisdictions": cedar.NewSet(jurisdictions...),
	}
	if ag := p.Agreement; !ag.SignedAt.IsZero() {
		agreement := cedar.RecordMap{"signed_at": cedar.NewDatetime(ag.SignedAt)}
		if !ag.ExpiresAt.IsZero() {
			agreement["expires_at"] = cedar.NewDatetime(ag.ExpiresAt)
		}
		attrs["agreement"] = cedar.NewRecord(agreement)
	}
	principal := cedar.NewEntityUID(cedarPartnerType, cedar.String(p.ID))
	entities := cedar.EntityMap{principal: {UID: principal, Attributes: cedar.NewRecord(attrs)}}
	context := cedar.NewRecord(cedar.RecordMap{
		"public_at":  a.public,
		"release_at": cedar.NewDatetime(release),
		"withhold":   a.withhold,
		"exclude":    a.exclude,
	})

	var d Decision
	for _, class := range a.classes {
		decision, diag := cedar.Authorize(c.policies, entities, cedar.Request{
			Principal: principal, Action: cedarReceive, Resource: class, Context: context,
		})
		if len(diag.Errors) > 0 {
			return Decision{}, fmt.Errorf("cedar: %s: %v", class, diag.Errors)
		}
		if decision == cedar.Allow {
			d.Classes |= classBit(disclosure.Class(class.ID))
			continue
		}
		for _, r := range diag.Reasons {
			d.Denied |= c.denials[r.PolicyID]
		}
	}
	if d.Denied != 0 {
		return Decision{Denied: d.Denied}, nil
	}
	d.Entitled, d.ReleaseAt = true, release.UnixNano()
	return d, nil
}

// DecideOne builds what the advisory's requests share and decides for
// one partner.
func (c *Cedar) DecideOne(a *disclosure.Advisory, p *disclosure.Partner) (Decision, error) {
	return c.Decide(c.Advisory(a), p)
}
