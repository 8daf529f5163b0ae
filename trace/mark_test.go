package trace_test

import (
	"reflect"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

// TestMarkNothingToMark: a copy without placeholders, for a partner that
// does not receive the summary, has nothing to mark: Mark returns it as it
// was, a list or data that is absent still absent and one that is empty
// still empty.
func TestMarkNothingToMark(t *testing.T) {
	a := disclosure.Advisory{
		ID:       "ADV-2025-0078",
		Revision: 1,
		Title:    "Nothing to mark",
		Artifacts: []disclosure.Artifact{
			{Class: disclosure.ClassProofOfConcept, Name: "none"},
			{Class: disclosure.ClassProofOfConcept, Name: "empty", Data: []byte{}},
			{Class: disclosure.ClassProofOfConcept, Name: "poc.py", Data: []byte("print('no mark')\n")},
		},
	}
	d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Tier: "poc", Entitled: true,
		Classes: []disclosure.Class{disclosure.ClassProofOfConcept}, Advisory: a}
	for name, sections := range map[string][]disclosure.Section{
		"no sections":    nil,
		"empty sections": {},
		"sections": {
			{Class: disclosure.ClassProofOfConcept, Title: "Steps", Body: "Run it."},
		},
	} {
		d.Advisory.Sections = sections
		m, err := trace.Mark(d, testKey)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(m, d) {
			t.Errorf("%s: Mark changed a copy without placeholders:\n%#v\n%#v", name, d.Advisory, m.Advisory)
		}
	}
}
