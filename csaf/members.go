package csaf

//go:generate go run ./internal/schemagen/cmd/schemagen -schemas testdata/schema -o members_gen.go

import "slices"

// A schemaTable holds the members a CSAF version defines at each position
// of a document (members_gen.go, generated from the official schemas).
type schemaTable struct {
	version   string
	positions []position
}

// A position is one place of a document, such as document.tracking.
type position struct {
	open    bool      // the schemas do not forbid other members here
	items   uint16    // the position of the elements of an array value; 0: none
	members []defined // sorted by name
}

// defined is a member defined at a position.
type defined struct {
	name     string
	pos      uint16 // the position of its value
	required bool
}

const (
	req = true
	opt = false
)

// Positions with a fixed number.
const (
	posLeaf     = 0 // a value without structure: members and elements there are undefined
	posDocument = 1 // the root of a document
)

// member returns the member key defined at position p, if any.
func (t *schemaTable) member(p uint16, key string) (defined, bool) {
	ms := t.positions[p].members
	i, ok := slices.BinarySearchFunc(ms, key, func(d defined, k string) int {
		switch {
		case d.name < k:
			return -1
		case d.name > k:
			return 1
		}
		return 0
	})
	if !ok {
		return defined{}, false
	}
	return ms[i], true
}

// child returns the position of the member key of position p, and
// whether p defines it.
func (t *schemaTable) child(p uint16, key string) (uint16, bool) {
	d, ok := t.member(p, key)
	return d.pos, ok
}

// items returns the position of the elements of an array at position p.
func (t *schemaTable) items(p uint16) uint16 { return t.positions[p].items }

// tableOf returns the table of a CSAF version, "2.0" or "2.1".
func tableOf(version string) *schemaTable {
	if version == "2.1" {
		return &schema21
	}
	return &schema20
}
