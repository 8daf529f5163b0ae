package disclosure_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// Helpers of the validation tests are prefixed with vt, so that they
// cannot clash with those of other tests of the package.

// vtPolicyJSON is a small valid policy; the malformed cases below each
// change one thing in it.
const vtPolicyJSON = `{
  "name": "test",
  "calendar_zone": "America/Los_Angeles",
  "tiers": [
    {"name": "responder", "rank": 1, "lead": "0", "classes": ["summary", "description"], "tlp": "AMBER"},
    {"name": "entry", "rank": 2, "lead": "24h", "classes": ["summary", "description", "proof-of-concept"], "tlp": "AMBER+STRICT"}
  ],
  "restricted": {"classes": ["summary"], "lead": "0", "tlp": "CLEAR"},
  "restrict_when": {"binds": ["discoverers"]}
}`

// vtAdvisoryJSON is a valid advisory. "cHJpbnQoMSkK" is base64 of "print(1)\n".
const vtAdvisoryJSON = `{
  "id": "ADV-2025-0042",
  "revision": 1,
  "cves": ["CVE-2025-49704"],
  "title": "SharePoint remote code execution",
  "severity": "critical",
  "public_at": "2025-07-08T17:00:00Z",
  "sections": [
    {"class": "description", "body": "A deserialization flaw."},
    {"class": "mitigations", "body": "Patch."}
  ],
  "artifacts": [{"class": "proof-of-concept", "name": "poc.py", "data": "cHJpbnQoMSkK"}]
}`

// vtPartnersJSON is a valid partner list.
const vtPartnersJSON = `{"partners": [
  {"id": "us-av", "tier": "entry", "jurisdictions": ["US"], "status": "active", "agreement": {"version": "2024-01", "signed_at": "2024-02-01T00:00:00Z"}},
  {"id": "de-ids", "tier": "responder", "jurisdictions": ["DE"], "status": "active", "agreement": {"version": "2024-01", "signed_at": "2024-02-01T00:00:00Z"}},
  {"id": "jp-ti", "tier": "entry", "jurisdictions": ["JP"], "status": "active", "agreement": {"version": "2024-03", "signed_at": "2024-04-01T00:00:00Z"}}
]}`

// vtEdit returns base with each old string (which must occur exactly once)
// replaced by the new one that follows it.
func vtEdit(base string, oldNew ...string) string {
	for i := 0; i+1 < len(oldNew); i += 2 {
		if n := strings.Count(base, oldNew[i]); n != 1 {
			panic(fmt.Sprintf("test bug: %q occurs %d times in the base text", oldNew[i], n))
		}
		base = strings.Replace(base, oldNew[i], oldNew[i+1], 1)
	}
	return base
}

var vtSigned = time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)

func vtPartner(id, tier string, jurisdictions ...string) disclosure.Partner {
	return disclosure.Partner{
		ID: id, Tier: tier, Jurisdictions: jurisdictions, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{Version: "2024-01", SignedAt: vtSigned},
	}
}

func vtAdvisory() disclosure.Advisory {
	return disclosure.Advisory{
		ID:       "ADV-2025-0042",
		Revision: 1,
		CVEs:     []string{"CVE-2025-49704"},
		Title:    "SharePoint remote code execution",
		Severity: disclosure.SeverityCritical,
		PublicAt: time.Date(2025, 7, 8, 17, 0, 0, 0, time.UTC),
		Sections: []disclosure.Section{
			{Class: disclosure.ClassDescription, Body: "A deserialization flaw."},
			{Class: disclosure.ClassMitigations, Body: "Patch."},
		},
		Artifacts: []disclosure.Artifact{
			{Class: disclosure.ClassProofOfConcept, Name: "poc.py", Data: []byte("print(1)\n")},
		},
	}
}

func vtPartners() []disclosure.Partner {
	return []disclosure.Partner{
		vtPartner("us-av", "entry", "US"),
		vtPartner("de-ids", "responder", "DE"),
		vtPartner("jp-ti", "validate", "JP"),
	}
}

type vtEntry string

const (
	vtLoadPolicy           vtEntry = "LoadPolicy"
	vtLoadAdvisory         vtEntry = "LoadAdvisory"
	vtLoadPartners         vtEntry = "LoadPartners"
	vtDisclose             vtEntry = "Disclose"
	vtPlan                 vtEntry = "Plan"
	vtUnmarshalPolicy      vtEntry = "json.Unmarshal(Policy)"
	vtUnmarshalAdvisory    vtEntry = "json.Unmarshal(Advisory)"
	vtUnmarshalPartner     vtEntry = "json.Unmarshal(Partner)"
	vtUnmarshalDisclosure  vtEntry = "json.Unmarshal(Disclosure)"
	vtMethodUnmarshalAdvis vtEntry = "(*Advisory).UnmarshalJSON"
)

