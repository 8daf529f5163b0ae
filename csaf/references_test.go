package csaf_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// refsDoc is a CSAF 2.0 document of category, publisher namespace ns, and
// one document reference.
func refsDoc(category, ns, ref string) []byte {
	return []byte(fmt.Sprintf(`{"document": {"category": %q, "csaf_version": "2.0",
  "publisher": {"category": "vendor", "name": "Example", "namespace": %q},
  "references": [%s],
  "title": "Test", "tracking": {"current_release_date": "2025-07-01T00:00:00Z", "id": "TEST-1",
  "initial_release_date": "2025-07-01T00:00:00Z",
  "revision_history": [{"date": "2025-07-01T00:00:00Z", "number": "1", "summary": "First"}],
  "status": "final", "version": "1"}}}`, category, ns, ref))
}

// TestPublisherReferences: a reference to the publisher's own site (the
// host of its namespace, without www., or a subdomain, under the
// namespace's path if it has one) is the summary, unless a title rule
// matches its summary or URL; any other external reference stays
// unclassified, however its URL tries to look like the publisher's.
func TestPublisherReferences(t *testing.T) {
	tests := []struct {
		ns, url, summary string
		want             disclosure.Class
	}{
		{"https://www.redhat.com", "https://access.redhat.com/errata/RHSA-2021:5186", "Errata", disclosure.ClassSummary},
		{"https://www.redhat.com", "https://bugzilla.redhat.com/show_bug.cgi?id=2031667", "bz#2031667", disclosure.ClassSummary},
		{"https://www.redhat.com", "https://redhat.com/", "Home", disclosure.ClassSummary},
		{"https://www.redhat.com", "http://WWW.RedHat.COM./security", "Security", disclosure.ClassSummary},
		{"https://www.redhat.com", "https://www.redhat.com:443/en", "Port", disclosure.ClassSummary},
		{"https://www.cisa.gov/", "https://us-cert.cisa.gov/ics/tips/ICS-TIP-12-146-01B", "Recommended Practices", disclosure.ClassSummary},
		{"https://psirt.example.com", "https://docs.psirt.example.com/guide", "Hardening guide", disclosure.ClassSummary},
		// Not the publisher's site.
		{"https://psirt.example.com", "https://example.com/guide", "The parent domain", disclosure.ClassUnclassified},
		{"https://www.redhat.com", "https://redhat.com.attacker.example/x", "Look-alike host", disclosure.ClassUnclassified},
		{"https://www.redhat.com", "https://notredhat.com/x", "Suffix without a dot", disclosure.ClassUnclassified},
		{"https://www.redhat.com", "https://www.redhat.com@attacker.example/x", "User information", disclosure.ClassUnclassified},
		{"https://www.redhat.com", "https://attacker.example/?u=https://www.redhat.com", "In the query", disclosure.ClassUnclassified},
		{"https://www.redhat.com", "ftp://ftp.redhat.com/pub", "Not the web", disclosure.ClassUnclassified},
		{"https://www.redhat.com", "//access.redhat.com/x", "Relative", disclosure.ClassUnclassified},
		// A namespace with a path holds what is under it only.
		{"https://github.com/acme", "https://github.com/acme/advisories/1", "Under the path", disclosure.ClassSummary},
		{"https://github.com/acme/", "https://github.com/acme", "The path itself", disclosure.ClassSummary},
		{"https://github.com/acme", "https://github.com/acmex/exploit", "Another account", disclosure.ClassUnclassified},
		{"https://github.com/acme", "https://github.com/attacker/tool", "Another account", disclosure.ClassUnclassified},
		{"https://github.com/acme", "https://github.com/acme/../attacker/tool", "Out by ..", disclosure.ClassUnclassified},
		{"https://github.com/acme", "https://gist.github.com/acme/1", "Another host", disclosure.ClassUnclassified},
		// A namespace that names no site.
		{"https://localhost", "https://localhost/x", "Single label", disclosure.ClassUnclassified},
		{"https://www.com", "https://attacker.com/x", "www. and a single label", disclosure.ClassUnclassified},
		{"urn:example:psirt", "https://example.com/x", "Not a URL of the web", disclosure.ClassUnclassified},
		// A title rule on the summary or on the URL wins.
		{"https://www.redhat.com", "https://access.redhat.com/labs/x", "Exploit code for the flaw", disclosure.ClassProofOfConcept},
		{"https://www.redhat.com", "https://access.redhat.com/poc/exploit.py", "Analysis", disclosure.ClassProofOfConcept},
		{"https://www.redhat.com", "https://access.redhat.com/articles/detection-rules", "Article", disclosure.ClassDetectionGuidance},
		{"https://www.redhat.com", "https://access.redhat.com/iocs.csv", "Data", disclosure.ClassIndicators},
	}
	for _, tt := range tests {
		for _, category := range []string{`"category": "external", `, ""} {
			ref := fmt.Sprintf(`{%s"summary": %q, "url": %q}`, category, tt.summary, tt.url)
			r, err := csaf.Read(refsDoc("csaf_base", tt.ns, ref), csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Elements) != 1 || r.Elements[0].Class != tt.want {
				t.Errorf("namespace %s, reference %s: %+v, want %s", tt.ns, ref, r.Elements, tt.want)
			}
			if tt.want == disclosure.ClassSummary && !strings.Contains(r.Elements[0].Rule, "reference to the publisher's own site") {
				t.Errorf("rule %q", r.Elements[0].Rule)
			}
		}
	}
}

// TestSupersedingReference: in a superseded CSAF 2.1 document, a document
// reference whose summary starts with "Superseding Document" travels with
// every copy (test 6.1.27.19 requires it), wherever it points; elsewhere
// it is an external reference like any other.
func TestSupersedingReference(t *testing.T) {
	const ref = `{"category": "external", "summary": "Superseding Document: OTHER-2", "url": "https://other.example/other-2.json"}`
	for _, tt := range []struct {
		category, version, ref string
		want                   disclosure.Class
	}{
		{"csaf_superseded", "2.1", ref, disclosure.ClassSummary},
		{"csaf_superseded", "2.1", strings.Replace(ref, "OTHER-2", "OTHER-2, with exploit code", 1), disclosure.ClassProofOfConcept},
		{"csaf_superseded", "2.1", strings.Replace(ref, "Superseding Document", "See", 1), disclosure.ClassUnclassified},
		{"csaf_security_advisory", "2.1", ref, disclosure.ClassUnclassified},
	} {
		doc := refsDoc(tt.category, "https://psirt.example.com", tt.ref)
		doc = []byte(strings.Replace(string(doc), `"csaf_version": "2.0",`, `"csaf_version": "2.1",
  "distribution": {"tlp": {"label": "GREEN"}},`, 1))
		doc = []byte(`{"$schema": "https://docs.oasis-open.org/csaf/csaf/v2.1/schema/csaf.json", ` + string(doc[1:]))
		r, err := csaf.Read(doc, csaf.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Elements) != 1 || r.Elements[0].Class != tt.want {
			t.Errorf("%s, %s: %+v, want %s", tt.category, tt.ref, r.Elements, tt.want)
		}
	}
}
