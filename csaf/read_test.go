package csaf_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// classCounts summarises the sections of an advisory: "description:2
// mitigations:1", classes by sensitivity.
func classCounts(a disclosure.Advisory) string {
	var parts []string
	for _, c := range disclosure.Classes() {
		n := 0
		for _, s := range a.Sections {
			if s.Class == c {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s:%d", c, n))
		}
	}
	return strings.Join(parts, " ")
}

// TestReadEveryDocument reads every document under testdata and checks
// what it gives, the summary and the classes of its sections.
func TestReadEveryDocument(t *testing.T) {
	type want struct {
		id       string
		revision int
		cves     int
		products int
		severity disclosure.Severity
		public   string
		embargo  string // ended_at, or ""
		classes  string
	}
	wants := map[string]want{
		"2022-evd-uc-01-a-001.json": {"2022-EVD-UC-01-A-001", 1, 1, 1, "", "2022-03-03T11:00:00Z", "",
			"description:2 mitigations:1"},
		"bsi-2022-0001.json": {"BSI-2022-0001", 1, 1, 6, disclosure.SeverityMedium, "2022-03-17T13:03:42.105Z", "",
			"description:2 mitigations:1 unclassified:1"},
		// Final and TLP:WHITE, first released in 2020 and revised in 2024:
		// public since 2020. Its legal notice is summary, and so are its
		// two references to itself and eight to CISA's own site
		// ("Recommended Practices": its namespace is https://www.cisa.gov/).
		"icsa-20-168-01.json": {"ICSA-20-168-01", 10, 19, 8, disclosure.SeverityCritical, "2020-06-16T06:00:00Z", "",
			"summary:11 description:49 mitigations:418 unclassified:42"},
		// Both vulnerabilities have a release date: the later one. Its
		// references to Red Hat's own sites (access.redhat.com,
		// bugzilla.redhat.com: its namespace is https://www.redhat.com)
		// are summary; those to GitHub, Apache and Openwall unclassified.
		"rhsa-2021_5186.json": {"RHSA-2021:5186", 1, 2, 7, "", "2021-12-16T00:00:00Z", "",
			"summary:11 description:7 mitigations:2 unclassified:4"},
		// An informational advisory: no vulnerability, so public from its
		// (TLP:AMBER) release. A reference to a subdomain of the
		// publisher's site is summary, one elsewhere unclassified.
		"info-2025-0007.json": {"INFO-2025-0007", 1, 0, 1, "", "2025-07-10T16:00:00Z", "",
			"summary:3 description:2 technical-details:1 unclassified:1"},
		// A superseded CSAF 2.1 document: the reference to the superseding
		// document travels (test 6.1.27.19 requires it).
		"sup-2025-0031-csaf21.json": {"ADV-2025-0031", 2, 0, 0, "", "2025-07-01T16:00:00Z", "",
			"summary:2 description:1"},
		"oasis_csaf_tc-csaf_2_1-2024-6-1-38-11.json": {"OASIS_CSAF_TC-CSAF_2.1-2024-6-1-38-11", 1, 0, 0, "", "2024-01-24T10:00:00Z", "", ""},
		"oasis_csaf_tc-csaf_2_1-2024-6-1-39-11.json": {"OASIS_CSAF_TC-CSAF_2.1-2024-6-1-39-11", 1, 0, 0, "", "2024-01-24T10:00:00Z", "", ""},
		// Signals, but the default options let none end the embargo. The
		// note "Detecting exploitation" names exploitation: proof of
		// concept, the more sensitive of its title rules.
		"adv-2025-0042.json": {"ADV-2025-0042", 1, 2, 4, disclosure.SeverityHigh, "2025-07-08T17:00:00Z", "",
			"summary:4 description:6 mitigations:3 indicators:1 technical-details:2 repro-steps:1 proof-of-concept:2 unclassified:7"},
		"adv-2025-0042-csaf21.json": {"ADV-2025-0042", 1, 2, 4, disclosure.SeverityHigh, "2025-07-08T17:00:00Z", "",
			"summary:3 description:6 mitigations:3 indicators:1 technical-details:2 repro-steps:1 proof-of-concept:2 unclassified:7"},
	}
	for _, path := range documents(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			a, err := readAdvisory(readFile(t, path), csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if err := a.Validate(); err != nil {
				t.Fatalf("the advisory does not validate: %v", err)
			}
			w, ok := wants[name]
			if !ok {
				t.Fatalf("no expectation for %s: add one", name)
			}
			embargo := ""
			if !a.Embargo.EndedAt.IsZero() {
				embargo = a.Embargo.EndedAt.Format(time.RFC3339)
				if a.Embargo.Reason != disclosure.EndExploited {
					t.Errorf("embargo reason %q, want exploited", a.Embargo.Reason)
				}
			}
			got := want{a.ID, a.Revision, len(a.CVEs), len(a.Products), a.Severity,
				a.PublicAt.Format(time.RFC3339Nano), embargo, classCounts(a)}
			if got != w {
				t.Errorf("got  %+v\nwant %+v", got, w)
			}
			if a.PublicAt.Location() != time.UTC {
				t.Errorf("public_at is in %v, want UTC", a.PublicAt.Location())
			}
		})
	}
}

