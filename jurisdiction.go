package disclosure

// Reporting laws as deciding needs them, the parties they bind, and
// jurisdiction codes.

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/disclosurekit/disclosure/internal/iso3166"
	"github.com/disclosurekit/disclosure/internal/lawdata"
)

// A Law is a reporting law of one or more jurisdictions, as deciding
// needs it: where it applies, from when, and whom it binds. A [Policy]
// restricts partners subject to a law that its RestrictWhen selects and
// that is in effect at the advisory's public release. Package laws holds
// the facts behind the built-in laws (authorities, deadlines, sources).
type Law struct {
	ID   string `json:"id"`   // unique, e.g. "CN-RMSV-2021"
	Name string `json:"name"` // its official or usual name
	// Jurisdictions are the ISO 3166-1 alpha-2 codes where the law applies;
	// "EU" stands for the 27 member states.
	Jurisdictions []string `json:"jurisdictions"`
	// EffectiveFrom is when the law took effect; zero means it is not in
	// effect (e.g. a rule still being drafted).
	EffectiveFrom time.Time `json:"effective_from,omitzero"`
	// EffectiveUntil is when the law ceased to apply; zero means it still does.
	EffectiveUntil time.Time `json:"effective_until,omitzero"`
	Binds          []Party   `json:"binds"` // whom it obliges
}

// InEffect reports whether the law applies at instant t.
func (l Law) InEffect(t time.Time) bool {
	if l.EffectiveFrom.IsZero() || t.Before(l.EffectiveFrom) {
		return false
	}
	return l.EffectiveUntil.IsZero() || t.Before(l.EffectiveUntil)
}

// Party is a kind of person or company a law obliges.
type Party string

// The parties a law can bind.
const (
	// PartyProductProviders are makers of network products, for flaws in their own products.
	PartyProductProviders Party = "product-providers"
	// PartyDiscoverers are whoever discovers, collects or learns of a
	// vulnerability, in anyone's product: program partners included.
	PartyDiscoverers Party = "discoverers"
	// PartyOperators are operators of networks or services, for incidents.
	PartyOperators Party = "operators"
	// PartyManufacturers are manufacturers, for their own products only.
	PartyManufacturers Party = "manufacturers"
)

var allParties = [...]Party{PartyProductProviders, PartyDiscoverers, PartyOperators, PartyManufacturers}

// Valid reports whether p is one of the defined parties.
func (p Party) Valid() bool {
	return p == PartyProductProviders || p == PartyDiscoverers || p == PartyOperators || p == PartyManufacturers
}

// UnmarshalText accepts a defined party and rejects any other.
func (p *Party) UnmarshalText(text []byte) error {
	return unmarshalEnum(p, "party", text, allParties[:])
}

// euMembers are the 27 member states of the European Union, for which "EU"
// stands in jurisdiction lists.
var euMembers = [...]string{
	"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
	"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
}

// EUMembers returns the ISO 3166-1 alpha-2 codes of the 27 EU member states,
// sorted: the codes "EU" stands for.
func EUMembers() []string { return append([]string(nil), euMembers[:]...) }

// euTable is indexed by the two letters of a member state's code.
var euTable = func() (t [26][26]bool) {
	for _, m := range euMembers {
		t[m[0]-'A'][m[1]-'A'] = true
	}
	return t
}()

func isEUMember(code string) bool {
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
		return false
	}
	return euTable[code[0]-'A'][code[1]-'A']
}

// ValidJurisdiction reports whether code is an assigned ISO 3166-1 alpha-2
// code (upper case, as the standard writes it) or "EU".
func ValidJurisdiction(code string) bool { return code == "EU" || iso3166.Assigned(code) }

// checkJurisdiction returns "" for a valid code, or what is wrong with it.
func checkJurisdiction(code string) string {
	if ValidJurisdiction(code) {
		return ""
	}
	if up := strings.ToUpper(code); up != code && ValidJurisdiction(up) {
		return fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 code (codes are upper case: %q)", code, up)
	}
	return fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 code", code)
}

