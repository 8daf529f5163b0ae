package ledger

// Reading and verifying a record: lines, their checks in order, the
// chain, the head.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/internal/strictjson"
)

// An Error is the first problem of a record: the line, the JSON path in
// it, and what is wrong.
type Error struct {
	Line int64  // from 1
	Path string // e.g. "parts[2].digest"; "" for the line as a whole
	Msg  string // what is wrong
}

// Error returns "line 7: parts[2].digest: required", or without the path
// when there is none.
func (e *Error) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("line %d: %s: %s", e.Line, e.Path, e.Msg)
}

// A Head names a record by its length and its last entry's hash. Kept
// apart from the record, it lets [Verify] see lines cut from the end.
// The zero Head is the empty record's.
type Head struct {
	N    int64  // the number of entries
	Hash Digest // the last entry's hash; zero when N is 0
}

// String returns the head as one word: N, a hyphen and the hash, as in
// "3-9f86d08…" (64 digits).
func (h Head) String() string { return strconv.FormatInt(h.N, 10) + "-" + h.Hash.String() }

// ParseHead reads a head as [Head.String] writes it.
func ParseHead(s string) (Head, error) {
	var h Head
	i := strings.IndexByte(s, '-')
	if i < 0 {
		return Head{}, fmt.Errorf("head %q: want N-hash, such as 3-%s", s, Digest{}.String())
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != s[:i] {
		return Head{}, fmt.Errorf("head %q: %q is not a count of entries", s, s[:i])
	}
	h.N = n
	if !decodeDigest(&h.Hash, []byte(s[i+1:])) {
		return Head{}, fmt.Errorf("head %q: %w", s, errBadDigest)
	}
	if (h.N == 0) != h.Hash.IsZero() {
		return Head{}, fmt.Errorf("head %q: the empty record's hash is zero, and only its", s)
	}
	return h, nil
}

// maxLine bounds a line, so that a record without newlines cannot make
// a reader hold all of it as one line.
const maxLine = 16 << 20

// reader checks a record line after line.
type reader struct {
	br     *bufio.Reader
	long   []byte // a line longer than br's buffer
	n      int64  // lines read
	prev   Digest // the hash of line n
	h      *hasher
	enc    []byte // the canonical line of the last entry
	intern map[string]string
	reuse  bool // the entries are not kept: reuse their lists
}

func newReader(r io.Reader) *reader {
	br := bufioPool.Get().(*bufio.Reader)
	br.Reset(r)
	return &reader{br: br, h: newHasher(), intern: make(map[string]string)}
}

// done returns the reader's buffer to the pool.
func (rd *reader) done() {
	rd.br.Reset(nil)
	bufioPool.Put(rd.br)
	rd.br = nil
}

var bufioPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

// next reads the next line into e, which it overwrites. It returns
// io.EOF at the end of the record, and otherwise nil or an *Error.
func (rd *reader) next(e *Entry) error {
	line, err := rd.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		rd.long = append(rd.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) && len(rd.long) <= maxLine {
			line, err = rd.br.ReadSlice('\n')
			rd.long = append(rd.long, line...)
		}
		line = rd.long
		if len(line) > maxLine {
			return &Error{Line: rd.n + 1, Msg: fmt.Sprintf("longer than %d bytes", maxLine)}
		}
	}
	switch {
	case err == io.EOF && len(line) == 0:
		return io.EOF
	case err == io.EOF:
		return &Error{Line: rd.n + 1, Msg: "no newline at its end: the record was cut in the middle of a line"}
	case err != nil:
		return fmt.Errorf("reading the record after line %d: %w", rd.n, err)
	}
	rd.n++
	if err := rd.check(line, e); err != nil {
		return err
	}
	return nil
}

