package csaf

// Where each element's section comes from in the tree: the strings that
// make its title and its body, in the order Read joins them.

// A slot is one string of the tree: a string value, or a member's name.
type slot struct {
	val *any    // a string value; nil for a name
	key *string // a member's name
}

func (s slot) get() string {
	if s.key != nil {
		return *s.key
	}
	v, _ := (*s.val).(string)
	return v
}

func (s slot) set(v string) {
	if s.key != nil {
		*s.key = v
	} else {
		*s.val = v
	}
}

// slotsOf returns the strings of e's value that make its section's title
// and body, each in the order Read writes them into the section (see the
// readers in elements.go and read.go): "Remediation: " and the category
// make a remediation's title, for example, so the category is its title's
// one slot. Constant parts hold no placeholder, and a placeholder cannot
// span two slots: Read joins them with separators of other characters
// (", ", a line break), and in compact JSON each string is quoted.
func slotsOf(e *element) (title, body []slot) {
	member, v := valueOf(e)
	if v == nil {
		return nil, nil // unreachable: Read found it there
	}
	if e.whole {
		// An undefined member or an extension: its name, then its value
		// as compact JSON.
		return []slot{{key: &member.key}}, stringsIn(v, nil)
	}
	o, ok := (*v).(*object)
	if !ok {
		return nil, nil // unreachable: every other element is an object
	}
	str := func(keys ...string) []slot {
		var out []slot
		for _, k := range keys {
			for i := range o.members {
				if m := &o.members[i]; m.key == k {
					if _, ok := m.val.(string); ok {
						out = append(out, slot{val: &m.val})
					}
				}
			}
		}
		return out
	}
	list := func(key string) []slot {
		var out []slot
		for i := range o.members {
			if m := &o.members[i]; m.key == key {
				if a, ok := m.val.([]any); ok {
					for j := range a {
						if _, ok := a[j].(string); ok {
							out = append(out, slot{val: &a[j]})
						}
					}
				}
			}
		}
		return out
	}
	switch e.key {
	case "notes":
		return str("title"), str("text")
	case "references":
		return str("summary"), str("url")
	case "acknowledgments":
		body = append(list("names"), str("organization", "summary")...)
		return nil, append(body, list("urls")...)
	case "remediations", "threats":
		return str("category"), str("details")
	case "cwe", "cwes":
		return str("id"), str("name")
	case "flags":
		return nil, str("label")
	case "involvements":
		return str("party", "status"), str("summary")
	}
	return nil, nil // unreachable: Read makes elements of these kinds only
}

// valueOf returns the member of e's owner that holds e, and e's value: the
// member's value, or its element e.index.
func valueOf(e *element) (*member, *any) {
	for i := range e.owner.members {
		m := &e.owner.members[i]
		if m.key != e.key {
			continue
		}
		if e.index < 0 {
			return m, &m.val
		}
		if a, ok := m.val.([]any); ok && e.index < len(a) {
			return m, &a[e.index]
		}
		return m, nil
	}
	return nil, nil
}

// stringsIn appends the names and string values of *v, in the order
// encodeCompact writes them.
func stringsIn(v *any, out []slot) []slot {
	switch x := (*v).(type) {
	case string:
		return append(out, slot{val: v})
	case *object:
		for i := range x.members {
			m := &x.members[i]
			out = append(out, slot{key: &m.key})
			out = stringsIn(&m.val, out)
		}
	case []any:
		for i := range x {
			out = stringsIn(&x[i], out)
		}
	}
	return out
}
