package disclosure

// The character sets of identifiers (partner IDs, tier names, advisory
// IDs), and how an offending character is named in messages.

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/disclosurekit/disclosure/internal/confusable"
)

// Identifiers are read by people: in partner lists, in exclusions, in
// reasons and audit records. Two that look the same are a way to slip a
// partner past an exclusion or to make a reviewer approve the wrong one, so
// partner IDs and tier names are restricted to a character set that shows
// the same in every font and that a byte comparison compares exactly:
// ASCII letters, digits and . - _ : @, 1 to 64 bytes, starting with a
// letter or digit. Restricting them to ASCII makes Unicode normalisation
// unnecessary (two spellings of "é" can never both appear), which a
// standard-library-only package could not do well without Unicode's
// normalisation tables.
//
// Advisory IDs come from other systems (CSAF tracking IDs such as
// "RHSA-2021:5186"), so they may be any printable text, without control,
// format or other invisible characters and without leading or trailing
// space, up to 256 bytes.

// maxIDLen is the length limit of partner IDs and tier names, and
// maxAdvisoryIDLen that of advisory IDs, in bytes.
const (
	maxIDLen         = 64
	maxAdvisoryIDLen = 256
)

// idCharset describes the character set in messages.
const idCharset = "ASCII letters, digits and . - _ : @"

// idByte holds the bytes allowed in a partner ID or tier name.
var idByte = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range ".-_:@" {
		t[c] = true
	}
	return t
}()

// alnum reports whether c is an ASCII letter or digit.
func alnum(c byte) bool {
	return c-'0' <= 9 || (c|0x20)-'a' <= 'z'-'a'
}

// validID reports whether s is a valid partner ID or tier name.
func validID(s string) bool {
	if len(s) == 0 || len(s) > maxIDLen || !alnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !idByte[s[i]] {
			return false
		}
	}
	return true
}

// idProblem returns what is wrong with a partner ID or a tier name (what
// is "partner IDs" or "tier names"), or "" if nothing is. An empty s is
// left to the caller, which reports it as required.
func idProblem(s, what string) string {
	if len(s) == 0 || validID(s) {
		return ""
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= utf8.RuneSelf || !idByte[s[i]] {
			return fmt.Sprintf("%s has %s: %s are %s", quoteID(s), charAt(s, i), what, idCharset)
		}
		i += size
	}
	if !alnum(s[0]) {
		return fmt.Sprintf("%s starts with %q: %s start with an ASCII letter or digit", quoteID(s), s[:1], what)
	}
	return fmt.Sprintf("%s is %d bytes long: %s are at most %d", quoteID(s), len(s), what, maxIDLen)
}

// advisoryIDProblem returns what is wrong with an advisory ID, or "". An
// empty ID is left to the caller.
func advisoryIDProblem(s string) string {
	if len(s) == 0 {
		return ""
	}
	if plainAdvisoryID(s) {
		return ""
	}
	const rule = "advisory IDs are printable text without leading or trailing space"
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ' && (i == 0 || i+size == len(s)),
			unicode.IsSpace(r) && r != ' ',
			r == utf8.RuneError, // invalid UTF-8, or U+FFFD standing for text lost in decoding
			!unicode.IsPrint(r) && r != ' ',
			invisible(r):
			return fmt.Sprintf("%s has %s: %s", quoteID(s), charAt(s, i), rule)
		}
		i += size
	}
	if len(s) > maxAdvisoryIDLen {
		return fmt.Sprintf("%s is %d bytes long: advisory IDs are at most %d", quoteID(s), len(s), maxAdvisoryIDLen)
	}
	return ""
}

// plainAdvisoryID reports whether s is a valid advisory ID of printable
// ASCII, as most are, which then need no closer look.
func plainAdvisoryID(s string) bool {
	if len(s) == 0 || len(s) > maxAdvisoryIDLen || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}

