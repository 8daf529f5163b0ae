package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

// leakedPoC is one partner's proof of concept, as it would turn up alone
// on a public site: the 2012 pattern. README.md traces it;
// TestLeakedPoCFile checks that it is tavoran's.
const leakedPoC = "testdata/leaked-poc.py"

// traceResult is what trace --format json prints for one LEAKFILE.
type traceResult struct {
	File    string        `json:"file"`
	Matches []trace.Match `json:"matches"`
}

// traceOf runs "disclose trace --format json" with the test key on the
// demo files, and decodes its output.
func traceOf(t *testing.T, stdin string, leaks ...string) []traceResult {
	t.Helper()
	return traceWith(t, testKeyFile, stdin, leaks...)
}

// traceWith is traceOf with the key in keyFile.
func traceWith(t *testing.T, keyFile, stdin string, leaks ...string) []traceResult {
	t.Helper()
	args := append([]string{"trace", "--format", "json", "--key-file", keyFile, "--advisory", advisoryFile, "--partners", partnersFile}, leaks...)
	out := mustSucceed(t, stdin, args...)
	var rs []traceResult
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("trace --format json does not parse: %v\n%s", err, out)
	}
	if len(rs) != len(leaks) {
		t.Fatalf("trace --format json gives %d results for %d files:\n%s", len(rs), len(leaks), out)
	}
	for i, r := range rs {
		if r.File != leaks[i] || r.Matches == nil {
			t.Fatalf("result %d is for %q with matches %v; want %q and a list", i, r.File, r.Matches, leaks[i])
		}
	}
	return rs
}

// pocOf returns the proof of concept in partner's copy, or nil.
func pocOf(t *testing.T, plan []disclosure.Disclosure, partner string) []byte {
	t.Helper()
	for _, d := range plan {
		if d.PartnerID != partner {
			continue
		}
		for _, f := range d.Advisory.Artifacts {
			if f.Class == disclosure.ClassProofOfConcept {
				return f.Data
			}
		}
		return nil
	}
	t.Fatalf("no partner %s in the plan", partner)
	return nil
}

// TestLeakedPoCFile checks that the leak README.md traces is tavoran's
// proof of concept as plan --mark-key-file makes it; "go test -update"
// rewrites it (before TestGoldenTrace reads it).
func TestLeakedPoCFile(t *testing.T) {
	poc := pocOf(t, markedPlan(t, testKeyFile), "tavoran")
	if *update {
		if err := os.WriteFile(leakedPoC, poc, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(leakedPoC)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, poc) {
		t.Errorf("%s:\n%s\nis not tavoran's proof of concept:\n%s\n(run go test -update)", leakedPoC, got, poc)
	}
}

// TestGoldenTrace compares the output of trace with the files under
// testdata/golden; "go test -update" rewrites them. The leaks are tavoran's
// proof of concept and the demo advisory, whose proof of concept still has
// the placeholder.
func TestGoldenTrace(t *testing.T) {
	inputs := []string{"--key-file", testKeyFile, "--advisory", advisoryFile, "--partners", partnersFile}
	tests := []struct {
		name string
		args []string
	}{
		{"trace", append(append([]string{"trace"}, inputs...), leakedPoC, advisoryFile)},
		{"trace-json", append(append([]string{"trace", "--format", "json"}, inputs...), leakedPoC, advisoryFile)},
		{"help-trace", []string{"trace", "--help"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name, mustSucceed(t, "", tt.args...))
		})
	}
}

