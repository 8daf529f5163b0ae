package remedy

// Applying changes to the inputs, as the package documentation says.

import (
	"slices"
	"time"

	"github.com/disclosurekit/disclosure"
)

// apply returns the advisory, the partner and the asked instant with the
// changes of every list applied. It modifies neither input: the lists it
// changes are copies.
func apply(a disclosure.Advisory, to disclosure.Partner, at time.Time, lists ...[]Change) (disclosure.Advisory, disclosure.Partner, time.Time) {
	for _, changes := range lists {
		at = applyList(&a, &to, at, changes)
	}
	return a, to, at
}

func applyList(a *disclosure.Advisory, to *disclosure.Partner, at time.Time, changes []Change) time.Time {
	for _, ch := range changes {
		switch ch.Kind {
		case RemoveExclusion:
			a.ExcludePartners = without(a.ExcludePartners, to.ID)
		case Reinstate:
			to.Status = disclosure.StatusActive
		case SignAgreement:
			v := ch.Version
			if v == "" {
				v = to.Agreement.Version
			}
			to.Agreement = disclosure.Agreement{Version: v, SignedAt: ch.By}
		case RenewAgreement:
			to.Agreement.ExpiresAt = ch.Until
		case UpdateAgreement:
			to.Agreement.Version, to.Agreement.SignedAt = ch.Version, ch.By
		case ChangeTier:
			to.Tier = ch.Tier
		case DropJurisdiction:
			to.Jurisdictions = without(to.Jurisdictions, ch.Jurisdiction)
		case LiftWithholding:
			a.WithholdClasses = without(a.WithholdClasses, ch.Class)
		case LawLapses:
			a.PublicAt = ch.From
		case Wait:
			at = ch.From
		}
	}
	return at
}

// without returns a new list of the elements of xs other than x.
func without[T comparable](xs []T, x T) []T {
	return slices.DeleteFunc(slices.Clone(xs), func(y T) bool { return y == x })
}
