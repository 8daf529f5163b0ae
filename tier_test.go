package disclosure_test

import (
	"math/rand/v2"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine has

	"github.com/disclosurekit/disclosure"
)

// Helpers of this file are prefixed with tt so that they cannot clash with
// those of other test files of the package.

func ttZone(t *testing.T, name string) *time.Location {
	t.Helper()
	z, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return z
}

type ttCase struct {
	name string
	n    int
	from time.Time
	want time.Time
}

func ttRun(t *testing.T, zone *time.Location, cases []ttCase) {
	t.Helper()
	for _, c := range cases {
		got := disclosure.LeadBusinessDays(c.n).Before(c.from, zone)
		if !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("%s: %dbd before %v = %v (%v), want %v (%v)", c.name, c.n, c.from.In(zone),
				got, got.In(zone), c.want.UTC(), c.want.In(zone))
		}
	}
}

// Samoa moved across the date line at the end of Thursday 2011-12-29
// (UTC-10, its summer time) to Saturday 2011-12-31 (UTC+14): Friday
// 2011-12-30 never happened in Pacific/Apia. The business days before
// Monday 2012-01-02 are Thursday 29, Wednesday 28, Tuesday 27, Monday 26,
// Friday 23: 10:00 local on each is 20:00Z, before the move and after it.
func TestBusinessDaysSkippedDay(t *testing.T) {
	apia := ttZone(t, "Pacific/Apia")
	at := func(d, hh, mm int) time.Time { // December 2011, or January 2012 for d < 10
		if d < 10 {
			return time.Date(2012, time.January, d, hh, mm, 0, 0, apia)
		}
		return time.Date(2011, time.December, d, hh, mm, 0, 0, apia)
	}
	if got := at(31, 10, 0); !got.Equal(etUTC(2011, 12, 30, 20, 0)) {
		t.Fatalf("the zone data differs: Saturday 2011-12-31 10:00 in Apia is %v, want 20:00Z on the 30th", got.UTC())
	}
	ttRun(t, apia, []ttCase{
		{"Thursday 29, before the move", 1, at(29, 10, 0), at(28, 10, 0)},
		{"Thursday 29, before the move", 2, at(29, 10, 0), at(27, 10, 0)},
		{"Thursday 29, before the move", 5, at(29, 10, 0), at(22, 10, 0)},
		{"Saturday 31: Friday was skipped", 1, at(31, 10, 0), at(29, 10, 0)},
		{"Saturday 31: Friday was skipped", 2, at(31, 10, 0), at(28, 10, 0)},
		{"Saturday 31: Friday was skipped", 5, at(31, 10, 0), at(23, 10, 0)},
		{"Sunday 1 January", 1, at(1, 10, 0), at(29, 10, 0)},
		{"Monday 2 January", 1, at(2, 10, 0), at(29, 10, 0)},
		{"Monday 2 January", 2, at(2, 10, 0), at(28, 10, 0)},
		{"Monday 2 January", 5, at(2, 10, 0), at(23, 10, 0)},
		{"Tuesday 3 January", 2, at(3, 10, 0), at(29, 10, 0)},
		{"Tuesday 3 January", 6, at(3, 10, 0), at(23, 10, 0)},
		{"just after the move", 1, at(31, 0, 0), at(29, 0, 0)},
		{"late on Saturday", 1, at(31, 23, 59), at(29, 23, 59)},
	})
	// The real span of one business day from Saturday is a day, not none:
	// the calendar span of two days less the day the clocks jumped.
	if got := disclosure.LeadBusinessDays(1).Before(at(31, 10, 0), apia); at(31, 10, 0).Sub(got) != 24*time.Hour {
		t.Errorf("1bd before Saturday 31 10:00 spans %v, want 24h", at(31, 10, 0).Sub(got))
	}

	// Other skipped days: Tokelau on the same night, and Manila on
	// Tuesday 1844-12-31 (moving from the American side to the Asian).
	fakaofo := ttZone(t, "Pacific/Fakaofo")
	ttRun(t, fakaofo, []ttCase{
		{"Tokelau, Monday 2 January", 1, time.Date(2012, 1, 2, 9, 30, 0, 0, fakaofo), time.Date(2011, 12, 29, 9, 30, 0, 0, fakaofo)},
	})
	manila := ttZone(t, "Asia/Manila")
	ttRun(t, manila, []ttCase{
		{"Manila, Wednesday 1845-01-01", 1, time.Date(1845, 1, 1, 12, 0, 0, 0, manila), time.Date(1844, 12, 30, 12, 0, 0, 0, manila)},
		{"Manila, Thursday 1845-01-02", 3, time.Date(1845, 1, 2, 12, 0, 0, 0, manila), time.Date(1844, 12, 27, 12, 0, 0, 0, manila)},
	})
	// A skipped Saturday (Kwajalein, 1993-08-21) changes no count.
	kwaj := ttZone(t, "Pacific/Kwajalein")
	ttRun(t, kwaj, []ttCase{
		{"Kwajalein, Monday 1993-08-23", 1, time.Date(1993, 8, 23, 10, 0, 0, 0, kwaj), time.Date(1993, 8, 20, 10, 0, 0, 0, kwaj)},
	})

	// The same through a policy of that calendar zone.
	p := disclosure.DefaultPolicy()
	p.CalendarZone = apia
	p.Tiers[1].Lead = disclosure.LeadBusinessDays(1)
	a := vtAdvisory()
	a.PublicAt = at(31, 10, 0)
	to := vtPartner("us-av", "entry", "US")
	to.Agreement.SignedAt = etUTC(2011, 1, 1, 0, 0)
	d, err := disclosure.Disclose(p, a, to)
	if err != nil {
		t.Fatal(err)
	}
	if !d.ReleaseAt.Equal(at(29, 10, 0)) {
		t.Errorf("Disclose: release %v, want %v", d.ReleaseAt, at(29, 10, 0).UTC())
	}
}

