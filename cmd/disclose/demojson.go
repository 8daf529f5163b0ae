package main

// The demo as data: demo --format json.

import (
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// demoPlanJSON is one of the demo's plans, in JSON, with its exposure.
type demoPlanJSON struct {
	Policy   string                  `json:"policy"` // its name
	Source   string                  `json:"source"` // its file, or the built-in policy
	Plan     []disclosure.Disclosure `json:"plan"`
	Exposure []classExposureJSON     `json:"exposure"`
}

// outcomeJSON is what one partner gets under one policy, in JSON.
type outcomeJSON struct {
	Entitled  bool               `json:"entitled"`
	ReleaseAt time.Time          `json:"release_at,omitzero"`
	TLP       disclosure.TLP     `json:"tlp,omitempty"`
	Classes   []disclosure.Class `json:"classes"`
}

// changeJSON is one partner's change, in JSON.
type changeJSON struct {
	Partner string              `json:"partner"`
	Before  outcomeJSON         `json:"before"`
	After   outcomeJSON         `json:"after"`
	Loses   []disclosure.Class  `json:"loses"`
	Gains   []disclosure.Class  `json:"gains"`
	Because []disclosure.Reason `json:"because"`
}

// demoOutput is what demo --format json prints.
type demoOutput struct {
	AdvisoryID string       `json:"advisory_id"`
	Before     demoPlanJSON `json:"before"`
	After      demoPlanJSON `json:"after"`
	Changed    []changeJSON `json:"changed"`
	Unchanged  []string     `json:"unchanged"`
	Timeline   timelineJSON `json:"timeline"`
}

// demoJSON returns the demo as data: both plans, and what changed.
func demoJSON(before, after *inputs) demoOutput {
	out := demoOutput{
		AdvisoryID: after.advisory.ID,
		Before: demoPlanJSON{Policy: before.policy.Name, Source: before.policyFile, Plan: before.plan,
			Exposure: exposureJSON(ledger.PlanExposure(before.plan))},
		After: demoPlanJSON{Policy: after.policy.Name, Source: after.policyFile, Plan: after.plan,
			Exposure: exposureJSON(ledger.PlanExposure(after.plan))},
		Changed:   []changeJSON{},
		Unchanged: []string{},
	}
	outcome := func(d *disclosure.Disclosure) outcomeJSON {
		o := outcomeJSON{Entitled: d.Entitled, Classes: []disclosure.Class{}}
		if d.Entitled {
			o.ReleaseAt, o.TLP, o.Classes = d.ReleaseAt, d.TLP, d.Classes
		}
		return o
	}
	nonNil := func(cs []disclosure.Class) []disclosure.Class {
		if cs == nil {
			return []disclosure.Class{}
		}
		return cs
	}
	changes, same := diffPlans(before.plan, after.plan)
	for _, ch := range changes {
		b, a := ch.before, ch.after
		because := why(b, a)
		if because == nil {
			because = []disclosure.Reason{}
		}
		out.Changed = append(out.Changed, changeJSON{
			Partner: a.PartnerID, Before: outcome(b), After: outcome(a),
			Loses: nonNil(minus(b.Classes, a.Classes)), Gains: nonNil(minus(a.Classes, b.Classes)),
			Because: because,
		})
	}
	out.Unchanged = append(out.Unchanged, same...)
	return out
}
