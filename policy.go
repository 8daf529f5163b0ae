package disclosure

// The policy: tiers, the restricted treatment and what selects it, the
// agreement required; its validation and LoadPolicy.

import (
	"encoding/json"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure/internal/strictjson"
	"github.com/disclosurekit/disclosure/internal/tz"
)

// A Policy is the rules of a disclosure program: its tiers, the treatment
// of partners subject to reporting laws, and the agreement it requires. It
// is plain data: a struct literal, [DefaultPolicy] or [LoadPolicy]. The
// zero Policy is invalid (it has no tiers), so it grants nothing.
type Policy struct {
	Name string `json:"name,omitempty"`
	// CalendarZone is where business days are counted (nil: a built-in
	// America/Los_Angeles). JSON names it ("calendar_zone"); other zones
	// are loaded with time.LoadLocation. time.Local is refused.
	CalendarZone *time.Location   `json:"-"`
	Tiers        []Tier           `json:"tiers"`
	Restriction  Restriction      `json:"restricted,omitzero"` // for partners RestrictWhen selects
	RestrictWhen RestrictionScope `json:"restrict_when,omitzero"`
	Agreement    AgreementPolicy  `json:"agreement,omitzero"`
	MaxLead      Lead             `json:"max_lead,omitzero"` // caps every lead; zero: no cap
	Laws         []Law            `json:"laws,omitempty"`    // the registry; empty: [BuiltinLaws]
}

// Restriction replaces the tier's classes, lead and label for a restricted
// partner, never granting more than the tier (the classes both allow, the
// shorter lead).
type Restriction struct {
	Classes []Class `json:"classes,omitempty"`
	Lead    Lead    `json:"lead,omitzero"`
	TLP     TLP     `json:"tlp,omitempty"` // required when RestrictWhen selects anyone
}

// RestrictionScope selects the partners a Policy restricts: those with a
// jurisdiction in Jurisdictions, or reached by a law in effect at the public
// release that binds one of Binds or is listed in Laws. Zero selects nobody.
type RestrictionScope struct {
	Binds         []Party  `json:"binds,omitempty"`
	Laws          []string `json:"laws,omitempty"`          // law IDs of the policy's registry
	Jurisdictions []string `json:"jurisdictions,omitempty"` // ISO 3166-1 alpha-2 codes or "EU"
}

func (r *RestrictionScope) isZero() bool {
	return len(r.Binds) == 0 && len(r.Laws) == 0 && len(r.Jurisdictions) == 0
}

// AgreementPolicy is what the policy requires of partners' agreements.
type AgreementPolicy struct {
	MinVersion string `json:"min_version,omitempty"` // the oldest version accepted; "" accepts any
}

// DefaultPolicy returns the program as run after July 2025: tiers responder
// (at release, summary to detection guidance, TLP:AMBER), entry (24h) and
// validate (120h) (every class but unclassified, TLP:AMBER+STRICT); partners
// under a law binding discoverers (CN from 2021-09-01) get summary,
// description and mitigations at release, TLP:CLEAR.
func DefaultPolicy() Policy {
	full := []Class{ClassSummary, ClassDescription, ClassMitigations, ClassIndicators,
		ClassDetectionGuidance, ClassTechnicalDetails, ClassReproSteps, ClassProofOfConcept}
	return Policy{
		Name:         "default",
		CalendarZone: tz.LosAngeles(),
		Tiers: []Tier{
			{Name: "responder", Rank: 1, TLP: TLPAmber, Classes: []Class{ClassSummary,
				ClassDescription, ClassMitigations, ClassIndicators, ClassDetectionGuidance}},
			{Name: "entry", Rank: 2, Lead: LeadDuration(24 * time.Hour), TLP: TLPAmberStrict, Classes: slices.Clone(full)},
			{Name: "validate", Rank: 3, Lead: LeadDuration(120 * time.Hour), TLP: TLPAmberStrict, Classes: slices.Clone(full)},
		},
		Restriction: Restriction{
			Classes: []Class{ClassSummary, ClassDescription, ClassMitigations},
			TLP:     TLPClear,
		},
		RestrictWhen: RestrictionScope{Binds: []Party{PartyDiscoverers}},
	}
}

// zone returns the calendar zone.
func (p *Policy) zone() *time.Location {
	if p.CalendarZone == nil {
		return tz.LosAngeles()
	}
	return p.CalendarZone
}

// laws returns the law registry.
func (p *Policy) laws() []Law {
	if len(p.Laws) == 0 {
		return builtinLaws()
	}
	return p.Laws
}

// tier returns the tier named name, or nil.
func (p *Policy) tier(name string) *Tier {
	for i := range p.Tiers {
		if p.Tiers[i].Name == name {
			return &p.Tiers[i]
		}
	}
	return nil
}

// Validate reports every problem of the policy, at paths such as
// "tiers[2].lead".
func (p Policy) Validate() error {
	ps := problems{input: ErrInvalidPolicy}
	p.validate(&ps)
	return asError(&ps)
}

