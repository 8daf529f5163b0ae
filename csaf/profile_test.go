package csaf_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// Classes of partners: restricted (summary, description, mitigations),
// responder (no technical details), and every class.
var (
	restrictedClasses = []disclosure.Class{disclosure.ClassSummary, disclosure.ClassDescription, disclosure.ClassMitigations}
	summaryOnly       = []disclosure.Class{disclosure.ClassSummary}
)

// TestMandatoryTestRefusal: a copy that would fail a mandatory test of
// CSAF that its original passes, because what the test requires of the
// document's category is of a class the partner does not receive, is
// refused with ErrMandatoryTest, naming the test, the element and what is
// withheld; with the class, or when the original fails the test too, the
// copy is written.
func TestMandatoryTestRefusal(t *testing.T) {
	vex := "2022-evd-uc-01-a-001.json"
	notAffected := func(evidence map[string]any) func(map[string]any) {
		return func(doc map[string]any) {
			v := at(doc, "vulnerabilities", 0)
			v["product_status"] = map[string]any{"known_not_affected": []any{"CSAFPID-0001"}}
			delete(v, "remediations")
			for k, val := range evidence {
				v[k] = val
			}
		}
	}
	flag := []any{map[string]any{"label": "vulnerable_code_not_present", "product_ids": []any{"CSAFPID-0001"}}}
	impact := []any{map[string]any{"category": "impact", "details": "The class is not loaded.", "group_ids": []any{"CSAFGID-0001"}}}
	group := func(doc map[string]any) {
		at(doc, "product_tree")["product_groups"] = []any{map[string]any{"group_id": "CSAFGID-0001", "product_ids": []any{"CSAFPID-0001", "CSAFPID-0002"}}}
	}
	tests := []struct {
		name    string
		doc     string
		change  func(map[string]any)
		classes []disclosure.Class
		test    string // "" when the copy is written
		path    string
		gone    string // the withheld elements the message names, every one
	}{
		{"VEX not affected by a flag, partner without technical details", vex, notAffected(map[string]any{"flags": flag}), restrictedClasses,
			"6.1.27.9", "vulnerabilities[0].product_status.known_not_affected[0]", "vulnerabilities[0].flags[0] (technical-details)"},
		{"VEX not affected by a flag, partner with technical details", vex, notAffected(map[string]any{"flags": flag}), disclosure.Classes()[:8],
			"", "", ""},
		{"VEX not affected with only a threat of another category: the original lacks the statement too", vex,
			notAffected(map[string]any{"threats": []any{map[string]any{"category": "target_set", "details": "Hospitals.", "product_ids": []any{"CSAFPID-0001"}}}}),
			restrictedClasses, "", "", ""},
		{"VEX not affected by an impact of its group", vex, func(doc map[string]any) {
			notAffected(map[string]any{"threats": impact})(doc)
			group(doc)
		}, restrictedClasses, "", "", ""},
		{"VEX not affected by an impact, partner without the description", vex, func(doc map[string]any) {
			notAffected(map[string]any{"threats": impact})(doc)
			group(doc)
		}, []disclosure.Class{disclosure.ClassSummary, disclosure.ClassMitigations},
			"6.1.27.9", "vulnerabilities[0].product_status.known_not_affected[0]", "vulnerabilities[0].threats[0] (description)"},
		{"VEX affected, partner without mitigations", vex, nil, []disclosure.Class{disclosure.ClassSummary, disclosure.ClassDescription},
			"6.1.27.10", "vulnerabilities[0].product_status.known_affected[0]", "vulnerabilities[0].remediations[0] (mitigations)"},
		{"VEX affected, no action statement in the original either", vex, func(doc map[string]any) {
			delete(at(doc, "vulnerabilities", 0), "remediations")
		}, []disclosure.Class{disclosure.ClassSummary, disclosure.ClassDescription}, "", "", ""},
		{"security advisory, vulnerability notes of withheld classes", "adv-2025-0042.json", nil, summaryOnly,
			"6.1.27.5", "vulnerabilities[0]", "vulnerabilities[0].notes[0] (description), vulnerabilities[0].notes[1] (technical-details), vulnerabilities[0].notes[2] (indicators), vulnerabilities[0].notes[3] (proof-of-concept)"},
		{"security advisory, a details note alone", "rhsa-2021_5186.json", func(doc map[string]any) {
			for _, v := range doc["vulnerabilities"].([]any) {
				v.(map[string]any)["notes"] = []any{map[string]any{"category": "details", "text": "The root cause."}}
			}
		}, restrictedClasses, "6.1.27.5", "vulnerabilities[0]", "vulnerabilities[0].notes[0] (technical-details)"},
		{"informational advisory, document notes of withheld classes", "info-2025-0007.json", func(doc map[string]any) {
			at(doc, "document")["notes"] = []any{map[string]any{"category": "details", "title": "Background", "text": "x"},
				map[string]any{"category": "legal_disclaimer", "text": "As is."}}
		}, restrictedClasses, "6.1.27.1", "document.notes", "document.notes[0] (technical-details)"},
		// The reference back to the original is the external reference
		// CSAF requires (6.1.27.2), when every other is withheld.
		{"informational advisory, every external reference withheld", "info-2025-0007.json", func(doc map[string]any) {
			refs := at(doc, "document")["references"].([]any)
			at(doc, "document")["references"] = []any{refs[0], refs[2]} // self, and a third party's
		}, restrictedClasses, "", "", ""},
		{"informational advisory, no reference of its own", "info-2025-0007.json", func(doc map[string]any) {
			refs := at(doc, "document")["references"].([]any)
			at(doc, "document")["references"] = []any{refs[2]}
		}, restrictedClasses, "", "", ""},
		{"superseded, the reason withheld", "sup-2025-0031-csaf21.json", nil, summaryOnly,
			"6.1.27.14", "document.notes", "document.notes[0] (description)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := readFile(t, "testdata/"+tt.doc)
			if tt.change != nil {
				doc = edit(t, tt.doc, tt.change)
			}
			a, err := readAdvisory(doc, csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true, ReleaseAt: a.PublicAt,
				PublishNotBefore: a.PublicAt, TLP: disclosure.TLPRed, Classes: tt.classes}
			out, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
			if tt.test == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var ve *disclosure.ValidationError
			if out != nil || !errors.As(err, &ve) || !errors.Is(err, csaf.ErrMandatoryTest) || errors.Is(err, csaf.ErrInvalidDocument) {
				t.Fatalf("written (%v), want refused", err)
			}
			found := false
			for _, p := range ve.Problems {
				if p.Path == tt.path && strings.Contains(p.Message, "CSAF mandatory test "+tt.test+":") &&
					strings.HasSuffix(p.Message, "partner p would receive none: it does not receive "+tt.gone+"; the copy is not written") {
					found = true
				}
			}
			if !found {
				t.Errorf("%v\nwant %s: test %s, naming %s", err, tt.path, tt.test, tt.gone)
			}
		})
	}
}

