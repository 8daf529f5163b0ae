package trace_test

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

// sharePointAdvisory and typicalAdvisory are those of the root package's
// bench_test.go, so that Mark is measured against Disclose on the same
// advisory.
func sharePointAdvisory() disclosure.Advisory {
	return disclosure.Advisory{
		ID:       "ADV-2025-0042",
		Revision: 1,
		CVEs:     []string{"CVE-2025-49704", "CVE-2025-49706"},
		Title:    "SharePoint Server remote code execution",
		Products: []string{"SharePoint Server 2019"},
		Severity: disclosure.SeverityCritical,
		PublicAt: disclosure.PatchTuesday(2025, time.July),
		Sections: []disclosure.Section{
			{Class: disclosure.ClassDescription, Body: "A deserialization flaw allows remote code execution."},
			{Class: disclosure.ClassMitigations, Body: "Enable AMSI integration; rotate machine keys."},
			{Class: disclosure.ClassDetectionGuidance, Body: "Alert on POST to ToolPane.aspx with a spoofed Referer."},
			{Class: disclosure.ClassTechnicalDetails, Body: "The control deserializes untrusted view state."},
		},
		Artifacts: []disclosure.Artifact{
			{Class: disclosure.ClassProofOfConcept, Name: "poc.py", MediaType: "text/x-python", Data: []byte("print('poc')\n")},
		},
	}
}

// typicalAdvisory has content of every class: about 10 KB of text in
// sections and a 2 KB proof of concept.
func typicalAdvisory() disclosure.Advisory {
	a := sharePointAdvisory()
	a.Sections = nil
	para := strings.Repeat("The request handler deserializes attacker-controlled state before authentication. ", 16) // ~1.3 KB
	for _, c := range disclosure.Classes() {
		if c == disclosure.ClassProofOfConcept {
			continue
		}
		a.Sections = append(a.Sections, disclosure.Section{Class: c, Title: string(c), Body: para})
	}
	a.Artifacts = []disclosure.Artifact{{Class: disclosure.ClassProofOfConcept, Name: "poc.py", MediaType: "text/x-python",
		Data: []byte(strings.Repeat("payload = build_gadget_chain(target)\n", 56))}} // ~2 KB
	return a
}

// typicalWithMarks is typicalAdvisory with placeholders: one in each of two
// sections, two in the proof of concept.
func typicalWithMarks() disclosure.Advisory {
	a := typicalAdvisory()
	a.Sections[1].Body += "Case {{mark}}."
	a.Sections[5].Body = "Tracking {{mark}}. " + a.Sections[5].Body
	poc := a.Artifacts[0].Data
	a.Artifacts[0].Data = append(append([]byte("# case {{mark}}\n"), poc[:len(poc)/2]...), "request_id = '{{mark}}'\n"...)
	a.Artifacts[0].Data = append(a.Artifacts[0].Data, poc[len(poc)/2:]...)
	return a
}

