package ledger_test

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
	"github.com/disclosurekit/disclosure/trace"
)

func TestInvestigate(t *testing.T) {
	record := toolShellRecord(programPolicy(), 3)
	for _, q := range []ledger.Query{{}, {Before: notices[2], Classes: []disclosure.Class{"secret"}}} {
		if _, err := record.Investigate(q); err == nil {
			t.Errorf("Investigate(%+v) accepted", q)
		}
	}
	// Any content, before the second notice: the two validating partners.
	f, err := record.Investigate(ledger.Query{Before: notices[1], Traces: []trace.Match{
		{Partner: "harunoki", Distinct: 1}, {Partner: "ardentic", Distinct: 1, Found: []trace.Found{{Code: "X"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Holders) != 2 || f.Holders[0].Partner != "brimlock" || f.Holders[1].Partner != "harunoki" ||
		f.Holders[1].Traced != 1 || f.Holders[0].Held != 9*24*time.Hour || f.Holders[0].Jurisdictions != nil ||
		!reflect.DeepEqual(f.Holders[0].Classes, []disclosure.Class{disclosure.ClassSummary, disclosure.ClassDescription, disclosure.ClassMitigations}) {
		t.Errorf("holders before the second notice: %+v", f.Holders)
	}
	// ardentic's codes are in the leak, but it held nothing yet.
	if len(f.Unexplained) != 1 || f.Unexplained[0].Partner != "ardentic" {
		t.Errorf("unexplained: %+v", f.Unexplained)
	}
	// The proof of concept, just after the third notice; another advisory.
	f, _ = record.Investigate(ledger.Query{Before: notices[2].Add(time.Minute), Classes: []disclosure.Class{disclosure.ClassProofOfConcept, disclosure.ClassSummary}})
	if len(f.Holders) != 3 || f.Holders[0].Revision != 3 || f.Holders[0].Held != time.Minute {
		t.Errorf("proof of concept holders: %+v", f.Holders)
	}
	if f, _ := record.Investigate(ledger.Query{Advisory: "ADV-other", Before: notices[2].Add(time.Hour)}); len(f.Holders) != 0 {
		t.Errorf("holders of another advisory: %+v", f.Holders)
	}
	if _, ok := record.Exploited("ADV-other"); ok {
		t.Error("exploitation of an advisory never seen exploited")
	}
}

// TestInvestigateEqualsReplay checks that what the record says each
// partner held before an instant is what replaying the timeline's plans
// gives: a partner holds a class from the first step at which a plan
// gave it that class and its copy was due.
func TestInvestigateEqualsReplay(t *testing.T) {
	var holders int
	for seed := range uint64(timelines) {
		tl := genTimeline(t, seed)
		if _, err := ledger.Verify(bytes.NewReader(tl.file), tl.record.Head()); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		last := tl.steps[len(tl.steps)-1]
		var instants []time.Time
		for _, s := range tl.steps {
			instants = append(instants, s.at, s.at.Add(time.Second), s.at.Add(-time.Hour))
		}
		instants = append(instants, last.at.Add(30*24*time.Hour))
		queries := [][]disclosure.Class{nil, {disclosure.ClassSummary}, {disclosure.ClassTechnicalDetails},
			{disclosure.ClassDescription, disclosure.ClassProofOfConcept}, disclosure.Classes()[1:4]}
		for _, before := range instants {
			for _, classes := range queries {
				q := ledger.Query{Advisory: last.advisory.ID, Before: before, Classes: classes, Partners: last.partners}
				got, err := tl.record.Investigate(q)
				if err != nil {
					t.Fatal(err)
				}
				want := replay(tl, q)
				if !reflect.DeepEqual(got.Holders, want) {
					t.Fatalf("seed %d, before %v, classes %v:\ninvestigate %+v\nreplay      %+v", seed, before, classes, got.Holders, want)
				}
				holders += len(want)
			}
		}
	}
	t.Logf("%d holders found in %d timelines", holders, timelines)
}

// replay answers q from the timeline's plans alone.
func replay(tl *timeline, q ledger.Query) []ledger.Holder {
	type state struct {
		first map[disclosure.Class]int // the step that first gave each class
		any   int
	}
	states := map[string]*state{}
	var order []string
	for i, s := range tl.steps {
		if !s.at.Before(q.Before) {
			break
		}
		for _, d := range s.plan {
			if !d.ReleasedBy(s.at) || len(d.Classes) == 0 {
				continue
			}
			st := states[d.PartnerID]
			if st == nil {
				st = &state{first: map[disclosure.Class]int{}, any: i}
				states[d.PartnerID] = st
				order = append(order, d.PartnerID)
			}
			for _, c := range d.Classes {
				if _, ok := st.first[c]; !ok {
					st.first[c] = i
				}
			}
		}
	}
	var hs []ledger.Holder
	for _, id := range order {
		st := states[id]
		at, held := st.any, true
		if len(q.Classes) > 0 {
			at = -1
			for _, c := range q.Classes {
				i, ok := st.first[c]
				held = held && ok
				at = max(at, i)
			}
		}
		if !held {
			continue
		}
		s := tl.steps[at]
		h := ledger.Holder{Partner: id, Advisory: q.Advisory, Since: s.at, Revision: s.advisory.Revision, Held: q.Before.Sub(s.at)}
		for _, c := range disclosure.Classes() {
			if _, ok := st.first[c]; ok {
				h.Classes = append(h.Classes, c)
			}
		}
		for _, p := range q.Partners {
			if p.ID == id {
				h.Jurisdictions = slices.Clone(p.Jurisdictions)
			}
		}
		hs = append(hs, h)
	}
	slices.SortStableFunc(hs, func(a, b ledger.Holder) int {
		if c := a.Since.Compare(b.Since); c != 0 {
			return c
		}
		if a.Partner < b.Partner {
			return -1
		}
		if a.Partner > b.Partner {
			return 1
		}
		return 0
	})
	return hs
}

// Exploitation was seen on July 7; the attack needed the technical
// details, and a leaked file carries a trace code of one partner.
func ExampleRecord_Investigate() {
	before := programPolicy()
	before.RestrictWhen = disclosure.RestrictionScope{}
	record := toolShellRecord(before, 3)
	exploited, _ := record.Exploited("ADV-2025-0042")
	findings, err := record.Investigate(ledger.Query{
		Advisory: "ADV-2025-0042",
		Before:   exploited,
		Classes:  []disclosure.Class{disclosure.ClassTechnicalDetails},
		Partners: members(),
		Traces:   []trace.Match{{Partner: "qilin-ids", Distinct: 2}}, // as trace.Identify returns them
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("exploited", exploited.Format(time.RFC3339))
	for _, h := range findings.Holders {
		fmt.Printf("%-9s since %s (revision %d, %v) %v traced %d\n", h.Partner, h.Since.Format(time.RFC3339),
			h.Revision, h.Held, h.Jurisdictions, h.Traced)
	}
	// Output:
	// exploited 2025-07-07T18:00:00Z
	// ardentic  since 2025-07-03T18:00:00Z (revision 2, 96h0m0s) [US] traced 0
	// brimlock  since 2025-07-03T18:00:00Z (revision 2, 96h0m0s) [US] traced 0
	// harunoki  since 2025-07-03T18:00:00Z (revision 2, 96h0m0s) [JP] traced 0
	// qilin-ids since 2025-07-03T18:00:00Z (revision 2, 96h0m0s) [CN] traced 2
}
