package remedy

// The remedies' data, and the entry points.

import (
	"slices"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/internal/strictjson"
)

// A Kind names a change; its parameters are fields of [Change].
type Kind string

// The kinds of change, in the order a remedy lists its changes.
const (
	RemoveExclusion  Kind = "remove-exclusion"  // the advisory no longer excludes the partner
	Reinstate        Kind = "reinstate"         // the partner's status becomes active
	SignAgreement    Kind = "sign-agreement"    // a new agreement, of Version or later, signed By
	RenewAgreement   Kind = "renew-agreement"   // the agreement runs Until at least
	UpdateAgreement  Kind = "update-agreement"  // the agreement's Version or later, signed By
	ChangeTier       Kind = "change-tier"       // the partner moves to Tier, released at ReleaseAt
	DropJurisdiction Kind = "drop-jurisdiction" // the partner without Jurisdiction
	LiftWithholding  Kind = "lift-withholding"  // the advisory no longer withholds Class from all
	LawLapses        Kind = "law-lapses"        // an advisory public From, when Law ceases to apply
	Wait             Kind = "wait"              // the class is given From, after the asked instant
	None             Kind = "none"              // no change gives it: Rule of the policy withholds it
)

var allKinds = [...]Kind{RemoveExclusion, Reinstate, SignAgreement, RenewAgreement, UpdateAgreement,
	ChangeTier, DropJurisdiction, LiftWithholding, LawLapses, Wait, None}

// Decoding a Change strictly (as the corpus of package disclosuretest
// does) accepts only these kinds.
var _ = strictjson.RegisterEnum("remedy kind", allKinds[:])

// Kinds returns every kind, in the order a remedy lists its changes.
func Kinds() []Kind { return slices.Clone(allKinds[:]) }

// Valid reports whether k is one of the defined kinds.
func (k Kind) Valid() bool { return k.order() >= 0 }

// order returns k's place in allKinds, or -1.
func (k Kind) order() int { return slices.Index(allKinds[:], k) }

// A Change is one change to the inputs of a decision: its kind, the
// parameters the kind has (the others are zero), and the change in words
// for the partner. The package documentation says what applying each kind
// does to the inputs.
type Change struct {
	Kind         Kind             `json:"kind"`
	Class        disclosure.Class `json:"class,omitempty"`        // lift-withholding
	Tier         string           `json:"tier,omitempty"`         // change-tier
	Version      string           `json:"version,omitempty"`      // sign- and update-agreement: the oldest accepted
	Jurisdiction string           `json:"jurisdiction,omitempty"` // drop-jurisdiction
	Law          string           `json:"law,omitempty"`          // law-lapses: the law's ID
	By           time.Time        `json:"by,omitzero"`            // sign- and update-agreement: sign at the latest then
	Until        time.Time        `json:"until,omitzero"`         // renew-agreement: expire no earlier
	From         time.Time        `json:"from,omitzero"`          // wait, law-lapses
	ReleaseAt    time.Time        `json:"release_at,omitzero"`    // change-tier: the release the tier brings
	// Rule is, for none, the policy's rule that withholds the classes, as
	// a JSON path of the policy ("tiers[*].classes", "restricted.classes"),
	// and Reason its reason code; "" when no rule is to blame.
	Rule   string                `json:"rule,omitempty"`
	Reason disclosure.ReasonCode `json:"reason,omitempty"`
	Detail string                `json:"detail,omitempty"` // in words, e.g. "renew the agreement to run until at least 2025-07-08T17:00Z"
}

// A Remedy is a set of changes that together give what it promises, none
// of which can be left out: entitlement, when the partner is not entitled,
// and the withheld classes it lists (each by the asked instant, with [At]).
// Its changes are in the order of [Kinds]. A remedy of kind [None] has one
// change and lists what no change gives.
type Remedy struct {
	Entitles bool               `json:"entitles,omitempty"`
	Classes  []disclosure.Class `json:"classes,omitempty"` // by sensitivity
	Changes  []Change           `json:"changes"`
	// ReleaseAt is the partner's release with the changes; zero for none.
	ReleaseAt time.Time `json:"release_at,omitzero"`
}

// Entitlement stands for entitlement where a class is asked for, as in
// [Remedy.Gives].
const Entitlement disclosure.Class = ""

// Gives reports whether the remedy gives class c, or with c [Entitlement]
// entitlement; for a remedy of kind [None], whether it concerns c.
func (r Remedy) Gives(c disclosure.Class) bool {
	if c == Entitlement {
		return r.Entitles
	}
	return slices.Contains(r.Classes, c)
}

// An Option changes what is asked.
type Option func(*options)

type options struct{ at time.Time }

// At asks for the classes by instant t: a class the partner receives only
// later is wanted too, and a remedy may be to wait. The zero t asks for no
// instant.
func At(t time.Time) Option { return func(o *options) { o.at = t } }

// For returns the remedies for partner to and advisory a under policy p:
// for a partner that is not entitled, the remedies that entitle it, and
// for each class of the advisory it does not receive, the remedies that
// give it. Every such class is given by at least one remedy, or concerned
// by one of kind [None]. The remedies are ordered: those that entitle
// first, then by the least sensitive class they give, those of kind None
// last; then the fewer changes first. A partner that receives every class
// has none.
//
// For returns the error [disclosure.Disclose] returns for the inputs, if
// any.
func For(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, opts ...Option) ([]Remedy, error) {
	d, err := disclosure.Disclose(p, a, to)
	if err != nil {
		return nil, err
	}
	e, err := disclosure.NewEngine(p)
	if err != nil {
		return nil, err // not reached: Disclose validated p
	}
	return find(e, p, d, a, to, opts)
}

// ForEngine is [For] under the engine's policy, deciding with
// [disclosure.Engine.Disclose].
func ForEngine(e *disclosure.Engine, a disclosure.Advisory, to disclosure.Partner, opts ...Option) ([]Remedy, error) {
	d, err := e.Disclose(a, to)
	if err != nil {
		return nil, err
	}
	return find(e, e.Policy(), d, a, to, opts)
}
