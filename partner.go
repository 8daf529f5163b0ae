package disclosure

// Partners, their status and agreement, their validation and LoadPartners.

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure/internal/closest"
)

// A Partner is a member of the program: a company that receives advisories
// before their public release under an agreement. The zero Partner is
// invalid, and so receives nothing.
type Partner struct {
	// ID is unique in the program, also ignoring case and look-alikes: 1
	// to 64 ASCII letters, digits and . - _ : @, from a letter or digit.
	ID   string `json:"id"`
	Name string `json:"name,omitempty"` // display name, free text
	Tier string `json:"tier"`           // the name of one of the policy's tiers
	// Jurisdictions, at least one, are the ISO 3166-1 alpha-2 codes ("EU"
	// for its 27 members) of every country whose laws reach the partner's
	// handling of program data: headquarters, subsidiaries, staff.
	Jurisdictions []string  `json:"jurisdictions"`
	Status        Status    `json:"status"`
	Agreement     Agreement `json:"agreement,omitzero"` // zero: no agreement signed
}

// UnmarshalJSON decodes a partner strictly (see [LoadPartners]).
func (p *Partner) UnmarshalJSON(data []byte) error { return strictDecode(data, p, ErrInvalidPartner) }

// Status is a partner's standing in the program.
type Status string

// The statuses. Only active partners receive anything.
const (
	StatusActive    Status = "active"
	StatusSuspended Status = "suspended" // temporarily excluded, e.g. during an investigation
	StatusRemoved   Status = "removed"   // expelled from the program
)

var allStatuses = [...]Status{StatusActive, StatusSuspended, StatusRemoved}

// Valid reports whether s is one of the defined statuses.
func (s Status) Valid() bool {
	return s == StatusActive || s == StatusSuspended || s == StatusRemoved
}

// An Agreement is the partner's signed consent to the program's terms (the
// embargo, no redistribution, protections shipped only at release).
type Agreement struct {
	Version   string    `json:"version,omitempty"` // the text's date, "YYYY-MM" or "YYYY-MM-DD"
	SignedAt  time.Time `json:"signed_at"`
	ExpiresAt time.Time `json:"expires_at,omitzero"` // zero: does not expire
}

// parseVersion returns an agreement version, "YYYY-MM" or "YYYY-MM-DD"
// from year 1, as the number yyyymmdd, which orders versions as dates
// (a missing day counts as the first); or false.
//
// Every decision validates the partner's agreement, and a service decides
// for every partner of every advisory, so this reads the digits itself:
// with time.Parse, [Engine.Disclose] took 9% longer on a typical advisory
// and 32% longer for a partner who receives only the summary (benchmarks
// of the bench module, side by side). TestParseVersionAgainstTime holds it
// to time.Parse with the layouts "2006-01" and "2006-01-02".
func parseVersion(v string) (int, bool) {
	if len(v) != len("2006-01") && len(v) != len("2006-01-02") || v[4] != '-' || len(v) == 10 && v[7] != '-' {
		return 0, false
	}
	n := 0
	for i := 0; i < len(v); i++ {
		if i == 4 || i == 7 {
			continue
		}
		if v[i] < '0' || v[i] > '9' {
			return 0, false
		}
		n = n*10 + int(v[i]-'0')
	}
	if len(v) == 7 {
		n = n*100 + 1
	}
	y, m, d := n/10000, n/100%100, n%100
	if y < 1 || m < 1 || m > 12 || d < 1 || d > 28 && d > daysIn(y, time.Month(m)) {
		return 0, false
	}
	return n, true
}

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Validate reports every problem of the partner, at paths such as
// "jurisdictions[0]"; [Disclose] and [Plan] also check its tier exists.
func (p Partner) Validate() error {
	ps := problems{input: ErrInvalidPartner}
	p.validate(&ps)
	return asError(&ps)
}

func (p *Partner) validate(ps *problems) {
	if strings.TrimSpace(p.ID) == "" {
		ps.addf("id", "required")
	} else if !validID(p.ID) {
		ps.addf("id", "%s", idProblem(p.ID, "partner IDs"))
	}
	if p.Tier == "" {
		ps.addf("tier", "required")
	} else if !validID(p.Tier) {
		ps.addf("tier", "%s", idProblem(p.Tier, "tier names"))
	}
	if len(p.Jurisdictions) == 0 {
		ps.addf("jurisdictions", "at least one ISO 3166-1 alpha-2 code is required")
	}
	for i, j := range p.Jurisdictions {
		if !validJurisdiction(j) {
			ps.addf(indexed("jurisdictions", i, ""), "%s", checkJurisdiction(j))
		}
	}
	if !p.Status.Valid() {
		if p.Status == "" {
			ps.addf("status", "required (active, suspended or removed)")
		} else {
			ps.addf("status", "%s", enumError("status", string(p.Status), allStatuses[:]).Error())
		}
	}
	a := &p.Agreement
	if a.Version != "" || a.SignedAt != (time.Time{}) || a.ExpiresAt != (time.Time{}) {
		if a.SignedAt.IsZero() {
			ps.addf("agreement.signed_at", "required when an agreement is given")
		}
		if a.Version != "" {
			if _, ok := parseVersion(a.Version); !ok {
				ps.addf("agreement.version", "%q is not a date YYYY-MM or YYYY-MM-DD", a.Version)
			}
		}
		if !timeWritable(a.SignedAt) {
			badYear(ps, "agreement.signed_at", a.SignedAt)
		}
		if !a.ExpiresAt.IsZero() {
			if !timeWritable(a.ExpiresAt) {
				badYear(ps, "agreement.expires_at", a.ExpiresAt)
			}
			if !a.SignedAt.IsZero() && a.ExpiresAt.Before(a.SignedAt) {
				ps.addf("agreement.expires_at", "before signed_at")
			}
		}
	}
}

// badYear reports a time that timeWritable rejects: RFC 3339 cannot write
// it. Callers test with timeWritable first.
func badYear(ps *problems, path string, t time.Time) {
	ps.addf(path, "year %s is outside 0001–9999", strconv.Itoa(t.UTC().Year()))
}

// timeWritable reports whether t is zero or in the years 1 to 9999 in UTC:
// from 0001-01-01T00:00:00Z to before 10000-01-01T00:00:00Z. (An instant
// so far out that its Unix time wraps around int64 lands far outside.)
func timeWritable(t time.Time) bool {
	u := t.Unix()
	return u >= -62135596800 && u < 253402300800
}

// LoadPartners reads a partner list, {"partners": [...]}, as [LoadPolicy]
// reads a policy, and validates every partner; IDs must be unique, also
// ignoring case and look-alikes.
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
		if strings.TrimSpace(id) == "" {
			continue // reported by the advisory's validation
		}
		if ids != nil && ids[id] || ids == nil && slices.ContainsFunc(partners, func(p Partner) bool { return p.ID == id }) {
			continue
		}
		// Suggestions cost a comparison with every partner: a list of
		// exclusions that match nobody gets them for its first few.
		if suggested++; suggested <= 16 {
			if near := closest.Match(id, len(partners), func(i int) string { return partners[i].ID }); near != "" {
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