// TestTraceNamesTheSource is the 2012 pattern end to end: each partner's
// proof of concept, taken alone from plan --format json --mark-key-file,
// names that partner and no other; and so does each partner's question
// that quotes its reference.
func TestTraceNamesTheSource(t *testing.T) {
	plan := markedPlan(t, testKeyFile)
	var leaks, want, where []string
	for _, d := range plan {
		if !d.Entitled {
			continue
		}
		if poc := pocOf(t, plan, d.PartnerID); poc != nil {
			leaks = append(leaks, writeTemp(t, d.PartnerID+"-poc.py", string(poc)))
			want, where = append(want, d.PartnerID), append(where, "artifacts[0].data")
		}
		ref := d.Advisory.Sections[len(d.Advisory.Sections)-1].Body
		question := "Hello, a question about ADV-2025-0042 (" + strings.TrimSuffix(ref, " Quote it when you ask about this advisory.") + "): is 2016 affected?\n"
		leaks = append(leaks, writeTemp(t, d.PartnerID+"-question.txt", question))
		want, where = append(want, d.PartnerID), append(where, "reference")
	}
	if len(leaks) < 12 {
		t.Fatalf("only %d leaks", len(leaks))
	}
	for i, r := range traceOf(t, "", leaks...) {
		if len(r.Matches) != 1 || r.Matches[0].Partner != want[i] {
			t.Errorf("%s: matches %+v, want %s alone", r.File, r.Matches, want[i])
			continue
		}
		m := r.Matches[0]
		data, err := os.ReadFile(r.File)
		if err != nil {
			t.Fatal(err)
		}
		if f := m.Found; m.Distinct != 1 || len(f) != 1 || f[0].Where != where[i] || f[0].Encoding != "" ||
			string(data[f[0].Offset:f[0].End]) != f[0].Code {
			t.Errorf("%s: %+v, want the code of %s, read as text at its place", r.File, m, where[i])
		}
	}
}

// TestTraceUnmarkedLeak checks that an unmarked proof of concept names no
// partner, with exit status 0, and that the table says what that means.
func TestTraceUnmarkedLeak(t *testing.T) {
	plan := planOf(t, "", "--advisory", advisoryFile, "--partners", partnersFile) // no key
	poc := pocOf(t, plan, "tavoran")
	if !bytes.Contains(poc, []byte("{{mark}}")) {
		t.Fatalf("the unmarked proof of concept has no placeholder:\n%s", poc)
	}
	leak := writeTemp(t, "poc.py", string(poc))
	if r := traceOf(t, "", leak); len(r[0].Matches) != 0 {
		t.Errorf("an unmarked leak names %+v", r[0].Matches)
	}
	out := mustSucceed(t, "", "trace", "--key-file", testKeyFile, "--advisory", advisoryFile, "--partners", partnersFile, leak)
	for _, want := range []string{"== " + leak + " ==\nno partner's code found\n", "A leak without codes proves nothing"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "A code found") {
		t.Errorf("output speaks of a code found:\n%s", out)
	}
}

// TestTraceOtherKey checks that a copy marked with another key is an
// error, exit status 1, whose message asks about the key, and that it
// names its partner with that key.
func TestTraceOtherKey(t *testing.T) {
	other := writeTemp(t, "other.key", "ANOTHER KEY, EQUALLY NOT SECRET")
	plan := markedPlan(t, other)
	poc := writeTemp(t, "poc.py", string(pocOf(t, plan, "tavoran")))
	var whole []byte
	for _, d := range plan {
		if d.PartnerID == "kesselwerk" {
			var err error
			if whole, err = json.MarshalIndent(d.Advisory, "", "  "); err != nil {
				t.Fatal(err)
			}
		}
	}
	copyFile := writeTemp(t, "copy.json", string(whole))
	unmarked := writeTemp(t, "unmarked.txt", "Nothing of the advisory here.\n")
	for _, tc := range []struct {
		name  string
		leaks []string
		where string
	}{
		{"proof of concept", []string{poc}, "the code of the {{mark}} in artifacts[0].data"},
		{"whole copy", []string{copyFile}, "its reference"},
		{"with an unmarked leak", []string{unmarked, poc}, "artifacts[0].data"},
	} {
		for _, format := range []string{"table", "json"} {
			args := append([]string{"trace", "--format", format, "--key-file", testKeyFile, "--advisory", advisoryFile, "--partners", partnersFile}, tc.leaks...)
			r := disclose(t, "", args...)
			if r.code != 1 || r.stdout != "" {
				t.Errorf("%s, %s: exit %d, stdout:\n%s", tc.name, format, r.code, r.stdout)
			}
			last := tc.leaks[len(tc.leaks)-1]
			for _, want := range []string{
				testKeyFile + ": the key marks none of these copies: is it the key they were marked with?\n",
				last + ": wrong key: the text has marks of a copy of ADV-2025-0042 revision 1",
				tc.where,
			} {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("%s, %s: standard error lacks %q:\n%s", tc.name, format, want, r.stderr)
				}
			}
			if strings.Contains(r.stderr, unmarked) {
				t.Errorf("%s, %s: standard error names the unmarked leak:\n%s", tc.name, format, r.stderr)
			}
		}
	}
	if r := traceWith(t, other, "", poc); len(r[0].Matches) != 1 || r[0].Matches[0].Partner != "tavoran" {
		t.Errorf("with its own key, the leak names %+v, want tavoran", r[0].Matches)
	}
	// A code found under the key: the other leak's marks do not make the
	// key wrong.
	right := writeTemp(t, "right.py", string(pocOf(t, markedPlan(t, testKeyFile), "brimlock")))
	if r := traceOf(t, "", poc, right); len(r[0].Matches) != 0 || len(r[1].Matches) != 1 {
		t.Errorf("a leak under the key and one under another give %+v", r)
	}
}

