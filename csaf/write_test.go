package csaf_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// A located string is a string of a JSON document and its path.
type located struct {
	path, text string
	key        bool // a member's key, not a value
}

// stringsOf appends every string of a JSON value, keys included, with its
// path ("vulnerabilities[0].notes[1].text").
func stringsOf(v any, path string, out []located) []located {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			p := k
			if path != "" {
				p = path + "." + k
			}
			out = stringsOf(e, p, append(out, located{p, k, true}))
		}
	case []any:
		for i, e := range v {
			out = stringsOf(e, path+"["+strconv.Itoa(i)+"]", out)
		}
	case string:
		out = append(out, located{path, v, false})
	}
	return out
}

// inSummary reports whether a path lies in a member that the package
// documentation lists as the summary, which every partner receives.
func inSummary(path string) bool {
	first, rest, _ := strings.Cut(path, ".")
	switch {
	case first == "$schema" || first == "product_tree" || strings.HasPrefix(first, "product_tree["):
		return true
	case first == "document":
		member, _, _ := strings.Cut(rest, ".")
		member, _, _ = strings.Cut(member, "[")
		return slices.Contains([]string{"aggregate_severity", "category", "csaf_version", "lang", "license_expression",
			"publisher", "source_lang", "title", "tracking"}, member)
	case strings.HasPrefix(first, "vulnerabilities["):
		member, _, _ := strings.Cut(rest, ".")
		member, _, _ = strings.Cut(member, "[")
		return slices.Contains([]string{"cve", "ids", "title", "product_status", "discovery_date", "scores",
			"release_date", "metrics", "disclosure_date", "first_known_exploitation_dates"}, member)
	}
	return false
}

// texts returns the pieces of text of a section to look for: the lines of
// its body or, for an unknown member whose body is JSON, its string values.
func texts(s disclosure.Section) []string {
	var v any
	if json.Unmarshal([]byte(s.Body), &v) != nil {
		return strings.Split(s.Body, "\n")
	}
	var out []string
	for _, l := range stringsOf(v, "", nil) {
		if !l.key {
			out = append(out, l.text)
		}
	}
	return out
}

// TestWriteWithholds writes every document under testdata for every
// partner of the demo and checks that nothing of a withheld class is left:
// no text of a withheld section is in any string of the output, keys
// included, outside the summary members. (A summary member may repeat a
// withheld text: Red Hat gives its Bugzilla URLs both as external
// references, withheld, and as tracking IDs, kept.)
func TestWriteWithholds(t *testing.T) {
	partners := demoPartners(t)
	checked := 0
	for _, path := range documents(t) {
		doc := readFile(t, path)
		original, plan := planFor(t, doc, partners)
		for _, d := range plan {
			if !d.Entitled {
				continue
			}
			t.Run(filepath.Base(path)+"/"+d.PartnerID, func(t *testing.T) {
				out, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
				if err != nil {
					t.Fatal(err)
				}
				var tree any
				if err := json.Unmarshal(out, &tree); err != nil {
					t.Fatalf("the output is not JSON: %v", err)
				}
				all := stringsOf(tree, "", nil)
				var outside []string // the strings outside the summary, to search at once
				for _, l := range all {
					if !inSummary(l.path) {
						outside = append(outside, l.text)
					}
				}
				haystack := strings.Join(outside, "\x00")
				for _, s := range original.Sections {
					if d.Receives(s.Class) {
						continue
					}
					for _, text := range texts(s) {
						if text == "" {
							continue
						}
						checked++
						if !strings.Contains(haystack, text) {
							continue
						}
						for _, l := range all {
							if strings.Contains(l.text, text) && !inSummary(l.path) {
								t.Errorf("withheld %s text %q (section %q) is in the output at %s", s.Class, text, s.Title, l.path)
							}
						}
					}
				}
				// The original distribution text (a copyright, terms of use)
				// is quoted in the copy's, as the original's, and nowhere
				// else.
				if orig := distributionText(t, doc); orig != "" {
					for _, l := range all {
						if strings.Contains(l.text, orig) && (l.path != "document.distribution.text" ||
							!strings.HasSuffix(l.text, ` The original document's distribution text: "`+orig+`"`)) {
							t.Errorf("the original distribution text %q is in the output at %s: %q", orig, l.path, l.text)
						}
					}
				}
			})
		}
	}
	t.Logf("%d withheld texts checked", checked)
	if checked < 800 {
		t.Errorf("only %d withheld texts checked: the test data no longer exercises withholding", checked)
	}
}

