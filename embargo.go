package disclosure

// Early ends of an embargo, and Patch Tuesday.

import (
	"time"

	"github.com/disclosurekit/disclosure/internal/tz"
)

// An Embargo records that an advisory's embargo ended before its planned
// public release. Every entitled partner's release then moves to EndedAt
// if that is earlier, restricted partners included (the information is
// out), but never before the advisory's ready_at. The zero Embargo holds.
type Embargo struct {
	EndedAt time.Time `json:"ended_at"`
	Reason  EndReason `json:"reason"`
}

// EndReason is why an embargo ended early.
type EndReason string

// The reasons an embargo ends early.
const (
	EndPublic        EndReason = "public"         // the vulnerability became public
	EndExploited     EndReason = "exploited"      // it is being exploited
	EndExploitPublic EndReason = "exploit-public" // exploit code is public
	EndOther         EndReason = "other"
)

var allEndReasons = [...]EndReason{EndPublic, EndExploited, EndExploitPublic, EndOther}

// Valid reports whether r is one of the defined reasons.
func (r EndReason) Valid() bool {
	return r == EndPublic || r == EndExploited || r == EndExploitPublic || r == EndOther
}

// PatchTuesday returns the monthly security release of the given month:
// the second Tuesday at 10:00 America/Los_Angeles (built in), in UTC.
func PatchTuesday(year int, month time.Month) time.Time {
	first := time.Date(year, month, 1, 10, 0, 0, 0, tz.LosAngeles())
	// Days from the 1st to the first Tuesday, then one week more.
	day := 1 + (int(time.Tuesday)-int(first.Weekday())+7)%7 + 7
	return time.Date(year, month, day, 10, 0, 0, 0, tz.LosAngeles()).UTC()
}

// NextPatchTuesday returns the first PatchTuesday after t.
func NextPatchTuesday(t time.Time) time.Time {
	local := t.In(tz.LosAngeles())
	y, m := local.Year(), local.Month()
	for {
		if pt := PatchTuesday(y, m); pt.After(t) {
			return pt
		}
		if m == time.December {
			y, m = y+1, time.January
		} else {
			m++
		}
	}
}
