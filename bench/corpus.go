package bench

import (
	"fmt"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure"
)

// CorpusSize is the number of advisories and of partners in the corpus.
const CorpusSize = 100

// Corpus returns 100 advisories and 100 partners, built by a fixed rule so
// that every run measures the same 10,000 decisions. Between them they
// cover:
//
//   - partners: every tier, every status, jurisdictions restricted (CN;
//     US and CN; GB, CN and DE) and not (US; DE; EU; JP and IN), and
//     agreements missing, signed long before, signed mid-corpus, expiring
//     mid-corpus, expiring exactly at one advisory's public release, and
//     signed exactly at, or just after, one tier's release instant of one
//     advisory;
//   - advisories: public releases on Patch Tuesdays from January 2019 to
//     April 2027 and out of band, including one exactly when CN-RMSV-2021
//     takes effect and one a second before; mixes of classes that vary, from
//     summary only to every class (unclassified included); ready_at,
//     early embargo ends (before and after the tiers' leads), excluded
//     partners and withheld classes (summary among them).
//
// The content is sized like a real advisory: sections of about 1.3 KB, a
// proof of concept of about 2 KB and a list of indicators of about 1 KB
// as artifacts.
func Corpus() ([]disclosure.Advisory, []disclosure.Partner) {
	advisories := make([]disclosure.Advisory, CorpusSize)
	for i := range advisories {
		advisories[i] = corpusAdvisory(i)
	}
	partners := make([]disclosure.Partner, CorpusSize)
	for j := range partners {
		partners[j] = corpusPartner(j)
	}
	return advisories, partners
}

var (
	paragraph  = strings.Repeat("The request handler deserializes attacker-controlled state before authentication. ", 16)
	pocData    = []byte(strings.Repeat("payload = build_gadget_chain(target)\n", 56))
	indicators = []byte(strings.Repeat("203.0.113.7 44d88612fea8a8f36de82e1278abb02f\n", 23))
)

// classesAfterSummary are the classes an advisory may hold besides
// summary, which every advisory has.
var classesAfterSummary = disclosure.Classes()[1:]

func corpusAdvisory(i int) disclosure.Advisory {
	public := disclosure.PatchTuesday(2019+i/12, time.Month(1+i%12))
	switch {
	case i == 31: // exactly when CN-RMSV-2021 takes effect
		public = lawTakesEffect("CN-RMSV-2021")
	case i == 32: // a second before
		public = lawTakesEffect("CN-RMSV-2021").Add(-time.Second)
	case i%10 == 3: // out of band: a Saturday afternoon after the Patch Tuesday
		public = public.Add(4*24*time.Hour + 3*time.Hour + 30*time.Minute)
	}
	a := disclosure.Advisory{
		ID:       fmt.Sprintf("ADV-%04d", i),
		Revision: 1 + i%3,
		CVEs:     []string{fmt.Sprintf("CVE-%d-%05d", public.Year(), 1000+i)},
		Title:    fmt.Sprintf("Remote code execution in product %d", i),
		Products: []string{fmt.Sprintf("Product %d", i%7)},
		Severity: disclosure.SeverityHigh,
		PublicAt: public,
	}
	if i%4 == 0 {
		a.CVEs = append(a.CVEs, fmt.Sprintf("CVE-%d-%05d", public.Year(), 5000+i))
	}

	// Which classes besides summary: every one, none, or a mix that varies
	// with i (a bit per class).
	var mix int
	switch i % 20 {
	case 0:
		mix = 0
	case 1:
		mix = 1<<len(classesAfterSummary) - 1
	default:
		mix = (i*37 + 11) % (1 << len(classesAfterSummary))
	}
	for k, c := range classesAfterSummary {
		if mix&(1<<k) == 0 {
			continue
		}
		switch {
		case c == disclosure.ClassProofOfConcept:
			a.Artifacts = append(a.Artifacts, disclosure.Artifact{Class: c, Name: "poc.py", MediaType: "text/x-python", Data: pocData})
		case c == disclosure.ClassIndicators && i%2 == 0:
			a.Artifacts = append(a.Artifacts, disclosure.Artifact{Class: c, Name: "iocs.txt", MediaType: "text/plain", Data: indicators})
		default:
			a.Sections = append(a.Sections, disclosure.Section{Class: c, Title: string(c), Body: paragraph})
		}
	}
	if i%5 == 2 { // a second section of a class already present
		a.Sections = append(a.Sections, disclosure.Section{Class: disclosure.ClassDescription, Title: "More", Body: paragraph})
	}

	switch i % 7 {
	case 2: // between the entry and validate leads
		a.ReadyAt = public.Add(-48 * time.Hour)
	case 5: // inside every lead
		a.ReadyAt = public.Add(-2 * time.Hour)
	case 6:
		a.ReadyAt = public
	}
	switch i % 9 {
	case 4: // inside the validate lead only
		a.Embargo = disclosure.Embargo{EndedAt: public.Add(-72 * time.Hour), Reason: disclosure.EndExploited}
	case 7: // before every lead
		a.Embargo = disclosure.Embargo{EndedAt: public.Add(-200 * time.Hour), Reason: disclosure.EndPublic}
	case 8: // inside the entry lead only
		a.Embargo = disclosure.Embargo{EndedAt: public.Add(-90 * time.Minute), Reason: disclosure.EndExploitPublic}
	}
	if i%11 == 3 {
		a.ExcludePartners = []string{partnerID(i % CorpusSize), partnerID((i * 7) % CorpusSize)}
	}
	switch {
	case i == 40: // summary only, and withheld: entitled partners receive nothing
		a.WithholdClasses = []disclosure.Class{disclosure.ClassSummary}
	case i%8 == 6:
		a.WithholdClasses = []disclosure.Class{disclosure.ClassProofOfConcept}
	case i%13 == 9:
		a.WithholdClasses = []disclosure.Class{disclosure.ClassSummary, disclosure.ClassTechnicalDetails}
	}
	return a
}

