package trace_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

// TestThousandPartners: each of 1,000 partners' marked copies, as JSON and
// each artifact alone, names that partner and no other.
func TestThousandPartners(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(1000)
	ds := markedPlan(t, a, ps, testKey)
	ix, err := trace.NewIndex(testKey, a, ps)
	if err != nil {
		t.Fatal(err)
	}
	allCodes := map[string]string{}
	for _, d := range ds {
		if !d.Entitled || !d.Receives(disclosure.ClassProofOfConcept) || !d.Receives(disclosure.ClassTechnicalDetails) {
			t.Fatalf("%s does not receive every class: %v", d.PartnerID, d.Classes)
		}
		leak := mustJSON(t, d)
		m := only(t, ix.Identify(leak), d.PartnerID)
		checkFound(t, leak, []trace.Match{m})
		if m.Distinct != codesPerPartner {
			t.Errorf("%s: %d distinct codes found in its JSON, want %d: %+v", d.PartnerID, m.Distinct, codesPerPartner, m.Found)
		}
		for _, f := range m.Found {
			if other, dup := allCodes[f.Code]; dup && other != d.PartnerID {
				t.Errorf("code %s of %s is also %s's", f.Code, d.PartnerID, other)
			}
			allCodes[f.Code] = d.PartnerID
		}
		for i, f := range d.Advisory.Artifacts {
			m := only(t, ix.Identify(f.Data), d.PartnerID)
			checkFound(t, f.Data, []trace.Match{m})
			for _, found := range m.Found {
				if want := fmt.Sprintf("artifacts[%d].data", i); found.Where != want {
					t.Errorf("%s: a code of %s found in %s alone", d.PartnerID, found.Where, want)
				}
			}
		}
	}
	if len(allCodes) != 1000*codesPerPartner {
		t.Errorf("%d distinct codes, want %d", len(allCodes), 1000*codesPerPartner)
	}
}

func TestFragmentWithOneMark(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(50)
	d := mustMark(t, a, ps[17], testKey)
	poc := artifact(t, d, "poc.py")
	// The request-ID line alone: `... "X-Request-ID": "7K3M9Q2XH4TBR"},`.
	line := poc[bytes.Index(poc, []byte("X-Request-ID")):]
	line = line[:bytes.IndexByte(line, '\n')]
	m := only(t, identify(t, line, testKey, a, ps), ps[17].ID)
	checkFound(t, line, []trace.Match{m})
	if len(m.Found) != 1 || m.Found[0].Where != "artifacts[0].data" || m.Found[0].Occurrence != 1 {
		t.Errorf("found %+v, want the second placeholder of artifacts[0].data", m.Found)
	}
	// The code alone, as a partner would quote its reference.
	ref := regexp.MustCompile(`Reference of this copy: ([0-9A-Z]{13})\.`).FindStringSubmatch(string(mustJSON(t, d)))
	if ref == nil {
		t.Fatal("no reference in the copy")
	}
	m = only(t, identify(t, []byte(ref[1]), testKey, a, ps), ps[17].ID)
	if m.Found[0].Where != "reference" || m.Found[0].Offset != 0 || m.Found[0].End != 13 {
		t.Errorf("found %+v, want the reference at [0, 13)", m.Found)
	}
}

func TestNoMatch(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(50)
	unmarked, err := disclosure.Disclose(disclosure.DefaultPolicy(), a, ps[3])
	if err != nil {
		t.Fatal(err)
	}
	underOther := mustMark(t, a, ps[3], otherKey)
	for name, leak := range map[string][]byte{
		"unmarked copy":     mustJSON(t, unmarked),
		"unmarked advisory": mustJSON(t, a),
		"empty":             nil,
	} {
		if ms := identify(t, leak, testKey, a, ps); ms != nil {
			t.Errorf("%s: identified %s", name, partners(ms))
		}
	}
	// A copy marked under another key, or of another revision, has marks
	// that are no partner's codes: an error, not "nobody".
	b := a
	b.Revision = 2
	for name, tc := range map[string]struct {
		leak []byte
		a    disclosure.Advisory
	}{
		"copy under another key":                  {mustJSON(t, underOther), a},
		"its proof of concept":                    {artifact(t, underOther, "poc.py"), a},
		"its reference alone":                     {[]byte(underOther.Advisory.Sections[len(underOther.Advisory.Sections)-1].Body), a},
		"revision 2 searched in a copy of rev. 1": {mustJSON(t, mustMark(t, a, ps[3], testKey)), b},
	} {
		ms, err := trace.Identify(tc.leak, testKey, tc.a, ps)
		if ms != nil || !errors.Is(err, trace.ErrWrongKey) {
			t.Errorf("%s: identified %s, error %v; want %v", name, partners(ms), err, trace.ErrWrongKey)
		}
	}
}

