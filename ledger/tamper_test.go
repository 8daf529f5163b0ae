package ledger_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// small builds a record of three short lines: a delivery of the summary
// alone and two events.
func small(t testing.TB) (ledger.Head, []byte) {
	t.Helper()
	var r ledger.Record
	var file bytes.Buffer
	p := disclosure.DefaultPolicy()
	p.Tiers[0].Classes = []disclosure.Class{disclosure.ClassSummary}
	a := toolShell(1)
	a.CVEs, a.Products, a.Title = nil, nil, "T"
	plan := mustPlan(t, p, a, []disclosure.Partner{member("v", "responder", "IN")})
	deliverAll(t, &r, &file, p, plan, time.Date(2025, 7, 8, 17, 0, 0, 0, time.UTC))
	for _, e := range []ledger.Entry{
		{Kind: ledger.KindEmbargoEnded, At: time.Date(2025, 7, 7, 21, 0, 0, 0, time.UTC), Advisory: "A", Reason: "exploited"},
		{Kind: ledger.KindPartnerSuspended, At: time.Date(2025, 7, 9, 0, 0, 0, 0, time.UTC), Partner: "p", Reason: "r"},
	} {
		line, err := r.Append(e)
		if err != nil {
			t.Fatal(err)
		}
		file.Write(line)
	}
	return r.Head(), file.Bytes()
}

// big builds a record of n entries, mostly short events, with a delivery
// every tenth entry.
func big(t testing.TB, n int) (ledger.Head, []byte) {
	t.Helper()
	var r ledger.Record
	var file bytes.Buffer
	p := disclosure.DefaultPolicy()
	plan := mustPlan(t, p, toolShell(3), members())
	at := time.Date(2025, 7, 9, 0, 0, 0, 0, time.UTC)
	for i := range n {
		var e ledger.Entry
		if i%10 == 0 {
			d := plan[i/10%len(plan)]
			d.PartnerID = fmt.Sprintf("p%d", i)
			var err error
			if e, err = ledger.NewDelivery(d, []byte(d.PartnerID), at, p, nil); err != nil {
				t.Fatal(err)
			}
		} else {
			e = ledger.Entry{Kind: ledger.KindPartnerSuspended, At: at.Add(time.Duration(i) * time.Second), Partner: fmt.Sprintf("p%d", i), Reason: "r"}
		}
		line, err := r.Append(e)
		if err != nil {
			t.Fatal(err)
		}
		file.Write(line)
	}
	return r.Head(), file.Bytes()
}

// lines splits a record into its lines, newlines kept.
func lines(file []byte) [][]byte {
	return bytes.SplitAfter(file, []byte("\n"))[:bytes.Count(file, []byte("\n"))]
}

// mustFail checks that Verify rejects a tampered record, without and
// with the head, and with it at least.
func mustFail(t *testing.T, what string, file []byte, head ledger.Head, withoutHeadToo bool) {
	t.Helper()
	mustFailf(t, func() string { return what }, file, head, withoutHeadToo)
}

// mustFailf is mustFail with the edit described only on failure.
func mustFailf(t *testing.T, what func() string, file []byte, head ledger.Head, withoutHeadToo bool) {
	t.Helper()
	if _, err := ledger.Verify(bytes.NewReader(file), head); err == nil {
		t.Fatalf("%s: Verify with the head accepts it", what())
	}
	if withoutHeadToo {
		if _, err := ledger.Verify(bytes.NewReader(file), ledger.Head{}); err == nil {
			t.Fatalf("%s: Verify accepts it", what())
		}
	}
}

// byteValues are the values tried at each byte: all of them, or under the
// race detector, which slows Verify down, each single bit flipped.
func byteValues(old byte) []byte {
	var vs []byte
	if raceEnabled {
		for b := range 8 {
			vs = append(vs, old^1<<b)
		}
		return vs
	}
	for v := range 256 {
		if byte(v) != old {
			vs = append(vs, byte(v))
		}
	}
	return vs
}

func TestVerifyDetectsEveryByteChange(t *testing.T) {
	head, file := small(t)
	if _, err := ledger.Verify(bytes.NewReader(file), head); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes, %d values at each", len(file), len(byteValues(0)))
	tampered := bytes.Clone(file)
	for i, old := range file {
		for _, v := range byteValues(old) {
			tampered[i] = v
			mustFailf(t, func() string { return fmt.Sprintf("byte %d changed from %q to %q", i, old, v) }, tampered, head, true)
		}
		tampered[i] = old
	}
}

