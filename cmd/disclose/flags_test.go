package main

import "testing"

// TestFlagGivenTwice checks that a flag that takes one value, given twice,
// is a usage error, whatever its kind (file, time, reason, size, number,
// boolean), and that --exclude and --withhold stay repeatable.
func TestFlagGivenTwice(t *testing.T) {
	inputs := []string{"--advisory", advisoryFile, "--partners", partnersFile}
	out := t.TempDir()
	tests := []struct {
		args []string
		flag string
	}{
		{[]string{"plan", "--advisory", "a.json", "--advisory", "b.json", "--partners", partnersFile}, "advisory"},
		{append([]string{"plan", "--partners", partnersFile}, inputs...), "partners"},
		{append([]string{"plan", "--policy", beforeFile, "--policy", beforeFile}, inputs...), "policy"},
		{append([]string{"plan", "--format", "json", "--format", "table"}, inputs...), "format"},
		{append([]string{"plan", "--at", "2025-07-07T10:30:00Z", "--at", "2025-07-07T10:30:00Z"}, inputs...), "at"},
		{append([]string{"plan", "--mark-key-file", testKeyFile, "--mark-key-file", testKeyFile}, inputs...), "mark-key-file"},
		{append([]string{"plan", "--csaf-options", "a.json", "--csaf-options", "b.json"}, inputs...), "csaf-options"},
		{append([]string{"plan", "--embargo-ended-at", "2025-07-03T09:00:00Z", "--embargo-ended-at", "2025-07-04T09:00:00Z",
			"--embargo-reason", "public"}, inputs...), "embargo-ended-at"},
		{append([]string{"plan", "--embargo-ended-at", "2025-07-03T09:00:00Z", "--embargo-reason", "public",
			"--embargo-reason", "exploited"}, inputs...), "embargo-reason"},
		{append([]string{"plan", "--max-input", "1MiB", "--max-input", "2MiB"}, inputs...), "max-input"},
		{append([]string{"explain", "--partner", "jinlumo", "--partner", "ardentic"}, inputs...), "partner"},
		{append([]string{"explain", "--partner", "jinlumo", "--at", "2025-07-07T10:30:00Z", "--at", "2025-07-07T10:30:00Z"}, inputs...), "at"},
		{append([]string{"export", "--partner", "x", "--partner", "y", "--out", out}, inputs...), "partner"},
		{append([]string{"export", "--all", "--out", out, "--out", out}, inputs...), "out"},
		{append([]string{"export", "--all", "--all", "--out", out}, inputs...), "all"},
		{append([]string{"export", "--all", "--keep-stale", "--keep-stale=false", "--out", out}, inputs...), "keep-stale"},
		{append([]string{"export", "--all", "--out", out, "--ledger", "a.jsonl", "--ledger", "b.jsonl"}, inputs...), "ledger"},
		{append([]string{"export", "--all", "--out", out, "--ledger", "a.jsonl", "--at", "2025-07-03T16:00:00Z", "--at", "2025-07-03T16:00:00Z"}, inputs...), "at"},
		{append([]string{"export", "--all", "--out", out, "--mark-key-file", testKeyFile, "--mark-key-file", testKeyFile}, inputs...), "mark-key-file"},
		{append([]string{"plan", "--ledger", "a.jsonl", "--ledger", "b.jsonl"}, inputs...), "ledger"},
		{[]string{"investigate", "--ledger", "a.jsonl", "--ledger", "b.jsonl", "--before", "2025-07-07T15:00:00Z"}, "ledger"},
		{[]string{"investigate", "--ledger", "a.jsonl", "--before", "2025-07-07T15:00:00Z", "--leak", "a", "--leak", "b"}, "leak"},
		{append([]string{"trace", "--key-file", testKeyFile, "--key-file", testKeyFile}, append(inputs, "-")...), "key-file"},
		{[]string{"classify", "--advisory", csafFile, "--advisory", csafFile}, "advisory"},
		{[]string{"validate", "--max-input", "1MiB", "--max-input", "1MiB", advisoryFile}, "max-input"},
		{[]string{"calendar", "--year", "2025", "--year", "2026"}, "year"},
		{[]string{"demo", "--export", out, "--export", out}, "export"},
		{[]string{"csaf-options", "--format", "json", "--format", "json"}, "format"},
	}
	for _, tt := range tests {
		r := disclose(t, "", tt.args...)
		want := "disclose " + tt.args[0] + ": --" + tt.flag + " given twice\n" +
			`Run "disclose ` + tt.args[0] + ` --help" for the flags and examples.` + "\n"
		if r.code != exitUsage || r.stderr != want || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and:\n%s", tt.args, r.code, r.stdout, r.stderr, want)
		}
	}
	// Repeatable flags, and the same flag given once per command.
	mustSucceed(t, "", append([]string{"plan", "--exclude", "jinlumo", "--exclude", "ardentic",
		"--withhold", "proof-of-concept", "--withhold", "repro-steps"}, inputs...)...)
	mustSucceed(t, "", "investigate", "--ledger", timelineRecord, "--before", "2025-07-07T15:00:00Z",
		"--class", "technical-details", "--class", "description")
}
