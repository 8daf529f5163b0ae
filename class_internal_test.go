package disclosure

import (
	"slices"
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
	r := compile(&p)
	v := r.decide(&a, &to, r.tierIndex(to.Tier), presentIn(&a), 0, r.triggering(public))
	d := r.disclosure(&v, &a, &to, &arena{})
	if want := public.Add(-24 * time.Hour); !d.ReleaseAt.Equal(want) {
		t.Fatalf("release %v, want the cap %v", d.ReleaseAt, want)
	}
	if !strings.Contains(d.Reasons[0].Detail, "capped by max_lead: 24h before public_at") {
		t.Fatalf("reasons %v do not say the lead was capped", d.Reasons)
	}
}

func TestPermute(t *testing.T) {
	for _, order := range [][]int{{}, {0}, {1, 0}, {2, 0, 1}, {3, 2, 1, 0}, {1, 2, 3, 4, 0}, {0, 2, 1, 4, 3}} {
		xs := make([]int, len(order))
		for i := range xs {
			xs[i] = 10 * i
		}
		want := make([]int, len(order))
		for i, k := range order {
			want[i] = 10 * k
		}
		permute(xs, append([]int(nil), order...))
		for i := range xs {
			if xs[i] != want[i] {
				t.Fatalf("permute by %v = %v, want %v", order, xs, want)
			}
		}
	}
}

func TestSortReasons(t *testing.T) {
	var all []Reason
	for _, code := range allCodes {
		for _, c := range append([]Class{""}, allClasses[:]...) {
			all = append(all, Reason{Code: code, Class: c, Detail: "b"}, Reason{Code: code, Class: c, Detail: "a"})
		}
	}
	for _, n := range []int{0, 1, 2, 7, 32, 33, len(all)} {
		rs := append([]Reason(nil), all[:n]...)
		// Reverse, then sort: the result must match the general sort.
		slices.Reverse(rs)
		want := slices.Clone(rs)
		slices.SortStableFunc(want, compareReasons)
		sortReasons(rs)
		if !slices.Equal(rs, want) {
			t.Fatalf("n=%d: sortReasons = %v\nwant %v", n, rs, want)
		}
	}
}
