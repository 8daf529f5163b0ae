# The entitlement decision of disclosure.DefaultPolicy, written in Rego
# (OPA v1 syntax). Prepare the query data.disclosure.decision once and
# evaluate it with one input per partner and advisory.
#
# Input. Instants are Unix nanoseconds; an optional one is absent when the
# advisory or partner has none.
#
#   {
#     "advisory": {
#       "public_at": 1751994000000000000,
#       "ready_at": ...,                  optional: nothing goes out before it
#       "embargo_ended_at": ...,          optional: the embargo ended early
#       "classes": ["summary", ...],      the classes present: summary, and
#                                         each section's and artifact's
#       "withhold_classes": [...],        optional: withheld from everyone
#       "exclude_partners": ["p-003"]     optional: partners that get nothing
#     },
#     "partner": {
#       "id": "p-001", "tier": "entry", "status": "active",
#       "jurisdictions": ["US", "CN"],
#       "agreement": {"signed_at": ..., "expires_at": ...}   each optional
#     }
#   }
#
# Output: {"entitled": true, "denied": [], "classes": [...], "release_at": ns}
# or {"entitled": false, "denied": ["agreement-missing", ...], "classes": [],
# "release_at": 0}. The codes in denied are those of disclosure.ReasonCodes.
package disclosure

# The tiers: how long before public_at each receives content, in
# nanoseconds, and which classes.
full_classes := {
	"summary", "description", "mitigations", "indicators",
	"detection-guidance", "technical-details", "repro-steps", "proof-of-concept",
}

tiers := {
	"responder": {"lead": 0, "classes": {"summary", "description", "mitigations", "indicators", "detection-guidance"}},
	"entry": {"lead": 86400000000000, "classes": full_classes}, # 24h
	"validate": {"lead": 432000000000000, "classes": full_classes}, # 120h
}

# The restricted treatment replaces the tier's classes and lead without
# granting more than the tier: the classes both allow, the shorter lead.
restricted_treatment := {"lead": 0, "classes": {"summary", "description", "mitigations"}}

# restrict_when: a partner is restricted if a law in effect at public_at
# binds one of these parties and reaches one of its jurisdictions.
restrict_binds := {"discoverers"}

# The laws of the built-in registry that bind discoverers. effective_from
# is 2021-09-01T00:00:00+08:00; a law with no effective_until still applies.
laws := [{
	"id": "CN-RMSV-2021",
	"jurisdictions": {"CN"},
	"binds": {"product-providers", "discoverers"},
	"effective_from": 1630425600000000000,
}]

in_effect(law, t) if {
	t >= law.effective_from
	not law.effective_until
}

in_effect(law, t) if {
	t >= law.effective_from
	t < law.effective_until
}

restricted if {
	some law in laws
	some party in law.binds
	party in restrict_binds
	in_effect(law, input.advisory.public_at)
	some j in input.partner.jurisdictions
	j in law.jurisdictions
}

tier := tiers[input.partner.tier]

lead := min({tier.lead, restricted_treatment.lead}) if {
	restricted
} else := tier.lead

granted := tier.classes & restricted_treatment.classes if {
	restricted
} else := tier.classes

# The release instant: public_at minus the lead, moved earlier to an early
# end of the embargo, and never before ready_at.
planned := input.advisory.public_at - lead

after_embargo := min({planned, input.advisory.embargo_ended_at}) if {
	input.advisory.embargo_ended_at
} else := planned

release_at := max({after_embargo, input.advisory.ready_at}) if {
	input.advisory.ready_at
} else := after_embargo

# The rules that deny entitlement, by their reason codes.
denied contains "partner-excluded" if input.partner.id in input.advisory.exclude_partners

denied contains "partner-removed" if input.partner.status == "removed"

denied contains "partner-suspended" if input.partner.status == "suspended"

denied contains "agreement-missing" if not input.partner.agreement.signed_at

# Signed after the partner's own release instant: it had not agreed yet.
denied contains "agreement-missing" if input.partner.agreement.signed_at > release_at

denied contains "agreement-expired" if input.partner.agreement.expires_at < input.advisory.public_at

withheld := {c | some c in input.advisory.withhold_classes}

decision := {"entitled": true, "denied": [], "classes": received, "release_at": release_at} if {
	count(denied) == 0
	received := {c | some c in input.advisory.classes; c in granted; not c in withheld}
} else := {"entitled": false, "denied": denied, "classes": [], "release_at": 0}
