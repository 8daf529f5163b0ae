package laws_test

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/laws"
)

// research is the shape of the law research data the registry is made
// from, read here independently of the package's own loader.
type research struct {
	Jurisdictions []struct {
		ID                string   `json:"id"`
		Authority         string   `json:"authority"`
		Triggers          []string `json:"triggers"`
		BarsSharingAbroad bool     `json:"bars_sharing_abroad"`
		Deadlines         []struct {
			ID    string   `json:"id"`
			Hours *float64 `json:"hours"`
		} `json:"deadlines"`
		SourceURLs []struct {
			URL string `json:"url"`
		} `json:"source_urls"`
		Status string `json:"status"`
	} `json:"jurisdictions"`
}

func TestBuiltinMatchesTheResearchData(t *testing.T) {
	raw, err := os.ReadFile("../internal/lawdata/jurisdictions.json")
	if err != nil {
		t.Fatal(err)
	}
	var r research
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	facts, rules := laws.Builtin(), disclosure.BuiltinLaws()
	if len(facts) != len(r.Jurisdictions) || len(facts) != len(rules) {
		t.Fatalf("%d facts, %d rules, research lists %d", len(facts), len(rules), len(r.Jurisdictions))
	}
	for i, e := range r.Jurisdictions {
		f := facts[i]
		if f.ID != e.ID || f.ID != rules[i].ID {
			t.Errorf("law %d: facts %q, rule %q, research %q", i, f.ID, rules[i].ID, e.ID)
		}
		if f.Authority != e.Authority || f.BarsSharingAbroad != e.BarsSharingAbroad || f.Verification != e.Status || f.Verification == "" {
			t.Errorf("%s: %+v; research says authority %q, bars abroad %v, status %q", f.ID, f, e.Authority, e.BarsSharingAbroad, e.Status)
		}
		var triggers []string
		for _, tr := range f.Triggers {
			triggers = append(triggers, string(tr))
		}
		if !slices.Equal(triggers, e.Triggers) {
			t.Errorf("%s: triggers %v, research says %v", f.ID, triggers, e.Triggers)
		}
		if len(f.Sources) != len(e.SourceURLs) || len(f.Sources) == 0 {
			t.Errorf("%s: %d sources, research has %d", f.ID, len(f.Sources), len(e.SourceURLs))
		}
		for k, s := range f.Sources {
			if s.URL != e.SourceURLs[k].URL {
				t.Errorf("%s: sources[%d] %q, research %q", f.ID, k, s.URL, e.SourceURLs[k].URL)
			}
		}
		if len(f.Deadlines) != len(e.Deadlines) {
			t.Fatalf("%s: %d deadlines, research has %d", f.ID, len(f.Deadlines), len(e.Deadlines))
		}
		for k, d := range f.Deadlines {
			want := 0.0
			if h := e.Deadlines[k].Hours; h != nil {
				want = *h
			}
			if d.ID != e.Deadlines[k].ID || d.Hours != want {
				t.Errorf("%s: deadlines[%d] %q %v h, research %q %v h", f.ID, k, d.ID, d.Hours, e.Deadlines[k].ID, want)
			}
		}
	}
}

// China's 2021 rules give two days to report to MIIT.
func TestLookup(t *testing.T) {
	f, ok := laws.Lookup("CN-RMSV-2021")
	if !ok || f.ID != "CN-RMSV-2021" || len(f.Deadlines) == 0 || f.Deadlines[0].Hours != 48 {
		t.Fatalf("Lookup(CN-RMSV-2021) = %+v, %v", f, ok)
	}
	if f, ok := laws.Lookup("cn-rmsv-2021"); ok {
		t.Errorf("Lookup matched ignoring case: %+v", f)
	}
	// The result is a copy.
	f.Sources[0].URL = "changed"
	f.Deadlines[0].Hours = 1
	if g, _ := laws.Lookup("CN-RMSV-2021"); g.Sources[0].URL == "changed" || g.Deadlines[0].Hours == 1 {
		t.Error("changing a result changed the registry")
	}
	all := laws.Builtin()
	all[0].Triggers[0] = "x"
	if laws.Builtin()[0].Triggers[0] == "x" {
		t.Error("changing Builtin's result changed the registry")
	}
}
