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

// A Law is a reporting law as deciding needs it: where it applies, from
// when, and whom it binds. Package laws holds the facts behind the
// built-in ones (authorities, deadlines, sources).
type Law struct {
	ID             string    `json:"id"`                       // unique, e.g. "CN-RMSV-2021"
	Name           string    `json:"name"`                     // its official or usual name
	Jurisdictions  []string  `json:"jurisdictions"`            // ISO 3166-1 alpha-2 codes, "EU" for its members
	EffectiveFrom  time.Time `json:"effective_from,omitzero"`  // zero: not in effect (e.g. a draft)
	EffectiveUntil time.Time `json:"effective_until,omitzero"` // zero: still in effect
	Binds          []Party   `json:"binds"`                    // whom it obliges
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
	PartyProductProviders Party = "product-providers" // makers of network products, for their own
	PartyDiscoverers      Party = "discoverers"       // whoever learns of a flaw in any product: partners too
	PartyOperators        Party = "operators"         // operators of networks or services, for incidents
	PartyManufacturers    Party = "manufacturers"     // manufacturers, for their own products
)

var allParties = [...]Party{PartyProductProviders, PartyDiscoverers, PartyOperators, PartyManufacturers}

// Valid reports whether p is one of the defined parties.
func (p Party) Valid() bool {
	return p == PartyProductProviders || p == PartyDiscoverers || p == PartyOperators || p == PartyManufacturers
}

// euMembers are the 27 member states of the European Union, for which "EU"
// stands in jurisdiction lists.
var euMembers = [...]string{
	"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
	"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
}

// euMemberList returns the codes of the 27 EU member states, sorted.
func euMemberList() []string { return append([]string(nil), euMembers[:]...) }

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

// validJurisdiction reports whether code is an assigned ISO 3166-1 alpha-2
// code (upper case, as the standard writes it) or "EU".
func validJurisdiction(code string) bool { return code == "EU" || iso3166.Assigned(code) }

// checkJurisdiction returns "" for a valid code, or what is wrong with it.
func checkJurisdiction(code string) string {
	if validJurisdiction(code) {
		return ""
	}
	if up := strings.ToUpper(code); up != code && validJurisdiction(up) {
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

// BuiltinLaws returns a copy of the built-in registry: eleven laws of CN,
// the EU, IN, the US and AU, which a Policy with no Laws uses.
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
