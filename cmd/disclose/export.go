package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

var exportCmd = &command{
	name:    "export",
	run:     runExport,
	summary: "write each partner its own CSAF document of a CSAF advisory",
	usage: `Usage: disclose export (--partner ID | --all) --out DIR --advisory CSAF_FILE --partners FILE [input flags] [--mark-key-file FILE] [--keep-stale] [--format table|json]

Writes each entitled partner its own copy of a CSAF 2.0 or 2.1 advisory:
the document without any note, remediation, threat or other element of a
class the partner does not receive, labelled with the partner's TLP
(CSAF 2.0 has only WHITE, GREEN, AMBER and RED: CLEAR is written WHITE and
AMBER+STRICT is written AMBER, the text saying TLP:AMBER+STRICT), and a
distribution text naming the partner, its release instant and the public
release (and quoting the original's), and, in CSAF 2.1, the partner's
sharing group. Each copy is a document of its own: its tracking ID is the
advisory's, "+" and the partner ID (RHSA-2021:5186+jinlumo), and its
references to the original say whose copy it is. It goes to
DIR/PARTNER/NAME, where NAME is the CSAF file name of that tracking ID
(in lower case: rhsa-2021_5186+jinlumo.json).
Directories are created readable by their owner only, and files likewise.
Each copy is made and written before the next: into a temporary file
beside it, synced, then renamed over NAME, so that an existing copy is
replaced whole or not at all.

A copy is written whatever the time: send it to the partner at its release
instant, which the list printed on standard output gives, with the classes
each copy holds. Partners that are not entitled get no copy: --all lists
them with the reason, and --partner with such a partner is an error.

A copy that would fail a CSAF mandatory test that the advisory passes,
because what the test requires of the document's category is of a class
the partner does not receive (the notes of a security advisory's
vulnerability, an impact statement of a VEX document...), is refused: the
export stops, naming the test and the element.

Copies the plan no longer gives as they are are removed: a copy of this
advisory (a file DIR/P/NAME holding P's copy's tracking ID; or, written
by an earlier version, the advisory's own file name and tracking ID,
naming P in its distribution text) where P gets no copy now (it is
suspended, excluded, no longer entitled, or no longer in the list), or
where P's copy now differs (its tier changed, it is now restricted, its
new copy was not written, or it was marked under another key, or marked
when this export marks none, or the other way round). This holds with
--partner too: the other partners' copies are checked, not rewritten.
The output lists what was removed and why; --keep-stale lists them and
removes nothing. Nothing else in DIR is removed: not the directories,
not other files, not another advisory's copies, and a file at DIR/P/NAME
that is not a copy of this advisory is never replaced (two tracking IDs
can have the same file name).

A file that cannot be written stops the export: the output lists the
copies written and those not, the stale copies are still removed (which
only withholds), and the exit status is 1. So is --partner with a
partner that is not entitled, after its old copy is removed.

With --mark-key-file, each copy is marked for tracing as "disclose plan
--mark-key-file" marks it: each {{mark}} placeholder of an element the
copy keeps (a note's title or text, a remediation's details...) becomes a
code of the partner's, the same as in plan's copy, and the copy's
reference code is its last document note (category general, titled
"Reference"); the list printed gives each copy's reference and where its
codes are. "disclose trace", given the original document, names the
partner from the copy or any part of it. A placeholder outside every
element (the document's title, a product name) stays as written, with a
warning. Without the flag, every placeholder reaches every partner as
written (with a warning).

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
                    e.g. --partner jinlumo
  --all             write the copy of every entitled partner
                    e.g. --all
  --out DIR         the directory to write into
                    e.g. --out outbox
  --mark-key-file FILE
                    mark each copy with codes of its partner, under the key
                    in FILE (at least 16 bytes; 32 random ones are best)
                    e.g. --mark-key-file mark.key
  --keep-stale      list the copies the plan no longer gives, but do not
                    remove them
                    e.g. --keep-stale
  --format FORMAT   table (default), or json: {"partners": [...],
                    "removed": [...], "stale": [...]}, each partner as
                    {"partner", "entitled": true, "file", "sha256",
                    "release_at", "tlp", "classes"} (marked: and
                    "reference", "codes") or {"partner",
                    "entitled": false, "reason": {"code", "detail"}}; a
                    copy an error left unwritten has "written": false (and
                    "error" if it failed); removed and stale list files
                    e.g. --format json

` + inputFlagsHelp + `The advisory of export must be a CSAF document.

Examples:
  disclose export --all --out outbox --advisory adv-2025-0042.json --partners partners.json
  disclose export --all --out outbox --advisory adv-2025-0042.json --partners partners.json --exclude jinlumo
  disclose export --all --out outbox --advisory adv-2025-0042.json --partners partners.json --keep-stale --format json
  disclose export --all --out outbox --advisory adv-2025-0042.json --partners partners.json --mark-key-file mark.key
`,
}

// An exported is what became of one partner's copy.
type exported struct {
	d    *disclosure.Disclosure
	path string // relative to --out: PARTNER/NAME
	sum  string // the SHA-256 of the file written, in hex
	err  error  // why it was not written; nil if written or not tried
	done bool   // written
}

