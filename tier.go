package disclosure

// Tiers, TLP labels and leads.

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure/internal/tz"
)

// A Tier is a level of trust in a program. Partners of a tier receive the
// tier's classes of content, Lead before the advisory's public release,
// labelled with the tier's TLP.
//
// The zero Tier is invalid; a tier with no classes grants nothing.
type Tier struct {
	// Name is unique in the policy, also ignoring case and look-alike
	// characters, and has the form of a partner ID (see [Partner]), e.g.
	// "entry".
	Name    string  `json:"name"`
	Rank    int     `json:"rank"`    // unique, from 1; higher ranks are more trusted
	Lead    Lead    `json:"lead"`    // how long before public_at the tier receives content
	Classes []Class `json:"classes"` // the classes the tier may receive
	TLP     TLP     `json:"tlp"`     // the label of the tier's copies
}

// UnmarshalJSON decodes a tier strictly (see [LoadPolicy]).
func (t *Tier) UnmarshalJSON(data []byte) error { return strictDecode(data, t, ErrInvalidPolicy) }

// TLP is a Traffic Light Protocol 2.0 label (FIRST TLP 2.0): it tells
// the recipient how far a copy may be shared.
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

// UnmarshalText accepts a TLP 2.0 label, written as the standard writes it.
func (l *TLP) UnmarshalText(text []byte) error {
	return unmarshalEnum(l, "TLP 2.0 label", text, allTLPs[:])
}

// A Lead is how long before an advisory's public release a partner receives
// it: either a fixed duration, or a count of business days.
//
// A business day steps back to the previous Monday–Friday date at the same
// local clock time in the policy's calendar zone, so a release at 10:00
// stays at 10:00 across a daylight-saving change (the instants then differ
// by 23 or 25 hours a day). Holidays are not business-day exceptions. In
// the rare zone that changes its clocks on a weekday, a clock time that does
// not exist on the target day is normalised as time.Date does (an hour
// later).
//
// Its text form is a Go duration ("24h", "90m", "0") or a whole number of
// business days followed by "bd" ("3bd"). The zero Lead is no lead at all:
// release at the public instant.
type Lead struct {
	d    time.Duration
	days int
}

// maxBusinessDays bounds business-day leads, so that date arithmetic can
// never overflow; it is far above any real program's lead.
const maxBusinessDays = 100_000

// LeadDuration returns a lead of the fixed duration d. A negative d gives an
// invalid lead that Validate methods report.
func LeadDuration(d time.Duration) Lead { return Lead{d: d} }

// LeadBusinessDays returns a lead of n business days. A negative n gives an
// invalid lead that Validate methods report.
func LeadBusinessDays(n int) Lead {
	if n == 0 {
		return Lead{}
	}
	return Lead{days: n}
}

// ParseLead parses the text form of a lead: a non-negative Go duration
// ("24h", "1h30m", "0") or a non-negative whole number of business days
// followed by "bd" ("3bd").
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

// Duration returns the lead's fixed duration, and false for a
// business-day lead.
func (l Lead) Duration() (time.Duration, bool) { return l.d, l.days == 0 }

// BusinessDays returns the lead's count of business days, and false for a
// fixed-duration lead.
func (l Lead) BusinessDays() (int, bool) { return l.days, l.days != 0 }

// IsZero reports whether the lead is no lead at all.
func (l Lead) IsZero() bool { return l == Lead{} }

// String returns the text form: "3bd", whole hours as "24h", whole minutes
// as "90m", "0" for no lead, and Go's duration form otherwise.
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

// Before returns the instant that is the lead before t, in UTC. Business
// days are counted in zone; a nil zone means America/Los_Angeles.
func (l Lead) Before(t time.Time, zone *time.Location) time.Time {
	if l.days <= 0 {
		return t.Add(-l.d).UTC()
	}
	if zone == nil {
		zone = tz.LosAngeles()
	}
	local := t.In(zone)
	y, m, d := local.Date()
	wd, n, back := local.Weekday(), l.days, 0
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
	hh, mm, ss := local.Clock()
	return time.Date(y, m, d-back, hh, mm, ss, local.Nanosecond(), zone).UTC()
}

// offsetSlack bounds how far a zone's UTC offset changes across a
// business-day lead: one hour in most zones, two in a few (Antarctica/Troll).
// Validation uses it; Disclose also clamps every release to max_lead, so a
// rarer jump (a zone moving across the date line) cannot break the cap.
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
