// Package bench measures the disclosure library against the general policy
// engines a team could use instead: OPA (Rego, through its v1/rego
// embedding API) and cedar-go. It is a module of its own, so the root
// module depends on neither engine.
//
// # The decision
//
// Each engine implements the entitlement decision of
// [disclosure.DefaultPolicy] and returns a [Decision]: whether the partner
// is entitled, which rules deny it, the classes it receives and its release
// instant. [FromDisclosure] reads the same from a [disclosure.Disclosure],
// so every engine can be compared with [disclosure.Disclose] on every case
// of the [Corpus]. The library is measured in five forms: the package's
// Disclose and Plan, which validate the policy at every call; an
// [disclosure.Engine]'s Disclose and Plan, from a policy validated once, as
// the engines below prepare theirs once; and [disclosure.Engine.Decide],
// the entitlement part alone, which the bare Go function bounds.
//
//   - [DecideGo] is the rule written by hand in Go, with the default policy
//     built in: the lower bound of what any implementation costs.
//   - [Rego] evaluates policy.rego, prepared once. The whole decision is in
//     Rego: the tiers and their leads, the law that restricts a partner and
//     when it takes effect, the restricted treatment, the embargo and
//     ready_at, the partner's status and agreement, and the classes. Go
//     only turns the advisory and the partner into input (instants as Unix
//     nanoseconds, the classes present in the advisory as a list) and the
//     result into a Decision.
//   - [Cedar] asks policy.cedar one authorization request per class
//     present in the advisory. Cedar returns allow or deny, not values, so
//     Go computes the release instant (the lead of the tier or of the
//     restricted treatment, the embargo and ready_at), which needs the law
//     check; Cedar then decides everything else, the law check included,
//     and the entitlement rules that deny are read from the policy IDs
//     Cedar gives as reasons.
//
// What no engine models, because the default policy does not use it: a
// minimum agreement version, a lead cap (max_lead), business-day leads,
// restrict_when jurisdictions, and laws other than those binding
// discoverers ("EU" in a partner's jurisdictions is only compared as a
// code; no built-in law binding discoverers is an EU law). The TLP label
// and the reasons' wording are not compared. Instants must fall between
// the years 1678 and 2262 (Unix nanoseconds in an int64); Cedar's
// datetime holds milliseconds, which the corpus's whole seconds fit.
//
// # Measuring
//
// run.sh runs every benchmark side by side and summarises them with
// benchstat (a tool of this module: go tool benchstat). The agreement test,
// TestEnginesAgree, runs with go test.
package bench
