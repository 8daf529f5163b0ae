// Command disclose plans what each partner of an early-warning
// vulnerability disclosure program may see of an advisory, and from when.
//
// It is a thin command-line front end to the
// github.com/disclosurekit/disclosure library and its csaf, trace and
// ledger packages, for people who run such a program and do not write Go.
// An advisory is a file of the tool's own format or a CSAF 2.0 or 2.1
// document:
//
//	disclose demo [--export DIR] [--format table|json]
//	disclose plan --advisory FILE --partners FILE [input flags] [--at TIME] [--ledger FILE] [--format table|json] [--mark-key-file FILE]
//	disclose explain --partner ID --advisory FILE --partners FILE [input flags] [--mark-key-file FILE] [--format table|json]
//	disclose export (--partner ID | --all) --out DIR --advisory FILE --partners FILE [input flags] [--ledger FILE [--at TIME]] [--mark-key-file FILE] [--keep-stale] [--format table|json]
//	disclose ledger verify|head|show FILE [--head HEAD] [--format table|json]
//	disclose investigate --ledger FILE --before TIME [--class CLASS]... [--advisory FILE] [--partners FILE] [--leak FILE --key-file FILE] [--format table|json]
//	disclose classify --advisory CSAF_FILE [--csaf-options FILE] [--format table|json]
//	disclose trace --key-file FILE --advisory FILE --partners FILE [--csaf-options FILE] [--format table|json] [--max-input SIZE] LEAKFILE...
//	disclose validate [--format table|json] [--max-input SIZE] FILE...
//	disclose calendar [--year N] [--format table|json]
//	disclose policy [--format json]
//	disclose csaf-options [--format json]
//
// The input flags, the same for plan, explain and export, are --policy
// FILE; --exclude ID and --withhold CLASS, which add to the advisory's
// exclude_partners and withhold_classes; --embargo-ended-at TIME with
// --embargo-reason REASON, which end its embargo early; --csaf-options
// FILE, how to classify the notes of a CSAF advisory; and --max-input
// SIZE, the largest input file read (64 MiB by default). Every flag but
// --exclude and --withhold is given at most once: a second one is a usage
// error, not silently the value used.
//
// Nothing of the inputs reaches the terminal as a control character: every
// control, invisible and bidirectional formatting character printed is
// written as an escape (\u001b), and a byte that is not UTF-8 as \xff.
//
// With --format json, every command prints JSON on standard output, and
// only notes and warnings on standard error; validate then reports the
// problems of each file in its JSON, not on standard error.
//
// The CLI alone reads the clock: export --ledger records the copies it
// writes as released now, or at --at.
//
// Exit status: 0 on success, 1 for invalid input (every problem is printed
// on standard error as FILE: PATH: MESSAGE, or with validate --format json
// and ledger verify --format json in its output), 2 for a usage error.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	// A policy may name any IANA calendar zone; embedding the zone database
	// makes that work on machines that have none.
	_ "time/tzdata"
)

// Exit codes.
const (
	exitOK      = 0
	exitInvalid = 1 // invalid input, or any other failure
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a command may use: its streams. Commands read no other
// global state, so run can be called from tests.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	maxInput       int64 // the largest input read, --max-input
}

// checkedWriter remembers the first error of its writer, so that output
// lost to a full disk is not reported as a success.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.err = err
	return n, err
}

// A command is one subcommand of the tool.
type command struct {
	name    string
	summary string                                      // one line, for the overview
	usage   string                                      // the full help text, ending in an example
	run     func(e *env, c *command, args []string) int // c is the command itself
}

// commands lists the subcommands in the order the overview shows them.
var commands = []*command{demoCmd, planCmd, explainCmd, exportCmd, ledgerCmd, investigateCmd, classifyCmd, traceCmd, validateCmd, calendarCmd, policyCmd, csafOptionsCmd}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// run runs the tool with the arguments after the program name and returns
// the exit code. It never panics: a panic is reported as a one-line error.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	// Whatever is printed, of the inputs too, goes through a safeWriter:
	// no input can send the terminal a control sequence.
	safeOut, safeErr := &safeWriter{w: stdout}, &safeWriter{w: stderr}
	out := &checkedWriter{w: safeOut}
	stderr = safeErr
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "disclose: internal error: %v\n", r)
			code = exitInvalid
		}
		safeErr.Flush()
	}()
	e := &env{stdin: stdin, stdout: out, stderr: stderr, maxInput: defaultMaxInput}
	defer func() {
		if err := safeOut.Flush(); err != nil && out.err == nil {
			out.err = err
		}
		if out.err != nil && code == exitOK {
			fmt.Fprintf(stderr, "disclose: writing the output: %v\n", out.err)
			code = exitInvalid
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(stderr, overview())
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help", "help":
		return help(e, rest)
	}
	c := lookup(name)
	if c == nil {
		if strings.HasPrefix(name, "-") {
			fmt.Fprintf(stderr, "disclose: flag %s given before any command\n%s\n", name, overviewHint())
		} else {
			fmt.Fprintf(stderr, "disclose: unknown command %q\n%s\n", name, overviewHint())
		}
		return exitUsage
	}
	return c.run(e, c, rest)
}

// help prints the overview, or one command's usage, on standard output.
func help(e *env, args []string) int {
	switch len(args) {
	case 0:
		fmt.Fprint(e.stdout, overview())
		return exitOK
	case 1:
		if c := lookup(args[0]); c != nil {
			fmt.Fprint(e.stdout, c.usage)
			return exitOK
		}
		fmt.Fprintf(e.stderr, "disclose help: unknown command %q\n%s\n", args[0], overviewHint())
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "disclose help: want at most one command name\n%s\n", overviewHint())
	return exitUsage
}

// overviewHint is the line after a usage error that names no command: the
// commands, and where they are described.
func overviewHint() string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return fmt.Sprintf("The commands are %s. Run \"disclose help\" for what each does.", strings.Join(names, ", "))
}

func overview() string {
	var b strings.Builder
	b.WriteString(`disclose plans what each partner of an early-warning vulnerability
disclosure program may see of an advisory, and from when: which partners
receive it, how long before the public release, under which TLP label,
which content they get and which is withheld, and why.

Usage:
  disclose COMMAND [flags]

Commands:
`)
	width := 0
	for _, c := range commands {
		width = max(width, len(c.name))
	}
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, c.name, c.summary)
	}
	var withJSON []string
	for _, c := range commands {
		if strings.Contains(c.usage, "--format") {
			withJSON = append(withJSON, c.name)
		}
	}
	b.WriteString("\n" + fill("With --format json, these commands print JSON on standard output, and only "+
		"notes and warnings on standard error: "+strings.Join(withJSON, ", ")+".", 75, "") + "\n")
	b.WriteString(`
Run "disclose COMMAND --help" for a command's flags and an example.

Getting started:
  disclose demo                        see the July 2025 rule on fictional partners
  disclose demo --export ./example     write the demo's input files, to edit
  disclose plan --advisory example/advisory.json --partners example/partners.json

Exit status: 0 success, 1 invalid input (each problem on standard error as
FILE: PATH: MESSAGE), 2 usage error.
`)
	return b.String()
}
