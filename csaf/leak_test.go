package csaf_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// leakDocs are the documents FuzzLeak mutates: the real documents under
// testdata, ICSA-20-168-01 cut to its first two vulnerabilities (whole,
// it would make every input slow).
func leakDocs(t testing.TB) [][]byte {
	var docs [][]byte
	for _, path := range documents(t) {
		doc := readFile(t, path)
		if filepath.Base(path) == "icsa-20-168-01.json" {
			var m map[string]any
			if err := json.Unmarshal(doc, &m); err != nil {
				t.Fatal(err)
			}
			m["vulnerabilities"] = m["vulnerabilities"].([]any)[:2]
			doc, _ = json.Marshal(m)
		}
		docs = append(docs, doc)
	}
	return docs
}

// A marker is a unique string put into a document, with the class of the
// content it was put in, as the package documentation gives it.
type marker struct {
	text  string
	class disclosure.Class
	where string
}

// The oracle's own tables of the documented classification, for the
// titles and categories the mutations use.
var (
	leakTitles = []struct {
		title string
		class disclosure.Class // "" for no title rule
	}{
		{"", ""}, {"Overview", ""}, {"Root cause", ""}, {"Recommended Practices", ""},
		{"Exploits", disclosure.ClassProofOfConcept}, {"P.o.C.", disclosure.ClassProofOfConcept},
		{"Proofs of concept", disclosure.ClassProofOfConcept}, {"Exploitation details", disclosure.ClassProofOfConcept},
		{"p-o-c", disclosure.ClassProofOfConcept}, {"How to reproduce", disclosure.ClassReproSteps},
		{"IOCs", disclosure.ClassIndicators}, {"Detection", disclosure.ClassDetectionGuidance},
		// Disguised: look-alikes, fullwidth forms, invisible characters
		// inside a word, camel case, digits for letters, other words.
		{"\u0420roof of concept", disclosure.ClassProofOfConcept}, {"\u0420\u043e\u0421", disclosure.ClassProofOfConcept},
		{"\uff30\uff4f\uff23", disclosure.ClassProofOfConcept}, {"Ex\u00adploit", disclosure.ClassProofOfConcept},
		{"P\u200boC", disclosure.ClassProofOfConcept}, {"ProofOfConcept", disclosure.ClassProofOfConcept},
		{"ExploitDB entry", disclosure.ClassProofOfConcept}, {"Expl0it", disclosure.ClassProofOfConcept},
		{"Pr00f of c0ncept", disclosure.ClassProofOfConcept}, {"Metasploit module", disclosure.ClassProofOfConcept},
		{"Attack code", disclosure.ClassProofOfConcept}, {"Weaponized payload", disclosure.ClassProofOfConcept},
		{"Sh3llc0d3", disclosure.ClassProofOfConcept}, {"\u0406\u041e\u0421s", disclosure.ClassIndicators},
		{"D\u0435t\u0435ction", disclosure.ClassDetectionGuidance}, {"R3pr0duc3r", disclosure.ClassReproSteps},
		// Near misses that stay what their category gives.
		{"Pocket edition", ""}, {"Epoch", ""}, {"E.p.o.c.h.", ""}, {"Log4j 2.x on x86", ""}, {"CVE-2025-1234", ""},
		{"Attack vector", ""},
	}
	leakCategories = map[string]disclosure.Class{ // "" for no rule
		"summary": disclosure.ClassDescription, "description": disclosure.ClassDescription,
		"general": disclosure.ClassDescription, "details": disclosure.ClassTechnicalDetails,
		"legal_disclaimer": disclosure.ClassSummary, "other": "", "faq": "",
	}
	leakUntitled = map[string]disclosure.Class{
		"summary": disclosure.ClassDescription, "details": disclosure.ClassTechnicalDetails, "legal_disclaimer": disclosure.ClassSummary,
	}
	leakLabels = map[string][]string{
		"2.0": {"WHITE", "GREEN", "AMBER", "RED"},
		"2.1": {"CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"},
	}
)

// noteClass is the class the documentation gives a note.
func noteClass(category, title string, titleClass disclosure.Class) disclosure.Class {
	if strings.TrimSpace(title) == "" {
		if c, ok := leakUntitled[category]; ok {
			return c
		}
		return disclosure.ClassUnclassified
	}
	c := leakCategories[category]
	if titleClass.Sensitivity() > c.Sensitivity() {
		c = titleClass
	}
	if c == "" {
		return disclosure.ClassUnclassified
	}
	return c
}

