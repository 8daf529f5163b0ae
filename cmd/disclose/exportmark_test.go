package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

// marksFile is csafFile with {{mark}} placeholders in five elements: see
// testdata/csaf/README.md.
const marksFile = "testdata/csaf/adv-2025-0042-marks.json"

// leakedNote is jinlumo's description note, cut out of its marked CSAF
// copy of marksFile: README.md traces it; TestLeakedNoteFile checks that
// it is jinlumo's.
const leakedNote = "testdata/leaked-note.txt"

// markedExport runs export --all --mark-key-file on marksFile (quillmark
// excluded, as the demo excludes it) into a new directory, and returns
// the directory and the JSON list printed.
func markedExport(t *testing.T) (string, []exportedJSON) {
	t.Helper()
	out := t.TempDir()
	r := disclose(t, "", "export", "--all", "--out", out, "--advisory", marksFile, "--partners", partnersFile,
		"--exclude", "quillmark", "--mark-key-file", testKeyFile, "--format", "json")
	if r.code != exitOK || strings.Contains(r.stderr, "warning") {
		t.Fatalf("export --mark-key-file: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	var list struct {
		Partners []exportedJSON `json:"partners"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatal(err)
	}
	return out, list.Partners
}

// notesOf returns the texts of a CSAF copy that a partner might cut out
// of it, by JSON path: every note's text and every remediation's details.
func notesOf(t *testing.T, data []byte) map[string]string {
	t.Helper()
	type note struct{ Text, Details string }
	var doc struct {
		Document struct {
			Notes []note
		}
		Vulnerabilities []struct {
			Notes, Remediations []note
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for i, n := range doc.Document.Notes {
		out["document.notes["+strconv.Itoa(i)+"]"] = n.Text
	}
	for i, v := range doc.Vulnerabilities {
		for j, n := range v.Notes {
			out["vulnerabilities["+strconv.Itoa(i)+"].notes["+strconv.Itoa(j)+"]"] = n.Text
		}
		for j, n := range v.Remediations {
			out["vulnerabilities["+strconv.Itoa(i)+"].remediations["+strconv.Itoa(j)+"]"] = n.Details
		}
	}
	return out
}

// codeForm finds what may be a code: 13 characters of its alphabet.
var codeForm = regexp.MustCompile(`[0-9A-HJKMNP-TV-Z]{13}`)

// TestExportMarkedNoteIsTraced is the acceptance test of marked CSAF
// copies: each partner's copy, cut to one note (or a remediation's
// details) that holds a code, to its reference note, or whole, is traced
// by "disclose trace", given the original document, to that partner and
// no other. Every cut-out text with something of the code's form in it
// holds a code.
func TestExportMarkedNoteIsTraced(t *testing.T) {
	_, list := markedExport(t)
	var leaks, want []string
	for _, p := range list {
		if !p.Entitled {
			continue
		}
		if p.Reference == "" || p.Codes < 3 {
			t.Errorf("%s: reference %q, %d codes; want a reference and codes of its placeholders", p.Partner, p.Reference, p.Codes)
		}
		data := readTestFile(t, p.File)
		if bytes.Contains(data, []byte(trace.Placeholder)) {
			t.Errorf("%s: a placeholder is left in the copy", p.Partner)
		}
		leaks, want = append(leaks, p.File), append(want, p.Partner)
		for path, text := range notesOf(t, data) {
			if !codeForm.MatchString(text) {
				continue
			}
			leaks = append(leaks, writeTemp(t, p.Partner+"-"+path+".txt", text+"\n"))
			want = append(want, p.Partner)
		}
	}
	if len(leaks) < 40 {
		t.Fatalf("only %d leaks", len(leaks))
	}
	args := append([]string{"trace", "--format", "json", "--key-file", testKeyFile, "--advisory", marksFile, "--partners", partnersFile}, leaks...)
	var rs []traceResult
	if err := json.Unmarshal([]byte(mustSucceed(t, "", args...)), &rs); err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if len(r.Matches) != 1 || r.Matches[0].Partner != want[i] {
			t.Errorf("%s: trace names %v, want %s alone", r.File, r.Matches, want[i])
		}
	}
}

// TestExportMarkedAsPlan checks that export --mark-key-file writes the
// copies csaf.WriteMarked makes of plan --mark-key-file's marked copies,
// so the same codes, and that each code of plan's copy is in the CSAF
// copy, in the text of its element.
func TestExportMarkedAsPlan(t *testing.T) {
	out, list := markedExport(t)
	plan := planOf(t, "", "--advisory", marksFile, "--partners", partnersFile, "--exclude", "quillmark", "--mark-key-file", testKeyFile)
	doc := readTestFile(t, marksFile)
	partners, err := disclosure.LoadPartners(bytes.NewReader(readTestFile(t, partnersFile)))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, d := range plan {
		if !d.Entitled {
			continue
		}
		var p disclosure.Partner
		for _, q := range partners {
			if q.ID == d.PartnerID {
				p = q
			}
		}
		want, _, err := csaf.WriteMarked(doc, d, p, csaf.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		got := readTestFile(t, filepath.Join(out, copyOf(d.PartnerID)))
		if !bytes.Equal(got, want) {
			t.Errorf("%s: export's copy is not csaf.WriteMarked's of plan's marked copy", d.PartnerID)
		}
		for _, s := range d.Advisory.Sections {
			for _, code := range codeForm.FindAllString(s.Body, -1) {
				if !bytes.Contains(got, []byte(code)) {
					t.Errorf("%s: code %s of plan's copy (%q) is not in the CSAF copy", d.PartnerID, code, s.Title)
				}
				checked++
			}
		}
		for _, e := range list {
			if e.Partner == d.PartnerID && (e.Reference == "" || !bytes.Contains(got, []byte("Reference of this copy: "+e.Reference+"."))) {
				t.Errorf("%s: the reference %q export lists is not the copy's", d.PartnerID, e.Reference)
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d codes checked", checked)
	}
}

// TestExportMarkedStale checks which marked copies a later export takes
// for stale: none, exported again with the same key; every other
// partner's, exported for one partner without the key, or with another.
func TestExportMarkedStale(t *testing.T) {
	out, _ := markedExport(t)
	inputs := []string{"--out", out, "--advisory", marksFile, "--partners", partnersFile, "--exclude", "quillmark", "--keep-stale", "--format", "json"}
	otherKey := writeTemp(t, "other.key", "another public test key, 32 b!!")
	for _, tt := range []struct {
		name  string
		args  []string
		stale int
	}{
		{"the same key", append([]string{"export", "--partner", "ardentic", "--mark-key-file", testKeyFile}, inputs...), 0},
		{"no key", append([]string{"export", "--partner", "ardentic"}, inputs...), 8},
		{"another key", append([]string{"export", "--partner", "ardentic", "--mark-key-file", otherKey}, inputs...), 8},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := disclose(t, "", tt.args...)
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			var v struct{ Stale []string }
			if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
				t.Fatal(err)
			}
			if len(v.Stale) != tt.stale {
				t.Errorf("%d copies stale, want %d: %v", len(v.Stale), tt.stale, v.Stale)
			}
		})
	}
}

// TestExportMarkedWarnings checks what export says on standard error
// about placeholders: nothing when every one is marked; a warning, once,
// for a placeholder outside every element, which is written as is.
func TestExportMarkedWarnings(t *testing.T) {
	titled := writeTemp(t, "titled.json", strings.Replace(string(readTestFile(t, marksFile)),
		`"title": "SharePoint Server remote code execution"`, `"title": "SharePoint Server remote code execution {{mark}}"`, 1))
	for _, tt := range []struct {
		name, advisory, want string
	}{
		{"every placeholder marked", marksFile, ""},
		{"one in the title", titled, titled + ": warning: {{mark}} placeholders outside the notes, remediations and other elements that carry codes " +
			"(1 in brimlock's copy; in the title, a product name, the distribution text...) are written as is: partners receive a literal {{mark}}\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			r := disclose(t, "", "export", "--all", "--out", out, "--advisory", tt.advisory, "--partners", partnersFile, "--mark-key-file", testKeyFile)
			if r.code != exitOK || r.stderr != tt.want {
				t.Errorf("exit %d, standard error:\n%s\nwant:\n%s", r.code, r.stderr, tt.want)
			}
			if tt.want != "" {
				data := readTestFile(t, filepath.Join(out, copyOf("ardentic")))
				if !bytes.Contains(data, []byte("remote code execution {{mark}}")) {
					t.Error("the copy lacks the placeholder the warning announced")
				}
			}
		})
	}
}

// TestLeakedNoteFile checks that the leak README.md traces is jinlumo's
// description note, cut out of its marked CSAF copy; "go test -update"
// rewrites it.
func TestLeakedNoteFile(t *testing.T) {
	out, _ := markedExport(t)
	note := notesOf(t, readTestFile(t, filepath.Join(out, copyOf("jinlumo"))))["vulnerabilities[0].notes[0]"] + "\n"
	if *update {
		if err := os.WriteFile(leakedNote, []byte(note), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := string(readTestFile(t, leakedNote)); got != note {
		t.Errorf("%s:\n%s\nis not jinlumo's description note:\n%s\n(run go test -update)", leakedNote, got, note)
	}
}

// TestGoldenExportMarked compares the output of export --mark-key-file,
// and of trace on the note README.md traces, with the files under
// testdata/golden; "go test -update" rewrites them. The directory export
// writes into is shown as OUT.
func TestGoldenExportMarked(t *testing.T) {
	out := t.TempDir()
	got := mustSucceed(t, "", "export", "--all", "--out", out, "--advisory", marksFile, "--partners", partnersFile,
		"--exclude", "quillmark", "--mark-key-file", testKeyFile)
	golden(t, "export-marked", strings.ReplaceAll(got, out, "OUT"))
	golden(t, "trace-csaf", mustSucceed(t, "", "trace", "--key-file", testKeyFile, "--advisory", marksFile, "--partners", partnersFile, leakedNote))
}

// TestReadmeTraceCSAF checks that the trace of a CSAF note README.md
// shows is what trace prints.
func TestReadmeTraceCSAF(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)trace [^\n]*cmd/disclose/testdata/leaked-note.txt\n\n```\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md shows no trace of testdata/leaked-note.txt with its output")
	}
	got := mustSucceed(t, "", "trace", "--key-file", testKeyFile, "--advisory", marksFile, "--partners", partnersFile, leakedNote)
	got = strings.ReplaceAll(got, "testdata/", "cmd/disclose/testdata/")
	if !strings.Contains(got, string(m[1])) {
		t.Fatalf("README.md shows:\n%s\ntrace prints:\n%s", m[1], got)
	}
}
