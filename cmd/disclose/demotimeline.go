package main

// The demo's timeline: three notices of growing content, exploitation
// observed, the patch; who held what when exploitation began, under the
// policy before July 2025 and under the July 2025 rule.

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// timelineFiles are the inputs of the demo's timeline: the revisions of
// the advisory, and the demo's two policies with a longer lead for the
// validating tier.
//
//go:embed demo/timeline/*.json
var timelineFiles embed.FS

const (
	timelineBefore = "demo/timeline/policy-before-2025-07.json"
	timelineAfter  = "demo/timeline/policy-2025-07.json"
)

// timelineNotices are the notices of the timeline: the revision each one
// sends, and when.
var timelineNotices = []struct {
	file string
	at   time.Time
}{
	{"demo/timeline/revision-1.json", time.Date(2025, 6, 24, 16, 0, 0, 0, time.UTC)},
	{"demo/timeline/revision-2.json", time.Date(2025, 7, 3, 16, 0, 0, 0, time.UTC)},
	{"demo/timeline/revision-3.json", time.Date(2025, 7, 7, 16, 0, 0, 0, time.UTC)},
}

// timelineExploited is when exploitation was first seen: before the third
// notice.
var timelineExploited = time.Date(2025, 7, 7, 15, 0, 0, 0, time.UTC)

// A timeline is the demo's timeline, played under both policies.
type timeline struct {
	revisions []disclosure.Advisory
	partners  []disclosure.Partner
	runs      [2]timelineRun // before July 2025, from July 2025
}

// A timelineRun is the timeline played under one policy.
type timelineRun struct {
	file    string // the policy's
	policy  disclosure.Policy
	record  *ledger.Record
	holders []ledger.Holder // when exploitation began
}

// loadTimeline loads the timeline's files and plays it under both
// policies for the partners.
func loadTimeline(partners []disclosure.Partner) (*timeline, []problem) {
	tl := &timeline{partners: partners}
	var ps []problem
	decode := func(name string, load func(r io.Reader) error) {
		data, err := timelineFiles.ReadFile(name)
		if err == nil {
			err = load(bytes.NewReader(data))
		}
		if err != nil {
			ps = append(ps, problemsOf(name, data, err)...)
		}
	}
	for _, n := range timelineNotices {
		decode(n.file, func(r io.Reader) error {
			a, err := disclosure.LoadAdvisory(r)
			tl.revisions = append(tl.revisions, a)
			return err
		})
	}
	for i, file := range []string{timelineBefore, timelineAfter} {
		tl.runs[i].file = file
		decode(file, func(r io.Reader) (err error) { tl.runs[i].policy, err = disclosure.LoadPolicy(r); return })
	}
	if len(ps) > 0 {
		return nil, ps
	}
	for i := range tl.runs {
		if err := tl.play(&tl.runs[i]); err != nil {
			return nil, []problem{{file: tl.runs[i].file, msg: err.Error()}}
		}
	}
	return tl, nil
}

// play sends, at each notice, every partner what is new and due for it
// (as export --ledger selects it), records it, records the exploitation
// when it comes, and asks the record who held anything when it began.
func (tl *timeline) play(run *timelineRun) error {
	run.record = &ledger.Record{}
	id := tl.revisions[0].ID
	exploited := ledger.Entry{Kind: ledger.KindExploitationObserved, At: timelineExploited, Advisory: id,
		Reason: "attacks on on-premises SharePoint servers"}
	for i, n := range timelineNotices {
		if !exploited.At.IsZero() && exploited.At.Before(n.at) {
			if _, err := run.record.Append(exploited); err != nil {
				return err
			}
			exploited.At = time.Time{}
		}
		plan, err := disclosure.Plan(run.policy, tl.revisions[i], tl.partners)
		if err != nil {
			return err
		}
		sel, err := selectCopies(plan, "", true, run.record, n.at)
		if err != nil {
			return err
		}
		for _, cp := range sel.copies {
			e, err := ledger.NewDelivery(*cp.d, nativeCopy(cp.d), n.at, run.policy, nil)
			if err == nil {
				_, err = run.record.Append(e)
			}
			if err != nil {
				return err
			}
		}
	}
	began, ok := run.record.Exploited(id)
	if !ok {
		return fmt.Errorf("the record of the timeline has no exploitation")
	}
	found, err := run.record.Investigate(ledger.Query{Advisory: id, Before: began, Partners: tl.partners})
	run.holders = found.Holders
	return err
}