func distributionText(t *testing.T, doc []byte) string {
	var v struct {
		Document struct {
			Distribution struct {
				Text string `json:"text"`
			} `json:"distribution"`
		} `json:"document"`
	}
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	return v.Document.Distribution.Text
}

// TestRoundTrip checks that reading a partner's document gives back the
// partner's redacted advisory, field for field: d.Advisory is the
// advisory read from the original with only the classes of d.Classes, so
// the two are equal exactly when Write kept the whole summary (identity,
// CVEs, products, scores, release dates, exploit status) and, of the
// classified elements, exactly those of the partner's classes, in their
// order. ReadyAt, ExcludePartners, WithholdClasses and Artifacts are empty
// on both sides: CSAF has no place for them. The copy's own identity is
// the exception: its tracking ID, and its references back to the original
// (see asOriginal). Writing the partner's document again for the same
// partner then keeps every element.
func TestRoundTrip(t *testing.T) {
	partners := demoPartners(t)
	for _, path := range documents(t) {
		doc := readFile(t, path)
		_, plan := planFor(t, doc, partners)
		for _, d := range plan {
			if !d.Entitled {
				continue
			}
			t.Run(filepath.Base(path)+"/"+d.PartnerID, func(t *testing.T) {
				out, name, err := csaf.Write(doc, d, csaf.DefaultOptions())
				if err != nil {
					t.Fatal(err)
				}
				back, err := readAdvisory(out, csaf.DefaultOptions())
				if err != nil {
					t.Fatalf("the written document does not read: %v", err)
				}
				id := csaf.CopyTrackingID(d.AdvisoryID, d.PartnerID)
				if back.ID != id || name != csaf.FileName(id) {
					t.Errorf("the copy is %s in %s, want %s in %s", back.ID, name, id, csaf.FileName(id))
				}
				want := d.Advisory
				want.ID = id
				want.TLP = d.TLP // the copy carries the partner's label
				if want.TLP == disclosure.TLPAmberStrict && bytes.Contains(doc, []byte(`"csaf_version": "2.0"`)) {
					want.TLP = disclosure.TLPAmber // CSAF 2.0 has no AMBER+STRICT (the text says it)
				}
				if back.PublicAt.After(want.PublicAt) && d.TLP != disclosure.TLPClear {
					// A revised public document (TLP:CLEAR, final) counts from
					// its first release; the partner's copy, labelled for
					// the partner, counts from its latest.
					want.PublicAt = back.PublicAt
				}
				got := back
				got.Sections = asOriginal(back.Sections)
				if len(want.Sections) == 0 {
					want.Sections = nil
				}
				if !reflect.DeepEqual(got, want) {
					g, _ := json.MarshalIndent(got, "", "  ")
					w, _ := json.MarshalIndent(want, "", "  ")
					t.Errorf("read back:\n%s\nwant the partner's advisory:\n%s", g, w)
				}
				d2 := d
				d2.AdvisoryID, d2.PublishNotBefore = back.ID, back.PublicAt
				again, _, err := csaf.Write(out, d2, csaf.DefaultOptions())
				if err != nil {
					t.Fatalf("writing the partner's document again: %v", err)
				}
				// A reference back to the original that is not on the
				// publisher's site reads as unclassified, as any reference
				// elsewhere: a partner without that class does not get it
				// again.
				kept := slices.DeleteFunc(slices.Clone(back.Sections), func(s disclosure.Section) bool { return !d.Receives(s.Class) })
				back2, err := readAdvisory(again, csaf.DefaultOptions())
				if err != nil || !reflect.DeepEqual(asOriginal(back2.Sections), asOriginal(kept)) {
					t.Errorf("writing the partner's document again changed its elements (err %v)", err)
				}
			})
		}
	}
}

