package csaf_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// classOf reads a document of one vulnerability with one note and
// returns the note's class.
func classOf(t *testing.T, opts csaf.Options, category, title string) disclosure.Class {
	t.Helper()
	note := fmt.Sprintf(`{"category": %q, "text": "body"`, category)
	if title != "" {
		b, _ := json.Marshal(title)
		note += `, "title": ` + string(b)
	}
	a, err := readAdvisory(withVulns(`[{"notes": [`+note+`}]}]`), opts)
	if err != nil {
		t.Fatalf("%q/%+q: %v", category, title, err)
	}
	if len(a.Sections) != 1 {
		t.Fatalf("%q/%+q: sections %+v, want one", category, title, a.Sections)
	}
	return a.Sections[0].Class
}

// TestDisguisedTitles checks that a title naming an exploit in a
// disguised form (look-alike letters, fullwidth forms, invisible
// characters inside a word, camel case, digits for letters) or in words
// of its own (Metasploit, attack code, weaponized, shellcode) makes a
// general note a proof of concept, which restricted partners never
// receive.
func TestDisguisedTitles(t *testing.T) {
	def := csaf.DefaultOptions()
	for _, title := range []string{
		// Cyrillic and Greek look-alikes.
		"\u0420roof of concept",                // Cyrillic ER
		"Pr\u043e\u043ef \u043ef c\u043encept", // Cyrillic o
		"\u0420\u043e\u0421",                   // PoC all Cyrillic
		"\u0395xpl\u03bfit",                    // Greek Epsilon, omicron
		"\u0415xplo\u0456t",                    // Cyrillic IE and i
		"\u0455hellcode",                       // Cyrillic dze
		// Fullwidth forms.
		"\uff30\uff4f\uff23",                         // ＰｏＣ
		"\uff25\uff58\uff50\uff4c\uff4f\uff49\uff54", // Ｅｘｐｌｏｉｔ
		"\uff30\uff0e\uff4f\uff0e\uff23\uff0e",       // Ｐ．ｏ．Ｃ．
		// Invisible characters inside a word.
		"Ex\u00adploit",                // soft hyphen
		"Ex\u00adploit\u00adation",     // soft hyphens
		"P\u200boC",                    // zero-width space
		"Exp\u200dloit",                // zero-width joiner
		"Pro\u2060of of con\u2060cept", // word joiner
		"Expl\ufeffoit",                // zero-width no-break space
		"Explo\u0301it",                // combining acute accent
		"Ex\ufe0fploit",                // variation selector
		// Camel case.
		"ProofOfConcept",
		"ProofsOfConcept",
		"ExploitDB entry",
		"PoCExploit",
		"PoCCode",
		"MetasploitModule",
		"AttackCode",
		"WeaponizedPayload",
		"exploitPayload",
		// Digits for letters.
		"Expl0it",
		"Pr00f of c0ncept",
		"EXPL01T",
		"P0C",
		"3xpl0it",
		"Sh3llc0d3",
		"Expl017",
		"Expl0itDB",
		"Exp1oit", // 1 read as l
		"Explo1t", // 1 read as i
		// Phrases of their own.
		"Metasploit module",
		"Attack code",
		"Weaponized payload",
		"Weaponised payload",
		"Weaponization",
		"Shellcode",
		"Shell code",
		"exploitdb",
		// Already matched before titles were normalised, kept so.
		"Exploit kit", "PoC code", "Working exploit", "Exploit chain", "Exploit-DB entry",
		"Proof\u00adof\u00adconcept", "Exploit\u200bation",
		// Together.
		"\uff30r\u043e\u043ef\u00adOf\u00adC0ncept",
	} {
		if got := classOf(t, def, "general", title); got != disclosure.ClassProofOfConcept {
			t.Errorf("general note titled %+q: %s, want %s", title, got, disclosure.ClassProofOfConcept)
		}
	}
}

// TestUndisguisedTitles checks that the normalisation of titles makes no
// match of its own out of ordinary words, versions, identifiers and
// product names: each of these general notes stays a description.
func TestUndisguisedTitles(t *testing.T) {
	def := csaf.DefaultOptions()
	for _, title := range []string{
		"Epoch handling", "E.p.o.c.h.", "Pocket edition", "P. O. C.", "Exploitability",
		"CVE-2025-1234", "CVE-2021-44228 in Log4j", "log4j 2.x", "Log4Shell", "x86 and x86_64 builds", "x64-based systems",
		"Windows 10 version 1809", "Win10", "IPv4 and IPv6", "TLSv1.3", "SSLv3 fallback", "SHA256 checksums", "ARM64",
		"3DES ciphers", "S7-1500 CPU", "IEC 61850", "H.264 decoder", "UTF8 decoding", "AES128", "Office 365", "0day",
		"iPhone and iPad", "JavaScript engine", "macOS", "PowerShell", "McAfee ePO", "SharePoint Server", "ReDoS",
		"DoS", "IoT devices", "PoCo library", "OpenSSL", "GitLab", "WebKit", "CodeIgniter",
		"Attack vector", "Attack surface", "Attack complexity", "Code injection", "Payload format", "Kit contents",
		"Working group", "Chain of custody", "Shell access", "Weapon", "Pocketbook",
		"Recommended Practices", "Vulnerability Summary", "Risk evaluation", "Company headquarters location",
		"Topic", "Details", "Vulnerability Description", "Affected Products", "Workarounds", "Fixed Software",
		"Additional Information", "General Security Recommendations", "Product Description",
	} {
		if got := classOf(t, def, "general", title); got != disclosure.ClassDescription {
			t.Errorf("general note titled %+q: %s, want %s", title, got, disclosure.ClassDescription)
		}
	}
}

