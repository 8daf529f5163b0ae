package ledger_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

func TestHoldings(t *testing.T) {
	record := toolShellRecord(programPolicy(), 3)
	hs := record.Holdings("ADV-2025-0042")
	var got []string
	for _, h := range hs {
		var parts []string
		for _, p := range h.Parts {
			parts = append(parts, p.Part.String()+"@"+p.Since.Format("01-02")+"r"+string(rune('0'+p.Revision)))
		}
		got = append(got, h.Partner+": "+strings.Join(parts, ", "))
	}
	want := []string{
		`ardentic: summary@07-03r2, section description@07-03r2, section mitigations@07-03r2, section technical-details "Root cause"@07-03r2, artifact proof-of-concept "poc.py"@07-07r3`,
		`brimlock: summary@06-24r1, section description@06-24r1, section mitigations@06-24r1, section technical-details "Root cause"@07-03r2, artifact proof-of-concept "poc.py"@07-07r3`,
		`harunoki: summary@06-24r1, section description@06-24r1, section mitigations@06-24r1, section technical-details "Root cause"@07-03r2, artifact proof-of-concept "poc.py"@07-07r3`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("holdings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if hs := record.Holdings("ADV-other"); hs != nil {
		t.Errorf("holdings of an advisory never sent: %v", hs)
	}
}

func TestChangesErrors(t *testing.T) {
	record := toolShellRecord(programPolicy(), 1)
	plan := mustPlan(t, programPolicy(), toolShell(2), members())
	mixed := append(plan[:1:1], plan[1:]...)
	mixed[1].AdvisoryID = "ADV-other"
	if _, err := record.Changes(mixed); err == nil || !strings.Contains(err.Error(), "advisories") {
		t.Errorf("a plan of two advisories: %v", err)
	}
	twice := append(plan[:1:1], plan[0])
	if _, err := record.Changes(twice); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a plan deciding twice for a partner: %v", err)
	}
	if us, err := record.Changes(nil); us != nil || err != nil {
		t.Errorf("an empty plan: %v, %v", us, err)
	}
}

// TestChangesReasons checks the reason given for each way a part can be
// exposed.
func TestChangesReasons(t *testing.T) {
	record := toolShellRecord(programPolicy(), 3) // brimlock, harunoki and ardentic hold everything
	a := toolShell(3)
	a.Sections[2].Body += " Revised."     // technical details: replaced
	a.Sections = a.Sections[:2]           // then dropped altogether
	a.Artifacts[0].Data = []byte("new\n") // proof of concept: replaced
	a.Revision = 4
	partners := members()
	partners[1].Status = disclosure.StatusSuspended // brimlock
	partners[2].Tier = "responder"                  // harunoki: no proof of concept
	partners = append(partners[:3:3], partners[4])  // qilin-ids not in the list
	plan := mustPlan(t, programPolicy(), a, partners)
	updates, err := record.Changes(plan)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, u := range updates {
		for _, c := range u.Send {
			got[u.Partner] = append(got[u.Partner], "send "+c.Part.String())
		}
		for _, x := range u.Exposed {
			got[u.Partner] = append(got[u.Partner], x.Part.String()+": "+string(x.Reason))
		}
	}
	want := map[string][]string{
		"ardentic": {`send artifact proof-of-concept "poc.py"`, `section technical-details "Root cause": dropped`, `artifact proof-of-concept "poc.py": replaced`},
		"brimlock": {"summary: partner-suspended", "section description: partner-suspended", "section mitigations: partner-suspended",
			`section technical-details "Root cause": partner-suspended`, `artifact proof-of-concept "poc.py": partner-suspended`},
		"harunoki": {`section technical-details "Root cause": dropped`, `artifact proof-of-concept "poc.py": tier-disallows`},
		"vasudrik": {"send summary", "send section description", "send section mitigations"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// A partner the plan leaves out.
	plan = mustPlan(t, programPolicy(), toolShell(3), members()[:2])
	updates, _ = record.Changes(plan)
	if u := updates[len(updates)-1]; u.Partner != "harunoki" || len(u.Exposed) != 5 || u.Exposed[0].Reason != ledger.CodeNotInPlan {
		t.Errorf("harunoki, left out of the plan: %+v", u)
	}
}
