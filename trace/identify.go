package trace

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/disclosurekit/disclosure"
)

// A Match is a partner whose codes were found in a leak.
type Match struct {
	Partner string `json:"partner"` // the partner's ID
	// Distinct is how many different codes of the partner were found: the
	// reference and each placeholder count once, however often they occur.
	Distinct int `json:"distinct"`
	// Found lists every occurrence of the partner's codes, sorted by Offset,
	// then End, then Encoding, then by the placeholder's order in the
	// advisory.
	Found []Found `json:"found"`
}

// Found is one occurrence of a partner's code in a leak.
type Found struct {
	Code string `json:"code"` // as Mark wrote it: 13 upper-case characters
	// Where is what the code replaced, as a path in the advisory: "reference"
	// for the reference section, "sections[2].title", "sections[2].body" or
	// "artifacts[0].data".
	Where string `json:"where"`
	// Occurrence is the placeholder's place among those of the same field,
	// from 0.
	Occurrence int `json:"occurrence"`
	// Offset and End delimit the code in the leak, in bytes: from its first
	// character to just after its last, including whatever was inserted in
	// it (a line break, an indentation). For a code read from base64, they
	// delimit the base64 characters it was encoded in.
	Offset int `json:"offset"`
	End    int `json:"end"`
	// Encoding is "" for a code read as text and "base64" for one read from
	// base64 (see the package documentation).
	Encoding string `json:"encoding,omitempty"`
}

// Identify names the partners whose codes occur in leak, for the advisory
// a as it was marked (the same ID, revision, sections and artifacts) under
// key. It is NewIndex followed by [Index.Identify]; see there. Its time is
// linear in the size of leak, plus the time to compute every partner's
// codes (a few milliseconds for 1,000 partners and ten placeholders).
//
// It returns NewIndex's error, for a key shorter than [MinKeyLen] or an
// advisory without ID or revision. When it finds no code, it checks the key
// with [Index.CheckKey], and returns its error: when leak holds marks of a
// copy of a and none is a partner's code under key, it returns an error
// wrapping [ErrWrongKey], not "no partner". It returns nil and no error
// only when leak has no code and no mark that tells a wrong key.
func Identify(leak []byte, key []byte, a disclosure.Advisory, partners []disclosure.Partner) ([]Match, error) {
	ix, err := NewIndex(key, a, partners)
	if err != nil {
		return nil, err
	}
	if ms := ix.Identify(leak); ms != nil {
		return ms, nil
	}
	return nil, ix.CheckKey(leak)
}

// An Index holds every code of every partner for one advisory and key,
// ready to search leaks. Build one with [NewIndex] to search many leaks; it
// is safe for concurrent use. The zero Index holds no codes and finds
// nothing.
type Index struct {
	advisoryID string
	revision   int
	partners   []string // IDs, in the order given, without repeats
	places     []place
	slots      []slot // where a copy's codes are, for CheckKey
	entries    []entry
	heads      map[uint64]int32 // first entry of each code's low 64 bits
	// filter is a bitset of hashed codes: most windows of a leak are no
	// code, and one bit tells so without a map lookup.
	filter []uint64
	shift  uint
}

// An entry is one partner's code for one place.
type entry struct {
	lo      uint64
	next    int32 // next entry with the same lo, or -1
	partner int32
	place   int32
	hi      uint8
}

const mix = 0x9E3779B97F4A7C15 // 2^64 / the golden ratio: spreads windows over the filter

// NewIndex computes the codes of every partner for advisory a under key:
// the reference and one code per placeholder of a, whatever the partner
// was entitled to. Only the partners' IDs are used; empty and repeated IDs
// are skipped.
//
// It returns an error wrapping [ErrInvalidKey] for a key shorter than
// [MinKeyLen], and a *[disclosure.ValidationError] wrapping
// [disclosure.ErrInvalidAdvisory] if a lacks its ID or revision (or has
// more than 2^31 codes in all).
func NewIndex(key []byte, a disclosure.Advisory, partners []disclosure.Partner) (*Index, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	var ps []*disclosure.FieldError
	if strings.TrimSpace(a.ID) == "" {
		ps = append(ps, &disclosure.FieldError{Err: disclosure.ErrInvalidAdvisory, Path: "id", Message: "required"})
	}
	if a.Revision < 1 {
		ps = append(ps, &disclosure.FieldError{Err: disclosure.ErrInvalidAdvisory, Path: "revision",
			Message: fmt.Sprintf("must be at least 1, got %d", a.Revision)})
	}
	if ps != nil {
		return nil, &disclosure.ValidationError{Problems: ps}
	}

	ix := &Index{advisoryID: a.ID, revision: a.Revision, places: places(&a), slots: slotsOf(&a)}
	seen := make(map[string]bool, len(partners))
	for _, p := range partners {
		if strings.TrimSpace(p.ID) != "" && !seen[p.ID] {
			seen[p.ID] = true
			ix.partners = append(ix.partners, p.ID)
		}
	}
	n := len(ix.partners) * len(ix.places)
	if n > math.MaxInt32 {
		return nil, &disclosure.ValidationError{Problems: []*disclosure.FieldError{{Err: disclosure.ErrInvalidAdvisory,
			Message: fmt.Sprintf("%d placeholders for %d partners: more than 2^31 codes", len(ix.places)-1, len(ix.partners))}}}
	}
	size := uint64(1 << 16) // bits; at most 1 in 64 set, so few windows reach the map
	for size < 64*uint64(n) && size < 1<<27 {
		size <<= 1
	}
	ix.filter = make([]uint64, size/64)
	ix.shift = uint(64 - bits.TrailingZeros64(size))
	ix.heads = make(map[uint64]int32, n)
	ix.entries = make([]entry, 0, n)
	c := newCoder(key)
	for pi, id := range ix.partners {
		c.forPartner(a.ID, a.Revision, id)
		for j := range ix.places {
			k := c.code(ix.places[j].pos)
			e := entry{lo: k.lo, hi: k.hi, partner: int32(pi), place: int32(j), next: -1}
			if head, ok := ix.heads[k.lo]; ok {
				e.next = head
			}
			ix.heads[k.lo] = int32(len(ix.entries))
			ix.entries = append(ix.entries, e)
			h := (k.lo * mix) >> ix.shift
			ix.filter[h>>6] |= 1 << (h & 63)
		}
	}
	return ix, nil
}

