package tz

import (
	"testing"
	"time"
)

func TestLosAngeles(t *testing.T) {
	loc := LosAngeles()
	cases := []struct {
		at         time.Time
		name       string
		offsetSecs int
	}{
		{time.Date(2025, 1, 14, 18, 0, 0, 0, time.UTC), "PST", -8 * 3600},
		{time.Date(2025, 7, 8, 17, 0, 0, 0, time.UTC), "PDT", -7 * 3600},
		{time.Date(2007, 3, 11, 9, 59, 0, 0, time.UTC), "PST", -8 * 3600},
		{time.Date(2007, 3, 11, 10, 0, 0, 0, time.UTC), "PDT", -7 * 3600},
		// Far beyond the last explicit transition: the POSIX footer applies.
		{time.Date(2091, 7, 10, 17, 0, 0, 0, time.UTC), "PDT", -7 * 3600},
		{time.Date(2091, 12, 11, 18, 0, 0, 0, time.UTC), "PST", -8 * 3600},
	}
	for _, c := range cases {
		name, off := c.at.In(loc).Zone()
		if name != c.name || off != c.offsetSecs {
			t.Errorf("%v in %v: %s %d, want %s %d", c.at, loc, name, off, c.name, c.offsetSecs)
		}
	}
	if loc.String() != LosAngelesName {
		t.Errorf("name %q", loc.String())
	}
}

func TestLoad(t *testing.T) {
	if l, err := Load("America/Los_Angeles"); err != nil || l != LosAngeles() {
		t.Errorf("Load(LA) = %v, %v", l, err)
	}
	if l, err := Load("UTC"); err != nil || l != time.UTC {
		t.Errorf("Load(UTC) = %v, %v", l, err)
	}
	for _, bad := range []string{"", "Local", "Mars/Olympus_Mons", "../../etc/passwd"} {
		if _, err := Load(bad); err == nil {
			t.Errorf("Load(%q) succeeded", bad)
		}
	}
}