func runExport(e *env, c *command, args []string) int {
	cl := newFlags(c)
	partner := stringVar(cl.FlagSet, "partner", "", "")
	all := cl.Bool("all", false, "")
	out := cl.required(stringVar(cl.FlagSet, "out", "", ""))
	keepStale := cl.Bool("keep-stale", false, "")
	format := cl.formatVar()
	input := addInputFlags(cl, e)
	markKey := cl.file(stringVar(cl.FlagSet, "mark-key-file", "", ""))
	cl.check(func() string {
		switch {
		case partner.value == "" && !*all:
			return "give --partner ID or --all"
		case partner.value != "" && *all:
			return "give --partner ID or --all, not both"
		}
		return ""
	})
	if code, done := cl.parse(e, args); done {
		return code
	}

	in, key, problems := loadMarked(e, c, input, markKey.value)
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
	if info, err := os.Stat(out.value); err == nil && !info.IsDir() {
		problems = append(problems, problem{file: in.cmd, msg: "--out " + oneLine(out.value) + ": not a directory"})
	}
	if len(problems) > 0 {
		return report(e, problems)
	}

	var copies []exported
	var denied []*disclosure.Disclosure
	found := false
	for i := range in.plan {
		d := &in.plan[i]
		if !*all && d.PartnerID != partner.value {
			continue
		}
		found = true
		if !d.Entitled {
			denied = append(denied, d)
			continue
		}
		copies = append(copies, exported{d: d})
	}
	if !found {
		fmt.Fprintf(e.stderr, "disclose export: %s: no partner with id %q; %s\n", in.partnersFile, partner.value, partnerHint(partner.value, in.partners))
		return exitInvalid
	}
	// With --partner, a partner that is not entitled gets no copy: an
	// error, but its old copy, if any, is still removed below.
	refused := !*all && len(denied) > 0

	mk, err := newCSAFMarker(key, in)
	if err != nil {
		fmt.Fprintf(e.stderr, "disclose export: %v\n", err)
		return exitInvalid
	}
	if len(copies) > 0 && !refused && mk == nil {
		warnUnmarked(e, in, "not marked (no --mark-key-file)")
	}
	if format.value == "json" {
		noteSignals(e, in)
	}
	// Each copy is made, written and let go before the next: memory holds
	// one copy, however many partners there are.
	failed := false
	id := in.csaf.Advisory.ID
	for i := range copies {
		cp := &copies[i]
		cp.path = filepath.Join(cp.d.PartnerID, copyName(id, cp.d.PartnerID))
		if failed || refused {
			continue
		}
		data, err := mk.write(e, in, cp.d)
		if err == nil {
			err = checkReplace(filepath.Join(out.value, cp.path), csaf.CopyTrackingID(id, cp.d.PartnerID))
		}
		if err == nil {
			err = writeAtomic(filepath.Join(out.value, cp.path), data)
		}
		if err != nil {
			cp.err = err
			fmt.Fprintf(e.stderr, "disclose export: %s: %v\n", oneLine(cp.d.PartnerID), err)
			failed = true
			continue
		}
		sum := sha256.Sum256(data)
		cp.sum, cp.done = hex.EncodeToString(sum[:]), true
	}

	// Copies of this advisory in DIR that the plan no longer gives as they
	// are, looked for even after an error: removing one only withholds.
	var removed, stale []staleCopy
	written := make(map[string]bool, len(copies))
	for _, cp := range copies {
		written[cp.d.PartnerID] = cp.done
	}
	stale, err = staleCopies(e, in, out.value, written, mk)
	if err != nil {
		fmt.Fprintf(e.stderr, "disclose export: looking for stale copies: %v\n", err)
		failed = true
	}
	if !*keepStale {
		for len(stale) > 0 {
			if err := os.Remove(filepath.Join(out.value, stale[0].path)); err != nil {
				fmt.Fprintf(e.stderr, "disclose export: removing a stale copy: %v\n", err)
				failed = true
				break
			}
			removed, stale = append(removed, stale[0]), stale[1:]
		}
	}
	if refused {
		d := denied[0]
		fmt.Fprintf(e.stderr, "disclose export: %s is not entitled to %s (%s: %s); no document written\n",
			oneLine(d.PartnerID), oneLine(d.AdvisoryID), d.Reasons[0].Code, oneLine(d.Reasons[0].Detail))
		failed = true
	}

	if refused && len(removed) == 0 && len(stale) == 0 {
		return exitInvalid // nothing done: the message says why
	}
	r := exportReport{dir: out.value, copies: copies, denied: denied, removed: removed, stale: stale, keepStale: *keepStale, failed: failed,
		keyFile: displayName(markKey.value), marker: mk}
	code := exitOK
	if format.value == "json" {
		code = writeJSON(e, r.json())
	} else {
		r.write(e.stdout, in)
	}
	if failed {
		return exitInvalid
	}
	return code
}

// safeName reports whether a partner id can name a directory under --out
// and nothing else: one path element, not "." or "..".
func safeName(id string) bool {
	return id != "" && id != "." && id != ".." && !strings.ContainsAny(id, `/\`) && filepath.IsLocal(id)
}

// writeAtomic writes a file readable by its owner only, creating its
// directory likewise (the copies are TLP-labelled, not for everyone on
// the machine): the data goes to a temporary file in the same directory,
// synced, then renamed over path, so that path holds either the old
// document or the new one, never a part of one.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*") // mode 0600
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	// The rename is durable once the directory is synced; not every
	// system can sync a directory, and the file is complete either way.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
