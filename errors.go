package disclosure

// Errors: the sentinels, FieldError and ValidationError, and how
// validation and strict decoding collect problems.

import (
	"errors"
	"fmt"
	"strings"

	"github.com/disclosurekit/disclosure/internal/strictjson"
)

// Sentinel errors, one per kind of input: every error of the package wraps
// one, so errors.Is tells which input was bad.
var (
	ErrInvalidPolicy     = errors.New("invalid policy")
	ErrInvalidAdvisory   = errors.New("invalid advisory")
	ErrInvalidPartner    = errors.New("invalid partner")
	ErrInvalidDisclosure = errors.New("invalid disclosure")
)

// A FieldError is one problem in an input, at the JSON path where it lies.
type FieldError struct {
	Err error // the sentinel of the input, e.g. ErrInvalidPolicy; csaf adds its own
	// Path is the JSON path of the faulty value, such as "tiers[2].lead" or
	// "partners[3].jurisdictions[0]"; "" for the input as a whole.
	Path string
	// Message says what is wrong, such as `"XX" is not an ISO 3166-1 alpha-2 code`.
	Message string
	// Offset is, for a problem of the JSON text itself (invalid JSON, data
	// after the value), its byte position counted from 1; 0 for a problem
	// of a value, which Path locates.
	Offset int64
}

// Error returns "path: message", or the message when the path is empty.
func (e *FieldError) Error() string {
	if e.Path == "" {
		return e.Message
	}
	return e.Path + ": " + e.Message
}

// Unwrap returns the input's sentinel.
func (e *FieldError) Unwrap() error { return e.Err }

// A ValidationError lists every problem found in the inputs of one call.
type ValidationError struct {
	Problems []*FieldError
}

// Error returns the problems, one per line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap returns the problems, for errors.Is and errors.As.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// problems collects FieldErrors for one input. Paths are built only when a
// problem is found, so checking valid input allocates nothing.
type problems struct {
	input  error
	prefix string // path of the input's root, with a trailing dot, or ""
	list   []*FieldError
}

// addf records a problem at prefix+path.
func (p *problems) addf(path, format string, args ...any) {
	full := p.prefix + path
	if path == "" {
		full = strings.TrimSuffix(p.prefix, ".")
	}
	p.list = append(p.list, &FieldError{Err: p.input, Path: full, Message: fmt.Sprintf(format, args...)})
}

// indexed returns "name[i]" or "name[i].field".
func indexed(name string, i int, field string) string {
	s := fmt.Sprintf("%s[%d]", name, i)
	if field != "" {
		s += "." + field
	}
	return s
}

// asError returns nil or a *ValidationError holding every problem of every p.
func asError(ps ...*problems) error {
	var all []*FieldError
	for _, p := range ps {
		all = append(all, p.list...)
	}
	if len(all) == 0 {
		return nil
	}
	return &ValidationError{Problems: all}
}

// decodeProblems turns a strict-decoding error into problems of input,
// and reports whether decoding stopped before the end of the document.
func decodeProblems(input error, err error) (list []*FieldError, stopped bool) {
	if err == nil {
		return nil, false
	}
	var es *strictjson.Errors
	if !errors.As(err, &es) {
		return []*FieldError{{Err: input, Message: err.Error()}}, true
	}
	list = make([]*FieldError, len(es.List))
	for i, e := range es.List {
		list[i] = &FieldError{Err: input, Path: e.Path, Message: e.Msg, Offset: e.Offset}
	}
	return list, es.Stopped
}

// strictDecode decodes data into v with the strict rules of the loaders,
// for the UnmarshalJSON methods: an error lists every decoding problem,
// and leaves v unchanged.
func strictDecode(data []byte, v any, input error) error {
	if dp, _ := decodeProblems(input, strictjson.Unmarshal(data, v)); len(dp) > 0 {
		return &ValidationError{Problems: dp}
	}
	return nil
}

// decodeAll decodes into v what it can of data, with the strict rules of
// the loaders, and returns the decoding problems and whether decoding
// stopped before the end (v is then unchanged).
func decodeAll(data []byte, v any, input error) ([]*FieldError, bool) {
	return decodeProblems(input, strictjson.UnmarshalPartial(data, v))
}

func readError(input, err error) error {
	return &ValidationError{Problems: []*FieldError{{Err: input, Message: "reading: " + err.Error()}}}
}

// loadError returns nil or a *ValidationError holding the decoding
// problems of a document, then the problems that validating what decoded
// found, except those at or under the path of a decoding problem: a value
// that did not decode is reported once, as it is, not again as missing.
func loadError(decoding, validation []*FieldError) error {
	if len(decoding) == 0 {
		if len(validation) == 0 {
			return nil
		}
		return &ValidationError{Problems: validation}
	}
	bad := make(map[string]bool, len(decoding))
	for _, p := range decoding {
		bad[p.Path] = true
	}
	all := decoding
	for _, p := range validation {
		if !underAny(p.Path, bad) {
			all = append(all, p)
		}
	}
	return &ValidationError{Problems: all}
}

// underAny reports whether path, or a path it lies under, is in paths:
// "tiers[2].lead" lies under "tiers[2]", "tiers" and "" (the root).
func underAny(path string, paths map[string]bool) bool {
	if paths[""] || paths[path] {
		return true
	}
	for i := len(path) - 1; i > 0; i-- {
		if (path[i] == '.' || path[i] == '[') && paths[path[:i]] {
			return true
		}
	}
	return false
}