// TestReadSections checks the section of every element of the document
// written for these tests, in document order.
func TestReadSections(t *testing.T) {
	a, err := readAdvisory(readFile(t, "testdata/adv-2025-0042.json"), csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"description | Summary of the flaw",
		"summary | Terms of use",
		"unclassified | Analyst notes (not yet reviewed)",
		"summary | Reference: This advisory | https://psirt.example.com/advisories/adv-2025-0042.json",
		"unclassified | Reference: The finder's write-up, embargoed | https://research.example.net/toolpane-chain",
		`unclassified | x_vendor_triage | {"analyst_comment":"Finder may publish early; watch the conference schedule.","queue":"sharepoint","ticket":"VULN-20250701-17"}`,
		"unclassified | Acknowledgment | Alex Finder\nExample Research\nfinding the ToolPane authentication bypass",
		"description | CWE-287 | Improper Authentication",
		"technical-details | Flag | component_not_present",
		"unclassified | Involvement: discoverer, completed",
		"description | Spoofing",
		"technical-details | Root cause",
		"indicators | Indicators of compromise",
		"proof-of-concept | Detecting exploitation",
		"mitigations | Remediation: workaround",
		"mitigations | Remediation: vendor_fix",
		"summary | Threat: exploit_status",
		"unclassified | Threat: target_set",
		"description | CWE-94 | Improper Control of Generation of Code ('Code Injection')",
		"description | Code injection",
		"repro-steps | Reproducing the flaw",
		"proof-of-concept | Proof-of-concept code",
		"mitigations | Remediation: vendor_fix",
		"summary | Threat: exploit_status",
		"description | Threat: impact",
		`unclassified | x_internal_ticket | "VULN-20250701-18: the fix also hardens the WebPart importer."`,
	}
	if len(a.Sections) != len(want) {
		t.Fatalf("%d sections, want %d", len(a.Sections), len(want))
	}
	for i, s := range a.Sections {
		parts := strings.Split(want[i], " | ")
		if string(s.Class) != parts[0] || s.Title != parts[1] || len(parts) > 2 && s.Body != parts[2] {
			t.Errorf("sections[%d] = %s | %s | %q, want %s", i, s.Class, s.Title, s.Body, want[i])
		}
	}
}

// minimal is the smallest valid CSAF 2.0 document; %s is more members of
// the root, such as the vulnerabilities.
const minimal = `{"document": {"category": "csaf_base", "csaf_version": "2.0",
  "publisher": {"category": "vendor", "name": "Example", "namespace": "https://example.com"},
  "title": "Test", "tracking": {"current_release_date": "2025-07-01T00:00:00Z", "id": "TEST-1",
  "initial_release_date": "2025-07-01T00:00:00Z",
  "revision_history": [{"date": "2025-07-01T00:00:00Z", "number": "1", "summary": "First"}],
  "status": "final", "version": "1"}}%s}`

func withVulns(vulns string) []byte {
	return []byte(fmt.Sprintf(minimal, `, "vulnerabilities": `+vulns))
}