// validate reports the policy's problems to ps and returns, as a
// by-product, the class sets that deciding needs.
func (p *Policy) validate(ps *problems) (sets policySets) {
	if p.CalendarZone == time.Local {
		ps.addf("calendar_zone", `time.Local depends on the machine; name an IANA zone such as "America/Los_Angeles"`)
	}
	if len(p.Tiers) == 0 {
		ps.addf("tiers", "at least one tier is required")
	}
	var ranks map[int]int // for many tiers: the first tier of each rank
	if len(p.Tiers) > maxPairwise {
		ranks = make(map[int]int, len(p.Tiers))
	}
	for i := range p.Tiers {
		t := &p.Tiers[i]
		at := func(field string) string { return indexed("tiers", i, field) }
		if strings.TrimSpace(t.Name) == "" {
			ps.addf(at("name"), "required")
		} else if !validID(t.Name) {
			ps.addf(at("name"), "%s", idProblem(t.Name, "tier names"))
		}
		if t.Rank < 1 {
			ps.addf(at("rank"), "must be at least 1, got %d", t.Rank)
		}
		if j := p.rankBefore(i, ranks); j >= 0 {
			ps.addf(at("rank"), "%d repeats tiers[%d]", t.Rank, j)
		}
		if msg := leadProblem(t.Lead, p.MaxLead); msg != "" {
			ps.addf(at("lead"), "%s", msg)
		}
		set, ok := classesValid(t.Classes)
		if !ok {
			reportClasses(ps, at("classes"), t.Classes)
		}
		if i < len(sets.tiers) {
			sets.tiers[i] = set
		}
		sets.known |= set
		if msg := tlpProblem(t.TLP); msg != "" {
			ps.addf(at("tlp"), "%s", msg)
		}
	}
	findClashes(len(p.Tiers), func(i int) string { return p.Tiers[i].Name }, func(i, j int) {
		ps.addf(indexed("tiers", i, "name"), "%s", clashMessage(p.Tiers[i].Name, p.Tiers[j].Name, "tiers", j, "name"))
	})
	r := &p.Restriction
	if msg := leadProblem(r.Lead, p.MaxLead); msg != "" {
		ps.addf("restricted.lead", "%s", msg)
	}
	limit, ok := classesValid(r.Classes)
	if !ok {
		reportClasses(ps, "restricted.classes", r.Classes)
	}
	sets.limit = limit
	if r.TLP != "" || !p.RestrictWhen.isZero() {
		if msg := tlpProblem(r.TLP); msg != "" {
			ps.addf("restricted.tlp", "%s", msg)
		}
	}
	if err := p.MaxLead.check(); err != nil {
		ps.addf("max_lead", "%s", err)
	}
	w := &p.RestrictWhen
	for i, b := range w.Binds {
		if !b.Valid() {
			ps.addf(indexed("restrict_when.binds", i, ""), "%s", enumError("party", string(b), allParties[:]))
		}
	}
	laws := p.laws()
	var known map[string]bool // for many lookups
	if len(w.Laws)*len(laws) > 64 {
		known = make(map[string]bool, len(laws))
		for k := range laws {
			known[laws[k].ID] = true
		}
	}
	for i, id := range w.Laws {
		found := known[id]
		for k := 0; known == nil && k < len(laws) && !found; k++ {
			found = laws[k].ID == id
		}
		if !found {
			ps.addf(indexed("restrict_when.laws", i, ""), "unknown law %q: not in the policy's registry", id)
		}
	}
	for i, j := range w.Jurisdictions {
		if msg := checkJurisdiction(j); msg != "" {
			ps.addf(indexed("restrict_when.jurisdictions", i, ""), "%s", msg)
		}
	}
	if v := p.Agreement.MinVersion; v != "" {
		if _, ok := parseVersion(v); !ok {
			ps.addf("agreement.min_version", "%q is not a date YYYY-MM or YYYY-MM-DD", v)
		}
	}
	validateLaws(ps, p.Laws)
	return sets
}

// rankBefore returns the index of the first tier before tier i of the
// same valid rank, or -1; ranks, if not nil, indexes the tiers before i by
// rank and gets tier i.
func (p *Policy) rankBefore(i int, ranks map[int]int) int {
	rank := p.Tiers[i].Rank
	if rank < 1 {
		return -1
	}
	if ranks != nil {
		if j, ok := ranks[rank]; ok {
			return j
		}
		ranks[rank] = i
		return -1
	}
	for j := range i {
		if p.Tiers[j].Rank == rank {
			return j
		}
	}
	return -1
}

// policySets are the class sets of a valid policy: its tiers' (the first
// eight; a decision computes the others), every tier's together, and the
// restricted treatment's.
type policySets struct {
	tiers [8]classSet
	known classSet
	limit classSet
}

// leadProblem returns what is wrong with a lead under a cap, or "".
func leadProblem(l, limit Lead) string {
	if err := l.check(); err != nil {
		return err.Error()
	}
	if !limit.IsZero() && l.exceeds(limit) {
		return l.String() + " can exceed max_lead " + limit.String()
	}
	return ""
}