// mutate changes a document with rng, and returns the markers it put in.
func mutate(doc map[string]any, rng *rand.Rand, recipe uint8, text string) []marker {
	var ms []marker
	n := 0
	mark := func(class disclosure.Class, where string) string {
		n++
		m := fmt.Sprintf("LEAK%dX%d", n, rng.IntN(1000))
		ms = append(ms, marker{m, class, where})
		return m
	}
	d, _ := doc["document"].(map[string]any)
	if d == nil {
		return nil
	}
	version, _ := d["csaf_version"].(string)
	vulns, _ := doc["vulnerabilities"].([]any)
	// A list of notes or references of the document or of a vulnerability.
	owner := func() map[string]any {
		if len(vulns) > 0 && rng.IntN(2) == 0 {
			if v, ok := vulns[rng.IntN(len(vulns))].(map[string]any); ok {
				return v
			}
		}
		return d
	}
	addNote := func() {
		o := owner()
		t := leakTitles[rng.IntN(len(leakTitles))]
		cats := []string{"summary", "description", "general", "details", "legal_disclaimer", "other", "faq", "invented"}
		cat := cats[rng.IntN(len(cats))]
		class := noteClass(cat, t.title, t.class)
		note := map[string]any{"category": cat, "text": text + " " + mark(class, "note "+cat+"/"+t.title)}
		switch {
		case t.title != "" && rng.IntN(3) == 0:
			note["title"] = t.title + " " + mark(class, "title "+t.title)
		case t.title != "":
			note["title"] = t.title
		case rng.IntN(2) == 0:
			note["title"] = "  " // white space only: untitled
		}
		notes, _ := o["notes"].([]any)
		o["notes"] = append(notes, note)
	}
	addUndefined := func() {
		objs := objectsOf(doc, nil)
		o := objs[rng.IntN(len(objs))]
		names := []string{"zz_leak", "x_leak", "secret", "internal_note"}
		name := names[rng.IntN(len(names))]
		if _, taken := o[name]; taken {
			return
		}
		m := mark(disclosure.ClassUnclassified, "undefined member "+name)
		switch rng.IntN(3) {
		case 0:
			o[name] = m
		case 1:
			o[name] = map[string]any{"nested": []any{m, 1.5}}
		default:
			o[name] = []any{map[string]any{"text": m}}
		}
	}
	addThreat := func() {
		if len(vulns) == 0 {
			return
		}
		v, ok := vulns[rng.IntN(len(vulns))].(map[string]any)
		if !ok {
			return
		}
		threats, _ := v["threats"].([]any)
		date := time.Date(2019+rng.IntN(8), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), 0, 0, 0, time.UTC)
		if rng.IntN(2) == 0 {
			v["threats"] = append(threats, map[string]any{"category": "exploit_status", "details": text, "date": date.Format(time.RFC3339)})
		} else {
			v["threats"] = append(threats, map[string]any{"category": "target_set", "details": mark(disclosure.ClassUnclassified, "target set")})
		}
	}
	addReference := func() {
		o := owner()
		refs, _ := o["references"].([]any)
		if rng.IntN(2) == 0 {
			o["references"] = append(refs, map[string]any{"category": "external", "summary": "s", "url": "https://x.example/" + mark(disclosure.ClassUnclassified, "external reference")})
		} else {
			o["references"] = append(refs, map[string]any{"summary": "no category", "url": "https://x.example/" + mark(disclosure.ClassUnclassified, "reference without category")})
		}
	}
	setLabel := func() {
		labels := leakLabels[version]
		if len(labels) == 0 {
			return
		}
		dist, _ := d["distribution"].(map[string]any)
		if dist == nil {
			dist = map[string]any{}
			d["distribution"] = dist
		}
		dist["tlp"] = map[string]any{"label": labels[rng.IntN(len(labels))]}
	}
	ops := []func(){addNote, addUndefined, addThreat, addReference, setLabel}
	switch recipe % 6 {
	case 0: // notes
		for range 1 + rng.IntN(4) {
			addNote()
		}
	case 1: // undefined members
		for range 1 + rng.IntN(4) {
			addUndefined()
		}
	case 2: // signals and a label
		addThreat()
		addThreat()
		setLabel()
	case 3: // references and notes
		addReference()
		addNote()
	default: // anything
		for range 1 + rng.IntN(6) {
			ops[rng.IntN(len(ops))]()
		}
	}
	return ms
}

// objectsOf returns every object of a decoded JSON value.
func objectsOf(v any, out []map[string]any) []map[string]any {
	switch v := v.(type) {
	case map[string]any:
		out = append(out, v)
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys) // deterministic
		for _, k := range keys {
			out = objectsOf(v[k], out)
		}
	case []any:
		for _, e := range v {
			out = objectsOf(e, out)
		}
	}
	return out
}

// leakPartners are an entry-tier partner in the US, a partner in China
// (restricted under the default policy once its law is in effect), a
// suspended partner and a partner the advisory excludes.
func leakPartners() []disclosure.Partner {
	signed := disclosure.Agreement{SignedAt: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
	return []disclosure.Partner{
		{ID: "us-entry", Tier: "entry", Jurisdictions: []string{"US"}, Status: disclosure.StatusActive, Agreement: signed},
		{ID: "cn", Tier: "entry", Jurisdictions: []string{"CN"}, Status: disclosure.StatusActive, Agreement: signed},
		{ID: "suspended", Tier: "entry", Jurisdictions: []string{"US"}, Status: disclosure.StatusSuspended, Agreement: signed},
		{ID: "excluded", Tier: "validate", Jurisdictions: []string{"US"}, Status: disclosure.StatusActive, Agreement: signed},
	}
}

// cnLawFrom is when the law that restricts the partner in China took
// effect, under the default policy's built-in laws.
var cnLawFrom = time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC)

