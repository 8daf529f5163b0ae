package main

import (
	"bytes"
	"encoding/json"
)

// A fileKind is what an input file holds, as sniff tells it.
type fileKind string

// The kinds of input file, named as messages name them.
const (
	kindUnknown  fileKind = ""
	kindCSAF     fileKind = "CSAF advisory"
	kindPolicy   fileKind = "policy"
	kindAdvisory fileKind = "advisory"
	kindPartners fileKind = "partner list"
)

// sniff tells what an input file holds from the members of its top-level
// object, read as far as the JSON is well formed: a CSAF advisory has
// "document" (where CSAF keeps document.csaf_version), a policy "tiers",
// an advisory of this tool's format "public_at" or "sections", a partner
// list "partners", in that order of precedence. What is wrong with the
// file is left to the loader of its kind, which reports it with its path:
// a CSAF document that lacks its csaf_version, or has a syntax error after
// the key "document", is reported by the CSAF reader.
func sniff(data []byte) fileKind {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return kindUnknown
	}
	seen := make(map[string]bool)
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			break
		}
		if k, ok := key.(string); ok {
			seen[k] = true
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			break
		}
	}
	switch {
	case seen["document"]:
		return kindCSAF
	case seen["tiers"]:
		return kindPolicy
	case seen["public_at"] || seen["sections"]:
		return kindAdvisory
	case seen["partners"]:
		return kindPartners
	}
	return kindUnknown
}
