package csaf_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"slices"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

// A vendor's CSAF advisory goes to a partner in China, which the default
// policy restricts: it receives its own CSAF document at the public
// release (the threats' dates end no embargo by default), with only the
// summary (the legal notice included), the description and the
// mitigations. The policy gives restricted partners TLP:CLEAR, but the
// source document is TLP:RED, so the decision and the copy stay TLP:RED.
// The copy has its own tracking ID and file name, and its reference to
// the original says whose copy it is.
func Example() {
	doc, err := os.ReadFile("testdata/adv-2025-0042.json")
	if err != nil {
		log.Fatal(err)
	}
	r, err := csaf.Read(doc, csaf.DefaultOptions())
	if err != nil {
		log.Fatal(err)
	}
	a := r.Advisory
	partner := disclosure.Partner{ID: "jinlumo", Tier: "entry", Jurisdictions: []string{"CN"}, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{SignedAt: time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC)}}
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), a, partner)
	if err != nil {
		log.Fatal(err)
	}
	out, name, err := csaf.WriteFor(doc, d, partner, csaf.DefaultOptions())
	if err != nil {
		log.Fatal(err)
	}
	got, err := csaf.Read(out, csaf.DefaultOptions())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s in %s for %s at %s, TLP:%s\n", got.Advisory.ID, name, d.PartnerID, d.ReleaseAt.Format(time.RFC3339), got.Label)
	for _, reason := range d.Reasons {
		if reason.Code == disclosure.CodeSourceLabel {
			fmt.Println(reason.Detail)
		}
	}
	for _, s := range got.Advisory.Sections {
		fmt.Printf("%-12s %s\n", s.Class, s.Title)
	}
	// Output:
	// ADV-2025-0042+jinlumo in adv-2025-0042+jinlumo.json for jinlumo at 2025-07-08T17:00:00Z, TLP:RED
	// the advisory is TLP:RED, more restrictive than the restricted treatment's TLP:CLEAR
	// description  Summary of the flaw
	// summary      Terms of use
	// summary      Reference: Original advisory ADV-2025-0042 (version 1), of which this document is partner jinlumo's copy: This advisory
	// description  CWE-287
	// description  Spoofing
	// mitigations  Remediation: workaround
	// mitigations  Remediation: vendor_fix
	// summary      Threat: exploit_status
	// description  CWE-94
	// description  Code injection
	// mitigations  Remediation: vendor_fix
	// summary      Threat: exploit_status
	// description  Threat: impact
}

func ExampleFileName() {
	fmt.Println(csaf.FileName("RHSA-2021:5186"))
	// Output: rhsa-2021_5186.json
}

// Each partner's copy has its own tracking ID, and so its own file name.
func ExampleCopyTrackingID() {
	id := csaf.CopyTrackingID("RHSA-2021:5186", "jinlumo")
	fmt.Println(id, csaf.FileName(id))
	// Output: RHSA-2021:5186+jinlumo rhsa-2021_5186+jinlumo.json
}

// Notes are classified by category and by title; a program can add its
// own rules to the defaults.
func ExampleOptions() {
	opts := csaf.DefaultOptions()
	opts.NoteTitles = append(opts.NoteTitles, csaf.TitleRule{Phrase: "YARA rules", Class: disclosure.ClassDetectionGuidance})
	doc := []byte(`{"document": {"category": "csaf_base", "csaf_version": "2.0", "title": "Example",
	  "publisher": {"category": "vendor", "name": "Example", "namespace": "https://example.com"},
	  "notes": [
	    {"category": "summary", "title": "Overview", "text": "A flaw in the parser."},
	    {"category": "other", "title": "YARA rules for the dropper", "text": "rule dropper { ... }"},
	    {"category": "faq", "title": "Am I affected?", "text": "If you run the parser."}],
	  "tracking": {"id": "EX-1", "version": "1", "status": "final",
	    "initial_release_date": "2025-07-08T17:00:00Z", "current_release_date": "2025-07-08T17:00:00Z",
	    "revision_history": [{"number": "1", "date": "2025-07-08T17:00:00Z", "summary": "First"}]}}}`)
	r, err := csaf.Read(doc, opts)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range r.Advisory.Sections {
		fmt.Printf("%s: %s\n", s.Title, s.Class)
	}
	// Output:
	// Overview: description
	// YARA rules for the dropper: detection-guidance
	// Am I affected?: unclassified
}