// check checks one line, newline included, as line rd.n, and chains it.
// With rd.reuse, e's lists are overwritten in place.
//
// The hash comes first: a line changed after it was written is reported
// as such, whatever the change broke, and costs no decoding. The content
// is then checked, for lines written wrong with their hash.
func (rd *reader) check(line []byte, e *Entry) *Error {
	body := line[:len(line)-1]
	var tail Digest
	hashed := len(body) >= hashTail && string(body[len(body)-hashTail:][:len(hashMember)]) == hashMember &&
		string(body[len(body)-2:]) == `"}` && decodeDigest(&tail, body[len(body)-hashTail+len(hashMember):len(body)-2])
	if hashed && rd.h.entryHash(body) != tail {
		return &Error{Line: rd.n, Path: "hash", Msg: "does not match the line: the line was changed"}
	}
	if rd.reuse {
		*e = Entry{Classes: e.Classes[:0], Parts: e.Parts[:0], Trace: e.Trace[:0]}
	} else {
		*e = Entry{}
	}
	fast := parseFast(body, e, rd.intern)
	if !fast {
		*e = Entry{}
		if p := decodeStrict(body, e); p != nil {
			return p.at(rd.n)
		}
	}
	if p := e.validate(); p != nil {
		return p.at(rd.n)
	}
	if e.Seq != rd.n {
		return &Error{Line: rd.n, Path: "seq", Msg: fmt.Sprintf("is %d: a line before it was deleted, inserted or moved", e.Seq)}
	}
	if !fast {
		// The fast reader reads only the canonical form; the strict decoder
		// reads any JSON.
		rd.enc = appendLine(rd.enc[:0], e)
		if !bytes.Equal(rd.enc, line) {
			i := 0
			for i < len(line) && i < len(rd.enc) && line[i] == rd.enc[i] {
				i++
			}
			return &Error{Line: rd.n, Msg: fmt.Sprintf("not in canonical form: at byte %d, want %s", i+1, excerpt(rd.enc[i:]))}
		}
	}
	// A canonical line ends with its hash member: the line was hashed, and
	// the hash is e.Hash.
	if e.Prev != rd.prev {
		if rd.n == 1 {
			return &Error{Line: 1, Path: "prev", Msg: "must be zero in the first entry: lines before it were deleted"}
		}
		return &Error{Line: rd.n, Path: "prev", Msg: fmt.Sprintf("is not the hash of line %d: a line was deleted, inserted or moved", rd.n-1)}
	}
	rd.prev = e.Hash
	return nil
}

// excerpt quotes the start of b for a message.
func excerpt(b []byte) string {
	b = bytes.TrimSuffix(b, []byte("\n"))
	if len(b) > 40 {
		return strconv.Quote(string(b[:40])) + "…"
	}
	if len(b) == 0 {
		return "the end of the line"
	}
	return strconv.Quote(string(b))
}

// wireEntry is an Entry as the strict decoder reads it: the fields every
// entry has are pointers, to tell a missing one from a zero one.
type wireEntry struct {
	Seq          *int64             `json:"seq"`
	Kind         *Kind              `json:"kind"`
	At           *time.Time         `json:"at"`
	Partner      string             `json:"partner"`
	Advisory     string             `json:"advisory"`
	Revision     int                `json:"revision"`
	PublicAt     time.Time          `json:"public_at"`
	TLP          disclosure.TLP     `json:"tlp"`
	Classes      []disclosure.Class `json:"classes"`
	Parts        []wirePart         `json:"parts"`
	Copy         Digest             `json:"copy"`
	Trace        []string           `json:"trace"`
	Policy       string             `json:"policy"`
	PolicyDigest Digest             `json:"policy_digest"`
	Reason       string             `json:"reason"`
	Prev         *Digest            `json:"prev"`
	Hash         *Digest            `json:"hash"`
}

type wirePart struct {
	Class  *disclosure.Class `json:"class"`
	Kind   *PartKind         `json:"kind"`
	Name   string            `json:"name"`
	N      int               `json:"n"`
	Digest *Digest           `json:"digest"`
}

