package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// TestPlanExposure checks the exposure plan adds to each disclosure of its
// JSON: per class, the partners that list it and their hours added up are
// the plan's exposure (ledger.PlanExposure), which the table prints.
func TestPlanExposure(t *testing.T) {
	for _, policy := range []string{"", beforeFile} {
		args := []string{"plan", "--format", "json", "--advisory", advisoryFile, "--partners", partnersFile}
		if policy != "" {
			args = append(args, "--policy", policy)
		}
		var entries []struct {
			Exposure []struct {
				Class disclosure.Class `json:"class"`
				Hours float64          `json:"hours"`
			} `json:"exposure"`
		}
		if err := json.Unmarshal([]byte(mustSucceed(t, "", args...)), &entries); err != nil {
			t.Fatal(err)
		}
		sums := map[disclosure.Class]*ledger.ClassExposure{}
		for _, e := range entries {
			for _, x := range e.Exposure {
				if sums[x.Class] == nil {
					sums[x.Class] = &ledger.ClassExposure{Class: x.Class}
				}
				sums[x.Class].Partners++
				sums[x.Class].PartnerHours += x.Hours
			}
		}
		want := ledger.PlanExposure(libraryPlan(t, policy, advisoryFile, partnersFile))
		table := mustSucceed(t, "", append([]string{"plan"}, args[3:]...)...)
		for _, x := range want {
			got := sums[x.Class]
			if x.Partners == 0 {
				got = &ledger.ClassExposure{Class: x.Class}
			}
			if got == nil || *got != x {
				t.Errorf("policy %q, %s: the disclosures add up to %+v; want %+v", policy, x.Class, got, x)
			}
			if row := x.Class + " "; !strings.Contains(table, string(row)) {
				t.Errorf("policy %q: the table has no row for %s", policy, x.Class)
			}
		}
		if len(want) == 0 || want[0].Partners == 0 {
			t.Fatalf("policy %q: nobody holds anything before the public release: the test tests nothing", policy)
		}
	}
}

// planRecordJSON is the output of plan --ledger --format json.
type planRecordJSON struct {
	Plan     []json.RawMessage `json:"plan"`
	Exposure struct {
		Planned  []classExposureJSON `json:"planned"`
		Recorded []classExposureJSON `json:"recorded"`
	} `json:"exposure"`
	Record struct {
		File     string `json:"file"`
		Head     string `json:"head"`
		Partners []struct {
			Partner string `json:"partner"`
			Held    []struct {
				ledger.Part
				Seq int64 `json:"seq"`
			} `json:"held"`
			Send []struct {
				ledger.Part
				Changed bool `json:"changed"`
			} `json:"send"`
			Exposed []struct {
				ledger.Part
				Reason disclosure.ReasonCode `json:"reason"`
			} `json:"exposed"`
		} `json:"partners"`
	} `json:"record"`
}

