package ledger

// The canonical line of an entry, and what its hash covers.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"strconv"
	"time"
)

// hashMember is how the last member of every line starts; the line ends
// with the hash's 64 digits and `"}`.
const hashMember = `,"hash":"`

// hashTail is the length of the hash member and the closing brace at the
// end of every line: ,"hash":"<64 digits>"}
const hashTail = len(hashMember) + 64 + 2

// appendBody appends the canonical JSON of e without its hash member and
// closing brace: the keys in the order of Entry's fields, the optional
// ones only when set, no space, each string as encoding/json writes it,
// times in RFC 3339 with Z and only the fraction of a second needed.
func appendBody(b []byte, e *Entry) []byte {
	b = append(b, `{"seq":`...)
	b = strconv.AppendInt(b, e.Seq, 10)
	b = append(b, `,"kind":`...)
	b = appendString(b, string(e.Kind))
	b = append(b, `,"at":`...)
	b = appendTime(b, e.At)
	if e.Partner != "" {
		b = append(b, `,"partner":`...)
		b = appendString(b, e.Partner)
	}
	if e.Advisory != "" {
		b = append(b, `,"advisory":`...)
		b = appendString(b, e.Advisory)
	}
	if e.Revision != 0 {
		b = append(b, `,"revision":`...)
		b = strconv.AppendInt(b, int64(e.Revision), 10)
	}
	if !e.PublicAt.IsZero() {
		b = append(b, `,"public_at":`...)
		b = appendTime(b, e.PublicAt)
	}
	if e.TLP != "" {
		b = append(b, `,"tlp":`...)
		b = appendString(b, string(e.TLP))
	}
	if len(e.Classes) > 0 {
		b = append(b, `,"classes":[`...)
		for i, c := range e.Classes {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, string(c))
		}
		b = append(b, ']')
	}
	if len(e.Parts) > 0 {
		b = append(b, `,"parts":[`...)
		for i := range e.Parts {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPart(b, &e.Parts[i])
		}
		b = append(b, ']')
	}
	if !e.Copy.IsZero() {
		b = append(b, `,"copy":`...)
		b = appendDigest(b, &e.Copy)
	}
	if len(e.Trace) > 0 {
		b = append(b, `,"trace":[`...)
		for i, c := range e.Trace {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, c)
		}
		b = append(b, ']')
	}
	if e.Policy != "" {
		b = append(b, `,"policy":`...)
		b = appendString(b, e.Policy)
	}
	if !e.PolicyDigest.IsZero() {
		b = append(b, `,"policy_digest":`...)
		b = appendDigest(b, &e.PolicyDigest)
	}
	if e.Reason != "" {
		b = append(b, `,"reason":`...)
		b = appendString(b, e.Reason)
	}
	b = append(b, `,"prev":`...)
	return appendDigest(b, &e.Prev)
}

// appendLine appends e's whole canonical line, with e.Hash as it is, and
// the newline.
func appendLine(b []byte, e *Entry) []byte {
	b = appendBody(b, e)
	b = append(b, hashMember...)
	b = hex.AppendEncode(b, e.Hash[:])
	return append(b, "\"}\n"...)
}

func appendPart(b []byte, p *Part) []byte {
	b = append(b, `{"class":`...)
	b = appendString(b, string(p.Class))
	b = append(b, `,"kind":`...)
	b = appendString(b, string(p.Kind))
	if p.Name != "" {
		b = append(b, `,"name":`...)
		b = appendString(b, p.Name)
	}
	if p.N != 0 {
		b = append(b, `,"n":`...)
		b = strconv.AppendInt(b, int64(p.N), 10)
	}
	b = append(b, `,"digest":`...)
	b = appendDigest(b, &p.Digest)
	return append(b, '}')
}

func appendDigest(b []byte, d *Digest) []byte {
	b = append(b, '"')
	b = hex.AppendEncode(b, d[:])
	return append(b, '"')
}

func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// appendString appends s as encoding/json writes it: printable ASCII as
// it is except " \ < > &, which, with the rest, it escapes.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// hasher computes entry hashes with one reusable SHA-256 state.
type hasher struct {
	h   hash.Hash
	sum []byte
}

func newHasher() *hasher { return &hasher{h: sha256.New(), sum: make([]byte, 0, sha256.Size)} }

// entryHash returns the hash of an entry whose line, without its newline,
// is line: the SHA-256 of the line without its hash member, that is of
// line[:len(line)-hashTail] followed by "}".
func (h *hasher) entryHash(line []byte) Digest { return h.bodyHash(line[:len(line)-hashTail]) }

// bodyHash returns the SHA-256 of body followed by "}".
func (h *hasher) bodyHash(body []byte) Digest {
	h.h.Reset()
	h.h.Write(body)
	h.h.Write(closeBrace)
	var d Digest
	copy(d[:], h.h.Sum(h.sum[:0]))
	return d
}

var closeBrace = []byte("}")
