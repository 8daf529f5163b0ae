package csaf

import (
	"strings"
	"testing"
)

// TestReadings checks the readings of titles word for word: each reading
// is its words joined by spaces, the readings joined by " | ".
func TestReadings(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Proof of concept", "proof of concept"},
		{"P.o.C.", "poc"},
		{"I.O.C.s", "iocs"},
		{"P. O. C.", "p o c"},
		{"Epoch", "epoch"},
		{"E.p.o.c.h.", "epoch"},
		// Look-alikes and fullwidth forms, in every reading.
		{"\u0420roof", "proof"},
		{"\u0420\u043e\u0421", "poc"},
		{"\u0395xpl\u03bfit", "exploit"},
		{"\uff30\uff4f\uff23", "poc"},
		{"\uff30\uff0e\uff4f\uff0e\uff23\uff0e", "poc"},
		{"\uff30\uff4f\uff23\uff53", "pocs"},
		// Format characters and marks: separators literally, dropped when
		// normalised.
		{"Ex\u00adploit", "ex ploit | exploit"},
		{"Proof\u00adof\u00adconcept", "proof of concept | proofofconcept"},
		{"Exploit\u200bation", "exploit ation | exploitation"},
		{"Explo\u0301it", "explo it | exploit"},
		{"\u00ad", ""},
		// Camel case, when normalised.
		{"ProofOfConcept", "proofofconcept | proof of concept"},
		{"ExploitDB entry", "exploitdb entry | exploit db entry"},
		{"PoC", "poc"},
		{"PoCs", "pocs"},
		{"IoCs", "iocs"},
		{"IOCs", "iocs"},
		{"CVEs", "cves"},
		{"DoS", "dos"},
		{"ReDoS", "redos | re dos"},
		{"PoCExploit", "pocexploit | poc exploit"},
		{"PoCCode", "poccode | poc code"},
		{"ABC0", "abco"},
		{"aBC0", "abco | a bco"},
		{"ExploitPoC", "exploitpoc | exploit poc"},
		{"OfC", "ofc"},
		{"XMLHttpRequest", "xmlhttprequest | xml http request"},
		{"iPhone", "iphone | i phone"},
		{"McAfee", "mcafee | mc afee"},
		{"OpenSSL", "openssl | open ssl"},
		{"PROOF", "proof"},
		// Digits for letters, in words of letters and digits.
		{"Expl0it", "exploit"},
		{"Pr00f of c0ncept", "proof of concept"},
		{"PR00F", "proof"},
		{"EXPL01T", "explolt | exploit"},
		{"Explo1t", "explolt | exploit"},
		{"Expl0itDB", "exploitdb | exploit db"},
		{"Pr00fOfC0ncept", "proofofconcept | proof of concept"},
		{"Sh3llc0d3", "shellcode"},
		{"4774ck", "attack"},
		// Numbers and versions.
		{"CVE-2025-1234", "cve 2025 1234"},
		{"Windows 10 version 1809", "windows 10 version 1809"},
		{"log4j", "logaj"},
		{"x86_64", "x86 64"},
		{"x86", "x86"},
		{"Win10", "winlo | winio"},
		{"S7-1500", "st 1500"},
		{"TLSv1.3", "tlsvl 3 | tl svl 3 | tl svi 3"}, // capitals then a lower-case word,
		{"IPv4", "ipva | i pva"},
		{"H.264", "h 264"},
		{"\u0661\u0662", "\u0661\u0662"}, // Arabic-Indic digits: a number
		{"a\u0661", "a\u0661"},           // only ASCII digits read as letters
	} {
		var rs []string
		for _, ws := range readings(c.in) {
			if len(ws) == 0 {
				t.Errorf("readings(%+q) has a reading of no words", c.in)
			}
			rs = append(rs, strings.Join(ws, " "))
		}
		if got := strings.Join(rs, " | "); got != c.want {
			t.Errorf("readings(%+q) = %q, want %q", c.in, got, c.want)
		}
	}
}
