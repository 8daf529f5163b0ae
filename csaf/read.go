package csaf

import (
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
// classified element as a section of its class, in document order. The
// package documentation gives the mapping.
//
// Read checks what it reads and the members CSAF requires of
// /document and /document/tracking; it is not a full schema validation.
// Every error is a *[disclosure.ValidationError] listing every problem
// with its JSON path ("vulnerabilities[2].notes[0].text"), wrapping
// [ErrInvalidDocument] (or [ErrInvalidOptions] for bad options). Read
// never panics, whatever the input.
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
		// Unreachable: every field was checked where it was read. Kept so
		// that Read never returns an advisory Disclose would refuse.
		return Reading{}, &disclosure.ValidationError{Problems: []*disclosure.FieldError{
			{Input: ErrInvalidDocument, Message: "the advisory read from the document is invalid: " + err.Error()}}}
	}
	return Reading{Advisory: a}, nil
}

// reading is what was read of one document.
type reading struct {
	cls     *classifier
	version string // "2.0" or "2.1"
	root    *object
	doc     *object // /document
	ps      []*disclosure.FieldError

	id        string
	revision  int
	title     string
	cves      []string
	cveAt     map[string]string // CVE to where it was first seen
	products  []string
	seen      map[string]bool // product names already listed
	score     float64         // highest CVSS base score
	scored    bool
	public    time.Time // latest of the tracking and release dates
	exploited time.Time // earliest exploitation signal
	elements  []element
}

// An element is a classified piece of the document: a note, a
// remediation, a threat, an unknown member... Write removes it when its
// class is withheld.
type element struct {
	section disclosure.Section
	owner   *object // the object holding the member
	key     string  // the member
	index   int     // the element's index in the member's array, or -1 for the member itself
}

// readDocument parses and reads a document, and returns every problem.
func readDocument(data []byte, opts *Options) (*reading, []*disclosure.FieldError) {
	tree, serr := parseJSON(data)
	if serr != nil {
		return nil, []*disclosure.FieldError{{Input: ErrInvalidDocument, Path: serr.path, Message: serr.msg}}
	}
	r := &reading{cls: newClassifier(opts)}
	r.read(tree)
	return r, r.ps
}

func (r *reading) addf(path, format string, args ...any) {
	r.ps = append(r.ps, &disclosure.FieldError{Input: ErrInvalidDocument, Path: path, Message: fmt.Sprintf(format, args...)})
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

// publicCandidate records a date that may be the public release.
func (r *reading) publicCandidate(t time.Time) {
	if t.After(r.public) {
		r.public = t
	}
}

func (r *reading) exploitation(t time.Time) {
	if r.exploited.IsZero() || t.Before(r.exploited) {
		r.exploited = t
	}
}

// add records a classified element.
func (r *reading) add(class disclosure.Class, title, body string, owner *object, key string, index int) {
	r.elements = append(r.elements, element{
		section: disclosure.Section{Class: class, Title: title, Body: body},
		owner:   owner, key: key, index: index,
	})
}

// unknown records a member that the document's CSAF version does not
// define, or an extension: content of no known kind, so unclassified.
func (r *reading) unknown(owner *object, key string, v any) {
	r.add(disclosure.ClassUnclassified, key, string(encodeCompact(nil, v)), owner, key, -1)
}

// The members of the root, of /document and of a vulnerability that are
// neither classified elements nor handled on their own: they are part of
// the summary and always kept.
var (
	rootSummary = []string{"$schema", "product_tree"}
	docSummary  = map[string][]string{
		"2.0": {"aggregate_severity", "category", "csaf_version", "lang", "publisher", "source_lang", "title", "tracking"},
		"2.1": {"aggregate_severity", "category", "csaf_version", "lang", "license_expression", "publisher", "source_lang", "title", "tracking"},
	}
	vulnSummary = map[string][]string{
		"2.0": {"cve", "discovery_date", "ids", "product_status", "release_date", "scores", "title"},
		"2.1": {"cve", "disclosure_date", "discovery_date", "first_known_exploitation_dates", "ids", "metrics", "product_status", "title"},
	}
)

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
	if v == "2.1" {
		r.str(root, "", "$schema", true)
	}
	for _, m := range root.members {
		switch {
		case m.key == "document":
			r.document(doc)
		case m.key == "vulnerabilities":
			r.objects(root, "", "vulnerabilities", r.vulnerability)
		case m.key == "product_tree":
			if pt := r.obj(root, "", "product_tree", false); pt != nil {
				r.productTree(pt)
			}
		case slices.Contains(rootSummary, m.key):
		default:
			r.unknown(root, m.key, m.val)
		}
	}
}

