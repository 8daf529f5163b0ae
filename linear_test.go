package disclosure_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

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
		fmt.Fprintf(&b, `{"id":"L%d","name":"n","jurisdictions":["US"],"binds":["discoverers"],"triggers":["any-vulnerability"],"effective_from":"2020-01-01T00:00:00Z"}`, i)
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

// TestLoadersTakeLinearTime loads inputs of n and 4n items: a check that
// compares every item with every other takes 16 times as long for the
// larger, a linear one 4 times.
func TestLoadersTakeLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("loads large inputs")
	}
	const n = 20000
	for _, c := range []struct {
		name  string
		input func(int) []byte
		load  func([]byte) error
	}{
		{"LoadAdvisory, CVEs", ltAdvisory, func(b []byte) error { _, err := disclosure.LoadAdvisory(bytes.NewReader(b)); return err }},
		{"LoadPolicy, tiers and laws", ltPolicy, func(b []byte) error { _, err := disclosure.LoadPolicy(bytes.NewReader(b)); return err }},
		{"LoadPartners", ltPartners, func(b []byte) error { _, err := disclosure.LoadPartners(bytes.NewReader(b)); return err }},
	} {
		small, large := c.input(n), c.input(4*n)
		fastest := func(in []byte) time.Duration {
			best := time.Duration(1 << 62)
			for range 3 {
				start := time.Now()
				if err := c.load(in); err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				best = min(best, time.Since(start))
			}
			return best
		}
		ts, tl := fastest(small), fastest(large)
		if ratio := float64(tl) / float64(ts); ratio > 10 {
			t.Errorf("%s: %d items in %v, %d in %v: %.1f times as long", c.name, n, ts, 4*n, tl, ratio)
		} else {
			t.Logf("%s: %d items in %v, %d in %v", c.name, n, ts, 4*n, tl)
		}
	}
}
