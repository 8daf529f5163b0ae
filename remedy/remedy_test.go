package remedy_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/remedy"
)

// kindsOf returns each remedy as what it gives and its kinds of change:
// "entitlement,summary: reinstate+change-tier".
func kindsOf(rs []remedy.Remedy) []string {
	var out []string
	for _, r := range rs {
		var gives, kinds []string
		if r.Entitles {
			gives = append(gives, "entitlement")
		}
		for _, c := range r.Classes {
			gives = append(gives, string(c))
		}
		for _, ch := range r.Changes {
			kinds = append(kinds, string(ch.Kind))
		}
		out = append(out, strings.Join(gives, ",")+": "+strings.Join(kinds, "+"))
	}
	return out
}

func TestScenarios(t *testing.T) {
	public := disclosure.PatchTuesday(2025, time.July)
	signedLate := func(to disclosure.Partner) disclosure.Partner {
		to.Agreement.SignedAt = public.Add(-2 * time.Hour) // after entry's release, before the public one
		return to
	}
	lapsing := disclosure.DefaultPolicy()
	lapsing.Laws = disclosure.BuiltinLaws()
	for i := range lapsing.Laws {
		if lapsing.Laws[i].ID == "CN-RMSV-2021" {
			lapsing.Laws[i].EffectiveUntil = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	versioned := disclosure.DefaultPolicy()
	versioned.Agreement.MinVersion = "2025-01"
	byJurisdiction := disclosure.DefaultPolicy()
	byJurisdiction.RestrictWhen.Jurisdictions = []string{"RU"}

	tests := []struct {
		name   string
		policy disclosure.Policy
		edit   func(*disclosure.Advisory)
		to     disclosure.Partner
		at     time.Time
		want   []string
	}{
		{
			name: "entitled to everything it can get",
			to:   examplePartner("us", "validate", "US"),
			want: nil,
		},
		{
			name: "signed after the release: sign by it, or a tier released later",
			to:   signedLate(examplePartner("us", "entry", "US")),
			want: []string{
				"entitlement,summary,description,technical-details,proof-of-concept: sign-agreement",
				"entitlement,summary,description: change-tier",
			},
		},
		{
			name:   "an outdated version: update it",
			policy: versioned,
			to:     examplePartner("us", "entry", "US"),
			want:   []string{"entitlement,summary,description,technical-details,proof-of-concept: update-agreement"},
		},
		{
			name:   "outdated and expired: one new agreement",
			policy: versioned,
			to: func() disclosure.Partner {
				to := examplePartner("us", "entry", "US")
				to.Agreement.ExpiresAt = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
				return to
			}(),
			want: []string{"entitlement,summary,description,technical-details,proof-of-concept: sign-agreement"},
		},
		{
			name: "excluded, removed and without agreement: three changes",
			edit: func(a *disclosure.Advisory) { a.ExcludePartners = []string{"us"} },
			to: func() disclosure.Partner {
				to := examplePartner("us", "entry", "US")
				to.Status, to.Agreement = disclosure.StatusRemoved, disclosure.Agreement{}
				return to
			}(),
			want: []string{"entitlement,summary,description,technical-details,proof-of-concept: remove-exclusion+reinstate+sign-agreement"},
		},
		{
			name: "withheld from all: lift it",
			edit: func(a *disclosure.Advisory) { a.WithholdClasses = []disclosure.Class{disclosure.ClassProofOfConcept} },
			to:   examplePartner("us", "entry", "US"),
			want: []string{"proof-of-concept: lift-withholding"},
		},
		{
			name: "a class no tier receives",
			edit: func(a *disclosure.Advisory) {
				a.Sections = append(a.Sections, disclosure.Section{Class: disclosure.ClassUnclassified, Body: "?"})
			},
			to:   examplePartner("us", "validate", "US"),
			want: []string{"unclassified: none"},
		},
		{
			name:   "a law that lapses",
			policy: lapsing,
			to:     examplePartner("cn", "entry", "CN"),
			want:   []string{"technical-details,proof-of-concept: law-lapses"},
		},
		{
			name:   "a lapsing law and a jurisdiction of restrict_when: both changes",
			policy: func() disclosure.Policy { p := lapsing; p.RestrictWhen.Jurisdictions = []string{"RU"}; return p }(),
			to:     examplePartner("cn", "entry", "CN", "RU", "US"),
			want:   []string{"technical-details,proof-of-concept: drop-jurisdiction+drop-jurisdiction"},
		},
		{
			name:   "only restricting jurisdictions, one of which lapses",
			policy: func() disclosure.Policy { p := lapsing; p.RestrictWhen.Jurisdictions = []string{"RU"}; return p }(),
			to:     examplePartner("cn", "entry", "CN", "RU"),
			want:   []string{"technical-details,proof-of-concept: drop-jurisdiction+law-lapses"},
		},
		{
			name:   "restricted by restrict_when.jurisdictions",
			policy: byJurisdiction,
			to:     examplePartner("ru", "validate", "RU", "DE"),
			want:   []string{"technical-details,proof-of-concept: drop-jurisdiction"},
		},
		{
			name: "restricted and asked for before the public release",
			to:   examplePartner("cn", "entry", "CN", "US"),
			at:   public.Add(-12 * time.Hour),
			want: []string{
				"summary,description,technical-details,proof-of-concept: drop-jurisdiction", // released 24h before
				"summary,description: wait",
			},
		},
		{
			name: "asked for before any release: wait for it",
			to:   examplePartner("us", "validate", "US"),
			at:   public.AddDate(0, 0, -30),
			want: []string{"summary,description,technical-details,proof-of-concept: wait"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.policy
			if p.Tiers == nil {
				p = disclosure.DefaultPolicy()
			}
			a := exampleAdvisory()
			if tt.edit != nil {
				tt.edit(&a)
			}
			var opts []remedy.Option
			if !tt.at.IsZero() {
				opts = append(opts, remedy.At(tt.at))
			}
			rs, err := remedy.For(p, a, tt.to, opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got := kindsOf(rs); !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// The deadlines are the latest that still give the remedy, and the
// parameters say so.
func TestParameters(t *testing.T) {
	p := disclosure.DefaultPolicy()
	p.Agreement.MinVersion = "2025-01"
	to := examplePartner("us", "entry", "US")
	to.Agreement = disclosure.Agreement{}
	rs, err := remedy.For(p, exampleAdvisory(), to)
	if err != nil {
		t.Fatal(err)
	}
	want := remedy.Change{Kind: remedy.SignAgreement, Version: "2025-01", By: time.Date(2025, 7, 7, 17, 0, 0, 0, time.UTC),
		Detail: "sign agreement version 2025-01 or later by 2025-07-07T17:00Z"}
	if len(rs) != 1 || !reflect.DeepEqual(rs[0].Changes, []remedy.Change{want}) {
		t.Fatalf("got %+v", rs)
	}

	lapsing := disclosure.DefaultPolicy()
	lapsing.Laws = disclosure.BuiltinLaws()
	end := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range lapsing.Laws {
		if lapsing.Laws[i].ID == "CN-RMSV-2021" {
			lapsing.Laws[i].EffectiveUntil = end
		}
	}
	rs, err = remedy.For(lapsing, exampleAdvisory(), examplePartner("cn", "entry", "CN"))
	if err != nil {
		t.Fatal(err)
	}
	want = remedy.Change{Kind: remedy.LawLapses, Law: "CN-RMSV-2021", From: end,
		Detail: "an advisory made public from 2026-01-01T00:00Z, when CN-RMSV-2021 ceases to apply"}
	if len(rs) != 1 || !reflect.DeepEqual(rs[0].Changes, []remedy.Change{want}) {
		t.Fatalf("got %+v", rs)
	}
}

// Invalid inputs give Disclose's error, and a zero Engine its own.
func TestErrors(t *testing.T) {
	to := examplePartner("us", "platinum", "US")
	_, want := disclosure.Disclose(disclosure.DefaultPolicy(), exampleAdvisory(), to)
	_, err := remedy.For(disclosure.DefaultPolicy(), exampleAdvisory(), to)
	if err == nil || err.Error() != want.Error() || !errors.Is(err, disclosure.ErrInvalidPartner) {
		t.Fatalf("For: %v, want %v", err, want)
	}
	if _, err := remedy.ForEngine(&disclosure.Engine{}, exampleAdvisory(), examplePartner("us", "entry", "US")); !errors.Is(err, disclosure.ErrInvalidPolicy) {
		t.Fatalf("zero Engine: %v", err)
	}
}

// Finding remedies modifies neither input, and gives the same every time.
func TestPure(t *testing.T) {
	p := disclosure.DefaultPolicy()
	a := exampleAdvisory()
	a.ExcludePartners = []string{"cn"}
	a.WithholdClasses = []disclosure.Class{disclosure.ClassDescription}
	to := examplePartner("cn", "responder", "CN", "US")
	to.Status = disclosure.StatusSuspended
	pc, ac, toc := p, a, to
	pc.Tiers, ac.ExcludePartners, ac.WithholdClasses, toc.Jurisdictions = slices.Clone(p.Tiers),
		slices.Clone(a.ExcludePartners), slices.Clone(a.WithholdClasses), slices.Clone(to.Jurisdictions)
	first, err := remedy.For(p, a, to)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := remedy.For(p, a, to)
	if !reflect.DeepEqual(first, again) {
		t.Fatal("two calls differ")
	}
	if !reflect.DeepEqual(p.Tiers, pc.Tiers) || !reflect.DeepEqual(a, ac) || !reflect.DeepEqual(to, toc) {
		t.Fatal("an input was modified")
	}
}
