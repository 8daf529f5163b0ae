package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure/ledger"
)

// TestGoldenLedger compares the output of the ledger subcommands on the
// timeline's record with the files under testdata/golden.
func TestGoldenLedger(t *testing.T) {
	rec := readRecordFile(t, timelineRecord)
	head := rec.Head().String()
	tests := []struct {
		name string
		args []string
	}{
		{"ledger-verify", []string{"ledger", "verify", timelineRecord}},
		{"ledger-verify-head", []string{"ledger", "verify", timelineRecord, "--head", "4-" + rec.Entries()[3].Hash.String()}},
		{"ledger-show", []string{"ledger", "show", timelineRecord}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name, mustSucceed(t, "", tt.args...))
		})
	}
	if got := mustSucceed(t, "", "ledger", "head", timelineRecord); got != head+"\n" {
		t.Errorf("ledger head prints %q, want %q", got, head)
	}
	// The head as one word, as --head takes it; flags before or after
	// FILE; FILE - is standard input.
	for _, args := range [][]string{
		{"ledger", "verify", "--head", head, timelineRecord},
		{"ledger", "verify", timelineRecord, "--head=" + head},
		{"ledger", "verify", "--head", head, "-"},
	} {
		stdin := ""
		if args[len(args)-1] == "-" {
			stdin = string(readTestFile(t, timelineRecord))
		}
		if out := mustSucceed(t, stdin, args...); !strings.Contains(out, "it has not changed since") {
			t.Errorf("%v:\n%s", args, out)
		}
	}
}

// TestLedgerJSON checks the JSON of the ledger subcommands against the
// library.
func TestLedgerJSON(t *testing.T) {
	rec := readRecordFile(t, timelineRecord)
	var v struct {
		File    string `json:"file"`
		Intact  bool   `json:"intact"`
		Entries int64  `json:"entries"`
		Head    string `json:"head"`
	}
	if err := json.Unmarshal([]byte(mustSucceed(t, "", "ledger", "verify", "--format", "json", timelineRecord)), &v); err != nil ||
		!v.Intact || v.Entries != int64(rec.Len()) || v.Head != rec.Head().String() || v.File != timelineRecord {
		t.Errorf("verify: %+v (%v)", v, err)
	}
	v = struct {
		File    string `json:"file"`
		Intact  bool   `json:"intact"`
		Entries int64  `json:"entries"`
		Head    string `json:"head"`
	}{}
	if err := json.Unmarshal([]byte(mustSucceed(t, "", "ledger", "head", timelineRecord, "--format", "json")), &v); err != nil ||
		v.Entries != int64(rec.Len()) || v.Head != rec.Head().String() {
		t.Errorf("head: %+v (%v)", v, err)
	}
	var show struct {
		Head    string            `json:"head"`
		Entries []json.RawMessage `json:"entries"`
	}
	if err := json.Unmarshal([]byte(mustSucceed(t, "", "ledger", "show", "--format", "json", timelineRecord)), &show); err != nil {
		t.Fatal(err)
	}
	for i, raw := range show.Entries {
		// Each entry as the record has it: its line, indented.
		var compact bytes.Buffer
		json.Compact(&compact, raw)
		want, _ := json.Marshal(rec.Entries()[i])
		if compact.String() != string(want) {
			t.Errorf("entry %d: %s\nwant %s", i+1, compact.String(), want)
		}
	}
	if len(show.Entries) != rec.Len() || show.Head != rec.Head().String() {
		t.Errorf("show: %d entries, head %s", len(show.Entries), show.Head)
	}
}

