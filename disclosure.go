package disclosure

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"time"
)

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
