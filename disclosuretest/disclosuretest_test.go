package disclosuretest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// recorder is a testing.TB that records failures instead of failing, so
// these tests can check that the kit fails when it should.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	msgs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}
func (r *recorder) Error(args ...any) { r.Errorf("%s", fmt.Sprint(args...)) }
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }
func (r *recorder) failed() bool      { return len(r.msgs) > 0 }
func (r *recorder) output() string    { return strings.Join(r.msgs, "\n") }

// record runs f with a recorder on its own goroutine, so a Fatal ends f
// alone.
func record(t *testing.T, f func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r
}

var public = disclosure.PatchTuesday(2025, time.July)

func advisory() disclosure.Advisory {
	return disclosure.Advisory{
		ID: "ADV-1", Revision: 1, Title: "title-marker-123", PublicAt: public,
		Sections: []disclosure.Section{
			{Class: disclosure.ClassDescription, Body: "description-marker-123"},
			{Class: disclosure.ClassTechnicalDetails, Body: "details-marker-123"},
		},
		Artifacts: []disclosure.Artifact{{Class: disclosure.ClassProofOfConcept, Name: "poc.py", Data: []byte("poc-marker-123")}},
	}
}

func partner(id, tier string, places ...string) disclosure.Partner {
	return disclosure.Partner{ID: id, Tier: tier, Jurisdictions: places, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{SignedAt: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}}
}

