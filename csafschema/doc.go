// Package csafschema holds the test that validates the documents package
// csaf writes against the official OASIS CSAF JSON schemas, 2.0 and 2.1.
//
// It is a module of its own so that the root module, which must stay free
// of dependencies, does not need a JSON Schema validator: the test uses
// github.com/santhosh-tekuri/jsonschema/v6 (drafts 2019-09 and 2020-12),
// with github.com/dlclark/regexp2 for the ECMAScript regular expressions
// of the CSAF 2.1 schemas (their look-aheads are beyond Go's regexp). The
// schemas and the CVSS schemas they refer to are read from local copies
// under testdata; nothing is fetched from the network.
//
// Run it from this directory:
//
//	go test ./...
package csafschema
