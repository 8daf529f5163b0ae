package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/remedy"
)

var explainCmd = &command{
	name:    "explain",
	run:     runExplain,
	summary: "every reason for one partner, what would change it, and its redacted copy",
	usage: `Usage: disclose explain --partner ID --advisory FILE --partners FILE [input flags] [--at TIME] [--mark-key-file FILE] [--format table|json]

Explains the decision for one partner: whether it is entitled, when it may
receive the advisory, under which TLP label, then every rule that shaped the
decision (one line each: reason code, class if the rule concerns one, and
the rule in words), then the remedies: for a partner that is not entitled,
and for each class it does not receive, the smallest sets of changes to the
partner or the advisory that would give it ("renew the agreement to run
until at least 2025-07-08T17:00Z"), or none under the policy, each checked
by deciding again; then the redacted advisory it receives, as JSON.

Flags:
  --partner ID      the partner's id in the partner list
                    e.g. --partner jinlumo
  --at TIME         the partner wants its copy by TIME (an RFC 3339 time
                    with a zone offset): the classes it receives later get
                    remedies too, such as waiting or another tier
                    e.g. --at 2025-07-05T00:00:00Z
  --mark-key-file FILE
                    mark the partner's copy with its codes, made with the
                    key in FILE, as "disclose plan --mark-key-file" does,
                    and say which codes it carries
                    e.g. --mark-key-file mark.key
  --format FORMAT   table (default), or json: the partner's decision as
                    the library writes it (one entry of plan --format json),
                    with its remedies as data in "remedies" (and, with
                    --at, what it holds then in "at")
                    e.g. --format json

` + inputFlagsHelp + `
Examples:
  disclose explain --partner jinlumo --advisory advisory.json --partners partners.json
  disclose explain --partner ardentic --advisory advisory.json --partners partners.json --at 2025-07-05T00:00:00Z
  disclose explain --partner jinlumo --advisory advisory.json --partners partners.json --embargo-ended-at 2025-07-03T09:00:00Z --embargo-reason exploited
`,
}

func runExplain(e *env, c *command, args []string) int {
	cl := newFlags(c)
	partner := cl.required(stringVar(cl.FlagSet, "partner", "", ""))
	input := addInputFlags(cl, e)
	atFlag := cl.instant("at")
	input.markKeyVar(cl)
	format := cl.formatVar()
	in, key, code, done := input.parseAndLoad(e, cl, args)
	if done {
		return code
	}
	at, plan := atFlag.instant(), in.plan
	var d *disclosure.Disclosure
	for i := range plan {
		if plan[i].PartnerID == partner.value {
			d = &plan[i]
		}
	}
	if d == nil {
		fmt.Fprintf(e.stderr, "disclose explain: %s: no partner with id %q; %s\n",
			in.partnersFile, partner.value, partnerHint(partner.value, in.partners))
		return exitInvalid
	}
	var p disclosure.Partner
	for _, q := range in.partners {
		if q.ID == d.PartnerID {
			p = q
		}
	}
	var opts []remedy.Option
	if at != nil {
		opts = append(opts, remedy.At(*at))
	}
	remedies, err := remedy.For(in.policy, in.advisory, p, opts...)
	if err != nil {
		fmt.Fprintf(e.stderr, "disclose explain: %v\n", err)
		return exitInvalid
	}
	var mark *marking
	if key == nil {
		warnUnmarked(e, in, "not marked (no --mark-key-file)")
	} else if d.Entitled {
		one := []disclosure.Disclosure{*d}
		err := markPlan(one, key)
		var ms map[string]marking
		if err == nil {
			ms, err = markings(key, in, one)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "disclose explain: %v\n", err)
			return exitInvalid
		}
		d = &one[0]
		m := ms[d.PartnerID]
		mark = &m
	}
	if format.value == "json" {
		noteSignals(e, in)
		return writeJSON(e, explainJSON(*d, at, remedies))
	}
	writeExplanation(e.stdout, in, d, &p, mark, at, remedies)
	marked := ""
	if mark != nil {
		marked = ", marked with its codes"
	}
	fmt.Fprintf(e.stdout, "\nThe redacted advisory %s receives%s:\n", oneLine(d.PartnerID), marked)
	if !d.Entitled {
		fmt.Fprintln(e.stdout, "none: the partner is not entitled to this advisory.")
		return exitOK
	}
	return writeJSON(e, d.Advisory)
}

// partnerHint is the end of the message for an id that names no partner:
// the id it most likely misspells (the same but for case, or nearly), else
// the ids the list has.
func partnerHint(id string, partners []disclosure.Partner) string {
	if near := nearestID(id, partners); near != "" {
		return fmt.Sprintf("did you mean %q?", near)
	}
	return knownIDs(partners)
}

