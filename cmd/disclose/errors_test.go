package main

import (
	"bytes"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestErrors checks every error path: the exit code, and that standard
// error says what is wrong where.
func TestErrors(t *testing.T) {
	dir := t.TempDir()
	missing := dir + "/no-such-advisory.json"
	syntax := writeTemp(t, "syntax.json", "{\n  \"id\": \"ADV-1\",\n  \"public_at\": \n}\n")
	unknown := writeTemp(t, "unknown.json", `{"id": "ADV-1", "revision": 1, "titel": "typo", "public_at": "2025-07-08T17:00:00Z"}`)
	noOffset := writeTemp(t, "no-offset.json", `{"id": "ADV-1", "revision": 1, "public_at": "2025-07-08T17:00:00"}`)
	invalid := writeTemp(t, "invalid.json", `{"id": "", "revision": 0, "cves": ["CVE-25-1"], "public_at": "2025-07-08T17:00:00Z"}`)
	badTier := writeTemp(t, "bad-tier.json", strings.Replace(readDemo(t, "partners.json"), `"tier": "responder"`, `"tier": "gold"`, 1))
	neither := writeTemp(t, "neither.json", `{"name": "what is this?"}`)

	tests := []struct {
		name     string
		args     []string
		stdin    string
		wantCode int
		want     []string // each must be in standard error
	}{
		{
			name:     "missing file",
			args:     []string{"plan", "--advisory", missing, "--partners", partnersFile},
			wantCode: 1,
			want:     []string{missing + ": cannot read: no such file or directory"},
		},
		{
			name:     "JSON syntax error",
			args:     []string{"plan", "--advisory", syntax, "--partners", partnersFile},
			wantCode: 1,
			want:     []string{syntax + ": ", "invalid JSON at byte", "(line 4, column 1)"},
		},
		{
			name:     "unknown field",
			args:     []string{"plan", "--advisory", unknown, "--partners", partnersFile},
			wantCode: 1,
			want:     []string{unknown + `: titel: unknown field "titel"`},
		},
		{
			name:     "time without offset",
			args:     []string{"explain", "--partner", "ardentic", "--advisory", noOffset, "--partners", partnersFile},
			wantCode: 1,
			want:     []string{noOffset + `: public_at: "2025-07-08T17:00:00" is not an RFC 3339 time with a zone offset`},
		},
		{
			name:     "every problem of every file",
			args:     []string{"plan", "--advisory", invalid, "--partners", missing},
			wantCode: 1,
			want: []string{
				invalid + ": id: required",
				invalid + ": revision: must be at least 1, got 0",
				invalid + `: cves[0]: "CVE-25-1" is not a CVE ID`,
				missing + ": cannot read: no such file or directory",
			},
		},
		{
			name:     "tier the policy does not have",
			args:     []string{"plan", "--advisory", advisoryFile, "--partners", badTier},
			wantCode: 1,
			want:     []string{badTier + `: partners[5].tier: unknown tier "gold" (the policy has responder, entry, validate)`},
		},
		{
			name:     "unknown partner",
			args:     []string{"explain", "--partner", "nobody", "--advisory", advisoryFile, "--partners", partnersFile},
			wantCode: 1,
			want: []string{`no partner with id "nobody"`,
				"known ids: ardentic, brimlock, kesselwerk, harunoki, tavoran, vasudrik, jinlumo, cobaltreach, eurivon, glimmerfen (and 2 more)"},
		},
		{
			name:     "unknown partner, another case",
			args:     []string{"explain", "--partner", "JinLumo", "--advisory", advisoryFile, "--partners", partnersFile},
			wantCode: 1,
			want:     []string{"disclose explain: " + partnersFile + `: no partner with id "JinLumo"; did you mean "jinlumo"?` + "\n"},
		},
		{
			name:     "unknown partner, misspelt",
			args:     []string{"explain", "--partner", "jinlumu", "--advisory", advisoryFile, "--partners", partnersFile},
			wantCode: 1,
			want:     []string{"disclose explain: " + partnersFile + `: no partner with id "jinlumu"; did you mean "jinlumo"?` + "\n"},
		},
		{
			name:     "validate: bad and unrecognisable files",
			args:     []string{"validate", advisoryFile, invalid, neither, missing},
			wantCode: 1,
			want: []string{invalid + ": id: required", invalid + ": revision: must be at least 1, got 0",
				neither + ": cannot tell whether this is a policy, an advisory or a partner list",
				missing + ": cannot read: no such file or directory"},
		},
		{
			name:     "bad flag",
			args:     []string{"plan", "--advisory", advisoryFile, "--partners", partnersFile, "--bogus"},
			wantCode: 2,
			want:     []string{"disclose plan: unknown flag --bogus", `Run "disclose plan --help" for the flags and examples.`},
		},
		{
			name:     "flag without its value",
			args:     []string{"explain", "--partner"},
			wantCode: 2,
			want:     []string{"flag needs an argument", `Run "disclose explain --help" for the flags and examples.`},
		},
		{
			name:     "required flag missing",
			args:     []string{"plan", "--advisory", advisoryFile},
			wantCode: 2,
			want:     []string{"disclose plan: --partners is required", `Run "disclose plan --help" for the flags and examples.`},
		},
		{
			name:     "stray argument",
			args:     []string{"plan", "--advisory", advisoryFile, "--partners", partnersFile, "extra.json"},
			wantCode: 2,
			want:     []string{`unexpected argument "extra.json"`, `Run "disclose plan --help" for the flags and examples.`},
		},
		{
			name:     "no command",
			args:     nil,
			wantCode: 2,
			want:     []string{"Usage:", "Commands:", "demo", "plan", "explain", "validate", "calendar", "policy"},
		},
		{
			name:     "unknown command",
			args:     []string{"schedule"},
			wantCode: 2,
			want: []string{`disclose: unknown command "schedule"`,
				`The commands are demo, plan, explain, export, ledger, investigate, classify, trace, validate, calendar, policy, csaf-options. Run "disclose help" for what each does.`},
		},
		{
			name:     "help for an unknown command",
			args:     []string{"help", "schedule"},
			wantCode: 2,
			want:     []string{`unknown command "schedule"`, `Run "disclose help" for what each does.`},
		},
		{
			name:     "--at without offset",
			args:     []string{"plan", "--advisory", advisoryFile, "--partners", partnersFile, "--at", "2025-07-07T10:00:00"},
			wantCode: 2,
			want:     []string{`disclose plan: --at "2025-07-07T10:00:00": not an RFC 3339 time with a zone offset`, `Run "disclose plan --help" for the flags and examples.`},
		},
		{
			name:     "--at not a time",
			args:     []string{"plan", "--advisory", advisoryFile, "--partners", partnersFile, "--at", "tomorrow"},
			wantCode: 2,
			want:     []string{`disclose plan: --at "tomorrow": not an RFC 3339 time`},
		},
		{
			name:     "explain --at without offset",
			args:     []string{"explain", "--partner", "ardentic", "--advisory", advisoryFile, "--partners", partnersFile, "--at", "2025-07-05"},
			wantCode: 2,
			want:     []string{`disclose explain: --at "2025-07-05": not an RFC 3339 time with a zone offset`, `Run "disclose explain --help" for the flags and examples.`},
		},
		{
			name:     "two inputs from standard input",
			args:     []string{"plan", "--advisory", "-", "--partners", "-"},
			wantCode: 2,
			want:     []string{"--advisory and --partners are both -, but standard input can be read only once", `Run "disclose plan --help" for the flags and examples.`},
		},
		{
			name:     "validate: standard input twice",
			args:     []string{"validate", "-", "-"},
			wantCode: 2,
			want:     []string{"standard input (-) can be read only once"},
		},
		{
			name:     "bad format",
			args:     []string{"plan", "--advisory", advisoryFile, "--partners", partnersFile, "--format", "csv"},
			wantCode: 2,
			want:     []string{`--format "csv": want table or json`},
		},
		{
			name:     "validate without files",
			args:     []string{"validate"},
			wantCode: 2,
			want:     []string{"no FILE given", `Run "disclose validate --help" for the flags and examples.`},
		},
		{
			name:     "calendar: year out of range",
			args:     []string{"calendar", "--year", "10000"},
			wantCode: 2,
			want:     []string{"--year 10000: want a year from 1 to 9999"},
		},
		{
			name:     "invalid input on standard input",
			args:     []string{"plan", "--advisory", advisoryFile, "--partners", "-"},
			stdin:    `{"partners": [{"id": "x", "tier": "entry", "jurisdictions": ["ZZ"], "status": "active"}]}`,
			wantCode: 1,
			want:     []string{`<stdin>: partners[0].jurisdictions[0]: "ZZ" is not an ISO 3166-1 alpha-2 code`},
		},
		{
			name:     "demo export refuses to overwrite",
			args:     []string{"demo", "--export", "demo"},
			wantCode: 1,
			want:     []string{"already exists; not overwriting it"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := disclose(t, tt.stdin, tt.args...)
			if tt.name == "validate: bad and unrecognisable files" {
				r.stdout = "" // validate reports the files it read on standard output
			}
			checkFailure(t, r, tt.wantCode, tt.want)
			if tt.wantCode == 2 && tt.args != nil && strings.Count(r.stderr, "\n") != 2 {
				t.Errorf("a usage error printed more than the error and a hint:\n%s", r.stderr)
			}
		})
	}
}

// TestInputProblemFormat checks that every line of a report of invalid
// input has the form FILE: PATH: MESSAGE or FILE: MESSAGE.
func TestInputProblemFormat(t *testing.T) {
	bad := writeTemp(t, "partners.json", `{"partners": [
		{"id": "a", "tier": "", "jurisdictions": ["us", "XX"], "status": "active"},
		{"id": "a", "tier": "entry", "jurisdictions": ["US"], "status": "active",
		 "agreement": {"signed_at": "2024-01-01T00:00:00Z", "expires_at": "2023-01-01T00:00:00Z"}}]}`)
	r := disclose(t, "", "validate", bad)
	if r.code != 1 {
		t.Fatalf("exit code %d, want 1", r.code)
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	want := []string{
		bad + ": partners[0].tier: required",
		bad + `: partners[0].jurisdictions[0]: "us" is not an ISO 3166-1 alpha-2 code (codes are upper case: "US")`,
		bad + `: partners[0].jurisdictions[1]: "XX" is not an ISO 3166-1 alpha-2 code`,
		bad + ": partners[1].agreement.expires_at: before signed_at",
		bad + `: partners[1].id: "a" repeats partners[0]`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", r.stderr, strings.Join(want, "\n"))
	}
}

// TestHelp checks that the tool and every command have help with an
// example, on standard output with exit 0.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		out := mustSucceed(t, "", args...)
		if !strings.Contains(out, "Commands:") {
			t.Errorf("disclose %s: no list of commands:\n%s", args[0], out)
		}
	}
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "--help"}, {c.name, "-h"}, {"help", c.name}} {
			out := mustSucceed(t, "", args...)
			if !strings.Contains(out, "Usage: disclose "+c.name) || !strings.Contains(out, "Example") ||
				!strings.Contains(out, "\n  disclose "+c.name) {
				t.Errorf("disclose %s: help without usage or example:\n%s", strings.Join(args, " "), out)
			}
		}
	}
}

