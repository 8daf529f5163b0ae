package main

// The marks of export's copies: each copy made with --mark-key-file is
// read back as trace would before it is written, and what it holds is
// listed.

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

// marked returns the marked copy of d, and what it holds: for a CSAF
// advisory, the document Reading.WriteMarked makes of trace.Mark's copy; for
// an advisory of this tool's format, trace.Mark's copy in that format. A
// copy whose codes do not name its partner alone is an error, never a
// file.
func (m *copyMaker) marked(d *disclosure.Disclosure) ([]byte, *marking, error) {
	c, err := trace.Mark(*d, m.key)
	if err != nil {
		return nil, nil, fmt.Errorf("marking the copy: %w", err) // unreachable: the key was checked
	}
	if !m.csaf() {
		mk, err := m.check(d.PartnerID, copyText(&c.Advisory), false)
		if err != nil {
			return nil, nil, err
		}
		return nativeCopy(&c), mk, nil
	}
	data, _, err := m.in.csaf.WriteMarked(c, partnerByID(m.in, d.PartnerID))
	if err != nil {
		return nil, nil, err
	}
	mk, err := m.check(d.PartnerID, data, true)
	if err != nil {
		return nil, nil, err
	}
	return data, mk, nil
}

// check reads a marked copy as trace would, and returns what it holds:
// the codes of its partner alone, its reference among them (which a CSAF
// copy always has, and a copy of this tool's format has when it has a
// summary).
func (m *copyMaker) check(partner string, data []byte, needReference bool) (*marking, error) {
	mk := &marking{}
	ms := m.ix.Identify(data)
	if len(ms) > 1 || len(ms) == 1 && ms[0].Partner != partner || len(ms) == 0 && needReference {
		// Unreachable: Mark and WriteMarked write the partner's own codes.
		var names []string
		for _, x := range ms {
			names = append(names, x.Partner)
		}
		return nil, fmt.Errorf("the marked copy names %v when traced, not %s alone: not written", names, partner)
	}
	if len(ms) == 0 {
		return mk, nil // no placeholder, no summary: nothing to mark
	}
	mk.distinct = ms[0].Distinct
	for _, f := range ms[0].Found {
		mk.codes = append(mk.codes, f.Code)
		if f.Where == "reference" {
			mk.reference = f.Code
		} else if w := csafWhere(m.in.csaf, f.Where); !slices.Contains(mk.where, w) {
			mk.where = append(mk.where, w)
		}
	}
	mk.codes = slices.Compact(slices.Sorted(slices.Values(mk.codes)))
	switch {
	case mk.reference != "":
		mk.where = append([]string{"reference"}, mk.where...)
	case needReference:
		return nil, fmt.Errorf("the marked copy holds no reference code: not written") // unreachable: WriteMarked adds it
	}
	return mk, nil
}

// wrote records what partner d's marked copy, just written, holds, and
// warns, once, of placeholders a CSAF copy leaves outside the elements.
func (m *copyMaker) wrote(d *disclosure.Disclosure, data []byte, mk *marking) {
	if mk == nil {
		return
	}
	m.marks[d.PartnerID] = *mk
	if !m.csaf() || m.warned || m.stderr == nil {
		return
	}
	if n := bytes.Count(data, []byte(trace.Placeholder)); n > 0 {
		m.warned = true
		fmt.Fprintf(m.stderr, "%s: warning: %s placeholders outside the notes, remediations and other elements that carry codes "+
			"(%d in %s's copy; in the title, a product name, the distribution text...) are written as is: partners receive a literal %s\n",
			m.in.advisoryFile, trace.Placeholder, n, oneLine(d.PartnerID), trace.Placeholder)
	}
}

// marking returns what partner's marked copy holds, if m wrote it.
func (m *copyMaker) marking(partner string) (marking, bool) {
	mk, ok := m.marks[partner]
	return mk, ok
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
