package trace_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

var writeSeeds = flag.Bool("write-fuzz-seeds", false, "rewrite the generated seeds under testdata/fuzz")

var fuzzIndex = sync.OnceValues(func() (*trace.Index, error) {
	return trace.NewIndex(testKey, markedAdvisory(), manyPartners(5))
})

// FuzzIdentify: no leak makes Identify panic; every code it reports lies in
// the leak and, read as text, reads as the code; matches are in order;
// Identify finds what the Index finds, and is an error only when that is
// nothing; and under a key nobody marked with, nothing matches.
func FuzzIdentify(f *testing.F) {
	ix, err := fuzzIndex()
	if err != nil {
		f.Fatal(err)
	}
	a, ps := markedAdvisory(), manyPartners(5)
	f.Fuzz(func(t *testing.T, leak []byte) {
		ms := ix.Identify(leak)
		checkFound(t, leak, ms)
		for i := 1; i < len(ms); i++ {
			if x, y := ms[i-1], ms[i]; x.Distinct < y.Distinct || x.Distinct == y.Distinct && x.Partner >= y.Partner {
				t.Fatalf("matches out of order: %s", partners(ms))
			}
		}
		got, err := trace.Identify(leak, testKey, a, ps)
		if err != nil && (ms != nil || !errors.Is(err, trace.ErrWrongKey)) || err == nil && !reflect.DeepEqual(got, ms) {
			t.Fatalf("Identify gives %s, error %v; the Index %s", partners(got), err, partners(ms))
		}
		// A key derived from the leak itself: no leak can hold codes made
		// under it. Marks made under another key make it an error.
		key := sha256.Sum256(append([]byte("fuzz key "), leak...))
		if ms, err := trace.Identify(leak, key[:], a, ps); ms != nil || err != nil && !errors.Is(err, trace.ErrWrongKey) {
			t.Fatalf("a random key identifies %s, error %v", partners(ms), err)
		}
	})
}

// fuzzSeeds are the seeds of FuzzIdentify: marked copies in the forms the
// package documentation says codes survive, and inputs without codes.
func fuzzSeeds(t *testing.T) map[string][]byte {
	a, ps := markedAdvisory(), manyPartners(5)
	d := mustMark(t, a, ps[2], testKey)
	poc := artifact(t, d, "poc.py")
	unmarked, err := disclosure.Disclose(disclosure.DefaultPolicy(), a, ps[2])
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(6, 6))
	noise := make([]byte, 512)
	for i := range noise {
		noise[i] = byte(r.Uint32())
	}
	var sections []byte
	for _, s := range d.Advisory.Sections {
		sections = fmt.Appendf(sections, "%s\n%s\n\n", s.Title, s.Body)
	}
	return map[string][]byte{
		"json":              mustJSON(t, d),
		"poc-lower-crlf-7":  foldAt(bytes.ToLower(poc), 7, "\r\n"),
		"sections-quoted":   wrapWords(sections, 40, "> "),
		"poc-base64-mime":   foldAt([]byte(base64.StdEncoding.EncodeToString(poc)), 76, "\r\n"),
		"sections-utf16le":  utf16Bytes(sections, false),
		"spliced":           append(append([]byte(nil), poc[:len(poc)/2]...), artifact(t, mustMark(t, a, ps[4], testKey), "poc.py")[len(poc)/2:]...),
		"other-key":         mustJSON(t, mustMark(t, a, ps[2], otherKey)),
		"unmarked":          mustJSON(t, unmarked),
		"noise":             noise,
		"empty":             nil,
		"symbols-and-blank": []byte(strings.Repeat("0OoIiLl1Uu \n\t=-_+/", 8)),
	}
}

// TestFuzzSeeds checks that the seeds under testdata/fuzz are those
// fuzzSeeds makes; with -write-fuzz-seeds, it writes them.
func TestFuzzSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzIdentify")
	for name, leak := range fuzzSeeds(t) {
		want := fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", leak)
		path := filepath.Join(dir, name)
		if *writeSeeds {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is missing or out of date (%v); run go test -run TestFuzzSeeds -write-fuzz-seeds", path, err)
		}
	}
}
