package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// hostile is text of an input file made to drive a terminal: clear the
// screen, move the cursor, set the window title, change colours, reverse
// the text that follows, hide characters, cut a C string and break lines
// and table cells.
const hostile = "\x1b[2J\x1b[H\x1b]0;pwned\x07 \x1b[31mred\u202edesrever\u200b\u2066\ufeff\x00 nul\nsecond line\tcell\r\x7f\u0085\u009b6n end"

// forbidden returns the first rune of out that a terminal could act on,
// with its offset, or -1: anything unsafe but newline and tab, and bytes
// that are not UTF-8.
func forbidden(out string) (int, rune) {
	for i, r := range out {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(out[i:]); n == 1 {
				return i, r
			}
		}
		if r != '\n' && r != '\t' && unsafeRune(r) {
			return i, r
		}
	}
	return -1, 0
}

// runSafe runs the tool in process and fails the test if anything it
// printed carries a character a terminal could act on.
func runSafe(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, strings.NewReader(""), &o, &e)
	for name, out := range map[string]string{"standard output": o.String(), "standard error": e.String()} {
		if i, r := forbidden(out); i >= 0 {
			t.Errorf("disclose %q: %s has %U at byte %d:\n%q", args, name, r, i, out[max(i-40, 0):min(i+40, len(out))])
		}
	}
	return o.String(), e.String(), code
}

