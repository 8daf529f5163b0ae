package csaf

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/disclosurekit/disclosure"
)

// Read turns a CSAF 2.0 or 2.1 document into an advisory: its identity and
// timing as the summary, and every note, remediation, threat and other
// classified element as a section of its class, in document order. It
// also returns what a program manager reviews before trusting the
// advisory: the document's TLP label, its exploitation signals, and every
// classified element with its JSON path and the rule that gave its class.
// The package documentation gives the mapping.
//
// Read checks what it reads and the members CSAF requires of
// /document and /document/tracking; it is not a full schema validation.
// Every error is a *[disclosure.ValidationError] listing every problem
// with its JSON path ("vulnerabilities[2].notes[0].text"), wrapping
// [ErrInvalidDocument] (or [ErrInvalidOptions] for bad options). Read
// never panics, whatever the input.
//
// Memory: Read holds the whole document as a tree, with every classified
// element, and the Reading keeps the tree for its WriteFor and
// WriteMarked: a Reading costs at most about as much memory as Read's
// peak. That
// peak, measured per byte of input, is about 2 bytes for a large real
// advisory (ICSA-20-168-01 grown to 55 MB with 200,000 notes), about 10
// for a document of tiny notes (60 bytes each), and at most about 31 for
// hostile input of nothing but tiny values (millions of {} or 1 in one
// array). A caller bounds Read's memory by bounding the size of its input:
// 40 bytes per byte is a safe bound (a 10 MB document stays under 400 MB).
// Each write takes about as much again while it writes (its own copy of
// the tree), and its output besides.
func Read(doc []byte, opts Options) (Reading, error) {
	if err := opts.Validate(); err != nil {
		return Reading{}, err
	}
	r, ps := readDocument(doc, &opts)
	if len(ps) > 0 {
		return Reading{}, &disclosure.ValidationError{Problems: ps}
	}
	a := r.advisory()
	if err := a.Validate(); err != nil {
		// What the model requires beyond CSAF, such as a tracking ID
		// without control or invisible characters, reported at the
		// document's path where there is one.
		return Reading{}, documentProblems(err)
	}
	// What only reading needed, the Reading need not keep.
	r.cls, r.seen, r.cveAt = nil, nil, nil
	out := Reading{Advisory: a, Label: r.label, Signals: r.signals, Elements: make([]Element, len(r.elements)), src: r}
	for i := range r.elements {
		e := &r.elements[i]
		out.Elements[i] = Element{Path: e.path, Class: e.section.Class, Rule: e.rule}
	}
	return out, nil
}

// reading is what was read of one document.
type reading struct {
	cls     *classifier
	opts    *Options
	version string // "2.0" or "2.1"
	table   *schemaTable
	root    *object
	doc     *object // /document
	ps      []*disclosure.FieldError
	size    int // the document's length in bytes

	id       string
	revision int
	title    string
	cves     []string
	cveAt    map[string]string // CVE to where it was first seen
	products []string
	seen     map[string]bool // product names already listed
	score    float64         // highest CVSS base score
	scored   bool
	label    disclosure.TLP // the document's label, "" if none
	category string         // /document/category
	site     site           // the publisher's own site, from /document/publisher/namespace

	status           string    // /document/tracking/status
	initial, current time.Time // the tracking's release dates
	vulns            int       // vulnerabilities read
	undated          bool      // a vulnerability has no release (2.0) or disclosure (2.1) date
	released         time.Time // the latest release or disclosure date of a vulnerability
	public           time.Time // the public instant, once read

	signals  []Signal
	elements []element

	undefinedRule string // the rule of a member the version does not define
}

// An element is a classified piece of the document: a note, a
// remediation, a threat, an unknown member... Write removes it when its
// class is withheld.
type element struct {
	section disclosure.Section
	path    string
	rule    string
	owner   *object // the object holding the member
	key     string  // the member
	index   int     // the element's index in the member's array, or -1 for the member itself
	// whole says that the element is a member the schema does not define,
	// or an extension: its section is its name and its value as JSON.
	whole bool
	// withheld is set by Write on an element it removes.
	withheld bool
}

// readDocument parses and reads a document, and returns every problem.
func readDocument(data []byte, opts *Options) (*reading, []*disclosure.FieldError) {
	tree, serr := parseJSON(data)
	if serr != nil {
		return nil, []*disclosure.FieldError{{Err: ErrInvalidDocument, Path: serr.path, Message: serr.msg, Offset: serr.pos}}
	}
	r := &reading{cls: newClassifier(opts), opts: opts, size: len(data)}
	r.read(tree)
	if len(r.ps) == 0 {
		r.public = r.publicAt()
	}
	return r, r.ps
}

