package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

// TestExportNative checks the copies of an advisory of this tool's
// format: each entitled partner's file is its redacted advisory, as the
// library decides it, labelled with its TLP; nobody else gets one; and a
// copy marked with a key carries its partner's codes, and no other's.
func TestExportNative(t *testing.T) {
	plan := libraryPlan(t, "", advisoryFile, partnersFile)
	partners, err := disclosure.LoadPartners(bytes.NewReader(readTestFile(t, partnersFile)))
	if err != nil {
		t.Fatal(err)
	}
	for _, marked := range []bool{false, true} {
		out := t.TempDir()
		args := []string{"export", "--all", "--out", out, "--advisory", advisoryFile, "--partners", partnersFile}
		if marked {
			args = append(args, "--mark-key-file", testKeyFile)
		}
		r := disclose(t, "", args...)
		warning := advisoryFile + ": warning: 1 {{mark}} placeholder (artifacts[0].data) not marked (no --mark-key-file): " +
			"partners would receive a literal {{mark}}\n"
		if marked {
			warning = ""
		}
		if r.code != 0 || r.stderr != warning {
			t.Fatalf("marked %v: exit %d, stderr:\n%s", marked, r.code, r.stderr)
		}
		ix, err := trace.NewIndex([]byte(testKey), plan[0].Advisory, partners)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range plan {
			path := filepath.Join(out, copyOf(d.PartnerID))
			data, err := os.ReadFile(path)
			if !d.Entitled {
				if err == nil {
					t.Errorf("%s is not entitled, but has a copy", d.PartnerID)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := disclosure.LoadAdvisory(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: the copy does not load: %v", d.PartnerID, err)
			}
			want := d
			if marked {
				if want, err = trace.Mark(d, []byte(testKey)); err != nil {
					t.Fatal(err)
				}
			}
			want.Advisory.TLP = d.TLP
			if !reflect.DeepEqual(got, want.Advisory) {
				t.Errorf("marked %v: %s's copy is not its redacted advisory, labelled %s", marked, d.PartnerID, d.TLP)
			}
			matches := ix.Identify(data)
			if marked != (len(matches) == 1 && matches[0].Partner == d.PartnerID) || !marked && len(matches) > 0 {
				t.Errorf("marked %v: %s's copy carries the codes of %v", marked, d.PartnerID, matches)
			}
		}
	}
}

// TestExportNativeStale checks that a native copy the plan no longer gives
// is removed, and that a file that is not a copy of this advisory is never
// replaced.
func TestExportNativeStale(t *testing.T) {
	out := t.TempDir()
	inputs := []string{"--out", out, "--advisory", advisoryFile, "--partners", partnersFile}
	mustSucceed(t, "", append([]string{"export", "--all", "--mark-key-file", testKeyFile}, inputs...)...)
	stdout := mustSucceed(t, "", append([]string{"export", "--all", "--exclude", "brimlock", "--mark-key-file", testKeyFile}, inputs...)...)
	if exists(filepath.Join(out, copyOf("brimlock"))) ||
		!strings.Contains(stdout, "Removed, as the plan no longer gives them as they are:\n  "+copyOf("brimlock")+" (the plan gives this partner no copy now)") {
		t.Errorf("the copy of an excluded partner is not removed:\n%s", stdout)
	}
	other := filepath.Join(out, copyOf("harunoki"))
	if err := os.WriteFile(other, []byte(`{"id": "ADV-2025-0043"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	r := disclose(t, "", append([]string{"export", "--partner", "harunoki", "--mark-key-file", testKeyFile}, inputs...)...)
	if r.code != exitInvalid || !strings.Contains(r.stderr, "is there and is not a copy of ADV-2025-0042") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(other); string(data) != `{"id": "ADV-2025-0043"}` {
		t.Error("another advisory's file was replaced")
	}
}