// A zone moving the other way across the date line shows a date twice:
// Kwajalein went from UTC+11 to UTC-12 at the end of Tuesday 1969-09-30,
// so its clocks showed 01:00 to midnight of that Tuesday twice. The
// Tuesday counts once, and a clock time it shows twice is taken at its
// later instant, in the calendar the zone went on with.
func TestBusinessDaysRepeatedDay(t *testing.T) {
	kwaj := ttZone(t, "Pacific/Kwajalein")
	plus11, minus12 := time.FixedZone("+11", 11*3600), time.FixedZone("-12", -12*3600)
	if got := time.Date(1969, 10, 1, 10, 0, 0, 0, kwaj); !got.Equal(time.Date(1969, 10, 1, 10, 0, 0, 0, minus12)) {
		t.Fatalf("the zone data differs: Wednesday 1969-10-01 10:00 in Kwajalein is %v", got.UTC())
	}
	ttRun(t, kwaj, []ttCase{
		{"Wednesday after the repeated Tuesday", 1,
			time.Date(1969, 10, 1, 10, 0, 0, 0, minus12), time.Date(1969, 9, 30, 10, 0, 0, 0, minus12)},
		{"Wednesday after the repeated Tuesday", 2,
			time.Date(1969, 10, 1, 10, 0, 0, 0, minus12), time.Date(1969, 9, 29, 10, 0, 0, 0, plus11)},
		{"Thursday", 2,
			time.Date(1969, 10, 2, 10, 0, 0, 0, minus12), time.Date(1969, 9, 30, 10, 0, 0, 0, minus12)},
		{"Monday", 5,
			time.Date(1969, 10, 6, 10, 0, 0, 0, minus12), time.Date(1969, 9, 29, 10, 0, 0, 0, plus11)},
		// 00:30 was shown once that Tuesday, before the change.
		{"a clock time the Tuesday showed once", 1,
			time.Date(1969, 10, 1, 0, 30, 0, 0, minus12), time.Date(1969, 9, 30, 0, 30, 0, 0, plus11)},
		{"the Tuesday's first 10:00", 1,
			time.Date(1969, 9, 30, 10, 0, 0, 0, plus11), time.Date(1969, 9, 29, 10, 0, 0, 0, plus11)},
		{"the Tuesday's second 10:00", 1,
			time.Date(1969, 9, 30, 10, 0, 0, 0, minus12), time.Date(1969, 9, 29, 10, 0, 0, 0, plus11)},
	})

	// Samoa went the other way first: from local mean time UTC+12:33:04 to
	// UTC-11:26:56 at the end of Monday 1892-07-04, which it lived twice.
	apia := ttZone(t, "Pacific/Apia")
	east, west := time.FixedZone("LMT", 12*3600+33*60+4), time.FixedZone("LMT", -(11*3600+26*60+56))
	ttRun(t, apia, []ttCase{
		{"Apia, Tuesday 1892-07-05", 1, time.Date(1892, 7, 5, 10, 0, 0, 0, west), time.Date(1892, 7, 4, 10, 0, 0, 0, west)},
		{"Apia, Tuesday 1892-07-05", 2, time.Date(1892, 7, 5, 10, 0, 0, 0, west), time.Date(1892, 7, 1, 10, 0, 0, 0, east)},
		{"Apia, the second Monday", 1, time.Date(1892, 7, 4, 10, 0, 0, 0, west), time.Date(1892, 7, 1, 10, 0, 0, 0, east)},
	})

	// Alaska left the Russian calendar on Friday 1867-10-18 at 15:33:32 in
	// Juneau, turning its clocks back from UTC+15:02:19 to UTC-8:57:41: the
	// rest of that Friday was shown twice, its morning once.
	juneau := ttZone(t, "America/Juneau")
	before, after := time.FixedZone("LMT", 15*3600+2*60+19), time.FixedZone("LMT", -(8*3600+57*60+41))
	ttRun(t, juneau, []ttCase{
		{"Juneau, Monday afternoon", 1, time.Date(1867, 10, 21, 16, 0, 0, 0, after), time.Date(1867, 10, 18, 16, 0, 0, 0, after)},
		{"Juneau, Monday morning", 1, time.Date(1867, 10, 21, 10, 0, 0, 0, after), time.Date(1867, 10, 18, 10, 0, 0, 0, before)},
	})
}

