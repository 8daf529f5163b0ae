package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

const (
	// testKeyFile holds the key the tests mark copies with: 32 bytes that
	// say what they are. It is public, so codes made with it prove nothing.
	testKeyFile = "testdata/test-key-not-secret"
	testKey     = "PUBLIC TEST KEY - NOT A SECRET!!"
)

// TestGoldenMarked compares the output of plan and explain with
// --mark-key-file with the files under testdata/golden; "go test -update"
// rewrites them.
func TestGoldenMarked(t *testing.T) {
	inputs := []string{"--advisory", advisoryFile, "--partners", partnersFile, "--mark-key-file", testKeyFile}
	tests := []struct {
		name string
		args []string
	}{
		{"plan-marked", append([]string{"plan"}, inputs...)},
		{"plan-marked-json", append([]string{"plan", "--format", "json"}, inputs...)},
		{"explain-marked", append([]string{"explain", "--partner", "tavoran"}, inputs...)},
		{"explain-marked-restricted", append([]string{"explain", "--partner", "jinlumo"}, inputs...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name, mustSucceed(t, "", tt.args...))
		})
	}
}

// TestTestKey checks that the test key is the 32 public bytes the tests
// and README.md expect.
func TestTestKey(t *testing.T) {
	key, err := os.ReadFile(testKeyFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(key) != testKey || len(key) != 32 {
		t.Fatalf("%s holds %q, want the %d bytes %q", testKeyFile, key, len(testKey), testKey)
	}
}

// markedPlan runs plan --format json --mark-key-file on the demo files.
func markedPlan(t *testing.T, keyFile string) []disclosure.Disclosure {
	t.Helper()
	return planOf(t, "", "--advisory", advisoryFile, "--partners", partnersFile, "--mark-key-file", keyFile)
}

// TestMarkedPlanMatchesLibrary checks that plan --format json
// --mark-key-file prints what trace.Mark makes of the library's plan, and
// that marking changed the copies: a code in place of the placeholder, and
// a reference.
func TestMarkedPlanMatchesLibrary(t *testing.T) {
	got := markedPlan(t, testKeyFile)
	want := libraryPlan(t, "", advisoryFile, partnersFile)
	for i := range want {
		var err error
		if want[i], err = trace.Mark(want[i], []byte(testKey)); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		t.Fatalf("plan --mark-key-file differs from trace.Mark on disclosure.Plan:\ngot:\n%s\nwant:\n%s", g, w)
	}
	for _, d := range got {
		if !d.Entitled {
			continue
		}
		last := d.Advisory.Sections[len(d.Advisory.Sections)-1]
		if last.Title != "Reference" {
			t.Errorf("%s: the marked copy has no reference section", d.PartnerID)
		}
		for _, f := range d.Advisory.Artifacts {
			if bytes.Contains(f.Data, []byte(trace.Placeholder)) {
				t.Errorf("%s: %s still has a placeholder:\n%s", d.PartnerID, f.Name, f.Data)
			}
		}
	}
}

// TestUnmarkedWarning checks when a run warns that the advisory's
// placeholders reach partners as written: plan, explain and export
// without a key, on an advisory with placeholders; never the demo, nor
// with a key, nor for an advisory without placeholders.
func TestUnmarkedWarning(t *testing.T) {
	inputs := []string{"--advisory", advisoryFile, "--partners", partnersFile}
	doc, err := os.ReadFile(csafFile)
	if err != nil {
		t.Fatal(err)
	}
	placeheld := writeTemp(t, "placeheld.json", strings.Replace(string(doc),
		"deserializes attacker-supplied control data.", "deserializes attacker-supplied control data (case {{mark}}).", 1))
	out := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string // all of standard error
	}{
		{"plan", append([]string{"plan"}, inputs...), unmarkedWarning(advisoryFile)},
		{"plan json", append([]string{"plan", "--format", "json"}, inputs...), unmarkedWarning(advisoryFile)},
		{"explain", append([]string{"explain", "--partner", "ardentic"}, inputs...), unmarkedWarning(advisoryFile)},
		{"explain, partner without the placeholder", append([]string{"explain", "--partner", "glimmerfen"}, inputs...), unmarkedWarning(advisoryFile)},
		{"demo", []string{"demo"}, ""},
		{"plan with a key", append([]string{"plan", "--mark-key-file", testKeyFile}, inputs...), ""},
		{"explain with a key", append([]string{"explain", "--partner", "ardentic", "--mark-key-file", testKeyFile}, inputs...), ""},
		{"advisory without placeholders", []string{"plan", "--advisory", csafFile, "--partners", partnersFile}, ""},
		{"validate", []string{"validate", advisoryFile}, ""},
		{"CSAF advisory with a placeholder", []string{"plan", "--advisory", placeheld, "--partners", partnersFile},
			placeheld + ": warning: 1 {{mark}} placeholder (sections[11].body) not marked (no --mark-key-file): partners would receive a literal {{mark}}\n"},
		{"export", []string{"export", "--partner", "ardentic", "--out", out, "--advisory", placeheld, "--partners", partnersFile},
			placeheld + ": warning: 1 {{mark}} placeholder (sections[11].body) not marked (no --mark-key-file): partners would receive a literal {{mark}}\n"},
		{"export with a key", []string{"export", "--partner", "ardentic", "--out", t.TempDir(), "--advisory", placeheld, "--partners", partnersFile, "--mark-key-file", testKeyFile}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := disclose(t, "", tt.args...)
			if r.code != 0 || r.stdout == "" {
				t.Fatalf("exit %d, stdout %d bytes, stderr:\n%s", r.code, len(r.stdout), r.stderr)
			}
			if r.stderr != tt.want {
				t.Errorf("standard error:\n%s\nwant:\n%s", r.stderr, tt.want)
			}
		})
	}
	// What the warning says: export wrote the placeholder itself.
	written, err := os.ReadFile(filepath.Join(out, copyOf("ardentic")))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(written, []byte("(case {{mark}})")) {
		t.Error("the exported copy lacks the placeholder the warning announced")
	}
}

