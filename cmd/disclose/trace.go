package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

var traceCmd = &command{
	name:    "trace",
	run:     runTrace,
	summary: "name the partners whose codes are in a leaked text",
	usage: `Usage: disclose trace --key-file FILE --advisory FILE --partners FILE [--csaf-options FILE] [--format table|json] [--max-input SIZE] LEAKFILE...

Searches each LEAKFILE for the codes that "disclose plan
--mark-key-file" put in each partner's copy of the advisory (and
"disclose export --mark-key-file" in each partner's CSAF document: give
the original CSAF document as --advisory), and names the partners whose
codes it holds, most codes first: for each code, where the advisory had
it (the reference, or the {{mark}} placeholder it replaced, such as
artifacts[0].data, or in a CSAF advisory the element, such as
vulnerabilities[0].notes[1]), its bytes in the leak, and whether it was
read as text or from base64. A code survives changes of case, spacing,
line breaks and wrapping, punctuation inserted in it, and base64
encoding; not other changes to its 13 characters.

A code found shows that the leaked text comes from that partner's copy,
though not who leaked it: the copy may have left the partner through a
breach, an employee or a subcontractor. A leak without codes proves
nothing: not that no partner leaked it, nor which one. (go doc
github.com/disclosurekit/disclosure/trace says more.)

Flags (before the LEAKFILEs):
  --key-file FILE   the key the copies were marked with
                    e.g. --key-file mark.key
  --advisory FILE   the advisory as it was marked (the same ID and
                    revision): JSON of this tool's format, or a CSAF 2.0
                    or 2.1 document
                    e.g. --advisory advisory.json
  --partners FILE   the partner list (JSON: {"partners": [...]}); every
                    partner's codes are searched, entitled or not
                    e.g. --partners partners.json
  --csaf-options FILE
                    the --csaf-options the copies were marked with, for a
                    CSAF advisory (a code depends on its element's class)
                    e.g. --csaf-options csaf-options.json
  --format FORMAT   table (default), or json: for each LEAKFILE, its name
                    and the list of matches as package trace returns them
                    e.g. --format json
` + maxInputHelp + `
A FILE or LEAKFILE of - reads standard input; only one can be -. The exit
status is 0 whether or not a code is found, except when no LEAKFILE holds a
code but one holds the marks of a copy (the reference sentence, or the
advisory's text around a {{mark}}) that are no partner's codes under the
key: then the key is not the one the copies were marked with (or the
advisory revision or the partner list is not the one they were marked
for), and the exit status is 1.

Examples:
  disclose trace --key-file mark.key --advisory advisory.json --partners partners.json leaked-poc.py
  disclose trace --key-file mark.key --advisory advisory.json --partners partners.json --max-input 1GiB dump.tar
  disclose trace --key-file mark.key --advisory rhsa-2021_5186.json --partners partners.json note.txt
`,
}

// leakResult is what --format json prints for one LEAKFILE.
type leakResult struct {
	File    string        `json:"file"`
	Matches []trace.Match `json:"matches"`
}

func runTrace(e *env, c *command, args []string) int {
	cl := newFlags(c)
	cl.args = "LEAKFILE"
	keyFile := cl.required(stringVar(cl.FlagSet, "key-file", "", ""))
	advisory := cl.required(stringVar(cl.FlagSet, "advisory", "", ""))
	partners := cl.required(stringVar(cl.FlagSet, "partners", "", ""))
	options := stringVar(cl.FlagSet, "csaf-options", "", "")
	format := cl.formatVar()
	maxInputVar(cl.FlagSet, e)
	if code, done := cl.parse(e, args); done {
		return code
	}
	leaks := cl.Args()
	var dash []string
	for _, f := range []*stringFlag{keyFile, advisory, partners, options} {
		if f.value == "-" {
			dash = append(dash, "--"+f.name)
		}
	}
	// The flag package stops at the first LEAKFILE: a flag after it would
	// be taken for a file, unless "--" says that it is one.
	n := len(args) - len(leaks) - 1
	terminated := n >= 0 && args[n] == "--"
	stdinLeaks := 0
	for i, name := range leaks {
		if i > 0 && !terminated && strings.HasPrefix(name, "-") && name != "-" {
			return usageError(e, c, "%s after LEAKFILE %q: give every flag before the first LEAKFILE", name, leaks[i-1])
		}
		if name == "-" {
			stdinLeaks++
		}
	}
	switch {
	case stdinLeaks == 1:
		dash = append(dash, "a LEAKFILE")
	case stdinLeaks > 1:
		dash = append(dash, strconv.Itoa(stdinLeaks)+" LEAKFILEs")
	}
	if len(dash) > 1 || stdinLeaks > 1 {
		all := "all"
		if len(dash) == 2 {
			all = "both"
		}
		return usageError(e, c, "%s are %s -, but standard input can be read only once", strings.Join(dash, " and "), all)
	}

	key, problems := loadKey(e, keyFile.value)
	a, reading, ps := loadAdvisory(e, advisory.value, options.value)
	problems = append(problems, ps...)
	list, ps := loadFile(e, partners.value, disclosure.LoadPartners)
	problems = append(problems, ps...)
	data := make([][]byte, len(leaks))
	for i, name := range leaks {
		var p *problem
		if data[i], p = read(e, name); p != nil {
			problems = append(problems, *p)
		}
	}
	if len(problems) > 0 {
		return report(e, problems)
	}
	ix, err := trace.NewIndex(key, a, list)
	if err != nil {
		// Unreachable: the key and the advisory were checked.
		return report(e, problemsOf(displayName(advisory.value), nil, err))
	}

	results := make([]leakResult, len(leaks))
	found := false
	for i, name := range leaks {
		results[i] = leakResult{File: name, Matches: ix.Identify(data[i])}
		if results[i].Matches == nil {
			results[i].Matches = []trace.Match{}
		}
		found = found || len(results[i].Matches) > 0
	}
	if !found {
		// Nothing found may be a wrong key: say so rather than "nobody".
		if ps := checkKey(ix, keyFile.value, leaks, data); ps != nil {
			return report(e, ps)
		}
	}
	if format.value == "json" {
		return writeJSON(e, results)
	}
	writeTrace(e.stdout, &a, reading, list, results)
	return exitOK
}