// ttDate returns the date t shows in its location, as midnight UTC.
func ttDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ttWall returns the date and time t shows in its location, labelled UTC.
func ttWall(t time.Time) time.Time {
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	return time.Date(y, m, d, hh, mm, ss, t.Nanosecond(), time.UTC)
}

// ttChanges returns the instants from 1840 to 2040 at which zone changes
// its UTC offset.
func ttChanges(zone *time.Location) []time.Time {
	var out []time.Time
	for at := time.Date(1840, 1, 1, 0, 0, 0, 0, time.UTC); at.Year() < 2040; {
		_, end := at.In(zone).ZoneBounds()
		if end.IsZero() {
			break
		}
		out = append(out, end)
		at = end
	}
	return out
}

// TestBusinessDaysProperties checks Before against what the zone's clocks
// show, found by looking at them every 15 minutes (no zone shows a date for
// less), in many zones, at random instants near their changes of clocks and
// far from them. For n >= 1 business days before t, with E the date t shows
// and c its clock time, the result r
//
//   - is strictly before t, in UTC;
//   - is at a date D that is a Monday–Friday date the zone shows, such that
//     the Monday–Friday dates the zone shows from D up to, not including, E
//     are exactly n (D and n-1 strictly between D and E);
//   - shows D at clock time c if the zone shows D at c, at the latest instant
//     before t that does; otherwise it is time.Date's normalisation of D
//     at c.
func TestBusinessDaysProperties(t *testing.T) {
	var zones []*time.Location
	for _, name := range []string{
		"America/Los_Angeles", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo",
		"Antarctica/Troll", "Antarctica/Casey", "Pacific/Apia", "Pacific/Kwajalein", "Pacific/Fakaofo",
		"Pacific/Kiritimati", "Pacific/Kanton", "Pacific/Tongatapu", "Pacific/Chatham", "Asia/Manila",
		"Pacific/Guam", "America/Juneau", "America/Sitka", "America/Asuncion", "America/Havana",
		"Africa/Cairo", "Asia/Tehran", "Asia/Pyongyang", "America/Caracas", "Europe/Moscow",
	} {
		zones = append(zones, ttZone(t, name))
	}
	zones = append(zones, time.UTC, time.FixedZone("UTC-10", -10*3600), time.FixedZone("+13:45", 13*3600+45*60))

	rng := rand.New(rand.NewPCG(13, 2011))
	first, last := time.Date(1845, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2035, 1, 1, 0, 0, 0, 0, time.UTC)
	cases, seen := 0, ttSeen{}
	for _, zone := range zones {
		changes := ttChanges(zone)
		var big []time.Time // by more than three hours: zones moving, or across the date line
		for _, c := range changes {
			if jump := ttWall(c.In(zone)).Sub(ttWall(c.Add(-1).In(zone))); jump > 3*time.Hour || jump < -3*time.Hour {
				big = append(big, c)
			}
		}
		for range 150 {
			var from time.Time
			switch r := rng.IntN(4); {
			case r == 0 || len(changes) == 0:
				from = first.Add(time.Duration(rng.Int64N(int64(last.Sub(first)))))
			case r == 1 && len(big) > 0:
				from = big[rng.IntN(len(big))]
				from = from.Add(time.Duration(rng.Int64N(int64(20*24*time.Hour))) - 10*24*time.Hour) // within ten days
			case r == 2:
				// Some days after a change, at a clock time that the change
				// skipped or showed twice on its date.
				c := changes[rng.IntN(len(changes))]
				w := ttWall(c.Add(-time.Minute).In(zone)).Add(2*time.Minute).AddDate(0, 0, 1+rng.IntN(7))
				from = time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, zone)
			default:
				from = changes[rng.IntN(len(changes))]
				from = from.Add(time.Duration(rng.Int64N(int64(20*24*time.Hour))) - 10*24*time.Hour)
			}
			from = from.Truncate(time.Minute).Add(time.Duration(rng.IntN(3)) * 20 * time.Second)
			n := 1 + rng.IntN(8)
			if rng.IntN(10) == 0 {
				n = 1 + rng.IntN(40)
			}
			ttCheck(t, n, from, zone, &seen)
			cases++
		}
	}
	t.Logf("%d cases: %+v", cases, seen)
	if seen.skipped == 0 || seen.twice == 0 || seen.normalised == 0 {
		t.Errorf("the cases miss a rare rule: %+v", seen)
	}
}

