package disclosure_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

func TestErrorsAreReadable(t *testing.T) {
	in := vtEdit(vtPartnersJSON,
		`["DE"]`, `["XX", "de"]`,
		`"id": "jp-ti"`, `"id": "us-av"`,
		`"version": "2024-03"`, `"version": "2024-3"`,
	)
	_, err := disclosure.LoadPartners(strings.NewReader(in))
	ps := vtProblems(t, err)
	if len(ps) < 4 {
		t.Fatalf("want at least 4 problems, got %d: %v", len(ps), err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(ps) {
		t.Fatalf("Error() has %d lines for %d problems:\n%s", len(lines), len(ps), err)
	}
	for i, p := range ps {
		if p.Path == "" || p.Message == "" {
			t.Errorf("problem %d: path %q, message %q", i, p.Path, p.Message)
		}
		if want := p.Path + ": " + p.Message; lines[i] != want {
			t.Errorf("line %d = %q, want %q", i, lines[i], want)
		}
		if p.Error() != lines[i] {
			t.Errorf("FieldError.Error() = %q, want %q", p.Error(), lines[i])
		}
	}
	for _, path := range []string{"partners[1].jurisdictions[0]", "partners[1].jurisdictions[1]", "partners[2].id", "partners[2].agreement.version"} {
		if vtFind(ps, path) == nil {
			t.Errorf("no problem at %s", path)
		}
	}

	// A problem of the input as a whole is its message alone.
	_, err = disclosure.LoadPolicy(strings.NewReader("not json"))
	ps = vtProblems(t, err)
	if len(ps) != 1 || ps[0].Path != "" || err.Error() != ps[0].Message || strings.Contains(err.Error(), "\n") {
		t.Errorf("whole-input error %q, problems %s", err, vtPaths(ps))
	}

	// Errors from Disclose read the same way, with prefixed paths.
	p := disclosure.DefaultPolicy()
	p.Tiers[0].Rank = 0
	to := vtPartner("x", "entry", "XX")
	_, err = disclosure.Disclose(p, vtAdvisory(), to)
	ps = vtProblems(t, err)
	var paths []string
	for _, p := range ps {
		paths = append(paths, p.Path)
	}
	// The inputs are checked in order: policy, advisory, partner.
	if want := []string{"policy.tiers[0].rank", "partner.jurisdictions[0]"}; !slices.Equal(paths, want) {
		t.Errorf("paths %q, want %q", paths, want)
	}
	lines = strings.Split(err.Error(), "\n")
	if len(lines) != len(ps) {
		t.Fatalf("Error() has %d lines for %d problems:\n%s", len(lines), len(ps), err)
	}
	for i, p := range ps {
		if want := p.Path + ": " + p.Message; lines[i] != want {
			t.Errorf("line %d = %q, want %q", i, lines[i], want)
		}
	}
}

func TestValidateMaxLeadBoundsEveryLead(t *testing.T) {
	// max_lead caps every lead: a policy whose business-day lead can span
	// more than max_lead must be invalid, and so must a duration lead
	// longer than a business-day max_lead can be. The real extremes are
	// measured over every hour of three years in each calendar zone.
	zones := map[string]*time.Location{"America/Los_Angeles": nil, "UTC": time.UTC}
	for _, name := range []string{"Europe/Berlin", "Australia/Lord_Howe", "Antarctica/Troll"} {
		if z, err := time.LoadLocation(name); err == nil {
			zones[name] = z
		}
	}
	for name, zone := range zones {
		t.Run(name, func(t *testing.T) {
			var bugs []string
			for _, n := range []int{1, 2, 3, 5, 6, 10} {
				l := disclosure.LeadBusinessDays(n)
				var longest, shortest time.Duration
				var longFrom, shortFrom time.Time
				for h := range 3 * 366 * 24 {
					from := time.Date(2024, 1, 1, h, 0, 0, 0, time.UTC)
					span := from.Sub(l.Before(from, zone))
					if span > longest {
						longest, longFrom = span, from
					}
					if shortest == 0 || span < shortest {
						shortest, shortFrom = span, from
					}
				}
				p := disclosure.DefaultPolicy()
				p.CalendarZone = zone
				p.Tiers[1].Lead = l
				p.Tiers[2].Lead = disclosure.LeadDuration(0)
				p.MaxLead = disclosure.LeadDuration(longest - time.Minute)
				if p.Validate() == nil {
					bugs = append(bugs, fmt.Sprintf("lead %v with max_lead %v is accepted, but %v before %v is %v earlier",
						l, p.MaxLead, l, longFrom, longest))
				}
				p.Tiers[1].Lead = disclosure.LeadDuration(shortest + time.Minute)
				p.MaxLead = l
				if p.Validate() == nil {
					bugs = append(bugs, fmt.Sprintf("lead %v with max_lead %v is accepted, but %v before %v is only %v earlier",
						p.Tiers[1].Lead, l, l, shortFrom, shortest))
				}
			}
			if len(bugs) > 0 {
				msg := strings.Join(bugs, "\n")
				t.Error(msg)
			}
		})
	}
}
