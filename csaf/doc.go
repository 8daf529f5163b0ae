// Package csaf reads OASIS CSAF 2.0 and 2.1 advisories into the
// [disclosure] model and writes each partner its own CSAF document,
// holding only what the partner may see.
//
// For most uses: [Read] the vendor's document into a [Reading], decide on
// its [disclosure.Advisory] with [disclosure.Plan] (or
// [disclosure.Disclose]), then write each entitled partner its copy with
// [Reading.WriteFor], which neither parses nor classifies the document
// again. The functions [WriteFor] and [Write] (when only the partner's ID
// is known) take the document itself instead; give them the [Options]
// Read was given, usually [DefaultOptions].
//
//	r, err := csaf.Read(doc, csaf.DefaultOptions())
//	plan, err := disclosure.Plan(policy, r.Advisory, partners)
//	for _, d := range plan {
//		if d.Entitled {
//			out, name, err := r.WriteFor(d, partnerByID[d.PartnerID])
//			...
//		}
//	}
//
// To trace leaks, mark each partner's copy with package trace and write it
// with [Reading.WriteMarked] or [WriteMarked] instead (see "Marked copies"
// below).
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
//   - PublicAt: when the vulnerabilities became public (see below).
//   - Embargo: none, unless [Options.EmbargoSignals] names a kind of
//     signal (see below).
//   - Sections: every element of the table below, in document order. ReadyAt,
//     ExcludePartners, WithholdClasses and Artifacts stay empty.
//
// The [Reading] also holds the document's label, its signals, and every
// classified element with its JSON path and the rule that gave its class
// ("note title "P.o.C." matches "poc" → proof-of-concept (more sensitive
// than category "general" → description)"), for a program manager to
// review.
//
// # The public instant
//
// PublicAt is when the vulnerabilities became public; a later revision of
// the document never moves it later. It is the latest, over the
// vulnerabilities, of:
//
//   - the vulnerability's release_date (2.0) or disclosure_date (2.1),
//     when it has one;
//   - otherwise (and for the document itself when it has no
//     vulnerabilities) the document's public release: when the document's
//     /document/distribution/tlp/label allows public sharing (CLEAR or
//     WHITE, or no label) and its /document/tracking/status is final, its
//     tracking initial_release_date, whatever later revisions say;
//     otherwise (GREEN, AMBER, AMBER+STRICT or RED: its first release
//     went to a restricted audience; or draft or interim: not yet final)
//     the later of its initial_release_date and current_release_date.
//
// Examples: ICSA-20-168-01, TLP:WHITE and final, first released on
// 2020-06-16 and revised on 2024-09-19, no vulnerability dated: public
// since 2020-06-16. The same document labelled AMBER, or interim: public
// from 2024-09-19. RHSA-2021:5186, whose two vulnerabilities were released
// on 2021-12-10 and 2021-12-16: public from 2021-12-16, whatever its
// tracking dates. A partner's copy (see Write) carries the partner's
// label, so a copy of a revised TLP:CLEAR document read again counts from
// its latest release unless the copy is TLP:CLEAR too.
//
// # Exploitation signals
//
// A signal is a threat of category exploit_status that carries a date
// (kind exploit_status), whatever its details say, or an entry of a 2.1
// vulnerability's first_known_exploitation_dates (kind
// first_known_exploitation_dates, its exploitation_date). Read reports
// every signal in Reading.Signals, in document order. None of them ends
// the embargo by default: details such as "Exploitation Less Likely" or
// "not aware of any malicious use" are dated too, and a mistaken early end
// releases content early, to restricted partners included. A program that
// trusts a kind names it in Options.EmbargoSignals: the earliest signal of
// a named kind before PublicAt is then the Embargo, of reason exploited.
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
//	  titled (default): category summary,
//	  description, general: description;
//	  details: technical-details;
//	  legal_disclaimer: summary; a title
//	  naming detection, indicators (IOC),
//	  reproduction, a proof of concept (PoC),
//	  an exploit, Metasploit, shellcode,
//	  attack code or weaponizing, in any
//	  listed form: that class, when more
//	  sensitive; any other: unclassified
//	  untitled (default): summary:
//	  description; details: technical-
//	  details; legal_disclaimer: summary;
//	  any other: unclassified
//	vulnerabilities[].remediations[]          mitigations        "Remediation: CATEGORY", details
//	vulnerabilities[].threats[]
//	  exploit_status                          summary            "Threat: CATEGORY", details
//	  impact                                  description
//	  target_set, any other                   unclassified
//	vulnerabilities[].cwe (2.0), cwes[] (2.1) description        id ("CWE-79"), name
//	vulnerabilities[].flags[]                 technical-details  "Flag", label
//	references[] (document and vulnerability)
//	  category self                           summary            "Reference: SUMMARY", url
//	  external, none: to the publisher's      summary, or the
//	  own site; of a csaf_superseded          class of a title
//	  document (2.1), its "Superseding        rule that matches
//	  Document" reference                     summary or url
//	  external, none: any other               unclassified
//	acknowledgments[] (document and vuln.)    unclassified       "Acknowledgment", names, organization,
//	                                                             summary, urls (one per line)
//	vulnerabilities[].involvements[]          unclassified       "Involvement: PARTY, STATUS", summary
//	x_extensions (2.1, wherever the schema    unclassified       member name, the value as compact JSON
//	  allows them)
//	a member the document's CSAF version      unclassified       member name, the value as compact JSON
//	  does not define at its position, at
//	  any depth
//
// Title rules match whole words, ignoring case and punctuation, and see
// through disguises (see [TitleRule] for the exact rules): a Cyrillic or
// Greek letter that looks Latin reads as that letter, a fullwidth form as
// ASCII; an invisible format character or a combining mark inside a word
// joins it ("Ex\u00adploit"), and also separates words
// ("Proof\u00adof\u00adconcept"); camel case is split ("ProofOfConcept",
// "ExploitDB", but "PoC" and "PoCs" stay one word); and in a word of
// letters and digits, 0 1 3 4 5 7 read as o l (or i) e a s t ("Expl0it").
// Numbers stay numbers ("CVE-2025-1234", "Windows 10"). Note categories
// are compared exactly: "General" or " details" is no category of the
// options, and its notes are unclassified unless a title rule matches.
//
// The publisher's own site is the host of /document/publisher/namespace,
// without a leading "www.", and every subdomain of it
// ("https://www.redhat.com": access.redhat.com, bugzilla.redhat.com); or,
// when the namespace has a path ("https://github.com/acme"), what is under
// that path on that host alone. Only http and https URLs without user
// information count, and a namespace whose host is a single label names
// no site. The vendor's own bulletins, errata and advice (CISA's
// "Recommended Practices") then travel with every copy; the title rules
// still read the reference's summary and URL, so that a link on the
// vendor's site to exploit code ("Exploit code", /poc/exploit.py) has the
// class of proof of concept. A superseded CSAF 2.1 document's reference to
// the document that supersedes it travels too: mandatory test 6.1.27.19
// requires it.
//
// The rest is the summary, kept for every partner (Write requires the
// partner to receive the summary): the root's $schema (2.1) and
// product_tree; /document's category, csaf_version, title, lang,
// source_lang, publisher, tracking, aggregate_severity and (2.1)
// license_expression; a vulnerability's cve, ids, title, product_status,
// discovery_date, scores and release_date (2.0), metrics, disclosure_date
// and first_known_exploitation_dates (2.1).
//
// # Members CSAF does not define
//
// The official JSON schemas of each version (2.0 with the CVSS schemas it
// refers to; 2.1 with every schema it refers to: CVSS v2 to v4, SSVC, the
// extension content) define the members each object of a document may
// have; members_gen.go holds them, generated from copies of the schemas
// under testdata/schema. Read walks the whole document against them: a
// member not defined at its position is an element of its own, of class
// unclassified, wherever it is, also inside an element that is kept
// (a note, a score, the product tree, the tracking, a CVSS object). Where a
// schema allows any member (2.0 forbids none; 2.1's extension content),
// a member it does not name is treated the same. Inside an element that is
// itself unclassified there is nothing more to withhold, and the
// distribution is replaced in every copy, so Read does not look there.
//
// Where the model has no class for an element, the choice is to withhold:
// an external reference may lead to exploit code, an acknowledgment names
// the finder before the release, an involvement tells the state of the
// coordination, an undefined member may hold anything. A program that
// wants them sent grants the unclassified class, or reclassifies notes
// with Options.
//
// # What Write changes
//
// Besides removing elements, Write drops every list and object that
// removal left empty (CSAF allows no empty list; an object of only
// undefined members had nothing CSAF needs), and every vulnerability left
// without members, except a member the schema requires, which stays,
// empty.
//
// Each partner's copy is a document of its own, so that no tool takes it
// for the original or for another partner's copy (documents that differ in
// content must have different tracking IDs):
//
//   - Its /document/tracking/id is [CopyTrackingID] of the original's and
//     the partner's ID: the original's, "+" and the partner ID
//     ("RHSA-2021:5186+jinlumo"). Partner IDs cannot hold "+", so the ID
//     splits back at its last one; it stays within CSAF's limits (no
//     leading or trailing space; at most 256 + 1 + 64 characters, under
//     the 1000 of CSAF 2.1's guidance on size); it is the same for every
//     revision, the version being the original's. The file name is
//     [FileName] of that ID: "rhsa-2021_5186+jinlumo.json".
//   - Its references lead back to the original: each reference of the
//     original to itself (category self) becomes one of category
//     external, its summary saying "Original advisory ID (version V), of
//     which this document is partner P's copy: …"; a document without one
//     gets such a reference to its publisher's namespace. The copy is not
//     at the original's address, so it has no reference to itself; and
//     every copy has a reference of category external, which an
//     informational advisory and a security incident response require
//     (mandatory test 6.1.27.2).
//   - Its /document/distribution is the partner's. The text names the
//     partner, its release instant and the public release, starts with
//     the copy's TLP 2.0 label, and ends with the original's text, quoted
//     as the original's (a copyright, terms of use). The label is the
//     partner's, or the source document's when that is more restrictive
//     (CLEAR < GREEN < AMBER < AMBER+STRICT < RED): a copy is never
//     labelled less restrictively than its source, and the text then says
//     so ("TLP:RED, kept from the source document, which is more
//     restrictive than the partner's TLP:AMBER"). A TLP:RED or
//     AMBER+STRICT copy is "prepared for partner X alone"; a TLP:CLEAR copy
//     sets no limit and its text only states whom it was written for and
//     when the vulnerabilities are public. CSAF 2.0 knows only the TLP 1.0
//     names, so CLEAR is written WHITE and AMBER+STRICT is written AMBER
//     (the text still says TLP:AMBER+STRICT).
//   - In CSAF 2.1, its sharing group is the partner's: the name-based
//     UUID of the partner ID in the program's namespace
//     ([Options].SharingGroupNamespace, or the UUID of the publisher's
//     namespace URL; computed as RFC 9562 version 5, marked version 4, the
//     only form the CSAF 2.1 schema accepts), named with the partner's name
//     and ID ("Ardentic Antivirus Inc. (ardentic)", or "Partner ardentic").
//     A TLP:CLEAR copy (a restricted partner's, at the public release of a
//     TLP:CLEAR document) is in the public group instead, the Max UUID
//     named "Public": CSAF 2.1 allows that group with TLP:CLEAR alone, and
//     TLP:CLEAR with no other (mandatory tests 6.1.38 to 6.1.41). The
//     original's group was the original's audience, and is not kept.
//   - CSAF 2.0 has no sharing group: a 2.0 copy says whose it is by its
//     tracking ID and file name, its distribution text, and its reference
//     back to the original.
//
// What travels with every copy, whatever the partner's classes: the
// summary (identity, product tree, product statuses, scores, dates), legal
// notices (notes of category legal_disclaimer), references to the
// document itself and to the publisher's own site, and what CSAF's
// mandatory tests require of the document's category (the external
// reference above, a superseded document's successor). What is still
// removed is every element of a class the partner does not receive, and
// unclassified ones, for the reasons of the table above: notes and
// threats of withheld classes, remediations without the mitigations,
// flags without the technical details, references elsewhere (they may
// lead to exploit code), acknowledgments (they name the finder),
// involvements (they tell the state of the coordination), target sets
// (they name the victims), extensions and undefined members (they may
// hold anything).
//
// A copy that would then fail a mandatory test of CSAF that the original
// passes is refused, never written: when what a test requires of the
// document's category is of a class the partner does not receive (every
// note of a security advisory's or VEX document's vulnerability, 6.1.27.5;
// the impact statement of a VEX document's product not affected, a flag
// or an impact threat, 6.1.27.9; its action statement for an affected
// one, a remediation, 6.1.27.10; an informational advisory's note of
// category description, details, general or summary, 6.1.27.1; a
// withdrawn or superseded document's reasoning note, 6.1.27.14, 6.1.27.17,
// 6.1.27.18), the error wraps [ErrMandatoryTest] and names the test, the
// element, and the withheld elements that would have met it. The nested
// module csafschema checks every copy of the test documents with the BSI
// validator library's mandatory tests and with gocsaf's csaf_validator.
//
// # Marked copies
//
// [WriteMarked] writes a partner's copy marked for tracing: given the
// partner's disclosure as [trace.Mark] marked it, it puts each code where
// the document had the {{mark}} placeholder it replaced, and the copy's
// reference in a note of its own, so that [trace.Identify], given the
// advisory Read returned for the original document and the partner list,
// names the partner from the copy or any part of it that holds a code:
//
//	marked, err := trace.Mark(d, key)
//	out, name, err := csaf.WriteMarked(doc, marked, p, csaf.DefaultOptions())
//	...
//	matches, err := trace.Identify(leak, key, r.Advisory, partners)
//
// A code is where the author wrote the placeholder: in the text of an
// element the copy keeps (a note's title or text, a remediation's or a
// threat's details, a reference's summary, a CWE's name, ...: whatever of
// the element makes its section, see the table above). It is the code
// trace.Mark gives the placeholder in the element's section, so the same
// as in the partner's copy in the tool's own format. The reference is the
// copy's last note of /document/notes, of category general, titled
// "Reference", its text the sentence of trace's reference section
// ("Reference of this copy: 7K3M9Q2XH4TBR. Quote it when you ask about
// this advisory."): CSAF tools show notes, a partner can quote it, and a
// general note passes the schema and every mandatory test (the nested
// module csafschema checks marked copies as it checks the others).
//
// A code is 13 letters and digits in the text of a JSON string, which
// JSON writes as it is: a note's text cut out of the file, escaped or
// not, or the whole file, holds the codes whole. Marking adds nothing
// else: without its codes and its reference note, a marked copy is the
// unmarked one, byte for byte. A placeholder of an element the copy does
// not keep goes with the element, and so does its code; a placeholder
// outside every element (the document's title, a product's name, the
// original's distribution text that the copy quotes) stays as written, as
// trace.Mark leaves an advisory's title.
//
// # Labels
//
// Reading.Label is /document/distribution/tlp/label as a TLP 2.0 label:
// WHITE is read as CLEAR; GREEN, AMBER and RED as they are; 2.1 also has
// CLEAR and AMBER+STRICT. A document without one has the label "". A label
// its version does not define is an error at that path.
//
// # Memory
//
// Read and Write hold the whole document as a tree. Their peak heap is
// about 2 bytes per byte of input for real advisories and at most about
// 31 for hostile input made only of tiny values: bound the size of the
// input to bound the memory (see [Read]). A [Reading] keeps its tree, at
// most about Read's peak, for as long as the caller keeps the Reading; each
// of its writes takes about as much again while it writes.
//
// # Errors
//
// Only malformed input, and a copy that would fail a mandatory test its
// original passes (see above), are errors: a *[disclosure.ValidationError]
// that lists every problem with its JSON path, as the root package does
// ("vulnerabilities[2].notes[0].text: required"), wrapping
// [ErrInvalidDocument], [ErrInvalidOptions],
// [disclosure.ErrInvalidDisclosure] or [ErrMandatoryTest]. Documents that
// are not JSON, have data after the JSON value, repeat a key (a reader
// could see one value and a redactor the other), nest deeper than 1000
// levels, lack or have an unsupported csaf_version, or lack a required
// member are refused. Read and Write never panic.
//
// # Determinism and concurrency
//
// Read and Write are pure: no clock, no I/O, no state. The same inputs
// give the same output, byte for byte. They do not modify their inputs,
// and are safe for concurrent use. So are [Reading.WriteFor] and
// [Reading.WriteMarked], which do not change the Reading: one Reading may
// write every partner's copy from several goroutines at once.
package csaf
