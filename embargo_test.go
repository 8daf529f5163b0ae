package disclosure_test

import (
	"slices"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// etPartner is an active partner whose agreement was signed long before.
func etPartner(id, tier string, jurisdictions ...string) disclosure.Partner {
	return disclosure.Partner{
		ID: id, Tier: tier, Jurisdictions: jurisdictions, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{Version: "2020-01", SignedAt: etUTC(2020, 1, 2, 0, 0)},
	}
}

func etAdvisory(public time.Time) disclosure.Advisory {
	return disclosure.Advisory{
		ID: "ADV-TEST", Revision: 1, CVEs: []string{"CVE-2025-0001"}, PublicAt: public,
		Sections: []disclosure.Section{
			{Class: disclosure.ClassDescription, Body: "d"},
			{Class: disclosure.ClassMitigations, Body: "m"},
			{Class: disclosure.ClassDetectionGuidance, Body: "g"},
		},
		Artifacts: []disclosure.Artifact{{Class: disclosure.ClassProofOfConcept, Name: "poc.py", Data: []byte("poc")}},
	}
}

func etCodes(d disclosure.Disclosure) []disclosure.ReasonCode {
	var out []disclosure.ReasonCode
	for _, r := range d.Reasons {
		out = append(out, r.Code)
	}
	return out
}

func etDisclose(t *testing.T, p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner) disclosure.Disclosure {
	t.Helper()
	d, err := disclosure.Disclose(p, a, to)
	if err != nil {
		t.Fatalf("Disclose(%s): %v", to.ID, err)
	}
	if !d.Entitled {
		t.Fatalf("Disclose(%s): not entitled: %+v", to.ID, d.Reasons)
	}
	return d
}

func TestReleaseWindow(t *testing.T) {
	public := etUTC(2025, 7, 8, 17, 0) // July 2025 Patch Tuesday
	pol := disclosure.DefaultPolicy()
	us := etPartner("us-av", "entry", "US")
	jp := etPartner("jp-val", "validate", "JP")
	de := etPartner("de-resp", "responder", "DE")
	cn := etPartner("cn-ids", "entry", "CN")

	type exp struct {
		to      disclosure.Partner
		release time.Time
		has     []disclosure.ReasonCode
		hasNot  []disclosure.ReasonCode
	}
	check := func(t *testing.T, a disclosure.Advisory, exps []exp) {
		t.Helper()
		for _, e := range exps {
			d := etDisclose(t, pol, a, e.to)
			if !d.ReleaseAt.Equal(e.release) || d.ReleaseAt.Location() != time.UTC {
				t.Errorf("%s: release %v, want %v (public%+v)", e.to.ID, d.ReleaseAt, e.release, e.release.Sub(public))
			}
			if !d.PublishNotBefore.Equal(public) {
				t.Errorf("%s: publish_not_before %v, want %v", e.to.ID, d.PublishNotBefore, public)
			}
			if !d.ReleasedBy(e.release) || d.ReleasedBy(e.release.Add(-time.Nanosecond)) {
				t.Errorf("%s: ReleasedBy is wrong around %v", e.to.ID, e.release)
			}
			codes := etCodes(d)
			for _, c := range append([]disclosure.ReasonCode{disclosure.CodeLeadTime}, e.has...) {
				if !slices.Contains(codes, c) {
					t.Errorf("%s: reasons %v lack %s", e.to.ID, codes, c)
				}
			}
			for _, c := range e.hasNot {
				if slices.Contains(codes, c) {
					t.Errorf("%s: reasons %v hold %s", e.to.ID, codes, c)
				}
			}
		}
	}
	none := []disclosure.ReasonCode{disclosure.CodeReadyFloor, disclosure.CodeEmbargoEnded}

	t.Run("leads", func(t *testing.T) {
		check(t, etAdvisory(public), []exp{
			{to: us, release: public.Add(-24 * time.Hour), hasNot: none},
			{to: jp, release: public.Add(-120 * time.Hour), hasNot: none},
			{to: de, release: public, hasNot: none},
			{to: cn, release: public, has: []disclosure.ReasonCode{disclosure.CodeRestrictedJurisdiction}, hasNot: none},
		})
	})

	t.Run("ready_at floor", func(t *testing.T) {
		a := etAdvisory(public)
		a.ReadyAt = public.Add(-48 * time.Hour)
		check(t, a, []exp{
			{to: jp, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
			{to: us, release: public.Add(-24 * time.Hour), hasNot: none},
			{to: de, release: public, hasNot: none},
		})
		a.ReadyAt = public.Add(-24*time.Hour + time.Second)
		check(t, a, []exp{
			{to: us, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
			{to: jp, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
		})
		a.ReadyAt = public.Add(-24 * time.Hour) // exactly the entry release: no floor
		check(t, a, []exp{
			{to: us, release: a.ReadyAt, hasNot: none},
			{to: jp, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
		})
		// ready_at in another zone is the same instant.
		a.ReadyAt = time.Date(2025, 7, 6, 10, 0, 0, 0, etPacific()) // 17:00Z, public-48h
		check(t, a, []exp{{to: jp, release: public.Add(-48 * time.Hour), has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}}})
	})

	t.Run("embargo ended early", func(t *testing.T) {
		a := etAdvisory(public)
		a.Embargo = disclosure.Embargo{EndedAt: public.Add(-30 * time.Hour), Reason: disclosure.EndExploited}
		ended := []disclosure.ReasonCode{disclosure.CodeEmbargoEnded}
		check(t, a, []exp{
			{to: us, release: a.Embargo.EndedAt, has: ended, hasNot: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
			{to: cn, release: a.Embargo.EndedAt, has: append(ended, disclosure.CodeRestrictedJurisdiction)},
			{to: de, release: a.Embargo.EndedAt, has: ended},
			{to: jp, release: public.Add(-120 * time.Hour), hasNot: none}, // already earlier
		})
		// The restricted partner still receives only the restricted classes.
		d := etDisclose(t, pol, a, cn)
		if !d.Restricted || d.Receives(disclosure.ClassProofOfConcept) || d.TLP != disclosure.TLPClear {
			t.Errorf("cn-ids after the embargo ended: restricted %v, classes %v, TLP %s", d.Restricted, d.Classes, d.TLP)
		}

		// Never before ready_at.
		a.ReadyAt = public.Add(-28 * time.Hour)
		check(t, a, []exp{
			{to: us, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
			{to: cn, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
			{to: jp, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
		})
		a.ReadyAt = public.Add(-10 * time.Hour)
		check(t, a, []exp{
			{to: us, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
			{to: cn, release: a.ReadyAt, has: []disclosure.ReasonCode{disclosure.CodeReadyFloor}},
		})
	})

	t.Run("an embargo end that moves nothing is no reason", func(t *testing.T) {
		// The lead alone gives public-24h, ready_at lifts it to public-10h;
		// an embargo that ended at public-30h changes nothing: with or
		// without it the release is ready_at.
		a := etAdvisory(public)
		a.ReadyAt = public.Add(-10 * time.Hour)
		without := etDisclose(t, pol, a, us)
		a.Embargo = disclosure.Embargo{EndedAt: public.Add(-30 * time.Hour), Reason: disclosure.EndExploited}
		with := etDisclose(t, pol, a, us)
		if !with.ReleaseAt.Equal(a.ReadyAt) || !without.ReleaseAt.Equal(a.ReadyAt) {
			t.Fatalf("release %v with the embargo, %v without, want %v", with.ReleaseAt, without.ReleaseAt, a.ReadyAt)
		}
		if codes := etCodes(with); slices.Contains(codes, disclosure.CodeEmbargoEnded) {
			t.Fatalf("reasons %v hold embargo-ended, but the release is ready_at %v either way: the embargo did not shape it", codes, a.ReadyAt)
		}
	})

	t.Run("embargo ended at public_at", func(t *testing.T) {
		a := etAdvisory(public)
		a.Embargo = disclosure.Embargo{EndedAt: public, Reason: disclosure.EndPublic}
		check(t, a, []exp{
			{to: de, release: public, hasNot: none},
			{to: cn, release: public, hasNot: none},
			{to: us, release: public.Add(-24 * time.Hour), hasNot: none},
		})
		// And just before public_at it moves the responder.
		a.Embargo.EndedAt = public.Add(-time.Second)
		check(t, a, []exp{{to: de, release: a.Embargo.EndedAt, has: []disclosure.ReasonCode{disclosure.CodeEmbargoEnded}}})
	})
}

func TestLawEffectiveDates(t *testing.T) {
	pol := disclosure.DefaultPolicy()
	cn := etPartner("cn-ids", "entry", "CN")

	// RMSV took effect 2021-09-01 00:00 in China (UTC+8): 2021-08-31T16:00Z.
	rmsv := etUTC(2021, 8, 31, 16, 0)
	before := etDisclose(t, pol, etAdvisory(rmsv.Add(-time.Second)), cn)
	if before.Restricted || !before.Receives(disclosure.ClassProofOfConcept) ||
		!before.ReleaseAt.Equal(rmsv.Add(-time.Second-24*time.Hour)) || before.TLP != disclosure.TLPAmberStrict {
		t.Errorf("CN partner a second before RMSV: restricted %v, classes %v, release %v, TLP %s",
			before.Restricted, before.Classes, before.ReleaseAt, before.TLP)
	}
	at := etDisclose(t, pol, etAdvisory(rmsv), cn)
	if !at.Restricted || at.Receives(disclosure.ClassProofOfConcept) || !at.ReleaseAt.Equal(rmsv) || at.TLP != disclosure.TLPClear {
		t.Errorf("CN partner when RMSV took effect: restricted %v, classes %v, release %v, TLP %s",
			at.Restricted, at.Classes, at.ReleaseAt, at.TLP)
	}
	if want := []disclosure.Class{disclosure.ClassSummary, disclosure.ClassDescription, disclosure.ClassMitigations}; !slices.Equal(at.Classes, want) {
		t.Errorf("restricted CN partner receives %v, want %v", at.Classes, want)
	}

	// The CRA (reporting from 2026-09-11) binds manufacturers only.
	craBefore := etUTC(2026, 9, 8, 17, 0)  // September 2026 Patch Tuesday
	craAfter := etUTC(2026, 10, 13, 17, 0) // October 2026 Patch Tuesday
	manufacturers := disclosure.DefaultPolicy()
	manufacturers.RestrictWhen.Binds = append(manufacturers.RestrictWhen.Binds, disclosure.PartyManufacturers)
	for _, to := range []disclosure.Partner{etPartner("de-ids", "entry", "DE"), etPartner("eu-ids", "entry", "EU")} {
		for _, c := range []struct {
			name   string
			p      disclosure.Policy
			public time.Time
			want   bool
		}{
			{"default, before", pol, craBefore, false},
			{"default, after", pol, craAfter, false},
			{"manufacturers, before", manufacturers, craBefore, false},
			{"manufacturers, after", manufacturers, craAfter, true},
		} {
			d := etDisclose(t, c.p, etAdvisory(c.public), to)
			if d.Restricted != c.want || d.Receives(disclosure.ClassProofOfConcept) == c.want {
				t.Errorf("%s %s: restricted %v (want %v), classes %v", to.ID, c.name, d.Restricted, c.want, d.Classes)
			}
		}
	}
	// A US partner is never under the CRA.
	if d := etDisclose(t, manufacturers, etAdvisory(craAfter), etPartner("us-av", "entry", "US")); d.Restricted {
		t.Errorf("US partner restricted under the manufacturers policy")
	}

	// A US partner with a CN subsidiary is under RMSV.
	for _, js := range [][]string{{"US", "CN"}, {"CN", "US"}, {"EU", "JP", "CN"}} {
		d := etDisclose(t, pol, etAdvisory(etUTC(2025, 7, 8, 17, 0)), etPartner("multi", "validate", js...))
		if !d.Restricted || d.Receives(disclosure.ClassProofOfConcept) || !d.ReleaseAt.Equal(etUTC(2025, 7, 8, 17, 0)) {
			t.Errorf("partner in %v: restricted %v, classes %v, release %v", js, d.Restricted, d.Classes, d.ReleaseAt)
		}
	}
	// Hong Kong, Taiwan and Macao have their own ISO codes and are not CN.
	for _, j := range []string{"HK", "TW", "MO"} {
		if d := etDisclose(t, pol, etAdvisory(etUTC(2025, 7, 8, 17, 0)), etPartner("p-"+j, "entry", j)); d.Restricted {
			t.Errorf("partner in %s restricted", j)
		}
	}
}
