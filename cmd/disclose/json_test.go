package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
	"github.com/disclosurekit/disclosure/remedy"
)

// planOf runs "disclose plan --format json" and decodes its output.
func planOf(t *testing.T, stdin string, args ...string) []disclosure.Disclosure {
	t.Helper()
	return decodePlan(t, mustSucceed(t, stdin, append([]string{"plan", "--format", "json"}, args...)...))
}

// decodePlan decodes the output of plan --format json: each disclosure
// with the "exposure" field plan adds, which it checks is there and
// removes, to decode the rest strictly as a disclosure.Disclosure.
func decodePlan(t *testing.T, out string) []disclosure.Disclosure {
	t.Helper()
	var entries []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &entries); err != nil {
		t.Fatalf("plan --format json is not a list of objects: %v\n%s", err, out)
	}
	plan := make([]disclosure.Disclosure, len(entries))
	for i, e := range entries {
		if _, ok := e["exposure"]; !ok {
			t.Fatalf("plan --format json: entry %d has no exposure", i)
		}
		delete(e, "exposure")
		data, err := json.Marshal(e)
		if err == nil {
			err = json.Unmarshal(data, &plan[i])
		}
		if err != nil {
			t.Fatalf("plan --format json, without its exposure, does not parse back into disclosure.Disclosure: %v\n%s", err, out)
		}
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
// plan: without the exposure plan adds to each disclosure, it parses back
// with json.Unmarshal into []disclosure.Disclosure and equals what
// disclosure.Plan returns for the same inputs.
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

// explainedOf decodes what explain --format json prints: the decision,
// strictly as the library reads a disclosure, and its remedies.
func explainedOf(t *testing.T, out string) (disclosure.Disclosure, []remedy.Remedy) {
	t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &fields); err != nil {
		t.Fatalf("explain --format json: %v\n%s", err, out)
	}
	raw, ok := fields["remedies"]
	if !ok {
		t.Fatalf("explain --format json: no remedies:\n%s", out)
	}
	var rs []remedy.Remedy
	if err := json.Unmarshal(raw, &rs); err != nil || rs == nil {
		t.Fatalf("explain --format json: remedies %s: %v", raw, err)
	}
	delete(fields, "remedies")
	delete(fields, "at")
	rest, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	var d disclosure.Disclosure
	if err := json.Unmarshal(rest, &d); err != nil {
		t.Fatalf("explain --format json: %v", err)
	}
	return d, rs
}

// TestExplainJSON checks that explain --format json gives, for every
// partner of the demo, exactly its entry of plan --format json, with the
// remedies remedy.For finds for it as "remedies".
func TestExplainJSON(t *testing.T) {
	args := []string{"--advisory", "demo/advisory.json", "--partners", "demo/partners.json"}
	plan := planOf(t, "", args...)
	if len(plan) < 10 {
		t.Fatalf("the demo plan has %d partners", len(plan))
	}
	advisory := readJSON[disclosure.Advisory](t, "demo/advisory.json")
	partners := readJSON[struct{ Partners []disclosure.Partner }](t, "demo/partners.json").Partners
	withRemedies := 0
	for _, want := range plan {
		out := mustSucceed(t, "", append([]string{"explain", "--partner", want.PartnerID, "--format", "json"}, args...)...)
		got, remedies := explainedOf(t, out)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: explain --format json differs from its plan entry:\n got %+v\nwant %+v", want.PartnerID, got, want)
		}
		to := partners[slices.IndexFunc(partners, func(p disclosure.Partner) bool { return p.ID == want.PartnerID })]
		wantRemedies, err := remedy.For(disclosure.DefaultPolicy(), advisory, to)
		if err != nil {
			t.Fatal(err)
		}
		if len(wantRemedies) > 0 {
			withRemedies++
		}
		if !reflect.DeepEqual(remedies, append([]remedy.Remedy{}, wantRemedies...)) {
			t.Errorf("%s: remedies differ from remedy.For's:\n got %+v\nwant %+v", want.PartnerID, remedies, wantRemedies)
		}
	}
	if withRemedies < 7 {
		t.Errorf("only %d demo partners have remedies", withRemedies)
	}
	r := disclose(t, "", append([]string{"explain", "--partner", "jinlumo", "--format", "yaml"}, args...)...)
	if r.code != exitUsage {
		t.Errorf("--format yaml: exit %d, want %d", r.code, exitUsage)
	}
}

func readJSON[T any](t *testing.T, file string) T {
	t.Helper()
	var v T
	data, err := os.ReadFile(file)
	if err == nil {
		err = json.Unmarshal(data, &v)
	}
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return v
}