// TestLedgerVerifyFinds checks that verify finds a changed, deleted,
// inserted or swapped line, and with the kept head a cut record, each
// with the line on standard error and exit status 1; as JSON, in its
// output; and that a record cut without a kept head still verifies, as
// the chain alone cannot see it.
func TestLedgerVerifyFinds(t *testing.T) {
	good := readTestFile(t, timelineRecord)
	rec := readRecordFile(t, timelineRecord)
	head := rec.Head().String()
	lines := bytes.SplitAfter(good, []byte("\n"))
	lines = lines[:len(lines)-1]
	join := func(ls ...[]byte) []byte { return bytes.Join(ls, nil) }
	other := bytes.Replace(good, []byte(`"at":"2025-06-24T16:00:00Z"`), []byte(`"at":"2025-06-24T16:00:01Z"`), 1)
	tests := []struct {
		name string
		data []byte
		head string
		want string // after "FILE: "
	}{
		{"a changed byte", bytes.Replace(good, []byte("brimlock"), []byte("brimlocK"), 1), "", "line 1: hash: does not match the line: the line was changed"},
		{"a deleted line", join(append(append([][]byte{}, lines[:2]...), lines[3:]...)...), "", "line 3: seq: is 4: a line before it was deleted, inserted or moved"},
		{"a repeated line", join(append(append([][]byte{}, lines[:3]...), lines[2:]...)...), "", "line 4: seq: is 3: a line before it was deleted, inserted or moved"},
		{"swapped lines", join(lines[1], lines[0], join(lines[2:]...)), "", "line 1: seq: is 2: a line before it was deleted, inserted or moved"},
		{"cut, with the head", join(lines[:10]...), head, "line 11: missing: the record ends after 10 entries, the kept head names 13: it was cut"},
		{"changed throughout, with the head", other, head, "line 1: "},
		{"cut in a line", good[:len(good)-1], "", "line 13: no newline at its end: the record was cut in the middle of a line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := writeTemp(t, "record.jsonl", string(tt.data))
			args := []string{"ledger", "verify", file}
			if tt.head != "" {
				args = append(args, "--head", tt.head)
			}
			checkFailure(t, disclose(t, "", args...), exitInvalid, []string{file + ": " + tt.want})
			for _, sub := range []string{"head", "show"} {
				if tt.head == "" {
					checkFailure(t, disclose(t, "", "ledger", sub, file), exitInvalid, []string{file + ": " + tt.want})
				}
			}
			r := disclose(t, "", append(args, "--format", "json")...)
			var v struct {
				Intact  bool `json:"intact"`
				Problem struct {
					Line    int64  `json:"line"`
					Path    string `json:"path"`
					Message string `json:"message"`
				} `json:"problem"`
			}
			err := json.Unmarshal([]byte(r.stdout), &v)
			p := v.Problem
			got := fmt.Sprintf("line %d: ", p.Line)
			if p.Path != "" {
				got += p.Path + ": "
			}
			got += p.Message
			if r.code != exitInvalid || err != nil || v.Intact || r.stderr != "" || !strings.HasPrefix(got, tt.want) {
				t.Errorf("--format json: exit %d (%v), stderr %q, problem %q; want %q", r.code, err, r.stderr, got, tt.want)
			}
		})
	}
	// The chain alone cannot see lines cut from the end.
	cut := writeTemp(t, "cut.jsonl", string(bytes.Join(lines[:10], nil)))
	if out := mustSucceed(t, "", "ledger", "verify", cut); !strings.Contains(out, "Entries:   10, every line intact") {
		t.Errorf("a cut record without a kept head:\n%s", out)
	}
}

// TestLedgerErrors checks the usage errors of ledger and a missing file.
func TestLedgerErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone.jsonl")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no subcommand", []string{"ledger"}, 2, "disclose ledger: no subcommand given: verify, head or show"},
		{"unknown subcommand", []string{"ledger", "check", timelineRecord}, 2, `disclose ledger: unknown subcommand "check": want verify, head or show`},
		{"no FILE", []string{"ledger", "verify"}, 2, "disclose ledger verify: no FILE given"},
		{"two FILEs", []string{"ledger", "show", timelineRecord, timelineRecord}, 2, "disclose ledger show: want one FILE, got 2"},
		{"a bad head", []string{"ledger", "verify", timelineRecord, "--head", "13-abc"}, 2, `disclose ledger verify: --head "13-abc": not a head`},
		{"--head twice", []string{"ledger", "verify", timelineRecord, "--head", "0-" + strings.Repeat("0", 64), "--head", "0-" + strings.Repeat("0", 64)},
			2, "disclose ledger verify: --head given twice"},
		{"--head of show", []string{"ledger", "show", timelineRecord, "--head", "0-" + strings.Repeat("0", 64)}, 2, "disclose ledger show: unknown flag --head"},
		{"a bad format", []string{"ledger", "head", timelineRecord, "--format", "csv"}, 2, `disclose ledger head: --format "csv": want table or json`},
		{"missing file", []string{"ledger", "verify", missing}, 1, missing + ": cannot read: no such file or directory"},
		{"missing file, head", []string{"ledger", "head", missing}, 1, missing + ": cannot read: no such file or directory"},
		{"missing file, show", []string{"ledger", "show", missing}, 1, missing + ": cannot read: no such file or directory"},
		{"a directory", []string{"ledger", "show", "testdata"}, 1, "testdata: cannot read: is a directory"},
		{"a head the record does not hold", []string{"ledger", "verify", timelineRecord, "--head", "13-" + strings.Repeat("a", 64)}, 1,
			timelineRecord + ": line 13: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFailure(t, disclose(t, "", tt.args...), tt.code, []string{tt.want})
		})
	}
	for _, args := range [][]string{{"ledger", "--help"}, {"ledger", "verify", "--help"}, {"help", "ledger"}} {
		if out := mustSucceed(t, "", args...); !strings.HasPrefix(out, "Usage: disclose ledger verify|head|show FILE") {
			t.Errorf("%v: %s", args, out)
		}
	}
}

// TestLedgerMatchesLibrary checks that head and verify print what
// ledger.Verify returns, for every prefix of the timeline's record.
func TestLedgerMatchesLibrary(t *testing.T) {
	lines := bytes.SplitAfter(readTestFile(t, timelineRecord), []byte("\n"))
	for n := 0; n < len(lines); n++ {
		data := bytes.Join(lines[:n], nil)
		want, err := ledger.Verify(bytes.NewReader(data), ledger.Head{})
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "record.jsonl")
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if got := mustSucceed(t, "", "ledger", "head", file); got != want.String()+"\n" {
			t.Errorf("%d lines: head %q, want %q", n, got, want)
		}
		var v struct{ Head string }
		json.Unmarshal([]byte(mustSucceed(t, "", "ledger", "verify", file, "--format", "json")), &v)
		if !reflect.DeepEqual(v.Head, want.String()) {
			t.Errorf("%d lines: verify's head %q, want %q", n, v.Head, want)
		}
	}
}
