package disclosure_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure"
)

// sharePointAdvisory is an advisory with content of every class, planned
// for the July 2025 Patch Tuesday.
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

func activePartner(id, tier string, jurisdictions ...string) disclosure.Partner {
	return disclosure.Partner{
		ID: id, Tier: tier, Jurisdictions: jurisdictions, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{Version: "2024-01", SignedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)},
	}
}

func show(d disclosure.Disclosure) {
	if !d.Entitled {
		fmt.Printf("%s: not entitled (%s)\n", d.PartnerID, d.Reasons[0].Code)
		return
	}
	fmt.Printf("%s: %s TLP:%s\n", d.PartnerID, d.ReleaseAt.Format(time.RFC3339), d.TLP)
	fmt.Printf("  receives %s\n", joinClasses(d.Classes))
	for _, w := range d.Withheld {
		fmt.Printf("  withheld %s: %s\n", w.Class, w.Reason)
	}
}

func joinClasses(cs []disclosure.Class) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// The rule of July 2025: a partner in a country whose law makes it report
// vulnerabilities to the government (CN, under RMSV) receives no proof of
// concept and no head start; a US partner of the same tier receives
// everything a day early.
func Example() {
	policy := disclosure.DefaultPolicy()
	advisory := sharePointAdvisory()
	for _, p := range []disclosure.Partner{
		activePartner("us-antivirus", "entry", "US"),
		activePartner("cn-ids", "entry", "CN"),
	} {
		d, err := disclosure.Disclose(policy, advisory, p)
		if err != nil {
			fmt.Println(err)
			return
		}
		show(d)
	}
	// Output:
	// us-antivirus: 2025-07-07T17:00:00Z TLP:AMBER+STRICT
	//   receives summary, description, mitigations, detection-guidance, technical-details, proof-of-concept
	// cn-ids: 2025-07-08T17:00:00Z TLP:CLEAR
	//   receives summary, description, mitigations
	//   withheld detection-guidance: restricted-jurisdiction
	//   withheld technical-details: restricted-jurisdiction
	//   withheld proof-of-concept: restricted-jurisdiction
}

// When exploitation is seen before the planned release, the embargo ends:
// every entitled partner, restricted ones included, may receive its copy
// at once, but never before the content was ready.
func Example_embargoEnded() {
	policy := disclosure.DefaultPolicy()
	advisory := sharePointAdvisory()
	advisory.ReadyAt = time.Date(2025, 7, 4, 0, 0, 0, 0, time.UTC)
	advisory.Embargo = disclosure.Embargo{
		EndedAt: time.Date(2025, 7, 7, 9, 30, 0, 0, time.UTC),
		Reason:  disclosure.EndExploited,
	}
	plan, err := disclosure.Plan(policy, advisory, []disclosure.Partner{
		activePartner("cn-ids", "entry", "CN"),
		activePartner("us-antivirus", "entry", "US"),
		activePartner("jp-validate", "validate", "JP"),
		activePartner("de-responder", "responder", "DE"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range plan {
		var why []string
		for _, r := range d.Reasons {
			if r.Code == disclosure.CodeEmbargoEnded || r.Code == disclosure.CodeReadyFloor {
				why = append(why, string(r.Code))
			}
		}
		fmt.Printf("%-13s %s %v\n", d.PartnerID, d.ReleaseAt.Format(time.RFC3339), why)
	}
	// Output:
	// jp-validate   2025-07-04T00:00:00Z [ready-floor]
	// cn-ids        2025-07-07T09:30:00Z [embargo-ended]
	// de-responder  2025-07-07T09:30:00Z [embargo-ended]
	// us-antivirus  2025-07-07T09:30:00Z [embargo-ended]
}

// A lead of business days keeps the local clock time: three business days
// before the March 2025 Patch Tuesday (10:00 PDT) is the Thursday before,
// at 10:00 PST, across the change to daylight saving time on March 9.
func ExampleLead_Before() {
	lead, err := disclosure.ParseLead("3bd")
	if err != nil {
		fmt.Println(err)
		return
	}
	pacific := disclosure.DefaultPolicy().CalendarZone // America/Los_Angeles, built in
	public := disclosure.PatchTuesday(2025, time.March)
	release := lead.Before(public, pacific)
	fmt.Println("public: ", public.Format(time.RFC3339), public.In(pacific).Format("Mon 15:04 MST"))
	fmt.Println("release:", release.Format(time.RFC3339), release.In(pacific).Format("Mon 15:04 MST"))
	fmt.Println("apart:  ", public.Sub(release))
	// Output:
	// public:  2025-03-11T17:00:00Z Tue 10:00 PDT
	// release: 2025-03-06T18:00:00Z Thu 10:00 PST
	// apart:   119h0m0s
}

// A service that decides many advisories under one policy validates it
// once: NewEngine keeps a checked copy, and its Plan and Disclose
// skip the policy's validation at every call.
func ExampleEngine() {
	engine, err := disclosure.NewEngine(disclosure.DefaultPolicy())
	if err != nil {
		fmt.Println(err)
		return
	}
	partners := []disclosure.Partner{
		activePartner("cn-ids", "entry", "CN"),
		activePartner("us-antivirus", "entry", "US"),
		activePartner("jp-validate", "validate", "JP"),
	}
	for _, month := range []time.Month{time.June, time.July} {
		advisory := sharePointAdvisory()
		advisory.PublicAt = disclosure.PatchTuesday(2025, month)
		plan, err := engine.Plan(advisory, partners)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, d := range plan {
			fmt.Printf("%-12s %s %d classes\n", d.PartnerID, d.ReleaseAt.Format(time.RFC3339), len(d.Classes))
		}
	}
	// Output:
	// jp-validate  2025-06-05T17:00:00Z 6 classes
	// us-antivirus 2025-06-09T17:00:00Z 6 classes
	// cn-ids       2025-06-10T17:00:00Z 3 classes
	// jp-validate  2025-07-03T17:00:00Z 6 classes
	// us-antivirus 2025-07-07T17:00:00Z 6 classes
	// cn-ids       2025-07-08T17:00:00Z 3 classes
}
