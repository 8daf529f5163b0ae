package csaf_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

// TestWriteMarkedFailsClosed checks what a marked copy never holds: a
// placeholder or a code of an element the partner does not receive, and
// any text of the disclosure other than codes and the reference sentence.
func TestWriteMarkedFailsClosed(t *testing.T) {
	partners := demoPartners(t)
	doc := placeheld(t, "adv-2025-0042.json")
	a, copies := markedCopies(t, doc, disclosure.DefaultPolicy(), partners)
	restricted := 0
	for _, c := range copies {
		if c.d.Receives(disclosure.ClassTechnicalDetails) {
			continue
		}
		restricted++
		// The codes every partner's copy of every withheld placeholder
		// would have: none is in this copy.
		for _, other := range copies {
			for _, f := range matchesOf(t, other.data, a)[0].Found {
				if f.Where == "reference" {
					continue
				}
				var i int
				fmt.Sscanf(f.Where, "sections[%d]", &i)
				if !c.d.Receives(a.Sections[i].Class) && bytes.Contains(c.data, []byte(f.Code)) {
					t.Errorf("%s's copy holds a code of %s, which it does not receive", c.d.PartnerID, f.Where)
				}
			}
		}
		for _, secret := range []string{"deserializes attacker-supplied", "Observe the payload", "Proof of concept for"} {
			if bytes.Contains(c.data, []byte(secret)) {
				t.Errorf("%s's copy holds %q", c.d.PartnerID, secret)
			}
		}
	}
	if restricted == 0 {
		t.Fatal("no partner without the technical details")
	}

	// Content slipped into the marked disclosure is refused, wherever it
	// is: in place of a code, around one, or as a section of its own.
	c := copies[0]
	tamper := func(f func(ss []disclosure.Section) []disclosure.Section) disclosure.Disclosure {
		d := c.marked
		d.Advisory.Sections = f(slices.Clone(d.Advisory.Sections))
		return d
	}
	// The first marked body of the copy, and its first code.
	first, code := -1, ""
	for j, i := range received(a, c.d) {
		if k := strings.Index(a.Sections[i].Body, trace.Placeholder); k >= 0 {
			first, code = j, c.marked.Advisory.Sections[j].Body[k:k+13]
			break
		}
	}
	if first < 0 || !trace.IsCodeForm(code) {
		t.Fatalf("no marked body in %s's copy", c.d.PartnerID)
	}
	secret := "SECRET TEXT"
	for _, tt := range []struct {
		name string
		d    disclosure.Disclosure
		want string
	}{
		{"unmarked", c.d, "not marked"},
		{"text in place of a code", tamper(func(ss []disclosure.Section) []disclosure.Section {
			ss[first].Body = strings.Replace(ss[first].Body, code, "Secret-text!!", 1)
			return ss
		}), "sections[" + fmt.Sprint(first) + "].body"},
		{"a code of the wrong form", tamper(func(ss []disclosure.Section) []disclosure.Section {
			ss[first].Body = strings.Replace(ss[first].Body, code, "ILOU000000000", 1)
			return ss
		}), "sections[" + fmt.Sprint(first) + "].body"},
		{"text after a code", tamper(func(ss []disclosure.Section) []disclosure.Section {
			ss[first].Body += secret
			return ss
		}), "sections[" + fmt.Sprint(first) + "].body"},
		{"an extra section", tamper(func(ss []disclosure.Section) []disclosure.Section {
			return slices.Insert(ss, len(ss)-1, disclosure.Section{Class: disclosure.ClassSummary, Title: secret, Body: secret})
		}), "one section more"},
		{"another reference", tamper(func(ss []disclosure.Section) []disclosure.Section {
			ss[len(ss)-1].Body = secret
			return ss
		}), "no reference section"},
		{"the reference not last", tamper(func(ss []disclosure.Section) []disclosure.Section {
			return append(ss[len(ss)-1:], ss[:len(ss)-1]...)
		}), "sections[0]"},
		{"a section left out", tamper(func(ss []disclosure.Section) []disclosure.Section {
			return slices.Delete(ss, 0, 1)
		}), "sections[0]"},
		{"no sections", tamper(func([]disclosure.Section) []disclosure.Section { return nil }), "not marked"},
		{"only the reference", tamper(func(ss []disclosure.Section) []disclosure.Section { return ss[len(ss)-1:] }), "sections[0]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := csaf.WriteMarked(doc, tt.d, c.partner, csaf.DefaultOptions())
			if err == nil {
				t.Fatalf("written (%d bytes)", len(out))
			}
			if !errors.Is(err, disclosure.ErrInvalidDisclosure) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want one wrapping ErrInvalidDisclosure that says %q", err, tt.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("the error repeats the text slipped in")
			}
		})
	}
}