// TestNoteClass checks how notes are classified, with the default options
// and others.
func TestNoteClass(t *testing.T) {
	custom := csaf.Options{
		NoteCategories: map[string]disclosure.Class{"faq": disclosure.ClassDescription},
		UntitledNotes:  map[string]disclosure.Class{"faq": disclosure.ClassMitigations},
		NoteTitles:     []csaf.TitleRule{{Phrase: "Threat hunting", Class: disclosure.ClassDetectionGuidance}},
	}
	def := csaf.DefaultOptions()
	tests := []struct {
		opts            csaf.Options
		category, title string
		want            disclosure.Class
	}{
		{def, "summary", "Overview", disclosure.ClassDescription},
		{def, "description", "Overview", disclosure.ClassDescription},
		{def, "general", "Recommended Practices", disclosure.ClassDescription}, // CISA's advice to operators
		{def, "details", "Root cause", disclosure.ClassTechnicalDetails},
		{def, "general", "Detection", disclosure.ClassDetectionGuidance},
		{def, "general", "Detecting the attack", disclosure.ClassDetectionGuidance},
		{def, "details", "Detection", disclosure.ClassTechnicalDetails},      // the more sensitive wins: the category
		{def, "summary", "Proof of concept", disclosure.ClassProofOfConcept}, // the more sensitive wins: the title
		{def, "other", "Indicators of compromise", disclosure.ClassIndicators},
		{def, "other", "IOCs", disclosure.ClassIndicators},
		{def, "other", "I.O.C.s", disclosure.ClassIndicators},
		{def, "other", "Steps to reproduce", disclosure.ClassReproSteps},
		{def, "general", "Reproducer", disclosure.ClassReproSteps},
		{def, "description", "Proof-of-concept code", disclosure.ClassProofOfConcept},
		// Every inflection and plural of the defaults.
		{def, "general", "Exploit", disclosure.ClassProofOfConcept},
		{def, "general", "Exploits", disclosure.ClassProofOfConcept},
		{def, "general", "Exploitation", disclosure.ClassProofOfConcept},
		{def, "general", "Exploiting the flaw", disclosure.ClassProofOfConcept},
		{def, "general", "Exploited in the wild", disclosure.ClassProofOfConcept},
		{def, "general", "Proof of concept", disclosure.ClassProofOfConcept},
		{def, "general", "Proofs of concept", disclosure.ClassProofOfConcept},
		{def, "general", "Proof of concepts", disclosure.ClassProofOfConcept},
		{def, "general", "Proofs-of-concepts", disclosure.ClassProofOfConcept},
		{def, "general", "PoC", disclosure.ClassProofOfConcept},
		{def, "general", "PoCs", disclosure.ClassProofOfConcept},
		{def, "general", "P.o.C.", disclosure.ClassProofOfConcept},
		{def, "general", "P.O.C. attached", disclosure.ClassProofOfConcept},
		{def, "general", "p-o-c", disclosure.ClassProofOfConcept},
		{def, "general", "PoC's", disclosure.ClassProofOfConcept},
		// Whole words only.
		{def, "description", "Exploitability", disclosure.ClassDescription},
		{def, "description", "Epoch handling", disclosure.ClassDescription},
		{def, "description", "E.p.o.c.h.", disclosure.ClassDescription},
		{def, "description", "Pocket edition", disclosure.ClassDescription},
		{def, "description", "P. O. C.", disclosure.ClassDescription}, // spaces: separate letters
		// Legal notices travel with every copy, unless the title says more.
		{def, "legal_disclaimer", "Terms of use", disclosure.ClassSummary},
		{def, "legal_disclaimer", "", disclosure.ClassSummary},
		{def, "legal_disclaimer", "Exploit code licence", disclosure.ClassProofOfConcept},
		// Untitled notes: by category, when the category says what they hold.
		{def, "summary", "", disclosure.ClassDescription},
		{def, "details", "", disclosure.ClassTechnicalDetails},
		{def, "details", "  \t", disclosure.ClassTechnicalDetails},
		{def, "general", "", disclosure.ClassUnclassified},
		{def, "general", " ", disclosure.ClassUnclassified},
		{def, "description", "", disclosure.ClassUnclassified},
		{def, "other", "", disclosure.ClassUnclassified},
		{def, "faq", "Questions", disclosure.ClassUnclassified},
		{def, "invented", "Overview", disclosure.ClassUnclassified},
		{csaf.Options{}, "summary", "Detection", disclosure.ClassUnclassified}, // the zero Options fails closed
		{csaf.Options{}, "summary", "", disclosure.ClassUnclassified},
		{custom, "faq", "Questions", disclosure.ClassDescription},
		{custom, "faq", "", disclosure.ClassMitigations},
		{custom, "faq", "Threat-hunting queries", disclosure.ClassDetectionGuidance},
		{custom, "summary", "Detection", disclosure.ClassUnclassified},
	}
	for _, tt := range tests {
		t.Run(tt.category+"/"+tt.title, func(t *testing.T) {
			note := fmt.Sprintf(`{"category": %q, "text": "body"`, tt.category)
			if tt.title != "" {
				note += fmt.Sprintf(`, "title": %q`, tt.title)
			}
			a, err := readAdvisory(withVulns(`[{"notes": [`+note+`}]}]`), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Sections) != 1 || a.Sections[0].Class != tt.want {
				t.Errorf("sections %+v, want one of class %s", a.Sections, tt.want)
			}
		})
	}
}