// FuzzLeak mutates the real documents (notes with sensitive or no titles,
// undefined members at any depth, exploitation signals with any text,
// references, another label) and checks that no partner sees a marker put
// in content of a class it does not receive: the partner in China, once
// restricted, receives only the summary, the description and the
// mitigations, at the public release and not before; the US entry-tier
// partner everything but unclassified, not before the public release
// minus its 24 hours; the suspended and the excluded partners nothing.
// No copy is labelled below its source. A copy refused because it would
// fail a CSAF mandatory test is not written, so nobody sees it.
func FuzzLeak(f *testing.F) {
	docs := leakDocs(f)
	for i := range docs {
		for recipe := range 6 {
			f.Add(uint8(i), uint8(recipe), uint64(i*31+recipe), "Exploitation Less Likely")
		}
	}
	policy := disclosure.DefaultPolicy()
	partners := leakPartners()
	opts := csaf.DefaultOptions()
	restricted := []disclosure.Class{disclosure.ClassSummary, disclosure.ClassDescription, disclosure.ClassMitigations}
	f.Fuzz(func(t *testing.T, docIndex, recipe uint8, seed uint64, text string) {
		var tree map[string]any
		if err := json.Unmarshal(docs[int(docIndex)%len(docs)], &tree); err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(seed, uint64(recipe)))
		markers := mutate(tree, rng, recipe, text)
		doc, err := json.Marshal(tree)
		if err != nil {
			t.Fatal(err)
		}
		r, err := csaf.Read(doc, opts)
		if err != nil {
			return // a mutation may make the document unreadable
		}
		a := r.Advisory
		a.ExcludePartners = []string{"excluded"}
		plan, err := disclosure.Plan(policy, a, partners)
		if err != nil {
			t.Fatalf("Plan: %v", err)
		}
		cnRestricted := !a.PublicAt.Before(cnLawFrom)
		for _, d := range plan {
			var allowed []disclosure.Class
			switch d.PartnerID {
			case "suspended", "excluded":
				if d.Entitled {
					t.Fatalf("%s is entitled", d.PartnerID)
				}
				continue
			case "cn":
				if !cnRestricted {
					allowed = disclosure.Classes()[:8] // the entry tier's, before the law
					break
				}
				if !d.Restricted || d.ReleaseAt.Before(a.PublicAt) {
					t.Fatalf("cn: restricted %v, released at %v, before the public release %v", d.Restricted, d.ReleaseAt, a.PublicAt)
				}
				allowed = restricted
			case "us-entry":
				allowed = disclosure.Classes()[:8]
				if d.ReleaseAt.Before(a.PublicAt.Add(-24 * time.Hour)) {
					t.Fatalf("us-entry released at %v, before the public release %v minus 24 hours", d.ReleaseAt, a.PublicAt)
				}
			}
			if !d.Entitled {
				continue
			}
			for _, c := range d.Classes {
				if !slices.Contains(allowed, c) {
					t.Fatalf("%s receives %s", d.PartnerID, c)
				}
			}
			out, _, err := csaf.Write(doc, d, opts)
			if errors.Is(err, csaf.ErrMandatoryTest) {
				continue // refused: the copy would fail a mandatory test; nothing is written
			}
			if err != nil {
				t.Fatalf("Write for %s: %v", d.PartnerID, err)
			}
			for _, m := range markers {
				if !slices.Contains(allowed, m.class) && strings.Contains(string(out), m.text) {
					t.Fatalf("%s sees %s, put in %s of class %s:\n%s", d.PartnerID, m.text, m.where, m.class, out)
				}
			}
			back, err := csaf.Read(out, opts)
			if err != nil {
				t.Fatalf("the copy for %s does not read: %v", d.PartnerID, err)
			}
			if tlpRank(back.Label) < tlpRank(r.Label) {
				t.Fatalf("the copy for %s is labelled %s, below the source's %s", d.PartnerID, back.Label, r.Label)
			}
		}
	})
}

// TestLeakMutationsReadable checks that the mutations of FuzzLeak keep
// most documents readable, so that the oracle runs, and says how many.
func TestLeakMutationsReadable(t *testing.T) {
	docs := leakDocs(t)
	read, total := 0, 0
	start := time.Now()
	for seed := range uint64(600) {
		var tree map[string]any
		if err := json.Unmarshal(docs[int(seed)%len(docs)], &tree); err != nil {
			t.Fatal(err)
		}
		mutate(tree, rand.New(rand.NewPCG(seed, seed%6)), uint8(seed%6), "text")
		doc, _ := json.Marshal(tree)
		total++
		if _, err := csaf.Read(doc, csaf.DefaultOptions()); err == nil {
			read++
		}
	}
	t.Logf("%d of %d mutated documents read (%.0f%%), %v each", read, total, 100*float64(read)/float64(total), time.Since(start)/time.Duration(total))
	if read*10 < total*9 {
		t.Errorf("only %d of %d mutated documents read", read, total)
	}
}
