package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

var classifyCmd = &command{
	name:    "classify",
	run:     runClassify,
	summary: "how each element of a CSAF advisory is classified, and by which rule",
	usage: `Usage: disclose classify --advisory CSAF_FILE [--csaf-options FILE] [--format table|json] [--max-input SIZE]

Prints every classified element of a CSAF 2.0 or 2.1 document (notes,
remediations, threats, references, acknowledgments, members the CSAF
schema does not define...) with its JSON path, its class and the rule that
gave the class, so that a program manager can review what each partner
will receive before anything is sent. The class decides who receives the
element: a partner gets it only if its tier (or the restricted treatment)
names the class; "unclassified" goes to no tier of the built-in policy.

It also prints the document's own TLP label (no partner's copy is labelled
less restrictively) and its exploitation signals: dated exploit_status
threats and, in CSAF 2.1, first_known_exploitation_dates. A signal is
reported, never acted on: to end the embargo early, give plan, explain and
export --embargo-ended-at and --embargo-reason, or name the signal's kind in
the options' embargo_signals.

To change a rule, write the options with "disclose csaf-options", edit
them, and give them here and to plan, explain and export with
--csaf-options.

Flags:
  --advisory FILE   the advisory: a CSAF 2.0 or 2.1 document
                    e.g. --advisory rhsa-2021_5186.json
  --csaf-options FILE
                    how to give a class to each note (JSON, as "disclose
                    csaf-options" prints); default: the built-in rules
                    e.g. --csaf-options csaf-options.json
  --format FORMAT   table (default), or json: {"label", "signals",
                    "elements": [{"path", "class", "rule"}, ...]}
                    e.g. --format json
` + maxInputHelp + `
A FILE of - reads standard input; only one FILE can be -.

Examples:
  disclose classify --advisory rhsa-2021_5186.json
  disclose csaf-options > csaf-options.json
  disclose classify --advisory rhsa-2021_5186.json --csaf-options csaf-options.json --format json
`,
}

func runClassify(e *env, c *command, args []string) int {
	cl := newFlags(c)
	advisory := cl.file(cl.required(stringVar(cl.FlagSet, "advisory", "", "")))
	options := cl.file(stringVar(cl.FlagSet, "csaf-options", "", ""))
	format := cl.formatVar()
	maxInputVar(cl.FlagSet, e)
	if code, done := cl.parse(e, args); done {
		return code
	}

	var ps []problem
	opts := csaf.DefaultOptions()
	if options.value != "" {
		o, err := loadFile(e, options.value, csaf.LoadOptions)
		opts, ps = o, append(ps, err...)
	}
	data, p := read(e, advisory.value)
	if p != nil {
		ps = append(ps, *p)
	}
	if len(ps) > 0 {
		return report(e, ps)
	}
	file := displayName(advisory.value)
	if !isCSAF(data) {
		return report(e, []problem{{file: file, msg: "not a CSAF document (it has no document member): classify reads CSAF; an advisory of this tool's format gives each section its class itself"}})
	}
	r, err := csaf.Read(data, opts)
	if err != nil {
		return report(e, problemsOf(file, data, err))
	}
	if format.value == "json" {
		return writeJSON(e, classification{
			ID: r.Advisory.ID, Revision: r.Advisory.Revision, PublicAt: r.Advisory.PublicAt,
			Label: string(r.Label), Signals: r.Signals, Elements: r.Elements,
		})
	}
	writeAdvisoryHeader(e.stdout, &r.Advisory, programZone(&disclosure.Policy{}))
	writeLabel(e.stdout, &r)
	writeSignals(e.stdout, &r, &opts)
	fmt.Fprintln(e.stdout)
	if len(r.Elements) == 0 {
		fmt.Fprintln(e.stdout, "No classified element: the document is its summary alone.")
		return exitOK
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PATH\tCLASS\tRULE")
	for _, el := range r.Elements {
		fmt.Fprintln(tw, cells([]string{el.Path, string(el.Class), el.Rule}))
	}
	tw.Flush()
	return exitOK
}

// classification is classify's JSON output.
type classification struct {
	ID       string         `json:"advisory_id"`
	Revision int            `json:"revision"`
	PublicAt time.Time      `json:"public_at"`
	Label    string         `json:"label,omitempty"` // the document's own, "" for none
	Signals  []csaf.Signal  `json:"signals"`
	Elements []csaf.Element `json:"elements"`
}

// writeLabel says what the document's own label is, if it has one.
func writeLabel(w io.Writer, r *csaf.Reading) {
	if r.Label != "" {
		field(w, "Label", "TLP:"+string(r.Label)+" (the document's own: no partner's copy is labelled less restrictively)")
	}
}

// writeSignals lists the exploitation signals of a CSAF document, which
// move nothing unless the options name their kind.
func writeSignals(w io.Writer, r *csaf.Reading, opts *csaf.Options) {
	if r == nil || len(r.Signals) == 0 {
		return
	}
	field(w, "Signals", fmt.Sprintf("%d exploitation signal(s) in the document, listed below; %s",
		len(r.Signals), signalsRule(opts)))
	for _, s := range r.Signals {
		fmt.Fprintf(w, "  %s  %s  %s: %s\n", utc(s.Date), oneLine(s.Path), s.Kind, oneLine(quoteText(s.Text)))
	}
}

// quoteText quotes a signal's text, shortened to a line.
func quoteText(s string) string {
	const limit = 100
	r := []rune(s)
	if len(r) > limit {
		return fmt.Sprintf("%q…", string(r[:limit]))
	}
	return fmt.Sprintf("%q", s)
}

// writeSource writes what the inputs' CSAF document says of itself: its
// label and its exploitation signals.
func writeSource(w io.Writer, in *inputs) {
	if in.csaf != nil {
		writeLabel(w, in.csaf)
		writeSignals(w, in.csaf, &in.csafOptions)
	}
}

// noteSignals says on standard error that the CSAF document has
// exploitation signals, for output formats that have no room for them.
func noteSignals(e *env, in *inputs) {
	if in.csaf == nil || len(in.csaf.Signals) == 0 {
		return
	}
	fmt.Fprintf(e.stderr, "%s: note: %d exploitation signal(s) in the document, the first at %s (%s); %s (disclose classify lists them)\n",
		in.advisoryFile, len(in.csaf.Signals), utc(in.csaf.Signals[0].Date), in.csaf.Signals[0].Path, signalsRule(&in.csafOptions))
}

// signalsRule says which signals end the embargo under the options.
func signalsRule(opts *csaf.Options) string {
	if len(opts.EmbargoSignals) == 0 {
		return "none ends the embargo unless --embargo-ended-at says so"
	}
	kinds := make([]string, len(opts.EmbargoSignals))
	for i, k := range opts.EmbargoSignals {
		kinds[i] = string(k)
	}
	return "the earliest of kind " + strings.Join(kinds, " or ") + " before the public release ends the embargo, whatever its text says " +
		"(the options' embargo_signals)"
}
