package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/disclosurekit/disclosure"
)

var calendarCmd = &command{
	name:    "calendar",
	run:     runCalendar,
	summary: "the Patch Tuesdays of a year, the usual public release instants",
	usage: `Usage: disclose calendar [--year N] [--format table|json]

Lists the twelve Patch Tuesdays of a year: the second Tuesday of each month
at 10:00 America/Los_Angeles, in that zone and in UTC. The UTC column is in
the form an advisory's "public_at" takes.

Flags:
  --year N          the year, from 1 to 9999; default: the current year
                    e.g. --year 2026
  --format FORMAT   table (default), or json: {"year", "zone",
                    "patch_tuesdays": [{"month", "at", "local"}, ...]},
                    "at" in UTC and "local" in the zone, both RFC 3339
                    e.g. --format json

Examples:
  disclose calendar --year 2025
  disclose calendar --year 2026 --format json
`,
}

func runCalendar(e *env, c *command, args []string) int {
	cl := newFlags(c)
	pacific := disclosure.DefaultPolicy().CalendarZone // built in: no zone database needed
	year := cl.Int("year", time.Now().In(pacific).Year(), "")
	format := cl.formatVar()
	cl.check(func() string {
		if *year < 1 || *year > 9999 {
			return fmt.Sprintf("--year %d: want a year from 1 to 9999", *year)
		}
		return ""
	})
	if code, done := cl.parse(e, args); done {
		return code
	}
	if format.value == "json" {
		cal := calendarJSON{Year: *year, Zone: pacific.String()}
		for m := time.January; m <= time.December; m++ {
			t := disclosure.PatchTuesday(*year, m)
			cal.PatchTuesdays = append(cal.PatchTuesdays, patchTuesday{Month: m.String(), At: t.UTC(), Local: t.In(pacific)})
		}
		return writeJSON(e, cal)
	}
	fmt.Fprintf(e.stdout, "Patch Tuesdays of %d (the second Tuesday of the month, 10:00 %s)\n\n", *year, pacific)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "MONTH\t%s\tUTC\n", pacific)
	for m := time.January; m <= time.December; m++ {
		t := disclosure.PatchTuesday(*year, m)
		fmt.Fprintf(tw, "%s\t%s\t%s\n", m, local(t, pacific), utc(t))
	}
	tw.Flush()
	return exitOK
}

// calendarJSON is what calendar --format json prints.
type calendarJSON struct {
	Year          int            `json:"year"`
	Zone          string         `json:"zone"`
	PatchTuesdays []patchTuesday `json:"patch_tuesdays"`
}

// A patchTuesday is one release instant, in UTC and in the calendar zone.
type patchTuesday struct {
	Month string    `json:"month"`
	At    time.Time `json:"at"`
	Local time.Time `json:"local"`
}