// TestCheckKey: marks found without the key tell a wrong key from a leak
// without codes.
func TestCheckKey(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(5)
	right, err := trace.NewIndex(testKey, a, ps)
	if err != nil {
		t.Fatal(err)
	}
	wrong, err := trace.NewIndex(otherKey, a, ps)
	if err != nil {
		t.Fatal(err)
	}
	without, err := trace.NewIndex(testKey, a, append(slices.Clone(ps[:1]), ps[2:]...))
	if err != nil {
		t.Fatal(err)
	}
	d := mustMark(t, a, ps[1], testKey)
	copyJSON, poc := mustJSON(t, d), artifact(t, d, "poc.py")
	unmarked, err := disclosure.Disclose(disclosure.DefaultPolicy(), a, ps[1])
	if err != nil {
		t.Fatal(err)
	}
	other := artifact(t, mustMark(t, a, ps[3], otherKey), "poc.py")
	for _, tc := range []struct {
		name     string
		ix       *trace.Index
		text     []byte
		wrongKey bool
	}{
		{"right key, whole copy", right, copyJSON, false},
		{"right key, proof of concept", right, poc, false},
		{"right key, and a copy under another key", right, append(slices.Clip(poc), other...), false},
		{"unmarked copy", wrong, mustJSON(t, unmarked), false},
		{"no text", wrong, nil, false},
		{"zero Index", &trace.Index{}, copyJSON, false},
		{"wrong key, whole copy", wrong, copyJSON, true},
		{"wrong key, proof of concept", wrong, poc, true},
		{"wrong key, reference section", wrong, []byte(d.Advisory.Sections[len(d.Advisory.Sections)-1].Body), true},
		{"partner not in the list", without, poc, true},
	} {
		err := tc.ix.CheckKey(tc.text)
		if tc.wrongKey != errors.Is(err, trace.ErrWrongKey) || !tc.wrongKey && err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		if err != nil && (strings.Contains(err.Error(), string(testKey)) || strings.Contains(err.Error(), string(otherKey))) {
			t.Errorf("%s: the error quotes a key: %v", tc.name, err)
		}
	}
	// The error names the first mark: where it is, and where a copy has it.
	err = wrong.CheckKey(poc)
	at := regexp.MustCompile(`[0-9A-Z]{13}`).FindIndex(poc)
	if want := fmt.Sprintf("%s at bytes %d-%d, is where a copy has the code of the {{mark}} in artifacts[0].data", poc[at[0]:at[1]], at[0], at[1]); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v; want it to say %q", err, want)
	}
}

// TestIdentifyKeyErrors: a key too short to have marked any copy is an
// error, never an empty result.
func TestIdentifyKeyErrors(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(5)
	leak := mustJSON(t, mustMark(t, a, ps[1], testKey))
	for name, key := range map[string][]byte{
		"empty key": {},
		"nil key":   nil,
		"short key": testKey[:trace.MinKeyLen-1],
	} {
		ms, err := trace.Identify(leak, key, a, ps)
		if ms != nil || !errors.Is(err, trace.ErrInvalidKey) {
			t.Errorf("%s: identified %s, error %v; want %v", name, partners(ms), err, trace.ErrInvalidKey)
		}
	}
}

