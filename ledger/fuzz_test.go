package ledger_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"testing"

	"github.com/disclosurekit/disclosure/ledger"
)

// FuzzRead reads any bytes as a record: no panic; Read and Verify agree;
// an error names a line; a record accepted re-encodes identically, each
// line being encoding/json's encoding of its Entry.
func FuzzRead(f *testing.F) {
	_, file := sample(f)
	_, short := small(f)
	f.Add(file)
	f.Add(short)
	for _, l := range lines(file) {
		f.Add(l)
	}
	f.Add([]byte{})
	f.Add([]byte("\n"))
	f.Add([]byte(`{"seq":1}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, data)
		// The same lines chained again, as a writer that hashes what it
		// writes would: what the hashes no longer catch, the reading must.
		checkRead(t, rechain(data))
	})
}

// rechain sets the prev and hash members of each line that ends with them
// to what they should be.
func rechain(data []byte) []byte {
	const tail = len(`,"prev":"`) + 64 + len(`","hash":"`) + 64 + len(`"}`)
	var prev [32]byte
	var out []byte
	for _, l := range bytes.SplitAfter(data, []byte("\n")) {
		body, ok := bytes.CutSuffix(l, []byte("\n"))
		if !ok || len(body) < tail || !bytes.HasPrefix(body[len(body)-tail:], []byte(`,"prev":"`)) {
			out = append(out, l...)
			continue
		}
		start := len(body) - tail
		line := append(bytes.Clone(body[:start]), `,"prev":"`...)
		line = hex.AppendEncode(line, prev[:])
		prev = sha256.Sum256(append(bytes.Clone(line), `"}`...))
		line = append(line, `","hash":"`...)
		line = hex.AppendEncode(line, prev[:])
		out = append(append(out, line...), "\"}\n"...)
	}
	return out
}

func checkRead(t *testing.T, data []byte) {
	t.Helper()
	rec, err := ledger.Read(bytes.NewReader(data))
	head, verr := ledger.Verify(bytes.NewReader(data), ledger.Head{})
	if (err == nil) != (verr == nil) || err != nil && err.Error() != verr.Error() {
		t.Fatalf("Read: %v\nVerify: %v", err, verr)
	}
	if err != nil {
		var le *ledger.Error
		if !errors.As(err, &le) || le.Line < 1 || le.Msg == "" {
			t.Fatalf("error %#v does not name a line", err)
		}
		return
	}
	if head != rec.Head() || head.N != int64(rec.Len()) {
		t.Fatalf("Verify's head %v, Read's %v, %d entries", head, rec.Head(), rec.Len())
	}
	var again bytes.Buffer
	for _, e := range rec.Entries() {
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		again.Write(b)
		again.WriteByte('\n')
	}
	if !bytes.Equal(again.Bytes(), data) {
		t.Fatalf("re-encoded:\n%s\nread:\n%s", again.Bytes(), data)
	}
	if _, err := ledger.Verify(bytes.NewReader(data), head); err != nil {
		t.Fatalf("Verify against its own head: %v", err)
	}
}

// TestRechain checks that rechain makes a record with edited content
// whole again, so that FuzzRead reaches the checks of content.
func TestRechain(t *testing.T) {
	_, file := sample(t)
	edited := bytes.ReplaceAll(file, []byte("harunoki"), []byte("harunokk"))
	if _, err := ledger.Read(bytes.NewReader(edited)); err == nil {
		t.Fatal("an edited record reads")
	}
	if _, err := ledger.Read(bytes.NewReader(rechain(edited))); err != nil {
		t.Fatalf("an edited record chained again: %v", err)
	}
}
