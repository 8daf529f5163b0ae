package csaf

import (
	"fmt"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// This file reads JSON text into the tree (see tree.go): a strict parser
// that refuses duplicate keys, bounds the nesting, and keeps every number
// as written and the path of every problem.

// maxDepth bounds the nesting of arrays and objects, so hostile input
// cannot exhaust the stack through the recursive descent below.
const maxDepth = 1000

// A syntaxError is a problem of the JSON text itself.
type syntaxError struct {
	path string
	msg  string
	pos  int64 // byte position in the text, from 1; 0 when it has none
}

// parser reads one JSON value from data into a tree. It keeps the path of
// the value it is in, for error messages.
type parser struct {
	data []byte
	pos  int
	path []step
	buf  []byte // scratch for strings with escapes
	// Members and elements are gathered on these stacks, then copied out
	// at their final length: one allocation per object or array.
	members []member
	elems   []any
	// Short strings repeat a lot in CSAF (keys, categories, product IDs):
	// each is allocated, and boxed as a value, once per document.
	keys    map[string]string
	values  map[string]any
	numbers map[string]any // number literals, boxed
}

// internMax is the length up to which strings are interned, and
// internEntries the number of distinct strings each table keeps: the
// strings that repeat (keys, categories, product IDs) come early, and a
// document of millions of distinct short strings must not pay a table
// entry for each.
const (
	internMax     = 64
	internEntries = 1 << 14
)

// step is one step of a path: a member's key, or an array index.
type step struct {
	key     string
	index   int
	isIndex bool
}

// parseJSON reads exactly one JSON value from data. Duplicate keys are an
// error: a redaction tool must not see one value where a consumer sees
// another.
func parseJSON(data []byte) (any, *syntaxError) {
	p := &parser{data: data, keys: make(map[string]string), values: make(map[string]any), numbers: make(map[string]any)}
	p.skipSpace()
	if p.pos == len(data) {
		return nil, &syntaxError{msg: "no JSON value"}
	}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(data) {
		return nil, &syntaxError{msg: fmt.Sprintf("unexpected data after the JSON value at byte %d", p.pos), pos: int64(p.pos) + 1}
	}
	return v, nil
}

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.pos++
		default:
			return
		}
	}
}

// fail returns an error at the current byte, or at the end of the input.
func (p *parser) fail(context string) *syntaxError {
	if p.pos >= len(p.data) {
		return p.failAt(len(p.data), "unexpected end of JSON input")
	}
	return p.failAt(p.pos, fmt.Sprintf("invalid character %s %s", quoteByte(p.data[p.pos]), context))
}

func (p *parser) failAt(off int, msg string) *syntaxError {
	return &syntaxError{path: renderPath(p.path), msg: fmt.Sprintf("invalid JSON at byte %d: %s", off, msg), pos: int64(off) + 1}
}

func quoteByte(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	if c >= utf8.RuneSelf {
		s = fmt.Sprintf(`"\x%02x"`, c)
	}
	return "'" + s[1:len(s)-1] + "'"
}

func (p *parser) value(depth int) (any, *syntaxError) {
	if p.pos >= len(p.data) {
		return nil, p.fail("")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		if depth >= maxDepth {
			return nil, p.failAt(p.pos, fmt.Sprintf("nesting deeper than %d levels", maxDepth))
		}
		return p.object(depth + 1)
	case c == '[':
		if depth >= maxDepth {
			return nil, p.failAt(p.pos, fmt.Sprintf("nesting deeper than %d levels", maxDepth))
		}
		return p.array(depth + 1)
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		if len(s) > internMax {
			return s, nil
		}
		v, ok := p.values[s]
		if !ok {
			v = s
			if len(p.values) < internEntries {
				p.values[s] = v
			}
		}
		return v, nil
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	}
	return nil, p.fail("looking for beginning of value")
}

func (p *parser) literal(word string) *syntaxError {
	for i := 0; i < len(word); i++ {
		if p.pos >= len(p.data) || p.data[p.pos] != word[i] {
			return p.fail(fmt.Sprintf("in literal %s (expecting %s)", word, quoteByte(word[i])))
		}
		p.pos++
	}
	return nil
}

func (p *parser) object(depth int) (any, *syntaxError) {
	p.pos++ // {
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return &object{}, nil
	}
	base := len(p.members)
	var seen map[string]struct{} // used once the object is large
	for {
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.fail("looking for beginning of object key string")
		}
		key, err := p.string()
		if err != nil {
			return nil, err
		}
		dup := false
		if seen != nil {
			_, dup = seen[key]
			seen[key] = struct{}{}
		} else {
			for _, m := range p.members[base:] {
				dup = dup || m.key == key
			}
			if len(p.members)-base == 16 {
				seen = make(map[string]struct{}, 32)
				for _, m := range p.members[base:] {
					seen[m.key] = struct{}{}
				}
				seen[key] = struct{}{}
			}
		}
		p.path = append(p.path, step{key: key})
		if dup {
			return nil, &syntaxError{path: renderPath(p.path), msg: fmt.Sprintf("duplicate key %q", key)}
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.fail("after object key")
		}
		p.pos++
		p.skipSpace()
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		p.path = p.path[:len(p.path)-1]
		p.members = append(p.members, member{key: key, val: v})
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			p.skipSpace()
			continue
		}
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			p.pos++
			o := &object{members: slices.Clone(p.members[base:])}
			clear(p.members[base:])
			p.members = p.members[:base]
			return o, nil
		}
		return nil, p.fail("after object key:value pair")
	}
}

