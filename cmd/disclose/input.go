package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/internal/closest"
)

// builtinPolicy is how messages name the policy when no --policy is given.
const builtinPolicy = "built-in policy"

// A problem is one thing wrong with an input file, printed as
// "FILE: PATH: MESSAGE", or "FILE: MESSAGE" for the file as a whole.
type problem struct {
	file, path, msg string
}

func (p problem) String() string {
	if p.path == "" {
		return oneLine(p.file) + ": " + oneLine(p.msg)
	}
	return oneLine(p.file) + ": " + oneLine(p.path) + ": " + oneLine(p.msg)
}

// report prints every problem on standard error, one per line, and returns
// the exit code for invalid input.
func report(e *env, ps []problem) int {
	for _, p := range ps {
		fmt.Fprintln(e.stderr, p)
	}
	return exitInvalid
}

// displayName is how messages name an input file.
func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return oneLine(name)
}

// read returns the contents of the named file, or of standard input for
// "-", read through the limit of --max-input: a larger input is a problem,
// found without reading more than one byte past the limit.
func read(e *env, name string) ([]byte, *problem) {
	limit := e.maxInput
	if limit <= 0 {
		limit = defaultMaxInput
	}
	tooLarge := &problem{file: displayName(name), msg: "larger than the " + formatSize(limit) + " input limit (--max-input)"}
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, cannotRead(name, err)
		}
		defer f.Close()
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() > limit {
			return nil, tooLarge
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, cannotRead(name, err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return nil, &problem{file: displayName(name), msg: "starts with a UTF-8 byte order mark, which JSON does not allow (RFC 8259, section 8.1): save the file without it"}
	}
	return data, nil
}

func cannotRead(name string, err error) *problem {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the file name is already at the start of the line
	}
	return &problem{file: displayName(name), msg: "cannot read: " + err.Error()}
}

// problemsOf turns an error of the library into problems of file. data is
// the file's contents, to turn byte offsets into lines and columns.
func problemsOf(file string, data []byte, err error) []problem {
	var ve *disclosure.ValidationError
	if !errors.As(err, &ve) {
		return []problem{{file: file, msg: err.Error()}}
	}
	out := make([]problem, 0, len(ve.Problems))
	for _, fe := range ve.Problems {
		out = append(out, problem{file: file, path: fe.Path, msg: fe.Message + position(data, fe.Offset)})
	}
	return out
}

// position returns " (line L, column C)" for the byte position pos of data,
// counted from 1 as FieldError.Offset counts it, or "" for 0 (a problem
// with no place in the text).
func position(data []byte, pos int64) string {
	if data == nil || pos <= 0 || pos > int64(len(data))+1 {
		return ""
	}
	off := int(pos - 1)
	line := bytes.Count(data[:off], []byte("\n")) + 1
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return fmt.Sprintf(" (line %d, column %d)", line, col)
}

// inputs are the three inputs of a decision, loaded and validated, with
// the changes of the input flags, and the decisions made on them.
type inputs struct {
	policy       disclosure.Policy
	advisory     disclosure.Advisory // as read, then changed by the input flags
	partners     []disclosure.Partner
	policyFile   string // as displayed
	advisoryFile string
	partnersFile string
	// csaf is what csaf.Read made of the advisory file when it is a CSAF
	// document (its Advisory is the advisory before the input flags
	// changed it), which writes each partner's copy; nil for the native
	// format.
	csaf *csaf.Reading
	// csafOptions are the options the document was read with.
	csafOptions csaf.Options
	// plan is the library's plan for every partner of the list.
	plan []disclosure.Disclosure

	cmd string // "disclose plan", how messages about flags start
	// What the input flags added to the advisory, for messages: the
	// exclude_partners and withhold_classes from the index given on are
	// theirs, and so is the embargo if flagEmbargo.
	fileExcludes, fileWithholds int
	flagEmbargo                 bool
}

