package csaf_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

// markKey is the key of the marking tests: public, for the tests only.
var markKey = []byte("csaf marking tests, not a secret")

// placeholderEdits put {{mark}} placeholders into the two ADV-2025-0042
// documents: in an element of every kind and of every class, in titles
// and texts, several in one text, in an undefined member's name and value.
// Each edit applies to the first occurrence of its text, in the documents
// that have it.
var placeholderEdits = [][2]string{
	{`"title": "Summary of the flaw"`, `"title": "Summary of the flaw ({{mark}})"`},
	{`with a code injection flaw (CVE-2025-49704).`, `with a code injection flaw (CVE-2025-49704). Case {{mark}}, and {{mark}}.`},
	{`not for redistribution before the public release.`, `not for redistribution before the public release. Copy {{mark}}.`},
	{`possible related bypass in another endpoint.`, `possible related bypass in another endpoint {{mark}}.`},
	{`"summary": "This advisory"`, `"summary": "This advisory {{mark}}"`},
	{`"summary": "The finder's write-up, embargoed"`, `"summary": "The finder's write-up, embargoed {{mark}}"`},
	{`"Alex Finder"`, `"Alex Finder {{mark}}"`},
	{`"summary": "finding the ToolPane authentication bypass"`, `"summary": "finding the ToolPane authentication bypass {{mark}}"`},
	{`"name": "Improper Authentication"`, `"name": "Improper Authentication {{mark}}"`},
	{`the finder agreed to the embargo.`, `the finder agreed to the embargo {{mark}}.`},
	{`names the sign-out page.`, `names the sign-out page ({{mark}}).`},
	{`deserializes attacker-supplied control data.`, `deserializes attacker-supplied control data (case {{mark}}).`},
	{`Unexpected .aspx files in the LAYOUTS folder;`, `Unexpected .aspx files ({{mark}}) in the LAYOUTS folder;`},
	{`and on w3wp.exe starting a command shell.`, `and on w3wp.exe starting a command shell. Rule {{mark}}.`},
	{`rotate the ASP.NET machine keys after patching.`, `rotate the ASP.NET machine keys after patching (ref {{mark}}).`},
	{`Install the July 2025 security update for SharePoint Server.`, `Install the July 2025 security update for SharePoint Server ({{mark}}).`},
	{`against internet-facing servers`, `against internet-facing servers ({{mark}})`},
	{`No known exploitation of this flaw on its own.`, `No known exploitation of this flaw on its own ({{mark}}).`},
	{`Government agencies and universities`, `Government agencies ({{mark}}) and universities`},
	{`and of the machine keys that sign its view state.`, `and of the machine keys that sign its view state {{mark}}.`},
	{`3. Observe the payload run as the application pool identity.`, `3. Observe the payload run as the application pool identity. Case {{mark}}.`},
	{`a harmless placeholder, not a working exploit.`, `a harmless placeholder {{mark}}, not a working exploit.`},
	{`"analyst_comment": "Finder may publish early;`, `"analyst_comment": "Finder may publish early {{mark}};`},
	{`"queue": "sharepoint"`, `"queue {{mark}}": "sharepoint"`},
	{`"x_internal_ticket": "VULN-20250701-18:`, `"x_internal_{{mark}}": "VULN-20250701-18 {{mark}}:`},
	{`"ticket": "VULN-20250701-18:`, `"ticket": "VULN-20250701-18 {{mark}}:`},
}

// placeheld returns a test document with the placeholders of
// placeholderEdits.
func placeheld(t testing.TB, name string) []byte {
	t.Helper()
	doc := readFile(t, filepath.Join("testdata", name))
	applied := 0
	for _, e := range placeholderEdits {
		if bytes.Contains(doc, []byte(e[0])) {
			doc = bytes.Replace(doc, []byte(e[0]), []byte(e[1]), 1)
			applied++
		}
	}
	if applied < 20 {
		t.Fatalf("%s: only %d placeholder edits apply", name, applied)
	}
	return doc
}

// markedDocuments are the documents the marking tests mark.
var markedDocuments = []string{"adv-2025-0042.json", "adv-2025-0042-csaf21.json"}

// allClassesPolicy is the default policy whose validate tier also
// receives the unclassified class: its partners' copies keep the
// acknowledgments, involvements, other references and undefined members.
func allClassesPolicy() disclosure.Policy {
	p := disclosure.DefaultPolicy()
	for i := range p.Tiers {
		if p.Tiers[i].Name == "validate" {
			p.Tiers[i].Classes = append(p.Tiers[i].Classes, disclosure.ClassUnclassified)
		}
	}
	return p
}

// A markedCopy is one partner's marked CSAF copy, with what it was made
// from.
type markedCopy struct {
	d, marked disclosure.Disclosure
	partner   disclosure.Partner
	data      []byte
}

