// Package disclosure decides what each partner of an early-warning
// vulnerability disclosure program may see of an advisory, and from which
// instant.
//
// A vendor that warns trusted partners (antivirus, IDS and threat-intel
// companies) before its public patch describes its program as a [Policy]:
// [Tier]s with their lead time, content [Class]es and TLP label, and a
// [Restriction] for partners subject to a reporting [Law] that could pass
// the information to a government. An [Advisory] holds the content, every
// piece tagged with a class. A [Partner] has a tier, jurisdictions, a
// status and a signed [Agreement].
//
// [Disclose] decides for one partner, [Plan] for all of them, and an
// [Engine] does both under a policy validated once. Each returns a
// [Disclosure]: entitled or not, from when, under which label, with every
// [Reason] and the redacted copy. Only malformed input is an error: a
// *[ValidationError] listing every problem with its JSON path.
//
// # The rules
//
// A partner is entitled unless the advisory excludes it, it is suspended
// or removed, or its agreement is missing, signed after its release
// instant, expires before the public release, or is older than the
// policy's minimum version. It receives the classes of its tier that the
// advisory does not withhold. If a law that the policy's RestrictWhen
// selects, in effect at the public release, reaches one of its
// jurisdictions, the Restriction replaces the tier's classes, lead and
// label, never granting more than the tier. No copy is labelled below the
// advisory's own label. The release instant is the public release minus
// the [Lead], moved earlier to the end of an embargo that ended early, and
// never before the advisory's ready_at.
//
// # Guarantees
//
// Every function is pure and safe for concurrent use: no clock, no I/O,
// inputs never modified nor shared with results, lists in documented
// order. Zero values fail closed: a zero Policy or Partner is invalid and
// a class no tier names is withheld. JSON is read strictly ([LoadPolicy]).
// Reason codes, classes, JSON keys and list orders are stable; read an
// unknown reason code as a denial.
package disclosure
