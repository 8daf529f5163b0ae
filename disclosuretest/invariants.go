package disclosuretest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/disclosurekit/disclosure"
)

// A Violation is a decision that breaks one of the library's guarantees.
type Violation struct {
	Invariant string // a short name, e.g. "class-outside-tier"
	Message   string // what happened
}

// Error returns "invariant: message".
func (v *Violation) Error() string { return v.Invariant + ": " + v.Message }

func violation(name, format string, args ...any) *Violation {
	return &Violation{Invariant: name, Message: fmt.Sprintf(format, args...)}
}

// CheckDisclosure checks the guarantees that one decision d, for partner
// to and advisory a under policy p, must keep on its own, and returns the
// first one broken as a *Violation, or nil:
//
//   - every class of the advisory is either received or withheld, once,
//     and lists are in the documented order;
//   - each withheld class gives the first reason that concerns it: the
//     first of all when the partner is not entitled, else the first that
//     names the class;
//   - no class outside the partner's tier, outside the restricted treatment
//     when restricted, or withheld by the advisory, is received;
//   - an entitled partner's release lies within [ready_at, public_at], in
//     UTC, and not before its agreement was signed;
//   - an entitled partner's label is never less restrictive than the
//     advisory's: it is the more restrictive of its tier's (or, restricted,
//     the restricted treatment's) and the advisory's, with a source-label
//     reason exactly when the advisory's is the more restrictive;
//   - a partner that is not entitled receives nothing;
//   - nothing of a withheld class, and nothing internal to the program
//     (ready_at, exclude_partners, withhold_classes), is anywhere in the
//     JSON of d; what is given is given whole.
func CheckDisclosure(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, d disclosure.Disclosure) error {
	if v := checkDisclosure(p, a, to, d); v != nil {
		return v
	}
	return nil
}

