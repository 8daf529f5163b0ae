package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

var validateCmd = &command{
	name:    "validate",
	run:     runValidate,
	summary: "check policy, advisory and partner-list files",
	usage: `Usage: disclose validate [--format table|json] [--max-input SIZE] FILE...

Checks each file with the same strict rules plan and explain use. The kind
of each file is told from its keys: a policy has "tiers", an advisory has
"public_at" or "sections", a CSAF advisory has "document" (with
document.csaf_version), a partner list has "partners".

Prints "FILE: ok (KIND)" for each good file on standard output, and every
problem of a bad file on standard error, one per line, as FILE: PATH: MESSAGE
(PATH is the JSON path of the faulty value, such as partners[3].tier).
Exits with status 1 if any file is bad.

With --format json, the report of every file, good or bad, is JSON on
standard output, and nothing goes to standard error: a list with one
entry per FILE, {"file", "kind", "ok", "problems": [{"path", "message"}]}
("file" as given, - for standard input; "kind" "" when it cannot be
told; "path" "" for a problem of the whole file). The exit status is 1
if any file is bad, as with the table.

A partner's tier is checked against a policy only by plan and explain.
A FILE of - reads standard input.

Flags (before the FILEs):
  --format FORMAT   table (default), or json: the report as data
                    e.g. --format json
` + maxInputHelp + `
Examples:
  disclose validate policy.json advisory.json partners.json
  disclose validate --max-input 200MB big-advisory.json
  disclose validate --format json policy.json advisory.json partners.json
`,
}

func runValidate(e *env, c *command, args []string) int {
	cl := newFlags(c)
	cl.args = "FILE"
	format := cl.formatVar()
	maxInputVar(cl.FlagSet, e)
	if code, done := cl.parse(e, args); done {
		return code
	}
	files := cl.Args()
	dashes := 0
	for _, f := range files {
		if f == "-" {
			dashes++
		}
	}
	if dashes > 1 {
		return usageError(e, c, "standard input (-) can be read only once")
	}
	code := exitOK
	var results []validated
	for _, name := range files {
		kind, problems := validateFile(e, name)
		if len(problems) > 0 {
			code = exitInvalid
		}
		if format.value == "json" {
			results = append(results, validatedJSON(name, kind, problems))
			continue
		}
		if len(problems) > 0 {
			report(e, problems)
			continue
		}
		fmt.Fprintf(e.stdout, "%s: ok (%s)\n", displayName(name), kind)
	}
	if format.value == "json" {
		if wcode := writeJSON(e, results); wcode != exitOK {
			return wcode
		}
	}
	return code
}

// validated is one entry of validate --format json.
type validated struct {
	File     string             `json:"file"`
	Kind     string             `json:"kind"`
	OK       bool               `json:"ok"`
	Problems []validatedProblem `json:"problems"`
}

type validatedProblem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func validatedJSON(name, kind string, problems []problem) validated {
	v := validated{File: name, Kind: kind, OK: len(problems) == 0, Problems: []validatedProblem{}}
	for _, p := range problems {
		v.Problems = append(v.Problems, validatedProblem{Path: p.path, Message: p.msg})
	}
	return v
}

// validateFile tells the kind of one file and checks it with the matching
// loader of the library.
func validateFile(e *env, name string) (kind string, problems []problem) {
	file := displayName(name)
	data, p := read(e, name)
	if p != nil {
		return "", []problem{*p}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", []problem{{file: file, msg: "empty: no JSON value"}}
	}
	k := sniff(data)
	var err error
	switch k {
	case kindCSAF:
		_, err = csaf.Read(data, csaf.DefaultOptions())
	case kindPolicy:
		_, err = disclosure.LoadPolicy(bytes.NewReader(data))
	case kindAdvisory:
		_, err = disclosure.LoadAdvisory(bytes.NewReader(data))
	case kindPartners:
		_, err = disclosure.LoadPartners(bytes.NewReader(data))
	default:
		if !json.Valid(data) {
			// Any loader says where the JSON breaks, with its offset.
			_, err = disclosure.LoadPartners(bytes.NewReader(data))
			return "", problemsOf(file, data, err)
		}
		return "", []problem{{file: file, msg: `cannot tell whether this is a policy, an advisory or a partner list ` +
			`(a policy has "tiers", an advisory "public_at" or "sections", a CSAF advisory "document", a partner list "partners")`}}
	}
	kind = string(k)
	if err != nil {
		return kind, problemsOf(file, data, err)
	}
	return kind, nil
}
