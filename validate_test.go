package disclosure_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// Helpers of this file are prefixed with vt so that they cannot clash with
// those of other test files of the package.

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

func vtMalformedCases() []vtCase {
	const pol, adv, par = vtPolicyJSON, vtAdvisoryJSON, vtPartnersJSON
	errP, errA, errT, errD := disclosure.ErrInvalidPolicy, disclosure.ErrInvalidAdvisory,
		disclosure.ErrInvalidPartner, disclosure.ErrInvalidDisclosure
	return []vtCase{
		// ---- advisory timing ----
		{name: "missing public_at", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `  "public_at": "2025-07-08T17:00:00Z",`+"\n", ""),
			sentinel: errA, path: "public_at", msg: "required"},
		{name: "time without zone offset", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `"2025-07-08T17:00:00Z"`, `"2025-07-08T17:00:00"`),
			sentinel: errA, path: "public_at", msg: "zone offset"},
		{name: "ready_at after public_at", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `"revision": 1,`, `"revision": 1, "ready_at": "2025-07-08T17:00:01Z",`),
			sentinel: errA, path: "ready_at", msg: "after public_at"},
		{name: "embargo ended_at without reason", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `"revision": 1,`, `"revision": 1, "embargo": {"ended_at": "2025-07-07T00:00:00Z"},`),
			sentinel: errA, path: "embargo.reason", msg: "required", notPaths: []string{"embargo.ended_at"}},
		{name: "embargo ended_at after public_at", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `"revision": 1,`, `"revision": 1, "embargo": {"ended_at": "2025-07-08T17:00:01Z", "reason": "exploited"},`),
			sentinel: errA, path: "embargo.ended_at", msg: "after public_at", notPaths: []string{"embargo.reason"}},
		{name: "unknown embargo reason", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `"revision": 1,`, `"revision": 1, "embargo": {"ended_at": "2025-07-07T00:00:00Z", "reason": "leaked"}, `),
			sentinel: errA, path: "embargo.reason", msg: `"leaked"`},
		{name: "public_at year beyond 9999 in Go", entry: vtDisclose,
			advisory: func(a *disclosure.Advisory) { a.PublicAt = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
			sentinel: errA, path: "advisory.public_at", msg: "10000"},

		// ---- advisory content ----
		{name: "unknown class name in a section", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `{"class": "mitigations"`, `{"class": "secret"`),
			sentinel: errA, path: "sections[1].class", msg: `unknown class "secret"`},
		{name: "unknown class value in a Go struct literal", entry: vtDisclose,
			advisory: func(a *disclosure.Advisory) {
				a.Sections = append(a.Sections, disclosure.Section{Class: "Description", Body: "x"})
			},
			sentinel: errA, path: "advisory.sections[2].class", msg: `"Description"`,
			notPaths: []string{"advisory.sections[0].class", "advisory.sections[1].class"}},
		{name: "unknown withheld class in Go", entry: vtDisclose,
			advisory: func(a *disclosure.Advisory) { a.WithholdClasses = []disclosure.Class{"poc"} },
			sentinel: errA, path: "advisory.withhold_classes[0]", msg: `"poc"`},
		{name: "artifact without a name in Go", entry: vtPlan,
			advisory: func(a *disclosure.Advisory) { a.Artifacts[0].Name = " " },
			sentinel: errA, path: "advisory.artifacts[0].name", msg: "required"},
		{name: "revision 0", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `"revision": 1`, `"revision": 0`),
			sentinel: errA, path: "revision", msg: "at least 1"},
		{name: "revision as a string", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `"revision": 1`, `"revision": "1"`),
			sentinel: errA, path: "revision", msg: "number"},
		{name: "bad CVE ID", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `["CVE-2025-49704"]`, `["CVE-2025-49704", "CVE-25-1234"]`),
			sentinel: errA, path: "cves[1]", msg: "CVE-25-1234", notPaths: []string{"cves[0]"}},
		{name: "lower-case CVE ID", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `["CVE-2025-49704"]`, `["cve-2025-49704"]`),
			sentinel: errA, path: "cves[0]", msg: "not a CVE ID"},
		{name: "unknown severity", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `"critical"`, `"severe"`),
			sentinel: errA, path: "severity", msg: `"severe"`},
		{name: "artifact data not base64", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `"cHJpbnQoMSkK"`, `"print(1)"`),
			sentinel: errA, path: "artifacts[0].data", msg: "base64"},

		// ---- strict JSON ----
		{name: "unknown field at top level", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"name": "test",`, `"name": "test", "colour": "blue",`),
			sentinel: errP, path: "colour", msg: `unknown field "colour"`},
		{name: "unknown nested field", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"tlp": "AMBER"}`, `"tlp": "AMBER", "colour": "red"}`),
			sentinel: errP, path: "tiers[0].colour", msg: `unknown field "colour"`},
		{name: "key in the wrong case gets a hint", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `"public_at"`, `"Public_At"`),
			sentinel: errA, path: "Public_At", msg: `did you mean "public_at"`},
		{name: "nested key in the wrong case gets a hint", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `"body": "Patch."`, `"Body": "Patch."`),
			sentinel: errA, path: "sections[1].Body", msg: `did you mean "body"`},
		{name: "duplicate JSON key", entry: vtLoadAdvisory,
			in:       vtEdit(adv, `"id": "ADV-2025-0042",`, `"id": "ADV-2025-0042", "id": "ADV-2025-0043",`),
			sentinel: errA, path: "id", msg: "duplicate"},
		{name: "duplicate nested JSON key", entry: vtLoadPartners,
			in:       vtEdit(par, `"tier": "responder"`, `"tier": "responder", "tier": "entry"`),
			sentinel: errT, path: "partners[1].tier", msg: "duplicate"},
		{name: "trailing data after the value", entry: vtLoadPolicy,
			in:       pol + ` {"name": "again"}`,
			sentinel: errP, path: "", msg: "after the JSON value"},
		{name: "trailing data via the UnmarshalJSON method", entry: vtMethodUnmarshalAdvis,
			in:       adv + `]`,
			sentinel: errA, path: "", msg: "after the JSON value"},
		{name: "not JSON at all", entry: vtLoadPolicy,
			in:       `tiers: [entry, validate]`,
			sentinel: errP, path: "", msg: "invalid JSON"},
		{name: "truncated JSON", entry: vtLoadAdvisory,
			in:       `{"id": "ADV-2025-0042", "revision": `,
			sentinel: errA, path: "revision", msg: "end of JSON input"},
		{name: "empty input", entry: vtLoadAdvisory,
			in:       "",
			sentinel: errA, path: "", msg: "no JSON value"},
		{name: "only white space", entry: vtLoadPartners,
			in:       " \n\t ",
			sentinel: errT, path: "", msg: "no JSON value"},
		{name: "array where an object is expected", entry: vtLoadPolicy,
			in:       "[" + pol + "]",
			sentinel: errP, path: "", msg: "expected an object, got an array"},
		{name: "bare partner array instead of {partners}", entry: vtLoadPartners,
			in:       `[{"id": "us-av", "tier": "entry", "jurisdictions": ["US"], "status": "active"}]`,
			sentinel: errT, path: "", msg: "expected an object"},
		{name: "partners is an object", entry: vtLoadPartners,
			in:       `{"partners": {}}`,
			sentinel: errT, path: "partners", msg: "expected an array"},
		{name: "partners missing", entry: vtLoadPartners,
			in:       `{}`,
			sentinel: errT, path: "partners", msg: "required"},

		// ---- policy ----
		{name: "duplicate tier names", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"name": "entry", "rank": 2`, `"name": "responder", "rank": 2`),
			sentinel: errP, path: "tiers[1].name", msg: "repeats tiers[0]", notPaths: []string{"tiers[1].rank"}},
		{name: "duplicate tier ranks", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"name": "entry", "rank": 2`, `"name": "entry", "rank": 1`),
			sentinel: errP, path: "tiers[1].rank", msg: "repeats tiers[0]", notPaths: []string{"tiers[1].name"}},
		{name: "tier name with surrounding space", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"name": "entry"`, `"name": "entry "`),
			sentinel: errP, path: "tiers[1].name", msg: `has U+0020 SPACE at byte 5`},
		{name: "negative lead in JSON", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"lead": "24h"`, `"lead": "-24h"`),
			sentinel: errP, path: "tiers[1].lead", msg: "negative"},
		{name: "negative lead in Go", entry: vtDisclose,
			policy:   func(p *disclosure.Policy) { p.Tiers[1].Lead = disclosure.LeadDuration(-time.Hour) },
			sentinel: errP, path: "policy.tiers[1].lead", msg: "negative",
			notPaths: []string{"policy.tiers[0].lead", "policy.tiers[2].lead"}},
		{name: "negative business days in Go", entry: vtPlan,
			policy:   func(p *disclosure.Policy) { p.Restriction.Lead = disclosure.LeadBusinessDays(-3) },
			sentinel: errP, path: "policy.restricted.lead", msg: "negative"},
		{name: "unknown TLP WHITE", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"tlp": "AMBER"}`, `"tlp": "WHITE"}`),
			sentinel: errP, path: "tiers[0].tlp", msg: `"WHITE"`},
		{name: "restricted TLP missing while restrict_when is set", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"lead": "0", "tlp": "CLEAR"}`, `"lead": "0"}`),
			sentinel: errP, path: "restricted.tlp", msg: "required"},
		{name: "unknown class in a tier", entry: vtLoadPolicy,
			in:       vtEdit(pol, `["summary", "description"]`, `["summary", "descriptions"]`),
			sentinel: errP, path: "tiers[0].classes[1]", msg: `"descriptions"`},
		{name: "restrict_when.laws names a law that does not exist", entry: vtLoadPolicy,
			in: vtEdit(pol, `"restrict_when": {"binds": ["discoverers"]}`,
				`"restrict_when": {"binds": ["discoverers"], "laws": ["CN-RMSV-2021", "CN-RMSV-2017"]}`),
			sentinel: errP, path: "restrict_when.laws[1]", msg: `"CN-RMSV-2017"`,
			notPaths: []string{"restrict_when.laws[0]"}},
		{name: "restrict_when binds everyone (JSON)", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"binds": ["discoverers"]`, `"binds": ["discoverers", "everyone"]`),
			sentinel: errP, path: "restrict_when.binds[1]", msg: `"everyone"`},
		{name: "restrict_when binds everyone (Go)", entry: vtDisclose,
			policy: func(p *disclosure.Policy) {
				p.RestrictWhen.Binds = append(p.RestrictWhen.Binds, "everyone")
			},
			sentinel: errP, path: "policy.restrict_when.binds[1]", msg: `"everyone"`,
			notPaths: []string{"policy.restrict_when.binds[0]"}},
		{name: "restrict_when jurisdiction in lower case", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"binds": ["discoverers"]`, `"jurisdictions": ["RU", "cn"]`),
			sentinel: errP, path: "restrict_when.jurisdictions[1]", msg: `"CN"`},
		{name: "tier lead exceeds max_lead (durations)", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"name": "test",`, `"name": "test", "max_lead": "12h",`),
			sentinel: errP, path: "tiers[1].lead", msg: "max_lead", notPaths: []string{"tiers[0].lead"}},
		{name: "3bd can exceed max_lead 72h", entry: vtLoadPolicy,
			// Three business days before a Monday reach back to the Wednesday
			// before: 5 days, 120 hours.
			in:       vtEdit(pol, `"name": "test",`, `"name": "test", "max_lead": "72h",`, `"lead": "24h"`, `"lead": "3bd"`),
			sentinel: errP, path: "tiers[1].lead", msg: "max_lead"},
		{name: "1bd can exceed max_lead 72h", entry: vtLoadPolicy,
			// One business day before Monday 2025-11-03 10:00 PST is Friday
			// 2025-10-31 10:00 PDT: 73 hours, across the end of DST.
			in:       vtEdit(pol, `"name": "test",`, `"name": "test", "max_lead": "72h",`, `"lead": "24h"`, `"lead": "1bd"`),
			sentinel: errP, path: "tiers[1].lead", msg: "max_lead"},
		{name: "restricted lead exceeds max_lead in Go", entry: vtDisclose,
			policy: func(p *disclosure.Policy) {
				p.MaxLead = disclosure.LeadDuration(200 * time.Hour)
				p.Restriction.Lead = disclosure.LeadDuration(201 * time.Hour)
			},
			sentinel: errP, path: "policy.restricted.lead", msg: "max_lead",
			notPaths: []string{"policy.tiers[0].lead", "policy.tiers[1].lead", "policy.tiers[2].lead"}},
		{name: "invalid calendar_zone name", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"America/Los_Angeles"`, `"Mars/Olympus_Mons"`),
			sentinel: errP, path: "calendar_zone", msg: "Mars/Olympus_Mons"},
		{name: "calendar_zone Local in JSON", entry: vtUnmarshalPolicy,
			in:       vtEdit(pol, `"America/Los_Angeles"`, `"Local"`),
			sentinel: errP, path: "calendar_zone", msg: "Local"},
		{name: "time.Local as CalendarZone in Go", entry: vtDisclose,
			policy:   func(p *disclosure.Policy) { p.CalendarZone = time.Local },
			sentinel: errP, path: "policy.calendar_zone", msg: "time.Local"},
		{name: "policy with no tiers", entry: vtLoadPolicy,
			in:       `{"tiers": [], "restricted": {"classes": ["summary"], "lead": "0", "tlp": "CLEAR"}, "restrict_when": {}}`,
			sentinel: errP, path: "tiers", msg: "at least one"},
		{name: "zero policy in Go", entry: vtPlan,
			policy:   func(p *disclosure.Policy) { *p = disclosure.Policy{} },
			partners: func([]disclosure.Partner) []disclosure.Partner { return nil },
			sentinel: errP, path: "policy.tiers", msg: "at least one"},
		{name: "bad minimum agreement version", entry: vtLoadPolicy,
			in:       vtEdit(pol, `"name": "test",`, `"name": "test", "agreement": {"min_version": "2025-02-30"},`),
			sentinel: errP, path: "agreement.min_version", msg: "2025-02-30"},

		// ---- partners ----
		{name: "unknown tier for a partner (Disclose)", entry: vtDisclose,
			partner:  func(p *disclosure.Partner) { p.Tier = "gold" },
			sentinel: errT, path: "partner.tier", msg: `unknown tier "gold"`},
		{name: "unknown tier for a partner (Plan)", entry: vtPlan,
			partners: func(ps []disclosure.Partner) []disclosure.Partner { ps[1].Tier = "gold"; return ps },
			sentinel: errT, path: "partners[1].tier", msg: `unknown tier "gold"`,
			notPaths: []string{"partners[0].tier", "partners[2].tier"}},
		{name: "duplicate partner IDs (Plan)", entry: vtPlan,
			partners: func(ps []disclosure.Partner) []disclosure.Partner { ps[2].ID = "us-av"; return ps },
			sentinel: errT, path: "partners[2].id", msg: "partners[0]"},
		{name: "zero partner (Disclose)", entry: vtDisclose,
			partner:  func(p *disclosure.Partner) { *p = disclosure.Partner{} },
			sentinel: errT, path: "partner.id", msg: "required"},
		{name: "unknown ISO code XX", entry: vtLoadPartners,
			in:       vtEdit(par, `["DE"]`, `["XX"]`),
			sentinel: errT, path: "partners[1].jurisdictions[0]", msg: `"XX" is not an ISO 3166-1 alpha-2 code`},
		{name: "lower-case cn suggests CN", entry: vtLoadPartners,
			in:       vtEdit(par, `["JP"]`, `["JP", "cn"]`),
			sentinel: errT, path: "partners[2].jurisdictions[1]", msg: `"CN"`,
			notPaths: []string{"partners[2].jurisdictions[0]"}},
		{name: "EU accepted, UK rejected", entry: vtLoadPartners,
			in:       vtEdit(par, `["DE"]`, `["EU", "GB", "UK"]`),
			sentinel: errT, path: "partners[1].jurisdictions[2]", msg: `"UK"`,
			notPaths: []string{"partners[1].jurisdictions[0]", "partners[1].jurisdictions[1]"}},
		{name: "no jurisdictions", entry: vtLoadPartners,
			in:       vtEdit(par, `["DE"]`, `[]`),
			sentinel: errT, path: "partners[1].jurisdictions", msg: "at least one"},
		{name: "empty partner ID", entry: vtLoadPartners,
			in:       vtEdit(par, `"id": "de-ids"`, `"id": ""`),
			sentinel: errT, path: "partners[1].id", msg: "required"},
		{name: "unknown status", entry: vtLoadPartners,
			in:       vtEdit(par, `"jurisdictions": ["US"], "status": "active"`, `"jurisdictions": ["US"], "status": "paused"`),
			sentinel: errT, path: "partners[0].status", msg: `"paused"`},
		{name: "missing status", entry: vtLoadPartners,
			in:       vtEdit(par, `"jurisdictions": ["JP"], "status": "active", `, `"jurisdictions": ["JP"], `),
			sentinel: errT, path: "partners[2].status", msg: "required"},
		{name: "agreement with version but no signed_at", entry: vtLoadPartners,
			in:       vtEdit(par, `{"version": "2024-03", "signed_at": "2024-04-01T00:00:00Z"}`, `{"version": "2024-03"}`),
			sentinel: errT, path: "partners[2].agreement.signed_at", msg: "required"},
		{name: "bad agreement version 2025-13", entry: vtLoadPartners,
			in:       vtEdit(par, `"version": "2024-03"`, `"version": "2025-13"`),
			sentinel: errT, path: "partners[2].agreement.version", msg: `"2025-13"`},
		{name: "expires_at before signed_at", entry: vtLoadPartners,
			in: vtEdit(par, `"signed_at": "2024-04-01T00:00:00Z"}`,
				`"signed_at": "2024-04-01T00:00:00Z", "expires_at": "2024-03-31T23:59:59Z"}`),
			sentinel: errT, path: "partners[2].agreement.expires_at", msg: "before signed_at"},
		{name: "duplicate partner IDs", entry: vtLoadPartners,
			in:       vtEdit(par, `"id": "jp-ti"`, `"id": "us-av"`),
			sentinel: errT, path: "partners[2].id", msg: "partners[0]",
			notPaths: []string{"partners[0].id", "partners[1].id"}},

		// ---- json.Unmarshal into the types ----
		{name: "json.Unmarshal Advisory with wrong-case key", entry: vtUnmarshalAdvisory,
			in:       vtEdit(adv, `"public_at"`, `"Public_At"`),
			sentinel: errA, path: "Public_At", msg: `did you mean "public_at"`},
		{name: "json.Unmarshal Policy with negative lead", entry: vtUnmarshalPolicy,
			in:       vtEdit(pol, `"lead": "24h"`, `"lead": "-24h"`),
			sentinel: errP, path: "tiers[1].lead", msg: "negative"},
		{name: "json.Unmarshal Partner with unknown status", entry: vtUnmarshalPartner,
			in:       `{"id": "x", "tier": "entry", "jurisdictions": ["US"], "status": "paused"}`,
			sentinel: errT, path: "status", msg: `"paused"`},
		{name: "json.Unmarshal Disclosure with unknown reason code", entry: vtUnmarshalDisclosure,
			in: `{"partner": "p", "advisory_id": "A", "revision": 1, "tier": "entry", "entitled": true,
				"publish_not_before": "2025-07-08T17:00:00Z", "reasons": [{"code": "lead-timing", "detail": "x"}]}`,
			sentinel: errD, path: "reasons[0].code", msg: `"lead-timing"`},
		{name: "json.Unmarshal Disclosure with unknown withheld class", entry: vtUnmarshalDisclosure,
			in: `{"partner": "p", "advisory_id": "A", "revision": 1, "tier": "entry", "entitled": false,
				"publish_not_before": "2025-07-08T17:00:00Z",
				"withheld": [{"class": "secret", "reason": "partner-suspended", "detail": "x"}]}`,
			sentinel: errD, path: "withheld[0].class", msg: `"secret"`},
	}
}