// TestTraceWholeCopies checks leaks of more than one code: a partner's
// whole copy forwarded as JSON (the reference as text, the proof of
// concept in base64), read from standard input; and two partners' proofs
// of concept put together.
func TestTraceWholeCopies(t *testing.T) {
	plan := markedPlan(t, testKeyFile)
	var copyOf []byte
	for _, d := range plan {
		if d.PartnerID == "kesselwerk" {
			var err error
			if copyOf, err = json.MarshalIndent(d.Advisory, "", "  "); err != nil {
				t.Fatal(err)
			}
		}
	}
	both := writeTemp(t, "both.py", string(pocOf(t, plan, "tavoran"))+string(pocOf(t, plan, "brimlock")))
	rs := traceOf(t, string(copyOf), "-", both)

	if ms := rs[0].Matches; len(ms) != 1 || ms[0].Partner != "kesselwerk" || ms[0].Distinct != 2 || len(ms[0].Found) != 2 ||
		ms[0].Found[0].Where != "reference" || ms[0].Found[0].Encoding != "" ||
		ms[0].Found[1].Where != "artifacts[0].data" || ms[0].Found[1].Encoding != "base64" {
		t.Errorf("the forwarded copy gives %+v; want kesselwerk, its reference as text and its proof of concept in base64", ms)
	}
	if ms := rs[1].Matches; len(ms) != 2 || ms[0].Partner != "brimlock" || ms[1].Partner != "tavoran" {
		t.Errorf("two proofs of concept give %+v; want brimlock and tavoran, by ID", ms)
	}
}

