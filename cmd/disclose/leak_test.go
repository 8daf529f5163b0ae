package main

// The leak corpus: inputs built from real CSAF documents and the demo's
// advisory, each with a secret that one partner must never see and the
// earliest instant anything may reach that partner. Every case runs through
// the library (csaf.Read or LoadAdvisory, Plan, csaf.Write) and through the
// built command (plan --format json, explain, export, export --ledger), and
// fails if the secret reaches the partner by any of them, or if anything
// reaches it sooner. testdata/leaks/README.md describes the format.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// repoRoot is the repository's root, seen from this package's directory.
const repoRoot = "../.."

// leakCase is one file of testdata/leaks.
type leakCase struct {
	Description string `json:"description"`
	// Base is a CSAF document and Native an advisory of the tool's own
	// format, by path from the repository's root; a case has one of them.
	Base   string `json:"base,omitempty"`
	Native string `json:"native,omitempty"`
	// Edits change the advisory (JSON Pointer paths, ops add, replace and
	// remove); RawEdits replace text in it, for what JSON cannot express
	// once decoded (a repeated key).
	Edits    []jsonEdit `json:"edits,omitempty"`
	RawEdits []rawEdit  `json:"raw_edits,omitempty"`
	// PartnerEdits change testdata/leaks/partners.json.
	PartnerEdits []jsonEdit `json:"partner_edits,omitempty"`
	// Flags are given to every command, and applied to the advisory on the
	// library's path: --exclude, --withhold, --embargo-ended-at and
	// --embargo-reason.
	Flags []string `json:"flags,omitempty"`

	Secret  string `json:"secret"`  // must reach Partner by no path
	Partner string `json:"partner"` // the partner that must not see it
	// NotBefore is the earliest instant anything may reach Partner, or
	// "never".
	NotBefore string `json:"not_before,omitempty"`
	// Refused says that the inputs must be refused as invalid: nothing is
	// released to anyone.
	Refused bool `json:"refused,omitempty"`
	// MinTLP is the least restrictive label Partner's copy may carry.
	MinTLP disclosure.TLP `json:"min_tlp,omitempty"`
}

type jsonEdit struct {
	Op    string          `json:"op"`
	Path  string          `json:"path"`
	Value json.RawMessage `json:"value,omitempty"`
}

type rawEdit struct {
	Find    string `json:"find"`
	Replace string `json:"replace"`
}

func TestLeakCorpus(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "leaks", "[0-9]*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 30 {
		t.Fatalf("want at least 30 cases under testdata/leaks, found %d", len(paths))
	}
	partners, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "leaks", "partners.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(name, func(t *testing.T) {
			c := loadLeakCase(t, path)
			dir := t.TempDir()
			advisory := filepath.Join(dir, "advisory.json")
			partnerList := filepath.Join(dir, "partners.json")
			doc := c.advisory(t)
			writeFile(t, advisory, doc)
			writeFile(t, partnerList, applyEdits(t, partners, c.PartnerEdits))

			c.checkLibrary(t, doc, readBack(t, partnerList))
			c.checkPlan(t, advisory, partnerList)
			c.checkExplain(t, advisory, partnerList)
			c.checkExport(t, advisory, partnerList, filepath.Join(dir, "out"))
			c.checkExportLedger(t, advisory, partnerList, filepath.Join(dir, "ledger-out"))
			if c.Base != "" {
				c.checkMarked(t, doc, partnerList, dir)
			}
		})
	}
}

func loadLeakCase(t *testing.T, path string) *leakCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c leakCase
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	switch {
	case (c.Base == "") == (c.Native == ""):
		t.Fatalf("%s: give base (a CSAF document) or native (an advisory), not both or neither", path)
	case c.Secret == "" || c.Partner == "" || c.Description == "":
		t.Fatalf("%s: description, secret and partner are required", path)
	case c.Refused == (c.NotBefore != ""):
		t.Fatalf("%s: give not_before, or refused, not both or neither", path)
	}
	return &c
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func readBack(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// advisory returns the case's advisory file.
func (c *leakCase) advisory(t *testing.T) []byte {
	t.Helper()
	src := c.Base + c.Native
	data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(src)))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range c.RawEdits {
		if !bytes.Contains(data, []byte(e.Find)) {
			t.Fatalf("raw edit: %q is not in %s", e.Find, src)
		}
		data = bytes.Replace(data, []byte(e.Find), []byte(e.Replace), 1)
	}
	data = applyEdits(t, data, c.Edits)
	if !bytes.Contains(data, []byte(c.Secret)) && !bytes.Contains(data, []byte(base64.StdEncoding.EncodeToString([]byte(c.Secret)))) &&
		!c.Refused {
		t.Fatalf("the secret %q is not in the advisory: the case tests nothing", c.Secret)
	}
	return data
}

