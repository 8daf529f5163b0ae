package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/disclosurekit/disclosure"
)

var planCmd = &command{
	name:    "plan",
	run:     runPlan,
	summary: "the schedule for every partner: when, what, under which TLP label, and why",
	usage: `Usage: disclose plan --advisory FILE --partners FILE [input flags] [--at TIME] [--format table|json] [--mark-key-file FILE]

Prints the schedule of one advisory for every partner of the list: its tier,
when it may receive the advisory (in UTC and in the program's time zone),
how long before the public release that is, the TLP label of its copy, the
classes of content it receives, and the classes withheld with the reason.
Partners are listed as the library sorts them: entitled ones by release
instant, then the others.

Flags:
  --at TIME         also say what each partner holds at TIME: an RFC 3339
                    time with a zone offset
                    e.g. --at 2025-07-07T10:30:00-07:00
  --format FORMAT   table (default), or json: the decisions as the library
                    writes them, a list of disclosures (with --at, each
                    gains an "at" field)
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
  head -c 32 /dev/urandom > mark.key
  disclose plan --advisory advisory.json --partners partners.json --mark-key-file mark.key --format json
`,
}

func runPlan(e *env, c *command, args []string) int {
	cl := newFlags(c)
	input := addInputFlags(cl, e)
	atFlag := stringVar(cl.FlagSet, "at", "", "")
	format := cl.formatVar()
	markKey := cl.file(stringVar(cl.FlagSet, "mark-key-file", "", ""))
	if code, done := cl.parse(e, args); done {
		return code
	}
	var at *time.Time
	if atFlag.value != "" {
		t, err := parseInstant(atFlag.value)
		if err != nil {
			return usageError(e, c, "--at: %v", err)
		}
		at = &t
	}

	in, key, problems := loadMarked(e, c, input, markKey.value)
	if len(problems) > 0 {
		return report(e, problems)
	}
	plan := in.plan
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
		return writeJSON(e, planJSON(plan, at))
	}
	s := newSchedule(in, plan, at)
	writePlanHeader(e.stdout, in, s)
	fmt.Fprintln(e.stdout)
	s.writeTables(e.stdout)
	if key != nil {
		writeMarkings(e.stdout, displayName(markKey.value), plan, marks)
	}
	fmt.Fprintf(e.stdout, "\nEvery reason behind one partner's line: disclose explain --partner ID --advisory %s --partners %s%s%s\n",
		oneLine(input.advisory.value), oneLine(input.partners.value), oneLine(policyArg(input.policy.value)), oneLine(markKeyArg(markKey.value)))
	return exitOK
}

// parseInstant parses an RFC 3339 time that has a zone offset.
func parseInstant(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time with a zone offset (such as 2025-07-07T10:30:00-07:00 or 2025-07-07T17:30:00Z)", s)
	}
	return t, nil
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

// disclosureAt is a disclosure with what the partner holds at --at.
type disclosureAt struct {
	disclosure.Disclosure
	At holding `json:"at"`
}

// planJSON returns what --format json prints: the plan as the library
// writes it, or with --at each disclosure with an "at" field.
func planJSON(plan []disclosure.Disclosure, at *time.Time) any {
	if at == nil {
		return plan
	}
	out := make([]disclosureAt, len(plan))
	for i, d := range plan {
		h := holding{Time: at.UTC(), Released: d.ReleasedBy(*at), Classes: []disclosure.Class{}}
		if h.Released {
			h.Classes = d.Classes
		}
		out[i] = disclosureAt{Disclosure: d, At: h}
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
