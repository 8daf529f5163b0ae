package main

// disclose investigate: who held what before an instant, by the record.

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
	"github.com/disclosurekit/disclosure/trace"
)

var investigateCmd = &command{
	name:    "investigate",
	run:     runInvestigate,
	summary: "name the partners that held an advisory's content before an instant",
	usage: `Usage: disclose investigate --ledger FILE --before TIME [--class CLASS]... [--advisory FILE] [--partners FILE] [--leak FILE --key-file FILE] [--format table|json] [--max-input SIZE]

When exploitation begins, or something leaks: names every partner that
held content of an advisory before an instant, by the record that
"disclose export --ledger" keeps, with since when, under which revision,
every class it held, where it is, and how many of its trace codes a leaked
file carries; those that held it longest first. A partner is named if it
held, strictly before --before, all the classes --class names, or any
content without --class. The answer is the record's: the copies it says
each partner was given, and when.

A partner named held the content; that does not show it leaked it. A
leaked file with a partner's codes shows that it comes from that partner's
copy, or from someone who had it; codes of a partner that held none of
the content asked before the instant are listed apart. (go doc
github.com/disclosurekit/disclosure/ledger and .../trace say more.)

Flags:
  --ledger FILE     the record (required)
                    e.g. --ledger outbox/record.jsonl
  --before TIME     the instant, such as when exploitation was first
                    seen: an RFC 3339 time with a zone offset (required)
                    e.g. --before 2025-07-07T15:00:00Z
  --class CLASS     a class of content the attack needed; repeatable: a
                    partner is named if it held all of them
                    e.g. --class technical-details --class proof-of-concept
  --advisory FILE   the advisory (this tool's format, or CSAF): only the
                    holders of its ID are named (without it, of every
                    advisory of the record); with --leak, the revision the
                    leaked copy was marked for
                    e.g. --advisory advisory.json
  --partners FILE   the partner list: each holder's jurisdictions
                    e.g. --partners partners.json
  --leak FILE       a leaked file: how many of each holder's trace codes
                    it carries, as "disclose trace" finds them; needs
                    --key-file, --advisory and --partners
                    e.g. --leak leaked-poc.py
  --key-file FILE   with --leak, the key the copies were marked with
                    e.g. --key-file mark.key
  --format FORMAT   table (default), or json: {"record": {"file", "head"},
                    "advisory", "before", "classes", "holders": [...],
                    "unexplained": [...]}, each holder as {"partner",
                    "advisory", "since", "revision", "held_hours",
                    "classes", "jurisdictions", "traced"}, unexplained as
                    the matches of "disclose trace --format json"
                    e.g. --format json
` + maxInputHelp + `
A FILE of - reads standard input; only one FILE can be -. The exit status
is 0 whether or not anyone is named.

Examples:
  disclose investigate --ledger outbox/record.jsonl --before 2025-07-07T15:00:00Z
  disclose investigate --ledger outbox/record.jsonl --before 2025-07-07T15:00:00Z --class technical-details --partners partners.json
  disclose investigate --ledger outbox/record.jsonl --before 2025-07-07T15:00:00Z --leak leaked-poc.py --key-file mark.key --advisory advisory.json --partners partners.json
`,
}

