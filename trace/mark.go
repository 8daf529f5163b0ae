package trace

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/disclosurekit/disclosure"
)

// Mark returns a copy of d whose advisory copy carries the partner's codes:
//
//   - every [Placeholder] in the title or body of a section, or in the data
//     of an artifact, is replaced by a code of 13 characters, one code per
//     placeholder; the text around it is unchanged;
//   - if the partner receives the summary class, a section of that class is
//     appended last, with title "Reference" and a body that gives the
//     copy's reference code for the partner to quote.
//
// A placeholder anywhere else (the advisory's title, an artifact's name) is
// left as written.
//
// Codes depend only on the key, d's AdvisoryID, Revision and Partner, and
// the placeholder's position in the advisory (see the package
// documentation), not on which other classes the partner receives: the
// copy must be as [disclosure.Disclose] or [disclosure.Plan] made it, with
// each class given whole and in the advisory's order.
//
// A disclosure that is not entitled has no copy to mark: Mark returns it
// unchanged. Marking a marked copy again under the same key changes
// nothing, since no placeholder is left and the reference is already there
// (under another key, it adds that key's reference).
//
// Mark returns an error wrapping [ErrInvalidKey] for a key shorter than
// [MinKeyLen], and a *[disclosure.ValidationError] wrapping
// [disclosure.ErrInvalidDisclosure] if d lacks its partner, advisory ID or
// revision, or if its copy names another advisory or revision. It is pure
// and deterministic; it does not modify d, and its result shares no memory
// with d or key.
func Mark(d disclosure.Disclosure, key []byte) (disclosure.Disclosure, error) {
	if err := checkKey(key); err != nil {
		return disclosure.Disclosure{}, err
	}
	if err := checkIdentity(&d); err != nil {
		return disclosure.Disclosure{}, err
	}
	out := d
	out.Classes = slices.Clone(d.Classes)
	out.Withheld = slices.Clone(d.Withheld)
	out.Reasons = slices.Clone(d.Reasons)
	in, a := &d.Advisory, &out.Advisory
	a.CVEs = slices.Clone(in.CVEs)
	a.Products = slices.Clone(in.Products)
	a.ExcludePartners = slices.Clone(in.ExcludePartners)
	a.WithholdClasses = slices.Clone(in.WithholdClasses)
	if !d.Entitled {
		a.Sections = slices.Clone(in.Sections)
		a.Artifacts = markArtifacts(in.Artifacts, nil)
		return out, nil
	}

	c := newCoder(key)
	c.forPartner(d.AdvisoryID, d.Revision, d.PartnerID)
	var ref disclosure.Section
	addRef := false
	if d.Receives(disclosure.ClassSummary) {
		ref = referenceSection(c.code(referencePosition))
		addRef = !slices.Contains(in.Sections, ref)
	}
	if n := len(in.Sections); n > 0 || addRef {
		if addRef {
			n++
		}
		a.Sections = make([]disclosure.Section, 0, n)
		var counter classCounter
		for _, s := range in.Sections {
			p := position{kind: "section", class: s.Class, index: counter.next(s.Class)}
			p.field = "title"
			s.Title = c.markString(s.Title, p)
			p.field = "body"
			s.Body = c.markString(s.Body, p)
			a.Sections = append(a.Sections, s)
		}
		if addRef {
			a.Sections = append(a.Sections, ref)
		}
	} else {
		a.Sections = slices.Clone(in.Sections) // empty, but capped at 0
	}
	a.Artifacts = markArtifacts(in.Artifacts, c)
	return out, nil
}

// The title of the reference section, and its sentence around the code.
const (
	referenceTitle      = "Reference"
	refBefore, refAfter = "Reference of this copy: ", ". Quote it when you ask about this advisory."
)

// referenceSection is the visible reference that Mark appends.
func referenceSection(ref code) disclosure.Section {
	return disclosure.Section{Class: disclosure.ClassSummary, Title: referenceTitle, Body: refBefore + ref.String() + refAfter}
}

