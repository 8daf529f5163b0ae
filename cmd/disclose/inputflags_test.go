package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// byID returns the disclosure of partner id in plan.
func byID(t *testing.T, plan []disclosure.Disclosure, id string) disclosure.Disclosure {
	t.Helper()
	for _, d := range plan {
		if d.PartnerID == id {
			return d
		}
	}
	t.Fatalf("no disclosure for %s", id)
	return disclosure.Disclosure{}
}

// TestExcludeFlag checks that --exclude adds to the advisory's
// exclude_partners, for a native and a CSAF advisory, and keeps the file's
// own entries.
func TestExcludeFlag(t *testing.T) {
	for _, adv := range []string{advisoryFile, csafFile} {
		t.Run(adv, func(t *testing.T) {
			plan := planOf(t, "", "--advisory", adv, "--partners", partnersFile, "--exclude", "jinlumo", "--exclude", "ardentic", "--exclude", "jinlumo")
			for _, id := range []string{"jinlumo", "ardentic"} {
				d := byID(t, plan, id)
				if d.Entitled || d.Reasons[0].Code != disclosure.CodePartnerExcluded {
					t.Errorf("%s: entitled %v, reasons %v; want excluded", id, d.Entitled, d.Reasons)
				}
			}
			if d := byID(t, plan, "quillmark"); d.Entitled != (adv == csafFile) {
				t.Errorf("quillmark: entitled %v; the flag changed the file's own exclusions", d.Entitled)
			}
			if d := byID(t, plan, "brimlock"); !d.Entitled {
				t.Error("brimlock is no longer entitled")
			}
		})
	}
}

// TestWithholdFlag checks that --withhold adds to withhold_classes.
func TestWithholdFlag(t *testing.T) {
	plan := planOf(t, "", "--advisory", advisoryFile, "--partners", partnersFile, "--withhold", "proof-of-concept", "--withhold", "mitigations")
	d := byID(t, plan, "ardentic")
	if !d.Entitled || d.Receives(disclosure.ClassProofOfConcept) || d.Receives(disclosure.ClassMitigations) || !d.Receives(disclosure.ClassDescription) {
		t.Errorf("ardentic receives %v; want neither proof-of-concept nor mitigations", d.Classes)
	}
	if len(d.Advisory.Artifacts) != 0 {
		t.Errorf("ardentic's copy keeps %d artifacts", len(d.Advisory.Artifacts))
	}
}

// TestEmbargoFlags checks that the embargo flags end the embargo, replace
// the file's embargo with a note on standard error, and are checked.
func TestEmbargoFlags(t *testing.T) {
	ended := time.Date(2025, 7, 3, 9, 0, 0, 0, time.UTC)
	flags := []string{"--embargo-ended-at", "2025-07-03T02:00:00-07:00", "--embargo-reason", "exploited"}
	plan := planOf(t, "", append([]string{"--advisory", advisoryFile, "--partners", partnersFile}, flags...)...)
	for _, d := range plan {
		if d.Entitled && d.ReleaseAt.After(ended) {
			t.Errorf("%s: release %v, after the embargo's end %v", d.PartnerID, d.ReleaseAt, ended)
		}
	}
	if d := byID(t, plan, "jinlumo"); !d.Entitled || !d.ReleaseAt.Equal(ended) {
		t.Errorf("jinlumo (restricted): release %v, want the embargo's end %v", d.ReleaseAt, ended)
	}

	embargoed := writeTemp(t, "advisory.json", strings.Replace(readDemo(t, "advisory.json"), `"exclude_partners"`,
		`"embargo": {"ended_at": "2025-07-05T00:00:00Z", "reason": "public"}, "exclude_partners"`, 1))
	r := disclose(t, "", append([]string{"plan", "--format", "json", "--advisory", embargoed, "--partners", partnersFile}, flags...)...)
	want := "disclose plan: --embargo-ended-at and --embargo-reason replace the embargo of " + embargoed + " (ended at 2025-07-05T00:00:00Z, public)\n"
	if r.code != 0 || !strings.HasPrefix(r.stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant it to start with:\n%s", r.code, r.stderr, want)
	}

	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--embargo-ended-at", "2025-07-03T09:00:00Z"}, 2, "disclose plan: --embargo-ended-at needs --embargo-reason"},
		{[]string{"--embargo-reason", "public"}, 2, "disclose plan: --embargo-reason needs --embargo-ended-at TIME"},
		{[]string{"--embargo-ended-at", "2025-07-03", "--embargo-reason", "public"}, 2,
			`disclose plan: --embargo-ended-at "2025-07-03": not an RFC 3339 time with a zone offset`},
		{[]string{"--embargo-ended-at", "2025-07-03T09:00:00Z", "--embargo-reason", "leaked"}, 2,
			`disclose plan: --embargo-reason "leaked": want public, exploited, exploit-public or other`},
		{[]string{"--embargo-ended-at", "2025-07-09T09:00:00Z", "--embargo-reason", "public"}, 1,
			"disclose plan: --embargo-ended-at: after public_at"},
	}
	for _, tt := range tests {
		r := disclose(t, "", append([]string{"plan", "--advisory", advisoryFile, "--partners", partnersFile}, tt.args...)...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d and %q", tt.args, r.code, r.stderr, tt.code, tt.want)
		}
	}
}

