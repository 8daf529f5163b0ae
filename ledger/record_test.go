package ledger_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// sample builds a record of every kind of entry: the three notices of the
// ToolShell-like timeline, exploitation, the early end, a suspension.
// With t nil, it panics on error.
func sample(t testing.TB) (*ledger.Record, []byte) {
	if t == nil {
		t = panicTB{}
	}
	t.Helper()
	var r ledger.Record
	var file bytes.Buffer
	p := programPolicy()
	for rev, at := range notices {
		deliverAll(t, &r, &file, p, mustPlan(t, p, toolShell(rev+1), members()), at)
	}
	for _, e := range []ledger.Entry{
		{Kind: ledger.KindExploitationObserved, At: time.Date(2025, 7, 7, 19, 0, 0, 0, time.UTC), Advisory: "ADV-2025-0042",
			Classes: []disclosure.Class{disclosure.ClassTechnicalDetails}, Reason: "attacks on SharePoint servers"},
		{Kind: ledger.KindEmbargoEnded, At: time.Date(2025, 7, 7, 21, 0, 0, 0, time.UTC), Advisory: "ADV-2025-0042", Reason: "exploited"},
		{Kind: ledger.KindPartnerSuspended, At: time.Date(2025, 7, 9, 0, 0, 0, 0, time.UTC), Partner: "harunoki", Reason: "pending the leak's investigation"},
		{Kind: ledger.KindPartnerRemoved, At: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Partner: "harunoki", Advisory: "ADV-2025-0042", Reason: "the proof of concept leaked from its copy"},
	} {
		line, err := r.Append(e)
		if err != nil {
			t.Fatal(err)
		}
		file.Write(line)
	}
	return &r, file.Bytes()
}

func TestReadReturnsWhatWasAppended(t *testing.T) {
	r, file := sample(t)
	got, err := ledger.Read(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Entries(), r.Entries()) {
		t.Errorf("read back:\n%+v\nappended:\n%+v", got.Entries(), r.Entries())
	}
	if got.Head() != r.Head() || got.Len() != r.Len() {
		t.Errorf("head %v, %d entries; appended %v, %d", got.Head(), got.Len(), r.Head(), r.Len())
	}
	kinds := map[ledger.Kind]int{}
	for _, e := range got.Entries() {
		kinds[e.Kind]++
	}
	if len(kinds) != 5 {
		t.Errorf("the sample has kinds %v, want all five", kinds)
	}
	h, err := ledger.Verify(bytes.NewReader(file), r.Head())
	if err != nil || h != r.Head() {
		t.Errorf("Verify = %v, %v; want %v", h, err, r.Head())
	}
}

func TestAppendIsIdempotent(t *testing.T) {
	r, file := sample(t)
	before := r.Head()
	for _, e := range r.Entries() {
		e.At = e.At.Add(time.Hour) // a delivery of the same copy, recorded later
		if e.Kind != ledger.KindDelivery {
			e.At = e.At.Add(-time.Hour)
		}
		line, err := r.Append(e)
		if err != nil || line != nil {
			t.Fatalf("appending entry %d again: %q, %v; want nothing", e.Seq, line, err)
		}
	}
	if r.Head() != before {
		t.Errorf("head moved from %v to %v", before, r.Head())
	}
	// A different event, or another copy, is recorded.
	e := r.Entries()[0]
	e.Copy[0] ^= 1
	line, err := r.Append(e)
	if err != nil || line == nil {
		t.Fatalf("another copy: %q, %v", line, err)
	}
	file = append(file, line...)
	if _, err := ledger.Verify(bytes.NewReader(file), before); err != nil {
		t.Errorf("a record that grew fails against its earlier head: %v", err)
	}
}

