package csaf_test

import (
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

// edit returns a document of testdata changed by f, which gets the
// document decoded by encoding/json. The members come out sorted, which
// Read does not mind.
func edit(t testing.TB, name string, f func(doc map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(readFile(t, filepath.Join("testdata", name)), &doc); err != nil {
		t.Fatal(err)
	}
	f(doc)
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// at returns the object at a path of member names and array indexes.
func at(v any, path ...any) map[string]any {
	for _, p := range path {
		switch p := p.(type) {
		case string:
			v = v.(map[string]any)[p]
		case int:
			v = v.([]any)[p]
		}
	}
	return v.(map[string]any)
}

// TestExploitStatusDoesNotEndEmbargo: a dated exploit_status threat is a
// signal, whatever its details say, and no signal ends the embargo with
// the default options, so that no partner's release moves earlier on
// text: Microsoft's "Exploitation Less Likely", Cisco's "not aware of any
// public announcements or malicious use", "No evidence of exploitation",
// empty details.
func TestExploitStatusDoesNotEndEmbargo(t *testing.T) {
	for _, details := range []string{
		"Publicly Disclosed:No;Exploited:No;Latest Software Release:Exploitation Less Likely",
		"The Cisco PSIRT is not aware of any public announcements or malicious use of the vulnerability that is described in this advisory.",
		"No evidence of exploitation.",
		"",
		"Exploitation detected.",
	} {
		t.Run(details, func(t *testing.T) {
			doc := edit(t, "adv-2025-0042.json", func(doc map[string]any) {
				at(doc, "vulnerabilities", 0, "threats", 0)["details"] = details
			})
			r, err := csaf.Read(doc, csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if !r.Advisory.Embargo.EndedAt.IsZero() {
				t.Errorf("embargo ended at %v by a threat with the default options", r.Advisory.Embargo.EndedAt)
			}
			want := csaf.Signal{Kind: csaf.SignalExploitStatus, Path: "vulnerabilities[0].threats[0]",
				Date: time.Date(2025, 7, 7, 12, 0, 0, 0, time.UTC), Text: details}
			if len(r.Signals) != 2 || r.Signals[0] != want || r.Signals[1].Path != "vulnerabilities[1].threats[0]" {
				t.Errorf("signals %+v, want the two threats, the first %+v", r.Signals, want)
			}
			// A restricted partner gets its copy at the public release.
			partner := disclosure.Partner{ID: "jinlumo", Tier: "entry", Jurisdictions: []string{"CN"}, Status: disclosure.StatusActive,
				Agreement: disclosure.Agreement{SignedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}}
			d, err := disclosure.Disclose(disclosure.DefaultPolicy(), r.Advisory, partner)
			if err != nil {
				t.Fatal(err)
			}
			if !d.Restricted || d.ReleaseAt.Before(r.Advisory.PublicAt) {
				t.Errorf("restricted %v, released at %v before the public release %v", d.Restricted, d.ReleaseAt, r.Advisory.PublicAt)
			}
		})
	}
}

// TestEmbargoSignals: a program that names a kind of signal in its options
// lets the earliest such signal before the public release end the embargo.
func TestEmbargoSignals(t *testing.T) {
	doc := readFile(t, "testdata/adv-2025-0042-csaf21.json")
	r, err := csaf.Read(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := []csaf.Signal{
		{Kind: csaf.SignalExploitStatus, Path: "vulnerabilities[0].threats[0]", Date: time.Date(2025, 7, 7, 12, 0, 0, 0, time.UTC),
			Text: "No known exploitation of this flaw on its own."},
		{Kind: csaf.SignalFirstKnownExploitation, Path: "vulnerabilities[1].first_known_exploitation_dates[0]",
			Date: time.Date(2025, 7, 7, 12, 0, 0, 0, time.UTC), Text: "2025-07-07T12:00:00Z"},
	}
	if !reflect.DeepEqual(r.Signals, want) {
		t.Errorf("signals %+v\nwant %+v", r.Signals, want)
	}
	if !r.Advisory.Embargo.EndedAt.IsZero() {
		t.Errorf("embargo %+v with the default options", r.Advisory.Embargo)
	}
	for _, kind := range []csaf.SignalKind{csaf.SignalExploitStatus, csaf.SignalFirstKnownExploitation} {
		opts := csaf.DefaultOptions()
		opts.EmbargoSignals = []csaf.SignalKind{kind}
		r, err := csaf.Read(doc, opts)
		if err != nil {
			t.Fatal(err)
		}
		if e := r.Advisory.Embargo; !e.EndedAt.Equal(want[0].Date) || e.Reason != disclosure.EndExploited {
			t.Errorf("%s: embargo %+v, want ended at %v, exploited", kind, e, want[0].Date)
		}
	}

	// Options name only known kinds.
	opts := csaf.DefaultOptions()
	opts.EmbargoSignals = []csaf.SignalKind{"exploit_status", "rumour"}
	if err := opts.Validate(); err == nil || !strings.Contains(err.Error(), `embargo_signals[1]: unknown signal kind "rumour"`) {
		t.Errorf("Validate = %v, want embargo_signals[1] refused", err)
	}
	if _, err := csaf.LoadOptions(strings.NewReader(`{"embargo_signals": ["rumour"]}`)); !errors.Is(err, csaf.ErrInvalidOptions) {
		t.Errorf("LoadOptions of an unknown kind: %v", err)
	}
	o, err := csaf.LoadOptions(strings.NewReader(`{"embargo_signals": ["first_known_exploitation_dates"]}`))
	if err != nil || len(o.EmbargoSignals) != 1 || !o.EmbargoSignals[0].Valid() {
		t.Errorf("LoadOptions = %+v, %v", o, err)
	}
	var k csaf.SignalKind
	if k.UnmarshalText([]byte("exploit")) == nil || k != "" {
		t.Errorf("UnmarshalText accepted an unknown kind")
	}
}

// TestPublicInstant: a revision never moves the public instant later.
func TestPublicInstant(t *testing.T) {
	setDist := func(label string) func(map[string]any) {
		return func(doc map[string]any) {
			if label == "" {
				delete(at(doc, "document"), "distribution")
				return
			}
			at(doc, "document", "distribution", "tlp")["label"] = label
		}
	}
	tests := []struct {
		name, doc string
		change    func(map[string]any)
		want      string
	}{
		// Final, TLP:WHITE, first released 2020-06-16, revised 2024-09-19,
		// no vulnerability dated: public since its first release.
		{"revised public advisory", "icsa-20-168-01.json", func(map[string]any) {}, "2020-06-16T06:00:00Z"},
		{"revised, no label", "icsa-20-168-01.json", setDist(""), "2020-06-16T06:00:00Z"},
		{"revised, first released to a restricted audience", "icsa-20-168-01.json", setDist("AMBER"), "2024-09-19T06:00:00Z"},
		{"revised, GREEN", "icsa-20-168-01.json", setDist("GREEN"), "2024-09-19T06:00:00Z"},
		{"revised, not final", "icsa-20-168-01.json", func(doc map[string]any) {
			at(doc, "document", "tracking")["status"] = "interim"
		}, "2024-09-19T06:00:00Z"},
		{"a vulnerability's own date", "icsa-20-168-01.json", func(doc map[string]any) {
			for _, v := range doc["vulnerabilities"].([]any) {
				v.(map[string]any)["release_date"] = "2020-06-10T00:00:00Z"
			}
		}, "2020-06-10T00:00:00Z"},
		{"the later of a date and an undated vulnerability", "icsa-20-168-01.json", func(doc map[string]any) {
			at(doc, "vulnerabilities", 0)["release_date"] = "2021-01-01T00:00:00Z"
			at(doc, "document", "distribution", "tlp")["label"] = "RED"
		}, "2024-09-19T06:00:00Z"},
		// Red Hat: both vulnerabilities dated; the tracking dates do not count.
		{"vulnerability dates only", "rhsa-2021_5186.json", func(map[string]any) {}, "2021-12-16T00:00:00Z"},
		{"one undated", "rhsa-2021_5186.json", func(doc map[string]any) {
			delete(at(doc, "vulnerabilities", 1), "release_date")
		}, "2021-12-16T22:34:00Z"},
		{"2.1 disclosure dates", "adv-2025-0042-csaf21.json", func(map[string]any) {}, "2025-07-08T17:00:00Z"},
		{"2.1, no vulnerabilities, RED", "oasis_csaf_tc-csaf_2_1-2024-6-1-38-11.json", func(doc map[string]any) {
			at(doc, "document", "tracking")["current_release_date"] = "2024-06-01T00:00:00Z"
		}, "2024-06-01T00:00:00Z"},
		{"2.1, no vulnerabilities, CLEAR", "oasis_csaf_tc-csaf_2_1-2024-6-1-39-11.json", func(doc map[string]any) {
			at(doc, "document", "tracking")["current_release_date"] = "2024-06-01T00:00:00Z"
		}, "2024-01-24T10:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := edit(t, tt.doc, tt.change)
			a, err := readAdvisory(doc, csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if got := a.PublicAt.Format(time.RFC3339); got != tt.want {
				t.Errorf("public %s, want %s", got, tt.want)
			}
			// Write checks a disclosure against the same instant. (With the
			// description: a security advisory's vulnerabilities need
			// their notes, of that class, CSAF test 6.1.27.5.)
			d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true, ReleaseAt: a.PublicAt,
				PublishNotBefore: a.PublicAt, TLP: disclosure.TLPAmber, Classes: []disclosure.Class{disclosure.ClassSummary, disclosure.ClassDescription, disclosure.ClassMitigations}}
			if _, _, err := csaf.Write(doc, d, csaf.DefaultOptions()); err != nil {
				t.Errorf("Write: %v", err)
			}
		})
	}
}

// TestLabel: the document's label, as TLP 2.0, and an unknown one refused.
func TestLabel(t *testing.T) {
	for name, want := range map[string]disclosure.TLP{
		"2022-evd-uc-01-a-001.json":                  "",
		"adv-2025-0042.json":                         disclosure.TLPRed,
		"adv-2025-0042-csaf21.json":                  disclosure.TLPAmberStrict,
		"bsi-2022-0001.json":                         disclosure.TLPClear,
		"icsa-20-168-01.json":                        disclosure.TLPClear,
		"rhsa-2021_5186.json":                        disclosure.TLPClear,
		"oasis_csaf_tc-csaf_2_1-2024-6-1-38-11.json": disclosure.TLPRed,
		"oasis_csaf_tc-csaf_2_1-2024-6-1-39-11.json": disclosure.TLPClear,
	} {
		r, err := csaf.Read(readFile(t, filepath.Join("testdata", name)), csaf.DefaultOptions())
		if err != nil || r.Label != want {
			t.Errorf("%s: label %q (%v), want %q", name, r.Label, err, want)
		}
	}
	const labels20, labels21 = "CSAF 2.0 has WHITE, GREEN, AMBER or RED", "CSAF 2.1 has CLEAR, GREEN, AMBER, AMBER+STRICT or RED"
	for _, tt := range []struct{ doc, label, has string }{
		{"adv-2025-0042.json", "CLEAR", labels20}, // a TLP 2.0 name in CSAF 2.0
		{"adv-2025-0042.json", "PURPLE", labels20},
		{"adv-2025-0042-csaf21.json", "WHITE", labels21}, // a TLP 1.0 name in CSAF 2.1
		{"adv-2025-0042-csaf21.json", "amber", labels21},
	} {
		doc := edit(t, tt.doc, func(doc map[string]any) {
			at(doc, "document", "distribution", "tlp")["label"] = tt.label
			at(doc, "document", "tracking")["id"] = " " // a second problem: every problem at once
		})
		_, err := csaf.Read(doc, csaf.DefaultOptions())
		var ve *disclosure.ValidationError
		if !errors.As(err, &ve) || len(ve.Problems) != 2 || ve.Problems[0].Path != "document.distribution.tlp.label" ||
			ve.Problems[0].Message != fmt.Sprintf("unknown TLP label %q (%s)", tt.label, tt.has) {
			t.Errorf("%s with label %q: %v, want the label and the ID refused", tt.doc, tt.label, err)
		}
	}
}

// TestWriteLabelNeverLower: a copy is never labelled less restrictively
// than its source, and says so when the source's label wins; the text of a
// TLP:CLEAR copy keeps it for nobody.
func TestWriteLabelNeverLower(t *testing.T) {
	tests := []struct {
		doc      string
		partner  disclosure.TLP
		label    string
		contains string
	}{
		{"adv-2025-0042.json", disclosure.TLPClear, "RED",
			"TLP:RED, kept from the source document, which is more restrictive than the partner's TLP:CLEAR. Prepared for partner p alone"},
		{"adv-2025-0042.json", disclosure.TLPAmberStrict, "RED", "TLP:RED, kept from the source document, which is more restrictive than the partner's TLP:AMBER+STRICT."},
		{"adv-2025-0042.json", disclosure.TLPRed, "RED", "TLP:RED. Prepared for partner p alone"},
		{"adv-2025-0042-csaf21.json", disclosure.TLPAmber, "AMBER+STRICT", "TLP:AMBER+STRICT, kept from the source document, which is more restrictive than the partner's TLP:AMBER."},
		{"adv-2025-0042-csaf21.json", disclosure.TLPRed, "RED", "TLP:RED. "},
		{"icsa-20-168-01.json", disclosure.TLPClear, "WHITE", "TLP:CLEAR (labelled WHITE: CSAF 2.0 uses the TLP 1.0 names). Written for partner p and released to it at"},
		{"icsa-20-168-01.json", disclosure.TLPAmberStrict, "AMBER", "TLP:AMBER+STRICT (labelled AMBER: CSAF 2.0 has no AMBER+STRICT). Prepared for partner p alone"},
		{"icsa-20-168-01.json", disclosure.TLPGreen, "GREEN", "TLP:GREEN. Prepared for partner p and released"},
		{"2022-evd-uc-01-a-001.json", disclosure.TLPClear, "WHITE", "TLP:CLEAR (labelled WHITE"},
	}
	for _, tt := range tests {
		t.Run(tt.doc+"/"+string(tt.partner), func(t *testing.T) {
			doc := readFile(t, filepath.Join("testdata", tt.doc))
			a, err := readAdvisory(doc, csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true, ReleaseAt: a.PublicAt,
				PublishNotBefore: a.PublicAt, TLP: tt.partner, Classes: []disclosure.Class{disclosure.ClassSummary, disclosure.ClassDescription, disclosure.ClassMitigations}}
			out, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Document struct {
					Distribution struct {
						Text string
						TLP  struct{ Label string }
					}
				}
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			dist := got.Document.Distribution
			if dist.TLP.Label != tt.label || !strings.Contains(dist.Text, tt.contains) {
				t.Errorf("label %s, text %q; want %s, %q", dist.TLP.Label, dist.Text, tt.label, tt.contains)
			}
			if tt.label == "WHITE" || tt.label == "CLEAR" {
				if strings.Contains(dist.Text, "alone") || strings.Contains(dist.Text, "may be published") {
					t.Errorf("a TLP:CLEAR copy says it is restricted: %q", dist.Text)
				}
			}
			back, err := csaf.Read(out, csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			src, _ := csaf.Read(doc, csaf.DefaultOptions())
			if tlpRank(back.Label) < tlpRank(src.Label) {
				t.Errorf("the copy's label %s is below the source's %s", back.Label, src.Label)
			}
		})
	}
}

func tlpRank(l disclosure.TLP) int {
	return map[disclosure.TLP]int{"": 0, disclosure.TLPClear: 1, disclosure.TLPGreen: 2, disclosure.TLPAmber: 3,
		disclosure.TLPAmberStrict: 4, disclosure.TLPRed: 5}[l]
}

// TestUndefinedMembersEverywhere: a member the schema does not define is
// withheld wherever it is, also inside an element that is otherwise kept
// (the product tree, the tracking, the publisher, a score, a CVSS object,
// a product status, a remediation, a revision, a note, a self reference),
// and Write removes it from the copy of a partner without the class
// unclassified; the partner of every class keeps it.
func TestUndefinedMembersEverywhere(t *testing.T) {
	type inject struct {
		path []any
		want string // the element's path
	}
	tests := map[string][]inject{
		"adv-2025-0042.json": {
			{[]any{"product_tree", "branches", 0}, "product_tree.branches[0].x_secret"},
			{[]any{"product_tree", "branches", 0, "branches", 0, "branches", 0, "product"}, "product_tree.branches[0].branches[0].branches[0].product.x_secret"},
			{[]any{"document", "tracking"}, "document.tracking.x_secret"},
			{[]any{"document", "tracking", "revision_history", 0}, "document.tracking.revision_history[0].x_secret"},
			{[]any{"document", "publisher"}, "document.publisher.x_secret"},
			{[]any{"document", "notes", 0}, "document.notes[0].x_secret"},
			{[]any{"document", "references", 0}, "document.references[0].x_secret"},
			{[]any{"vulnerabilities", 0, "scores", 0}, "vulnerabilities[0].scores[0].x_secret"},
			{[]any{"vulnerabilities", 0, "scores", 0, "cvss_v3"}, "vulnerabilities[0].scores[0].cvss_v3.x_secret"},
			{[]any{"vulnerabilities", 0, "product_status"}, "vulnerabilities[0].product_status.x_secret"},
			{[]any{"vulnerabilities", 0, "remediations", 0}, "vulnerabilities[0].remediations[0].x_secret"},
			{[]any{"vulnerabilities", 0, "threats", 0}, "vulnerabilities[0].threats[0].x_secret"},
			{[]any{"vulnerabilities", 0, "cwe"}, "vulnerabilities[0].cwe.x_secret"},
		},
		"adv-2025-0042-csaf21.json": {
			{[]any{"document", "distribution", "sharing_group"}, ""}, // replaced in every copy: not an element
			{[]any{"vulnerabilities", 0, "metrics", 0, "content"}, "vulnerabilities[0].metrics[0].content.x_secret"},
			{[]any{"vulnerabilities", 0, "metrics", 0, "content", "cvss_v3"}, "vulnerabilities[0].metrics[0].content.cvss_v3.x_secret"},
			{[]any{"vulnerabilities", 1, "first_known_exploitation_dates", 0}, "vulnerabilities[1].first_known_exploitation_dates[0].x_secret"},
			{[]any{"vulnerabilities", 0, "cwes", 0}, "vulnerabilities[0].cwes[0].x_secret"},
			{[]any{"document", "tracking", "generator"}, "document.tracking.generator.x_secret"},
		},
	}
	for name, injects := range tests {
		for _, in := range injects {
			t.Run(name+"/"+in.want, func(t *testing.T) {
				const secret = "SECRET-6c1f"
				doc := edit(t, name, func(doc map[string]any) {
					o := at(doc, in.path...)
					o["x_secret"] = map[string]any{"deep": []any{secret}}
				})
				r, err := csaf.Read(doc, csaf.DefaultOptions())
				if err != nil {
					t.Fatal(err)
				}
				var found *csaf.Element
				for i, e := range r.Elements {
					if strings.HasSuffix(e.Path, "x_secret") {
						found = &r.Elements[i]
					}
				}
				switch {
				case in.want == "" && found != nil:
					t.Fatalf("element %+v in a member Write replaces", *found)
				case in.want != "" && (found == nil || found.Path != in.want || found.Class != disclosure.ClassUnclassified ||
					!strings.HasPrefix(found.Rule, "member not defined by CSAF ")):
					t.Fatalf("element %+v, want %s unclassified, member not defined", found, in.want)
				}
				a := r.Advisory
				for _, classes := range [][]disclosure.Class{
					{disclosure.ClassSummary, disclosure.ClassDescription, disclosure.ClassMitigations},
					disclosure.Classes()[:8],
					disclosure.Classes(),
				} {
					d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true, ReleaseAt: a.PublicAt,
						PublishNotBefore: a.PublicAt, TLP: disclosure.TLPRed, Classes: classes}
					out, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
					if err != nil {
						t.Fatal(err)
					}
					has := strings.Contains(string(out), secret)
					if wantHas := len(classes) == 9 && in.want != ""; has != wantHas {
						t.Errorf("classes %v: the copy holds the secret: %v, want %v", classes, has, wantHas)
					}
					back, err := readAdvisory(out, csaf.DefaultOptions())
					if err != nil {
						t.Fatalf("the copy does not read: %v", err)
					}
					var want []disclosure.Section
					for _, s := range a.Sections {
						if d.Receives(s.Class) {
							want = append(want, s)
						}
					}
					if !reflect.DeepEqual(asOriginal(back.Sections), want) {
						t.Errorf("classes %v: the copy reads back other sections", classes)
					}
				}
			})
		}
	}
}

// TestWritePrunesEmptied: an object that only undefined members filled
// goes with them, unless the schema requires it; the copy still reads.
func TestWritePrunesEmptied(t *testing.T) {
	doc := edit(t, "adv-2025-0042-csaf21.json", func(doc map[string]any) {
		at(doc, "vulnerabilities", 0)["product_status"] = map[string]any{"x_only": []any{"a"}}
		at(doc, "vulnerabilities", 0, "metrics", 0)["content"] = map[string]any{"x_only": 1}
		at(doc, "document", "tracking")["generator"] = map[string]any{"engine": map[string]any{"x_only": true}}
	})
	a, err := readAdvisory(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true, ReleaseAt: a.PublicAt,
		PublishNotBefore: a.PublicAt, TLP: disclosure.TLPRed, Classes: []disclosure.Class{disclosure.ClassSummary, disclosure.ClassDescription, disclosure.ClassMitigations}}
	out, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	v0 := at(got, "vulnerabilities", 0)
	if _, ok := v0["product_status"]; ok {
		t.Errorf("product_status emptied by removal is kept: %v", v0["product_status"])
	}
	if c, ok := at(v0, "metrics", 0)["content"].(map[string]any); !ok || len(c) != 0 {
		t.Errorf("the required content of a metric: %v, want kept, empty", at(v0, "metrics", 0)["content"])
	}
	if g, ok := at(got, "document", "tracking")["generator"].(map[string]any); !ok || len(g["engine"].(map[string]any)) != 0 {
		t.Errorf("generator %v, want kept with its required engine, empty", g)
	}
	if _, err := readAdvisory(out, csaf.DefaultOptions()); err != nil {
		t.Errorf("the copy does not read: %v", err)
	}
}

// TestElements: every classified element of the test document, with its
// path, its class and the rule that gave it, in document order, as a
// program manager reviews them.
func TestElements(t *testing.T) {
	r, err := csaf.Read(readFile(t, "testdata/adv-2025-0042.json"), csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`document.notes[0] | description | note category "summary" → description`,
		`document.notes[1] | summary | note category "legal_disclaimer" → summary`,
		`document.notes[2] | unclassified | note category "other" has no rule and no title rule matches "Analyst notes (not yet reviewed)" → unclassified`,
		`document.references[0] | summary | reference category "self" → summary (the document itself)`,
		`document.references[1] | unclassified | reference category "external" → unclassified (it may lead anywhere, even to exploit code)`,
		`document.x_vendor_triage | unclassified | member not defined by CSAF 2.0 at this position → unclassified`,
		`vulnerabilities[0].acknowledgments[0] | unclassified | acknowledgment → unclassified (it names the finder before the release)`,
		`vulnerabilities[0].cwe | description | CWE → description`,
		`vulnerabilities[0].flags[0] | technical-details | flag → technical-details (it says why a product is not affected)`,
		`vulnerabilities[0].involvements[0] | unclassified | involvement → unclassified (it tells the state of the coordination)`,
		`vulnerabilities[0].notes[0] | description | note category "description" → description`,
		`vulnerabilities[0].notes[1] | technical-details | note category "details" → technical-details`,
		`vulnerabilities[0].notes[2] | indicators | note title "Indicators of compromise" matches "indicators" → indicators (category "other" has no rule)`,
		`vulnerabilities[0].notes[3] | proof-of-concept | note title "Detecting exploitation" matches "exploitation" → proof-of-concept (more sensitive than category "general" → description)`,
		`vulnerabilities[0].remediations[0] | mitigations | remediation → mitigations`,
		`vulnerabilities[0].remediations[1] | mitigations | remediation → mitigations`,
		`vulnerabilities[0].threats[0] | summary | threat category "exploit_status" → summary`,
		`vulnerabilities[0].threats[1] | unclassified | threat category "target_set" → unclassified (no rule for this category; a target set names victims)`,
		`vulnerabilities[1].cwe | description | CWE → description`,
		`vulnerabilities[1].notes[0] | description | note category "description" → description`,
		`vulnerabilities[1].notes[1] | repro-steps | note title "Reproducing the flaw" matches "reproducing" → repro-steps (more sensitive than category "details" → technical-details)`,
		`vulnerabilities[1].notes[2] | proof-of-concept | note title "Proof-of-concept code" matches "proof of concept" → proof-of-concept (category "other" has no rule)`,
		`vulnerabilities[1].remediations[0] | mitigations | remediation → mitigations`,
		`vulnerabilities[1].threats[0] | summary | threat category "exploit_status" → summary`,
		`vulnerabilities[1].threats[1] | description | threat category "impact" → description`,
		`vulnerabilities[1].x_internal_ticket | unclassified | member not defined by CSAF 2.0 at this position → unclassified`,
	}
	if len(r.Elements) != len(want) || len(r.Elements) != len(r.Advisory.Sections) {
		t.Fatalf("%d elements, %d sections, want %d", len(r.Elements), len(r.Advisory.Sections), len(want))
	}
	for i, e := range r.Elements {
		if got := e.Path + " | " + string(e.Class) + " | " + e.Rule; got != want[i] {
			t.Errorf("elements[%d] = %s\nwant          %s", i, got, want[i])
		}
		if e.Class != r.Advisory.Sections[i].Class {
			t.Errorf("elements[%d] is %s, its section %s", i, e.Class, r.Advisory.Sections[i].Class)
		}
	}

	// Untitled notes, and a member CSAF 2.1 does not define.
	doc := edit(t, "adv-2025-0042-csaf21.json", func(doc map[string]any) {
		delete(at(doc, "document", "notes", 0), "title")
		at(doc, "document", "notes", 2)["title"] = "  "
		at(doc, "document", "notes", 2)["category"] = "general"
		at(doc, "product_tree", "branches", 0)["x_secret"] = "a"
	})
	r, err = csaf.Read(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		`document.notes[0] | description | untitled note of category "summary" → description`,
		`document.notes[2] | unclassified | untitled note of category "general" → unclassified (no rule for untitled notes of this category)`,
		`document.x_extensions | unclassified | extension (x_extensions), whose content CSAF does not define → unclassified`,
		`product_tree.branches[0].x_secret | unclassified | member not defined by CSAF 2.1 at this position → unclassified`,
	} {
		found := false
		for _, e := range r.Elements {
			found = found || e.Path+" | "+string(e.Class)+" | "+e.Rule == w
		}
		if !found {
			t.Errorf("no element %s", w)
		}
	}
}
