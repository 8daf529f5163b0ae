package main

// What export prints: the copies written, and for whom none was.

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// exportReport is what export did.
type exportReport struct {
	dir            string
	copies         []exported
	denied         []*disclosure.Disclosure
	removed, stale []staleCopy
	keepStale      bool
	failed         bool
	ledger         *ledgerReport // with --ledger
	keyFile        string        // --mark-key-file, as displayed
	marker         *copyMaker    // nil: the copies are not marked
}

// ledgerReport is what export did with the record.
type ledgerReport struct {
	file    string
	existed bool // the record was there before
	at      time.Time
	head    ledger.Head // after the entries added
	added   int
	due     []exported // not due at at
	current []string   // partners that hold all of their copy
}

// write lists what was written, and for whom nothing was, as tables.
func (r *exportReport) write(w io.Writer, in *inputs) {
	zone := programZone(&in.policy)
	writeAdvisoryHeader(w, &in.advisory, zone)
	writeSource(w, in)
	lr := r.ledger
	if lr != nil {
		was := entries(lr.head.N-int64(lr.added)) + " when read"
		if !lr.existed {
			was = "not there yet: created by its first entry"
		}
		field(w, "Record", lr.file+", "+was)
		field(w, "At", fmt.Sprintf("%s = %s", local(lr.at, zone), utc(lr.at)))
	}
	written := 0
	for _, cp := range r.copies {
		if cp.done {
			written++
		}
	}
	n := fmt.Sprintf("%d documents", written)
	if written == 1 {
		n = "1 document"
	}
	field(w, "Wrote", n+" into "+r.dir)
	if written > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		header := "FILE\tTLP\tSEND AT (UTC)\tHEAD START\tHOLDS"
		if lr != nil {
			header += "\tNEW"
		}
		fmt.Fprintln(tw, header)
		for _, cp := range r.copies {
			if !cp.done {
				continue
			}
			row := []string{filepath.ToSlash(cp.path), string(cp.d.TLP), utc(cp.d.ReleaseAt), headStart(cp.d), receives(cp.d)}
			if lr != nil {
				row = append(row, newClasses(cp.update))
			}
			fmt.Fprintln(tw, cells(row))
		}
		tw.Flush()
	}
	if written < len(r.copies) {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Not written, because of the error above:")
		for _, cp := range r.copies {
			switch {
			case cp.done:
			case cp.err != nil:
				fmt.Fprintf(w, "  %s (failed)\n", oneLine(filepath.ToSlash(cp.path)))
			default:
				fmt.Fprintf(w, "  %s\n", oneLine(filepath.ToSlash(cp.path)))
			}
		}
	}
	if lr != nil {
		lr.write(w, r.copies)
	}
	if len(r.denied) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Not entitled, no document:")
		for _, d := range r.denied {
			fmt.Fprintf(w, "  %s (%s: %s)\n", oneLine(d.PartnerID), d.Reasons[0].Code, oneLine(d.Reasons[0].Detail))
		}
	}
	list := func(title string, copies []staleCopy) {
		if len(copies) == 0 {
			return
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, title)
		for _, c := range copies {
			fmt.Fprintf(w, "  %s (%s)\n", oneLine(filepath.ToSlash(c.path)), c.why)
		}
	}
	if r.marker != nil && written > 0 {
		var done []disclosure.Disclosure
		for _, cp := range r.copies {
			if cp.done {
				done = append(done, *cp.d)
			}
		}
		writeMarkings(w, r.keyFile, done, r.marker.marks)
	}
	list("Removed, as the plan no longer gives them as they are:", r.removed)
	list("Stale, kept (--keep-stale): the plan no longer gives them as they are:", r.stale)
	if lr != nil {
		lr.writeHead(w)
	}
}

// write lists the copies written and not recorded, those not due, and the
// partners that hold all of their copy.
func (lr *ledgerReport) write(w io.Writer, copies []exported) {
	var unrecorded []string
	for _, cp := range copies {
		if cp.done && cp.seq == 0 {
			unrecorded = append(unrecorded, oneLine(filepath.ToSlash(cp.path)))
		}
	}
	if len(unrecorded) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "Written, not recorded, because of the error above: %s\n", strings.Join(unrecorded, ", "))
	}
	if len(lr.due) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Not due yet, not written:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  PARTNER\tDUE (UTC)\tNEW")
		for _, cp := range lr.due {
			fmt.Fprintln(tw, "  "+cells([]string{cp.d.PartnerID, utc(cp.d.ReleaseAt), newClasses(cp.update)}))
		}
		tw.Flush()
	}
	if len(lr.current) > 0 {
		fmt.Fprintln(w)
		paragraph(w, "Nothing new, nothing written (they hold all of their copy): "+strings.Join(lr.current, ", ")+".")
	}
}

// writeHead writes how many entries were recorded, and the head.
func (lr *ledgerReport) writeHead(w io.Writer) {
	fmt.Fprintln(w)
	added := entries(int64(lr.added))
	if lr.added == 0 {
		added = "nothing"
	}
	field(w, "Recorded", fmt.Sprintf("%s; the record has %s. Keep its head apart from it, "+
		"to check it later with \"disclose ledger verify %s --head HEAD\":", added, entries(lr.head.N), lr.file))
	field(w, "Head", lr.head.String())
}