func (r *reading) addf(path, format string, args ...any) {
	r.ps = append(r.ps, &disclosure.FieldError{Err: ErrInvalidDocument, Path: path, Message: fmt.Sprintf(format, args...)})
}

// join returns the path of member key of the value at path.
func join(path, key string) string { return string(appendKey([]byte(path), key)) }

// item returns the path of element i of the array at path.
func item(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func typeName(v any) string {
	switch v.(type) {
	case *object:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case number:
		return "number"
	case bool:
		return "boolean"
	}
	return "null"
}

// str returns the string member key of o at path, reporting it if it is
// missing and required, or not a string.
func (r *reading) str(o *object, path, key string, required bool) (string, bool) {
	v, ok := o.get(key)
	if !ok {
		if required {
			r.addf(join(path, key), "required")
		}
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		r.addf(join(path, key), "expected a string, got %s", typeName(v))
	}
	return s, ok
}

// optional returns the string member key of o, if any; ok is false only
// when the member is there but not a string.
func (r *reading) optional(o *object, path, key string) (s string, ok bool) {
	if _, has := o.get(key); !has {
		return "", true
	}
	return r.str(o, path, key, false)
}

// text is str for a required string that must hold more than white space.
func (r *reading) text(o *object, path, key string) (string, bool) {
	s, ok := r.str(o, path, key, true)
	if ok && strings.TrimSpace(s) == "" {
		r.addf(join(path, key), "empty")
		return s, false
	}
	return s, ok
}

func (r *reading) obj(o *object, path, key string, required bool) *object {
	v, ok := o.get(key)
	if !ok {
		if required {
			r.addf(join(path, key), "required")
		}
		return nil
	}
	m, ok := v.(*object)
	if !ok {
		r.addf(join(path, key), "expected an object, got %s", typeName(v))
	}
	return m
}

func (r *reading) list(o *object, path, key string, required bool) []any {
	v, ok := o.get(key)
	if !ok {
		if required {
			r.addf(join(path, key), "required")
		}
		return nil
	}
	a, ok := v.([]any)
	if !ok {
		r.addf(join(path, key), "expected an array, got %s", typeName(v))
	}
	return a
}

// objects calls f for every element of the array member key, each of which
// must be an object.
func (r *reading) objects(o *object, path, key string, f func(e *object, path string, i int)) {
	list := r.list(o, path, key, false)
	if len(list) == 0 {
		return
	}
	at := join(path, key)
	for i, v := range list {
		p := item(at, i)
		if e, ok := v.(*object); ok {
			f(e, p, i)
		} else {
			r.addf(p, "expected an object, got %s", typeName(v))
		}
	}
}

// date reads an RFC 3339 date-time member, in UTC.
func (r *reading) date(o *object, path, key string, required bool) (time.Time, bool) {
	s, ok := r.str(o, path, key, required)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		r.addf(join(path, key), "%q is not an RFC 3339 date-time with a zone offset (such as 2025-07-08T17:00:00Z)", s)
		return time.Time{}, false
	}
	return t.UTC(), true
}

// add records a classified element.
func (r *reading) add(class disclosure.Class, rule, title, body string, path string, owner *object, key string, index int) {
	r.elements = append(r.elements, element{
		section: disclosure.Section{Class: class, Title: title, Body: body},
		path:    path, rule: rule,
		owner: owner, key: key, index: index,
	})
}

// undefined records a member that the document's CSAF version does not
// define at its position: content of no known kind, so unclassified.
func (r *reading) undefined(owner *object, path string, m *member) {
	r.add(disclosure.ClassUnclassified, r.undefinedRule, m.key, string(encodeCompact(nil, m.val)), join(path, m.key), owner, m.key, -1)
	r.elements[len(r.elements)-1].whole = true
}

// extension records a CSAF 2.1 x_extensions member: content that no
// schema of CSAF defines, so unclassified.
func (r *reading) extension(owner *object, path string, m *member) {
	r.add(disclosure.ClassUnclassified, "extension (x_extensions), whose content CSAF does not define → unclassified",
		m.key, string(encodeCompact(nil, m.val)), join(path, m.key), owner, m.key, -1)
	r.elements[len(r.elements)-1].whole = true
}

// other handles a member of an object at position pos that no reader of
// this file handles: a member the schema does not define is withheld, an
// extension too, and any other is walked for undefined members inside.
func (r *reading) other(o *object, pos uint16, path string, m *member) {
	child, ok := r.table.child(pos, m.key)
	switch {
	case !ok:
		r.undefined(o, path, m)
	case m.key == "x_extensions" && r.version == "2.1":
		r.extension(o, path, m)
	default:
		r.walk(m.val, child, path, m.key, -1)
	}
}

