package trace_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"reflect"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

// docCode computes a code as the package documentation defines it: the
// first 65 bits of HMAC-SHA256(key, f(domain) f(advisory ID) u(revision)
// f(partner ID) f(kind) f(class) u(index) f(field) u(occurrence)), 5 bits
// a symbol of Crockford's base32, most significant first. It is written
// from the documentation alone, as an oracle.
func docCode(key []byte, advisoryID string, revision int, partnerID, kind string, class disclosure.Class, index int, field string, occurrence int) string {
	var msg []byte
	f := func(s string) {
		msg = binary.BigEndian.AppendUint64(msg, uint64(len(s)))
		msg = append(msg, s...)
	}
	u := func(n int) { msg = binary.BigEndian.AppendUint64(msg, uint64(n)) }
	f("github.com/disclosurekit/disclosure/trace v1")
	f(advisoryID)
	u(revision)
	f(partnerID)
	f(kind)
	f(string(class))
	u(index)
	f(field)
	u(occurrence)
	mac := hmac.New(sha256.New, key)
	mac.Write(msg)
	sum := mac.Sum(nil)
	var code strings.Builder
	for i := range 13 {
		v := 0
		for bit := 5 * i; bit < 5*i+5; bit++ {
			v = v<<1 | int(sum[bit/8]>>(7-bit%8)&1)
		}
		code.WriteByte("0123456789ABCDEFGHJKMNPQRSTVWXYZ"[v])
	}
	return code.String()
}

// withCodes replaces the placeholders of s in order by code(0), code(1)...
func withCodes(s string, code func(occurrence int) string) string {
	parts := strings.Split(s, trace.Placeholder)
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(code(i - 1))
		}
		b.WriteString(p)
	}
	return b.String()
}

