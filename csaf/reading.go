package csaf

import (
	"time"

	"github.com/disclosurekit/disclosure"
)

// A Reading is what [Read] takes from a CSAF document: the advisory to
// decide on, and what a program manager needs to review before trusting
// it: the document's own label, its exploitation signals, and the class
// of every element with the rule that gave it. It also holds the document
// itself, from which its WriteFor and WriteMarked write each partner's
// copy. Because it holds the document, compare Readings by their exported
// fields: reflect.DeepEqual would compare the documents too.
type Reading struct {
	// Advisory is the document as the disclosure model sees it.
	Advisory disclosure.Advisory `json:"advisory"`
	// Label is the document's own TLP label (/document/distribution/tlp/label),
	// as a TLP 2.0 label (the TLP 1.0 WHITE is read as CLEAR); "" when the
	// document has none. No partner's copy is labelled less restrictively.
	Label disclosure.TLP `json:"label,omitempty"`
	// Signals are the document's exploitation signals, in document order.
	// None of them moves a release unless [Options.EmbargoSignals] names
	// its kind.
	Signals []Signal `json:"signals,omitempty"`
	// Elements are every classified element of the document, in document
	// order, with the rule that gave each its class.
	Elements []Element `json:"elements"`

	// src is what Read read, for WriteFor and WriteMarked; nil in a
	// Reading that Read did not return.
	src *reading
}

// WriteFor returns partner p's copy of the document r was read from, as
// the function [WriteFor] writes it from the document and the options r
// was read with (the same bytes, the same errors), without parsing and
// classifying the document again.
//
// r does not change: one Reading gives every partner's copy, in turn or
// from several goroutines at once. Each write works on its own copy of the
// document's tree. A Reading that Read did not return (a zero Reading, or
// one decoded from JSON) holds no document: the error wraps
// [ErrInvalidDocument].
func (r Reading) WriteFor(d disclosure.Disclosure, p disclosure.Partner) (data []byte, name string, err error) {
	return r.write(&d, &p, false)
}

// WriteMarked returns partner p's copy of the document r was read from,
// marked, as the function [WriteMarked] writes it, without parsing and
// classifying the document again. Like [Reading.WriteFor], it does not
// change r.
func (r Reading) WriteMarked(marked disclosure.Disclosure, p disclosure.Partner) (data []byte, name string, err error) {
	return r.write(&marked, &p, true)
}

func (r *Reading) write(d *disclosure.Disclosure, p *disclosure.Partner, marked bool) ([]byte, string, error) {
	if r.src == nil {
		return nil, "", &disclosure.ValidationError{Problems: []*disclosure.FieldError{{Err: ErrInvalidDocument,
			Message: "the Reading was not returned by Read: it holds no document to write"}}}
	}
	return r.src.fork().write(nil, d, p, r.src.opts, marked)
}

// SignalKind is the kind of an exploitation signal of a CSAF document.
type SignalKind string

// The kinds of exploitation signal.
const (
	// SignalExploitStatus is a threat of category exploit_status that
	// carries a date, whatever its details say.
	SignalExploitStatus SignalKind = "exploit_status"
	// SignalFirstKnownExploitation is an entry of a CSAF 2.1
	// vulnerability's first_known_exploitation_dates.
	SignalFirstKnownExploitation SignalKind = "first_known_exploitation_dates"
)

// A Signal is one statement of a document that a vulnerability may be
// exploited, with its date. Read reports it; whether it ends the embargo
// is the caller's decision.
type Signal struct {
	Kind SignalKind `json:"kind"`
	Path string     `json:"path"` // the JSON path of the threat or entry, such as "vulnerabilities[0].threats[1]"
	Date time.Time  `json:"date"`
	Text string     `json:"text"` // the threat's details, or the entry's exploitation date as written
}

// An Element is one classified element of a document: a note, a
// remediation, a threat, a member the schema does not define...
type Element struct {
	Path  string           `json:"path"`  // its JSON path, such as "document.notes[2]"
	Class disclosure.Class `json:"class"` // the class that decides who receives it
	Rule  string           `json:"rule"`  // the rule that gave the class, in words
}
