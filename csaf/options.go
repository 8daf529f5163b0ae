package csaf

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/internal/strictjson"
)

// Sentinel errors of the package. Every problem [Read] and [Write] report
// wraps one of them, or [disclosure.ErrInvalidDisclosure] for a problem of
// the disclosure given to Write, so errors.Is tells which input was bad.
var (
	ErrInvalidDocument = errors.New("invalid CSAF document")
	ErrInvalidOptions  = errors.New("invalid CSAF options")
)

// Options says how [Read] and [Write] give a class to each note of a
// document. Other elements have a fixed class (see the package
// documentation). Read and Write must be given the same options, so that
// Write removes exactly what Read classified.
//
// A note's class is the more sensitive of the class of its category and
// the classes of every title rule that matches. A note whose category is
// not in NoteCategories and that no title rule matches is
// [disclosure.ClassUnclassified]. So the zero Options, with no categories
// and no rules, makes every note unclassified: it fails closed.
// [DefaultOptions] gives the mapping of the package documentation.
//
// Options is plain data; Read and Write do not modify it.
type Options struct {
	// NoteCategories maps a note category ("summary", "details", ...) to
	// the class of the notes of that category.
	NoteCategories map[string]disclosure.Class `json:"note_categories"`
	// UntitledNotes maps a note category to the class of the notes of that
	// category that have no title; a category it does not name makes
	// untitled notes unclassified.
	UntitledNotes map[string]disclosure.Class `json:"untitled_notes"`
	// NoteTitles are the rules on note titles.
	NoteTitles []TitleRule `json:"note_titles"`
	// EmbargoSignals names the kinds of exploitation signal that end the
	// embargo: the earliest signal of a named kind dated before the public
	// release becomes the advisory's Embargo, of reason exploited. None by
	// default: a date in a threat is text, and an early end releases
	// content early.
	EmbargoSignals []SignalKind `json:"embargo_signals"`
}

// A TitleRule gives Class to every note whose title holds Phrase as whole
// words, ignoring case and punctuation: the phrase "proof of concept"
// matches the titles "Proof-of-concept code" and "PROOF OF CONCEPT", and
// "poc" does not match "Epoch".
type TitleRule struct {
	Phrase string           `json:"phrase"`
	Class  disclosure.Class `json:"class"`
}

// DefaultOptions returns the mapping of the package documentation: notes
// of category summary, description and general are of class description,
// notes of category details of class technical-details, and titles that
// name detection, indicators, reproduction or a proof of concept give
// those classes. Each call returns new maps and slices.
func DefaultOptions() Options {
	return Options{
		NoteCategories: map[string]disclosure.Class{
			"summary":     disclosure.ClassDescription,
			"description": disclosure.ClassDescription,
			"general":     disclosure.ClassDescription,
			"details":     disclosure.ClassTechnicalDetails,
		},
		NoteTitles: []TitleRule{
			{"detect", disclosure.ClassDetectionGuidance},
			{"detecting", disclosure.ClassDetectionGuidance},
			{"detection", disclosure.ClassDetectionGuidance},
			{"indicator", disclosure.ClassIndicators},
			{"indicators", disclosure.ClassIndicators},
			{"ioc", disclosure.ClassIndicators},
			{"iocs", disclosure.ClassIndicators},
			{"reproduce", disclosure.ClassReproSteps},
			{"reproducing", disclosure.ClassReproSteps},
			{"reproduction", disclosure.ClassReproSteps},
			{"repro", disclosure.ClassReproSteps},
			{"proof of concept", disclosure.ClassProofOfConcept},
			{"poc", disclosure.ClassProofOfConcept},
			{"exploit", disclosure.ClassProofOfConcept},
			{"exploit code", disclosure.ClassProofOfConcept},
		},
	}
}