// BenchmarkTypical measures Disclose, and Mark of its result, for the
// typical advisory and one partner of the entry tier. Compare with
// benchstat -col /op.
func BenchmarkTypical(b *testing.B) {
	policy, partner := disclosure.DefaultPolicy(), activePartner("us-antivirus", "entry", "US")
	for _, adv := range []struct {
		name string
		a    disclosure.Advisory
	}{{"plain", typicalAdvisory()}, {"placeholders", typicalWithMarks()}} {
		d, err := disclosure.Disclose(policy, adv.a, partner)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("advisory="+adv.name+"/op=Disclose", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := disclosure.Disclose(policy, adv.a, partner); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("advisory="+adv.name+"/op=Mark", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := trace.Mark(d, testKey); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var benchLeak = sync.OnceValue(func() []byte { return makeLeak(20 << 20) })

// makeLeak returns size bytes of what a leak search goes through: prose
// in wrapped lines, code, and now and then a MIME block of base64; two
// partners' marked proofs of concept are planted at a quarter and at three
// quarters of it.
func makeLeak(size int) []byte {
	r := rand.New(rand.NewPCG(2012, 20))
	words := strings.Fields(`the a of to and in is that for on with as by this be are from at or an it
		vulnerability remote code execution attacker request server handler deserialization payload
		authentication token session SharePoint Exchange patch release embargo partner advisory
		exploit mitigation detection signature indicator network service control view state
		CVE-2025-49704 ToolPane.aspx 0x7ffe0300 192.168.0.12 HTTP/1.1 Content-Length: X-Request-ID`)
	code := []string{
		"    payload = build_gadget_chain(target)\n",
		"    resp = session.post(url, data=payload, headers={'Referer': ref})\n",
		"if (len(buf) > 0x1000) { return -EINVAL; }\n",
		"for i in range(0, len(data), 16): print(data[i:i+16].hex())\n",
	}
	a, ps := markedAdvisory(), manyPartners(1000)
	var planted [][]byte
	for _, p := range []disclosure.Partner{ps[250], ps[750]} {
		d, err := disclosure.Disclose(disclosure.DefaultPolicy(), a, p)
		if err != nil {
			panic(err)
		}
		if d, err = trace.Mark(d, testKey); err != nil {
			panic(err)
		}
		planted = append(planted, d.Advisory.Artifacts[0].Data)
	}
	leak := make([]byte, 0, size+4096)
	raw := make([]byte, 3*1024)
	for len(leak) < size {
		if len(planted) > 0 && len(leak) >= size/4*(5-2*len(planted)) {
			leak = append(leak, planted[0]...)
			planted = planted[1:]
		}
		switch k := r.IntN(20); {
		case k < 14: // a paragraph
			col := 0
			for range 40 + r.IntN(80) {
				w := words[r.IntN(len(words))]
				if col+len(w) > 72 {
					leak = append(leak, '\n')
					col = 0
				}
				leak = append(append(leak, w...), ' ')
				col += len(w) + 1
			}
			leak = append(leak, ".\n\n"...)
		case k < 19: // code
			for range 5 + r.IntN(20) {
				leak = append(leak, code[r.IntN(len(code))]...)
			}
		default: // an attachment
			for i := range raw {
				raw[i] = byte(r.Uint32())
			}
			leak = append(leak, foldAt([]byte(base64.StdEncoding.EncodeToString(raw)), 76, "\r\n")...)
			leak = append(leak, "\r\n"...)
		}
	}
	return leak[:size]
}

// BenchmarkIdentify searches leaks of 10 and 20 MB for the codes of 1,000
// partners, computing their codes first as Identify does.
func BenchmarkIdentify(b *testing.B) {
	a, ps := markedAdvisory(), manyPartners(1000)
	for _, mb := range []int{10, 20} {
		leak := benchLeak()[:mb<<20]
		if ms := identify(b, leak, testKey, a, ps); len(ms) != mb/10 {
			b.Fatalf("%d MB: identified %s", mb, partners(ms))
		}
		b.Run(fmt.Sprintf("leak=%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(len(leak)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := trace.Identify(leak, testKey, a, ps); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkIndex separates the two parts of Identify: computing 1,000
// partners' codes, and searching 10 MB with them.
func BenchmarkIndex(b *testing.B) {
	a, ps := markedAdvisory(), manyPartners(1000)
	b.Run("op=NewIndex", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := trace.NewIndex(testKey, a, ps); err != nil {
				b.Fatal(err)
			}
		}
	})
	ix, err := trace.NewIndex(testKey, a, ps)
	if err != nil {
		b.Fatal(err)
	}
	leak := benchLeak()[:10<<20]
	b.Run("op=Identify", func(b *testing.B) {
		b.SetBytes(int64(len(leak)))
		b.ReportAllocs()
		for b.Loop() {
			ix.Identify(leak)
		}
	})
}
