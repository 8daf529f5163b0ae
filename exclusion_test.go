package disclosure_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
)

func TestPlanExclusionNamesNoPartner(t *testing.T) {
	partners := append(vtPartners(), vtPartner("quillmark", "entry", "US"))
	partners[2].Tier = "validate"
	a := vtAdvisory()
	a.ExcludePartners = []string{"us-av", "Quillmark", "quillmark ", "nobody", "de-id", "jp-ti", "ab"}
	want := []string{
		`advisory.exclude_partners[2]: "quillmark " has U+0020 SPACE at byte 9: partner IDs are ASCII letters, digits and . - _ : @`,
		`advisory.exclude_partners[1]: "Quillmark" names no partner (did you mean "quillmark"?)`,
		`advisory.exclude_partners[2]: "quillmark " names no partner (did you mean "quillmark"?)`,
		`advisory.exclude_partners[3]: "nobody" names no partner`,
		`advisory.exclude_partners[4]: "de-id" names no partner (did you mean "de-ids"?)`,
		`advisory.exclude_partners[6]: "ab" names no partner`,
	}
	engine := mustEngine(t, disclosure.DefaultPolicy())
	for name, plan := range map[string]func() ([]disclosure.Disclosure, error){
		"Plan": func() ([]disclosure.Disclosure, error) {
			return disclosure.Plan(disclosure.DefaultPolicy(), a, partners)
		},
		"Engine.Plan": func() ([]disclosure.Disclosure, error) { return engine.Plan(a, partners) },
	} {
		_, err := plan()
		if got := idProblems(t, err); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n got %s\nwant %s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if !errors.Is(err, disclosure.ErrInvalidAdvisory) || errors.Is(err, disclosure.ErrInvalidPartner) {
			t.Errorf("%s: %v does not wrap ErrInvalidAdvisory alone", name, err)
		}
	}

	// Matching stays exact: Disclose, which cannot check the exclusions
	// against a list, excludes "quillmark" only by its exact ID.
	a.ExcludePartners = []string{"Quillmark"}
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), a, partners[3])
	if err != nil || !d.Entitled {
		t.Errorf("Disclose with exclusion %q: entitled %v, %v", a.ExcludePartners, d.Entitled, err)
	}
	a.ExcludePartners = []string{"quillmark"}
	plan, err := disclosure.Plan(disclosure.DefaultPolicy(), a, partners)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range plan {
		if d.Entitled == (d.PartnerID == "quillmark") {
			t.Errorf("%s: entitled %v", d.PartnerID, d.Entitled)
		}
	}
}

// Many partners and many exclusions that name none of them: every one is
// reported, the first 16 with a suggestion.
func TestPlanManyExclusionsNameNoPartner(t *testing.T) {
	var partners []disclosure.Partner
	for i := range 300 {
		partners = append(partners, vtPartner(fmt.Sprintf("partner-%03d", i), "entry", "US"))
	}
	a := vtAdvisory()
	a.ExcludePartners = []string{"partner-000"}
	for i := range 20 {
		a.ExcludePartners = append(a.ExcludePartners, fmt.Sprintf("Partner-%03d", i))
	}
	_, err := disclosure.Plan(disclosure.DefaultPolicy(), a, partners)
	got := idProblems(t, err)
	if len(got) != 20 {
		t.Fatalf("%d problems, want 20:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i, p := range got {
		want := fmt.Sprintf(`advisory.exclude_partners[%d]: "Partner-%03d" names no partner`, i+1, i)
		if i < 16 {
			want += fmt.Sprintf(` (did you mean "partner-%03d"?)`, i)
		}
		if p != want {
			t.Errorf("got  %s\nwant %s", p, want)
		}
	}
}