// TestWriteIgnoresMarks checks that csaf.Write, which export calls
// without --mark-key-file, writes the copy of a marked disclosure as that
// of the unmarked one, placeholder included, and that csaf.WriteMarked,
// which export calls with it, puts the codes in.
func TestWriteIgnoresMarks(t *testing.T) {
	doc, err := os.ReadFile(csafFile)
	if err != nil {
		t.Fatal(err)
	}
	doc = bytes.Replace(doc, []byte("control data."), []byte("control data (case {{mark}})."), 1)
	a, err := readAdvisory(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(trace.Placeholders(a)) != 1 {
		t.Fatalf("placeholders %v, want one", trace.Placeholders(a))
	}
	partners, err := disclosure.LoadPartners(strings.NewReader(readDemo(t, "partners.json")))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := disclosure.Plan(disclosure.DefaultPolicy(), a, partners)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, d := range plan {
		if !d.Entitled || !d.Receives(disclosure.ClassTechnicalDetails) {
			continue
		}
		marked, err := trace.Mark(d, []byte(testKey))
		if err != nil {
			t.Fatal(err)
		}
		plain, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		withMarks, _, err := csaf.Write(doc, marked, csaf.DefaultOptions())
		if err != nil {
			t.Fatalf("%s: csaf.Write refuses the marked disclosure: %v", d.PartnerID, err)
		}
		if !bytes.Equal(withMarks, plain) || !bytes.Contains(withMarks, []byte("(case {{mark}})")) {
			t.Errorf("%s: csaf.Write writes a marked disclosure differently", d.PartnerID)
		}
		written, _, err := csaf.WriteMarked(doc, marked, disclosure.Partner{ID: d.PartnerID}, csaf.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(written, []byte("{{mark}}")) || bytes.Equal(written, plain) {
			t.Errorf("%s: csaf.WriteMarked does not mark the copy", d.PartnerID)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no partner receives the placeholder")
	}
}

// TestKeyNotPrinted checks that no output holds the key, whether it is
// used or refused.
func TestKeyNotPrinted(t *testing.T) {
	inputs := []string{"--advisory", advisoryFile, "--partners", partnersFile}
	short := "short secret"
	shortFile := writeTemp(t, "short.key", short)
	leak := writeTemp(t, "leak.txt", testKey) // even a leak that holds the key
	runs := [][]string{
		append([]string{"plan", "--mark-key-file", testKeyFile}, inputs...),
		append([]string{"plan", "--format", "json", "--mark-key-file", testKeyFile}, inputs...),
		append([]string{"explain", "--partner", "ardentic", "--mark-key-file", testKeyFile}, inputs...),
		append(append([]string{"trace", "--key-file", testKeyFile}, inputs...), leakedPoC),
		append(append([]string{"trace", "--format", "json", "--key-file", testKeyFile}, inputs...), leakedPoC),
		append([]string{"plan", "--mark-key-file", shortFile}, inputs...),
		append(append([]string{"trace", "--key-file", shortFile}, inputs...), leak),
	}
	for _, args := range runs {
		r := disclose(t, "", args...)
		for _, key := range []string{testKey, short} {
			if strings.Contains(r.stdout, key) || strings.Contains(r.stderr, key) {
				t.Errorf("disclose %s prints the key %q", strings.Join(args, " "), key)
			}
		}
	}
}