func checkDisclosure(p disclosure.Policy, a disclosure.Advisory, to disclosure.Partner, d disclosure.Disclosure) *Violation {
	present := map[disclosure.Class]bool{disclosure.ClassSummary: true}
	for _, s := range a.Sections {
		present[s.Class] = true
	}
	for _, f := range a.Artifacts {
		present[f.Class] = true
	}
	var tier *disclosure.Tier
	for i := range p.Tiers {
		if p.Tiers[i].Name == to.Tier {
			tier = &p.Tiers[i]
		}
	}
	if tier == nil {
		return violation("unknown-tier", "partner %s has tier %q, which the policy does not have, yet was decided", to.ID, to.Tier)
	}
	if d.PartnerID != to.ID || d.AdvisoryID != a.ID || d.Tier != to.Tier || !d.PublishNotBefore.Equal(a.PublicAt) {
		return violation("identity", "partner %q advisory %q tier %q publish_not_before %v, want %q %q %q %v",
			d.PartnerID, d.AdvisoryID, d.Tier, d.PublishNotBefore, to.ID, a.ID, to.Tier, a.PublicAt)
	}
	seen := map[disclosure.Class]int{}
	for _, c := range d.Classes {
		seen[c]++
	}
	for _, w := range d.Withheld {
		seen[w.Class]++
		if !w.Reason.Valid() || w.Detail == "" {
			return violation("withheld-reason", "%s withheld with reason %q and detail %q", w.Class, w.Reason, w.Detail)
		}
		if !slices.ContainsFunc(d.Reasons, func(r disclosure.Reason) bool {
			return r.Code == w.Reason && (r.Class == w.Class || r.Class == "")
		}) {
			return violation("withheld-reason", "%s withheld for %s, which is not among the reasons", w.Class, w.Reason)
		}
		// The first reason, in the order of the codes: the first of all when
		// not entitled, else the first that names the class.
		first := -1
		for i, r := range d.Reasons {
			if !d.Entitled || r.Class == w.Class {
				first = i
				break
			}
		}
		if first < 0 || d.Reasons[first].Code != w.Reason || d.Reasons[first].Detail != w.Detail {
			return violation("withheld-reason", "%s withheld for %s (%s), not for the first reason that concerns it", w.Class, w.Reason, w.Detail)
		}
	}
	for c := range present {
		if seen[c] != 1 {
			return violation("class-accounting", "class %s of the advisory is received or withheld %d times", c, seen[c])
		}
	}
	if len(seen) != len(present) {
		return violation("class-accounting", "received %v and withheld %v name a class the advisory does not have", d.Classes, d.Withheld)
	}
	bySensitivity := func(x, y disclosure.Class) int { return x.Sensitivity() - y.Sensitivity() }
	if !slices.IsSortedFunc(d.Classes, bySensitivity) {
		return violation("order", "classes %v not sorted by sensitivity", d.Classes)
	}
	codes := disclosure.ReasonCodes()
	if !slices.IsSortedFunc(d.Reasons, func(x, y disclosure.Reason) int {
		return slices.Index(codes, x.Code) - slices.Index(codes, y.Code)
	}) {
		return violation("order", "reasons not in the documented order: %v", d.Reasons)
	}
	for _, c := range d.Classes {
		switch {
		case !slices.Contains(tier.Classes, c):
			return violation("class-outside-tier", "received %s, which tier %s does not have", c, tier.Name)
		case d.Restricted && !slices.Contains(p.Restriction.Classes, c):
			return violation("class-outside-restriction", "restricted partner received %s", c)
		case slices.Contains(a.WithholdClasses, c):
			return violation("class-withheld-by-advisory", "received %s, which the advisory withholds", c)
		}
	}
	if !d.Entitled {
		if !d.ReleaseAt.IsZero() || len(d.Classes) != 0 || d.TLP != "" || !reflect.ValueOf(d.Advisory).IsZero() {
			return violation("not-entitled-gets-nothing", "not entitled, yet given release %v, TLP %q, classes %v", d.ReleaseAt, d.TLP, d.Classes)
		}
		return checkCopy(a, d)
	}
	switch {
	case d.ReleaseAt.After(a.PublicAt):
		return violation("release-window", "release %s after public_at %s", utc(d.ReleaseAt), utc(a.PublicAt))
	case !a.ReadyAt.IsZero() && d.ReleaseAt.Before(a.ReadyAt):
		return violation("release-window", "release %s before ready_at %s", utc(d.ReleaseAt), utc(a.ReadyAt))
	case d.ReleaseAt.Location() != time.UTC:
		return violation("utc", "release %v is not in UTC", d.ReleaseAt)
	case !to.Agreement.SignedAt.IsZero() && to.Agreement.SignedAt.After(d.ReleaseAt):
		return violation("agreement", "released at %s, before the agreement was signed at %s", utc(d.ReleaseAt), utc(to.Agreement.SignedAt))
	}
	if v := checkLabel(p, a, tier, d); v != nil {
		return v
	}
	return checkCopy(a, d)
}

// tlpOrder lists the TLP labels from least to most restrictive.
var tlpOrder = []disclosure.TLP{disclosure.TLPClear, disclosure.TLPGreen, disclosure.TLPAmber, disclosure.TLPAmberStrict, disclosure.TLPRed}

// checkLabel checks an entitled partner's label against the policy's and
// the advisory's.
func checkLabel(p disclosure.Policy, a disclosure.Advisory, tier *disclosure.Tier, d disclosure.Disclosure) *Violation {
	given := tier.TLP
	if d.Restricted {
		given = p.Restriction.TLP
	}
	want, raised := given, slices.Index(tlpOrder, a.TLP) > slices.Index(tlpOrder, given)
	if raised {
		want = a.TLP
	}
	if slices.Index(tlpOrder, d.TLP) < slices.Index(tlpOrder, a.TLP) {
		return violation("label-below-source", "labelled TLP:%s, below the advisory's TLP:%s", d.TLP, a.TLP)
	}
	if d.TLP != want {
		return violation("label", "labelled TLP:%s, want TLP:%s (the policy's TLP:%s, the advisory's %q)", d.TLP, want, given, a.TLP)
	}
	if has := slices.ContainsFunc(d.Reasons, func(r disclosure.Reason) bool { return r.Code == disclosure.CodeSourceLabel }); has != raised {
		return violation("label", "source-label reason given %v, want %v (the policy's TLP:%s, the advisory's %q)", has, raised, given, a.TLP)
	}
	return nil
}

