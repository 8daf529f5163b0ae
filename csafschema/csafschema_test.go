package csafschema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dlclark/regexp2"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaFiles maps the URL of every schema the CSAF schemas refer to, by
// version, to its local copy under testdata.
var schemaFiles = map[string]map[string]string{
	"2.0": {
		"https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json": "2.0/csaf_json_schema.json",
		"https://www.first.org/cvss/cvss-v2.0.json":                        "2.0/cvss-v2.0.json",
		"https://www.first.org/cvss/cvss-v3.0.json":                        "2.0/cvss-v3.0.json",
		"https://www.first.org/cvss/cvss-v3.1.json":                        "2.0/cvss-v3.1.json",
	},
	"2.1": {
		"https://docs.oasis-open.org/csaf/csaf/v2.1/schema/csaf.json":                  "2.1/json_schema_csaf.json",
		"https://docs.oasis-open.org/csaf/csaf/v2.1/schema/meta.json":                  "2.1/json_schema_meta.json",
		"https://docs.oasis-open.org/csaf/csaf/v2.1/schema/extension-content.json":     "2.1/json_schema_extension-content.json",
		"https://docs.oasis-open.org/csaf/csaf/v2.1/schema/extension-metaschema.json":  "2.1/json_schema_extension-metaschema.json",
		"https://www.first.org/cvss/meta.json":                                         "2.1/referenced_schema_first_meta.json",
		"https://www.first.org/cvss/cvss-v2.0.json":                                    "2.1/referenced_schema_first_cvss-v2.0.json",
		"https://www.first.org/cvss/cvss-v3.0.json":                                    "2.1/referenced_schema_first_cvss-v3.0.json",
		"https://www.first.org/cvss/cvss-v3.1.json":                                    "2.1/referenced_schema_first_cvss-v3.1.json",
		"https://www.first.org/cvss/cvss-v4.0.json":                                    "2.1/referenced_schema_first_cvss-v4.0.json",
		"https://certcc.github.io/SSVC/data/schema/v2/SelectionList_2_0_0.schema.json": "2.1/referenced_schema_certcc_SelectionList_2_0_0.schema.json",
	},
}

// rootSchema is the CSAF schema of each version.
var rootSchema = map[string]string{
	"2.0": "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json",
	"2.1": "https://docs.oasis-open.org/csaf/csaf/v2.1/schema/csaf.json",
}

// localLoader loads schemas from testdata, and refuses any other URL: the
// test must not depend on the network.
type localLoader map[string]string

func (l localLoader) Load(url string) (any, error) {
	name, ok := l[url]
	if !ok {
		return nil, fmt.Errorf("no local copy of %s under testdata", url)
	}
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

// ecmaRegexp is a regular expression of ECMA 262, the dialect JSON Schema
// patterns are written in.
type ecmaRegexp regexp2.Regexp

func (re *ecmaRegexp) MatchString(s string) bool {
	ok, err := (*regexp2.Regexp)(re).MatchString(s)
	return err == nil && ok
}

func (re *ecmaRegexp) String() string { return (*regexp2.Regexp)(re).String() }

func compileECMA(s string) (jsonschema.Regexp, error) {
	re, err := regexp2.Compile(s, regexp2.ECMAScript)
	if err != nil {
		return nil, err
	}
	re.MatchTimeout = 10 * time.Second
	return (*ecmaRegexp)(re), nil
}

// schemas compiles the CSAF schema of each version, with formats asserted.
func schemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	out := make(map[string]*jsonschema.Schema)
	for version, files := range schemaFiles {
		c := jsonschema.NewCompiler()
		c.UseLoader(localLoader(files))
		c.UseRegexpEngine(compileECMA)
		c.AssertFormat()
		s, err := c.Compile(rootSchema[version])
		if err != nil {
			t.Fatalf("compiling the CSAF %s schema: %v", version, err)
		}
		out[version] = s
	}
	return out
}

// validate checks a document against the schema of its csaf_version.
func validate(schemas map[string]*jsonschema.Schema, doc []byte) error {
	var head struct {
		Document struct {
			Version string `json:"csaf_version"`
		} `json:"document"`
	}
	if err := json.Unmarshal(doc, &head); err != nil {
		return err
	}
	s, ok := schemas[head.Document.Version]
	if !ok {
		return fmt.Errorf("no schema for csaf_version %q", head.Document.Version)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

// TestWrittenDocumentsValidate validates every document under
// ../csaf/testdata, and the document written from it for every entitled
// partner of the demo under the default policy, against the official
// schema of its CSAF version; and the same document with placeholders in
// its notes, remediations, threats, acknowledgments and involvements, and
// every partner's marked copy of it.
func TestWrittenDocumentsValidate(t *testing.T) {
	schemas := schemas(t)
	partners := demoPartners(t)
	sources := testdataSources(t)
	for _, src := range sources {
		if err := validate(schemas, src.doc); err != nil {
			t.Errorf("%s: the original does not validate: %v", src.name, err)
		}
	}
	copies, variants := withMarked(t, sources, partners, t.TempDir())
	for _, v := range variants {
		if err := validate(schemas, v.doc); err != nil {
			t.Errorf("%s: does not validate: %v", v.name, err)
		}
	}
	written, marked := 0, 0
	for _, c := range copies {
		if err := validate(schemas, c.data); err != nil {
			t.Errorf("%s for %s (TLP:%s): %v", c.src.name, c.d.PartnerID, c.d.TLP, err)
		}
		written++
		if c.marked {
			marked++
		}
	}
	if written-marked < 60 || marked < 60 {
		t.Errorf("only %d written documents and %d marked ones validated", written-marked, marked)
	}
}

// TestSchemasReject checks that the validator is not vacuous: it refuses
// what the schemas forbid, among them the TLP 2.0 labels in a CSAF 2.0
// document, which is why package csaf writes CLEAR as WHITE there.
func TestSchemasReject(t *testing.T) {
	schemas := schemas(t)
	doc20, err := os.ReadFile(filepath.Join("..", "csaf", "testdata", "adv-2025-0042.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc21, err := os.ReadFile(filepath.Join("..", "csaf", "testdata", "adv-2025-0042-csaf21.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		doc      []byte
		old, new string
	}{
		{"CLEAR in 2.0", doc20, `"label": "RED"`, `"label": "CLEAR"`},
		{"AMBER+STRICT in 2.0", doc20, `"label": "RED"`, `"label": "AMBER+STRICT"`},
		{"WHITE in 2.1", doc21, `"label": "AMBER+STRICT"`, `"label": "WHITE"`},
		{"an unknown member in 2.1", doc21, `"lang": "en",`, `"lang": "en", "x_unknown": 1,`},
		{"no tracking ID", doc20, `"id": "ADV-2025-0042",`, ``},
		{"a bad CVSS vector", doc20, `"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"`, `"CVSS:3.1/AV:X"`},
		{"a date without zone", doc21, `"2025-07-01T16:00:00Z"`, `"2025-07-01T16:00:00"`},
	} {
		bad := bytes.Replace(tt.doc, []byte(tt.old), []byte(tt.new), 1)
		if bytes.Equal(bad, tt.doc) {
			t.Fatalf("%s: the document has no %s", tt.name, tt.old)
		}
		if err := validate(schemas, bad); err == nil {
			t.Errorf("%s: the schema accepts it", tt.name)
		} else if !strings.Contains(err.Error(), "jsonschema validation failed") {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
