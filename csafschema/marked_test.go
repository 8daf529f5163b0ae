package csafschema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

// markKey marks the copies the validators check: public, for the tests.
var markKey = []byte("csafschema test key, not secret!")

// The members of the elements that get a placeholder in placeheld: the
// text of every note, the details of every remediation and threat, the
// summary of every acknowledgment and involvement.
var placeholderFields = map[string]string{
	"notes":           "text",
	"remediations":    "details",
	"threats":         "details",
	"acknowledgments": "summary",
	"involvements":    "summary",
}

// placeheld returns src with a {{mark}} placeholder in each element of
// placeholderFields, written under dir, so that its marked copies have a
// code wherever a partner receives one of them. Its name says so; nil if
// src has none of them.
func placeheld(t *testing.T, src *source, dir string) *source {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(src.doc))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		t.Fatalf("%s: %v", src.name, err)
	}
	n := addPlaceholders(root)
	if n == 0 {
		return nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, filepath.Base(src.path))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return &source{name: src.name + " with " + trace.Placeholder + " placeholders", path: path, doc: b.Bytes()}
}

// addPlaceholders adds a placeholder to each element of placeholderFields
// in v, and says how many it added.
func addPlaceholders(v any) int {
	n := 0
	switch x := v.(type) {
	case map[string]any:
		for key, val := range x {
			if field, ok := placeholderFields[key]; ok {
				if list, ok := val.([]any); ok {
					for _, e := range list {
						if o, ok := e.(map[string]any); ok {
							if s, ok := o[field].(string); ok {
								o[field] = s + " (case " + trace.Placeholder + ")"
								n++
							}
						}
					}
				}
			}
			n += addPlaceholders(val)
		}
	case []any:
		for _, e := range x {
			n += addPlaceholders(e)
		}
	}
	return n
}

// markedCopiesOf writes every entitled partner's marked copy of src, as
// "disclose export --all --mark-key-file" does, and checks what the
// validators do not: no placeholder is left, and the copy, traced, names
// its partner alone. A document csaf.Read refuses has no copies.
func markedCopiesOf(t *testing.T, src *source, partners []disclosure.Partner) []partnerCopy {
	t.Helper()
	opts := csaf.DefaultOptions()
	r, err := csaf.Read(src.doc, opts)
	if err != nil {
		return nil
	}
	plan, err := disclosure.Plan(disclosure.DefaultPolicy(), r.Advisory, partners)
	if err != nil {
		t.Fatalf("%s: %v", src.name, err)
	}
	ix, err := trace.NewIndex(markKey, r.Advisory, partners)
	if err != nil {
		t.Fatal(err)
	}
	var copies []partnerCopy
	for _, d := range plan {
		if !d.Entitled {
			continue
		}
		marked, err := trace.Mark(d, markKey)
		if err != nil {
			t.Fatal(err)
		}
		var p disclosure.Partner
		for _, q := range partners {
			if q.ID == d.PartnerID {
				p = q
			}
		}
		data, name, err := csaf.WriteMarked(src.doc, marked, p, opts)
		if err != nil {
			t.Errorf("%s for %s: %v", src.name, d.PartnerID, err)
			continue
		}
		if bytes.Contains(data, []byte(trace.Placeholder)) {
			t.Errorf("%s for %s: a placeholder is left in the marked copy", src.name, d.PartnerID)
		}
		if ms := ix.Identify(data); len(ms) != 1 || ms[0].Partner != d.PartnerID {
			t.Errorf("%s for %s: the marked copy, traced, names %+v", src.name, d.PartnerID, ms)
		}
		copies = append(copies, partnerCopy{src: src, d: d, partner: p, data: data, file: name, marked: true})
	}
	return copies
}

// withMarked returns, for each source, its unmarked copies, then the
// marked copies of its placeheld version (written under dir; of the source
// itself when it has nothing to hold a placeholder), and the placeheld
// versions, which their copies are compared with.
func withMarked(t *testing.T, sources []*source, partners []disclosure.Partner, dir string) (copies []partnerCopy, variants []*source) {
	t.Helper()
	for i, src := range sources {
		cs, ok := copiesOf(t, src, partners)
		if !ok {
			continue
		}
		copies = append(copies, cs...)
		v := placeheld(t, src, filepath.Join(dir, "placeheld", fmt.Sprint(i)))
		if v == nil {
			// Nothing to put a placeholder in: the marked copies have
			// their reference note alone.
			copies = append(copies, markedCopiesOf(t, src, partners)...)
			continue
		}
		variants = append(variants, v)
		copies = append(copies, markedCopiesOf(t, v, partners)...)
	}
	return copies, variants
}
