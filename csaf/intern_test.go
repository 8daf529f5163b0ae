package csaf

import (
	"fmt"
	"strings"
	"testing"
)

// TestParseInterns checks that short strings, keys and number literals
// that repeat are allocated once per document, up to internMax bytes.
func TestParseInterns(t *testing.T) {
	long := strings.Repeat("x", internMax)
	var b strings.Builder
	b.WriteString("[")
	for i := range 1000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"%s": "%s", "k": "vendor_fix", "n": 10.0, "m": %s}`, long, long, "1"+strings.Repeat("0", internMax-1))
	}
	b.WriteString("]")
	data := []byte(b.String())
	allocs := testing.AllocsPerRun(3, func() {
		if _, err := parseJSON(data); err != nil {
			t.Fatal(err)
		}
	})
	// One object and one slice of members per element, and a few for the
	// parser: the 4000 strings and 2000 numbers cost nothing each.
	if allocs > 2100 {
		t.Errorf("%.0f allocations for 1000 objects of repeated members", allocs)
	}
}

// TestParseInternBound checks that the tables of interned strings keep at
// most internEntries each, however many distinct strings a document has.
func TestParseInternBound(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := range internEntries + 100 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"k%d": "v%d", "n": %d}`, i, i, i)
	}
	b.WriteString("]")
	p := &parser{data: []byte(b.String()), keys: make(map[string]string), values: make(map[string]any), numbers: make(map[string]any)}
	if _, err := p.value(0); err != nil {
		t.Fatal(err.msg)
	}
	if len(p.keys) != internEntries || len(p.values) != internEntries || len(p.numbers) != internEntries {
		t.Errorf("tables of %d keys, %d values, %d numbers; want %d each", len(p.keys), len(p.values), len(p.numbers), internEntries)
	}
}
