package main

// disclose ledger verify|head|show: check a record, print its head, list
// its entries.

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/disclosurekit/disclosure/ledger"
)

var ledgerCmd = &command{
	name:    "ledger",
	run:     runLedger,
	summary: "check a record of what each partner holds, print its head, list it",
	usage: `Usage: disclose ledger verify|head|show FILE [--head HEAD] [--format table|json]

Reads a record of what each partner holds, as "disclose export --ledger"
writes it (go doc github.com/disclosurekit/disclosure/ledger): JSON Lines,
one entry per line, each holding the SHA-256 hash of the entry before it,
so that a line changed, deleted, inserted or moved is found.

  disclose ledger verify FILE [--head HEAD]
        checks every line. Exit status 0 if the record is intact, 1 with
        the first bad line on standard error, as FILE: line N: PATH:
        MESSAGE. The chain cannot show lines cut from the end: with the
        head kept from before (--head), verify also checks that the record
        still holds those entries, unchanged; a record that only grew
        since verifies.
  disclose ledger head FILE
        checks every line, and prints the head: the number of entries and
        the last one's hash, as one word on one line, as --head takes it.
  disclose ledger show FILE
        checks every line, and lists the entries.

Flags (before or after FILE):
  --head HEAD       verify: the head kept from before, as "disclose ledger
                    head" and "disclose export --ledger" print it
                    e.g. --head 2-dda2127594d5fa66ded41d6499cd88aaaf22c9261729ae3d2670b2f27380e134
  --format FORMAT   table (default), or json. verify: {"file", "intact",
                    "entries", "head"}, and if not intact "problem":
                    {"line", "path", "message"} instead of the line on
                    standard error; head: {"file", "entries", "head"};
                    show: {"file", "head", "entries": [...]}, each entry
                    as the record has it
                    e.g. --format json

A FILE of - reads standard input.

Examples:
  disclose ledger verify outbox/record.jsonl
  disclose ledger verify outbox/record.jsonl --head 2-dda2127594d5fa66ded41d6499cd88aaaf22c9261729ae3d2670b2f27380e134
  disclose ledger head outbox/record.jsonl
  disclose ledger show outbox/record.jsonl --format json
`,
}

// ledgerSubcommands are the subcommands of ledger.
var ledgerSubcommands = map[string]func(e *env, c *command, args []string) int{
	"verify": runLedgerVerify,
	"head":   runLedgerHead,
	"show":   runLedgerShow,
}

func runLedger(e *env, c *command, args []string) int {
	if len(args) == 0 {
		return usageError(e, c, "no subcommand given: verify, head or show")
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(e.stdout, c.usage)
		return exitOK
	}
	run := ledgerSubcommands[args[0]]
	if run == nil {
		return usageError(e, c, "unknown subcommand %q: want verify, head or show", args[0])
	}
	sub := &command{name: c.name + " " + args[0], usage: c.usage}
	return run(e, sub, args[1:])
}

// ledgerFlags parses the command line of a ledger subcommand: one FILE,
// flags before or after it. It returns the file; when done, the command
// must return code.
func ledgerFlags(e *env, cl *cmdline, args []string) (file string, code int, done bool) {
	cl.args = "FILE"
	if code, done := cl.parse(e, interspersed(cl.FlagSet, args)); done {
		return "", code, true
	}
	if cl.NArg() > 1 {
		return "", usageError(e, cl.c, "want one FILE, got %d", cl.NArg()), true
	}
	return cl.Arg(0), exitOK, false
}

// interspersed returns args with the flags first, so that flags may follow
// the other arguments ("verify FILE --head HEAD"), then "--" and the other
// arguments in order. After "--", everything is an argument.
func interspersed(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			rest = append(rest, args[i+1:]...)
			i = len(args)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if f := fs.Lookup(name); f != nil && !isBoolFlag(f) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			rest = append(rest, a)
		}
	}
	return append(append(flags, "--"), rest...)
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// A headFlag is a head kept from before.
type headFlag struct {
	head ledger.Head
	set  bool
}

func (h *headFlag) String() string {
	if !h.set {
		return ""
	}
	return h.head.String()
}

func (h *headFlag) Set(s string) error {
	v, err := ledger.ParseHead(s)
	if err != nil {
		return errors.New("not a head: want the number of entries, a hyphen and 64 hexadecimal digits, as \"disclose ledger head\" prints it")
	}
	h.head, h.set = v, true
	return nil
}

// verifyFile verifies the record in file against kept.
func verifyFile(e *env, file string, kept ledger.Head) (ledger.Head, error) {
	r, done, err := openInput(e, file)
	if err != nil {
		return ledger.Head{}, err
	}
	defer done()
	return ledger.Verify(bufio.NewReaderSize(r, 1<<16), kept)
}

