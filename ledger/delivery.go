package ledger

// Delivery entries from decisions: the parts of a copy and their digests,
// the digest of a policy.

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/disclosurekit/disclosure"
)

// Parts returns the parts of d's copy of the advisory, in its order: the
// summary if d gives that class, then each section, then each artifact;
// nil if d is not entitled. Each part's digest is the SHA-256 of its JSON
// as encoding/json writes it:
//
//   - the summary: a disclosure.Advisory holding only the copy's ID, CVEs,
//     Title, Products, Severity, TLP, PublicAt and Embargo, so that a new
//     revision that changes none of them leaves it unchanged;
//   - a section: the disclosure.Section, {"class":…,"title":…,"body":…};
//   - an artifact: the disclosure.Artifact, its data in base64.
//
// The same content has the same digest in every partner's copy and every
// revision. Give d as Plan or Disclose returned it, before trace.Mark,
// whose codes differ by partner and revision: the copy's own digest, in
// the delivery entry, covers them.
func Parts(d disclosure.Disclosure) []Part {
	if !d.Entitled {
		return nil
	}
	a := &d.Advisory
	parts := make([]Part, 0, 1+len(a.Sections)+len(a.Artifacts))
	if d.Receives(disclosure.ClassSummary) {
		s := disclosure.Advisory{ID: a.ID, CVEs: a.CVEs, Title: a.Title, Products: a.Products,
			Severity: a.Severity, TLP: a.TLP, PublicAt: a.PublicAt, Embargo: a.Embargo}
		parts = append(parts, Part{Class: disclosure.ClassSummary, Kind: PartSummary, Digest: jsonDigest(s)})
	}
	add := func(p Part, v any) {
		for i := range parts {
			if parts[i].Class == p.Class && parts[i].Kind == p.Kind && parts[i].Name == p.Name {
				p.N++
			}
		}
		p.Digest = jsonDigest(v)
		parts = append(parts, p)
	}
	for _, s := range a.Sections {
		add(Part{Class: s.Class, Kind: PartSection, Name: s.Title}, s)
	}
	for _, f := range a.Artifacts {
		add(Part{Class: f.Class, Kind: PartArtifact, Name: f.Name}, f)
	}
	return parts
}

// jsonDigest returns the SHA-256 of v's JSON; v is one of the disclosure
// types above, which always marshal.
func jsonDigest(v any) Digest {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return sha256.Sum256(b)
}

// PolicyDigest returns the SHA-256 of the policy's JSON as
// disclosure.Policy marshals it: two policies with the same digest decide
// alike.
func PolicyDigest(p disclosure.Policy) (Digest, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return Digest{}, fmt.Errorf("policy digest: %w", err)
	}
	return sha256.Sum256(b), nil
}

// NewDelivery returns the delivery entry of the copy of d sent to its
// partner at instant at, for [Record.Append]: the decision's partner,
// advisory, revision, classes, label and public release; the copy's
// parts ([Parts]); the SHA-256 of sent, the copy's bytes as they went
// out; the trace codes it carries (codes, in any order, repeats ignored;
// nil if it was not marked: for example the Code of each trace.Found when
// trace.Identify reads the marked copy); and the policy's name and
// [PolicyDigest].
//
// It returns an error if d is not entitled, if at is before d's release
// instant, if sent is empty, or if a code is not a trace code.
func NewDelivery(d disclosure.Disclosure, sent []byte, at time.Time, policy disclosure.Policy, codes []string) (Entry, error) {
	switch {
	case !d.Entitled:
		return Entry{}, fmt.Errorf("delivery to %s of %s: the partner is not entitled", d.PartnerID, d.AdvisoryID)
	case at.Before(d.ReleaseAt):
		return Entry{}, fmt.Errorf("delivery to %s of %s: at %s is before its release instant %s", d.PartnerID, d.AdvisoryID,
			at.UTC().Format(time.RFC3339), d.ReleaseAt.UTC().Format(time.RFC3339))
	case len(sent) == 0:
		return Entry{}, errors.New("delivery: the copy sent is empty")
	}
	pd, err := PolicyDigest(policy)
	if err != nil {
		return Entry{}, err
	}
	trace := slices.Compact(slices.Sorted(slices.Values(codes)))
	for _, c := range trace {
		if !validCode(c) {
			return Entry{}, fmt.Errorf("delivery to %s: %q is not a trace code", d.PartnerID, c)
		}
	}
	if len(trace) == 0 {
		trace = nil
	}
	return Entry{
		Kind: KindDelivery, At: at.UTC(), Partner: d.PartnerID, Advisory: d.AdvisoryID, Revision: d.Revision,
		PublicAt: d.PublishNotBefore.UTC(), TLP: d.TLP, Classes: slices.Clone(d.Classes), Parts: Parts(d),
		Copy: sha256.Sum256(sent), Trace: trace, Policy: policy.Name, PolicyDigest: pd,
	}, nil
}
