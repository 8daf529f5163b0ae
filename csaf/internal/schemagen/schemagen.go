// Package schemagen derives, from the official CSAF JSON schemas, the
// members each object of a CSAF document may have, and writes them as Go
// tables for package csaf (members_gen.go).
//
// A position is a place in a document, such as "document.tracking" or
// "vulnerabilities[].notes[]": the set of schemas that apply to the value
// there, with every $ref resolved (to the same file or to another schema
// file) and the subschemas of allOf, anyOf, oneOf, if, then and else taken
// as a union. At a position, the defined members are the union of the
// properties of these schemas, a member is required when any of them
// requires it, and the elements of an array value are at the position of
// the union of their items and prefixItems. Two places with the same set
// of schemas share a position (the notes of /document and of a
// vulnerability), which also makes recursive structures (branches) finite.
package schemagen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// A Version is one CSAF version: its root schema and the local copy of
// every schema file it refers to, by URL.
type Version struct {
	Name  string            // "2.0"
	Var   string            // the Go variable of its table
	Root  string            // the URL of the CSAF schema
	Files map[string]string // URL (without fragment) to a file under the schema directory
}

// Versions are the CSAF versions package csaf reads.
var Versions = []Version{
	{
		Name: "2.0", Var: "schema20",
		Root: "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json",
		Files: map[string]string{
			"https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json": "2.0/csaf_json_schema.json",
			"https://www.first.org/cvss/cvss-v2.0.json":                        "2.0/cvss-v2.0.json",
			"https://www.first.org/cvss/cvss-v3.0.json":                        "2.0/cvss-v3.0.json",
			"https://www.first.org/cvss/cvss-v3.1.json":                        "2.0/cvss-v3.1.json",
		},
	},
	{
		Name: "2.1", Var: "schema21",
		Root: "https://docs.oasis-open.org/csaf/csaf/v2.1/schema/csaf.json",
		Files: map[string]string{
			"https://docs.oasis-open.org/csaf/csaf/v2.1/schema/csaf.json":                  "2.1/json_schema_csaf.json",
			"https://docs.oasis-open.org/csaf/csaf/v2.1/schema/extension-content.json":     "2.1/json_schema_extension-content.json",
			"https://docs.oasis-open.org/csaf/csaf/v2.1/schema/extension-metaschema.json":  "2.1/json_schema_extension-metaschema.json",
			"https://www.first.org/cvss/cvss-v2.0.json":                                    "2.1/referenced_schema_first_cvss-v2.0.json",
			"https://www.first.org/cvss/cvss-v3.0.json":                                    "2.1/referenced_schema_first_cvss-v3.0.json",
			"https://www.first.org/cvss/cvss-v3.1.json":                                    "2.1/referenced_schema_first_cvss-v3.1.json",
			"https://www.first.org/cvss/cvss-v4.0.json":                                    "2.1/referenced_schema_first_cvss-v4.0.json",
			"https://certcc.github.io/SSVC/data/schema/v2/SelectionList_2_0_0.schema.json": "2.1/referenced_schema_certcc_SelectionList_2_0_0.schema.json",
		},
	},
}

// node is one schema: a file's URL and a JSON pointer into it.
type node struct{ url, ptr string }

func (n node) String() string { return n.url + "#" + n.ptr }

type gen struct {
	v     Version
	dir   string
	files map[string]any // URL to parsed schema
}

