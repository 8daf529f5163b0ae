package csaf_test

import (
	"testing"

	"github.com/disclosurekit/disclosure/csaf"
)

// TestAdvisoryWithoutSections: the advisory of a document with no
// classified element has no sections, nil as in an Advisory built by
// hand, so that the two compare equal.
func TestAdvisoryWithoutSections(t *testing.T) {
	a, err := readAdvisory(withVulns(`[{"cve": "CVE-2025-0001"}]`), csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if a.Sections != nil {
		t.Errorf("sections %#v, want nil", a.Sections)
	}
}
