package disclosure_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

func TestLeadParseFormat(t *testing.T) {
	valid := []struct {
		in     string
		str    string
		dur    time.Duration // for a duration lead
		days   int           // for a business-day lead; 0: a duration lead
		isZero bool
	}{
		{in: "0", str: "0", isZero: true},
		{in: "0s", str: "0", isZero: true},
		{in: "0bd", str: "0", isZero: true},
		{in: "24h", str: "24h", dur: 24 * time.Hour},
		{in: "90m", str: "90m", dur: 90 * time.Minute},
		{in: "1h30m", str: "90m", dur: 90 * time.Minute},
		{in: "1.5h", str: "90m", dur: 90 * time.Minute},
		{in: "120h", str: "120h", dur: 120 * time.Hour},
		{in: "2h0m0s", str: "2h", dur: 2 * time.Hour},
		{in: "1500ms", str: "1.5s", dur: 1500 * time.Millisecond},
		{in: "36h0m1s", str: "36h0m1s", dur: 36*time.Hour + time.Second},
		{in: "3bd", str: "3bd", days: 3},
		{in: "1bd", str: "1bd", days: 1},
		{in: "100000bd", str: "100000bd", days: 100_000},
	}
	for _, c := range valid {
		l, err := disclosure.ParseLead(c.in)
		if err != nil {
			t.Errorf("ParseLead(%q): %v", c.in, err)
			continue
		}
		if s := l.String(); s != c.str {
			t.Errorf("ParseLead(%q).String() = %q, want %q", c.in, s, c.str)
		}
		if l.IsZero() != c.isZero {
			t.Errorf("ParseLead(%q).IsZero() = %v", c.in, l.IsZero())
		}
		d, isDur := l.Duration()
		n, isDays := l.BusinessDays()
		if c.days != 0 {
			if isDur || !isDays || n != c.days {
				t.Errorf("ParseLead(%q): Duration() = %v, %v; BusinessDays() = %d, %v; want %d business days", c.in, d, isDur, n, isDays, c.days)
			}
			if l != disclosure.LeadBusinessDays(c.days) {
				t.Errorf("ParseLead(%q) != LeadBusinessDays(%d)", c.in, c.days)
			}
		} else {
			if !isDur || d != c.dur || isDays {
				t.Errorf("ParseLead(%q): Duration() = %v, %v; BusinessDays() = %d, %v; want duration %v", c.in, d, isDur, n, isDays, c.dur)
			}
			if l != disclosure.LeadDuration(c.dur) {
				t.Errorf("ParseLead(%q) != LeadDuration(%v)", c.in, c.dur)
			}
		}
		text, err := l.MarshalText()
		if err != nil || string(text) != c.str {
			t.Errorf("ParseLead(%q).MarshalText() = %q, %v; want %q", c.in, text, err, c.str)
		}
		var back disclosure.Lead
		if err := back.UnmarshalText(text); err != nil || back != l {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, back, err, l)
		}
	}
	if !disclosure.LeadDuration(0).IsZero() || !disclosure.LeadBusinessDays(0).IsZero() || disclosure.LeadDuration(0) != (disclosure.Lead{}) {
		t.Errorf("leads of 0 are not the zero Lead")
	}

	invalid := []string{"", "-1h", "bd", "-3bd", "+3bd", "3 bd", "1.5bd", "3d", "100001bd", "abc",
		" 3bd", "3bd ", "3BD", "0x3bd", "3bdbd", "1h bd", "99999999999999999999bd", "-0bd", "24", "h"}
	for _, in := range invalid {
		l, err := disclosure.ParseLead(in)
		if err == nil {
			t.Errorf("ParseLead(%q) = %v, want an error", in, l)
		} else if l != (disclosure.Lead{}) {
			t.Errorf("ParseLead(%q) returned %v with its error", in, l)
		}
		keep := disclosure.LeadBusinessDays(2)
		if err := keep.UnmarshalText([]byte(in)); err == nil || keep != disclosure.LeadBusinessDays(2) {
			t.Errorf("UnmarshalText(%q): err %v, lead changed to %v", in, err, keep)
		}
	}
	for _, l := range []disclosure.Lead{disclosure.LeadDuration(-time.Nanosecond), disclosure.LeadBusinessDays(-1), disclosure.LeadBusinessDays(100_001)} {
		if text, err := l.MarshalText(); err == nil {
			t.Errorf("MarshalText of invalid lead %v = %q, want an error", l, text)
		}
		if _, err := json.Marshal(struct{ L disclosure.Lead }{l}); err == nil {
			t.Errorf("json.Marshal of invalid lead %v succeeded", l)
		}
	}

	// Generated leads survive String and ParseLead, and the text methods.
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20_000 {
		var l disclosure.Lead
		switch i % 4 {
		case 0:
			l = disclosure.LeadBusinessDays(rng.IntN(100_001))
		case 1:
			l = disclosure.LeadDuration(time.Duration(rng.IntN(10_000)) * time.Hour)
		case 2:
			l = disclosure.LeadDuration(time.Duration(rng.IntN(1_000_000)) * time.Minute)
		default:
			l = disclosure.LeadDuration(time.Duration(rng.Int64N(int64(10_000 * time.Hour))))
		}
		s := l.String()
		p, err := disclosure.ParseLead(s)
		if err != nil || p != l {
			t.Fatalf("ParseLead(%q) = %v, %v; want %#v", s, p, err, l)
		}
		var u disclosure.Lead
		text, err := l.MarshalText()
		if err != nil || u.UnmarshalText(text) != nil || u != l {
			t.Fatalf("text round trip of %q: %q, %v, %v", s, text, err, u)
		}
	}
}

