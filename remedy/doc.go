// Package remedy says what would change the outcome of a disclosure: for a
// partner that is not entitled to an advisory, and for each class of the
// advisory the partner does not receive, the smallest sets of changes to
// the partner or the advisory that would give it.
//
// A [Remedy] is a set of [Change]s that together suffice, and minimal: with
// any one of them left out, it no longer gives what it promises. Several
// remedies may give the same class (sign the agreement, or move to a tier
// whose release comes after the signature). Where no change of the partner
// or the advisory gives a class under the policy, the remedy is a single
// change of kind [None] that names the policy's rule that withholds it.
//
// Remedies are found by deciding again, with [disclosure.Disclose] or an
// Engine's, on the inputs with the changes applied, never from the words of
// the reasons, so they say exactly what the decision rules would do. Like
// deciding, finding them is pure; it takes a few decisions, so it is a call
// of its own, not part of deciding.
//
// # What each change does to the inputs
//
// Applying a change means, for the partner to, the advisory a, and the
// instant the classes are wanted by (see [At]):
//
//   - reinstate: to.Status becomes active.
//   - remove-exclusion: to.ID leaves a.ExcludePartners.
//   - lift-withholding: Class leaves a.WithholdClasses.
//   - sign-agreement: to.Agreement becomes a new agreement signed at By, of
//     Version (of the old agreement's version when Version is ""), that
//     does not expire.
//   - renew-agreement: to.Agreement.ExpiresAt becomes Until.
//   - update-agreement: to.Agreement.Version becomes Version and its
//     SignedAt becomes By.
//   - change-tier: to.Tier becomes Tier.
//   - wait: the instant the classes are wanted by becomes From.
//   - drop-jurisdiction: Jurisdiction leaves to.Jurisdictions.
//   - law-lapses: a.PublicAt becomes From, when Law ceases to apply.
//   - none: nothing; no change gives it.
//
// Deadlines are the latest that still give the remedy: signing at By, or
// an agreement that expires at Until, still does.
package remedy
