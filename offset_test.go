package disclosure_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
)

// A problem of the JSON text itself carries its byte position as data
// (FieldError.Offset, from 1), the same byte its message names; a problem
// of a value carries none. Checked on every cut and every one-byte
// corruption of a valid policy file.
func TestFieldErrorOffset(t *testing.T) {
	valid := mustJSON(disclosure.DefaultPolicy())
	var inputs [][]byte
	for n := range len(valid) {
		inputs = append(inputs, valid[:n])
	}
	for i := 0; i < len(valid); i += 7 {
		for _, b := range []byte{'}', '"', 'x', ',', 0} {
			in := bytes.Clone(valid)
			in[i] = b
			inputs = append(inputs, in)
		}
	}
	inputs = append(inputs, append(bytes.Clone(valid), " {}"...), append(bytes.Clone(valid), "\n\n  x"...))
	text, values := 0, 0
	for _, in := range inputs {
		_, err := disclosure.LoadPolicy(bytes.NewReader(in))
		var ve *disclosure.ValidationError
		if !errors.As(err, &ve) {
			continue
		}
		for _, p := range ve.Problems {
			var at int64
			_, isText := cutByte(p.Message, &at)
			switch {
			case isText && p.Offset != at+1:
				t.Fatalf("%q: %q has Offset %d, want %d", in, p.Message, p.Offset, at+1)
			case isText:
				text++
			case p.Offset != 0:
				t.Fatalf("%q: a value's problem %q has Offset %d", in, p.Message, p.Offset)
			default:
				values++
			}
		}
	}
	if text < 100 || values < 10 {
		t.Fatalf("%d problems of the text and %d of values: the inputs do not exercise both", text, values)
	}
}

// cutByte reads N from a message "invalid JSON at byte N: ..." or
// "unexpected data after the JSON value at byte N".
func cutByte(msg string, at *int64) (string, bool) {
	for _, prefix := range []string{"invalid JSON at byte ", "unexpected data after the JSON value at byte "} {
		if rest, ok := strings.CutPrefix(msg, prefix); ok {
			_, err := fmt.Sscanf(rest, "%d", at)
			return rest, err == nil
		}
	}
	return "", false
}