// ttSeen counts the cases that met each rare rule.
type ttSeen struct{ skipped, twice, normalised int }

func ttCheck(t *testing.T, n int, from time.Time, zone *time.Location, seen *ttSeen) {
	t.Helper()
	got := disclosure.LeadBusinessDays(n).Before(from, zone)
	local := from.In(zone)
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("%dbd before %v (%v, %v): got %v (%v): "+format,
			append([]any{n, local, local.Weekday(), zone, got, got.In(zone)}, args...)...)
	}
	if got.Location() != time.UTC || !got.Before(from) {
		fail("not strictly before, in UTC")
	}

	// The dates and UTC offsets the zone shows over a window that holds the
	// answer: 2n+6 days back from t.
	shown := map[time.Time]bool{}
	offsets := map[int]bool{}
	for at := from.Add(-time.Duration(2*n+6) * 24 * time.Hour).Truncate(15 * time.Minute); !at.After(from); at = at.Add(15 * time.Minute) {
		l := at.In(zone)
		shown[ttDate(l)] = true
		_, off := l.Zone()
		offsets[off] = true
	}
	business := func(d time.Time) bool {
		wd := d.Weekday()
		return wd != time.Saturday && wd != time.Sunday && shown[d]
	}
	// The expected date: the nth business day before E.
	e := ttDate(local)
	want := e
	for k := 0; k < n; {
		want = want.AddDate(0, 0, -1)
		if business(want) {
			k++
		}
	}
	// The instants at which the zone shows that date at t's clock time.
	hh, mm, ss := local.Clock()
	wall := time.Date(want.Year(), want.Month(), want.Day(), hh, mm, ss, local.Nanosecond(), time.UTC)
	var latest time.Time
	times := 0
	for off := range offsets {
		at := wall.Add(-time.Duration(off) * time.Second)
		if ttWall(at.In(zone)).Equal(wall) && at.Before(from) {
			times++
			if at.After(latest) {
				latest = at
			}
		}
	}
	if times > 1 {
		seen.twice++
	}

	var d time.Time // the date of the result
	if ttWall(got.In(zone)).Sub(ttDate(got.In(zone))) == wall.Sub(want) {
		d = ttDate(got.In(zone)) // at t's clock time
	} else {
		// Normalised: at one of the dates around it, t's clock time must not be shown.
		for _, c := range []time.Time{ttDate(got.In(zone)).AddDate(0, 0, -1), ttDate(got.In(zone)), ttDate(got.In(zone)).AddDate(0, 0, 1)} {
			if time.Date(c.Year(), c.Month(), c.Day(), hh, mm, ss, local.Nanosecond(), zone).Equal(got) {
				d = c
			}
		}
		if d.IsZero() || !latest.IsZero() && d.Equal(want) {
			fail("not at the clock time %02d:%02d:%02d, and not time.Date's normalisation of a clock time the date lacks", hh, mm, ss)
		}
		seen.normalised++
	}
	if !business(d) {
		fail("%v (%v) is not a Monday–Friday date the zone shows", d.Format(time.DateOnly), d.Weekday())
	}
	count, skipped := 0, false
	for x := d; x.Before(e); x = x.AddDate(0, 0, 1) {
		if business(x) {
			count++
		} else if wd := x.Weekday(); wd != time.Saturday && wd != time.Sunday {
			skipped = true
		}
	}
	if skipped {
		seen.skipped++
	}
	if count != n {
		fail("%d business days from %v up to %v, want %d", count, d.Format(time.DateOnly), e.Format(time.DateOnly), n)
	}
	if !latest.IsZero() && !got.Equal(latest) {
		fail("want the latest instant before t showing %v, %v", wall.Format("2006-01-02 15:04:05"), latest.UTC())
	}
}

