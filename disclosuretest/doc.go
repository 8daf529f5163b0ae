// Package disclosuretest tests disclosure policies the way code is tested:
// assertions on single decisions, a corpus of JSON cases with expected
// outcomes, and a check of the library's invariants against a policy on the
// user's own and on generated inputs.
//
// It is built on testing.TB only, so it works with the standard testing
// package and with any framework that provides a testing.TB.
//
// # Assertions
//
// [Entitled], [NotEntitled], [ReleasedAt], [Receives] and [Withholds] check
// one [disclosure.Disclosure]. A failure names the partner, what was wanted
// and what was got, and prints the decision's reasons as a table.
// [Remedy] checks what would change it, as package remedy finds it: that a
// class (or entitlement) has a remedy of the kinds wanted, or none.
//
// # Corpus
//
// [RunCorpus] runs every *.json file of a directory as a subtest. A case
// holds a policy (or none, for [disclosure.DefaultPolicy]), an advisory,
// partners and the expected outcome per partner:
//
//	{
//	  "description": "a CN partner gets no proof of concept",
//	  "advisory": {...},
//	  "partners": [{...}, {...}],
//	  "expect": [
//	    {"partner": "us-av", "entitled": true, "release_at": "2025-07-07T17:00:00Z",
//	     "tlp": "AMBER+STRICT", "classes": ["summary", "proof-of-concept"], "remedies": []},
//	    {"partner": "cn-ids", "entitled": true, "restricted": true, ...,
//	     "withheld": [{"class": "proof-of-concept", "reason": "restricted-jurisdiction"}],
//	     "remedies": [{"classes": ["proof-of-concept"],
//	                   "changes": [{"kind": "none", "rule": "restricted.classes", ...}]}]}
//	  ]
//	}
//
// Expectations are listed in the order of [disclosure.Plan]. Remedies
// (what package remedy finds would change the outcome, without their
// words) are optional: given for every partner of a case, they are checked
// too. With [CorpusOptions].Update set (usually from a -update flag of the
// user's test), the expectations, remedies included, are rewritten from
// the actual outcomes; review the diff before committing it.
//
// # Invariants
//
// [CheckInvariants] decides every advisory for every partner, the user's
// and generated ones, and reports any decision that breaks one of the
// library's guarantees, with a counterexample shrunk to its essentials.
//
// [CheckRemedies] checks remedies as [CheckDisclosure] checks a decision:
// deciding again with each remedy applied gives what it promises, and with
// any one of its changes left out does not.
//
// A vendor's own policy, tested in about fifteen lines (the full file is
// vendor_policy_test.go in this package):
//
//	func TestOurPolicy(t *testing.T) {
//		policy, err := disclosure.LoadPolicy(strings.NewReader(ourPolicyJSON))
//		if err != nil {
//			t.Fatal(err)
//		}
//		advisory := ourAdvisory()
//		cn, err := disclosure.Disclose(policy, advisory, ourPartner("cn-ids", "CN"))
//		if err != nil {
//			t.Fatal(err)
//		}
//		disclosuretest.Withholds(t, cn, disclosure.ClassProofOfConcept, disclosure.CodeRestrictedJurisdiction)
//		disclosuretest.ReleasedAt(t, cn, advisory.PublicAt)
//		de, _ := disclosure.Disclose(policy, advisory, ourPartner("de-av", "DE"))
//		disclosuretest.Receives(t, de, disclosure.ClassSummary, disclosure.ClassTechnicalDetails, disclosure.ClassProofOfConcept)
//		disclosuretest.ReleasedAt(t, de, advisory.PublicAt.AddDate(0, 0, -4)) // 2 business days before a Tuesday
//		disclosuretest.CheckInvariants(t, policy, disclosuretest.Inputs{Advisories: []disclosure.Advisory{advisory}})
//	}
package disclosuretest
