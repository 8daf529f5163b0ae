package trace_test

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

// The 2012 pattern: one partner's proof of concept leaks alone, without the
// advisory around it. In 2012 a leaked proof of concept was traced only
// because it still carried an internal case string; here the author put a
// placeholder in the file's first comment, and every partner's file
// carries its own code there.
func Example_leakedProofOfConcept() {
	key := []byte("the program's secret key, 32 B..") // in practice 32 bytes from crypto/rand, kept secret
	advisory := disclosure.Advisory{
		ID:       "ADV-2012-0020",
		Revision: 1,
		Title:    "Remote Desktop Protocol remote code execution",
		Severity: disclosure.SeverityCritical,
		PublicAt: disclosure.PatchTuesday(2012, time.March),
		Sections: []disclosure.Section{
			{Class: disclosure.ClassDescription, Body: "The RDP service frees an object it still uses."},
		},
		Artifacts: []disclosure.Artifact{{
			Class: disclosure.ClassProofOfConcept, Name: "rdp_poc.py", MediaType: "text/x-python",
			Data: []byte("# Case {{mark}}: program use only.\nimport socket\ns = socket.create_connection((host, 3389))\n"),
		}},
	}
	member := func(id string) disclosure.Partner {
		return disclosure.Partner{ID: id, Tier: "entry", Jurisdictions: []string{"US"}, Status: disclosure.StatusActive,
			Agreement: disclosure.Agreement{SignedAt: time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC)}}
	}
	partners := []disclosure.Partner{member("av-one"), member("ids-two"), member("ips-three")}

	ds, err := disclosure.Plan(disclosure.DefaultPolicy(), advisory, partners)
	if err != nil {
		panic(err)
	}
	var leaked []byte
	for i := range ds {
		if ds[i], err = trace.Mark(ds[i], key); err != nil {
			panic(err)
		}
		if ds[i].PartnerID == "ids-two" {
			// Its proof of concept turns up on a public site, saved with
			// Windows line endings.
			leaked = bytes.ReplaceAll(ds[i].Advisory.Artifacts[0].Data, []byte("\n"), []byte("\r\n"))
		}
	}
	fmt.Printf("leaked: %s\n", leaked[:bytes.IndexByte(leaked, '\r')])

	matches, err := trace.Identify(leaked, key, advisory, partners)
	if err != nil {
		panic(err) // a short key, or a wrong one: see ExampleIndex_CheckKey
	}
	for _, m := range matches {
		fmt.Printf("%s: %d code\n", m.Partner, m.Distinct)
		for _, f := range m.Found {
			fmt.Printf("  %s in bytes %d-%d, from %s\n", f.Code, f.Offset, f.End, f.Where)
		}
	}
	// Output:
	// leaked: # Case Y64EN82NWBWMC: program use only.
	// ids-two: 1 code
	//   Y64EN82NWBWMC in bytes 7-20, from artifacts[0].data
}

// Mark gives each partner's copy its own codes: here in a section and in a
// proof of concept, and as the reference the partner can quote.
func ExampleMark() {
	key := []byte("the program's secret key, 32 B..")
	advisory := disclosure.Advisory{
		ID: "ADV-2025-0042", Revision: 1, PublicAt: disclosure.PatchTuesday(2025, time.July),
		Sections: []disclosure.Section{
			{Class: disclosure.ClassDescription, Body: "A deserialization flaw ({{mark}}) allows remote code execution."},
		},
		Artifacts: []disclosure.Artifact{
			{Class: disclosure.ClassProofOfConcept, Name: "poc.py", Data: []byte("requests.post(url, headers={'X-Request-ID': '{{mark}}'})\n")},
		},
	}
	partner := disclosure.Partner{ID: "us-av", Tier: "entry", Jurisdictions: []string{"US"}, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{SignedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}}
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), advisory, partner)
	if err != nil {
		panic(err)
	}
	marked, err := trace.Mark(d, key)
	if err != nil {
		panic(err)
	}
	for _, s := range marked.Advisory.Sections {
		fmt.Printf("%s: %s\n", s.Class, s.Body)
	}
	fmt.Printf("%s: %s", marked.Advisory.Artifacts[0].Name, marked.Advisory.Artifacts[0].Data)
	// Output:
	// description: A deserialization flaw (YCWNNXTH2VEM2) allows remote code execution.
	// summary: Reference of this copy: T679Q6ND5VQDP. Quote it when you ask about this advisory.
	// poc.py: requests.post(url, headers={'X-Request-ID': 'RM7FZK2PGDZ2K'})
}

// A leak searched with the wrong key would name nobody, as a leak without
// codes does; the marks it still has tell the two apart.
func ExampleIndex_CheckKey() {
	key := []byte("the program's secret key, 32 B..")
	advisory := disclosure.Advisory{
		ID: "ADV-2025-0042", Revision: 1, PublicAt: disclosure.PatchTuesday(2025, time.July),
		Artifacts: []disclosure.Artifact{
			{Class: disclosure.ClassProofOfConcept, Name: "poc.py", Data: []byte("# Case {{mark}}: program use only.\n")},
		},
	}
	partner := disclosure.Partner{ID: "us-av", Tier: "entry", Jurisdictions: []string{"US"}, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{SignedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}}
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), advisory, partner)
	if err != nil {
		panic(err)
	}
	if d, err = trace.Mark(d, key); err != nil {
		panic(err)
	}
	leaked := d.Advisory.Artifacts[0].Data
	fmt.Printf("leaked: %s", leaked)

	wrong, err := trace.NewIndex([]byte("an old key, not the one used...."), advisory, []disclosure.Partner{partner})
	if err != nil {
		panic(err)
	}
	fmt.Println("found:", len(wrong.Identify(leaked)))
	err = wrong.CheckKey(leaked)
	fmt.Println(errors.Is(err, trace.ErrWrongKey))
	fmt.Println(err)
	// Output:
	// leaked: # Case RM7FZK2PGDZ2K: program use only.
	// found: 0
	// true
	// wrong key: the text has marks of a copy of ADV-2025-0042 revision 1, and none is a partner's code under this key: the first, RM7FZK2PGDZ2K at bytes 7-20, is where a copy has the code of the {{mark}} in artifacts[0].data (or the copy is of another advisory or revision, or for a partner not in the list, or its marks were changed)
}