// TestDefaultTitleRules checks that the default title rules are data a
// reviewer can read: every form listed, each a valid rule, printed by
// encoding/json, and read back by LoadOptions as they were.
func TestDefaultTitleRules(t *testing.T) {
	opts := csaf.DefaultOptions()
	data, err := json.Marshal(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, form := range []string{`"exploitation"`, `"proofs of concept"`, `"pocs"`, `"iocs"`, `"reproducing"`, `"detections"`,
		`"legal_disclaimer":"summary"`, `"untitled_notes":{`,
		`"metasploit"`, `"shellcode"`, `"shell code"`, `"attack code"`, `"weaponized"`, `"weaponised"`, `"exploitdb"`} {
		if !strings.Contains(string(data), form) {
			t.Errorf("DefaultOptions as JSON lacks %s:\n%s", form, data)
		}
	}
	back, err := csaf.LoadOptions(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, opts) {
		t.Errorf("LoadOptions(DefaultOptions as JSON) = %+v, want %+v", back, opts)
	}
}

// TestOptionsValidate checks that bad options are refused with paths.
func TestOptionsValidate(t *testing.T) {
	opts := csaf.Options{
		NoteCategories: map[string]disclosure.Class{"summary": "secret", "details": disclosure.ClassTechnicalDetails, "odd key": ""},
		NoteTitles:     []csaf.TitleRule{{Phrase: "ok", Class: disclosure.ClassIndicators}, {Phrase: " -- ", Class: "nope"}},
	}
	err := opts.Validate()
	var ve *disclosure.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, csaf.ErrInvalidOptions) {
		t.Fatalf("Validate = %v, want a ValidationError wrapping ErrInvalidOptions", err)
	}
	want := []string{
		`note_categories["odd key"]: unknown class ""`,
		`note_categories.summary: unknown class "secret"`,
		`note_titles[1].phrase: has no word`,
		`note_titles[1].class: unknown class "nope"`,
	}
	if len(ve.Problems) != len(want) {
		t.Fatalf("problems:\n%v\nwant %d", err, len(want))
	}
	for i, p := range ve.Problems {
		if !strings.HasPrefix(p.Error(), want[i]) {
			t.Errorf("problem %d = %q, want prefix %q", i, p.Error(), want[i])
		}
	}
	if _, err := readAdvisory(withVulns(`[]`), opts); !errors.Is(err, csaf.ErrInvalidOptions) {
		t.Errorf("Read with bad options: %v", err)
	}
	if err := csaf.DefaultOptions().Validate(); err != nil {
		t.Errorf("DefaultOptions: %v", err)
	}
	if err := (csaf.Options{}).Validate(); err != nil {
		t.Errorf("zero Options: %v", err)
	}
}

// TestRevision checks the revision taken from integer and semantic
// versions.
func TestRevision(t *testing.T) {
	history := func(n int) string {
		var hs []string
		for i := range n {
			hs = append(hs, fmt.Sprintf(`{"date": "2025-07-01T00:00:00Z", "number": "0.%d.0", "summary": "r"}`, i))
		}
		return "[" + strings.Join(hs, ", ") + "]"
	}
	tests := []struct {
		version string
		entries int
		want    int
	}{
		{"1", 1, 1},
		{"12", 3, 12},
		{"0", 1, 1},
		{"0.9.0", 2, 2},
		{"1.4.3", 5, 5},
		{"2.40.0+21AF26D3", 7, 7},
	}
	for _, tt := range tests {
		doc := strings.Replace(fmt.Sprintf(minimal, ""), `"version": "1"`, fmt.Sprintf(`"version": %q`, tt.version), 1)
		doc = strings.Replace(doc, `[{"date": "2025-07-01T00:00:00Z", "number": "1", "summary": "First"}]`, history(tt.entries), 1)
		a, err := readAdvisory([]byte(doc), csaf.DefaultOptions())
		if err != nil {
			t.Errorf("version %s: %v", tt.version, err)
			continue
		}
		if a.Revision != tt.want {
			t.Errorf("version %s with %d revisions: revision %d, want %d", tt.version, tt.entries, a.Revision, tt.want)
		}
	}
}