// TestCSAFOptionsFlag checks that --csaf-options classifies the notes of a
// CSAF advisory for plan and for the copies export writes, and is refused
// with a native advisory.
func TestCSAFOptionsFlag(t *testing.T) {
	// Notes of category details become description, which restricted
	// partners receive.
	opts := writeTemp(t, "options.json", `{"note_categories": {"summary": "description", "description": "description",
		"general": "description", "details": "description"}, "untitled_notes": {}, "note_titles": [], "embargo_signals": []}`)
	inputs := []string{"--advisory", csafFile, "--partners", partnersFile}
	def := byID(t, planOf(t, "", inputs...), "jinlumo")
	got := byID(t, planOf(t, "", append(inputs, "--csaf-options", opts)...), "jinlumo")
	if def.Receives(disclosure.ClassTechnicalDetails) || len(got.Advisory.Sections) <= len(def.Advisory.Sections) {
		t.Errorf("jinlumo: %d sections with the options, %d without; want more", len(got.Advisory.Sections), len(def.Advisory.Sections))
	}

	const rootCause = "then deserializes attacker-supplied control data"
	for _, tt := range []struct {
		flags []string
		want  bool
	}{{nil, false}, {[]string{"--csaf-options", opts}, true}} {
		out := t.TempDir()
		mustSucceed(t, "", append(append([]string{"export", "--partner", "jinlumo", "--out", out}, inputs...), tt.flags...)...)
		doc, err := os.ReadFile(filepath.Join(out, copyOf("jinlumo")))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(doc), rootCause) != tt.want {
			t.Errorf("export %v: the copy has the details note: %v, want %v", tt.flags, !tt.want, tt.want)
		}
	}

	r := disclose(t, "", "plan", "--advisory", advisoryFile, "--partners", partnersFile, "--csaf-options", opts)
	if want := advisoryFile + ": --csaf-options applies to CSAF advisories"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("native advisory with --csaf-options: exit %d, stderr:\n%s\nwant 1 and %q", r.code, r.stderr, want)
	}
}

// TestInputProblemsAtOnce checks that the problems of the flags' values
// are reported with those of the files, in one run.
func TestInputProblemsAtOnce(t *testing.T) {
	badOpts := writeTemp(t, "options.json", `{"note_categories": {"details": "secret"}}`)
	missing := filepath.Join(t.TempDir(), "no-such-policy.json")
	shortKey := writeTemp(t, "short.key", "0123456789")
	badTier := writeTemp(t, "partners.json", strings.Replace(readDemo(t, "partners.json"), `"tier": "responder"`, `"tier": "gold"`, 1))
	badJurisdiction := writeTemp(t, "partners.json", strings.Replace(readDemo(t, "partners.json"), `"DE"`, `"XX"`, 1))
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"bad options, missing policy, bad --exclude",
			[]string{"plan", "--advisory", csafFile, "--partners", partnersFile, "--policy", missing, "--csaf-options", badOpts, "--exclude", "Quillmark", "--exclude", "nobody"},
			[]string{
				missing + ": cannot read: no such file or directory",
				badOpts + `: note_categories.details: unknown class "secret"`,
				`disclose plan: --exclude: "Quillmark" names no partner (did you mean "quillmark"?)`,
				`disclose plan: --exclude: "nobody" names no partner of ` + partnersFile + ` (known ids: ardentic`,
			}},
		{"bad partner list and bad advisory", // --exclude cannot be checked without a list
			[]string{"plan", "--advisory", badOpts, "--partners", badJurisdiction, "--exclude", "nobody"},
			[]string{
				badOpts + `: note_categories: unknown field "note_categories"`,
				badJurisdiction + `: partners[2].jurisdictions[0]: "XX" is not an ISO 3166-1 alpha-2 code`,
			}},
		{"a tier the policy lacks and a bad --exclude",
			[]string{"explain", "--partner", "ardentic", "--advisory", advisoryFile, "--partners", badTier, "--exclude", "jinlumu"},
			[]string{
				badTier + `: partners[5].tier: unknown tier "gold"`,
				`disclose explain: --exclude: "jinlumu" names no partner (did you mean "jinlumo"?)`,
			}},
		{"export: bad --exclude and a short key to mark a CSAF advisory",
			[]string{"export", "--all", "--out", t.TempDir(), "--advisory", csafFile, "--partners", partnersFile, "--exclude", "QUILLMARK",
				"--mark-key-file", shortKey},
			[]string{
				shortKey + ": invalid key: 10 bytes, want at least 16",
				`disclose export: --exclude: "QUILLMARK" names no partner (did you mean "quillmark"?)`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := disclose(t, "", tt.args...)
			if r.code != 1 || r.stdout != "" || strings.Contains(r.stderr, "Usage:") {
				t.Errorf("exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("standard error lacks %q:\n%s", w, r.stderr)
				}
			}
		})
	}
}

