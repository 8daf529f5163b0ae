// Package csaf reads OASIS CSAF 2.0 and 2.1 advisories into the
// [disclosure] model and writes each partner its own CSAF document,
// holding only what the partner may see.
//
// For most uses: [Read] the vendor's document into a [disclosure.Advisory],
// decide with [disclosure.Plan] (or [disclosure.Disclose]), then [Write]
// the document once per entitled partner with its [disclosure.Disclosure].
// Give Read and Write the same [Options], usually [DefaultOptions].
//
//	r, err := csaf.Read(doc, csaf.DefaultOptions())
//	a := r.Advisory
//	plan, err := disclosure.Plan(policy, a, partners)
//	for _, d := range plan {
//		if d.Entitled {
//			out, name, err := csaf.Write(doc, d, csaf.DefaultOptions())
//			...
//		}
//	}
//
// # What Read takes from a document
//
//   - ID: /document/tracking/id.
//   - Revision: /document/tracking/version when it is an integer from 1;
//     for a semantic version or a draft's 0, the number of entries of
//     /document/tracking/revision_history.
//   - Title: /document/title. CVEs: every /vulnerabilities[]/cve, in order.
//     Products: the name of every product of /product_tree (branches depth
//     first, then full_product_names, then relationships), each once.
//   - Severity: the highest CVSS base score of any vulnerability (2.0
//     scores, 2.1 metrics; CVSS v2, v3 or v4), rated on the CVSS v3 scale:
//     0 none, up to 3.9 low, 6.9 medium, 8.9 high, then critical. No score:
//     not rated.
//   - PublicAt: the latest of the tracking's initial and current release
//     dates and every vulnerability's release_date (2.0) or
//     disclosure_date (2.1).
//   - Embargo: the earliest exploitation signal, if it is before
//     PublicAt, as an early end of reason exploited. A signal is a threat
//     of category exploit_status that carries a date, unless its details
//     say there is no exploitation ("Exploited:No", "no known", "not
//     exploited" and the like: a mistaken early end would release content
//     early); in 2.1 also every first_known_exploitation_dates entry.
//   - Sections: every element of the table below, in document order. ReadyAt,
//     ExcludePartners, WithholdClasses and Artifacts stay empty.
//
// # Which class each element has
//
// Write removes an element when the partner does not receive its class;
// everything else is kept. Each classified element is also a section of
// the advisory Read returns, so that the plan lists its class.
//
//	element                                   class              section title, body
//	----------------------------------------  -----------------  -----------------------------------
//	notes[] (document and vulnerability)      by Options         title, text
//	  default: category summary, description,
//	  general: description; details:
//	  technical-details; a title naming
//	  detection, indicators (IOC),
//	  reproduction, a proof of concept (PoC)
//	  or an exploit: that class, when more
//	  sensitive; any other: unclassified
//	vulnerabilities[].remediations[]          mitigations        "Remediation: CATEGORY", details
//	vulnerabilities[].threats[]
//	  exploit_status                          summary            "Threat: CATEGORY", details
//	  impact                                  description
//	  target_set, any other                   unclassified
//	vulnerabilities[].cwe (2.0), cwes[] (2.1) description        id ("CWE-79"), name
//	vulnerabilities[].flags[]                 technical-details  "Flag", label
//	references[] (document and vulnerability)
//	  category self                           summary            "Reference: SUMMARY", url
//	  external, none                          unclassified
//	acknowledgments[] (document and vuln.)    unclassified       "Acknowledgment", names, organization,
//	                                                             summary, urls (one per line)
//	vulnerabilities[].involvements[]          unclassified       "Involvement: PARTY, STATUS", summary
//	x_extensions (2.1) and members the        unclassified       member name, the value as compact JSON
//	  version does not define, of the root,
//	  /document or a vulnerability
//
// The rest is the summary, kept for every partner (Write requires the
// partner to receive the summary): the root's $schema and product_tree;
// /document's category, csaf_version, title, lang, source_lang,
// publisher, tracking, aggregate_severity and (2.1) license_expression;
// a vulnerability's cve, ids, title, product_status, discovery_date,
// scores and release_date (2.0), metrics, disclosure_date and
// first_known_exploitation_dates (2.1). Members inside a kept element,
// known or not, stay with it: unknown fields survive.
//
// Where the model has no class for an element, the choice is to withhold:
// an external reference may lead to exploit code, an acknowledgment names
// the finder before the release, an involvement tells the state of the
// coordination. A program that wants them sent grants the unclassified
// class, or reclassifies notes with Options.
//
// # What Write changes
//
// Besides removing elements, Write drops every list that removal left
// empty and every vulnerability left without members (CSAF allows
// neither), and replaces /document/distribution: its text names the
// partner, its release instant and the public release, and starts with
// the partner's TLP 2.0 label; its tlp label is that label, except that
// CSAF 2.0 knows only the TLP 1.0 names, so CLEAR is written WHITE and
// AMBER+STRICT is written AMBER (the text still says TLP:AMBER+STRICT).
// The original text and sharing group described the original document,
// not the partner's copy, and are not kept.
//
// The copy is schema-valid when the original is, but CSAF's mandatory
// tests may then fail where they require a removed element, such as a
// description note for a partner without the description class.
//
// # Errors
//
// Only malformed input is an error: a *[disclosure.ValidationError] that
// lists every problem with its JSON path, as the root package does
// ("vulnerabilities[2].notes[0].text: required"), wrapping
// [ErrInvalidDocument], [ErrInvalidOptions] or
// [disclosure.ErrInvalidDisclosure]. Documents that are not JSON, have
// data after the JSON value, repeat a key (a reader could see one value
// and a redactor the other), nest deeper than 1000 levels, lack or have
// an unsupported csaf_version, or lack a required member are refused.
// Read and Write never panic.
//
// # Determinism and concurrency
//
// Read and Write are pure: no clock, no I/O, no state. The same inputs
// give the same output, byte for byte. They do not modify their inputs,
// and are safe for concurrent use.
package csaf
