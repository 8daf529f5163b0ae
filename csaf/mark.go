package csaf

// Marked copies: the codes of a copy that package trace marked, put in
// place of the placeholders of the document's elements, and the copy's
// reference as a note.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

// WriteMarked returns partner p's copy of a CSAF document as [WriteFor]
// writes it, marked with the codes of marked, the partner's disclosure as
// [trace.Mark] returned it:
//
//   - each [trace.Placeholder] in an element the copy keeps (a note's
//     title or text, a remediation's or threat's details, an
//     acknowledgment's names, organization, summary or URLs, an
//     involvement's summary, a reference's summary or URL, a CWE's name,
//     an undefined member's name or content: whatever of the element makes
//     its section) is replaced by the code that trace.Mark put in its
//     place in the section of that element. So the codes of the CSAF copy
//     are those of the partner's copy of the advisory Read returned, and
//     [trace.Identify], given that advisory, finds them;
//   - the copy's reference, the section trace.Mark appended, becomes the
//     last note of /document/notes: category general, title "Reference",
//     and the reference sentence as its text.
//
// Nothing else changes: without the codes and the reference note, the
// copy is WriteFor's, byte for byte. A placeholder outside every element
// (the document's title, a product name, the original's distribution
// text, which the copy quotes) is left as written, as trace.Mark leaves
// the advisory's title. A placeholder in an element the copy does not
// keep is removed with it, and so is its code.
//
// marked must be the marking of a disclosure that WriteFor would take for
// doc: its copy must hold, in order, the section of every element of the
// classes it receives, each as Read made it but for a code of 13
// characters in place of each placeholder, then the reference section.
// Anything else is an error wrapping [disclosure.ErrInvalidDisclosure]
// that names the section, among them an unmarked disclosure (no reference
// section, or a placeholder left). Only codes and the reference sentence
// are taken from marked's copy; the content is the document's. WriteMarked
// cannot tell one partner's codes from another's without the key: give it
// the partner's own marking.
//
// The reference note is added after the mandatory tests are checked (see
// WriteFor): a copy that would fail a test without it is refused with it
// too.
func WriteMarked(doc []byte, marked disclosure.Disclosure, p disclosure.Partner, opts Options) (data []byte, name string, err error) {
	return writeCopy(doc, &marked, &p, &opts, true)
}

// marks are what a marked disclosure puts into a partner's copy.
type marks struct {
	r         *reading
	codes     []elementCodes
	reference disclosure.Section // the reference section, as trace.Mark made it
}

// elementCodes are the codes of one element, in the order of its section's
// title and body.
type elementCodes struct {
	e           *element
	title, body []string
}

