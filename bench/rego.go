package bench

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/disclosurekit/disclosure"
	"github.com/open-policy-agent/opa/v1/rego"
)

//go:embed policy.rego
var regoPolicy string

// Rego decides with policy.rego through OPA's embedding API: the query is
// prepared once, then evaluated with one input per decision.
type Rego struct {
	query rego.PreparedEvalQuery
}

// NewRego compiles policy.rego and prepares its decision query.
func NewRego(ctx context.Context) (*Rego, error) {
	q, err := rego.New(
		rego.Query("data.disclosure.decision"),
		rego.Module("policy.rego", regoPolicy),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	return &Rego{query: q}, nil
}

// RegoAdvisory is the advisory's part of the input, built once per
// advisory and shared (read only) by the decisions for its partners.
type RegoAdvisory map[string]any

// Advisory returns the advisory's part of the input.
func (r *Rego) Advisory(a *disclosure.Advisory) RegoAdvisory {
	present := Present(a).Classes()
	classes := make([]string, len(present))
	for i, c := range present {
		classes[i] = string(c)
	}
	in := RegoAdvisory{
		"public_at": a.PublicAt.UnixNano(),
		"classes":   classes,
	}
	if !a.ReadyAt.IsZero() {
		in["ready_at"] = a.ReadyAt.UnixNano()
	}
	if !a.Embargo.EndedAt.IsZero() {
		in["embargo_ended_at"] = a.Embargo.EndedAt.UnixNano()
	}
	if len(a.WithholdClasses) > 0 {
		withhold := make([]string, len(a.WithholdClasses))
		for i, c := range a.WithholdClasses {
			withhold[i] = string(c)
		}
		in["withhold_classes"] = withhold
	}
	if len(a.ExcludePartners) > 0 {
		in["exclude_partners"] = a.ExcludePartners
	}
	return in
}

// Decide evaluates the decision for one partner.
func (r *Rego) Decide(ctx context.Context, a RegoAdvisory, p *disclosure.Partner) (Decision, error) {
	agreement := map[string]any{}
	if !p.Agreement.SignedAt.IsZero() {
		agreement["signed_at"] = p.Agreement.SignedAt.UnixNano()
	}
	if !p.Agreement.ExpiresAt.IsZero() {
		agreement["expires_at"] = p.Agreement.ExpiresAt.UnixNano()
	}
	input := map[string]any{
		"advisory": map[string]any(a),
		"partner": map[string]any{
			"id":            p.ID,
			"tier":          p.Tier,
			"status":        string(p.Status),
			"jurisdictions": p.Jurisdictions,
			"agreement":     agreement,
		},
	}
	rs, err := r.query.Eval(ctx, rego.EvalInput(input))
	if err != nil {
		return Decision{}, err
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return Decision{}, fmt.Errorf("rego: want one result, got %v", rs)
	}
	return regoDecision(rs[0].Expressions[0].Value)
}

// DecideOne builds the advisory's input and decides for one partner.
func (r *Rego) DecideOne(ctx context.Context, a *disclosure.Advisory, p *disclosure.Partner) (Decision, error) {
	return r.Decide(ctx, r.Advisory(a), p)
}

// regoDecision reads the decision object of policy.rego.
func regoDecision(v any) (Decision, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return Decision{}, fmt.Errorf("rego: decision is %T, not an object", v)
	}
	entitled, ok1 := obj["entitled"].(bool)
	denied, ok2 := obj["denied"].([]any)
	classes, ok3 := obj["classes"].([]any)
	release, ok4 := obj["release_at"].(json.Number)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return Decision{}, fmt.Errorf("rego: malformed decision %v", obj)
	}
	d := Decision{Entitled: entitled}
	for _, x := range denied {
		code, _ := x.(string)
		bit := denialOf(disclosure.ReasonCode(code))
		if bit == 0 {
			return Decision{}, fmt.Errorf("rego: unknown denial %v", x)
		}
		d.Denied |= bit
	}
	for _, x := range classes {
		name, _ := x.(string)
		c := disclosure.Class(name)
		if !c.Valid() {
			return Decision{}, fmt.Errorf("rego: unknown class %v", x)
		}
		d.Classes |= classBit(c)
	}
	ns, err := release.Int64()
	if err != nil {
		return Decision{}, fmt.Errorf("rego: release_at: %v", err)
	}
	d.ReleaseAt = ns
	return d, nil
}
