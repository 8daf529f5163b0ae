package disclosuretest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/remedy"
)

// suspendedResponder is a suspended partner of the responder tier, whose
// remedies are two: reinstate it, and for the classes only higher tiers
// receive, reinstate it and move it.
func suspendedResponder() disclosure.Partner {
	to := partner("vs", "responder", "IN")
	to.Status = disclosure.StatusSuspended
	return to
}

func remediesOf(t *testing.T, p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, opts ...remedy.Option) (disclosure.Disclosure, []remedy.Remedy) {
	t.Helper()
	d, err := disclosure.Disclose(p, a, to)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := remedy.For(p, a, to, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return d, rs
}

func TestRemedyAssertion(t *testing.T) {
	p := disclosure.DefaultPolicy()
	d, rs := remediesOf(t, p, advisory(), suspendedResponder())
	cn, cnRemedies := remediesOf(t, p, advisory(), partner("cn", "entry", "CN"))
	r := record(t, func(tb testing.TB) {
		Remedy(tb, d, rs, remedy.Entitlement, remedy.Reinstate)
		Remedy(tb, d, rs, disclosure.ClassProofOfConcept, remedy.ChangeTier, remedy.Reinstate)
		Remedy(tb, cn, cnRemedies, disclosure.ClassTechnicalDetails, remedy.None)
	})
	if r.failed() {
		t.Fatalf("assertions failed on correct remedies:\n%s", r.output())
	}
	for name, c := range map[string]struct {
		goal disclosure.Class
		want []remedy.Kind
	}{
		"a kind too few":            {disclosure.ClassProofOfConcept, []remedy.Kind{remedy.Reinstate}},
		"a kind too many":           {remedy.Entitlement, []remedy.Kind{remedy.Reinstate, remedy.Wait}},
		"a goal given by no remedy": {disclosure.ClassUnclassified, []remedy.Kind{remedy.None}},
	} {
		r := record(t, func(tb testing.TB) {
			if Remedy(tb, d, rs, c.goal, c.want...) {
				tb.Errorf("reported true")
			}
		})
		out := r.output()
		if !strings.Contains(out, "partner vs, advisory ADV-1: want a remedy for") ||
			!strings.Contains(out, "entitlement, summary, description: reinstate (be reinstated in the program (now suspended))") {
			t.Errorf("%s: got %q", name, out)
		}
	}
}

// Each way of breaking the remedies of a few partners is caught, with the
// guarantee it breaks.
func TestCheckRemediesCatchesBrokenRemedies(t *testing.T) {
	p, a := disclosure.DefaultPolicy(), advisory()
	responder := suspendedResponder()
	_, rs := remediesOf(t, p, a, responder)
	if len(rs) != 2 || len(rs[1].Changes) != 2 {
		t.Fatalf("unexpected remedies:\n%s", RemedyTable(rs))
	}
	if err := CheckRemedies(p, a, responder, time.Time{}, rs); err != nil {
		t.Fatalf("correct remedies: %v", err)
	}
	clone := func() []remedy.Remedy {
		out := slices.Clone(rs)
		for i := range out {
			out[i].Changes = slices.Clone(out[i].Changes)
			out[i].Classes = slices.Clone(out[i].Classes)
		}
		return out
	}
	for name, c := range map[string]struct {
		broken []remedy.Remedy
		want   string
	}{
		"a change left out": {func() []remedy.Remedy {
			b := clone()
			b[1].Changes = b[1].Changes[1:] // move to entry, still suspended
			return b
		}(), "remedy-insufficient"},
		"a needless change": {func() []remedy.Remedy {
			b := clone()
			b[0].Changes = append(b[0].Changes, remedy.Change{Kind: remedy.LiftWithholding, Class: disclosure.ClassSummary, Detail: "x"})
			return b
		}(), "remedy-not-minimal"},
		"a remedy missing": {clone()[:1], "remedy-missing"},
		"none where a change gives it": {func() []remedy.Remedy {
			b := clone()
			b[1].Changes = []remedy.Change{{Kind: remedy.None, Detail: "none"}}
			return b
		}(), "remedy-none"},
		"a wrong release": {func() []remedy.Remedy {
			b := clone()
			b[1].ReleaseAt = b[1].ReleaseAt.Add(time.Hour)
			return b
		}(), "remedy-release"},
		"a higher tier than needed": {func() []remedy.Remedy {
			b := clone()
			b[1].Changes[1].Tier, b[1].Changes[1].ReleaseAt = "validate", public.AddDate(0, 0, -5)
			b[1].ReleaseAt = b[1].Changes[1].ReleaseAt
			return b
		}(), "remedy-tier"},
		"out of order": {[]remedy.Remedy{rs[1], rs[0]}, "remedy-order"},
		"a promise of what it has": {func() []remedy.Remedy {
			b := clone()
			b[0].Classes = append(b[0].Classes, disclosure.ClassMitigations)
			return b
		}(), "remedy-promise"},
		"no words": {func() []remedy.Remedy {
			b := clone()
			b[0].Changes[0].Detail = ""
			return b
		}(), "remedy-malformed"},
	} {
		err := CheckRemedies(p, a, responder, time.Time{}, c.broken)
		if err == nil || !strings.HasPrefix(err.Error(), c.want+":") {
			t.Errorf("%s: got %v, want %s", name, err, c.want)
		}
	}

	// A wait that is not needed, and one that is missing, at an instant.
	at := public.Add(-48 * time.Hour)
	entry := partner("us", "entry", "US")
	_, rs = remediesOf(t, p, a, entry, remedy.At(at))
	if err := CheckRemedies(p, a, entry, at, rs); err != nil {
		t.Fatalf("correct remedies at %v: %v\n%s", at, err, RemedyTable(rs))
	}
	if err := CheckRemedies(p, a, entry, public, rs); err == nil || !strings.HasPrefix(err.Error(), "remedy-promise:") {
		t.Errorf("remedies for classes already held: %v", err)
	}
	early := slices.Clone(rs)
	early[1].Changes = []remedy.Change{{Kind: remedy.Wait, From: at, Detail: "wait until now"}}
	if err := CheckRemedies(p, a, entry, at, early); err == nil || !strings.HasPrefix(err.Error(), "remedy-insufficient:") {
		t.Errorf("a wait until before the release: %v", err)
	}
}

// Expected remedies are checked where a case gives them, for every partner
// or none, strictly; a case without them still runs.
func TestCorpusRemedies(t *testing.T) {
	src, err := os.ReadFile("testdata/corpus/rule-2025.json")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(src), `"remedies"`) {
		t.Fatal("testdata/corpus/rule-2025.json should stay without remedies, to show such cases still run")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "case.json")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if problems := runCase(file, true, disclosure.Disclose); len(problems) != 0 {
		t.Fatalf("update: %v", problems)
	}
	updated, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	none := `"kind": "none",
              "rule": "restricted.classes",
              "reason": "restricted-jurisdiction"`
	if !strings.Contains(string(updated), `"remedies": []`) || !strings.Contains(string(updated), none) {
		t.Fatalf("update wrote no remedies, or other ones:\n%s", updated)
	}
	if problems := runCase(file, false, disclosure.Disclose); len(problems) != 0 {
		t.Fatalf("after update: %v", problems)
	}
	for name, c := range map[string]struct{ old, new, want string }{
		"a different remedy": {`"kind": "none"`, `"kind": "drop-jurisdiction"`, `- ` + strings.Repeat(" ", 12) + `"kind": "drop-jurisdiction",`},
		"an unknown kind":    {`"kind": "none"`, `"kind": "bribe"`, `unknown remedy kind "bribe"`},
		"an unknown key":     {`"rule": "restricted.classes"`, `"rules": "restricted.classes"`, `rules`},
		"words":              {`"reason": "restricted-jurisdiction"` + "\n            }", `"reason": "restricted-jurisdiction", "detail": "none"` + "\n            }", "words are not compared"},
		"for some partners": {`,
      "remedies": []`, ``, "give them for every partner or for none"},
	} {
		text := strings.Replace(string(updated), c.old, c.new, 1)
		if text == string(updated) {
			t.Fatalf("%s: text not found", name)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		problems := runCase(file, false, disclosure.Disclose)
		if len(problems) != 1 || !strings.Contains(problems[0], c.want) {
			t.Errorf("%s: want one problem with %q, got:\n%s", name, c.want, strings.Join(problems, "\n"))
		}
	}
}