// TestTraceErrors checks the error paths of trace and of --mark-key-file:
// the exit code, and that standard error says what is wrong where.
func TestTraceErrors(t *testing.T) {
	dir := t.TempDir()
	missing := dir + "/no-such.key"
	short := writeTemp(t, "short.key", "0123456789")
	empty := writeTemp(t, "empty.key", "")
	noID := writeTemp(t, "advisory.json", strings.Replace(readDemo(t, "advisory.json"), `"id": "ADV-2025-0042",`, "", 1))
	inputs := []string{"--advisory", advisoryFile, "--partners", partnersFile}
	keyed := func(cmd, key string) []string {
		if cmd == "trace" {
			return append([]string{"trace", "--key-file", key}, inputs...)
		}
		return append([]string{cmd, "--mark-key-file", key}, inputs...)
	}

	tests := []struct {
		name     string
		args     []string
		stdin    string
		wantCode int
		want     []string
	}{
		{"plan: missing key file", keyed("plan", missing), "", 1,
			[]string{missing + ": cannot read: no such file or directory"}},
		{"plan: short key", keyed("plan", short), "", 1,
			[]string{short + ": invalid key: 10 bytes, want at least 16"}},
		{"plan json: empty key", append(keyed("plan", empty), "--format", "json"), "", 1,
			[]string{empty + ": invalid key: 0 bytes, want at least 16"}},
		{"plan: short key and bad advisory, all at once", []string{"plan", "--mark-key-file", short, "--advisory", noID, "--partners", partnersFile}, "", 1,
			[]string{noID + ": id: required", short + ": invalid key: 10 bytes"}},
		{"plan: key and advisory on standard input", []string{"plan", "--mark-key-file", "-", "--advisory", "-", "--partners", partnersFile}, "", 2,
			[]string{"--advisory and --mark-key-file are both -", `Run "disclose plan --help" for the flags and examples.`}},
		{"explain: short key", append(keyed("explain", short), "--partner", "ardentic"), "", 1,
			[]string{short + ": invalid key: 10 bytes, want at least 16"}},
		{"explain: short key from standard input", append(keyed("explain", "-"), "--partner", "ardentic"), "too short", 1,
			[]string{"<stdin>: invalid key: 9 bytes, want at least 16"}},
		{"export: short key", []string{"export", "--all", "--out", dir, "--mark-key-file", short, "--advisory", csafFile, "--partners", partnersFile}, "", 1,
			[]string{short + ": invalid key: 10 bytes, want at least 16"}},
		{"export: key and advisory on standard input", []string{"export", "--all", "--out", dir, "--mark-key-file", "-", "--advisory", "-", "--partners", partnersFile}, "", 2,
			[]string{"--advisory and --mark-key-file are both -", `Run "disclose export --help" for the flags and examples.`}},
		{"trace: CSAF options for a native advisory", append(keyed("trace", testKeyFile), "--csaf-options", partnersFile, leakedPoC), "", 1,
			[]string{advisoryFile + ": --csaf-options applies to CSAF advisories, and this one is in this tool's format"}},
		{"trace: CSAF options and advisory on standard input", []string{"trace", "--key-file", testKeyFile, "--advisory", "-", "--csaf-options", "-", "--partners", partnersFile, leakedPoC}, "", 2,
			[]string{"--advisory and --csaf-options are both -"}},
		{"export: short key, native advisory", []string{"export", "--all", "--out", dir, "--mark-key-file", short, "--advisory", advisoryFile, "--partners", partnersFile}, "", 1,
			[]string{short + ": invalid key: 10 bytes, want at least 16"}},
		{"trace: missing key file", append(keyed("trace", missing), leakedPoC), "", 1,
			[]string{missing + ": cannot read: no such file or directory"}},
		{"trace: short key", append(keyed("trace", short), leakedPoC), "", 1,
			[]string{short + ": invalid key: 10 bytes, want at least 16"}},
		{"trace: missing LEAKFILE, with the others", append(keyed("trace", testKeyFile), leakedPoC, dir+"/gone.txt", dir), "", 1,
			[]string{dir + "/gone.txt: cannot read: no such file or directory", dir + ": cannot read: is a directory"}},
		{"trace: every problem of every file", []string{"trace", "--key-file", short, "--advisory", noID, "--partners", missing, dir + "/gone.txt"}, "", 1,
			[]string{short + ": invalid key", noID + ": id: required", missing + ": cannot read", dir + "/gone.txt: cannot read"}},
		{"trace: no LEAKFILE", keyed("trace", testKeyFile), "", 2,
			[]string{"disclose trace: no LEAKFILE given", `Run "disclose trace --help" for the flags and examples.`}},
		{"trace: bad flag", append(append([]string{"trace", "--bogus"}, keyed("trace", testKeyFile)[1:]...), leakedPoC), "", 2,
			[]string{"disclose trace: unknown flag --bogus", `Run "disclose trace --help" for the flags and examples.`}},
		{"trace: no --key-file", append(append([]string{"trace"}, inputs...), leakedPoC), "", 2,
			[]string{"disclose trace: --key-file is required"}},
		{"trace: plan's flag name", append(append([]string{"trace", "--mark-key-file", testKeyFile}, inputs...), leakedPoC), "", 2,
			[]string{"disclose trace: unknown flag --mark-key-file"}},
		{"trace: flag after a LEAKFILE", append(keyed("trace", testKeyFile), leakedPoC, "--format", "json"), "", 2,
			[]string{`disclose trace: --format after LEAKFILE "` + leakedPoC + `": give every flag before the first LEAKFILE`}},
		{"trace: bad format", append(append(keyed("trace", testKeyFile), "--format", "csv"), leakedPoC), "", 2,
			[]string{`--format "csv": want table or json`}},
		{"trace: standard input twice", append(keyed("trace", testKeyFile), "-", "-"), "", 2,
			[]string{"2 LEAKFILEs are all -, but standard input can be read only once"}},
		{"trace: key and LEAKFILE on standard input", append(keyed("trace", "-"), "-"), "", 2,
			[]string{"--key-file and a LEAKFILE are both -"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := disclose(t, tt.stdin, tt.args...)
			checkFailure(t, r, tt.wantCode, tt.want)
		})
	}
}
