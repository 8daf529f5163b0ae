package bench

import (
	"slices"
	"time"

	"github.com/disclosurekit/disclosure"
)

// The default policy, built into DecideGo.
const (
	responderClasses = ClassSet(1<<1 | 1<<2 | 1<<3 | 1<<4 | 1<<5) // summary to detection-guidance
	fullClasses      = ClassSet(1<<1 | 1<<2 | 1<<3 | 1<<4 | 1<<5 | 1<<6 | 1<<7 | 1<<8)
	restrictedLimit  = ClassSet(1<<1 | 1<<2 | 1<<3) // summary, description, mitigations
)

// cnRMSVFrom is when CN-RMSV-2021, the one built-in law that binds
// discoverers, took effect: 2021-09-01 00:00 in China (UTC+8).
var cnRMSVFrom = time.Date(2021, time.September, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*60*60))

// DecideGo decides as [disclosure.DefaultPolicy] does, written by hand
// with the policy built in and no validation: the lower bound.
func DecideGo(a *disclosure.Advisory, p *disclosure.Partner) Decision {
	lead, grant := terms(a, p)
	release := releaseAt(a, lead)
	var denied Denials
	if slices.Contains(a.ExcludePartners, p.ID) {
		denied |= DenyExcluded
	}
	switch p.Status {
	case disclosure.StatusRemoved:
		denied |= DenyRemoved
	case disclosure.StatusSuspended:
		denied |= DenySuspended
	}
	if ag := &p.Agreement; ag.SignedAt.IsZero() {
		denied |= DenyAgreementMissing
	} else {
		if ag.SignedAt.After(release) {
			denied |= DenyAgreementMissing
		}
		if !ag.ExpiresAt.IsZero() && ag.ExpiresAt.Before(a.PublicAt) {
			denied |= DenyAgreementExpired
		}
	}
	if denied != 0 {
		return Decision{Denied: denied}
	}
	withheld := SetOf(a.WithholdClasses)
	return Decision{Entitled: true, Classes: Present(a) & grant &^ withheld, ReleaseAt: release.UnixNano()}
}

// terms returns the lead and the classes the default policy gives the
// partner for the advisory: its tier's, or the restricted treatment's
// (no lead, and only its classes) when CN-RMSV-2021 reaches it.
func terms(a *disclosure.Advisory, p *disclosure.Partner) (time.Duration, ClassSet) {
	var lead time.Duration
	var grant ClassSet
	switch p.Tier {
	case "responder":
		grant = responderClasses
	case "entry":
		lead, grant = 24*time.Hour, fullClasses
	case "validate":
		lead, grant = 120*time.Hour, fullClasses
	}
	if !a.PublicAt.Before(cnRMSVFrom) && slices.Contains(p.Jurisdictions, "CN") {
		lead, grant = 0, grant&restrictedLimit
	}
	return lead, grant
}

// releaseAt returns the release instant of a partner with the given lead:
// public_at minus the lead, moved earlier to an early end of the embargo,
// never before ready_at.
func releaseAt(a *disclosure.Advisory, lead time.Duration) time.Time {
	release := a.PublicAt.Add(-lead)
	if end := a.Embargo.EndedAt; !end.IsZero() && end.Before(release) {
		release = end
	}
	if a.ReadyAt.After(release) {
		release = a.ReadyAt
	}
	return release
}
