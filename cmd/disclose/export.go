package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

var exportCmd = &command{
	name:    "export",
	summary: "write each partner its own CSAF document of a CSAF advisory",
	usage: `Usage: disclose export (--partner ID | --all) --out DIR --advisory CSAF_FILE --partners FILE [input flags]

Writes each entitled partner its own copy of a CSAF 2.0 or 2.1 advisory:
the document without any note, remediation, threat or other element of a
class the partner does not receive, labelled with the partner's TLP
(CSAF 2.0 has only WHITE, GREEN, AMBER and RED: CLEAR is written WHITE and
AMBER+STRICT is written AMBER, the text saying TLP:AMBER+STRICT), and a
distribution text naming the partner, its release instant and the public
release. Each copy goes to DIR/PARTNER/NAME, where NAME is the advisory's
CSAF file name (its tracking ID in lower case: rhsa-2021_5186.json).
Directories are created readable by their owner only, and files likewise;
an existing file is replaced.

A copy is written whatever the time: send it to the partner at its release
instant, which the list printed on standard output gives, with the classes
each copy holds. Partners that are not entitled get no copy: --all lists
them with the reason, and --partner with such a partner is an error.
Every copy is made before any file is written; a file that cannot be
written stops the export.

Copies are not marked for tracing: the document is written as it is, so
a {{mark}} placeholder in it reaches every partner as written (with a
warning). "disclose plan --mark-key-file" marks the copies in this tool's
JSON format.

Classes of CSAF elements: notes of category summary, description or
general are description; details are technical-details; a note titled
with detection, indicators (IOC), reproduction, proof of concept (PoC) or
exploit gets that class if more sensitive; other notes are unclassified.
Remediations are mitigations. Threats: exploit_status is the summary,
impact the description, others unclassified. CWEs are the description,
flags technical-details. References to the document itself are the
summary; other references, acknowledgments, involvements, extensions and
unknown members are unclassified. The rest (tracking, product tree, CVEs,
scores, dates) is the summary, which every partner receives.

Flags:
  --partner ID      write the copy of this partner only
  --all             write the copy of every entitled partner
  --out DIR         the directory to write into

` + inputFlagsHelp + `The advisory of export must be a CSAF document.

Examples:
  disclose export --all --out outbox --advisory adv-2025-0042.json --partners partners.json
  disclose export --all --out outbox --advisory adv-2025-0042.json --partners partners.json --exclude jinlumo
`,
}

func init() { exportCmd.run = runExport }

// A copy is one partner's document, ready to be written.
type copyFile struct {
	d    *disclosure.Disclosure
	path string // relative to --out
	data []byte
}