// panicWriter panics on every write.
type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("boom") }

// TestRunRecovers checks that run turns a panic into a one-line error and
// exit code 1, in process.
func TestRunRecovers(t *testing.T) {
	var stderr bytes.Buffer
	code := run([]string{"policy"}, strings.NewReader(""), panicWriter{}, &stderr)
	if code != 1 || stderr.String() != "disclose: internal error: boom\n" {
		t.Errorf("run = %d, stderr %q; want 1 and a one-line error", code, stderr.String())
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestWriteError checks that output lost to a failed write is an error,
// not a success.
func TestWriteError(t *testing.T) {
	for _, args := range [][]string{{"policy"}, {"calendar", "--year", "2025"}, {"demo"}} {
		var stderr bytes.Buffer
		code := run(args, strings.NewReader(""), failWriter{}, &stderr)
		if code != 1 || !strings.HasPrefix(stderr.String(), "disclose: writing") || !strings.HasSuffix(stderr.String(), ": disk full\n") {
			t.Errorf("disclose %s: run = %d, stderr %q; want 1 and the write error", args[0], code, stderr.String())
		}
	}
}

// TestPositionOnlyForJSONText checks that a line and column are given for
// problems of the JSON text, and not computed from the byte offsets that
// other messages give within a value.
func TestPositionOnlyForJSONText(t *testing.T) {
	list := strings.Replace(readDemo(t, "partners.json"), `"id": "jinlumo"`, `"id": "jinlum\u043e"`, 1) // a Cyrillic о
	r := disclose(t, "", "validate", writeTemp(t, "partners.json", list))
	if r.code != exitInvalid || !strings.Contains(r.stderr, "U+043E CYRILLIC SMALL LETTER O at byte 6") || strings.Contains(r.stderr, "(line ") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	r = disclose(t, "", "validate", writeTemp(t, "partners.json", "{\n  \"partners\": [\n    {,\n"))
	if r.code != exitInvalid || !strings.Contains(r.stderr, "(line 3, column 6)") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// flagsOf returns the flags a command's usage describes, in order: those
// named at the start of a line of its flag lists ("  --name ...", such as
// "  --embargo-ended-at TIME --embargo-reason REASON").
func flagsOf(usage string) []string {
	var names []string
	for _, line := range strings.Split(usage, "\n") {
		if !strings.HasPrefix(line, "  --") {
			continue
		}
		for _, m := range flagName.FindAllStringSubmatch(line, -1) {
			if !slices.Contains(names, m[1]) {
				names = append(names, m[1])
			}
		}
	}
	return names
}

var flagName = regexp.MustCompile(`--([a-z][a-z-]*)\b`)

// TestEveryFlagHasAnExample checks that every flag of every command's
// flag list has an "e.g." line that uses it, and that every flag of the
// synopsis is in the flag list.
func TestEveryFlagHasAnExample(t *testing.T) {
	for _, c := range commands {
		flags := flagsOf(c.usage)
		if len(flags) == 0 {
			t.Errorf("%s: the usage describes no flag", c.name)
		}
		var examples []string
		for _, line := range strings.Split(c.usage, "\n") {
			if l := strings.TrimSpace(line); strings.HasPrefix(l, "e.g. ") {
				examples = append(examples, l+" ")
			}
		}
		for _, name := range flags {
			if !slices.ContainsFunc(examples, func(l string) bool { return strings.Contains(l, "--"+name+" ") }) {
				t.Errorf("%s --%s: no e.g. line uses it", c.name, name)
			}
		}
		synopsis, _, _ := strings.Cut(c.usage, "\n")
		for _, m := range flagName.FindAllStringSubmatch(synopsis, -1) {
			if !slices.Contains(flags, m[1]) {
				t.Errorf("%s --%s: in the synopsis, not in the flag list", c.name, m[1])
			}
		}
	}
}

// TestOverviewAligned checks that the overview's command list is aligned,
// whatever the length of the commands' names.
func TestOverviewAligned(t *testing.T) {
	out := mustSucceed(t, "", "help")
	col := -1
	for _, c := range commands {
		i := strings.Index(out, "\n  "+c.name+" ")
		if i < 0 {
			t.Fatalf("%s is not listed:\n%s", c.name, out)
		}
		line, _, _ := strings.Cut(out[i+1:], "\n")
		start := strings.Index(line, c.summary)
		switch {
		case start < 0:
			t.Errorf("%s: the summary is not on its line: %q", c.name, line)
		case col < 0:
			col = start
		case start != col:
			t.Errorf("%s: the summary starts at column %d, the first at %d:\n%s", c.name, start, col, out)
		}
	}
}

// TestPolicyHelp checks that the help of policy names every command that
// takes --policy.
func TestPolicyHelp(t *testing.T) {
	help := strings.Join(strings.Fields(policyCmd.usage), " ")
	for _, c := range commands {
		if slices.Contains(flagsOf(c.usage), "policy") && !strings.Contains(help, c.name) {
			t.Errorf("policy --help does not say that %s takes --policy", c.name)
		}
	}
	if !strings.Contains(help, "to plan, explain and export with --policy") {
		t.Errorf("policy --help: %s", help)
	}
}

// TestByteOrderMark checks that a file starting with a UTF-8 byte order
// mark gets a message that says so, not one about a character 'ï'.
func TestByteOrderMark(t *testing.T) {
	f := writeTemp(t, "partners.json", "\xef\xbb\xbf"+readDemo(t, "partners.json"))
	for _, args := range [][]string{{"validate", f}, {"plan", "--advisory", advisoryFile, "--partners", f}} {
		r := disclose(t, "", args...)
		if r.code != exitInvalid || !strings.Contains(r.stderr, "byte order mark") {
			t.Errorf("%v: exit %d, stderr:\n%s", args, r.code, r.stderr)
		}
	}
}