func TestSplicedCopies(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(50)
	x, y := mustMark(t, a, ps[4], testKey), mustMark(t, a, ps[30], testKey)
	px, py := artifact(t, x, "poc.py"), artifact(t, y, "poc.py")
	// The first half of one proof of concept, the second half of the other.
	leak := append(slices.Clip(px[:len(px)/2]), py[len(py)/2:]...)
	ms := identify(t, leak, testKey, a, ps)
	checkFound(t, leak, ms)
	if len(ms) != 2 || ms[0].Partner != ps[4].ID || ms[1].Partner != ps[30].ID {
		t.Fatalf("identified %s, want %s and %s", partners(ms), ps[4].ID, ps[30].ID)
	}
	// Sorted by codes found: x's whole JSON and y's fragment.
	leak = append(mustJSON(t, x), py[len(py)/2:]...)
	ms = identify(t, leak, testKey, a, ps)
	if len(ms) != 2 || ms[0].Partner != ps[4].ID || ms[0].Distinct != codesPerPartner || ms[1].Distinct != 1 {
		t.Fatalf("identified %s, want %s with %d codes then %s with 1", partners(ms), ps[4].ID, codesPerPartner, ps[30].ID)
	}
	// Equal counts fall back to partner ID.
	leak = append(slices.Clip(py[len(py)/2:]), px[len(px)/2:]...)
	ms = identify(t, leak, testKey, a, ps)
	if len(ms) != 2 || ms[0].Partner != ps[4].ID || ms[1].Partner != ps[30].ID {
		t.Fatalf("identified %s, want %s then %s", partners(ms), ps[4].ID, ps[30].ID)
	}
}

func TestFoundSortedAndRepeated(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(3)
	poc := artifact(t, mustMark(t, a, ps[1], testKey), "poc.py")
	leak := append(slices.Clip(poc), poc...) // the same file twice
	m := only(t, identify(t, leak, testKey, a, ps), ps[1].ID)
	if m.Distinct != 2 || len(m.Found) != 4 {
		t.Fatalf("distinct %d, found %d, want 2 and 4: %+v", m.Distinct, len(m.Found), m.Found)
	}
	if !slices.IsSortedFunc(m.Found, func(x, y trace.Found) int { return x.Offset - y.Offset }) {
		t.Errorf("found not sorted by offset: %+v", m.Found)
	}
	if m.Found[0].Code != m.Found[2].Code || m.Found[0].Offset+len(poc) != m.Found[2].Offset {
		t.Errorf("the second copy's codes are not the first's, len(poc) later: %+v", m.Found)
	}
}

// TestCodesIndependentOfClasses: the same partner gets the same code for a
// placeholder whatever else it receives, and Identify reports the
// placeholder's place in the advisory, not in the copy.
func TestCodesIndependentOfClasses(t *testing.T) {
	a := markedAdvisory()
	// A section before the description that only unrestricted partners get.
	a.Sections = append([]disclosure.Section{{Class: disclosure.ClassTechnicalDetails, Body: "Preamble {{mark}}."}}, a.Sections...)
	full := mustMark(t, a, activePartner("p", "entry", "US"), testKey)
	restricted := mustMark(t, a, activePartner("p", "entry", "CN"), testKey)
	if !restricted.Restricted || restricted.Receives(disclosure.ClassTechnicalDetails) {
		t.Fatalf("the CN partner is not restricted: %v", restricted.Classes)
	}
	find := func(d disclosure.Disclosure, c disclosure.Class) string {
		for _, s := range d.Advisory.Sections {
			if s.Class == c {
				return s.Body
			}
		}
		t.Fatalf("no %s section", c)
		return ""
	}
	if f, r := find(full, disclosure.ClassDescription), find(restricted, disclosure.ClassDescription); f != r {
		t.Errorf("the description's code depends on other classes:\n%s\n%s", f, r)
	}
	if strings.Contains(find(restricted, disclosure.ClassDescription), trace.Placeholder) {
		t.Error("placeholder left in the restricted copy")
	}
	m := only(t, identify(t, mustJSON(t, restricted), testKey, a, []disclosure.Partner{activePartner("p", "entry", "CN")}), "p")
	var where []string
	for _, f := range m.Found {
		where = append(where, f.Where)
	}
	if want := []string{"sections[1].body", "reference"}; !slices.Equal(where, want) {
		t.Errorf("found %v, want %v (the copy's sections[0] is the advisory's sections[1])", where, want)
	}
}