// TestFormatJSONEverywhere runs every command with --format json: the
// exit code is the one without it, standard output is only JSON, and
// standard error carries nothing but notes and warnings. The overview
// names every command that has --format json.
func TestFormatJSONEverywhere(t *testing.T) {
	inputs := []string{"--advisory", advisoryFile, "--partners", partnersFile}
	bad := writeTemp(t, "bad.json", `{"partners": [{"id": "x"}]}`)
	tests := map[string][][]string{
		"demo": {{"demo"}, {"demo", "--export", filepath.Join(t.TempDir(), "example")}},
		"plan": {append([]string{"plan"}, inputs...),
			append([]string{"plan", "--ledger", timelineRecord}, inputs...)},
		"explain": {append([]string{"explain", "--partner", "jinlumo"}, inputs...)},
		"export": {{"export", "--all", "--out", t.TempDir(), "--advisory", csafFile, "--partners", partnersFile},
			{"export", "--all", "--out", t.TempDir(), "--advisory", advisoryFile, "--partners", partnersFile, "--mark-key-file", testKeyFile,
				"--ledger", filepath.Join(t.TempDir(), "record.jsonl"), "--at", "2025-07-04T00:00:00Z"}},
		"ledger": {{"ledger", "verify", timelineRecord}, {"ledger", "head", timelineRecord}, {"ledger", "show", timelineRecord},
			{"ledger", "verify", writeTemp(t, "cut.jsonl", "{")}},
		"investigate":  {{"investigate", "--ledger", timelineRecord, "--before", "2025-07-07T15:00:00Z", "--partners", partnersFile}},
		"classify":     {{"classify", "--advisory", csafFile}},
		"trace":        {append(append([]string{"trace", "--key-file", testKeyFile}, inputs...), leakedPoC)},
		"validate":     {{"validate", advisoryFile, partnersFile}, {"validate", advisoryFile, bad}},
		"calendar":     {{"calendar", "--year", "2025"}},
		"policy":       {{"policy"}},
		"csaf-options": {{"csaf-options"}},
	}
	overview := strings.Join(strings.Fields(mustSucceed(t, "", "help")), " ")
	for _, c := range commands {
		runs, ok := tests[c.name]
		if !ok {
			t.Errorf("%s: no test run with --format json", c.name)
			continue
		}
		if !strings.Contains(c.usage, "--format json") {
			t.Errorf("%s: the usage does not mention --format json", c.name)
		}
		if !regexp.MustCompile(`With --format json, [^:]*: [^.]*\b` + regexp.QuoteMeta(c.name) + `\b`).MatchString(overview) {
			t.Errorf("%s: the overview does not list it among the commands with --format json:\n%s", c.name, overview)
		}
		for _, args := range runs {
			wantCode := 0
			if slices.Contains(args, bad) || strings.HasSuffix(args[len(args)-1], "cut.jsonl") {
				wantCode = 1
			}
			at := 1 // after the command, or its subcommand
			if c.name == "ledger" {
				at = 2
			}
			args = append(append(append([]string{}, args[:at]...), "--format", "json"), args[at:]...)
			r := disclose(t, "", args...)
			if r.code != wantCode {
				t.Errorf("%v: exit %d, want %d; stderr:\n%s", args, r.code, wantCode, r.stderr)
			}
			if !json.Valid([]byte(r.stdout)) {
				t.Errorf("%v: standard output is not JSON:\n%s", args, r.stdout)
			}
			for _, line := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
				if line != "" && !strings.Contains(line, ": note: ") && !strings.Contains(line, ": warning: ") {
					t.Errorf("%v: standard error carries more than notes and warnings: %q", args, line)
				}
			}
		}
	}
}

// TestValidateJSON checks the report of validate --format json: one entry
// per file, its problems in it and not on standard error, exit status 1.
func TestValidateJSON(t *testing.T) {
	bad := writeTemp(t, "partners.json", `{"partners": [{"id": "x", "tier": "entry", "jurisdictions": ["ZZ"], "status": "active"}]}`)
	neither := writeTemp(t, "neither.json", `{"name": "what is this?"}`)
	r := disclose(t, "", "validate", "--format", "json", advisoryFile, bad, neither)
	if r.code != 1 || r.stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s\nwant 1 and nothing", r.code, r.stderr)
	}
	type prob struct{ Path, Message string }
	var got []struct {
		File, Kind string
		OK         bool
		Problems   []prob
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(got) != 3 {
		t.Fatalf("%d entries, want 3:\n%s", len(got), r.stdout)
	}
	if g := got[0]; g.File != advisoryFile || g.Kind != "advisory" || !g.OK || g.Problems == nil || len(g.Problems) != 0 {
		t.Errorf("good file: %+v", g)
	}
	want := []prob{{"partners[0].jurisdictions[0]", `"ZZ" is not an ISO 3166-1 alpha-2 code`}}
	if g := got[1]; g.File != bad || g.Kind != "partner list" || g.OK || !reflect.DeepEqual(g.Problems, want) {
		t.Errorf("bad file: %+v, want problems %+v", g, want)
	}
	if g := got[2]; g.File != neither || g.Kind != "" || g.OK || len(g.Problems) != 1 || g.Problems[0].Path != "" ||
		!strings.HasPrefix(g.Problems[0].Message, "cannot tell whether") {
		t.Errorf("unrecognisable file: %+v", g)
	}
	if r := disclose(t, "", "validate", "--format", "csv", advisoryFile); r.code != 2 {
		t.Errorf("--format csv: exit %d, want 2", r.code)
	}
}

