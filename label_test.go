package disclosure_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
)

// The copy's label is never below the source advisory's: the advisory's
// label replaces the policy's when more restrictive, and a reason says so.
func TestSourceLabel(t *testing.T) {
	policy := disclosure.DefaultPolicy()
	engine := mustEngine(t, policy)
	suspended := vtPartner("sus", "entry", "US")
	suspended.Status = disclosure.StatusSuspended
	for _, c := range []struct {
		source  disclosure.TLP
		partner disclosure.Partner
		want    disclosure.TLP
		detail  string // of the source-label reason; "" for none
	}{
		{"", vtPartner("us-av", "entry", "US"), disclosure.TLPAmberStrict, ""},
		{disclosure.TLPClear, vtPartner("us-av", "entry", "US"), disclosure.TLPAmberStrict, ""},
		{disclosure.TLPAmberStrict, vtPartner("us-av", "entry", "US"), disclosure.TLPAmberStrict, ""},
		{disclosure.TLPRed, vtPartner("us-av", "entry", "US"), disclosure.TLPRed,
			"the advisory is TLP:RED, more restrictive than tier entry's TLP:AMBER+STRICT"},
		{disclosure.TLPAmber, vtPartner("de-ids", "responder", "DE"), disclosure.TLPAmber, ""},
		{disclosure.TLPAmberStrict, vtPartner("de-ids", "responder", "DE"), disclosure.TLPAmberStrict,
			"the advisory is TLP:AMBER+STRICT, more restrictive than tier responder's TLP:AMBER"},
		{disclosure.TLPGreen, vtPartner("cn-ids", "validate", "CN"), disclosure.TLPGreen,
			"the advisory is TLP:GREEN, more restrictive than the restricted treatment's TLP:CLEAR"},
		{disclosure.TLPRed, suspended, "", ""},
	} {
		a := vtAdvisory()
		a.TLP = c.source
		d, err := disclosure.Disclose(policy, a, c.partner)
		if err != nil {
			t.Fatal(err)
		}
		var details []string
		for _, r := range d.Reasons {
			if r.Code == disclosure.CodeSourceLabel {
				details = append(details, r.Detail)
			}
		}
		name := string(c.source) + " to " + c.partner.Tier + " " + c.partner.ID
		if d.TLP != c.want {
			t.Errorf("%s: TLP %q, want %q", name, d.TLP, c.want)
		}
		if want := []string{c.detail}; c.detail == "" && len(details) > 0 || c.detail != "" && strings.Join(details, "|") != c.detail {
			t.Errorf("%s: source-label reasons %q, want %q", name, details, want)
		}
		if c.detail != "" && d.Reasons[len(d.Reasons)-1].Code != disclosure.CodeSourceLabel {
			t.Errorf("%s: source-label is not the last reason: %v", name, d.Reasons)
		}
		if d.Entitled && d.Advisory.TLP != c.source {
			t.Errorf("%s: the copy's TLP %q, want the source's %q", name, d.Advisory.TLP, c.source)
		}
		if ed, err := engine.Disclose(a, c.partner); err != nil || string(mustJSON(ed)) != string(mustJSON(d)) {
			t.Errorf("%s: Engine.Disclose %s, %v; Disclose %s", name, mustJSON(ed), err, mustJSON(d))
		}
		// Plan writes the same text, once per tier.
		plan, err := disclosure.Plan(policy, a, []disclosure.Partner{c.partner, vtPartner("other", c.partner.Tier, c.partner.Jurisdictions...)})
		if err != nil {
			t.Fatal(err)
		}
		for _, pd := range plan {
			if pd.PartnerID == c.partner.ID && !sameJSON(t, pd, d) {
				t.Errorf("%s: Plan differs from Disclose", name)
			}
		}
	}
}

func TestSourceLabelInvalid(t *testing.T) {
	a := vtAdvisory()
	a.TLP = "WHITE"
	got := idProblems(t, a.Validate())
	want := `tlp: unknown TLP 2.0 label "WHITE" (want one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED)`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
	_, err := disclosure.LoadAdvisory(strings.NewReader(vtEdit(vtAdvisoryJSON, `"revision": 1,`, `"revision": 1, "tlp": "AMBER+strict",`)))
	got = idProblems(t, err)
	if len(got) != 1 || !strings.HasPrefix(got[0], `tlp: unknown TLP 2.0 label "AMBER+strict"`) {
		t.Errorf("LoadAdvisory: %q", got)
	}
}

// sameJSON reports whether x and y marshal to the same JSON.
func sameJSON(t *testing.T, x, y any) bool {
	t.Helper()
	bx, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	by, err := json.Marshal(y)
	if err != nil {
		t.Fatal(err)
	}
	return string(bx) == string(by)
}
