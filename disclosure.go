package disclosure

// The output (Disclosure) and the entry points Disclose and Plan.

import (
	"slices"
	"time"
)

// A Disclosure is the decision for one partner and one advisory, and the
// program's record of it: what goes to the partner is Advisory, at
// ReleaseAt, labelled TLP; the reasons may name laws it does not send.
type Disclosure struct {
	PartnerID  string `json:"partner"` // the partner's ID
	AdvisoryID string `json:"advisory_id"`
	Revision   int    `json:"revision"`
	Tier       string `json:"tier"`
	Entitled   bool   `json:"entitled"`
	Restricted bool   `json:"restricted,omitempty"` // the policy's Restriction applied
	// ReleaseAt is when the partner may receive its copy; zero when not
	// entitled. PublishNotBefore is the public release: nothing that
	// reveals the flaw may ship before it.
	ReleaseAt        time.Time `json:"release_at,omitzero"`
	PublishNotBefore time.Time `json:"publish_not_before"`
	// TLP is the copy's label: the policy's for the partner, raised to the
	// advisory's own if that is more restrictive; "" when not entitled.
	TLP     TLP     `json:"tlp,omitempty"`
	Classes []Class `json:"classes,omitempty"` // received, by sensitivity
	// Withheld lists each class of the advisory not given, by sensitivity,
	// with the first reason in the order of [ReasonCodes]; Reasons lists
	// every rule that shaped the outcome, by code, class, then detail.
	Withheld []Withheld `json:"withheld,omitempty"`
	Reasons  []Reason   `json:"reasons,omitempty"`
	Advisory Advisory   `json:"advisory,omitzero"` // the copy; zero when not entitled
}

// UnmarshalJSON decodes a disclosure strictly; errors wrap
// [ErrInvalidDisclosure].
func (d *Disclosure) UnmarshalJSON(data []byte) error {
	return strictDecode(data, d, ErrInvalidDisclosure)
}

// Receives reports whether the partner receives content of class c.
func (d Disclosure) Receives(c Class) bool {
	return slices.Contains(d.Classes, c)
}

// ReleasedBy reports whether the partner may hold its copy at instant t.
func (d Disclosure) ReleasedBy(t time.Time) bool {
	return d.Entitled && !t.Before(d.ReleaseAt)
}

// Withheld is a class of the advisory that the partner does not receive.
type Withheld struct {
	Class  Class      `json:"class"`
	Reason ReasonCode `json:"reason"`
	Detail string     `json:"detail"`
}

// Disclose decides what one partner receives of one advisory under a
// policy, and from when. It validates all three (the partner's tier must
// exist) and returns a *[ValidationError] listing every problem, at paths
// "policy.…", "advisory.…" and "partner.…". Seeing one partner, it cannot
// check that the advisory's exclusions name partners; [Plan] does.
func Disclose(p Policy, a Advisory, to Partner) (Disclosure, error) {
	// An invalid policy is compiled too, but never decided by: disclose
	// reports its problems with those of the advisory and partner.
	pp := problems{input: ErrInvalidPolicy, prefix: "policy."}
	r := compile(&p, p.validate(&pp))
	var d Disclosure
	if err := r.disclose(&d, &pp, &a, &to); err != nil {
		return Disclosure{}, err
	}
	return d, nil
}

// Plan decides for every partner, as [Disclose] does: the entitled ones
// sorted by release instant then ID, then the others by ID. Partner IDs
// must be unique, also ignoring case and look-alikes, and every exclusion
// of the advisory must name one of them; errors name every bad partner
// ("partners[3].tier") and exclusion, with the closest ID.
func Plan(p Policy, a Advisory, partners []Partner) ([]Disclosure, error) {
	pp := problems{input: ErrInvalidPolicy, prefix: "policy."}
	r := compile(&p, p.validate(&pp))
	return r.plan(&pp, &a, partners)
}

// disclose validates the advisory and the partner, then decides, and
// writes the Disclosure to d, which must be zero; it stays zero on error.
// pp holds the policy's problems, if any, to report with theirs.
func (r *rules) disclose(d *Disclosure, pp *problems, a *Advisory, to *Partner) error {
	present, ti, err := r.check(pp, a, to)
	if err != nil {
		return err
	}
	var v verdict
	r.decide(&v, a, to, ti, present, setOf(a.WithholdClasses), r.triggering(a.PublicAt))
	r.disclosure(d, &v, a, to, &arena{})
	if v.Entitled {
		redact(&d.Advisory, a, v.Classes, &arena{})
	}
	return nil
}