func runExport(e *env, args []string) int {
	c := exportCmd
	fs := newFlags(c)
	partner := stringVar(fs, "partner", "", "")
	all := fs.Bool("all", false, "")
	out := stringVar(fs, "out", "", "")
	input := addInputFlags(fs, e)
	// Not in the usage: a flag of plan and explain that export refuses,
	// with a message rather than as unknown.
	markKey := stringVar(fs, "mark-key-file", "", "")
	if code, done := parse(e, c, fs, args, false); done {
		return code
	}
	switch {
	case markKey.value != "":
		// csaf.Write builds each copy from the document and uses the
		// disclosure only for its decision: the codes of a marked
		// disclosure would not be in it.
		return usageError(e, c, "--mark-key-file: export cannot mark CSAF copies (each is written from the document, not from a marked copy); "+
			"disclose plan --format json --mark-key-file gives the marked copies")
	case partner.value == "" && !*all:
		return usageError(e, c, "give --partner ID or --all")
	case partner.value != "" && *all:
		return usageError(e, c, "give --partner ID or --all, not both")
	}
	if code, done := required(e, c, out); done {
		return code
	}
	if code, done := input.check(e, c); done {
		return code
	}

	in, problems := input.load(e, c)
	if in.advisory.ID != "" && in.csafDoc == nil {
		problems = append(problems, problem{file: in.advisoryFile,
			msg: "not a CSAF document (it has no document.csaf_version): export writes CSAF, so it needs the advisory as CSAF"})
	}
	for i, p := range in.partners {
		if !safeName(p.ID) {
			problems = append(problems, problem{file: in.partnersFile, path: fmt.Sprintf("partners[%d].id", i),
				msg: fmt.Sprintf("%q cannot name a directory: export needs partner ids without /, \\ or ..", p.ID)})
		}
	}
	if len(problems) > 0 {
		return report(e, problems)
	}
	plan := in.plan

	var copies []copyFile
	var denied []*disclosure.Disclosure
	found := false
	for i := range plan {
		d := &plan[i]
		if !*all && d.Partner != partner.value {
			continue
		}
		found = true
		if !d.Entitled {
			denied = append(denied, d)
			continue
		}
		data, name, err := csaf.Write(in.csafDoc, *d, in.csafOptions)
		if err != nil {
			// Unreachable: the document read, and the decision was made on it.
			fmt.Fprintf(e.stderr, "disclose export: %s: %v\n", d.Partner, err)
			return exitInvalid
		}
		copies = append(copies, copyFile{d: d, path: filepath.Join(d.Partner, name), data: data})
	}
	if !found {
		fmt.Fprintf(e.stderr, "disclose export: %s: no partner with id %q; %s\n", in.partnersFile, partner.value, knownIDs(in.partners))
		return exitInvalid
	}
	if !*all && len(denied) > 0 {
		d := denied[0]
		fmt.Fprintf(e.stderr, "disclose export: %s is not entitled to %s (%s: %s); no document written\n",
			d.Partner, d.AdvisoryID, d.Reasons[0].Code, d.Reasons[0].Detail)
		return exitInvalid
	}

	if len(copies) > 0 {
		warnUnmarked(e, in, "written as is (export does not mark CSAF copies)")
	}
	for _, cp := range copies {
		if err := writePrivate(filepath.Join(out.value, cp.path), cp.data); err != nil {
			fmt.Fprintf(e.stderr, "disclose export: %v\n", err)
			return exitInvalid
		}
	}
	writeExported(e, in, out.value, copies, denied)
	return exitOK
}

// safeName reports whether a partner id can name a directory under --out
// and nothing else: one path element, not "." or "..".
func safeName(id string) bool {
	return id != "" && id != "." && id != ".." && !strings.ContainsAny(id, `/\`) && filepath.IsLocal(id)
}

// writePrivate writes a file readable by its owner only, creating its
// directory likewise: the copies are TLP-labelled, not for everyone on the
// machine.
func writePrivate(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o600)
}

// writeExported lists what was written, and for whom nothing was.
func writeExported(e *env, in *inputs, dir string, copies []copyFile, denied []*disclosure.Disclosure) {
	zone := programZone(&in.policy)
	writeAdvisoryHeader(e.stdout, &in.advisory, zone)
	n := fmt.Sprintf("%d documents", len(copies))
	if len(copies) == 1 {
		n = "1 document"
	}
	field(e.stdout, "Wrote", n+" into "+dir)
	if len(copies) > 0 {
		fmt.Fprintln(e.stdout)
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "FILE\tTLP\tSEND AT (UTC)\tHEAD START\tHOLDS")
		for _, cp := range copies {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", filepath.ToSlash(cp.path), cp.d.TLP, utc(cp.d.ReleaseAt), headStart(cp.d), receives(cp.d))
		}
		tw.Flush()
	}
	if len(denied) > 0 {
		fmt.Fprintln(e.stdout)
		fmt.Fprintln(e.stdout, "Not entitled, no document:")
		for _, d := range denied {
			fmt.Fprintf(e.stdout, "  %s (%s: %s)\n", d.Partner, d.Reasons[0].Code, d.Reasons[0].Detail)
		}
	}
}