func TestAppendRefusesBadEntries(t *testing.T) {
	at := time.Date(2025, 7, 7, 18, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		e    ledger.Entry
		path string
	}{
		{ledger.Entry{Kind: "leak", At: at}, "kind"},
		{ledger.Entry{Kind: ledger.KindEmbargoEnded, Advisory: "A"}, "at"},
		{ledger.Entry{Kind: ledger.KindEmbargoEnded, At: at, Advisory: "A", Reason: "bored"}, "reason"},
		{ledger.Entry{Kind: ledger.KindEmbargoEnded, At: at, Reason: "public"}, "advisory"},
		{ledger.Entry{Kind: ledger.KindPartnerRemoved, At: at, Partner: "p"}, "reason"},
		{ledger.Entry{Kind: ledger.KindPartnerRemoved, At: at, Partner: "p", Reason: "r", Revision: 2}, "revision"},
		{ledger.Entry{Kind: ledger.KindPartnerSuspended, At: at, Partner: " p", Reason: "r"}, "partner"},
		{ledger.Entry{Kind: ledger.KindExploitationObserved, At: at, Advisory: "A", Classes: []disclosure.Class{"secret"}}, "classes[0]"},
		{ledger.Entry{Kind: ledger.KindExploitationObserved, At: at, Advisory: "A",
			Classes: []disclosure.Class{disclosure.ClassProofOfConcept, disclosure.ClassSummary}}, "classes[1]"},
		{ledger.Entry{Kind: ledger.KindDelivery, At: at, Partner: "p", Advisory: "A", Revision: 1}, "public_at"},
	} {
		var r ledger.Record
		line, err := r.Append(tc.e)
		var le *ledger.Error
		if !errors.As(err, &le) || le.Path != tc.path || le.Line != 1 || line != nil || r.Len() != 0 {
			t.Errorf("Append(%+v) = %q, %v; want an error at line 1, %s", tc.e, line, err, tc.path)
		}
	}
	// NewDelivery refuses a copy released early, or to a partner not entitled.
	p := disclosure.DefaultPolicy()
	plan := mustPlan(t, p, toolShell(1), members())
	if _, err := ledger.NewDelivery(plan[0], []byte("copy"), plan[0].ReleaseAt.Add(-time.Second), p, nil); err == nil {
		t.Error("NewDelivery accepted a copy sent before its release instant")
	}
	if _, err := ledger.NewDelivery(plan[0], []byte("copy"), plan[0].ReleaseAt, p, []string{"not-a-code"}); err == nil {
		t.Error("NewDelivery accepted a bad trace code")
	}
	if _, err := ledger.NewDelivery(plan[0], nil, plan[0].ReleaseAt, p, nil); err == nil {
		t.Error("NewDelivery accepted an empty copy")
	}
	denied := plan[0]
	denied.Entitled = false
	if _, err := ledger.NewDelivery(denied, []byte("copy"), plan[0].ReleaseAt, p, nil); err == nil {
		t.Error("NewDelivery accepted a partner that is not entitled")
	}
}

