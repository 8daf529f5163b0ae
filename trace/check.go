package trace

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/disclosurekit/disclosure"
)

// ErrWrongKey is the error, wrapped, for a text that holds the marks of a
// copy of the advisory, none of which is a code of any partner under the
// key: the key is not the one the copy was marked with, or the copy is of
// another advisory or revision, or for a partner not in the list, or its
// marks were changed.
var ErrWrongKey = errors.New("wrong key")

// CheckKey checks ix's key against the marked copies, whole or in part,
// that text holds, and so tells a wrong key from a leak without codes.
//
// A mark is found without the key, by the text around it on its line: the
// reference sentence that [Mark] appends ("Reference of this copy: " and
// ". Quote it when ..."), and each [Placeholder] of the advisory with the
// advisory's text before and after it on the same line (up to 16 bytes
// each side; a placeholder with fewer than 4 such bytes in all is not
// looked for). Where text has that context exactly, with 13 upper-case
// characters of the code alphabet between, it has a mark.
//
// CheckKey returns nil if text has no mark, or if at least one of its
// marks is a code of a partner under the key; it returns an error wrapping
// [ErrWrongKey], which names the first mark, if none is. A nil error does
// not say that the key is right: a text without marks, or whose marks were
// edited, says nothing about the key.
func (ix *Index) CheckKey(text []byte) error {
	if ix == nil || len(ix.partners) == 0 {
		return nil
	}
	first, firstSlot := -1, 0 // the first mark's offset (-1: none yet) and slot
	for i := range ix.slots {
		s := &ix.slots[i]
		known := false
		s.find(text, func(at int) bool {
			if ix.has(parseCode(text[at : at+codeLen])) {
				known = true
				return false
			}
			if first < 0 || at < first {
				first, firstSlot = at, i
			}
			return true
		})
		if known {
			return nil
		}
	}
	if first < 0 {
		return nil
	}
	what := "its reference"
	if pl := &ix.places[ix.slots[firstSlot].place]; pl.pos != referencePosition {
		what = "the code of the " + Placeholder + " in " + pl.where
	}
	return fmt.Errorf("%w: the text has marks of a copy of %s revision %d, and none is a partner's code under this key: "+
		"the first, %s at bytes %d-%d, is where a copy has %s "+
		"(or the copy is of another advisory or revision, or for a partner not in the list, or its marks were changed)",
		ErrWrongKey, ix.advisoryID, ix.revision, text[first:first+codeLen], first, first+codeLen, what)
}

// A slot is where a marked copy has a code, known by the text around it on
// its line.
type slot struct {
	before, after []byte
	place         int32 // in Index.places
}

const (
	contextLen    = 16 // bytes of a slot's context, at most, each side
	minContextLen = 4  // bytes of a slot's context, at least, both sides
)

// slotsOf returns the slots of a's marked copies: the reference, then the
// placeholders with enough context, each context once.
func slotsOf(a *disclosure.Advisory) []slot {
	out := []slot{{before: []byte(refBefore[len(refBefore)-contextLen:]), after: []byte(refAfter[:contextLen])}}
	seen := map[[2]string]bool{}
	place := int32(1) // after the reference, as places counts
	add := func(field string) {
		for {
			i := strings.Index(field, Placeholder)
			if i < 0 {
				return
			}
			before, after := field[:i], field[i+len(Placeholder):]
			field = after
			before = before[strings.LastIndexAny(before, "\r\n")+1:]
			before = before[max(0, len(before)-contextLen):]
			if k := strings.IndexAny(after, "\r\n"); k >= 0 {
				after = after[:k]
			}
			if k := strings.Index(after, Placeholder); k >= 0 {
				after = after[:k]
			}
			after = after[:min(len(after), contextLen)]
			if key := [2]string{before, after}; len(before)+len(after) >= minContextLen && !seen[key] {
				seen[key] = true
				out = append(out, slot{before: []byte(before), after: []byte(after), place: place})
			}
			place++
		}
	}
	for _, s := range a.Sections {
		add(s.Title)
		add(s.Body)
	}
	for _, f := range a.Artifacts {
		add(string(f.Data))
	}
	return out
}

// find calls yield with the offset of each code in the slot in text, in
// order, until yield returns false.
func (s *slot) find(text []byte, yield func(at int) bool) {
	anchor, shift := s.before, len(s.before)
	if len(anchor) == 0 {
		anchor, shift = s.after, -codeLen
	}
	for i := 0; i < len(text); {
		k := bytes.Index(text[i:], anchor)
		if k < 0 {
			return
		}
		at := i + k + shift
		i += k + 1
		if at < 0 || at+codeLen > len(text) || !isCode(text[at:at+codeLen]) ||
			!bytes.HasPrefix(text[at+codeLen:], s.after) ||
			len(s.before) == 0 && at > 0 && isAlnum(text[at-1]) ||
			len(s.after) == 0 && at+codeLen < len(text) && isAlnum(text[at+codeLen]) {
			continue
		}
		if !yield(at) {
			return
		}
	}
}

// isCode reports whether b is 13 symbols as Mark writes them.
func isCode(b []byte) bool {
	for _, c := range b {
		if s := symbolOf[c]; s == noSymbol || alphabet[s] != c {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
}

// parseCode reads 13 symbols as a code.
func parseCode(b []byte) code {
	var v uint64
	for _, c := range b {
		v = v<<5 | uint64(symbolOf[c])
	}
	return code{lo: v, hi: symbolOf[b[0]] >> 4}
}

// has reports whether k is a code of some partner.
func (ix *Index) has(k code) bool {
	head, ok := ix.heads[k.lo]
	for e := head; ok && e >= 0; e = ix.entries[e].next {
		if ix.entries[e].hi == k.hi {
			return true
		}
	}
	return false
}