// checkCopy searches the partner's copy and the free text of d for
// withheld and internal content, and checks that what is given is given
// whole.
func checkCopy(a disclosure.Advisory, d disclosure.Disclosure) *Violation {
	if _, err := json.Marshal(d); err != nil {
		return violation("json", "the disclosure does not marshal: %v", err)
	}
	// Content can leak through the copy and through free text; the other
	// fields hold only identifiers and enumerations, which may equal a
	// section's title by chance.
	out := mustJSON(d.Advisory)
	for _, r := range d.Reasons {
		out = append(append(out, '\n'), r.Detail...)
	}
	for _, w := range d.Withheld {
		out = append(append(out, '\n'), w.Detail...)
	}
	gets := func(c disclosure.Class) bool { return slices.Contains(d.Classes, c) }
	var secret [][]byte
	for _, s := range a.Sections {
		if !gets(s.Class) {
			secret = append(secret, []byte(s.Title), []byte(s.Body))
		}
	}
	for _, f := range a.Artifacts {
		if !gets(f.Class) {
			secret = append(secret, []byte(f.Name))
			if len(f.Data) > 0 {
				secret = append(secret, f.Data, []byte(base64.StdEncoding.EncodeToString(f.Data)))
			}
		}
	}
	if !gets(disclosure.ClassSummary) {
		secret = append(secret, []byte(a.Title))
		secret = append(secret, stringsToBytes(a.Products)...)
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(mustJSON(d.Advisory), &keys); err == nil {
			for k := range keys {
				if k != "sections" && k != "artifacts" {
					return violation("withheld-content", "summary withheld, but the copy has %q", k)
				}
			}
		}
	}
	for _, id := range a.ExcludePartners {
		if id != d.PartnerID {
			secret = append(secret, []byte(id))
		}
	}
	secret = append(secret, []byte(`"ready_at"`), []byte(`"exclude_partners"`), []byte(`"withhold_classes"`))
	for _, s := range secret {
		// Very short strings match by chance; markers in generated content
		// are long and unique.
		if len(s) >= 6 && bytes.Contains(out, s) {
			return violation("withheld-content", "withheld or internal content %q appears in the output", s)
		}
	}
	if !d.Entitled {
		return nil
	}
	var sections []disclosure.Section
	for _, s := range a.Sections {
		if gets(s.Class) {
			sections = append(sections, s)
		}
	}
	if !reflect.DeepEqual(sections, d.Advisory.Sections) {
		return violation("copy-incomplete", "sections given %v, want %v", d.Advisory.Sections, sections)
	}
	var artifacts []disclosure.Artifact
	for _, f := range a.Artifacts {
		if gets(f.Class) {
			if len(f.Data) == 0 {
				f.Data = nil
			}
			artifacts = append(artifacts, f)
		}
	}
	if !reflect.DeepEqual(artifacts, d.Advisory.Artifacts) {
		return violation("copy-incomplete", "artifacts given %v, want %v", d.Advisory.Artifacts, artifacts)
	}
	if gets(disclosure.ClassSummary) && (d.Advisory.ID != a.ID || d.Advisory.Title != a.Title ||
		!d.Advisory.PublicAt.Equal(a.PublicAt) || !slices.Equal(d.Advisory.CVEs, a.CVEs)) {
		return violation("copy-incomplete", "summary given incompletely: %+v", d.Advisory)
	}
	return nil
}

func stringsToBytes(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("disclosuretest: " + err.Error())
	}
	return b
}
