package csaf_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// documents returns the paths of the CSAF documents under testdata: the
// OASIS and vendor examples, and the two written for these tests.
func documents(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(paths) < 8 {
		t.Fatalf("want at least 8 documents under testdata, got %d (%v)", len(paths), err)
	}
	return paths
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// demoPartners returns the partners of the CLI's demo scenario with every
// agreement signed on 2020-01-01. The demo's agreements were signed in
// 2023 and 2024, after the release of most test documents, which would
// leave nearly nobody entitled and nothing to check; everything else of
// the scenario (tiers, jurisdictions, a suspended partner, an agreement
// that expires on 2025-06-30) is kept.
func demoPartners(t testing.TB) []disclosure.Partner {
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

// planFor reads a document and plans it for the demo partners under the
// default policy.
func planFor(t testing.TB, doc []byte, partners []disclosure.Partner) (disclosure.Advisory, []disclosure.Disclosure) {
	t.Helper()
	a, err := readAdvisory(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	plan, err := disclosure.Plan(disclosure.DefaultPolicy(), a, partners)
	if err != nil {
		t.Fatal(err)
	}
	return a, plan
}

// readAdvisory is csaf.Read for tests that need only the advisory.
func readAdvisory(doc []byte, opts csaf.Options) (disclosure.Advisory, error) {
	r, err := csaf.Read(doc, opts)
	return r.Advisory, err
}

// asOriginal returns the sections of a copy read back as they were in the
// original document, for comparing a copy's sections with its original's:
// the copy's references back to its original were the original's
// references to itself (of class summary), and a reference to the
// publisher's namespace that Write added for a document without one is
// dropped.
func asOriginal(sections []disclosure.Section) []disclosure.Section {
	var out []disclosure.Section
	for _, s := range sections {
		rest, ok := strings.CutPrefix(s.Title, "Reference: Original advisory ")
		if !ok {
			out = append(out, s)
			continue
		}
		if strings.Contains(rest, "; the original gives no URL of its own: this is its publisher's namespace") {
			continue
		}
		if _, summary, ok := strings.Cut(rest, "'s copy: "); ok {
			out = append(out, disclosure.Section{Class: disclosure.ClassSummary, Title: "Reference: " + summary, Body: s.Body})
		} else {
			out = append(out, disclosure.Section{Class: disclosure.ClassSummary, Title: "Reference", Body: s.Body})
		}
	}
	return out
}

// partnerOf returns the partner of the given ID.
func partnerOf(t testing.TB, partners []disclosure.Partner, id string) disclosure.Partner {
	t.Helper()
	for _, p := range partners {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no partner %q", id)
	return disclosure.Partner{}
}
