package disclosure

// Tiers, TLP labels and leads.

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure/internal/tz"
)

// A Tier is a level of trust in a program: its partners receive its
// classes, Lead before the public release, labelled TLP. The zero Tier is
// invalid.
type Tier struct {
	Name    string  `json:"name"`    // unique, with the form of a partner ID, e.g. "entry"
	Rank    int     `json:"rank"`    // unique, from 1; higher ranks are more trusted
	Lead    Lead    `json:"lead"`    // how long before public_at the tier receives content
	Classes []Class `json:"classes"` // the classes the tier may receive
	TLP     TLP     `json:"tlp"`     // the label of the tier's copies
}

// TLP is a Traffic Light Protocol 2.0 label: how far a copy may be shared.
type TLP string

// The TLP 2.0 labels, from least to most restrictive.
const (
	TLPClear       TLP = "CLEAR"        // no limit on disclosure
	TLPGreen       TLP = "GREEN"        // the recipient's community
	TLPAmber       TLP = "AMBER"        // the recipient's organisation and its clients, need-to-know
	TLPAmberStrict TLP = "AMBER+STRICT" // the recipient's organisation only
	TLPRed         TLP = "RED"          // the named recipients only
)

var allTLPs = [...]TLP{TLPClear, TLPGreen, TLPAmber, TLPAmberStrict, TLPRed}

// Valid reports whether l is one of the five TLP 2.0 labels.
func (l TLP) Valid() bool {
	switch l {
	case TLPClear, TLPGreen, TLPAmber, TLPAmberStrict, TLPRed:
		return true
	}
	return false
}

// order returns the label's place from least to most restrictive, from 1
// (CLEAR) to 5 (RED), or 0 for "" or a value that is not a label.
func (l TLP) order() int {
	switch l {
	case TLPClear:
		return 1
	case TLPGreen:
		return 2
	case TLPAmber:
		return 3
	case TLPAmberStrict:
		return 4
	case TLPRed:
		return 5
	}
	return 0
}

// A Lead is how long before an advisory's public release a partner receives
// it: a fixed duration, or a count of business days (Monday to Friday, no
// holidays) counted in the policy's calendar zone at the same local clock
// time. Its text form is a Go duration ("24h", "90m", "0") or a count of
// business days ("3bd"). The zero Lead is none: release at the public
// instant.
type Lead struct {
	d    time.Duration
	days int
}

// maxBusinessDays bounds business-day leads, so that date arithmetic can
// never overflow; it is far above any real program's lead.
const maxBusinessDays = 100_000

// LeadDuration returns a lead of the fixed duration d; a negative d gives
// a lead that validation rejects.
func LeadDuration(d time.Duration) Lead { return Lead{d: d} }

// LeadBusinessDays returns a lead of n business days; a negative n gives a
// lead that validation rejects.
func LeadBusinessDays(n int) Lead {
	if n == 0 {
		return Lead{}
	}
	return Lead{days: n}
}

// ParseLead parses the text form of a lead ("24h", "1h30m", "0", "3bd").
func ParseLead(s string) (Lead, error) {
	if n, ok := strings.CutSuffix(s, "bd"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || n == "" || n[0] == '+' || n[0] == '-' {
			return Lead{}, errors.New("lead " + strconv.Quote(s) + ": want a whole number of business days, such as \"3bd\"")
		}
		if days > maxBusinessDays {
			return Lead{}, errors.New("lead " + strconv.Quote(s) + ": more than " + strconv.Itoa(maxBusinessDays) + " business days")
		}
		return LeadBusinessDays(days), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") && d == 0 {
		return Lead{}, errors.New("lead " + strconv.Quote(s) + ": want a duration such as \"24h\" or business days such as \"3bd\"")
	}
	if d < 0 {
		return Lead{}, errors.New("lead " + strconv.Quote(s) + ": must not be negative")
	}
	return Lead{d: d}, nil
}

// Duration returns the fixed duration, or false for business days.
func (l Lead) Duration() (time.Duration, bool) { return l.d, l.days == 0 }

// BusinessDays returns the count of business days, or false if fixed.
func (l Lead) BusinessDays() (int, bool) { return l.days, l.days != 0 }

// IsZero reports whether the lead is no lead at all.
func (l Lead) IsZero() bool { return l == Lead{} }

// String returns the text form: "3bd", "24h", "90m", "0", or Go's form of
// other durations.
func (l Lead) String() string { return string(l.appendText(nil)) }

func (l Lead) appendText(b []byte) []byte {
	switch {
	case l.days != 0:
		return append(strconv.AppendInt(b, int64(l.days), 10), "bd"...)
	case l.d == 0:
		return append(b, '0')
	case l.d%time.Hour == 0:
		return append(strconv.AppendInt(b, int64(l.d/time.Hour), 10), 'h')
	case l.d%time.Minute == 0:
		return append(strconv.AppendInt(b, int64(l.d/time.Minute), 10), 'm')
	}
	return append(b, l.d.String()...)
}

// MarshalText returns the text form.
func (l Lead) MarshalText() ([]byte, error) {
	if err := l.check(); err != nil {
		return nil, err
	}
	return []byte(l.String()), nil
}

