package disclosure_test

import (
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
