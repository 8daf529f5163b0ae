// Package tz provides the program calendar's default time zone without
// depending on a time zone database on the machine.
package tz

import (
	_ "embed"
	"time"
)

// America_Los_Angeles.tzif is the America/Los_Angeles entry of the IANA time
// zone database, release 2025c, as shipped in Go's lib/time/zoneinfo.zip.
// Its POSIX footer (PST8PDT,M3.2.0,M11.1.0) covers every year after the
// last explicit transition, so it stays correct for future years.
//
//go:embed America_Los_Angeles.tzif
var losAngelesTZif []byte

// LosAngelesName is the IANA name of the default calendar zone.
const LosAngelesName = "America/Los_Angeles"

var losAngeles = mustLoad(LosAngelesName, losAngelesTZif)

func mustLoad(name string, data []byte) *time.Location {
	loc, err := time.LoadLocationFromTZData(name, data)
	if err != nil {
		// The data is embedded and tested; this cannot happen in a release.
		panic("tz: embedded " + name + " is corrupt: " + err.Error())
	}
	return loc
}

// LosAngeles returns America/Los_Angeles (US Pacific time).
func LosAngeles() *time.Location { return losAngeles }

// Load returns the named location. America/Los_Angeles and UTC come from
// built-in data; any other name is looked up with time.LoadLocation, which
// needs a zone database on the machine or an import of time/tzdata.
// "Local" and "" are refused: they depend on the machine and would make
// decisions differ between machines.
func Load(name string) (*time.Location, error) {
	switch name {
	case LosAngelesName:
		return losAngeles, nil
	case "UTC":
		return time.UTC, nil
	case "", "Local":
		return nil, errLocal(name)
	}
	return time.LoadLocation(name)
}

type errLocal string

func (e errLocal) Error() string {
	if e == "" {
		return "empty time zone name"
	}
	return `time zone "Local" depends on the machine; name an IANA zone such as "America/Los_Angeles"`
}