// A vtCase is one malformed input: JSON text for the loaders and
// json.Unmarshal, or changes to valid Go values for Disclose and Plan.
type vtCase struct {
	name  string
	entry vtEntry
	in    string // JSON text

	policy   func(*disclosure.Policy)                        // Disclose, Plan: change DefaultPolicy
	advisory func(*disclosure.Advisory)                      // Disclose, Plan: change vtAdvisory
	partner  func(*disclosure.Partner)                       // Disclose: change us-av (entry, US)
	partners func([]disclosure.Partner) []disclosure.Partner // Plan: change vtPartners

	sentinel error
	path     string   // exact path of one FieldError
	msg      string   // substring of that FieldError's message
	notPaths []string // paths that must not be reported
}

// run calls the entry point, turning a panic into an error of the test.
func (c *vtCase) run() (result any, panicked any, err error) {
	defer func() {
		if r := recover(); r != nil {
			panicked = r
		}
	}()
	switch c.entry {
	case vtLoadPolicy:
		result, err = disclosure.LoadPolicy(strings.NewReader(c.in))
	case vtLoadAdvisory:
		result, err = disclosure.LoadAdvisory(strings.NewReader(c.in))
	case vtLoadPartners:
		result, err = disclosure.LoadPartners(strings.NewReader(c.in))
	case vtDisclose, vtPlan:
		p, a := disclosure.DefaultPolicy(), vtAdvisory()
		if c.policy != nil {
			c.policy(&p)
		}
		if c.advisory != nil {
			c.advisory(&a)
		}
		if c.entry == vtDisclose {
			to := vtPartner("us-av", "entry", "US")
			if c.partner != nil {
				c.partner(&to)
			}
			result, err = disclosure.Disclose(p, a, to)
		} else {
			ps := vtPartners()
			if c.partners != nil {
				ps = c.partners(ps)
			}
			result, err = disclosure.Plan(p, a, ps)
		}
	case vtUnmarshalPolicy:
		var v disclosure.Policy
		err = json.Unmarshal([]byte(c.in), &v)
		result = v
	case vtUnmarshalAdvisory:
		var v disclosure.Advisory
		err = json.Unmarshal([]byte(c.in), &v)
		result = v
	case vtUnmarshalPartner:
		var v disclosure.Partner
		err = json.Unmarshal([]byte(c.in), &v)
		result = v
	case vtUnmarshalDisclosure:
		var v disclosure.Disclosure
		err = json.Unmarshal([]byte(c.in), &v)
		result = v
	case vtMethodUnmarshalAdvis:
		var v disclosure.Advisory
		err = v.UnmarshalJSON([]byte(c.in))
		result = v
	default:
		panic("test bug: unknown entry " + string(c.entry))
	}
	return result, nil, err
}

var vtSentinels = []error{
	disclosure.ErrInvalidPolicy, disclosure.ErrInvalidAdvisory,
	disclosure.ErrInvalidPartner, disclosure.ErrInvalidDisclosure,
}

func vtSentinelName(err error) string {
	switch err {
	case disclosure.ErrInvalidPolicy:
		return "ErrInvalidPolicy"
	case disclosure.ErrInvalidAdvisory:
		return "ErrInvalidAdvisory"
	case disclosure.ErrInvalidPartner:
		return "ErrInvalidPartner"
	case disclosure.ErrInvalidDisclosure:
		return "ErrInvalidDisclosure"
	}
	return fmt.Sprintf("%v", err)
}

// vtProblems returns the problems of err, which must be a *ValidationError.
func vtProblems(t *testing.T, err error) []*disclosure.FieldError {
	t.Helper()
	var ve *disclosure.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %T %q is not a *disclosure.ValidationError", err, err)
	}
	if len(ve.Problems) == 0 {
		t.Fatalf("ValidationError without problems")
	}
	return ve.Problems
}

func vtFind(ps []*disclosure.FieldError, path string) *disclosure.FieldError {
	for _, p := range ps {
		if p.Path == path {
			return p
		}
	}
	return nil
}

func vtPaths(ps []*disclosure.FieldError) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("%q: %s", p.Path, p.Message)
	}
	return out
}
