package trace_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

var (
	testKey  = []byte("test key: 32 bytes of the program") // printable, so a test can search output for it
	otherKey = []byte("another key of the same program.")
)

func activePartner(id, tier string, jurisdictions ...string) disclosure.Partner {
	return disclosure.Partner{
		ID: id, Tier: tier, Jurisdictions: jurisdictions, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{Version: "2024-01", SignedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)},
	}
}

// pocWithMarks is a proof of concept with two placeholders: one in a
// comment, one as a request ID.
const pocWithMarks = `#!/usr/bin/env python3
# Proof of concept, case {{mark}}. Do not distribute.
import requests, sys

target = sys.argv[1]
payload = build_gadget_chain(target)
requests.post(target + "/_layouts/15/ToolPane.aspx?DisplayMode=Edit",
              headers={"Referer": "/_layouts/SignOut.aspx", "X-Request-ID": "{{mark}}"},
              data=payload)
`

// markedAdvisory has placeholders in sections of several classes (two in
// one body, one in a title) and in two artifacts: nine codes per partner
// with the reference.
func markedAdvisory() disclosure.Advisory {
	return disclosure.Advisory{
		ID:       "ADV-2025-0042",
		Revision: 1,
		CVEs:     []string{"CVE-2025-49704", "CVE-2025-49706"},
		Title:    "SharePoint Server remote code execution",
		Products: []string{"SharePoint Server 2019"},
		Severity: disclosure.SeverityCritical,
		PublicAt: disclosure.PatchTuesday(2025, time.July),
		Sections: []disclosure.Section{
			{Class: disclosure.ClassDescription, Title: "Description", Body: "A deserialization flaw allows remote code execution ({{mark}})."},
			{Class: disclosure.ClassMitigations, Body: "Enable AMSI integration; rotate machine keys."},
			{Class: disclosure.ClassDetectionGuidance, Body: "Alert on POST to ToolPane.aspx with a spoofed Referer."},
			{Class: disclosure.ClassTechnicalDetails, Title: "Root cause {{mark}}", Body: "The control deserializes untrusted view state.\nTracking: {{mark}}"},
			{Class: disclosure.ClassTechnicalDetails, Title: "Gadget", Body: "The chain uses {{mark}} as its type name and {{mark}} as its key."},
		},
		Artifacts: []disclosure.Artifact{
			{Class: disclosure.ClassProofOfConcept, Name: "poc.py", MediaType: "text/x-python", Data: []byte(pocWithMarks)},
			{Class: disclosure.ClassIndicators, Name: "iocs.txt", MediaType: "text/plain",
				Data: []byte("sha256 92ca5a4cd1d6b6c5e1bd1a7f1e3e0c7b9d8c1a0b2c3d4e5f60718293a4b5c6d7\npadding=AAAA{{mark}}AAAA\n")},
		},
	}
}

// codeRE matches a code as Mark writes it.
var codeRE = regexp.MustCompile(`[0-9A-HJKMNP-TV-Z]{13}`)

const codesPerPartner = 9 // the reference and the eight placeholders of markedAdvisory

// manyPartners returns n partners, all entitled to every class of
// markedAdvisory under the default policy.
func manyPartners(n int) []disclosure.Partner {
	tiers := []string{"entry", "validate"}
	places := []string{"US", "DE", "JP", "GB", "IL", "FR", "KR"}
	ps := make([]disclosure.Partner, n)
	for i := range ps {
		ps[i] = activePartner(fmt.Sprintf("partner-%04d", i), tiers[i%len(tiers)], places[i%len(places)])
	}
	return ps
}

// markedPlan decides and marks every partner's copy.
func markedPlan(t testing.TB, a disclosure.Advisory, partners []disclosure.Partner, key []byte) []disclosure.Disclosure {
	t.Helper()
	ds, err := disclosure.Plan(disclosure.DefaultPolicy(), a, partners)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ds {
		if ds[i], err = trace.Mark(ds[i], key); err != nil {
			t.Fatal(err)
		}
	}
	return ds
}

func mustMark(t testing.TB, a disclosure.Advisory, p disclosure.Partner, key []byte) disclosure.Disclosure {
	t.Helper()
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), a, p)
	if err != nil {
		t.Fatal(err)
	}
	m, err := trace.Mark(d, key)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// artifact returns the data of the named artifact of a copy.
func artifact(t testing.TB, d disclosure.Disclosure, name string) []byte {
	t.Helper()
	for _, f := range d.Advisory.Artifacts {
		if f.Name == name {
			return f.Data
		}
	}
	t.Fatalf("%s has no artifact %s", d.PartnerID, name)
	return nil
}

// symbols reads b as the package documentation says Identify does: letters
// and digits but U, case ignored, O as 0, I and L as 1, the rest skipped.
// It is written independently of the package, as an oracle.
func symbols(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		// Byte by byte and ASCII only, as Identify reads: strings.ToUpper
		// would also turn non-ASCII letters such as "ſ" into "S".
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		switch {
		case c == 'O':
			s.WriteByte('0')
		case c == 'I' || c == 'L':
			s.WriteByte('1')
		case c == 'U':
		case c >= '0' && c <= '9', c >= 'A' && c <= 'Z':
			s.WriteByte(c)
		}
	}
	return s.String()
}

// checkFound checks that every Found of ms lies in leak and, for codes read
// as text, that the bytes it delimits read as the code.
func checkFound(t testing.TB, leak []byte, ms []trace.Match) {
	t.Helper()
	for _, m := range ms {
		if m.Distinct < 1 || m.Distinct > len(m.Found) {
			t.Errorf("%s: distinct %d of %d found", m.Partner, m.Distinct, len(m.Found))
		}
		for _, f := range m.Found {
			if f.Offset < 0 || f.Offset >= f.End || f.End > len(leak) {
				t.Fatalf("%s: code %s at [%d, %d) outside the leak of %d bytes", m.Partner, f.Code, f.Offset, f.End, len(leak))
			}
			if f.Encoding == "" && symbols(leak[f.Offset:f.End]) != f.Code {
				t.Errorf("%s: leak[%d:%d] = %q does not read as %s", m.Partner, f.Offset, f.End, leak[f.Offset:f.End], f.Code)
			}
		}
	}
}

// only returns the one match of ms, which must name partner.
func only(t testing.TB, ms []trace.Match, partner string) trace.Match {
	t.Helper()
	if len(ms) != 1 || ms[0].Partner != partner {
		t.Fatalf("identified %s, want %s alone", partners(ms), partner)
	}
	return ms[0]
}

func partners(ms []trace.Match) string {
	if len(ms) == 0 {
		return "nobody"
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = fmt.Sprintf("%s (%d codes)", m.Partner, m.Distinct)
	}
	return strings.Join(ids, ", ")
}

// identify is trace.Identify, where an error is a test failure.
func identify(t testing.TB, leak, key []byte, a disclosure.Advisory, ps []disclosure.Partner) []trace.Match {
	t.Helper()
	ms, err := trace.Identify(leak, key, a, ps)
	if err != nil {
		t.Errorf("Identify: %v", err)
	}
	return ms
}
