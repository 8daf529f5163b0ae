package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure"
)

// inputFlags are the flags of plan, explain and export that say what to
// decide on: the three input files, how to read a CSAF advisory, and
// changes to the advisory made on the command line. Each is declared once,
// by addInputFlags, and described once, in inputFlagsHelp; but
// --mark-key-file, which loadMarked reads too, is declared by markKeyVar and
// described by each command, in its own words.
//
// To add a flag: add a field, declare it in addInputFlags, describe it in
// inputFlagsHelp with an "e.g." line, check its value in check (usage
// errors) or in load (invalid input, reported with every other problem),
// and apply it in applyFlags.
type inputFlags struct {
	advisory, partners, policy *stringFlag
	csafOptions                *stringFlag
	// markKey is --mark-key-file, when the command declared it with
	// markKeyVar: each command says in its own words what marking does.
	markKey        *stringFlag
	exclude        *listFlag // partner IDs
	withhold       *listFlag // classes, checked by Set
	embargoEndedAt *timeFlag
	embargoReason  *reasonFlag
}

// addInputFlags declares the input flags on cl, and --max-input, which
// sets e.maxInput; cl's parse checks them: the advisory and partners are
// required, at most one file is standard input, and an embargo's end needs
// both its flags.
func addInputFlags(cl *cmdline, e *env) *inputFlags {
	fs := cl.FlagSet
	f := &inputFlags{
		advisory:       cl.file(cl.required(stringVar(fs, "advisory", "", ""))),
		partners:       cl.file(cl.required(stringVar(fs, "partners", "", ""))),
		policy:         cl.file(stringVar(fs, "policy", "", "")),
		csafOptions:    cl.file(stringVar(fs, "csaf-options", "", "")),
		exclude:        &listFlag{name: "exclude"},
		withhold:       &listFlag{name: "withhold", check: checkClass},
		embargoEndedAt: cl.instant("embargo-ended-at"),
		embargoReason:  &reasonFlag{name: "embargo-reason"},
	}
	fs.Var(f.exclude, "exclude", "")
	fs.Var(f.withhold, "withhold", "")
	fs.Var(f.embargoReason, "embargo-reason", "")
	maxInputVar(fs, e)
	cl.check(f.checkEmbargo)
	return f
}

// markKeyVar declares --mark-key-file, the marking key's file, which
// loadMarked reads.
func (f *inputFlags) markKeyVar(cl *cmdline) *stringFlag {
	f.markKey = cl.file(stringVar(cl.FlagSet, "mark-key-file", "", ""))
	return f.markKey
}

// inputFlagsHelp describes the input flags, for the usage of every command
// that has them.
var inputFlagsHelp = `Input flags (the same for plan, explain and export):
  --advisory FILE   the advisory: JSON of this tool's format, or a CSAF 2.0
                    or 2.1 document (told by its document.csaf_version)
                    e.g. --advisory advisory.json
  --partners FILE   the partner list (JSON: {"partners": [...]})
                    e.g. --partners partners.json
  --policy FILE     the program's policy (JSON); default: the built-in
                    policy, which "disclose policy" prints
                    e.g. --policy policy.json
  --exclude ID      give the partner with this id nothing of the advisory,
                    as the advisory's exclude_partners does; repeatable.
                    An id that names no partner of the list is an error.
                    e.g. --exclude quillmark --exclude morrowdale
  --withhold CLASS  withhold the content of this class from every partner,
                    as the advisory's withhold_classes does; repeatable.
                    Classes: ` + fill(strings.Join(classNames(), ", "), 48, "                             ") + `
                    e.g. --withhold proof-of-concept --withhold repro-steps
  --embargo-ended-at TIME --embargo-reason REASON
                    the embargo ended before the public release, at TIME (an
                    RFC 3339 time with a zone offset), because the flaw
                    became public, is exploited, has public exploit code, or
                    for another reason (REASON: public, exploited,
                    exploit-public or other): every entitled partner may
                    have its copy from then. Give both or neither; they
                    replace the advisory's own embargo.
                    e.g. --embargo-ended-at 2025-07-03T09:00:00Z --embargo-reason exploited
  --csaf-options FILE
                    how to give a class to each note of a CSAF advisory:
                    JSON with note_categories, untitled_notes, note_titles
                    and embargo_signals (go doc
                    github.com/disclosurekit/disclosure/csaf.Options);
                    default: the mapping "disclose export --help" gives.
                    Only for a CSAF advisory.
                    e.g. --csaf-options csaf-options.json
` + maxInputHelp + `
A FILE of - reads standard input; only one FILE can be -.
`