// invisible reports whether r is printable as the unicode package sees it
// but shows as nothing, or as a blank: fillers, a blank braille pattern,
// variation selectors and the combining grapheme joiner.
func invisible(r rune) bool {
	switch {
	case r == 0x034F, r == 0x115F, r == 0x1160, r == 0x2800, r == 0x3164, r == 0xFFA0,
		r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return false
}

// quoteID quotes an identifier for a message in ASCII, so that the
// message itself shows every hidden character as an escape; a long one is
// cut after 80 bytes.
func quoteID(s string) string {
	if len(s) <= 80 {
		return strconv.QuoteToASCII(s)
	}
	cut := 80
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.QuoteToASCII(s[:cut]) + "..."
}

// charAt names the character at byte i of s and says where it is: its
// code point, its Unicode name where known or else what kind of character
// it is, and for a look-alike the letter it imitates, as in
// `U+0430 CYRILLIC SMALL LETTER A at byte 0 (it looks like Latin "a")`.
func charAt(s string, i int) string {
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size == 1 {
		return fmt.Sprintf("invalid UTF-8 byte 0x%02X at byte %d", s[i], i)
	}
	at := fmt.Sprintf(" at byte %d", i)
	code := fmt.Sprintf("U+%04X", r)
	if name, ok := charNames[r]; ok {
		return code + " " + name + at
	}
	if l, ok := confusable.Lookup(r); ok {
		return fmt.Sprintf("%s %s%s (it looks like Latin %q)", code, l.Name, at, l.Latin)
	}
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		a, _ := confusable.Fullwidth(r)
		return fmt.Sprintf("%s, a fullwidth form%s (it looks like %q)", code, at, a)
	case r >= 0xFE00 && r <= 0xFE0F:
		return fmt.Sprintf("%s VARIATION SELECTOR-%d%s", code, r-0xFE00+1, at)
	case r < utf8.RuneSelf && unicode.IsPrint(r):
		return fmt.Sprintf("%s %q%s", code, r, at)
	case unicode.Is(unicode.Cc, r):
		return code + ", a control character," + at
	case unicode.Is(unicode.Cf, r):
		return code + ", an invisible format character," + at
	case unicode.Is(unicode.Zs, r):
		return code + ", a space," + at
	case unicode.IsLetter(r):
		return code + ", a letter outside ASCII," + at
	case unicode.IsDigit(r):
		return code + ", a digit outside ASCII," + at
	case !unicode.IsPrint(r):
		return code + ", a character that does not print," + at
	}
	return code + ", a character outside ASCII," + at
}

// charNames are the Unicode names of the characters most often behind a
// look-alike or a hidden character: spaces, line breaks, and the
// invisible format characters (category Cf) that reorder or join text.
var charNames = map[rune]string{
	0x0000: "NULL", 0x0009: "CHARACTER TABULATION", 0x000A: "LINE FEED", 0x000B: "LINE TABULATION",
	0x000C: "FORM FEED", 0x000D: "CARRIAGE RETURN", 0x001B: "ESCAPE", 0x0020: "SPACE", 0x007F: "DELETE",
	0x0085: "NEXT LINE", 0x00A0: "NO-BREAK SPACE", 0x00AD: "SOFT HYPHEN",
	0x034F: "COMBINING GRAPHEME JOINER", 0x061C: "ARABIC LETTER MARK",
	0x115F: "HANGUL CHOSEONG FILLER", 0x1160: "HANGUL JUNGSEONG FILLER", 0x180E: "MONGOLIAN VOWEL SEPARATOR",
	0x2000: "EN QUAD", 0x2001: "EM QUAD", 0x2002: "EN SPACE", 0x2003: "EM SPACE",
	0x2004: "THREE-PER-EM SPACE", 0x2005: "FOUR-PER-EM SPACE", 0x2006: "SIX-PER-EM SPACE",
	0x2007: "FIGURE SPACE", 0x2008: "PUNCTUATION SPACE", 0x2009: "THIN SPACE", 0x200A: "HAIR SPACE",
	0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
	0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK",
	0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR",
	0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x202F: "NARROW NO-BREAK SPACE",
	0x205F: "MEDIUM MATHEMATICAL SPACE", 0x2060: "WORD JOINER", 0x2061: "FUNCTION APPLICATION",
	0x2062: "INVISIBLE TIMES", 0x2063: "INVISIBLE SEPARATOR", 0x2064: "INVISIBLE PLUS",
	0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE", 0x2800: "BRAILLE PATTERN BLANK", 0x3000: "IDEOGRAPHIC SPACE",
	0x3164: "HANGUL FILLER", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE", 0xFFA0: "HALFWIDTH HANGUL FILLER",
	0xFFFD: "REPLACEMENT CHARACTER",
}