// load reads and validates the input files (the built-in policy when
// --policy is not given), applies the input flags to the advisory, and
// plans. It returns every problem at once: of every file, of the flags'
// values, and, when each file is valid in itself, between them.
func (f *inputFlags) load(e *env, c *command) (*inputs, []problem) {
	in := &inputs{
		cmd:          "disclose " + c.name,
		policyFile:   builtinPolicy,
		advisoryFile: displayName(f.advisory.value),
		partnersFile: displayName(f.partners.value),
		csafOptions:  csaf.DefaultOptions(),
	}
	var ps []problem
	if f.policy.value == "" {
		in.policy = disclosure.DefaultPolicy()
	} else {
		in.policyFile = displayName(f.policy.value)
		p, err := loadFile(e, f.policy.value, disclosure.LoadPolicy)
		in.policy, ps = p, append(ps, err...)
	}

	data, p := read(e, f.advisory.value)
	if p != nil {
		ps = append(ps, *p)
	}
	optionsOK := true
	if name := f.csafOptions.value; name != "" {
		switch {
		case data != nil && !isCSAF(data):
			ps = append(ps, problem{file: in.advisoryFile, msg: "--csaf-options applies to CSAF advisories, and this one is in this tool's format"})
		default:
			o, err := loadFile(e, name, csaf.LoadOptions)
			if optionsOK = len(err) == 0; optionsOK {
				in.csafOptions = o
			}
			ps = append(ps, err...)
		}
	}
	if data != nil {
		// With bad options, the document is still read, with the default
		// ones, to report its own problems.
		a, r, err := parseAdvisory(in.advisoryFile, data, in.csafOptions)
		in.advisory, ps = a, append(ps, err...)
		in.csaf = r
	}
	l, err := loadFile(e, f.partners.value, disclosure.LoadPartners)
	in.partners, ps = l, append(ps, err...)
	filesOK := len(ps) == 0 && optionsOK

	if len(err) == 0 {
		ps = append(ps, in.checkExcludes(f.exclude.values)...)
	}
	in.applyFlags(e, f)
	if filesOK {
		ps = append(ps, in.decide()...)
	}
	return in, ps
}

// decide runs disclosure.Plan on the inputs, into in.plan.
func (in *inputs) decide() []problem {
	plan, err := disclosure.Plan(in.policy, in.advisory, in.partners)
	if err != nil {
		return in.planProblems(err)
	}
	in.plan = plan
	return nil
}

// checkExcludes reports the --exclude values that name no partner of the
// list.
func (in *inputs) checkExcludes(ids []string) []problem {
	var ps []problem
	for _, id := range ids {
		if slices.ContainsFunc(in.partners, func(p disclosure.Partner) bool { return p.ID == id }) {
			continue
		}
		msg := fmt.Sprintf("--exclude: %q names no partner", id)
		if near := nearestID(id, in.partners); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		} else {
			msg += " of " + in.partnersFile + " (" + knownIDs(in.partners) + ")"
		}
		ps = append(ps, problem{file: in.cmd, msg: msg})
	}
	return ps
}

// nearestID returns the partner id that id most likely misspells, or "".
func nearestID(id string, partners []disclosure.Partner) string {
	return closest.Match(id, len(partners), func(i int) string { return partners[i].ID })
}

// applyFlags changes the advisory as the input flags say: --exclude and
// --withhold add to its lists (the --exclude values that name no partner
// are left out: they are reported), the embargo flags replace its
// embargo.
func (in *inputs) applyFlags(e *env, f *inputFlags) {
	a := &in.advisory
	in.fileExcludes, in.fileWithholds = len(a.ExcludePartners), len(a.WithholdClasses)
	// The advisory's slices may be shared with in.csaf: append to copies.
	a.ExcludePartners = slices.Clip(a.ExcludePartners)
	a.WithholdClasses = slices.Clip(a.WithholdClasses)
	for _, id := range f.exclude.values {
		known := slices.ContainsFunc(in.partners, func(p disclosure.Partner) bool { return p.ID == id })
		if known && !slices.Contains(a.ExcludePartners, id) {
			a.ExcludePartners = append(a.ExcludePartners, id)
		}
	}
	for _, c := range f.withhold.values {
		if !slices.Contains(a.WithholdClasses, disclosure.Class(c)) {
			a.WithholdClasses = append(a.WithholdClasses, disclosure.Class(c))
		}
	}
	if f.embargoEndedAt.set && f.embargoReason.set {
		if old := a.Embargo; !old.EndedAt.IsZero() || old.Reason != "" {
			fmt.Fprintf(e.stderr, "%s: --embargo-ended-at and --embargo-reason replace the embargo of %s (ended at %s, %s)\n",
				in.cmd, in.advisoryFile, utc(old.EndedAt), old.Reason)
		}
		a.Embargo = disclosure.Embargo{EndedAt: f.embargoEndedAt.t, Reason: f.embargoReason.reason}
		in.flagEmbargo = true
		if early := a.PublicAt.Sub(a.Embargo.EndedAt); early > 30*24*time.Hour {
			// Not an error (a flaw can be public for months before its
			// fix), but a mistyped year would release everything now.
			fmt.Fprintf(e.stderr, "%s: warning: --embargo-ended-at %s is %s before the public release %s: "+
				"every entitled partner may have its copy from then; check the date\n",
				in.cmd, utc(a.Embargo.EndedAt), span(early), utc(a.PublicAt))
		}
	}
}

