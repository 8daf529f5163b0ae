package disclosure

// Content classes and sets of them; reading the string enumerations, and
// the message for a value outside one.

import (
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

// A classSet is a set of classes, one bit per class, bit i for the class
// of sensitivity i: combined with & (both), | (either) and &^ (the first
// without the second).
type classSet uint16

// has and add are for valid classes; an invalid one maps to bit 0, which
// no valid class uses.
func (s classSet) has(c Class) bool { return s&(1<<c.Sensitivity()) != 0 }
func (s *classSet) add(c Class)     { *s |= 1 << c.Sensitivity() }
func setOf(cs []Class) classSet {
	var s classSet
	for _, c := range cs {
		s.add(c)
	}
	return s
}

// len returns the number of classes in the set.
func (s classSet) len() int { return popcount(s) }

// bit returns the set holding only the class of sensitivity i.
func bit(i int) classSet { return 1 << i }

func popcount(s classSet) int { return bits.OnesCount16(uint16(s)) }

// listInto fills dst, of length popcount(s), with the classes of s in
// order of sensitivity, and returns it.
func (s classSet) listInto(dst []Class) []Class {
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
