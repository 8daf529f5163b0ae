package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
	"github.com/disclosurekit/disclosure/trace"
)

// exploitedAt is when the demo's timeline has exploitation first seen.
const exploitedAt = "2025-07-07T15:00:00Z"

// leakOfTimeline plays the timeline's first two notices and returns the
// copy harunoki received with the second, as if it leaked, and the
// record.
func leakOfTimeline(t *testing.T) (leak, record string) {
	t.Helper()
	out := t.TempDir()
	record = filepath.Join(out, "record.jsonl")
	exportNotice(t, out, record, 0)
	exportNotice(t, out, record, 1)
	return filepath.Join(out, copyOf("harunoki")), record
}

// TestGoldenInvestigate compares the output of investigate with the files
// under testdata/golden.
func TestGoldenInvestigate(t *testing.T) {
	leak, record := leakOfTimeline(t)
	tests := []struct {
		name string
		args []string
	}{
		{"investigate", []string{"investigate", "--ledger", timelineRecord, "--before", exploitedAt,
			"--class", "technical-details", "--partners", partnersFile}},
		{"investigate-leak", []string{"investigate", "--ledger", record, "--before", exploitedAt,
			"--leak", leak, "--key-file", testKeyFile, "--advisory", testNotices[1].advisory, "--partners", partnersFile}},
		{"investigate-nobody", []string{"investigate", "--ledger", timelineRecord, "--before", "2025-06-24T16:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := mustSucceed(t, "", tt.args...)
			out = strings.ReplaceAll(strings.ReplaceAll(out, record, "RECORD"), leak, "LEAK")
			golden(t, tt.name, out)
		})
	}
}

// TestInvestigateMatchesLibrary checks investigate --format json against
// Record.Investigate, for instants around each delivery and for every
// class asked alone, with a leak's trace codes.
func TestInvestigateMatchesLibrary(t *testing.T) {
	leak, record := leakOfTimeline(t)
	rec := readRecordFile(t, timelineRecord)
	partners, err := disclosure.LoadPartners(bytes.NewReader(readTestFile(t, partnersFile)))
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	var instants []time.Time
	for _, e := range rec.Entries() {
		instants = append(instants, e.At, e.At.Add(time.Second))
	}
	for _, before := range instants {
		for _, class := range append([]disclosure.Class{""}, disclosure.Classes()...) {
			q := ledger.Query{Before: before, Partners: partners}
			args := []string{"investigate", "--format", "json", "--ledger", timelineRecord, "--before", before.Format(time.RFC3339), "--partners", partnersFile}
			if class != "" {
				q.Classes = []disclosure.Class{class}
				args = append(args, "--class", string(class))
			}
			want, err := rec.Investigate(q)
			if err != nil {
				t.Fatal(err)
			}
			got := investigateJSON(t, args...)
			if !sameHolders(got.Holders, want.Holders) {
				t.Fatalf("%v: holders %+v\nwant %+v", args[3:], got.Holders, want.Holders)
			}
			named += len(want.Holders)
		}
	}
	if named == 0 {
		t.Fatal("nobody named: the test tests nothing")
	}

	// A leaked copy: the holders its codes point to.
	a, err := disclosure.LoadAdvisory(bytes.NewReader(readTestFile(t, testNotices[1].advisory)))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(leak)
	if err != nil {
		t.Fatal(err)
	}
	matches, err := trace.Identify(data, []byte(testKey), a, partners)
	if err != nil || len(matches) != 1 || matches[0].Partner != "harunoki" {
		t.Fatalf("the leak carries the codes of %v (%v)", matches, err)
	}
	before, _ := time.Parse(time.RFC3339, exploitedAt)
	want, err := readRecordFile(t, record).Investigate(ledger.Query{Advisory: a.ID, Before: before, Partners: partners, Traces: matches})
	if err != nil {
		t.Fatal(err)
	}
	got := investigateJSON(t, "investigate", "--format", "json", "--ledger", record, "--before", exploitedAt,
		"--leak", leak, "--key-file", testKeyFile, "--advisory", testNotices[1].advisory, "--partners", partnersFile)
	if !sameHolders(got.Holders, want.Holders) || got.Advisory != a.ID || len(got.Unexplained) != 0 {
		t.Errorf("with the leak: %+v\nwant %+v", got, want)
	}
	if i := slices.IndexFunc(got.Holders, func(h holderJSON) bool { return h.Partner == "harunoki" }); i < 0 || got.Holders[i].Traced == 0 {
		t.Errorf("harunoki is not named as traced: %+v", got.Holders)
	}
}

