package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const (
	advisoryFile = "demo/advisory.json"
	partnersFile = "demo/partners.json"
	beforeFile   = "demo/policy-before-2025-07.json"
)

// TestGolden compares the standard output of successful runs with the
// files under testdata/golden. Run "go test -update" to rewrite them, and
// read the diff.
func TestGolden(t *testing.T) {
	inputs := []string{"--advisory", advisoryFile, "--partners", partnersFile}
	at := []string{"--at", "2025-07-07T10:30:00-07:00"} // after the entry tier's release, before the public one
	tests := []struct {
		name string
		args []string
	}{
		{"demo", []string{"demo"}},
		{"plan", append([]string{"plan"}, inputs...)},
		{"plan-before", append([]string{"plan", "--policy", beforeFile}, inputs...)},
		{"plan-at", append(append([]string{"plan"}, inputs...), at...)},
		{"plan-json", append([]string{"plan", "--format", "json"}, inputs...)},
		{"plan-json-at", append(append([]string{"plan", "--format", "json"}, inputs...), at...)},
		{"explain-restricted", append([]string{"explain", "--partner", "cobaltreach"}, inputs...)},
		{"explain-entry", append([]string{"explain", "--partner", "ardentic"}, inputs...)},
		{"explain-expired", append([]string{"explain", "--partner", "morrowdale"}, inputs...)},
		// The demo's other partners that get nothing, or less than their
		// tier's classes, and what their remedies are.
		{"explain-suspended", append([]string{"explain", "--partner", "glimmerfen"}, inputs...)},
		{"explain-excluded", append([]string{"explain", "--partner", "quillmark"}, inputs...)},
		{"explain-responder", append([]string{"explain", "--partner", "eurivon"}, inputs...)},
		{"explain-cn", append([]string{"explain", "--partner", "jinlumo"}, inputs...)},
		{"explain-at", append(append([]string{"explain", "--partner", "vasudrik"}, inputs...), "--at", "2025-07-05T00:00:00Z")},
		{"explain-json-at", append(append([]string{"explain", "--partner", "cobaltreach", "--format", "json"}, inputs...), "--at", "2025-07-07T10:30:00-07:00")},
		{"calendar-2025", []string{"calendar", "--year", "2025"}},
		{"policy", []string{"policy"}},
		{"validate-demo", []string{"validate", advisoryFile, partnersFile, beforeFile}},
		{"help", []string{"help"}},
		{"help-plan", []string{"plan", "--help"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustSucceed(t, "", tt.args...)
			golden(t, tt.name, got)
		})
	}
}

// golden compares got with testdata/golden/NAME.golden, or rewrites the
// file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got == string(want) {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("output differs from %s at line %d:\n got: %q\nwant: %q\n(run go test -update to accept the new output)", path, i+1, g, w)
		}
	}
}

// TestReadmeRemedies checks that the remedies README.md shows are what
// explain prints for the partner it names.
func TestReadmeRemedies(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)explain --partner morrowdale [^\n]*\n\n```\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md shows no explain --partner morrowdale with its output")
	}
	got := mustSucceed(t, "", "explain", "--partner", "morrowdale", "--advisory", advisoryFile, "--partners", partnersFile)
	if !strings.Contains(got, string(m[1])) {
		t.Fatalf("README.md shows:\n%s\nexplain prints:\n%s", m[1], got)
	}
}