// classesValid reports whether a class list has only valid classes, once
// each, and returns their set.
func classesValid(cs []Class) (classSet, bool) {
	var seen classSet
	for _, c := range cs {
		k := c.Sensitivity()
		if k == 0 || seen&bit(k) != 0 {
			return 0, false
		}
		seen |= bit(k)
	}
	return seen, true
}

// reportClasses reports every invalid or repeated class of a list at path.
func reportClasses(ps *problems, path string, cs []Class) {
	var seen classSet
	for i, c := range cs {
		switch {
		case !c.Valid():
			ps.addf(path+indexed("", i, ""), "%s", enumError("class", string(c), allClasses[:]))
		case seen.has(c):
			ps.addf(path+indexed("", i, ""), "class %q repeated", c)
		}
		seen.add(c)
	}
}

// tlpProblem returns what is wrong with a required TLP label, or "".
func tlpProblem(l TLP) string {
	if l == "" {
		return "required (CLEAR, GREEN, AMBER, AMBER+STRICT or RED)"
	}
	if !l.Valid() {
		return enumError("TLP 2.0 label", string(l), allTLPs[:]).Error()
	}
	return ""
}

// policyJSON is the JSON form of a Policy: the zone by name.
type policyJSON struct {
	Name         string           `json:"name,omitempty"`
	CalendarZone string           `json:"calendar_zone,omitempty"`
	Tiers        []Tier           `json:"tiers"`
	Restriction  Restriction      `json:"restricted,omitzero"`
	RestrictWhen RestrictionScope `json:"restrict_when,omitzero"`
	Agreement    AgreementPolicy  `json:"agreement,omitzero"`
	MaxLead      Lead             `json:"max_lead,omitzero"`
	Laws         []Law            `json:"laws,omitempty"`
}

// MarshalJSON writes the policy with its calendar zone as an IANA name.
func (p Policy) MarshalJSON() ([]byte, error) {
	w := policyJSON{p.Name, p.zone().String(), p.Tiers, p.Restriction, p.RestrictWhen, p.Agreement, p.MaxLead, p.Laws}
	return json.Marshal(w)
}

// UnmarshalJSON decodes a policy strictly, as [LoadPolicy] does, without
// validating it; on error p is unchanged.
func (p *Policy) UnmarshalJSON(data []byte) error {
	v, dp, _ := decodePolicy(data)
	if len(dp) > 0 {
		return &ValidationError{Problems: dp}
	}
	*p = v
	return nil
}

// decodePolicy decodes what it can of a policy, and returns it with the
// decoding problems and whether decoding stopped before the end.
func decodePolicy(data []byte) (Policy, []*FieldError, bool) {
	var w policyJSON
	dp, stopped := decodeProblems(ErrInvalidPolicy, strictjson.UnmarshalPartial(data, &w))
	if stopped {
		return Policy{}, dp, true
	}
	var zone *time.Location
	if w.CalendarZone != "" {
		z, err := tz.Load(w.CalendarZone)
		if err != nil {
			dp = append(dp, &FieldError{Err: ErrInvalidPolicy, Path: "calendar_zone", Message: err.Error()})
		} else {
			zone = z
		}
	}
	return Policy{w.Name, zone, w.Tiers, w.Restriction, w.RestrictWhen, w.Agreement, w.MaxLead, w.Laws}, dp, false
}

// LoadPolicy reads one policy in JSON from r and validates it. Unknown or
// repeated keys, trailing data and times without a zone offset are errors;
// the *[ValidationError] lists every problem of decoding and validating at
// once. It holds r's content whole: bound untrusted input.
func LoadPolicy(r io.Reader) (Policy, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Policy{}, readError(ErrInvalidPolicy, err)
	}
	p, dp, stopped := decodePolicy(data)
	if stopped {
		return Policy{}, &ValidationError{Problems: dp}
	}
	ps := problems{input: ErrInvalidPolicy}
	p.validate(&ps)
	if err := loadError(dp, ps.list); err != nil {
		return Policy{}, err
	}
	return p, nil
}

// clone returns a deep copy of the policy. The calendar zone is shared: a
// *time.Location does not change.
func (p *Policy) clone() Policy {
	c := *p
	c.Tiers = slices.Clone(p.Tiers)
	for i := range c.Tiers {
		c.Tiers[i].Classes = slices.Clone(c.Tiers[i].Classes)
	}
	c.Restriction.Classes = slices.Clone(p.Restriction.Classes)
	c.RestrictWhen = RestrictionScope{Binds: slices.Clone(p.RestrictWhen.Binds), Laws: slices.Clone(p.RestrictWhen.Laws),
		Jurisdictions: slices.Clone(p.RestrictWhen.Jurisdictions)}
	if p.Laws != nil {
		c.Laws = cloneLaws(p.Laws)
	}
	return c
}