// investigateJSON runs investigate and decodes its JSON.
func investigateJSON(t *testing.T, args ...string) investigationJSON {
	t.Helper()
	var v investigationJSON
	if err := json.Unmarshal([]byte(mustSucceed(t, "", args...)), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// sameHolders reports whether the JSON of investigate names the holders
// the library does.
func sameHolders(got []holderJSON, want []ledger.Holder) bool {
	if len(got) != len(want) {
		return false
	}
	for i, h := range want {
		g := got[i]
		if g.Partner != h.Partner || g.Advisory != h.Advisory || !g.Since.Equal(h.Since) || g.Revision != h.Revision ||
			g.HeldHours != h.Held.Hours() || !slices.Equal(g.Classes, h.Classes) || !slices.Equal(g.Jurisdictions, h.Jurisdictions) ||
			g.Traced != h.Traced {
			return false
		}
	}
	return true
}

// TestInvestigateErrors checks the usage errors and invalid inputs of
// investigate.
func TestInvestigateErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "gone.jsonl")
	broken := writeTemp(t, "broken.jsonl", strings.Replace(string(readTestFile(t, timelineRecord)), "harunoki", "Harunoki", 1))
	otherKey := writeTemp(t, "other.key", "another key, of 32 bytes or so!!")
	leak, _ := leakOfTimeline(t)
	base := []string{"investigate", "--ledger", timelineRecord, "--before", exploitedAt}
	leakArgs := append(append([]string{}, base...), "--leak", leak, "--advisory", testNotices[1].advisory, "--partners", partnersFile)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no --ledger", []string{"investigate", "--before", exploitedAt}, 2, "disclose investigate: --ledger is required"},
		{"no --before", []string{"investigate", "--ledger", timelineRecord}, 2, "disclose investigate: --before is required"},
		{"a bad --before", []string{"investigate", "--ledger", timelineRecord, "--before", "July 7"}, 2,
			`disclose investigate: --before "July 7": not an RFC 3339 time with a zone offset`},
		{"a bad class", append(append([]string{}, base...), "--class", "exploit"), 2, `disclose investigate: --class "exploit": unknown class`},
		{"--leak without a key", append(append([]string{}, base...), "--leak", leak), 2,
			"disclose investigate: --leak needs --key-file, --advisory and --partners"},
		{"a key without --leak", append(append([]string{}, base...), "--key-file", testKeyFile), 2,
			"disclose investigate: --key-file needs --leak FILE"},
		{"--before twice", append(append([]string{}, base...), "--before", exploitedAt), 2, "disclose investigate: --before given twice"},
		{"an argument", append(append([]string{}, base...), "leak.txt"), 2, `disclose investigate: unexpected argument "leak.txt"`},
		{"a missing record", []string{"investigate", "--ledger", missing, "--before", exploitedAt}, 1, missing + ": cannot read: no such file or directory"},
		{"a broken record", []string{"investigate", "--ledger", broken, "--before", exploitedAt}, 1,
			broken + ": line 2: hash: does not match the line: the line was changed"},
		{"a missing partner list, with the broken record", []string{"investigate", "--ledger", broken, "--before", exploitedAt,
			"--partners", missing}, 1, missing + ": cannot read: no such file or directory"},
		{"another key", append(leakArgs, "--key-file", otherKey), 1,
			otherKey + ": the key marks none of these copies: is it the key they were marked with?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFailure(t, disclose(t, "", tt.args...), tt.code, []string{tt.want})
		})
	}
}
