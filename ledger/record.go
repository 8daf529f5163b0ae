package ledger

// A record in memory, and appending to it.

import (
	"encoding/hex"
	"slices"
	"strconv"
	"time"
)

// A Record is a record in memory: its entries, in order, and its head.
// The zero Record is empty and ready to use. [Read] reads one; Append
// adds an entry and returns its line, for the caller to write at the end
// of the record's file. A Record is not safe for concurrent use while
// Append runs.
type Record struct {
	entries []Entry
	head    Head
	seen    map[string]struct{} // the identity of every entry; built on the first Append
}

// Head returns the record's head.
func (r *Record) Head() Head { return r.head }

// Len returns the number of entries.
func (r *Record) Len() int { return len(r.entries) }

// Entries returns the entries in order, in a new slice. Their lists
// (Classes, Parts, Trace) are the record's own: read them, do not modify
// them.
func (r *Record) Entries() []Entry { return slices.Clone(r.entries) }

// Append adds e to the record unless the record already holds it, and
// returns the line to write at the end of the record's file, newline
// included, or nil when it adds nothing. It sets e's Seq, Prev and Hash
// (values given for them are ignored) and converts its times to UTC.
//
// The record already holds a delivery of the same copy (partner,
// advisory, revision and copy digest), whenever it was released; and any
// other entry equal to e in every field but Seq, Prev and Hash. So
// appending what was appended before changes nothing: a program that
// records each copy as it sends it can run again after a failure.
//
// An entry that breaks the rules of its kind (see the package
// documentation) is an *[Error] for the line it would have been; nothing
// is added then.
func (r *Record) Append(e Entry) ([]byte, error) {
	e.Seq, e.Prev, e.Hash = int64(len(r.entries))+1, r.head.Hash, Digest{}
	if !e.At.IsZero() {
		e.At = e.At.UTC()
	}
	if !e.PublicAt.IsZero() {
		e.PublicAt = e.PublicAt.UTC()
	}
	e.Classes, e.Parts, e.Trace = slices.Clone(e.Classes), slices.Clone(e.Parts), slices.Clone(e.Trace)
	if p := e.validate(); p != nil {
		return nil, p.at(e.Seq)
	}
	if r.seen == nil {
		r.seen = make(map[string]struct{}, len(r.entries)+1)
		for i := range r.entries {
			r.seen[identity(&r.entries[i])] = struct{}{}
		}
	}
	id := identity(&e)
	if _, ok := r.seen[id]; ok {
		return nil, nil
	}
	line := appendBody(nil, &e)
	e.Hash = newHasher().bodyHash(line)
	line = append(line, hashMember...)
	line = hex.AppendEncode(line, e.Hash[:])
	line = append(line, "\"}\n"...)
	r.seen[id] = struct{}{}
	r.entries = append(r.entries, e)
	r.head = Head{N: e.Seq, Hash: e.Hash}
	return line, nil
}

// identity is what makes two entries the same for Append: a delivery's
// copy, or the whole of any other entry but its place in the chain.
func identity(e *Entry) string {
	if e.Kind == KindDelivery {
		return "delivery\x00" + e.Partner + "\x00" + e.Advisory + "\x00" + strconv.Itoa(e.Revision) + "\x00" + string(e.Copy[:])
	}
	c := *e
	c.Seq, c.Prev, c.Hash = 0, Digest{}, Digest{}
	return string(appendBody(nil, &c))
}

// Exploited returns the first instant the record says the advisory's flaw
// was seen exploited (an exploitation-observed entry), and whether there
// is one: where an investigation starts.
func (r *Record) Exploited(advisory string) (time.Time, bool) {
	var first time.Time
	for i := range r.entries {
		e := &r.entries[i]
		if e.Kind == KindExploitationObserved && e.Advisory == advisory && (first.IsZero() || e.At.Before(first)) {
			first = e.At
		}
	}
	return first, !first.IsZero()
}