// UnmarshalText parses the text form (see [ParseLead]).
func (l *Lead) UnmarshalText(text []byte) error {
	v, err := ParseLead(string(text))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// check reports a negative or oversized lead.
func (l Lead) check() error {
	switch {
	case l.d < 0 || l.days < 0:
		return errors.New("lead " + l.String() + ": must not be negative")
	case l.days > maxBusinessDays:
		return errors.New("lead " + l.String() + ": more than " + strconv.Itoa(maxBusinessDays) + " business days")
	}
	return nil
}

// Before returns the instant that is the lead before t, in UTC, counting
// business days in zone (nil: America/Los_Angeles): the Nth Monday–Friday
// date before t's that the zone's clocks show (a skipped date is none, a
// repeated one counts once), at t's clock time, the later instant if that
// time is shown twice. A nonzero lead always gives an instant before t.
func (l Lead) Before(t time.Time, zone *time.Location) time.Time {
	if l.days <= 0 {
		return t.Add(-l.d).UTC()
	}
	if zone == nil {
		zone = tz.LosAngeles()
	}
	local := t.In(zone)
	day := dateOf(local)
	// Step back over Monday–Friday dates, then once more for each of them
	// that the zone skipped, until a stretch holds none.
	for n := l.days; n > 0; {
		from := day
		day = weekdaysBefore(day, n)
		n = skippedWeekdays(day, from, zone)
	}
	hh, mm, ss := local.Clock()
	at := time.Date(day.Year(), day.Month(), day.Day(), hh, mm, ss, local.Nanosecond(), zone)
	// Where the clocks were turned back, time.Date may return the earlier
	// of two instants that show this date and time: take the later, which
	// is before t unless the clocks went back by more than a day.
	if _, end := at.ZoneBounds(); !end.IsZero() {
		_, offset := at.Zone()
		_, next := end.Zone()
		later := at.Add(time.Duration(offset-next) * time.Second)
		if later.After(at) && later.Before(t) && sameWallClock(later, at) {
			at = later
		}
	}
	return at.UTC()
}

// sameWallClock reports whether a and b show the same date and time in
// their own locations.
func sameWallClock(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	ah, amin, as := a.Clock()
	bh, bmin, bs := b.Clock()
	return ay == by && am == bm && ad == bd && ah == bh && amin == bmin && as == bs && a.Nanosecond() == b.Nanosecond()
}

// dateOf returns the date t shows, as midnight UTC: a value for date
// arithmetic that no zone's changes of clocks disturb.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func isWeekday(day time.Time) bool {
	wd := day.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// weekdaysBefore returns the nth Monday–Friday date before day, n >= 1.
func weekdaysBefore(day time.Time, n int) time.Time {
	wd, back := day.Weekday(), 0
	// From a weekend day the first step lands on the Friday before;
	// from a weekday, every five steps go back one week.
	switch wd {
	case time.Saturday:
		back, n, wd = 1, n-1, time.Friday
	case time.Sunday:
		back, n, wd = 2, n-1, time.Friday
	}
	back += n / 5 * 7
	for r := n % 5; r > 0; r-- {
		if wd == time.Monday {
			back, wd = back+3, time.Friday
		} else {
			back, wd = back+1, wd-1
		}
	}
	return day.AddDate(0, 0, -back)
}

// skippedWeekdays counts the Monday–Friday dates from lo up to, not
// including, hi that zone skipped: a change of its clocks jumped from an
// earlier date to a later one, so that they never showed the dates between
// (Pacific/Apia skipped Friday 2011-12-30 moving across the date line).
// It looks at each change of the zone's UTC offset near those dates, a few
// a year at most, from the latest back.
func skippedWeekdays(lo, hi time.Time, zone *time.Location) int {
	// A change that skips a date happens within a day of it, UTC offsets
	// being shorter than a day; two days leave room.
	const margin = 48 * time.Hour
	n := 0
	for at := hi.Add(margin); ; {
		change, _ := at.In(zone).ZoneBounds()
		if change.IsZero() || change.Before(lo.Add(-margin)) {
			return n // no earlier change, or none that can skip a date from lo on
		}
		last := dateOf(change.Add(-time.Nanosecond).In(zone)) // the date shown just before the change
		for day := dateOf(change.In(zone)).AddDate(0, 0, -1); day.After(last); day = day.AddDate(0, 0, -1) {
			if isWeekday(day) && !day.Before(lo) && day.Before(hi) {
				n++
			}
		}
		at = change.Add(-time.Nanosecond)
	}
}

// offsetSlack bounds how far a zone's UTC offset changes across a
// business-day lead: one hour in most zones, two in a few (Antarctica/Troll).
//
// longest and shortest, with which validation compares leads of the two
// kinds, assume that bound and a zone that shows every date. A date the zone
// skips keeps a lead above shortest: it takes no time, and every business
// day counted still passes. But a weekday skipped is not counted, so the
// lead reaches one weekday further back, which can cross one more weekend:
// up to two days above longest (5bd before Monday 2012-01-02 10:00 in
// Pacific/Apia, which skipped Friday 2011-12-30, is Friday 2011-12-23
// 10:00, nine days before). A date shown twice (Pacific/Kwajalein, 1969)
// lengthens a lead by up to a day, and a rare change of offset by more
// than two hours (some Antarctic stations) by its size. Disclose clamps
// every release to max_lead, so the cap holds whatever the zone does.
const offsetSlack = 2 * time.Hour

// longest returns an upper bound of the lead's span for any instant, and
// shortest a lower bound; they let a policy compare leads of either kind.
func (l Lead) longest() time.Duration {
	if l.days == 0 {
		return l.d
	}
	days := l.days + 2*((l.days+4)/5) // at most one weekend per five business days, plus one
	return time.Duration(days)*24*time.Hour + offsetSlack
}

func (l Lead) shortest() time.Duration {
	if l.days == 0 {
		return l.d
	}
	return time.Duration(l.days)*24*time.Hour - offsetSlack
}

// exceeds reports whether l can be longer than limit.
func (l Lead) exceeds(limit Lead) bool {
	if l.days != 0 && limit.days != 0 {
		return l.days > limit.days
	}
	return l.longest() > limit.shortest()
}
