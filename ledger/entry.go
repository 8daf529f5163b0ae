package ledger

// The entry: its kinds, fields and parts, digests, and the rules each kind
// of entry obeys.

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/internal/strictjson"
)

// Kind is what an entry records.
type Kind string

// The kinds of entry.
const (
	KindDelivery             Kind = "delivery"              // a copy released to a partner
	KindEmbargoEnded         Kind = "embargo-ended"         // an advisory's embargo ended early
	KindPartnerSuspended     Kind = "partner-suspended"     // a partner was suspended
	KindPartnerRemoved       Kind = "partner-removed"       // a partner was removed from the program
	KindExploitationObserved Kind = "exploitation-observed" // an advisory's flaw was seen exploited
)

var allKinds = [...]Kind{KindDelivery, KindEmbargoEnded, KindPartnerSuspended, KindPartnerRemoved, KindExploitationObserved}

// Valid reports whether k is one of the defined kinds.
func (k Kind) Valid() bool {
	switch k {
	case KindDelivery, KindEmbargoEnded, KindPartnerSuspended, KindPartnerRemoved, KindExploitationObserved:
		return true
	}
	return false
}

// PartKind says what a [Part] of a copy is.
type PartKind string

// The kinds of part.
const (
	PartSummary  PartKind = "summary"  // the advisory's identity and timing
	PartSection  PartKind = "section"  // one section
	PartArtifact PartKind = "artifact" // one artifact
)

var allPartKinds = [...]PartKind{PartSummary, PartSection, PartArtifact}

var _ = strictjson.RegisterEnum("entry kind", allKinds[:]) &&
	strictjson.RegisterEnum("part kind", allPartKinds[:])

// An Entry is one line of a record. Seq, Prev and Hash chain it to the
// entries before it; [Record.Append] sets them. Which other fields an
// entry has depends on its Kind (see the package documentation); the
// others are zero.
type Entry struct {
	Seq  int64 `json:"seq"`  // its line in the record, from 1
	Kind Kind  `json:"kind"` // what it records
	// At is in UTC: for a delivery, when the copy was released to the
	// partner; for the other kinds, when the event happened.
	At       time.Time `json:"at"`
	Partner  string    `json:"partner,omitempty"`  // the partner's ID
	Advisory string    `json:"advisory,omitempty"` // the advisory's ID
	Revision int       `json:"revision,omitempty"` // the advisory's revision, from 1
	// PublicAt is the advisory's planned public release, in UTC.
	PublicAt time.Time          `json:"public_at,omitzero"`
	TLP      disclosure.TLP     `json:"tlp,omitempty"`     // the copy's label
	Classes  []disclosure.Class `json:"classes,omitempty"` // by sensitivity
	Parts    []Part             `json:"parts,omitempty"`   // the copy's content, in its order
	Copy     Digest             `json:"copy,omitzero"`     // SHA-256 of the copy as sent
	// Trace lists the trace codes the copy carries, sorted, when it was
	// marked (package trace).
	Trace        []string `json:"trace,omitempty"`
	Policy       string   `json:"policy,omitempty"`       // the policy's name
	PolicyDigest Digest   `json:"policy_digest,omitzero"` // see [PolicyDigest]
	// Reason is why the event happened: an embargo end reason
	// (disclosure.EndReason) or, for the other events, text for people.
	Reason string `json:"reason,omitempty"`
	Prev   Digest `json:"prev"` // the previous entry's Hash; zero for the first
	Hash   Digest `json:"hash"` // the hash of this entry
}

// A Part is one piece of a copy of an advisory, named so that the same
// piece of another revision has the same name, with the digest of its
// content.
type Part struct {
	Class disclosure.Class `json:"class"` // the class of its content
	Kind  PartKind         `json:"kind"`  // summary, section or artifact
	// Name is the section's title or the artifact's name; "" for the
	// summary.
	Name string `json:"name,omitempty"`
	// N counts the parts before it in the copy with the same class, kind
	// and name: 0 unless a copy has two sections of a class with one
	// title, or two artifacts of a class with one name.
	N      int    `json:"n,omitempty"`
	Digest Digest `json:"digest"` // see [Parts]
}

// key is what names a part across revisions: all but its digest.
type partKey struct {
	class disclosure.Class
	kind  PartKind
	name  string
	n     int
}

func (p *Part) key() partKey { return partKey{p.Class, p.Kind, p.Name, p.N} }

// String returns the part's name for people: "summary",
// "section description", `section technical-details "Root cause"`,
// `artifact proof-of-concept "poc.py"`, with "#2" after it for N = 2.
func (p Part) String() string {
	var b strings.Builder
	b.WriteString(string(p.Kind))
	if p.Kind != PartSummary {
		b.WriteString(" " + string(p.Class))
		if p.Name != "" {
			fmt.Fprintf(&b, " %q", p.Name)
		}
	}
	if p.N > 0 {
		fmt.Fprintf(&b, " #%d", p.N)
	}
	return b.String()
}