func runInvestigate(e *env, c *command, args []string) int {
	cl := newFlags(c)
	record := cl.file(cl.required(stringVar(cl.FlagSet, "ledger", "", "")))
	before := cl.instant("before")
	classes := &listFlag{name: "class", check: checkClass}
	cl.Var(classes, "class", "")
	advisory := cl.file(stringVar(cl.FlagSet, "advisory", "", ""))
	partners := cl.file(stringVar(cl.FlagSet, "partners", "", ""))
	leak := cl.file(stringVar(cl.FlagSet, "leak", "", ""))
	keyFile := cl.file(stringVar(cl.FlagSet, "key-file", "", ""))
	format := cl.formatVar()
	maxInputVar(cl.FlagSet, e)
	cl.check(func() string {
		switch {
		case !before.set:
			return "--before is required"
		case leak.value != "" && (keyFile.value == "" || advisory.value == "" || partners.value == ""):
			return "--leak needs --key-file, --advisory and --partners: the codes are those of the partners' copies of that advisory"
		case keyFile.value != "" && leak.value == "":
			return "--key-file needs --leak FILE"
		}
		return ""
	})
	if code, done := cl.parse(e, args); done {
		return code
	}

	q := ledger.Query{Before: before.t}
	for _, class := range classes.values {
		q.Classes = append(q.Classes, disclosure.Class(class))
	}
	rec, problems := readRecord(e, record.value)
	var a disclosure.Advisory
	if advisory.value != "" {
		var ps []problem
		a, _, ps = loadAdvisory(e, advisory.value, "")
		problems = append(problems, ps...)
		q.Advisory = a.ID
	}
	if partners.value != "" {
		var ps []problem
		q.Partners, ps = loadFile(e, partners.value, disclosure.LoadPartners)
		problems = append(problems, ps...)
	}
	var key, leaked []byte
	if leak.value != "" {
		var ps []problem
		key, ps = loadKey(e, keyFile.value)
		problems = append(problems, ps...)
		var p *problem
		if leaked, p = read(e, leak.value); p != nil {
			problems = append(problems, *p)
		}
	}
	if len(problems) > 0 {
		return report(e, problems)
	}
	if key != nil {
		ix, err := trace.NewIndex(key, a, q.Partners)
		if err != nil {
			return report(e, problemsOf(displayName(advisory.value), nil, err)) // unreachable: both were checked
		}
		q.Traces = ix.Identify(leaked)
		if len(q.Traces) == 0 {
			// Nothing found may be a wrong key: say so rather than "nobody".
			if ps := checkKey(ix, keyFile.value, []string{leak.value}, [][]byte{leaked}); ps != nil {
				return report(e, ps)
			}
		}
	}
	found, err := rec.Investigate(q)
	if err != nil {
		fmt.Fprintf(e.stderr, "disclose investigate: %v\n", err) // unreachable: the instant and classes were checked
		return exitInvalid
	}
	inv := investigation{file: displayName(record.value), rec: rec, q: q, found: found, leak: leak.value}
	if format.value == "json" {
		return writeJSON(e, inv.json())
	}
	inv.write(e.stdout)
	return exitOK
}

// An investigation is a query of the record and its answer.
type investigation struct {
	file  string
	rec   *ledger.Record
	q     ledger.Query
	found ledger.Findings
	leak  string // the leaked file; "" for none
}

