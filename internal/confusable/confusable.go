// Package confusable holds the Cyrillic and Greek letters that most fonts
// draw exactly as a Latin letter, for the packages that must see through
// them: the root package, which refuses them in identifiers and reports
// identifiers that imitate one another, and package csaf, which reads
// note titles as the Latin words they show.
package confusable

// A Letter is what a look-alike imitates: the Latin letter it shows as,
// and its own Unicode name.
type Letter struct {
	Latin rune
	Name  string
}

// Lookup returns the Latin letter that r is drawn as, if r is a Cyrillic
// or Greek look-alike.
func Lookup(r rune) (Letter, bool) {
	l, ok := letters[r]
	return l, ok
}

// All calls f with every look-alike and its Latin letter, in no order.
func All(f func(r rune, l Letter)) {
	for r, l := range letters {
		f(r, l)
	}
}

// Fullwidth returns the ASCII character that r, a fullwidth form of
// U+FF01 to U+FF5E, stands for.
func Fullwidth(r rune) (rune, bool) {
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFF01 + '!', true
	}
	return r, false
}

// letters are the Cyrillic and Greek letters that most fonts draw exactly
// as a Latin letter.
var letters = map[rune]Letter{
	'а': {'a', "CYRILLIC SMALL LETTER A"}, 'е': {'e', "CYRILLIC SMALL LETTER IE"},
	'о': {'o', "CYRILLIC SMALL LETTER O"}, 'р': {'p', "CYRILLIC SMALL LETTER ER"},
	'с': {'c', "CYRILLIC SMALL LETTER ES"}, 'у': {'y', "CYRILLIC SMALL LETTER U"},
	'х': {'x', "CYRILLIC SMALL LETTER HA"}, 'і': {'i', "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I"},
	'ј': {'j', "CYRILLIC SMALL LETTER JE"}, 'ѕ': {'s', "CYRILLIC SMALL LETTER DZE"},
	'ԁ': {'d', "CYRILLIC SMALL LETTER KOMI DE"}, 'һ': {'h', "CYRILLIC SMALL LETTER SHHA"},
	'ԛ': {'q', "CYRILLIC SMALL LETTER QA"}, 'ԝ': {'w', "CYRILLIC SMALL LETTER WE"},
	'ӏ': {'l', "CYRILLIC SMALL LETTER PALOCHKA"},
	'А': {'A', "CYRILLIC CAPITAL LETTER A"}, 'В': {'B', "CYRILLIC CAPITAL LETTER VE"},
	'Е': {'E', "CYRILLIC CAPITAL LETTER IE"}, 'К': {'K', "CYRILLIC CAPITAL LETTER KA"},
	'М': {'M', "CYRILLIC CAPITAL LETTER EM"}, 'Н': {'H', "CYRILLIC CAPITAL LETTER EN"},
	'О': {'O', "CYRILLIC CAPITAL LETTER O"}, 'Р': {'P', "CYRILLIC CAPITAL LETTER ER"},
	'С': {'C', "CYRILLIC CAPITAL LETTER ES"}, 'Т': {'T', "CYRILLIC CAPITAL LETTER TE"},
	'Х': {'X', "CYRILLIC CAPITAL LETTER HA"}, 'І': {'I', "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I"},
	'Ј': {'J', "CYRILLIC CAPITAL LETTER JE"}, 'Ѕ': {'S', "CYRILLIC CAPITAL LETTER DZE"},
	'Α': {'A', "GREEK CAPITAL LETTER ALPHA"}, 'Β': {'B', "GREEK CAPITAL LETTER BETA"},
	'Ε': {'E', "GREEK CAPITAL LETTER EPSILON"}, 'Ζ': {'Z', "GREEK CAPITAL LETTER ZETA"},
	'Η': {'H', "GREEK CAPITAL LETTER ETA"}, 'Ι': {'I', "GREEK CAPITAL LETTER IOTA"},
	'Κ': {'K', "GREEK CAPITAL LETTER KAPPA"}, 'Μ': {'M', "GREEK CAPITAL LETTER MU"},
	'Ν': {'N', "GREEK CAPITAL LETTER NU"}, 'Ο': {'O', "GREEK CAPITAL LETTER OMICRON"},
	'Ρ': {'P', "GREEK CAPITAL LETTER RHO"}, 'Τ': {'T', "GREEK CAPITAL LETTER TAU"},
	'Υ': {'Y', "GREEK CAPITAL LETTER UPSILON"}, 'Χ': {'X', "GREEK CAPITAL LETTER CHI"},
	'ο': {'o', "GREEK SMALL LETTER OMICRON"}, 'ν': {'v', "GREEK SMALL LETTER NU"},
	'ι': {'i', "GREEK SMALL LETTER IOTA"}, 'α': {'a', "GREEK SMALL LETTER ALPHA"},
	'ρ': {'p', "GREEK SMALL LETTER RHO"},
}