// TestReadIsStrict changes one line of a valid record and checks the
// error's line and path.
func TestReadIsStrict(t *testing.T) {
	_, file := sample(t)
	lines := strings.SplitAfter(string(file), "\n")
	lines = lines[:len(lines)-1]
	n := len(lines)
	last := lines[n-1] // partner-removed
	delivery := lines[0]
	h := last[len(last)-67:]
	other := "0"
	if h[0] == '0' {
		other = "1"
	}
	for _, tc := range []struct {
		name       string
		line       int    // which line to replace, from 1
		old, new   string // replaced once in it
		path, want string
		keepHash   bool // the edit keeps the line's hash: it is changed
	}{
		{"unknown member", n, `"reason":`, `"note":"x","reason":`, "note", "unknown", false},
		{"missing hash", n, last[strings.Index(last, `,"hash"`) : len(last)-2], ``, "hash", "missing", false},
		{"missing prev", n, stringMember(last, "prev"), ``, "prev", "missing", false},
		{"time not in UTC", n, `"2025-08-01T00:00:00Z"`, `"2025-08-01T02:00:00+02:00"`, "at", "not in UTC", false},
		{"time in UTC as +00:00", n, `"2025-08-01T00:00:00Z"`, `"2025-08-01T00:00:00+00:00"`, "at", "not in UTC", false},
		{"time without offset", n, `"2025-08-01T00:00:00Z"`, `"2025-08-01T00:00:00"`, "at", "zone offset", false},
		{"unknown class", 1, `"classes":["summary"`, `"classes":["sumary"`, "classes[0]", "sumary", false},
		{"bad digest", 1, `"copy":"`, `"copy":"AB`, "copy", "hexadecimal", false},
		{"upper-case digest", 1, `"copy":"`, `"copy":"A`, "copy", "lower-case", false},
		{"missing part digest", 1, stringMember(delivery, "digest"), ``, "parts[0].digest", "missing", false},
		{"missing member of the kind", 1, stringMember(delivery, "tlp"), ``, "tlp", "required in a delivery entry", false},
		{"member not of the kind", n, `"reason":`, `"revision":2,"reason":`, "revision", "not allowed", false},
		{"wrong seq", n, `{"seq":`, `{"seq":1`, "seq", "deleted, inserted or moved", false},
		{"changed content", n, `leaked`, `leaker`, "hash", "changed", true},
		{"changed member", 1, `"revision":`, `"revision":1`, "hash", "changed", true},
		{"changed hash", n, `"hash":"` + h[:1], `"hash":"` + other, "hash", "changed", true},
		{"not canonical: space", n, `,"reason":`, `, "reason":`, "", "canonical", false},
		{"not canonical: escape", n, `leaked`, `le\u0061ked`, "", "canonical", false},
		{"not canonical: a leading zero", 1, `"revision":`, `"revision":0`, "", "invalid JSON", false},
		{"not canonical: a fraction of zeros", n, `"2025-08-01T00:00:00Z"`, `"2025-08-01T00:00:00.000Z"`, "", "canonical", false},
		{"not canonical: n of zero", 1, `"kind":"summary",`, `"kind":"summary","n":0,`, "", "canonical", false},
		{"not canonical: an empty list", 1, `"policy":`, `"trace":[],"policy":`, "", "canonical", false},
		{"not canonical: an empty string", n - 1, `"reason":`, `"advisory":"","reason":`, "", "canonical", false},
		{"not canonical: a zero digest", n - 1, `"reason":`, `"copy":"` + strings.Repeat("0", 64) + `","reason":`, "", "canonical", false},
		{"not canonical: upper-case escape", n, `leaked`, `le\u0041ked`, "", "canonical", false},
		{"not JSON", n, `{"seq"`, `{seq`, "", "invalid JSON", false},
		{"two values", n, "}\n", "}{}\n", "", "after the JSON value", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edited := append([]string(nil), lines...)
			l := edited[tc.line-1]
			if tc.line == 1 {
				l = delivery
			}
			if !strings.Contains(l, tc.old) {
				t.Fatalf("line %d lacks %q", tc.line, tc.old)
			}
			edited[tc.line-1] = strings.Replace(l, tc.old, tc.new, 1)
			if !tc.keepHash {
				edited[tc.line-1] = rehash(edited[tc.line-1])
			}
			_, err := ledger.Read(strings.NewReader(strings.Join(edited, "")))
			var le *ledger.Error
			if !errors.As(err, &le) {
				t.Fatalf("Read = %v, want an *Error", err)
			}
			if le.Line != int64(tc.line) || le.Path != tc.path || !strings.Contains(le.Msg, tc.want) {
				t.Errorf("error %q: want line %d, path %q, a message with %q", err, tc.line, tc.path, tc.want)
			}
		})
	}
	for _, tc := range []struct{ name, file, want string }{
		{"no final newline", strings.Join(lines, "")[:len(file)-1], "no newline"},
		{"empty line", lines[0] + "\n" + strings.Join(lines[1:], ""), "line 2: no JSON value"},
		{"first line removed", strings.Join(lines[1:], ""), "line 1: seq: is 2"},
	} {
		if _, err := ledger.Read(strings.NewReader(tc.file)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Read = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// rehash returns the line with the hash it should have, computed as the
// package documentation says, if it has a hash member: lines written
// wrong, not changed after they were written.
func rehash(line string) string {
	i := strings.LastIndex(line, `,"hash":"`)
	if i < 0 {
		return line
	}
	sum := sha256.Sum256([]byte(line[:i] + "}"))
	return line[:i] + `,"hash":"` + hex.EncodeToString(sum[:]) + `"}` + "\n"
}

// stringMember returns the first member of line with the key and a string
// value, with the comma before it.
func stringMember(line, key string) string {
	i := strings.Index(line, `,"`+key+`":"`)
	if i < 0 {
		return "no member " + key
	}
	j := strings.IndexByte(line[i+len(key)+5:], '"')
	return line[i : i+len(key)+5+j+1]
}

func TestHead(t *testing.T) {
	r, _ := sample(t)
	h := r.Head()
	got, err := ledger.ParseHead(h.String())
	if err != nil || got != h {
		t.Errorf("ParseHead(%q) = %v, %v", h, got, err)
	}
	if s := (ledger.Head{}).String(); s != "0-"+strings.Repeat("0", 64) {
		t.Errorf("empty head %q", s)
	}
	for _, bad := range []string{"", "7", "-" + h.Hash.String(), "07-" + h.Hash.String(), "+7-" + h.Hash.String(),
		"7-" + strings.ToUpper(h.Hash.String()), "7-" + h.Hash.String()[1:], "0-" + h.Hash.String(),
		"7-" + strings.Repeat("0", 64), "7 -" + h.Hash.String()} {
		if _, err := ledger.ParseHead(bad); err == nil {
			t.Errorf("ParseHead(%q) accepted", bad)
		}
	}
}

// TestDocExample checks the lines and the head the package documentation
// shows.
func TestDocExample(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var record []string
	for _, l := range strings.Split(string(doc), "\n") {
		if l, ok := strings.CutPrefix(l, "//\t{"); ok {
			record = append(record, "{"+l+"\n")
		}
	}
	if len(record) != 2 {
		t.Fatalf("doc.go shows %d lines of a record, want 2", len(record))
	}
	var r ledger.Record
	for i, e := range []ledger.Entry{
		{Kind: ledger.KindExploitationObserved, At: time.Date(2025, 7, 7, 18, 0, 0, 0, time.UTC), Advisory: "ADV-2025-0042", Reason: "attacks on SharePoint servers"},
		{Kind: ledger.KindEmbargoEnded, At: time.Date(2025, 7, 7, 21, 0, 0, 0, time.UTC), Advisory: "ADV-2025-0042", Reason: "exploited"},
	} {
		line, err := r.Append(e)
		if err != nil || string(line) != record[i] {
			t.Errorf("line %d: appended %q, %v; doc.go shows %q", i+1, line, err, record[i])
		}
	}
	if !strings.Contains(string(doc), "//\t"+r.Head().String()+"\n") {
		t.Errorf("doc.go does not show the head %s", r.Head())
	}
}

// TestTextRoundTrip appends text of every kind JSON escapes and reads it
// back.
func TestTextRoundTrip(t *testing.T) {
	var r ledger.Record
	var file bytes.Buffer
	for _, reason := range []string{"Exploit & <PoC>", "Änderung — 漏洞", "line\u2028sep", "tab\there, \"quoted\", back\\slash", "ctl\x01\x7f"} {
		line, err := r.Append(ledger.Entry{Kind: ledger.KindPartnerSuspended, At: notices[0], Partner: "p", Reason: reason})
		if err != nil {
			t.Fatal(err)
		}
		file.Write(line)
	}
	got, err := ledger.Read(bytes.NewReader(file.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range got.Entries() {
		if want := r.Entries()[i].Reason; e.Reason != want {
			t.Errorf("reason %q read back as %q", want, e.Reason)
		}
	}
	// Text that is not UTF-8 cannot be written as it is.
	if _, err := r.Append(ledger.Entry{Kind: ledger.KindPartnerSuspended, At: notices[0], Partner: "p", Reason: "bad \xff byte"}); err == nil {
		t.Error("a reason that is not UTF-8 was appended")
	}
}