// decodeStrict decodes a line with the strict decoder into e, which is
// zero, and returns its first problem: of the JSON, or a missing member.
func decodeStrict(line []byte, e *Entry) *problem {
	var w wireEntry
	if err := strictjson.Unmarshal(line, &w); err != nil {
		var errs *strictjson.Errors
		if errors.As(err, &errs) && len(errs.List) > 0 {
			return &problem{errs.List[0].Path, errs.List[0].Msg}
		}
		return &problem{"", err.Error()}
	}
	missing := func(path string) *problem { return &problem{path, "missing"} }
	switch {
	case w.Seq == nil:
		return missing("seq")
	case w.Kind == nil:
		return missing("kind")
	case w.At == nil:
		return missing("at")
	case w.Prev == nil:
		return missing("prev")
	case w.Hash == nil:
		return missing("hash")
	}
	*e = Entry{Seq: *w.Seq, Kind: *w.Kind, At: *w.At, Partner: w.Partner, Advisory: w.Advisory,
		Revision: w.Revision, PublicAt: w.PublicAt, TLP: w.TLP, Classes: w.Classes, Copy: w.Copy,
		Trace: w.Trace, Policy: w.Policy, PolicyDigest: w.PolicyDigest, Reason: w.Reason,
		Prev: *w.Prev, Hash: *w.Hash}
	for i, p := range w.Parts {
		path := fmt.Sprintf("parts[%d].", i)
		switch {
		case p.Class == nil:
			return missing(path + "class")
		case p.Kind == nil:
			return missing(path + "kind")
		case p.Digest == nil:
			return missing(path + "digest")
		}
		e.Parts = append(e.Parts, Part{Class: *p.Class, Kind: *p.Kind, Name: p.Name, N: p.N, Digest: *p.Digest})
	}
	if e.Seq < 1 {
		return &problem{"seq", fmt.Sprintf("must be at least 1, got %d", e.Seq)}
	}
	return nil
}

// Read reads a whole record and checks every line: strictly, as a valid
// entry in canonical form, and chained to the line before it. It returns
// the record, or an *[Error] for the first bad line (or the error of r).
// Read cannot see lines cut from the record's end: [Verify] with a kept
// head can.
func Read(r io.Reader) (*Record, error) {
	rd := newReader(r)
	defer rd.done()
	rec := &Record{}
	for {
		var e Entry
		switch err := rd.next(&e); {
		case err == io.EOF:
			return rec, nil
		case err != nil:
			return nil, err
		}
		if len(rec.entries) == cap(rec.entries) {
			// Double: append grows a long slice by a quarter, copying a
			// large record several times over.
			rec.entries = slices.Grow(rec.entries, max(len(rec.entries), 256))
		}
		rec.entries = append(rec.entries, e)
		rec.head = Head{N: rd.n, Hash: rd.prev}
	}
}

// Verify checks a record as [Read] does, without keeping its entries,
// and returns its head. With a kept head other than the zero Head, it
// also checks that the record still holds the entries that head names:
// it has at least kept.N entries, the last of them with kept.Hash. A
// record that grew since the head was kept verifies; one cut, or changed
// at or before the kept.N-th line, does not. The error is an *[Error]
// naming the first bad line (for a cut record, the first missing one), or
// the error of r.
func Verify(r io.Reader, kept Head) (Head, error) {
	rd := newReader(r)
	defer rd.done()
	rd.reuse = true
	var e Entry
	for {
		err := rd.next(&e)
		if err == io.EOF {
			break
		}
		if err != nil {
			return Head{}, err
		}
		if rd.n == kept.N && rd.prev != kept.Hash {
			return Head{}, &Error{Line: rd.n, Path: "hash", Msg: "differs from the kept head's: the record was changed at or before this line"}
		}
	}
	if rd.n < kept.N {
		return Head{}, &Error{Line: rd.n + 1, Msg: fmt.Sprintf("missing: the record ends after %d entries, the kept head names %d: it was cut", rd.n, kept.N)}
	}
	return Head{N: rd.n, Hash: rd.prev}, nil
}
