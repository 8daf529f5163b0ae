package disclosure_test

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// Helpers of this file are prefixed with et so that they cannot clash with
// those of other test files of the package.

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

// etPartner is an active partner whose agreement was signed long before.
func etPartner(id, tier string, jurisdictions ...string) disclosure.Partner {
	return disclosure.Partner{
		ID: id, Tier: tier, Jurisdictions: jurisdictions, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{Version: "2020-01", SignedAt: etUTC(2020, 1, 2, 0, 0)},
	}
}

func etAdvisory(public time.Time) disclosure.Advisory {
	return disclosure.Advisory{
		ID: "ADV-TEST", Revision: 1, CVEs: []string{"CVE-2025-0001"}, PublicAt: public,
		Sections: []disclosure.Section{
			{Class: disclosure.ClassDescription, Body: "d"},
			{Class: disclosure.ClassMitigations, Body: "m"},
			{Class: disclosure.ClassDetectionGuidance, Body: "g"},
		},
		Artifacts: []disclosure.Artifact{{Class: disclosure.ClassProofOfConcept, Name: "poc.py", Data: []byte("poc")}},
	}
}

func etCodes(d disclosure.Disclosure) []disclosure.ReasonCode {
	var out []disclosure.ReasonCode
	for _, r := range d.Reasons {
		out = append(out, r.Code)
	}
	return out
}

func etDisclose(t *testing.T, p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner) disclosure.Disclosure {
	t.Helper()
	d, err := disclosure.Disclose(p, a, to)
	if err != nil {
		t.Fatalf("Disclose(%s): %v", to.ID, err)
	}
	if !d.Entitled {
		t.Fatalf("Disclose(%s): not entitled: %+v", to.ID, d.Reasons)
	}
	return d
}

