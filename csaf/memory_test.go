package csaf_test

import (
	"encoding/json"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure/csaf"
)

// largeDocument returns the CISA advisory ICSA-20-168-01 with n more
// document notes, copies of its own notes in turn: a large real document.
func largeDocument(t testing.TB, n int) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(readFile(t, "testdata/icsa-20-168-01.json"), &doc); err != nil {
		t.Fatal(err)
	}
	d := doc["document"].(map[string]any)
	notes := d["notes"].([]any)
	orig := len(notes)
	for i := range n {
		notes = append(notes, notes[i%orig])
	}
	d["notes"] = notes
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// peakHeap runs f and returns the highest heap in use while it ran, above
// the heap in use before, sampled every 200 µs, and the bytes f allocated.
func peakHeap(f func()) (peak, alloc uint64) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var max atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > max.Load() {
				max.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Microsecond):
			}
		}
	}()
	f()
	close(stop)
	wg.Wait()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if after.HeapInuse > max.Load() {
		max.Store(after.HeapInuse)
	}
	return max.Load() - before.HeapInuse, after.TotalAlloc - before.TotalAlloc
}

// TestReadMemory measures the peak heap Read takes per byte of input, on
// a large real document and on documents of tiny values, and checks the
// bounds Read documents. Not run with -short.
func TestReadMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads documents of tens of megabytes")
	}
	many := func(n int, item string) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(strings.ReplaceAll(item, "#", strconv.Itoa(i)))
		}
		return b.String()
	}
	bsi := string(readFile(t, "testdata/bsi-2022-0001.json"))
	tests := []struct {
		name  string
		doc   func() []byte
		bound float64
	}{
		{"ICSA-20-168-01 with 200,000 more notes", func() []byte { return largeDocument(t, 200_000) }, 4},
		{"200,000 tiny notes", func() []byte {
			return []byte(strings.Replace(bsi, `"notes": [`, `"notes": [`+many(200_000, `{"category":"general","title":"Note #","text":"Text #"}`)+",", 1))
		}, 14},
		{"2,000,000 empty objects in an undefined member", func() []byte {
			return []byte(strings.Replace(bsi, `"document": {`, `"x_big": [`+many(2_000_000, "{}")+`], "document": {`, 1))
		}, 40},
		{"2,000,000 numbers in an undefined member", func() []byte {
			return []byte(strings.Replace(bsi, `"document": {`, `"x_big": [`+many(2_000_000, "1")+`], "document": {`, 1))
		}, 40},
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tt := range tests {
		doc := tt.doc()
		var r csaf.Reading
		var err error
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		peak, alloc := peakHeap(func() { r, err = csaf.Read(doc, csaf.DefaultOptions()) })
		if err != nil {
			t.Fatal(err)
		}
		perByte := float64(peak) / float64(len(doc))
		t.Logf("%s: %.1f MB, %d elements: peak heap %.1f MB (%.2f B per input byte), %.1f MB allocated (%.2f B per input byte)",
			tt.name, float64(len(doc))/1e6, len(r.Elements), float64(peak)/1e6, perByte, float64(alloc)/1e6, float64(alloc)/float64(len(doc)))
		if perByte > tt.bound {
			t.Errorf("%s: peak heap %.2f bytes per input byte, more than %v", tt.name, perByte, tt.bound)
		}
		// What the Reading keeps for its writes: the tree, at most about
		// Read's peak.
		runtime.GC()
		var kept runtime.MemStats
		runtime.ReadMemStats(&kept)
		keptPerByte := (float64(kept.HeapInuse) - float64(base.HeapInuse)) / float64(len(doc))
		t.Logf("%s: the Reading keeps %.2f B per input byte", tt.name, keptPerByte)
		if keptPerByte > tt.bound {
			t.Errorf("%s: the Reading keeps %.2f bytes per input byte, more than %v", tt.name, keptPerByte, tt.bound)
		}
		runtime.KeepAlive(r)
	}
}
