package disclosure

import (
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine has
)

// A date a zone skips keeps business-day leads above shortest, and at
// most two days above longest (see offsetSlack): every hour from ten days
// before to fifteen days after each such jump, for 1 to 12 business days.
func TestLeadBoundsAcrossSkippedDays(t *testing.T) {
	for _, name := range []string{
		"Pacific/Apia", "Pacific/Fakaofo", "Pacific/Kiritimati", "Pacific/Kanton",
		"Pacific/Kwajalein", "Asia/Manila", "Pacific/Guam",
	} {
		zone, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		jumps := 0
		for at := time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC); ; {
			_, change := at.In(zone).ZoneBounds()
			if change.IsZero() || change.Year() > 2040 {
				break
			}
			at = change
			_, before := change.Add(-time.Nanosecond).Zone()
			if _, after := change.In(zone).Zone(); after-before < 24*3600 {
				continue
			}
			jumps++
			for h := -10 * 24; h < 15*24; h++ {
				from := change.Add(time.Duration(h) * time.Hour)
				for n := 1; n <= 12; n++ {
					l := LeadBusinessDays(n)
					span := from.Sub(l.Before(from, zone))
					if span < l.shortest() || span > l.longest()+48*time.Hour {
						t.Fatalf("%s: %v before %v spans %v, outside [%v, %v + 48h]",
							name, l, from.In(zone), span, l.shortest(), l.longest())
					}
				}
			}
		}
		if jumps == 0 {
			t.Errorf("%s: no jump of a day found; the zone data differs", name)
		}
	}
}