func TestMarkReplacesOnlyPlaceholders(t *testing.T) {
	a := markedAdvisory()
	a.Title = "Title {{mark}}"
	a.Artifacts[0].Name = "poc-{{mark}}.py"
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), a, activePartner("p", "entry", "US"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := trace.Mark(d, testKey)
	if err != nil {
		t.Fatal(err)
	}
	code := `[0-9A-HJKMNP-TV-Z]{13}`
	for i, s := range d.Advisory.Sections {
		for _, pair := range [][2]string{{s.Title, m.Advisory.Sections[i].Title}, {s.Body, m.Advisory.Sections[i].Body}} {
			re := regexp.MustCompile("^" + strings.ReplaceAll(regexp.QuoteMeta(pair[0]), regexp.QuoteMeta(trace.Placeholder), code) + "$")
			if !re.MatchString(pair[1]) {
				t.Errorf("sections[%d]: %q marked as %q", i, pair[0], pair[1])
			}
		}
	}
	for i, f := range d.Advisory.Artifacts {
		re := regexp.MustCompile("^" + strings.ReplaceAll(regexp.QuoteMeta(string(f.Data)), regexp.QuoteMeta(trace.Placeholder), code) + "$")
		if !re.Match(m.Advisory.Artifacts[i].Data) {
			t.Errorf("artifacts[%d]: %q marked as %q", i, f.Data, m.Advisory.Artifacts[i].Data)
		}
	}
	if m.Advisory.Title != a.Title || m.Advisory.Artifacts[0].Name != a.Artifacts[0].Name {
		t.Errorf("title %q and artifact name %q changed", m.Advisory.Title, m.Advisory.Artifacts[0].Name)
	}
	// Everything but the copy's content is as decided, and the reference is
	// the last section.
	n := len(d.Advisory.Sections)
	if len(m.Advisory.Sections) != n+1 {
		t.Fatalf("%d sections, want %d and the reference", len(m.Advisory.Sections), n)
	}
	ref := m.Advisory.Sections[n]
	if ref.Class != disclosure.ClassSummary || ref.Title != "Reference" ||
		!regexp.MustCompile(`^Reference of this copy: `+code+`\. Quote it when you ask about this advisory\.$`).MatchString(ref.Body) {
		t.Errorf("reference section %+v", ref)
	}
	d.Advisory, m.Advisory = disclosure.Advisory{}, disclosure.Advisory{}
	if !reflect.DeepEqual(d, m) {
		t.Errorf("Mark changed the decision:\n%+v\n%+v", d, m)
	}
}

func TestMarkWithoutSummary(t *testing.T) {
	policy := disclosure.Policy{Tiers: []disclosure.Tier{{Name: "poc", Rank: 1, Classes: []disclosure.Class{disclosure.ClassProofOfConcept}, TLP: disclosure.TLPRed}}}
	a := markedAdvisory()
	d, err := disclosure.Disclose(policy, a, activePartner("p", "poc", "US"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := trace.Mark(d, testKey)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Advisory.Sections) != 0 || len(m.Advisory.Artifacts) != 1 {
		t.Fatalf("copy %+v, want the proof of concept alone and no reference", m.Advisory)
	}
	only(t, identify(t, m.Advisory.Artifacts[0].Data, testKey, a, []disclosure.Partner{activePartner("p", "poc", "US")}), "p")

	// An empty list with room to spare is not shared either.
	d.Advisory.Sections = make([]disclosure.Section, 0, 4)
	if m, err = trace.Mark(d, testKey); err != nil {
		t.Fatal(err)
	}
	m.Advisory.Sections = append(m.Advisory.Sections, disclosure.Section{Body: "appended"})
	if d.Advisory.Sections[:1][0].Body == "appended" {
		t.Error("the result's sections share the input's array")
	}
}

func TestMarkNotEntitled(t *testing.T) {
	p := activePartner("p", "entry", "US")
	p.Status = disclosure.StatusSuspended
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), markedAdvisory(), p)
	if err != nil {
		t.Fatal(err)
	}
	m, err := trace.Mark(d, testKey)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d, m) {
		t.Errorf("Mark changed a disclosure that is not entitled:\n%+v\n%+v", d, m)
	}
	m.Reasons[0].Detail = "changed"
	if d.Reasons[0].Detail == "changed" {
		t.Error("the result shares reasons with the input")
	}
}

func TestMarkTwice(t *testing.T) {
	d := mustMark(t, markedAdvisory(), activePartner("p", "entry", "US"), testKey)
	again, err := trace.Mark(d, testKey)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d, again) {
		t.Errorf("marking twice changed the copy:\n%s\n%s", mustJSON(t, d), mustJSON(t, again))
	}
}

