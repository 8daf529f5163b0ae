package csaf_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// TestAddedMembersPlace: a member Write adds to /document goes where CSAF
// lists it, after the member before it in the schema: references after
// publisher, distribution after csaf_version. The other members keep
// their order.
func TestAddedMembersPlace(t *testing.T) {
	for _, tt := range []struct{ doc, added string }{
		{"bsi-2022-0001.json", "references"},
		{"2022-evd-uc-01-a-001.json", "distribution"},
	} {
		doc := readFile(t, filepath.Join("testdata", tt.doc))
		before := documentMembers(doc)
		if slices.Contains(before, tt.added) {
			t.Fatalf("%s has %s", tt.doc, tt.added)
		}
		a, err := readAdvisory(doc, csaf.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true, ReleaseAt: a.PublicAt,
			PublishNotBefore: a.PublicAt, TLP: disclosure.TLPRed, Classes: disclosure.Classes()}
		out, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(before)
		for _, add := range [][2]string{{"distribution", "csaf_version"}, {"references", "publisher"}} {
			if !slices.Contains(want, add[0]) {
				want = slices.Insert(want, slices.Index(want, add[1])+1, add[0])
			}
		}
		got := documentMembers(out)
		if !slices.Equal(got, want) {
			t.Errorf("%s: members of the copy's /document %v, want %v", tt.doc, got, want)
		}
	}
}

// documentMembers returns the keys of /document in an indented document:
// the lines indented by four spaces between "document" and the end of its
// object.
func documentMembers(doc []byte) []string {
	var keys []string
	in := false
	for line := range strings.SplitSeq(string(doc), "\n") {
		switch {
		case strings.HasPrefix(line, `  "document": {`):
			in = true
		case in && strings.HasPrefix(line, "  }"):
			in = false
		case in && strings.HasPrefix(line, `    "`):
			key, _, _ := strings.Cut(line[5:], `"`)
			keys = append(keys, key)
		}
	}
	return keys
}

// TestFileNameCharacters: FileName keeps lower-case letters, digits, +
// and -, and replaces each run of other bytes with one _.
func TestFileNameCharacters(t *testing.T) {
	for _, tt := range []struct{ id, want string }{
		{"azAZ09+-", "azaz09+-.json"},
		{"a`z{0/9:A@Z[", "a_z_0_9_a_z_.json"},
		{"x.,_*y", "x_y.json"},
		{"é", "_.json"},
		{" a", "_a.json"},
	} {
		if got := csaf.FileName(tt.id); got != tt.want {
			t.Errorf("FileName(%q) = %s, want %s", tt.id, got, tt.want)
		}
	}
}

// TestWriteKeepsEmptyValues: Write drops the objects and arrays that
// withholding emptied, not those the original had empty. The undefined
// member x_e is withheld (unclassified), so there is something to prune.
func TestWriteKeepsEmptyValues(t *testing.T) {
	doc := strings.Replace(string(withVulns(`[{"cve": "CVE-2025-0001", "flags": [], "ids": [], "x_e": {}}]`)),
		`"title": "Test"`, `"title": "Test", "acknowledgments": [], "aggregate_severity": {"text": "x"}`, 1)
	doc = strings.Replace(doc, `"vulnerabilities"`, `"product_tree": {}, "vulnerabilities"`, 1)
	a, err := readAdvisory([]byte(doc), csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true, ReleaseAt: a.PublicAt,
		PublishNotBefore: a.PublicAt, TLP: disclosure.TLPRed, Classes: slices.DeleteFunc(disclosure.Classes(), func(c disclosure.Class) bool { return c == disclosure.ClassUnclassified })}
	out, _, err := csaf.Write([]byte(doc), d, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"acknowledgments": []`, `"product_tree": {}`, `"flags": []`, `"ids": []`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the copy lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "x_e") {
		t.Errorf("the copy has the withheld x_e:\n%s", out)
	}
}
