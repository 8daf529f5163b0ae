package main

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// TestTimelineFiles checks the timeline's files: its last revision is the
// demo's advisory, the others hold less of it, each more than the one
// before; its policies are the demo's two with only the validating
// tier's lead longer; and the notices are those of the tests.
func TestTimelineFiles(t *testing.T) {
	load := func(name string) disclosure.Advisory {
		a, err := disclosure.LoadAdvisory(bytes.NewReader(readTestFile(t, name)))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	demo := load(advisoryFile)
	var prev []disclosure.Class
	for i, n := range timelineNotices {
		a := load(n.file)
		if a.Revision != i+1 || !a.ReadyAt.Equal(n.at) || a.ID != demo.ID || !a.PublicAt.Equal(demo.PublicAt) {
			t.Errorf("%s: revision %d, ready at %v", n.file, a.Revision, a.ReadyAt)
		}
		classes := contentClasses(&a)
		if len(classes) <= len(prev) || len(minus(prev, classes)) > 0 {
			t.Errorf("%s holds %v, not more than %v", n.file, classes, prev)
		}
		prev = classes
		if n.file != testNotices[i].advisory || n.at.Format(time.RFC3339) != testNotices[i].at {
			t.Errorf("notice %d: %s at %v; the tests play %s at %s", i+1, n.file, n.at, testNotices[i].advisory, testNotices[i].at)
		}
	}
	last := load(timelineNotices[2].file)
	last.Revision, last.ReadyAt = demo.Revision, demo.ReadyAt
	if a, b := mustJSON(t, last), mustJSON(t, demo); a != b {
		t.Errorf("the last revision is not the demo's advisory:\n%s\n%s", a, b)
	}
	for file, want := range map[string]string{timelineBefore: beforeFile, timelineAfter: ""} {
		p, err := disclosure.LoadPolicy(bytes.NewReader(readTestFile(t, file)))
		if err != nil {
			t.Fatal(err)
		}
		w := disclosure.DefaultPolicy()
		if want != "" {
			if w, err = disclosure.LoadPolicy(bytes.NewReader(readTestFile(t, want))); err != nil {
				t.Fatal(err)
			}
		}
		w.Name = p.Name
		w.Tiers[2].Lead = disclosure.LeadDuration(360 * time.Hour)
		if a, b := mustJSON(t, p), mustJSON(t, w); a != b {
			t.Errorf("%s is not %s with a lead of 360h for the validating tier", file, want)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestDemoTimeline checks the demo's timeline: each policy's record is
// what export --ledger makes of the notices (the same entries, but the
// copies' digests and codes), and who held what when exploitation began
// is the record's answer; the July 2025 rule leaves out the partner with
// a subsidiary in China.
func TestDemoTimeline(t *testing.T) {
	var got struct {
		Timeline struct {
			ExploitedAt time.Time `json:"exploited_at"`
			Before      struct {
				Source  string       `json:"source"`
				Holders []holderJSON `json:"holders"`
			} `json:"before"`
			After struct {
				Source  string       `json:"source"`
				Holders []holderJSON `json:"holders"`
			} `json:"after"`
		} `json:"timeline"`
	}
	if err := json.Unmarshal([]byte(mustSucceed(t, "", "demo", "--format", "json")), &got); err != nil {
		t.Fatal(err)
	}
	tl := got.Timeline
	names := func(hs []holderJSON) []string {
		var out []string
		for _, h := range hs {
			out = append(out, h.Partner)
			if !h.Since.Before(tl.ExploitedAt) {
				t.Errorf("%s held it since %v, not before %v", h.Partner, h.Since, tl.ExploitedAt)
			}
		}
		slices.Sort(out)
		return out
	}
	if b, a := names(tl.Before.Holders), names(tl.After.Holders); !slices.Equal(b, []string{"brimlock", "cobaltreach", "harunoki"}) ||
		!slices.Equal(a, []string{"brimlock", "harunoki"}) {
		t.Errorf("holders before July 2025 %v, from July 2025 %v", b, a)
	}
	// The record the demo plays under the July 2025 rule is the one export
	// --ledger makes of the same notices, as far as it goes: the same
	// deliveries, of the same parts.
	partners, err := disclosure.LoadPartners(bytes.NewReader(readTestFile(t, partnersFile)))
	if err != nil {
		t.Fatal(err)
	}
	tlData, problems := loadTimeline(partners)
	if problems != nil {
		t.Fatal(problems)
	}
	demoEntries := tlData.runs[1].record.Entries()
	var deliveries []ledger.Entry
	for _, e := range demoEntries {
		if e.Kind == ledger.KindDelivery {
			deliveries = append(deliveries, e)
		}
	}
	exported := readRecordFile(t, timelineRecord).Entries()
	if len(deliveries) == 0 || len(deliveries) > len(exported) {
		t.Fatalf("%d deliveries in the demo, %d exported", len(deliveries), len(exported))
	}
	for i, e := range deliveries {
		x := exported[i]
		if e.Partner != x.Partner || !e.At.Equal(x.At) || e.Revision != x.Revision || mustJSON(t, e.Parts) != mustJSON(t, x.Parts) {
			t.Errorf("delivery %d: the demo's %s r%d at %v, export's %s r%d at %v", i+1, e.Partner, e.Revision, e.At, x.Partner, x.Revision, x.At)
		}
	}
	table := mustSucceed(t, "", "demo")
	if !strings.Contains(table, "== 4. Over time: who held what when exploitation began ==") ||
		!strings.Contains(table, "Under the July 2025 rule, cobaltreach (US, CN) held nothing when exploitation began") {
		t.Errorf("the demo does not show the timeline:\n%s", table)
	}
}
