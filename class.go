package disclosure

// Content classes and sets of them; reading the string enumerations, and
// the message for a value outside one.

import (
	"bytes"
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// A Class says how sensitive a piece of advisory content is. Every section
// and artifact of an [Advisory] carries one, and the identity and timing
// fields of an advisory are of class [ClassSummary]. Policies grant classes
// to tiers; content of a class a partner is not granted is withheld.
//
// The valid classes are the constants below; [Class.UnmarshalText] rejects
// any other name, and Validate methods reject any other value.
type Class string

// The classes, from least to most sensitive. Content that nobody has
// classified yet is [ClassUnclassified], which counts as the most sensitive:
// no tier of [DefaultPolicy] receives it.
const (
	ClassSummary           Class = "summary"            // identity, timing, severity
	ClassDescription       Class = "description"        // the generic written description
	ClassMitigations       Class = "mitigations"        // workarounds and mitigations
	ClassIndicators        Class = "indicators"         // indicators of compromise: URLs, hashes
	ClassDetectionGuidance Class = "detection-guidance" // how to detect exploitation
	ClassTechnicalDetails  Class = "technical-details"  // root cause and affected code
	ClassReproSteps        Class = "repro-steps"        // steps to reproduce
	ClassProofOfConcept    Class = "proof-of-concept"   // exploit or proof-of-concept code
	ClassUnclassified      Class = "unclassified"       // not yet classified
)

var allClasses = [...]Class{
	ClassSummary, ClassDescription, ClassMitigations, ClassIndicators,
	ClassDetectionGuidance, ClassTechnicalDetails, ClassReproSteps,
	ClassProofOfConcept, ClassUnclassified,
}

// Classes returns every class, from least to most sensitive.
func Classes() []Class { return append([]Class(nil), allClasses[:]...) }

// Sensitivity returns the class's place in the order of [Classes], from 1
// (summary) to 9 (unclassified), or 0 for a value that is not a class.
// Lists of classes in a [Disclosure] are sorted by it.
func (c Class) Sensitivity() int {
	switch c {
	case ClassSummary:
		return 1
	case ClassDescription:
		return 2
	case ClassMitigations:
		return 3
	case ClassIndicators:
		return 4
	case ClassDetectionGuidance:
		return 5
	case ClassTechnicalDetails:
		return 6
	case ClassReproSteps:
		return 7
	case ClassProofOfConcept:
		return 8
	case ClassUnclassified:
		return 9
	}
	return 0
}

// Valid reports whether c is one of the defined classes.
func (c Class) Valid() bool { return c.Sensitivity() != 0 }

// UnmarshalText accepts the name of a defined class and rejects any other.
func (c *Class) UnmarshalText(text []byte) error {
	return unmarshalEnum(c, "class", text, allClasses[:])
}

// A ClassSet is a set of classes, one bit per class: cheap to copy,
// compare and combine with the bitwise operators (& for both, | for
// either, &^ for the first without the second). Its zero value is the
// empty set. It holds only valid classes: [NewClassSet] and
// [ClassSet.UnmarshalJSON] ignore or reject any other value.
//
// In JSON a set is the list of its classes, by sensitivity.
type ClassSet uint16

// allClassBits holds every valid class.
const allClassBits ClassSet = 1<<(len(allClasses)+1) - 2

// NewClassSet returns the set of the valid classes among cs.
func NewClassSet(cs ...Class) ClassSet { return setOf(cs) & allClassBits }

// Has reports whether c is in the set.
func (s ClassSet) Has(c Class) bool { return c.Sensitivity() != 0 && s.has(c) }

// Len returns the number of classes in the set.
func (s ClassSet) Len() int { return popcount(s & allClassBits) }

// Classes returns the classes of the set, from least to most sensitive,
// or nil for the empty set.
func (s ClassSet) Classes() []Class {
	if n := s.Len(); n > 0 {
		return s.listInto(make([]Class, n))
	}
	return nil
}

// String returns the classes of the set separated by commas, by
// sensitivity: "summary,description".
func (s ClassSet) String() string {
	var b strings.Builder
	for i, c := range allClasses {
		if s&bit(i+1) != 0 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(string(c))
		}
	}
	return b.String()
}

// MarshalJSON writes the set as a list of class names, by sensitivity.
func (s ClassSet) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for i, c := range allClasses {
		if s&bit(i+1) != 0 {
			if len(b) > 1 {
				b = append(b, ',')
			}
			b = append(append(append(b, '"'), c...), '"')
		}
	}
	return append(b, ']'), nil
}

// UnmarshalJSON reads a list of class names, in any order. An unknown or
// repeated class is an error.
func (s *ClassSet) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return &ValidationError{Problems: []*FieldError{{Input: ErrInvalidDisclosure, Message: "a class set is a list of classes, not null"}}}
	}
	var cs []Class
	if err := strictDecode(data, &cs, ErrInvalidDisclosure); err != nil {
		return err
	}
	var set ClassSet
	for i, c := range cs {
		msg := ""
		switch {
		case !c.Valid(): // null, which decodes to ""
			msg = enumError("class", string(c), allClasses[:]).Error()
		case set.has(c):
			msg = fmt.Sprintf("class %q repeated", c)
		}
		if msg != "" {
			return &ValidationError{Problems: []*FieldError{{Input: ErrInvalidDisclosure, Path: indexed("", i, ""), Message: msg}}}
		}
		set.add(c)
	}
	*s = set
	return nil
}

// has and add are for valid classes; an invalid one maps to bit 0, which
// no valid class uses.
func (s ClassSet) has(c Class) bool { return s&(1<<c.Sensitivity()) != 0 }
func (s *ClassSet) add(c Class)     { *s |= 1 << c.Sensitivity() }
func setOf(cs []Class) ClassSet {
	var s ClassSet
	for _, c := range cs {
		s.add(c)
	}
	return s
}

// bit returns the set holding only the class of sensitivity i.
func bit(i int) ClassSet { return 1 << i }

func popcount(s ClassSet) int { return bits.OnesCount16(uint16(s)) }

// listInto fills dst, of length popcount(s), with the classes of s in
// order of sensitivity, and returns it.
func (s ClassSet) listInto(dst []Class) []Class {
	k := 0
	for i, c := range allClasses {
		if s&bit(i+1) != 0 {
			dst[k] = c
			k++
		}
	}
	return dst
}

// enumError is the message for a value outside an enumeration.
func enumError[T ~string](kind, got string, valid []T) error {
	names := make([]string, len(valid))
	for i, v := range valid {
		names[i] = string(v)
	}
	return fmt.Errorf("unknown %s %q (want one of %s)", kind, got, strings.Join(names, ", "))
}

// unmarshalEnum sets *dst to text if text is one of all, the values of an
// enumeration called what in messages; otherwise it leaves *dst as it is
// and returns enumError. It is the UnmarshalText of every string enum.
func unmarshalEnum[T ~string](dst *T, what string, text []byte, all []T) error {
	v := T(text)
	if !slices.Contains(all, v) {
		return enumError(what, string(text), all)
	}
	*dst = v
	return nil
}
