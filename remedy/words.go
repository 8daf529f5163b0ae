package remedy

// The changes in words, for the partner.

import (
	"time"

	"github.com/disclosurekit/disclosure"
)

// describe writes every change's Detail.
func (f *finder) describe(rs []Remedy) {
	for i := range rs {
		for j := range rs[i].Changes {
			rs[i].Changes[j].Detail = f.words(rs[i].Changes[j])
		}
	}
}

// words says what the change asks, in terms the partner can act on.
func (f *finder) words(ch Change) string {
	switch ch.Kind {
	case RemoveExclusion:
		return "be taken off the advisory's list of excluded partners"
	case Reinstate:
		return "be reinstated in the program (now " + string(f.to.Status) + ")"
	case SignAgreement:
		if ch.Version != "" {
			return "sign agreement version " + ch.Version + " or later by " + instant(ch.By)
		}
		return "sign the agreement by " + instant(ch.By)
	case RenewAgreement:
		return "renew the agreement to run until at least " + instant(ch.Until)
	case UpdateAgreement:
		return "sign agreement version " + ch.Version + " or later by " + instant(ch.By) + ", replacing version " + quoteOrNone(f.to.Agreement.Version)
	case ChangeTier:
		return "move to tier " + ch.Tier + ", released at " + instant(ch.ReleaseAt)
	case DropJurisdiction:
		return "have no headquarters, subsidiary or staff in " + ch.Jurisdiction + " handle program data"
	case LiftWithholding:
		return "have the advisory stop withholding " + string(ch.Class) + " from every partner"
	case LawLapses:
		return "an advisory made public from " + instant(ch.From) + ", when " + ch.Law + " ceases to apply"
	case Wait:
		return "wait until " + instant(ch.From)
	}
	switch ch.Reason {
	case disclosure.CodeUnknownClass:
		return "none under this policy: no tier receives it (" + ch.Rule + ")"
	case disclosure.CodeRestrictedJurisdiction:
		return "none under this policy: the restricted treatment excludes it wherever the partner is (" + ch.Rule + ")"
	}
	return "none: no change of the partner or the advisory gives it"
}

// instant writes t in UTC, to the minute when it has no seconds:
// 2025-07-07T17:00Z.
func instant(t time.Time) string {
	t = t.UTC()
	if t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02T15:04Z")
	}
	return t.Format(time.RFC3339Nano)
}

func quoteOrNone(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}