func TestVerifyDetectsLineEdits(t *testing.T) {
	head, file := small(t)
	ls := lines(file)
	n := len(ls)
	join := func(ls ...[]byte) []byte { return bytes.Join(ls, nil) }
	for i := range n {
		// Deleting the last line is a cut: only the head shows it.
		mustFail(t, fmt.Sprintf("line %d deleted", i+1), join(append(append([][]byte{}, ls[:i]...), ls[i+1:]...)...), head, i < n-1)
		for j := 0; j <= n; j++ { // line i inserted again before line j (j = n: at the end)
			edited := append(append(append([][]byte{}, ls[:j]...), ls[i]), ls[j:]...)
			mustFail(t, fmt.Sprintf("line %d inserted before line %d", i+1, j+1), join(edited...), head, true)
		}
		for j := i + 1; j < n; j++ {
			edited := append([][]byte{}, ls...)
			edited[i], edited[j] = edited[j], edited[i]
			mustFail(t, fmt.Sprintf("lines %d and %d swapped", i+1, j+1), join(edited...), head, true)
		}
	}
	// A line of another record, valid there, inserted anywhere.
	_, other := small(t)
	other = append(bytes.Clone(other), []byte("{}\n")...)
	for _, l := range lines(other) {
		for j := 0; j <= n; j++ {
			edited := append(append(append([][]byte{}, ls[:j]...), l), ls[j:]...)
			mustFail(t, fmt.Sprintf("a foreign line inserted before line %d", j+1), join(edited...), head, true)
		}
	}
}

func TestVerifyWithHeadDetectsEveryCut(t *testing.T) {
	head, file := small(t)
	for n := range len(file) {
		mustFail(t, fmt.Sprintf("cut to %d bytes", n), file[:n], head, n > 0 && file[n-1] != '\n')
	}
	// Grown since the head was kept: it verifies.
	_, more := small(t)
	grown := append(bytes.Clone(file), lines(more)[0]...)
	if _, err := ledger.Verify(bytes.NewReader(grown), head); err == nil {
		t.Error("a line of another record appended: Verify accepts it")
	}
}

// TestVerifyBigRecord samples the same edits on a record of 10,000
// entries.
func TestVerifyBigRecord(t *testing.T) {
	head, file := big(t, 10_000)
	if _, err := ledger.Verify(bytes.NewReader(file), head); err != nil {
		t.Fatal(err)
	}
	ls := lines(file)
	n := len(ls)
	r := rand.New(rand.NewPCG(1, 2))
	samples := 40
	if raceEnabled {
		samples = 8
	}
	tampered := bytes.Clone(file)
	for range samples {
		i := r.IntN(len(file))
		old := tampered[i]
		tampered[i] ^= byte(1 + r.IntN(255))
		mustFail(t, fmt.Sprintf("byte %d changed", i), tampered, head, true)
		tampered[i] = old
	}
	edit := func(what string, f func(ls [][]byte) [][]byte, withoutHead bool) {
		mustFail(t, what, bytes.Join(f(append([][]byte{}, ls...)), nil), head, withoutHead)
	}
	for range samples {
		i, j := r.IntN(n-1), r.IntN(n)
		edit(fmt.Sprintf("line %d deleted", i+1), func(ls [][]byte) [][]byte { return append(ls[:i], ls[i+1:]...) }, true)
		edit(fmt.Sprintf("line %d repeated", i+1), func(ls [][]byte) [][]byte { return append(ls[:i+1], ls[i:]...) }, true)
		edit(fmt.Sprintf("line %d inserted before %d", i+1, j+1), func(ls [][]byte) [][]byte {
			return append(ls[:j], append([][]byte{ls[i]}, ls[j:]...)...)
		}, true)
		if i != j {
			edit(fmt.Sprintf("lines %d and %d swapped", i+1, j+1), func(ls [][]byte) [][]byte { ls[i], ls[j] = ls[j], ls[i]; return ls }, true)
		}
		cut := r.IntN(len(file))
		mustFail(t, fmt.Sprintf("cut to %d bytes", cut), file[:cut], head, false)
	}
}

// TestVerifyDetectsRehashedLines changes a line and gives it the hash of
// its new content, as someone who knows the format would: the next line's
// prev shows it, and for the last line only the head does.
func TestVerifyDetectsRehashedLines(t *testing.T) {
	head, file := small(t)
	ls := lines(file)
	for i, l := range ls {
		edited := append([][]byte{}, ls...)
		edited[i] = []byte(rehash(strings.Replace(string(l), `"at":"2025-`, `"at":"2024-`, 1)))
		data := bytes.Join(edited, nil)
		_, err := ledger.Verify(bytes.NewReader(data), ledger.Head{})
		var le *ledger.Error
		switch {
		case i < len(ls)-1 && (!errors.As(err, &le) || le.Line != int64(i+2) || le.Path != "prev"):
			t.Errorf("line %d changed and rehashed: %v, want line %d's prev", i+1, err, i+2)
		case i == len(ls)-1 && err != nil:
			t.Errorf("the last line changed and rehashed: %v; only the head shows it", err)
		}
		mustFail(t, fmt.Sprintf("line %d changed and rehashed, with the head", i+1), data, head, false)
	}
}
