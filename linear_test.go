package disclosure_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/disclosurekit/disclosure"
)

// ltAdvisory returns an advisory of n CVEs, ltPolicy a policy of n tiers,
// n laws and n law names in restrict_when, and ltPartners a list of n
// partners: long lists whose checks compare each item with the others.
func ltAdvisory(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"id":"A","revision":1,"public_at":"2025-07-08T17:00:00Z","cves":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"CVE-2025-%07d"`, i)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

func ltPolicy(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"tiers":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"t%d","rank":%d,"lead":"0","classes":["summary"],"tlp":"RED"}`, i, i+1)
	}
	b.WriteString(`],"laws":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"L%d","name":"n","jurisdictions":["US"],"binds":["discoverers"],"effective_from":"2020-01-01T00:00:00Z"}`, i)
	}
	b.WriteString(`],"restrict_when":{"laws":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"L%d"`, n-1-i)
	}
	b.WriteString(`]},"restricted":{"tlp":"CLEAR"}}`)
	return b.Bytes()
}

func ltPartners(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"partners":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"p-%07d","tier":"entry","jurisdictions":["US"],"status":"active"}`, i)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// BenchmarkLoadLongLists loads inputs of n and 4n items: a check that
// compares every item with every other takes 16 times as long for the
// larger, a linear one 4 times. Compare the sub-benchmarks' times per
// operation (go test -run '^$' -bench LoadLongLists -benchmem .).
func BenchmarkLoadLongLists(b *testing.B) {
	for _, c := range []struct {
		name  string
		input func(int) []byte
		load  func([]byte) error
	}{
		{"advisory-cves", ltAdvisory, func(in []byte) error { _, err := disclosure.LoadAdvisory(bytes.NewReader(in)); return err }},
		{"policy-tiers-laws", ltPolicy, func(in []byte) error { _, err := disclosure.LoadPolicy(bytes.NewReader(in)); return err }},
		{"partners", ltPartners, func(in []byte) error { _, err := disclosure.LoadPartners(bytes.NewReader(in)); return err }},
	} {
		for _, n := range []int{5000, 20000} {
			in := c.input(n)
			b.Run(fmt.Sprintf("%s/n=%d", c.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				for b.Loop() {
					if err := c.load(in); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
