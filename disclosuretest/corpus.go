package disclosuretest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/internal/strictjson"
	"github.com/disclosurekit/disclosure/remedy"
)

// A Case is one file of a corpus: inputs and the expected outcome.
type Case struct {
	Description string `json:"description,omitempty"`
	// Policy is the policy's JSON; absent means [disclosure.DefaultPolicy].
	Policy   json.RawMessage `json:"policy,omitempty"`
	Advisory json.RawMessage `json:"advisory"`
	Partners json.RawMessage `json:"partners"` // a JSON array of partners
	Expect   []Outcome       `json:"expect"`   // one per partner, in the order of disclosure.Plan
}

// An Outcome is what a case expects for one partner. Reasons' details are
// prose for people and are not compared; codes are.
type Outcome struct {
	Partner    string             `json:"partner"`
	Entitled   bool               `json:"entitled"`
	Restricted bool               `json:"restricted,omitempty"`
	ReleaseAt  time.Time          `json:"release_at,omitzero"`
	TLP        disclosure.TLP     `json:"tlp,omitempty"`
	Classes    []disclosure.Class `json:"classes,omitempty"`
	Withheld   []WithheldClass    `json:"withheld,omitempty"`
	// Reasons are the codes of every reason that does not concern one class,
	// in order ("partner-suspended", "lead-time", ...).
	Reasons []disclosure.ReasonCode `json:"reasons,omitempty"`
	// Remedies, when present, are what remedy.For finds for the partner,
	// without the changes' words (details are not compared): [] for a
	// partner that lacks nothing. A case gives them for every partner or
	// for none; without them, remedies are not checked.
	Remedies *[]remedy.Remedy `json:"remedies,omitempty"`
}

// WithheldClass is a withheld class and the first reason for it.
type WithheldClass struct {
	Class  disclosure.Class      `json:"class"`
	Reason disclosure.ReasonCode `json:"reason"`
}

// OutcomeOf returns the comparable part of a decision.
func OutcomeOf(d disclosure.Disclosure) Outcome {
	o := Outcome{Partner: d.PartnerID, Entitled: d.Entitled, Restricted: d.Restricted, ReleaseAt: d.ReleaseAt,
		TLP: d.TLP, Classes: d.Classes}
	for _, w := range d.Withheld {
		o.Withheld = append(o.Withheld, WithheldClass{w.Class, w.Reason})
	}
	for _, r := range d.Reasons {
		if r.Class == "" {
			o.Reasons = append(o.Reasons, r.Code)
		}
	}
	return o
}

// CorpusOptions tune [RunCorpus].
type CorpusOptions struct {
	// Update rewrites every case's expectations from the actual outcomes,
	// typically set from a -update flag of the calling test.
	Update bool
	// Decide is the engine under test; nil means disclosure.Disclose.
	Decide DecideFunc
}

// RunCorpus runs every *.json file in dir as a subtest named after the
// file: it decides the advisory for every partner, checks each decision
// with [CheckDisclosure], and compares the outcomes with the expected ones,
// printing a diff on mismatch. Where a case expects remedies, it finds them
// with remedy.For, checks them with [CheckRemedies] and compares them too;
// Update writes them for every partner. Case files are decoded strictly. A
// directory without cases fails the test.
func RunCorpus(t *testing.T, dir string, opts CorpusOptions) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("disclosuretest: no *.json cases in %s (%v)", dir, err)
	}
	decide := opts.Decide
	if decide == nil {
		decide = disclosure.Disclose
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			for _, problem := range runCase(file, opts.Update, decide) {
				t.Error(problem)
			}
		})
	}
}