func TestMalformedInputs(t *testing.T) {
	// The bases must be valid, so that each case fails for its one change.
	if _, err := disclosure.LoadPolicy(strings.NewReader(vtPolicyJSON)); err != nil {
		t.Fatalf("base policy: %v", err)
	}
	if _, err := disclosure.LoadAdvisory(strings.NewReader(vtAdvisoryJSON)); err != nil {
		t.Fatalf("base advisory: %v", err)
	}
	if _, err := disclosure.LoadPartners(strings.NewReader(vtPartnersJSON)); err != nil {
		t.Fatalf("base partners: %v", err)
	}
	if _, err := disclosure.Plan(disclosure.DefaultPolicy(), vtAdvisory(), vtPartners()); err != nil {
		t.Fatalf("base Go values: %v", err)
	}

	cases := vtMalformedCases()
	if len(cases) < 30 {
		t.Fatalf("only %d cases", len(cases))
	}
	names := map[string]bool{}
	for _, c := range cases {
		if names[c.name] {
			t.Fatalf("test bug: case name %q repeats", c.name)
		}
		names[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			result, panicked, err := c.run()
			if panicked != nil {
				t.Fatalf("%s panicked: %v", c.entry, panicked)
			}
			if err == nil {
				t.Fatalf("%s: no error", c.entry)
			}
			for _, s := range vtSentinels {
				if got, want := errors.Is(err, s), s == c.sentinel; got != want {
					t.Errorf("errors.Is(err, %s) = %v, want %v (err: %v)", vtSentinelName(s), got, want, err)
				}
			}
			ps := vtProblems(t, err)
			for _, p := range ps {
				if p.Err != c.sentinel {
					t.Errorf("problem %q: Input %v, want %v", p.Path, p.Err, c.sentinel)
				}
			}
			fe := vtFind(ps, c.path)
			if fe == nil {
				t.Fatalf("no problem at path %q; got:\n%s", c.path, strings.Join(vtPaths(ps), "\n"))
			}
			if !strings.Contains(fe.Message, c.msg) {
				t.Errorf("problem at %q: message %q does not contain %q", c.path, fe.Message, c.msg)
			}
			for _, np := range c.notPaths {
				if vtFind(ps, np) != nil {
					t.Errorf("unexpected problem at %q; got:\n%s", np, strings.Join(vtPaths(ps), "\n"))
				}
			}
			// On error the result is the zero value.
			if result != nil && !reflect.ValueOf(result).IsZero() {
				t.Errorf("%s returned a non-zero result with an error: %#v", c.entry, result)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	t.Run("policy", func(t *testing.T) {
		in := `{
  "tiers": [
    {"name": "entry", "rank": 1, "lead": "24h", "classes": ["summary"], "tlp": "AMBER"},
    {"name": "entry", "rank": 0, "lead": "48h", "classes": ["summary", "summary"], "tlp": "GREEN"}
  ],
  "max_lead": "36h",
  "restricted": {"classes": ["summary"], "lead": "0", "tlp": "CLEAR"},
  "restrict_when": {"laws": ["NO-SUCH-LAW"], "jurisdictions": ["cn"]},
  "agreement": {"min_version": "2025-13"}
}`
		_, err := disclosure.LoadPolicy(strings.NewReader(in))
		if !errors.Is(err, disclosure.ErrInvalidPolicy) {
			t.Fatalf("err = %v, want ErrInvalidPolicy", err)
		}
		want := map[string]string{
			"tiers[1].name":                  "repeats tiers[0]",
			"tiers[1].rank":                  "at least 1",
			"tiers[1].lead":                  "max_lead",
			"tiers[1].classes[1]":            "repeated",
			"restrict_when.laws[0]":          "NO-SUCH-LAW",
			"restrict_when.jurisdictions[0]": `"CN"`,
			"agreement.min_version":          "2025-13",
		}
		vtCheckExactly(t, vtProblems(t, err), want)
	})

	t.Run("policy in Go", func(t *testing.T) {
		p := disclosure.DefaultPolicy()
		p.CalendarZone = time.Local
		p.Tiers[0].TLP = "WHITE"
		p.Tiers[1].Classes = append(p.Tiers[1].Classes, "secret")
		p.Tiers[2].Lead = disclosure.LeadDuration(-time.Minute)
		p.Restriction.TLP = ""
		p.RestrictWhen.Binds = []disclosure.Party{"everyone"}
		err := p.Validate()
		want := map[string]string{
			"calendar_zone":          "time.Local",
			"tiers[0].tlp":           "WHITE",
			"tiers[1].classes[8]":    "secret",
			"tiers[2].lead":          "negative",
			"restricted.tlp":         "required",
			"restrict_when.binds[0]": "everyone",
		}
		vtCheckExactly(t, vtProblems(t, err), want)
	})

	t.Run("advisory", func(t *testing.T) {
		a := vtAdvisory()
		a.ID = ""
		a.Revision = -1
		a.CVEs = []string{"CVE-2025-1", "CVE-2025-49704", "CVE-2025-49704"}
		a.ReadyAt = a.PublicAt.Add(time.Hour)
		a.Sections[0].Class = ""
		a.Artifacts[0].Name = ""
		a.ExcludePartners = []string{""}
		err := a.Validate()
		if !errors.Is(err, disclosure.ErrInvalidAdvisory) {
			t.Fatalf("err = %v, want ErrInvalidAdvisory", err)
		}
		want := map[string]string{
			"id":                  "required",
			"revision":            "at least 1",
			"cves[0]":             "CVE-2025-1",
			"cves[2]":             "cves[1]",
			"ready_at":            "after public_at",
			"sections[0].class":   "class",
			"artifacts[0].name":   "required",
			"exclude_partners[0]": "empty",
		}
		vtCheckExactly(t, vtProblems(t, err), want)
	})

	t.Run("plan with three bad partners", func(t *testing.T) {
		ps := []disclosure.Partner{
			vtPartner("p0", "entry", "XX"),
			vtPartner("p1", "entry", "US"),
			vtPartner("p2", "gold", "US"),
			vtPartner("p3", "validate", "JP"),
			vtPartner("p4", "responder", "DE"),
			vtPartner("p5", "entry", "US"),
		}
		ps[5].Status = ""
		out, err := disclosure.Plan(disclosure.DefaultPolicy(), vtAdvisory(), ps)
		if out != nil {
			t.Errorf("Plan returned %d disclosures with an error", len(out))
		}
		for _, s := range vtSentinels {
			if got, want := errors.Is(err, s), s == disclosure.ErrInvalidPartner; got != want {
				t.Errorf("errors.Is(err, %s) = %v, want %v", vtSentinelName(s), got, want)
			}
		}
		want := map[string]string{
			"partners[0].jurisdictions[0]": `"XX"`,
			"partners[2].tier":             `"gold"`,
			"partners[5].status":           "required",
		}
		vtCheckExactly(t, vtProblems(t, err), want)
	})

	t.Run("disclose with three bad inputs", func(t *testing.T) {
		p := disclosure.DefaultPolicy()
		p.Tiers[1].TLP = "WHITE"
		a := vtAdvisory()
		a.Revision = 0
		a.PublicAt = time.Time{}
		to := vtPartner("cn-ids", "entry", "cn")
		to.Agreement.Version = "2025-13"
		d, err := disclosure.Disclose(p, a, to)
		if !reflect.ValueOf(d).IsZero() {
			t.Errorf("Disclose returned a non-zero disclosure with an error: %+v", d)
		}
		for _, s := range []error{disclosure.ErrInvalidPolicy, disclosure.ErrInvalidAdvisory, disclosure.ErrInvalidPartner} {
			if !errors.Is(err, s) {
				t.Errorf("errors.Is(err, %s) = false", vtSentinelName(s))
			}
		}
		if errors.Is(err, disclosure.ErrInvalidDisclosure) {
			t.Errorf("errors.Is(err, ErrInvalidDisclosure) = true")
		}
		ps := vtProblems(t, err)
		want := map[string]string{
			"policy.tiers[1].tlp":       "WHITE",
			"advisory.revision":         "at least 1",
			"advisory.public_at":        "required",
			"partner.jurisdictions[0]":  `"CN"`,
			"partner.agreement.version": "2025-13",
		}
		vtCheckExactly(t, ps, want)
		prefixes := map[string]error{
			"policy.": disclosure.ErrInvalidPolicy, "advisory.": disclosure.ErrInvalidAdvisory, "partner.": disclosure.ErrInvalidPartner,
		}
		for _, fe := range ps {
			ok := false
			for pre, s := range prefixes {
				if strings.HasPrefix(fe.Path, pre) {
					ok = true
					if fe.Err != s || !errors.Is(fe, s) {
						t.Errorf("%s: Input %v, want %v", fe.Path, fe.Err, s)
					}
				}
			}
			if !ok {
				t.Errorf("path %q has none of the prefixes policy., advisory., partner.", fe.Path)
			}
		}
	})
}

// vtCheckExactly checks that ps holds a problem at every path of want,
// whose message contains want[path], and no problem at any other path.
func vtCheckExactly(t *testing.T, ps []*disclosure.FieldError, want map[string]string) {
	t.Helper()
	for path, msg := range want {
		fe := vtFind(ps, path)
		if fe == nil {
			t.Errorf("no problem at %q", path)
			continue
		}
		if !strings.Contains(fe.Message, msg) {
			t.Errorf("%s: message %q does not contain %q", path, fe.Message, msg)
		}
	}
	for _, fe := range ps {
		if _, ok := want[fe.Path]; !ok {
			t.Errorf("unexpected problem %q: %s", fe.Path, fe.Message)
		}
	}
	if t.Failed() {
		t.Logf("all problems:\n%s", strings.Join(vtPaths(ps), "\n"))
	}
}

func TestValidateAcceptsEdges(t *testing.T) {
	// Values at the edge of each rule that must still be accepted.
	policies := map[string]string{
		"lead equal to max_lead":  vtEdit(vtPolicyJSON, `"name": "test",`, `"name": "test", "max_lead": "24h",`),
		"1bd within max_lead 74h": vtEdit(vtPolicyJSON, `"name": "test",`, `"name": "test", "max_lead": "74h",`, `"lead": "24h"`, `"lead": "1bd"`),
		"3bd within max_lead 3bd": vtEdit(vtPolicyJSON, `"name": "test",`, `"name": "test", "max_lead": "3bd",`, `"lead": "24h"`, `"lead": "3bd"`),
		"UTC calendar zone":       vtEdit(vtPolicyJSON, `"America/Los_Angeles"`, `"UTC"`),
		"no calendar zone":        vtEdit(vtPolicyJSON, `"calendar_zone": "America/Los_Angeles",`, ``),
		"EU in restrict_when":     vtEdit(vtPolicyJSON, `"binds": ["discoverers"]`, `"jurisdictions": ["EU", "CN"]`),
	}
	for name, in := range policies {
		if _, err := disclosure.LoadPolicy(strings.NewReader(in)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	advisories := map[string]string{
		"ready_at equal to public_at": vtEdit(vtAdvisoryJSON, `"revision": 1,`, `"revision": 1, "ready_at": "2025-07-08T10:00:00-07:00",`),
		"embargo ended at public_at":  vtEdit(vtAdvisoryJSON, `"revision": 1,`, `"revision": 1, "embargo": {"ended_at": "2025-07-08T17:00:00Z", "reason": "public"},`),
		"long CVE sequence number":    vtEdit(vtAdvisoryJSON, `"CVE-2025-49704"`, `"CVE-2025-1234567"`),
	}
	for name, in := range advisories {
		if _, err := disclosure.LoadAdvisory(strings.NewReader(in)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	partners := map[string]string{
		"EU jurisdiction":                    vtEdit(vtPartnersJSON, `["DE"]`, `["EU"]`),
		"agreement version with a day":       vtEdit(vtPartnersJSON, `"version": "2024-03"`, `"version": "2024-02-29"`),
		"agreement that expires when signed": vtEdit(vtPartnersJSON, `"signed_at": "2024-04-01T00:00:00Z"}`, `"signed_at": "2024-04-01T00:00:00Z", "expires_at": "2024-04-01T02:00:00+02:00"}`),
	}
	for name, in := range partners {
		if _, err := disclosure.LoadPartners(strings.NewReader(in)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestValidateAcceptsEmptyPartnerList(t *testing.T) {
	// A program may have no partners yet: Plan accepts an empty list, and
	// LoadPartners documents no minimum.
	if out, err := disclosure.Plan(disclosure.DefaultPolicy(), vtAdvisory(), []disclosure.Partner{}); err != nil || len(out) != 0 {
		t.Fatalf("Plan with no partners: %v, %d disclosures", err, len(out))
	}
	ps, err := disclosure.LoadPartners(strings.NewReader(`{"partners": []}`))
	if err != nil {
		t.Fatalf("LoadPartners rejects an empty list {\"partners\": []}: %v", err)
	}
	if len(ps) != 0 {
		t.Errorf("got %d partners", len(ps))
	}
}

func TestMalformedPartnerIsErrorEvenIfNotEntitled(t *testing.T) {
	p, a := disclosure.DefaultPolicy(), vtAdvisory()

	// The same partner with valid jurisdictions is a decision: not entitled.
	ok := vtPartner("cn-ids", "entry", "CN")
	ok.Status = disclosure.StatusSuspended
	d, err := disclosure.Disclose(p, a, ok)
	if err != nil {
		t.Fatalf("valid suspended partner: %v", err)
	}
	if d.Entitled || len(d.Reasons) == 0 || d.Reasons[0].Code != disclosure.CodePartnerSuspended {
		t.Fatalf("valid suspended partner: entitled %v, reasons %+v", d.Entitled, d.Reasons)
	}

	bad := func() disclosure.Partner {
		to := vtPartner("cn-ids", "entry", "XX")
		to.Status = disclosure.StatusSuspended
		return to
	}
	variants := map[string]func() (disclosure.Partner, disclosure.Advisory){
		"suspended": func() (disclosure.Partner, disclosure.Advisory) { return bad(), a },
		"removed": func() (disclosure.Partner, disclosure.Advisory) {
			to := bad()
			to.Status = disclosure.StatusRemoved
			return to, a
		},
		"excluded by the advisory": func() (disclosure.Partner, disclosure.Advisory) {
			to := bad()
			to.Status = disclosure.StatusActive
			a2 := vtAdvisory()
			a2.ExcludePartners = []string{to.ID}
			return to, a2
		},
		"without agreement": func() (disclosure.Partner, disclosure.Advisory) {
			to := bad()
			to.Agreement = disclosure.Agreement{}
			return to, a
		},
	}
	for name, mk := range variants {
		t.Run(name, func(t *testing.T) {
			to, adv := mk()
			d, err := disclosure.Disclose(p, adv, to)
			if err == nil {
				t.Fatalf("Disclose: no error, decision %+v", d)
			}
			if !errors.Is(err, disclosure.ErrInvalidPartner) {
				t.Errorf("Disclose: %v is not ErrInvalidPartner", err)
			}
			if fe := vtFind(vtProblems(t, err), "partner.jurisdictions[0]"); fe == nil || !strings.Contains(fe.Message, `"XX"`) {
				t.Errorf("Disclose: no problem at partner.jurisdictions[0] naming XX: %v", err)
			}
			out, err := disclosure.Plan(p, adv, []disclosure.Partner{vtPartner("us-av", "entry", "US"), to})
			if err == nil || out != nil {
				t.Fatalf("Plan: err %v, %d disclosures", err, len(out))
			}
			if fe := vtFind(vtProblems(t, err), "partners[1].jurisdictions[0]"); fe == nil {
				t.Errorf("Plan: no problem at partners[1].jurisdictions[0]: %v", err)
			}
		})
	}
}

func TestJSONRoundTrip(t *testing.T) {
	t.Run("default policy", func(t *testing.T) {
		want := disclosure.DefaultPolicy()
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := disclosure.LoadPolicy(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadPolicy(%s): %v", b, err)
		}
		vtSamePolicy(t, got, want)
		// Marshalling again gives the same bytes.
		b2, err := json.Marshal(got)
		if err != nil || !bytes.Equal(b, b2) {
			t.Errorf("second marshal differs (%v):\n%s\n%s", err, b, b2)
		}
	})

	t.Run("business-day lead and UTC zone", func(t *testing.T) {
		want := disclosure.DefaultPolicy()
		want.CalendarZone = time.UTC
		want.Tiers[1].Lead = disclosure.LeadBusinessDays(3)
		want.Tiers[2].Lead = disclosure.LeadDuration(90 * time.Minute)
		want.Restriction.Lead = disclosure.LeadBusinessDays(1)
		want.MaxLead = disclosure.LeadBusinessDays(5)
		want.Agreement.MinVersion = "2024-01-15"
		want.RestrictWhen.Laws = []string{"EU-CRA-ART14"}
		want.RestrictWhen.Jurisdictions = []string{"RU"}
		if err := want.Validate(); err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{`"calendar_zone":"UTC"`, `"lead":"3bd"`, `"lead":"90m"`, `"max_lead":"5bd"`} {
			if !bytes.Contains(b, []byte(s)) {
				t.Errorf("JSON lacks %s: %s", s, b)
			}
		}
		got, err := disclosure.LoadPolicy(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadPolicy(%s): %v", b, err)
		}
		vtSamePolicy(t, got, want)
		if n, ok := got.Tiers[1].Lead.BusinessDays(); !ok || n != 3 {
			t.Errorf("tier lead after round trip: %v", got.Tiers[1].Lead)
		}
		// The zone is used: 3bd before Monday 2025-03-10 17:00 UTC is
		// Wednesday 2025-03-05 17:00 UTC.
		pub := time.Date(2025, 3, 10, 17, 0, 0, 0, time.UTC)
		if r := got.Tiers[1].Lead.Before(pub, got.CalendarZone); !r.Equal(time.Date(2025, 3, 5, 17, 0, 0, 0, time.UTC)) {
			t.Errorf("3bd before %v in UTC = %v", pub, r)
		}
	})

	t.Run("IANA calendar zone", func(t *testing.T) {
		berlin, err := time.LoadLocation("Europe/Berlin")
		if err != nil {
			t.Skipf("no zone database: %v", err)
		}
		want := disclosure.DefaultPolicy()
		want.CalendarZone = berlin
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := disclosure.LoadPolicy(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadPolicy(%s): %v", b, err)
		}
		vtSamePolicy(t, got, want)
	})

	t.Run("explicit law registry", func(t *testing.T) {
		want := disclosure.DefaultPolicy()
		want.Laws = disclosure.BuiltinLaws()
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := disclosure.LoadPolicy(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadPolicy: %v", err)
		}
		if len(got.Laws) != len(want.Laws) {
			t.Fatalf("%d laws after round trip, want %d", len(got.Laws), len(want.Laws))
		}
		for i := range want.Laws {
			w, g := want.Laws[i], got.Laws[i]
			if !g.EffectiveFrom.Equal(w.EffectiveFrom) || !g.EffectiveUntil.Equal(w.EffectiveUntil) {
				t.Errorf("law %s: effective %v–%v, want %v–%v", w.ID, g.EffectiveFrom, g.EffectiveUntil, w.EffectiveFrom, w.EffectiveUntil)
			}
			g.EffectiveFrom, g.EffectiveUntil, w.EffectiveFrom, w.EffectiveUntil = time.Time{}, time.Time{}, time.Time{}, time.Time{}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("law %s differs after round trip:\n got %+v\nwant %+v", w.ID, g, w)
			}
		}
	})

	t.Run("empty law registry", func(t *testing.T) {
		// Laws nil or empty both mean the built-in laws, so an empty
		// registry keeps its meaning through JSON, where it is omitted.
		want := disclosure.DefaultPolicy()
		want.Laws = []disclosure.Law{}
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(`"laws"`)) {
			t.Errorf("empty registry written out: %s", b)
		}
		got, err := disclosure.LoadPolicy(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadPolicy(%s): %v", b, err)
		}
		cn := vtPartner("cn-ids", "entry", "CN")
		d1, err1 := disclosure.Disclose(want, vtAdvisory(), cn)
		d2, err2 := disclosure.Disclose(got, vtAdvisory(), cn)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !d1.Restricted || !d2.Restricted {
			t.Fatalf("an empty registry must mean the built-in laws: restricted %v before, %v after the round trip", d1.Restricted, d2.Restricted)
		}
	})

	t.Run("advisory with every field", func(t *testing.T) {
		pub := time.Date(2025, 7, 8, 17, 0, 0, 0, time.UTC)
		want := disclosure.Advisory{
			ID:       "ADV-2025-0042",
			Revision: 3,
			CVEs:     []string{"CVE-2025-49704", "CVE-2025-49706"},
			Title:    "SharePoint remote code execution",
			Products: []string{"SharePoint Server 2019", "SharePoint Server SE"},
			Severity: disclosure.SeverityHigh,
			TLP:      disclosure.TLPAmberStrict,
			PublicAt: pub,
			ReadyAt:  pub.Add(-72 * time.Hour),
			Embargo:  disclosure.Embargo{EndedAt: pub.Add(-30 * time.Hour), Reason: disclosure.EndExploitPublic},
			Sections: []disclosure.Section{
				{Class: disclosure.ClassDescription, Title: "Description", Body: "A flaw \u00e9\u4e2d \"quoted\" <tag> &."},
				{Class: disclosure.ClassUnclassified, Body: "draft"},
			},
			Artifacts: []disclosure.Artifact{
				{Class: disclosure.ClassProofOfConcept, Name: "poc.py", MediaType: "text/x-python", Data: []byte("print('poc')\n")},
				{Class: disclosure.ClassIndicators, Name: "iocs.bin", MediaType: "application/octet-stream", Data: []byte{0, 1, 2, 0xfe, 0xff, '\n'}},
			},
			ExcludePartners: []string{"under-investigation"},
			WithholdClasses: []disclosure.Class{disclosure.ClassReproSteps, disclosure.ClassTechnicalDetails},
		}
		// Every field of Advisory is set: a field added later makes this fail.
		rv := reflect.ValueOf(want)
		for i := range rv.NumField() {
			if rv.Field(i).IsZero() {
				t.Errorf("test bug: field %s is not set", rv.Type().Field(i).Name)
			}
		}
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := disclosure.LoadAdvisory(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadAdvisory(%s): %v", b, err)
		}
		if !got.PublicAt.Equal(want.PublicAt) || !got.ReadyAt.Equal(want.ReadyAt) || !got.Embargo.EndedAt.Equal(want.Embargo.EndedAt) {
			t.Errorf("times differ: got %v %v %v", got.PublicAt, got.ReadyAt, got.Embargo.EndedAt)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("advisory differs after round trip:\n got %#v\nwant %#v", got, want)
		}
	})

	t.Run("partner list", func(t *testing.T) {
		want := vtPartners()
		want[0].Name = "US Antivirus, Inc."
		want[1].Jurisdictions = []string{"EU", "US", "IN"}
		want[1].Status = disclosure.StatusSuspended
		want[2].Agreement = disclosure.Agreement{
			Version: "2025-03-15", SignedAt: time.Date(2025, 3, 20, 8, 0, 0, 0, time.UTC),
			ExpiresAt: time.Date(2026, 3, 20, 8, 0, 0, 0, time.UTC),
		}
		want = append(want, disclosure.Partner{ID: "new", Tier: "entry", Jurisdictions: []string{"CA"}, Status: disclosure.StatusRemoved})
		b, err := json.Marshal(struct {
			Partners []disclosure.Partner `json:"partners"`
		}{want})
		if err != nil {
			t.Fatal(err)
		}
		got, err := disclosure.LoadPartners(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadPartners(%s): %v", b, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("partners differ after round trip:\n got %+v\nwant %+v", got, want)
		}
	})

	t.Run("plan", func(t *testing.T) {
		a := vtAdvisory()
		a.Products = []string{"SharePoint"}
		a.ReadyAt = a.PublicAt.Add(-100 * time.Hour)
		a.Embargo = disclosure.Embargo{EndedAt: a.PublicAt.Add(-2 * time.Hour), Reason: disclosure.EndExploited}
		a.Sections = append(a.Sections, disclosure.Section{Class: disclosure.ClassUnclassified, Body: "?"})
		a.WithholdClasses = []disclosure.Class{disclosure.ClassIndicators}
		a.Sections = append(a.Sections, disclosure.Section{Class: disclosure.ClassIndicators, Body: "1.2.3.4"})
		suspended := vtPartner("suspended", "entry", "US")
		suspended.Status = disclosure.StatusSuspended
		ps := append(vtPartners(),
			vtPartner("cn-ids", "entry", "CN"),
			vtPartner("us-cn", "validate", "US", "CN"),
			suspended,
			disclosure.Partner{ID: "unsigned", Tier: "responder", Jurisdictions: []string{"FR"}, Status: disclosure.StatusActive},
		)
		want, err := disclosure.Plan(disclosure.DefaultPolicy(), a, ps)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		var got []disclosure.Disclosure
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("json.Unmarshal: %v\n%s", err, b)
		}
		if !reflect.DeepEqual(got, want) {
			for i := range want {
				if i < len(got) && !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("disclosure %d differs:\n got %#v\nwant %#v", i, got[i], want[i])
				}
			}
			t.Errorf("plan differs after round trip (%d vs %d disclosures)", len(got), len(want))
		}
		b2, err := json.Marshal(got)
		if err != nil || !bytes.Equal(b, b2) {
			t.Errorf("second marshal differs (%v)", err)
		}
	})
}

// vtSamePolicy compares two policies with reflect.DeepEqual; their calendar
// zones, if not the same pointer, are compared by name.
func vtSamePolicy(t *testing.T, got, want disclosure.Policy) {
	t.Helper()
	if got.CalendarZone != want.CalendarZone {
		if got.CalendarZone == nil || want.CalendarZone == nil || got.CalendarZone.String() != want.CalendarZone.String() {
			t.Errorf("calendar zone %v, want %v", got.CalendarZone, want.CalendarZone)
		}
		got.CalendarZone = want.CalendarZone
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("policy differs after round trip:\n got %+v\nwant %+v", got, want)
	}
}

func TestErrorsAreReadable(t *testing.T) {
	in := vtEdit(vtPartnersJSON,
		`["DE"]`, `["XX", "de"]`,
		`"id": "jp-ti"`, `"id": "us-av"`,
		`"version": "2024-03"`, `"version": "2024-3"`,
	)
	_, err := disclosure.LoadPartners(strings.NewReader(in))
	ps := vtProblems(t, err)
	if len(ps) < 4 {
		t.Fatalf("want at least 4 problems, got %d: %v", len(ps), err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(ps) {
		t.Fatalf("Error() has %d lines for %d problems:\n%s", len(lines), len(ps), err)
	}
	for i, p := range ps {
		if p.Path == "" || p.Message == "" {
			t.Errorf("problem %d: path %q, message %q", i, p.Path, p.Message)
		}
		if want := p.Path + ": " + p.Message; lines[i] != want {
			t.Errorf("line %d = %q, want %q", i, lines[i], want)
		}
		if p.Error() != lines[i] {
			t.Errorf("FieldError.Error() = %q, want %q", p.Error(), lines[i])
		}
	}
	for _, path := range []string{"partners[1].jurisdictions[0]", "partners[1].jurisdictions[1]", "partners[2].id", "partners[2].agreement.version"} {
		if vtFind(ps, path) == nil {
			t.Errorf("no problem at %s", path)
		}
	}

	// A problem of the input as a whole is its message alone.
	_, err = disclosure.LoadPolicy(strings.NewReader("not json"))
	ps = vtProblems(t, err)
	if len(ps) != 1 || ps[0].Path != "" || err.Error() != ps[0].Message || strings.Contains(err.Error(), "\n") {
		t.Errorf("whole-input error %q, problems %s", err, vtPaths(ps))
	}

	// Errors from Disclose read the same way, with prefixed paths.
	p := disclosure.DefaultPolicy()
	p.Tiers[0].Rank = 0
	to := vtPartner("x", "entry", "XX")
	_, err = disclosure.Disclose(p, vtAdvisory(), to)
	ps = vtProblems(t, err)
	var paths []string
	for _, p := range ps {
		paths = append(paths, p.Path)
	}
	// The inputs are checked in order: policy, advisory, partner.
	if want := []string{"policy.tiers[0].rank", "partner.jurisdictions[0]"}; !slices.Equal(paths, want) {
		t.Errorf("paths %q, want %q", paths, want)
	}
	lines = strings.Split(err.Error(), "\n")
	if len(lines) != len(ps) {
		t.Fatalf("Error() has %d lines for %d problems:\n%s", len(lines), len(ps), err)
	}
	for i, p := range ps {
		if want := p.Path + ": " + p.Message; lines[i] != want {
			t.Errorf("line %d = %q, want %q", i, lines[i], want)
		}
	}
}

func TestValidateMaxLeadBoundsEveryLead(t *testing.T) {
	// max_lead caps every lead: a policy whose business-day lead can span
	// more than max_lead must be invalid, and so must a duration lead
	// longer than a business-day max_lead can be. The real extremes are
	// measured over every hour of three years in each calendar zone.
	zones := map[string]*time.Location{"America/Los_Angeles": nil, "UTC": time.UTC}
	for _, name := range []string{"Europe/Berlin", "Australia/Lord_Howe", "Antarctica/Troll"} {
		if z, err := time.LoadLocation(name); err == nil {
			zones[name] = z
		}
	}
	for name, zone := range zones {
		t.Run(name, func(t *testing.T) {
			var bugs []string
			for _, n := range []int{1, 2, 3, 5, 6, 10} {
				l := disclosure.LeadBusinessDays(n)
				var longest, shortest time.Duration
				var longFrom, shortFrom time.Time
				for h := range 3 * 366 * 24 {
					from := time.Date(2024, 1, 1, h, 0, 0, 0, time.UTC)
					span := from.Sub(l.Before(from, zone))
					if span > longest {
						longest, longFrom = span, from
					}
					if shortest == 0 || span < shortest {
						shortest, shortFrom = span, from
					}
				}
				p := disclosure.DefaultPolicy()
				p.CalendarZone = zone
				p.Tiers[1].Lead = l
				p.Tiers[2].Lead = disclosure.LeadDuration(0)
				p.MaxLead = disclosure.LeadDuration(longest - time.Minute)
				if p.Validate() == nil {
					bugs = append(bugs, fmt.Sprintf("lead %v with max_lead %v is accepted, but %v before %v is %v earlier",
						l, p.MaxLead, l, longFrom, longest))
				}
				p.Tiers[1].Lead = disclosure.LeadDuration(shortest + time.Minute)
				p.MaxLead = l
				if p.Validate() == nil {
					bugs = append(bugs, fmt.Sprintf("lead %v with max_lead %v is accepted, but %v before %v is only %v earlier",
						p.Tiers[1].Lead, l, l, shortFrom, shortest))
				}
			}
			if len(bugs) > 0 {
				msg := strings.Join(bugs, "\n")
				t.Error(msg)
			}
		})
	}
}
