package trace_test

import (
	"encoding/base64"
	"errors"
	"slices"
	"testing"

	"github.com/disclosurekit/disclosure/trace"
)

// TestMatchesInterleaved: codes of two partners that alternate in a leak
// give one match for each partner, with all of its codes.
func TestMatchesInterleaved(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(5)
	x, y := mustMark(t, a, ps[3], testKey), mustMark(t, a, ps[1], testKey)
	leak := []byte(x.Advisory.Sections[0].Body + "\n" + y.Advisory.Sections[0].Body + "\n" +
		x.Advisory.Sections[3].Title + "\n" + y.Advisory.Sections[3].Title + "\n" + x.Advisory.Sections[4].Body)
	ms := identify(t, leak, testKey, a, ps)
	checkFound(t, leak, ms)
	if len(ms) != 2 || ms[0].Partner != ps[3].ID || ms[0].Distinct != 4 || len(ms[0].Found) != 4 ||
		ms[1].Partner != ps[1].ID || ms[1].Distinct != 2 || len(ms[1].Found) != 2 {
		t.Fatalf("identified %s, want %s with 4 codes then %s with 2: %+v", partners(ms), ps[3].ID, ps[1].ID, ms)
	}
	for _, m := range ms {
		if !slices.IsSortedFunc(m.Found, func(f, g trace.Found) int { return f.Offset - g.Offset }) {
			t.Errorf("%s: found not sorted by offset: %+v", m.Partner, m.Found)
		}
	}
}

// TestFoundSortedAcrossEncodings: a code read from base64 before a code
// read as text comes first in Found.
func TestFoundSortedAcrossEncodings(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(3)
	d := mustMark(t, a, ps[2], testKey)
	b64 := base64.StdEncoding.EncodeToString(artifact(t, d, "poc.py"))
	leak := []byte(b64 + "\n" + d.Advisory.Sections[0].Body)
	m := only(t, identify(t, leak, testKey, a, ps), ps[2].ID)
	checkFound(t, leak, []trace.Match{m})
	var encodings []string
	for _, f := range m.Found {
		encodings = append(encodings, f.Encoding)
	}
	if want := []string{"base64", "base64", ""}; !slices.Equal(encodings, want) ||
		!slices.IsSortedFunc(m.Found, func(f, g trace.Found) int { return f.Offset - g.Offset }) {
		t.Errorf("found %+v, want the two codes of the base64 proof of concept, then the description's", m.Found)
	}
}

// TestNoPartners: an index of no partner finds nothing, and no key is
// wrong for it.
func TestNoPartners(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(1)
	leak := mustJSON(t, mustMark(t, a, ps[0], otherKey))
	ix, err := trace.NewIndex(testKey, a, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ms := ix.Identify(leak); ms != nil {
		t.Errorf("identified %s", partners(ms))
	}
	if err := ix.CheckKey(leak); err != nil {
		t.Errorf("CheckKey: %v", err)
	}
	if ms, err := trace.Identify(leak, testKey, a, nil); ms != nil || err != nil {
		t.Errorf("Identify: %s, %v", partners(ms), err)
	}
	if _, err := trace.Identify(leak, testKey, a, ps); !errors.Is(err, trace.ErrWrongKey) {
		t.Errorf("Identify with the partner: %v, want %v", err, trace.ErrWrongKey)
	}
}
