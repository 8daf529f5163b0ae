package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// binary is the tool, built once by TestMain: the tests run it as a user
// would.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "disclose-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "disclose")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	build := exec.Command(goTool(), "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "building the disclose binary: %v\n", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// goTool returns the go command: the one on PATH, which is the one running
// "go test".
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return "go"
}

// result is what one run of the binary did.
type result struct {
	stdout, stderr string
	code           int
}

// checkFailure checks a run that should fail: its exit code, that standard
// error holds each of want, that invalid input (exit 1) is not answered
// with the usage, and that nothing went to standard output.
func checkFailure(t *testing.T, r result, code int, want []string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit code %d, want %d; stderr:\n%s", r.code, code, r.stderr)
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("standard error lacks %q:\n%s", w, r.stderr)
		}
	}
	if code == 1 && strings.Contains(r.stderr, "Usage:") {
		t.Errorf("invalid input printed the usage:\n%s", r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("unexpected standard output:\n%s", r.stdout)
	}
}

// disclose runs the binary with args in the package directory, with stdin
// as standard input.
func disclose(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		t.Fatalf("running disclose %s: %v", strings.Join(args, " "), err)
	}
	if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic:") {
		t.Errorf("disclose %s: a Go panic on standard error:\n%s", strings.Join(args, " "), r.stderr)
	}
	return r
}

// mustSucceed runs the binary and fails the test unless it exits with 0
// and writes nothing on standard error but the warning expectedWarning
// gives for args.
func mustSucceed(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	r := disclose(t, stdin, args...)
	if r.code != 0 || r.stderr != expectedWarning(args) {
		t.Fatalf("disclose %s: exit %d, stderr:\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// unmarkedWarning is the warning of plan and explain about the {{mark}}
// placeholder of the demo's advisory, at path file, given without
// --mark-key-file.
func unmarkedWarning(file string) string {
	return file + ": warning: 1 {{mark}} placeholder (artifacts[0].data) not marked (no --mark-key-file): " +
		"partners would receive a literal {{mark}}\n"
}

// expectedWarning is what a successful run with args prints on standard
// error: the warning about the placeholder of demo/advisory.json for plan
// and explain without --mark-key-file, else nothing. TestUnmarkedWarning
// checks the rule itself.
func expectedWarning(args []string) string {
	for _, doc := range []string{csafFile, marksFile} {
		if len(args) == 0 || args[0] == "classify" || args[0] == "trace" || !slices.Contains(args, doc) || !slices.Contains(args, "json") {
			continue
		}
		// The test document's exploit_status threats, which plan, explain
		// and export print in their tables, and note on standard error
		// with JSON.
		return doc + ": note: 2 exploitation signal(s) in the document, the first at 2025-07-07T12:00:00Z " +
			"(vulnerabilities[0].threats[0]); none ends the embargo unless --embargo-ended-at says so (disclose classify lists them)\n"
	}
	if len(args) == 0 || (args[0] != "plan" && args[0] != "explain") || slices.Contains(args, "--mark-key-file") {
		return ""
	}
	if i := slices.Index(args, "--advisory"); i >= 0 && i+1 < len(args) && args[i+1] == advisoryFile {
		return unmarkedWarning(advisoryFile)
	}
	return ""
}

// writeTemp writes a file in a temporary directory and returns its path.
func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// readDemo returns one of the demo's input files.
func readDemo(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("demo", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