// TestMarkIsPure: Mark, run twice and concurrently (for the race
// detector), gives the same result, leaves its input as it was, and
// returns nothing that shares memory with it.
func TestMarkIsPure(t *testing.T) {
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), markedAdvisory(), activePartner("p", "entry", "US"))
	if err != nil {
		t.Fatal(err)
	}
	before := mustJSON(t, d)
	key := slices.Clone(testKey)
	results := make([]disclosure.Disclosure, 8)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], _ = trace.Mark(d, key)
		}()
	}
	wg.Wait()
	first := mustJSON(t, results[0])
	for i, r := range results {
		if got := mustJSON(t, r); !bytes.Equal(got, first) {
			t.Fatalf("result %d differs:\n%s\n%s", i, got, first)
		}
	}
	if !bytes.Equal(mustJSON(t, d), before) || !bytes.Equal(key, testKey) {
		t.Fatal("Mark modified its input")
	}
	// Scribble over every mutable part of one result; the input must not
	// change.
	r := results[0]
	for i := range r.Advisory.Artifacts {
		for j := range r.Advisory.Artifacts[i].Data {
			r.Advisory.Artifacts[i].Data[j] = 'x'
		}
		r.Advisory.Artifacts[i].Name = "x"
	}
	for i := range r.Advisory.Sections {
		r.Advisory.Sections[i].Body = "x"
	}
	for i := range r.Advisory.CVEs {
		r.Advisory.CVEs[i] = "x"
	}
	for i := range r.Advisory.Products {
		r.Advisory.Products[i] = "x"
	}
	for i := range r.Classes {
		r.Classes[i] = "x"
	}
	for i := range r.Reasons {
		r.Reasons[i].Detail = "x"
	}
	for i := range r.Withheld {
		r.Withheld[i].Detail = "x"
	}
	if !bytes.Equal(mustJSON(t, d), before) {
		t.Fatal("the result shares memory with the input")
	}
	// Appending to one artifact's data does not overwrite the next.
	r = results[1]
	r.Advisory.Artifacts[0].Data = append(r.Advisory.Artifacts[0].Data, "overflow"...)
	if bytes.HasPrefix(r.Advisory.Artifacts[1].Data, []byte("overflow")) {
		t.Fatal("artifacts' data overlap")
	}
}

func TestIdentifyIsPure(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(20)
	leak := mustJSON(t, mustMark(t, a, ps[5], testKey))
	beforeLeak, beforeA, beforePs := slices.Clone(leak), mustJSON(t, a), mustJSON(t, ps)
	ix, err := trace.NewIndex(testKey, a, ps)
	if err != nil {
		t.Fatal(err)
	}
	results := make([][]trace.Match, 8)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				results[i] = ix.Identify(leak)
			} else {
				results[i] = identify(t, leak, testKey, a, ps)
			}
		}()
	}
	wg.Wait()
	for i := range results {
		if !reflect.DeepEqual(results[i], results[0]) {
			t.Fatalf("result %d differs: %+v, %+v", i, results[i], results[0])
		}
	}
	only(t, results[0], ps[5].ID)
	if !bytes.Equal(leak, beforeLeak) || !bytes.Equal(mustJSON(t, a), beforeA) || !bytes.Equal(mustJSON(t, ps), beforePs) {
		t.Fatal("Identify modified its input")
	}
}

func TestKeys(t *testing.T) {
	a := markedAdvisory()
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), a, activePartner("p", "entry", "US"))
	if err != nil {
		t.Fatal(err)
	}
	short := []byte("fifteen bytes!!")
	if _, err := trace.Mark(d, short); !errors.Is(err, trace.ErrInvalidKey) || strings.Contains(err.Error(), string(short)) {
		t.Errorf("Mark with a 15-byte key: %v", err)
	}
	if _, err := trace.NewIndex(short, a, nil); !errors.Is(err, trace.ErrInvalidKey) {
		t.Errorf("NewIndex with a 15-byte key: %v", err)
	}
	if ms, err := trace.Identify([]byte("anything"), short, a, nil); ms != nil || !errors.Is(err, trace.ErrInvalidKey) ||
		strings.Contains(err.Error(), string(short)) {
		t.Errorf("Identify with a 15-byte key: %v, %v", ms, err)
	}
	if _, err := trace.Mark(d, []byte("sixteen bytes!!!")); err != nil {
		t.Errorf("Mark with a 16-byte key: %v", err)
	}
	// The key never appears in the output, nor in any error.
	m, err := trace.Mark(d, testKey)
	if err != nil {
		t.Fatal(err)
	}
	out := mustJSON(t, m)
	out = append(out, mustJSON(t, identify(t, out, testKey, a, []disclosure.Partner{activePartner("p", "entry", "US")}))...)
	for _, k := range [][]byte{testKey, testKey[:8], []byte(strings.ToUpper(string(testKey[:8])))} {
		if bytes.Contains(bytes.ToUpper(out), bytes.ToUpper(k)) {
			t.Errorf("the output contains %q of the key", k)
		}
	}
}

