package trace

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"strings"
	"testing"
)

// TestCoderIsHMAC checks the coder against HMAC-SHA256 of the message the
// package documentation describes, built here field by field, for keys
// shorter than, as long as and longer than SHA-256's block, and messages
// of several lengths.
func TestCoderIsHMAC(t *testing.T) {
	for _, keyLen := range []int{16, 32, 63, 64, 65, 200} {
		key := []byte(strings.Repeat("k3y-", 60)[:keyLen])
		c := newCoder(key)
		for _, partner := range []string{"p", "partner-0001", strings.Repeat("long partner ID ", 20)} {
			c.forPartner("ADV-2025-0042", 7, partner)
			for _, p := range []position{
				referencePosition,
				{kind: "section", class: "technical-details", index: 3, field: "body", occurrence: 2},
				{kind: "artifact", class: "proof-of-concept", field: "data", occurrence: 1 << 40},
			} {
				var msg []byte
				for _, f := range []string{domain, "ADV-2025-0042"} {
					msg = binary.BigEndian.AppendUint64(msg, uint64(len(f)))
					msg = append(msg, f...)
				}
				msg = binary.BigEndian.AppendUint64(msg, 7)
				for _, f := range []string{partner, p.kind, string(p.class)} {
					msg = binary.BigEndian.AppendUint64(msg, uint64(len(f)))
					msg = append(msg, f...)
				}
				msg = binary.BigEndian.AppendUint64(msg, uint64(p.index))
				msg = binary.BigEndian.AppendUint64(msg, uint64(len(p.field)))
				msg = append(msg, p.field...)
				msg = binary.BigEndian.AppendUint64(msg, uint64(p.occurrence))
				mac := hmac.New(sha256.New, key)
				mac.Write(msg)
				sum := mac.Sum(nil)
				first := binary.BigEndian.Uint64(sum)
				want := code{hi: uint8(first >> 63), lo: first<<1 | uint64(sum[8]>>7)}
				if got := c.code(p); got != want {
					t.Errorf("key of %d bytes, partner %q, %+v: code %s, want %s", keyLen, partner, p, got, want)
				}
			}
		}
	}
}

// TestCodeString checks the encoding of 65 bits as 13 symbols, and that
// the scanner's reading of them gives the same bits back.
func TestCodeString(t *testing.T) {
	for _, tc := range []struct {
		c    code
		want string
	}{
		{code{}, "0000000000000"},
		{code{hi: 1}, "G000000000000"},
		{code{lo: 31}, "000000000000Z"},
		{code{hi: 1, lo: ^uint64(0)}, "ZZZZZZZZZZZZZ"},
		{code{lo: 1 << 63}, "8000000000000"},
	} {
		if got := tc.c.String(); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.c, got, tc.want)
		}
		var v uint64
		for i := 0; i < len(tc.want); i++ {
			v = v<<5 | uint64(symbolOf[tc.want[i]])
		}
		if v != tc.c.lo || symbolOf[tc.want[0]]>>4 != tc.c.hi {
			t.Errorf("%s reads back as %x, top bit %d", tc.want, v, symbolOf[tc.want[0]]>>4)
		}
	}
}