// hostileInputs writes an advisory, its CSAF version and a partner list
// whose texts are hostile, and returns their paths and the id of the
// partner with a hostile name. badPartners is a partner list with a
// hostile id, which the library refuses.
func hostileInputs(t *testing.T) (advisory, csafDoc, partners, badPartners, id string) {
	t.Helper()
	q := func(s string) string {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	id = "ardentic"
	badPartners = writeTemp(t, "bad-partners.json",
		strings.Replace(readDemo(t, "partners.json"), `"id": "ardentic"`, `"id": `+q(hostileID), 1))
	adv := readDemo(t, "advisory.json")
	adv = strings.Replace(adv, `"title": "SharePoint Server remote code execution"`, `"title": `+q(hostile), 1)
	adv = strings.Replace(adv, `"title": "Summary of the flaw"`, `"title": `+q("summary "+hostile), 1)
	adv = strings.Replace(adv, `"title": "Workarounds"`, `"title": `+q("workarounds "+hostile), 1)
	list := strings.Replace(readDemo(t, "partners.json"), `"name": "Ardentic Antivirus Inc."`, `"name": `+q("Ardentic "+hostile), 1)
	list = strings.Replace(list, `"name": "Brimlock Networks Corp."`, `"name": `+q("Brimlock "+hostile), 1)
	doc, err := os.ReadFile(csafFile)
	if err != nil {
		t.Fatal(err)
	}
	cs := strings.Replace(string(doc), `"title": "SharePoint Server remote code execution"`, `"title": `+q(hostile), 1)
	cs = strings.Replace(cs, `"title": "Summary of the flaw"`, `"title": `+q("summary "+hostile), 1)
	if cs == string(doc) || !strings.Contains(adv, "pwned") || !strings.Contains(list, "Brimlock") {
		t.Fatal("the test files did not change")
	}
	return writeTemp(t, "advisory.json", adv), writeTemp(t, "csaf.json", cs), writeTemp(t, "partners.json", list), badPartners, id
}

// hostileID is a partner id that a terminal would act on.
const hostileID = "evil\x1b[2J\u202e\u200bid"

// TestHostileText checks that no command prints a control character or
// an invisible or bidirectional formatting character of its inputs, in
// table or JSON output, on standard output or standard error, and that
// the JSON output still reads back as the inputs' text.
func TestHostileText(t *testing.T) {
	advisory, csafDoc, partners, badPartners, id := hostileInputs(t)
	badName := filepath.Join(t.TempDir(), "no\x1b[2Jsuch\u202e\xff.json")
	runs := [][]string{
		{"plan", "--advisory", advisory, "--partners", partners},
		{"plan", "--advisory", advisory, "--partners", partners, "--at", "2025-07-07T10:30:00-07:00"},
		{"plan", "--advisory", csafDoc, "--partners", partners},
		{"plan", "--advisory", advisory, "--partners", partners, "--mark-key-file", testKeyFile},
		{"explain", "--partner", id, "--advisory", advisory, "--partners", partners},
		{"explain", "--partner", "brimlock", "--advisory", csafDoc, "--partners", partners},
		{"explain", "--partner", "no\x1b[2Jbody", "--advisory", advisory, "--partners", partners},
		{"export", "--all", "--out", t.TempDir(), "--advisory", csafDoc, "--partners", partners},
		{"export", "--all", "--out", t.TempDir(), "--advisory", csafDoc, "--partners", partners, "--format", "json"},
		{"validate", advisory, csafDoc, partners, badPartners, badName},
		{"plan", "--advisory", advisory, "--partners", badPartners},
		{"explain", "--partner", hostileID, "--advisory", csafDoc, "--partners", badPartners},
		{"plan", "--advisory", badName, "--partners", partners, "--exclude", "x\x1b[2J\u202e"},
		{"plan", "--advisory", advisory, "--partners", partners, "--withhold", "\x1b[2J"},
		{"trace", "--key-file", testKeyFile, "--advisory", advisory, "--partners", partners, advisory},
		{"export", "--all", "--out", t.TempDir(), "--advisory", advisory, "--partners", partners},
		{"export", "--all", "--out", t.TempDir(), "--advisory", advisory, "--partners", partners, "--ledger", filepath.Join(t.TempDir(), "r.jsonl")},
		{"plan", "--advisory", advisory, "--partners", partners, "--ledger", hostileRecord(t)},
		{"ledger", "show", hostileRecord(t)},
		{"ledger", "verify", hostileRecord(t) + "\x1b[2J"},
		{"investigate", "--ledger", hostileRecord(t), "--before", "2025-07-09T00:00:00Z", "--partners", partners},
		{"\x1b[2Jcommand"},
	}
	for _, args := range runs {
		runSafe(t, args...)
		runSafe(t, append(args, "--format", "json")...) // an error for some; checked all the same
	}

	// The JSON output is the same values: the escapes are JSON's.
	out, errOut, code := runSafe(t, "plan", "--format", "json", "--advisory", advisory, "--partners", partners)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	plan := decodePlan(t, out)
	d := byID(t, plan, id)
	if !d.Entitled || d.Advisory.Title != hostile || d.Advisory.Sections[0].Title != "summary "+hostile ||
		d.Advisory.Sections[1].Title != "workarounds "+hostile {
		t.Errorf("the hostile partner's copy reads back as %q, %+v", d.Advisory.Title, d.Advisory.Sections)
	}
	out, _, code = runSafe(t, "explain", "--partner", id, "--advisory", advisory, "--partners", partners)
	_, text, ok := strings.Cut(out, "receives:\n")
	var a disclosure.Advisory
	if err := json.Unmarshal([]byte(text), &a); !ok || err != nil || code != 0 || a.Title != hostile {
		t.Errorf("explain: exit %d, the advisory reads back as %q (%v)", code, a.Title, err)
	}

	// The table shows the text escaped, on one line.
	out, _, _ = runSafe(t, "plan", "--advisory", advisory, "--partners", partners)
	for _, want := range []string{`Advisory:  ADV-2025-0042 revision 1: \u001b[2J\u001b[H\u001b]0;pwned\u0007`,
		`\u001b[31mred\u202edesrever\u200b\u2066\ufeff\u0000 nul\nsecond`, `line\tcell\u000d\u007f\u0085\u009b6n end (critical)`} {
		if !strings.Contains(out, want) {
			t.Errorf("plan does not show the title escaped as %s:\n%s", want, out)
		}
	}
	out, _, _ = runSafe(t, "explain", "--partner", id, "--advisory", advisory, "--partners", partners)
	if want := `Ardentic \u001b[2J\u001b[H`; !strings.Contains(out, want) {
		t.Errorf("explain does not show the partner's name escaped as %q:\n%s", want, out)
	}
	_, errOut, code = runSafe(t, "plan", "--advisory", advisory, "--partners", badPartners)
	if want := `evil\x1b[2J\u202e\u200bid`; code != exitInvalid || !strings.Contains(errOut, want) {
		t.Errorf("a hostile partner id: exit %d; the message does not show it escaped as %q:\n%s", code, want, errOut)
	}
}

// TestSafeWriter checks the filter on its own: each kind of character, and
// a character split between writes.
func TestSafeWriter(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain\ttext\n", "plain\ttext\n"},
		{"é ü 日本 \U0001F600", "é ü 日本 \U0001F600"},
		{"\x1b[31m", `\u001b[31m`},
		{"a\x00b\rc\x7f", `a\u0000b\u000dc\u007f`},
		{"\u0085\u009f", `\u0085\u009f`},
		{"\u200b\u200f\u202a\u202e\u2060\u2064\u2066\u2069\ufeff", `\u200b\u200f\u202a\u202e\u2060\u2064\u2066\u2069\ufeff`},
		{"\u2028\u00a0\u2010", "\u2028\u00a0\u2010"}, // not controls
		{"bad \xff\xc3 end", `bad \xff\xc3 end`},
		{"\xe2\x80", `\xe2\x80`}, // cut at the end of the output
	}
	for _, tt := range tests {
		for split := 0; split <= len(tt.in); split++ {
			var b bytes.Buffer
			w := &safeWriter{w: &b}
			fmt.Fprint(w, tt.in[:split])
			fmt.Fprint(w, tt.in[split:])
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("%q split at %d: wrote %q, want %q", tt.in, split, b.String(), tt.want)
			}
		}
	}
	if got := oneLine("a\nb\tc\x1b"); got != `a\nb\tc\u001b` {
		t.Errorf("oneLine = %q", got)
	}
}

// hostileRecord writes a record whose events' reasons are hostile, and
// returns its path.
func hostileRecord(t *testing.T) string {
	t.Helper()
	var rec ledger.Record
	var file bytes.Buffer
	at := time.Date(2025, 7, 7, 15, 0, 0, 0, time.UTC)
	for _, e := range []ledger.Entry{
		{Kind: ledger.KindExploitationObserved, At: at, Advisory: "ADV-2025-0042", Reason: hostile},
		{Kind: ledger.KindPartnerSuspended, At: at, Partner: "brimlock", Reason: hostile},
	} {
		line, err := rec.Append(e)
		if err != nil {
			t.Fatal(err)
		}
		file.Write(line)
	}
	return writeTemp(t, "hostile.jsonl", file.String())
}
