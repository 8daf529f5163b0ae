package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/disclosurekit/disclosure"
)

// programZone returns the policy's calendar zone: the program's local time.
func programZone(p *disclosure.Policy) *time.Location {
	if p.CalendarZone != nil {
		return p.CalendarZone
	}
	return disclosure.DefaultPolicy().CalendarZone // America/Los_Angeles, built in
}

// utc formats an instant as RFC 3339 in UTC, the form the input files and
// --at take: 2025-07-08T17:00:00Z.
func utc(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// local formats an instant in zone for people: Tue 2025-07-08 10:00 PDT.
func local(t time.Time, zone *time.Location) string {
	t = t.In(zone)
	if t.Second() != 0 || t.Nanosecond() != 0 {
		return t.Format("Mon 2006-01-02 15:04:05 MST")
	}
	return t.Format("Mon 2006-01-02 15:04 MST")
}

// headStart says how long before the public release a partner receives
// its copy: "5d", "24h", "4d 23h", or "none".
func headStart(d *disclosure.Disclosure) string {
	if !d.Entitled {
		return "-"
	}
	return span(d.PublishNotBefore.Sub(d.ReleaseAt))
}

func span(d time.Duration) string {
	if d <= 0 {
		return "none"
	}
	var parts []string
	if days := d / (24 * time.Hour); d >= 48*time.Hour {
		parts = append(parts, fmt.Sprintf("%dd", days))
		d -= days * 24 * time.Hour
	}
	if h := d / time.Hour; h > 0 {
		parts = append(parts, fmt.Sprintf("%dh", h))
		d -= h * time.Hour
	}
	if m := d / time.Minute; m > 0 {
		parts = append(parts, fmt.Sprintf("%dm", m))
		d -= m * time.Minute
	}
	if d > 0 {
		parts = append(parts, d.String())
	}
	return strings.Join(parts, " ")
}

// early says the same in words: "24h before the public release".
func early(d *disclosure.Disclosure) string {
	if s := headStart(d); s != "none" {
		return s + " before the public release"
	}
	return "at the public release"
}

func joinClasses(cs []disclosure.Class) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

func withheldClasses(d *disclosure.Disclosure) []disclosure.Class {
	cs := make([]disclosure.Class, len(d.Withheld))
	for i, w := range d.Withheld {
		cs[i] = w.Class
	}
	return cs
}

// receives says which classes a partner receives, in the shorter of two
// forms: the list, or "all except" the withheld ones.
func receives(d *disclosure.Disclosure) string {
	switch {
	case !d.Entitled || len(d.Classes) == 0:
		return "nothing"
	case len(d.Withheld) == 0:
		return "everything"
	}
	list := joinClasses(d.Classes)
	if except := "all except " + joinClasses(withheldClasses(d)); len(except) < len(list) {
		return except
	}
	return list
}

// label is the TLP column: "AMBER+STRICT", or "-" when not entitled.
func label(d *disclosure.Disclosure) string {
	if d.TLP == "" {
		return "-"
	}
	return string(d.TLP)
}

// A withheldGroup is the classes a partner does not receive for one reason.
type withheldGroup struct {
	reason  disclosure.ReasonCode
	detail  string
	classes []disclosure.Class
}

// groupWithheld groups the withheld classes by reason, in the order of
// disclosure.ReasonCodes, each group's classes by sensitivity. Classes of an
// entitled partner that are in skip (withheld from every partner, and said
// once for all) are left out.
func groupWithheld(d *disclosure.Disclosure, skip []disclosure.Withheld) []withheldGroup {
	var gs []withheldGroup
	for _, w := range d.Withheld {
		if d.Entitled && slices.ContainsFunc(skip, func(x disclosure.Withheld) bool {
			return x.Class == w.Class && x.Reason == w.Reason
		}) {
			continue
		}
		i := slices.IndexFunc(gs, func(g withheldGroup) bool { return g.reason == w.Reason })
		if i < 0 {
			gs = append(gs, withheldGroup{reason: w.Reason, detail: w.Detail})
			i = len(gs) - 1
		}
		gs[i].classes = append(gs[i].classes, w.Class)
	}
	order := disclosure.ReasonCodes()
	slices.SortStableFunc(gs, func(a, b withheldGroup) int {
		return slices.Index(order, a.reason) - slices.Index(order, b.reason)
	})
	return gs
}

// schedule holds what the tables of a plan need besides the plan itself.
type schedule struct {
	plan     []disclosure.Disclosure
	zone     *time.Location
	partners map[string]disclosure.Partner
	at       *time.Time // --at, or nil
}

func newSchedule(in *inputs, plan []disclosure.Disclosure, at *time.Time) *schedule {
	s := &schedule{plan: plan, zone: programZone(&in.policy), at: at,
		partners: make(map[string]disclosure.Partner, len(in.partners))}
	for _, p := range in.partners {
		s.partners[p.ID] = p
	}
	return s
}

// holds says what a partner holds at s.at.
func (s *schedule) holds(d *disclosure.Disclosure) string {
	switch {
	case !d.Entitled:
		return "nothing"
	case !d.ReleasedBy(*s.at):
		return "nothing yet"
	}
	return receives(d)
}

// writeTables writes the schedule table and, if anything is withheld, the
// table of withheld classes.
func (s *schedule) writeTables(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := []string{"PARTNER", "TIER", "WHERE", "RELEASE (UTC)", "RELEASE (" + s.zone.String() + ")", "HEAD START", "TLP", "RECEIVES"}
	if s.at != nil {
		header = append(header, "HOLDS AT "+utc(*s.at))
	}
	fmt.Fprintln(tw, cells(header))
	for i := range s.plan {
		d := &s.plan[i]
		release, releaseLocal := "not entitled", "-"
		if d.Entitled {
			release, releaseLocal = utc(d.ReleaseAt), local(d.ReleaseAt, s.zone)
		}
		row := []string{d.PartnerID, d.Tier, s.where(d.PartnerID), release, releaseLocal, headStart(d), label(d), receives(d)}
		if s.at != nil {
			row = append(row, s.holds(d))
		}
		fmt.Fprintln(tw, cells(row))
	}
	tw.Flush()

	common := s.withheldFromAll()
	var rows [][]string
	for i := range s.plan {
		d := &s.plan[i]
		name := d.PartnerID
		for _, g := range groupWithheld(d, common) {
			what := joinClasses(g.classes)
			if !d.Entitled {
				what = "everything (" + g.detail + ")"
			}
			rows = append(rows, []string{name, string(g.reason), what})
			name = ""
		}
	}
	if len(common) == 0 && len(rows) == 0 {
		return
	}
	if gs := groupWithheld(&disclosure.Disclosure{Entitled: true, Withheld: common}, nil); len(gs) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Withheld from every entitled partner:")
		for _, g := range gs {
			fmt.Fprintf(w, "  %s (%s: %s)\n", joinClasses(g.classes), g.reason, oneLine(g.detail))
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PARTNER\tREASON\tWITHHELD")
	for _, r := range rows {
		fmt.Fprintln(tw, cells(r))
	}
	tw.Flush()
}

// withheldFromAll returns the classes withheld, for the same reason, from
// every entitled partner, when there are at least two: one line says it
// for all of them.
func (s *schedule) withheldFromAll() []disclosure.Withheld {
	var entitled []*disclosure.Disclosure
	for i := range s.plan {
		if s.plan[i].Entitled {
			entitled = append(entitled, &s.plan[i])
		}
	}
	if len(entitled) < 2 {
		return nil
	}
	var common []disclosure.Withheld
	for _, w := range entitled[0].Withheld {
		all := true
		for _, d := range entitled[1:] {
			all = all && slices.ContainsFunc(d.Withheld, func(x disclosure.Withheld) bool {
				return x.Class == w.Class && x.Reason == w.Reason
			})
		}
		if all {
			common = append(common, w)
		}
	}
	return common
}

// where lists a partner's jurisdictions: "US,CN".
func (s *schedule) where(id string) string {
	return strings.Join(s.partners[id].Jurisdictions, ",")
}

// writeAdvisoryHeader writes the lines that say which advisory a table is
// about and when it goes public.
func writeAdvisoryHeader(w io.Writer, a *disclosure.Advisory, zone *time.Location) {
	adv := fmt.Sprintf("%s revision %d", a.ID, a.Revision)
	if a.Title != "" {
		adv += ": " + a.Title
	}
	if a.Severity != "" {
		adv += " (" + string(a.Severity) + ")"
	}
	field(w, "Advisory", adv)
	field(w, "Public", fmt.Sprintf("%s = %s%s", local(a.PublicAt, zone), utc(a.PublicAt), patchTuesdayNote(a.PublicAt)))
	if e := a.Embargo; !e.EndedAt.IsZero() {
		field(w, "Embargo", fmt.Sprintf("ended early at %s = %s (%s): every entitled partner may have its copy from then",
			local(e.EndedAt, zone), utc(e.EndedAt), e.Reason))
	}
}

// patchTuesdayNote says when an instant is a Patch Tuesday.
func patchTuesdayNote(t time.Time) string {
	l := t.In(disclosure.DefaultPolicy().CalendarZone)
	if disclosure.PatchTuesday(l.Year(), l.Month()).Equal(t) {
		return ", the " + l.Format("January 2006") + " Patch Tuesday"
	}
	return ""
}

// describePolicy says in words whom a policy restricts, and how, for an
// advisory public at public.
func describePolicy(p *disclosure.Policy, public time.Time) string {
	w := &p.RestrictWhen
	if len(w.Binds) == 0 && len(w.Laws) == 0 && len(w.Jurisdictions) == 0 {
		return "restricts nobody"
	}
	var who []string
	if len(w.Binds) > 0 {
		binds := make([]string, len(w.Binds))
		for i, b := range w.Binds {
			binds[i] = string(b)
		}
		who = append(who, "under a reporting law in effect that binds "+strings.Join(binds, " or "))
	}
	if len(w.Laws) > 0 {
		who = append(who, "under "+strings.Join(w.Laws, " or "))
	}
	if len(w.Binds) > 0 || len(w.Laws) > 0 {
		who[len(who)-1] += " (at this advisory's public release: " + lawsInEffect(p, public) + ")"
	}
	if len(w.Jurisdictions) > 0 {
		who = append(who, "in "+strings.Join(w.Jurisdictions, " or "))
	}
	r := &p.Restriction
	when := "at the public release"
	if !r.Lead.IsZero() {
		when = r.Lead.String() + " before the public release"
	}
	what := "nothing"
	if len(r.Classes) > 0 {
		what = joinClasses(r.Classes)
	}
	return fmt.Sprintf("restricts partners %s: they get at most %s, %s, TLP:%s",
		strings.Join(who, ", or "), what, when, r.TLP)
}

// cells joins the cells of a table row with tabs, each escaped to stay in
// its cell.
func cells(row []string) string {
	escaped := make([]string, len(row))
	for i, c := range row {
		escaped[i] = oneLine(c)
	}
	return strings.Join(escaped, "\t")
}

// lineWidth is where prose and the values of header fields wrap.
const lineWidth = 90

// field writes "Key:      value", the value wrapped at lineWidth and
// continued under itself.
func field(w io.Writer, key, value string) {
	const indent = "           "
	fmt.Fprintf(w, "%-11s%s\n", key+":", fill(oneLine(value), lineWidth-len(indent), indent))
}

// fill wraps text into lines of at most width bytes where it can, breaking
// at spaces; continuation lines start with indent.
func fill(text string, width int, indent string) string {
	var b strings.Builder
	n := 0
	for i, word := range strings.Fields(text) {
		switch {
		case i == 0:
		case n+1+len(word) > width:
			b.WriteString("\n" + indent)
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += len(word)
	}
	return b.String()
}

// paragraph writes prose wrapped at lineWidth.
func paragraph(w io.Writer, text string) {
	fmt.Fprintln(w, fill(oneLine(text), lineWidth, ""))
}

// lawsInEffect lists the laws of the policy's registry that its
// RestrictWhen selects and that are in effect at public, with where they
// apply: "CN-RMSV-2021 in CN".
func lawsInEffect(p *disclosure.Policy, public time.Time) string {
	laws := p.Laws
	if len(laws) == 0 {
		laws = disclosure.BuiltinLaws()
	}
	var out []string
	for i := range laws {
		l := &laws[i]
		selected := slices.Contains(p.RestrictWhen.Laws, l.ID) ||
			slices.ContainsFunc(l.Binds, func(b disclosure.Party) bool { return slices.Contains(p.RestrictWhen.Binds, b) })
		if selected && l.InEffect(public) {
			out = append(out, l.ID+" in "+strings.Join(l.Jurisdictions, ", "))
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, "; ")
}
