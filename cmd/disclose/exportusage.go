package main

var exportCmd = &command{
	name:    "export",
	run:     runExport,
	summary: "write each partner its own copy: CSAF of a CSAF advisory, JSON of a native one",
	usage: `Usage: disclose export (--partner ID | --all) --out DIR --advisory FILE --partners FILE [input flags] [--ledger FILE [--at TIME]] [--mark-key-file FILE] [--keep-stale] [--format table|json]

Writes each entitled partner its own copy of an advisory, in the
advisory's format.

Of a CSAF 2.0 or 2.1 advisory, the copy is the document without any note,
remediation, threat or other element of a class the partner does not
receive, labelled with the partner's TLP (CSAF 2.0 has only WHITE, GREEN,
AMBER and RED: CLEAR is written WHITE and AMBER+STRICT is written AMBER,
the text saying TLP:AMBER+STRICT), and a distribution text naming the
partner, its release instant and the public release (and quoting the
original's), and, in CSAF 2.1, the partner's sharing group. Each copy is
a document of its own: its tracking ID is the advisory's, "+" and the
partner ID (RHSA-2021:5186+jinlumo), and its references to the original
say whose copy it is. It goes to DIR/PARTNER/NAME, where NAME is the CSAF
file name of that tracking ID (in lower case: rhsa-2021_5186+jinlumo.json).

Of an advisory of this tool's format, the copy is the partner's redacted
advisory in that format (the "advisory" of its disclosure in "disclose
plan --format json"), labelled with the partner's TLP, at DIR/PARTNER/NAME
named the same way (adv-2025-0042+jinlumo.json).

Directories are created readable by their owner only, and files likewise.
Each copy is made and written before the next: into a temporary file
beside it, synced, then renamed over NAME, so that an existing copy is
replaced whole or not at all.

Without --ledger, a copy is written whatever the time: send it to the
partner at its release instant, which the list printed on standard output
gives, with the classes each copy holds. Partners that are not entitled
get no copy: --all lists them with the reason, and --partner with such a
partner is an error.

With --ledger FILE, export keeps the record of what each partner holds
(go doc github.com/disclosurekit/disclosure/ledger). It reads the record
and checks every line first: a record that is not intact is an error, and
nothing is written. Then it writes only the copies due at --at (default:
now) that give the partner something it does not hold yet, and records
each one, as released at --at, once it is written: a copy not written is
never recorded, and a copy not due is never written. Run again later,
with the same advisory or a new revision, a changed policy or partner
list, it writes and records only what became due or new since: a partner
that holds all of its copy gets nothing, not even the same copy again.
The record is created if absent, readable by its owner only; each entry
is appended and synced as its copy is written. The output ends with the
record's head: keep it apart from the record, and "disclose ledger verify
FILE --head HEAD" also shows lines cut from its end. One export at a time
may append to a record.

A copy that would fail a CSAF mandatory test that the advisory passes,
because what the test requires of the document's category is of a class
the partner does not receive (the notes of a security advisory's
vulnerability, an impact statement of a VEX document...), is refused: the
export stops, naming the test and the element.

Copies the plan no longer gives as they are are removed: a copy of this
advisory (a file DIR/P/NAME holding P's copy's tracking ID, or for this
tool's format the advisory's ID; or, written by an earlier version, the
CSAF advisory's own file name and tracking ID, naming P in its
distribution text) where P gets no copy now (it is suspended, excluded,
no longer entitled, or no longer in the list), or, without --ledger,
where P's copy now differs (its tier changed, it is now restricted, its
new copy was not written, or it was marked under another key, or marked
when this export marks none, or the other way round); with --ledger, the
copy a partner holds stays until its new one is due. This holds with
--partner too: the other partners' copies are checked, not rewritten. The
output lists what was removed and why; --keep-stale lists them and
removes nothing. Nothing else in DIR is removed: not the directories, not
other files, not another advisory's copies, and a file at DIR/P/NAME that
is not a copy of this advisory is never replaced (two tracking IDs can
have the same file name).

A file that cannot be written stops the export: the output lists the
copies written and those not, the stale copies are still removed (which
only withholds), and the exit status is 1. So is --partner with a
partner that is not entitled, after its old copy is removed.

With --mark-key-file, each copy is marked for tracing as "disclose plan
--mark-key-file" marks it, and the record lists the codes each one
carries. A copy of this tool's format is plan's marked copy. In a CSAF
copy, each {{mark}} placeholder of an element the copy keeps (a note's
title or text, a remediation's details...) becomes a code of the
partner's, the same as in plan's copy, and the copy's reference code is
its last document note (category general, titled "Reference"). The list
printed gives each copy's reference and where its codes are. "disclose
trace", given the original document, names the partner from the copy or
any part of it. A placeholder outside every element (the document's
title, a product name) stays as written, with a warning. Without the
flag, every placeholder reaches every partner as written (with a
warning).

Classes of CSAF elements: notes of category summary, description or
general are description; details are technical-details; a note titled
with detection, indicators (IOC), reproduction, proof of concept (PoC) or
exploit gets that class if more sensitive; other notes are unclassified.
Remediations are mitigations. Threats: exploit_status is the summary,
impact the description, others unclassified. CWEs are the description,
flags technical-details. References to the document itself are the
summary; other references, acknowledgments, involvements, extensions and
unknown members are unclassified. The rest (tracking, product tree, CVEs,
scores, dates) is the summary, which every partner receives.

Flags:
  --partner ID      write the copy of this partner only
                    e.g. --partner jinlumo
  --all             write the copy of every entitled partner
                    e.g. --all
  --out DIR         the directory to write into
                    e.g. --out outbox
  --ledger FILE     the record of what each partner holds: write and
                    record only the copies due and new (see above)
                    e.g. --ledger outbox/record.jsonl
  --at TIME         with --ledger, the instant the copies written are
                    released at: those due by then are written, and
                    recorded as released then. An RFC 3339 time with a
                    zone offset, not later than now (default: now)
                    e.g. --at 2025-07-03T16:00:00Z
  --mark-key-file FILE
                    mark each copy with codes of its partner, under the key
                    in FILE (at least 16 bytes; 32 random ones are best),
                    as plan does ("disclose plan --help")
                    e.g. --mark-key-file mark.key
  --keep-stale      list the copies the plan no longer gives, but do not
                    remove them
                    e.g. --keep-stale
  --format FORMAT   table (default), or json: {"partners": [...],
                    "removed": [...], "stale": [...]}, each partner as
                    {"partner", "entitled": true, "file", "sha256",
                    "release_at", "tlp", "classes"} (marked: and
                    "reference", "codes") or {"partner",
                    "entitled": false, "reason": {"code", "detail"}}; a
                    copy an error left unwritten has "written": false (and
                    "error" if it failed); removed and stale list files.
                    With --ledger, each copy written also has "seq" (its
                    entry) and "new" (the parts it gives that the partner
                    did not hold), and "ledger" is {"file", "at", "head",
                    "recorded", "due": [{"partner", "release_at", "new"}],
                    "current": [...]}: the number of entries added, the
                    copies not due yet, and the partners that hold all of
                    their copy
                    e.g. --format json

` + inputFlagsHelp + `
Examples:
  disclose export --all --out outbox --advisory adv-2025-0042.json --partners partners.json
  disclose export --all --out outbox --advisory adv-2025-0042.json --partners partners.json --exclude jinlumo
  disclose export --all --out outbox --advisory adv-2025-0042.json --partners partners.json --keep-stale --format json
  disclose export --all --out outbox --advisory adv-2025-0042.json --partners partners.json --mark-key-file mark.key
  disclose export --all --out outbox --advisory advisory.json --partners partners.json --ledger outbox/record.jsonl
  disclose export --all --out outbox --advisory advisory.json --partners partners.json --ledger outbox/record.jsonl --at 2025-07-03T16:00:00Z
`,
}
