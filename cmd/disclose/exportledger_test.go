package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// The demo's timeline as the tests play it with export --ledger: each
// notice's revision, exported at its instant under the July 2025 rule
// (with the timeline's lead), every copy marked with the test key; then
// the last revision again when the entry tier's copies fall due, and at
// the public release.
const (
	timelinePolicy = "demo/timeline/policy-2025-07.json"
	// timelineRecord is the record the three notices make; go test
	// -update rewrites it.
	timelineRecord = "testdata/ledger/timeline.jsonl"
)

var testNotices = []struct {
	advisory, at string
	revision     int
}{
	{"demo/timeline/revision-1.json", "2025-06-24T16:00:00Z", 1},
	{"demo/timeline/revision-2.json", "2025-07-03T16:00:00Z", 2},
	{"demo/timeline/revision-3.json", "2025-07-07T16:00:00Z", 3},
	{"demo/timeline/revision-3.json", "2025-07-07T17:00:00Z", 3},
	{"demo/timeline/revision-3.json", "2025-07-08T17:00:00Z", 3},
}

// noticeArgs returns the arguments of export --ledger for notice i.
func noticeArgs(out, record string, i int, more ...string) []string {
	n := testNotices[i]
	return append([]string{"export", "--all", "--out", out, "--ledger", record, "--at", n.at,
		"--advisory", n.advisory, "--partners", partnersFile, "--policy", timelinePolicy, "--mark-key-file", testKeyFile}, more...)
}

// exportNotice runs notice i with --format json, and decodes its output.
func exportNotice(t *testing.T, out, record string, i int) exportJSON {
	t.Helper()
	stdout := mustSucceed(t, "", noticeArgs(out, record, i, "--format", "json")...)
	var j exportJSON
	if err := json.Unmarshal([]byte(stdout), &j); err != nil || j.Ledger == nil {
		t.Fatalf("export --ledger --format json: %v\n%s", err, stdout)
	}
	return j
}

// readRecordFile reads a record with the library; a missing file is an
// empty record.
func readRecordFile(t *testing.T, path string) *ledger.Record {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return &ledger.Record{}
	}
	if err != nil {
		t.Fatal(err)
	}
	rec, err := ledger.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rec
}