// TestWriteDistribution checks the TLP label and text for each version.
func TestWriteDistribution(t *testing.T) {
	release := time.Date(2025, 7, 7, 17, 0, 0, 0, time.UTC)
	tests := []struct {
		doc       string
		tlp       disclosure.TLP
		label     string
		textStart string
	}{
		{"bsi-2022-0001.json", disclosure.TLPClear, "WHITE", "TLP:CLEAR (labelled WHITE: CSAF 2.0 uses the TLP 1.0 names). "},
		{"bsi-2022-0001.json", disclosure.TLPGreen, "GREEN", "TLP:GREEN. "},
		{"bsi-2022-0001.json", disclosure.TLPAmber, "AMBER", "TLP:AMBER. "},
		{"bsi-2022-0001.json", disclosure.TLPAmberStrict, "AMBER", "TLP:AMBER+STRICT (labelled AMBER: CSAF 2.0 has no AMBER+STRICT). "},
		{"bsi-2022-0001.json", disclosure.TLPRed, "RED", "TLP:RED. "},
		{"2022-evd-uc-01-a-001.json", disclosure.TLPAmberStrict, "AMBER", "TLP:AMBER+STRICT (labelled AMBER"}, // had no distribution
		{"oasis_csaf_tc-csaf_2_1-2024-6-1-39-11.json", disclosure.TLPClear, "CLEAR", "TLP:CLEAR. "},
		{"oasis_csaf_tc-csaf_2_1-2024-6-1-39-11.json", disclosure.TLPAmberStrict, "AMBER+STRICT", "TLP:AMBER+STRICT. "},
		{"adv-2025-0042-csaf21.json", disclosure.TLPRed, "RED", "TLP:RED. "},
	}
	for _, tt := range tests {
		t.Run(tt.doc+"/"+string(tt.tlp), func(t *testing.T) {
			doc := readFile(t, filepath.Join("testdata", tt.doc))
			a, err := readAdvisory(doc, csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			d := disclosure.Disclosure{PartnerID: "ardentic", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true,
				ReleaseAt: release, PublishNotBefore: a.PublicAt, TLP: tt.tlp,
				Classes: []disclosure.Class{disclosure.ClassSummary, disclosure.ClassDescription, disclosure.ClassMitigations}}
			out, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			var got, orig struct {
				Document struct {
					Version      string         `json:"csaf_version"`
					Distribution map[string]any `json:"distribution"`
				} `json:"document"`
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(doc, &orig); err != nil {
				t.Fatal(err)
			}
			dist := got.Document.Distribution
			tlp, _ := dist["tlp"].(map[string]any)
			text, _ := dist["text"].(string)
			members := 2
			if got.Document.Version == "2.1" {
				members = 3 // and the sharing group, which TestWriteSharingGroup checks
				if _, ok := dist["sharing_group"].(map[string]any); !ok {
					t.Errorf("a CSAF 2.1 copy without a sharing group: %v", dist)
				}
			}
			if len(dist) != members || tlp["label"] != tt.label || tlp["url"] != "https://www.first.org/tlp/" || len(tlp) != 2 {
				t.Errorf("distribution %v, want exactly text and tlp {label %s, FIRST's url}", dist, tt.label)
			}
			wantText := "Prepared for partner ardentic alone and released to it at 2025-07-07T17:00:00Z. " +
				"Nothing that reveals these vulnerabilities may be published before " + a.PublicAt.Format(time.RFC3339) + "."
			switch tt.tlp {
			case disclosure.TLPClear:
				wantText = "Written for partner ardentic and released to it at 2025-07-07T17:00:00Z. " +
					"The public release of these vulnerabilities is " + a.PublicAt.Format(time.RFC3339) + "."
			case disclosure.TLPGreen, disclosure.TLPAmber:
				wantText = strings.Replace(wantText, " alone", "", 1)
			}
			// The original's text (a copyright, terms) is quoted after it.
			if o, _ := orig.Document.Distribution["text"].(string); o != "" {
				wantText += ` The original document's distribution text: "` + o + `"`
			}
			if !strings.HasPrefix(text, tt.textStart) || !strings.HasSuffix(text, wantText) {
				t.Errorf("text %q, want %q ... %q", text, tt.textStart, wantText)
			}
		})
	}
}

// TestWriteKeeps checks that what Write does not remove is kept as it
// was: numbers as written, member order, and the unknown members, even
// inside kept elements, of a partner granted unclassified.
func TestWriteKeeps(t *testing.T) {
	doc := []byte(strings.Replace(string(withVulns(`[{"cve": "CVE-2025-0001",
		"notes": [{"category": "summary", "text": "kept", "x_note_extra": {"n": 1.50}}, {"category": "details", "text": "secret details"}],
		"scores": [{"cvss_v3": {"baseScore": 10.0, "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "version": "3.1", "x_big": 12345678901234567890123}, "products": ["p"]}],
		"x_unknown": {"why": "unknown, so unclassified"}}]`)), `"title": "Test"`, `"title": "Test", "x_doc": [1e2, -0.0, true, null]`, 1))
	a, err := readAdvisory(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	policy := disclosure.DefaultPolicy()
	partner := disclosure.Partner{ID: "p1", Tier: "responder", Jurisdictions: []string{"US"}, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{SignedAt: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}}
	d, err := disclosure.Disclose(policy, a, partner)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"category": "summary"`, `"baseScore": 10.0`, `"vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Members CSAF does not define are withheld wherever they are, also
	// inside a kept note or score.
	for _, gone := range []string{"secret details", "x_unknown", "x_doc", "x_note_extra", "x_big"} {
		if bytes.Contains(out, []byte(gone)) {
			t.Errorf("output holds %q, of a class the partner does not receive:\n%s", gone, out)
		}
	}
	if i, j := bytes.Index(out, []byte(`"cve"`)), bytes.Index(out, []byte(`"scores"`)); i < 0 || j < i {
		t.Errorf("member order changed:\n%s", out)
	}

	// A tier that receives every class keeps the unknown members too.
	policy.Tiers[0].Classes = disclosure.Classes()
	d, err = disclosure.Disclose(policy, a, partner)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err = csaf.Write(doc, d, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"x_unknown": {`, `"x_doc": [` + "\n      1e2,\n      -0.0,\n      true,\n      null\n    ]", "secret details",
		`"x_note_extra": {` + "\n", `"n": 1.50`, `"x_big": 12345678901234567890123`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("output for a partner of every class lacks %q:\n%s", want, out)
		}
	}
}

// TestWriteDropsEmptied checks that a list emptied by removal goes, and a
// vulnerability left with no member goes too.
func TestWriteDropsEmptied(t *testing.T) {
	doc := withVulns(`[{"cve": "CVE-2025-0001", "notes": [{"category": "other", "text": "a"}]},
		{"notes": [{"category": "other", "text": "b"}], "acknowledgments": [{"names": ["x"]}]}]`)
	a, err := readAdvisory(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true, ReleaseAt: a.PublicAt,
		PublishNotBefore: a.PublicAt, TLP: disclosure.TLPRed, Classes: []disclosure.Class{disclosure.ClassSummary}}
	out, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Vulnerabilities []map[string]any `json:"vulnerabilities"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Vulnerabilities) != 1 || len(got.Vulnerabilities[0]) != 1 || got.Vulnerabilities[0]["cve"] != "CVE-2025-0001" {
		t.Errorf("vulnerabilities %v, want only [{cve}]", got.Vulnerabilities)
	}
}

// TestWriteErrors checks the disclosures Write refuses.
func TestWriteErrors(t *testing.T) {
	doc := readFile(t, "testdata/adv-2025-0042.json")
	a, err := readAdvisory(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	good := disclosure.Disclosure{PartnerID: "ardentic", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true,
		ReleaseAt: a.PublicAt.Add(-24 * time.Hour), PublishNotBefore: a.PublicAt, TLP: disclosure.TLPAmber,
		Classes: []disclosure.Class{disclosure.ClassSummary, disclosure.ClassDescription, disclosure.ClassMitigations}}
	if _, _, err := csaf.Write(doc, good, csaf.DefaultOptions()); err != nil {
		t.Fatalf("the good disclosure: %v", err)
	}
	tests := []struct {
		name   string
		change func(d *disclosure.Disclosure)
		doc    []byte
		want   []string
	}{
		{"not entitled", func(d *disclosure.Disclosure) {
			d.Entitled, d.ReleaseAt, d.TLP, d.Classes = false, time.Time{}, "", nil
		},
			nil, []string{"disclosure.entitled: the partner is not entitled to this advisory"}},
		{"no partner", func(d *disclosure.Disclosure) { d.PartnerID = " " }, nil, []string{"disclosure.partner: required"}},
		{"no summary", func(d *disclosure.Disclosure) { d.Classes = d.Classes[1:] }, nil,
			[]string{"disclosure.classes: the partner does not receive the summary"}},
		{"bad class and label", func(d *disclosure.Disclosure) {
			d.Classes = []disclosure.Class{disclosure.ClassSummary, "secret"}
			d.TLP = "WHITE"
		}, nil, []string{`disclosure.tlp: "WHITE" is not a TLP 2.0 label`, `disclosure.classes[1]: unknown class "secret"`}},
		{"no release", func(d *disclosure.Disclosure) { d.ReleaseAt = time.Time{} }, nil, []string{"disclosure.release_at: required"}},
		{"another advisory", func(d *disclosure.Disclosure) {
			d.AdvisoryID, d.Revision = "ADV-2025-0043", 2
			d.PublishNotBefore = d.PublishNotBefore.Add(time.Hour)
		}, nil, []string{
			`disclosure.advisory_id: "ADV-2025-0043" is not the document's tracking ID "ADV-2025-0042"`,
			"disclosure.revision: 2 is not the document's revision 1",
			"disclosure.publish_not_before: 2025-07-08T18:00:00Z is not the document's public release 2025-07-08T17:00:00Z"}},
		{"bad document and disclosure", func(d *disclosure.Disclosure) { d.PartnerID = "" }, []byte(`{"document": {}}`),
			[]string{"document.csaf_version: required", "disclosure.partner: required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := good
			d.Classes = slices.Clone(good.Classes)
			tt.change(&d)
			in := doc
			if tt.doc != nil {
				in = tt.doc
			}
			out, name, err := csaf.Write(in, d, csaf.DefaultOptions())
			var ve *disclosure.ValidationError
			if !errors.As(err, &ve) || out != nil || name != "" {
				t.Fatalf("Write = %d bytes, %q, %v; want a ValidationError", len(out), name, err)
			}
			if tt.doc == nil && !errors.Is(err, disclosure.ErrInvalidDisclosure) {
				t.Errorf("%v does not wrap ErrInvalidDisclosure", err)
			}
			if len(ve.Problems) != len(tt.want) {
				t.Fatalf("problems:\n%v\nwant %d", err, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(ve.Problems[i].Error(), w) {
					t.Errorf("problem %d = %q, want prefix %q", i, ve.Problems[i].Error(), w)
				}
			}
		})
	}
	if _, _, err := csaf.Write(doc, good, csaf.Options{NoteTitles: []csaf.TitleRule{{}}}); !errors.Is(err, csaf.ErrInvalidOptions) {
		t.Errorf("Write with bad options: %v", err)
	}
}

// TestFileName checks the file names of CSAF section 5.1.
func TestFileName(t *testing.T) {
	for id, want := range map[string]string{
		"RHSA-2021:5186":                        "rhsa-2021_5186.json",
		"ICSA-20-168-01":                        "icsa-20-168-01.json",
		"OASIS_CSAF_TC-CSAF_2.1-2024-6-1-38-11": "oasis_csaf_tc-csaf_2_1-2024-6-1-38-11.json",
		"2022_#01-A":                            "2022_01-a.json", // the standard's own example
		"Example Company - 2019-YH3234":         "example_company_-_2019-yh3234.json",
		"cisco-sa-20190513-secureboot":          "cisco-sa-20190513-secureboot.json",
		"C++ advisory, ÄÖÜ":                     "c++_advisory_.json",
		"../../etc/passwd":                      "_etc_passwd.json",
	} {
		if got := csaf.FileName(id); got != want {
			t.Errorf("FileName(%q) = %q, want %q", id, got, want)
		}
	}
}

// TestWritePure checks that Write gives the same bytes every time, also
// when called concurrently (run with -race), and modifies none of its
// inputs.
func TestWritePure(t *testing.T) {
	doc := readFile(t, "testdata/adv-2025-0042.json")
	orig := slices.Clone(doc)
	_, plan := planFor(t, doc, demoPartners(t))
	opts := csaf.DefaultOptions()
	first := make([][]byte, len(plan))
	for i, d := range plan {
		if d.Entitled {
			first[i], _, _ = csaf.Write(doc, d, opts)
		}
	}
	planCopy, _ := json.Marshal(plan)
	var wg sync.WaitGroup
	for range 4 {
		for i, d := range plan {
			if !d.Entitled {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				out, _, err := csaf.Write(doc, d, opts)
				if err != nil || !bytes.Equal(out, first[i]) {
					t.Errorf("%s: another output on another call (err %v)", d.PartnerID, err)
				}
				if _, err := readAdvisory(doc, opts); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	if !bytes.Equal(doc, orig) {
		t.Error("Write modified the document")
	}
	if again, _ := json.Marshal(plan); !bytes.Equal(again, planCopy) {
		t.Error("Write modified a disclosure")
	}
	if !reflect.DeepEqual(opts, csaf.DefaultOptions()) {
		t.Error("Write modified the options")
	}
}

// TestWriteGolden compares the documents written for three partners of the
// demo (entry tier, responder tier, restricted) with the files under
// testdata/golden. Run "go test -update" to rewrite them, and read the
// diff.
func TestWriteGolden(t *testing.T) {
	partners := demoPartners(t)
	for _, name := range []string{"adv-2025-0042.json", "adv-2025-0042-csaf21.json", "info-2025-0007.json", "sup-2025-0031-csaf21.json"} {
		doc := readFile(t, filepath.Join("testdata", name))
		_, plan := planFor(t, doc, partners)
		for i, d := range plan {
			if d.PartnerID != "ardentic" && d.PartnerID != "eurivon" && d.PartnerID != "jinlumo" {
				continue
			}
			out, _, err := csaf.WriteFor(doc, d, partnerOf(t, partners, plan[i].PartnerID), csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".json")+"."+d.PartnerID+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, out, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("the document for %s differs from %s (run go test -update and read the diff)", d.PartnerID, path)
			}
		}
	}
}