// ReferenceCode reports whether s is a reference section as [Mark]
// appends it to a copy (class summary, title "Reference", and the sentence
// of the package documentation around a code written as Mark writes
// codes: 13 upper-case characters of the code alphabet), and returns its
// code. It does not say whether the code is any partner's: only
// [Identify], with the key, can.
//
// A writer of another format uses it to carry a marked copy's reference
// over to its document (package csaf does).
func ReferenceCode(s disclosure.Section) (string, bool) {
	c, ok := strings.CutPrefix(s.Body, refBefore)
	if !ok || s.Class != disclosure.ClassSummary || s.Title != referenceTitle {
		return "", false
	}
	c, ok = strings.CutSuffix(c, refAfter)
	if !ok || !IsCodeForm(c) {
		return "", false
	}
	return c, true
}

// IsCodeForm reports whether s is written as [Mark] writes a code: 13
// characters of the alphabet 0123456789ABCDEFGHJKMNPQRSTVWXYZ, upper case.
// It does not say whether s is any partner's code: only [Identify], with
// the key, can.
func IsCodeForm(s string) bool {
	if len(s) != codeLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !strings.Contains(alphabet, s[i:i+1]) {
			return false
		}
	}
	return true
}

// checkIdentity checks the fields codes are derived from.
func checkIdentity(d *disclosure.Disclosure) error {
	var ps []*disclosure.FieldError
	add := func(path, format string, args ...any) {
		ps = append(ps, &disclosure.FieldError{Err: disclosure.ErrInvalidDisclosure, Path: path, Message: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(d.PartnerID) == "" {
		add("partner", "required")
	}
	if strings.TrimSpace(d.AdvisoryID) == "" {
		add("advisory_id", "required")
	}
	if d.Revision < 1 {
		add("revision", "must be at least 1, got %d", d.Revision)
	}
	if id := d.Advisory.ID; id != "" && id != d.AdvisoryID {
		add("advisory.id", "%q differs from advisory_id %q", id, d.AdvisoryID)
	}
	if r := d.Advisory.Revision; r != 0 && r != d.Revision {
		add("advisory.revision", "%d differs from revision %d", r, d.Revision)
	}
	if ps != nil {
		return &disclosure.ValidationError{Problems: ps}
	}
	return nil
}

// markString replaces each placeholder of s by its code; p gives the
// position of s, and Mark numbers its placeholders.
func (c *coder) markString(s string, p position) string {
	i := strings.Index(s, Placeholder)
	if i < 0 {
		return s // strings are immutable: sharing one shares nothing mutable
	}
	var b strings.Builder
	b.Grow(len(s) + strings.Count(s, Placeholder)*(codeLen-len(Placeholder)))
	for i >= 0 {
		b.WriteString(s[:i])
		c.code(p).writeTo(&b)
		p.occurrence++
		s = s[i+len(Placeholder):]
		i = strings.Index(s, Placeholder)
	}
	b.WriteString(s)
	return b.String()
}

// markArtifacts copies fs, every artifact's data into one new buffer, each
// capped at its length so that appending to one cannot overwrite the next;
// with a coder, it replaces placeholders on the way.
func markArtifacts(fs []disclosure.Artifact, c *coder) []disclosure.Artifact {
	if fs == nil {
		return nil
	}
	size := 0
	for _, f := range fs {
		size += len(f.Data)
		if c != nil {
			size += bytes.Count(f.Data, placeholder) * (codeLen - len(Placeholder))
		}
	}
	buf := make([]byte, 0, size)
	out := make([]disclosure.Artifact, len(fs))
	var counter classCounter
	for i, f := range fs {
		p := position{kind: "artifact", class: f.Class, index: counter.next(f.Class), field: "data"}
		if len(f.Data) > 0 {
			start := len(buf)
			if c != nil {
				buf = c.markBytes(buf, f.Data, p)
			} else {
				buf = append(buf, f.Data...)
			}
			f.Data = buf[start:len(buf):len(buf)]
		} else if f.Data != nil {
			f.Data = []byte{}
		}
		out[i] = f
	}
	return out
}

// markBytes appends data to b with each placeholder replaced by its code.
func (c *coder) markBytes(b, data []byte, p position) []byte {
	for {
		i := bytes.Index(data, placeholder)
		if i < 0 {
			return append(b, data...)
		}
		b = append(b, data[:i]...)
		b = c.code(p).appendTo(b)
		p.occurrence++
		data = data[i+len(Placeholder):]
	}
}