// Validate reports every problem of the options at once, each with its
// path ("note_titles[2].class"), wrapping [ErrInvalidOptions].
func (o Options) Validate() error {
	var ps []*disclosure.FieldError
	add := func(path, format string, args ...any) {
		ps = append(ps, &disclosure.FieldError{Input: ErrInvalidOptions, Path: path, Message: fmt.Sprintf(format, args...)})
	}
	cats := make([]string, 0, len(o.NoteCategories))
	for k := range o.NoteCategories {
		cats = append(cats, k)
	}
	slices.Sort(cats) // report in a stable order
	for _, k := range cats {
		if c := o.NoteCategories[k]; !c.Valid() {
			add(string(appendKey([]byte("note_categories"), k)), "%s", classProblem(c))
		}
	}
	for i, r := range o.NoteTitles {
		if len(words(r.Phrase)) == 0 {
			add(fmt.Sprintf("note_titles[%d].phrase", i), "has no word (letters or digits)")
		}
		if !r.Class.Valid() {
			add(fmt.Sprintf("note_titles[%d].class", i), "%s", classProblem(r.Class))
		}
	}
	if len(ps) > 0 {
		return &disclosure.ValidationError{Problems: ps}
	}
	return nil
}

func classProblem(c disclosure.Class) string {
	names := make([]string, 0, 9)
	for _, v := range disclosure.Classes() {
		names = append(names, string(v))
	}
	return fmt.Sprintf("unknown class %q (want one of %s)", c, strings.Join(names, ", "))
}

// classifier is Options prepared for classifying notes.
type classifier struct {
	categories map[string]disclosure.Class
	rules      []rule
}

type rule struct {
	words []string
	class disclosure.Class
}

func newClassifier(o *Options) *classifier {
	c := &classifier{categories: o.NoteCategories, rules: make([]rule, len(o.NoteTitles))}
	for i, r := range o.NoteTitles {
		c.rules[i] = rule{words: words(r.Phrase), class: r.Class}
	}
	return c
}

// note returns the class of a note with the given category and title.
func (c *classifier) note(category, title string) disclosure.Class {
	class, ok := c.categories[category]
	var tw []string
	for _, r := range c.rules {
		if r.class.Sensitivity() <= class.Sensitivity() {
			continue // cannot change the outcome
		}
		if tw == nil {
			if tw = words(title); len(tw) == 0 {
				break
			}
		}
		if hasPhrase(tw, r.words) {
			class, ok = r.class, true
		}
	}
	if !ok {
		return disclosure.ClassUnclassified
	}
	return class
}

// words splits s into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// hasPhrase reports whether phrase occurs in ws as consecutive words.
func hasPhrase(ws, phrase []string) bool {
	for i := 0; i+len(phrase) <= len(ws); i++ {
		if slices.Equal(ws[i:i+len(phrase)], phrase) {
			return true
		}
	}
	return false
}

// LoadOptions reads options in JSON, as [DefaultOptions] would be written
// by encoding/json, strictly: unknown members, repeated keys and trailing
// data are errors. Every error is a *[disclosure.ValidationError] wrapping
// [ErrInvalidOptions].
func LoadOptions(r io.Reader) (Options, error) {
	var o Options
	data, err := io.ReadAll(r)
	if err != nil {
		return Options{}, &disclosure.ValidationError{Problems: []*disclosure.FieldError{{Input: ErrInvalidOptions, Message: "reading: " + err.Error()}}}
	}
	if err := strictjson.Unmarshal(data, &o); err != nil {
		var se *strictjson.Error
		if errors.As(err, &se) {
			return Options{}, &disclosure.ValidationError{Problems: []*disclosure.FieldError{{Input: ErrInvalidOptions, Path: se.Path, Message: se.Msg}}}
		}
		return Options{}, &disclosure.ValidationError{Problems: []*disclosure.FieldError{{Input: ErrInvalidOptions, Message: err.Error()}}}
	}
	if err := o.Validate(); err != nil {
		return Options{}, err
	}
	return o, nil
}
