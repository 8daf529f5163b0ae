package trace

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"

	"github.com/disclosurekit/disclosure"
)

// Placeholder is what an advisory's author writes, in a section's title or
// body or in an artifact's data, where each partner's copy gets its own
// code. It is matched exactly, case included.
const Placeholder = "{{mark}}"

// MinKeyLen is the shortest key Mark and NewIndex accept, in bytes. A key
// of 32 random bytes is recommended.
const MinKeyLen = 16

// ErrInvalidKey is the error, wrapped, for a key shorter than [MinKeyLen].
var ErrInvalidKey = errors.New("invalid key")

var placeholder = []byte(Placeholder)

const (
	codeLen  = 13 // symbols of 5 bits: 65 bits
	alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	noSymbol = 0xFF
	// domain separates these MACs from any other use of the same key.
	domain = "github.com/disclosurekit/disclosure/trace v1"
)

// symbolOf maps a byte to its symbol, or noSymbol. Case is ignored, and O,
// I and L read as 0, 1 and 1, as in Crockford's base32.
var symbolOf = func() (t [256]uint8) {
	for i := range t {
		t[i] = noSymbol
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = uint8(i)
		t[alphabet[i]|0x20] = uint8(i) // lower case; digits are unchanged by |0x20
	}
	for _, c := range "oO" {
		t[c] = 0
	}
	for _, c := range "iIlL" {
		t[c] = 1
	}
	return t
}()

func checkKey(key []byte) error {
	if len(key) < MinKeyLen {
		// The length only: the key itself never goes into any output.
		return fmt.Errorf("%w: %d bytes, want at least %d", ErrInvalidKey, len(key), MinKeyLen)
	}
	return nil
}

// A code is 65 bits: hi holds the most significant one, lo the other 64.
type code struct {
	lo uint64
	hi uint8
}

func (c code) String() string {
	s := c.symbols()
	return string(s[:])
}

// appendTo appends the code's symbols to b.
func (c code) appendTo(b []byte) []byte {
	s := c.symbols()
	return append(b, s[:]...)
}

// writeTo writes the code's symbols to b.
func (c code) writeTo(b *strings.Builder) {
	s := c.symbols()
	b.Write(s[:])
}

// symbols returns the code's 13 symbols, most significant first.
func (c code) symbols() (s [codeLen]byte) {
	hi, lo := c.hi, c.lo
	for i := codeLen - 1; i >= 0; i-- {
		s[i] = alphabet[lo&31]
		lo = lo>>5 | uint64(hi)<<59
		hi = 0
	}
	return s
}

// A position names a placeholder of an advisory independently of what
// else a partner's copy holds: Disclose gives or withholds a class whole
// and keeps the advisory's order, so the n-th section of a class in a copy
// is the n-th section of that class in the advisory.
type position struct {
	kind       string // "reference", "section" or "artifact"
	class      disclosure.Class
	index      int    // among the advisory's sections (or artifacts) of the class
	field      string // "title", "body" or "data"; "" for the reference
	occurrence int    // placeholders before it in the field
}

var referencePosition = position{kind: "reference"}

// A coder computes one partner's codes:
//
//	HMAC-SHA256(key, f(domain) f(advisory ID) u(revision) f(partner ID)
//	                 f(kind) f(class) u(index) f(field) u(occurrence))
//
// where f(s) is the length of s as a big-endian uint64 followed by s, and
// u(n) is n as a big-endian uint64. The code is the MAC's first 65 bits,
// written most significant first, 5 bits a symbol.
type coder struct {
	mac     hash.Hash // HMAC-SHA256 under the key
	partner []byte    // the partner's part of the message
	msg     []byte
	sum     [sha256.Size]byte
}

func newCoder(key []byte) *coder {
	return &coder{mac: hmac.New(sha256.New, key)}
}

// forPartner sets the partner whose codes c computes.
func (c *coder) forPartner(advisoryID string, revision int, partnerID string) {
	m := appendField(c.partner[:0], domain)
	m = appendField(m, advisoryID)
	m = binary.BigEndian.AppendUint64(m, uint64(revision))
	c.partner = appendField(m, partnerID)
}

// code returns the partner's code for the placeholder at p.
func (c *coder) code(p position) code {
	m := appendField(c.msg[:0], p.kind)
	m = appendField(m, string(p.class))
	m = binary.BigEndian.AppendUint64(m, uint64(p.index))
	m = appendField(m, p.field)
	c.msg = binary.BigEndian.AppendUint64(m, uint64(p.occurrence))
	c.mac.Reset()
	c.mac.Write(c.partner)
	c.mac.Write(c.msg)
	sum := c.mac.Sum(c.sum[:0])
	first := binary.BigEndian.Uint64(sum)
	return code{hi: uint8(first >> 63), lo: first<<1 | uint64(sum[8]>>7)}
}

func appendField(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint64(b, uint64(len(s)))
	return append(b, s...)
}

// A classCounter numbers the sections (or artifacts) of each class in
// order.
type classCounter struct {
	known [10]int                  // by Sensitivity, for the defined classes
	other map[disclosure.Class]int // for any other value
}

// next returns how many items of class c came before this one.
func (cc *classCounter) next(c disclosure.Class) int {
	if i := c.Sensitivity(); i > 0 {
		cc.known[i]++
		return cc.known[i] - 1
	}
	if cc.other == nil {
		cc.other = make(map[disclosure.Class]int)
	}
	cc.other[c]++
	return cc.other[c] - 1
}

// A place is one placeholder of an advisory: its position, and where it
// is in the advisory's own terms.
type place struct {
	pos   position
	where string
}

// places lists the reference and every placeholder of a, in the order of
// the advisory.
func places(a *disclosure.Advisory) []place {
	ps := []place{{pos: referencePosition, where: "reference"}}
	add := func(kind string, class disclosure.Class, index int, field string, n int, path string) {
		for k := range n {
			ps = append(ps, place{
				pos:   position{kind: kind, class: class, index: index, field: field, occurrence: k},
				where: path,
			})
		}
	}
	var sections, artifacts classCounter
	for i, s := range a.Sections {
		k := sections.next(s.Class)
		prefix := "sections[" + strconv.Itoa(i) + "]."
		add("section", s.Class, k, "title", strings.Count(s.Title, Placeholder), prefix+"title")
		add("section", s.Class, k, "body", strings.Count(s.Body, Placeholder), prefix+"body")
	}
	for i, f := range a.Artifacts {
		k := artifacts.next(f.Class)
		add("artifact", f.Class, k, "data", bytes.Count(f.Data, placeholder), "artifacts["+strconv.Itoa(i)+"].data")
	}
	return ps
}

// Placeholders lists where Mark will put codes in a partner's copy of a:
// one path per placeholder, in the advisory's order, such as
// "sections[3].body" or "artifacts[0].data". A program can use it to warn
// that an advisory with placeholders is about to be sent unmarked, which
// would show partners the placeholders themselves.
func Placeholders(a disclosure.Advisory) []string {
	ps := places(&a)[1:] // without the reference
	if len(ps) == 0 {
		return nil
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.where
	}
	return out
}