// marksOf reads the codes of a marked disclosure, checking that its copy
// is the document's, element for element, marked. grant is the set of the
// disclosure's classes.
func (r *reading) marksOf(d *disclosure.Disclosure, grant map[disclosure.Class]bool) (*marks, []*disclosure.FieldError) {
	m := &marks{r: r}
	var ps []*disclosure.FieldError
	add := func(path, format string, args ...any) {
		ps = append(ps, &disclosure.FieldError{Err: disclosure.ErrInvalidDisclosure, Path: "disclosure.advisory." + path,
			Message: fmt.Sprintf(format, args...)})
	}
	sections := d.Advisory.Sections
	if !slices.ContainsFunc(sections, isReference) {
		add("sections", "has no reference section: the disclosure is not marked (trace.Mark marks it)")
		return nil, ps
	}
	j := 0
	for i := range r.elements {
		e := &r.elements[i]
		if !grant[e.section.Class] {
			continue
		}
		at := fmt.Sprintf("sections[%d]", j)
		if j >= len(sections) {
			add("sections", "has %d sections, fewer than the %s elements of the classes the partner receives: it is not this document's copy",
				len(sections), countKept(r, grant))
			return nil, ps
		}
		s := &sections[j]
		j++
		if s.Class != e.section.Class {
			add(at+".class", "%q, where the document's element %s is of class %q: the copy is not this document's", s.Class, e.path, e.section.Class)
			continue
		}
		title, ok1 := codesOf(e.section.Title, s.Title)
		body, ok2 := codesOf(e.section.Body, s.Body)
		switch {
		case !ok1:
			add(at+".title", "is not the title of the document's element %s, marked (%s)", e.path, markHint(s.Title))
		case !ok2:
			add(at+".body", "is not the text of the document's element %s, marked (%s)", e.path, markHint(s.Body))
		case len(title)+len(body) > 0:
			m.codes = append(m.codes, elementCodes{e: e, title: title, body: body})
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	switch rest := sections[j:]; {
	case len(rest) == 0:
		add("sections", "ends without the reference section trace.Mark appends")
	case len(rest) > 1:
		add(fmt.Sprintf("sections[%d]", j), "one section more than the document's elements and the reference: the copy is not this document's")
	case !isReference(rest[0]):
		add(fmt.Sprintf("sections[%d]", j), "is not the reference section trace.Mark appends")
	default:
		m.reference = rest[0]
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return m, nil
}

// isReference reports whether s is the reference section of a marked copy.
func isReference(s disclosure.Section) bool {
	_, ok := trace.ReferenceCode(s)
	return ok
}

// countKept says how many elements have a class of grant.
func countKept(r *reading, grant map[disclosure.Class]bool) string {
	n := 0
	for i := range r.elements {
		if grant[r.elements[i].section.Class] {
			n++
		}
	}
	return fmt.Sprint(n)
}

// markHint says why a marked text may not match: the placeholders left in
// it.
func markHint(s string) string {
	if strings.Contains(s, trace.Placeholder) {
		return "it still holds " + trace.Placeholder + ": is the disclosure marked?"
	}
	return "other text, or not 13 code characters in place of each " + trace.Placeholder
}

// codesOf returns the codes that marked has in place of the placeholders
// of s: marked must be s with each placeholder replaced by 13 characters
// of the code alphabet (see [trace.IsCodeForm]), and nothing else changed.
func codesOf(s, marked string) ([]string, bool) {
	var codes []string
	for {
		i := strings.Index(s, trace.Placeholder)
		if i < 0 {
			return codes, marked == s
		}
		const n = 13
		if !strings.HasPrefix(marked, s[:i]) || len(marked) < i+n || !trace.IsCodeForm(marked[i:i+n]) {
			return nil, false
		}
		codes = append(codes, marked[i:i+n])
		s, marked = s[i+len(trace.Placeholder):], marked[i+n:]
	}
}

// place puts the codes in place of the placeholders of their elements.
// It must run before Write removes anything: the elements' owners and
// indexes are those of the tree as Read found it.
func (m *marks) place() []*disclosure.FieldError {
	var ps []*disclosure.FieldError
	for _, ec := range m.codes {
		title, body := slotsOf(ec.e)
		for _, x := range []struct {
			field string
			slots []slot
			codes []string
		}{{"title", title, ec.title}, {"body", body, ec.body}} {
			n := 0
			for _, s := range x.slots {
				n += strings.Count(s.get(), trace.Placeholder)
			}
			if n != len(x.codes) {
				// Unreachable: the slots are what Read made the section of.
				ps = append(ps, &disclosure.FieldError{Err: ErrInvalidDocument, Path: ec.e.path,
					Message: fmt.Sprintf("its %s has %d placeholders where its section has %d: not marked", x.field, n, len(x.codes))})
				continue
			}
			codes := x.codes
			for _, s := range x.slots {
				v := s.get()
				k := strings.Count(v, trace.Placeholder)
				if k == 0 {
					continue
				}
				s.set(replacePlaceholders(v, codes[:k]))
				codes = codes[k:]
			}
		}
	}
	return ps
}

// replacePlaceholders replaces the placeholders of s by codes, in order.
func replacePlaceholders(s string, codes []string) string {
	var b strings.Builder
	for _, c := range codes {
		i := strings.Index(s, trace.Placeholder)
		b.WriteString(s[:i])
		b.WriteString(c)
		s = s[i+len(trace.Placeholder):]
	}
	b.WriteString(s)
	return b.String()
}

// addReferenceNote appends the copy's reference to /document/notes, as a
// note of category general, creating the list before /document/publisher
// when the copy has no notes.
func addReferenceNote(doc *object, ref disclosure.Section) {
	note := &object{members: []member{
		{key: "category", val: "general"},
		{key: "text", val: ref.Body},
		{key: "title", val: ref.Title},
	}}
	for i := range doc.members {
		if doc.members[i].key == "notes" {
			if list, ok := doc.members[i].val.([]any); ok {
				doc.members[i].val = append(slices.Clip(list), note)
				return
			}
		}
	}
	at := len(doc.members)
	if i := slices.IndexFunc(doc.members, func(m member) bool { return m.key == "publisher" }); i >= 0 {
		at = i
	}
	doc.members = slices.Insert(doc.members, at, member{key: "notes", val: []any{note}})
}