// markedCopies writes every entitled partner's marked copy of doc under
// policy.
func markedCopies(t *testing.T, doc []byte, policy disclosure.Policy, partners []disclosure.Partner) (disclosure.Advisory, []markedCopy) {
	t.Helper()
	a, err := readAdvisory(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	plan, err := disclosure.Plan(policy, a, partners)
	if err != nil {
		t.Fatal(err)
	}
	var out []markedCopy
	for _, d := range plan {
		if !d.Entitled {
			continue
		}
		marked, err := trace.Mark(d, markKey)
		if err != nil {
			t.Fatal(err)
		}
		p := partnerOf(t, partners, d.PartnerID)
		data, name, err := csaf.WriteMarked(doc, marked, p, csaf.DefaultOptions())
		if err != nil {
			t.Fatalf("%s: %v", d.PartnerID, err)
		}
		if want := csaf.FileName(csaf.CopyTrackingID(a.ID, d.PartnerID)); name != want {
			t.Errorf("%s: file name %q, want %q", d.PartnerID, name, want)
		}
		out = append(out, markedCopy{d: d, marked: marked, partner: p, data: data})
	}
	if len(out) < 5 {
		t.Fatalf("only %d partners entitled", len(out))
	}
	return a, out
}

// received returns the index in a.Sections of each section of d's copy:
// d receives each class whole, in the advisory's order.
func received(a disclosure.Advisory, d disclosure.Disclosure) []int {
	var out []int
	for i, s := range a.Sections {
		if d.Receives(s.Class) {
			out = append(out, i)
		}
	}
	return out
}

// withoutReferenceNote returns the sections of a marked copy read back,
// without the note that holds the copy's reference, and that note's text.
func withoutReferenceNote(sections []disclosure.Section) ([]disclosure.Section, string) {
	var out []disclosure.Section
	ref := ""
	for _, s := range sections {
		if _, ok := trace.ReferenceCode(disclosure.Section{Class: disclosure.ClassSummary, Title: s.Title, Body: s.Body}); ok {
			ref = s.Body
			continue
		}
		out = append(out, s)
	}
	return out, ref
}

// TestWriteMarkedHoldsTheCodes checks every partner's marked copy of both
// placeholder documents, under the default policy and under one that gives
// the unclassified class too: read back, its elements are those of the
// partner's marked copy of the advisory, code for code, in the same places,
// plus one note with its reference; no placeholder is left; and without
// the codes and that note, it is WriteFor's copy, byte for byte.
func TestWriteMarkedHoldsTheCodes(t *testing.T) {
	partners := demoPartners(t)
	for _, name := range markedDocuments {
		doc := placeheld(t, name)
		for _, policy := range []disclosure.Policy{disclosure.DefaultPolicy(), allClassesPolicy()} {
			a, copies := markedCopies(t, doc, policy, partners)
			for _, c := range copies {
				at := fmt.Sprintf("%s, %s (classes %v)", name, c.d.PartnerID, c.d.Classes)
				if bytes.Contains(c.data, []byte(trace.Placeholder)) {
					t.Errorf("%s: a placeholder is left in the copy", at)
				}
				back, err := csaf.Read(c.data, csaf.DefaultOptions())
				if err != nil {
					t.Fatalf("%s: the copy is not read back: %v", at, err)
				}
				got, ref := withoutReferenceNote(asOriginal(back.Advisory.Sections))
				want := c.marked.Advisory.Sections
				wantRef := want[len(want)-1]
				if code, ok := trace.ReferenceCode(wantRef); !ok || ref != wantRef.Body {
					t.Errorf("%s: the reference note says %q, want %q (%s)", at, ref, wantRef.Body, code)
				}
				want = want[:len(want)-1]
				if len(got) != len(want) {
					t.Fatalf("%s: %d sections read back, want %d", at, len(got), len(want))
				}
				for i := range want {
					// A note read back in the copy has its class again.
					if got[i] != want[i] {
						t.Errorf("%s: section %d\n got %+v\nwant %+v", at, i, got[i], want[i])
					}
				}

				plain, _, err := csaf.WriteFor(doc, c.d, c.partner, csaf.DefaultOptions())
				if err != nil {
					t.Fatal(err)
				}
				if unmarked := unmark(t, c.data, c.marked, a); !bytes.Equal(unmarked, plain) {
					t.Errorf("%s: without its codes and reference note, the marked copy is not WriteFor's copy:\n%s", at, firstDiff(unmarked, plain))
				}
			}
		}
	}
}

// unmark returns a marked copy with each code of its sections replaced by
// the placeholder again, and without its reference note.
func unmark(t *testing.T, data []byte, marked disclosure.Disclosure, a disclosure.Advisory) []byte {
	t.Helper()
	sections := marked.Advisory.Sections
	ref := sections[len(sections)-1]
	note := "\n      {\n        \"category\": \"general\",\n        \"text\": \"" + ref.Body + "\",\n        \"title\": \"Reference\"\n      }"
	if !bytes.Contains(data, []byte(","+note)) {
		t.Fatalf("the reference note is not the last of /document/notes:\n%s", data)
	}
	data = bytes.Replace(data, []byte(","+note), nil, 1)
	for _, m := range matchesOf(t, data, a) {
		for _, f := range m.Found {
			data = bytes.ReplaceAll(data, []byte(f.Code), []byte(trace.Placeholder))
		}
	}
	return data
}

// matchesOf is trace.Identify of data under markKey, for the demo partners.
func matchesOf(t *testing.T, data []byte, a disclosure.Advisory) []trace.Match {
	t.Helper()
	ms, err := trace.Identify(data, markKey, a, demoPartners(t))
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// firstDiff shows where two texts start to differ.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-120)
	return fmt.Sprintf("got  …%s\nwant …%s", got[from:min(len(got), i+120)], want[from:min(len(want), i+120)])
}

// TestWriteMarkedTracesEachElement cuts every marked element out of every
// partner's marked copy, as its text and as the JSON string the file
// holds, and checks that trace.Identify, given the advisory Read returns
// for the original document, names exactly that partner, with each code
// where the placeholder was; and the same for the reference note, and for
// the whole file.
func TestWriteMarkedTracesEachElement(t *testing.T) {
	partners := demoPartners(t)
	for _, name := range markedDocuments {
		doc := placeheld(t, name)
		a, copies := markedCopies(t, doc, allClassesPolicy(), partners)
		ix, err := trace.NewIndex(markKey, a, partners)
		if err != nil {
			t.Fatal(err)
		}
		fragments := 0
		for _, c := range copies {
			at := name + ", " + c.d.PartnerID
			sections := c.marked.Advisory.Sections
			index := received(a, c.d)
			total := 1 // the reference
			for j, s := range sections[:len(sections)-1] {
				orig := a.Sections[index[j]]
				for _, f := range []struct{ field, text, orig string }{{"title", s.Title, orig.Title}, {"body", s.Body, orig.Body}} {
					if n := strings.Count(f.orig, trace.Placeholder); n > 0 {
						total += n
						where := fmt.Sprintf("sections[%d].%s", index[j], f.field)
						checkNamed(t, at+", "+where, ix.Identify([]byte(f.text)), c.d.PartnerID, n, where)
						fragments++
					}
				}
			}
			// Each JSON string of the file that holds a code, cut out as
			// it is there: a note's text, a remediation's details...
			inLiterals := 0
			for _, lit := range jsonStrings(c.data) {
				if ms := ix.Identify(lit); len(ms) > 0 {
					checkNamed(t, fmt.Sprintf("%s, the JSON string %.60s", at, lit), ms, c.d.PartnerID, ms[0].Distinct, ms[0].Found[0].Where)
					inLiterals += ms[0].Distinct
				}
			}
			if inLiterals != total {
				t.Errorf("%s: the JSON strings hold %d codes, want %d", at, inLiterals, total)
			}
			ref := sections[len(sections)-1].Body
			if !bytes.Contains(c.data, []byte(`"`+ref+`"`)) {
				t.Errorf("%s: the reference sentence is not in the copy", at)
			}
			checkNamed(t, at+", reference note", ix.Identify([]byte(ref)), c.d.PartnerID, 1, "reference")
			ms := ix.Identify(c.data)
			if len(ms) != 1 || ms[0].Partner != c.d.PartnerID || ms[0].Distinct != total {
				t.Errorf("%s: the whole copy gives %+v, want %s alone with %d codes", at, ms, c.d.PartnerID, total)
			}
		}
		if fragments < 100 {
			t.Errorf("%s: only %d fragments traced", name, fragments)
		}
	}
}

// jsonStrings returns every JSON string of a document as it is written
// there, quotes and escapes included.
func jsonStrings(doc []byte) [][]byte {
	return regexp.MustCompile(`"(?:[^"\\]|\\.)*"`).FindAll(doc, -1)
}

// checkNamed checks that ms names partner alone, with n codes, all placed
// in where.
func checkNamed(t *testing.T, at string, ms []trace.Match, partner string, n int, where string) {
	t.Helper()
	if len(ms) != 1 || ms[0].Partner != partner {
		t.Errorf("%s: names %v, want %s alone", at, partnersOf(ms), partner)
		return
	}
	if ms[0].Distinct != n {
		t.Errorf("%s: %d codes found, want %d", at, ms[0].Distinct, n)
	}
	for _, f := range ms[0].Found {
		if f.Where != where {
			t.Errorf("%s: code %s placed in %s, want %s", at, f.Code, f.Where, where)
		}
	}
}

func partnersOf(ms []trace.Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Partner)
	}
	return out
}
