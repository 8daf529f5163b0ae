package disclosure_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// Helpers of the calendar, lead and embargo tests are prefixed with et, so
// that they cannot clash with those of other tests of the package.

func etUTC(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, time.UTC)
}

func etPacific() *time.Location { return disclosure.DefaultPolicy().CalendarZone }

func TestPatchTuesdayRealDates(t *testing.T) {
	// The second Tuesday of each month of 2025 at 10:00 Pacific. DST ran
	// from Sunday March 9 to Sunday November 2, 2025: 10:00 PDT is 17:00Z,
	// 10:00 PST is 18:00Z.
	want := []struct {
		month  time.Month
		day    int
		hourZ  int
		season string
	}{
		{time.January, 14, 18, "PST"},
		{time.February, 11, 18, "PST"},
		{time.March, 11, 17, "PDT"},
		{time.April, 8, 17, "PDT"},
		{time.May, 13, 17, "PDT"},
		{time.June, 10, 17, "PDT"},
		{time.July, 8, 17, "PDT"},
		{time.August, 12, 17, "PDT"},
		{time.September, 9, 17, "PDT"},
		{time.October, 14, 17, "PDT"},
		{time.November, 11, 18, "PST"},
		{time.December, 9, 18, "PST"},
	}
	for _, w := range want {
		got := disclosure.PatchTuesday(2025, w.month)
		exp := etUTC(2025, w.month, w.day, w.hourZ, 0)
		if !got.Equal(exp) || got.Location() != time.UTC {
			t.Errorf("PatchTuesday(2025, %v) = %v, want %v (10:00 %s)", w.month, got, exp, w.season)
		}
		if name, _ := got.In(etPacific()).Zone(); name != w.season {
			t.Errorf("PatchTuesday(2025, %v) is in %s, want %s", w.month, name, w.season)
		}
	}

	// Real publication instants of CVEs released on Patch Tuesdays.
	for _, pub := range []time.Time{
		etUTC(2025, time.January, 14, 18, 4),
		etUTC(2025, time.July, 8, 16, 58),
		etUTC(2025, time.December, 9, 17, 56),
	} {
		pt := disclosure.PatchTuesday(pub.Year(), pub.Month())
		if d := pub.Sub(pt); d < -10*time.Minute || d > 10*time.Minute {
			t.Errorf("CVE published at %v is %v from PatchTuesday %v", pub, d, pt)
		}
	}
}

func TestPatchTuesdayProperties(t *testing.T) {
	la := etPacific()
	if la == nil || la.String() != "America/Los_Angeles" {
		t.Fatalf("DefaultPolicy().CalendarZone = %v", la)
	}
	var all []time.Time
	for y := 1990; y <= 2100; y++ {
		for m := time.January; m <= time.December; m++ {
			pt := disclosure.PatchTuesday(y, m)
			all = append(all, pt)
			if pt.Location() != time.UTC {
				t.Fatalf("PatchTuesday(%d, %v) in %v, want UTC", y, m, pt.Location())
			}
			l := pt.In(la)
			if l.Year() != y || l.Month() != m || l.Weekday() != time.Tuesday || l.Day() < 8 || l.Day() > 14 {
				t.Fatalf("PatchTuesday(%d, %v) = %v (%v local), not the second Tuesday", y, m, pt, l)
			}
			if h, mi, s := l.Clock(); h != 10 || mi != 0 || s != 0 || l.Nanosecond() != 0 {
				t.Fatalf("PatchTuesday(%d, %v) = %v, not 10:00 local", y, m, l)
			}
			if _, off := l.Zone(); off != -7*3600 && off != -8*3600 {
				t.Fatalf("PatchTuesday(%d, %v): offset %d", y, m, off)
			}
			if got := disclosure.NextPatchTuesday(pt.Add(-time.Nanosecond)); !got.Equal(pt) {
				t.Fatalf("NextPatchTuesday(%v - 1ns) = %v, want %v", pt, got, pt)
			}
		}
	}
	for i := 0; i+1 < len(all); i++ {
		if got := disclosure.NextPatchTuesday(all[i]); !got.Equal(all[i+1]) || got.Location() != time.UTC {
			t.Fatalf("NextPatchTuesday(%v) = %v, want %v", all[i], got, all[i+1])
		}
	}

	// Random instants, in random locations: the next Patch Tuesday is
	// strictly after, and the one before it is not.
	rng := rand.New(rand.NewPCG(2025, 7))
	locs := []*time.Location{time.UTC, la, time.FixedZone("+14", 14*3600), time.FixedZone("-12", -12*3600)}
	lo, hi := all[1].Unix(), all[len(all)-2].Unix() // stay where both neighbours are in all
	for range 100_000 {
		t0 := time.Unix(lo+rng.Int64N(hi-lo), rng.Int64N(1e9)).In(locs[rng.IntN(len(locs))])
		next := disclosure.NextPatchTuesday(t0)
		i, found := slices.BinarySearchFunc(all, next, func(a, b time.Time) int { return a.Compare(b) })
		if !found {
			t.Fatalf("NextPatchTuesday(%v) = %v is not a Patch Tuesday", t0, next)
		}
		if !next.After(t0) || all[i-1].After(t0) {
			t.Fatalf("NextPatchTuesday(%v) = %v, but the one before is %v", t0, next, all[i-1])
		}
	}
	// Instants near month boundaries, where the local and UTC months differ.
	for _, t0 := range []time.Time{
		time.Date(2025, 7, 31, 23, 30, 0, 0, la), // August 1 in UTC
		time.Date(2025, 8, 1, 3, 0, 0, 0, time.FixedZone("+14", 14*3600)),
		time.Date(2025, 12, 31, 20, 0, 0, 0, la),
		disclosure.PatchTuesday(2025, time.December).Add(time.Nanosecond),
	} {
		next := disclosure.NextPatchTuesday(t0)
		var want time.Time
		for _, pt := range all {
			if pt.After(t0) {
				want = pt
				break
			}
		}
		if !next.Equal(want) {
			t.Errorf("NextPatchTuesday(%v) = %v, want %v", t0, next, want)
		}
	}
}
