// Package strictjson decodes JSON into Go values strictly and reports the
// JSON path of every problem.
//
// It exists for security-policy data, where the leniency of encoding/json is
// a risk: that package matches keys case-insensitively, ignores unknown keys,
// lets a duplicate key silently override an earlier one, and its errors
// rarely say where in the document they happened.
//
// The rules, checked in this order for each target type:
//
//   - JSON null sets any supported target to its zero value.
//   - time.Time needs a string in RFC 3339 form with a zone offset.
//   - A type T where T or *T implements encoding.TextUnmarshaler needs a
//     string, which is passed to UnmarshalText.
//   - json.RawMessage receives a copy of the raw bytes of the value.
//   - Structs need an object. Keys are the json tag names (or the Go names
//     of untagged exported fields) and match exactly, case included.
//     Unknown keys, duplicate keys and embedded fields are errors.
//   - []byte needs a standard, padded base64 string.
//   - Other slices need an array; an empty array gives a nil slice, so that
//     [] and an absent key mean the same. Maps with string (or TextUnmarshaler)
//     keys need an object without duplicate keys; pointers are allocated.
//   - string, bool and the numeric kinds need a value of exactly that JSON
//     type; integers must be integer literals within the range of the type.
//     A string type registered with [RegisterEnum] takes only its values.
//   - Empty interfaces receive what encoding/json would produce (numbers as
//     float64), except that duplicate keys are errors.
//
// UnmarshalJSON methods are never called, so a type may call Unmarshal on
// itself from its own UnmarshalJSON method. Objects and arrays may nest at
// most 1000 levels deep.
//
// Decoding does not stop at the first problem: it records each one, steps
// over the value at fault and goes on, so that one error lists every
// problem of the document. Only invalid JSON, nesting too deep, or more
// than 1000 problems stop it. Every error is an *Errors listing *Error
// values in document order, each with a Path that looks like `tiers[2].lead`
// ("" for the root). Byte offsets in messages count from 0. On error,
// Unmarshal leaves the target unchanged; UnmarshalPartial gives it what
// decoded, for the caller to check further.
//
// Decoding takes time and memory linear in the size of the input, which
// it holds whole: callers bound untrusted input.
package strictjson
