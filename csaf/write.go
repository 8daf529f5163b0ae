package csaf

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure"
)

// Write returns one partner's copy of a CSAF document, as [WriteFor]
// writes it for a partner known only by its ID, d.PartnerID: the copy's
// CSAF 2.1 sharing group is then named "Partner ID".
func Write(doc []byte, d disclosure.Disclosure, opts Options) (data []byte, name string, err error) {
	return WriteFor(doc, d, disclosure.Partner{ID: d.PartnerID}, opts)
}

// WriteFor returns partner p's copy of a CSAF document, and the copy's
// file name: doc with every element of a class the partner does not
// receive removed, as a document of its own. opts must be the options the
// document was read with. [Reading.WriteFor] writes the same copy from
// Read's result, without parsing and classifying the document again.
//
// The copy has its own tracking ID, [CopyTrackingID] of the original's and
// the partner's ID, and the file name that follows from it ([FileName]),
// so that no copy is taken for the original or for another partner's
// copy; the original's references to itself become the copy's references
// to its original (category external; a document without one gets a
// reference to its publisher's namespace that names the original). Its
// /document/distribution is the partner's: its TLP label, a text naming
// the partner and its release instant, and in CSAF 2.1 the partner's
// sharing group (the public one for a TLP:CLEAR copy). The package
// documentation says what is removed and what is changed.
//
// d is the partner's decision, from [disclosure.Disclose] or
// [disclosure.Plan] on the advisory [Read] returned for doc, and p the
// partner it was decided for (p.ID must be d.PartnerID; only its ID and
// name are used). The partner must be entitled and receive the summary (a
// CSAF document cannot be written without its identity), and d must be
// about this document: same tracking ID, revision and public release.
// Only d.Classes is used to decide what to keep, so what d.Withheld says
// cannot add anything. WriteFor does not mark the copy, even for a
// disclosure that [trace.Mark] marked: a {{mark}} placeholder is written
// as it is. [WriteMarked] writes a marked copy.
//
// A copy that would fail a mandatory test of CSAF that the original
// passes, because what the test requires of the document's category is
// of a class the partner does not receive (the notes of a vulnerability
// of a security advisory, the impact statement of a VEX document's
// product that is not affected...), is refused: the error, wrapping
// [ErrMandatoryTest], names the test, the element, and the withheld
// elements that would have met it. Nothing is written.
//
// The output is indented JSON in the member order of doc, numbers as
// written in doc; the same inputs give the same bytes. Every error is a
// *[disclosure.ValidationError] listing every problem, wrapping
// [ErrInvalidDocument], [ErrInvalidOptions], [ErrMandatoryTest] or, with a
// path "disclosure.…", [disclosure.ErrInvalidDisclosure].
func WriteFor(doc []byte, d disclosure.Disclosure, p disclosure.Partner, opts Options) (data []byte, name string, err error) {
	return writeCopy(doc, &d, &p, &opts, false)
}

// writeCopy is WriteFor, and with marked, WriteMarked.
func writeCopy(doc []byte, d *disclosure.Disclosure, p *disclosure.Partner, opts *Options, marked bool) (data []byte, name string, err error) {
	if err := opts.Validate(); err != nil {
		return nil, "", err
	}
	r, ps := readDocument(doc, opts)
	return r.write(ps, d, p, opts, marked)
}

// write writes partner p's copy from r, changing r's tree and elements: r
// must be the write's own (a fresh reading, or a fork). ps are the
// problems of reading the document, to which the disclosure's are added;
// r is nil only when ps says that the document is not JSON.
func (r *reading) write(ps []*disclosure.FieldError, d *disclosure.Disclosure, p *disclosure.Partner, opts *Options, marked bool) (data []byte, name string, err error) {
	if len(ps) == 0 {
		ps = append(ps, checkMatch(r, d)...)
	}
	ps = append(ps, checkDisclosure(d)...)
	if p.ID != d.PartnerID {
		ps = append(ps, &disclosure.FieldError{Err: disclosure.ErrInvalidDisclosure, Path: "disclosure.partner",
			Message: fmt.Sprintf("%q is not the partner %q the copy is written for", d.PartnerID, p.ID)})
	}
	grant := make(map[disclosure.Class]bool, len(d.Classes))
	for _, c := range d.Classes {
		grant[c] = true
	}
	var m *marks
	if marked && len(ps) == 0 {
		m, ps = r.marksOf(d, grant)
	}
	if len(ps) > 0 {
		return nil, "", &disclosure.ValidationError{Problems: ps}
	}

	before := unmet(r.root, r.version)
	if m != nil {
		// Before anything is removed: the elements' places in the tree
		// are those Read found.
		if ps := m.place(); len(ps) > 0 {
			return nil, "", &disclosure.ValidationError{Problems: ps}
		}
	}
	removedAny := false
	for i := range r.elements {
		e := &r.elements[i]
		if grant[e.section.Class] {
			continue
		}
		remove(e)
		e.withheld = true
		removedAny = true
	}
	if removedAny {
		pruneObject(r.table, r.root, posDocument)
	}
	id := CopyTrackingID(r.id, d.PartnerID)
	setTrackingID(r.doc, id)
	referBack(r.doc, r.id, d)
	setDistribution(r.doc, r.version, d, p, r.label, opts)
	if ps := r.mandatoryProblems(before, unmet(r.root, r.version), d.PartnerID); len(ps) > 0 {
		return nil, "", &disclosure.ValidationError{Problems: ps}
	}
	if m != nil {
		// After the mandatory tests: the reference note must not stand in
		// for a note the partner does not receive.
		addReferenceNote(r.doc, m.reference)
	}

	out := make([]byte, 0, r.size+r.size/4)
	out = encodeJSON(out, r.root, 0)
	out = append(out, '\n')
	return out, FileName(id), nil
}

