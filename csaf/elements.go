package csaf

// The elements of a document and the class each has: notes, references,
// acknowledgments, the members of a vulnerability, and the product names
// and scores that make the summary.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/internal/cve"
)

// productTree lists the names of every product of the tree: of the
// branches, depth first, then of full_product_names and relationships.
func (r *reading) productTree(pt *object) {
	const path = "product_tree"
	r.branches(pt, path)
	r.objects(pt, path, "full_product_names", func(p *object, at string, _ int) {
		r.product(p, at)
	})
	r.objects(pt, path, "relationships", func(rel *object, at string, _ int) {
		if p := r.obj(rel, at, "full_product_name", true); p != nil {
			r.product(p, join(at, "full_product_name"))
		}
	})
}

func (r *reading) branches(o *object, path string) {
	r.objects(o, path, "branches", func(b *object, at string, _ int) {
		if p := r.obj(b, at, "product", false); p != nil {
			r.product(p, join(at, "product"))
		}
		r.branches(b, at) // bounded by the parser's nesting limit
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

func (r *reading) notes(owner *object, path string, pos uint16) {
	r.objects(owner, path, "notes", func(n *object, at string, i int) {
		category, ok1 := r.text(n, at, "category")
		text, ok2 := r.str(n, at, "text", true)
		title, ok3 := r.optional(n, at, "title")
		if ok1 && ok2 && ok3 {
			class, rule := r.cls.note(category, title)
			r.add(class, rule, title, text, at, owner, "notes", i)
			r.inside(class, n, pos, at)
		}
	})
}

// inside walks the members of a classified element of the given class
// for undefined members. Inside an unclassified element there is no need:
// whoever receives it receives every class.
func (r *reading) inside(class disclosure.Class, o *object, pos uint16, path string) {
	if class != disclosure.ClassUnclassified {
		r.walkMembers(o, pos, path)
	}
}

func (r *reading) references(owner *object, path string, pos uint16) {
	r.objects(owner, path, "references", func(ref *object, at string, i int) {
		url, ok1 := r.str(ref, at, "url", true)
		summary, ok2 := r.str(ref, at, "summary", true)
		category, ok3 := r.optional(ref, at, "category")
		if !ok1 || !ok2 || !ok3 {
			return
		}
		// A reference to the document itself is part of its identity, and
		// one to the publisher's own site or to the superseding document
		// of a superseded one goes with it; any other may point anywhere,
		// even to exploit code.
		class, rule := disclosure.ClassUnclassified, ""
		switch _, has := ref.get("category"); {
		case category == "self":
			class, rule = disclosure.ClassSummary, `reference category "self" → summary (the document itself)`
		case r.category == "csaf_superseded" && owner == r.doc && strings.HasPrefix(summary, supersedingPrefix):
			class, rule = r.ownReference(summary, url, `reference "`+supersedingPrefix+`…" of a superseded document (CSAF 2.1 test 6.1.27.19 requires it)`)
		case r.site.has(url):
			class, rule = r.ownReference(summary, url, "reference to the publisher's own site ("+r.site.String()+")")
		case !has:
			rule = `reference without a category (external) → unclassified (it may lead anywhere, even to exploit code)`
		default:
			rule = r.cls.say("r"+category, func() string {
				return fmt.Sprintf("reference category %q → unclassified (it may lead anywhere, even to exploit code)", category)
			})
		}
		r.add(class, rule, "Reference: "+summary, url, at, owner, "references", i)
		r.inside(class, ref, pos, at)
	})
}

// supersedingPrefix starts the summary of the reference of a superseded
// CSAF 2.1 document to the document that supersedes it (test 6.1.27.19).
const supersedingPrefix = "Superseding Document"

// ownReference returns the class of a reference that travels with the
// document (what says in words): the summary, unless a title rule matches
// its summary or its URL, as for a note's title ("Exploit code",
// https://psirt.example.com/poc/exploit.py): then that rule's class.
func (r *reading) ownReference(summary, url, what string) (disclosure.Class, string) {
	class, win := r.cls.byTitle(summary+" "+url, disclosure.ClassSummary)
	if win != nil {
		return class, fmt.Sprintf("%s, whose summary or URL matches %q → %s", what, win.phrase, class)
	}
	return class, r.cls.say("o"+what, func() string { return what + " → summary" })
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
			r.add(disclosure.ClassUnclassified, "acknowledgment → unclassified (it names the finder before the release)",
				"Acknowledgment", strings.Join(lines, "\n"), at, owner, "acknowledgments", i)
		}
	})
}

