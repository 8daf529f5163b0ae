package disclosure

// The output (Disclosure) and the entry points Disclose and Plan.

import (
	"slices"
	"time"
)

// A Disclosure is the decision for one partner and one advisory: whether
// the partner is entitled, from which instant, under which label, which
// classes it receives and which it does not, why, and the redacted copy.
//
// It is the program's record, for audit: what goes to the partner is
// Advisory, at ReleaseAt, labelled TLP. The reasons name the rules and
// laws that applied, which the program may not want to send along.
//
// Not being entitled is a decision, not an error: Entitled is false,
// ReleaseAt is zero, and every class of the advisory is in Withheld.
type Disclosure struct {
	PartnerID  string `json:"partner"` // the partner's ID
	AdvisoryID string `json:"advisory_id"`
	Revision   int    `json:"revision"`
	Tier       string `json:"tier"`
	Entitled   bool   `json:"entitled"`
	// Restricted is whether the policy's restricted treatment applied.
	Restricted bool `json:"restricted,omitempty"`
	// ReleaseAt is the instant the partner may receive its copy, in UTC;
	// zero when not entitled.
	ReleaseAt time.Time `json:"release_at,omitzero"`
	// PublishNotBefore is the advisory's public release: the partner may
	// not ship anything that reveals the flaw before it.
	PublishNotBefore time.Time `json:"publish_not_before"`
	// TLP is the copy's label: the more restrictive of the label the
	// policy gives the partner (its tier's, or the restricted treatment's)
	// and the advisory's own; "" when not entitled.
	TLP     TLP     `json:"tlp,omitempty"`
	Classes []Class `json:"classes,omitempty"` // received, by sensitivity
	// Withheld lists each class present in the advisory but not given, by
	// sensitivity, with the first reason in the order of [ReasonCodes].
	Withheld []Withheld `json:"withheld,omitempty"`
	// Reasons lists every rule that shaped the outcome, sorted by code (in
	// the order of [ReasonCodes]), then class (by sensitivity, none first),
	// then detail.
	Reasons []Reason `json:"reasons,omitempty"`
	// Advisory is the partner's copy: only the given classes. It shares no
	// memory with the input advisory. Zero when not entitled.
	Advisory Advisory `json:"advisory,omitzero"`
}

// UnmarshalJSON decodes a disclosure strictly, as written by
// encoding/json. Errors wrap [ErrInvalidDisclosure].
func (d *Disclosure) UnmarshalJSON(data []byte) error {
	return strictDecode(data, d, ErrInvalidDisclosure)
}

// Receives reports whether the partner receives content of class c.
func (d *Disclosure) Receives(c Class) bool {
	return slices.Contains(d.Classes, c)
}

// ReleasedBy reports whether the partner may hold its copy at instant t.
func (d *Disclosure) ReleasedBy(t time.Time) bool {
	return d.Entitled && !t.Before(d.ReleaseAt)
}

// Withheld is a class of the advisory that the partner does not receive.
type Withheld struct {
	Class  Class      `json:"class"`
	Reason ReasonCode `json:"reason"`
	Detail string     `json:"detail"`
}

// Disclose decides what one partner receives of one advisory under a
// policy, and from when. It is the function to call for most uses; [Plan]
// does the same for a whole partner list, and an [Engine] does both for a
// policy validated once.
//
// It first validates the policy, the advisory and the partner (including
// that the partner's tier exists), and returns a *[ValidationError] listing
// every problem, with paths "policy.…", "advisory.…" and "partner.…". Only
// malformed input is an error: a partner that is not entitled gets a
// Disclosure that says so, with reasons. Seeing one partner, it cannot
// check that the advisory's exclusions name partners of the program;
// [Plan] does.
//
// Disclose is pure: it reads no clock and does no I/O, it does not modify
// its arguments, and its result shares no memory with them. It is safe to
// call concurrently.
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

// Plan decides for every partner, as [Disclose] does. The result holds one
// Disclosure per partner: the entitled ones sorted by release instant, then
// partner ID, then the others sorted by partner ID.
//
// Partner IDs must be unique, also ignoring case and look-alike
// characters, and each ID the advisory excludes must be that of a partner
// of the list: an exclusion that names nobody, say "Quillmark" for
// "quillmark", would exclude nobody. On malformed input it returns a
// *[ValidationError] naming every bad partner by index
// ("partners[3].tier"), not only the first, and every exclusion that names
// no partner ("advisory.exclude_partners[1]"), with the closest ID.
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