// TestWriteMarkedOutsideElements checks that a placeholder outside every
// element stays as written (the document's title, the original's
// distribution text, which every copy quotes), as trace.Mark leaves an
// advisory's title, and that a document without placeholders gets the
// reference note alone, also when it has no notes.
func TestWriteMarkedOutsideElements(t *testing.T) {
	partners := demoPartners(t)
	doc := readFile(t, filepath.Join("testdata", "adv-2025-0042.json"))
	doc = bytes.Replace(doc, []byte(`"title": "SharePoint Server remote code execution"`), []byte(`"title": "SharePoint Server remote code execution {{mark}}"`), 1)
	doc = bytes.Replace(doc, []byte(`program only.`), []byte(`program only. {{mark}}`), 1)
	_, copies := markedCopies(t, doc, disclosure.DefaultPolicy(), partners)
	for _, c := range copies {
		if n := bytes.Count(c.data, []byte(trace.Placeholder)); n != 2 {
			t.Errorf("%s: %d placeholders in the copy, want the 2 outside elements", c.d.PartnerID, n)
		}
	}

	// No notes at all: the reference note makes /document/notes, before
	// the publisher.
	for _, name := range []string{"2022-evd-uc-01-a-001.json", "bsi-2022-0001.json", "rhsa-2021_5186.json"} {
		doc := readFile(t, filepath.Join("testdata", name))
		_, plan := planFor(t, doc, partners)
		for _, d := range plan {
			if !d.Entitled {
				continue
			}
			marked, err := trace.Mark(d, markKey)
			if err != nil {
				t.Fatal(err)
			}
			out, _, err := csaf.WriteMarked(doc, marked, partnerOf(t, partners, d.PartnerID), csaf.DefaultOptions())
			if err != nil {
				t.Fatalf("%s, %s: %v", name, d.PartnerID, err)
			}
			ref := marked.Advisory.Sections[len(marked.Advisory.Sections)-1].Body
			if n := bytes.Count(out, []byte(ref)); n != 1 {
				t.Errorf("%s, %s: the reference is %d times in the copy", name, d.PartnerID, n)
			}
			back, err := csaf.Read(out, csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if _, got := withoutReferenceNote(back.Advisory.Sections); got != ref {
				t.Errorf("%s, %s: no reference note read back", name, d.PartnerID)
			}
		}
	}
}

// TestWriteMarkedGolden compares the marked copies of the first placeholder
// document for three demo partners with the files under testdata/golden.
// Run "go test -update" to rewrite them, and read the diff.
func TestWriteMarkedGolden(t *testing.T) {
	partners := demoPartners(t)
	_, copies := markedCopies(t, placeheld(t, markedDocuments[0]), disclosure.DefaultPolicy(), partners)
	for _, c := range copies {
		if c.d.PartnerID != "ardentic" && c.d.PartnerID != "eurivon" && c.d.PartnerID != "jinlumo" {
			continue
		}
		path := filepath.Join("testdata", "golden", "marked-"+strings.TrimSuffix(markedDocuments[0], ".json")+"."+c.d.PartnerID+".json")
		if *update {
			if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(c.data, want) {
			t.Errorf("the marked copy for %s differs from %s (run go test -update and read the diff)", c.d.PartnerID, path)
		}
	}
}