// write writes the timeline: its events, then who held what when
// exploitation began, under each policy.
func (tl *timeline) write(w io.Writer, zone *time.Location) {
	paragraph(w, "The same flaw as the program lived it: three notices of growing content, each giving "+
		"every partner only what is new and due for it, as \"disclose export --ledger\" does, with a record "+
		"of every copy. Validating partners are warned two weeks ahead here (a lead of 360h, not 120h).")
	fmt.Fprintln(w)
	type event struct {
		at   time.Time
		what string
	}
	var events []event
	var prev *disclosure.Advisory
	for i, n := range timelineNotices {
		a := &tl.revisions[i]
		events = append(events, event{n.at, fmt.Sprintf("notice %d (revision %d): %s", i+1, a.Revision, noticeContent(prev, a))})
		prev = a
	}
	events = append(events, event{timelineExploited, "exploitation observed"}, event{prev.PublicAt, "the patch: the public release"})
	slices.SortStableFunc(events, func(a, b event) int { return a.at.Compare(b.at) })
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, ev := range events {
		fmt.Fprintf(tw, "%s\t%s\n", local(ev.at, zone), ev.what)
	}
	tw.Flush()
	names := [2]string{"Before July 2025", "From July 2025"}
	for i := range tl.runs {
		run := &tl.runs[i]
		fmt.Fprintf(w, "\n%s (policy %q): who held what when exploitation began\n\n", names[i], run.policy.Name)
		if len(run.holders) == 0 {
			fmt.Fprintln(w, "Nobody held anything.")
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "PARTNER\tWHERE\tSINCE\tFOR\tHELD")
		for _, h := range run.holders {
			fmt.Fprintln(tw, cells([]string{h.Partner, strings.Join(h.Jurisdictions, ","), local(h.Since, zone), span(h.Held),
				joinClasses(h.Classes)}))
		}
		tw.Flush()
	}
	var gone []string
	for _, h := range tl.runs[0].holders {
		if !slices.ContainsFunc(tl.runs[1].holders, func(x ledger.Holder) bool { return x.Partner == h.Partner }) {
			gone = append(gone, h.Partner+" ("+strings.Join(h.Jurisdictions, ", ")+")")
		}
	}
	if len(gone) > 0 {
		fmt.Fprintln(w)
		paragraph(w, "Under the July 2025 rule, "+strings.Join(gone, ", ")+" held nothing when exploitation began: "+
			"its copy waits for the public release.")
	}
}

// noticeContent says what a revision holds, by class, or what it adds
// to the one before and which classes it changes.
func noticeContent(prev, a *disclosure.Advisory) string {
	classes := contentClasses(a)
	if prev == nil {
		return joinClasses(classes)
	}
	before := contentClasses(prev)
	s := "adds " + joinClasses(minus(classes, before))
	if changed := changedClasses(prev, a); len(changed) > 0 {
		s += "; changes " + joinClasses(changed)
	}
	return s
}

// changedClasses lists the classes of the sections and artifacts of a
// whose title or name is in prev with other content, by sensitivity.
func changedClasses(prev, a *disclosure.Advisory) []disclosure.Class {
	var out []disclosure.Class
	add := func(c disclosure.Class) {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	for _, s := range a.Sections {
		for _, p := range prev.Sections {
			if p.Class == s.Class && p.Title == s.Title && p.Body != s.Body {
				add(s.Class)
			}
		}
	}
	for _, f := range a.Artifacts {
		for _, p := range prev.Artifacts {
			if p.Class == f.Class && p.Name == f.Name && !bytes.Equal(p.Data, f.Data) {
				add(f.Class)
			}
		}
	}
	sortClasses(out)
	return out
}

// timelineJSON is the timeline in the JSON of demo.
type timelineJSON struct {
	Notices []struct {
		At       time.Time `json:"at"`
		Revision int       `json:"revision"`
		File     string    `json:"file"`
	} `json:"notices"`
	ExploitedAt time.Time       `json:"exploited_at"`
	PublicAt    time.Time       `json:"public_at"`
	Before      timelineRunJSON `json:"before"`
	After       timelineRunJSON `json:"after"`
}

// timelineRunJSON is the timeline under one policy, in JSON.
type timelineRunJSON struct {
	Policy  string       `json:"policy"`
	Source  string       `json:"source"`
	Head    string       `json:"head"`
	Holders []holderJSON `json:"holders"`
}

func (tl *timeline) json() timelineJSON {
	var v timelineJSON
	for i, n := range timelineNotices {
		v.Notices = append(v.Notices, struct {
			At       time.Time `json:"at"`
			Revision int       `json:"revision"`
			File     string    `json:"file"`
		}{n.at, tl.revisions[i].Revision, n.file})
	}
	v.ExploitedAt, v.PublicAt = timelineExploited, tl.revisions[len(tl.revisions)-1].PublicAt
	run := func(r *timelineRun) timelineRunJSON {
		inv := investigation{rec: r.record, found: ledger.Findings{Holders: r.holders}}
		return timelineRunJSON{Policy: r.policy.Name, Source: r.file, Head: r.record.Head().String(), Holders: inv.json().Holders}
	}
	v.Before, v.After = run(&tl.runs[0]), run(&tl.runs[1])
	return v
}