// covers reports whether jurisdictions a and b overlap: equal, or one is
// "EU" and the other a member state.
func covers(a, b string) bool {
	if len(a) != 2 || len(b) != 2 {
		return a == b // "EU" and the member states' codes have two letters
	}
	// Byte by byte: two-letter codes are the usual case, and this makes no call.
	switch {
	case a[0] == b[0] && a[1] == b[1]:
		return true
	case a[0] == 'E' && a[1] == 'U':
		return isEUMember(b)
	case b[0] == 'E' && b[1] == 'U':
		return isEUMember(a)
	}
	return false
}

// overlap returns the first code of xs that overlaps a code of ys, and
// that code of ys, or "" and "".
func overlap(xs, ys []string) (x, y string) {
	for _, x := range xs {
		for _, y := range ys {
			if covers(x, y) {
				return x, y
			}
		}
	}
	return "", ""
}

// lawBefore returns the index of the first law before law i with the same
// non-empty ID, or -1; it is called for i = 0, 1, 2... in turn, with seen
// nil (short registries) or a map it fills, as repeatOf.
func lawBefore(laws []Law, i int, seen map[string]int) int {
	id := laws[i].ID
	switch {
	case id == "":
		return -1
	case seen == nil:
		for j := range i {
			if laws[j].ID == id {
				return j
			}
		}
		return -1
	}
	if j, ok := seen[id]; ok {
		return j
	}
	seen[id] = i
	return -1
}

// builtinLaws is parsed once from the embedded data; it is never modified.
var builtinLaws = sync.OnceValue(func() []Law {
	f, err := lawdata.Parse()
	if err != nil {
		panic("disclosure: embedded law data is corrupt: " + err.Error())
	}
	laws := make([]Law, 0, len(f.Jurisdictions))
	for _, e := range f.Jurisdictions {
		l := Law{
			ID:            e.ID,
			Name:          e.LawName,
			Jurisdictions: e.ISO3166,
		}
		if e.LawNameOriginal != "" {
			l.Name += " (" + e.LawNameOriginal + ")"
		}
		if e.EffectiveFrom != nil {
			l.EffectiveFrom = *e.EffectiveFrom
		}
		for _, b := range e.Binds {
			l.Binds = append(l.Binds, Party(b))
		}
		laws = append(laws, l)
	}
	return laws
})

// BuiltinLaws returns the built-in registry of reporting laws: eleven
// regimes of CN, the EU, IN, the US and AU (package laws has the facts
// behind each, with its sources). A [Policy] whose Laws is nil uses them.
// The result is a deep copy; changing it changes nothing else.
func BuiltinLaws() []Law { return cloneLaws(builtinLaws()) }

func cloneLaws(laws []Law) []Law {
	out := make([]Law, len(laws))
	for i, l := range laws {
		l.Jurisdictions = slices.Clone(l.Jurisdictions)
		l.Binds = slices.Clone(l.Binds)
		out[i] = l
	}
	return out
}

// validateLaws reports every problem of a law list, at paths "laws[i]...".
func validateLaws(ps *problems, laws []Law) {
	var seen map[string]int // for a long registry: the first law of each ID
	if len(laws) > maxPairwise {
		seen = make(map[string]int, len(laws))
	}
	for i, l := range laws {
		at := func(field string) string { return indexed("laws", i, field) }
		if strings.TrimSpace(l.ID) == "" {
			ps.addf(at("id"), "required")
		}
		if j := lawBefore(laws, i, seen); j >= 0 {
			ps.addf(at("id"), "%q repeats laws[%d]", l.ID, j)
		}
		if len(l.Jurisdictions) == 0 {
			ps.addf(at("jurisdictions"), "at least one is required")
		}
		for k, j := range l.Jurisdictions {
			if msg := checkJurisdiction(j); msg != "" {
				ps.addf(at(indexed("jurisdictions", k, "")), "%s", msg)
			}
		}
		for k, b := range l.Binds {
			if !b.Valid() {
				ps.addf(at(indexed("binds", k, "")), "%s", enumError("party", string(b), allParties[:]))
			}
		}
		if !timeWritable(l.EffectiveFrom) {
			badYear(ps, at("effective_from"), l.EffectiveFrom)
		}
		if !timeWritable(l.EffectiveUntil) {
			badYear(ps, at("effective_until"), l.EffectiveUntil)
		}
		if !l.EffectiveUntil.IsZero() && !l.EffectiveUntil.After(l.EffectiveFrom) {
			ps.addf(at("effective_until"), "not after effective_from")
		}
	}
}
