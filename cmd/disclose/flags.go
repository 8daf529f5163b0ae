package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// invalidValue matches the flag package's message for a value that a
// flag's Set refused.
var invalidValue = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-([^:\s]+): (.*)$`)

// A cmdline is a command's flags and what its parse checks once they are
// read, in this order: its arguments, the flags it requires, the files of
// which at most one may be standard input, its own checks, and --format.
type cmdline struct {
	*flag.FlagSet
	c *command
	// args names the arguments that are not flags, one or more of which
	// the command takes ("FILE"); "" when it takes none.
	args   string
	need   []*stringFlag // required
	files  []*stringFlag // at most one may be "-"
	checks []func() string
	format *stringFlag
}

// newFlags returns the command line of c, whose flag set reports nothing
// itself: parse prints errors and usage the tool's way.
func newFlags(c *command) *cmdline {
	fs := flag.NewFlagSet("disclose "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &cmdline{FlagSet: fs, c: c}
}

// required makes f a required flag, and returns it.
func (cl *cmdline) required(f *stringFlag) *stringFlag {
	cl.need = append(cl.need, f)
	return f
}

// file makes f a file of which, with the others, at most one may be "-".
func (cl *cmdline) file(f *stringFlag) *stringFlag {
	cl.files = append(cl.files, f)
	return f
}

// check adds a check of the flags' values; it returns a usage error's
// message, or "".
func (cl *cmdline) check(f func() string) { cl.checks = append(cl.checks, f) }

// instant declares a flag that takes an RFC 3339 time with a zone
// offset; a value without one is a usage error.
func (cl *cmdline) instant(name string) *timeFlag {
	t := &timeFlag{name: name}
	cl.Var(t, name, "")
	return t
}

// formatVar declares --format, table or json, which parse checks.
func (cl *cmdline) formatVar() *stringFlag {
	cl.format = stringVar(cl.FlagSet, "format", "table", "")
	return cl.format
}

// parse parses args and makes the checks of cl (see cmdline). When it
// returns done, the command must return code: after --help (usage on
// standard output, exit 0) or a usage error (message and hint on standard
// error, exit 2).
func (cl *cmdline) parse(e *env, args []string) (code int, done bool) {
	c := cl.c
	if code, done := parseFlags(e, c, cl.FlagSet, args, cl.args != ""); done {
		return code, done
	}
	if cl.args != "" && cl.NArg() == 0 {
		return usageError(e, c, "no %s given", cl.args), true
	}
	if code, done := required(e, c, cl.need...); done {
		return code, done
	}
	if code, done := stdinOnce(e, c, cl.files...); done {
		return code, done
	}
	for _, check := range cl.checks {
		if msg := check(); msg != "" {
			return usageError(e, c, "%s", msg), true
		}
	}
	if cl.format != nil {
		return checkFormat(e, c, cl.format)
	}
	return exitOK, false
}

// parseFlags parses the command's flags. When it returns done, the command
// must return code: after --help (usage on standard output, exit 0) or a
// bad flag (message and hint on standard error, exit 2). Unless positional
// is true, arguments that are not flags are usage errors.
//
// A flag that takes one value, given twice, is a usage error rather than
// silently the last one: parse wraps every flag of fs in a onceValue.
// Flags whose Value is repeatable (--exclude, --withhold) may be repeated.
func parseFlags(e *env, c *command, fs *flag.FlagSet, args []string, positional bool) (code int, done bool) {
	twice := once(fs)
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(e.stdout, c.usage)
		return exitOK, true
	case err != nil && *twice != "":
		return usageError(e, c, "--%s given twice", *twice), true
	case err != nil:
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
			msg = "unknown flag --" + name
		} else if m := invalidValue.FindStringSubmatch(msg); m != nil {
			msg = "--" + m[2] + " " + m[1] + ": " + m[3] // --max-input "lots": want a size...
		}
		return usageError(e, c, "%s", msg), true
	case !positional && fs.NArg() > 0:
		return usageError(e, c, "unexpected argument %q (every input is given with a flag)", fs.Arg(0)), true
	}
	return exitOK, false
}

// usageError prints "disclose CMD: MESSAGE" on standard error, and a hint
// to the command's help (not the help itself: the message would scroll out
// of sight), and returns the usage exit code.
func usageError(e *env, c *command, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "disclose %s: %s\n%s\n", c.name, fmt.Sprintf(format, args...), helpHint(c))
	return exitUsage
}

// helpHint is the line after a usage error: where the flags are described.
func helpHint(c *command) string {
	return fmt.Sprintf("Run \"disclose %s --help\" for the flags and examples.", c.name)
}

// A repeatable flag.Value may be given more than once; every other flag
// takes one value.
type repeatable interface {
	repeatable()
}

// A onceValue is a flag's Value that refuses a second Set.
type onceValue struct {
	flag.Value
	name  string
	set   bool
	twice *string // the name of the first flag given twice
}

// errTwice is the error of a second Set; parse reports it by name.
var errTwice = errors.New("given twice")

func (o *onceValue) Set(s string) error {
	if o.set {
		if *o.twice == "" {
			*o.twice = o.name
		}
		return errTwice
	}
	o.set = true
	return o.Value.Set(s)
}

// IsBoolFlag keeps a boolean flag one that takes no value.
func (o *onceValue) IsBoolFlag() bool {
	b, ok := o.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// once wraps every flag of fs that is not repeatable in a onceValue, and
// returns where the name of the first flag given twice is recorded.
func once(fs *flag.FlagSet) *string {
	twice := new(string)
	fs.VisitAll(func(f *flag.Flag) {
		switch f.Value.(type) {
		case repeatable, *onceValue:
			return
		}
		f.Value = &onceValue{Value: f.Value, name: f.Name, twice: twice}
	})
	return twice
}

// required reports the first of the named flags left empty, as a usage error.
func required(e *env, c *command, flags ...*stringFlag) (code int, done bool) {
	for _, f := range flags {
		if f.value == "" {
			return usageError(e, c, "--%s is required", f.name), true
		}
	}
	return exitOK, false
}

// stdinOnce reports a usage error when more than one input is "-": standard
// input can be read only once.
func stdinOnce(e *env, c *command, flags ...*stringFlag) (code int, done bool) {
	var dash []string
	for _, f := range flags {
		if f.value == "-" {
			dash = append(dash, "--"+f.name)
		}
	}
	if len(dash) > 1 {
		all := "all"
		if len(dash) == 2 {
			all = "both"
		}
		return usageError(e, c, "%s are %s -, but standard input can be read only once", strings.Join(dash, " and "), all), true
	}
	return exitOK, false
}

// A stringFlag is a string flag that knows its name, for messages.
type stringFlag struct {
	name  string
	value string
}

func stringVar(fs *flag.FlagSet, name, value, usage string) *stringFlag {
	f := &stringFlag{name: name}
	fs.StringVar(&f.value, name, value, usage)
	return f
}

// checkFormat reports a --format other than table and json as a usage error.
func checkFormat(e *env, c *command, format *stringFlag) (code int, done bool) {
	if format.value != "table" && format.value != "json" {
		return usageError(e, c, "--format %q: want table or json", format.value), true
	}
	return exitOK, false
}