// runCase runs one case file and returns what is wrong, if anything.
func runCase(file string, update bool, decide DecideFunc) []string {
	data, err := os.ReadFile(file)
	if err != nil {
		return []string{err.Error()}
	}
	var c Case
	if err := strictjson.Unmarshal(data, &c); err != nil {
		return []string{fmt.Sprintf("%s: %v", file, err)}
	}
	p, a, partners, err := c.inputs()
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", file, err)}
	}
	plan, err := disclosure.Plan(p, a, partners)
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", file, err)}
	}
	withRemedies, err := c.expectsRemedies()
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", file, err)}
	}
	withRemedies = withRemedies || update
	var problems []string
	got := make([]Outcome, 0, len(plan))
	for _, d := range plan {
		to := partners[indexOf(partners, d.PartnerID)]
		single, err := decide(p, a, to)
		if err != nil {
			return append(problems, fmt.Sprintf("%s: partner %s: %v", file, d.PartnerID, err))
		}
		if v := checkDisclosure(p, a, to, single); v != nil {
			problems = append(problems, fmt.Sprintf("%s: partner %s: %v", file, d.PartnerID, v))
		}
		o := OutcomeOf(single)
		if withRemedies {
			rs, err := remedy.For(p, a, to)
			if err != nil {
				return append(problems, fmt.Sprintf("%s: partner %s: remedies: %v", file, d.PartnerID, err))
			}
			if v := checkRemedies(p, a, to, time.Time{}, rs); v != nil {
				problems = append(problems, fmt.Sprintf("%s: partner %s: %v", file, d.PartnerID, v))
			}
			o.Remedies = remediesOutcome(rs)
		}
		got = append(got, o)
	}
	if update {
		c.Expect = got
		out, err := json.MarshalIndent(c, "", "  ")
		if err == nil {
			err = os.WriteFile(file, append(out, '\n'), 0o644)
		}
		if err != nil {
			problems = append(problems, err.Error())
		}
		return problems
	}
	if want, have := indentJSON(c.Expect), indentJSON(got); want != have {
		problems = append(problems, fmt.Sprintf("%s: outcomes differ (-expected +actual):\n%s", file, lineDiff(want, have)))
	}
	return problems
}

// expectsRemedies reports whether the case expects remedies: for every
// partner, or for none, without the changes' words. An empty list stays
// one, to compare as written.
func (c *Case) expectsRemedies() (bool, error) {
	n := 0
	for i, o := range c.Expect {
		if o.Remedies == nil {
			continue
		}
		n++
		if *o.Remedies == nil {
			*o.Remedies = []remedy.Remedy{} // as written: []
		}
		for j, r := range *o.Remedies {
			for k, ch := range r.Changes {
				if ch.Detail != "" {
					return false, fmt.Errorf("expect[%d].remedies[%d].changes[%d].detail: words are not compared; leave them out", i, j, k)
				}
			}
		}
	}
	if n > 0 && n < len(c.Expect) {
		return false, fmt.Errorf("remedies are expected for %d partners of %d: give them for every partner or for none", n, len(c.Expect))
	}
	return n > 0, nil
}

// remediesOutcome returns remedies as a case expects them: without the
// changes' words, [] for none.
func remediesOutcome(rs []remedy.Remedy) *[]remedy.Remedy {
	out := make([]remedy.Remedy, len(rs))
	for i, r := range rs {
		r.Changes = append([]remedy.Change(nil), r.Changes...)
		for k := range r.Changes {
			r.Changes[k].Detail = ""
		}
		out[i] = r
	}
	return &out
}

// inputs decodes and validates the case's policy, advisory and partners.
func (c *Case) inputs() (disclosure.Policy, disclosure.Advisory, []disclosure.Partner, error) {
	p := disclosure.DefaultPolicy()
	var err error
	if len(c.Policy) > 0 {
		if p, err = disclosure.LoadPolicy(bytes.NewReader(c.Policy)); err != nil {
			return p, disclosure.Advisory{}, nil, fmt.Errorf("policy: %w", err)
		}
	}
	a, err := disclosure.LoadAdvisory(bytes.NewReader(c.Advisory))
	if err != nil {
		return p, a, nil, fmt.Errorf("advisory: %w", err)
	}
	list := append(append([]byte(`{"partners":`), c.Partners...), '}')
	partners, err := disclosure.LoadPartners(bytes.NewReader(list))
	if err != nil {
		return p, a, nil, err
	}
	return p, a, partners, nil
}

func indexOf(ps []disclosure.Partner, id string) int {
	for i := range ps {
		if ps[i].ID == id {
			return i
		}
	}
	return -1
}

func indentJSON(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return string(b)
}

// lineDiff returns a line diff of a and b: a longest common subsequence,
// with lines only in a marked "-" and lines only in b marked "+".
func lineDiff(a, b string) string {
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			out.WriteString("  " + x[i] + "\n")
			i, j = i+1, j+1
		case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
			out.WriteString("- " + x[i] + "\n")
			i++
		default:
			out.WriteString("+ " + y[j] + "\n")
			j++
		}
	}
	return out.String()
}