// walk withholds every member the schema does not define inside the value
// of member key (or element index, when index >= 0) of the value at path,
// at position pos.
func (r *reading) walk(v any, pos uint16, path, key string, index int) {
	switch v := v.(type) {
	case *object:
		if index >= 0 {
			path = item(path, index)
		} else {
			path = join(path, key)
		}
		r.walkMembers(v, pos, path)
	case []any:
		if index >= 0 {
			path = item(path, index)
		} else {
			path = join(path, key)
		}
		it := r.table.items(pos)
		for i, e := range v {
			r.walk(e, it, path, "", i)
		}
	}
}

// walkMembers is walk for the members of the object o at path.
func (r *reading) walkMembers(o *object, pos uint16, path string) {
	for i := range o.members {
		r.other(o, pos, path, &o.members[i])
	}
}

func (r *reading) read(tree any) {
	root, ok := tree.(*object)
	if !ok {
		r.addf("", "expected a JSON object (a CSAF document), got %s", typeName(tree))
		return
	}
	r.root = root
	doc := r.obj(root, "", "document", true)
	if doc == nil {
		return
	}
	r.doc = doc
	v, ok := r.str(doc, "document", "csaf_version", true)
	if !ok {
		return
	}
	if v != "2.0" && v != "2.1" {
		r.addf("document.csaf_version", "unsupported CSAF version %q (want 2.0 or 2.1)", v)
		return
	}
	r.version = v
	r.table = tableOf(v)
	r.undefinedRule = "member not defined by CSAF " + v + " at this position → unclassified"
	if v == "2.1" {
		r.str(root, "", "$schema", true)
	}
	// Read before the references, wherever they are: the category and
	// the publisher's site decide the class of some of them.
	r.category, _ = stringAt(doc, "category")
	if ns, ok := stringAt(doc, "publisher", "namespace"); ok {
		r.site = siteOf(ns)
	}
	for i := range root.members {
		m := &root.members[i]
		switch m.key {
		case "document":
			r.document(doc, r.pos(posDocument, "document"))
		case "vulnerabilities":
			vp := r.table.items(r.pos(posDocument, "vulnerabilities"))
			r.objects(root, "", "vulnerabilities", func(o *object, at string, _ int) { r.vulnerability(o, at, vp) })
		case "product_tree":
			if pt := r.obj(root, "", "product_tree", false); pt != nil {
				r.productTree(pt)
			}
			r.other(root, posDocument, "", m)
		default:
			r.other(root, posDocument, "", m)
		}
	}
}

// pos returns the position of member key of position p, which the tables
// define (the readers below use it for the members they read).
func (r *reading) pos(p uint16, key string) uint16 {
	c, _ := r.table.child(p, key)
	return c
}

// integer and semver are the two forms of CSAF's version_t.
var integer = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)

// semver is the semantic version of CSAF's version_t.
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

func (r *reading) document(doc *object, pos uint16) {
	const path = "document"
	r.text(doc, path, "category")
	r.title, _ = r.text(doc, path, "title")
	r.obj(doc, path, "publisher", true)
	if dist := r.obj(doc, path, "distribution", r.version == "2.1"); dist != nil {
		if tlp := r.obj(dist, "document.distribution", "tlp", r.version == "2.1"); tlp != nil {
			if l, ok := r.str(tlp, "document.distribution.tlp", "label", true); ok {
				r.label = r.tlpLabel(l)
			}
		}
	}
	if t := r.obj(doc, path, "tracking", true); t != nil {
		r.tracking(t)
	}
	for i := range doc.members {
		m := &doc.members[i]
		switch m.key {
		case "notes":
			r.notes(doc, path, r.table.items(r.pos(pos, "notes")))
		case "references":
			r.references(doc, path, r.table.items(r.pos(pos, "references")))
		case "acknowledgments":
			r.acknowledgments(doc, path)
		case "distribution":
			// Write replaces it in every copy.
		default:
			r.other(doc, pos, path, m)
		}
	}
}

// tlpLabels are the labels of each CSAF version, as TLP 2.0 labels.
var tlpLabels = map[string]map[string]disclosure.TLP{
	"2.0": {"WHITE": disclosure.TLPClear, "GREEN": disclosure.TLPGreen, "AMBER": disclosure.TLPAmber, "RED": disclosure.TLPRed},
	"2.1": {"CLEAR": disclosure.TLPClear, "GREEN": disclosure.TLPGreen, "AMBER": disclosure.TLPAmber,
		"AMBER+STRICT": disclosure.TLPAmberStrict, "RED": disclosure.TLPRed},
}

