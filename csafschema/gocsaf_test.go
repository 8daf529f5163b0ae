package csafschema_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The bits of csaf_validator's exit status.
const (
	gocsafSchemaInvalid     = 2 // a document failed the schema
	gocsafNoRemoteValidator = 4 // no --validator was given: always set here
	gocsafRemoteFailed      = 8 // a remote validator refused a document
)

// TestGocsafValidatorAcceptsCopies runs gocsaf's csaf_validator
// (github.com/gocsaf/csaf/v3, the version pinned in ../tools/go.mod) on
// every entitled demo partner's copy, unmarked and marked (see withMarked),
// of every CSAF 2.0 document under
// ../csaf/testdata and of the research data (../../shared/data/csaf, when it
// is there: only documents not already under ../csaf/testdata), each in a file of the name csaf.Write gives it, as
// export writes them. The tool checks CSAF 2.0 only: the schema, and that
// the file name follows from /document/tracking/id (CSAF section 5.1). It
// must accept every copy: no schema error (bit 2 of its exit status
// clear; bit 4 only says that no remote validator was given), and no
// complaint about a file name.
func TestGocsafValidatorAcceptsCopies(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gocsaf's csaf_validator")
	}
	partners := demoPartners(t)
	sources := testdataSources(t)
	shared, _, _ := sharedSources(t, sources) // none when ../../shared is absent
	dir := t.TempDir()
	var files []string
	var v20 []*source
	for _, src := range append(sources, shared...) {
		if csafVersion(t, src.doc) == "2.0" {
			v20 = append(v20, src)
		}
	}
	copies, _ := withMarked(t, v20, partners, dir)
	marked := 0
	for i, c := range copies {
		if c.marked {
			marked++
		}
		path := filepath.Join(dir, fmt.Sprint(i), c.d.PartnerID, c.file)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, c.data, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	if len(files)-marked < 40 || marked < 40 {
		t.Fatalf("only %d CSAF 2.0 copies and %d marked ones to check", len(files)-marked, marked)
	}

	code, out := gocsafValidate(t, files)
	if code&gocsafSchemaInvalid != 0 || code&gocsafRemoteFailed != 0 || code&gocsafNoRemoteValidator == 0 {
		t.Errorf("csaf_validator exited with status %d (want %d: only no remote validator given)", code, gocsafNoRemoteValidator)
	}
	for _, f := range files {
		if !strings.Contains(out, fmt.Sprintf("%q passes the schema validation.", f)) {
			t.Errorf("%s: csaf_validator does not say that it passes the schema validation", f)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		for _, complaint := range []string{"is not a valid advisory name", "does not match", "schema validation errors", "error:", "invalid UTF-8"} {
			if strings.Contains(line, complaint) {
				t.Errorf("csaf_validator: %s", line)
			}
		}
	}
	t.Logf("csaf_validator accepted %d CSAF 2.0 copies, %d of them marked (exit status %d)", len(files), marked, code)
}

// TestGocsafValidatorRejects checks that the way csaf_validator is run
// and read here is not vacuous: a copy under a file name that does not
// follow from its tracking ID, and a copy the schema refuses, are
// reported.
func TestGocsafValidatorRejects(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gocsaf's csaf_validator")
	}
	src := testdataSources(t)[0] // 2022-evd-uc-01-a-001.json, CSAF 2.0
	copies, _ := copiesOf(t, src, demoPartners(t))
	if len(copies) == 0 || csafVersion(t, src.doc) != "2.0" {
		t.Fatalf("%s: want a CSAF 2.0 document with copies", src.name)
	}
	c := copies[0]
	dir := t.TempDir()

	misnamed := filepath.Join(dir, "misnamed", strings.TrimSuffix(c.file, ".json")+"-x.json")
	bad := filepath.Join(dir, "bad", c.file)
	for path, data := range map[string][]byte{
		misnamed: c.data,
		bad:      bytes.Replace(c.data, []byte(`"category": "csaf_vex"`), []byte(`"category": 7`), 1),
	} {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	code, out := gocsafValidate(t, []string{misnamed, bad})
	if code&gocsafSchemaInvalid == 0 {
		t.Errorf("csaf_validator exited with status %d for a copy the schema refuses", code)
	}
	if !strings.Contains(out, fmt.Sprintf("schema validation errors of %q", bad)) {
		t.Errorf("no schema error reported for %s:\n%s", bad, out)
	}
	if !strings.Contains(out, "does not match document/tracking/id") {
		t.Errorf("no file name mismatch reported for %s:\n%s", misnamed, out)
	}
}

// gocsafValidate runs csaf_validator, as pinned in ../tools/go.mod, on
// files, and returns its exit status and what it printed (stdout and
// stderr).
func gocsafValidate(t *testing.T, files []string) (int, string) {
	t.Helper()
	cmd := exec.Command("go", append([]string{"tool", "csaf_validator"}, files...)...)
	cmd.Dir = filepath.Join("..", "tools")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String()
	}
	t.Fatalf("go tool csaf_validator: %v\n%s", err, out.String())
	return 0, ""
}

// csafVersion returns a document's /document/csaf_version.
func csafVersion(t *testing.T, doc []byte) string {
	t.Helper()
	var head struct {
		Document struct {
			Version string `json:"csaf_version"`
		} `json:"document"`
	}
	if err := json.Unmarshal(doc, &head); err != nil {
		t.Fatal(err)
	}
	return head.Document.Version
}
