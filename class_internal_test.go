package disclosure

import (
	"strings"
	"testing"
	"time"
)

// The hand-written dispatch tables must agree with the declared orders.
func TestOrderTables(t *testing.T) {
	for i, c := range allClasses {
		if c.Sensitivity() != i+1 {
			t.Errorf("%s.Sensitivity() = %d, want %d", c, c.Sensitivity(), i+1)
		}
	}
	for i, c := range allCodes {
		if c.order() != i+1 {
			t.Errorf("%s.order() = %d, want %d", c, c.order(), i+1)
		}
	}
	for _, bad := range []string{"", "s", "summary ", "Summary", "descriptio", "description2", "lead-time "} {
		if Class(bad).Sensitivity() != 0 || ReasonCode(bad).order() != 0 {
			t.Errorf("%q has an order", bad)
		}
	}
}

// decide caps every release at max_lead before public_at even for a lead
// that validation let through (a zone whose offset jumps further than
// validation allows for); here the cap is forced by skipping validation.
func TestMaxLeadClampsRelease(t *testing.T) {
	p := DefaultPolicy()
	p.Tiers[2].Lead = LeadBusinessDays(5)
	p.MaxLead = LeadDuration(24 * time.Hour)
	public := PatchTuesday(2025, time.July)
	a := Advisory{ID: "A", Revision: 1, PublicAt: public}
	to := Partner{ID: "p", Tier: "validate", Jurisdictions: []string{"US"}, Status: StatusActive,
		Agreement: Agreement{SignedAt: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}}
	r := compile(&p, p.validate(&problems{}))
	var v verdict
	r.decide(&v, &a, &to, r.tierIndex(to.Tier), a.validate(&problems{}), 0, r.triggering(public))
	var d Disclosure
	r.disclosure(&d, &v, &a, &to, &arena{})
	if want := public.Add(-24 * time.Hour); !d.ReleaseAt.Equal(want) {
		t.Fatalf("release %v, want the cap %v", d.ReleaseAt, want)
	}
	if !strings.Contains(d.Reasons[0].Detail, "capped by max_lead: 24h before public_at") {
		t.Fatalf("reasons %v do not say the lead was capped", d.Reasons)
	}
}

// parseVersion is checked here against a plain reference on every
// string of a generated family.
func TestParseVersionAgainstTime(t *testing.T) {
	ref := func(v string) (int, bool) {
		for _, layout := range []string{"2006-01", "2006-01-02"} {
			if len(v) == len(layout) {
				if tm, err := time.Parse(layout, v); err == nil && tm.Year() >= 1 {
					return tm.Year()*10000 + int(tm.Month())*100 + tm.Day(), true
				}
			}
		}
		return 0, false
	}
	var cases []string
	for _, y := range []string{"0000", "0001", "1900", "2000", "2023", "2024", "9999", "20a4", "-202", "+202", " 202"} {
		for _, m := range []string{"00", "01", "02", "04", "09", "12", "13", "1a", "-1", " 1"} {
			cases = append(cases, y+"-"+m, y+"/"+m, y+m+"x")
			for _, d := range []string{"00", "01", "28", "29", "30", "31", "32", "3x", "-1"} {
				cases = append(cases, y+"-"+m+"-"+d, y+"-"+m+"/"+d)
			}
		}
	}
	cases = append(cases, "", "2024", "2024-1", "2024-01-1", "2024-01-011", "２０２４-01")
	for _, v := range cases {
		got, ok := parseVersion(v)
		want, wantOK := ref(v)
		if got != want || ok != wantOK {
			t.Errorf("parseVersion(%q) = %d, %v; want %d, %v", v, got, ok, want, wantOK)
		}
	}
}