// TestPlanLedger checks plan --ledger against the library: what each
// partner holds by the record, what the plan adds and what it holds that
// its copy now lacks are Record.Changes's, computed on the plan before it
// is marked; the exposure is the plan's and the record's.
func TestPlanLedger(t *testing.T) {
	// The record after the first two notices, to which the third adds.
	lines := bytes.SplitAfter(readTestFile(t, timelineRecord), []byte("\n"))
	file := writeTemp(t, "record.jsonl", string(bytes.Join(lines[:4], nil)))
	rec := readRecordFile(t, file)
	// The last revision under the built-in policy, whose validating
	// partners get it later than the timeline's, with harunoki excluded:
	// what it holds is exposed.
	args := []string{"plan", "--format", "json", "--advisory", testNotices[2].advisory, "--partners", partnersFile,
		"--ledger", file, "--exclude", "harunoki"}
	plan := libraryPlanExcluding(t, testNotices[2].advisory, "harunoki")
	updates, err := rec.Changes(plan)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"", testKeyFile} {
		a := args
		if key != "" {
			a = append(a, "--mark-key-file", key)
		}
		r := disclose(t, "", a...)
		var got planRecordJSON
		if err := json.Unmarshal([]byte(r.stdout), &got); r.code != exitOK || err != nil {
			t.Fatalf("key %q: exit %d (%v), stderr:\n%s", key, r.code, err, r.stderr)
		}
		if len(got.Plan) != len(plan) || got.Record.Head != rec.Head().String() || got.Record.File != file ||
			len(got.Record.Partners) != len(updates) {
			t.Fatalf("key %q: %d disclosures, head %s, file %s, %d partners", key, len(got.Plan), got.Record.Head, got.Record.File, len(got.Record.Partners))
		}
		sent, exposed := 0, 0
		for i, u := range updates {
			p := got.Record.Partners[i]
			if p.Partner != u.Partner || len(p.Held) != len(u.Held) || len(p.Send) != len(u.Send) || len(p.Exposed) != len(u.Exposed) {
				t.Errorf("key %q, %s: %+v; want %+v", key, u.Partner, p, u)
				continue
			}
			for k := range u.Send {
				if p.Send[k].Part != u.Send[k].Part || p.Send[k].Changed != u.Send[k].Changed {
					t.Errorf("key %q, %s: send %v, want %v", key, u.Partner, p.Send[k].Part, u.Send[k].Part)
				}
			}
			for k := range u.Exposed {
				if p.Exposed[k].Part != u.Exposed[k].Part || p.Exposed[k].Reason != u.Exposed[k].Reason {
					t.Errorf("key %q, %s: exposed %v, want %v", key, u.Partner, p.Exposed[k], u.Exposed[k])
				}
			}
			sent, exposed = sent+len(u.Send), exposed+len(u.Exposed)
		}
		if sent == 0 || exposed == 0 {
			t.Fatalf("nothing to send (%d) or nothing exposed (%d): the test tests nothing", sent, exposed)
		}
		if !reflect.DeepEqual(got.Exposure.Planned, exposureJSON(ledger.PlanExposure(plan))) ||
			!reflect.DeepEqual(got.Exposure.Recorded, exposureJSON(rec.Exposure("ADV-2025-0042"))) {
			t.Errorf("key %q: exposure %+v", key, got.Exposure)
		}
	}
}

// libraryPlanExcluding plans an advisory for the demo's partners under the
// built-in policy, with a partner excluded.
func libraryPlanExcluding(t *testing.T, advisory, partner string) []disclosure.Disclosure {
	t.Helper()
	a, err := disclosure.LoadAdvisory(strings.NewReader(string(readTestFile(t, advisory))))
	if err != nil {
		t.Fatal(err)
	}
	partners, err := disclosure.LoadPartners(strings.NewReader(readDemo(t, "partners.json")))
	if err != nil {
		t.Fatal(err)
	}
	a.ExcludePartners = append(a.ExcludePartners, partner)
	plan, err := disclosure.Plan(disclosure.DefaultPolicy(), a, partners)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// TestGoldenPlanLedger compares the table of plan --ledger with
// testdata/golden/plan-ledger.golden: the second revision, against the
// record after the first notice, with harunoki excluded since. The
// record's path is shown as RECORD.
func TestGoldenPlanLedger(t *testing.T) {
	lines := bytes.SplitAfter(readTestFile(t, timelineRecord), []byte("\n"))
	file := writeTemp(t, "record.jsonl", string(bytes.Join(lines[:2], nil)))
	out := mustSucceed(t, "", "plan", "--advisory", testNotices[1].advisory, "--partners", partnersFile,
		"--policy", timelinePolicy, "--ledger", file, "--exclude", "harunoki")
	golden(t, "plan-ledger", strings.ReplaceAll(out, file, "RECORD"))
}

// TestPlanLedgerErrors checks that plan --ledger refuses a record it
// cannot read, or that is not intact, naming the file and the line.
func TestPlanLedgerErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone.jsonl")
	broken := writeTemp(t, "broken.jsonl", strings.Replace(string(readTestFile(t, timelineRecord)), `"revision":2`, `"revision":4`, 1))
	inputs := []string{"plan", "--advisory", testNotices[1].advisory, "--partners", partnersFile}
	for _, tt := range []struct {
		record, want string
	}{
		{missing, missing + ": cannot read: no such file or directory"},
		{broken, broken + ": line 3: hash: does not match the line: the line was changed"},
	} {
		for _, format := range []string{"table", "json"} {
			r := disclose(t, "", append(inputs, "--ledger", tt.record, "--format", format)...)
			checkFailure(t, r, exitInvalid, []string{tt.want})
		}
	}
}
