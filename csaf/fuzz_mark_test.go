package csaf_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

// FuzzWriteMarked: for every document that reads, the marked copy for a
// partner of every class is written, and reads back as the partner's
// marked copy of the advisory, code for code, plus its reference note;
// and no placeholder of an element is left.
func FuzzWriteMarked(f *testing.F) {
	// Small documents: the fuzzer minimizes what it finds, and a large
	// one takes it the whole run.
	f.Add([]byte(smallMarked))
	f.Fuzz(func(t *testing.T, doc []byte) {
		a, err := readAdvisory(doc, csaf.DefaultOptions())
		if err != nil {
			if string(doc) == smallMarked {
				t.Fatalf("the seed does not read: %v", err)
			}
			return
		}
		d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true,
			ReleaseAt: a.PublicAt, PublishNotBefore: a.PublicAt, TLP: disclosure.TLPAmberStrict,
			Classes: disclosure.Classes(), Advisory: a}
		marked, err := trace.Mark(d, markKey)
		if err != nil {
			t.Fatalf("trace.Mark: %v", err)
		}
		out, _, err := csaf.WriteMarked(doc, marked, disclosure.Partner{ID: "p"}, csaf.DefaultOptions())
		if err != nil {
			t.Fatalf("WriteMarked of a readable document: %v", err)
		}
		back, err := readAdvisory(out, csaf.DefaultOptions())
		if err != nil {
			t.Fatalf("the marked copy does not read: %v\n%s", err, out)
		}
		got, ref := withoutReferenceNote(asOriginal(back.Sections))
		want := marked.Advisory.Sections
		if ref != want[len(want)-1].Body {
			t.Fatalf("reference note %q, want %q", ref, want[len(want)-1].Body)
		}
		if want = want[:len(want)-1]; !slices.Equal(got, want) {
			t.Fatalf("read back\n%+v\nwant\n%+v", got, want)
		}
		for _, s := range got {
			if strings.Contains(s.Title+s.Body, trace.Placeholder) {
				t.Fatalf("a placeholder is left in %q", s.Title)
			}
		}

	})
}

// smallMarked is a small CSAF 2.0 document with placeholders in elements
// of several kinds, an undefined member's name included.
const smallMarked = `{"document": {"category": "csaf_base", "csaf_version": "2.0",
 "notes": [{"category": "summary", "text": "A flaw {{mark}}.", "title": "S {{mark}}"}],
 "publisher": {"category": "vendor", "name": "V", "namespace": "https://v.example"},
 "title": "T", "x_{{mark}}": {"k {{mark}}": ["{{mark}}", 1]},
 "tracking": {"current_release_date": "2025-01-01T00:00:00Z", "id": "A-1", "initial_release_date": "2025-01-01T00:00:00Z",
  "revision_history": [{"date": "2025-01-01T00:00:00Z", "number": "1", "summary": "S"}], "status": "final", "version": "1"}},
 "vulnerabilities": [{"notes": [{"category": "details", "text": "{{mark}}{{mark}}"}],
  "remediations": [{"category": "workaround", "details": "Do {{mark}}.", "product_ids": ["P"]}],
  "acknowledgments": [{"names": ["N {{mark}}"], "summary": "{{mark}}"}]}]}`