// TestInputFlagUsageErrors checks the values refused before any file is
// read.
func TestInputFlagUsageErrors(t *testing.T) {
	inputs := []string{"--advisory", advisoryFile, "--partners", partnersFile}
	tests := []struct {
		args []string
		want []string
	}{
		{append([]string{"plan", "--withhold", "secrets"}, inputs...),
			[]string{`disclose plan: --withhold "secrets": unknown class; the classes are summary, description, mitigations, indicators, ` +
				"detection-guidance, technical-details, repro-steps, proof-of-concept, unclassified", `Run "disclose plan --help" for the flags and examples.`}},
		{append([]string{"export", "--all", "--out", t.TempDir(), "--max-input", "lots"}, inputs...),
			[]string{`disclose export: --max-input "lots": want a size in bytes`}},
		{append([]string{"explain", "--partner", "ardentic", "--max-input", "0"}, inputs...),
			[]string{`disclose explain: --max-input "0": must be more than 0`}},
		{[]string{"validate", "--max-input", "99999999999GiB", advisoryFile}, []string{`disclose validate: --max-input "99999999999GiB": too large`}},
		{[]string{"plan", "--advisory", "-", "--partners", partnersFile, "--csaf-options", "-"},
			[]string{"--advisory and --csaf-options are both -"}},
	}
	for _, tt := range tests {
		r := disclose(t, "", tt.args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2", tt.args, r.code)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: standard error lacks %q:\n%s", tt.args, w, r.stderr)
			}
		}
	}
}

// endless is standard input that never ends, as /dev/zero.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// TestMaxInput checks that every input is read through the limit of
// --max-input: a larger one is invalid input, and endless input ends.
func TestMaxInput(t *testing.T) {
	big := writeTemp(t, "big.json", `{"partners": []}`+strings.Repeat(" ", 199_984)) // 200 kB
	tests := []struct {
		name  string
		args  []string
		stdin io.Reader
		want  string
	}{
		{"endless standard input, default limit", []string{"plan", "--advisory", advisoryFile, "--partners", "-"},
			endless{}, "<stdin>: larger than the 64 MiB input limit (--max-input)\n"},
		{"endless standard input", []string{"plan", "--advisory", "-", "--partners", partnersFile, "--max-input", "1MiB"},
			endless{}, "<stdin>: larger than the 1 MiB input limit (--max-input)\n"},
		{"explain", []string{"explain", "--partner", "x", "--advisory", advisoryFile, "--partners", big, "--max-input", "100kB"},
			nil, big + ": larger than the 100 kB input limit (--max-input)\n"},
		{"export", []string{"export", "--all", "--out", t.TempDir(), "--advisory", csafFile, "--partners", partnersFile, "--max-input", "1000"},
			nil, csafFile + ": larger than the 1 kB input limit (--max-input)\n" + partnersFile + ": larger than the 1 kB input limit (--max-input)\n"},
		{"validate a file", []string{"validate", "--max-input", "199999", big}, nil, big + ": larger than the 199999 bytes input limit (--max-input)\n"},
		{"validate standard input", []string{"validate", "--max-input", "1KiB", "-"}, endless{}, "<stdin>: larger than the 1 KiB input limit (--max-input)\n"},
		{"trace", []string{"trace", "--key-file", testKeyFile, "--advisory", advisoryFile, "--partners", partnersFile, "--max-input", "1MB", "-"},
			endless{}, "<stdin>: larger than the 1 MB input limit (--max-input)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := tt.stdin
			if stdin == nil {
				stdin = strings.NewReader("")
			}
			// An endless input that the limit failed to stop would never
			// return: the test binary's own timeout reports it.
			var stdout, stderr bytes.Buffer
			code := run(tt.args, stdin, &stdout, &stderr)
			if code != 1 || stderr.String() != tt.want || stdout.Len() != 0 {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant 1 and:\n%s", code, stdout.String(), stderr.String(), tt.want)
			}
		})
	}
	// Within the limit, the file is read.
	mustSucceed(t, "", "validate", "--max-input", "200kB", big)
}