// Identify names the partners whose codes occur in leak, sorted by the
// number of distinct codes found, most first, then by partner ID. It
// returns nil if no code is found; [Index.CheckKey] then tells whether
// leak has marks that the key did not make.
//
// It reads leak once as text, and decodes each stretch of base64 in it at
// its four alignments: time linear in the size of leak, whatever the
// number of partners.
// The package documentation says exactly which changes to a marked copy
// its codes survive.
func (ix *Index) Identify(leak []byte) []Match {
	if ix == nil || len(ix.entries) == 0 {
		return nil
	}
	var hits []hit
	ix.scan(leak, func(e int32, first, last int) {
		hits = append(hits, hit{entry: e, offset: first, end: last + 1})
	})
	ix.scanBase64(leak, func(e int32, offset, end int) {
		hits = append(hits, hit{entry: e, offset: offset, end: end, base64: true})
	})
	return ix.matches(hits)
}

type hit struct {
	entry       int32
	offset, end int
	base64      bool
}

// scan reads buf and reports every code in it, with the indices of its
// first and last symbols.
func (ix *Index) scan(buf []byte, report func(e int32, first, last int)) {
	// The window is the last symbols read: v holds the low 64 bits of the
	// last 13 symbols' 65; at and sym, where the last 16 are and what.
	var (
		v   uint64
		n   int
		at  [16]int
		sym [16]uint8
	)
	filter, shift := ix.filter, ix.shift
	for i, c := range buf {
		s := symbolOf[c]
		if s == noSymbol {
			continue
		}
		v = v<<5 | uint64(s)
		n++
		at[n&15] = i
		sym[n&15] = s
		if n < codeLen {
			continue
		}
		if h := (v * mix) >> shift; filter[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		head, ok := ix.heads[v]
		if !ok {
			continue
		}
		first := (n - codeLen + 1) & 15
		for e := head; e >= 0; e = ix.entries[e].next {
			if ix.entries[e].hi == sym[first]>>4 {
				report(e, at[first], i)
			}
		}
	}
}

// matches groups hits by partner and sorts them.
func (ix *Index) matches(hits []hit) []Match {
	if len(hits) == 0 {
		return nil
	}
	slices.SortFunc(hits, func(x, y hit) int {
		ex, ey := &ix.entries[x.entry], &ix.entries[y.entry]
		if c := cmp.Compare(ex.partner, ey.partner); c != 0 {
			return c
		}
		if c := cmp.Compare(x.offset, y.offset); c != 0 {
			return c
		}
		if c := cmp.Compare(x.end, y.end); c != 0 {
			return c
		}
		if x.base64 != y.base64 {
			if y.base64 {
				return -1
			}
			return 1
		}
		return cmp.Compare(ex.place, ey.place)
	})
	var out []Match
	for len(hits) > 0 {
		p := ix.entries[hits[0].entry].partner
		k := 1
		for k < len(hits) && ix.entries[hits[k].entry].partner == p {
			k++
		}
		m := Match{Partner: ix.partners[p], Found: make([]Found, k)}
		distinct := make(map[int32]bool, k)
		for i, h := range hits[:k] {
			e := &ix.entries[h.entry]
			pl := &ix.places[e.place]
			m.Found[i] = Found{
				Code:       code{lo: e.lo, hi: e.hi}.String(),
				Where:      pl.where,
				Occurrence: pl.pos.occurrence,
				Offset:     h.offset,
				End:        h.end,
			}
			if h.base64 {
				m.Found[i].Encoding = "base64"
			}
			distinct[e.place] = true
		}
		m.Distinct = len(distinct)
		out = append(out, m)
		hits = hits[k:]
	}
	slices.SortFunc(out, func(x, y Match) int {
		if c := cmp.Compare(y.Distinct, x.Distinct); c != 0 {
			return c
		}
		return strings.Compare(x.Partner, y.Partner)
	})
	return out
}
