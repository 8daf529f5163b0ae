package main

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

// keyProbe is a valid advisory without placeholders, on which NewIndex can
// fail only because of the key.
var keyProbe = disclosure.Advisory{ID: "key-check", Revision: 1}

// loadMarked loads the inputs and, when --mark-key-file is given, the
// marking key, reporting the problems of all of them at once.
func (f *inputFlags) loadMarked(e *env, c *command) (*inputs, []byte, []problem) {
	in, problems := f.load(e, c)
	var key []byte
	if f.markKey != nil && f.markKey.value != "" {
		var ps []problem
		key, ps = loadKey(e, f.markKey.value)
		problems = append(problems, ps...)
	}
	return in, key, problems
}

// parseAndLoad parses the command line, then loads the inputs and the
// marking key (see loadMarked). When it returns done, the command must
// return code: after --help, a usage error, or invalid input, which it
// has reported.
func (f *inputFlags) parseAndLoad(e *env, cl *cmdline, args []string) (in *inputs, key []byte, code int, done bool) {
	if code, done := cl.parse(e, args); done {
		return nil, nil, code, true
	}
	in, key, problems := f.loadMarked(e, cl.c)
	if len(problems) > 0 {
		return nil, nil, report(e, problems), true
	}
	return in, key, exitOK, false
}

// loadKey reads a key file: its bytes, verbatim, are the key. It checks the
// key with the library's own rule, and never puts the key in a message.
func loadKey(e *env, name string) ([]byte, []problem) {
	key, p := read(e, name)
	if p != nil {
		return nil, []problem{*p}
	}
	if _, err := trace.NewIndex(key, keyProbe, nil); err != nil {
		return nil, []problem{{file: displayName(name), msg: err.Error()}}
	}
	return key, nil
}

// markPlan marks every disclosure of plan with key, in place.
func markPlan(plan []disclosure.Disclosure, key []byte) error {
	for i := range plan {
		d, err := trace.Mark(plan[i], key)
		if err != nil {
			// Unreachable: the key was checked, and Plan sets what Mark needs.
			return fmt.Errorf("marking the copy of %s: %w", plan[i].PartnerID, err)
		}
		plan[i] = d
	}
	return nil
}

// A marking is what one partner's marked copy carries.
type marking struct {
	reference string   // the reference code; "" if the copy has no summary
	distinct  int      // how many different codes
	where     []string // where they are: "reference" first, then the placeholders
	codes     []string // the codes themselves, sorted (set by export only)
}

// markings reads back the codes of each entitled partner's marked copy,
// with an index of every partner's codes: what the copy would give away if
// it leaked whole.
func markings(key []byte, in *inputs, plan []disclosure.Disclosure) (map[string]marking, error) {
	ix, err := trace.NewIndex(key, in.advisory, in.partners)
	if err != nil {
		return nil, err // unreachable: the key and the advisory were checked
	}
	out := make(map[string]marking, len(plan))
	for i := range plan {
		d := &plan[i]
		if !d.Entitled {
			continue
		}
		var m marking
		for _, match := range ix.Identify(copyText(&d.Advisory)) {
			if match.Partner != d.PartnerID {
				continue
			}
			m.distinct = match.Distinct
			for _, f := range match.Found {
				if f.Where == "reference" {
					m.reference = f.Code
				} else if !slices.Contains(m.where, f.Where) {
					m.where = append(m.where, f.Where)
				}
			}
		}
		if m.reference != "" {
			m.where = append([]string{"reference"}, m.where...)
		}
		out[d.PartnerID] = m
	}
	return out, nil
}

// copyText is the text of a copy where Mark puts codes: the title and body
// of every section, and the data of every artifact, one per line.
func copyText(a *disclosure.Advisory) []byte {
	var b bytes.Buffer
	for _, s := range a.Sections {
		b.WriteString(s.Title)
		b.WriteByte('\n')
		b.WriteString(s.Body)
		b.WriteByte('\n')
	}
	for _, f := range a.Artifacts {
		b.Write(f.Data)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// writeMarkings writes, for each entitled partner, the codes its copy
// carries.
func writeMarkings(w io.Writer, keyFile string, plan []disclosure.Disclosure, ms map[string]marking) {
	fmt.Fprintln(w)
	paragraph(w, "Marked with the key in "+keyFile+": each copy carries codes of its partner alone, "+
		`which "disclose trace" finds in a leak.`)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PARTNER\tREFERENCE\tCODES\tPLACED IN")
	for i := range plan {
		d := &plan[i]
		if !d.Entitled {
			continue
		}
		m := ms[d.PartnerID]
		ref := m.reference
		if ref == "" {
			ref = "-"
		}
		where := strings.Join(m.where, ", ")
		if where == "" {
			where = "nowhere: the copy has no placeholder and no summary"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", oneLine(d.PartnerID), ref, m.distinct, oneLine(where))
	}
	tw.Flush()
}

// describeMarking says in a line what one marked copy carries: "2 codes:
// the reference TXH2M5N8X913E, and 1 placeholder in artifacts[0].data".
func describeMarking(m marking) string {
	if m.distinct == 0 {
		return "no code: the copy has no placeholder and no summary"
	}
	var parts []string
	placeholders, where := m.distinct, m.where
	if m.reference != "" {
		parts = append(parts, "the reference "+m.reference)
		placeholders, where = placeholders-1, where[1:]
	}
	switch {
	case placeholders == 1:
		parts = append(parts, "1 placeholder in "+strings.Join(where, ", "))
	case placeholders > 1:
		parts = append(parts, fmt.Sprintf("%d placeholders in %s", placeholders, strings.Join(where, ", ")))
	}
	n := fmt.Sprintf("%d codes", m.distinct)
	if m.distinct == 1 {
		n = "1 code"
	}
	return n + ": " + strings.Join(parts, ", and ")
}

// placeholderCount says how many placeholders an advisory has, and where:
// "1 {{mark}} placeholder (artifacts[0].data)". It returns "" for none.
// Given the reading of a CSAF advisory, it names the elements instead of
// the sections (see csafWhere).
func placeholderCount(a *disclosure.Advisory, r *csaf.Reading) string {
	paths := trace.Placeholders(*a)
	if len(paths) == 0 {
		return ""
	}
	var where []string
	for _, p := range paths {
		if p = csafWhere(r, p); !slices.Contains(where, p) {
			where = append(where, p)
		}
	}
	const most = 5
	if len(where) > most {
		where = append(where[:most:most], fmt.Sprintf("and %d more", len(where)-most))
	}
	n := fmt.Sprintf("%d %s placeholders", len(paths), trace.Placeholder)
	if len(paths) == 1 {
		n = "1 " + trace.Placeholder + " placeholder"
	}
	return n + " (" + strings.Join(where, ", ") + ")"
}

// warnUnmarked warns on standard error when the advisory has placeholders
// that no key marks: each partner would see the placeholder itself. what
// says what happens to them.
func warnUnmarked(e *env, in *inputs, what string) {
	if n := placeholderCount(&in.advisory, nil); n != "" {
		fmt.Fprintf(e.stderr, "%s: warning: %s %s: partners would receive a literal %s\n",
			in.advisoryFile, n, what, trace.Placeholder)
	}
}

// markKeyArg is the --mark-key-file of a command line that the output
// suggests.
func markKeyArg(name string) string {
	if name == "" {
		return ""
	}
	return " --mark-key-file " + name
}
