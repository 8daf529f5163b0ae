package disclosure_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

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
