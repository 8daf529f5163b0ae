package strictjson

import (
	"bytes"
	"encoding"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxDepth bounds the nesting of arrays and objects, so hostile input cannot
// exhaust the stack through the recursive descent below.
const maxDepth = 1000

// jsonSpace is the whitespace JSON allows between tokens.
const jsonSpace = " \t\r\n"

var (
	timeType = reflect.TypeFor[time.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
	textType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// Error is a decoding problem at a JSON path.
type Error struct {
	Path string // "" for the root; otherwise like `tiers[2].lead` or `[3].name` or `partners[0]`
	Msg  string
	// Offset is, for a problem of the JSON text itself (invalid JSON, data
	// after the value), its byte position in the text counted from 1;
	// 0 for a problem of a value, which Path locates.
	Offset int64
}

// Error returns Path + ": " + Msg, or just Msg when Path is "".
func (e *Error) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

func errorf(path, format string, args ...any) *Error {
	return &Error{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// maxProblems bounds how many problems one document can report, so that a
// large document of bad values cannot make a list of problems many times
// its size; decoding stops at the next one.
const maxProblems = 1000

// Errors lists every problem found in one document, in document order.
// Every error of the package is an *Errors with at least one problem.
type Errors struct {
	List []*Error
	// Stopped is set when decoding stopped at the last problem of List,
	// one it cannot step over: invalid JSON, nesting too deep, no JSON
	// value, more than 1000 problems, or a bad target.
	Stopped bool
}

// Error returns the problems, one per line.
func (e *Errors) Error() string {
	var b strings.Builder
	for i, p := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap returns the problems, so that errors.As finds the first *Error.
func (e *Errors) Unwrap() []error {
	errs := make([]error, len(e.List))
	for i, p := range e.List {
		errs[i] = p
	}
	return errs
}

// stop returns the *Errors of a problem that ends decoding at once.
func stop(path, format string, args ...any) *Errors {
	return &Errors{List: []*Error{errorf(path, format, args...)}, Stopped: true}
}

// Decode reads r to its end and calls Unmarshal. It reads all of r: a
// caller that reads untrusted input bounds it, e.g. with io.LimitReader.
func Decode(r io.Reader, v any) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return stop("", "reading input: %v", err)
	}
	return Unmarshal(data, v)
}

// Unmarshal decodes exactly one JSON value from data into v, which must be
// a non-nil pointer. It reports every problem of the document, not only
// the first: see [UnmarshalPartial]. On error v is unchanged.
func Unmarshal(data []byte, v any) error {
	return unmarshal(data, v, false)
}

// UnmarshalPartial decodes as Unmarshal does, and reports the same
// problems, but unless decoding stopped (see [Errors]) v receives what
// decoded even when there were problems: a caller can then check the rest
// of the value. An unknown or repeated key, or a value of the wrong JSON
// type, is skipped; a value that cannot be decoded (a time without a zone
// offset, bad base64, an integer out of range, a text that UnmarshalText
// rejects) is left as it was, zero in a new value. Elements of arrays keep
// their index.
func UnmarshalPartial(data []byte, v any) error {
	return unmarshal(data, v, true)
}

func unmarshal(data []byte, v any, partial bool) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer {
		return stop("", "target must be a non-nil pointer, got %T", v)
	}
	if rv.IsNil() {
		return stop("", "target must be a non-nil pointer, got nil %T", v)
	}
	if len(bytes.Trim(data, jsonSpace)) == 0 {
		return stop("", "no JSON value")
	}
	d := &decoder{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	d.dec.UseNumber()

	// Decode into a shallow copy so that *v is untouched when decoding
	// stops, and by Unmarshal on any problem. The copy keeps struct fields
	// absent from the JSON, as encoding/json does; pointers, slices and
	// maps are always freshly allocated, so nothing shared with *v is
	// modified.
	tmp := reflect.New(rv.Elem().Type()).Elem()
	tmp.Set(rv.Elem())
	if err := d.value(tmp, "", 0); err != nil {
		return &Errors{List: append(d.errs, err), Stopped: true}
	}
	off := d.dec.InputOffset()
	if i := bytes.IndexFunc(data[off:], func(r rune) bool { return !strings.ContainsRune(jsonSpace, r) }); i >= 0 {
		e := errorf("", "unexpected data after the JSON value at byte %d", off+int64(i))
		e.Offset = off + int64(i) + 1
		d.errs = append(d.errs, e)
	}
	if len(d.errs) > 0 {
		if partial {
			rv.Elem().Set(tmp)
		}
		return &Errors{List: d.errs}
	}
	rv.Elem().Set(tmp)
	return nil
}

type decoder struct {
	data []byte
	dec  *json.Decoder
	errs []*Error // the problems decoding stepped over
}

// problem records a problem that decoding steps over. It returns an error
// only when there are too many, to stop decoding.
func (d *decoder) problem(e *Error) *Error {
	if len(d.errs) == maxProblems {
		return errorf(e.Path, "more than %d problems: decoding stopped", maxProblems)
	}
	d.errs = append(d.errs, e)
	return nil
}

// skipMember records a problem of an object's member and skips its value.
func (d *decoder) skipMember(bad *Error, path string, depth int) *Error {
	if err := d.problem(bad); err != nil {
		return err
	}
	return d.skipValue(path, depth)
}

// mismatch records a value of the wrong JSON type, starting with tok, and
// skips it.
func (d *decoder) mismatch(path, want string, tok json.Token, depth int) *Error {
	if err := d.problem(mismatch(path, want, tok)); err != nil {
		return err
	}
	return d.skip(tok, path, depth)
}

// token reads the next token, turning read errors into an *Error at path.
// A read error is invalid JSON: decoding stops there.
func (d *decoder) token(path string) (json.Token, *Error) {
	tok, err := d.dec.Token()
	if err == nil {
		return tok, nil
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, syntaxErrorAt(path, int64(len(d.data)), "unexpected end of JSON input")
	}
	// The Decoder's SyntaxError offsets skip bytes consumed between values.
	// Validating the whole input finds the same first error (we read tokens
	// in order and stop before any deeper nesting) with an exact offset,
	// which counts the bad byte itself.
	var serr *json.SyntaxError
	if errors.As(json.Unmarshal(d.data, new(json.RawMessage)), &serr) && serr.Offset > 0 {
		return nil, syntaxErrorAt(path, serr.Offset-1, serr.Error())
	}
	return nil, syntaxErrorAt(path, d.dec.InputOffset(), err.Error())
}

// syntaxErrorAt returns the problem of invalid JSON at byte off (from 0).
func syntaxErrorAt(path string, off int64, msg string) *Error {
	e := errorf(path, "invalid JSON at byte %d: %s", off, msg)
	e.Offset = off + 1
	return e
}

// value reads one JSON value into v.
func (d *decoder) value(v reflect.Value, path string, depth int) *Error {
	start := d.dec.InputOffset()
	tok, err := d.token(path)
	if err != nil {
		return err
	}
	return d.decodeToken(v, tok, start, path, depth)
}

// decodeToken decodes the value that starts with tok, which began at or after
// byte start, into v. depth is the number of enclosing arrays and objects.
// It records the problems it can step over, and returns one that stops
// decoding.
func (d *decoder) decodeToken(v reflect.Value, tok json.Token, start int64, path string, depth int) *Error {
	if err := checkDepth(tok, path, depth); err != nil {
		return err
	}
	t := v.Type()
	if !supported(t) {
		return d.skipBad(errorf(path, "unsupported type %s", t), tok, depth)
	}
	if tok == nil {
		v.SetZero()
		return nil
	}

	switch {
	case t == timeType:
		s, ok := tok.(string)
		if !ok {
			return d.mismatch(path, "a string", tok, depth)
		}
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return d.problem(errorf(path, "%q is not an RFC 3339 time with a zone offset (such as 2025-07-08T17:00:00Z)", s))
		}
		v.Set(reflect.ValueOf(tm))
		return nil
	case isText(t):
		s, ok := tok.(string)
		if !ok {
			return d.mismatch(path, "a string", tok, depth)
		}
		if e := unmarshalText(v.Addr(), s, path); e != nil {
			return d.problem(e)
		}
		return nil
	case t == rawType:
		if err := d.skip(tok, path, depth); err != nil {
			return err
		}
		// Between tokens there is only whitespace and at most one separator.
		raw := bytes.TrimLeft(d.data[start:d.dec.InputOffset()], jsonSpace+",:")
		v.SetBytes(bytes.Clone(raw))
		return nil
	}

	switch t.Kind() {
	case reflect.Struct:
		return d.structValue(v, tok, path, depth)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			s, ok := tok.(string)
			if !ok {
				return d.mismatch(path, "a string", tok, depth)
			}
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return d.problem(errorf(path, "not valid base64: %v", err))
			}
			v.SetBytes(b)
			return nil
		}
		return d.sliceValue(v, tok, path, depth)
	case reflect.Map:
		return d.mapValue(v, tok, path, depth)
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		n := len(d.errs)
		if err := d.decodeToken(p.Elem(), tok, start, path, depth); err != nil {
			return err
		}
		// A value with a problem of its own is left as it was; one with
		// problems only inside keeps what decoded.
		if !problemAt(d.errs[n:], path) {
			v.Set(p)
		}
		return nil
	case reflect.Interface: // only empty interfaces are supported
		x, err := d.anyValue(tok, path, depth)
		if err != nil {
			return err
		}
		if x == nil { // null, or a number out of range
			v.SetZero()
		} else {
			v.Set(reflect.ValueOf(x))
		}
		return nil
	case reflect.String:
		s, ok := tok.(string)
		if !ok {
			return d.mismatch(path, "a string", tok, depth)
		}
		if e := checkEnum(t, s, path); e != nil {
			return d.problem(e)
		}
		v.SetString(s)
		return nil
	case reflect.Bool:
		b, ok := tok.(bool)
		if !ok {
			return d.mismatch(path, "a boolean", tok, depth)
		}
		v.SetBool(b)
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n, ok := tok.(json.Number)
		if !ok {
			return d.mismatch(path, "a number", tok, depth)
		}
		if e := setInt(v, n, path); e != nil {
			return d.problem(e)
		}
		return nil
	case reflect.Float32, reflect.Float64:
		n, ok := tok.(json.Number)
		if !ok {
			return d.mismatch(path, "a number", tok, depth)
		}
		f, err := strconv.ParseFloat(string(n), t.Bits())
		if err != nil {
			return d.problem(errorf(path, "%s is out of range for %s", n, t.Kind()))
		}
		v.SetFloat(f)
		return nil
	}
	return d.skipBad(errorf(path, "unsupported type %s", t), tok, depth)
}

// problemAt reports whether one of errs is at path itself.
func problemAt(errs []*Error, path string) bool {
	for _, e := range errs {
		if e.Path == path {
			return true
		}
	}
	return false
}

// skipBad records a problem with the value starting with tok and skips it.
func (d *decoder) skipBad(e *Error, tok json.Token, depth int) *Error {
	if err := d.problem(e); err != nil {
		return err
	}
	return d.skip(tok, e.Path, depth)
}

func (d *decoder) structValue(v reflect.Value, tok json.Token, path string, depth int) *Error {
	if tok != json.Delim('{') {
		return d.mismatch(path, "an object", tok, depth)
	}
	info := fieldsOf(v.Type())
	if info.err != "" {
		return d.skipBad(errorf(path, "%s", info.err), tok, depth)
	}
	seen := make([]bool, v.NumField())
	for {
		tok, err := d.token(path)
		if err != nil {
			return err
		}
		if tok == json.Delim('}') {
			return nil
		}
		key, _ := tok.(string) // the Decoder only yields strings or '}' here
		keyPath := member(path, key)
		i, ok := info.index[key]
		var bad *Error
		switch {
		case !ok:
			bad = errorf(keyPath, "unknown field %q", key)
			for _, name := range info.names {
				if strings.EqualFold(name, key) {
					bad = errorf(keyPath, "unknown field %q (did you mean %q?)", key, name)
					break
				}
			}
		case seen[i]:
			bad = errorf(keyPath, "duplicate field %q", key)
		}
		if bad != nil {
			if err := d.skipMember(bad, keyPath, depth+1); err != nil {
				return err
			}
			continue
		}
		seen[i] = true
		if err := d.value(v.Field(i), keyPath, depth+1); err != nil {
			return err
		}
	}
}

// skipValue reads and skips one value.
func (d *decoder) skipValue(path string, depth int) *Error {
	tok, err := d.token(path)
	if err != nil {
		return err
	}
	return d.skip(tok, path, depth)
}

func (d *decoder) sliceValue(v reflect.Value, tok json.Token, path string, depth int) *Error {
	if tok != json.Delim('[') {
		return d.mismatch(path, "an array", tok, depth)
	}
	// An empty array decodes as a nil slice, so that "[]" and an absent
	// key mean the same and values round-trip through omitempty fields.
	s := reflect.Zero(v.Type())
	for i := 0; ; i++ {
		elemPath := index(path, i)
		start := d.dec.InputOffset()
		tok, err := d.token(elemPath)
		if err != nil {
			return err
		}
		if tok == json.Delim(']') {
			v.Set(s)
			return nil
		}
		s = reflect.Append(s, reflect.Zero(s.Type().Elem()))
		if err := d.decodeToken(s.Index(i), tok, start, elemPath, depth+1); err != nil {
			return err
		}
	}
}

func (d *decoder) mapValue(v reflect.Value, tok json.Token, path string, depth int) *Error {
	if tok != json.Delim('{') {
		return d.mismatch(path, "an object", tok, depth)
	}
	t := v.Type()
	m := reflect.MakeMap(t)
	elem := reflect.New(t.Elem()).Elem() // addressable, for UnmarshalText
	for {
		tok, err := d.token(path)
		if err != nil {
			return err
		}
		if tok == json.Delim('}') {
			v.Set(m)
			return nil
		}
		key, _ := tok.(string)
		keyPath := member(path, key)
		k := reflect.ValueOf(key)
		var bad *Error
		if isText(t.Key()) {
			// Text keys may normalise, so two spellings can collide; the
			// lookup below catches that as a duplicate too.
			k = reflect.New(t.Key())
			bad = unmarshalText(k, key, keyPath)
			k = k.Elem()
		} else {
			k = k.Convert(t.Key())
			bad = checkEnum(t.Key(), key, keyPath)
		}
		if bad == nil && m.MapIndex(k).IsValid() {
			bad = errorf(keyPath, "duplicate key %q", key)
		}
		if bad != nil {
			if err := d.skipMember(bad, keyPath, depth+1); err != nil {
				return err
			}
			continue
		}
		elem.SetZero()
		n := len(d.errs)
		if err := d.value(elem, keyPath, depth+1); err != nil {
			return err
		}
		if !problemAt(d.errs[n:], keyPath) {
			m.SetMapIndex(k, elem)
		}
	}
}

// anyValue decodes the value starting with tok the way encoding/json decodes
// into an empty interface, but rejecting duplicate keys.
func (d *decoder) anyValue(tok json.Token, path string, depth int) (any, *Error) {
	if err := checkDepth(tok, path, depth); err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(tok), 64)
		if err != nil {
			return nil, d.problem(errorf(path, "%s is out of range for float64", tok))
		}
		return f, nil
	case json.Delim:
		if tok == '[' {
			a := []any{}
			for i := 0; ; i++ {
				elemPath := index(path, i)
				tok, err := d.token(elemPath)
				if err != nil {
					return nil, err
				}
				if tok == json.Delim(']') {
					return a, nil
				}
				x, err := d.anyValue(tok, elemPath, depth+1)
				if err != nil {
					return nil, err
				}
				a = append(a, x)
			}
		}
		m := map[string]any{}
		for {
			tok, err := d.token(path)
			if err != nil {
				return nil, err
			}
			if tok == json.Delim('}') {
				return m, nil
			}
			key, _ := tok.(string)
			keyPath := member(path, key)
			if _, dup := m[key]; dup {
				if err := d.problem(errorf(keyPath, "duplicate key %q", key)); err != nil {
					return nil, err
				}
				if err := d.skipValue(keyPath, depth+1); err != nil {
					return nil, err
				}
				continue
			}
			if tok, err = d.token(keyPath); err != nil {
				return nil, err
			}
			n := len(d.errs)
			x, err := d.anyValue(tok, keyPath, depth+1)
			if err != nil {
				return nil, err
			}
			if !problemAt(d.errs[n:], keyPath) {
				m[key] = x
			}
		}
	}
	return tok, nil // nil, bool or string
}