// etBusinessDaysBefore is the reference: step back one calendar day at a
// time, counting Monday–Friday dates, then rebuild the local clock time.
func etBusinessDaysBefore(t time.Time, n int, zone *time.Location) time.Time {
	local := t.In(zone)
	y, m, d := local.Date()
	hh, mm, ss := local.Clock()
	day := time.Date(y, m, d, 12, 0, 0, 0, time.UTC) // a date, free of any DST
	for count := 0; count < n; {
		day = day.AddDate(0, 0, -1)
		if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
			count++
		}
	}
	return time.Date(day.Year(), day.Month(), day.Day(), hh, mm, ss, local.Nanosecond(), zone).UTC()
}

func TestBusinessDays(t *testing.T) {
	la := etPacific()
	minus10 := time.FixedZone("UTC-10", -10*3600)
	lead := func(n int) disclosure.Lead { return disclosure.LeadBusinessDays(n) }
	cases := []struct {
		name string
		n    int
		from time.Time
		zone *time.Location
		want time.Time
	}{
		{"1bd before Monday is Friday", 1,
			time.Date(2025, 6, 16, 10, 0, 0, 0, la), la, time.Date(2025, 6, 13, 10, 0, 0, 0, la)},
		{"1bd before Saturday is Friday", 1,
			time.Date(2025, 6, 14, 10, 0, 0, 0, la), la, time.Date(2025, 6, 13, 10, 0, 0, 0, la)},
		{"1bd before Sunday is Friday", 1,
			time.Date(2025, 6, 15, 10, 0, 0, 0, la), la, time.Date(2025, 6, 13, 10, 0, 0, 0, la)},
		{"1bd before Tuesday is Monday", 1,
			time.Date(2025, 6, 17, 10, 0, 0, 0, la), la, time.Date(2025, 6, 16, 10, 0, 0, 0, la)},
		{"2bd before Sunday is Thursday", 2,
			time.Date(2025, 6, 15, 10, 0, 0, 0, la), la, time.Date(2025, 6, 12, 10, 0, 0, 0, la)},
		{"5bd before Wednesday is the previous Wednesday", 5,
			time.Date(2025, 6, 18, 10, 0, 0, 0, la), la, time.Date(2025, 6, 11, 10, 0, 0, 0, la)},
		{"10bd before Wednesday is two Wednesdays before", 10,
			time.Date(2025, 6, 18, 10, 0, 0, 0, la), la, time.Date(2025, 6, 4, 10, 0, 0, 0, la)},
		{"6bd before Monday is the Monday before last", 6,
			time.Date(2025, 6, 16, 10, 0, 0, 0, la), la, time.Date(2025, 6, 6, 10, 0, 0, 0, la)},
		{"3bd across the start of DST (March 2025 Patch Tuesday)", 3,
			etUTC(2025, 3, 11, 17, 0), la, etUTC(2025, 3, 6, 18, 0)}, // Tue 10:00 PDT -> Thu 10:00 PST
		{"1bd across the start of DST", 1,
			etUTC(2025, 3, 10, 17, 0), la, etUTC(2025, 3, 7, 18, 0)}, // Mon 10:00 PDT -> Fri 10:00 PST: 71h
		{"3bd across the end of DST", 3,
			etUTC(2025, 11, 4, 18, 0), la, etUTC(2025, 10, 30, 17, 0)}, // Tue 10:00 PST -> Thu 10:00 PDT
		{"3bd in UTC", 3,
			etUTC(2025, 3, 11, 17, 0), time.UTC, etUTC(2025, 3, 6, 17, 0)},
		{"3bd in UTC at the end of DST", 3,
			etUTC(2025, 11, 4, 18, 0), time.UTC, etUTC(2025, 10, 30, 18, 0)},
		// Monday 02:00Z is Sunday 16:00 at UTC-10: Friday, Thursday,
		// Wednesday 16:00 local, which is Thursday 02:00Z.
		{"3bd in a fixed zone where the date differs", 3,
			etUTC(2025, 3, 10, 2, 0), minus10, etUTC(2025, 3, 6, 2, 0)},
		{"3bd in UTC on the same instant", 3,
			etUTC(2025, 3, 10, 2, 0), time.UTC, etUTC(2025, 3, 5, 2, 0)},
		{"nil zone is Pacific", 3,
			etUTC(2025, 3, 11, 17, 0), nil, etUTC(2025, 3, 6, 18, 0)},
		{"nanoseconds are kept", 1,
			time.Date(2025, 6, 16, 10, 0, 0, 123456789, la), la, time.Date(2025, 6, 13, 10, 0, 0, 123456789, la)},
	}
	for _, c := range cases {
		got := lead(c.n).Before(c.from, c.zone)
		if !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("%s: %dbd before %v = %v, want %v", c.name, c.n, c.from, got, c.want.UTC())
		}
		// The same result through a policy of that calendar zone.
		p := disclosure.DefaultPolicy()
		p.CalendarZone = c.zone
		p.Tiers[1].Lead = lead(c.n)
		a := vtAdvisory()
		a.PublicAt = c.from
		d, err := disclosure.Disclose(p, a, vtPartner("us-av", "entry", "US"))
		if err != nil {
			t.Fatalf("%s: Disclose: %v", c.name, err)
		}
		if !d.ReleaseAt.Equal(c.want) {
			t.Errorf("%s: Disclose release %v, want %v", c.name, d.ReleaseAt, c.want.UTC())
		}
	}
	// A duration lead ignores the zone.
	if got := disclosure.LeadDuration(72*time.Hour).Before(etUTC(2025, 3, 10, 17, 0), la); !got.Equal(etUTC(2025, 3, 7, 17, 0)) {
		t.Errorf("72h before Monday 17:00Z = %v", got)
	}

	// Property test against the reference, at random local times between
	// 09:00 and 17:00, which no DST change of these zones falls into.
	zones := []*time.Location{la, time.UTC, minus10, time.FixedZone("+13:45", 13*3600+45*60)}
	for _, name := range []string{"Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo", "Antarctica/Troll"} {
		if z, err := time.LoadLocation(name); err == nil {
			zones = append(zones, z)
		}
	}
	rng := rand.New(rand.NewPCG(42, 2025))
	start := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC).Sub(start) / (24 * time.Hour))
	for i := range 20_000 {
		zone := zones[i%len(zones)]
		day := start.AddDate(0, 0, rng.IntN(days))
		from := time.Date(day.Year(), day.Month(), day.Day(), 9+rng.IntN(8), rng.IntN(60), rng.IntN(60), rng.IntN(1e9), zone)
		n := 1 + rng.IntN(30)
		got := disclosure.LeadBusinessDays(n).Before(from, zone)
		want := etBusinessDaysBefore(from, n, zone)
		if !got.Equal(want) || got.Location() != time.UTC {
			t.Fatalf("%dbd before %v (%v) = %v, want %v", n, from, zone, got, want)
		}
		gl, fl := got.In(zone), from.In(zone)
		if wd := gl.Weekday(); wd == time.Saturday || wd == time.Sunday {
			t.Fatalf("%dbd before %v = %v, a %v", n, from, gl, wd)
		}
		gh, gm, gs := gl.Clock()
		fh, fm, fs := fl.Clock()
		if gh != fh || gm != fm || gs != fs || gl.Nanosecond() != fl.Nanosecond() {
			t.Fatalf("%dbd before %v = %v: local clock time changed", n, fl, gl)
		}
		if !got.Before(from) {
			t.Fatalf("%dbd before %v = %v is not earlier", n, from, got)
		}
	}
}