func decide(t *testing.T, p disclosure.Policy, to disclosure.Partner) disclosure.Disclosure {
	t.Helper()
	d, err := disclosure.Disclose(p, advisory(), to)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestAssertionsPass(t *testing.T) {
	p := disclosure.DefaultPolicy()
	us, cn := decide(t, p, partner("us", "entry", "US")), decide(t, p, partner("cn", "entry", "CN"))
	suspended := partner("s", "entry", "US")
	suspended.Status = disclosure.StatusSuspended
	s := decide(t, p, suspended)
	r := record(t, func(tb testing.TB) {
		Entitled(tb, us)
		ReleasedAt(tb, us, public.Add(-24*time.Hour))
		Receives(tb, us, disclosure.ClassProofOfConcept, disclosure.ClassSummary, disclosure.ClassDescription, disclosure.ClassTechnicalDetails)
		Withholds(tb, cn, disclosure.ClassProofOfConcept, disclosure.CodeRestrictedJurisdiction)
		ReleasedAt(tb, cn, public)
		NotEntitled(tb, s, disclosure.CodePartnerSuspended)
	})
	if r.failed() {
		t.Fatalf("assertions failed on correct decisions:\n%s", r.output())
	}
}

// Under a policy that forgot the 2025 restriction, the assertions a vendor
// would write for its CN partner must fail, each saying what and why.
func TestAssertionsFailOnABrokenPolicy(t *testing.T) {
	broken := disclosure.DefaultPolicy()
	broken.RestrictWhen = disclosure.RestrictionScope{}
	cn := decide(t, broken, partner("cn", "entry", "CN"))
	for name, c := range map[string]struct {
		assert func(testing.TB) bool
		want   string
	}{
		"withholds": {func(tb testing.TB) bool {
			return Withholds(tb, cn, disclosure.ClassProofOfConcept, disclosure.CodeRestrictedJurisdiction)
		}, "want proof-of-concept withheld (restricted-jurisdiction), got it received"},
		"released at": {func(tb testing.TB) bool { return ReleasedAt(tb, cn, public) }, "want released at 2025-07-08T17:00:00Z, got 2025-07-07T17:00:00Z"},
		"receives": {func(tb testing.TB) bool {
			return Receives(tb, cn, disclosure.ClassSummary, disclosure.ClassDescription)
		}, "want classes summary, description, got summary, description, technical-details, proof-of-concept"},
		"not entitled": {func(tb testing.TB) bool { return NotEntitled(tb, cn, disclosure.CodePartnerSuspended) }, "want not entitled (partner-suspended), got entitled"},
		"entitled":     {func(tb testing.TB) bool { return Entitled(tb, disclosure.Disclosure{PartnerID: "x"}) }, "want entitled, got not entitled"},
		"withholds why": {func(tb testing.TB) bool {
			return Withholds(tb, decide(t, broken, partner("r", "responder", "US")), disclosure.ClassProofOfConcept, disclosure.CodeRestrictedJurisdiction)
		}, "want proof-of-concept withheld for restricted-jurisdiction, got withheld for tier-disallows"},
	} {
		var ok bool
		r := record(t, func(tb testing.TB) { ok = c.assert(tb) })
		if ok || !r.failed() {
			t.Errorf("%s: passed on a broken policy", name)
			continue
		}
		if !strings.Contains(r.output(), c.want) || !strings.Contains(r.output(), "reason") {
			t.Errorf("%s: failure does not say %q with the reasons table:\n%s", name, c.want, r.output())
		}
	}
}

func TestCheckInvariantsPassesTheDefaultPolicy(t *testing.T) {
	p := disclosure.DefaultPolicy()
	r := record(t, func(tb testing.TB) {
		CheckInvariants(tb, p, Inputs{
			Advisories: []disclosure.Advisory{advisory()},
			Partners:   []disclosure.Partner{partner("us", "entry", "US"), partner("cn", "validate", "CN", "US")},
			Generated:  500,
		})
	})
	if r.failed() {
		t.Fatal(r.output())
	}
}

// Engines that break a guarantee, each wrapping disclosure.Disclose.
var brokenEngines = map[string]struct {
	decide    DecideFunc
	invariant string
}{
	"leaks a withheld class": {func(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner) (disclosure.Disclosure, error) {
		d, err := disclosure.Disclose(p, a, to)
		if err == nil && d.Entitled {
			for _, f := range a.Artifacts {
				if !d.Receives(f.Class) {
					d.Advisory.Artifacts = append(d.Advisory.Artifacts, f)
				}
			}
		}
		return d, err
	}, "withheld-content"},
	"releases restricted partners early": {func(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner) (disclosure.Disclosure, error) {
		d, err := disclosure.Disclose(p, a, to)
		if err == nil && d.Restricted && d.Entitled {
			d.ReleaseAt = d.ReleaseAt.Add(-72 * time.Hour)
		}
		return d, err
	}, "restriction"},
	"modifies its input": {func(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner) (disclosure.Disclosure, error) {
		if len(a.Sections) > 0 {
			a.Sections[0].Body = "rewritten"
		}
		return disclosure.Disclose(p, a, to)
	}, "purity"},
	"is not deterministic": func() struct {
		decide    DecideFunc
		invariant string
	} {
		var calls int
		return struct {
			decide    DecideFunc
			invariant string
		}{func(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner) (disclosure.Disclosure, error) {
			calls++
			d, err := disclosure.Disclose(p, a, to)
			d.Revision += calls
			return d, err
		}, "determinism"}
	}(),
}

func TestCheckInvariantsFailsOnBrokenEngines(t *testing.T) {
	for name, e := range brokenEngines {
		r := record(t, func(tb testing.TB) {
			CheckInvariants(tb, disclosure.DefaultPolicy(), Inputs{Generated: 300, Decide: e.decide})
		})
		if !r.failed() {
			t.Errorf("%s: CheckInvariants passed", name)
			continue
		}
		out := r.output()
		if !strings.Contains(out, e.invariant+":") || !strings.Contains(out, "counterexample (generated and shrunk)") {
			t.Errorf("%s: report does not name %q with a shrunk counterexample:\n%.2000s", name, e.invariant, out)
		}
	}
}

// A shrunk counterexample keeps only what the violation needs.
func TestShrink(t *testing.T) {
	e := brokenEngines["leaks a withheld class"]
	p := disclosure.DefaultPolicy()
	g := newGenerator(p, 7)
	for i := 0; i < 2000; i++ {
		a, to := g.advisory(i), g.partner(i)
		v := checkPair(p, a, to, e.decide)
		if v == nil || len(a.Sections)+len(a.Artifacts) < 3 {
			continue
		}
		sa, sto := shrink(p, a, to, v.Invariant, e.decide)
		if len(sa.Sections) != 0 || len(sa.Artifacts) != 1 || len(sto.Jurisdictions) != 1 {
			t.Fatalf("shrunk to %d sections, %d artifacts, %d jurisdictions; want 0, 1, 1",
				len(sa.Sections), len(sa.Artifacts), len(sto.Jurisdictions))
		}
		if w := checkPair(p, sa, sto, e.decide); w == nil || w.Invariant != v.Invariant {
			t.Fatalf("shrunk input no longer breaks %s", v.Invariant)
		}
		return
	}
	t.Fatal("no generated input large enough to shrink")
}

func TestCheckInvariantsReportsAnInvalidPolicy(t *testing.T) {
	r := record(t, func(tb testing.TB) { CheckInvariants(tb, disclosure.Policy{}, Inputs{}) })
	if !strings.Contains(r.output(), "the policy is invalid") {
		t.Fatalf("got %q", r.output())
	}
}

func TestRunCorpus(t *testing.T) {
	RunCorpus(t, "testdata/corpus", CorpusOptions{})
}

// A case whose expectation is wrong fails with a diff; -update-style
// rewriting fixes it.
func TestCorpusMismatchAndUpdate(t *testing.T) {
	src, err := os.ReadFile("testdata/corpus/rule-2025.json")
	if err != nil {
		t.Fatal(err)
	}
	wrong := strings.Replace(string(src), `"release_at": "2025-07-08T17:00:00Z"`, `"release_at": "2025-07-07T17:00:00Z"`, 1)
	if wrong == string(src) {
		t.Fatal("test case text not found")
	}
	file := filepath.Join(t.TempDir(), "case.json")
	if err := os.WriteFile(file, []byte(wrong), 0o644); err != nil {
		t.Fatal(err)
	}
	problems := runCase(file, false, disclosure.Disclose)
	if len(problems) != 1 || !strings.Contains(problems[0], `-     "release_at": "2025-07-07T17:00:00Z"`) ||
		!strings.Contains(problems[0], `+     "release_at": "2025-07-08T17:00:00Z"`) {
		t.Fatalf("want one problem with a diff of release_at, got:\n%s", strings.Join(problems, "\n"))
	}
	if problems := runCase(file, true, disclosure.Disclose); len(problems) != 0 {
		t.Fatalf("update: %v", problems)
	}
	if problems := runCase(file, false, disclosure.Disclose); len(problems) != 0 {
		t.Fatalf("after update: %v", problems)
	}
	// An engine that leaks fails the corpus even where outcomes match.
	if problems := runCase(file, false, brokenEngines["leaks a withheld class"].decide); len(problems) == 0 {
		t.Fatal("a leaking engine passed the corpus")
	}
}

func TestCorpusRejectsMalformedCases(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"unknown field":    `{"advisory": {}, "partners": [], "expect": [], "expected": []}`,
		"invalid advisory": `{"advisory": {"id": "A"}, "partners": [], "expect": []}`,
	} {
		file := filepath.Join(dir, name+".json")
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if problems := runCase(file, false, disclosure.Disclose); len(problems) == 0 {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestLineDiff(t *testing.T) {
	got := lineDiff("a\nb\nc", "a\nx\nc")
	if want := "  a\n- b\n+ x\n  c\n"; got != want {
		t.Fatalf("lineDiff = %q, want %q", got, want)
	}
}

// A section titled like a class name must not be taken for a leak because
// the class name appears in the withheld list.
func TestCheckDisclosureIgnoresEnumerations(t *testing.T) {
	a := advisory()
	a.Sections = append(a.Sections, disclosure.Section{Class: disclosure.ClassUnclassified, Title: "unclassified", Body: "body-marker-456"})
	to := partner("us", "entry", "US")
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), a, to)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckDisclosure(disclosure.DefaultPolicy(), a, to, d); err != nil {
		t.Fatal(err)
	}
	// The same check still catches the body when it leaks into the copy.
	d.Advisory.Sections = append(d.Advisory.Sections, a.Sections[len(a.Sections)-1])
	if err := CheckDisclosure(disclosure.DefaultPolicy(), a, to, d); err == nil {
		t.Fatal("a leaked section passed")
	}
}