func (r *reading) vulnerability(v *object, path string, pos uint16) {
	r.vulns++
	if id, ok := r.str(v, path, "cve", false); ok {
		switch first, dup := r.cveAt[id]; {
		case !cve.Valid(id):
			r.addf(join(path, "cve"), "%q is not a CVE ID (CVE-YYYY-NNNN)", id)
		case dup:
			r.addf(join(path, "cve"), "%q repeats %s", id, first)
		default:
			if r.cveAt == nil {
				r.cveAt = make(map[string]string)
			}
			r.cveAt[id] = join(path, "cve")
			r.cves = append(r.cves, id)
		}
	}
	release := "release_date"
	if r.version == "2.1" {
		release = "disclosure_date"
	}
	if d, ok := r.date(v, path, release, false); ok {
		if d.After(r.released) {
			r.released = d
		}
	} else {
		r.undated = true
	}
	for i := range v.members {
		m := &v.members[i]
		child, defined := r.table.child(pos, m.key)
		if !defined {
			r.undefined(v, path, m)
			continue
		}
		it := r.table.items(child)
		switch m.key {
		case "notes":
			r.notes(v, path, it)
		case "remediations":
			r.remediations(v, path, it)
		case "threats":
			r.threats(v, path, it)
		case "references":
			r.references(v, path, it)
		case "acknowledgments":
			r.acknowledgments(v, path)
		case "flags":
			r.flags(v, path, it)
		case "involvements":
			r.involvements(v, path)
		case "cwe":
			if c := r.obj(v, path, "cwe", false); c != nil {
				r.cwe(c, join(path, "cwe"), child, v, "cwe", -1)
			}
		case "cwes":
			r.objects(v, path, "cwes", func(c *object, at string, i int) { r.cwe(c, at, it, v, "cwes", i) })
		case "scores":
			r.objects(v, path, "scores", func(s *object, at string, _ int) { r.cvss(s, at) })
			r.other(v, pos, path, m)
		case "metrics":
			r.objects(v, path, "metrics", func(s *object, at string, _ int) {
				if c := r.obj(s, at, "content", true); c != nil {
					r.cvss(c, join(at, "content"))
				}
			})
			r.other(v, pos, path, m)
		case "first_known_exploitation_dates":
			r.objects(v, path, m.key, func(e *object, at string, _ int) {
				if d, ok := r.date(e, at, "exploitation_date", true); ok {
					s, _ := e.get("exploitation_date")
					r.signals = append(r.signals, Signal{Kind: SignalFirstKnownExploitation, Path: at, Date: d, Text: s.(string)})
				}
			})
			r.other(v, pos, path, m)
		default:
			r.other(v, pos, path, m)
		}
	}
}

func (r *reading) remediations(v *object, path string, pos uint16) {
	r.objects(v, path, "remediations", func(m *object, at string, i int) {
		category, ok1 := r.text(m, at, "category")
		details, ok2 := r.str(m, at, "details", true)
		if ok1 && ok2 {
			r.add(disclosure.ClassMitigations, remediationRule, "Remediation: "+category, details, at, v, "remediations", i)
			r.inside(disclosure.ClassMitigations, m, pos, at)
		}
	})
}

const remediationRule = "remediation → mitigations"

// threatClass is the class of each category of threat. An exploit status
// is the summary: a partner learns whether the flaw is exploited. An
// impact is part of the generic description. A target set (the known
// victims) and any other category are unclassified.
var threatClass = map[string]disclosure.Class{
	"exploit_status": disclosure.ClassSummary,
	"impact":         disclosure.ClassDescription,
}

func (r *reading) threats(v *object, path string, pos uint16) {
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
		rule := r.cls.say("t"+category, func() string {
			if !ok {
				return fmt.Sprintf("threat category %q → unclassified (no rule for this category; a target set names victims)", category)
			}
			return fmt.Sprintf("threat category %q → %s", category, class)
		})
		r.add(class, rule, "Threat: "+category, details, at, v, "threats", i)
		r.inside(class, t, pos, at)
		if category == "exploit_status" && !date.IsZero() {
			r.signals = append(r.signals, Signal{Kind: SignalExploitStatus, Path: at, Date: date, Text: details})
		}
	})
}

func (r *reading) cwe(c *object, path string, pos uint16, owner *object, key string, i int) {
	id, ok1 := r.text(c, path, "id")
	name, ok2 := r.str(c, path, "name", true)
	if ok1 && ok2 {
		r.add(disclosure.ClassDescription, "CWE → description", id, name, path, owner, key, i)
		r.inside(disclosure.ClassDescription, c, pos, path)
	}
}

func (r *reading) flags(v *object, path string, pos uint16) {
	r.objects(v, path, "flags", func(f *object, at string, i int) {
		if label, ok := r.text(f, at, "label"); ok {
			r.add(disclosure.ClassTechnicalDetails, "flag → technical-details (it says why a product is not affected)",
				"Flag", label, at, v, "flags", i)
			r.inside(disclosure.ClassTechnicalDetails, f, pos, at)
		}
	})
}

func (r *reading) involvements(v *object, path string) {
	r.objects(v, path, "involvements", func(inv *object, at string, i int) {
		party, ok1 := r.text(inv, at, "party")
		status, ok2 := r.text(inv, at, "status")
		summary, ok3 := r.optional(inv, at, "summary")
		if ok1 && ok2 && ok3 {
			r.add(disclosure.ClassUnclassified, "involvement → unclassified (it tells the state of the coordination)",
				"Involvement: "+party+", "+status, summary, at, v, "involvements", i)
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
