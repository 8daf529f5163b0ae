// Package ledger keeps the record of an early-warning program over time:
// which copy of which advisory went to which partner, and when, with the
// program's other events, in a file that shows any change made to it.
//
// A program records each copy it sends ([NewDelivery], [Record.Append])
// and its other events: an embargo that ended early, a partner suspended
// or removed, exploitation observed. [Read] and [Verify] check a record
// line by line; a [Head] kept apart from it also shows lines cut from its
// end.
//
// # The record
//
// A record is a file of JSON Lines: one entry per line, each line ending
// with a line feed, no empty line. Every entry has these members:
//
//   - "seq": its line number, from 1;
//   - "kind": "delivery", "embargo-ended", "partner-suspended",
//     "partner-removed" or "exploitation-observed";
//   - "at": for a delivery, when the copy was released to the partner
//     (never before the decision's release instant); for the others, when
//     the event happened;
//   - "prev": the hash of the entry before it, 64 zeros on line 1;
//   - "hash": its own hash (see below).
//
// A delivery also has "partner", "advisory" (IDs), "revision",
// "public_at" (the planned public release), "tlp" (the copy's label),
// "classes" (received, by sensitivity), "parts" (the copy's content, see
// [Parts]), "copy" (the SHA-256 of the copy's bytes as sent),
// "policy_digest" ([PolicyDigest]) and, when set, "trace" (the trace codes
// the copy carries, sorted) and "policy" (the policy's name). An
// embargo-ended entry has "advisory" and a "reason" of
// disclosure.EndReason. A partner-suspended or partner-removed entry has
// "partner" and a "reason" in words, and may name the "advisory" that
// led to it. An exploitation-observed entry has "advisory", and may have
// "classes" (what the attack needed) and a "reason" (what was seen,
// where). [Entry] lists the members in the order they are written.
//
// Each line is the entry's canonical JSON, which is what encoding/json
// writes for an [Entry]: the members in that order, the optional ones
// only when set, no space, strings escaped as that package escapes them,
// times in UTC as RFC 3339 with Z and only the fraction of a second they
// need, digests in lower-case hexadecimal. Reading is strict: an
// unknown or missing member, a time that is not in UTC or has no offset,
// a value that is not of its kind, or anything not canonical is an
// *[Error] naming the line and the JSON path, such as
//
//	line 7: parts[2].digest: required
//
// # What is hashed
//
// The record is a hash chain, as in Go's checksum database
// (golang.org/x/mod/sumdb/tlog) and Certificate Transparency, but plain:
// a list, not a tree. Every line ends with its hash member,
//
//	,"hash":"<64 hexadecimal digits>"}
//
// An entry's hash is the SHA-256 of its line without that member and
// without the line feed, closed with "}": the bytes of the canonical JSON
// of the entry without "hash". Since that JSON holds "prev", each hash
// covers every line up to its own. The first two lines of a record:
//
//	{"seq":1,"kind":"exploitation-observed","at":"2025-07-07T18:00:00Z","advisory":"ADV-2025-0042","reason":"attacks on SharePoint servers","prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":"69f5be6c4750147d84f8c2fd5c5967b6d731c638413f7b168cc4ee2bf9267635"}
//	{"seq":2,"kind":"embargo-ended","at":"2025-07-07T21:00:00Z","advisory":"ADV-2025-0042","reason":"exploited","prev":"69f5be6c4750147d84f8c2fd5c5967b6d731c638413f7b168cc4ee2bf9267635","hash":"dda2127594d5fa66ded41d6499cd88aaaf22c9261729ae3d2670b2f27380e134"}
//
// The first hash can be checked with any SHA-256 tool:
//
//	printf '%s' '{"seq":1,"kind":"exploitation-observed","at":"2025-07-07T18:00:00Z","advisory":"ADV-2025-0042","reason":"attacks on SharePoint servers","prev":"0000000000000000000000000000000000000000000000000000000000000000"}' | sha256sum
//	69f5be6c4750147d84f8c2fd5c5967b6d731c638413f7b168cc4ee2bf9267635  -
//
// A changed byte changes the hash of its line, which then no longer
// matches the line's "hash" member; a line changed with its hash computed
// again no longer matches the next line's "prev"; a line deleted,
// inserted, repeated or moved breaks "seq" and "prev". [Verify] names the
// first such line. It checks each line's hash before reading the line, so
// that a changed line is reported as changed, whatever the change broke;
// hashing every byte once is most of its cost.
//
// # The head
//
// The chain cannot show lines cut from its end, nor a record rewritten
// whole with every hash computed again. The head does: the number of
// entries and the last one's hash, written as one word,
//
//	2-dda2127594d5fa66ded41d6499cd88aaaf22c9261729ae3d2670b2f27380e134
//
// ([Head.String], [ParseHead]; the empty record's is 0 and 64 zeros).
// Kept apart from the record (in a ticket, a message to the partners, a
// signed note), it lets [Verify] check that the record still holds those
// entries, unchanged: a record that only grew since verifies against it.
//
// # Appending
//
// [Record.Append] sets an entry's seq, prev and hash and returns its line.
// It is idempotent: a delivery of a copy already recorded (same partner,
// advisory, revision and copy digest), or an event recorded before, adds
// nothing, so that a program can record each copy as it sends it and run
// again after a failure.
//
// # What a new decision changes
//
// A new revision of an advisory, a changed policy or partner list, or an
// early end of the embargo gives a new plan (disclosure.Plan).
// [Record.Changes] compares it with what each partner holds by the record
// ([Record.Holdings]), part by part: the summary, each section and each
// artifact, named across revisions by class, kind, title or name and
// compared by content digest ([Parts]). For each partner it returns an
// [Update]: the parts of its new copy it does not hold, new or changed,
// to send from its release instant; nothing if it holds them all. And
// what it holds that the new copy does not have, which cannot be
// recalled: Exposed, each part with its reason, the decision's when the
// partner no longer receives the class (restricted, suspended, removed),
// [CodeReplaced] or [CodeDropped] when the revision has another version
// of the part or none.
//
// # Who held what
//
// When exploitation begins, or a file leaks, [Record.Investigate] names
// every partner that held the content an attack needed (some classes, or
// any content) before that instant: since when, under which revision, its
// jurisdictions, and how many of the leak's trace codes (package trace)
// are its own; the longest holders first. The answer is the record's, and
// equals what replaying the plans that were sent gives.
//
// # Exposure in numbers
//
// [PlanExposure] and [Record.Exposure] count, per class, the partners that
// hold it before the public release, and the partner-hours in all: what
// a policy's leads and restrictions cost, planned or as it happened.
//
// # A program's run
//
// A program that sends copies reads its record ([Read]; a zero [Record]
// if there is none yet), plans (disclosure.Plan), asks
// [Record.Changes] what is new, and for each partner whose Update has
// something to send and is due, writes its copy, makes the entry
// ([NewDelivery]) and appends it, writing the line Append returns at the
// end of the file. It prints the head ([Record.Head]) for people to keep.
// To check the file later, [Verify] with that head; to see who held what,
// [Record.Investigate].
//
// Every function of the package is pure: it reads no clock and does no
// I/O but through the reader it is given.
package ledger