// verifyJSON is what ledger verify --format json prints.
type verifyJSON struct {
	File    string       `json:"file"`
	Intact  bool         `json:"intact"`
	Entries int64        `json:"entries,omitempty"`
	Head    string       `json:"head,omitempty"`
	Problem *problemJSON `json:"problem,omitempty"`
}

// problemJSON is the first problem of a record, in JSON.
type problemJSON struct {
	Line    int64  `json:"line"`
	Path    string `json:"path"`
	Message string `json:"message"`
}

func runLedgerVerify(e *env, c *command, args []string) int {
	cl := newFlags(c)
	kept := &headFlag{}
	cl.Var(kept, "head", "")
	format := cl.formatVar()
	file, code, done := ledgerFlags(e, cl, args)
	if done {
		return code
	}
	head, err := verifyFile(e, file, kept.head)
	if format.value == "json" {
		v := verifyJSON{File: file, Intact: err == nil}
		if err == nil {
			v.Entries, v.Head = head.N, head.String()
		} else {
			p := problemJSON{Message: recordProblem(file, err).msg}
			var le *ledger.Error
			if errors.As(err, &le) {
				p.Line, p.Path = le.Line, le.Path
			}
			v.Problem = &p
		}
		if code := writeJSON(e, v); code != exitOK || err != nil {
			return exitInvalid
		}
		return exitOK
	}
	if err != nil {
		return report(e, []problem{recordProblem(file, err)})
	}
	w := e.stdout
	field(w, "Record", displayName(file))
	field(w, "Entries", fmt.Sprintf("%d, every line intact and chained to the line before it", head.N))
	if kept.set {
		grew := "it has not changed since"
		if n := head.N - kept.head.N; n > 0 {
			grew = fmt.Sprintf("it grew by %s since", entries(n))
		}
		field(w, "Kept head", fmt.Sprintf("%s: the record still holds those entries, unchanged; %s", kept.head, grew))
	} else {
		field(w, "Note", "without the head kept from before (--head), lines cut from the end cannot be seen")
	}
	field(w, "Head", head.String())
	return exitOK
}

func runLedgerHead(e *env, c *command, args []string) int {
	cl := newFlags(c)
	format := cl.formatVar()
	file, code, done := ledgerFlags(e, cl, args)
	if done {
		return code
	}
	head, err := verifyFile(e, file, ledger.Head{})
	if err != nil {
		return report(e, []problem{recordProblem(file, err)})
	}
	if format.value == "json" {
		return writeJSON(e, struct {
			File    string `json:"file"`
			Entries int64  `json:"entries"`
			Head    string `json:"head"`
		}{file, head.N, head.String()})
	}
	fmt.Fprintln(e.stdout, head)
	return exitOK
}

func runLedgerShow(e *env, c *command, args []string) int {
	cl := newFlags(c)
	format := cl.formatVar()
	file, code, done := ledgerFlags(e, cl, args)
	if done {
		return code
	}
	rec, ps := readRecord(e, file)
	if ps != nil {
		return report(e, ps)
	}
	if format.value == "json" {
		list := rec.Entries()
		if list == nil {
			list = []ledger.Entry{}
		}
		return writeJSON(e, struct {
			File    string         `json:"file"`
			Head    string         `json:"head"`
			Entries []ledger.Entry `json:"entries"`
		}{file, rec.Head().String(), list})
	}
	writeEntries(e.stdout, displayName(file), rec)
	return exitOK
}

// writeEntries lists a record's entries as a table.
func writeEntries(w io.Writer, file string, rec *ledger.Record) {
	field(w, "Record", fmt.Sprintf("%s, %s, every line intact", file, entries(int64(rec.Len()))))
	field(w, "Head", rec.Head().String())
	if rec.Len() == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tKIND\tAT (UTC)\tPARTNER\tADVISORY\tREVISION\tTLP\tCLASSES OR REASON\tCOPY\tCODES")
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	for _, en := range rec.Entries() {
		rev, copyDigest, codes := "-", "-", "-"
		what := en.Reason
		if en.Kind == ledger.KindDelivery {
			rev, copyDigest, what = fmt.Sprint(en.Revision), en.Copy.String()[:12], joinClasses(en.Classes)
			codes = fmt.Sprint(len(en.Trace))
		} else if len(en.Classes) > 0 {
			what = joinClasses(en.Classes) + ": " + en.Reason
		}
		fmt.Fprintln(tw, cells([]string{fmt.Sprint(en.Seq), string(en.Kind), en.At.UTC().Format(time.RFC3339),
			dash(en.Partner), dash(en.Advisory), rev, dash(string(en.TLP)), dash(what), copyDigest, codes}))
	}
	tw.Flush()
}