// write writes the investigation as a table.
func (inv *investigation) write(w io.Writer) {
	q := &inv.q
	field(w, "Record", fmt.Sprintf("%s, %s", inv.file, entries(int64(inv.rec.Len()))))
	adv := "every advisory of the record"
	if q.Advisory != "" {
		adv = q.Advisory
	}
	field(w, "Advisory", adv)
	before := utc(q.Before)
	if q.Advisory != "" {
		if t, ok := inv.rec.Exploited(q.Advisory); ok {
			before += fmt.Sprintf(" (the record says the flaw was first seen exploited at %s)", utc(t))
		}
	}
	field(w, "Before", before)
	asked := "any content"
	if len(q.Classes) > 0 {
		asked = joinClasses(q.Classes) + ": a partner is named if it held all of them"
	}
	field(w, "Asked", asked)
	if inv.leak != "" {
		field(w, "Leak", displayName(inv.leak))
		field(w, "Traced", tracedSummary(q.Traces))
	}
	fmt.Fprintln(w)
	hs := inv.found.Holders
	if len(hs) == 0 {
		paragraph(w, "Nobody held it before "+utc(q.Before)+", by the record.")
	} else {
		n := "1 partner"
		if len(hs) != 1 {
			n = fmt.Sprintf("%d partners", len(hs))
		}
		paragraph(w, n+" held it before "+utc(q.Before)+", the longest first:")
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "PARTNER\tADVISORY\tSINCE (UTC)\tREVISION\tHELD\tWHERE\tTRACED\tCLASSES HELD")
		for _, h := range hs {
			where, traced := "-", "-"
			if len(h.Jurisdictions) > 0 {
				where = strings.Join(h.Jurisdictions, ",")
			}
			if h.Traced > 0 {
				traced = codesOf(h.Traced)
			}
			fmt.Fprintln(tw, cells([]string{h.Partner, h.Advisory, utc(h.Since), fmt.Sprint(h.Revision), span(h.Held),
				where, traced, joinClasses(h.Classes)}))
		}
		tw.Flush()
	}
	if len(inv.found.Unexplained) > 0 {
		var names []string
		for _, m := range inv.found.Unexplained {
			names = append(names, m.Partner+" ("+codesOf(m.Distinct)+")")
		}
		fmt.Fprintln(w)
		paragraph(w, "The leak also carries codes of partners that, by the record, held none of it before then: "+
			strings.Join(names, ", ")+". A copy released later, or a key known outside the program, can explain them.")
	}
	fmt.Fprintln(w)
	paragraph(w, "Holding the content does not show that a partner leaked it; a code found shows that the "+
		"leaked text comes from that partner's copy, or from someone who had it.")
}

// tracedSummary says whose codes a leak carries.
func tracedSummary(ms []trace.Match) string {
	if len(ms) == 0 {
		return "no partner's code found"
	}
	var names []string
	for _, m := range ms {
		names = append(names, m.Partner+" ("+codesOf(m.Distinct)+")")
	}
	return "codes of " + strings.Join(names, ", ")
}

// codesOf says how many codes: "1 code", "3 codes".
func codesOf(n int) string {
	if n == 1 {
		return "1 code"
	}
	return fmt.Sprintf("%d codes", n)
}

// holderJSON is a holder, in JSON.
type holderJSON struct {
	Partner       string             `json:"partner"`
	Advisory      string             `json:"advisory"`
	Since         time.Time          `json:"since"`
	Revision      int                `json:"revision"`
	HeldHours     float64            `json:"held_hours"`
	Classes       []disclosure.Class `json:"classes"`
	Jurisdictions []string           `json:"jurisdictions"`
	Traced        int                `json:"traced"`
}

// investigationJSON is what investigate --format json prints.
type investigationJSON struct {
	Record struct {
		File string `json:"file"`
		Head string `json:"head"`
	} `json:"record"`
	Advisory    string             `json:"advisory"`
	Before      time.Time          `json:"before"`
	Classes     []disclosure.Class `json:"classes"`
	Holders     []holderJSON       `json:"holders"`
	Unexplained []trace.Match      `json:"unexplained"`
}

func (inv *investigation) json() investigationJSON {
	var v investigationJSON
	v.Record.File, v.Record.Head = inv.file, inv.rec.Head().String()
	v.Advisory, v.Before, v.Classes = inv.q.Advisory, inv.q.Before.UTC(), inv.q.Classes
	if v.Classes == nil {
		v.Classes = []disclosure.Class{}
	}
	v.Holders, v.Unexplained = []holderJSON{}, inv.found.Unexplained
	if v.Unexplained == nil {
		v.Unexplained = []trace.Match{}
	}
	for _, h := range inv.found.Holders {
		j := h.Jurisdictions
		if j == nil {
			j = []string{}
		}
		v.Holders = append(v.Holders, holderJSON{Partner: h.Partner, Advisory: h.Advisory, Since: h.Since.UTC(),
			Revision: h.Revision, HeldHours: h.Held.Hours(), Classes: h.Classes, Jurisdictions: j, Traced: h.Traced})
	}
	return v
}
