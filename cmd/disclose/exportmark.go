package main

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

// A csafMarker writes the marked CSAF copies of an export, and reads each
// back as trace would before it is written: a copy whose codes do not
// name its partner alone is an error, never a file.
type csafMarker struct {
	ix     *trace.Index
	marks  map[string]marking // what each copy written holds, by partner
	warned bool               // a placeholder left outside the elements was reported
}

// newCSAFMarker marks every disclosure of the plan with key, in place,
// and returns the marker of their CSAF copies; nil, without a key.
func newCSAFMarker(key []byte, in *inputs) (*csafMarker, error) {
	if key == nil {
		return nil, nil
	}
	if err := markPlan(in.plan, key); err != nil {
		return nil, err
	}
	ix, err := trace.NewIndex(key, in.advisory, in.partners)
	if err != nil {
		return nil, err // unreachable: the key and the advisory were checked
	}
	return &csafMarker{ix: ix, marks: make(map[string]marking)}, nil
}

// write returns the CSAF copy of partner d, marked with d's codes when
// mk is not nil: the copy the plan gives. It records what a marked copy
// holds, and warns, once, of placeholders left outside the elements.
func (mk *csafMarker) write(e *env, in *inputs, d *disclosure.Disclosure) ([]byte, error) {
	p := partnerByID(in, d.PartnerID)
	if mk == nil {
		data, _, err := csaf.WriteFor(in.csafDoc, *d, p, in.csafOptions)
		return data, err
	}
	data, _, err := csaf.WriteMarked(in.csafDoc, *d, p, in.csafOptions)
	if err != nil {
		return nil, err
	}
	m, err := mk.check(in, d.PartnerID, data)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return data, nil // a copy to compare, not to write
	}
	mk.marks[d.PartnerID] = m
	if n := bytes.Count(data, []byte(trace.Placeholder)); n > 0 && !mk.warned {
		mk.warned = true
		fmt.Fprintf(e.stderr, "%s: warning: %s placeholders outside the notes, remediations and other elements that carry codes "+
			"(%d in %s's copy; in the title, a product name, the distribution text...) are written as is: partners receive a literal %s\n",
			in.advisoryFile, trace.Placeholder, n, oneLine(d.PartnerID), trace.Placeholder)
	}
	return data, nil
}

// check reads a marked copy as trace would, and returns what it holds:
// the codes of its partner alone, its reference among them.
func (mk *csafMarker) check(in *inputs, partner string, data []byte) (marking, error) {
	var m marking
	ms := mk.ix.Identify(data)
	if len(ms) != 1 || ms[0].Partner != partner {
		// Unreachable: WriteMarked writes the partner's own codes.
		var names []string
		for _, x := range ms {
			names = append(names, x.Partner)
		}
		return m, fmt.Errorf("the marked copy names %v when traced, not %s alone: not written", names, partner)
	}
	m.distinct = ms[0].Distinct
	for _, f := range ms[0].Found {
		if f.Where == "reference" {
			m.reference = f.Code
		} else if w := csafWhere(in.csaf, f.Where); !slices.Contains(m.where, w) {
			m.where = append(m.where, w)
		}
	}
	if m.reference == "" {
		return m, fmt.Errorf("the marked copy holds no reference code: not written") // unreachable: WriteMarked adds it
	}
	m.where = append([]string{"reference"}, m.where...)
	return m, nil
}

// marking returns what partner's marked copy holds, if mk wrote it.
func (mk *csafMarker) marking(partner string) (marking, bool) {
	if mk == nil {
		return marking{}, false
	}
	m, ok := mk.marks[partner]
	return m, ok
}

// csafWhere names the place of a code in a CSAF document: trace's
// "sections[3].body" is the element the section was read from,
// "vulnerabilities[0].notes[1]". Without a reading, or for another place,
// it returns where as it is.
func csafWhere(r *csaf.Reading, where string) string {
	rest, ok := strings.CutPrefix(where, "sections[")
	if !ok || r == nil {
		return where
	}
	n, _, ok := strings.Cut(rest, "]")
	i, err := strconv.Atoi(n)
	if !ok || err != nil || i < 0 || i >= len(r.Elements) {
		return where
	}
	return r.Elements[i].Path
}