// entries says how many entries: "1 entry", "5 entries".
func entries(n int64) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}

// newClasses says which classes the parts an update sends are of, by
// sensitivity, each "(changed)" if the partner holds another version of
// one of its parts; "nothing" if it sends none, and "all of it" to a
// partner that holds nothing.
func newClasses(u *ledger.Update) string {
	switch {
	case u == nil || len(u.Send) == 0:
		return "nothing"
	case len(u.Held) == 0:
		return "all of it: a first copy"
	}
	changed := map[disclosure.Class]bool{}
	var classes []disclosure.Class
	for _, c := range u.Send {
		if _, seen := changed[c.Class]; !seen {
			classes = append(classes, c.Class)
		}
		changed[c.Class] = changed[c.Class] || c.Changed
	}
	sortClasses(classes)
	names := make([]string, len(classes))
	for i, c := range classes {
		names[i] = string(c)
		if changed[c] {
			names[i] += " (changed)"
		}
	}
	return strings.Join(names, ", ")
}

// sortClasses sorts classes by sensitivity.
func sortClasses(cs []disclosure.Class) {
	slices.SortFunc(cs, func(a, b disclosure.Class) int { return a.Sensitivity() - b.Sensitivity() })
}

// exportedJSON is one partner's entry in the JSON output of export.
type exportedJSON struct {
	Partner   string             `json:"partner"`
	Entitled  bool               `json:"entitled"`
	File      string             `json:"file,omitempty"`
	SHA256    string             `json:"sha256,omitempty"`
	ReleaseAt *time.Time         `json:"release_at,omitempty"`
	TLP       disclosure.TLP     `json:"tlp,omitempty"`
	Classes   []disclosure.Class `json:"classes,omitempty"`
	Reason    *disclosure.Reason `json:"reason,omitempty"`    // why not entitled
	Reference string             `json:"reference,omitempty"` // the copy's reference code, when marked
	Codes     int                `json:"codes,omitempty"`     // how many different codes the copy holds, when marked
	Written   *bool              `json:"written,omitempty"`   // false when an error stopped the export first
	Error     string             `json:"error,omitempty"`
	// With --ledger: the entry that recorded the copy, and the parts it
	// gives that the partner did not hold.
	Seq int64    `json:"seq,omitempty"`
	New []string `json:"new,omitempty"`
}

// dueJSON is a copy not due yet, in the JSON output of export --ledger.
type dueJSON struct {
	Partner   string    `json:"partner"`
	ReleaseAt time.Time `json:"release_at"`
	New       []string  `json:"new"`
}

// ledgerJSON is what export --ledger did with the record, in JSON.
type ledgerJSON struct {
	File     string    `json:"file"`
	At       time.Time `json:"at"`
	Head     string    `json:"head"`
	Recorded int       `json:"recorded"`
	Due      []dueJSON `json:"due"`
	Current  []string  `json:"current"`
}

// exportOutput is what export --format json prints.
type exportOutput struct {
	Partners []exportedJSON `json:"partners"`
	Removed  []string       `json:"removed"`
	Stale    []string       `json:"stale"`
	Ledger   *ledgerJSON    `json:"ledger,omitempty"`
}

// partNames returns the names of the parts an update sends.
func partNames(u *ledger.Update) []string {
	names := []string{}
	if u != nil {
		for _, c := range u.Send {
			names = append(names, c.Part.String())
		}
	}
	return names
}

// json returns what --format json prints.
func (r *exportReport) json() any {
	v := exportOutput{Partners: []exportedJSON{}, Removed: []string{}, Stale: []string{}}
	for _, cp := range r.copies {
		x := exportedJSON{Partner: cp.d.PartnerID, Entitled: true, File: filepath.Join(r.dir, cp.path), SHA256: cp.sum,
			ReleaseAt: &cp.d.ReleaseAt, TLP: cp.d.TLP, Classes: cp.d.Classes, Seq: cp.seq}
		if r.marker != nil && cp.done {
			if m, ok := r.marker.marking(cp.d.PartnerID); ok {
				x.Reference, x.Codes = m.reference, m.distinct
			}
		}
		if !cp.done {
			x.Written = new(bool)
		}
		if cp.err != nil {
			x.Error = cp.err.Error()
		}
		if r.ledger != nil {
			x.New = partNames(cp.update)
		}
		v.Partners = append(v.Partners, x)
	}
	for _, d := range r.denied {
		v.Partners = append(v.Partners, exportedJSON{Partner: d.PartnerID, Reason: &disclosure.Reason{Code: d.Reasons[0].Code, Detail: d.Reasons[0].Detail}})
	}
	for _, c := range r.removed {
		v.Removed = append(v.Removed, filepath.Join(r.dir, c.path))
	}
	for _, c := range r.stale {
		v.Stale = append(v.Stale, filepath.Join(r.dir, c.path))
	}
	if lr := r.ledger; lr != nil {
		l := &ledgerJSON{File: lr.file, At: lr.at.UTC(), Head: lr.head.String(), Recorded: lr.added,
			Due: []dueJSON{}, Current: append([]string{}, lr.current...)}
		for _, cp := range lr.due {
			l.Due = append(l.Due, dueJSON{Partner: cp.d.PartnerID, ReleaseAt: cp.d.ReleaseAt, New: partNames(cp.update)})
		}
		v.Ledger = l
	}
	return v
}
