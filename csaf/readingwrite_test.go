package csaf_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

// writeCase is one call of a writer, and what it gave.
type writeCase struct {
	name string
	d    disclosure.Disclosure
	p    disclosure.Partner
}

type written struct {
	data []byte
	name string
	err  string
}

func result(data []byte, name string, err error) written {
	w := written{data: data, name: name}
	if err != nil {
		w.err = err.Error()
	}
	return w
}

// writeCases returns, for a document, every demo partner's decision (the
// entitled and the others) and decisions that every writer must refuse or
// treat with care: another partner's ID, a decision without the summary,
// one with only the summary, one decided on another revision.
func writeCases(t *testing.T, doc []byte) []writeCase {
	t.Helper()
	partners := demoPartners(t)
	_, plan := planFor(t, doc, partners)
	var cases []writeCase
	var entitled *disclosure.Disclosure
	for i, d := range plan {
		cases = append(cases, writeCase{d.PartnerID, d, partnerOf(t, partners, d.PartnerID)})
		if d.Entitled && entitled == nil {
			entitled = &plan[i]
		}
	}
	if entitled == nil {
		return cases
	}
	p := partnerOf(t, partners, entitled.PartnerID)
	other := *entitled
	other.PartnerID = "someone-else"
	noSummary := *entitled
	noSummary.Classes = []disclosure.Class{disclosure.ClassDescription}
	onlySummary := *entitled
	onlySummary.Classes = []disclosure.Class{disclosure.ClassSummary}
	revised := *entitled
	revised.Revision++
	return append(cases,
		writeCase{"another partner's decision", other, p},
		writeCase{"no summary", noSummary, p},
		writeCase{"only the summary", onlySummary, p},
		writeCase{"another revision", revised, p},
	)
}

// TestReadingWritesAsWriteFor checks, for every document under testdata
// and every case of writeCases, that a Reading's WriteFor gives what the
// function WriteFor gives from the document (bytes, name and error), with
// one Reading for all the cases; then that writing changed nothing of the
// Reading: the first case again gives the same bytes, and the Reading still
// equals a fresh Read of the document.
func TestReadingWritesAsWriteFor(t *testing.T) {
	opts := csaf.DefaultOptions()
	copies := 0
	for _, path := range documents(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc := readFile(t, path)
			r, err := csaf.Read(doc, opts)
			if err != nil {
				t.Skipf("not a valid document: %v", err)
			}
			cases := writeCases(t, doc)
			var first written
			for i, c := range cases {
				want := result(csaf.WriteFor(doc, c.d, c.p, opts))
				got := result(r.WriteFor(c.d, c.p))
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: Reading.WriteFor gave %q (%s), %d bytes; WriteFor %q (%s), %d bytes",
						c.name, got.name, got.err, len(got.data), want.name, want.err, len(want.data))
				}
				if got.err == "" {
					copies++
				}
				if i == 0 {
					first = got
				}
			}
			if again := result(r.WriteFor(cases[0].d, cases[0].p)); !reflect.DeepEqual(again, first) {
				t.Errorf("%s: a second write from the same Reading differs from the first", cases[0].name)
			}
			fresh, _ := csaf.Read(doc, opts)
			if !reflect.DeepEqual(exported(r), exported(fresh)) {
				t.Error("writing changed what the Reading says of the document")
			}
		})
	}
	if copies < 40 {
		t.Errorf("only %d copies written: the comparison checks too little", copies)
	}
}

// exported returns what a Reading says, without what it holds for writing.
func exported(r csaf.Reading) []any { return []any{r.Advisory, r.Label, r.Signals, r.Elements} }

// TestReadingWritesMarkedAsWriteMarked checks that a Reading's WriteMarked
// gives the function WriteMarked's marked copy for every entitled partner
// of both placeholder documents, and its refusal of a disclosure that is
// not marked.
func TestReadingWritesMarkedAsWriteMarked(t *testing.T) {
	opts := csaf.DefaultOptions()
	for _, name := range markedDocuments {
		doc := placeheld(t, name)
		r, err := csaf.Read(doc, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range writeCases(t, doc) {
			marked, err := trace.Mark(c.d, markKey)
			if err != nil {
				marked = c.d // not entitled, or not a decision trace.Mark takes: written unmarked
			}
			for _, m := range []disclosure.Disclosure{marked, c.d} {
				want := result(csaf.WriteMarked(doc, m, c.p, opts))
				got := result(r.WriteMarked(m, c.p))
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s, %s: Reading.WriteMarked gave %q (%s); WriteMarked %q (%s)", name, c.name, got.name, got.err, want.name, want.err)
				}
			}
		}
	}
}

