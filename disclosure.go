package disclosure

import (
	"cmp"
	"io"
	"math/bits"
	"slices"
	"strings"
	"time"
)

// An Advisory is one vulnerability advisory of the program, with all its
// content. Each piece of content carries a [Class]; [Disclose] gives a
// partner a copy that holds only the classes it may see.
//
// Which fields travel with which class: the identity fields (ID, Revision,
// CVEs, Title, Products, Severity, TLP) and the timing a partner needs (PublicAt,
// Embargo) are of class summary; each section and artifact is of its own
// class; ReadyAt, ExcludePartners and WithholdClasses are internal to the
// program and never copied to a partner. A field added to this type later
// is copied to nobody until it is given a class.
type Advisory struct {
	// ID is required, e.g. "ADV-2025-0042" or a CSAF tracking ID such as
	// "RHSA-2021:5186": printable text of at most 256 bytes, without
	// control, format (such as U+202E) or other invisible characters, and
	// without leading or trailing space.
	ID       string   `json:"id,omitempty"`
	Revision int      `json:"revision,omitempty"` // from 1; a new revision is a new decision
	CVEs     []string `json:"cves,omitempty"`     // "CVE-YYYY-NNNN…"
	Title    string   `json:"title,omitempty"`
	Products []string `json:"products,omitempty"`
	Severity Severity `json:"severity,omitempty"`
	// TLP is the label of the source advisory, such as the TLP of the CSAF
	// document it was read from; "" means it has none. No partner's copy
	// is labelled less restrictively than it (see [Disclosure]).
	TLP TLP `json:"tlp,omitempty"`
	// PublicAt is the planned public release instant, such as a
	// [PatchTuesday]. Required. No partner may publish anything that
	// reveals the flaw before it.
	PublicAt time.Time `json:"public_at,omitzero"`
	// ReadyAt is when the content was approved; nothing goes to anyone
	// before it. Zero: no such floor.
	ReadyAt time.Time `json:"ready_at,omitzero"`
	// Embargo records an early end of the embargo; zero if it holds.
	Embargo   Embargo    `json:"embargo,omitzero"`
	Sections  []Section  `json:"sections,omitempty"`
	Artifacts []Artifact `json:"artifacts,omitempty"`
	// ExcludePartners are IDs of partners that receive nothing of this
	// advisory, e.g. partners under investigation. Each must be a valid
	// partner ID, and [Plan] requires each to name a partner of its list;
	// an ID matches only itself, exactly.
	ExcludePartners []string `json:"exclude_partners,omitempty"`
	// WithholdClasses are classes that no partner receives for this
	// advisory, e.g. no proof of concept to anyone this time.
	WithholdClasses []Class `json:"withhold_classes,omitempty"`
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

// UnmarshalJSON decodes a section strictly.
func (s *Section) UnmarshalJSON(data []byte) error {
	return strictDecode(data, s, ErrInvalidAdvisory)
}

// An Artifact is a file of an advisory, of one class: a proof of concept,
// a packet capture, a list of indicators. In JSON its data is base64.
type Artifact struct {
	Class     Class  `json:"class"`
	Name      string `json:"name"`
	MediaType string `json:"media_type,omitempty"` // e.g. "text/x-python"
	Data      []byte `json:"data,omitempty"`
}

// UnmarshalJSON decodes an artifact strictly.
func (f *Artifact) UnmarshalJSON(data []byte) error {
	return strictDecode(data, f, ErrInvalidAdvisory)
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

// UnmarshalText accepts a defined severity and rejects any other.
func (s *Severity) UnmarshalText(text []byte) error {
	v := Severity(text)
	if !v.Valid() {
		return enumError("severity", string(text), allSeverities[:])
	}
	*s = v
	return nil
}

// Validate reports every problem of the advisory at once, each with its
// path from the advisory's root ("sections[3].class").
func (a Advisory) Validate() error {
	ps := problems{input: ErrInvalidAdvisory}
	a.validate(&ps)
	return asError(&ps)
}

// validate reports the advisory's problems to ps and returns, as a
// by-product of checking them, the classes present in it: summary, and the
// class of each section and artifact.
func (a *Advisory) validate(ps *problems) ClassSet {
	if a.ID == "" || blank(a.ID) {
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
		if !validCVE(c) {
			ps.addf(indexed("cves", i, ""), "%q is not a CVE ID (CVE-YYYY-NNNN)", c)
		}
		if j := repeatOf(a.CVEs, i, cves); j >= 0 {
			ps.addf(indexed("cves", i, ""), "%q repeats cves[%d]", c, j)
		}
	}
	for i, p := range a.Products {
		if p == "" || blank(p) {
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
		if f.Name == "" || blank(f.Name) {
			ps.addf(indexed("artifacts", i, "name"), "required")
		}
	}
	for i, id := range a.ExcludePartners {
		if id == "" || blank(id) {
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

// blank reports whether s is only white space, as strings.TrimSpace sees
// it; most strings are told by their first byte.
func blank(s string) bool {
	return len(s) == 0 || (s[0] <= ' ' || s[0] >= 0x80) && strings.TrimSpace(s) == ""
}

// validCVE reports whether s has the form CVE-YYYY-NNNN with four or more
// digits in the sequence number.
func validCVE(s string) bool {
	if len(s) < 13 || s[:4] != "CVE-" || s[8] != '-' {
		return false
	}
	// A byte minus '0' wraps around below '0', so one comparison tells a digit.
	for i := 4; i < 8; i++ {
		if s[i]-'0' > 9 {
			return false
		}
	}
	for i := 9; i < len(s); i++ {
		if s[i]-'0' > 9 {
			return false
		}
	}
	return true
}

// LoadAdvisory reads one advisory in JSON from r and validates it, with the
// strict rules of [LoadPolicy], and like it reports every problem of the
// document at once. Every error is a *[ValidationError] wrapping
// [ErrInvalidAdvisory].
//
// LoadAdvisory reads r to its end and holds all of it: a caller that reads
// untrusted input bounds it, e.g. with io.LimitReader.
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
// untrusted input bounds it, e.g. with io.LimitReader.
func LoadPartners(r io.Reader) ([]Partner, error) {
	var list struct {
		Partners *[]Partner `json:"partners"` // a pointer tells [] from a missing key
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, readError(ErrInvalidPartner, err)
	}
	dp, stopped := decodeAll(data, &list, ErrInvalidPartner)
	if stopped {
		return nil, &ValidationError{Problems: dp}
	}
	ps := problems{input: ErrInvalidPartner}
	if list.Partners == nil {
		ps.addf("partners", "required (an empty list is [])")
	} else {
		validatePartners(&ps, *list.Partners, nil)
	}
	if err := loadError(dp, ps.list); err != nil {
		return nil, err
	}
	return *list.Partners, nil
}

// validatePartners checks every partner at "partners[i]", that IDs are
// unique, and, with a policy, that every tier exists.
func validatePartners(ps *problems, partners []Partner, p *Policy) {
	for i := range partners {
		one := problems{input: ps.input}
		partners[i].validate(&one)
		if p != nil {
			checkTier(&one, p, partners[i].Tier)
		}
		for _, fe := range one.list {
			fe.Path = indexed("partners", i, fe.Path)
			if ps.prefix != "" {
				fe.Path = ps.prefix + fe.Path
			}
		}
		ps.list = append(ps.list, one.list...)
	}
	findClashes(len(partners), func(i int) string { return partners[i].ID }, func(i, j int) {
		ps.addf(indexed("partners", i, "id"), "%s", clashMessage(partners[i].ID, partners[j].ID, "partners", j, "id"))
	})
}

// checkExclusions reports, at "exclude_partners[i]", every ID the
// advisory excludes that is the ID of no partner, with the closest ID of
// a partner when one is close.
func checkExclusions(ps *problems, excluded []string, partners []Partner) {
	if len(excluded) == 0 {
		return
	}
	var ids map[string]bool // for many lookups
	if len(excluded)*len(partners) > 256 {
		ids = make(map[string]bool, len(partners))
		for i := range partners {
			ids[partners[i].ID] = true
		}
	}
	suggested := 0
	for i, id := range excluded {
		if id == "" || blank(id) {
			continue // reported by the advisory's validation
		}
		if ids != nil && ids[id] || ids == nil && slices.ContainsFunc(partners, func(p Partner) bool { return p.ID == id }) {
			continue
		}
		// Suggestions cost a comparison with every partner: a list of
		// exclusions that match nobody gets them for its first few.
		if suggested++; suggested <= 16 {
			if near := closestID(id, partners); near != "" {
				ps.addf(indexed("exclude_partners", i, ""), "%s names no partner (did you mean %s?)", quoteID(id), quoteID(near))
				continue
			}
		}
		ps.addf(indexed("exclude_partners", i, ""), "%s names no partner", quoteID(id))
	}
}

// checkTier reports a partner tier that the policy does not have.
func checkTier(ps *problems, p *Policy, name string) {
	if name == "" || len(p.Tiers) == 0 || p.tier(name) != nil || idProblem(name, "") != "" {
		return // a policy without tiers, or a malformed name, is reported as such
	}
	names := make([]string, len(p.Tiers))
	for i, t := range p.Tiers {
		names[i] = t.Name
	}
	ps.addf("tier", "unknown tier %q (the policy has %s)", name, strings.Join(names, ", "))
}

// A Disclosure is the decision for one partner and one advisory: whether
// the partner is entitled, from which instant, under which label, which
// classes it receives and which it does not, why, and the redacted copy.
//
// It is the program's record, for audit: what goes to the partner is
// Advisory, at ReleaseAt, labelled TLP. The reasons name the rules and
// laws that applied, which the program may not want to send along.
//
// Not being entitled is a decision, not an error: Entitled is false,
// ReleaseAt is zero, and every class of the advisory is in Withheld.
type Disclosure struct {
	Partner    string `json:"partner"` // the partner's ID
	AdvisoryID string `json:"advisory_id"`
	Revision   int    `json:"revision"`
	Tier       string `json:"tier"`
	Entitled   bool   `json:"entitled"`
	// Restricted is whether the policy's restricted treatment applied.
	Restricted bool `json:"restricted,omitempty"`
	// ReleaseAt is the instant the partner may receive its copy, in UTC;
	// zero when not entitled.
	ReleaseAt time.Time `json:"release_at,omitzero"`
	// PublishNotBefore is the advisory's public release: the partner may
	// not ship anything that reveals the flaw before it.
	PublishNotBefore time.Time `json:"publish_not_before"`
	// TLP is the copy's label: the more restrictive of the label the
	// policy gives the partner (its tier's, or the restricted treatment's)
	// and the advisory's own; "" when not entitled.
	TLP     TLP     `json:"tlp,omitempty"`
	Classes []Class `json:"classes,omitempty"` // received, by sensitivity
	// Withheld lists each class present in the advisory but not given, by
	// sensitivity, with the first reason in the order of [ReasonCodes].
	Withheld []Withheld `json:"withheld,omitempty"`
	// Reasons lists every rule that shaped the outcome, sorted by code (in
	// the order of [ReasonCodes]), then class (by sensitivity, none first),
	// then detail.
	Reasons []Reason `json:"reasons,omitempty"`
	// Advisory is the partner's copy: only the given classes. It shares no
	// memory with the input advisory. Zero when not entitled.
	Advisory Advisory `json:"advisory,omitzero"`
}

// UnmarshalJSON decodes a disclosure strictly, as written by
// encoding/json. Errors wrap [ErrInvalidDisclosure].
func (d *Disclosure) UnmarshalJSON(data []byte) error {
	return strictDecode(data, d, ErrInvalidDisclosure)
}

// Receives reports whether the partner receives content of class c.
func (d *Disclosure) Receives(c Class) bool {
	return slices.Contains(d.Classes, c)
}

// ReleasedBy reports whether the partner may hold its copy at instant t.
func (d *Disclosure) ReleasedBy(t time.Time) bool {
	return d.Entitled && !t.Before(d.ReleaseAt)
}

// Withheld is a class of the advisory that the partner does not receive.
type Withheld struct {
	Class  Class      `json:"class"`
	Reason ReasonCode `json:"reason"`
	Detail string     `json:"detail"`
}

// UnmarshalJSON decodes the entry strictly.
func (w *Withheld) UnmarshalJSON(data []byte) error {
	return strictDecode(data, w, ErrInvalidDisclosure)
}

// A Reason is one rule that shaped a disclosure.
type Reason struct {
	Code   ReasonCode `json:"code"`
	Class  Class      `json:"class,omitempty"` // set where the rule concerns one class
	Detail string     `json:"detail"`          // in words, for people
}

// UnmarshalJSON decodes the reason strictly.
func (r *Reason) UnmarshalJSON(data []byte) error {
	return strictDecode(data, r, ErrInvalidDisclosure)
}

// ReasonCode names a rule. The codes are stable API; new ones may be added.
type ReasonCode string

// The reason codes, in their documented order. The first six make a
// partner not entitled; the next four withhold one class; the next three
// shape the release instant; the last raises the copy's label.
const (
	CodePartnerExcluded        ReasonCode = "partner-excluded"        // the advisory excludes the partner
	CodePartnerRemoved         ReasonCode = "partner-removed"         // status removed
	CodePartnerSuspended       ReasonCode = "partner-suspended"       // status suspended
	CodeAgreementMissing       ReasonCode = "agreement-missing"       // none, or signed after the release instant
	CodeAgreementExpired       ReasonCode = "agreement-expired"       // expires before public_at
	CodeAgreementOutdated      ReasonCode = "agreement-outdated"      // older than the policy's minimum version
	CodeAdvisoryWithholds      ReasonCode = "advisory-withholds"      // the advisory withholds the class from all
	CodeUnknownClass           ReasonCode = "unknown-class"           // no tier of the policy receives the class
	CodeTierDisallows          ReasonCode = "tier-disallows"          // the partner's tier does not receive it
	CodeRestrictedJurisdiction ReasonCode = "restricted-jurisdiction" // a reporting law restricts the partner
	CodeLeadTime               ReasonCode = "lead-time"               // the lead the release is computed from
	CodeReadyFloor             ReasonCode = "ready-floor"             // held back until ready_at
	CodeEmbargoEnded           ReasonCode = "embargo-ended"           // moved earlier by an early end
	CodeSourceLabel            ReasonCode = "source-label"            // the advisory's TLP is more restrictive than the policy's
)

var allCodes = [...]ReasonCode{
	CodePartnerExcluded, CodePartnerRemoved, CodePartnerSuspended,
	CodeAgreementMissing, CodeAgreementExpired, CodeAgreementOutdated,
	CodeAdvisoryWithholds, CodeUnknownClass, CodeTierDisallows, CodeRestrictedJurisdiction,
	CodeLeadTime, CodeReadyFloor, CodeEmbargoEnded, CodeSourceLabel,
}

// ReasonCodes returns every reason code in the documented order.
func ReasonCodes() []ReasonCode { return append([]ReasonCode(nil), allCodes[:]...) }

// order returns the code's place in allCodes, from 1, or 0.
func (c ReasonCode) order() int {
	switch c {
	case CodePartnerExcluded:
		return 1
	case CodePartnerRemoved:
		return 2
	case CodePartnerSuspended:
		return 3
	case CodeAgreementMissing:
		return 4
	case CodeAgreementExpired:
		return 5
	case CodeAgreementOutdated:
		return 6
	case CodeAdvisoryWithholds:
		return 7
	case CodeUnknownClass:
		return 8
	case CodeTierDisallows:
		return 9
	case CodeRestrictedJurisdiction:
		return 10
	case CodeLeadTime:
		return 11
	case CodeReadyFloor:
		return 12
	case CodeEmbargoEnded:
		return 13
	case CodeSourceLabel:
		return 14
	}
	return 0
}

// Valid reports whether c is one of the defined codes.
func (c ReasonCode) Valid() bool { return c.order() != 0 }

// UnmarshalText accepts a defined code and rejects any other.
func (c *ReasonCode) UnmarshalText(text []byte) error {
	v := ReasonCode(text)
	if !v.Valid() {
		return enumError("reason code", string(text), allCodes[:])
	}
	*c = v
	return nil
}

// sortReasons sorts by compareReasons. Decisions produce few reasons,
// nearly in order: an insertion sort on precomputed keys beats a general
// sort that recomputes each code's place at every comparison.
func sortReasons(rs []Reason) {
	if len(rs) > 32 {
		slices.SortFunc(rs, compareReasons)
		return
	}
	var keys [32]int
	for i := range rs {
		keys[i] = rs[i].Code.order()<<4 | rs[i].Class.Sensitivity()
	}
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0; j-- {
			if keys[j-1] < keys[j] || keys[j-1] == keys[j] && rs[j-1].Detail <= rs[j].Detail {
				break
			}
			keys[j-1], keys[j] = keys[j], keys[j-1]
			rs[j-1], rs[j] = rs[j], rs[j-1]
		}
	}
}

func compareReasons(a, b Reason) int {
	if c := cmp.Compare(a.Code.order(), b.Code.order()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Class.Sensitivity(), b.Class.Sensitivity()); c != 0 {
		return c
	}
	return strings.Compare(a.Detail, b.Detail)
}

// Disclose decides what one partner receives of one advisory under a
// policy, and from when. It is the function to call for most uses; [Plan]
// does the same for a whole partner list, and an [Engine] does both for a
// policy validated once.
//
// It first validates the policy, the advisory and the partner (including
// that the partner's tier exists), and returns a *[ValidationError] listing
// every problem, with paths "policy.…", "advisory.…" and "partner.…". Only
// malformed input is an error: a partner that is not entitled gets a
// Disclosure that says so, with reasons. Seeing one partner, it cannot
// check that the advisory's exclusions name partners of the program;
// [Plan] does.
//
// Disclose is pure: it reads no clock and does no I/O, it does not modify
// its arguments, and its result shares no memory with them. It is safe to
// call concurrently.
func Disclose(p Policy, a Advisory, to Partner) (Disclosure, error) {
	// An invalid policy is compiled too, but never decided by: disclose
	// reports its problems with those of the advisory and partner.
	pp := problems{input: ErrInvalidPolicy, prefix: "policy."}
	r := compile(&p, p.validate(&pp))
	var d Disclosure
	if err := r.disclose(&d, &pp, &a, &to); err != nil {
		return Disclosure{}, err
	}
	return d, nil
}

// Plan decides for every partner, as [Disclose] does. The result holds one
// Disclosure per partner: the entitled ones sorted by release instant, then
// partner ID, then the others sorted by partner ID.
//
// Partner IDs must be unique, also ignoring case and look-alike
// characters, and each ID the advisory excludes must be that of a partner
// of the list: an exclusion that names nobody, say "Quillmark" for
// "quillmark", would exclude nobody. On malformed input it returns a
// *[ValidationError] naming every bad partner by index
// ("partners[3].tier"), not only the first, and every exclusion that names
// no partner ("advisory.exclude_partners[1]"), with the closest ID.
func Plan(p Policy, a Advisory, partners []Partner) ([]Disclosure, error) {
	pp := problems{input: ErrInvalidPolicy, prefix: "policy."}
	r := compile(&p, p.validate(&pp))
	return r.plan(&pp, &a, partners)
}

// disclose validates the advisory and the partner, then decides, and
// writes the Disclosure to d, which must be zero; it stays zero on error.
// pp holds the policy's problems, if any, to report with theirs.
func (r *rules) disclose(d *Disclosure, pp *problems, a *Advisory, to *Partner) error {
	present, ti, err := r.check(pp, a, to)
	if err != nil {
		return err
	}
	var v verdict
	r.decide(&v, a, to, ti, present, setOf(a.WithholdClasses), r.triggering(a.PublicAt))
	r.disclosure(d, &v, a, to, &arena{})
	if v.Entitled {
		redact(&d.Advisory, a, v.Classes, &arena{})
	}
	return nil
}

// plan validates the advisory and the partners, then decides for each.
// pp holds the policy's problems, if any, to report with theirs.
func (r *rules) plan(pp *problems, a *Advisory, partners []Partner) ([]Disclosure, error) {
	ap := problems{input: ErrInvalidAdvisory, prefix: "advisory."}
	tp := problems{input: ErrInvalidPartner}
	present := a.validate(&ap)
	validatePartners(&tp, partners, r.p)
	checkExclusions(&ap, a.ExcludePartners, partners)
	if pp == nil {
		pp = &problems{}
	}
	if err := asError(pp, &ap, &tp); err != nil {
		return nil, err
	}

	// Decide first, without words, keeping only what sizes the output and
	// sorts it; then size every slab of the output to exactly what the
	// verdicts need, and decide again to write each Disclosure once, in its
	// sorted place. Deciding twice costs less than keeping every verdict.
	withhold := setOf(a.WithholdClasses)
	triggering := r.triggering(a.PublicAt)
	keys := make([]planKey, len(partners))
	var nReasons, nWithheld, nClasses int
	var got [len(allClasses) + 1]int // partners receiving each class, by sensitivity
	for i := range partners {
		var v verdict
		r.decide(&v, a, &partners[i], r.tierIndex(partners[i].Tier), present, withhold, triggering)
		nReasons += v.reasonCount()
		nWithheld += v.Withheld.Len()
		nClasses += v.Classes.Len()
		for c := v.Classes; c != 0; c &= c - 1 {
			got[bits.TrailingZeros16(uint16(c))]++
		}
		keys[i] = planKey{i: int32(i), denied: !v.Entitled, sec: v.ReleaseAt.Unix(), nsec: int32(v.ReleaseAt.Nanosecond())}
	}
	ar := &arena{
		reasons:  slab[Reason]{make([]Reason, nReasons)},
		withheld: slab[Withheld]{make([]Withheld, nWithheld)},
		classes:  slab[Class]{make([]Class, nClasses)},
	}
	ar.sizeCopies(a, &got)
	ar.texts.many = true

	slices.SortFunc(keys, func(x, y planKey) int {
		if x.denied != y.denied {
			if y.denied {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(x.sec, y.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(x.nsec, y.nsec); c != 0 {
			return c
		}
		return strings.Compare(partners[x.i].ID, partners[y.i].ID)
	})
	out := make([]Disclosure, len(partners))
	for k, key := range keys {
		to := &partners[key.i]
		var v verdict
		r.decide(&v, a, to, r.tierIndex(to.Tier), present, withhold, triggering)
		d := &out[k]
		r.disclosure(d, &v, a, to, ar)
		if v.Entitled {
			redact(&d.Advisory, a, v.Classes, ar)
		}
	}
	return out, nil
}

// planKey is what Plan sorts a partner's Disclosure by: entitled first,
// then the release instant (zero for the others), then the partner's ID.
type planKey struct {
	i      int32 // the partner's index
	denied bool  // not entitled
	nsec   int32
	sec    int64
}

// The details of the reasons that do not depend on the case.
const (
	detailExcluded   = "the advisory excludes this partner"
	detailSuspended  = "the partner is suspended from the program"
	detailRemoved    = "the partner was removed from the program"
	detailUnsigned   = "the partner has signed no agreement"
	detailWithholds  = "the advisory withholds this class from every partner"
	detailUnknown    = "no tier of the policy receives this class"
	detailDisallowed = "the partner's tier does not receive this class"
	detailLimited    = "the restricted treatment does not include this class"
)

// reasonCount returns how many reasons the verdict's Disclosure lists.
func (v *verdict) reasonCount() int {
	if !v.Entitled {
		return bits.OnesCount8(v.denied)
	}
	n := 1 + v.nLaws + v.withhold.Len() + v.unknown.Len() + v.disallowed.Len() + v.limited.Len() // 1: lead-time
	for _, b := range [...]bool{v.jurisdiction, v.ready, v.ended, v.policyTLP != ""} {
		if b {
			n++
		}
	}
	return n
}

// disclosure writes to d, which must be zero, the Disclosure of a verdict,
// its reasons in words, without the redacted copy; its lists are cut from
// ar.
func (r *rules) disclosure(d *Disclosure, v *verdict, a *Advisory, to *Partner, ar *arena) {
	d.Partner, d.AdvisoryID, d.Revision, d.Tier, d.PublishNotBefore = to.ID, a.ID, a.Revision, to.Tier, a.PublicAt.UTC()
	d.Entitled, d.Restricted, d.ReleaseAt, d.TLP = v.Entitled, v.Restricted, v.ReleaseAt, v.TLP
	rs := ar.reasons.take(v.reasonCount())
	k := 0
	add := func(code ReasonCode, c Class, detail string) {
		rs[k] = Reason{Code: code, Class: c, Detail: detail}
		k++
	}
	if !v.Entitled {
		if v.denied&denyExcluded != 0 {
			add(CodePartnerExcluded, "", detailExcluded)
		}
		if v.denied&denyRemoved != 0 {
			add(CodePartnerRemoved, "", detailRemoved)
		}
		if v.denied&denySuspended != 0 {
			add(CodePartnerSuspended, "", detailSuspended)
		}
		ag := &to.Agreement
		if v.denied&denyUnsigned != 0 {
			add(CodeAgreementMissing, "", detailUnsigned)
		}
		if v.denied&denyLate != 0 {
			add(CodeAgreementMissing, "", "the agreement was signed at "+ag.SignedAt.UTC().Format(time.RFC3339)+
				", after the release instant "+v.release.Format(time.RFC3339))
		}
		if v.denied&denyExpired != 0 {
			add(CodeAgreementExpired, "", "the agreement expires at "+ag.ExpiresAt.UTC().Format(time.RFC3339)+", before public_at")
		}
		if v.denied&denyOutdated != 0 {
			add(CodeAgreementOutdated, "", "agreement version "+quoteOrNone(ag.Version)+" is older than the required "+r.p.Agreement.MinVersion)
		}
		first := rs[0]
		d.Withheld = ar.withheld.take(v.Withheld.Len())
		n := 0
		for i, c := range allClasses {
			if v.Withheld&bit(i+1) != 0 {
				d.Withheld[n] = Withheld{Class: c, Reason: first.Code, Detail: first.Detail}
				n++
			}
		}
		d.Reasons = rs
		return
	}

	// In the documented order: by code, then class, then detail.
	for _, rule := range [...]struct {
		set    ClassSet
		code   ReasonCode
		detail string
	}{
		{v.withhold, CodeAdvisoryWithholds, detailWithholds},
		{v.unknown, CodeUnknownClass, detailUnknown},
		{v.disallowed, CodeTierDisallows, detailDisallowed},
	} {
		for i, c := range allClasses {
			if rule.set&bit(i+1) != 0 {
				add(rule.code, c, rule.detail)
			}
		}
	}
	if v.Restricted {
		from := k
		k = r.restrictionReasons(v, a, to, rs, k, &ar.texts)
		sortReasons(rs[from:k]) // by detail
		for i, c := range allClasses {
			if v.limited&bit(i+1) != 0 {
				add(CodeRestrictedJurisdiction, c, detailLimited)
			}
		}
	}
	add(CodeLeadTime, "", r.leadDetail(v, &ar.texts))
	if v.ready {
		if ar.texts.ready == "" {
			ar.texts.ready = "held until the advisory is ready at " + v.release.Format(time.RFC3339)
		}
		add(CodeReadyFloor, "", ar.texts.ready)
	}
	if v.ended {
		if ar.texts.ended == "" {
			ar.texts.ended = "the embargo ended at " + a.Embargo.EndedAt.UTC().Format(time.RFC3339) + " (" + string(a.Embargo.Reason) + ")"
		}
		add(CodeEmbargoEnded, "", ar.texts.ended)
	}
	if v.policyTLP != "" {
		add(CodeSourceLabel, "", r.labelDetail(v, &ar.texts))
	}
	d.Reasons = rs

	if v.Withheld != 0 {
		d.Withheld = ar.withheld.take(v.Withheld.Len())
		n := 0
		for i, c := range allClasses {
			b := bit(i + 1)
			if v.Withheld&b == 0 {
				continue
			}
			w := Withheld{Class: c}
			switch {
			case v.withhold&b != 0:
				w.Reason, w.Detail = CodeAdvisoryWithholds, detailWithholds
			case v.unknown&b != 0:
				w.Reason, w.Detail = CodeUnknownClass, detailUnknown
			case v.disallowed&b != 0:
				w.Reason, w.Detail = CodeTierDisallows, detailDisallowed
			default:
				w.Reason, w.Detail = CodeRestrictedJurisdiction, detailLimited
			}
			d.Withheld[n] = w
			n++
		}
	}
	d.Classes = v.Classes.listInto(ar.classes.take(v.Classes.Len()))
}

// restrictionReasons writes, from rs[k], a reason for every rule that made
// the restricted treatment apply, and returns the new k. The texts are
// kept in t, for the other partners of the same call.
func (r *rules) restrictionReasons(v *verdict, a *Advisory, to *Partner, rs []Reason, k int, t *texts) int {
	if v.jurisdiction {
		j, listed := overlap(to.Jurisdictions, r.p.RestrictWhen.Jurisdictions)
		detail := t.find(-1, j, listed)
		if detail == "" {
			detail = j + " is named in restrict_when.jurisdictions"
			if listed != j {
				detail = j + " is covered by " + listed + ", named in restrict_when.jurisdictions"
			}
			t.keep(-1, j, listed, detail)
		}
		rs[k] = Reason{Code: CodeRestrictedJurisdiction, Detail: detail}
		k++
	}
	public := a.PublicAt.UTC()
	for i := range r.laws {
		if r.manyLaws {
			if named, bound := r.selects(i); !(named || bound != "") || !r.laws[i].InEffect(public) {
				continue
			}
		} else if v.laws&(1<<i) == 0 {
			continue
		}
		l := &r.laws[i]
		j, _ := overlap(to.Jurisdictions, l.Jurisdictions)
		if j == "" {
			continue
		}
		detail := t.find(i, j, "")
		if detail == "" {
			why := "is named in restrict_when.laws"
			if named, bound := r.selects(i); !named {
				why = "binds " + string(bound)
			}
			detail = j + ": " + l.ID + " " + why + " and is in effect at public_at"
			t.keep(i, j, "", detail)
		}
		rs[k] = Reason{Code: CodeRestrictedJurisdiction, Detail: detail}
		k++
	}
	return k
}

// texts keeps the reasons' texts that depend on the advisory, not the
// partner, so that one call writes each of them once.
type texts struct {
	ready, ended string
	// When many is set (a call for many partners), leads holds the texts
	// of lead-time reasons and restricted those of restricted-jurisdiction
	// reasons.
	many       bool
	leads      []string
	restricted []restrictedText
	labels     []string // of source-label reasons, by tier, then the restricted treatment's
}

// restrictedText is the text of a restricted-jurisdiction reason: by law
// (its index in the registry) and the partner's jurisdiction j, or by
// restrict_when.jurisdictions (law -1) and the code listed there.
type restrictedText struct {
	law       int
	j, listed string
	detail    string
}

func (t *texts) find(law int, j, listed string) string {
	for _, e := range t.restricted {
		if e.law == law && e.j == j && e.listed == listed {
			return e.detail
		}
	}
	return ""
}

func (t *texts) keep(law int, j, listed, detail string) {
	if t.many && len(t.restricted) < 16 { // a few kinds of partner share most texts
		t.restricted = append(t.restricted, restrictedText{law, j, listed, detail})
	}
}

// labelDetail returns the source-label reason's detail of a verdict whose
// label is the advisory's, kept in t by a call for many partners.
func (r *rules) labelDetail(v *verdict, t *texts) string {
	k := v.tier // one text per tier, then the restricted treatment's
	if v.Restricted {
		k = len(r.p.Tiers)
	}
	if t.many && t.labels == nil {
		t.labels = make([]string, len(r.p.Tiers)+1)
	}
	if t.many && t.labels[k] != "" {
		return t.labels[k]
	}
	from := "the restricted treatment's"
	if !v.Restricted {
		from = "tier " + r.p.Tiers[v.tier].Name + "'s"
	}
	detail := "the advisory is TLP:" + string(v.TLP) + ", more restrictive than " + from + " TLP:" + string(v.policyTLP)
	if t.many {
		t.labels[k] = detail
	}
	return detail
}

// leadDetail returns the lead-time reason's detail of a verdict, prepared
// by an Engine, kept in t by a call for many partners, or written now.
func (r *rules) leadDetail(v *verdict, t *texts) string {
	if pr := r.prep; pr != nil {
		switch v.leadFrom {
		case fromRestricted:
			return pr.restrictedDetail
		case fromMaxLead:
			return pr.maxLeadDetail
		}
		return pr.tierDetails[v.tier]
	}
	// One text per tier, then the restricted treatment's and the cap's.
	k := v.tier
	switch v.leadFrom {
	case fromRestricted:
		k = len(r.p.Tiers)
	case fromMaxLead:
		k = len(r.p.Tiers) + 1
	}
	if t.many && t.leads == nil {
		t.leads = make([]string, len(r.p.Tiers)+2)
	}
	if t.many && t.leads[k] != "" {
		return t.leads[k]
	}
	var detail string
	switch v.leadFrom {
	case fromRestricted:
		detail = leadDetail("", v.lead)
	case fromMaxLead:
		detail = leadDetail("max_lead", v.lead)
	default:
		detail = leadDetail(r.p.Tiers[v.tier].Name, v.lead)
	}
	if t.many {
		t.leads[k] = detail
	}
	return detail
}

// leadDetail says where a release instant comes from, "tier entry: 24h
// before public_at", with one allocation; tier "" is the restricted
// treatment and "max_lead" the policy's cap.
func leadDetail(tier string, l Lead) string {
	var buf [96]byte
	b := buf[:0]
	switch tier {
	case "":
		b = append(b, "restricted treatment: "...)
	case "max_lead":
		b = append(b, "capped by max_lead: "...)
	default:
		b = append(append(append(b, "tier "...), tier...), ": "...)
	}
	if l.IsZero() {
		b = append(b, "at public_at"...)
	} else {
		b = l.appendText(b)
		b = append(b, " before public_at"...)
	}
	return string(b)
}

func quoteOrNone(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}

// redact writes to c, which must be zero, a copy of a holding only the
// classes in give, cut from ar, sharing no memory with a.
func redact(c *Advisory, a *Advisory, give ClassSet, ar *arena) {
	if give.has(ClassSummary) {
		c.ID, c.Revision, c.Title, c.Severity, c.TLP = a.ID, a.Revision, a.Title, a.Severity, a.TLP
		// One piece holds both lists, each capped at its length.
		if n, m := len(a.CVEs), len(a.Products); n+m > 0 {
			strs := ar.strs.take(n + m)
			copy(strs, a.CVEs)
			copy(strs[n:], a.Products)
			if a.CVEs != nil {
				c.CVEs = strs[:n:n]
			}
			if a.Products != nil {
				c.Products = strs[n : n+m : n+m]
			}
		}
		c.PublicAt = a.PublicAt.UTC()
		if !a.Embargo.EndedAt.IsZero() {
			c.Embargo = Embargo{EndedAt: a.Embargo.EndedAt.UTC(), Reason: a.Embargo.Reason}
		}
	}
	n := 0
	for i := range a.Sections {
		if give.has(a.Sections[i].Class) {
			n++
		}
	}
	if n > 0 {
		c.Sections = ar.sections.take(n)
		k := 0
		for i := range a.Sections {
			if give.has(a.Sections[i].Class) {
				c.Sections[k] = a.Sections[i] // strings are immutable
				k++
			}
		}
	}
	n, size, withData := 0, 0, 0
	for i := range a.Artifacts {
		if give.has(a.Artifacts[i].Class) {
			n++
			if d := len(a.Artifacts[i].Data); d > 0 {
				size += d
				withData++
			}
		}
	}
	if n == 0 {
		return
	}
	// One piece holds every artifact's bytes; each gets a slice of it
	// capped at its length, so appending to one cannot overwrite another.
	var buf []byte
	if withData > 1 || ar.data.free != nil {
		buf = ar.data.take(size)
	}
	c.Artifacts = ar.artifacts.take(n)
	k := 0
	for _, f := range a.Artifacts {
		if !give.has(f.Class) {
			continue
		}
		switch {
		case len(f.Data) == 0:
			f.Data = nil
		case buf == nil:
			// The only artifact with data, and no slab: append copies it
			// into a new piece without zeroing the piece first.
			f.Data = append([]byte(nil), f.Data...)
			f.Data = f.Data[:len(f.Data):len(f.Data)]
		default:
			m := copy(buf, f.Data)
			f.Data, buf = buf[:m:m], buf[m:]
		}
		c.Artifacts[k] = f
		k++
	}
}
