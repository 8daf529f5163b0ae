package csaf

import (
	"bytes"
	"os"
	"testing"

	"github.com/disclosurekit/disclosure/csaf/internal/schemagen"
)

// TestMembersGenerated regenerates members_gen.go from the schemas under
// testdata/schema and fails if the committed file differs: run
// "go generate ./csaf" after changing the schemas or the generator.
func TestMembersGenerated(t *testing.T) {
	want, err := schemagen.Generate("testdata/schema")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("members_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("members_gen.go is not what the schemas under testdata/schema give: run go generate ./csaf")
	}
}

// TestMembersTables checks a few positions of each table against the
// schemas, by hand: the members that matter to the readers are where
// they are expected, with their requirement.
func TestMembersTables(t *testing.T) {
	walk := func(tb *schemaTable, path ...string) (uint16, bool) {
		p := uint16(posDocument)
		for _, k := range path {
			if k == "[]" {
				p = tb.items(p)
				continue
			}
			c, ok := tb.child(p, k)
			if !ok {
				return 0, false
			}
			p = c
		}
		return p, true
	}
	for _, tt := range []struct {
		version string
		path    []string
		defined bool
	}{
		{"2.0", []string{"document", "tracking", "revision_history", "[]", "legacy_version"}, true},
		{"2.0", []string{"vulnerabilities", "[]", "scores", "[]", "cvss_v3", "baseScore"}, true},
		{"2.0", []string{"vulnerabilities", "[]", "scores", "[]", "cvss_v3", "x_secret"}, false},
		{"2.0", []string{"vulnerabilities", "[]", "metrics"}, false},
		{"2.0", []string{"vulnerabilities", "[]", "cwe", "id"}, true},
		{"2.0", []string{"product_tree", "branches", "[]", "branches", "[]", "branches", "[]", "product", "product_identification_helper", "x_generic_uris", "[]", "uri"}, true},
		{"2.0", []string{"$schema"}, false},
		{"2.1", []string{"$schema"}, true},
		{"2.1", []string{"vulnerabilities", "[]", "metrics", "[]", "content", "cvss_v4", "Safety"}, true},
		{"2.1", []string{"vulnerabilities", "[]", "metrics", "[]", "content", "ssvc_v2", "selections", "[]", "values", "[]", "key"}, true},
		{"2.1", []string{"vulnerabilities", "[]", "cwe"}, false},
		{"2.1", []string{"vulnerabilities", "[]", "first_known_exploitation_dates", "[]", "exploitation_date"}, true},
		{"2.1", []string{"document", "distribution", "sharing_group", "name"}, true},
		{"2.1", []string{"x_extensions", "[]", "content", "anything"}, false},
	} {
		_, ok := walk(tableOf(tt.version), tt.path...)
		if ok != tt.defined {
			t.Errorf("CSAF %s %v: defined %v, want %v", tt.version, tt.path, ok, tt.defined)
		}
	}
	// Required members, as the schemas say.
	for _, tt := range []struct {
		version string
		path    []string
		key     string
		req     bool
	}{
		{"2.0", []string{"document"}, "tracking", true},
		{"2.0", []string{"document"}, "distribution", false},
		{"2.1", []string{"document"}, "distribution", true},
		{"2.1", []string{"vulnerabilities", "[]", "metrics", "[]"}, "content", true},
		{"2.0", []string{"document", "tracking"}, "revision_history", true},
		{"2.0", []string{"vulnerabilities", "[]"}, "product_status", false},
	} {
		tb := tableOf(tt.version)
		p, ok := walk(tb, tt.path...)
		d, found := tb.member(p, tt.key)
		if !ok || !found || d.required != tt.req {
			t.Errorf("CSAF %s %v.%s: found %v, required %v; want required %v", tt.version, tt.path, tt.key, found, d.required, tt.req)
		}
	}
}
