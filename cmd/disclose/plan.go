package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

var planCmd = &command{
	name:    "plan",
	run:     runPlan,
	summary: "the schedule for every partner: when, what, under which TLP label, and why",
	usage: `Usage: disclose plan --advisory FILE --partners FILE [input flags] [--at TIME] [--ledger FILE] [--format table|json] [--mark-key-file FILE]

Prints the schedule of one advisory for every partner of the list: its tier,
when it may receive the advisory (in UTC and in the program's time zone),
how long before the public release that is, the TLP label of its copy, the
classes of content it receives, and the classes withheld with the reason.
Partners are listed as the library sorts them: entitled ones by release
instant, then the others. Under the tables, the exposure in numbers: per
class, how many partners hold it before the public release, and the
partner-hours (the hours each holds it before then, added up).

Flags:
  --at TIME         also say what each partner holds at TIME: an RFC 3339
                    time with a zone offset
                    e.g. --at 2025-07-07T10:30:00-07:00
  --ledger FILE     the record of what each partner holds ("disclose export
                    --help"): also say, for each partner, what it holds
                    and since when, what this plan adds to it and from
                    when, and what it holds that its copy now lacks (which
                    cannot be recalled); the exposure then also gives the
                    record's numbers, as it happened
                    e.g. --ledger outbox/record.jsonl
  --format FORMAT   table (default), or json: the decisions as the library
                    writes them, a list of disclosures, each with an
                    "exposure" field: the classes its partner holds before
                    the public release, [{"class", "hours"}] (with --at,
                    each also gains an "at" field). With --ledger, an
                    object: {"plan": that list, "exposure": {"planned",
                    "recorded"}, each [{"class", "partners",
                    "partner_hours"}], "record": {"file", "head",
                    "partners": [{"partner", "held", "send", "send_at",
                    "exposed"}]}}
                    e.g. --format json
  --mark-key-file FILE
                    mark each partner's copy with codes of its own, made
                    with the key in FILE (its bytes, verbatim: at least 16,
                    best 32 random ones, kept secret): every {{mark}} of
                    the advisory becomes a code, and a copy with the summary
                    gains a reference code. The table lists each copy's
                    codes; json prints the marked copies. "disclose trace"
                    names the partners whose codes are in a leak.
                    e.g. --mark-key-file mark.key

` + inputFlagsHelp + `
Without --mark-key-file, an advisory with {{mark}} placeholders gets a
warning on standard error: partners would see them as written.
"disclose demo --export DIR" writes example files to start from. How a CSAF
document's notes, remediations and threats map to classes: "disclose export
--help".

Examples:
  disclose plan --advisory advisory.json --partners partners.json --at 2025-07-07T10:30:00-07:00
  disclose plan --advisory advisory.json --partners partners.json --exclude quillmark --withhold proof-of-concept
  disclose plan --advisory advisory.json --partners partners.json --ledger outbox/record.jsonl
  head -c 32 /dev/urandom > mark.key
  disclose plan --advisory advisory.json --partners partners.json --mark-key-file mark.key --format json
`,
}

