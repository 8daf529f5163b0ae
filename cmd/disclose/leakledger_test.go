package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// checkExportLedger runs export --ledger on a case of the leak corpus one
// second before the earliest instant anything may reach its partner (or
// now, if never): nothing is written for the partner, nor recorded; a
// refused case writes and records nothing at all.
func (c *leakCase) checkExportLedger(t *testing.T, advisory, partners, out string) {
	t.Helper()
	record := filepath.Join(out, "record.jsonl")
	more := []string{"--all", "--out", out, "--ledger", record}
	if c.NotBefore != "" && c.NotBefore != "never" {
		floor, err := time.Parse(time.RFC3339, c.NotBefore)
		if err != nil {
			t.Fatalf("not_before: %v", err)
		}
		more = append(more, "--at", floor.Add(-time.Second).Format(time.RFC3339))
	}
	r := disclose(t, "", c.args("export", advisory, partners, more...)...)
	if c.Refused {
		c.checkRefused(t, "export --ledger", r)
		if exists(out) {
			t.Errorf("export --ledger: a refused case wrote %s", out)
		}
		return
	}
	if r.code != exitOK {
		t.Fatalf("export --ledger: exit code %d; stderr:\n%s", r.code, r.stderr)
	}
	if files, _ := filepath.Glob(filepath.Join(out, c.Partner, "*")); len(files) > 0 {
		t.Errorf("export --ledger: %s has files %v before %s", c.Partner, files, c.NotBefore)
	}
	for _, e := range readRecordFile(t, record).Entries() {
		if e.Partner == c.Partner {
			t.Errorf("export --ledger: a copy to %s recorded at %s, before %s", c.Partner, e.At.Format(time.RFC3339), c.NotBefore)
		}
	}
}

// copyLabel returns the TLP label a copy carries: a CSAF document's, or
// an advisory's of this tool's format.
func copyLabel(t *testing.T, doc []byte) disclosure.TLP {
	t.Helper()
	if !isCSAF(doc) {
		a, err := disclosure.LoadAdvisory(bytes.NewReader(doc))
		if err != nil {
			t.Fatalf("the copy is not an advisory of this tool's format: %v", err)
		}
		return a.TLP
	}
	var d struct {
		Document struct {
			Distribution struct {
				TLP struct {
					Label string `json:"label"` // WHITE in CSAF 2.0
				} `json:"tlp"`
			} `json:"distribution"`
		} `json:"document"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatalf("the copy is not JSON: %v", err)
	}
	return disclosure.TLP(d.Document.Distribution.TLP.Label)
}
