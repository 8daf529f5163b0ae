package main

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// planOf runs "disclose plan --format json" and decodes its output.
func planOf(t *testing.T, stdin string, args ...string) []disclosure.Disclosure {
	t.Helper()
	out := mustSucceed(t, stdin, append([]string{"plan", "--format", "json"}, args...)...)
	var plan []disclosure.Disclosure
	if err := json.Unmarshal([]byte(out), &plan); err != nil {
		t.Fatalf("plan --format json does not parse back into []disclosure.Disclosure: %v\n%s", err, out)
	}
	return plan
}

// libraryPlan calls disclosure.Plan on files, as a Go program would.
func libraryPlan(t *testing.T, policyFile, advisoryFile, partnersFile string) []disclosure.Disclosure {
	t.Helper()
	open := func(name string) *os.File {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	policy := disclosure.DefaultPolicy()
	if policyFile != "" {
		var err error
		if policy, err = disclosure.LoadPolicy(open(policyFile)); err != nil {
			t.Fatal(err)
		}
	}
	advisory, err := disclosure.LoadAdvisory(open(advisoryFile))
	if err != nil {
		t.Fatal(err)
	}
	partners, err := disclosure.LoadPartners(open(partnersFile))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := disclosure.Plan(policy, advisory, partners)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// TestPlanJSONRoundTrip checks that plan --format json is the library's
// plan: it parses back with json.Unmarshal into []disclosure.Disclosure and
// equals what disclosure.Plan returns for the same inputs.
func TestPlanJSONRoundTrip(t *testing.T) {
	zoned := writeTemp(t, "tokyo.json", strings.Replace(readDemo(t, "policy-before-2025-07.json"),
		`"calendar_zone": "America/Los_Angeles"`, `"calendar_zone": "Asia/Tokyo"`, 1))
	for _, policy := range []string{"", beforeFile, zoned} {
		t.Run("policy="+policy, func(t *testing.T) {
			args := []string{"--advisory", advisoryFile, "--partners", partnersFile}
			if policy != "" {
				args = append(args, "--policy", policy)
			}
			got := planOf(t, "", args...)
			want := libraryPlan(t, policy, advisoryFile, partnersFile)
			if !reflect.DeepEqual(got, want) {
				g, _ := json.MarshalIndent(got, "", "  ")
				w, _ := json.MarshalIndent(want, "", "  ")
				t.Errorf("plan --format json differs from disclosure.Plan:\ngot:\n%s\nwant:\n%s", g, w)
			}
		})
	}
}

// TestPlanFromStandardInput checks that - reads an input from standard
// input, with the same result as the file.
func TestPlanFromStandardInput(t *testing.T) {
	got := planOf(t, readDemo(t, "partners.json"), "--advisory", advisoryFile, "--partners", "-")
	want := planOf(t, "", "--advisory", advisoryFile, "--partners", partnersFile)
	if !reflect.DeepEqual(got, want) {
		t.Error("reading the partner list from standard input gives another plan than reading the file")
	}
}

// TestPlanJSONAt checks the "at" field that --at adds to each disclosure.
func TestPlanJSONAt(t *testing.T) {
	at := "2025-07-07T10:30:00-07:00"
	out := mustSucceed(t, "", "plan", "--format", "json", "--advisory", advisoryFile, "--partners", partnersFile, "--at", at)
	var got []struct {
		Partner string `json:"partner"`
		At      struct {
			Time     time.Time          `json:"time"`
			Released bool               `json:"released"`
			Classes  []disclosure.Class `json:"classes"`
		} `json:"at"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{ // released at 17:30 UTC on 2025-07-07
		"ardentic": true, "brimlock": true, "harunoki": true, "kesselwerk": true, "tavoran": true,
		"cobaltreach": false, "eurivon": false, "jinlumo": false, "vasudrik": false,
		"glimmerfen": false, "morrowdale": false, "quillmark": false,
	}
	if len(got) != len(want) {
		t.Fatalf("%d disclosures, want %d", len(got), len(want))
	}
	for _, d := range got {
		if !d.At.Time.Equal(time.Date(2025, 7, 7, 17, 30, 0, 0, time.UTC)) {
			t.Errorf("%s: at.time = %v", d.Partner, d.At.Time)
		}
		if d.At.Released != want[d.Partner] || d.At.Released != (len(d.At.Classes) > 0) {
			t.Errorf("%s: at = %+v, want released %v", d.Partner, d.At, want[d.Partner])
		}
	}
}

// TestCustomZone checks that a policy's calendar zone is shown, and works
// whatever the machine has: the zone database is built into the binary.
func TestCustomZone(t *testing.T) {
	zoned := writeTemp(t, "tokyo.json", strings.Replace(readDemo(t, "policy-before-2025-07.json"),
		`"calendar_zone": "America/Los_Angeles"`, `"calendar_zone": "Asia/Tokyo"`, 1))
	out := mustSucceed(t, "", "plan", "--policy", zoned, "--advisory", advisoryFile, "--partners", partnersFile)
	for _, want := range []string{"RELEASE (Asia/Tokyo)", "Tue 2025-07-08 02:00 JST", "Wed 2025-07-09 02:00 JST"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestExplainJSON checks that explain --format json gives, for every
// partner of the demo, exactly its entry of plan --format json.
func TestExplainJSON(t *testing.T) {
	args := []string{"--advisory", "demo/advisory.json", "--partners", "demo/partners.json"}
	plan := planOf(t, "", args...)
	if len(plan) < 10 {
		t.Fatalf("the demo plan has %d partners", len(plan))
	}
	for _, want := range plan {
		out := mustSucceed(t, "", append([]string{"explain", "--partner", want.Partner, "--format", "json"}, args...)...)
		var got disclosure.Disclosure
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%s: %v\n%s", want.Partner, err, out)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: explain --format json differs from its plan entry:\n got %+v\nwant %+v", want.Partner, got, want)
		}
	}
	r := disclose(t, "", append([]string{"explain", "--partner", "jinlumo", "--format", "yaml"}, args...)...)
	if r.code != exitUsage {
		t.Errorf("--format yaml: exit %d, want %d", r.code, exitUsage)
	}
}
