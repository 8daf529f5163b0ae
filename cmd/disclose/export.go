package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// An exported is what became of one partner's copy.
type exported struct {
	d    *disclosure.Disclosure
	path string // relative to --out: PARTNER/NAME
	sum  string // the SHA-256 of the file written, in hex
	err  error  // why it was not written; nil if written or not tried
	done bool   // written
	// With --ledger: what the record says the copy gives that the
	// partner does not hold, and the entry that recorded it (0: none).
	update *ledger.Update
	seq    int64
}

// exportFlags are the flags of export besides the input flags.
type exportFlags struct {
	partner, out, format, ledger *stringFlag
	markKey                      *stringFlag // the input flags' --mark-key-file
	all, keepStale               *bool
	at                           *timeFlag
}

func runExport(e *env, c *command, args []string) int {
	cl := newFlags(c)
	f := exportFlags{
		partner:   stringVar(cl.FlagSet, "partner", "", ""),
		all:       cl.Bool("all", false, ""),
		out:       cl.required(stringVar(cl.FlagSet, "out", "", "")),
		keepStale: cl.Bool("keep-stale", false, ""),
		format:    cl.formatVar(),
		ledger:    stringVar(cl.FlagSet, "ledger", "", ""),
		at:        cl.instant("at"),
	}
	input := addInputFlags(cl, e)
	f.markKey = input.markKeyVar(cl)
	// The CLI alone reads the clock: "now" is read once, here.
	now := time.Now()
	cl.check(func() string { return f.check(now) })
	if code, done := cl.parse(e, args); done {
		return code
	}
	at := now.UTC().Truncate(time.Second)
	if f.at.set {
		at = f.at.t
	}

	in, key, problems := input.loadMarked(e, c)
	for i, p := range in.partners {
		if !safeName(p.ID) {
			problems = append(problems, problem{file: in.partnersFile, path: fmt.Sprintf("partners[%d].id", i),
				msg: fmt.Sprintf("%q cannot name a directory: export needs partner ids without /, \\ or ..", p.ID)})
		}
	}
	if info, err := os.Stat(f.out.value); err == nil && !info.IsDir() {
		problems = append(problems, problem{file: in.cmd, msg: "--out " + oneLine(f.out.value) + ": not a directory"})
	}
	var rf *recordFile
	if f.ledger.value != "" && len(problems) == 0 {
		var ps []problem
		rf, ps = openRecord(f.ledger.value)
		problems = append(problems, ps...)
		defer rf.close()
	}
	if len(problems) > 0 {
		return report(e, problems)
	}
	maker, err := newCopyMaker(in, key, e.stderr)
	if err != nil {
		fmt.Fprintf(e.stderr, "disclose export: %v\n", err)
		return exitInvalid
	}
	return f.export(e, in, maker, rf, at)
}

// check makes the checks of export's flags that are usage errors.
func (f *exportFlags) check(now time.Time) string {
	switch {
	case f.partner.value == "" && !*f.all:
		return "give --partner ID or --all"
	case f.partner.value != "" && *f.all:
		return "give --partner ID or --all, not both"
	case f.at.set && f.ledger.value == "":
		return "--at needs --ledger FILE: without a record, export writes every copy, whatever the time"
	case f.at.set && f.at.t.After(now):
		return fmt.Sprintf("--at %s is later than now: export writes a copy only once it is due, and records it as released at --at", utc(f.at.t))
	case f.ledger.value == "-":
		return "--ledger -: the record must be a file that export can append to"
	}
	return ""
}