// checkKey returns the problems of a key that marks none of the copies in
// the leaks, or nil; see [trace.Index.CheckKey].
func checkKey(ix *trace.Index, keyFile string, leaks []string, data [][]byte) []problem {
	var ps []problem
	for i, name := range leaks {
		if err := ix.CheckKey(data[i]); err != nil {
			ps = append(ps, problem{file: displayName(name), msg: err.Error()})
		}
	}
	if ps == nil {
		return nil
	}
	return append([]problem{{file: displayName(keyFile),
		msg: "the key marks none of these copies: is it the key they were marked with?"}}, ps...)
}

// writeTrace writes what was found in each leak, as tables; the places of
// a CSAF advisory's codes are its elements (reading is nil for an advisory
// of the tool's own format).
func writeTrace(w io.Writer, a *disclosure.Advisory, reading *csaf.Reading, partners []disclosure.Partner, results []leakResult) {
	adv := fmt.Sprintf("%s revision %d", a.ID, a.Revision)
	if a.Title != "" {
		adv += ": " + a.Title
	}
	field(w, "Advisory", adv)
	each := "1 each: the reference (the advisory has no " + trace.Placeholder + " placeholder)"
	if n := placeholderCount(a, reading); n != "" {
		each = fmt.Sprintf("%d each: the reference, and %s", 1+len(trace.Placeholders(*a)), n)
	}
	field(w, "Searched", fmt.Sprintf("the codes of %d partners, %s", len(partners), each))

	names := make(map[string]string, len(partners))
	for _, p := range partners {
		names[p.ID] = p.Name
	}
	found, clean := false, false
	for _, r := range results {
		fmt.Fprintf(w, "\n== %s ==\n", displayName(r.File))
		if len(r.Matches) == 0 {
			fmt.Fprintln(w, "no partner's code found")
			clean = true
			continue
		}
		found = true
		for i, m := range r.Matches {
			if i > 0 {
				fmt.Fprintln(w)
			}
			title := m.Partner
			if n := names[m.Partner]; n != "" {
				title += ": " + n
			}
			distinct := "1 distinct code"
			if m.Distinct != 1 {
				distinct = strconv.Itoa(m.Distinct) + " distinct codes"
			}
			fmt.Fprintf(w, "%s\n  %s, found %s\n", oneLine(title), distinct, times(len(m.Found)))
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "  CODE\tPLACED IN\tBYTES\tREAD AS")
			for _, f := range m.Found {
				enc := f.Encoding
				if enc == "" {
					enc = "text"
				}
				fmt.Fprintf(tw, "  %s\t%s\t%d-%d\t%s\n", f.Code, oneLine(csafWhere(reading, f.Where)), f.Offset, f.End, enc)
			}
			tw.Flush()
		}
	}
	fmt.Fprintln(w)
	if found {
		paragraph(w, "A code found shows that the leaked text comes from that partner's copy, "+
			"or from someone who had it; not who leaked it.")
	}
	if found && clean {
		fmt.Fprintln(w)
	}
	if clean {
		paragraph(w, "A leak without codes proves nothing: not that no partner leaked it, nor which one.")
	}
}

// times says how often: "once", "twice", "5 times".
func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return strconv.Itoa(n) + " times"
}