func (g *gen) load(url string) (any, error) {
	if s, ok := g.files[url]; ok {
		return s, nil
	}
	name, ok := g.v.Files[url]
	if !ok {
		return nil, fmt.Errorf("CSAF %s: no local copy of %s", g.v.Name, url)
	}
	data, err := os.ReadFile(filepath.Join(g.dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, err
	}
	var s any
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	g.files[url] = s
	return s, nil
}

// schema returns the schema a node points to.
func (g *gen) schema(n node) (any, error) {
	s, err := g.load(n.url)
	if err != nil {
		return nil, err
	}
	if n.ptr == "" {
		return s, nil
	}
	for _, tok := range strings.Split(strings.TrimPrefix(n.ptr, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch v := s.(type) {
		case map[string]any:
			next, ok := v[tok]
			if !ok {
				return nil, fmt.Errorf("%v: no %q", n, tok)
			}
			s = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v) {
				return nil, fmt.Errorf("%v: no element %q", n, tok)
			}
			s = v[i]
		default:
			return nil, fmt.Errorf("%v: cannot step into %q", n, tok)
		}
	}
	return s, nil
}

// resolve returns the node a $ref of the schema at n points to.
func resolve(n node, ref string) node {
	url, frag, _ := strings.Cut(ref, "#")
	if url == "" {
		url = n.url
	}
	return node{url: url, ptr: frag}
}

// expand returns the closure of the nodes under $ref and the combinators,
// sorted: the schemas that all apply at one position.
func (g *gen) expand(start []node) ([]node, error) {
	seen := map[node]bool{}
	var out []node
	var visit func(n node) error
	visit = func(n node) error {
		if seen[n] {
			return nil
		}
		seen[n] = true
		s, err := g.schema(n)
		if err != nil {
			return err
		}
		m, isObj := s.(map[string]any)
		if !isObj {
			return nil // a boolean schema: no structure
		}
		out = append(out, n)
		if ref, ok := m["$ref"].(string); ok {
			if err := visit(resolve(n, ref)); err != nil {
				return err
			}
		}
		for _, k := range []string{"allOf", "anyOf", "oneOf"} {
			if list, ok := m[k].([]any); ok {
				for i := range list {
					if err := visit(node{n.url, n.ptr + "/" + k + "/" + strconv.Itoa(i)}); err != nil {
						return err
					}
				}
			}
		}
		for _, k := range []string{"if", "then", "else"} {
			if _, ok := m[k]; ok {
				if err := visit(node{n.url, n.ptr + "/" + k}); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, n := range start {
		if err := visit(n); err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out, nil
}

func key(ns []node) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = n.String()
	}
	return strings.Join(parts, " ")
}

// A Position is one place of a document with the members defined there.
type Position struct {
	At      string   // the shortest path to it, such as "document.notes[]"
	Open    bool     // no schema here forbids other members
	Items   int      // the position of the elements of an array value
	Members []Member // sorted by name
}

// A Member is a member defined at a position.
type Member struct {
	Name     string
	Pos      int
	Required bool
}

// Table computes the positions of one version. Position 0 is a value with
// no structure (no members, no elements); position 1 is the document.
func Table(dir string, v Version) ([]Position, error) {
	g := &gen{v: v, dir: dir, files: map[string]any{}}
	root, err := g.expand([]node{{url: v.Root}})
	if err != nil {
		return nil, err
	}
	positions := []Position{{At: "(no structure)", Open: true}}
	sets := [][]node{nil}
	index := map[string]int{"": 0}
	add := func(ns []node, at string) int {
		k := key(ns)
		if i, ok := index[k]; ok {
			return i
		}
		index[k] = len(positions)
		positions = append(positions, Position{At: at})
		sets = append(sets, ns)
		return len(positions) - 1
	}
	add(root, "(the document)")
	for i := 1; i < len(positions); i++ { // breadth first: the shortest paths
		ns := sets[i]
		props := map[string][]node{}
		required := map[string]bool{}
		var items []node
		open := true
		for _, n := range ns {
			s, _ := g.schema(n)
			m := s.(map[string]any)
			if p, ok := m["properties"].(map[string]any); ok {
				names := make([]string, 0, len(p))
				for name := range p {
					names = append(names, name)
				}
				sort.Strings(names)
				for _, name := range names {
					props[name] = append(props[name], node{n.url, n.ptr + "/properties/" + escape(name)})
				}
			}
			if r, ok := m["required"].([]any); ok {
				for _, name := range r {
					if s, ok := name.(string); ok {
						required[s] = true
					}
				}
			}
			if ap, ok := m["additionalProperties"].(bool); ok && !ap {
				open = false
			}
			if up, ok := m["unevaluatedProperties"].(bool); ok && !up {
				open = false
			}
			switch it := m["items"].(type) {
			case map[string]any:
				items = append(items, node{n.url, n.ptr + "/items"})
			case []any:
				for j := range it {
					items = append(items, node{n.url, n.ptr + "/items/" + strconv.Itoa(j)})
				}
			}
			if pi, ok := m["prefixItems"].([]any); ok {
				for j := range pi {
					items = append(items, node{n.url, n.ptr + "/prefixItems/" + strconv.Itoa(j)})
				}
			}
		}
		at := positions[i].At
		if i == 1 {
			at = ""
		}
		pos := Position{At: positions[i].At, Open: open && (len(props) > 0 || len(items) == 0)}
		if len(items) > 0 {
			ex, err := g.expand(items)
			if err != nil {
				return nil, err
			}
			pos.Items = add(ex, at+"[]")
		}
		names := make([]string, 0, len(props))
		for name := range props {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			ex, err := g.expand(props[name])
			if err != nil {
				return nil, err
			}
			child := name
			if at != "" {
				child = at + "." + name
			}
			pos.Members = append(pos.Members, Member{Name: name, Pos: add(ex, child), Required: required[name]})
		}
		positions[i] = pos
	}
	// A position whose schemas define no members, and no elements but
	// such positions, is position 0: strings, numbers, lists of strings.
	leaf := make([]bool, len(positions))
	for changed := true; changed; {
		changed = false
		for i, p := range positions {
			if i > 1 && !leaf[i] && p.Open && len(p.Members) == 0 && (p.Items == 0 || leaf[p.Items]) {
				leaf[i], changed = true, true
			}
		}
	}
	remap := make([]int, len(positions))
	var kept []Position
	for i, p := range positions {
		if leaf[i] {
			continue
		}
		remap[i] = len(kept)
		kept = append(kept, p)
	}
	for i := range kept {
		kept[i].Items = remap[kept[i].Items]
		for j := range kept[i].Members {
			kept[i].Members[j].Pos = remap[kept[i].Members[j].Pos]
		}
	}
	return kept, nil
}

func escape(name string) string {
	return strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}

// Generate returns the Go source of members_gen.go from the schemas under
// dir (2.0/... and 2.1/..., as in Versions).
func Generate(dir string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`// Code generated by schemagen from the CSAF JSON schemas under testdata/schema; DO NOT EDIT.

package csaf

// The members the official CSAF JSON schemas define at each position of a
// document, by version: see package internal/schemagen for how they are
// derived. Position 0 is a value without structure, position 1 the
// document. Each member is {name, position of its value, req (required)
// or opt}. "open" marks a position whose schemas do not forbid other
// members; Read withholds undefined members there too.
`)
	for _, v := range Versions {
		ps, err := Table(dir, v)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "\n// %s is CSAF %s (%s), %d positions.\nvar %s = schemaTable{version: %q, positions: []position{\n", v.Var, v.Name, v.Root, len(ps), v.Var, v.Name)
		for i, p := range ps {
			open := ""
			if p.Open && i > 0 {
				open = ", open"
			}
			fmt.Fprintf(&b, "\t/* %d: %s%s */ {", i, p.At, open)
			var fields []string
			if p.Open {
				fields = append(fields, "open: true")
			}
			if p.Items != 0 {
				fields = append(fields, fmt.Sprintf("items: %d", p.Items))
			}
			if len(p.Members) > 0 {
				ms := make([]string, len(p.Members))
				for j, m := range p.Members {
					req := "opt"
					if m.Required {
						req = "req"
					}
					ms[j] = fmt.Sprintf("{%q, %d, %s}", m.Name, m.Pos, req)
				}
				fields = append(fields, "members: []defined{"+strings.Join(ms, ", ")+"}")
			}
			b.WriteString(strings.Join(fields, ", "))
			b.WriteString("},\n")
		}
		b.WriteString("}}\n")
	}
	return format.Source(b.Bytes())
}