// skip consumes the rest of the value starting with tok, without recursion.
func (d *decoder) skip(tok json.Token, path string, depth int) *Error {
	open := 0
	for {
		switch tok {
		case json.Delim('['), json.Delim('{'):
			if err := checkDepth(tok, path, depth+open); err != nil {
				return err
			}
			open++
		case json.Delim(']'), json.Delim('}'):
			open--
		}
		if open == 0 {
			return nil
		}
		var err *Error
		if tok, err = d.token(path); err != nil {
			return err
		}
	}
}

func checkDepth(tok json.Token, path string, depth int) *Error {
	if (tok == json.Delim('[') || tok == json.Delim('{')) && depth >= maxDepth {
		return errorf(path, "nesting deeper than %d levels", maxDepth)
	}
	return nil
}

func setInt(v reflect.Value, n json.Number, path string) *Error {
	s := string(n)
	if strings.ContainsAny(s, ".eE") {
		return errorf(path, "%s is not an integer", s)
	}
	kind := v.Kind()
	if kind >= reflect.Int && kind <= reflect.Int64 {
		i, err := strconv.ParseInt(s, 10, v.Type().Bits())
		if err != nil {
			return errorf(path, "%s is out of range for %s", s, kind)
		}
		v.SetInt(i)
		return nil
	}
	if s == "-0" {
		s = "0"
	}
	u, err := strconv.ParseUint(s, 10, v.Type().Bits())
	if err != nil { // including negative numbers
		return errorf(path, "%s is out of range for %s", s, kind)
	}
	v.SetUint(u)
	return nil
}

