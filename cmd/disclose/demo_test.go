package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// TestDemoRules checks the point of the demo on the decisions themselves,
// not on the text: plan --format json on the demo files, under the policy
// before July 2025 and under the default policy.
func TestDemoRules(t *testing.T) {
	inputs := []string{"--advisory", advisoryFile, "--partners", partnersFile}
	policies := map[string][]disclosure.Disclosure{
		"before-2025-07": planOf(t, "", append([]string{"--policy", beforeFile}, inputs...)...),
		"default":        planOf(t, "", inputs...),
	}
	public := time.Date(2025, 7, 8, 17, 0, 0, 0, time.UTC)
	if !disclosure.PatchTuesday(2025, time.July).Equal(public) {
		t.Fatal("public_at of the demo is not the July 2025 Patch Tuesday")
	}

	for name, plan := range policies {
		byID := make(map[string]disclosure.Disclosure, len(plan))
		for _, d := range plan {
			byID[d.PartnerID] = d
		}
		get := func(id string) disclosure.Disclosure {
			d, ok := byID[id]
			if !ok {
				t.Fatalf("%s: no disclosure for partner %s", name, id)
			}
			return d
		}
		restricting := name == "default"

		// The CN partner and the US firm with a CN subsidiary: restricted
		// only under the default policy.
		for _, id := range []string{"jinlumo", "cobaltreach"} {
			d := get(id)
			if !d.Entitled {
				t.Errorf("%s: %s not entitled", name, id)
				continue
			}
			poc := d.Receives(disclosure.ClassProofOfConcept)
			atPublic := d.ReleaseAt.Equal(public)
			if restricting && (poc || !atPublic || !d.Restricted) {
				t.Errorf("%s: %s gets proof-of-concept %v, release %v, restricted %v; want no PoC, release at public_at, restricted",
					name, id, poc, d.ReleaseAt, d.Restricted)
			}
			if !restricting && (!poc || atPublic || d.Restricted) {
				t.Errorf("%s: %s gets proof-of-concept %v, release %v, restricted %v; want PoC, early release, not restricted",
					name, id, poc, d.ReleaseAt, d.Restricted)
			}
		}

		// Suspended, expired and excluded partners: not entitled under both.
		for id, code := range map[string]disclosure.ReasonCode{
			"glimmerfen": disclosure.CodePartnerSuspended,
			"morrowdale": disclosure.CodeAgreementExpired,
			"quillmark":  disclosure.CodePartnerExcluded,
		} {
			d := get(id)
			if d.Entitled || !d.ReleaseAt.IsZero() || len(d.Classes) > 0 {
				t.Errorf("%s: %s entitled %v, release %v, classes %v; want nothing", name, id, d.Entitled, d.ReleaseAt, d.Classes)
			}
			if !hasReason(d, code) {
				t.Errorf("%s: %s reasons %v lack %s", name, id, d.Reasons, code)
			}
		}

		// A US entry-tier partner: proof of concept, 24 hours early, under both.
		d := get("ardentic")
		if d.Tier != "entry" || !d.Entitled || !d.Receives(disclosure.ClassProofOfConcept) ||
			!d.ReleaseAt.Equal(public.Add(-24*time.Hour)) {
			t.Errorf("%s: ardentic tier %s, entitled %v, PoC %v, release %v; want entry, PoC, 24h before %v",
				name, d.Tier, d.Entitled, d.Receives(disclosure.ClassProofOfConcept), d.ReleaseAt, public)
		}

		// Nobody receives the unclassified section.
		for _, d := range plan {
			if d.Receives(disclosure.ClassUnclassified) {
				t.Errorf("%s: %s receives unclassified content", name, d.PartnerID)
			}
		}
	}
}

func hasReason(d disclosure.Disclosure, code disclosure.ReasonCode) bool {
	for _, r := range d.Reasons {
		if r.Code == code {
			return true
		}
	}
	return false
}

// TestDemoCoverage checks that the demo files cover what the demo is
// meant to show: content of every class, every tier of the default policy,
// the jurisdictions of the story.
func TestDemoCoverage(t *testing.T) {
	advisory, err := disclosure.LoadAdvisory(strings.NewReader(readDemo(t, "advisory.json")))
	if err != nil {
		t.Fatal(err)
	}
	have := contentClasses(&advisory)
	if len(have) != len(disclosure.Classes()) {
		t.Errorf("the demo advisory has content of %v, want every class", have)
	}
	partners, err := disclosure.LoadPartners(strings.NewReader(readDemo(t, "partners.json")))
	if err != nil {
		t.Fatal(err)
	}
	tiers := map[string]bool{}
	where := map[string]bool{}
	for _, p := range partners {
		tiers[p.Tier] = true
		where[strings.Join(p.Jurisdictions, "+")] = true
	}
	for _, tier := range disclosure.DefaultPolicy().Tiers {
		if !tiers[tier.Name] {
			t.Errorf("no demo partner in tier %s", tier.Name)
		}
	}
	for _, j := range []string{"US", "DE", "JP", "IL", "IN", "CN", "US+CN", "EU"} {
		if !where[j] {
			t.Errorf("no demo partner in %s", j)
		}
	}
}

// TestDemoPolicyIsDefaultWithoutRestriction checks that the policy before
// July 2025 is the default policy with an empty restrict_when.
func TestDemoPolicyIsDefaultWithoutRestriction(t *testing.T) {
	before, err := disclosure.LoadPolicy(strings.NewReader(readDemo(t, "policy-before-2025-07.json")))
	if err != nil {
		t.Fatal(err)
	}
	want := disclosure.DefaultPolicy()
	want.Name = "before-2025-07"
	want.RestrictWhen = disclosure.RestrictionScope{}
	got, _ := json.Marshal(before)
	exp, _ := json.Marshal(want)
	if string(got) != string(exp) {
		t.Errorf("policy-before-2025-07.json:\n%s\nwant the default policy without restrict_when:\n%s", got, exp)
	}
}

// TestDemoExport checks that demo --export writes the demo files, and that
// plan runs on them.
func TestDemoExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "example")
	mustSucceed(t, "", "demo", "--export", dir)
	for _, name := range []string{"advisory.json", "partners.json", "policy-before-2025-07.json"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != readDemo(t, name) {
			t.Errorf("exported %s differs from demo/%s", name, name)
		}
	}
	exported := filepath.Join(dir, "advisory.json")
	r := disclose(t, "", "plan", "--advisory", exported, "--partners", filepath.Join(dir, "partners.json"))
	if r.code != 0 || r.stderr != unmarkedWarning(exported) {
		t.Errorf("plan on the exported files: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}
