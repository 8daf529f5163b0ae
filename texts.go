package disclosure

// A verdict written out as a Disclosure: its reasons in words, its
// withheld classes and its class list.

import (
	"math/bits"
	"slices"
	"time"
)

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
	n := 1 + v.nLaws + v.withhold.len() + v.unknown.len() + v.disallowed.len() + v.limited.len() // 1: lead-time
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
	d.PartnerID, d.AdvisoryID, d.Revision, d.Tier, d.PublishNotBefore = to.ID, a.ID, a.Revision, to.Tier, a.PublicAt.UTC()
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
		d.Withheld = ar.withheld.take(v.Withheld.len())
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
		set    classSet
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
		slices.SortFunc(rs[from:k], compareReasons) // by detail
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
		d.Withheld = ar.withheld.take(v.Withheld.len())
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
	d.Classes = v.Classes.listInto(ar.classes.take(v.Classes.len()))
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
