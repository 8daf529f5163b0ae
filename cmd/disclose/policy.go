package main

import "github.com/disclosurekit/disclosure"

var policyCmd = &command{
	name:    "policy",
	run:     runPolicy,
	summary: "print the built-in policy as JSON, a starting point for your own",
	usage: `Usage: disclose policy [--format json]

Prints the built-in policy, the program as run from July 2025, as JSON:

  responder  at the public release; summary, description, mitigations,
             indicators, detection guidance; TLP:AMBER
  entry      24 hours ahead; every class but unclassified; TLP:AMBER+STRICT
  validate   5 days (120 hours) ahead; the same classes; TLP:AMBER+STRICT
  restricted partners under a reporting law in effect that binds whoever
             discovers a vulnerability (China's RMSV rules, from 2021-09-01)
             get at most summary, description and mitigations, at the
             public release, TLP:CLEAR

Save it, edit it, check it with "disclose validate", and pass it to plan,
explain and export with --policy. A lead is a duration ("24h") or business
days ("3bd"); "laws" (the registry of reporting laws) is left out: the
built-in registry is used. JSON is the only format; --format json is
accepted.

Flags:
  --format json     the output format (the only one)
                    e.g. --format json

Examples:
  disclose policy > policy.json
  disclose plan --policy policy.json --advisory advisory.json --partners partners.json
`,
}

func runPolicy(e *env, c *command, args []string) int {
	return printJSON(e, c, args, "the policy is JSON", disclosure.DefaultPolicy())
}