// A partner's marked copy: trace.Mark gives the partner's disclosure its
// codes, in place of the {{mark}} the author wrote in a note, and
// WriteMarked writes them into the partner's CSAF document, with the
// copy's reference as a note. Cut out of the copy, that note's text names
// the partner, given the advisory Read returned for the original.
func ExampleWriteMarked() {
	doc, err := os.ReadFile("testdata/adv-2025-0042.json")
	if err != nil {
		log.Fatal(err)
	}
	doc = bytes.Replace(doc, []byte("names the sign-out page."), []byte("names the sign-out page (case {{mark}})."), 1)
	r, err := csaf.Read(doc, csaf.DefaultOptions())
	if err != nil {
		log.Fatal(err)
	}
	key := []byte("example key, never a real one!!!") // 32 random bytes, kept secret
	partners := []disclosure.Partner{
		{ID: "ardentic", Tier: "entry", Jurisdictions: []string{"US"}, Status: disclosure.StatusActive,
			Agreement: disclosure.Agreement{SignedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}},
		{ID: "kesselwerk", Tier: "entry", Jurisdictions: []string{"DE"}, Status: disclosure.StatusActive,
			Agreement: disclosure.Agreement{SignedAt: time.Date(2024, 4, 10, 0, 0, 0, 0, time.UTC)}},
	}
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), r.Advisory, partners[0])
	if err != nil {
		log.Fatal(err)
	}
	marked, err := trace.Mark(d, key)
	if err != nil {
		log.Fatal(err)
	}
	out, name, err := csaf.WriteMarked(doc, marked, partners[0], csaf.DefaultOptions())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(name)

	// The note's text, as a leak would have it.
	var written struct {
		Document struct {
			Notes []struct{ Title, Text string }
		}
		Vulnerabilities []struct {
			Notes []struct{ Title, Text string }
		}
	}
	if err := json.Unmarshal(out, &written); err != nil {
		log.Fatal(err)
	}
	notes := written.Document.Notes
	fmt.Println(notes[len(notes)-1].Title+":", notes[len(notes)-1].Text)
	leak := written.Vulnerabilities[0].Notes[0].Text
	fmt.Println(leak)
	matches, err := trace.Identify([]byte(leak), key, r.Advisory, partners)
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range matches {
		fmt.Println(m.Partner, m.Found[0].Code, "in", m.Found[0].Where)
	}
	// Output:
	// adv-2025-0042+ardentic.json
	// Reference: Reference of this copy: 7K7DBR1R2EYZX. Quote it when you ask about this advisory.
	// The ToolPane endpoint accepts a request as authenticated when its Referer header names the sign-out page (case T4HN1YTQ13TT2).
	// ardentic T4HN1YTQ13TT2 in sections[10].body
}

// One Read serves every partner: the Reading writes each entitled
// partner's copy without parsing the document again.
func ExampleReading_WriteFor() {
	doc, err := os.ReadFile("testdata/adv-2025-0042.json")
	if err != nil {
		log.Fatal(err)
	}
	r, err := csaf.Read(doc, csaf.DefaultOptions())
	if err != nil {
		log.Fatal(err)
	}
	signed := disclosure.Agreement{SignedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}
	partners := []disclosure.Partner{
		{ID: "ardentic", Tier: "entry", Jurisdictions: []string{"US"}, Status: disclosure.StatusActive, Agreement: signed},
		{ID: "jinlumo", Tier: "entry", Jurisdictions: []string{"CN"}, Status: disclosure.StatusActive, Agreement: signed},
		{ID: "quillmark", Tier: "entry", Jurisdictions: []string{"US"}, Status: disclosure.StatusSuspended, Agreement: signed},
	}
	plan, err := disclosure.Plan(disclosure.DefaultPolicy(), r.Advisory, partners)
	if err != nil {
		log.Fatal(err)
	}
	for i, d := range plan {
		if !d.Entitled {
			fmt.Printf("%s: nothing (%s)\n", d.PartnerID, d.Reasons[0].Code)
			continue
		}
		out, name, err := r.WriteFor(d, partners[slices.IndexFunc(partners, func(p disclosure.Partner) bool { return p.ID == d.PartnerID })])
		if err != nil {
			log.Fatal(err)
		}
		copied, err := csaf.Read(out, csaf.DefaultOptions())
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d. %s at %s: %s, %d of %d sections\n", i+1, d.PartnerID, d.ReleaseAt.Format(time.RFC3339), name,
			len(copied.Advisory.Sections), len(r.Advisory.Sections))
	}
	// Output:
	// 1. ardentic at 2025-07-07T17:00:00Z: adv-2025-0042+ardentic.json, 19 of 26 sections
	// 2. jinlumo at 2025-07-08T17:00:00Z: adv-2025-0042+jinlumo.json, 13 of 26 sections
	// quillmark: nothing (partner-suspended)
}

// The Reading writes a marked copy as WriteMarked does: the partner's
// codes in place of the document's placeholders, and its reference as the
// last note.
func ExampleReading_WriteMarked() {
	doc, err := os.ReadFile("testdata/adv-2025-0042.json")
	if err != nil {
		log.Fatal(err)
	}
	doc = bytes.Replace(doc, []byte("names the sign-out page."), []byte("names the sign-out page (case {{mark}})."), 1)
	r, err := csaf.Read(doc, csaf.DefaultOptions())
	if err != nil {
		log.Fatal(err)
	}
	p := disclosure.Partner{ID: "ardentic", Tier: "entry", Jurisdictions: []string{"US"}, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{SignedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}}
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), r.Advisory, p)
	if err != nil {
		log.Fatal(err)
	}
	marked, err := trace.Mark(d, []byte("example key, never a real one!!!"))
	if err != nil {
		log.Fatal(err)
	}
	out, name, err := r.WriteMarked(marked, p)
	if err != nil {
		log.Fatal(err)
	}
	fromDoc, _, err := csaf.WriteMarked(doc, marked, p, csaf.DefaultOptions())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(name, bytes.Equal(out, fromDoc), bytes.Contains(out, []byte("(case T4HN1YTQ13TT2)")))
	// Output:
	// adv-2025-0042+ardentic.json true true
}
