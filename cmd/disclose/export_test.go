package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
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

// copyOf returns where export writes a partner's copy of csafFile, from
// the output directory: PARTNER/NAME, NAME the file name of the copy's own
// tracking ID, ADV-2025-0042+PARTNER.
func copyOf(partner string) string {
	return partner + "/adv-2025-0042+" + partner + ".json"
}

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
	data, err := os.ReadFile(filepath.Join(out, copyOf("jinlumo")))
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
	partners, err := disclosure.LoadPartners(bytes.NewReader(readTestFile(t, partnersFile)))
	if err != nil {
		t.Fatal(err)
	}
	entitled := 0
	for _, d := range plan {
		path := copyOf(d.PartnerID)
		if !d.Entitled {
			if written[path] {
				t.Errorf("%s is not entitled, but has a document", d.PartnerID)
			}
			continue
		}
		entitled++
		got, err := os.ReadFile(filepath.Join(out, path))
		if err != nil {
			t.Errorf("%s: %v", d.PartnerID, err)
			continue
		}
		var partner disclosure.Partner
		for _, p := range partners {
			if p.ID == d.PartnerID {
				partner = p
			}
		}
		want, _, err := csaf.WriteFor(doc, d, partner, csaf.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s: the exported document is not what csaf.WriteFor makes", d.PartnerID)
		}
		a, err := readAdvisory(got, csaf.DefaultOptions())
		if err != nil {
			t.Fatalf("%s: %v", d.PartnerID, err)
		}
		// The copy's own identity: its tracking ID, and its reference
		// back to the original (the original's to itself).
		if a.ID != csaf.CopyTrackingID(d.AdvisoryID, d.PartnerID) {
			t.Errorf("%s: the copy's tracking ID is %s", d.PartnerID, a.ID)
		}
		a.ID = d.AdvisoryID
		for i, sec := range a.Sections {
			if _, self, ok := strings.Cut(sec.Title, "'s copy: "); ok && strings.HasPrefix(sec.Title, "Reference: Original advisory ") {
				a.Sections[i].Title = "Reference: " + self
			}
		}
		if !reflect.DeepEqual(a, d.Advisory) {
			g, _ := json.Marshal(a)
			w, _ := json.Marshal(d.Advisory)
			t.Errorf("%s: the exported document reads as\n%s\nwant\n%s", d.PartnerID, g, w)
		}
	}
	if len(written) != entitled || entitled < 10 {
		t.Errorf("%d files written for %d entitled partners", len(written), entitled)
	}
}

