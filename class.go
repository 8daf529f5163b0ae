package disclosure

import (
	"fmt"
	"math/bits"
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
	// Dispatch on the length, then compare once: this is on the hot path
	// of every decision.
	switch len(c) {
	case 7:
		if c == ClassSummary {
			return 1
		}
	case 10:
		if c == ClassIndicators {
			return 4
		}
	case 11:
		switch c {
		case ClassDescription:
			return 2
		case ClassMitigations:
			return 3
		case ClassReproSteps:
			return 7
		}
	case 12:
		if c == ClassUnclassified {
			return 9
		}
	case 16:
		if c == ClassProofOfConcept {
			return 8
		}
	case 17:
		if c == ClassTechnicalDetails {
			return 6
		}
	case 18:
		if c == ClassDetectionGuidance {
			return 5
		}
	}
	return 0
}

// Valid reports whether c is one of the defined classes.
func (c Class) Valid() bool { return c.Sensitivity() != 0 }

// UnmarshalText accepts the name of a defined class and rejects any other.
func (c *Class) UnmarshalText(text []byte) error {
	v := Class(text)
	if !v.Valid() {
		return enumError("class", string(text), allClasses[:])
	}
	*c = v
	return nil
}

// classSet is a set of valid classes, one bit per class.
type classSet uint16

func (s classSet) has(c Class) bool { return s&(1<<c.Sensitivity()) != 0 }
func (s *classSet) add(c Class)     { *s |= 1 << c.Sensitivity() }
func setOf(cs []Class) classSet {
	var s classSet
	for _, c := range cs {
		s.add(c)
	}
	return s
}

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