// TestReadingWritesAtOnce writes every partner's copy from one Reading in
// several goroutines at once (the race detector watches the tree they
// share), and checks each against the copy written alone.
func TestReadingWritesAtOnce(t *testing.T) {
	doc := readFile(t, "testdata/adv-2025-0042.json")
	opts := csaf.DefaultOptions()
	r, err := csaf.Read(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	cases := writeCases(t, doc)
	alone := make([]written, len(cases))
	for i, c := range cases {
		alone[i] = result(csaf.WriteFor(doc, c.d, c.p, opts))
	}
	var wg sync.WaitGroup
	for range 4 {
		for i, c := range cases {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if got := result(r.WriteFor(c.d, c.p)); !reflect.DeepEqual(got, alone[i]) {
					t.Errorf("%s: another copy when written at once with others", c.name)
				}
			}()
		}
	}
	wg.Wait()
}

// TestReadingNotRead checks that a Reading that Read did not return, zero
// or decoded from a Reading's JSON, writes nothing, whatever the
// disclosure.
func TestReadingNotRead(t *testing.T) {
	doc := readFile(t, "testdata/adv-2025-0042.json")
	r, err := csaf.Read(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	_, plan := planFor(t, doc, demoPartners(t))
	var d disclosure.Disclosure
	for _, x := range plan {
		if x.Entitled {
			d = x
		}
	}
	p := disclosure.Partner{ID: d.PartnerID}
	if _, _, err := r.WriteFor(d, p); err != nil {
		t.Fatalf("the Reading Read returned: %v", err)
	}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var decoded csaf.Reading
	if err := json.Unmarshal(data, &decoded); err != nil {
		t.Fatal(err)
	}
	for name, x := range map[string]csaf.Reading{"zero": {}, "decoded from JSON": decoded, "fields copied": {Advisory: r.Advisory, Elements: r.Elements}} {
		for _, write := range []func(disclosure.Disclosure, disclosure.Partner) ([]byte, string, error){x.WriteFor, x.WriteMarked} {
			out, file, err := write(d, p)
			if !errors.Is(err, csaf.ErrInvalidDocument) || out != nil || file != "" {
				t.Errorf("%s Reading: wrote %d bytes, %q, error %v; want nothing and ErrInvalidDocument", name, len(out), file, err)
			}
		}
	}
}

// TestReadingKeepsItsOptions checks that a Reading writes with the options
// it was read with: the sharing group of a CSAF 2.1 copy follows the
// namespace given to Read, not another one given later.
func TestReadingKeepsItsOptions(t *testing.T) {
	doc := readFile(t, "testdata/adv-2025-0042-csaf21.json")
	opts := csaf.DefaultOptions()
	opts.SharingGroupNamespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"
	r, err := csaf.Read(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	_, plan := planFor(t, doc, demoPartners(t))
	var d disclosure.Disclosure
	for _, x := range plan {
		if x.Entitled && x.ReleaseAt.Before(x.PublishNotBefore) {
			d = x
		}
	}
	if d.PartnerID == "" {
		t.Fatal("no partner entitled before the public release")
	}
	p := disclosure.Partner{ID: d.PartnerID, Name: "Partner " + d.PartnerID}
	want, _, err := csaf.WriteFor(doc, d, p, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.SharingGroupNamespace = "6ba7b812-9dad-11d1-80b4-00c04fd430c8"
	other, _, err := csaf.WriteFor(doc, d, p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(want, other) {
		t.Fatal("the namespace does not change the copy: the test checks nothing")
	}
	got, _, err := r.WriteFor(d, p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("the Reading did not write with the options it was read with")
	}
}
