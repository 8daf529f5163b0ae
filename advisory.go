package disclosure

// The advisory: its content, each piece of a class, its validation and
// LoadAdvisory.

import (
	"io"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure/internal/cve"
)

// An Advisory is one vulnerability advisory with all its content. Its
// identity and timing are of class summary, each section and artifact of
// its own [Class]; ReadyAt, ExcludePartners and WithholdClasses stay with
// the program, and a field added later reaches nobody until given a class.
type Advisory struct {
	// ID is required: printable text of at most 256 bytes without
	// invisible characters or surrounding space, e.g. "RHSA-2021:5186".
	ID       string   `json:"id,omitempty"`
	Revision int      `json:"revision,omitempty"` // from 1; a new revision is a new decision
	CVEs     []string `json:"cves,omitempty"`     // "CVE-YYYY-NNNN…"
	Title    string   `json:"title,omitempty"`
	Products []string `json:"products,omitempty"`
	Severity Severity `json:"severity,omitempty"`
	TLP      TLP      `json:"tlp,omitempty"` // the source's label, e.g. its CSAF document's; no copy's is lower
	// PublicAt, required, is the planned public release, e.g. a
	// [PatchTuesday]; ReadyAt, when the content was approved: nothing goes
	// to anyone before it.
	PublicAt  time.Time  `json:"public_at,omitzero"`
	ReadyAt   time.Time  `json:"ready_at,omitzero"`
	Embargo   Embargo    `json:"embargo,omitzero"` // an early end; zero while it holds
	Sections  []Section  `json:"sections,omitempty"`
	Artifacts []Artifact `json:"artifacts,omitempty"`
	// ExcludePartners are IDs of partners that receive nothing of it, each
	// matching one ID exactly; WithholdClasses, classes nobody receives.
	ExcludePartners []string `json:"exclude_partners,omitempty"`
	WithholdClasses []Class  `json:"withhold_classes,omitempty"`
}

// UnmarshalJSON decodes an advisory strictly (see [LoadAdvisory]).
func (a *Advisory) UnmarshalJSON(data []byte) error {
	return strictDecode(data, a, ErrInvalidAdvisory)
}

// A Section is a piece of text of an advisory, of one class.
type Section struct {
	Class Class  `json:"class"`
	Title string `json:"title,omitempty"`
	Body  string `json:"body"`
}

// An Artifact is a file of an advisory, of one class: a proof of concept,
// a packet capture, a list of indicators. In JSON its data is base64.
type Artifact struct {
	Class     Class  `json:"class"`
	Name      string `json:"name"`
	MediaType string `json:"media_type,omitempty"` // e.g. "text/x-python"
	Data      []byte `json:"data,omitempty"`
}

// Severity is an advisory's severity rating; "" means not rated.
type Severity string

