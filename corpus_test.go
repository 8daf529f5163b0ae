package disclosure_test

import (
	"flag"
	"testing"

	"github.com/disclosurekit/disclosure/disclosuretest"
)

var update = flag.Bool("update", false, "rewrite the expectations of testdata/corpus from the actual outcomes")

// TestCorpus runs the JSON cases of testdata/corpus: each names its
// policy (or the default), advisory and partners, and the outcome expected
// for every partner, with its remedies. Run with -update to rewrite
// expectations, then review the diff.
func TestCorpus(t *testing.T) {
	disclosuretest.RunCorpus(t, "testdata/corpus", disclosuretest.CorpusOptions{Update: *update})
}