func TestInvalidInput(t *testing.T) {
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), markedAdvisory(), activePartner("p", "entry", "US"))
	if err != nil {
		t.Fatal(err)
	}
	bad := d
	bad.PartnerID, bad.AdvisoryID, bad.Revision = " ", "", 0
	_, err = trace.Mark(bad, testKey)
	var ve *disclosure.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, disclosure.ErrInvalidDisclosure) {
		t.Fatalf("Mark of a disclosure without identity: %v", err)
	}
	var paths []string
	for _, p := range ve.Problems {
		paths = append(paths, p.Path)
	}
	if want := []string{"partner", "advisory_id", "revision", "advisory.id", "advisory.revision"}; !slices.Equal(paths, want) {
		t.Errorf("problems at %v, want %v", paths, want)
	}
	a := markedAdvisory()
	a.ID, a.Revision = "", 0
	if _, err := trace.NewIndex(testKey, a, nil); !errors.As(err, &ve) || !errors.Is(err, disclosure.ErrInvalidAdvisory) || len(ve.Problems) != 2 {
		t.Errorf("NewIndex of an advisory without identity: %v", err)
	}
	var zero trace.Index
	if ms := zero.Identify([]byte("x")); ms != nil {
		t.Errorf("the zero Index finds %v", ms)
	}
	var none *trace.Index
	if ms := none.Identify([]byte("x")); ms != nil {
		t.Errorf("a nil Index finds %v", ms)
	}
}

// TestPartnerList: empty and repeated IDs are skipped; a partner is named
// once.
func TestPartnerList(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(3)
	leak := mustJSON(t, mustMark(t, a, ps[2], testKey))
	list := []disclosure.Partner{ps[2], {}, ps[0], ps[2], {ID: "  "}}
	m := only(t, identify(t, leak, testKey, a, list), ps[2].ID)
	if m.Distinct != codesPerPartner {
		t.Errorf("%d codes, want %d", m.Distinct, codesPerPartner)
	}
}

func TestMatchJSON(t *testing.T) {
	a, ps := markedAdvisory(), manyPartners(3)
	poc := artifact(t, mustMark(t, a, ps[0], testKey), "poc.py")
	ms := identify(t, poc, testKey, a, ps)
	var back []trace.Match
	if err := json.Unmarshal(mustJSON(t, ms), &back); err != nil || !reflect.DeepEqual(back, ms) {
		t.Fatalf("matches do not round-trip through JSON: %v\n%+v\n%+v", err, ms, back)
	}
	if !bytes.Contains(mustJSON(t, ms), []byte(`"where":"artifacts[0].data","occurrence":0,"offset":`)) {
		t.Errorf("unexpected JSON: %s", mustJSON(t, ms))
	}
}

func TestPlaceholders(t *testing.T) {
	want := []string{"sections[0].body", "sections[3].title", "sections[3].body", "sections[4].body", "sections[4].body", "artifacts[0].data", "artifacts[0].data", "artifacts[1].data"}
	if got := trace.Placeholders(markedAdvisory()); !slices.Equal(got, want) {
		t.Errorf("placeholders %v, want %v", got, want)
	}
	if len(want)+1 != codesPerPartner {
		t.Errorf("codesPerPartner is %d, want %d", codesPerPartner, len(want)+1)
	}
	if got := trace.Placeholders(typicalAdvisory()); got != nil {
		t.Errorf("typical advisory: %v", got)
	}
}