// lawTakesEffect returns when a law of the library's registry takes
// effect, in UTC. The corpus reads it from the library, not from an
// engine, so that an engine with the wrong instant disagrees.
func lawTakesEffect(id string) time.Time {
	for _, l := range disclosure.BuiltinLaws() {
		if l.ID == id {
			return l.EffectiveFrom.UTC()
		}
	}
	panic("bench: no law " + id + " in disclosure.BuiltinLaws")
}

func partnerID(j int) string { return fmt.Sprintf("p-%03d", j) }

var corpusPlaces = [...][]string{{"US"}, {"CN"}, {"US", "CN"}, {"DE"}, {"EU"}, {"JP", "IN"}, {"GB", "CN", "DE"}}

func corpusPartner(j int) disclosure.Partner {
	tiers := [...]string{"responder", "entry", "validate"}
	p := disclosure.Partner{
		ID:            partnerID(j),
		Name:          fmt.Sprintf("Partner %d", j),
		Tier:          tiers[j%3],
		Jurisdictions: corpusPlaces[j%len(corpusPlaces)],
		Status:        disclosure.StatusActive,
	}
	switch j % 20 {
	case 4:
		p.Status = disclosure.StatusSuspended
	case 9:
		p.Status = disclosure.StatusRemoved
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	march2022 := disclosure.PatchTuesday(2022, time.March) // advisory 38's public release
	switch j % 11 {
	case 0: // none
	case 1:
		p.Agreement = disclosure.Agreement{Version: "2018-01", SignedAt: day(2018, 1, 1)}
	case 2:
		p.Agreement = disclosure.Agreement{Version: "2018-01", SignedAt: day(2018, 1, 1), ExpiresAt: day(2023, 6, 30)}
	case 3:
		p.Agreement = disclosure.Agreement{Version: "2021-09", SignedAt: day(2021, 9, 1)}
	case 4:
		p.Agreement = disclosure.Agreement{Version: "2019-03", SignedAt: day(2019, 3, 1), ExpiresAt: day(2026, 3, 1)}
	case 5: // exactly the entry tier's release instant for advisory 38
		p.Agreement = disclosure.Agreement{SignedAt: march2022.Add(-24 * time.Hour)}
	case 6: // after the entry tier's release instant, before the public release
		p.Agreement = disclosure.Agreement{SignedAt: march2022.Add(-12 * time.Hour)}
	case 7: // expires exactly at advisory 48's public release
		p.Agreement = disclosure.Agreement{Version: "2019-06-01", SignedAt: day(2019, 6, 1), ExpiresAt: disclosure.PatchTuesday(2023, time.January)}
	case 8:
		p.Agreement = disclosure.Agreement{Version: "2017-01", SignedAt: day(2017, 1, 1), ExpiresAt: day(2099, 1, 1)}
	case 9:
		p.Agreement = disclosure.Agreement{Version: "2020-01", SignedAt: day(2020, 1, 1)}
	case 10:
		p.Agreement = disclosure.Agreement{Version: "2018-11", SignedAt: day(2018, 11, 1)}
	}
	return p
}

// SummaryOnly returns an advisory with nothing but summary content and no
// CVE or product lists, so that the copy Disclose makes of it is a few
// words: Disclose on it measures the decision and its reasons, not the
// copying of content.
func SummaryOnly() disclosure.Advisory {
	return disclosure.Advisory{
		ID: "ADV-SUMMARY", Revision: 1, Title: "Remote code execution", Severity: disclosure.SeverityHigh,
		PublicAt: disclosure.PatchTuesday(2025, time.July),
	}
}

// Typical returns an advisory with content of every class (about 10 KB of
// sections and a 2 KB proof of concept), like the root package's
// benchmarks, and an active entry-tier partner in the US who receives all
// of it but the unclassified section.
func Typical() (disclosure.Advisory, disclosure.Partner) {
	a := disclosure.Advisory{
		ID: "ADV-2025-0042", Revision: 1,
		CVEs:     []string{"CVE-2025-49704", "CVE-2025-49706"},
		Title:    "SharePoint Server remote code execution",
		Products: []string{"SharePoint Server 2019"},
		Severity: disclosure.SeverityCritical,
		PublicAt: disclosure.PatchTuesday(2025, time.July),
	}
	for _, c := range disclosure.Classes() {
		if c != disclosure.ClassProofOfConcept {
			a.Sections = append(a.Sections, disclosure.Section{Class: c, Title: string(c), Body: paragraph})
		}
	}
	a.Artifacts = []disclosure.Artifact{{Class: disclosure.ClassProofOfConcept, Name: "poc.py", MediaType: "text/x-python", Data: pocData}}
	p := disclosure.Partner{
		ID: "us-antivirus", Tier: "entry", Jurisdictions: []string{"US"}, Status: disclosure.StatusActive,
		Agreement: disclosure.Agreement{Version: "2024-01", SignedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)},
	}
	return a, p
}