func runPlan(e *env, c *command, args []string) int {
	cl := newFlags(c)
	input := addInputFlags(cl, e)
	atFlag := cl.instant("at")
	format := cl.formatVar()
	markKey := input.markKeyVar(cl)
	ledgerFile := cl.file(stringVar(cl.FlagSet, "ledger", "", ""))
	in, key, code, done := input.parseAndLoad(e, cl, args)
	if done {
		return code
	}
	at, plan := atFlag.instant(), in.plan
	// The record is compared with the plan as decided, before any marking.
	var pr *planRecord
	if ledgerFile.value != "" {
		var ps []problem
		if pr, ps = loadPlanRecord(e, ledgerFile.value, plan); ps != nil {
			return report(e, ps)
		}
	}
	var marks map[string]marking
	if key == nil {
		warnUnmarked(e, in, "not marked (no --mark-key-file)")
	} else {
		err := markPlan(plan, key)
		if err == nil && format.value == "table" {
			marks, err = markings(key, in, plan)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "disclose plan: %v\n", err)
			return exitInvalid
		}
	}
	if format.value == "json" {
		noteSignals(e, in)
		entries := planJSON(plan, at)
		if pr != nil {
			return writeJSON(e, pr.json(plan, entries))
		}
		return writeJSON(e, entries)
	}
	s := newSchedule(in, plan, at)
	writePlanHeader(e.stdout, in, s)
	if pr != nil {
		field(e.stdout, "Record", fmt.Sprintf("%s, %s", pr.file, entries(int64(pr.rec.Len()))))
		field(e.stdout, "Head", pr.rec.Head().String())
	}
	fmt.Fprintln(e.stdout)
	s.writeTables(e.stdout)
	var recorded []ledger.ClassExposure
	if pr != nil {
		pr.write(e.stdout, plan)
		recorded = pr.rec.Exposure(in.advisory.ID)
		if recorded == nil {
			recorded = []ledger.ClassExposure{}
		}
	}
	writeExposure(e.stdout, ledger.PlanExposure(plan), recorded)
	if key != nil {
		writeMarkings(e.stdout, displayName(markKey.value), plan, marks)
	}
	fmt.Fprintf(e.stdout, "\nEvery reason behind one partner's line: disclose explain --partner ID --advisory %s --partners %s%s%s\n",
		oneLine(input.advisory.value), oneLine(input.partners.value), oneLine(policyArg(input.policy.value)), oneLine(markKeyArg(markKey.value)))
	return exitOK
}

func policyArg(name string) string {
	if name == "" {
		return ""
	}
	return " --policy " + name
}

func writePlanHeader(w io.Writer, in *inputs, s *schedule) {
	writeAdvisoryHeader(w, &in.advisory, s.zone)
	writeSource(w, in)
	name := in.policy.Name
	if name == "" {
		name = in.policyFile
	}
	field(w, "Policy", fmt.Sprintf("%s, which %s", name, describePolicy(&in.policy, in.advisory.PublicAt)))
	entitled := 0
	for i := range s.plan {
		if s.plan[i].Entitled {
			entitled++
		}
	}
	field(w, "Partners", fmt.Sprintf("%d, of which %d entitled", len(s.plan), entitled))
	if s.at != nil {
		field(w, "At", fmt.Sprintf("%s = %s", local(*s.at, s.zone), utc(*s.at)))
	}
}

// holding is what a partner holds at the instant of --at, in JSON.
type holding struct {
	Time     time.Time          `json:"time"`
	Released bool               `json:"released"`
	Classes  []disclosure.Class `json:"classes"`
}

// planEntry is one disclosure in the JSON of plan: the library's, with
// the hours its partner holds each class before the public release and,
// with --at, what it holds then.
type planEntry struct {
	disclosure.Disclosure
	At       *holding    `json:"at,omitempty"`
	Exposure []heldHours `json:"exposure"`
}

// planJSON returns what --format json prints: the plan as the library
// writes it, each disclosure with an "exposure" field, and with --at an
// "at" field.
func planJSON(plan []disclosure.Disclosure, at *time.Time) []planEntry {
	out := make([]planEntry, len(plan))
	for i, d := range plan {
		out[i] = planEntry{Disclosure: d, Exposure: partnerExposure(&plan[i])}
		if at != nil {
			h := holding{Time: at.UTC(), Released: d.ReleasedBy(*at), Classes: []disclosure.Class{}}
			if h.Released {
				h.Classes = d.Classes
			}
			out[i].At = &h
		}
	}
	return out
}

// writeJSON writes v as indented JSON, without escaping <, > and & (the
// advisory's text is for people), and returns the exit code.
func writeJSON(e *env, v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(e.stderr, "disclose: writing JSON: %v\n", err)
		return exitInvalid
	}
	return exitOK
}
