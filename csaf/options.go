package csaf

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
// A titled note's class is the more sensitive of the class of its
// category and the classes of every title rule that matches. A titled
// note whose category is not in NoteCategories and that no title rule
// matches is [disclosure.ClassUnclassified]. A note without a title (or
// whose title is only white space) has the class UntitledNotes gives its
// category, or is unclassified. So the zero Options, with no categories
// and no rules, makes every note unclassified: it fails closed, and no
// signal ends an embargo. [DefaultOptions] gives the mapping of the
// package documentation.
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
//
// Words are the runs of letters and digits, in lower case. A run of single
// letters joined by dots or hyphens is one word: "P.o.C." and "p-o-c" are
// the word "poc", "I.O.C.s" the word "iocs". There is no stemming:
// each inflection or plural to match is a rule of its own ("exploit",
// "exploits", "exploited"...), so that a reviewer sees every form a program
// matches in its options, and no form matches by accident.
type TitleRule struct {
	Phrase string           `json:"phrase"`
	Class  disclosure.Class `json:"class"`
}

// DefaultOptions returns the mapping of the package documentation:
//
//   - Titled notes: category summary, description and general give
//     description; details gives technical-details; legal_disclaimer gives
//     summary (the terms of use travel with every copy). Any other
//     category (faq, other, ...) gives nothing: unclassified, unless a
//     title rule matches.
//   - Untitled notes (no title, or only white space): summary gives
//     description, details technical-details, legal_disclaimer summary.
//     An untitled note of any other category, general, description, faq
//     or other, is unclassified: without a title nothing says what it
//     holds.
//   - Title rules: the forms of detection (detection-guidance),
//     indicators and IOCs (indicators), reproduction (repro-steps), and
//     of proof of concept, PoC and exploit (proof-of-concept), each
//     inflection and plural listed.
//
// A note's class is the more sensitive of its category's and of every
// matching title rule's. No exploitation signal ends the embargo
// (EmbargoSignals is nil). Each call returns new maps and slices.
func DefaultOptions() Options {
	o := Options{
		NoteCategories: map[string]disclosure.Class{
			"summary":          disclosure.ClassDescription,
			"description":      disclosure.ClassDescription,
			"general":          disclosure.ClassDescription,
			"details":          disclosure.ClassTechnicalDetails,
			"legal_disclaimer": disclosure.ClassSummary,
		},
		UntitledNotes: map[string]disclosure.Class{
			"summary":          disclosure.ClassDescription,
			"details":          disclosure.ClassTechnicalDetails,
			"legal_disclaimer": disclosure.ClassSummary,
		},
	}
	forms := []struct {
		class   disclosure.Class
		phrases []string
	}{
		{disclosure.ClassDetectionGuidance, []string{
			"detect", "detects", "detected", "detecting", "detection", "detections"}},
		{disclosure.ClassIndicators, []string{
			"indicator", "indicators", "ioc", "iocs"}},
		{disclosure.ClassReproSteps, []string{
			"reproduce", "reproduces", "reproduced", "reproducing", "reproduction", "reproductions",
			"reproducer", "reproducers", "repro", "repros"}},
		{disclosure.ClassProofOfConcept, []string{
			"proof of concept", "proofs of concept", "proof of concepts", "proofs of concepts",
			"poc", "pocs",
			"exploit", "exploits", "exploited", "exploiting", "exploitation", "exploitations"}},
	}
	for _, f := range forms {
		for _, p := range f.phrases {
			o.NoteTitles = append(o.NoteTitles, TitleRule{Phrase: p, Class: f.class})
		}
	}
	return o
}

