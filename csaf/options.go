package csaf

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/internal/confusable"
	"github.com/disclosurekit/disclosure/internal/strictjson"
)

// Sentinel errors of the package. Every problem [Read] and [Write] report
// wraps one of them, or [disclosure.ErrInvalidDisclosure] for a problem of
// the disclosure given to Write, so errors.Is tells which input was bad,
// or, for ErrMandatoryTest, why a copy was refused.
var (
	ErrInvalidDocument = errors.New("invalid CSAF document")
	ErrInvalidOptions  = errors.New("invalid CSAF options")
	// ErrMandatoryTest refuses a partner's copy that would fail a CSAF
	// mandatory test its original passes, because what the test requires
	// is of a class the partner does not receive.
	ErrMandatoryTest = errors.New("the copy would fail a CSAF mandatory test")
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
	// SharingGroupNamespace is the program's own UUID (such as
	// "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"), from which [Write] derives
	// the sharing group ID of each partner's CSAF 2.1 copy: the same
	// partner ID gives the same group in every copy the program writes,
	// and another program's groups differ. Empty (the default), the
	// namespace is derived from the document's
	// /document/publisher/namespace instead, which is the program's own
	// when it publishes its own documents. Read does not use it.
	SharingGroupNamespace string `json:"sharing_group_namespace"`
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
//
// Titles and phrases are normalised alike, so that a title cannot hide a
// word from a rule by its spelling:
//
//   - A Cyrillic or Greek letter that is drawn as a Latin one is that
//     Latin letter ("Рroof" with a Cyrillic Р is "proof"; the table is
//     the root package's, of look-alikes refused in partner IDs), and a
//     fullwidth form (U+FF01 to U+FF5E) is its ASCII twin ("ＰｏＣ" is
//     "poc", "Ｐ．ｏ．Ｃ．" too).
//   - In a run of letters and digits that has both, the digits 0, 1, 3,
//     4, 5 and 7 read as the letters o, l, e, a, s and t ("Expl0it",
//     "Pr00f of c0ncept", "Sh3llc0d3"); 1 is also read as i ("Explo1t").
//     A run of digits alone is a number and stays one ("CVE-2025-1234",
//     "Windows 10"); "log4j" reads as "logaj", which no default rule
//     names, and 2, 6, 8 and 9 are kept ("x86").
//
// A title (or phrase) then has up to three readings, and a rule matches
// when a reading of its phrase is in a reading of the title:
//
//   - Literally: every character that is not a letter or digit separates
//     words, as above, format characters (Unicode category Cf: soft
//     hyphen, zero-width space, joiner and non-joiner, word joiner,
//     byte order mark...) and combining marks (Mn: accents, variation
//     selectors) included: "Proof\u00adof\u00adconcept" is "proof of
//     concept", "Exploit\u200bation" holds "exploit".
//   - Normalised: format characters and combining marks are dropped, so
//     that they join what they sit in ("Ex\u00adploit" is "exploit"), and
//     words are split at camel case: between a lower-case and an
//     upper-case letter ("ProofOfConcept" is "proof of concept",
//     "ExploitDB" "exploit db"), and between two upper-case letters when
//     the second starts a lower-case word ("PoCExploit" is "poc exploit",
//     "XMLHttp" "xml http"). An upper-case, a lower-case and an
//     upper-case letter that start a word stay one word when they end the
//     run, or are followed by a plural s or by another upper-case letter:
//     "PoC", "PoCs", "DoS" and "PoCCode" ("poc code") keep "poc" and
//     "dos"; "OfConcept" is split. A plural s after capitals stays with
//     them ("IOCs" is "iocs"). A digit read as a letter takes the case
//     of the next letter of its run (of the previous one at the end of
//     the run), so it makes no boundary of its own ("PR00F" is "proof").
//   - Normalised, with 1 read as i instead of l, when that differs.
//
// Each reading only adds matches: a title the literal rules matched is
// still matched. A normalised reading may match where a reader would see
// no such word, as a Russian title that is spelt with letters that all
// look Latin; the class is then more sensitive than needed, never less.
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
//     of proof of concept, PoC, exploit, ExploitDB, Metasploit,
//     shellcode, attack code and scripts, and weaponize (weaponise)
//     (proof-of-concept), each inflection and plural listed. "Exploit
//     kit", "working exploit", "exploit chain" and "PoC code" hold
//     "exploit" or "poc".
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
			"exploit", "exploits", "exploited", "exploiting", "exploitation", "exploitations", "exploitdb",
			"metasploit", "shellcode", "shellcodes", "shell code",
			"attack code", "attack script", "attack scripts",
			"weaponize", "weaponizes", "weaponized", "weaponizing", "weaponization",
			"weaponise", "weaponises", "weaponised", "weaponising", "weaponisation"}},
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
		ps = append(ps, &disclosure.FieldError{Err: ErrInvalidOptions, Path: path, Message: fmt.Sprintf(format, args...)})
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
	if ns := o.SharingGroupNamespace; ns != "" {
		switch u, ok := parseUUID(ns); {
		case !ok:
			add("sharing_group_namespace", "%q is not a UUID (8-4-4-4-12 hexadecimal digits)", ns)
		case u == nilUUID || u == maxUUID:
			add("sharing_group_namespace", "%q is the Nil or Max UUID, which CSAF 2.1 reserves: choose the program's own", ns)
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
	phrase   string
	readings [][]string
	class    disclosure.Class
}

func newClassifier(o *Options) *classifier {
	c := &classifier{categories: o.NoteCategories, untitled: o.UntitledNotes, rules: make([]rule, len(o.NoteTitles)),
		said: make(map[string]string)}
	for i, r := range o.NoteTitles {
		c.rules[i] = rule{phrase: r.Phrase, readings: readings(r.Phrase), class: r.Class}
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
	class, win := c.byTitle(title, class)
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

// byTitle returns the most sensitive class of the title rules that match
// text, when it is more sensitive than class, and the rule that gave it;
// otherwise class and nil.
func (c *classifier) byTitle(text string, class disclosure.Class) (disclosure.Class, *rule) {
	var win *rule
	var tw [][]string // the text's readings
	for i := range c.rules {
		r := &c.rules[i]
		if r.class.Sensitivity() <= class.Sensitivity() {
			continue // cannot change the outcome
		}
		if tw == nil {
			if tw = readings(text); len(tw) == 0 {
				break
			}
		}
		if matches(tw, r.readings) {
			class, win = r.class, r
		}
	}
	return class, win
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

// A wordReading of a text is how its words are cut and spelt; see
// [TitleRule] for the rules.
type wordReading struct {
	join bool // drop format characters and marks, and split camel case
	one  rune // what 1 reads as inside a word of letters and digits
}

// The readings of titles and phrases: literal (format characters and marks
// are separators, no camel case), then normalised with 1 read as l, then
// as i.
var readingsOf = [...]wordReading{{false, 'l'}, {true, 'l'}, {true, 'i'}}

// readings returns the lists of words that s reads as, each once: a rule
// matches a title when one of the readings of its phrase is in one of the
// title's.
func readings(s string) [][]string {
	out := make([][]string, 0, len(readingsOf))
	for _, r := range readingsOf {
		ws := r.words(s)
		if len(ws) > 0 && !slices.ContainsFunc(out, func(o []string) bool { return slices.Equal(o, ws) }) {
			out = append(out, ws)
		}
	}
	return out
}

// words returns the literal reading of s: its lower-case words of letters
// and digits, look-alikes and fullwidth forms read as Latin, digits read as
// letters inside a word of both.
func words(s string) []string { return readingsOf[0].words(s) }

// words splits s into lower-case words of letters and digits as the
// reading says. A run of single letters each joined to the next by one dot
// or hyphen ("P.o.C.", "p-o-c") is one word ("poc").
func (rd wordReading) words(s string) []string {
	// The characters of s as they read: look-alikes and fullwidth forms
	// replaced, format characters and marks dropped when joining.
	rs := make([]rune, 0, len(s))
	for _, r := range s {
		if l, ok := confusable.Lookup(r); ok {
			r = l.Latin
		} else if a, ok := confusable.Fullwidth(r); ok {
			r = a
		} else if rd.join && (unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r)) {
			continue
		}
		rs = append(rs, r)
	}
	var out []string
	prevSingle := false // the last word read was one letter, followed by one '.' or '-'
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		start := i
		for i < len(rs) && isWordRune(rs[i]) {
			i++
		}
		run := rs[start:i]
		single := len(run) == 1 && unicode.IsLetter(run[0])
		switch {
		case single && prevSingle:
			out[len(out)-1] += string(unicode.ToLower(run[0]))
		case single:
			out = append(out, string(unicode.ToLower(run[0])))
		default:
			rd.readDigits(run)
			from := 0
			for k := 1; rd.join && k < len(run); k++ {
				if camelBoundary(run, from, k) {
					out = append(out, strings.ToLower(string(run[from:k])))
					from = k
				}
			}
			out = append(out, strings.ToLower(string(run[from:])))
		}
		// The word may take the next one if it is a single letter followed
		// by exactly one dot or hyphen, then a word character.
		prevSingle = single && i+1 < len(rs) && (rs[i] == '.' || rs[i] == '-') && isWordRune(rs[i+1])
	}
	return out
}

// readDigits replaces, in a run of letters and digits that has both, the
// digits 0 1 3 4 5 7 with the letters o, l (or i), e, a, s, t, in the case
// of the next letter of the run (of the previous one at its end), so that
// a digit never makes a camel-case boundary of its own.
func (rd wordReading) readDigits(run []rune) {
	hasLetter, hasDigit := false, false
	for _, r := range run {
		hasLetter = hasLetter || unicode.IsLetter(r)
		hasDigit = hasDigit || unicode.IsDigit(r)
	}
	if !hasLetter || !hasDigit {
		return
	}
	for k, r := range run {
		var l rune
		switch r {
		case '0':
			l = 'o'
		case '1':
			l = rd.one
		case '3':
			l = 'e'
		case '4':
			l = 'a'
		case '5':
			l = 's'
		case '7':
			l = 't'
		default:
			continue
		}
		upper := false
		if n := slices.IndexFunc(run[k+1:], unicode.IsLetter); n >= 0 {
			upper = unicode.IsUpper(run[k+1+n])
		} else {
			for j := k - 1; j >= 0; j-- {
				if unicode.IsLetter(run[j]) {
					upper = unicode.IsUpper(run[j])
					break
				}
			}
		}
		if upper {
			l = unicode.ToUpper(l)
		}
		run[k] = l
	}
}

// camelBoundary reports whether a word of camel case ends before run[k],
// the current word having started at run[from]: between a lower-case and
// an upper-case letter ("Proof|Of|Concept", "Exploit|DB"), or between two
// upper-case letters the second of which starts a lower-case word
// ("PoC|Exploit", "XML|Http"). Not in a word of an upper-case letter, a
// lower-case one and an upper-case one ("PoC", "IoC", "DoS") that ends
// the run, is followed by a plural s ("PoCs") or by another upper-case
// letter ("PoC|Code"); nor before a plural s of capitals ("IOCs").
func camelBoundary(run []rune, from, k int) bool {
	a, b := run[k-1], run[k]
	rest := run[k+1:]
	plural := len(rest) == 1 && rest[0] == 's'
	switch {
	case unicode.IsLower(a) && unicode.IsUpper(b):
		if from == k-2 && unicode.IsUpper(run[from]) &&
			(len(rest) == 0 || plural || unicode.IsUpper(rest[0])) {
			return false
		}
		return true
	case unicode.IsUpper(a) && unicode.IsUpper(b):
		return len(rest) > 0 && unicode.IsLower(rest[0]) && !plural
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// matches reports whether one of the readings of a phrase occurs in one of
// the readings of a title.
func matches(title, phrase [][]string) bool {
	for _, t := range title {
		for _, p := range phrase {
			if hasPhrase(t, p) {
				return true
			}
		}
	}
	return false
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
		return Options{}, &disclosure.ValidationError{Problems: []*disclosure.FieldError{{Err: ErrInvalidOptions, Message: "reading: " + err.Error()}}}
	}
	if err := strictjson.Unmarshal(data, &o); err != nil {
		var se *strictjson.Error
		if errors.As(err, &se) {
			return Options{}, &disclosure.ValidationError{Problems: []*disclosure.FieldError{{Err: ErrInvalidOptions, Path: se.Path, Message: se.Msg}}}
		}
		return Options{}, &disclosure.ValidationError{Problems: []*disclosure.FieldError{{Err: ErrInvalidOptions, Message: err.Error()}}}
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
