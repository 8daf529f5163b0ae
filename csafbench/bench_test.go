package csafbench_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	gocsaf "github.com/gocsaf/csaf/v3/csaf"
)

// largest returns the path of the largest document under ../csaf/testdata,
// and its bytes.
func largest(tb testing.TB) (string, []byte) {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "csaf", "testdata", "*.json"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no documents under ../csaf/testdata (%v)", err)
	}
	best, size := "", int64(-1)
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			tb.Fatal(err)
		}
		if info.Size() > size {
			best, size = p, info.Size()
		}
	}
	doc, err := os.ReadFile(best)
	if err != nil {
		tb.Fatal(err)
	}
	return best, doc
}

// partner is an entry-tier partner, entitled to the document: its copy
// holds every class but unclassified.
var partner = disclosure.Partner{
	ID: "ardentic", Name: "Ardentic Antivirus Inc.", Tier: "entry", Jurisdictions: []string{"US"},
	Status: disclosure.StatusActive, Agreement: disclosure.Agreement{SignedAt: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)},
}

// writeCopy is the library's way: read, decide for the partner, write
// the partner's copy.
func writeCopy(doc []byte) ([]byte, error) {
	opts := csaf.DefaultOptions()
	r, err := csaf.Read(doc, opts)
	if err != nil {
		return nil, err
	}
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), r.Advisory, partner)
	if err != nil {
		return nil, err
	}
	if !d.Entitled {
		return nil, errors.New("the partner is not entitled")
	}
	out, _, err := r.WriteFor(d, partner)
	return out, err
}

// decodeAndMarshal is gocsaf's way: what LoadAdvisory does (decode into
// its csaf.Advisory, refuse trailing data, Validate), but without
// refusing unknown members, then json.Marshal. LoadAdvisory itself refuses
// the document (see TestBothRead).
func decodeAndMarshal(doc []byte) ([]byte, error) {
	var adv gocsaf.Advisory
	dec := json.NewDecoder(bytes.NewReader(doc))
	if err := dec.Decode(&adv); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data")
	}
	if err := adv.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(&adv)
}

// TestBothRead checks that both ways take the document and write a
// document; that gocsaf's LoadAdvisory refuses the document itself,
// because its types spell CSAF's "acknowledgments" "acknowledgements",
// which is why the benchmark decodes without refusing unknown members
// (and so drops the acknowledgments); and that LoadAdvisory loads the
// partner's copy, which has none.
func TestBothRead(t *testing.T) {
	path, doc := largest(t)
	if filepath.Base(path) != "icsa-20-168-01.json" {
		t.Logf("the largest document is now %s", path)
	}
	mine, err := writeCopy(doc)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := decodeAndMarshal(doc)
	if err != nil {
		t.Fatalf("gocsaf: %v", err)
	}
	if len(mine) < len(doc)/2 || len(theirs) < len(doc)/2 {
		t.Fatalf("the copy is %d bytes and gocsaf's document %d, of a document of %d", len(mine), len(theirs), len(doc))
	}
	if _, err := gocsaf.LoadAdvisory(path); err == nil || !strings.Contains(err.Error(), `unknown field "acknowledgments"`) {
		t.Errorf("gocsaf's LoadAdvisory: %v, want the refusal of acknowledgments the benchmark works around", err)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.json")
	if err := os.WriteFile(copyPath, mine, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := gocsaf.LoadAdvisory(copyPath); err != nil {
		t.Errorf("gocsaf does not load the partner's copy: %v", err)
	}
}

// BenchmarkCopy measures both ways, from the file and from memory.
func BenchmarkCopy(b *testing.B) {
	path, doc := largest(b)
	run := func(name string, f func() ([]byte, error)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			measure(b, func() error { _, err := f(); return err })
		})
	}
	run("from=file/lib=disclosure", func() ([]byte, error) {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return writeCopy(data)
	})
	run("from=file/lib=gocsaf", func() ([]byte, error) {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return decodeAndMarshal(data)
	})
	run("from=memory/lib=disclosure", func() ([]byte, error) { return writeCopy(doc) })
	run("from=memory/lib=gocsaf", func() ([]byte, error) { return decodeAndMarshal(doc) })
}

// BenchmarkStep measures each step of both ways alone, to say where the
// time goes: the library's Read, Disclose and Reading.WriteFor, and the
// function csaf.WriteFor (which parses and classifies the document again:
// it takes the document, not Read's result); gocsaf's decoding (with
// Validate) and json.Marshal.
func BenchmarkStep(b *testing.B) {
	_, doc := largest(b)
	opts := csaf.DefaultOptions()
	r, err := csaf.Read(doc, opts)
	if err != nil {
		b.Fatal(err)
	}
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), r.Advisory, partner)
	if err != nil {
		b.Fatal(err)
	}
	var adv gocsaf.Advisory
	if err := json.Unmarshal(doc, &adv); err != nil {
		b.Fatal(err)
	}
	steps := []struct {
		name string
		f    func() error
	}{
		{"lib=disclosure/step=read", func() error { _, err := csaf.Read(doc, opts); return err }},
		{"lib=disclosure/step=disclose", func() error {
			_, err := disclosure.Disclose(disclosure.DefaultPolicy(), r.Advisory, partner)
			return err
		}},
		{"lib=disclosure/step=write", func() error { _, _, err := r.WriteFor(d, partner); return err }},
		{"lib=disclosure/step=writedoc", func() error { _, _, err := csaf.WriteFor(doc, d, partner, opts); return err }},
		{"lib=gocsaf/step=decode", func() error {
			var a gocsaf.Advisory
			dec := json.NewDecoder(bytes.NewReader(doc))
			if err := dec.Decode(&a); err != nil {
				return err
			}
			return a.Validate()
		}},
		{"lib=gocsaf/step=marshal", func() error { _, err := json.Marshal(&adv); return err }},
	}
	for _, s := range steps {
		b.Run(s.name, func(b *testing.B) { measure(b, s.f) })
	}
}

// measure runs f in b's loop, and reports its allocations and, besides the
// wall time, the CPU time of the process per operation (cpu-ns/op), which
// other load on the machine does not inflate as it does the wall time.
func measure(b *testing.B, f func() error) {
	b.ReportAllocs()
	before, ok := cpuTime()
	for b.Loop() {
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
	if after, ok2 := cpuTime(); ok && ok2 && b.N > 0 {
		b.ReportMetric(float64((after-before).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
