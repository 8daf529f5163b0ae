package main

import (
	"io"
	"unicode/utf8"
)

// Everything the tool prints goes through a safeWriter, so that text of an
// input file (an advisory's title, a partner's name) cannot drive the
// terminal: clear the screen, move the cursor, set its title, or reorder
// what is shown with bidirectional controls.
//
// A character that could is written as an escape: a control character
// (C0 but newline and tab, DEL, C1) or an invisible or bidirectional
// formatting character as \u001b, and a byte that is not UTF-8 as \xff.
// In JSON output this is safe too: outside strings JSON has only ASCII
// without control characters, and inside a string \u001b is an escape of
// the same character, so the value read back is the one written. (The
// JSON encoder writes no invalid UTF-8.)

// unsafeRune reports whether r is escaped: a control character, or an
// invisible or bidirectional formatting character.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f: // C0, DEL, C1
		return true
	case r >= 0x200b && r <= 0x200f, // zero-width space, joiners, LRM, RLM
		r >= 0x202a && r <= 0x202e, // bidi embeddings and overrides
		r >= 0x2060 && r <= 0x2064, // word joiner, invisible operators
		r >= 0x2066 && r <= 0x2069, // bidi isolates
		r == 0xfeff:                // zero-width no-break space, byte order mark
		return true
	}
	return false
}

// appendEscaped appends s to b with every unsafe rune and every byte that
// is not UTF-8 escaped; newline and tab are kept when layout is true, else
// written \n and \t.
func appendEscaped(b, s []byte, layout bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 0x20 && c != 0x7f || layout && (c == '\n' || c == '\t'):
				b = append(b, c)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '\t':
				b = append(b, `\t`...)
			default:
				b = appendU(b, rune(c))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, `\x`...)
			b = append(b, hexDigits[c>>4], hexDigits[c&0xf])
		case unsafeRune(r):
			b = appendU(b, r)
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendU appends r as \uXXXX (every unsafe rune is in the BMP).
func appendU(b []byte, r rune) []byte {
	return append(b, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}

// safe reports whether s needs no escape, layout characters allowed or not.
func safe(s []byte, layout bool) bool {
	for _, c := range s {
		if c >= utf8.RuneSelf || c < 0x20 && !(layout && (c == '\n' || c == '\t')) || c == 0x7f {
			return false
		}
	}
	return true
}

// oneLine returns s fit for one cell or line of a table: newlines, tabs and
// every other unsafe character escaped, so that a value cannot break the
// layout it is printed in.
func oneLine(s string) string {
	if safe([]byte(s), false) {
		return s
	}
	return string(appendEscaped(nil, []byte(s), false))
}

// A safeWriter escapes what is written through it, as appendEscaped does
// with layout. A UTF-8 sequence split between two writes is kept until the
// next write completes it; Flush writes what is left.
type safeWriter struct {
	w       io.Writer
	pending []byte // the start of a UTF-8 sequence the last write ended in
	buf     []byte
}

func (s *safeWriter) Write(p []byte) (int, error) {
	data := p
	if len(s.pending) > 0 {
		data = append(s.pending, p...)
		s.pending = nil
	}
	keep := incompleteTail(data)
	body := data[:len(data)-keep]
	out := body
	if !safe(body, true) {
		s.buf = appendEscaped(s.buf[:0], body, true)
		out = s.buf
	}
	if keep > 0 {
		s.pending = append([]byte(nil), data[len(data)-keep:]...)
	}
	if len(out) > 0 {
		if _, err := s.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes the bytes of an incomplete UTF-8 sequence the output ended
// in, escaped.
func (s *safeWriter) Flush() error {
	if len(s.pending) == 0 {
		return nil
	}
	b := appendEscaped(nil, s.pending, true)
	s.pending = nil
	_, err := s.w.Write(b)
	return err
}

// incompleteTail returns how many bytes at the end of p begin a UTF-8
// sequence that is not complete: 0 to 3.
func incompleteTail(p []byte) int {
	for k := 1; k <= utf8.UTFMax-1 && k <= len(p); k++ {
		i := len(p) - k
		if utf8.RuneStart(p[i]) {
			if p[i] >= utf8.RuneSelf && !utf8.FullRune(p[i:]) {
				return k
			}
			return 0
		}
	}
	return 0
}