// snapshot returns every file under dir, by path, with its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// loadTimelinePolicy returns the policy the tests play the timeline with.
func loadTimelinePolicy(t *testing.T) disclosure.Policy {
	t.Helper()
	p, err := disclosure.LoadPolicy(bytes.NewReader(readTestFile(t, timelinePolicy)))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExportLedgerTimeline plays the timeline with export --ledger
// and checks each run against the library: it writes and records the
// copies that are due and give the partner something new, and only
// those, each recorded with the digest of the file written; the other
// partners' copies stay as they are; running it again at the same
// instant writes and records nothing; the record is the one kept under
// testdata.
func TestExportLedgerTimeline(t *testing.T) {
	out := t.TempDir()
	record := filepath.Join(out, "record.jsonl")
	policy := loadTimelinePolicy(t)
	for i, n := range testNotices {
		at, _ := time.Parse(time.RFC3339, n.at)
		plan := libraryPlan(t, timelinePolicy, n.advisory, partnersFile)
		before := readRecordFile(t, record)
		updates, err := before.Changes(plan)
		if err != nil {
			t.Fatal(err)
		}
		var wantWritten, wantDue, wantCurrent []string
		for _, u := range updates {
			d := byID(t, plan, u.Partner)
			switch {
			case !d.Entitled:
			case len(u.Send) == 0:
				wantCurrent = append(wantCurrent, u.Partner)
			case d.ReleasedBy(at):
				wantWritten = append(wantWritten, u.Partner)
			default:
				wantDue = append(wantDue, u.Partner)
			}
		}
		if len(wantWritten) == 0 {
			t.Fatalf("notice %d writes nothing: the timeline tests nothing", i+1)
		}
		files := snapshot(t, out)

		j := exportNotice(t, out, record, i)
		var written, due []string
		for _, p := range j.Partners {
			if p.Entitled {
				written = append(written, p.Partner)
			}
		}
		for _, d := range j.Ledger.Due {
			due = append(due, d.Partner)
		}
		if !slices.Equal(written, wantWritten) || !slices.Equal(due, wantDue) || !slices.Equal(j.Ledger.Current, wantCurrent) {
			t.Errorf("notice %d: written %v, due %v, current %v; want %v, %v, %v", i+1, written, due, j.Ledger.Current,
				wantWritten, wantDue, wantCurrent)
		}
		after := readRecordFile(t, record)
		added := after.Entries()[before.Len():]
		if len(added) != len(wantWritten) || j.Ledger.Recorded != len(added) || j.Ledger.Head != after.Head().String() {
			t.Fatalf("notice %d: %d entries added, %d reported, head %s; want %d, and %s", i+1, len(added), j.Ledger.Recorded,
				j.Ledger.Head, len(wantWritten), after.Head())
		}
		for k, e := range added {
			p := j.Partners[k]
			d := byID(t, plan, p.Partner)
			data, err := os.ReadFile(filepath.Join(out, copyOf(p.Partner)))
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(data)
			if e.Kind != ledger.KindDelivery || e.Partner != p.Partner || !e.At.Equal(at) || e.Revision != n.revision ||
				e.Copy != ledger.Digest(sum) || p.SHA256 != hex.EncodeToString(sum[:]) || p.Seq != e.Seq ||
				!reflect.DeepEqual(e.Parts, ledger.Parts(d)) || len(e.Trace) == 0 || e.Policy != policy.Name {
				t.Errorf("notice %d: entry %+v for the copy %s (sha256 %x)", i+1, e, p.File, sum)
			}
			delete(files, p.File)
		}
		// Every other file is as it was, the record apart.
		now := snapshot(t, out)
		delete(now, record)
		delete(files, record)
		for path, data := range files {
			if now[path] != data {
				t.Errorf("notice %d: %s changed, though its partner got nothing new", i+1, path)
			}
		}

		// Again, at the same instant: nothing new, nothing written.
		files = snapshot(t, out)
		again := exportNotice(t, out, record, i)
		for _, p := range again.Partners {
			if p.Entitled {
				t.Errorf("notice %d, again: %s written again", i+1, p.Partner)
			}
		}
		if again.Ledger.Recorded != 0 || !reflect.DeepEqual(snapshot(t, out), files) {
			t.Errorf("notice %d, again: %d recorded, or a file changed", i+1, again.Ledger.Recorded)
		}
	}
	got, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(timelineRecord, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := readTestFile(t, timelineRecord); !bytes.Equal(got, want) {
		t.Errorf("the record differs from %s (run go test -update to accept it, and read the diff)", timelineRecord)
	}

	// A copy removed from the output directory is not written again: the
	// record says that its partner holds it.
	os.Remove(filepath.Join(out, copyOf("harunoki")))
	if again := exportNotice(t, out, record, 2); again.Ledger.Recorded != 0 || exists(filepath.Join(out, copyOf("harunoki"))) {
		t.Errorf("a copy the partner holds was written or recorded again")
	}
}

// TestExportLedgerNothingDue checks an export at an instant before any
// copy is due: nothing is written, no record is created, and the head is
// the empty record's.
func TestExportLedgerNothingDue(t *testing.T) {
	out := t.TempDir()
	record := filepath.Join(out, "record.jsonl")
	args := noticeArgs(out, record, 0)
	args[slices.Index(args, "--at")+1] = "2025-06-01T00:00:00Z"
	stdout := mustSucceed(t, "", args...)
	empty := "0-" + strings.Repeat("0", 64)
	if !strings.Contains(stdout, "Wrote:     0 documents into") || !strings.HasSuffix(stdout, "Head:      "+empty+"\n") ||
		!strings.Contains(stdout, "Recorded:  nothing; the record has 0 entries.") {
		t.Errorf("the output does not say that nothing was written:\n%s", stdout)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("%d files or directories written", len(entries))
	}
	j := exportNotice(t, out, record, 0)
	if j.Ledger.Head == empty || j.Ledger.Recorded == 0 {
		t.Errorf("the first notice, then: head %s, %d recorded", j.Ledger.Head, j.Ledger.Recorded)
	}
}

// TestExportLedgerFailClosed checks that a copy that cannot be written is
// not recorded, nor is any after it, and that the next run writes and
// records what is missing.
func TestExportLedgerFailClosed(t *testing.T) {
	out := t.TempDir()
	record := filepath.Join(out, "record.jsonl")
	// A file where harunoki's directory must be: brimlock's copy comes
	// first, harunoki's fails.
	blocked := filepath.Join(out, "harunoki")
	if err := os.WriteFile(blocked, []byte("in the way"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := disclose(t, "", noticeArgs(out, record, 0)...)
	if r.code != exitInvalid || !strings.Contains(r.stderr, "disclose export: harunoki: mkdir "+blocked+": not a directory") ||
		!strings.Contains(r.stdout, "Not written, because of the error above:\n  "+copyOf("harunoki")+" (failed)\n") {
		t.Fatalf("exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	check := func(want ...string) {
		t.Helper()
		var got []string
		for _, e := range readRecordFile(t, record).Entries() {
			got = append(got, e.Partner)
			data, err := os.ReadFile(filepath.Join(out, copyOf(e.Partner)))
			if err != nil || sha256.Sum256(data) != e.Copy {
				t.Errorf("%s: recorded, but its copy is not the file written (%v)", e.Partner, err)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("recorded %v, want %v", got, want)
		}
	}
	check("brimlock")
	os.Remove(blocked)
	exportNotice(t, out, record, 0)
	check("brimlock", "harunoki")
}

// TestExportLedgerErrors checks the record's problems and the usage errors
// of --ledger and --at: nothing is written, and the record is not changed.
func TestExportLedgerErrors(t *testing.T) {
	dir := t.TempDir()
	good := readTestFile(t, timelineRecord)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	lines := bytes.SplitAfter(good, []byte("\n"))
	changed := write("changed.jsonl", bytes.Replace(good, []byte(`"partner":"harunoki"`), []byte(`"partner":"harunokj"`), 1))
	cut := write("cut.jsonl", good[:len(good)-10])
	swapped := write("swapped.jsonl", bytes.Join([][]byte{lines[1], lines[0], bytes.Join(lines[2:], nil)}, nil))
	notDir := write("file", []byte("x"))
	tests := []struct {
		name   string
		record string
		at     string
		code   int
		want   string
	}{
		{"a changed line", changed, "", 1, changed + ": line 2: hash: does not match the line: the line was changed"},
		{"a line cut short", cut, "", 1, fmt.Sprintf("%s: line %d: no newline at its end: the record was cut in the middle of a line",
			cut, len(lines)-1)},
		{"two lines swapped", swapped, "", 1, swapped + ": line 1: seq: is 2: a line before it was deleted, inserted or moved"},
		{"a directory", dir, "", 1, dir + ": "},
		{"under a file", filepath.Join(notDir, "record.jsonl"), "", 1, filepath.Join(notDir, "record.jsonl") + ": cannot read: not a directory"},
		{"standard input", "-", "", 2, "disclose export: --ledger -: the record must be a file that export can append to"},
		{"--at later than now", filepath.Join(dir, "new.jsonl"), "9999-01-01T00:00:00Z", 2,
			"disclose export: --at 9999-01-01T00:00:00Z is later than now: export writes a copy only once it is due"},
		{"--at without a zone", filepath.Join(dir, "new.jsonl"), "2025-07-03T16:00:00", 2,
			`disclose export: --at "2025-07-03T16:00:00": not an RFC 3339 time with a zone offset`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			args := noticeArgs(out, tt.record, 1)
			if tt.at != "" {
				args[slices.Index(args, "--at")+1] = tt.at
			}
			before, _ := os.ReadFile(tt.record)
			r := disclose(t, "", args...)
			checkFailure(t, r, tt.code, []string{tt.want})
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("%d files written", len(entries))
			}
			if after, _ := os.ReadFile(tt.record); !bytes.Equal(before, after) {
				t.Error("the record changed")
			}
		})
	}
	r := disclose(t, "", "export", "--all", "--out", dir, "--at", "2025-07-03T16:00:00Z", "--advisory", advisoryFile, "--partners", partnersFile)
	checkFailure(t, r, exitUsage, []string{"disclose export: --at needs --ledger FILE: without a record, export writes every copy, whatever the time"})
}
