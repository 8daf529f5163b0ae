package csafschema_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// bsiDir holds the pinned BSI validator library (package.json and
// package-lock.json; "npm ci" there installs it) and check.mjs, which runs
// it on files.
const bsiDir = "bsi"

// A bsiResult is what check.mjs says of one file.
type bsiResult struct {
	File    string    `json:"file"`
	Version string    `json:"csaf_version"`
	Tests   int       `json:"tests"`
	Failed  []bsiTest `json:"failed"`
	Error   string    `json:"error"`
}

// A bsiTest is a test a file failed: its number in the CSAF standard
// ("6.1.27.2", or "schema" for the strict schema test) and its errors.
type bsiTest struct {
	Test     string `json:"test"`
	Function string `json:"function"`
	Errors   []struct {
		Path    string `json:"path"`
		Message string `json:"message"`
	} `json:"errors"`
}

// failed returns the tests r failed, by number.
func (r *bsiResult) failed() map[string]bsiTest {
	m := make(map[string]bsiTest, len(r.Failed))
	for _, f := range r.Failed {
		m[f.Test] = f
	}
	return m
}

// messages returns the errors of a failed test in one line.
func (f bsiTest) messages() string {
	var parts []string
	for _, e := range f.Errors {
		parts = append(parts, fmt.Sprintf("%s: %s", e.Path, e.Message))
	}
	return strings.Join(parts, "; ")
}

// needBSI skips the test when the BSI library is not installed, unless
// CSAF_BSI_REQUIRED is set (as .ci/run sets it after "npm ci"): then it
// fails.
func needBSI(t *testing.T) {
	t.Helper()
	why := ""
	if _, err := exec.LookPath("node"); err != nil {
		why = "node is not on PATH"
	} else if _, err := os.Stat(filepath.Join(bsiDir, "node_modules", "@secvisogram", "csaf-validator-lib", "package.json")); err != nil {
		why = "the BSI validator library is not installed (run npm ci in csafschema/bsi)"
	}
	if why == "" {
		return
	}
	if os.Getenv("CSAF_BSI_REQUIRED") != "" {
		t.Fatalf("CSAF_BSI_REQUIRED is set, but %s", why)
	}
	t.Skip(why)
}

// runBSI runs check.mjs on files, in as many node processes as there are
// CPUs (each process loads the library once and checks its share of the
// files), and returns each file's result.
func runBSI(t *testing.T, files []string) map[string]*bsiResult {
	t.Helper()
	procs := min(runtime.NumCPU(), len(files))
	out := make(map[string]*bsiResult, len(files))
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make([]error, procs)
	for p := range procs {
		// Every procs-th file, so that the large documents' copies are
		// spread over the processes.
		var share []string
		for i := p; i < len(files); i += procs {
			share = append(share, files[i])
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command("node", append([]string{"check.mjs"}, share...)...)
			cmd.Dir = bsiDir
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdout, err := cmd.Output()
			if err != nil {
				errs[p] = fmt.Errorf("node check.mjs: %v\n%s", err, stderr.String())
				return
			}
			sc := bufio.NewScanner(bytes.NewReader(stdout))
			sc.Buffer(nil, 64<<20)
			for sc.Scan() {
				r := new(bsiResult)
				if err := json.Unmarshal(sc.Bytes(), r); err != nil {
					errs[p] = fmt.Errorf("node check.mjs printed %q: %v", sc.Text(), err)
					return
				}
				mu.Lock()
				out[r.File] = r
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		r, ok := out[f]
		switch {
		case !ok:
			t.Fatalf("check.mjs said nothing of %s", f)
		case r.Error != "":
			t.Fatalf("check.mjs: %s: %s", f, r.Error)
		case r.Tests < 40:
			t.Fatalf("check.mjs ran only %d tests on %s", r.Tests, f)
		}
	}
	return out
}

// TestCopiesPassMandatoryTests runs the BSI validator library's strict
// schema test and every mandatory test of the document's CSAF version (see
// bsi/check.mjs) on every document under ../csaf/testdata and the research
// data's CSAF documents (../../shared/data/csaf, 2.0 and 2.1), and on each
// entitled demo partner's copy of it, written as export writes it; and on
// the same document with a placeholder in each note, remediation, threat,
// acknowledgment and involvement, and each partner's marked copy of it, as
// export --mark-key-file writes it. A copy must pass every test its
// original passes. The test reads ../../shared, and checks only
// ../csaf/testdata when it is absent.
func TestCopiesPassMandatoryTests(t *testing.T) {
	needBSI(t)
	partners := demoPartners(t)
	sources := testdataSources(t)
	shared, same, haveShared := sharedSources(t, sources)
	sources = append(sources, shared...)

	dir := t.TempDir()
	abs := func(path string) string {
		p, err := filepath.Abs(path)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	type onDisk struct {
		partnerCopy
		path string
	}
	var copies []onDisk
	var files []string
	all, variants := withMarked(t, sources, partners, dir)
	seen := make(map[*source]bool)
	for i, c := range all {
		if !seen[c.src] {
			seen[c.src] = true
			files = append(files, abs(c.src.path))
		}
		// DIR/N/PARTNER/FILE, as export lays them out under --out.
		path := filepath.Join(dir, fmt.Sprint(i), c.d.PartnerID, c.file)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, c.data, 0o600); err != nil {
			t.Fatal(err)
		}
		copies = append(copies, onDisk{c, path})
		files = append(files, path)
	}
	results := runBSI(t, files)

	checked := make(map[*source]int)
	marked := 0
	for _, c := range copies {
		if c.marked {
			marked++
		}
		orig := results[abs(c.src.path)].failed()
		for _, f := range results[c.path].Failed {
			if _, also := orig[f.Test]; also {
				continue
			}
			t.Errorf("%s, partner %s (TLP:%s): the copy fails test %s (%s), which the original passes: %s",
				c.src.name, c.d.PartnerID, c.d.TLP, f.Test, f.Function, f.messages())
		}
		checked[c.src]++
	}
	docs := 0
	for _, src := range append(sources, variants...) {
		if n := checked[src]; n > 0 {
			docs++
			t.Logf("%s: %d partners' copies checked (the original fails %s)", src.name, n, testList(results[abs(src.path)]))
		}
	}
	t.Logf("%d documents, %d copies (documents × entitled partners) checked, %d of them marked",
		docs, len(copies), marked)
	if len(copies)-marked < 60 || marked < 60 {
		t.Errorf("only %d copies and %d marked ones checked", len(copies)-marked, marked)
	}
	t.Run("shared", func(t *testing.T) {
		if !haveShared {
			t.Skipf("%s is absent: only the documents under ../csaf/testdata were checked", sharedDir)
		}
		t.Logf("%s: %d documents, %d of them the same as one under ../csaf/testdata (checked once)", sharedDir, len(shared)+same, same)
	})
}

// testList names the tests a result failed, or "none".
func testList(r *bsiResult) string {
	if len(r.Failed) == 0 {
		return "none"
	}
	var names []string
	for _, f := range r.Failed {
		names = append(names, f.Test)
	}
	return strings.Join(names, ", ")
}