// Validate reports every problem of the options at once, each with its
// path ("note_titles[2].class"), wrapping [ErrInvalidOptions].
func (o Options) Validate() error {
	var ps []*disclosure.FieldError
	add := func(path, format string, args ...any) {
		ps = append(ps, &disclosure.FieldError{Input: ErrInvalidOptions, Path: path, Message: fmt.Sprintf(format, args...)})
	}
	for _, m := range []struct {
		name string
		m    map[string]disclosure.Class
	}{{"note_categories", o.NoteCategories}, {"untitled_notes", o.UntitledNotes}} {
		cats := make([]string, 0, len(m.m))
		for k := range m.m {
			cats = append(cats, k)
		}
		slices.Sort(cats) // report in a stable order
		for _, k := range cats {
			if c := m.m[k]; !c.Valid() {
				add(string(appendKey([]byte(m.name), k)), "%s", classProblem(c))
			}
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
	for i, k := range o.EmbargoSignals {
		if !k.Valid() {
			add(fmt.Sprintf("embargo_signals[%d]", i), "%s", signalProblem(k))
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
	untitled   map[string]disclosure.Class
	rules      []rule
	said       map[string]string // rules in words that name no title, by category and kind, written once
}

type rule struct {
	phrase string
	words  []string
	class  disclosure.Class
}

func newClassifier(o *Options) *classifier {
	c := &classifier{categories: o.NoteCategories, untitled: o.UntitledNotes, rules: make([]rule, len(o.NoteTitles)),
		said: make(map[string]string)}
	for i, r := range o.NoteTitles {
		c.rules[i] = rule{phrase: r.Phrase, words: words(r.Phrase), class: r.Class}
	}
	return c
}

// note returns the class of a note with the given category and title, and
// the rule that gave it, in words.
func (c *classifier) note(category, title string) (disclosure.Class, string) {
	if strings.TrimSpace(title) == "" {
		class, ok := c.untitled[category]
		if !ok {
			class = disclosure.ClassUnclassified
		}
		return class, c.say("u"+category, func() string {
			if !ok {
				return fmt.Sprintf("untitled note of category %q → unclassified (no rule for untitled notes of this category)", category)
			}
			return fmt.Sprintf("untitled note of category %q → %s", category, class)
		})
	}
	class, ok := c.categories[category]
	var win *rule
	var tw []string
	for i := range c.rules {
		r := &c.rules[i]
		if r.class.Sensitivity() <= class.Sensitivity() {
			continue // cannot change the outcome
		}
		if tw == nil {
			if tw = words(title); len(tw) == 0 {
				break
			}
		}
		if hasPhrase(tw, r.words) {
			class, win = r.class, r
		}
	}
	switch {
	case win != nil && ok:
		return class, fmt.Sprintf("note title %q matches %q → %s (more sensitive than category %q → %s)",
			title, win.phrase, class, category, c.categories[category])
	case win != nil:
		return class, fmt.Sprintf("note title %q matches %q → %s (category %q has no rule)", title, win.phrase, class, category)
	case ok:
		return class, c.say("c"+category, func() string { return fmt.Sprintf("note category %q → %s", category, class) })
	}
	return disclosure.ClassUnclassified, fmt.Sprintf("note category %q has no rule and no title rule matches %q → unclassified", category, title)
}

// say returns the rule in words of a key, written by f the first time:
// a document of many notes of one category shares one string.
func (c *classifier) say(key string, f func() string) string {
	s, ok := c.said[key]
	if !ok {
		s = f()
		if len(c.said) < 1024 {
			c.said[key] = s
		}
	}
	return s
}

// words splits s into lower-case words of letters and digits. A run of
// single letters each joined to the next by one dot or hyphen ("P.o.C.",
// "p-o-c") is one word ("poc").
func words(s string) []string {
	var out []string
	prevSingle := false // the last word read was one letter, followed by one '.' or '-'
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				break
			}
			i += size
		}
		w := strings.ToLower(s[start:i])
		single := utf8.RuneCountInString(w) == 1 && unicode.IsLetter(r0(w))
		if single && prevSingle {
			out[len(out)-1] += w
		} else {
			out = append(out, w)
		}
		// The word may take the next one if it is a single letter followed
		// by exactly one dot or hyphen, then a word character.
		prevSingle = single && i+1 < len(s) && (s[i] == '.' || s[i] == '-')
		if prevSingle {
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			prevSingle = isWordRune(next)
		}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func r0(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

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

// Valid reports whether k is one of the kinds of signal Read reports.
func (k SignalKind) Valid() bool {
	return k == SignalExploitStatus || k == SignalFirstKnownExploitation
}

// UnmarshalText accepts a kind of signal and rejects any other.
func (k *SignalKind) UnmarshalText(text []byte) error {
	v := SignalKind(text)
	if !v.Valid() {
		return errors.New(signalProblem(v))
	}
	*k = v
	return nil
}

func signalProblem(k SignalKind) string {
	return fmt.Sprintf("unknown signal kind %q (want %s or %s)", k, SignalExploitStatus, SignalFirstKnownExploitation)
}
