package ledger_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// timelines is how many generated programs the property tests play.
const timelines = 1000

func digests[T any](xs []T, digest func(T) ledger.Digest) map[ledger.Digest]bool {
	m := make(map[ledger.Digest]bool, len(xs))
	for _, x := range xs {
		m[digest(x)] = true
	}
	return m
}

func partDigest(p ledger.Part) ledger.Digest       { return p.Digest }
func changeDigest(c ledger.Change) ledger.Digest   { return c.Digest }
func heldDigest(h ledger.Held) ledger.Digest       { return h.Digest }
func exposedDigest(x ledger.Exposed) ledger.Digest { return x.Digest }

// TestChangesProperties checks, at every step of every timeline, each
// partner's update against a fresh plan and what the test itself
// recorded that the partner holds: what it holds and what is sent make
// its fresh copy, except what is reported exposed; nothing it holds is
// sent again; a partner sent its update has nothing new afterwards.
func TestChangesProperties(t *testing.T) {
	var steps, sent, changed, exposed, nothingNew int
	reasons := map[disclosure.ReasonCode]int{}
	for seed := range uint64(timelines) {
		tl := genTimeline(t, seed)
		for i, s := range tl.steps {
			fail := func(u ledger.Update, format string, args ...any) {
				t.Helper()
				t.Fatalf("seed %d, step %d, partner %s: "+format, append([]any{seed, i, u.Partner}, args...)...)
			}
			steps++
			for _, u := range s.updates {
				held := s.held[u.Partner]
				if got := digests(u.Held, heldDigest); !reflect.DeepEqual(got, held) && len(got)+len(held) > 0 {
					fail(u, "holds %d parts by the record, %d by what was sent", len(got), len(held))
				}
				var fresh map[ledger.Digest]bool
				d := decisionFor(s.plan, u.Partner)
				if d != nil {
					fresh = digests(ledger.Parts(*d), partDigest)
				}
				send, exp := digests(u.Send, changeDigest), digests(u.Exposed, exposedDigest)
				// Held and sent, less what is exposed, is the fresh copy.
				union := map[ledger.Digest]bool{}
				for k := range held {
					if !exp[k] {
						union[k] = true
					}
				}
				for k := range send {
					if held[k] {
						fail(u, "sends a part it holds")
					}
					union[k] = true
				}
				for _, c := range u.Send {
					holdsVersion := false
					for _, h := range u.Held {
						holdsVersion = holdsVersion || h.Class == c.Class && h.Kind == c.Kind && h.Name == c.Name && h.N == c.N
					}
					if c.Changed != holdsVersion {
						fail(u, "sends %v, changed %t; holds another version: %t", c.Part, c.Changed, holdsVersion)
					}
					changed += map[bool]int{true: 1}[c.Changed]
				}
				if len(union) != len(fresh) {
					fail(u, "held %d + sent %d - exposed %d parts, a fresh plan gives %d", len(held), len(send), len(exp), len(fresh))
				}
				for k := range fresh {
					if !union[k] {
						fail(u, "lacks a part of its fresh copy")
					}
				}
				for k := range exp {
					if !held[k] || fresh[k] {
						fail(u, "exposes a part it does not hold, or that its copy has")
					}
				}
				if len(u.Send) > 0 != !u.At.IsZero() || len(u.Send) > 0 && !u.At.Equal(d.ReleaseAt) {
					fail(u, "sends %d parts at %v", len(u.Send), u.At)
				}
				checkReasons(t, fail, u, d)
				sent += len(u.Send)
				exposed += len(u.Exposed)
				for _, x := range u.Exposed {
					reasons[x.Reason]++
				}
				if len(u.Send) == 0 && len(held) > 0 {
					nothingNew++
				}
			}
			// After the copies due were sent, nothing due is new.
			next, err := recordAt(t, tl, i).Changes(s.plan)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range next {
				if len(u.Send) > 0 && !u.At.After(s.at) {
					fail(u, "after its update was sent, %d parts are still new", len(u.Send))
				}
			}
		}
	}
	t.Logf("%d timelines, %d steps: %d parts sent (%d changed), %d exposed %v, %d times a partner holding content got nothing new",
		timelines, steps, sent, changed, exposed, reasons, nothingNew)
	for _, code := range []disclosure.ReasonCode{ledger.CodeReplaced, ledger.CodeDropped, ledger.CodeNotInPlan,
		disclosure.CodePartnerSuspended, disclosure.CodePartnerRemoved, disclosure.CodeRestrictedJurisdiction, disclosure.CodeTierDisallows} {
		if reasons[code] == 0 {
			t.Errorf("no part is exposed for %s: the timelines do not exercise every case", code)
		}
	}
	if nothingNew == 0 || sent == 0 || changed == 0 {
		t.Error("the timelines do not exercise every case")
	}
}

// checkReasons checks why each part is exposed.
func checkReasons(t *testing.T, fail func(ledger.Update, string, ...any), u ledger.Update, d *disclosure.Disclosure) {
	t.Helper()
	for _, x := range u.Exposed {
		switch {
		case d == nil:
			if x.Reason != ledger.CodeNotInPlan {
				fail(u, "not in the plan, exposed for %s", x.Reason)
			}
		case !d.Entitled:
			if !x.Reason.Valid() {
				fail(u, "not entitled, exposed for %s", x.Reason)
			}
		case !d.Receives(x.Class):
			if !x.Reason.Valid() && x.Reason != ledger.CodeDropped {
				fail(u, "a class it no longer receives, exposed for %s", x.Reason)
			}
		default:
			if x.Reason != ledger.CodeReplaced && x.Reason != ledger.CodeDropped {
				fail(u, "a class it receives, exposed for %s", x.Reason)
			}
		}
	}
}

// recordAt reads the timeline's record as it was after step i.
func recordAt(t *testing.T, tl *timeline, i int) *ledger.Record {
	t.Helper()
	r, err := ledger.Read(bytes.NewReader(tl.file))
	if err != nil {
		t.Fatal(err)
	}
	var out ledger.Record
	for _, e := range r.Entries() {
		if e.At.After(tl.steps[i].at) {
			break
		}
		if _, err := out.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	return &out
}