// maxInputHelp describes --max-input, which validate and trace have too.
const maxInputHelp = `  --max-input SIZE  the largest input file read, in bytes or with a unit:
                    kB, MB, GB, KiB, MiB, GiB (default 64MiB); a larger
                    file is an error
                    e.g. --max-input 200MB
`

// checkEmbargo reports an embargo flag given without the other.
func (f *inputFlags) checkEmbargo() string {
	switch {
	case f.embargoEndedAt.set && !f.embargoReason.set:
		return "--embargo-ended-at needs --embargo-reason (public, exploited, exploit-public or other)"
	case f.embargoReason.set && !f.embargoEndedAt.set:
		return "--embargo-reason needs --embargo-ended-at TIME"
	}
	return ""
}

// A listFlag is a repeatable string flag: each use adds a value, in order.
type listFlag struct {
	name   string
	values []string
	check  func(string) error // nil: any value
}

func (l *listFlag) String() string { return strings.Join(l.values, ",") }

func (l *listFlag) repeatable() {}

func (l *listFlag) Set(s string) error {
	if l.check != nil {
		if err := l.check(s); err != nil {
			return err
		}
	}
	l.values = append(l.values, s)
	return nil
}

// checkClass accepts the name of a class.
func checkClass(s string) error {
	if disclosure.Class(s).Valid() {
		return nil
	}
	return fmt.Errorf("unknown class; the classes are %s", strings.Join(classNames(), ", "))
}

func classNames() []string {
	var names []string
	for _, c := range disclosure.Classes() {
		names = append(names, string(c))
	}
	return names
}

// A timeFlag is an RFC 3339 instant with a zone offset.
type timeFlag struct {
	name string
	t    time.Time
	set  bool
}

// instant returns the flag's time, or nil when it was not given.
func (t *timeFlag) instant() *time.Time {
	if !t.set {
		return nil
	}
	return &t.t
}

func (t *timeFlag) String() string {
	if !t.set {
		return ""
	}
	return utc(t.t)
}

func (t *timeFlag) Set(s string) error {
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return errors.New("not an RFC 3339 time with a zone offset (such as 2025-07-03T09:00:00Z or 2025-07-03T02:00:00-07:00)")
	}
	t.t, t.set = v, true
	return nil
}

// A reasonFlag is why an embargo ended.
type reasonFlag struct {
	name   string
	reason disclosure.EndReason
	set    bool
}

func (r *reasonFlag) String() string { return string(r.reason) }

func (r *reasonFlag) Set(s string) error {
	if !disclosure.EndReason(s).Valid() {
		return errors.New("want public, exploited, exploit-public or other")
	}
	r.reason, r.set = disclosure.EndReason(s), true
	return nil
}

// defaultMaxInput is the largest input file read without --max-input.
const defaultMaxInput = 64 << 20

// maxInputVar declares --max-input on fs: it sets e.maxInput.
func maxInputVar(fs *flag.FlagSet, e *env) {
	fs.Var((*sizeFlag)(&e.maxInput), "max-input", "")
}

// A sizeFlag is a number of bytes, written as bytes or with a unit.
type sizeFlag int64

func (s *sizeFlag) String() string { return formatSize(int64(*s)) }

func (s *sizeFlag) Set(v string) error {
	n, err := parseSize(v)
	if err != nil {
		return err
	}
	*s = sizeFlag(n)
	return nil
}

// sizeUnits are the units parseSize accepts, in lower case.
var sizeUnits = map[string]int64{
	"": 1, "b": 1,
	"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
}

// parseSize parses a positive size: "1048576", "64MiB", "200MB", "1 GiB".
// Units are not case-sensitive; kB, MB, GB and TB are powers of 1000, KiB,
// MiB, GiB and TiB powers of 1024.
func parseSize(s string) (int64, error) {
	bad := errors.New("want a size in bytes, such as 1048576, or with a unit: 64MiB, 200MB, 1GiB")
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, bad
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	unit, ok := sizeUnits[strings.ToLower(strings.TrimSpace(s[i:]))]
	switch {
	case !ok:
		return 0, bad
	case err != nil || n > (1<<63-1)/unit:
		return 0, errors.New("too large")
	case n == 0:
		return 0, errors.New("must be more than 0")
	}
	return n * unit, nil
}

// formatSize writes a size the shortest way in a unit it is a whole
// number of: "64 MiB", "200 MB", "1000 bytes".
func formatSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"TiB", 1 << 40}, {"TB", 1e12}, {"GiB", 1 << 30}, {"GB", 1e9}, {"MiB", 1 << 20}, {"MB", 1e6}, {"KiB", 1 << 10}, {"kB", 1e3}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}
