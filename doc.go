// Package disclosure decides what each partner of an early-warning
// vulnerability disclosure program may see of an advisory, and from which
// instant.
//
// A vendor that warns trusted partners (antivirus, IDS and threat-intel
// companies) before its public patch describes its program as a [Policy]:
// [Tier]s of partners with their lead time, the content [Class]es they
// receive and their TLP label, and a restricted treatment for partners
// subject to a reporting [Law] that could pass the information to a
// government. An [Advisory] holds the content, every piece tagged with a
// class, and the planned public release. A [Partner] has a tier, the
// jurisdictions it operates in, a status and a signed [Agreement].
//
// For most uses, call [Disclose] for one partner or [Plan] for all of them.
// Each returns a [Disclosure]: whether the partner is entitled, its release
// instant, its label, the classes it receives and those it does not, every
// reason, and its redacted copy of the advisory.
//
// A service that decides many advisories under one policy makes an
// [Engine] with [NewEngine]: it validates the policy once and keeps its own
// copy, and its Disclose and Plan return exactly what the package's
// functions return. Its [Engine.Decide] returns the [Decision] alone
// (entitled or not, from when, under which label, which classes as a
// [classSet]) without the reasons in words or the copy, and allocates
// nothing.
//
// # The rules
//
// A partner is entitled unless the advisory excludes it, it is suspended
// or removed, or its agreement is missing, signed after its release
// instant, expires before the public release, or is older than the
// policy's minimum version. An exclusion matches one partner ID exactly;
// [Plan] requires each to name a partner of its list.
//
// An entitled partner receives the classes of its tier that the advisory
// does not withhold. If a law selected by the policy's RestrictWhen and in
// effect at the advisory's public release reaches any of the partner's
// jurisdictions, the restricted treatment replaces the tier's classes, lead
// and label, without ever granting more than the tier. The copy's label is
// the tier's or the restricted treatment's, raised to the advisory's own
// ([Advisory].TLP, such as its CSAF document's) when that is more
// restrictive: never below the source's. [DefaultPolicy]
// restricts partners under a law that binds whoever discovers a
// vulnerability: with the built-in laws ([BuiltinLaws]), China's 2021 rules
// on network product vulnerabilities, from 2021-09-01. Such partners
// receive the summary, description and mitigations at the public release.
//
// The release instant is the public release minus the lead, moved earlier
// to the end of an embargo that ended early, and never before the
// advisory's ready_at. A lead is a duration ("24h") or business days
// ("3bd"), counted in the policy's calendar zone at the same local clock
// time; see [Lead]. [PatchTuesday] gives the usual public release instants.
//
// # Reasons
//
// "Not entitled" and "not yet" are decisions, not errors. Each Disclosure
// lists every rule that shaped it as a [Reason] with a stable
// [ReasonCode], and each withheld class with the first reason in the order
// of [ReasonCodes]. Only malformed input is an error: a *[ValidationError]
// listing every problem with its JSON path, wrapping [ErrInvalidPolicy],
// [ErrInvalidAdvisory], [ErrInvalidPartner] or [ErrInvalidDisclosure].
//
// # Identifiers
//
// Partner IDs and tier names are ASCII letters, digits and . - _ : @, 1
// to 64 of them, starting with a letter or digit, so that they show the
// same to every reader and compare byte for byte. IDs of one list that are
// equal ignoring case, or that can be mistaken for one another (a
// skeleton maps look-alikes such as rn and m, 0 and o, I and l, or a
// Cyrillic а and a Latin a, to one form), are an error naming both.
// Advisory IDs are printable text without invisible characters. Errors
// name each offending character by code point and position.
//
// # Determinism and concurrency
//
// Disclose and Plan, and an Engine's methods, are pure: every input is a
// parameter, they read no clock, keep no state and do no I/O. The same inputs give the same
// output, byte for byte once marshalled; every list in it is sorted by a
// documented key. They never modify their inputs, and their results share
// no memory with them. They are safe for concurrent use, and so is every
// other function of the package.
//
// # Zero values fail closed
//
// A zero Policy has no tiers and a zero Partner no ID, so both are invalid
// and grant nothing; a zero Engine decides nothing, and a zero Decision is
// "not entitled". A class that no tier names is withheld from everyone,
// and content nobody classified ([ClassUnclassified]) reaches no tier of
// the default policy. The redacted copy is built field by field, so a field
// added to Advisory later reaches no partner until it is given a class.
//
// # JSON
//
// Every type marshals with encoding/json to snake_case keys. Times are RFC
// 3339 with a zone offset, and all output times are UTC. [LoadPolicy],
// [LoadAdvisory] and [LoadPartners] decode strictly: keys must match
// exactly, unknown or repeated keys and trailing data are errors, and the
// result is validated. They report every problem of a file at once: those
// of decoding (each value at fault is skipped and decoding goes on; only
// invalid JSON stops it) and those of validating what decoded, less any
// at or under the path of a decoding problem. The UnmarshalJSON methods
// are strict in the same way and report every decoding problem, but do
// not validate. The loaders read their input to its end and hold it whole:
// bound untrusted input, e.g. with io.LimitReader.
//
// # Time zones
//
// America/Los_Angeles, the default calendar zone and the zone of
// PatchTuesday, is built in. Another calendar zone named in a policy's JSON
// is loaded with time.LoadLocation, which needs a zone database on the
// machine or an import of time/tzdata in the program.
//
// # Compatibility
//
// Reason codes, classes, JSON keys and the order of lists are part of the
// API. New reason codes, classes and fields may be added in minor
// versions; programs should treat an unknown reason code as a denial.
package disclosure