// parseAdvisory reads an advisory in the native format or as a CSAF
// document, told apart by isCSAF. For CSAF it also returns the Reading.
func parseAdvisory(file string, data []byte, opts csaf.Options) (disclosure.Advisory, *csaf.Reading, []problem) {
	if !isCSAF(data) {
		a, err := disclosure.LoadAdvisory(bytes.NewReader(data))
		if err != nil {
			return disclosure.Advisory{}, nil, problemsOf(file, data, err)
		}
		return a, nil, nil
	}
	r, err := csaf.Read(data, opts)
	if err != nil {
		return disclosure.Advisory{}, nil, problemsOf(file, data, err)
	}
	return r.Advisory, &r, nil
}

// loadAdvisory reads an advisory file, a CSAF one with the options in the
// file optionsName, or the default ones when it is "". Options given for
// an advisory of the tool's own format are a problem.
func loadAdvisory(e *env, name, optionsName string) (disclosure.Advisory, *csaf.Reading, []problem) {
	data, p := read(e, name)
	if p != nil {
		return disclosure.Advisory{}, nil, []problem{*p}
	}
	opts := csaf.DefaultOptions()
	if optionsName != "" {
		if !isCSAF(data) {
			return disclosure.Advisory{}, nil, []problem{{file: displayName(name),
				msg: "--csaf-options applies to CSAF advisories, and this one is in this tool's format"}}
		}
		o, ps := loadFile(e, optionsName, csaf.LoadOptions)
		if len(ps) > 0 {
			return disclosure.Advisory{}, nil, ps
		}
		opts = o
	}
	return parseAdvisory(displayName(name), data, opts)
}

// isCSAF reports whether data is a CSAF document (see sniff).
func isCSAF(data []byte) bool { return sniff(data) == kindCSAF }

// loadFile reads one file and decodes it with a loader of the library.
func loadFile[T any](e *env, name string, loader func(io.Reader) (T, error)) (T, []problem) {
	var zero T
	data, p := read(e, name)
	if p != nil {
		return zero, []problem{*p}
	}
	v, err := loader(bytes.NewReader(data))
	if err != nil {
		return zero, problemsOf(displayName(name), data, err)
	}
	return v, nil
}

// planProblems turns an error of Plan or Disclose into problems of the
// files they came from, or of the input flags that changed the advisory.
// The files were validated one by one already, so what is left are
// problems between them, such as a partner's tier that the policy does not
// have, and problems of what the flags added.
func (in *inputs) planProblems(err error) []problem {
	var ve *disclosure.ValidationError
	if !errors.As(err, &ve) {
		return []problem{{file: in.cmd, msg: err.Error()}}
	}
	out := make([]problem, 0, len(ve.Problems))
	for _, fe := range ve.Problems {
		p := problem{path: fe.Path, msg: fe.Message}
		switch {
		case errors.Is(fe, disclosure.ErrInvalidPolicy):
			p.file, p.path = in.policyFile, strings.TrimPrefix(strings.TrimPrefix(fe.Path, "policy"), ".")
		case errors.Is(fe, disclosure.ErrInvalidAdvisory):
			p.file, p.path = in.advisoryFile, strings.TrimPrefix(strings.TrimPrefix(fe.Path, "advisory"), ".")
			if flag := in.flagOf(p.path); flag != "" {
				p.file, p.path = in.cmd, flag
			}
		default:
			p.file = in.partnersFile
		}
		out = append(out, p)
	}
	return out
}

// flagOf returns the input flag that gave the advisory's value at path,
// or "" if the file did.
func (in *inputs) flagOf(path string) string {
	index := func(prefix string) int {
		rest, ok := strings.CutPrefix(path, prefix+"[")
		if !ok {
			return -1
		}
		i, err := strconv.Atoi(rest[:max(strings.IndexByte(rest, ']'), 0)])
		if err != nil {
			return -1
		}
		return i
	}
	switch {
	case index("exclude_partners") >= in.fileExcludes:
		return "--exclude"
	case index("withhold_classes") >= in.fileWithholds:
		return "--withhold"
	case in.flagEmbargo && path == "embargo.reason":
		return "--embargo-reason"
	case in.flagEmbargo && strings.HasPrefix(path, "embargo"):
		return "--embargo-ended-at"
	}
	return ""
}