func TestReleaseWindow(t *testing.T) {
	public := etUTC(2025, 7, 8, 17, 0) // July 2025 Patch Tuesday
	pol := disclosure.DefaultPolicy()
	us := etPartner("us-av", "entry", "US")
	jp := etPartner("jp-val", "validate", "JP")
	de := etPartner("de-resp", "responder", "DE")
	cn := etPartner("cn-ids", "entry", "CN")

	type exp struct {
		to      disclosure.Partner
		release time.Time
		has     []disclosure.ReasonCode
		hasNot  []disclosure.ReasonCode
	}
	check := func(t *testing.T, a disclosure.Advisory, exps []exp) {
		t.Helper()
		for _, e := range exps {
			d := etDisclose(t, pol, a, e.to)
			if !d.ReleaseAt.Equal(e.release) || d.ReleaseAt.Location() != time.UTC {
				t.Errorf("%s: release %v, want %v (public%+v)", e.to.ID, d.ReleaseAt, e.release, e.release.Sub(public))
			}
			if !d.PublishNotBefore.Equal(public) {
				t.Errorf("%s: publish_not_before %v, want %v", e.to.ID, d.PublishNotBefore, public)
			}
			if !d.ReleasedBy(e.release) || d.ReleasedBy(e.release.Add(-time.Nanosecond)) {
				t.Errorf("%s: ReleasedBy is wrong around %v", e.to.ID, e.release)
			}
			codes := etCodes(d)
			for _, c := range append([]disclosure.ReasonCode{disclosure.CodeLeadTime}, e.has...) {
				if !slices.Contains(codes, c) {
					t.Errorf("%s: reasons %v lack %s", e.to.ID, codes, c)
				}
			}
			for _, c := range e.hasNot {
				if slices.Contains(codes, c) {
					t.Errorf("%s: reasons %v hold %s", e.to.ID, codes, c)
				}
			}
		}
	}
	none := []disclosure.ReasonCode{disclosure.CodeReadyFloor, disclosure.CodeEmbargoEnded}

	t.Run("leads", func(t *testing.T) {
		check(t, etAdvisory(public), []exp{
			{to: us, release: public.Add(-24 * time.Hour), hasNot: none},
			{to: jp, release: public.Add(-120 * time.Hour), hasNot: none},
			{to: de, release: public, hasNot: none},
			{to: cn, release: public, has: []disclosure.ReasonCode{disclosure.CodeRestrictedJurisdiction}, hasNot: none},
		})
	})

	t.Run("ready_at floor", func(t *testing.T) {
		a := etAdvisory(public)
		a.ReadyAt = public.Add(-48 * time.Hour)
		check(t, a, []exp{
			{to: jp, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
			{to: us, release: public.Add(-24 * time.Hour), hasNot: none},
			{to: de, release: public, hasNot: none},
		})
		a.ReadyAt = public.Add(-24*time.Hour + time.Second)
		check(t, a, []exp{
			{to: us, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
			{to: jp, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
		})
		a.ReadyAt = public.Add(-24 * time.Hour) // exactly the entry release: no floor
		check(t, a, []exp{
			{to: us, release: a.ReadyAt, hasNot: none},
			{to: jp, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
		})
		// ready_at in another zone is the same instant.
		a.ReadyAt = time.Date(2025, 7, 6, 10, 0, 0, 0, etPacific()) // 17:00Z, public-48h
		check(t, a, []exp{{to: jp, release: public.Add(-48 * time.Hour), has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}}})
	})

	t.Run("embargo ended early", func(t *testing.T) {
		a := etAdvisory(public)
		a.Embargo = disclosure.Embargo{EndedAt: public.Add(-30 * time.Hour), Reason: disclosure.EndExploited}
		ended := []disclosure.ReasonCode{disclosure.CodeEmbargoEnded}
		check(t, a, []exp{
			{to: us, release: a.Embargo.EndedAt, has: ended, hasNot: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
			{to: cn, release: a.Embargo.EndedAt, has: append(ended, disclosure.CodeRestrictedJurisdiction)},
			{to: de, release: a.Embargo.EndedAt, has: ended},
			{to: jp, release: public.Add(-120 * time.Hour), hasNot: none}, // already earlier
		})
		// The restricted partner still receives only the restricted classes.
		d := etDisclose(t, pol, a, cn)
		if !d.Restricted || d.Receives(disclosure.ClassProofOfConcept) || d.TLP != disclosure.TLPClear {
			t.Errorf("cn-ids after the embargo ended: restricted %v, classes %v, TLP %s", d.Restricted, d.Classes, d.TLP)
		}

		// Never before ready_at.
		a.ReadyAt = public.Add(-28 * time.Hour)
		check(t, a, []exp{
			{to: us, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
			{to: cn, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
			{to: jp, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
		})
		a.ReadyAt = public.Add(-10 * time.Hour)
		check(t, a, []exp{
			{to: us, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
			{to: cn, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
		})
	})

	t.Run("an embargo end that moves nothing is no reason", func(t *testing.T) {
		// The lead alone gives public-24h, ready_at lifts it to public-10h;
		// an embargo that ended at public-30h changes nothing: with or
		// without it the release is ready_at.
		a := etAdvisory(public)
		a.ReadyAt = public.Add(-10 * time.Hour)
		without := etDisclose(t, pol, a, us)
		a.Embargo = disclosure.Embargo{EndedAt: public.Add(-30 * time.Hour), Reason: disclosure.EndExploited}
		with := etDisclose(t, pol, a, us)
		if !with.ReleaseAt.Equal(a.ReadyAt) || !without.ReleaseAt.Equal(a.ReadyAt) {
			t.Fatalf("release %v with the embargo, %v without, want %v", with.ReleaseAt, without.ReleaseAt, a.ReadyAt)
		}
		if codes := etCodes(with); slices.Contains(codes, disclosure.CodeEmbargoEnded) {
			t.Fatalf("reasons %v hold embargo-ended, but the release is ready_at %v either way: the embargo did not shape it", codes, a.ReadyAt)
		}
	})

	t.Run("embargo ended at public_at", func(t *testing.T) {
		a := etAdvisory(public)
		a.Embargo = disclosure.Embargo{EndedAt: public, Reason: disclosure.EndPublic}
		check(t, a, []exp{
			{to: de, release: public, hasNot: none},
			{to: cn, release: public, hasNot: none},
			{to: us, release: public.Add(-24 * time.Hour), hasNot: none},
		})
		// And just before public_at it moves the responder.
		a.Embargo.EndedAt = public.Add(-time.Second)
		check(t, a, []exp{{to: de, release: a.Embargo.EndedAt, has: []disclosure.ReasonCode{disclosure.CodeEmbargoEnded}}})
	})
}

func TestLawEffectiveDates(t *testing.T) {
	pol := disclosure.DefaultPolicy()
	cn := etPartner("cn-ids", "entry", "CN")

	// RMSV took effect 2021-09-01 00:00 in China (UTC+8): 2021-08-31T16:00Z.
	rmsv := etUTC(2021, 8, 31, 16, 0)
	before := etDisclose(t, pol, etAdvisory(rmsv.Add(-time.Second)), cn)
	if before.Restricted || !before.Receives(disclosure.ClassProofOfConcept) ||
		!before.ReleaseAt.Equal(rmsv.Add(-time.Second-24*time.Hour)) || before.TLP != disclosure.TLPAmberStrict {
		t.Errorf("CN partner a second before RMSV: restricted %v, classes %v, release %v, TLP %s",
			before.Restricted, before.Classes, before.ReleaseAt, before.TLP)
	}
	at := etDisclose(t, pol, etAdvisory(rmsv), cn)
	if !at.Restricted || at.Receives(disclosure.ClassProofOfConcept) || !at.ReleaseAt.Equal(rmsv) || at.TLP != disclosure.TLPClear {
		t.Errorf("CN partner when RMSV took effect: restricted %v, classes %v, release %v, TLP %s",
			at.Restricted, at.Classes, at.ReleaseAt, at.TLP)
	}
	if want := []disclosure.Class{disclosure.ClassSummary, disclosure.ClassDescription, disclosure.ClassMitigations}; !slices.Equal(at.Classes, want) {
		t.Errorf("restricted CN partner receives %v, want %v", at.Classes, want)
	}

	// The CRA (reporting from 2026-09-11) binds manufacturers only.
	craBefore := etUTC(2026, 9, 8, 17, 0)  // September 2026 Patch Tuesday
	craAfter := etUTC(2026, 10, 13, 17, 0) // October 2026 Patch Tuesday
	manufacturers := disclosure.DefaultPolicy()
	manufacturers.RestrictWhen.Binds = append(manufacturers.RestrictWhen.Binds, disclosure.PartyManufacturers)
	for _, to := range []disclosure.Partner{etPartner("de-ids", "entry", "DE"), etPartner("eu-ids", "entry", "EU")} {
		for _, c := range []struct {
			name   string
			p      disclosure.Policy
			public time.Time
			want   bool
		}{
			{"default, before", pol, craBefore, false},
			{"default, after", pol, craAfter, false},
			{"manufacturers, before", manufacturers, craBefore, false},
			{"manufacturers, after", manufacturers, craAfter, true},
		} {
			d := etDisclose(t, c.p, etAdvisory(c.public), to)
			if d.Restricted != c.want || d.Receives(disclosure.ClassProofOfConcept) == c.want {
				t.Errorf("%s %s: restricted %v (want %v), classes %v", to.ID, c.name, d.Restricted, c.want, d.Classes)
			}
		}
	}
	// A US partner is never under the CRA.
	if d := etDisclose(t, manufacturers, etAdvisory(craAfter), etPartner("us-av", "entry", "US")); d.Restricted {
		t.Errorf("US partner restricted under the manufacturers policy")
	}

	// A US partner with a CN subsidiary is under RMSV.
	for _, js := range [][]string{{"US", "CN"}, {"CN", "US"}, {"EU", "JP", "CN"}} {
		d := etDisclose(t, pol, etAdvisory(etUTC(2025, 7, 8, 17, 0)), etPartner("multi", "validate", js...))
		if !d.Restricted || d.Receives(disclosure.ClassProofOfConcept) || !d.ReleaseAt.Equal(etUTC(2025, 7, 8, 17, 0)) {
			t.Errorf("partner in %v: restricted %v, classes %v, release %v", js, d.Restricted, d.Classes, d.ReleaseAt)
		}
	}
	// Hong Kong, Taiwan and Macao have their own ISO codes and are not CN.
	for _, j := range []string{"HK", "TW", "MO"} {
		if d := etDisclose(t, pol, etAdvisory(etUTC(2025, 7, 8, 17, 0)), etPartner("p-"+j, "entry", j)); d.Restricted {
			t.Errorf("partner in %s restricted", j)
		}
	}
}
