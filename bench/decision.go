package bench

import (
	"fmt"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure"
)

// A Decision is what every engine computes for one partner and one
// advisory, in a form that compares with ==.
type Decision struct {
	Entitled bool
	// Denied holds the entitlement rules that deny the partner; empty
	// when it is entitled.
	Denied Denials
	// Classes are the classes the partner receives; empty when it is not
	// entitled.
	Classes ClassSet
	// ReleaseAt is the release instant in Unix nanoseconds (UTC); 0 when
	// not entitled. An integer, so that == compares instants.
	ReleaseAt int64
}

// String writes the decision for a failing test.
func (d Decision) String() string {
	if !d.Entitled {
		return "not entitled: " + d.Denied.String()
	}
	return fmt.Sprintf("entitled from %s: %s", time.Unix(0, d.ReleaseAt).UTC().Format(time.RFC3339), d.Classes)
}

// A ClassSet holds classes, bit i for the class of sensitivity i
// ([disclosure.Class.Sensitivity]).
type ClassSet uint16

func classBit(c disclosure.Class) ClassSet { return 1 << c.Sensitivity() }

// SetOf returns the set of the classes cs.
func SetOf(cs []disclosure.Class) ClassSet {
	var s ClassSet
	for _, c := range cs {
		s |= classBit(c)
	}
	return s
}

// Present returns the classes that occur in the advisory: summary (its
// identity fields) and the class of every section and artifact.
func Present(a *disclosure.Advisory) ClassSet {
	s := classBit(disclosure.ClassSummary)
	for i := range a.Sections {
		s |= classBit(a.Sections[i].Class)
	}
	for i := range a.Artifacts {
		s |= classBit(a.Artifacts[i].Class)
	}
	return s
}

// Classes returns the classes of s, from least to most sensitive.
func (s ClassSet) Classes() []disclosure.Class {
	var cs []disclosure.Class
	for _, c := range disclosure.Classes() {
		if s&classBit(c) != 0 {
			cs = append(cs, c)
		}
	}
	return cs
}

// String lists the classes by name, from least to most sensitive.
func (s ClassSet) String() string {
	var b strings.Builder
	b.WriteByte('[')
	for i, c := range s.Classes() {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(c))
	}
	b.WriteByte(']')
	return b.String()
}

// Denials holds reason codes that make a partner not entitled, bit i for
// the code at place i of [disclosure.ReasonCodes] (from 0).
type Denials uint16

// entitlementCodes are the codes that deny entitlement, in the order of
// [disclosure.ReasonCodes]: the bit of each is its index here.
var entitlementCodes = [...]disclosure.ReasonCode{
	disclosure.CodePartnerExcluded,
	disclosure.CodePartnerRemoved,
	disclosure.CodePartnerSuspended,
	disclosure.CodeAgreementMissing,
	disclosure.CodeAgreementExpired,
	disclosure.CodeAgreementOutdated,
}

// The denials the default policy can give (it sets no minimum agreement
// version, so never agreement-outdated).
const (
	DenyExcluded Denials = 1 << iota
	DenyRemoved
	DenySuspended
	DenyAgreementMissing
	DenyAgreementExpired
)

// denialOf returns the denial of an entitlement code, or 0 for any other.
func denialOf(code disclosure.ReasonCode) Denials {
	for i, c := range entitlementCodes {
		if c == code {
			return 1 << i
		}
	}
	return 0
}

// String lists the denying rules by name.
func (d Denials) String() string {
	var names []string
	for i, c := range entitlementCodes {
		if d&(1<<i) != 0 {
			names = append(names, string(c))
		}
	}
	return "[" + strings.Join(names, " ") + "]"
}

// FromDisclosure returns the decision that d records.
func FromDisclosure(d *disclosure.Disclosure) Decision {
	if !d.Entitled {
		var denied Denials
		for _, r := range d.Reasons {
			denied |= denialOf(r.Code)
		}
		return Decision{Denied: denied}
	}
	return Decision{Entitled: true, Classes: SetOf(d.Classes), ReleaseAt: d.ReleaseAt.UnixNano()}
}
