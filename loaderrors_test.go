package disclosure_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/disclosurekit/disclosure"
)

// A reader that fails is reported as one problem of the input, without a
// path.
func TestLoadReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	for _, c := range []struct {
		sentinel error
		load     func() error
	}{
		{disclosure.ErrInvalidPolicy, func() error { _, err := disclosure.LoadPolicy(iotest.ErrReader(boom)); return err }},
		{disclosure.ErrInvalidAdvisory, func() error { _, err := disclosure.LoadAdvisory(iotest.ErrReader(boom)); return err }},
		{disclosure.ErrInvalidPartner, func() error { _, err := disclosure.LoadPartners(iotest.ErrReader(boom)); return err }},
	} {
		err := c.load()
		ps := vtProblems(t, err)
		if len(ps) != 1 || ps[0].Path != "" || ps[0].Message != "reading: disk on fire" || !errors.Is(err, c.sentinel) {
			t.Errorf("%s: %q", vtSentinelName(c.sentinel), vtPaths(ps))
		}
	}
}

// A value that did not decode is reported once, as it is: not again by
// validation at its path or under it. Problems elsewhere, also at paths
// that merely begin with the same text, are reported.
func TestDecodingProblemHidesThoseUnderIt(t *testing.T) {
	tier := func(i, rank int) string {
		return fmt.Sprintf(`{"name": "t%d", "rank": %d, "lead": "0", "classes": ["summary"], "tlp": "AMBER"}`, i, rank)
	}
	var eleven []string
	for i := range 11 {
		eleven = append(eleven, tier(i, i+1))
	}
	eleven[1] = "7"           // did not decode: zero, so without name, rank and TLP
	eleven[10] = tier(10, -1) // tiers[10] begins as tiers[1] does
	for _, c := range []struct {
		name, in string
		want     []string
	}{
		{"element", `{"tiers": [7, ` + tier(1, 0) + `]}`, []string{
			`"tiers[0]": expected an object, got a number`,
			`"tiers[1].rank": must be at least 1, got 0`,
		}},
		{"tenth", `{"tiers": [` + strings.Join(eleven, ", ") + `]}`, []string{
			`"tiers[1]": expected an object, got a number`,
			`"tiers[10].rank": must be at least 1, got -1`,
		}},
		{"repeated key", `{"tiers": [` + tier(0, 0) + `], "tiers": [` + tier(0, 0) + `]}`, []string{
			`"tiers": duplicate field "tiers"`,
		}},
		{"object", `{"tiers": [` + tier(0, 1) + `], "restricted": 5, "restrict_when": {"binds": ["discoverers"]}}`, []string{
			`"restricted": expected an object, got a number`,
		}},
	} {
		_, err := disclosure.LoadPolicy(strings.NewReader(c.in))
		if got := vtPaths(vtProblems(t, err)); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
	_, err := disclosure.LoadPartners(strings.NewReader(`{"partners": [7]}`))
	if got := vtPaths(vtProblems(t, err)); len(got) != 1 || got[0] != `"partners[0]": expected an object, got a number` {
		t.Errorf("partner list: %q", got)
	}
}

// json.Unmarshal decodes a policy as LoadPolicy does, and leaves it
// unchanged when the text is malformed.
func TestUnmarshalPolicy(t *testing.T) {
	want, err := disclosure.LoadPolicy(strings.NewReader(vtPolicyJSON))
	if err != nil {
		t.Fatal(err)
	}
	var got disclosure.Policy
	if err := json.Unmarshal([]byte(vtPolicyJSON), &got); err != nil {
		t.Fatal(err)
	}
	vtSamePolicy(t, got, want)
	if err := json.Unmarshal([]byte(`{"tiers": 5}`), &got); !errors.Is(err, disclosure.ErrInvalidPolicy) {
		t.Errorf("malformed policy: %v", err)
	}
	vtSamePolicy(t, got, want)
}