// A Digest is a SHA-256 hash. In JSON and in [Digest.String] it is 64
// lower-case hexadecimal digits.
type Digest [32]byte

// IsZero reports whether d is all zeros, which no entry's hash is.
func (d Digest) IsZero() bool { return d == Digest{} }

// String returns d in lower-case hexadecimal.
func (d Digest) String() string { return hex.EncodeToString(d[:]) }

// MarshalText returns d in lower-case hexadecimal.
func (d Digest) MarshalText() ([]byte, error) { return hex.AppendEncode(nil, d[:]), nil }

// UnmarshalText reads exactly 64 lower-case hexadecimal digits.
func (d *Digest) UnmarshalText(text []byte) error {
	var x Digest
	if !decodeDigest(&x, text) {
		return errBadDigest
	}
	*d = x
	return nil
}

var errBadDigest = errors.New("want a SHA-256 digest: 64 lower-case hexadecimal digits")

// decodeDigest decodes 64 lower-case hexadecimal digits into d.
func decodeDigest(d *Digest, text []byte) bool {
	if len(text) != 64 {
		return false
	}
	var bad byte
	for i := range d {
		hi, lo := unhex[text[2*i]], unhex[text[2*i+1]]
		bad |= hi | lo
		d[i] = hi<<4 | lo&15
	}
	return bad&0xf0 == 0
}

// unhex maps a lower-case hexadecimal digit to its value, and any other
// byte to 0xff.
var unhex = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for i, c := range "0123456789abcdef" {
		t[c] = byte(i)
	}
	return t
}()

// traceAlphabet is the alphabet of trace codes (package trace).
const traceAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// validCode reports whether s is a trace code as package trace writes
// one: 13 characters of its alphabet.
func validCode(s string) bool {
	if len(s) != 13 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !strings.Contains(traceAlphabet, s[i:i+1]) {
			return false
		}
	}
	return true
}

// problem is one rule an entry breaks, at a JSON path.
type problem struct{ path, msg string }

func (p *problem) at(line int64) *Error { return &Error{Line: line, Path: p.path, Msg: p.msg} }

func bad(path, format string, args ...any) *problem {
	return &problem{path, fmt.Sprintf(format, args...)}
}

// validate returns the first rule e breaks, leaving out Seq, Prev and
// Hash, which the chain checks: fields its kind requires and fields it
// must not have, then each field's value, in the order of the JSON.
func (e *Entry) validate() *problem {
	if !e.Kind.Valid() {
		return bad("kind", "unknown entry kind %q (want one of %s)", e.Kind, kindNames())
	}
	if p := checkTime("at", e.At); p != nil {
		return p
	}
	delivery := e.Kind == KindDelivery
	need := func(path string, has bool) *problem {
		if !has {
			return bad(path, "required in a %s entry", e.Kind)
		}
		return nil
	}
	deny := func(path string, has bool) *problem {
		if has {
			return bad(path, "not allowed in a %s entry", e.Kind)
		}
		return nil
	}
	switch e.Kind {
	case KindDelivery:
		if p := first(need("partner", e.Partner != ""), need("advisory", e.Advisory != ""),
			need("revision", e.Revision != 0), need("public_at", !e.PublicAt.IsZero()),
			need("tlp", e.TLP != ""), need("classes", len(e.Classes) > 0), need("parts", len(e.Parts) > 0),
			need("copy", !e.Copy.IsZero()), need("policy_digest", !e.PolicyDigest.IsZero()),
			deny("reason", e.Reason != "")); p != nil {
			return p
		}
	case KindEmbargoEnded, KindExploitationObserved:
		if p := first(deny("partner", e.Partner != ""), need("advisory", e.Advisory != "")); p != nil {
			return p
		}
		if e.Kind == KindEmbargoEnded {
			if p := first(need("reason", e.Reason != ""), deny("classes", len(e.Classes) > 0)); p != nil {
				return p
			}
		}
	case KindPartnerSuspended, KindPartnerRemoved:
		if p := first(need("partner", e.Partner != ""), need("reason", e.Reason != ""),
			deny("classes", len(e.Classes) > 0)); p != nil {
			return p
		}
	}
	if !delivery {
		if p := first(deny("revision", e.Revision != 0), deny("public_at", !e.PublicAt.IsZero()),
			deny("tlp", e.TLP != ""), deny("parts", len(e.Parts) > 0), deny("copy", !e.Copy.IsZero()),
			deny("trace", len(e.Trace) > 0), deny("policy", e.Policy != ""),
			deny("policy_digest", !e.PolicyDigest.IsZero())); p != nil {
			return p
		}
	}
	if p := first(checkText("partner", e.Partner), checkText("advisory", e.Advisory)); p != nil {
		return p
	}
	if e.Revision < 0 {
		return bad("revision", "must be at least 1, got %d", e.Revision)
	}
	if delivery {
		if p := checkTime("public_at", e.PublicAt); p != nil {
			return p
		}
		if !e.TLP.Valid() {
			return bad("tlp", "unknown TLP 2.0 label %q", e.TLP)
		}
	}
	if p := checkClasses(e.Classes); p != nil {
		return p
	}
	if p := checkParts(e.Parts, e.Classes); p != nil {
		return p
	}
	if p := checkUTF8("policy", e.Policy); p != nil {
		return p
	}
	for i, c := range e.Trace {
		if !validCode(c) {
			return bad(fmt.Sprintf("trace[%d]", i), "%q is not a trace code: 13 characters of %s", c, traceAlphabet)
		}
		if i > 0 && e.Trace[i-1] >= c {
			return bad(fmt.Sprintf("trace[%d]", i), "trace codes must be sorted and distinct")
		}
	}
	if e.Kind == KindEmbargoEnded && !disclosure.EndReason(e.Reason).Valid() {
		return bad("reason", "unknown embargo end reason %q (want public, exploited, exploit-public or other)", e.Reason)
	}
	return checkText("reason", e.Reason)
}