// applyEdits applies JSON Pointer edits to a JSON document. Without edits
// the document is returned as it is, byte for byte.
func applyEdits(t *testing.T, data []byte, edits []jsonEdit) []byte {
	t.Helper()
	if len(edits) == 0 {
		return data
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		t.Fatalf("decoding the document to edit: %v", err)
	}
	for _, e := range edits {
		var v any
		if e.Op != "remove" {
			d := json.NewDecoder(bytes.NewReader(e.Value))
			d.UseNumber()
			if err := d.Decode(&v); err != nil {
				t.Fatalf("edit %s %s: value: %v", e.Op, e.Path, err)
			}
		}
		var err error
		root, err = editAt(root, strings.Split(e.Path, "/")[1:], e.Op, v)
		if err != nil {
			t.Fatalf("edit %s %s: %v", e.Op, e.Path, err)
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// editAt applies one edit at the pointer tokens toks of v and returns the
// new v.
func editAt(v any, toks []string, op string, val any) (any, error) {
	if len(toks) == 0 {
		return nil, fmt.Errorf("the root cannot be edited")
	}
	tok := strings.NewReplacer("~1", "/", "~0", "~").Replace(toks[0])
	last := len(toks) == 1
	switch x := v.(type) {
	case map[string]any:
		child, ok := x[tok]
		if last {
			switch {
			case op == "add":
				x[tok] = val
			case !ok:
				return nil, fmt.Errorf("no member %q", tok)
			case op == "replace":
				x[tok] = val
			case op == "remove":
				delete(x, tok)
			default:
				return nil, fmt.Errorf("unknown op %q", op)
			}
			return x, nil
		}
		if !ok {
			return nil, fmt.Errorf("no member %q", tok)
		}
		n, err := editAt(child, toks[1:], op, val)
		x[tok] = n
		return x, err
	case []any:
		if last && op == "add" && tok == "-" {
			return append(x, val), nil
		}
		i, err := strconv.Atoi(tok)
		if err != nil || i < 0 || i >= len(x) {
			return nil, fmt.Errorf("no element %q of an array of %d", tok, len(x))
		}
		if last {
			switch op {
			case "replace":
				x[i] = val
			case "remove":
				return append(x[:i], x[i+1:]...), nil
			default:
				return nil, fmt.Errorf("op %q on an array element: use replace, remove, or add at -", op)
			}
			return x, nil
		}
		n, err := editAt(x[i], toks[1:], op, val)
		x[i] = n
		return x, err
	}
	return nil, fmt.Errorf("%q: not an object or array", tok)
}

// flagged applies the case's flags to an advisory, as the commands do.
func (c *leakCase) flagged(t *testing.T, a disclosure.Advisory) disclosure.Advisory {
	t.Helper()
	for i := 0; i < len(c.Flags); i += 2 {
		if i+1 >= len(c.Flags) {
			t.Fatalf("flag %s without a value", c.Flags[i])
		}
		v := c.Flags[i+1]
		switch c.Flags[i] {
		case "--exclude":
			a.ExcludePartners = append(a.ExcludePartners, v)
		case "--withhold":
			a.WithholdClasses = append(a.WithholdClasses, disclosure.Class(v))
		case "--embargo-ended-at":
			at, err := time.Parse(time.RFC3339, v)
			if err != nil {
				t.Fatal(err)
			}
			a.Embargo.EndedAt = at
		case "--embargo-reason":
			a.Embargo.Reason = disclosure.EndReason(v)
		default:
			t.Fatalf("the corpus knows no flag %s", c.Flags[i])
		}
	}
	return a
}

// leaks reports whether data holds the secret, as text or as base64 (an
// artifact's bytes in JSON).
func (c *leakCase) leaks(data []byte) bool {
	return bytes.Contains(data, []byte(c.Secret)) ||
		bytes.Contains(data, []byte(base64.StdEncoding.EncodeToString([]byte(c.Secret))))
}

// checkRelease checks a release instant and label given to the partner.
func (c *leakCase) checkRelease(t *testing.T, via string, entitled bool, at time.Time, label disclosure.TLP) {
	t.Helper()
	if !entitled {
		return
	}
	if c.NotBefore == "never" {
		t.Errorf("%s: %s is entitled (release %s); it must receive nothing", via, c.Partner, at.Format(time.RFC3339))
		return
	}
	floor, err := time.Parse(time.RFC3339, c.NotBefore)
	if err != nil {
		t.Fatalf("not_before: %v", err)
	}
	if at.Before(floor) {
		t.Errorf("%s: %s released at %s, before %s", via, c.Partner, at.Format(time.RFC3339), c.NotBefore)
	}
	if c.MinTLP != "" && tlpRank(label) < tlpRank(c.MinTLP) {
		t.Errorf("%s: %s's copy is TLP:%s, less restrictive than TLP:%s", via, c.Partner, label, c.MinTLP)
	}
}

// tlpRank orders the labels from the least restrictive; an unknown label
// ranks lowest.
func tlpRank(l disclosure.TLP) int {
	switch l {
	case disclosure.TLPClear, "WHITE":
		return 1
	case disclosure.TLPGreen:
		return 2
	case disclosure.TLPAmber:
		return 3
	case disclosure.TLPAmberStrict:
		return 4
	case disclosure.TLPRed:
		return 5
	}
	return 0
}

// checkLibrary runs the case through the library.
func (c *leakCase) checkLibrary(t *testing.T, doc, partnerList []byte) {
	t.Helper()
	var a disclosure.Advisory
	var err error
	if c.Base != "" {
		var r csaf.Reading
		r, err = csaf.Read(doc, csaf.DefaultOptions())
		a = r.Advisory
	} else {
		a, err = disclosure.LoadAdvisory(bytes.NewReader(doc))
	}
	var partners []disclosure.Partner
	if err == nil {
		partners, err = disclosure.LoadPartners(bytes.NewReader(partnerList))
	}
	var plan []disclosure.Disclosure
	if err == nil {
		plan, err = disclosure.Plan(disclosure.DefaultPolicy(), c.flagged(t, a), partners)
	}
	switch {
	case c.Refused && err == nil:
		t.Errorf("library: the inputs were accepted; want them refused")
		return
	case c.Refused:
		return
	case err != nil:
		t.Fatalf("library: %v", err)
	}
	for _, d := range plan {
		if d.PartnerID != c.Partner {
			continue
		}
		data, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if c.leaks(data) {
			t.Errorf("library: the secret %q is in %s's disclosure", c.Secret, c.Partner)
		}
		c.checkRelease(t, "library", d.Entitled, d.ReleaseAt, d.TLP)
		if c.Base == "" || !d.Entitled {
			return
		}
		out, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
		if err != nil {
			t.Fatalf("library: csaf.Write: %v", err)
		}
		if c.leaks(out) {
			t.Errorf("library: the secret %q is in %s's CSAF copy", c.Secret, c.Partner)
		}
		c.checkRelease(t, "library's CSAF copy", true, d.ReleaseAt, copyLabel(t, out))
		return
	}
	t.Fatalf("library: no decision for %s", c.Partner)
}

func (c *leakCase) args(cmd, advisory, partners string, more ...string) []string {
	args := append([]string{cmd, "--advisory", advisory, "--partners", partners}, more...)
	return append(args, c.Flags...)
}

// checkRefused checks that a command refused the inputs as invalid, and
// released nothing.
func (c *leakCase) checkRefused(t *testing.T, cmd string, r result) {
	t.Helper()
	if r.code != exitInvalid {
		t.Errorf("%s: exit code %d, want %d (invalid input); stderr:\n%s", cmd, r.code, exitInvalid, r.stderr)
	}
	if c.leaks([]byte(r.stdout)) || c.leaks([]byte(r.stderr)) {
		t.Errorf("%s: the secret %q is in the output of a refused run", cmd, c.Secret)
	}
}

func (c *leakCase) checkPlan(t *testing.T, advisory, partners string) {
	t.Helper()
	r := disclose(t, "", c.args("plan", advisory, partners, "--format", "json")...)
	if c.Refused {
		c.checkRefused(t, "plan", r)
		return
	}
	if r.code != exitOK {
		t.Fatalf("plan: exit code %d; stderr:\n%s", r.code, r.stderr)
	}
	var entries []json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &entries); err != nil {
		t.Fatalf("plan --format json: %v", err)
	}
	for _, raw := range entries {
		var d struct {
			Partner   string         `json:"partner"`
			Entitled  bool           `json:"entitled"`
			ReleaseAt time.Time      `json:"release_at"`
			TLP       disclosure.TLP `json:"tlp"`
		}
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatal(err)
		}
		if d.Partner != c.Partner {
			continue
		}
		if c.leaks(raw) {
			t.Errorf("plan --format json: the secret %q is in %s's entry", c.Secret, c.Partner)
		}
		c.checkRelease(t, "plan --format json", d.Entitled, d.ReleaseAt, d.TLP)
		return
	}
	t.Errorf("plan --format json: no entry for %s", c.Partner)
}

func (c *leakCase) checkExplain(t *testing.T, advisory, partners string) {
	t.Helper()
	for _, format := range []string{"table", "json"} {
		r := disclose(t, "", c.args("explain", advisory, partners, "--partner", c.Partner, "--format", format)...)
		if c.Refused {
			c.checkRefused(t, "explain", r)
			continue
		}
		if r.code != exitOK {
			t.Fatalf("explain --format %s: exit code %d; stderr:\n%s", format, r.code, r.stderr)
		}
		if c.leaks([]byte(r.stdout)) {
			t.Errorf("explain --format %s: the secret %q is in the explanation for %s", format, c.Secret, c.Partner)
		}
		if format == "json" {
			d, _ := explainedOf(t, r.stdout)
			c.checkRelease(t, "explain --format json", d.Entitled, d.ReleaseAt, d.TLP)
		}
	}
}

func (c *leakCase) checkExport(t *testing.T, advisory, partners, out string, more ...string) {
	t.Helper()
	r := disclose(t, "", c.args("export", advisory, partners, append([]string{"--all", "--out", out, "--format", "json"}, more...)...)...)
	if c.Refused {
		c.checkRefused(t, "export", r)
	} else if r.code != exitOK {
		t.Fatalf("export: exit code %d; stderr:\n%s", r.code, r.stderr)
	}
	if c.leaks([]byte(r.stdout)) {
		t.Errorf("export: the secret %q is in the list printed", c.Secret)
	}
	if !c.Refused {
		var report struct {
			Partners []struct {
				Partner   string         `json:"partner"`
				Entitled  bool           `json:"entitled"`
				ReleaseAt time.Time      `json:"release_at"`
				TLP       disclosure.TLP `json:"tlp"`
			} `json:"partners"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
			t.Fatalf("export --format json: %v", err)
		}
		for _, p := range report.Partners {
			if p.Partner == c.Partner {
				c.checkRelease(t, "export --format json", p.Entitled, p.ReleaseAt, p.TLP)
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(out, c.Partner, "*"))
	if len(files) > 0 && (c.Refused || c.NotBefore == "never") {
		t.Errorf("export: %s has files %v; it must receive nothing", c.Partner, files)
	}
	for _, f := range files {
		data := readBack(t, f)
		if c.leaks(data) {
			t.Errorf("export: the secret %q is in %s", c.Secret, f)
		}
		if c.MinTLP != "" && tlpRank(copyLabel(t, data)) < tlpRank(c.MinTLP) {
			t.Errorf("export: %s is TLP:%s, less restrictive than TLP:%s", f, copyLabel(t, data), c.MinTLP)
		}
	}
}
