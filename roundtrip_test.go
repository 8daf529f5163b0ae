package disclosure_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

func TestJSONRoundTrip(t *testing.T) {
	t.Run("default policy", func(t *testing.T) {
		want := disclosure.DefaultPolicy()
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := disclosure.LoadPolicy(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadPolicy(%s): %v", b, err)
		}
		vtSamePolicy(t, got, want)
		// Marshalling again gives the same bytes.
		b2, err := json.Marshal(got)
		if err != nil || !bytes.Equal(b, b2) {
			t.Errorf("second marshal differs (%v):\n%s\n%s", err, b, b2)
		}
	})

	t.Run("business-day lead and UTC zone", func(t *testing.T) {
		want := disclosure.DefaultPolicy()
		want.CalendarZone = time.UTC
		want.Tiers[1].Lead = disclosure.LeadBusinessDays(3)
		want.Tiers[2].Lead = disclosure.LeadDuration(90 * time.Minute)
		want.Restriction.Lead = disclosure.LeadBusinessDays(1)
		want.MaxLead = disclosure.LeadBusinessDays(5)
		want.Agreement.MinVersion = "2024-01-15"
		want.RestrictWhen.Laws = []string{"EU-CRA-ART14"}
		want.RestrictWhen.Jurisdictions = []string{"RU"}
		if err := want.Validate(); err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{`"calendar_zone":"UTC"`, `"lead":"3bd"`, `"lead":"90m"`, `"max_lead":"5bd"`} {
			if !bytes.Contains(b, []byte(s)) {
				t.Errorf("JSON lacks %s: %s", s, b)
			}
		}
		got, err := disclosure.LoadPolicy(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadPolicy(%s): %v", b, err)
		}
		vtSamePolicy(t, got, want)
		if n, ok := got.Tiers[1].Lead.BusinessDays(); !ok || n != 3 {
			t.Errorf("tier lead after round trip: %v", got.Tiers[1].Lead)
		}
		// The zone is used: 3bd before Monday 2025-03-10 17:00 UTC is
		// Wednesday 2025-03-05 17:00 UTC.
		pub := time.Date(2025, 3, 10, 17, 0, 0, 0, time.UTC)
		if r := got.Tiers[1].Lead.Before(pub, got.CalendarZone); !r.Equal(time.Date(2025, 3, 5, 17, 0, 0, 0, time.UTC)) {
			t.Errorf("3bd before %v in UTC = %v", pub, r)
		}
	})

	t.Run("IANA calendar zone", func(t *testing.T) {
		berlin, err := time.LoadLocation("Europe/Berlin")
		if err != nil {
			t.Skipf("no zone database: %v", err)
		}
		want := disclosure.DefaultPolicy()
		want.CalendarZone = berlin
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := disclosure.LoadPolicy(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadPolicy(%s): %v", b, err)
		}
		vtSamePolicy(t, got, want)
	})

	t.Run("explicit law registry", func(t *testing.T) {
		want := disclosure.DefaultPolicy()
		want.Laws = disclosure.BuiltinLaws()
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := disclosure.LoadPolicy(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadPolicy: %v", err)
		}
		if len(got.Laws) != len(want.Laws) {
			t.Fatalf("%d laws after round trip, want %d", len(got.Laws), len(want.Laws))
		}
		for i := range want.Laws {
			w, g := want.Laws[i], got.Laws[i]
			if !g.EffectiveFrom.Equal(w.EffectiveFrom) || !g.EffectiveUntil.Equal(w.EffectiveUntil) {
				t.Errorf("law %s: effective %v–%v, want %v–%v", w.ID, g.EffectiveFrom, g.EffectiveUntil, w.EffectiveFrom, w.EffectiveUntil)
			}
			g.EffectiveFrom, g.EffectiveUntil, w.EffectiveFrom, w.EffectiveUntil = time.Time{}, time.Time{}, time.Time{}, time.Time{}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("law %s differs after round trip:\n got %+v\nwant %+v", w.ID, g, w)
			}
		}
	})

	t.Run("empty law registry", func(t *testing.T) {
		// Laws nil or empty both mean the built-in laws, so an empty
		// registry keeps its meaning through JSON, where it is omitted.
		want := disclosure.DefaultPolicy()
		want.Laws = []disclosure.Law{}
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(`"laws"`)) {
			t.Errorf("empty registry written out: %s", b)
		}
		got, err := disclosure.LoadPolicy(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadPolicy(%s): %v", b, err)
		}
		cn := vtPartner("cn-ids", "entry", "CN")
		d1, err1 := disclosure.Disclose(want, vtAdvisory(), cn)
		d2, err2 := disclosure.Disclose(got, vtAdvisory(), cn)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !d1.Restricted || !d2.Restricted {
			t.Fatalf("an empty registry must mean the built-in laws: restricted %v before, %v after the round trip", d1.Restricted, d2.Restricted)
		}
	})

	t.Run("advisory with every field", func(t *testing.T) {
		pub := time.Date(2025, 7, 8, 17, 0, 0, 0, time.UTC)
		want := disclosure.Advisory{
			ID:       "ADV-2025-0042",
			Revision: 3,
			CVEs:     []string{"CVE-2025-49704", "CVE-2025-49706"},
			Title:    "SharePoint remote code execution",
			Products: []string{"SharePoint Server 2019", "SharePoint Server SE"},
			Severity: disclosure.SeverityHigh,
			TLP:      disclosure.TLPAmberStrict,
			PublicAt: pub,
			ReadyAt:  pub.Add(-72 * time.Hour),
			Embargo:  disclosure.Embargo{EndedAt: pub.Add(-30 * time.Hour), Reason: disclosure.EndExploitPublic},
			Sections: []disclosure.Section{
				{Class: disclosure.ClassDescription, Title: "Description", Body: "A flaw \u00e9\u4e2d \"quoted\" <tag> &."},
				{Class: disclosure.ClassUnclassified, Body: "draft"},
			},
			Artifacts: []disclosure.Artifact{
				{Class: disclosure.ClassProofOfConcept, Name: "poc.py", MediaType: "text/x-python", Data: []byte("print('poc')\n")},
				{Class: disclosure.ClassIndicators, Name: "iocs.bin", MediaType: "application/octet-stream", Data: []byte{0, 1, 2, 0xfe, 0xff, '\n'}},
			},
			ExcludePartners: []string{"under-investigation"},
			WithholdClasses: []disclosure.Class{disclosure.ClassReproSteps, disclosure.ClassTechnicalDetails},
		}
		// Every field of Advisory is set: a field added later makes this fail.
		rv := reflect.ValueOf(want)
		for i := range rv.NumField() {
			if rv.Field(i).IsZero() {
				t.Errorf("test bug: field %s is not set", rv.Type().Field(i).Name)
			}
		}
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := disclosure.LoadAdvisory(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadAdvisory(%s): %v", b, err)
		}
		if !got.PublicAt.Equal(want.PublicAt) || !got.ReadyAt.Equal(want.ReadyAt) || !got.Embargo.EndedAt.Equal(want.Embargo.EndedAt) {
			t.Errorf("times differ: got %v %v %v", got.PublicAt, got.ReadyAt, got.Embargo.EndedAt)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("advisory differs after round trip:\n got %#v\nwant %#v", got, want)
		}
	})

	t.Run("partner list", func(t *testing.T) {
		want := vtPartners()
		want[0].Name = "US Antivirus, Inc."
		want[1].Jurisdictions = []string{"EU", "US", "IN"}
		want[1].Status = disclosure.StatusSuspended
		want[2].Agreement = disclosure.Agreement{
			Version: "2025-03-15", SignedAt: time.Date(2025, 3, 20, 8, 0, 0, 0, time.UTC),
			ExpiresAt: time.Date(2026, 3, 20, 8, 0, 0, 0, time.UTC),
		}
		want = append(want, disclosure.Partner{ID: "new", Tier: "entry", Jurisdictions: []string{"CA"}, Status: disclosure.StatusRemoved})
		b, err := json.Marshal(struct {
			Partners []disclosure.Partner `json:"partners"`
		}{want})
		if err != nil {
			t.Fatal(err)
		}
		got, err := disclosure.LoadPartners(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadPartners(%s): %v", b, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("partners differ after round trip:\n got %+v\nwant %+v", got, want)
		}
	})

	t.Run("plan", func(t *testing.T) {
		a := vtAdvisory()
		a.Products = []string{"SharePoint"}
		a.ReadyAt = a.PublicAt.Add(-100 * time.Hour)
		a.Embargo = disclosure.Embargo{EndedAt: a.PublicAt.Add(-2 * time.Hour), Reason: disclosure.EndExploited}
		a.Sections = append(a.Sections, disclosure.Section{Class: disclosure.ClassUnclassified, Body: "?"})
		a.WithholdClasses = []disclosure.Class{disclosure.ClassIndicators}
		a.Sections = append(a.Sections, disclosure.Section{Class: disclosure.ClassIndicators, Body: "1.2.3.4"})
		suspended := vtPartner("suspended", "entry", "US")
		suspended.Status = disclosure.StatusSuspended
		ps := append(vtPartners(),
			vtPartner("cn-ids", "entry", "CN"),
			vtPartner("us-cn", "validate", "US", "CN"),
			suspended,
			disclosure.Partner{ID: "unsigned", Tier: "responder", Jurisdictions: []string{"FR"}, Status: disclosure.StatusActive},
		)
		want, err := disclosure.Plan(disclosure.DefaultPolicy(), a, ps)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		var got []disclosure.Disclosure
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("json.Unmarshal: %v\n%s", err, b)
		}
		if !reflect.DeepEqual(got, want) {
			for i := range want {
				if i < len(got) && !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("disclosure %d differs:\n got %#v\nwant %#v", i, got[i], want[i])
				}
			}
			t.Errorf("plan differs after round trip (%d vs %d disclosures)", len(got), len(want))
		}
		b2, err := json.Marshal(got)
		if err != nil || !bytes.Equal(b, b2) {
			t.Errorf("second marshal differs (%v)", err)
		}
	})
}

// vtSamePolicy compares two policies with reflect.DeepEqual; their calendar
// zones, if not the same pointer, are compared by name.
func vtSamePolicy(t *testing.T, got, want disclosure.Policy) {
	t.Helper()
	if got.CalendarZone != want.CalendarZone {
		if got.CalendarZone == nil || want.CalendarZone == nil || got.CalendarZone.String() != want.CalendarZone.String() {
			t.Errorf("calendar zone %v, want %v", got.CalendarZone, want.CalendarZone)
		}
		got.CalendarZone = want.CalendarZone
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("policy differs after round trip:\n got %+v\nwant %+v", got, want)
	}
}