// TestParseSize checks the sizes --max-input accepts, and how they are
// written back.
func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int64
		back string
	}{
		{"1048576", 1 << 20, "1 MiB"}, {"64MiB", 64 << 20, "64 MiB"}, {"64mib", 64 << 20, "64 MiB"}, {"200MB", 200e6, "200 MB"},
		{"1GiB", 1 << 30, "1 GiB"}, {"1 GiB", 1 << 30, "1 GiB"}, {"3kB", 3000, "3 kB"}, {"1", 1, "1 byte"}, {"1500B", 1500, "1500 bytes"},
	} {
		n, err := parseSize(tt.in)
		if err != nil || n != tt.n || formatSize(n) != tt.back {
			t.Errorf("parseSize(%q) = %d, %v (%q); want %d (%q)", tt.in, n, err, formatSize(n), tt.n, tt.back)
		}
	}
	for _, in := range []string{"", "MiB", "-1", "1.5GiB", "64 M", "0", "9223372036854775807KiB", "99999999999999999999"} {
		if n, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) = %d, want an error", in, n)
		}
	}
}

// TestInputFlagsHelp checks that every input flag is declared once, for
// plan, explain and export alike, and that each command's help describes
// every one of its flags, the input flags with an example line.
func TestInputFlagsHelp(t *testing.T) {
	cl := newFlags(planCmd)
	addInputFlags(cl, &env{})
	var names []string
	cl.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) != 9 {
		t.Errorf("input flags: %v", names)
	}
	for _, c := range []*command{planCmd, explainCmd, exportCmd} {
		if !strings.Contains(c.usage, inputFlagsHelp) {
			t.Errorf("%s: the usage lacks the input flags", c.name)
		}
	}
	for _, name := range names {
		described := slices.ContainsFunc(strings.Split(inputFlagsHelp, "\n"), func(l string) bool {
			return strings.HasPrefix(l, "  --") && strings.Contains(l+" ", "--"+name+" ")
		})
		if !described {
			t.Errorf("--%s is not described", name)
		}
		example := slices.ContainsFunc(strings.Split(inputFlagsHelp, "\n"), func(l string) bool {
			return strings.HasPrefix(strings.TrimSpace(l), "e.g. ") && strings.Contains(l, "--"+name+" ")
		})
		if !example {
			t.Errorf("--%s has no example line", name)
		}
	}
	for _, c := range []*command{validateCmd, traceCmd} {
		if !strings.Contains(c.usage, maxInputHelp) {
			t.Errorf("%s: the usage lacks --max-input", c.name)
		}
	}
}

// TestEmbargoFlagFarEarlyWarns checks that an early end more than 30 days
// before the public release, such as a mistyped year, is warned about.
func TestEmbargoFlagFarEarlyWarns(t *testing.T) {
	for _, c := range []struct {
		at   string
		warn bool
	}{{"2020-07-07T12:00:00Z", true}, {"2025-06-01T00:00:00Z", true}, {"2025-07-07T12:00:00Z", false}} {
		r := disclose(t, "", "plan", "--advisory", advisoryFile, "--partners", partnersFile, "--embargo-ended-at", c.at, "--embargo-reason", "public")
		if got := strings.Contains(r.stderr, "check the date"); r.code != exitOK || got != c.warn {
			t.Errorf("--embargo-ended-at %s: exit %d, warned %v, want %v:\n%s", c.at, r.code, got, c.warn, r.stderr)
		}
	}
}
