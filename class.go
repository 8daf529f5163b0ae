package disclosure

// Content classes and sets of them; reading the string enumerations, and
// the message for a value outside one.

import (
	"fmt"
	"math/bits"
	"strings"

	"github.com/disclosurekit/disclosure/internal/strictjson"
)

// A Class says how sensitive a piece of advisory content is; content of a
// class a partner's tier lacks is withheld.
type Class string

// The classes, from least to most sensitive. Content nobody has
// classified is [ClassUnclassified], which no tier of [DefaultPolicy] gets.
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

// Decoding (LoadPolicy and the other strict decoders) accepts only the
// defined values of each string enumeration, and names them in messages.
var _ = strictjson.RegisterEnum("class", allClasses[:]) &&
	strictjson.RegisterEnum("severity", allSeverities[:]) &&
	strictjson.RegisterEnum("status", allStatuses[:]) &&
	strictjson.RegisterEnum("party", allParties[:]) &&
	strictjson.RegisterEnum("embargo end reason", allEndReasons[:]) &&
	strictjson.RegisterEnum("reason code", allCodes[:]) &&
	strictjson.RegisterEnum("TLP 2.0 label", allTLPs[:])
