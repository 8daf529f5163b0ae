package disclosure_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

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