// unmarshalText calls UnmarshalText on p, a pointer to a TextUnmarshaler type.
func unmarshalText(p reflect.Value, s, path string) *Error {
	u, ok := p.Interface().(encoding.TextUnmarshaler)
	if !ok {
		return errorf(path, "unsupported type %s", p.Type().Elem())
	}
	if err := u.UnmarshalText([]byte(s)); err != nil {
		return &Error{Path: path, Msg: err.Error()}
	}
	return nil
}

func mismatch(path, want string, tok json.Token) *Error {
	got := "null"
	switch tok := tok.(type) {
	case json.Delim:
		got = "an array"
		if tok == '{' {
			got = "an object"
		}
	case string:
		got = "a string"
	case json.Number:
		got = "a number"
	case bool:
		got = "a boolean"
	}
	return errorf(path, "expected %s, got %s", want, got)
}

// isText reports whether values of t are decoded with UnmarshalText. Pointers
// are left to the pointer rule, which allocates before calling the method.
func isText(t reflect.Type) bool {
	k := t.Kind()
	return k != reflect.Pointer && k != reflect.Interface && reflect.PointerTo(t).Implements(textType)
}

// supported reports whether t itself (not its elements) can be decoded.
func supported(t reflect.Type) bool {
	if t == timeType || isText(t) {
		return true
	}
	switch t.Kind() {
	case reflect.Array, reflect.Chan, reflect.Func, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer:
		return false
	case reflect.Interface:
		return t.NumMethod() == 0 // nothing JSON yields could satisfy methods
	case reflect.Map:
		return t.Key().Kind() == reflect.String || isText(t.Key())
	}
	return true
}

