package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// csafFile is a CSAF 2.0 version of the demo's advisory, a copy of the
// document package csaf is tested with.
const csafFile = "testdata/csaf/adv-2025-0042.json"

// TestGoldenCSAF compares the output of the commands that take a CSAF
// advisory with the files under testdata/golden; "go test -update"
// rewrites them. The directory export writes into is shown as OUT.
func TestGoldenCSAF(t *testing.T) {
	inputs := []string{"--advisory", csafFile, "--partners", partnersFile}
	out := t.TempDir()
	tests := []struct {
		name string
		args []string
	}{
		{"plan-csaf", append([]string{"plan"}, inputs...)},
		{"export-all", append([]string{"export", "--all", "--out", out}, inputs...)},
		{"export-jinlumo", append([]string{"export", "--partner", "jinlumo", "--out", t.TempDir()}, inputs...)},
		{"validate-csaf", []string{"validate", csafFile}},
		{"help-export", []string{"export", "--help"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustSucceed(t, "", tt.args...)
			for i, a := range tt.args {
				if a == "--out" {
					got = strings.ReplaceAll(got, tt.args[i+1], "OUT")
				}
			}
			golden(t, tt.name, got)
		})
	}
	// The document of one partner, as written.
	data, err := os.ReadFile(filepath.Join(out, "jinlumo", "adv-2025-0042.json"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "export-jinlumo-document", string(data))
}

// TestExportMatchesLibrary checks that export writes, for every entitled
// partner and for nobody else, the document csaf.Write makes of the
// library's decision, that it reads back as the partner's advisory of
// plan --format json, and that only the owner can read it.
func TestExportMatchesLibrary(t *testing.T) {
	out := t.TempDir()
	mustSucceed(t, "", "export", "--all", "--out", out, "--advisory", csafFile, "--partners", partnersFile)
	plan := planOf(t, "", "--advisory", csafFile, "--partners", partnersFile)
	doc, err := os.ReadFile(csafFile)
	if err != nil {
		t.Fatal(err)
	}
	written := map[string]bool{}
	err = filepath.WalkDir(out, func(path string, e fs.DirEntry, err error) error {
		if err != nil || path == out {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if e.IsDir() {
			want = 0o700 | fs.ModeDir
		}
		if runtime.GOOS != "windows" && info.Mode() != want {
			t.Errorf("%s: mode %v, want %v", path, info.Mode(), want)
		}
		if !e.IsDir() {
			rel, _ := filepath.Rel(out, path)
			written[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	entitled := 0
	for _, d := range plan {
		path := d.Partner + "/adv-2025-0042.json"
		if !d.Entitled {
			if written[path] {
				t.Errorf("%s is not entitled, but has a document", d.Partner)
			}
			continue
		}
		entitled++
		got, err := os.ReadFile(filepath.Join(out, path))
		if err != nil {
			t.Errorf("%s: %v", d.Partner, err)
			continue
		}
		want, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s: the exported document is not what csaf.Write makes", d.Partner)
		}
		a, err := readAdvisory(got, csaf.DefaultOptions())
		if err != nil {
			t.Fatalf("%s: %v", d.Partner, err)
		}
		if !reflect.DeepEqual(a, d.Advisory) {
			g, _ := json.Marshal(a)
			w, _ := json.Marshal(d.Advisory)
			t.Errorf("%s: the exported document reads as\n%s\nwant\n%s", d.Partner, g, w)
		}
	}
	if len(written) != entitled || entitled < 10 {
		t.Errorf("%d files written for %d entitled partners", len(written), entitled)
	}
}

// TestPlanCSAFMatchesNative checks that planning the CSAF version of the
// demo's advisory decides like the native one where they agree: same
// partners entitled (except quillmark, whom only the native advisory
// excludes), same restricted partners, same labels.
func TestPlanCSAFMatchesNative(t *testing.T) {
	fromCSAF := planOf(t, "", "--advisory", csafFile, "--partners", partnersFile)
	native := planOf(t, "", "--advisory", advisoryFile, "--partners", partnersFile)
	byID := map[string]disclosure.Disclosure{}
	for _, d := range native {
		byID[d.Partner] = d
	}
	for _, d := range fromCSAF {
		n := byID[d.Partner]
		if d.Partner == "quillmark" {
			if !d.Entitled || n.Entitled {
				t.Errorf("quillmark: entitled %v (CSAF), %v (native); want true, false", d.Entitled, n.Entitled)
			}
			continue
		}
		if d.Entitled != n.Entitled || d.Restricted != n.Restricted || d.TLP != n.TLP {
			t.Errorf("%s: CSAF gives entitled %v restricted %v %s, native %v %v %s",
				d.Partner, d.Entitled, d.Restricted, d.TLP, n.Entitled, n.Restricted, n.TLP)
		}
	}
}

// TestExportErrors checks the error paths of export and of the other
// commands given a CSAF advisory: the exit code, and that standard error
// says what is wrong where.
func TestExportErrors(t *testing.T) {
	doc, err := os.ReadFile(csafFile)
	if err != nil {
		t.Fatal(err)
	}
	noID := writeTemp(t, "no-id.json", strings.Replace(string(doc), `"id": "ADV-2025-0042",`, "", 1))
	syntax := writeTemp(t, "syntax.json", strings.Replace(string(doc), `"lang": "en",`, `"lang": "en"`, 1))
	noVersion := writeTemp(t, "no-version.json", strings.Replace(string(doc), `"csaf_version": "2.0",`, "", 1))
	slashed := writeTemp(t, "partners.json", strings.Replace(readDemo(t, "partners.json"), `"id": "tavoran"`, `"id": "../tavoran"`, 1))
	notDir := writeTemp(t, "file", "not a directory")
	out := t.TempDir()
	inputs := []string{"--advisory", csafFile, "--partners", partnersFile}

	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string
	}{
		{"neither --partner nor --all", append([]string{"export", "--out", out}, inputs...), 2,
			[]string{"disclose export: give --partner ID or --all", "Usage: disclose export"}},
		{"both --partner and --all", append([]string{"export", "--all", "--partner", "ardentic", "--out", out}, inputs...), 2,
			[]string{"give --partner ID or --all, not both"}},
		{"no --out", append([]string{"export", "--all"}, inputs...), 2, []string{"disclose export: --out is required"}},
		{"standard input twice", []string{"export", "--all", "--out", out, "--advisory", "-", "--policy", "-", "--partners", partnersFile}, 2,
			[]string{"--advisory and --policy are both -"}},
		{"native advisory", []string{"export", "--all", "--out", out, "--advisory", advisoryFile, "--partners", partnersFile}, 1,
			[]string{advisoryFile + ": not a CSAF document (it has no document.csaf_version)"}},
		{"unknown partner", append([]string{"export", "--partner", "nobody", "--out", out}, inputs...), 1,
			[]string{`disclose export: demo/partners.json: no partner with id "nobody"; known ids: ardentic`}},
		{"partner not entitled", append([]string{"export", "--partner", "glimmerfen", "--out", out}, inputs...), 1,
			[]string{"disclose export: glimmerfen is not entitled to ADV-2025-0042 (partner-suspended: the partner is suspended from the program); no document written"}},
		{"partner id that is a path", []string{"export", "--all", "--out", out, "--advisory", csafFile, "--partners", slashed}, 1,
			[]string{slashed + `: partners[4].id: "../tavoran" has U+002F '/' at byte 2: partner IDs are`}},
		{"--out is a file", append([]string{"export", "--all", "--out", notDir}, inputs...), 1,
			[]string{"disclose export: mkdir " + notDir + ": not a directory"}},
		{"CSAF without tracking ID", []string{"export", "--all", "--out", out, "--advisory", noID, "--partners", partnersFile}, 1,
			[]string{noID + ": document.tracking.id: required"}},
		{"plan: CSAF with a syntax error", []string{"plan", "--advisory", syntax, "--partners", partnersFile}, 1,
			[]string{syntax + `: document: invalid JSON at byte 330: invalid character '"' after object key:value pair (line 13, column 5)`}},
		{"plan: CSAF without csaf_version", []string{"plan", "--advisory", noVersion, "--partners", partnersFile}, 1,
			[]string{noVersion + ": document.csaf_version: required"}},
		{"explain: CSAF without tracking ID", []string{"explain", "--partner", "ardentic", "--advisory", noID, "--partners", partnersFile}, 1,
			[]string{noID + ": document.tracking.id: required"}},
		{"validate: CSAF without tracking ID", []string{"validate", noID}, 1,
			[]string{noID + ": document.tracking.id: required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := disclose(t, "", tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit code %d, want %d; stderr:\n%s", r.code, tt.wantCode, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("standard error lacks %q:\n%s", w, r.stderr)
				}
			}
			if tt.wantCode == 1 && strings.Contains(r.stderr, "Usage:") {
				t.Errorf("invalid input printed the usage:\n%s", r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("unexpected standard output:\n%s", r.stdout)
			}
		})
	}
	if entries, err := os.ReadDir(out); err != nil || len(entries) != 0 {
		t.Errorf("failed exports wrote %d entries (%v)", len(entries), err)
	}
}

// readAdvisory is csaf.Read for tests that need only the advisory.
func readAdvisory(doc []byte, opts csaf.Options) (disclosure.Advisory, error) {
	r, err := csaf.Read(doc, opts)
	return r.Advisory, err
}
