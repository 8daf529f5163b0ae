package csaf_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// TestMalformed checks that malformed documents are refused with the JSON
// path of the problem and a message that says what is wrong, by Read and
// by Write alike.
func TestMalformed(t *testing.T) {
	valid := fmt.Sprintf(minimal, "")
	replace := func(old, new string) string {
		if !strings.Contains(valid, old) {
			panic("the minimal document has no " + old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	v21 := replace(`"csaf_version": "2.0"`, `"csaf_version": "2.1", "distribution": {"tlp": {"label": "CLEAR"}}`)
	cut := strings.Index(valid, `"2.0"`) + 3 // in the middle of the version
	deep := strings.Repeat("[", 1001) + strings.Repeat("]", 1001)
	tests := []struct {
		name string
		doc  string
		path string
		msg  string // the start of the message
	}{
		{"empty", "  \n", "", "no JSON value"},
		{"not JSON", "CSAF", "", "invalid JSON at byte 0: invalid character 'C' looking for beginning of value"},
		{"cut short", valid[:cut], "document.csaf_version", fmt.Sprintf("invalid JSON at byte %d: unexpected end of JSON input", cut)},
		{"trailing data", valid + `{"document": {}}`, "", "unexpected data after the JSON value at byte " + fmt.Sprint(len(valid))},
		{"bad escape", replace(`"title": "Test"`, `"title": "Te\st"`), "document.title", "invalid JSON at byte"},
		{"repeated key", replace(`"title": "Test"`, `"title": "Test", "title": "Other"`), "document.title", `duplicate key "title"`},
		{"nested too deep", `{"document": ` + deep + `}`, "document" + strings.Repeat("[0]", 999), "invalid JSON at byte 1012: nesting deeper than 1000 levels"},
		{"not an object", `["document"]`, "", "expected a JSON object (a CSAF document), got array"},
		{"no document", `{"documents": {}}`, "document", "required"},
		{"no csaf_version", replace(`"csaf_version": "2.0",`, ""), "document.csaf_version", "required"},
		{"csaf_version a number", replace(`"csaf_version": "2.0"`, `"csaf_version": 2.0`), "document.csaf_version", "expected a string, got number"},
		{"unsupported csaf_version", replace(`"csaf_version": "2.0"`, `"csaf_version": "1.2"`), "document.csaf_version", `unsupported CSAF version "1.2" (want 2.0 or 2.1)`},
		{"2.1 without $schema", v21, "$schema", "required"},
		{"2.1 without TLP", `{"$schema": "https://docs.oasis-open.org/csaf/csaf/v2.1/schema/csaf.json", ` +
			strings.Replace(v21, `{"tlp": {"label": "CLEAR"}}`, `{"text": "x"}`, 1)[1:], "document.distribution.tlp", "required"},
		{"no title", replace(`"title": "Test", `, ""), "document.title", "required"},
		{"blank tracking ID", replace(`"id": "TEST-1"`, `"id": " "`), "document.tracking.id", "empty"},
		{"no tracking", replace(`"tracking": {`, `"trackin": {`), "document.tracking", "required"},
		{"date without zone", replace(`"current_release_date": "2025-07-01T00:00:00Z"`, `"current_release_date": "2025-07-01T00:00:00"`),
			"document.tracking.current_release_date", `"2025-07-01T00:00:00" is not an RFC 3339 date-time with a zone offset`},
		{"bad version", replace(`"version": "1"`, `"version": "v1"`), "document.tracking.version", `"v1" is neither an integer nor a semantic version`},
		{"huge version", replace(`"version": "1"`, `"version": "99999999999999999999"`), "document.tracking.version", "99999999999999999999 is too large"},
		{"empty history", replace(`[{"date": "2025-07-01T00:00:00Z", "number": "1", "summary": "First"}]`, `[]`),
			"document.tracking.revision_history", "empty: CSAF requires at least one revision"},
		{"notes not a list", replace(`"title": "Test"`, `"title": "Test", "notes": {"category": "summary"}`), "document.notes", "expected an array, got object"},
		{"note without text", string(withVulns(`[{"notes": [{"category": "summary", "text": "a"}, {"category": "details"}]}]`)),
			"vulnerabilities[0].notes[1].text", "required"},
		{"note title a number", string(withVulns(`[{"notes": [{"category": "summary", "text": "a", "title": 7}]}]`)),
			"vulnerabilities[0].notes[0].title", "expected a string, got number"},
		{"vulnerability not an object", string(withVulns(`[{"cve": "CVE-2025-0001"}, "CVE-2025-0002"]`)), "vulnerabilities[1]", "expected an object, got string"},
		{"bad CVE", string(withVulns(`[{"cve": "CVE-25-1"}]`)), "vulnerabilities[0].cve", `"CVE-25-1" is not a CVE ID`},
		{"repeated CVE", string(withVulns(`[{"cve": "CVE-2025-0001"}, {"cve": "CVE-2025-0001"}]`)), "vulnerabilities[1].cve",
			`"CVE-2025-0001" repeats vulnerabilities[0].cve`},
		{"score out of range", string(withVulns(`[{"scores": [{"cvss_v3": {"baseScore": 11}, "products": ["p"]}]}]`)),
			"vulnerabilities[0].scores[0].cvss_v3.baseScore", "11 is not a CVSS base score (0 to 10)"},
		{"threat without details", string(withVulns(`[{"threats": [{"category": "exploit_status", "date": "2025-07-01T00:00:00Z"}]}]`)),
			"vulnerabilities[0].threats[0].details", "required"},
		{"remediation category empty", string(withVulns(`[{"remediations": [{"category": "", "details": "x"}]}]`)),
			"vulnerabilities[0].remediations[0].category", "empty"},
		{"product without name", `{"product_tree": {"branches": [{"category": "vendor", "name": "V", "branches": [{"category": "product_name", "name": "P", "product": {"product_id": "CSAFPID-1"}}]}]},` +
			valid[1:], "product_tree.branches[0].branches[0].product.name", "required"},
		{"odd key in path", string(withVulns(`[{"notes": [{"category": "summary", "text": "a", "ti.tle": 1, "ti.tle": 2}]}]`)),
			`vulnerabilities[0].notes[0]["ti.tle"]`, `duplicate key "ti.tle"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAdvisory([]byte(tt.doc), csaf.DefaultOptions())
			checkProblem(t, "Read", err, tt.path, tt.msg)
			d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: "TEST-1", Revision: 1, Entitled: true,
				TLP: disclosure.TLPRed, Classes: []disclosure.Class{disclosure.ClassSummary}}
			d.ReleaseAt = d.ReleaseAt.AddDate(2025, 0, 0)
			out, _, err := csaf.Write([]byte(tt.doc), d, csaf.DefaultOptions())
			if out != nil {
				t.Errorf("Write returned a document")
			}
			checkProblem(t, "Write", err, tt.path, tt.msg)
		})
	}
}

// checkProblem checks that err is a ValidationError of a CSAF document
// whose first problem is at path and starts with msg.
func checkProblem(t *testing.T, call string, err error, path, msg string) {
	t.Helper()
	var ve *disclosure.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, csaf.ErrInvalidDocument) {
		t.Fatalf("%s: error %v (%T), want a ValidationError wrapping ErrInvalidDocument", call, err, err)
	}
	p := ve.Problems[0]
	if p.Path != path || !strings.HasPrefix(p.Message, msg) {
		t.Errorf("%s: first problem %q at %q,\nwant %q at %q", call, p.Message, p.Path, msg, path)
	}
}

// TestEveryProblemAtOnce checks that Read reports all the problems of a
// document, not only the first, in document order.
func TestEveryProblemAtOnce(t *testing.T) {
	doc := strings.NewReplacer(`"title": "Test", `, ``, `"id": "TEST-1"`, `"id": 1`).Replace(string(withVulns(
		`[{"cve": "CVE-1"}, {"notes": [{"text": "a"}], "release_date": "soon"}]`)))
	_, err := readAdvisory([]byte(doc), csaf.DefaultOptions())
	var ve *disclosure.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v, want a ValidationError", err)
	}
	want := []string{
		"document.title: required",
		"document.tracking.id: expected a string, got number",
		`vulnerabilities[0].cve: "CVE-1" is not a CVE ID (CVE-YYYY-NNNN)`,
		`vulnerabilities[1].release_date: "soon" is not an RFC 3339 date-time`,
		"vulnerabilities[1].notes[0].category: required",
	}
	if len(ve.Problems) != len(want) {
		t.Fatalf("problems:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
	for i, w := range want {
		if got := ve.Problems[i].Error(); !strings.HasPrefix(got, w) {
			t.Errorf("problem %d = %q, want %q", i, got, w)
		}
	}
}

// TestTrackingIDCharacters checks that a tracking ID the model refuses
// (control or invisible characters) is reported at its path in the
// document.
func TestTrackingIDCharacters(t *testing.T) {
	doc := readFile(t, "testdata/adv-2025-0042.json")
	for _, id := range []string{"ADV-2025-\u202e0042", "ADV-2025-0042\u200b", "ADV\x1b[2J-0042"} {
		q, _ := json.Marshal(id)
		bad := bytes.Replace(doc, []byte(`"id": "ADV-2025-0042"`), []byte(`"id": `+string(q)), 1)
		_, err := csaf.Read(bad, csaf.DefaultOptions())
		var ve *disclosure.ValidationError
		if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Path != "document.tracking.id" || !errors.Is(err, csaf.ErrInvalidDocument) {
			t.Errorf("%q: %v, want one problem at document.tracking.id", id, err)
		}
	}
}
