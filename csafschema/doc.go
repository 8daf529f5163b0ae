// Package csafschema holds the tests that check the documents package csaf
// writes with the tools a partner runs on them: the official OASIS CSAF
// JSON schemas, 2.0 and 2.1, the BSI CSAF validator library's mandatory
// tests, and gocsaf's csaf_validator.
//
// It is a module of its own so that the root module, which must stay free
// of dependencies, does not need a JSON Schema validator: the test uses
// github.com/santhosh-tekuri/jsonschema/v6 (drafts 2019-09 and 2020-12),
// with github.com/dlclark/regexp2 for the ECMAScript regular expressions
// of the CSAF 2.1 schemas (their look-aheads are beyond Go's regexp). The
// schemas and the CVSS schemas they refer to are read from local copies
// under testdata; nothing is fetched from the network.
//
// The folder bsi holds the BSI validator library
// (@secvisogram/csaf-validator-lib, an npm package pinned by bsi/package.json
// and bsi/package-lock.json) and bsi/check.mjs, which runs its strict
// schema test and every mandatory test of a document's CSAF version on
// files, and makes no network request. TestCopiesPassMandatoryTests writes
// every entitled demo partner's copy of every document under
// ../csaf/testdata and of the project's research data
// (../../shared/data/csaf, when it is there), and fails when a copy fails a
// test its original passes. It skips when Node.js or the library is
// missing, unless CSAF_BSI_REQUIRED is set.
//
// TestGocsafValidatorAcceptsCopies runs gocsaf's csaf_validator
// (github.com/gocsaf/csaf/v3, a tool of the nested module ../tools, run
// with go tool) on every CSAF 2.0 copy, in a file of the name csaf.Write
// gives it: the tool checks the 2.0 schema and that the file name follows
// from the tracking ID, and must accept every copy.
//
// Each test checks marked copies too, as "disclose export
// --mark-key-file" writes them (csaf.WriteMarked): of each document with a
// {{mark}} placeholder added to every note, remediation, threat,
// acknowledgment and involvement (the document itself when it has none),
// compared with that document. They must pass what the unmarked copies
// pass, hold no placeholder, and, traced, name their partner alone.
//
// Run them from this directory:
//
//	(cd bsi && npm ci)
//	go test ./...
package csafschema
