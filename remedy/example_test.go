package remedy_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/remedy"
)

func exampleAdvisory() disclosure.Advisory {
	return disclosure.Advisory{
		ID: "ADV-2025-0042", Revision: 1, Title: "SharePoint Server remote code execution",
		PublicAt: disclosure.PatchTuesday(2025, time.July), // 2025-07-08T17:00:00Z
		Sections: []disclosure.Section{
			{Class: disclosure.ClassDescription, Body: "A deserialization flaw allows remote code execution."},
			{Class: disclosure.ClassTechnicalDetails, Body: "The control deserializes untrusted view state."},
		},
		Artifacts: []disclosure.Artifact{{Class: disclosure.ClassProofOfConcept, Name: "poc.py", Data: []byte("print('poc')\n")}},
	}
}

func examplePartner(id, tier string, jurisdictions ...string) disclosure.Partner {
	return disclosure.Partner{ID: id, Tier: tier, Jurisdictions: jurisdictions, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{Version: "2024-01", SignedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}}
}

// show prints each remedy: what it gives, then its changes in words.
func show(rs []remedy.Remedy) {
	for _, r := range rs {
		var gives []string
		if r.Entitles {
			gives = append(gives, "entitlement")
		}
		for _, c := range r.Classes {
			gives = append(gives, string(c))
		}
		var words []string
		for _, ch := range r.Changes {
			words = append(words, ch.Detail)
		}
		fmt.Printf("%s: %s\n", strings.Join(gives, ", "), strings.Join(words, ", and "))
	}
}

// A partner whose agreement lapsed a week before the public release gets
// nothing; renewing it would give everything its tier receives.
func Example() {
	to := examplePartner("morrowdale", "entry", "GB")
	to.Agreement.ExpiresAt = time.Date(2025, 6, 30, 23, 59, 59, 0, time.UTC)
	rs, err := remedy.For(disclosure.DefaultPolicy(), exampleAdvisory(), to)
	if err != nil {
		panic(err)
	}
	show(rs)
	// Output:
	// entitlement, summary, description, technical-details, proof-of-concept: renew the agreement to run until at least 2025-07-08T17:00Z
}

// A suspended partner in the responder tier needs two changes for the
// technical details and the proof of concept: reinstatement, and a tier
// that receives them.
func ExampleFor() {
	to := examplePartner("vasudrik", "responder", "IN")
	to.Status = disclosure.StatusSuspended
	rs, err := remedy.For(disclosure.DefaultPolicy(), exampleAdvisory(), to)
	if err != nil {
		panic(err)
	}
	show(rs)
	// Output:
	// entitlement, summary, description: be reinstated in the program (now suspended)
	// technical-details, proof-of-concept: be reinstated in the program (now suspended), and move to tier entry, released at 2025-07-07T17:00Z
}

// An Engine validates the policy once, for many partners. A partner with
// a subsidiary in China gets the technical details and the proof of
// concept if no staff there handles program data; one only in China does
// not, under this policy.
func ExampleForEngine() {
	e, err := disclosure.NewEngine(disclosure.DefaultPolicy())
	if err != nil {
		panic(err)
	}
	for _, to := range []disclosure.Partner{
		examplePartner("cobaltreach", "validate", "US", "CN"),
		examplePartner("jinlumo", "entry", "CN"),
	} {
		rs, err := remedy.ForEngine(e, exampleAdvisory(), to)
		if err != nil {
			panic(err)
		}
		fmt.Println(to.ID)
		show(rs)
	}
	// Output:
	// cobaltreach
	// technical-details, proof-of-concept: have no headquarters, subsidiary or staff in CN handle program data
	// jinlumo
	// technical-details, proof-of-concept: none under this policy: the restricted treatment excludes it wherever the partner is (restricted.classes)
}

// Asked for its copy by Saturday 5 July, an entry-tier partner can wait
// for its release on Monday, or move to the validate tier, released on
// Thursday 3 July.
func ExampleAt() {
	saturday := time.Date(2025, 7, 5, 0, 0, 0, 0, time.UTC)
	rs, err := remedy.For(disclosure.DefaultPolicy(), exampleAdvisory(), examplePartner("ardentic", "entry", "US"), remedy.At(saturday))
	if err != nil {
		panic(err)
	}
	show(rs)
	// Output:
	// summary, description, technical-details, proof-of-concept: move to tier validate, released at 2025-07-03T17:00Z
	// summary, description, technical-details, proof-of-concept: wait until 2025-07-07T17:00Z
}

// A remedy as data: what it gives, and each change with its kind and
// parameters.
func ExampleRemedy() {
	to := examplePartner("glimmerfen", "entry", "US")
	to.Status = disclosure.StatusSuspended
	a := exampleAdvisory()
	a.WithholdClasses = []disclosure.Class{disclosure.ClassProofOfConcept}
	rs, err := remedy.For(disclosure.DefaultPolicy(), a, to)
	if err != nil {
		panic(err)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rs[1]); err != nil {
		panic(err)
	}
	// Output:
	// {
	//   "classes": [
	//     "proof-of-concept"
	//   ],
	//   "changes": [
	//     {
	//       "kind": "reinstate",
	//       "detail": "be reinstated in the program (now suspended)"
	//     },
	//     {
	//       "kind": "lift-withholding",
	//       "class": "proof-of-concept",
	//       "detail": "have the advisory stop withholding proof-of-concept from every partner"
	//     }
	//   ],
	//   "release_at": "2025-07-07T17:00:00Z"
	// }
}

func ExampleRemedy_Gives() {
	to := examplePartner("quillmark", "validate", "US")
	a := exampleAdvisory()
	a.ExcludePartners = []string{"quillmark"}
	rs, err := remedy.For(disclosure.DefaultPolicy(), a, to)
	if err != nil {
		panic(err)
	}
	fmt.Println(rs[0].Changes[0].Kind, rs[0].Gives(remedy.Entitlement), rs[0].Gives(disclosure.ClassProofOfConcept))
	// Output:
	// remove-exclusion true true
}

// A change of kind sign-agreement in JSON: a new agreement of the
// policy's minimum version, signed by the release.
func ExampleChange() {
	p := disclosure.DefaultPolicy()
	p.Agreement.MinVersion = "2025-01"
	to := examplePartner("tavoran", "entry", "IL")
	to.Agreement = disclosure.Agreement{}
	rs, err := remedy.For(p, exampleAdvisory(), to)
	if err != nil {
		panic(err)
	}
	out, err := json.Marshal(rs[0].Changes[0])
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	// Output:
	// {"kind":"sign-agreement","version":"2025-01","by":"2025-07-07T17:00:00Z","detail":"sign agreement version 2025-01 or later by 2025-07-07T17:00Z"}
}

func ExampleKinds() {
	fmt.Println(remedy.Kinds())
	// Output:
	// [remove-exclusion reinstate sign-agreement renew-agreement update-agreement change-tier drop-jurisdiction lift-withholding law-lapses wait none]
}

func ExampleKind_Valid() {
	fmt.Println(remedy.Kind("wait").Valid(), remedy.Kind("bribe").Valid())
	// Output:
	// true false
}