// TestPlanCSAFMatchesNative checks that planning the CSAF version of the
// demo's advisory decides like the native one where they agree: same
// partners entitled (except quillmark, whom only the native advisory
// excludes), same restricted partners, same labels: the CSAF document is
// TLP:RED, which no copy goes below, so the native advisory is given the
// same label.
func TestPlanCSAFMatchesNative(t *testing.T) {
	fromCSAF := planOf(t, "", "--advisory", csafFile, "--partners", partnersFile)
	red := writeTemp(t, "advisory.json", strings.Replace(readDemo(t, "advisory.json"), "{", `{"tlp": "RED",`, 1))
	r := disclose(t, "", "plan", "--format", "json", "--advisory", red, "--partners", partnersFile)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	native := decodePlan(t, r.stdout)
	byID := map[string]disclosure.Disclosure{}
	for _, d := range native {
		byID[d.PartnerID] = d
	}
	for _, d := range fromCSAF {
		n := byID[d.PartnerID]
		if d.PartnerID == "quillmark" {
			if !d.Entitled || n.Entitled {
				t.Errorf("quillmark: entitled %v (CSAF), %v (native); want true, false", d.Entitled, n.Entitled)
			}
			continue
		}
		if d.Entitled != n.Entitled || d.Restricted != n.Restricted || d.TLP != n.TLP {
			t.Errorf("%s: CSAF gives entitled %v restricted %v %s, native %v %v %s",
				d.PartnerID, d.Entitled, d.Restricted, d.TLP, n.Entitled, n.Restricted, n.TLP)
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
			[]string{"disclose export: give --partner ID or --all", `Run "disclose export --help" for the flags and examples.`}},
		{"both --partner and --all", append([]string{"export", "--all", "--partner", "ardentic", "--out", out}, inputs...), 2,
			[]string{"give --partner ID or --all, not both"}},
		{"no --out", append([]string{"export", "--all"}, inputs...), 2, []string{"disclose export: --out is required"}},
		{"standard input twice", []string{"export", "--all", "--out", out, "--advisory", "-", "--policy", "-", "--partners", partnersFile}, 2,
			[]string{"--advisory and --policy are both -"}},
		{"unknown partner", append([]string{"export", "--partner", "nobody", "--out", out}, inputs...), 1,
			[]string{`disclose export: demo/partners.json: no partner with id "nobody"; known ids: ardentic`}},
		{"partner not entitled", append([]string{"export", "--partner", "glimmerfen", "--out", out}, inputs...), 1,
			[]string{"disclose export: glimmerfen is not entitled to ADV-2025-0042 (partner-suspended: the partner is suspended from the program); no document written"}},
		{"partner id that is a path", []string{"export", "--all", "--out", out, "--advisory", csafFile, "--partners", slashed}, 1,
			[]string{slashed + `: partners[4].id: "../tavoran" has U+002F '/' at byte 2: partner IDs are`}},
		{"--out is a file", append([]string{"export", "--all", "--out", notDir}, inputs...), 1,
			[]string{"disclose export: --out " + notDir + ": not a directory"}},
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
			checkFailure(t, r, tt.wantCode, tt.want)
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

// exists reports whether path names a file or directory.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// TestExportStale checks that export removes the copies of this advisory
// that the plan no longer gives (partner suspended, excluded, or gone from
// the list), lists them instead with --keep-stale, and leaves everything
// else.
func TestExportStale(t *testing.T) {
	const name = "adv-2025-0042.json" // the advisory's own file name
	out := t.TempDir()
	inputs := []string{"--advisory", csafFile, "--partners", partnersFile}
	mustSucceed(t, "", append([]string{"export", "--all", "--out", out}, inputs...)...)
	// Files that are not stale copies of this advisory.
	others := []string{"brimlock/adv-2025-0001.json", "brimlock/notes.txt", "README", "glimmerfen/other.json", "gone/" + name + ".bak"}
	for _, f := range others {
		p := filepath.Join(out, f)
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, []byte("keep"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	elsewhere := t.TempDir()
	os.WriteFile(filepath.Join(elsewhere, name), []byte("keep"), 0o600)
	if err := os.Symlink(elsewhere, filepath.Join(out, "linked")); err != nil {
		t.Fatal(err)
	}

	// brimlock is suspended, tavoran is gone from the list.
	list := strings.Replace(readDemo(t, "partners.json"), `"status": "active"`, `"status": "suspended"`, 2) // ardentic and brimlock
	var parsed struct {
		Partners []map[string]any `json:"partners"`
	}
	if err := json.Unmarshal([]byte(list), &parsed); err != nil {
		t.Fatal(err)
	}
	kept := parsed.Partners[:0]
	for _, p := range parsed.Partners {
		if p["id"] != "tavoran" {
			kept = append(kept, p)
		}
	}
	data, _ := json.Marshal(map[string]any{"partners": kept})
	changed := writeTemp(t, "partners.json", string(data))
	args := []string{"export", "--all", "--out", out, "--advisory", csafFile, "--partners", changed, "--exclude", "jinlumo"}

	// --keep-stale lists them and removes nothing.
	got := mustSucceed(t, "", append(args, "--keep-stale")...)
	stale := []string{copyOf("ardentic"), copyOf("brimlock"), copyOf("jinlumo"), copyOf("tavoran")}
	const why = " (the plan gives this partner no copy now)"
	want := "\nStale, kept (--keep-stale): the plan no longer gives them as they are:\n  " + strings.Join(stale, why+"\n  ") + why + "\n"
	if !strings.HasSuffix(got, want) {
		t.Errorf("export --keep-stale: output does not end with\n%s\ngot:\n%s", want, got)
	}
	for _, f := range stale {
		if !exists(filepath.Join(out, f)) {
			t.Errorf("--keep-stale removed %s", f)
		}
	}

	// JSON lists them too.
	var j exportJSON
	if err := json.Unmarshal([]byte(mustSucceed(t, "", append(args, "--keep-stale", "--format", "json")...)), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Stale) != 4 || j.Stale[0] != filepath.Join(out, stale[0]) || len(j.Removed) != 0 {
		t.Errorf("export --keep-stale --format json: stale %q, removed %q", j.Stale, j.Removed)
	}

	// Without --keep-stale they go.
	got = mustSucceed(t, "", append(args, "--format", "json")...)
	if err := json.Unmarshal([]byte(got), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Removed) != 4 || j.Removed[3] != filepath.Join(out, stale[3]) || len(j.Stale) != 0 {
		t.Errorf("export --format json: removed %q, stale %q", j.Removed, j.Stale)
	}
	for _, f := range stale {
		if exists(filepath.Join(out, f)) {
			t.Errorf("%s was not removed", f)
		}
	}
	for _, f := range append(others, "linked/"+name, copyOf("harunoki"), "brimlock") {
		if !exists(filepath.Join(out, f)) {
			t.Errorf("%s was removed", f)
		}
	}
	// The table says so, once.
	mustSucceed(t, "", append([]string{"export", "--all", "--out", out}, inputs...)...) // everyone back
	got = mustSucceed(t, "", args...)
	if want := "\nRemoved, as the plan no longer gives them as they are:\n  " + strings.Join(stale, why+"\n  ") + why + "\n"; !strings.HasSuffix(got, want) {
		t.Errorf("export: output does not end with\n%s\ngot:\n%s", want, got)
	}
	if got := mustSucceed(t, "", args...); strings.Contains(got, "Removed") {
		t.Errorf("a second export removed something:\n%s", got)
	}
}

// TestExportJSON checks the JSON output of export: each file's SHA-256,
// release and label, and the partners without a copy with their reason.
func TestExportJSON(t *testing.T) {
	out := t.TempDir()
	stdout := mustSucceed(t, "", "export", "--all", "--format", "json", "--out", out, "--advisory", csafFile, "--partners", partnersFile)
	var j exportJSON
	if err := json.Unmarshal([]byte(stdout), &j); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	plan := planOf(t, "", "--advisory", csafFile, "--partners", partnersFile)
	if len(j.Partners) != len(plan) {
		t.Fatalf("%d partners in the output, %d in the plan", len(j.Partners), len(plan))
	}
	for _, p := range j.Partners {
		d := byID(t, plan, p.Partner)
		if !d.Entitled {
			if p.Entitled || p.File != "" || p.Reason == nil || p.Reason.Code != d.Reasons[0].Code || p.Reason.Detail != d.Reasons[0].Detail {
				t.Errorf("%s: %+v; want not entitled, reason %v", p.Partner, p, d.Reasons[0])
			}
			continue
		}
		data, err := os.ReadFile(p.File)
		if err != nil {
			t.Errorf("%s: %v", p.Partner, err)
			continue
		}
		sum := sha256.Sum256(data)
		if p.SHA256 != hex.EncodeToString(sum[:]) || p.File != filepath.Join(out, copyOf(p.Partner)) {
			t.Errorf("%s: file %s, sha256 %s; the file's is %x", p.Partner, p.File, p.SHA256, sum)
		}
		if !p.Entitled || !p.ReleaseAt.Equal(d.ReleaseAt) || p.TLP != d.TLP || !reflect.DeepEqual(p.Classes, d.Classes) || p.Written != nil {
			t.Errorf("%s: %+v; want release %v, TLP %s, classes %v", p.Partner, p, d.ReleaseAt, d.TLP, d.Classes)
		}
	}
	if j.Removed == nil || j.Stale == nil {
		t.Errorf("removed %v, stale %v: want empty lists", j.Removed, j.Stale)
	}
}

// TestExportWriteError checks an error halfway: the copies before it are
// written, the rest not, the output says which, and the exit code is 1.
func TestExportWriteError(t *testing.T) {
	for _, format := range []string{"table", "json"} {
		t.Run(format, func(t *testing.T) {
			out := t.TempDir()
			// A file where kesselwerk's directory must be.
			if err := os.WriteFile(filepath.Join(out, "kesselwerk"), []byte("in the way"), 0o600); err != nil {
				t.Fatal(err)
			}
			args := []string{"export", "--all", "--format", format, "--out", out, "--advisory", csafFile, "--partners", partnersFile}
			r := disclose(t, "", args...)
			wantErr := expectedWarning(args) + "disclose export: kesselwerk: mkdir " + filepath.Join(out, "kesselwerk") + ": not a directory\n"
			if r.code != 1 || r.stderr != wantErr {
				t.Errorf("exit %d, stderr:\n%s\nwant 1 and:\n%s", r.code, r.stderr, wantErr)
			}
			// Copies are written in the plan's order: those before
			// kesselwerk's are written, kesselwerk's fails, the rest wait.
			var written, notWritten []string
			for _, d := range planOf(t, "", "--advisory", csafFile, "--partners", partnersFile) {
				switch {
				case !d.Entitled:
				case d.PartnerID == "kesselwerk" || notWritten != nil:
					notWritten = append(notWritten, d.PartnerID)
				default:
					written = append(written, d.PartnerID)
				}
			}
			if len(written) == 0 || len(notWritten) < 2 {
				t.Fatalf("kesselwerk must come after some copy and before another: written %v, not %v", written, notWritten)
			}
			for _, p := range written {
				if !exists(filepath.Join(out, copyOf(p))) {
					t.Errorf("%s: no copy", p)
				}
			}
			for _, p := range notWritten[1:] {
				if exists(filepath.Join(out, p)) {
					t.Errorf("%s: written after the error", p)
				}
			}
			if format == "table" {
				want := "Not written, because of the error above:\n  " + copyOf("kesselwerk") + " (failed)\n"
				for _, p := range notWritten[1:] {
					want += "  " + copyOf(p) + "\n"
				}
				if !strings.Contains(r.stdout, fmt.Sprintf("Wrote:     %d documents into", len(written))) || !strings.Contains(r.stdout, want) ||
					!strings.Contains(r.stdout, copyOf(written[len(written)-1])) {
					t.Errorf("the output does not say what was written and what not:\n%s", r.stdout)
				}
				return
			}
			var j exportJSON
			if err := json.Unmarshal([]byte(r.stdout), &j); err != nil {
				t.Fatalf("%v\n%s", err, r.stdout)
			}
			var gotWritten, gotNot []string
			for _, p := range j.Partners {
				switch {
				case !p.Entitled:
				case p.Written == nil:
					gotWritten = append(gotWritten, p.Partner)
				case !*p.Written:
					gotNot = append(gotNot, p.Partner)
					if (p.Error != "") != (p.Partner == "kesselwerk") {
						t.Errorf("%s: error %q", p.Partner, p.Error)
					}
				}
			}
			if !reflect.DeepEqual(gotWritten, written) || !reflect.DeepEqual(gotNot, notWritten) {
				t.Errorf("written %v, not written %v", gotWritten, gotNot)
			}
		})
	}
}

// TestExportReplacesAtomically checks that export replaces an existing
// copy whole, with the owner-only mode, and leaves no temporary file.
func TestExportReplacesAtomically(t *testing.T) {
	out := t.TempDir()
	target := filepath.Join(out, copyOf("jinlumo"))
	os.MkdirAll(filepath.Dir(target), 0o700)
	// An old copy: the whole document, with every element, as an older
	// plan could have given it.
	old := bytes.Replace(readTestFile(t, csafFile), []byte(`"id": "ADV-2025-0042"`), []byte(`"id": "ADV-2025-0042+jinlumo"`), 1)
	if err := os.WriteFile(target, old, 0o644); err != nil {
		t.Fatal(err)
	}
	mustSucceed(t, "", "export", "--partner", "jinlumo", "--out", out, "--advisory", csafFile, "--partners", partnersFile)
	data, err := os.ReadFile(target)
	if err != nil || bytes.Equal(data, old) || strings.Contains(string(data), "Proof-of-concept code") || !json.Valid(data) {
		t.Errorf("the copy was not replaced whole (%v)", err)
	}
	if info, err := os.Stat(target); err != nil || runtime.GOOS != "windows" && info.Mode() != 0o600 {
		t.Errorf("mode %v (%v), want 0600", info.Mode(), err)
	}
	entries, _ := os.ReadDir(filepath.Dir(target))
	if len(entries) != 1 {
		t.Errorf("%d entries beside the copy: a temporary file left?", len(entries)-1)
	}
}

// TestExportOutdatedCopies checks that export removes, or lists with
// --keep-stale, the copies that the plan no longer gives as they are,
// whatever partner it writes: a partner now restricted keeps no full copy
// of an earlier export, a partner now suspended keeps nothing even when
// --partner names it, and a copy not written because of an error does not
// stay behind as it was.
func TestExportOutdatedCopies(t *testing.T) {
	out := t.TempDir()
	mustSucceed(t, "", "export", "--all", "--out", out, "--advisory", csafFile, "--partners", partnersFile)
	full, err := os.ReadFile(filepath.Join(out, copyOf("harunoki")))
	if err != nil || !bytes.Contains(full, []byte("Proof-of-concept code")) {
		t.Fatalf("harunoki's first copy has no proof of concept (%v)", err)
	}
	// harunoki now also operates in China; brimlock is suspended.
	list := strings.Replace(readDemo(t, "partners.json"), `"jurisdictions": ["JP"]`, `"jurisdictions": ["JP", "CN"]`, 1)
	list = strings.Replace(list, `"status": "active"`, `"status": "suspended"`, 2) // ardentic and brimlock
	if !strings.Contains(list, `"JP", "CN"`) {
		t.Fatal("the partner list did not change")
	}
	changed := writeTemp(t, "partners.json", list)
	args := []string{"export", "--out", out, "--advisory", csafFile, "--partners", changed}

	got := mustSucceed(t, "", append(args, "--partner", "kesselwerk", "--keep-stale")...)
	for _, want := range []string{copyOf("harunoki") + " (differs from the copy the plan gives now)",
		copyOf("brimlock") + " (the plan gives this partner no copy now)"} {
		if !strings.Contains(got, want) {
			t.Errorf("--keep-stale does not list %q:\n%s", want, got)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(out, copyOf("harunoki"))); !bytes.Equal(data, full) {
		t.Error("--keep-stale changed harunoki's copy")
	}

	r := disclose(t, "", append(args, "--partner", "brimlock")...)
	if r.code != exitInvalid || !strings.Contains(r.stderr, "brimlock is not entitled") ||
		!strings.Contains(r.stdout, copyOf("brimlock")+" (the plan gives this partner no copy now)") {
		t.Errorf("--partner brimlock (suspended): exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if exists(filepath.Join(out, copyOf("brimlock"))) {
		t.Error("the suspended partner's copy is still there")
	}
	if exists(filepath.Join(out, copyOf("harunoki"))) {
		t.Error("harunoki's full copy is still there, though harunoki is now restricted")
	}

	// Export again for everyone: harunoki's new copy has no proof of
	// concept, and nothing is removed any more.
	mustSucceed(t, "", append(args, "--all")...)
	if data, err := os.ReadFile(filepath.Join(out, copyOf("harunoki"))); err != nil || bytes.Contains(data, []byte("Proof-of-concept code")) {
		t.Errorf("harunoki's new copy (%v) holds the proof of concept", err)
	}
	if got := mustSucceed(t, "", append(args, "--all")...); strings.Contains(got, "Removed") {
		t.Errorf("a second export removed something:\n%s", got)
	}
}

// TestExportLeavesOtherAdvisories checks that a file at a copy's path that
// is not a copy of this advisory (another tracking ID with the same file
// name) is neither replaced nor removed.
func TestExportLeavesOtherAdvisories(t *testing.T) {
	out := t.TempDir()
	// Another advisory's copy of the same file name: adv-2025-0042 in
	// lower case.
	for _, p := range []string{"jinlumo", "glimmerfen"} { // entitled, and suspended
		other := strings.Replace(string(readTestFile(t, csafFile)), `"id": "ADV-2025-0042"`, `"id": "adv-2025-0042+`+p+`"`, 1)
		os.MkdirAll(filepath.Join(out, p), 0o700)
		if err := os.WriteFile(filepath.Join(out, copyOf(p)), []byte(other), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r := disclose(t, "", "export", "--all", "--out", out, "--advisory", csafFile, "--partners", partnersFile)
	if r.code != exitInvalid || !strings.Contains(r.stderr, "is not a copy of ADV-2025-0042+jinlumo") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	for _, p := range []string{"jinlumo", "glimmerfen"} {
		if data, err := os.ReadFile(filepath.Join(out, copyOf(p))); err != nil || !strings.Contains(string(data), `"id": "adv-2025-0042+`+p+`"`) {
			t.Errorf("%s: the other advisory's file was replaced or removed (%v)", p, err)
		}
	}
}

// TestExportRemovesCopiesUnderTheOriginalID checks that a copy written
// before each copy had its own tracking ID (the advisory's ID and file
// name, its distribution text naming the partner) is removed as stale,
// and that the advisory itself, in a partner's directory, is not.
func TestExportRemovesCopiesUnderTheOriginalID(t *testing.T) {
	out := t.TempDir()
	args := []string{"export", "--all", "--out", out, "--advisory", csafFile, "--partners", partnersFile}
	mustSucceed(t, "", args...)
	copied, err := os.ReadFile(filepath.Join(out, copyOf("ardentic")))
	if err != nil {
		t.Fatal(err)
	}
	old := bytes.Replace(copied, []byte(`"id": "ADV-2025-0042+ardentic"`), []byte(`"id": "ADV-2025-0042"`), 1)
	if bytes.Equal(old, copied) {
		t.Fatal("the copy has no tracking ID to change")
	}
	for path, data := range map[string][]byte{"ardentic/adv-2025-0042.json": old, "brimlock/adv-2025-0042.json": readTestFile(t, csafFile)} {
		if err := os.WriteFile(filepath.Join(out, path), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got := mustSucceed(t, "", append(args, "--keep-stale")...)
	const why = " (written under the advisory's own tracking ID, before each copy had its own)"
	if !strings.Contains(got, "\n  ardentic/adv-2025-0042.json"+why) || strings.Contains(got, "brimlock/adv-2025-0042.json") {
		t.Errorf("--keep-stale:\n%s", got)
	}
	got = mustSucceed(t, "", args...)
	if !strings.Contains(got, "Removed, as the plan no longer gives them as they are:\n  ardentic/adv-2025-0042.json"+why) {
		t.Errorf("export:\n%s", got)
	}
	if exists(filepath.Join(out, "ardentic", "adv-2025-0042.json")) || !exists(filepath.Join(out, "brimlock", "adv-2025-0042.json")) ||
		!exists(filepath.Join(out, copyOf("ardentic"))) {
		t.Error("the old copy is still there, or the advisory or the new copy is gone")
	}
}

// TestExportRefusesCopyFailingMandatoryTest checks that a copy that would
// fail a CSAF mandatory test its original passes is not written: here the
// only note of a vulnerability of a security advisory is a technical
// detail, which a restricted partner does not receive (test 6.1.27.5).
// The export stops there, naming the partner, the test and the element.
func TestExportRefusesCopyFailingMandatoryTest(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(readTestFile(t, csafFile), &doc); err != nil {
		t.Fatal(err)
	}
	doc["vulnerabilities"].([]any)[0].(map[string]any)["notes"] = []any{
		map[string]any{"category": "details", "title": "Root cause", "text": "The endpoint trusts the Referer header."}}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	advisory := writeTemp(t, "adv.json", string(data))
	out := t.TempDir()
	r := disclose(t, "", "export", "--all", "--out", out, "--advisory", advisory, "--partners", partnersFile)
	if r.code != exitInvalid || !strings.Contains(r.stderr, "disclose export: cobaltreach: vulnerabilities[0]: CSAF mandatory test 6.1.27.5:") ||
		!strings.Contains(r.stderr, "vulnerabilities[0].notes[0] (technical-details)") || !strings.Contains(r.stdout, copyOf("cobaltreach")+" (failed)") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if exists(filepath.Join(out, copyOf("cobaltreach"))) {
		t.Error("the refused copy was written")
	}
	if !exists(filepath.Join(out, copyOf("brimlock"))) {
		t.Error("the copies before the refused one were not written")
	}
}