// TestCodesAsDocumented: Mark writes, and Identify finds, the codes the
// package documentation defines, each placeholder's position counted as it
// says: the index among the advisory's sections (or artifacts) of the
// same class, whatever the class (one this module does not define
// included), and the occurrence within the field, for placeholders at the
// start of a field and right after one another.
func TestCodesAsDocumented(t *testing.T) {
	const vendor, other = disclosure.Class("x-vendor-notes"), disclosure.Class("x-vendor-other")
	a := disclosure.Advisory{
		ID:       "ADV-2025-0077",
		Revision: 3,
		Title:    "Codes as documented",
		Sections: []disclosure.Section{
			{Class: vendor, Title: "{{mark}}", Body: "{{mark}}{{mark}} and {{mark}}"},
			{Class: other, Body: "{{mark}}"},
			{Class: vendor, Body: "Second of its class: {{mark}}"},
			{Class: disclosure.ClassDescription, Body: "{{mark}} starts the description."},
			{Class: disclosure.ClassDescription, Title: "Again", Body: "No mark here."},
			{Class: disclosure.ClassDescription, Body: "Third description {{mark}}"},
		},
		Artifacts: []disclosure.Artifact{
			{Class: vendor, Name: "a.txt", Data: []byte("{{mark}}{{mark}}\n")},
			{Class: other, Name: "b.txt", Data: []byte("{{mark}}")},
			{Class: vendor, Name: "c.txt", Data: []byte("x = '{{mark}}'")},
			{Class: disclosure.ClassProofOfConcept, Name: "poc.py", Data: []byte("{{mark}}")},
		},
	}
	const partner = "partner-7"
	code := func(kind string, class disclosure.Class, index int, field string) func(int) string {
		return func(occurrence int) string {
			return docCode(testKey, a.ID, a.Revision, partner, kind, class, index, field, occurrence)
		}
	}
	sectionIndex := []int{0, 0, 1, 0, 1, 2}
	artifactIndex := []int{0, 0, 1, 0}
	ref := code("reference", "", 0, "")(0)
	refSection := disclosure.Section{Class: disclosure.ClassSummary, Title: "Reference",
		Body: "Reference of this copy: " + ref + ". Quote it when you ask about this advisory."}

	for _, summary := range []bool{true, false} {
		classes := []disclosure.Class{disclosure.ClassDescription, disclosure.ClassProofOfConcept, vendor, other}
		if summary {
			classes = append([]disclosure.Class{disclosure.ClassSummary}, classes...)
		}
		d := disclosure.Disclosure{PartnerID: partner, AdvisoryID: a.ID, Revision: a.Revision, Tier: "t",
			Entitled: true, Classes: classes, Advisory: a}
		m, err := trace.Mark(d, testKey)
		if err != nil {
			t.Fatal(err)
		}

		want := d
		want.Advisory.Sections = nil
		for i, s := range a.Sections {
			s.Title = withCodes(s.Title, code("section", s.Class, sectionIndex[i], "title"))
			s.Body = withCodes(s.Body, code("section", s.Class, sectionIndex[i], "body"))
			want.Advisory.Sections = append(want.Advisory.Sections, s)
		}
		if summary {
			want.Advisory.Sections = append(want.Advisory.Sections, refSection)
		}
		want.Advisory.Artifacts = nil
		for i, f := range a.Artifacts {
			f.Data = []byte(withCodes(string(f.Data), code("artifact", f.Class, artifactIndex[i], "data")))
			want.Advisory.Artifacts = append(want.Advisory.Artifacts, f)
		}
		if !reflect.DeepEqual(m, want) {
			t.Errorf("summary %v: marked copy\n%s\nwant\n%s", summary, mustJSON(t, m), mustJSON(t, want))
		}
	}

	// Identify finds each of those codes where the documentation puts it.
	d := disclosure.Disclosure{PartnerID: partner, AdvisoryID: a.ID, Revision: a.Revision, Entitled: true,
		Classes: []disclosure.Class{disclosure.ClassSummary}, Advisory: a}
	m, err := trace.Mark(d, testKey)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, s := range m.Advisory.Sections {
		text.WriteString(s.Title + "\n" + s.Body + "\n")
	}
	for _, f := range m.Advisory.Artifacts {
		text.WriteString(string(f.Data) + "\n")
	}
	type found struct {
		where      string
		occurrence int
		code       string
	}
	got := map[found]bool{}
	leak := []byte(text.String())
	match := only(t, identify(t, leak, testKey, a, []disclosure.Partner{{ID: "partner-6"}, {ID: partner}}), partner)
	checkFound(t, leak, []trace.Match{match})
	for _, f := range match.Found {
		got[found{f.Where, f.Occurrence, f.Code}] = true
	}
	wantFound := []found{
		{"sections[0].title", 0, code("section", vendor, 0, "title")(0)},
		{"sections[0].body", 0, code("section", vendor, 0, "body")(0)},
		{"sections[0].body", 1, code("section", vendor, 0, "body")(1)},
		{"sections[0].body", 2, code("section", vendor, 0, "body")(2)},
		{"sections[1].body", 0, code("section", other, 0, "body")(0)},
		{"sections[2].body", 0, code("section", vendor, 1, "body")(0)},
		{"sections[3].body", 0, code("section", disclosure.ClassDescription, 0, "body")(0)},
		{"sections[5].body", 0, code("section", disclosure.ClassDescription, 2, "body")(0)},
		{"artifacts[0].data", 0, code("artifact", vendor, 0, "data")(0)},
		{"artifacts[0].data", 1, code("artifact", vendor, 0, "data")(1)},
		{"artifacts[1].data", 0, code("artifact", other, 0, "data")(0)},
		{"artifacts[2].data", 0, code("artifact", vendor, 1, "data")(0)},
		{"artifacts[3].data", 0, code("artifact", disclosure.ClassProofOfConcept, 0, "data")(0)},
		{"reference", 0, ref},
	}
	for _, w := range wantFound {
		if !got[w] {
			t.Errorf("%s, occurrence %d: code %s not found", w.where, w.occurrence, w.code)
		}
	}
	if match.Distinct != len(wantFound) || len(got) != len(wantFound) {
		t.Errorf("%d distinct codes found, want %d: %+v", match.Distinct, len(wantFound), match.Found)
	}
}
