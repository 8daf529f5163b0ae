package csaf

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// This file writes the tree (see tree.go) back as JSON text, indented for
// the partner's copy, or compact as the body of a section made of a member
// the schema does not define.

// encodeJSON appends v as JSON, indented by two spaces per level as
// json.MarshalIndent does, without escaping <, > and & (the text is for
// people).
func encodeJSON(b []byte, v any, indent int) []byte {
	switch v := v.(type) {
	case *object:
		if len(v.members) == 0 {
			return append(b, "{}"...)
		}
		b = append(b, '{')
		for i, m := range v.members {
			if i > 0 {
				b = append(b, ',')
			}
			b = newline(b, indent+1)
			b = appendString(b, m.key)
			b = append(b, ": "...)
			b = encodeJSON(b, m.val, indent+1)
		}
		b = newline(b, indent)
		return append(b, '}')
	case []any:
		if len(v) == 0 {
			return append(b, "[]"...)
		}
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = newline(b, indent+1)
			b = encodeJSON(b, e, indent+1)
		}
		b = newline(b, indent)
		return append(b, ']')
	case string:
		return appendString(b, v)
	case number:
		return append(b, v...)
	case bool:
		return strconv.AppendBool(b, v)
	case nil:
		return append(b, "null"...)
	}
	panic(fmt.Sprintf("csaf: unexpected %T in a JSON tree", v)) // unreachable: trees come from parseJSON
}

// encodeCompact appends v as JSON without any whitespace.
func encodeCompact(b []byte, v any) []byte {
	switch v := v.(type) {
	case *object:
		b = append(b, '{')
		for i, m := range v.members {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, m.key)
			b = append(b, ':')
			b = encodeCompact(b, m.val)
		}
		return append(b, '}')
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = encodeCompact(b, e)
		}
		return append(b, ']')
	}
	return encodeJSON(b, v, 0)
}

func newline(b []byte, indent int) []byte {
	b = append(b, '\n')
	for range indent {
		b = append(b, ' ', ' ')
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString appends s quoted as encoding/json does with HTML escaping
// off: control characters, U+2028 and U+2029 escaped, the rest as is.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			switch r {
			case '\u2028', '\u2029':
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			default:
				b = append(b, "\\ufffd"...)
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
