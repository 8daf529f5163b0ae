package csafschema_test

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// sharedDir holds the project's research data: real CSAF documents, 2.0
// and 2.1 (under 2.1/). Only the tests that say so read it; they skip that
// part when it is absent.
var sharedDir = filepath.Join("..", "..", "shared", "data", "csaf")

// A source is a CSAF document the tests write copies of.
type source struct {
	name string // as reported: "csaf/testdata/rhsa-2021_5186.json"
	path string
	doc  []byte
}

// A partnerCopy is one partner's copy of a source, as export writes it.
type partnerCopy struct {
	src     *source
	d       disclosure.Disclosure
	partner disclosure.Partner
	data    []byte
	file    string // the file name Write gives the copy
	marked  bool   // written by WriteMarked, of a source with placeholders
}

// testdataSources returns the documents under ../csaf/testdata.
func testdataSources(t *testing.T) []*source {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "csaf", "testdata", "*.json"))
	if err != nil || len(paths) < 10 {
		t.Fatalf("want at least 10 documents under ../csaf/testdata, got %d (%v)", len(paths), err)
	}
	return readSources(t, paths, "csaf/testdata/")
}

// sharedSources returns the documents of the research data
// (../../shared/data/csaf and its 2.1/), leaving out those whose content is
// a document of seen (copied into csaf/testdata unchanged), how many it
// left out, and whether the folder is there at all.
func sharedSources(t *testing.T, seen []*source) (_ []*source, same int, ok bool) {
	t.Helper()
	if _, err := os.Stat(sharedDir); err != nil {
		return nil, 0, false
	}
	var paths []string
	for _, pattern := range []string{"*.json", filepath.Join("2.1", "*.json")} {
		ps, err := filepath.Glob(filepath.Join(sharedDir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, ps...)
	}
	sums := make(map[[32]byte]bool, len(seen))
	for _, s := range seen {
		sums[sha256.Sum256(s.doc)] = true
	}
	var out []*source
	for _, s := range readSources(t, paths, "shared/data/csaf/") {
		if sums[sha256.Sum256(s.doc)] {
			same++
		} else {
			out = append(out, s)
		}
	}
	return out, same, true
}

func readSources(t *testing.T, paths []string, prefix string) []*source {
	t.Helper()
	out := make([]*source, 0, len(paths))
	for _, p := range paths {
		doc, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel := filepath.Base(p)
		if filepath.Base(filepath.Dir(p)) == "2.1" {
			rel = "2.1/" + rel
		}
		out = append(out, &source{name: prefix + rel, path: p, doc: doc})
	}
	return out
}

// demoPartners returns the partners of the CLI's demo with every agreement
// signed on 2020-01-01, so that the partners are entitled to the test
// documents, most of which were released before the demo's agreements
// were signed.
func demoPartners(t *testing.T) []disclosure.Partner {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "cmd", "disclose", "demo", "partners.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	partners, err := disclosure.LoadPartners(f)
	if err != nil {
		t.Fatal(err)
	}
	for i := range partners {
		partners[i].Agreement.SignedAt = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return partners
}

// copiesOf writes every entitled partner's copy of src under the default
// policy and options, as "disclose export --all" does. A document csaf.Read
// refuses has no copies: ok is false.
func copiesOf(t *testing.T, src *source, partners []disclosure.Partner) (copies []partnerCopy, ok bool) {
	t.Helper()
	opts := csaf.DefaultOptions()
	r, err := csaf.Read(src.doc, opts)
	if err != nil {
		t.Logf("%s: not a document csaf.Read takes, no copies: %v", src.name, err)
		return nil, false
	}
	plan, err := disclosure.Plan(disclosure.DefaultPolicy(), r.Advisory, partners)
	if err != nil {
		t.Fatalf("%s: %v", src.name, err)
	}
	byID := make(map[string]disclosure.Partner, len(partners))
	for _, p := range partners {
		byID[p.ID] = p
	}
	for _, d := range plan {
		if !d.Entitled {
			continue
		}
		data, name, err := csaf.WriteFor(src.doc, d, byID[d.PartnerID], opts)
		if err != nil {
			t.Errorf("%s for %s: %v", src.name, d.PartnerID, err)
			continue
		}
		if bytes.Equal(data, src.doc) {
			t.Errorf("%s for %s: the copy is the original", src.name, d.PartnerID)
		}
		copies = append(copies, partnerCopy{src: src, d: d, partner: byID[d.PartnerID], data: data, file: name})
	}
	return copies, true
}
