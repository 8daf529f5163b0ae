package csaf

import (
	"slices"
	"strconv"
)

// The document is handled as a generic JSON tree, not decoded into structs,
// so that Write keeps every member it does not remove, unknown ones
// included, in their order, and numbers exactly as written. A value of the
// tree is one of:
//
//	*object  a JSON object, members in document order
//	[]any    a JSON array
//	string   a JSON string
//	number   a JSON number, its literal as written
//	bool     true or false
//	nil      null

// object is a JSON object that keeps its members in document order.
type object struct {
	members []member
}

type member struct {
	key string
	val any
}

// number is a JSON number literal, kept as written: "10.0" stays "10.0".
type number string

// get returns the value of the member key.
func (o *object) get(key string) (any, bool) {
	for i := range o.members {
		if o.members[i].key == key {
			return o.members[i].val, true
		}
	}
	return nil, false
}

// stringAt returns the string at the path of member keys from o, if there
// is one.
func stringAt(o *object, keys ...string) (string, bool) {
	var v any = o
	for _, k := range keys {
		obj, ok := v.(*object)
		if !ok {
			return "", false
		}
		if v, ok = obj.get(k); !ok {
			return "", false
		}
	}
	s, ok := v.(string)
	return s, ok
}

// memberAs returns the member key of o as a T, if it is one.
func memberAs[T any](o *object, key string) (T, bool) {
	var zero T
	v, ok := o.get(key)
	if !ok {
		return zero, false
	}
	t, ok := v.(T)
	return t, ok
}

// field returns the string member key of v, if v is an object that has
// one, or "".
func field(v any, key string) string {
	o, ok := v.(*object)
	if !ok {
		return ""
	}
	s, _ := stringAt(o, key)
	return s
}

// renderPath writes a path in the library's form: document.notes[2].text.
func renderPath(steps []step) string {
	var b []byte
	for _, s := range steps {
		if s.isIndex {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(s.index), 10)
			b = append(b, ']')
			continue
		}
		b = appendKey(b, s.key)
	}
	return string(b)
}

// appendKey appends ".key", or just "key" at the start; a key that is not
// a plain name is written ["like this"].
func appendKey(b []byte, key string) []byte {
	plain := key != ""
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '-' || c == '+') {
			plain = false
			break
		}
	}
	if !plain {
		b = append(b, '[')
		b = strconv.AppendQuote(b, key)
		return append(b, ']')
	}
	if len(b) > 0 {
		b = append(b, '.')
	}
	return append(b, key...)
}

// fork returns a copy of r that a write may change: a deep copy of r's
// tree, and r's elements pointing into it. r stays as Read left it.
func (r *reading) fork() *reading {
	owners := make(map[*object]*object, len(r.elements)+1)
	owners[r.doc] = nil
	for i := range r.elements {
		owners[r.elements[i].owner] = nil
	}
	c := *r
	c.root = cloneTree(r.root, owners).(*object)
	c.doc = owners[r.doc]
	c.elements = slices.Clone(r.elements)
	for i := range c.elements {
		c.elements[i].owner = owners[c.elements[i].owner]
	}
	return &c
}

// cloneTree returns a deep copy of the value v of a tree. The copy of each
// object that is a key of owners is recorded there.
func cloneTree(v any, owners map[*object]*object) any {
	switch x := v.(type) {
	case *object:
		o := &object{members: slices.Clone(x.members)}
		for i := range o.members {
			o.members[i].val = cloneTree(o.members[i].val, owners)
		}
		if _, ok := owners[x]; ok {
			owners[x] = o
		}
		return o
	case []any:
		if len(x) == 0 {
			return v // nothing writes into an array of no elements
		}
		a := slices.Clone(x)
		for i := range a {
			a[i] = cloneTree(a[i], owners)
		}
		return a
	}
	return v // strings, numbers, booleans and null are not changed in place
}