// removed marks an element removed until prune drops it.
type removed struct{}

func remove(e *element) {
	for i := range e.owner.members {
		m := &e.owner.members[i]
		if m.key != e.key {
			continue
		}
		if e.index < 0 {
			m.val = removed{}
		} else if a, ok := m.val.([]any); ok && e.index < len(a) {
			a[e.index] = removed{}
		}
		return
	}
}

// pruneObject drops the removed members of o at position pos, and every
// object or array that removal left empty (CSAF allows no empty list, and
// an object of only undefined members had none that CSAF needs), unless
// the schema requires the member: then it stays, empty. It reports whether
// removal left o empty.
func pruneObject(t *schemaTable, o *object, pos uint16) bool {
	n := len(o.members)
	kept := o.members[:0]
	for _, m := range o.members {
		if _, gone := m.val.(removed); gone {
			continue
		}
		d, _ := t.member(pos, m.key)
		if pruneValue(t, &m.val, d.pos, d.required) && !d.required {
			continue
		}
		kept = append(kept, m)
	}
	clear(o.members[len(kept):])
	o.members = kept
	return n > 0 && len(kept) == 0
}

// pruneValue prunes the object or array *v at position pos, and reports
// whether removal left it empty. required says that its parent must keep
// it: an array then keeps its emptied elements rather than becoming empty.
func pruneValue(t *schemaTable, v *any, pos uint16, required bool) bool {
	switch x := (*v).(type) {
	case *object:
		return pruneObject(t, x, pos)
	case []any:
		n := len(x)
		it := t.items(pos)
		var emptied []any
		kept := x[:0]
		for _, e := range x {
			if _, gone := e.(removed); gone {
				continue
			}
			if pruneValue(t, &e, it, false) {
				emptied = append(emptied, e)
				continue
			}
			kept = append(kept, e)
		}
		if len(kept) == 0 && required {
			kept = append(kept, emptied...)
		}
		clear(x[len(kept):])
		*v = kept
		return n > 0 && len(kept) == 0
	}
	return false
}

// tlpURL is the definition of TLP that the written label refers to.
const tlpURL = "https://www.first.org/tlp/"

// tlpOrder is each TLP 2.0 label's place, from least to most restrictive.
var tlpOrder = map[disclosure.TLP]int{
	disclosure.TLPClear: 1, disclosure.TLPGreen: 2, disclosure.TLPAmber: 3, disclosure.TLPAmberStrict: 4, disclosure.TLPRed: 5,
}

