package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
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
		return p.file + ": " + p.msg
	}
	return p.file + ": " + p.path + ": " + p.msg
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
	return name
}

// read returns the contents of the named file, or of standard input for "-".
func read(e *env, name string) ([]byte, *problem) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(e.stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the file name is already at the start of the line
		}
		return nil, &problem{file: displayName(name), msg: "cannot read: " + err.Error()}
	}
	return data, nil
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
		out = append(out, problem{file: file, path: fe.Path, msg: fe.Message + position(data, fe.Message)})
	}
	return out
}

// position returns " (line L, column C)" for a message that names a byte
// offset of data ("invalid JSON at byte 42: ..."), or "".
func position(data []byte, msg string) string {
	const marker = "at byte "
	i := strings.Index(msg, marker)
	if i < 0 || data == nil {
		return ""
	}
	digits := msg[i+len(marker):]
	if j := strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' }); j >= 0 {
		digits = digits[:j]
	}
	off, err := strconv.Atoi(digits)
	if err != nil || off < 0 || off > len(data) {
		return ""
	}
	line := bytes.Count(data[:off], []byte("\n")) + 1
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return fmt.Sprintf(" (line %d, column %d)", line, col)
}

// inputs are the three inputs of a decision, loaded and validated.
type inputs struct {
	policy       disclosure.Policy
	advisory     disclosure.Advisory
	partners     []disclosure.Partner
	policyFile   string // as displayed
	advisoryFile string
	partnersFile string
	// csafDoc is the advisory file when it is a CSAF document, which
	// export writes out for each partner; nil for the native format.
	csafDoc []byte
}

// load reads and validates the advisory, the partner list and the policy
// (the built-in one when policyName is ""), and returns every problem of
// every file, not only the first.
func load(e *env, advisoryName, partnersName, policyName string) (*inputs, []problem) {
	in := &inputs{
		policyFile:   builtinPolicy,
		advisoryFile: displayName(advisoryName),
		partnersFile: displayName(partnersName),
	}
	var ps []problem
	if policyName == "" {
		in.policy = disclosure.DefaultPolicy()
	} else {
		in.policyFile = displayName(policyName)
		p, err := loadFile(e, policyName, disclosure.LoadPolicy)
		in.policy, ps = p, append(ps, err...)
	}
	a, doc, err := loadAdvisory(e, advisoryName)
	in.advisory, in.csafDoc, ps = a, doc, append(ps, err...)
	l, err := loadFile(e, partnersName, disclosure.LoadPartners)
	in.partners, ps = l, append(ps, err...)
	return in, ps
}

// loadAdvisory reads an advisory in the native format or as a CSAF
// document, told apart by isCSAF. For CSAF it also returns the document.
func loadAdvisory(e *env, name string) (disclosure.Advisory, []byte, []problem) {
	data, p := read(e, name)
	if p != nil {
		return disclosure.Advisory{}, nil, []problem{*p}
	}
	if !isCSAF(data) {
		a, err := disclosure.LoadAdvisory(bytes.NewReader(data))
		if err != nil {
			return disclosure.Advisory{}, nil, problemsOf(displayName(name), data, err)
		}
		return a, nil, nil
	}
	r, err := csaf.Read(data, csaf.DefaultOptions())
	if err != nil {
		return disclosure.Advisory{}, nil, problemsOf(displayName(name), data, err)
	}
	return r.Advisory, data, nil
}

// isCSAF reports whether data is a CSAF document: a JSON object with a
// "document" member, where CSAF keeps document.csaf_version. The native
// advisory format has no such member, so a CSAF document that lacks its
// csaf_version, or has a syntax error after the key "document", is
// reported by the CSAF reader, with the path of the problem.
func isCSAF(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false // the native loader says what is wrong
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return false
		}
		if key == "document" {
			return true
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}

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
// files they came from. The files were validated one by one already, so
// what is left are problems between them, such as a partner's tier that
// the policy does not have.
func (in *inputs) planProblems(err error) []problem {
	var ve *disclosure.ValidationError
	if !errors.As(err, &ve) {
		return []problem{{file: "disclose", msg: err.Error()}}
	}
	out := make([]problem, 0, len(ve.Problems))
	for _, fe := range ve.Problems {
		p := problem{path: fe.Path, msg: fe.Message}
		switch {
		case errors.Is(fe, disclosure.ErrInvalidPolicy):
			p.file, p.path = in.policyFile, strings.TrimPrefix(strings.TrimPrefix(fe.Path, "policy"), ".")
		case errors.Is(fe, disclosure.ErrInvalidAdvisory):
			p.file, p.path = in.advisoryFile, strings.TrimPrefix(strings.TrimPrefix(fe.Path, "advisory"), ".")
		default:
			p.file = in.partnersFile
		}
		out = append(out, p)
	}
	return out
}

// plan runs disclosure.Plan on the inputs.
func (in *inputs) plan() ([]disclosure.Disclosure, []problem) {
	plan, err := disclosure.Plan(in.policy, in.advisory, in.partners)
	if err != nil {
		return nil, in.planProblems(err)
	}
	return plan, nil
}
