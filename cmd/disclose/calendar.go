package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/disclosurekit/disclosure"
)

var calendarCmd = &command{
	name:    "calendar",
	summary: "the Patch Tuesdays of a year, the usual public release instants",
	usage: `Usage: disclose calendar [--year N]

Lists the twelve Patch Tuesdays of a year: the second Tuesday of each month
at 10:00 America/Los_Angeles, in that zone and in UTC. The UTC column is in
the form an advisory's "public_at" takes.

Flags:
  --year N   the year, from 1 to 9999; default: the current year

Example:
  disclose calendar --year 2025
`,
}

func init() { calendarCmd.run = runCalendar }

func runCalendar(e *env, args []string) int {
	c := calendarCmd
	fs := newFlags(c)
	pacific := disclosure.DefaultPolicy().CalendarZone // built in: no zone database needed
	year := fs.Int("year", time.Now().In(pacific).Year(), "")
	if code, done := parse(e, c, fs, args, false); done {
		return code
	}
	if *year < 1 || *year > 9999 {
		return usageError(e, c, "--year %d: want a year from 1 to 9999", *year)
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