// Validation bounds a business-day lead by a duration max_lead assuming a
// zone that shows every weekday. Five business days before Monday
// 2012-01-02 10:00 in Pacific/Apia reach Friday 2011-12-23, nine days (216
// hours) before, since Friday 2011-12-30 was skipped; a max_lead of 170h,
// which validation accepts beside 5bd, still caps the release.
func TestBusinessDaysMaxLeadCapsSkippedDay(t *testing.T) {
	apia := ttZone(t, "Pacific/Apia")
	public := time.Date(2012, 1, 2, 10, 0, 0, 0, apia)
	if got := disclosure.LeadBusinessDays(5).Before(public, apia); !got.Equal(public.Add(-216 * time.Hour)) {
		t.Fatalf("5bd before %v = %v, want 216h before", public, got.In(apia))
	}
	p := disclosure.DefaultPolicy()
	p.CalendarZone = apia
	p.Tiers[2].Lead = disclosure.LeadBusinessDays(5)
	p.MaxLead = disclosure.LeadDuration(170 * time.Hour)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	a := vtAdvisory()
	a.PublicAt = public
	to := vtPartner("jp-ti", "validate", "JP")
	to.Agreement.SignedAt = etUTC(2011, 1, 1, 0, 0)
	d, err := disclosure.Disclose(p, a, to)
	if err != nil {
		t.Fatal(err)
	}
	if want := public.Add(-170 * time.Hour); !d.ReleaseAt.Equal(want) {
		t.Errorf("release %v, want the cap %v", d.ReleaseAt, want.UTC())
	}
}
