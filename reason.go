package disclosure

// Reasons and their codes, in the documented order.

import (
	"cmp"
	"strings"
)

// A Reason is one rule that shaped a disclosure.
type Reason struct {
	Code   ReasonCode `json:"code"`
	Class  Class      `json:"class,omitempty"` // set where the rule concerns one class
	Detail string     `json:"detail"`          // in words, for people
}

// ReasonCode names a rule; new codes may be added.
type ReasonCode string

// The reason codes, in order: the first six deny, the next four withhold a
// class, the next three shape the release instant, the last raises a label.
const (
	CodePartnerExcluded        ReasonCode = "partner-excluded"        // the advisory excludes the partner
	CodePartnerRemoved         ReasonCode = "partner-removed"         // status removed
	CodePartnerSuspended       ReasonCode = "partner-suspended"       // status suspended
	CodeAgreementMissing       ReasonCode = "agreement-missing"       // none, or signed after the release instant
	CodeAgreementExpired       ReasonCode = "agreement-expired"       // expires before public_at
	CodeAgreementOutdated      ReasonCode = "agreement-outdated"      // older than the policy's minimum version
	CodeAdvisoryWithholds      ReasonCode = "advisory-withholds"      // the advisory withholds the class from all
	CodeUnknownClass           ReasonCode = "unknown-class"           // no tier of the policy receives the class
	CodeTierDisallows          ReasonCode = "tier-disallows"          // the partner's tier does not receive it
	CodeRestrictedJurisdiction ReasonCode = "restricted-jurisdiction" // a reporting law restricts the partner
	CodeLeadTime               ReasonCode = "lead-time"               // the lead the release is computed from
	CodeReadyFloor             ReasonCode = "ready-floor"             // held back until ready_at
	CodeEmbargoEnded           ReasonCode = "embargo-ended"           // moved earlier by an early end
	CodeSourceLabel            ReasonCode = "source-label"            // the advisory's TLP is more restrictive than the policy's
)

var allCodes = [...]ReasonCode{
	CodePartnerExcluded, CodePartnerRemoved, CodePartnerSuspended,
	CodeAgreementMissing, CodeAgreementExpired, CodeAgreementOutdated,
	CodeAdvisoryWithholds, CodeUnknownClass, CodeTierDisallows, CodeRestrictedJurisdiction,
	CodeLeadTime, CodeReadyFloor, CodeEmbargoEnded, CodeSourceLabel,
}

// ReasonCodes returns every reason code in the documented order.
func ReasonCodes() []ReasonCode { return append([]ReasonCode(nil), allCodes[:]...) }

// order returns the code's place in allCodes, from 1, or 0.
func (c ReasonCode) order() int {
	switch c {
	case CodePartnerExcluded:
		return 1
	case CodePartnerRemoved:
		return 2
	case CodePartnerSuspended:
		return 3
	case CodeAgreementMissing:
		return 4
	case CodeAgreementExpired:
		return 5
	case CodeAgreementOutdated:
		return 6
	case CodeAdvisoryWithholds:
		return 7
	case CodeUnknownClass:
		return 8
	case CodeTierDisallows:
		return 9
	case CodeRestrictedJurisdiction:
		return 10
	case CodeLeadTime:
		return 11
	case CodeReadyFloor:
		return 12
	case CodeEmbargoEnded:
		return 13
	case CodeSourceLabel:
		return 14
	}
	return 0
}

// Valid reports whether c is one of the defined codes.
func (c ReasonCode) Valid() bool { return c.order() != 0 }

// compareReasons orders reasons as a Disclosure lists them: by code, in
// the order of ReasonCodes, then class, by sensitivity, then detail.
func compareReasons(a, b Reason) int {
	if c := cmp.Compare(a.Code.order(), b.Code.order()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Class.Sensitivity(), b.Class.Sensitivity()); c != 0 {
		return c
	}
	return strings.Compare(a.Detail, b.Detail)
}