// export writes the copies, records them with --ledger, removes the
// stale ones and prints what it did.
func (f *exportFlags) export(e *env, in *inputs, maker *copyMaker, rf *recordFile, at time.Time) int {
	var rec *ledger.Record
	if rf != nil {
		rec = rf.rec
	}
	sel, err := selectCopies(in.plan, f.partner.value, *f.all, rec, at)
	if err != nil {
		fmt.Fprintf(e.stderr, "disclose export: %v\n", err)
		return exitInvalid
	}
	if !sel.found {
		fmt.Fprintf(e.stderr, "disclose export: %s: no partner with id %q; %s\n", in.partnersFile, f.partner.value, partnerHint(f.partner.value, in.partners))
		return exitInvalid
	}
	copies, denied := sel.copies, sel.denied
	// With --partner, a partner that is not entitled gets no copy: an
	// error, but its old copy, if any, is still removed below.
	refused := !*f.all && len(denied) > 0

	if len(copies) > 0 && !refused && maker.key == nil {
		warnUnmarked(e, in, "not marked (no --mark-key-file)")
	}
	if f.format.value == "json" {
		noteSignals(e, in)
	}
	// Each copy is made, written, recorded and let go before the next:
	// memory holds one copy, however many partners there are.
	failed := false
	if err := recordEmbargoEnd(rf, &in.advisory, at); err != nil {
		fmt.Fprintf(e.stderr, "disclose export: %v\n", err)
		failed = true
	}
	for i := range copies {
		cp := &copies[i]
		cp.path = maker.path(cp.d.PartnerID)
		if failed || refused {
			continue
		}
		if err := writeCopy(maker, cp, f.out.value, rf, at); err != nil {
			cp.err = err
			fmt.Fprintf(e.stderr, "disclose export: %s: %v\n", oneLine(cp.d.PartnerID), err)
			failed = true
		}
	}

	// Copies of this advisory in DIR that the plan no longer gives as they
	// are, looked for even after an error: removing one only withholds.
	// With a record, a partner's copy stays until its new one is due.
	var removed, stale []staleCopy
	current := make(map[string]bool, len(in.plan))
	for _, cp := range copies {
		current[cp.d.PartnerID] = cp.done
	}
	if rf != nil {
		for i := range in.plan {
			current[in.plan[i].PartnerID] = in.plan[i].Entitled
		}
	}
	stale, err = staleCopies(e, maker, f.out.value, current)
	if err != nil {
		fmt.Fprintf(e.stderr, "disclose export: looking for stale copies: %v\n", err)
		failed = true
	}
	if !*f.keepStale {
		for len(stale) > 0 {
			if err := os.Remove(filepath.Join(f.out.value, stale[0].path)); err != nil {
				fmt.Fprintf(e.stderr, "disclose export: removing a stale copy: %v\n", err)
				failed = true
				break
			}
			removed, stale = append(removed, stale[0]), stale[1:]
		}
	}
	if refused {
		d := denied[0]
		fmt.Fprintf(e.stderr, "disclose export: %s is not entitled to %s (%s: %s); no document written\n",
			oneLine(d.PartnerID), oneLine(d.AdvisoryID), d.Reasons[0].Code, oneLine(d.Reasons[0].Detail))
		failed = true
	}

	if refused && len(removed) == 0 && len(stale) == 0 {
		return exitInvalid // nothing done: the message says why
	}
	r := exportReport{dir: f.out.value, copies: copies, denied: denied, removed: removed, stale: stale,
		keepStale: *f.keepStale, failed: failed}
	if maker.key != nil {
		r.keyFile, r.marker = displayName(f.markKey.value), maker
	}
	if rf != nil {
		r.ledger = &ledgerReport{file: rf.name, existed: rf.existed, at: at, head: rf.head, added: rf.added, due: sel.due, current: sel.current}
	}
	code := exitOK
	if f.format.value == "json" {
		code = writeJSON(e, r.json())
	} else {
		r.write(e.stdout, in)
	}
	if failed {
		return exitInvalid
	}
	return code
}

// A selection is what export is to do for the partners asked.
type selection struct {
	found   bool                     // the --partner asked is in the list
	copies  []exported               // to write
	denied  []*disclosure.Disclosure // not entitled
	due     []exported               // with --ledger: not due yet
	current []string                 // with --ledger: holding all of their copy
}

// selectCopies returns the copies of plan to write for the partner asked
// (or all): with a record, only those with something new by the record
// that are due at at.
func selectCopies(plan []disclosure.Disclosure, partner string, all bool, rec *ledger.Record, at time.Time) (selection, error) {
	var s selection
	updates := map[string]*ledger.Update{}
	if rec != nil {
		us, err := rec.Changes(plan)
		if err != nil {
			return s, err // unreachable: one plan is of one advisory, one decision per partner
		}
		for i := range us {
			updates[us[i].Partner] = &us[i]
		}
	}
	for i := range plan {
		d := &plan[i]
		if !all && d.PartnerID != partner {
			continue
		}
		s.found = true
		if !d.Entitled {
			s.denied = append(s.denied, d)
			continue
		}
		cp := exported{d: d}
		if rec != nil {
			u := updates[d.PartnerID]
			cp.update = u
			switch {
			case u == nil || len(u.Send) == 0:
				s.current = append(s.current, d.PartnerID)
				continue
			case !d.ReleasedBy(at):
				s.due = append(s.due, cp)
				continue
			}
		}
		s.copies = append(s.copies, cp)
	}
	return s, nil
}

// writeCopy makes cp's copy and writes it into dir; with a record, it then
// records it as released at at, and it writes no copy not due by then.
func writeCopy(maker *copyMaker, cp *exported, dir string, rf *recordFile, at time.Time) error {
	if rf != nil && !cp.d.ReleasedBy(at) {
		// selectCopies keeps such a copy for later; this only makes sure.
		return fmt.Errorf("not written: due at %s, after %s", utc(cp.d.ReleaseAt), utc(at))
	}
	data, mk, err := maker.make(cp.d)
	if err != nil {
		return err
	}
	var codes []string
	if mk != nil {
		codes = mk.codes
	}
	path := filepath.Join(dir, cp.path)
	if err := maker.checkReplace(path, cp.d.PartnerID); err != nil {
		return err
	}
	if err := writeAtomic(path, data); err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	cp.sum, cp.done = hex.EncodeToString(sum[:]), true
	maker.wrote(cp.d, data, mk)
	if rf == nil {
		return nil
	}
	entry, err := ledger.NewDelivery(*cp.d, data, at, maker.in.policy, codes)
	if err != nil {
		return fmt.Errorf("written, but not recorded: %w", err)
	}
	seq, err := rf.append(entry)
	if err != nil {
		return fmt.Errorf("written, but not recorded: %w", err)
	}
	cp.seq = seq
	return nil
}

// recordEmbargoEnd records the early end of the advisory's embargo, if it
// ended by at, before any copy it releases (once: the record keeps an
// event once).
func recordEmbargoEnd(rf *recordFile, a *disclosure.Advisory, at time.Time) error {
	end := a.Embargo
	if rf == nil || end.EndedAt.IsZero() || end.EndedAt.After(at) {
		return nil
	}
	_, err := rf.append(ledger.Entry{Kind: ledger.KindEmbargoEnded, At: end.EndedAt, Advisory: a.ID, Reason: string(end.Reason)})
	return err
}