// TestWithdrawnReason: CSAF 2.1 requires of a withdrawn document exactly
// one description note titled "Reasoning for Withdrawal" (6.1.27.17) and
// a description note (6.1.27.14): a partner without the description gets
// no copy.
func TestWithdrawnReason(t *testing.T) {
	doc := edit(t, "sup-2025-0031-csaf21.json", func(doc map[string]any) {
		d := at(doc, "document")
		d["category"] = "csaf_withdrawn"
		// A withdrawn document needs no superseding reference (6.1.27.19):
		// one that reads like it is an external reference like any other.
		d["references"] = []any{map[string]any{"category": "external", "summary": "Superseding Document: none, see why", "url": "https://news.example.net/why"}}
		at(d, "notes", 0)["title"] = "Reasoning for Withdrawal"
	})
	a, err := readAdvisory(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true, ReleaseAt: a.PublicAt,
		PublishNotBefore: a.PublicAt, TLP: disclosure.TLPRed, Classes: summaryOnly}
	_, _, err = csaf.Write(doc, d, csaf.DefaultOptions())
	for _, test := range []string{"6.1.27.14", "6.1.27.17"} {
		if err == nil || !strings.Contains(err.Error(), "CSAF mandatory test "+test+":") {
			t.Errorf("%v, want test %s", err, test)
		}
	}
	d.Classes = restrictedClasses
	if _, _, err := csaf.Write(doc, d, csaf.DefaultOptions()); err != nil {
		t.Errorf("with the description: %v", err)
	}
}
