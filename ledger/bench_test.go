package ledger_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// bigEntries is the size of the record the benchmarks read: a program of
// 1,000 partners and 334 advisories of three revisions each, every copy
// marked with two trace codes, and an event every hundredth entry.
const bigEntries = 1_000_000

var bigCache struct {
	once   sync.Once
	file   []byte
	head   ledger.Head
	record *ledger.Record
}

// bigRecord builds the benchmarks' record once per test binary.
func bigRecord(tb testing.TB) ([]byte, ledger.Head, *ledger.Record) {
	bigCache.once.Do(func() {
		policy := programPolicy()
		var templates []ledger.Entry // a validating partner's copy of each revision
		for rev := 1; rev <= 3; rev++ {
			plan := mustPlan(tb, policy, toolShell(rev), []disclosure.Partner{member("x", "validate", "US")})
			e, err := ledger.NewDelivery(plan[0], []byte("x"), plan[0].ReleaseAt, policy, []string{"7K3M9Q2XH4TBR", "8ZP4W1D6NR0CE"})
			if err != nil {
				tb.Fatal(err)
			}
			templates = append(templates, e)
		}
		var r ledger.Record
		var file bytes.Buffer
		file.Grow(bigEntries * 1100)
		start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range bigEntries {
			var e ledger.Entry
			if i%100 == 99 {
				e = ledger.Entry{Kind: ledger.KindExploitationObserved, Advisory: fmt.Sprintf("ADV-2025-%04d", i/3000), Reason: "seen in the wild"}
			} else {
				e = templates[i/1000%3]
				e.Partner = fmt.Sprintf("partner-%04d", i%1000)
				e.Advisory = fmt.Sprintf("ADV-2025-%04d", i/3000)
				e.Copy = sha256.Sum256(fmt.Appendf(nil, "copy %d", i))
			}
			e.At = start.Add(time.Duration(i) * time.Second)
			line, err := r.Append(e)
			if err != nil {
				tb.Fatal(err)
			}
			file.Write(line)
		}
		bigCache.file, bigCache.head, bigCache.record = file.Bytes(), r.Head(), &r
	})
	return bigCache.file, bigCache.head, bigCache.record
}

func reportPerEntry(b *testing.B, entries int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(entries), "ns/entry")
}

// BenchmarkVerify verifies the 1,000,000-entry record against its head.
func BenchmarkVerify(b *testing.B) {
	file, head, _ := bigRecord(b)
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	for range b.N {
		if _, err := ledger.Verify(bytes.NewReader(file), head); err != nil {
			b.Fatal(err)
		}
	}
	reportPerEntry(b, bigEntries)
}

// BenchmarkRead reads the 1,000,000-entry record into memory.
func BenchmarkRead(b *testing.B) {
	file, _, _ := bigRecord(b)
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	for range b.N {
		if _, err := ledger.Read(bytes.NewReader(file)); err != nil {
			b.Fatal(err)
		}
	}
	reportPerEntry(b, bigEntries)
}

// BenchmarkInvestigate asks who held the technical details of one
// advisory, and of every advisory, over the 1,000,000-entry record.
func BenchmarkInvestigate(b *testing.B) {
	_, _, record := bigRecord(b)
	for _, tc := range []struct{ name, advisory string }{{"one-advisory", "ADV-2025-0100"}, {"all-advisories", ""}} {
		b.Run(tc.name, func(b *testing.B) {
			q := ledger.Query{Advisory: tc.advisory, Before: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC),
				Classes: []disclosure.Class{disclosure.ClassTechnicalDetails}, Partners: members()}
			for range b.N {
				f, err := record.Investigate(q)
				if err != nil || len(f.Holders) == 0 {
					b.Fatal(err, len(f.Holders))
				}
			}
			reportPerEntry(b, bigEntries)
		})
	}
}

// TestVerifyAgainstSha256sum compares, in one run, Verify with sha256sum
// over the same file of 1,000,000 entries, both reading it from the page
// cache: hashing every byte once is the least verifying can cost. It logs
// the median of several runs of each and their ratio; it asserts nothing
// about time. It runs only with LEDGER_SHA256SUM=1 and sha256sum
// installed:
//
//	LEDGER_SHA256SUM=1 go test -run Sha256sum -v ./ledger
func TestVerifyAgainstSha256sum(t *testing.T) {
	if os.Getenv("LEDGER_SHA256SUM") != "1" {
		t.Skip("set LEDGER_SHA256SUM=1 to compare Verify with sha256sum")
	}
	sum, err := exec.LookPath("sha256sum")
	if err != nil {
		t.Skip(err)
	}
	data, head, _ := bigRecord(t)
	path := filepath.Join(t.TempDir(), "record.jsonl")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	const runs = 7
	var tool, verify []time.Duration
	for range runs {
		start := time.Now()
		if out, err := exec.Command(sum, path).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		tool = append(tool, time.Since(start))

		start = time.Now()
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = ledger.Verify(f, head)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		verify = append(verify, time.Since(start))
	}
	median := func(ds []time.Duration) time.Duration { slices.Sort(ds); return ds[len(ds)/2] }
	mt, mv := median(tool), median(verify)
	mb := float64(len(data)) / 1e6
	t.Logf("%d entries, %.0f MB: sha256sum %v (%.0f MB/s), Verify %v (%.0f MB/s, %.0f ns/entry): Verify takes %.2f× sha256sum (medians of %d runs)",
		bigEntries, mb, mt, mb/mt.Seconds(), mv, mb/mv.Seconds(), float64(mv.Nanoseconds())/bigEntries, mv.Seconds()/mt.Seconds(), runs)
}