// integer and semver are the two forms of CSAF's version_t.
var integer = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)

// semver is the semantic version of CSAF's version_t.
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

func (r *reading) document(doc *object) {
	const path = "document"
	r.text(doc, path, "category")
	r.title, _ = r.text(doc, path, "title")
	r.obj(doc, path, "publisher", true)
	if dist := r.obj(doc, path, "distribution", r.version == "2.1"); dist != nil && r.version == "2.1" {
		if tlp := r.obj(dist, "document.distribution", "tlp", true); tlp != nil {
			r.str(tlp, "document.distribution.tlp", "label", true)
		}
	}
	if t := r.obj(doc, path, "tracking", true); t != nil {
		r.tracking(t)
	}
	known := docSummary[r.version]
	for _, m := range doc.members {
		switch {
		case m.key == "notes":
			r.notes(doc, path)
		case m.key == "references":
			r.references(doc, path)
		case m.key == "acknowledgments":
			r.acknowledgments(doc, path)
		case m.key == "distribution" || slices.Contains(known, m.key):
		default:
			r.unknown(doc, m.key, m.val)
		}
	}
}

func (r *reading) tracking(t *object) {
	const path = "document.tracking"
	r.id, _ = r.text(t, path, "id")
	r.str(t, path, "status", true)
	if d, ok := r.date(t, path, "initial_release_date", true); ok {
		r.publicCandidate(d)
	}
	if d, ok := r.date(t, path, "current_release_date", true); ok {
		r.publicCandidate(d)
	}
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

// productTree lists the names of every product of the tree: of the
// branches, depth first, then of full_product_names and relationships.
func (r *reading) productTree(pt *object) {
	const path = "product_tree"
	r.branches(pt, path, 0)
	r.objects(pt, path, "full_product_names", func(p *object, at string, _ int) {
		r.product(p, at)
	})
	r.objects(pt, path, "relationships", func(rel *object, at string, _ int) {
		if p := r.obj(rel, at, "full_product_name", true); p != nil {
			r.product(p, join(at, "full_product_name"))
		}
	})
}

func (r *reading) branches(o *object, path string, depth int) {
	r.objects(o, path, "branches", func(b *object, at string, _ int) {
		if p := r.obj(b, at, "product", false); p != nil {
			r.product(p, join(at, "product"))
		}
		r.branches(b, at, depth+1) // bounded by the parser's nesting limit
	})
}

func (r *reading) product(p *object, path string) {
	name, ok := r.text(p, path, "name")
	if !ok || r.seen[name] {
		return
	}
	if r.seen == nil {
		r.seen = make(map[string]bool)
	}
	r.seen[name] = true
	r.products = append(r.products, name)
}

func (r *reading) notes(owner *object, path string) {
	r.objects(owner, path, "notes", func(n *object, at string, i int) {
		category, ok1 := r.text(n, at, "category")
		text, ok2 := r.str(n, at, "text", true)
		title, ok3 := r.optional(n, at, "title")
		if ok1 && ok2 && ok3 {
			r.add(r.cls.note(category, title), title, text, owner, "notes", i)
		}
	})
}

func (r *reading) references(owner *object, path string) {
	r.objects(owner, path, "references", func(ref *object, at string, i int) {
		url, ok1 := r.str(ref, at, "url", true)
		summary, ok2 := r.str(ref, at, "summary", true)
		category, ok3 := r.optional(ref, at, "category")
		if !ok1 || !ok2 || !ok3 {
			return
		}
		// A reference to the document itself is part of its identity;
		// any other may point anywhere, even to exploit code.
		class := disclosure.ClassUnclassified
		if category == "self" {
			class = disclosure.ClassSummary
		}
		r.add(class, "Reference: "+summary, url, owner, "references", i)
	})
}

func (r *reading) acknowledgments(owner *object, path string) {
	r.objects(owner, path, "acknowledgments", func(a *object, at string, i int) {
		var lines []string
		good := true
		strs := func(key string) {
			for j, v := range r.list(a, at, key, false) {
				if s, ok := v.(string); ok {
					lines = append(lines, s)
				} else {
					r.addf(item(join(at, key), j), "expected a string, got %s", typeName(v))
					good = false
				}
			}
		}
		one := func(key string) {
			s, ok := r.optional(a, at, key)
			good = good && ok
			if s != "" {
				lines = append(lines, s)
			}
		}
		strs("names")
		one("organization")
		one("summary")
		strs("urls")
		if good {
			r.add(disclosure.ClassUnclassified, "Acknowledgment", strings.Join(lines, "\n"), owner, "acknowledgments", i)
		}
	})
}

func (r *reading) vulnerability(v *object, path string, _ int) {
	if cve, ok := r.str(v, path, "cve", false); ok {
		switch first, dup := r.cveAt[cve]; {
		case !validCVE(cve):
			r.addf(join(path, "cve"), "%q is not a CVE ID (CVE-YYYY-NNNN)", cve)
		case dup:
			r.addf(join(path, "cve"), "%q repeats %s", cve, first)
		default:
			if r.cveAt == nil {
				r.cveAt = make(map[string]string)
			}
			r.cveAt[cve] = join(path, "cve")
			r.cves = append(r.cves, cve)
		}
	}
	release := "release_date"
	if r.version == "2.1" {
		release = "disclosure_date"
	}
	if d, ok := r.date(v, path, release, false); ok {
		r.publicCandidate(d)
	}
	known := vulnSummary[r.version]
	for _, m := range v.members {
		switch m.key {
		case "notes":
			r.notes(v, path)
		case "remediations":
			r.remediations(v, path)
		case "threats":
			r.threats(v, path)
		case "references":
			r.references(v, path)
		case "acknowledgments":
			r.acknowledgments(v, path)
		case "flags":
			r.flags(v, path)
		case "involvements":
			r.involvements(v, path)
		case "cwe":
			if r.version != "2.0" {
				r.unknown(v, m.key, m.val)
			} else if c := r.obj(v, path, "cwe", false); c != nil {
				r.cwe(c, join(path, "cwe"), v, "cwe", -1)
			}
		case "cwes":
			if r.version != "2.1" {
				r.unknown(v, m.key, m.val)
				continue
			}
			r.objects(v, path, "cwes", func(c *object, at string, i int) { r.cwe(c, at, v, "cwes", i) })
		case "scores":
			if r.version != "2.0" {
				r.unknown(v, m.key, m.val)
				continue
			}
			r.objects(v, path, "scores", func(s *object, at string, _ int) { r.cvss(s, at) })
		case "metrics":
			if r.version != "2.1" {
				r.unknown(v, m.key, m.val)
				continue
			}
			r.objects(v, path, "metrics", func(s *object, at string, _ int) {
				if c := r.obj(s, at, "content", true); c != nil {
					r.cvss(c, join(at, "content"))
				}
			})
		case "first_known_exploitation_dates":
			if r.version != "2.1" {
				r.unknown(v, m.key, m.val)
				continue
			}
			r.objects(v, path, m.key, func(e *object, at string, _ int) {
				if d, ok := r.date(e, at, "exploitation_date", true); ok {
					r.exploitation(d)
				}
			})
		default:
			if !slices.Contains(known, m.key) {
				r.unknown(v, m.key, m.val)
			}
		}
	}
}

func (r *reading) remediations(v *object, path string) {
	r.objects(v, path, "remediations", func(m *object, at string, i int) {
		category, ok1 := r.text(m, at, "category")
		details, ok2 := r.str(m, at, "details", true)
		if ok1 && ok2 {
			r.add(disclosure.ClassMitigations, "Remediation: "+category, details, v, "remediations", i)
		}
	})
}

// threatClass is the class of each category of threat. An exploit status
// is the summary: the embargo's timing comes from it. An impact is part of
// the generic description. A target set (the known victims) and any other
// category are unclassified.
var threatClass = map[string]disclosure.Class{
	"exploit_status": disclosure.ClassSummary,
	"impact":         disclosure.ClassDescription,
}

// notExploited are phrases of an exploit status that says there is no
// exploitation, such as Microsoft's "Exploited:No". Such a status is no
// signal: an embargo that ends by mistake releases content early.
var notExploited = []string{"exploited:no", "not exploited", "no known", "not known", "no exploitation", "not been exploited", "unproven"}

func (r *reading) threats(v *object, path string) {
	r.objects(v, path, "threats", func(t *object, at string, i int) {
		category, ok1 := r.text(t, at, "category")
		details, ok2 := r.str(t, at, "details", true)
		date, ok3 := r.date(t, at, "date", false)
		if _, has := t.get("date"); !has {
			ok3 = true
		}
		if !ok1 || !ok2 || !ok3 {
			return
		}
		class, ok := threatClass[category]
		if !ok {
			class = disclosure.ClassUnclassified
		}
		r.add(class, "Threat: "+category, details, v, "threats", i)
		if category == "exploit_status" && !date.IsZero() {
			lower := strings.ToLower(details)
			if !slices.ContainsFunc(notExploited, func(p string) bool { return strings.Contains(lower, p) }) {
				r.exploitation(date)
			}
		}
	})
}

func (r *reading) cwe(c *object, path string, owner *object, key string, i int) {
	id, ok1 := r.text(c, path, "id")
	name, ok2 := r.str(c, path, "name", true)
	if ok1 && ok2 {
		r.add(disclosure.ClassDescription, id, name, owner, key, i)
	}
}

func (r *reading) flags(v *object, path string) {
	r.objects(v, path, "flags", func(f *object, at string, i int) {
		if label, ok := r.text(f, at, "label"); ok {
			r.add(disclosure.ClassTechnicalDetails, "Flag", label, v, "flags", i)
		}
	})
}

func (r *reading) involvements(v *object, path string) {
	r.objects(v, path, "involvements", func(inv *object, at string, i int) {
		party, ok1 := r.text(inv, at, "party")
		status, ok2 := r.text(inv, at, "status")
		summary, ok3 := r.optional(inv, at, "summary")
		if ok1 && ok2 && ok3 {
			r.add(disclosure.ClassUnclassified, "Involvement: "+party+", "+status, summary, v, "involvements", i)
		}
	})
}

// cvss reads the base scores of the CVSS objects of a score (2.0) or of a
// metric's content (2.1).
func (r *reading) cvss(o *object, path string) {
	for _, key := range []string{"cvss_v2", "cvss_v3", "cvss_v4"} {
		c := r.obj(o, path, key, false)
		if c == nil {
			continue
		}
		at := join(join(path, key), "baseScore")
		v, ok := c.get("baseScore")
		if !ok {
			r.addf(at, "required")
			continue
		}
		n, ok := v.(number)
		if !ok {
			r.addf(at, "expected a number, got %s", typeName(v))
			continue
		}
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil || f < 0 || f > 10 {
			r.addf(at, "%s is not a CVSS base score (0 to 10)", n)
			continue
		}
		if !r.scored || f > r.score {
			r.score, r.scored = f, true
		}
	}
}

// validCVE reports whether s has the form CVE-YYYY-NNNN with four or more
// digits in the sequence number.
func validCVE(s string) bool {
	rest, ok := strings.CutPrefix(s, "CVE-")
	if !ok || len(rest) < 9 || rest[4] != '-' {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if i != 4 && (rest[i] < '0' || rest[i] > '9') {
			return false
		}
	}
	return true
}

// severity rates a CVSS base score with the qualitative scale of CVSS v3
// and v4, whatever the version of the score.
func severity(score float64) disclosure.Severity {
	switch {
	case score == 0:
		return disclosure.SeverityNone
	case score < 4:
		return disclosure.SeverityLow
	case score < 7:
		return disclosure.SeverityMedium
	case score < 9:
		return disclosure.SeverityHigh
	}
	return disclosure.SeverityCritical
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
	}
	if r.scored {
		a.Severity = severity(r.score)
	}
	if !r.exploited.IsZero() && r.exploited.Before(r.public) {
		a.Embargo = disclosure.Embargo{EndedAt: r.exploited, Reason: disclosure.EndExploited}
	}
	if len(r.elements) > 0 {
		a.Sections = make([]disclosure.Section, len(r.elements))
		for i := range r.elements {
			a.Sections[i] = r.elements[i].section
		}
	}
	return a
}
