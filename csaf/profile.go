package csaf

// What CSAF's mandatory tests require of a document's category (its
// profile, tests 6.1.27.x) that removing elements can take away. Write
// checks them on the copy and refuses a copy that fails one its original
// passes.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/disclosurekit/disclosure"
)

// A requirement is one requirement of a mandatory test that a document
// does not meet.
type requirement struct {
	test string // the test's number in the standard: "6.1.27.5"
	path string // the element that does not meet it: "vulnerabilities[0]"
	need string // what it needs, in words
	// from are the paths under which the elements that would meet it are:
	// "vulnerabilities[0].notes".
	from []string
}

// key identifies a requirement, to compare a copy's with its original's.
func (q *requirement) key() string { return q.test + " " + q.path + " " + q.need }

// unmet returns the requirements of the profile of the document's
// category, in the tests CSAF 2.0 and 2.1 share (6.1.27.1, 6.1.27.2,
// 6.1.27.5, 6.1.27.9, 6.1.27.10) and those of CSAF 2.1 (6.1.27.14,
// 6.1.27.17, 6.1.27.18, 6.1.27.19), that the document does not meet.
// These are the requirements that name notes, references, threats, flags
// or remediations, the elements Write may remove; the others (a product
// tree, product statuses, vulnerabilities or none) name what every copy
// keeps.
func unmet(root *object, version string) []requirement {
	doc, _ := memberAs[*object](root, "document")
	if doc == nil {
		return nil
	}
	category, _ := stringAt(doc, "category")
	var out []requirement
	add := func(test, path, need string, from ...string) {
		out = append(out, requirement{test: test, path: path, need: need, from: from})
	}
	notes, _ := memberAs[[]any](doc, "notes")
	refs, _ := memberAs[[]any](doc, "references")

	switch category {
	case "csaf_informational_advisory", "csaf_security_incident_response":
		if !slices.ContainsFunc(notes, func(n any) bool {
			return slices.Contains([]string{"description", "details", "general", "summary"}, field(n, "category"))
		}) {
			add("6.1.27.1", "document.notes", "a note of category description, details, general or summary", "document.notes")
		}
		if !slices.ContainsFunc(refs, func(r any) bool { return field(r, "category") == "external" }) {
			add("6.1.27.2", "document.references", `a reference of category "external"`, "document.references")
		}
	case "csaf_security_advisory", "csaf_vex":
		vulns, _ := memberAs[[]any](root, "vulnerabilities")
		groups := productGroups(root)
		for i, v := range vulns {
			vo, ok := v.(*object)
			if !ok {
				continue
			}
			at := item("vulnerabilities", i)
			if _, has := vo.get("notes"); !has {
				add("6.1.27.5", at, "notes", join(at, "notes"))
			}
			if category != "csaf_vex" {
				continue
			}
			status, _ := memberAs[*object](vo, "product_status")
			if status == nil {
				continue
			}
			for _, st := range []struct {
				status, test, need string
				by                 []string
			}{
				{"known_not_affected", "6.1.27.9", "an impact statement (a threat of category impact, or a flag)", []string{"threats", "flags"}},
				{"known_affected", "6.1.27.10", "an action statement (a remediation)", []string{"remediations"}},
			} {
				ids, _ := memberAs[[]any](status, st.status)
				for j, id := range ids {
					pid, ok := id.(string)
					if !ok || statedFor(vo, st.by, pid, st.status == "known_not_affected", groups) {
						continue
					}
					from := make([]string, len(st.by))
					for k, m := range st.by {
						from[k] = join(at, m)
					}
					add(st.test, item(join(join(at, "product_status"), st.status), j), fmt.Sprintf("%s for product %s", st.need, pid), from...)
				}
			}
		}
	}
	if version != "2.1" {
		return out
	}
	switch category {
	case "csaf_withdrawn", "csaf_superseded":
		if !slices.ContainsFunc(notes, func(n any) bool { return field(n, "category") == "description" }) {
			add("6.1.27.14", "document.notes", `a note of category "description"`, "document.notes")
		}
		test, title := "6.1.27.17", "Reasoning for Withdrawal"
		if category == "csaf_superseded" {
			test, title = "6.1.27.18", "Reasoning for Supersession"
		}
		n := 0
		for _, note := range notes {
			if field(note, "title") == title && field(note, "category") == "description" {
				n++
			}
		}
		if n != 1 {
			add(test, "document.notes", fmt.Sprintf(`exactly one note of category "description" titled %q`, title), "document.notes")
		}
		if category == "csaf_superseded" && !slices.ContainsFunc(refs, func(r any) bool {
			return strings.HasPrefix(field(r, "summary"), supersedingPrefix) && field(r, "category") == "external"
		}) {
			add("6.1.27.19", "document.references", fmt.Sprintf(`a reference of category "external" whose summary starts with %q`, supersedingPrefix), "document.references")
		}
	}
	return out
}

// statedFor reports whether an element of one of the arrays keys of the
// vulnerability v (threats, flags, remediations) names product id, by its
// product_ids or by a group of its group_ids; a threat counts only if its
// category is impact, when impact is set.
func statedFor(v *object, keys []string, id string, impact bool, groups map[string][]any) bool {
	for _, key := range keys {
		list, _ := memberAs[[]any](v, key)
		for _, e := range list {
			eo, ok := e.(*object)
			if !ok || key == "threats" && impact && field(eo, "category") != "impact" {
				continue
			}
			if ids, _ := memberAs[[]any](eo, "product_ids"); slices.Contains(ids, any(id)) {
				return true
			}
			gids, _ := memberAs[[]any](eo, "group_ids")
			for _, g := range gids {
				if s, ok := g.(string); ok && slices.Contains(groups[s], any(id)) {
					return true
				}
			}
		}
	}
	return false
}

// productGroups returns the product IDs of each product group.
func productGroups(root *object) map[string][]any {
	pt, _ := memberAs[*object](root, "product_tree")
	if pt == nil {
		return nil
	}
	list, _ := memberAs[[]any](pt, "product_groups")
	groups := make(map[string][]any, len(list))
	for _, g := range list {
		id := field(g, "group_id")
		grp, ok := g.(*object)
		if !ok || id == "" {
			continue
		}
		ids, _ := memberAs[[]any](grp, "product_ids")
		groups[id] = ids
	}
	return groups
}

// mandatoryProblems returns, for each requirement of after (the copy's)
// that before (the original's) does not hold, the problem that refuses
// the copy, naming the test, the element, and the withheld elements that
// would have met it.
func (r *reading) mandatoryProblems(before, after []requirement, partner string) []*disclosure.FieldError {
	was := make(map[string]bool, len(before))
	for i := range before {
		was[before[i].key()] = true
	}
	var ps []*disclosure.FieldError
	for _, q := range after {
		if was[q.key()] {
			continue
		}
		var gone []string
		for i := range r.elements {
			e := &r.elements[i]
			if !e.withheld {
				continue
			}
			for _, f := range q.from {
				if e.path == f || strings.HasPrefix(e.path, f+"[") || strings.HasPrefix(e.path, f+".") {
					gone = append(gone, e.path+" ("+string(e.section.Class)+")")
					break
				}
			}
		}
		msg := fmt.Sprintf("CSAF mandatory test %s: a %s document needs %s, and partner %s would receive none", q.test, r.category, q.need, partner)
		if len(gone) > 0 {
			msg += ": it does not receive " + strings.Join(gone, ", ")
		}
		ps = append(ps, &disclosure.FieldError{Err: ErrMandatoryTest, Path: q.path, Message: msg + "; the copy is not written"})
	}
	return ps
}
