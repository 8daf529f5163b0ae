package disclosure_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
)

// ltDemo returns a file of the command's demo, with each old string
// (which must occur exactly once) replaced by the new one after it.
func ltDemo(t *testing.T, name string, oldNew ...string) string {
	t.Helper()
	b, err := os.ReadFile("cmd/disclose/demo/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return vtEdit(string(b), oldNew...)
}

// ltCheck checks that err lists exactly the problems want, in order, each
// wrapping sentinel.
func ltCheck(t *testing.T, err error, sentinel error, want ...string) {
	t.Helper()
	got := idProblems(t, err)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var ve *disclosure.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			if p.Err != sentinel {
				t.Errorf("%s: wraps %v, want %v", p, p.Err, sentinel)
			}
		}
	}
}

// A file with an unknown field, an unknown severity, revision 0 and an
// unknown class reports all four: decoding goes on past each problem, and
// what decoded is validated.
func TestLoadReportsEveryProblem(t *testing.T) {
	in := vtEdit(vtAdvisoryJSON,
		`"revision": 1,`, `"revision": 0, "colour": "blue",`,
		`"critical"`, `"severe"`,
		`{"class": "mitigations"`, `{"class": "secret"`)
	_, err := disclosure.LoadAdvisory(strings.NewReader(in))
	ltCheck(t, err, disclosure.ErrInvalidAdvisory,
		`colour: unknown field "colour"`,
		`severity: unknown severity "severe" (want one of none, low, medium, high, critical)`,
		`sections[1].class: unknown class "secret" (want one of summary, description, mitigations, indicators, detection-guidance, technical-details, repro-steps, proof-of-concept, unclassified)`,
		`revision: must be at least 1, got 0`)
}

func TestLoadDemoFilesEditedByHand(t *testing.T) {
	t.Run("policy", func(t *testing.T) {
		in := ltDemo(t, "policy-before-2025-07.json",
			`"name": "before-2025-07",`, `"name": "before-2025-07", "version": 2,`,
			`"lead": "24h"`, `"lead": "-24h"`,
			`"rank": 3`, `"rank": 2`,
			`"tlp": "AMBER"`, `"tlp": "WHITE"`,
			`"classes": [
      "summary",
      "description",
      "mitigations"
    ],`, `"classes": ["summary", "descriptions", "mitigations", "summary"], "lead": 24,`)
		_, err := disclosure.LoadPolicy(strings.NewReader(in))
		ltCheck(t, err, disclosure.ErrInvalidPolicy,
			`version: unknown field "version"`,
			`tiers[0].tlp: unknown TLP 2.0 label "WHITE" (want one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED)`,
			`tiers[1].lead: lead "-24h": must not be negative`,
			`restricted.classes[1]: unknown class "descriptions" (want one of summary, description, mitigations, indicators, detection-guidance, technical-details, repro-steps, proof-of-concept, unclassified)`,
			`restricted.lead: expected a string, got a number`,
			// Validation, without "tiers[0].tlp: required", "tiers[1].lead"
			// or "restricted.classes[1]" again.
			`tiers[2].rank: 2 repeats tiers[1]`,
			`restricted.classes[3]: class "summary" repeated`)
		// The method reports the decoding problems alone, and changes nothing.
		p := disclosure.DefaultPolicy()
		err = p.UnmarshalJSON([]byte(in))
		ltCheck(t, err, disclosure.ErrInvalidPolicy,
			`version: unknown field "version"`,
			`tiers[0].tlp: unknown TLP 2.0 label "WHITE" (want one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED)`,
			`tiers[1].lead: lead "-24h": must not be negative`,
			`restricted.classes[1]: unknown class "descriptions" (want one of summary, description, mitigations, indicators, detection-guidance, technical-details, repro-steps, proof-of-concept, unclassified)`,
			`restricted.lead: expected a string, got a number`)
		if p.Name != "default" {
			t.Errorf("UnmarshalJSON changed the policy on error: %q", p.Name)
		}
	})
	t.Run("partners", func(t *testing.T) {
		in := ltDemo(t, "partners.json",
			`"id": "ardentic",`, `"id": "ardentic", "id": "ardentic2",`,
			`"jurisdictions": ["DE"],`, `"jurisdictions": ["DE", "UK"], "status": "paused", "colour": 1,`,
			`"signed_at": "2024-05-20T10:00:00+09:00"`, `"signed_at": "2024-05-20"`,
			`"id": "tavoran",`, `"id": "Tavoran ",`)
		_, err := disclosure.LoadPartners(strings.NewReader(in))
		ltCheck(t, err, disclosure.ErrInvalidPartner,
			`partners[0].id: duplicate field "id"`,
			`partners[2].status: unknown status "paused" (want one of active, suspended, removed)`,
			`partners[2].colour: unknown field "colour"`,
			`partners[2].status: duplicate field "status"`,
			`partners[3].agreement.signed_at: "2024-05-20" is not an RFC 3339 time with a zone offset (such as 2025-07-08T17:00:00Z)`,
			`partners[2].jurisdictions[1]: "UK" is not an ISO 3166-1 alpha-2 code`,
			`partners[4].id: "Tavoran " has U+0020 SPACE at byte 7: partner IDs are ASCII letters, digits and . - _ : @`)
	})
	t.Run("advisory", func(t *testing.T) {
		in := ltDemo(t, "advisory.json",
			`"revision": 1,`, `"revision": "1",`,
			`"CVE-2025-49706"
  ],`, `"CVE-2025-49706", "CVE-2025-49706"
  ], "tlp": "amber",`,
			`"ready_at": "2025-07-01T16:00:00Z",`, `"ready_at": "2025-07-09T16:00:00Z",`,
			`"class": "indicators"`, `"class": "iocs"`)
		_, err := disclosure.LoadAdvisory(strings.NewReader(in))
		ltCheck(t, err, disclosure.ErrInvalidAdvisory,
			`revision: expected a number, got a string`,
			`tlp: unknown TLP 2.0 label "amber" (want one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED)`,
			`sections[2].class: unknown class "iocs" (want one of summary, description, mitigations, indicators, detection-guidance, technical-details, repro-steps, proof-of-concept, unclassified)`,
			`cves[2]: "CVE-2025-49706" repeats cves[1]`,
			`ready_at: after public_at`)
	})
}

// Invalid JSON stops decoding: the problems before it are reported, and
// nothing is validated.
func TestLoadStopsAtInvalidJSON(t *testing.T) {
	in := vtEdit(vtAdvisoryJSON, `"revision": 1,`, `"revision": 0, "colour": "blue",`, `"body": "Patch."`, `"body": Patch.`)
	_, err := disclosure.LoadAdvisory(strings.NewReader(in))
	ltCheck(t, err, disclosure.ErrInvalidAdvisory,
		`colour: unknown field "colour"`,
		`sections[1].body: invalid JSON at byte 322: invalid character 'P' looking for beginning of value`)
}

// A missing list is required; a list of the wrong type is reported once.
func TestLoadPartnersListOfWrongType(t *testing.T) {
	_, err := disclosure.LoadPartners(strings.NewReader(`{"partners": {"id": "x"}, "extra": 1}`))
	ltCheck(t, err, disclosure.ErrInvalidPartner,
		`partners: expected an array, got an object`,
		`extra: unknown field "extra"`)
	_, err = disclosure.LoadPartners(strings.NewReader(`{"extra": 1}`))
	ltCheck(t, err, disclosure.ErrInvalidPartner,
		`extra: unknown field "extra"`,
		`partners: required (an empty list is [])`)
}
