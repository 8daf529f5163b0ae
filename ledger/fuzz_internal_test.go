package ledger

import (
	"bytes"
	"reflect"
	"testing"
)

// FuzzLine checks the fast reader against the strict decoder: a line the
// fast reader reads as a valid entry, the strict decoder reads as the
// same entry, and it is that entry's canonical line.
func FuzzLine(f *testing.F) {
	for _, l := range fuzzLines {
		f.Add([]byte(l))
	}
	f.Fuzz(fuzzLine)
}

// fuzzLines are seeds: three lines the fast reader reads, one it leaves
// to the strict decoder.
var fuzzLines = []string{
	`{"seq":1,"kind":"embargo-ended","at":"2025-07-07T21:00:00Z","advisory":"ADV-2025-0042","reason":"exploited","prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":"dda2127594d5fa66ded41d6499cd88aaaf22c9261729ae3d2670b2f27380e134"}`,
	`{"seq":12,"kind":"delivery","at":"2025-07-03T18:00:00.5Z","partner":"qilin-ids","advisory":"ADV-2025-0042","revision":2,"public_at":"2025-07-08T17:00:00Z","tlp":"AMBER+STRICT","classes":["summary","technical-details"],"parts":[{"class":"summary","kind":"summary","digest":"2cf5724520fcb95ae1088a1b36f74dc79a8429e60df68ba7d3835129d7a2681f"},{"class":"technical-details","kind":"section","name":"Root cause","digest":"aacc0bcc15d6c83311f3d35319134e23b16087aab7b968ead468a022125d6f77"}],"copy":"addb699a40c186a49704086b7e88c56640720d061274969f746114e6d67860fa","trace":["7K3M9Q2XH4TBR"],"policy":"default","policy_digest":"7cb53c422bf0a95a4ab9e7aaac9470806ec96a7dbd47fbc91b416acceb5a055c","prev":"a826640eb67455d0749ec49952feed75bb91a7c2a015e9024ca0bf8b00644436","hash":"481803b46cb86801bb35c2c3e0a06ec09a15fd82db353eee4a4698675a1c9eb2"}`,
	`{"seq":3,"kind":"partner-removed","at":"2025-08-01T00:00:00Z","partner":"harunoki","reason":"the proof of concept leaked \u003cpoc.py\u003e","prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":"0000000000000000000000000000000000000000000000000000000000000000"}`,
	`{"seq":3,"kind":"partner-removed","at":"2025-08-01T00:00:00Z","partner":"harunoki","reason":"l\u0065aked: Änderung","prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":"0000000000000000000000000000000000000000000000000000000000000000"}`,
}

func fuzzLine(t *testing.T, line []byte) {
	var fast Entry
	if !parseFast(line, &fast, map[string]string{}) || fast.validate() != nil {
		return
	}
	var strict Entry
	if p := decodeStrict(line, &strict); p != nil {
		t.Fatalf("the fast reader reads %s\nthe strict decoder: %s: %s", line, p.path, p.msg)
	}
	if !reflect.DeepEqual(fast, strict) {
		t.Fatalf("fast %+v\nstrict %+v", fast, strict)
	}
	if enc := appendLine(nil, &fast); !bytes.Equal(enc, append(bytes.Clone(line), '\n')) {
		t.Fatalf("the fast reader reads a line not in canonical form:\n%s\n%s", line, enc)
	}
}

func TestFuzzLineSeeds(t *testing.T) {
	for i, l := range fuzzLines {
		var e Entry
		read := parseFast([]byte(l), &e, map[string]string{}) && e.validate() == nil
		if read != (i < 3) {
			t.Errorf("seed %d: the fast reader reads it as a valid entry: %t", i, read)
		}
		fuzzLine(t, []byte(l))
	}
}
