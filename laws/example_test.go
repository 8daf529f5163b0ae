package laws_test

import (
	"fmt"

	"github.com/disclosurekit/disclosure/laws"
)

// The facts behind the law that makes the default policy restrict partners.
func ExampleLookup() {
	f, ok := laws.Lookup("CN-RMSV-2021")
	if !ok {
		return
	}
	fmt.Println(f.Authority)
	for _, d := range f.Deadlines {
		fmt.Printf("%s: %vh\n", d.ID, d.Hours)
	}
	fmt.Println(f.Triggers)
	// Output:
	// MIIT — Network Security Threat and Vulnerability Information Sharing Platform (receives provider reports)
	// provider-report: 48h
	// [any-vulnerability]
}