func first(ps ...*problem) *problem {
	for _, p := range ps {
		if p != nil {
			return p
		}
	}
	return nil
}

func kindNames() string {
	names := make([]string, len(allKinds))
	for i, k := range allKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// checkTime requires a time in UTC, between the years 1 and 9999.
func checkTime(path string, t time.Time) *problem {
	switch {
	case t.IsZero():
		return bad(path, "required")
	case t.Location() != time.UTC:
		return bad(path, "%s is not in UTC: write it with Z", t.Format(time.RFC3339Nano))
	case t.Year() < 1 || t.Year() > 9999:
		return bad(path, "year %d is outside 1 to 9999", t.Year())
	}
	return nil
}

// checkText refuses an ID or a reason with surrounding space, and so one
// that only looks set, and text that is not UTF-8.
func checkText(path, s string) *problem {
	if strings.TrimSpace(s) != s {
		return bad(path, "%q has surrounding space", s)
	}
	return checkUTF8(path, s)
}

// checkUTF8 refuses text that is not UTF-8, which JSON cannot hold as it
// is.
func checkUTF8(path, s string) *problem {
	if !utf8.ValidString(s) {
		return bad(path, "%q is not valid UTF-8", s)
	}
	return nil
}

// checkClasses requires valid classes, by sensitivity, each once.
func checkClasses(cs []disclosure.Class) *problem {
	for i, c := range cs {
		if !c.Valid() {
			return bad(fmt.Sprintf("classes[%d]", i), "unknown class %q", c)
		}
		if i > 0 && cs[i-1].Sensitivity() >= c.Sensitivity() {
			return bad(fmt.Sprintf("classes[%d]", i), "classes must be listed by sensitivity, each once")
		}
	}
	return nil
}

// checkParts requires parts of the listed classes, the summary first and
// only there, and each N counting the parts before it with its class,
// kind and name.
func checkParts(parts []Part, classes []disclosure.Class) *problem {
	var seen map[partKey]int
	if len(parts) > 16 {
		seen = make(map[partKey]int, len(parts))
	}
	for i := range parts {
		p := &parts[i]
		path := func(field string) string { return fmt.Sprintf("parts[%d].%s", i, field) }
		switch {
		case !p.Kind.Valid():
			return bad(path("kind"), "unknown part kind %q (want summary, section or artifact)", p.Kind)
		case !p.Class.Valid():
			return bad(path("class"), "unknown class %q", p.Class)
		case !containsClass(classes, p.Class):
			return bad(path("class"), "%s is not one of the entry's classes", p.Class)
		case p.Kind == PartSummary && (i > 0 || p.Class != disclosure.ClassSummary || p.Name != ""):
			return bad(path("kind"), "the summary part, of class summary and without a name, comes first if at all")
		case p.Digest.IsZero():
			return bad(path("digest"), "required")
		case !utf8.ValidString(p.Name):
			return bad(path("name"), "%q is not valid UTF-8", p.Name)
		}
		// Most copies have a few parts: counting them beats a map.
		n := 0
		if seen != nil {
			k := p.key()
			k.n = 0
			n = seen[k]
			seen[k]++
		} else {
			for j := range i {
				if q := &parts[j]; q.Class == p.Class && q.Kind == p.Kind && q.Name == p.Name {
					n++
				}
			}
		}
		if p.N != n {
			return bad(path("n"), "want %d: the parts before it with its class, kind and name", n)
		}
	}
	return nil
}

// Valid reports whether k is one of the defined part kinds.
func (k PartKind) Valid() bool { return k == PartSummary || k == PartSection || k == PartArtifact }

func containsClass(cs []disclosure.Class, c disclosure.Class) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}