// knownIDs lists up to ten partner ids, for a message.
func knownIDs(partners []disclosure.Partner) string {
	if len(partners) == 0 {
		return "the list has no partners"
	}
	const most = 10
	ids := make([]string, 0, most)
	for i, p := range partners {
		if i == most {
			break
		}
		ids = append(ids, oneLine(p.ID))
	}
	s := "known ids: " + strings.Join(ids, ", ")
	if more := len(partners) - most; more > 0 {
		s += fmt.Sprintf(" (and %d more)", more)
	}
	return s
}

// explained is what explain --format json prints: the partner's decision
// as the library writes it, with what it holds at --at if given, and its
// remedies.
type explained struct {
	disclosure.Disclosure
	At       *holding        `json:"at,omitempty"`
	Remedies []remedy.Remedy `json:"remedies"`
}

func explainJSON(d disclosure.Disclosure, at *time.Time, remedies []remedy.Remedy) explained {
	out := explained{Disclosure: d, Remedies: remedies}
	if at != nil {
		out.At = planJSON([]disclosure.Disclosure{d}, at)[0].At
	}
	if out.Remedies == nil {
		out.Remedies = []remedy.Remedy{}
	}
	return out
}

// writeExplanation writes the decision for one partner, its reasons and
// its remedies (for the classes wanted by at, if not nil); mark, if not
// nil, is what its marked copy carries.
func writeExplanation(w io.Writer, in *inputs, d *disclosure.Disclosure, p *disclosure.Partner, mark *marking, at *time.Time, remedies []remedy.Remedy) {
	zone := programZone(&in.policy)
	name := d.PartnerID
	if p.Name != "" {
		name += ": " + p.Name
	}
	field(w, "Partner", name)
	field(w, "Tier", d.Tier)
	field(w, "Where", strings.Join(p.Jurisdictions, ", "))
	writeAdvisoryHeader(w, &in.advisory, zone)
	writeSource(w, in)
	policyName := in.policy.Name
	if policyName == "" {
		policyName = in.policyFile
	}
	field(w, "Policy", policyName)
	fmt.Fprintln(w)

	switch {
	case !d.Entitled:
		field(w, "Decision", "not entitled: receives nothing of this advisory")
	case d.Restricted:
		field(w, "Decision", "entitled, under the restricted treatment")
	default:
		field(w, "Decision", "entitled")
	}
	if d.Entitled {
		field(w, "Release", fmt.Sprintf("%s = %s, %s", local(d.ReleaseAt, zone), utc(d.ReleaseAt), early(d)))
		field(w, "TLP", string(d.TLP))
		field(w, "Receives", joinClasses(d.Classes))
	}
	if len(d.Withheld) > 0 {
		field(w, "Withheld", joinClasses(withheldClasses(d)))
	}
	if d.Entitled {
		when := local(d.PublishNotBefore, zone)
		if d.PublishNotBefore.Equal(in.advisory.PublicAt) {
			when = "the public release"
		}
		field(w, "Publish", "nothing that reveals the flaw before "+when)
	}
	if mark != nil {
		field(w, "Marked", describeMarking(*mark))
	}
	if at != nil {
		held := "nothing yet"
		if d.ReleasedBy(*at) {
			held = "its copy"
		}
		field(w, "Wanted by", fmt.Sprintf("%s = %s, when it holds %s", local(*at, zone), utc(*at), held))
	}

	fmt.Fprintf(w, "\nReasons (%d):\n", len(d.Reasons))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range d.Reasons {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", r.Code, r.Class, oneLine(r.Detail))
	}
	tw.Flush()
	writeRemedies(w, remedies, zone)
}

// writeRemedies writes what would change the outcome: each remedy's
// changes in words, then what they would give, and when.
func writeRemedies(w io.Writer, remedies []remedy.Remedy, zone *time.Location) {
	if len(remedies) == 0 {
		fmt.Fprintln(w, "\nRemedies: none needed, the partner lacks nothing of this advisory.")
		return
	}
	fmt.Fprintf(w, "\nRemedies (%d), the smallest changes that would change the outcome:\n", len(remedies))
	const indent = "             "
	for _, r := range remedies {
		words := make([]string, len(r.Changes))
		for i, ch := range r.Changes {
			words[i] = ch.Detail
		}
		fmt.Fprintf(w, "  - %s\n", fill(oneLine(strings.Join(words, ", and ")), lineWidth-4, "    "))
		gives := joinClasses(r.Classes)
		if r.Entitles {
			gives = "entitlement; " + gives
		}
		if r.Changes[0].Kind == remedy.None {
			fmt.Fprintf(w, "    for:     %s\n", fill(gives, lineWidth-len(indent), indent))
			continue
		}
		fmt.Fprintf(w, "    gives:   %s\n", fill(gives, lineWidth-len(indent), indent))
		fmt.Fprintf(w, "    release: %s = %s\n", local(r.ReleaseAt, zone), utc(r.ReleaseAt))
	}
}
