package ledger

// A fast reader for lines in canonical form. It needs no reflection and
// allocates little, so that reading a record costs about what hashing it
// does. It reads exactly the canonical form: it refuses anything else (a
// key out of order, a space, a leading zero, an optional member with its
// zero value, a string escaped otherwise than encoding/json escapes it),
// and the strict decoder then reads the line, gives its problem a path,
// and checks that it is canonical. That a line this
// reader accepts is canonical is tested (the fuzz test re-encodes it).

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/disclosurekit/disclosure"
)

// scan reads one line; ok turns false at the first byte it cannot read.
type scan struct {
	b      []byte
	i      int
	ok     bool
	intern map[string]string
	tbuf   [40]byte
}

// lit consumes lit if the line continues with it.
func (s *scan) lit(lit string) bool {
	if s.ok && len(s.b)-s.i >= len(lit) && string(s.b[s.i:s.i+len(lit)]) == lit {
		s.i += len(lit)
		return true
	}
	return false
}

// must consumes lit, or stops the scan.
func (s *scan) must(lit string) {
	if !s.lit(lit) {
		s.ok = false
	}
}

// plain marks the bytes a canonical string holds as they are and this
// reader reads: printable ASCII but " \ < > &.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

// raw returns the bytes of a non-empty string.
func (s *scan) raw() []byte {
	if !s.ok || s.i >= len(s.b) || s.b[s.i] != '"' {
		s.ok = false
		return nil
	}
	start := s.i + 1
	j := start
	for j < len(s.b) && plain[s.b[j]] {
		j++
	}
	switch {
	case j == len(s.b):
	case s.b[j] == '"' && j > start:
		s.i = j + 1
		return s.b[start:j]
	case s.b[j] == '\\' || s.b[j] >= 0x80:
		return s.escaped()
	}
	s.ok = false
	return nil
}

// escaped reads a string with escapes or text beyond ASCII: one that
// encoding/json decodes and encodes back the same.
func (s *scan) escaped() []byte {
	j := s.i + 1
	for j < len(s.b) && s.b[j] != '"' {
		if s.b[j] == '\\' {
			j++
		}
		j++
	}
	if j >= len(s.b) {
		s.ok = false
		return nil
	}
	quoted := s.b[s.i : j+1]
	var v string
	if json.Unmarshal(quoted, &v) != nil || v == "" || !bytes.Equal(appendString(nil, v), quoted) {
		s.ok = false
		return nil
	}
	s.i = j + 1
	return []byte(v)
}

// str returns a string, interned: a record repeats its partner IDs,
// advisory IDs and names on many lines.
func (s *scan) str() string {
	b := s.raw()
	if !s.ok {
		return ""
	}
	if v, ok := s.intern[string(b)]; ok {
		return v
	}
	v := string(b)
	if len(s.intern) < 1<<16 {
		s.intern[v] = v
	}
	return v
}

// int reads a positive integer of at most 18 digits, without a leading
// zero.
func (s *scan) int() int64 {
	var n int64
	j := s.i
	for j < len(s.b) && j-s.i < 18 && '0' <= s.b[j] && s.b[j] <= '9' {
		n = n*10 + int64(s.b[j]-'0')
		j++
	}
	if n == 0 || s.b[s.i] == '0' {
		s.ok = false
	}
	s.i = j
	return n
}

// time reads a time in UTC as appendTime writes it.
func (s *scan) time() time.Time {
	b := s.raw()
	if !s.ok {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil || t.IsZero() || t.Location() != time.UTC || string(t.AppendFormat(s.tbuf[:0], time.RFC3339Nano)) != string(b) {
		s.ok = false
	}
	return t
}

// digest reads a digest; unless zero is true, it must not be zero.
func (s *scan) digest(d *Digest, zero bool) {
	if b := s.raw(); s.ok && (!decodeDigest(d, b) || !zero && d.IsZero()) {
		s.ok = false
	}
}

// class returns one of the classes, or stops the scan.
func (s *scan) class() disclosure.Class {
	b := s.raw()
	for _, c := range classList {
		if string(b) == string(c) {
			return c
		}
	}
	s.ok = false
	return ""
}

var classList = disclosure.Classes()

// list reads a non-empty JSON array, calling item for each element.
func (s *scan) list(item func()) {
	s.must("[")
	for s.ok {
		item()
		if !s.lit(",") {
			break
		}
	}
	s.must("]")
}

// parseFast reads a canonical line, without its newline, into e, whose
// lists it appends to. It reports false for any line it cannot read,
// valid or not, leaving e partly written.
func parseFast(line []byte, e *Entry, intern map[string]string) bool {
	s := &scan{b: line, ok: true, intern: intern}
	s.must(`{"seq":`)
	e.Seq = s.int()
	s.must(`,"kind":`)
	switch string(s.raw()) {
	case "delivery":
		e.Kind = KindDelivery
	case "embargo-ended":
		e.Kind = KindEmbargoEnded
	case "partner-suspended":
		e.Kind = KindPartnerSuspended
	case "partner-removed":
		e.Kind = KindPartnerRemoved
	case "exploitation-observed":
		e.Kind = KindExploitationObserved
	default:
		return false
	}
	s.must(`,"at":`)
	e.At = s.time()
	if s.lit(`,"partner":`) {
		e.Partner = s.str()
	}
	if s.lit(`,"advisory":`) {
		e.Advisory = s.str()
	}
	if s.lit(`,"revision":`) {
		e.Revision = int(s.int())
	}
	if s.lit(`,"public_at":`) {
		e.PublicAt = s.time()
	}
	if s.lit(`,"tlp":`) {
		e.TLP = disclosure.TLP(s.str())
	}
	if s.lit(`,"classes":`) {
		if e.Classes == nil {
			e.Classes = make([]disclosure.Class, 0, len(classList))
		}
		s.list(func() { e.Classes = append(e.Classes, s.class()) })
	}
	if s.lit(`,"parts":`) {
		s.list(func() { e.Parts = append(e.Parts, s.part()) })
	}
	if s.lit(`,"copy":`) {
		s.digest(&e.Copy, false)
	}
	if s.lit(`,"trace":`) {
		s.list(func() { e.Trace = append(e.Trace, s.str()) })
	}
	if s.lit(`,"policy":`) {
		e.Policy = s.str()
	}
	if s.lit(`,"policy_digest":`) {
		s.digest(&e.PolicyDigest, false)
	}
	if s.lit(`,"reason":`) {
		e.Reason = s.str()
	}
	s.must(`,"prev":`)
	s.digest(&e.Prev, true)
	s.must(`,"hash":`)
	s.digest(&e.Hash, true)
	s.must("}")
	return s.ok && s.i == len(line)
}

// part reads one element of "parts".
func (s *scan) part() Part {
	var p Part
	s.must(`{"class":`)
	p.Class = s.class()
	s.must(`,"kind":`)
	switch string(s.raw()) {
	case "summary":
		p.Kind = PartSummary
	case "section":
		p.Kind = PartSection
	case "artifact":
		p.Kind = PartArtifact
	default:
		s.ok = false
	}
	if s.lit(`,"name":`) {
		p.Name = s.str()
	}
	if s.lit(`,"n":`) {
		p.N = int(s.int())
	}
	s.must(`,"digest":`)
	s.digest(&p.Digest, true)
	s.must("}")
	return p
}