// TestCalendarJSON checks the release instants of calendar --format json
// against the table's.
func TestCalendarJSON(t *testing.T) {
	var got struct {
		Year          int
		Zone          string
		PatchTuesdays []struct {
			Month     string
			At, Local time.Time
		} `json:"patch_tuesdays"`
	}
	if err := json.Unmarshal([]byte(mustSucceed(t, "", "calendar", "--year", "2025", "--format", "json")), &got); err != nil {
		t.Fatal(err)
	}
	if got.Year != 2025 || got.Zone != "America/Los_Angeles" || len(got.PatchTuesdays) != 12 {
		t.Fatalf("%+v", got)
	}
	table := mustSucceed(t, "", "calendar", "--year", "2025")
	for i, p := range got.PatchTuesdays {
		m := time.Month(i + 1)
		if p.Month != m.String() || !p.At.Equal(disclosure.PatchTuesday(2025, m)) || !p.Local.Equal(p.At) ||
			p.At.Location() != time.UTC || !strings.Contains(table, p.At.Format(time.RFC3339)) {
			t.Errorf("%s: %+v", m, p)
		}
		if _, off := p.Local.Zone(); off != -8*3600 && off != -7*3600 {
			t.Errorf("%s: local %v is not in Pacific time", m, p.Local)
		}
	}
}

// TestDemoJSON checks that demo --format json holds both plans, equal to
// the library's, and what changed.
func TestDemoJSON(t *testing.T) {
	var got struct {
		AdvisoryID string `json:"advisory_id"`
		Before     struct {
			Policy, Source string
			Plan           []disclosure.Disclosure
			Exposure       []classExposureJSON
		}
		After struct {
			Policy, Source string
			Plan           []disclosure.Disclosure
			Exposure       []classExposureJSON
		}
		Changed []struct {
			Partner       string
			Before, After struct {
				Entitled  bool
				ReleaseAt time.Time `json:"release_at"`
				TLP       disclosure.TLP
				Classes   []disclosure.Class
			}
			Loses, Gains []disclosure.Class
			Because      []disclosure.Reason
		}
		Unchanged []string
	}
	if err := json.Unmarshal([]byte(mustSucceed(t, "", "demo", "--format", "json")), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Before.Plan, libraryPlan(t, beforeFile, advisoryFile, partnersFile)) ||
		!reflect.DeepEqual(got.After.Plan, libraryPlan(t, "", advisoryFile, partnersFile)) {
		t.Error("the plans differ from disclosure.Plan's")
	}
	if !reflect.DeepEqual(got.Before.Exposure, exposureJSON(ledger.PlanExposure(got.Before.Plan))) ||
		!reflect.DeepEqual(got.After.Exposure, exposureJSON(ledger.PlanExposure(got.After.Plan))) || len(got.After.Exposure) == 0 {
		t.Errorf("the exposures are not the plans': %+v, %+v", got.Before.Exposure, got.After.Exposure)
	}
	if got.AdvisoryID != "ADV-2025-0042" || got.Before.Source != beforeFile || got.After.Source != "built-in policy" {
		t.Errorf("advisory %q, sources %q and %q", got.AdvisoryID, got.Before.Source, got.After.Source)
	}
	var changed []string
	for _, c := range got.Changed {
		changed = append(changed, c.Partner)
		if !slices.Contains(c.Loses, disclosure.ClassProofOfConcept) || !c.After.ReleaseAt.After(c.Before.ReleaseAt) ||
			c.After.TLP != disclosure.TLPClear || len(c.Because) == 0 || c.Because[0].Code != disclosure.CodeRestrictedJurisdiction {
			t.Errorf("%s: %+v", c.Partner, c)
		}
	}
	if len(changed)+len(got.Unchanged) != len(got.After.Plan) {
		t.Errorf("changed %v and unchanged %v do not cover the %d partners", changed, got.Unchanged, len(got.After.Plan))
	}
	table := mustSucceed(t, "", "demo")
	if !strings.Contains(table, fmt.Sprintf("%d of %d partners get a different outcome: %s.", len(changed), len(got.After.Plan), strings.Join(changed, ", "))) {
		t.Errorf("the table does not list the same changes %v", changed)
	}
}

// TestPolicyFormat checks that policy takes --format json and refuses
// other formats.
func TestPolicyFormat(t *testing.T) {
	if mustSucceed(t, "", "policy", "--format", "json") != mustSucceed(t, "", "policy") {
		t.Error("policy --format json differs from policy")
	}
	r := disclose(t, "", "policy", "--format", "table")
	if want := "disclose policy: --format \"table\": the policy is JSON; want json\n"; r.code != 2 || !strings.HasPrefix(r.stderr, want) {
		t.Errorf("--format table: exit %d, stderr:\n%s\nwant 2 and %q", r.code, r.stderr, want)
	}
}
