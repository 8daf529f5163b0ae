// Package trace marks each partner's copy of an advisory with codes of its
// own, and names the partners whose codes occur in leaked text.
//
// The author of an advisory writes the placeholder {{mark}} where a unique
// value is harmless: a comment or a request ID in a proof of concept, a
// padding string, a sentence of a section. After [disclosure.Plan] or
// [disclosure.Disclose], [Mark] replaces every placeholder of a partner's
// copy by a code of that partner and adds a visible reference code. When
// something leaks, [Identify] reads the leaked bytes and names the
// partners whose codes are in them, with each code's place in the leak and
// in the advisory; given a key that cannot have marked the copies, it
// returns an error, not an empty list (see "A wrong key" below). To search
// many leaks, build an [Index] once with [NewIndex]. Package csaf writes a
// marked copy as the partner's CSAF document (csaf.WriteMarked), with the
// same codes.
//
//	ds, err := disclosure.Plan(policy, advisory, partners)
//	...
//	for i := range ds {
//		if ds[i], err = trace.Mark(ds[i], key); err != nil {
//			...
//		}
//	}
//	// Later, when leak turns up:
//	matches, err := trace.Identify(leak, key, advisory, partners)
//	if err != nil {
//		... // a short key, or a wrong one
//	}
//	for _, m := range matches {
//		fmt.Println(m.Partner, m.Distinct)
//	}
//
// # Codes
//
// A code is 13 characters of Crockford's base32 alphabet,
// 0123456789ABCDEFGHJKMNPQRSTVWXYZ: digits and upper-case letters without
// I, L, O and U, 5 bits each, 65 bits in all. It has no prefix, so that it
// fits in an identifier or a padding string. It is the first 65 bits of
//
//	HMAC-SHA256(key, f(domain) f(advisory ID) u(revision) f(partner ID)
//	                 f(kind) f(class) u(index) f(field) u(occurrence))
//
// where f(s) is the length of s as a big-endian uint64 followed by the
// bytes of s, u(n) is n as a big-endian uint64, and domain is
// "github.com/disclosurekit/disclosure/trace v1". The position (kind,
// class, index, field, occurrence) of a placeholder is:
//
//   - kind "section", the section's class, its index among the advisory's
//     sections of that class (from 0), field "title" or "body", and the
//     number of placeholders before it in that field;
//   - kind "artifact", the artifact's class, its index among the
//     advisory's artifacts of that class, field "data", and the number of
//     placeholders before it in the data;
//   - kind "reference", class "", index 0, field "", occurrence 0 for the
//     reference code.
//
// Counting within a class makes a code the same in every partner's copy
// that holds the placeholder, whatever other classes the copy holds:
// Disclose gives or withholds each class whole and keeps the advisory's
// order.
//
// The reference section that Mark appends to a copy that includes the
// summary class reads:
//
//	Reference of this copy: 7K3M9Q2XH4TBR. Quote it when you ask about this advisory.
//
// Given a partner's question that quotes it, Identify names the partner.
//
// # What Identify tolerates
//
// Identify reads a leak as a stream of symbols: each byte 0–9, A–Z or a–z
// is a symbol, except U and u; case is ignored, O reads as 0, and I and L
// as 1, as in Crockford's base32; every other byte is skipped. A code is
// found wherever its 13 symbols follow one another in that stream. So a
// code survives:
//
//   - any change of case;
//   - any change of line endings (LF, CRLF, CR), of tabs and spaces, of
//     indentation;
//   - re-wrapping at any width, even with a line break inside a code, and
//     with quote or comment markers at the start of each line ("> ", "# ",
//     "// ", " * "), a hyphen at the break, or a quoted-printable soft line
//     break ("=" then a line break);
//   - any other insertion of bytes that are not letters or digits, inside
//     a code or around it: punctuation, Markdown emphasis, non-ASCII
//     characters such as a zero-width space, and the zero bytes of UTF-16;
//   - a person retyping it with O for 0, or I or L for 1;
//   - base64 encoding, standard or URL-safe, as encoding/json writes an
//     artifact's data in a Disclosure's JSON or as MIME and PEM wrap it
//     (lines of whole 4-character groups): Identify decodes every run of at
//     least 18 base64 characters, at each of the four alignments, so a
//     fragment cut anywhere counts. There, a code survives what it would
//     survive as text in the decoded bytes, but not a change to the base64
//     characters themselves.
//
// A code does not survive the change or deletion of any of its characters,
// nor letters or digits inserted inside it: line numbers, HTML tags, a
// line break written as the two characters \n in a JSON string. Nor does
// it survive any other encoding (hexadecimal, compression, encryption),
// nor an image of the text, unless recognised exactly.
//
// # What marking can and cannot prove
//
// A code found in a leak shows that the leaked text comes from the copy
// made for that partner: without the key, the codes of different partners,
// advisories and revisions are unrelated and cannot be computed. A given
// string of 13 symbols is a given code by chance with probability 2^-65,
// below the 2^-60 this package promises. Identify examines at most four
// such strings per byte of leak, so the chance that a partner with k codes
// is named by chance in a leak of n bytes is at most 4·n·k·2^-65: about
// 10^-11 for 10 MB and ten codes. One code found whole is therefore strong
// evidence; two distinct codes leave no room for chance. [Found] says
// which placeholder each code replaced, so which part of the advisory
// leaked.
//
// It does not show who leaked. The copy may have left the partner through
// a breach, an employee or a subcontractor: the partner is where to start,
// not the verdict. Nor does a code convince a third party on its own:
// whoever holds the key (the program) can compute any partner's codes, so
// a code is evidence the program can check, not a signature the partner
// made.
//
// Marks are visible and can be removed. A partner who rewrites a proof of
// concept from scratch, paraphrases a description, strips comments or
// replaces a padding string removes the marks in it, and so does any
// change that the list above does not tolerate. A leak without codes
// proves nothing: not that no partner leaked it, nor which one.
//
// Collusion shows as several partners: copies of several partners put
// together give one [Match] for each, each with its own codes. Partners
// who compare their copies can find the marks where the copies differ and
// remove them all; placeholders in every class, and in the middle of what
// a proof of concept needs to run, make that harder. A partner cannot make
// another partner's codes; it can only plant a code it saw in another
// partner's copy, so a code of partner A in a leak shows that the leak
// passed through A's copy, or through someone who had it.
//
// Identify computes every placeholder's code for every partner, including
// placeholders in classes the partner never received. Such a code in a
// leak means the inputs are not those the copies were marked from, or the
// key is known outside the program.
//
// # Keys
//
// A key is at least [MinKeyLen] (16) bytes; use 32 bytes from
// crypto/rand, kept where the program keeps its other secrets, never with
// the partners nor with the advisories. The key never appears in any
// output of this package. Whoever holds it can compute every partner's
// codes, to find and remove the marks of a copy or to plant a partner's
// codes in a forged leak: if it leaks, codes made under it prove nothing
// from then on, and a new key must be used. A copy can only be traced
// with the key and the advisory revision it was marked under, so keep
// every key that ever marked a copy, with the advisories it marked.
//
// # A wrong key
//
// Under a wrong key, every code is unrelated to those the copies carry:
// searched with it, a marked copy holds no code, like a leak that was
// never marked. Marks can still be recognised without the key, by the text
// around them: the reference sentence, and the advisory's text on each
// side of a placeholder. [Index.CheckKey] looks for them; if a text has
// marks and none is a code of any partner under the key, the key is not
// the one the copy was marked with (or the advisory revision or the
// partner list is not the one it was marked for, or the marks were
// changed), and it returns an error wrapping [ErrWrongKey]. Identify does
// so whenever it finds no code. A leak that has neither codes nor marks
// says nothing about the key.
//
// # Determinism and concurrency
//
// Mark, NewIndex and Identify are pure: every input is a parameter; they
// read no clock, use no randomness, keep no state and do no I/O. The same
// inputs give the same output, byte for byte once marshalled, and every
// list in it is sorted by a documented key. They never modify their
// inputs, and their results share no memory with them. They, and an
// Index's Identify and CheckKey, are safe for concurrent use.
package trace