// The severities.
const (
	SeverityNone     Severity = "none"
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

var allSeverities = [...]Severity{SeverityNone, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}

// Valid reports whether s is one of the defined severities.
func (s Severity) Valid() bool {
	switch s {
	case SeverityNone, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical:
		return true
	}
	return false
}

// Validate reports every problem of the advisory, at paths such as
// "sections[3].class".
func (a Advisory) Validate() error {
	ps := problems{input: ErrInvalidAdvisory}
	a.validate(&ps)
	return asError(&ps)
}

// validate reports the advisory's problems to ps and returns, as a
// by-product of checking them, the classes present in it: summary, and the
// class of each section and artifact.
func (a *Advisory) validate(ps *problems) classSet {
	if strings.TrimSpace(a.ID) == "" {
		ps.addf("id", "required")
	} else if !plainAdvisoryID(a.ID) {
		if msg := advisoryIDProblem(a.ID); msg != "" {
			ps.addf("id", "%s", msg)
		}
	}
	if a.Revision < 1 {
		ps.addf("revision", "must be at least 1, got %d", a.Revision)
	}
	var cves map[string]int // for a long list
	if len(a.CVEs) > maxPairwise {
		cves = make(map[string]int, len(a.CVEs))
	}
	for i, c := range a.CVEs {
		if !cve.Valid(c) {
			ps.addf(indexed("cves", i, ""), "%q is not a CVE ID (CVE-YYYY-NNNN)", c)
		}
		if j := repeatOf(a.CVEs, i, cves); j >= 0 {
			ps.addf(indexed("cves", i, ""), "%q repeats cves[%d]", c, j)
		}
	}
	for i, p := range a.Products {
		if strings.TrimSpace(p) == "" {
			ps.addf(indexed("products", i, ""), "empty product name")
		}
	}
	if a.Severity != "" && !a.Severity.Valid() {
		ps.addf("severity", "%s", enumError("severity", string(a.Severity), allSeverities[:]))
	}
	if a.TLP != "" && !a.TLP.Valid() {
		ps.addf("tlp", "%s", enumError("TLP 2.0 label", string(a.TLP), allTLPs[:]))
	}
	if a.PublicAt.IsZero() {
		ps.addf("public_at", "required")
	}
	if !timeWritable(a.PublicAt) {
		badYear(ps, "public_at", a.PublicAt)
	}
	if !a.ReadyAt.IsZero() {
		if !timeWritable(a.ReadyAt) {
			badYear(ps, "ready_at", a.ReadyAt)
		}
		if a.ReadyAt.After(a.PublicAt) && !a.PublicAt.IsZero() {
			ps.addf("ready_at", "after public_at")
		}
	}
	if e := &a.Embargo; e.Reason != "" || e.EndedAt != (time.Time{}) {
		if e.EndedAt.IsZero() {
			ps.addf("embargo.ended_at", "required when an embargo is given")
		}
		if !timeWritable(e.EndedAt) {
			badYear(ps, "embargo.ended_at", e.EndedAt)
		}
		if e.EndedAt.After(a.PublicAt) && !a.PublicAt.IsZero() {
			ps.addf("embargo.ended_at", "after public_at: an embargo that ends at the public release did not end early")
		}
		if e.Reason == "" {
			ps.addf("embargo.reason", "required (public, exploited, exploit-public or other)")
		} else if !e.Reason.Valid() {
			ps.addf("embargo.reason", "%s", enumError("embargo end reason", string(e.Reason), allEndReasons[:]))
		}
	}
	present := bit(1) // summary
	for i := range a.Sections {
		c := a.Sections[i].Class
		k := c.Sensitivity()
		if k == 0 {
			ps.addf(indexed("sections", i, "class"), "%s", enumError("class", string(c), allClasses[:]))
		}
		present |= bit(k)
	}
	for i := range a.Artifacts {
		f := &a.Artifacts[i]
		k := f.Class.Sensitivity()
		if k == 0 {
			ps.addf(indexed("artifacts", i, "class"), "%s", enumError("class", string(f.Class), allClasses[:]))
		}
		present |= bit(k)
		if strings.TrimSpace(f.Name) == "" {
			ps.addf(indexed("artifacts", i, "name"), "required")
		}
	}
	for i, id := range a.ExcludePartners {
		if strings.TrimSpace(id) == "" {
			ps.addf(indexed("exclude_partners", i, ""), "empty partner ID")
		} else if !validID(id) {
			ps.addf(indexed("exclude_partners", i, ""), "%s", idProblem(id, "partner IDs"))
		}
	}
	for i, c := range a.WithholdClasses {
		if !c.Valid() {
			ps.addf(indexed("withhold_classes", i, ""), "%s", enumError("class", string(c), allClasses[:]))
		}
	}
	return present
}

// repeatOf returns the index of the first string of list before i equal
// to list[i], or -1; it is called for i = 0, 1, 2... in turn. With seen
// nil it compares with every earlier string, which for a short list costs
// less than a map; for a long list seen is a map it fills, so that
// checking the list takes linear time.
func repeatOf(list []string, i int, seen map[string]int) int {
	if seen == nil {
		for j := range i {
			if list[j] == list[i] {
				return j
			}
		}
		return -1
	}
	if j, ok := seen[list[i]]; ok {
		return j
	}
	seen[list[i]] = i
	return -1
}

// LoadAdvisory reads one advisory in JSON from r as [LoadPolicy] reads a
// policy, and validates it. Errors wrap [ErrInvalidAdvisory].
func LoadAdvisory(r io.Reader) (Advisory, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Advisory{}, readError(ErrInvalidAdvisory, err)
	}
	var a Advisory
	dp, stopped := decodeAll(data, &a, ErrInvalidAdvisory)
	if stopped {
		return Advisory{}, &ValidationError{Problems: dp}
	}
	ps := problems{input: ErrInvalidAdvisory}
	a.validate(&ps)
	if err := loadError(dp, ps.list); err != nil {
		return Advisory{}, err
	}
	return a, nil
}

// LoadPartners reads a partner list in JSON, {"partners": [...]}, from r
// and validates every partner, with the strict rules of [LoadPolicy], and
// like it reports every problem of the document at once. Partner IDs must
// be unique, also ignoring case and look-alike characters. Every error is
// a *[ValidationError] wrapping [ErrInvalidPartner], with paths such as
// "partners[3].jurisdictions[0]".
//
// LoadPartners reads r to its end and holds all of it: a caller that reads
