package csaf_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// FuzzRead: no input panics Read or Write; the Reading's WriteFor writes
// what Write writes from the document; every error is a
// ValidationError of the document; only valid JSON is read; a document
// that reads gives a valid advisory, and writing it for a partner of every
// class and for a partner of the summary alone gives documents that read
// back as that partner's share of the advisory (but for the copy's own
// identity), or, for the summary alone, a refusal that names the CSAF
// mandatory test the copy would fail.
func FuzzRead(f *testing.F) {
	for _, path := range documents(f) {
		// The 237 KB CISA advisory would slow every mutation and brings
		// no structure the smaller documents lack.
		if doc := readFile(f, path); len(doc) < 32<<10 {
			f.Add(doc)
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		r, err := csaf.Read(doc, csaf.DefaultOptions())
		a := r.Advisory
		if err != nil {
			var ve *disclosure.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, csaf.ErrInvalidDocument) || len(ve.Problems) == 0 {
				t.Fatalf("error %v (%T) is not a ValidationError of the document", err, err)
			}
			for _, p := range ve.Problems {
				if p.Message == "" {
					t.Fatalf("a problem at %q has no message", p.Path)
				}
			}
			if !json.Valid(doc) && !isSyntax(ve.Problems[0].Message) {
				t.Fatalf("invalid JSON reported as %q", ve.Problems[0].Error())
			}
			return
		}
		if !json.Valid(doc) {
			t.Fatalf("Read accepted invalid JSON")
		}
		if err := a.Validate(); err != nil {
			t.Fatalf("Read returned an invalid advisory: %v", err)
		}
		for _, classes := range [][]disclosure.Class{disclosure.Classes(), {disclosure.ClassSummary}} {
			d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true,
				ReleaseAt: a.PublicAt, PublishNotBefore: a.PublicAt, TLP: disclosure.TLPAmberStrict, Classes: classes}
			out, name, err := csaf.Write(doc, d, csaf.DefaultOptions())
			if out2, name2, err2 := r.WriteFor(d, disclosure.Partner{ID: d.PartnerID}); !slices.Equal(out2, out) || name2 != name || fmt.Sprint(err2) != fmt.Sprint(err) {
				t.Fatalf("the Reading's WriteFor gave %q (%v), Write %q (%v)", name2, err2, name, err)
			}
			if errors.Is(err, csaf.ErrMandatoryTest) && len(classes) < len(disclosure.Classes()) {
				// What a mandatory test requires of the document's
				// category is withheld: refused, naming the test.
				if !strings.Contains(err.Error(), "CSAF mandatory test 6.1.") {
					t.Fatalf("a refusal that names no test: %v", err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("Write of a readable document: %v", err)
			}
			if !json.Valid(out) || !strings.HasSuffix(name, ".json") {
				t.Fatalf("Write gave invalid JSON or the file name %q:\n%s", name, out)
			}
			back, err := readAdvisory(out, csaf.DefaultOptions())
			if err != nil {
				t.Fatalf("the written document does not read: %v\n%s", err, out)
			}
			want := a
			want.ID = csaf.CopyTrackingID(a.ID, d.PartnerID)
			if name != csaf.FileName(want.ID) {
				t.Fatalf("the copy's file name is %q, want %q", name, csaf.FileName(want.ID))
			}
			// The copy carries the partner's label (AMBER+STRICT, which
			// CSAF 2.0 writes AMBER) or the document's, if stricter.
			if tlpRank(back.TLP) < tlpRank(a.TLP) || tlpRank(back.TLP) < tlpRank(disclosure.TLPAmber) {
				t.Fatalf("the copy is labelled %q; the document %q, the partner AMBER+STRICT", back.TLP, a.TLP)
			}
			want.TLP = back.TLP
			if back.PublicAt.After(a.PublicAt) {
				// A revised public document counts from its first
				// release; the copy, not labelled CLEAR, from its latest.
				want.PublicAt, d.PublishNotBefore = back.PublicAt, back.PublicAt
			}
			want.Sections = slices.DeleteFunc(slices.Clone(a.Sections), func(s disclosure.Section) bool { return !slices.Contains(classes, s.Class) })
			if len(want.Sections) == 0 {
				want.Sections = nil
			}
			got := back
			got.Sections = asOriginal(back.Sections)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("classes %v: read back\n%+v\nwant\n%+v", classes, got, want)
			}
			// Written again for the same partner, the copy keeps what it
			// holds of the partner's classes.
			d2 := d
			d2.AdvisoryID = back.ID
			again, _, err := csaf.Write(out, d2, csaf.DefaultOptions())
			if err != nil {
				t.Fatalf("writing the written document again: %v", err)
			}
			back2, err := readAdvisory(again, csaf.DefaultOptions())
			kept := slices.DeleteFunc(slices.Clone(back.Sections), func(s disclosure.Section) bool { return !d.Receives(s.Class) })
			if err != nil || !reflect.DeepEqual(asOriginal(back2.Sections), asOriginal(kept)) {
				t.Fatalf("writing the written document again changed its elements (err %v)", err)
			}
		}
	})
}

// isSyntax reports whether a message is about the JSON text itself. A
// repeated key may be found before a later syntax error.
func isSyntax(msg string) bool {
	return strings.HasPrefix(msg, "invalid JSON at byte ") || msg == "no JSON value" ||
		strings.HasPrefix(msg, "unexpected data after the JSON value") || strings.HasPrefix(msg, "duplicate key ")
}
