package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// valueAt returns the value at a path such as "vulnerabilities[0].notes[2]"
// of a decoded JSON document.
func valueAt(doc any, path string) (any, bool) {
	step := regexp.MustCompile(`^([^.\[]+)|^\.([^.\[]+)|^\[(\d+)\]`)
	v := doc
	for rest := path; rest != ""; {
		m := step.FindStringSubmatch(rest)
		if m == nil {
			return nil, false
		}
		rest = rest[len(m[0]):]
		switch {
		case m[3] != "":
			a, ok := v.([]any)
			i, _ := strconv.Atoi(m[3])
			if !ok || i >= len(a) {
				return nil, false
			}
			v = a[i]
		default:
			o, ok := v.(map[string]any)
			key := m[1] + m[2]
			if !ok {
				return nil, false
			}
			if v, ok = o[key]; !ok {
				return nil, false
			}
		}
	}
	return v, true
}

// TestClassify checks classify's JSON on every CSAF document of the
// tests: each element's path names a value of the document, its class is
// a class, its rule says something, and the table lists the same paths.
func TestClassify(t *testing.T) {
	paths, _ := filepath.Glob("../../csaf/testdata/*.json")
	if len(paths) < 8 {
		t.Fatalf("want the CSAF documents of csaf/testdata, found %d", len(paths))
	}
	elements := 0
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			r := disclose(t, "", "classify", "--advisory", path, "--format", "json")
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			var got classification
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatal(err)
			}
			var doc any
			if err := json.Unmarshal(readTestFile(t, path), &doc); err != nil {
				t.Fatal(err)
			}
			table := disclose(t, "", "classify", "--advisory", path)
			for _, el := range got.Elements {
				if _, ok := valueAt(doc, el.Path); !ok {
					t.Errorf("%s: no such value in the document", el.Path)
				}
				if !el.Class.Valid() || strings.TrimSpace(el.Rule) == "" {
					t.Errorf("%s: class %q, rule %q", el.Path, el.Class, el.Rule)
				}
				if !strings.Contains(table.stdout, el.Path+" ") {
					t.Errorf("%s: not in the table", el.Path)
				}
			}
			elements += len(got.Elements)
		})
	}
	if elements < 100 {
		t.Errorf("%d elements in all the documents: classify lists too few", elements)
	}
}

// TestClassifyOptions checks that the options csaf-options prints are the
// defaults, and that options given to classify change the classes.
func TestClassifyOptions(t *testing.T) {
	const doc = "../../csaf/testdata/adv-2025-0042.json"
	printed := disclose(t, "", "csaf-options")
	if printed.code != exitOK {
		t.Fatalf("csaf-options: exit %d: %s", printed.code, printed.stderr)
	}
	opts, err := csaf.LoadOptions(strings.NewReader(printed.stdout))
	if err != nil {
		t.Fatalf("csaf-options printed options LoadOptions refuses: %v", err)
	}
	if !reflect.DeepEqual(opts, csaf.DefaultOptions()) {
		t.Errorf("csaf-options printed %+v, want the defaults %+v", opts, csaf.DefaultOptions())
	}
	classes := func(args ...string) map[string]disclosure.Class {
		r := disclose(t, printed.stdout, append([]string{"classify", "--advisory", doc, "--format", "json"}, args...)...)
		if r.code != exitOK {
			t.Fatalf("classify %v: exit %d: %s", args, r.code, r.stderr)
		}
		var c classification
		if err := json.Unmarshal([]byte(r.stdout), &c); err != nil {
			t.Fatal(err)
		}
		m := make(map[string]disclosure.Class)
		for _, el := range c.Elements {
			m[el.Path] = el.Class
		}
		return m
	}
	defaults := classes()
	if !reflect.DeepEqual(classes("--csaf-options", "-"), defaults) {
		t.Error("classify with the printed defaults differs from classify without options")
	}
	const poc = "vulnerabilities[1].notes[2]" // "Proof-of-concept code", category other
	if defaults[poc] != disclosure.ClassProofOfConcept {
		t.Errorf("%s: %q, want proof-of-concept", poc, defaults[poc])
	}
	opts.NoteTitles = nil
	opts.NoteCategories["other"] = disclosure.ClassMitigations
	custom, _ := json.Marshal(opts)
	r := disclose(t, string(custom), "classify", "--advisory", doc, "--format", "json", "--csaf-options", "-")
	if !strings.Contains(r.stdout, `"path": "`+poc+`",
      "class": "mitigations"`) {
		t.Errorf("with notes of category other as mitigations and no title rules, %s is not mitigations:\n%s", poc, r.stdout)
	}

	bad := disclose(t, `{"note_titles": [{"phrase": "exploit", "class": "secret"}], "extra": 1}`, "classify", "--advisory", doc, "--csaf-options", "-")
	if bad.code != exitInvalid || !strings.Contains(bad.stderr, "<stdin>: ") {
		t.Errorf("bad options: exit %d, stderr:\n%s", bad.code, bad.stderr)
	}
	native := disclose(t, "", "classify", "--advisory", "demo/advisory.json")
	if native.code != exitInvalid || !strings.Contains(native.stderr, "not a CSAF document") {
		t.Errorf("a native advisory: exit %d, stderr:\n%s", native.code, native.stderr)
	}
}

// TestSignalsPrinted checks that plan, explain and export list the
// document's exploitation signals without acting on them.
func TestSignalsPrinted(t *testing.T) {
	const doc = "../../csaf/testdata/adv-2025-0042.json"
	for _, args := range [][]string{
		{"plan"}, {"explain", "--partner", "jinlumo"}, {"export", "--all", "--out", t.TempDir()},
	} {
		r := disclose(t, "", append(args, "--advisory", doc, "--partners", "demo/partners.json")...)
		if r.code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		for _, want := range []string{"Signals:", "vulnerabilities[0].threats[0]", "vulnerabilities[1].threats[0]", "TLP:RED (the document's own"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%v: no %q in:\n%s", args, want, r.stdout)
			}
		}
		if strings.Contains(r.stdout, "Embargo:") {
			t.Errorf("%v: a signal ended the embargo:\n%s", args, r.stdout)
		}
	}
	r := disclose(t, "", "plan", "--advisory", doc, "--partners", "demo/partners.json", "--format", "json")
	if r.code != exitOK || !strings.Contains(r.stderr, "2 exploitation signal(s)") {
		t.Errorf("plan --format json: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

func readTestFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSignalsNamedByOptions checks that options naming a kind of signal
// end the embargo with it, whatever its text, and that the output says
// so rather than that no signal counts.
func TestSignalsNamedByOptions(t *testing.T) {
	opts := csaf.DefaultOptions()
	opts.EmbargoSignals = []csaf.SignalKind{csaf.SignalExploitStatus}
	data, _ := json.Marshal(opts)
	doc := strings.Replace(string(readTestFile(t, "../../csaf/testdata/adv-2025-0042.json")),
		"Exploitation detected against internet-facing servers, chained with CVE-2025-49704.", "Exploitation Less Likely", 1)
	r := disclose(t, string(data), "plan", "--advisory", writeTemp(t, "adv.json", doc), "--partners", "demo/partners.json", "--csaf-options", "-")
	if r.code != exitOK || !strings.Contains(r.stdout, "Embargo:   ended early at") ||
		!strings.Contains(r.stdout, "the earliest of kind") ||
		strings.Contains(r.stdout, "none ends the embargo") {
		t.Errorf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
}