func member(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// structInfo is the decodable field table of a struct type.
type structInfo struct {
	index map[string]int // JSON key to field index
	names []string       // keys in field order, for "did you mean" hints
	err   string         // set when the type cannot be decoded
}

var structCache sync.Map // reflect.Type -> *structInfo

func fieldsOf(t reflect.Type) *structInfo {
	if info, ok := structCache.Load(t); ok {
		return info.(*structInfo)
	}
	info := &structInfo{index: map[string]int{}}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		if f.Anonymous {
			// Promoted fields would need encoding/json's precedence rules;
			// refusing them keeps the key set obvious.
			info.err = "unsupported embedded field " + f.Name
			break
		}
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		if _, dup := info.index[name]; dup {
			info.err = fmt.Sprintf("unsupported type %s: two fields use the key %q", t, name)
			break
		}
		info.index[name] = i
		info.names = append(info.names, name)
	}
	actual, _ := structCache.LoadOrStore(t, info)
	return actual.(*structInfo)
}

// enums maps each registered string type to its values.
var enums sync.Map // reflect.Type -> *enum

type enum struct {
	what   string
	values []string
}

// RegisterEnum makes decoding accept, for a value or map key of type T,
// only one of values, and name the type what in messages. It returns true,
// so that a package registers its enumerations in a variable declaration.
func RegisterEnum[T ~string](what string, values []T) bool {
	e := &enum{what: what, values: make([]string, len(values))}
	for i, v := range values {
		e.values[i] = string(v)
	}
	enums.Store(reflect.TypeFor[T](), e)
	return true
}

// checkEnum returns the problem of s at path if t is a registered
// enumeration that lacks it.
func checkEnum(t reflect.Type, s, path string) *Error {
	x, ok := enums.Load(t)
	if !ok {
		return nil
	}
	e := x.(*enum)
	if slices.Contains(e.values, s) {
		return nil
	}
	return errorf(path, "unknown %s %q (want one of %s)", e.what, s, strings.Join(e.values, ", "))
}
