package csaf

// UUIDs of CSAF 2.1 sharing groups: parsing, writing, and the name-based
// UUID of a partner's group.

import (
	"crypto/sha1"
	"encoding/hex"
)

type uuid [16]byte

// The UUIDs CSAF 2.1 reserves for sharing groups: the Max UUID is the
// group "Public" (TLP:CLEAR), the Nil UUID "No sharing allowed".
var (
	nilUUID uuid
	maxUUID = uuid{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
)

// urlNamespace is RFC 9562's namespace for names that are URLs
// (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
var urlNamespace = uuid{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// parseUUID reads a UUID written as 8-4-4-4-12 hexadecimal digits, in
// either case.
func parseUUID(s string) (uuid, bool) {
	var u uuid
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, false
	}
	digits := []byte(s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:36])
	if _, err := hex.Decode(u[:], digits); err != nil {
		return uuid{}, false
	}
	return u, true
}

// String writes u as CSAF writes UUIDs: 8-4-4-4-12 lower-case hexadecimal
// digits.
func (u uuid) String() string {
	b := make([]byte, 0, 36)
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hexDigits[c>>4], hexDigits[c&0xf])
	}
	return string(b)
}

// nameUUID returns the name-based UUID of name in namespace ns, computed
// as RFC 9562 computes a version 5 UUID (the first 16 bytes of the SHA-1
// of the namespace and the name, with the version and variant bits set),
// but marked version 4: the CSAF 2.1 schema accepts only the form of a
// version 4 UUID (and the Nil and Max UUIDs) as a sharing group ID. The
// same namespace and name always give the same UUID.
func nameUUID(ns uuid, name string) uuid {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u uuid
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x40 // version 4, the only one the schema's pattern allows
	u[8] = u[8]&0x3f | 0x80 // the variant of RFC 9562
	return u
}