// TestRealTitlesKeepTheirClass pins the class of every note of the
// documents under testdata, as the default options give it: the
// normalisation of titles changes none of them. A new document's notes
// must be added here, and reviewed.
func TestRealTitlesKeepTheirClass(t *testing.T) {
	want := map[[2]string]disclosure.Class{
		{"description", "CVE description"}:            disclosure.ClassDescription,
		{"summary", "Author comment"}:                 disclosure.ClassDescription,
		{"description", "Code injection"}:             disclosure.ClassDescription,
		{"description", "Spoofing"}:                   disclosure.ClassDescription,
		{"details", "Reproducing the flaw"}:           disclosure.ClassReproSteps,
		{"details", "Root cause"}:                     disclosure.ClassTechnicalDetails,
		{"general", "Detecting exploitation"}:         disclosure.ClassProofOfConcept,
		{"legal_disclaimer", "Terms of use"}:          disclosure.ClassSummary,
		{"other", "Analyst notes (not yet reviewed)"}: disclosure.ClassUnclassified,
		{"other", "Indicators of compromise"}:         disclosure.ClassIndicators,
		{"other", "Proof-of-concept code"}:            disclosure.ClassProofOfConcept,
		{"summary", "Summary of the flaw"}:            disclosure.ClassDescription,
		{"description", "Vulnerability description"}:  disclosure.ClassDescription,
		{"general", "Recommended Practices"}:          disclosure.ClassDescription,
		{"legal_disclaimer", "Legal Notice"}:          disclosure.ClassSummary,
		{"other", "Company headquarters location"}:    disclosure.ClassUnclassified,
		{"other", "Countries/areas deployed"}:         disclosure.ClassUnclassified,
		{"other", "Critical infrastructure sectors"}:  disclosure.ClassUnclassified,
		{"summary", "Risk evaluation"}:                disclosure.ClassDescription,
		{"summary", "Vulnerability Summary"}:          disclosure.ClassDescription,
		{"general", "Details"}:                        disclosure.ClassDescription,
		{"general", "Vulnerability Description"}:      disclosure.ClassDescription,
		{"legal_disclaimer", "Terms of Use"}:          disclosure.ClassSummary,
		{"summary", "Topic"}:                          disclosure.ClassDescription,
		{"summary", "Summary"}:                        disclosure.ClassDescription,
		{"general", "Recommended practices"}:          disclosure.ClassDescription,
		{"details", "What the scans look like"}:       disclosure.ClassTechnicalDetails,
		{"description", "Reasoning for Supersession"}: disclosure.ClassDescription,
	}
	seen := map[[2]string]bool{}
	for _, path := range documents(t) {
		var doc any
		if err := json.Unmarshal(readFile(t, path), &doc); err != nil {
			t.Fatal(err)
		}
		r, err := csaf.Read(readFile(t, path), csaf.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		classes := map[string]disclosure.Class{}
		for _, e := range r.Elements {
			classes[e.Path] = e.Class
		}
		for _, n := range notesOf(doc, "", nil) {
			key := [2]string{n.category, n.title}
			seen[key] = true
			w, ok := want[key]
			if !ok {
				t.Errorf("%s: note %s/%q is not in the table", filepath.Base(path), n.category, n.title)
				continue
			}
			if got := classes[n.path]; got != w {
				t.Errorf("%s: %s (%s/%q) is %s, want %s", filepath.Base(path), n.path, n.category, n.title, got, w)
			}
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("%s/%q is in no document", k[0], k[1])
		}
	}
}

type docNote struct{ path, category, title string }

// notesOf returns the titled notes of a decoded document, with their
// paths as Read writes them.
func notesOf(v any, path string, out []docNote) []docNote {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if k == "notes" {
				for i, n := range v[k].([]any) {
					m := n.(map[string]any)
					if title, ok := m["title"].(string); ok {
						out = append(out, docNote{fmt.Sprintf("%s[%d]", p, i), m["category"].(string), title})
					}
				}
				continue
			}
			out = notesOf(v[k], p, out)
		}
	case []any:
		for i, e := range v {
			out = notesOf(e, fmt.Sprintf("%s[%d]", path, i), out)
		}
	}
	return out
}

// TestCategoriesExact checks that note categories are compared exactly:
// Read accepts a category CSAF does not define ("General", " details"),
// which the schema would refuse, and a category the options do not name
// makes the note unclassified unless a title rule matches. Nothing is
// guessed from a near miss.
func TestCategoriesExact(t *testing.T) {
	def := csaf.DefaultOptions()
	for _, c := range []struct {
		category, title string
		want            disclosure.Class
	}{
		{"General", "Overview", disclosure.ClassUnclassified},
		{"GENERAL", "Overview", disclosure.ClassUnclassified},
		{" general", "Overview", disclosure.ClassUnclassified},
		{"general ", "Overview", disclosure.ClassUnclassified},
		{" details", "Root cause", disclosure.ClassUnclassified},
		{"Summary", "", disclosure.ClassUnclassified},
		{"summary\u200b", "", disclosure.ClassUnclassified},
		{"\u0455ummary", "Overview", disclosure.ClassUnclassified}, // Cyrillic dze
		{"legal-disclaimer", "Terms of use", disclosure.ClassUnclassified},
		{"General", "Proof of concept", disclosure.ClassProofOfConcept}, // a title rule still applies
		{"general", "Overview", disclosure.ClassDescription},
	} {
		if got := classOf(t, def, c.category, c.title); got != c.want {
			t.Errorf("note %+q/%+q: %s, want %s", c.category, c.title, got, c.want)
		}
	}
}