// TestPublicAndEmbargo checks the public release taken from release dates,
// and that a threat's date ends the embargo only when the options say so.
func TestPublicAndEmbargo(t *testing.T) {
	threat := func(date, details string) string {
		s := `{"category": "exploit_status", "details": ` + fmt.Sprintf("%q", details)
		if date != "" {
			s += `, "date": "` + date + `"`
		}
		return s + `}`
	}
	signals := csaf.DefaultOptions()
	signals.EmbargoSignals = []csaf.SignalKind{csaf.SignalExploitStatus}
	tests := []struct {
		name          string
		vulns         string
		public, ended string
	}{
		{"tracking dates only", `[{"cve": "CVE-2025-0001"}]`, "2025-07-01T00:00:00Z", ""},
		{"a later release date", `[{"release_date": "2025-07-08T17:00:00Z"}, {"release_date": "2025-07-03T00:00:00Z"}]`, "2025-07-08T17:00:00Z", ""},
		{"an earlier release date", `[{"release_date": "2025-06-01T00:00:00Z"}]`, "2025-06-01T00:00:00Z", ""},
		{"an undated vulnerability", `[{"release_date": "2025-06-01T00:00:00Z"}, {"cve": "CVE-2025-0001"}]`, "2025-07-01T00:00:00Z", ""},
		{"exploited before the release", `[{"release_date": "2025-07-08T17:00:00Z", "threats": [` + threat("2025-07-07T12:00:00+02:00", "Exploitation detected.") + `]}]`,
			"2025-07-08T17:00:00Z", "2025-07-07T10:00:00Z"},
		{"the earliest signal", `[{"release_date": "2025-07-08T17:00:00Z", "threats": [` + threat("2025-07-07T12:00:00Z", "Exploited") + `]},
			{"release_date": "2025-07-08T17:00:00Z", "threats": [` + threat("2025-07-05T00:00:00Z", "Exploited") + `]}]`, "2025-07-08T17:00:00Z", "2025-07-05T00:00:00Z"},
		{"no date", `[{"release_date": "2025-07-08T17:00:00Z", "threats": [` + threat("", "Exploitation detected.") + `]}]`, "2025-07-08T17:00:00Z", ""},
		{"after the release", `[{"threats": [` + threat("2025-07-02T00:00:00Z", "Exploited") + `]}]`, "2025-07-01T00:00:00Z", ""},
		{"an impact is no signal", `[{"release_date": "2025-07-08T17:00:00Z", "threats": [{"category": "impact", "date": "2025-07-02T00:00:00Z", "details": "Exploited"}]}]`,
			"2025-07-08T17:00:00Z", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, opts := range []csaf.Options{csaf.DefaultOptions(), signals} {
				a, err := readAdvisory(withVulns(tt.vulns), opts)
				if err != nil {
					t.Fatal(err)
				}
				ended, want := "", ""
				if !a.Embargo.EndedAt.IsZero() {
					ended = a.Embargo.EndedAt.Format(time.RFC3339)
				}
				if len(opts.EmbargoSignals) > 0 {
					want = tt.ended
				}
				if got := a.PublicAt.Format(time.RFC3339); got != tt.public || ended != want {
					t.Errorf("signals %v: public %s, embargo ended %q; want %s, %q", opts.EmbargoSignals, got, ended, tt.public, want)
				}
			}
		})
	}
}

// TestReadVersionSpecificMembers checks that a member of one CSAF version
// is an unknown member in the other: withheld as unclassified, not read.
func TestReadVersionSpecificMembers(t *testing.T) {
	a, err := readAdvisory(withVulns(`[{"disclosure_date": "2025-08-01T00:00:00Z",
		"metrics": [{"content": {"cvss_v3": {"baseScore": 9.8}}, "products": ["p"]}],
		"scores": [{"cvss_v3": {"baseScore": 5.0}, "products": ["p"]}]}]`), csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !a.PublicAt.Equal(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)) || a.Severity != disclosure.SeverityMedium {
		t.Errorf("public %v, severity %s: a 2.1 member was read in a 2.0 document", a.PublicAt, a.Severity)
	}
	if got := classCounts(a); got != "unclassified:2" {
		t.Errorf("sections %s, want unclassified:2 (disclosure_date, metrics)", got)
	}
}