// tlpLabel returns the TLP 2.0 label of a document's label.
func (r *reading) tlpLabel(l string) disclosure.TLP {
	if t, ok := tlpLabels[r.version][l]; ok {
		return t
	}
	want := "WHITE, GREEN, AMBER or RED"
	if r.version == "2.1" {
		want = "CLEAR, GREEN, AMBER, AMBER+STRICT or RED"
	}
	r.addf("document.distribution.tlp.label", "unknown TLP label %q (CSAF %s has %s)", l, r.version, want)
	return ""
}

func (r *reading) tracking(t *object) {
	const path = "document.tracking"
	r.id, _ = r.text(t, path, "id")
	r.status, _ = r.str(t, path, "status", true)
	r.initial, _ = r.date(t, path, "initial_release_date", true)
	r.current, _ = r.date(t, path, "current_release_date", true)
	history := r.list(t, path, "revision_history", true)
	if history != nil && len(history) == 0 {
		r.addf(path+".revision_history", "empty: CSAF requires at least one revision")
	}
	v, ok := r.str(t, path, "version", true)
	if !ok {
		return
	}
	// Integer versioning gives the revision directly. A semantic version,
	// or 0 for a draft, has no such integer: every revision adds an entry
	// to the history, so its length grows with each version.
	switch {
	case integer.MatchString(v) && v != "0":
		n, err := strconv.Atoi(v)
		if err != nil {
			r.addf(path+".version", "%s is too large", v)
			return
		}
		r.revision = n
		return
	case v != "0" && !semver.MatchString(v):
		r.addf(path+".version", "%q is neither an integer nor a semantic version", v)
		return
	}
	r.revision = max(len(history), 1)
}

// documentPublic is when the document itself counts as public: its first
// release, if that release could be shared publicly (label CLEAR or WHITE,
// or none) and the document is final; otherwise the later of its first and
// current releases (its first release went to a restricted audience, or it
// is not final yet: fail closed).
func (r *reading) documentPublic() time.Time {
	if (r.label == "" || r.label == disclosure.TLPClear) && r.status == "final" {
		return r.initial
	}
	if r.current.After(r.initial) {
		return r.current
	}
	return r.initial
}

// publicAt is the advisory's public instant: the latest over the
// vulnerabilities of each one's release (2.0) or disclosure (2.1) date,
// or of the document's public instant for one without such a date (or
// when there is no vulnerability).
func (r *reading) publicAt() time.Time {
	t := r.released
	if r.vulns == 0 || r.undated {
		if d := r.documentPublic(); d.After(t) {
			t = d
		}
	}
	return t
}

// advisory returns the advisory of a document read without problems.
func (r *reading) advisory() disclosure.Advisory {
	a := disclosure.Advisory{
		ID:       r.id,
		Revision: r.revision,
		CVEs:     r.cves,
		Title:    r.title,
		Products: r.products,
		PublicAt: r.public,
		TLP:      r.label, // no copy is labelled below the document
	}
	if r.scored {
		a.Severity = severity(r.score)
	}
	var ended time.Time
	for _, s := range r.signals {
		if slices.Contains(r.opts.EmbargoSignals, s.Kind) && s.Date.Before(r.public) && (ended.IsZero() || s.Date.Before(ended)) {
			ended = s.Date
		}
	}
	if !ended.IsZero() {
		a.Embargo = disclosure.Embargo{EndedAt: ended, Reason: disclosure.EndExploited}
	}
	if len(r.elements) > 0 {
		a.Sections = make([]disclosure.Section, len(r.elements))
		for i := range r.elements {
			a.Sections[i] = r.elements[i].section
		}
	}
	return a
}

// advisoryPaths are the document's paths of the advisory's fields that
// Read takes from one place.
var advisoryPaths = map[string]string{
	"id":    "document.tracking.id",
	"title": "document.title",
}

// documentProblems turns the problems of the advisory read from a document
// into problems of the document.
func documentProblems(err error) error {
	var ve *disclosure.ValidationError
	if !errors.As(err, &ve) {
		return &disclosure.ValidationError{Problems: []*disclosure.FieldError{{Err: ErrInvalidDocument, Message: err.Error()}}}
	}
	ps := make([]*disclosure.FieldError, len(ve.Problems))
	for i, p := range ve.Problems {
		path, ok := advisoryPaths[p.Path]
		msg := p.Message
		if !ok {
			path, msg = "", "the advisory read from the document: "+p.Error()
		}
		ps[i] = &disclosure.FieldError{Err: ErrInvalidDocument, Path: path, Message: msg}
	}
	return &disclosure.ValidationError{Problems: ps}
}