// emptyArray is every empty array of every tree: boxing a new one would
// cost an allocation, and nothing writes into an array of no elements.
var emptyArray any = []any{}

func (p *parser) array(depth int) (any, *syntaxError) {
	p.pos++ // [
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return emptyArray, nil
	}
	base := len(p.elems)
	for {
		p.path = append(p.path, step{index: len(p.elems) - base, isIndex: true})
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		p.path = p.path[:len(p.path)-1]
		p.elems = append(p.elems, v)
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			p.skipSpace()
			continue
		}
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			a := slices.Clone(p.elems[base:])
			clear(p.elems[base:])
			p.elems = p.elems[:base]
			return a, nil
		}
		return nil, p.fail("after array element")
	}
}

// number reads a number with the grammar of RFC 8259 and keeps its text.
func (p *parser) number() (any, *syntaxError) {
	start := p.pos
	d := p.data
	if d[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(d) && d[p.pos] == '0':
		p.pos++
	case p.pos < len(d) && d[p.pos] >= '1' && d[p.pos] <= '9':
		p.digits()
	default:
		return nil, p.fail("in numeric literal")
	}
	if p.pos < len(d) && d[p.pos] == '.' {
		p.pos++
		if p.pos >= len(d) || d[p.pos] < '0' || d[p.pos] > '9' {
			return nil, p.fail("after decimal point in numeric literal")
		}
		p.digits()
	}
	if p.pos < len(d) && (d[p.pos] == 'e' || d[p.pos] == 'E') {
		p.pos++
		if p.pos < len(d) && (d[p.pos] == '+' || d[p.pos] == '-') {
			p.pos++
		}
		if p.pos >= len(d) || d[p.pos] < '0' || d[p.pos] > '9' {
			return nil, p.fail("in exponent of numeric literal")
		}
		p.digits()
	}
	lit := d[start:p.pos]
	if len(lit) > internMax {
		return number(lit), nil
	}
	if v, ok := p.numbers[string(lit)]; ok { // no allocation for the lookup
		return v, nil
	}
	var v any = number(lit)
	if len(p.numbers) < internEntries {
		p.numbers[string(lit)] = v
	}
	return v, nil
}

func (p *parser) digits() {
	for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
		p.pos++
	}
}

// string reads a string. As encoding/json does, invalid UTF-8 and lone
// surrogates become U+FFFD.
func (p *parser) string() (string, *syntaxError) {
	p.pos++ // "
	start := p.pos
	d := p.data
	// Fast path: printable ASCII without escapes.
	for p.pos < len(d) {
		c := d[p.pos]
		if c == '"' {
			s := p.intern(d[start:p.pos])
			p.pos++
			return s, nil
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
		p.pos++
	}
	b := append(p.buf[:0], d[start:p.pos]...)
	for {
		if p.pos >= len(d) {
			return "", p.fail("")
		}
		c := d[p.pos]
		switch {
		case c == '"':
			p.pos++
			p.buf = b
			return p.intern(b), nil
		case c < 0x20:
			return "", p.fail("in string literal")
		case c == '\\':
			p.pos++
			if p.pos >= len(d) {
				return "", p.fail("")
			}
			switch e := d[p.pos]; e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, err := p.hex4()
				if err != nil {
					return "", err
				}
				if utf16.IsSurrogate(r) {
					// A high surrogate followed by \u and a low one is one
					// character; anything else is invalid.
					pair := utf8.RuneError
					if p.pos+2 < len(d) && d[p.pos+1] == '\\' && d[p.pos+2] == 'u' {
						save := p.pos
						p.pos += 2
						r2, err := p.hex4()
						if err != nil {
							return "", err
						}
						if pair = utf16.DecodeRune(r, r2); pair == utf8.RuneError {
							p.pos = save // not a low surrogate: read it on its own
						}
					}
					r = pair
				}
				b = utf8.AppendRune(b, r)
			default:
				return "", p.fail("in string escape code")
			}
			p.pos++
		case c < utf8.RuneSelf:
			b = append(b, c)
			p.pos++
		default:
			r, size := utf8.DecodeRune(d[p.pos:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, d[p.pos:p.pos+size]...)
			}
			p.pos += size
		}
	}
}

// intern returns b as a string, the same string for the same short text.
func (p *parser) intern(b []byte) string {
	if len(b) > internMax {
		return string(b)
	}
	if s, ok := p.keys[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	if len(p.keys) < internEntries {
		p.keys[s] = s
	}
	return s
}

// hex4 reads the four hex digits after \u; on return p.pos is at the last.
func (p *parser) hex4() (rune, *syntaxError) {
	var r rune
	for i := 0; i < 4; i++ {
		p.pos++
		if p.pos >= len(p.data) {
			return 0, p.fail("")
		}
		c := p.data[p.pos]
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, p.fail("in \\u hexadecimal character escape")
		}
		r = r*16 + rune(c)
	}
	return r, nil
}