// setDistribution replaces /document/distribution: the original sharing
// rules and sharing group were about the original document, not about
// this partner's copy. The copy's label is the partner's, or the source's
// when that is more restrictive. The text names the partner and its
// release, and quotes the original's text (a copyright, terms of use),
// saying whose it is. A CSAF 2.1 copy has the partner's sharing group
// (see sharingGroup).
func setDistribution(doc *object, version string, d *disclosure.Disclosure, p *disclosure.Partner, source disclosure.TLP, opts *Options) {
	tlp, kept := d.TLP, ""
	for _, r := range d.Reasons {
		if r.Code == disclosure.CodeSourceLabel {
			kept = ", kept from the source document: " + r.Detail // the decision raised the label
		}
	}
	if tlpOrder[source] > tlpOrder[d.TLP] {
		// A decision made without the document's label: Write raises it.
		tlp = source
		kept = fmt.Sprintf(", kept from the source document, which is more restrictive than the partner's TLP:%s", d.TLP)
	}
	label, note := string(tlp), ""
	if version == "2.0" {
		// CSAF 2.0 knows only the TLP 1.0 labels.
		switch tlp {
		case disclosure.TLPClear:
			label, note = "WHITE", " (labelled WHITE: CSAF 2.0 uses the TLP 1.0 names)"
		case disclosure.TLPAmberStrict:
			label, note = "AMBER", " (labelled AMBER: CSAF 2.0 has no AMBER+STRICT)"
		}
	}
	release, public := d.ReleaseAt.UTC().Format(time.RFC3339), d.PublishNotBefore.UTC().Format(time.RFC3339)
	var text string
	switch tlp {
	case disclosure.TLPClear:
		// TLP:CLEAR sets no limit: the text only states the facts.
		text = fmt.Sprintf("TLP:%s%s%s. Written for partner %s and released to it at %s. The public release of these vulnerabilities is %s.",
			tlp, kept, note, d.PartnerID, release, public)
	case disclosure.TLPRed, disclosure.TLPAmberStrict:
		text = fmt.Sprintf("TLP:%s%s%s. Prepared for partner %s alone and released to it at %s. "+
			"Nothing that reveals these vulnerabilities may be published before %s.", tlp, kept, note, d.PartnerID, release, public)
	default:
		text = fmt.Sprintf("TLP:%s%s%s. Prepared for partner %s and released to it at %s. "+
			"Nothing that reveals these vulnerabilities may be published before %s.", tlp, kept, note, d.PartnerID, release, public)
	}
	if orig, ok := stringAt(doc, "distribution", "text"); ok && strings.TrimSpace(orig) != "" {
		text += ` The original document's distribution text: "` + orig + `"`
	}
	dist := &object{members: []member{
		{key: "text", val: text},
		{key: "tlp", val: &object{members: []member{{key: "label", val: label}, {key: "url", val: tlpURL}}}},
	}}
	if version == "2.1" {
		dist.members = slices.Insert(dist.members, 0, member{key: "sharing_group", val: sharingGroup(doc, tlp, p, opts)})
	}
	at := -1
	for i, m := range doc.members {
		switch m.key {
		case "distribution":
			doc.members[i].val = dist
			return
		case "csaf_version":
			at = i + 1
		}
	}
	if at < 0 {
		at = len(doc.members)
	}
	doc.members = slices.Insert(doc.members, at, member{key: "distribution", val: dist})
}

// checkDisclosure reports what makes d unfit to write a document from,
// whatever the document.
func checkDisclosure(d *disclosure.Disclosure) []*disclosure.FieldError {
	var ps []*disclosure.FieldError
	add := func(path, format string, args ...any) {
		ps = append(ps, &disclosure.FieldError{Err: disclosure.ErrInvalidDisclosure, Path: "disclosure." + path, Message: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(d.PartnerID) == "" {
		add("partner", "required")
	} else if err := (disclosure.Partner{ID: d.PartnerID}).Validate(); err != nil {
		// The copy's tracking ID and sharing group are made of it.
		var ve *disclosure.ValidationError
		if errors.As(err, &ve) {
			for _, p := range ve.Problems {
				if p.Path == "id" {
					add("partner", "%s", p.Message)
				}
			}
		}
	}
	if !d.Entitled {
		add("entitled", "the partner is not entitled to this advisory: there is nothing to write")
		return ps
	}
	if d.ReleaseAt.IsZero() {
		add("release_at", "required")
	}
	if !d.TLP.Valid() {
		add("tlp", "%q is not a TLP 2.0 label", d.TLP)
	}
	for i, c := range d.Classes {
		if !c.Valid() {
			add(fmt.Sprintf("classes[%d]", i), "%s", classProblem(c))
		}
	}
	if !d.Receives(disclosure.ClassSummary) {
		add("classes", "the partner does not receive the summary, without which no CSAF document can be written")
	}
	return ps
}

// checkMatch reports a disclosure decided on another advisory than doc's.
func checkMatch(r *reading, d *disclosure.Disclosure) []*disclosure.FieldError {
	var ps []*disclosure.FieldError
	add := func(path, format string, args ...any) {
		ps = append(ps, &disclosure.FieldError{Err: disclosure.ErrInvalidDisclosure, Path: "disclosure." + path, Message: fmt.Sprintf(format, args...)})
	}
	if d.AdvisoryID != r.id {
		add("advisory_id", "%q is not the document's tracking ID %q", d.AdvisoryID, r.id)
	}
	if d.Revision != r.revision {
		add("revision", "%d is not the document's revision %d", d.Revision, r.revision)
	}
	if !d.PublishNotBefore.Equal(r.public) {
		add("publish_not_before", "%s is not the document's public release %s: the disclosure was decided on another advisory",
			d.PublishNotBefore.UTC().Format(time.RFC3339), r.public.Format(time.RFC3339))
	}
	return ps
}

// FileName returns the file name CSAF (section 5.1) gives a document with
// this tracking ID: the ID in lower case, every run of characters other
// than a-z, 0-9, + and - replaced by one underscore, then ".json".
// "RHSA-2021:5186" gives "rhsa-2021_5186.json".
func FileName(trackingID string) string {
	s := strings.ToLower(trackingID)
	b := make([]byte, 0, len(s)+5)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !replaced(c) {
			b = append(b, c)
		} else if i == 0 || !replaced(s[i-1]) {
			b = append(b, '_') // the first of a run
		}
	}
	return string(b) + ".json"
}

// replaced reports whether FileName replaces the byte c.
func replaced(c byte) bool {
	return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-')
}
