package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

// checkMarked runs a CSAF case through the marked paths: export
// --mark-key-file, and the library's csaf.WriteMarked of trace.Mark's
// copy, on the case's document and on the same document with a {{mark}}
// placeholder after each occurrence of the secret (when it still reads).
// The secret reaches the partner by neither, nor does a placeholder of
// what holds it; a refused case is refused marked too.
func (c *leakCase) checkMarked(t *testing.T, doc []byte, partnerList, dir string) {
	t.Helper()
	docs := [][]byte{doc}
	placeheld := bytes.ReplaceAll(doc, []byte(c.Secret), []byte(c.Secret+" "+trace.Placeholder))
	if _, err := csaf.Read(placeheld, csaf.DefaultOptions()); err == nil && !bytes.Equal(placeheld, doc) {
		docs = append(docs, placeheld)
	}
	for i, d := range docs {
		name := filepath.Join(dir, "marked"+string(rune('0'+i)))
		advisory := name + ".json"
		writeFile(t, advisory, d)
		c.checkExport(t, advisory, partnerList, name, "--mark-key-file", testKeyFile)
		if !c.Refused {
			c.checkWriteMarked(t, d, readBack(t, partnerList))
		}
	}
}

// checkWriteMarked writes the partner's marked copy with the library.
func (c *leakCase) checkWriteMarked(t *testing.T, doc, partnerList []byte) {
	t.Helper()
	r, err := csaf.Read(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatalf("library: %v", err)
	}
	partners, err := disclosure.LoadPartners(bytes.NewReader(partnerList))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := disclosure.Plan(disclosure.DefaultPolicy(), c.flagged(t, r.Advisory), partners)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range plan {
		if d.PartnerID != c.Partner || !d.Entitled {
			continue
		}
		marked, err := trace.Mark(d, []byte(testKey))
		if err != nil {
			t.Fatal(err)
		}
		out, _, err := csaf.WriteMarked(doc, marked, disclosure.Partner{ID: d.PartnerID}, csaf.DefaultOptions())
		if err != nil {
			t.Fatalf("library: csaf.WriteMarked: %v", err)
		}
		if c.leaks(out) || bytes.Contains(out, []byte(trace.Placeholder)) {
			t.Errorf("library: the secret %q, or a placeholder after it, is in %s's marked CSAF copy", c.Secret, c.Partner)
		}
	}
}
